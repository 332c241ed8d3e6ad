"""Check 3: one page of every kind in headless Chromium (Selenium + Debian's chromedriver).

For each page: the HTTP status, JavaScript console errors (SEVERE entries of the browser
log, a missing /favicon.ico aside), axe-core (the copy bundled in selenium-axe-python;
serious and critical violations fail, moderate and minor are warnings) and a full-page
PNG screenshot. Then the self-assessment is loaded with an answer for every dimension and
its result must show up.
"""
import base64
import json
import os
import re
import shutil
import time
from urllib.parse import urlencode

from common import CheckResult, ToolError

WIDTH, HEIGHT = 1280, 900
MAX_SHOT_HEIGHT = 16384          # Chromium's limit for one captured texture
FAILING_IMPACTS = ("serious", "critical")
IGNORED_CONSOLE = [re.compile(r"/favicon\.ico\b")]
SETTLE = 0.3                      # seconds after the load event for late errors to be logged
NOT_A_PAGE = {"assets", "tags", "map", "compare"}   # top-level folders that are no collection


# ---- which pages --------------------------------------------------------------------------

def _has_index(site_dir, rel):
    return os.path.isfile(os.path.join(site_dir, rel, "index.html"))


def _subpages(site_dir, rel, pattern=None):
    """Sorted sub-folders of rel that hold an index.html (optionally matching a regex)."""
    folder = os.path.join(site_dir, rel)
    if not os.path.isdir(folder):
        return []
    return sorted(d for d in os.listdir(folder)
                  if not d.startswith(".") and _has_index(site_dir, os.path.join(rel, d))
                  and (pattern is None or re.fullmatch(pattern, d)))


def _body_kind(site_dir, rel):
    """The page's own word for its kind (<body class="kind-…">), as a tie-breaker."""
    try:
        with open(os.path.join(site_dir, rel, "index.html"), encoding="utf-8", errors="replace") as fh:
            m = re.search(r'<body[^>]*\bclass="[^"]*\bkind-([a-z0-9-]+)', fh.read(20000))
        return m.group(1) if m else None
    except OSError:
        return None


def discover_pages(site_dir):
    """[(label, path relative to the site root)] for one page of every kind the site has."""
    pages = []

    def add(label, rel):
        if rel == "" or rel.endswith(".html") or _has_index(site_dir, rel.rstrip("/")):
            pages.append((label, rel))

    add("home", "")
    collections, plain = [], []
    for d in _subpages(site_dir, ""):
        if d in NOT_A_PAGE:
            continue
        if _subpages(site_dir, d) or _body_kind(site_dir, d) == "collection":
            collections.append(d)
        else:
            plain.append(d)
    if collections:
        add("collection index", collections[0] + "/")
    for c in collections:
        entries = _subpages(site_dir, c)
        if entries:
            add("%s entry" % c, "%s/%s/" % (c, entries[0]))
    if plain:
        add("top-level page", plain[0] + "/")
    tags = _subpages(site_dir, "tags")
    if tags:
        add("tag page", "tags/%s/" % tags[0])
    add("tag index", "tags/")
    if os.path.isfile(os.path.join(site_dir, "404.html")):
        add("404 page", "404.html")
    add("hub map", "map/")
    add("search page", "search/")
    add("comparison", "compare/")
    pairs = _subpages(site_dir, "compare", r".+-vs-.+")
    if pairs:
        add("archetype pair", "compare/%s/" % pairs[0])
    add("vendor matrix", "compare/vendors/")
    vendors = _subpages(site_dir, "compare/vendors")
    if vendors:
        add("vendor scorecard", "compare/vendors/%s/" % vendors[0])
    add("dimension index", "compare/dimensions/")
    dims = _subpages(site_dir, "compare/dimensions")
    if dims:
        add("dimension page", "compare/dimensions/%s/" % dims[0])
    add("self-assessment", "compare/self-assessment/")
    return pages


def shot_name(rel, suffix=""):
    stem = rel[:-len(".html")] if rel.endswith(".html") else rel
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem.strip("/")) or "index"
    return stem + suffix + ".png"


# ---- the browser --------------------------------------------------------------------------

def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        raise ToolError("chromium or chromedriver not found")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--no-proxy-server",
                "--force-device-scale-factor=1", "--window-size=%d,%d" % (WIDTH, HEIGHT)):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Both paths given: Selenium Manager (which would download a browser) never runs.
    drv = webdriver.Chrome(service=Service(executable_path=driver), options=opts)
    # --window-size sets the outer window; pin the viewport itself.
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    drv.set_page_load_timeout(60)
    drv.set_script_timeout(120)
    return drv


def full_page_png(drv, path):
    metrics = drv.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    clip = {"x": 0, "y": 0, "scale": 1, "width": max(WIDTH, int(size["width"])),
            "height": min(MAX_SHOT_HEIGHT, max(HEIGHT, int(size["height"])))}
    shot = drv.execute_cdp_cmd("Page.captureScreenshot",
                               {"format": "png", "captureBeyondViewport": True, "clip": clip})
    with open(path, "wb") as fh:
        fh.write(base64.b64decode(shot["data"]))


