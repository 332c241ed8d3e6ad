#!/usr/bin/env python3
"""Search, end to end in headless Chromium: the acceptance test of issue #8.

usage: Tests/browser/search_test.py [--switchboard BIN] [--keep DIR]

Builds the bundled hub twice (at the root, and under the sub-path /cx-hub/), serves each on
127.0.0.1 with scripts/audit/serve.py (a child process stopped by PID), and for each:
  * types "handle time" into the header box: the first option must be the Average handle
    time KPI, with the ARIA combobox state right (expanded, active descendant, selected);
    ArrowDown + Enter opens it; "/" focuses the box; Escape closes the list;
  * opens search/?q=containment, filters by the KPIs collection (every result must be a
    KPI, and the address must say so), then by an enum facet of the schema;
  * runs axe-core with the listbox open and on the search page: no serious or critical
    violation; and no console error anywhere;
  * loads the search page with JavaScript off: the collection links must be there.
Needs chromium, chromedriver, selenium and selenium-axe-python (scripts/site-audit or
/work/shared/tools/install-tools installs them); re-runs itself with a venv that has them.
Last line: "search-test: N passed, M failed". Exit 0 when all passed.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.dont_write_bytecode = True
import browser_support  # noqa: E402
from browser_support import browser, check, console_errors  # noqa: E402

browser_support.ensure_selenium("search-test")

import argparse  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "audit"))
sys.dont_write_bytecode = True
import serve  # noqa: E402


def axe_violations(drv):
    from selenium_axe_python import Axe
    axe = Axe(drv)
    axe.inject()
    found = axe.run(options={"resultTypes": ["violations"]})
    return ["%s (%s): %s" % (v["id"], v["impact"], v["help"]) for v in found["violations"]
            if v.get("impact") in ("serious", "critical")]


def wait(drv, fn, timeout=10):
    return WebDriverWait(drv, timeout).until(lambda d: fn(d))


def options(drv):
    return drv.find_elements(By.CSS_SELECTOR, "#sb-search-input-listbox [role=option]")


def header_box(drv, server, label):
    drv.get(server.url(""))
    body = drv.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    box = drv.find_element(By.ID, "sb-search-input")
    check(label + ": '/' focuses the search box", drv.switch_to.active_element == box)
    check(label + ": the box is a combobox", box.get_attribute("role") == "combobox"
          and box.get_attribute("aria-controls") == "sb-search-input-listbox")
    box.send_keys("handle time")
    try:
        wait(drv, lambda d: options(d) and "Average" in options(d)[0].text)
    except Exception:
        pass
    opts = options(drv)
    first = opts[0].text.split("\n")[0] if opts else "(no options)"
    check(label + ": 'handle time' lists Average handle time first", first.startswith("Average handle time"), first)
    check(label + ": the list is expanded", box.get_attribute("aria-expanded") == "true")
    marks = drv.find_elements(By.CSS_SELECTOR, "#sb-search-input-listbox [role=option] mark")
    check(label + ": matching words are highlighted", len(marks) > 0)
    violations = axe_violations(drv)
    check(label + ": axe, list open: no serious or critical violation", not violations, "; ".join(violations))
    box.send_keys(Keys.ARROW_DOWN)
    active = box.get_attribute("aria-activedescendant")
    check(label + ": ArrowDown makes the first option active", bool(opts) and active == opts[0].get_attribute("id")
          and opts[0].get_attribute("aria-selected") == "true", str(active))
    box.send_keys(Keys.ARROW_DOWN, Keys.ARROW_UP)
    check(label + ": ArrowUp goes back", box.get_attribute("aria-activedescendant") == active)
    box.send_keys(Keys.ESCAPE)
    check(label + ": Escape closes the list", box.get_attribute("aria-expanded") == "false"
          and not box.get_attribute("aria-activedescendant"))
    box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    try:
        wait(drv, lambda d: d.current_url.endswith("/kpis/average-handle-time/"))
    except Exception:
        pass
    check(label + ": Enter opens the active result", drv.current_url == server.url("kpis/average-handle-time/"),
          drv.current_url)
    errors = console_errors(drv)
    check(label + ": no console error (header box)", not errors, "; ".join(errors))


def result_links(drv):
    return [a.get_attribute("href") for a in drv.find_elements(By.CSS_SELECTOR, "#sb-search-results .search-result-title a")]


def search_page(drv, server, label):
    # Before any query there is nothing to show more of.
    drv.get(server.url("search/"))
    try:
        wait(drv, lambda d: d.find_elements(By.ID, "sb-filter-in"))
    except Exception:
        pass
    idle = drv.find_element(By.ID, "sb-search-more")
    check(label + ": no 'Show more' button before a query", not idle.is_displayed())
    drv.get(server.url("search/?q=containment"))
    try:
        wait(drv, lambda d: len(result_links(d)) > 0 and d.find_elements(By.ID, "sb-filter-in"))
    except Exception:
        pass
    links = result_links(drv)
    check(label + ": search page shows results for ?q=containment", len(links) > 0)
    check(label + ": the first result is about containment", bool(links) and "containment" in links[0],
          links[0] if links else "")
    check(label + ": results span several collections", len({l.split("/")[-3] for l in links}) > 1, str(links))
    status = drv.find_element(By.ID, "sb-search-status").text
    check(label + ": a status says how many results", "result" in status, status)
    violations = axe_violations(drv)
    check(label + ": axe, search page: no serious or critical violation", not violations, "; ".join(violations))

    more = drv.find_element(By.ID, "sb-search-more")
    if check(label + ": more than ten results offer a 'Show more' button", len(links) == 10 and more.is_displayed()):
        more.send_keys(Keys.ENTER)
        try:
            wait(drv, lambda d: len(result_links(d)) > 10)
        except Exception:
            pass
        focused = drv.switch_to.active_element.get_attribute("href")
        check(label + ": 'Show more' adds results and moves focus to the first new one",
              len(result_links(drv)) > 10 and focused == result_links(drv)[10], str(focused))

    Select(drv.find_element(By.ID, "sb-filter-in")).select_by_value("kpis")
    kpis = server.url("kpis/")
    try:
        wait(drv, lambda d: result_links(d) and all(l.startswith(kpis) for l in result_links(d)))
    except Exception:
        pass
    links = result_links(drv)
    check(label + ": the KPIs filter keeps only KPIs", bool(links) and all(l.startswith(kpis) for l in links), str(links))
    check(label + ": the filter is in the address", "in=kpis" in drv.current_url, drv.current_url)
    generation = drv.find_elements(By.ID, "sb-filter-kpis-generation")
    check(label + ": the KPIs' enum fields appear as filters", bool(generation))
    if generation:
        before = len(links)
        Select(generation[0]).select_by_value("next-generation")
        try:
            wait(drv, lambda d: "kpis.generation=next-generation" in d.current_url and len(result_links(d)) < before)
        except Exception:
            pass
        after = result_links(drv)
        check(label + ": an enum facet narrows the results", 0 < len(after) < before, "%d → %d" % (before, len(after)))
    violations = axe_violations(drv)
    check(label + ": axe, filtered: no serious or critical violation", not violations, "; ".join(violations))

    box = drv.find_element(By.ID, "sb-search-page-input")
    box.clear()
    box.send_keys("red flags in outcome-based contracts")
    try:
        wait(drv, lambda d: "outcome" in (result_links(d) or [""])[0])
    except Exception:
        pass
    links = result_links(drv)
    check(label + ": typing on the search page updates the results", bool(links) and "outcome" in links[0], str(links[:3]))
    errors = console_errors(drv)
    check(label + ": no console error (search page)", not errors, "; ".join(errors))

    # The same in the dark colour scheme: results, marks and the open list.
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        violations = axe_violations(drv)
        check(label + ": axe, dark search page: no serious or critical violation", not violations, "; ".join(violations))
        box = drv.find_element(By.ID, "sb-search-input")
        box.send_keys("handle time")
        try:
            wait(drv, lambda d: options(d))
        except Exception:
            pass
        box.send_keys(Keys.ARROW_DOWN)
        violations = axe_violations(drv)
        check(label + ": axe, dark list open: no serious or critical violation", bool(options(drv)) and not violations,
              "; ".join(violations))
    finally:
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def without_javascript(server, label):
    drv = browser(javascript=False)
    try:
        drv.get(server.url("search/?q=containment"))
        links = [a.get_attribute("href") for a in drv.find_elements(By.CSS_SELECTOR, "#sb-search-nojs a")]
        check(label + ": without JavaScript the search page links the collections", server.url("kpis/") in links, str(links))
    finally:
        drv.quit()


def build(switchboard, out, base_url):
    args = [switchboard, "build", "--source", ROOT, "--output", out] + (["--base-url", base_url] if base_url else [])
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("search-test: the build failed:\n" + run.stdout + run.stderr)


def main():
    ap = argparse.ArgumentParser(description="search acceptance test in headless Chromium")
    ap.add_argument("--switchboard", default=None, help="the switchboard binary (default: swift build's)")
    ap.add_argument("--keep", default=None, help="build into this folder and keep it")
    args = ap.parse_args()
    switchboard = args.switchboard
    if not switchboard:
        scratch = os.path.join(ROOT, ".build-search")
        subprocess.run(["swift", "build", "--scratch-path", scratch, "--product", "switchboard"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        switchboard = os.path.join(scratch, "debug", "switchboard")
    work = args.keep or tempfile.mkdtemp(prefix="sb-search-test-")
    drv = None
    try:
        for label, base_url, base in (("root", None, "/"), ("sub-path", "https://example.org/cx-hub/", "/cx-hub/")):
            out = os.path.join(work, label)
            build(switchboard, out, base_url)
            server = serve.Server(out, base).start()
            try:
                drv = drv or browser()
                header_box(drv, server, label)
                search_page(drv, server, label)
                without_javascript(server, label)
            finally:
                server.stop()
    finally:
        if drv:
            drv.quit()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    browser_support.finish("search-test")


if __name__ == "__main__":
    main()