def console_errors(drv, server, ignore=()):
    out = []
    for entry in drv.get_log("browser"):
        if entry.get("level") != "SEVERE":
            continue
        msg = " ".join(entry.get("message", "").split()).replace(server.origin, "")
        if not any(r.search(msg) for r in list(IGNORED_CONSOLE) + list(ignore)):
            out.append(msg)
    return out


def http_status(drv):
    return drv.execute_script(
        "var n = performance.getEntriesByType('navigation')[0];"
        "return n && typeof n.responseStatus === 'number' ? n.responseStatus : null;")


def run_axe(drv):
    from selenium_axe_python import Axe
    axe = Axe(drv)
    axe.inject()
    found = axe.run(options={"resultTypes": ["violations"]})
    if not isinstance(found, dict) or "violations" not in found:
        raise ToolError("axe-core returned no result")
    return found["violations"]


class PageVisit:
    def __init__(self, label, rel, url, expect):
        self.label, self.rel, self.url, self.expect = label, rel, url, expect
        self.status, self.console, self.failing, self.minor, self.problems = None, [], [], [], []
        self.shot, self.nearest = None, None


def visit(drv, server, shots, label, rel, query="", expect=200, axe=True, suffix="", ignore=(),
          then=None):
    """Load one page and check it; `then(drv, page)` runs after the load, before the shot."""
    url = server.url(rel) + query
    page = PageVisit(label, server.base + rel + query, url, expect)
    drv.get_log("browser")            # drop what the previous page left
    drv.get(url)
    time.sleep(SETTLE)
    page.status = http_status(drv)
    if then:
        then(drv, page)
    page.shot = os.path.join(shots, shot_name(rel, suffix))
    full_page_png(drv, page.shot)
    if axe:
        for v in run_axe(drv):
            targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
            line = "axe %s [%s] %s: %d node(s): %s%s" % (
                v.get("id"), v.get("impact"), v.get("help"), len(targets), ", ".join(targets[:4]),
                " …" if len(targets) > 4 else "")
            (page.failing if v.get("impact") in FAILING_IMPACTS else page.minor).append(line)
    page.console = console_errors(drv, server, ignore)
    return page


# ---- the self-assessment with answers -----------------------------------------------------

def assessment_answers(drv):
    """({dimension id: level}, None) for every dimension of the page's embedded rubric,
    or (None, what is wrong)."""
    raw = drv.execute_script(
        "var e = document.getElementById('sb-assessment-data'); return e ? e.textContent : null;")
    if raw is None:
        return None, "no <script id=\"sb-assessment-data\"> on the page"
    try:
        data = json.loads(raw)
        dims = [d["id"] for d in data["dimensions"]]
        scale = data.get("scale") or {}
        low, high = int(scale.get("min", 1)), int(scale.get("max", 5))
    except (ValueError, KeyError, TypeError) as e:
        return None, "sb-assessment-data is not the expected JSON (%s)" % e
    if not dims or high < low:
        return None, "sb-assessment-data has no dimensions or an empty scale"
    archetypes = data.get("archetypes") or []
    if archetypes:
        # Answer exactly as one archetype scores: the page must name it, at distance 0.
        chosen = archetypes[len(archetypes) // 2]
        levels = {d: int(round(chosen["scores"].get(d, low))) for d in dims}
    else:
        # walk the scale so that the answers differ from one dimension to the next
        levels = {d: low + i % (high - low + 1) for i, d in enumerate(dims)}
    return levels, None


def expected_result(data, levels):
    """(weighted score, nearest archetype title, distance) by the documented formulas,
    computed here independently of the page's script."""
    weights = {d["id"]: float(d.get("weight", 1)) for d in data["dimensions"]}
    total = sum(weights[d] for d in levels)
    score = sum(weights[d] * levels[d] for d in levels) / total
    best = None
    for a in data.get("archetypes") or []:
        shared = [d for d in levels if d in a["scores"]]
        if not shared:
            continue
        w = sum(weights[d] for d in shared)
        dist = (sum(weights[d] * (levels[d] - a["scores"][d]) ** 2 for d in shared) / w) ** 0.5
        if best is None or dist < best[1] - 1e-9:
            best = (a["title"], dist)
    return score, best


def _result_state(drv):
    return drv.execute_script(
        "var r = document.getElementById('sb-assessment-result'),"
        "    n = document.getElementById('sb-result-nearest');"
        "return {result: !!r, visible: !!r && !r.hidden && r.getClientRects().length > 0,"
        "        nearest: n ? n.textContent.trim() : ''};")


def check_answered(drv, server, shots, rel):
    """Load the self-assessment with every dimension answered; its result must show."""
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import TimeoutException

    drv.get(server.url(rel))
    levels, problem = assessment_answers(drv)
    if problem:
        page = PageVisit("self-assessment, answered", server.base + rel, server.url(rel), 200)
        page.status = http_status(drv)
        page.problems.append(problem)
        return page

    def wait_for_result(d, page):
        try:
            WebDriverWait(d, 5, poll_frequency=0.1).until(
                lambda d: (lambda s: s["visible"] and s["nearest"])(_result_state(d)))
        except TimeoutException:
            pass
        state = _result_state(d)
        if not state["result"]:
            page.problems.append("no #sb-assessment-result on the page")
        elif not state["visible"]:
            page.problems.append("#sb-assessment-result stays hidden with every dimension answered")
        if not state["nearest"]:
            page.problems.append("#sb-result-nearest is empty with every dimension answered")
        page.nearest = state["nearest"]
        unticked = d.execute_script(
            "var want = arguments[0], bad = [];"
            "Object.keys(want).forEach(function (k) {"
            "  var i = document.querySelector('input[type=radio][name=\"' + k + '\"][value=\"' + want[k] + '\"]');"
            "  if (!i || !i.checked) bad.push(k + '=' + want[k]); });"
            "return bad;", levels)
        if unticked:
            page.problems.append("answers in the query string not ticked: %s" % ", ".join(unticked))
        data = json.loads(d.execute_script("return document.getElementById('sb-assessment-data').textContent;"))
        score, nearest = expected_result(data, levels)
        shown_score = d.execute_script("var e = document.getElementById('sb-result-score'); return e ? e.textContent : '';")
        if ("%.1f" % score) not in shown_score:
            page.problems.append("weighted score shown as %r, expected %.1f" % (shown_score, score))
        if nearest and not state["nearest"].startswith(nearest[0]):
            page.problems.append("nearest archetype shown as %r, expected %s" % (state["nearest"], nearest[0]))
        if nearest and ("distance %.1f" % nearest[1]) not in state["nearest"]:
            page.problems.append("distance shown as %r, expected %.1f" % (state["nearest"], nearest[1]))

    return visit(drv, server, shots, "self-assessment, answered", rel, query="?" + urlencode(levels),
                 suffix="_answered", then=wait_for_result)


# ---- the check ----------------------------------------------------------------------------

def check(server, site_dir, shots):
    result = CheckResult("browser")
    os.makedirs(shots, exist_ok=True)
    pages = discover_pages(site_dir)
    visits = []
    drv = None
    try:
        drv = start_browser()
        for label, rel in pages:
            visits.append(visit(drv, server, shots, label, rel))
        if any(rel == "compare/self-assessment/" for _, rel in pages):
            visits.append(check_answered(drv, server, shots, "compare/self-assessment/"))
        if os.path.isfile(os.path.join(site_dir, "404.html")):
            # the 404 page as hosts serve it: at an unknown, deeper URL, with status 404
            rel = "no-such-page/site-audit/"
            own_404 = re.compile(re.escape(server.base + rel) + r".*\b404\b")
            visits.append(visit(drv, server, shots, "404 at an unknown URL", rel, expect=404,
                                axe=False, suffix="", ignore=[own_404]))
    except Exception as e:  # WebDriverException, but also urllib3's errors talking to chromedriver
        text = str(e).strip().splitlines()
        result.tool_error = "%s: %s" % (type(e).__name__, text[0] if text else "")
    finally:
        if drv is not None:
            try:
                drv.quit()
            except Exception:
                pass

    console = status = failing = minor = problems = 0
    for v in visits:
        flags = []
        if v.status != v.expect:
            flags.append("HTTP %s, expected %s" % (v.status, v.expect))
        bad = flags or v.console or v.failing or v.problems
        line = "%s %s (%s): HTTP %s, %d console errors, axe %d serious/critical + %d moderate/minor" % (
            "FAIL" if bad else "ok  ", v.rel, v.label, v.status, len(v.console), len(v.failing), len(v.minor))
        if v.nearest:
            line += "; result says: %s" % v.nearest
        result.details.append(line)
        for f in flags:
            result.errors.append("%s: %s" % (v.rel, f))
        for c in v.console:
            result.errors.append("%s: console error: %s" % (v.rel, c))
        for a in v.failing:
            result.errors.append("%s: %s" % (v.rel, a))
        for p in v.problems:
            result.errors.append("%s: %s" % (v.rel, p))
        for a in v.minor:
            result.warnings.append("%s: warning: %s" % (v.rel, a))
        console += len(v.console)
        status += len(flags)
        failing += len(v.failing)
        minor += len(v.minor)
        problems += len(v.problems)
    result.counts = {"pages": len(visits), "console errors": console, "bad statuses": status,
                     "axe serious/critical": failing, "axe moderate/minor": minor,
                     "self-assessment problems": problems}
    return result
