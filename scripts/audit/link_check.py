"""Check 2: links and anchors.

* linkchecker (Debian) crawls the served site from the base path's index page (and from
  404.html, which nothing links to), with unlimited recursion and its AnchorCheck plugin,
  so a missing page, asset or #fragment of another page is found. Every URL on the
  loopback host counts as internal, so a link that escapes the base path (a forgotten
  base URL) reaches the server, gets a 404 and is reported. External links are not fetched.
* bare same-page links (href="#x") are checked here, in every .html file, crawled or not:
  each needs an element with id="x" (or <a name="x">) in the same file; "#" and "#top" are
  fine. linkchecker's AnchorCheck is not to be relied on for them (it skips them in some
  setups), and what it does report about them is dropped so that nothing counts twice.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
from html.parser import HTMLParser

from common import CheckResult, ToolError, html_files


class _SamePageLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.targets, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.targets.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.targets.add(attrs["name"])
        href = attrs.get("href") or ""
        if tag in ("a", "area") and href.startswith("#") and len(href) > 1:
            line, col = self.getpos()
            self.links.append((href, line, col + 1))

    handle_startendtag = handle_starttag


def same_page_anchors(site_dir):
    """(file, line, col, href) of every bare #fragment link whose target is not on its page."""
    missing = []
    for rel in html_files(site_dir):
        path = os.path.join(site_dir, rel)
        parser = _SamePageLinks()
        with open(path, encoding="utf-8", errors="replace") as fh:
            parser.feed(fh.read())
        parser.close()
        for href, line, col in parser.links:
            frag = urllib.parse.unquote(href[1:])
            if frag not in parser.targets and frag.lower() != "top":
                missing.append((path, line, col, href))
    return missing


def _config(server, threads=4, timeout=20):
    # robotstxt=0: an audit must see every page, whatever robots.txt says to crawlers
    return ("[checking]\nthreads=%d\ntimeout=%d\nrecursionlevel=-1\nrobotstxt=0\n"
            "maxrequestspersecond=1000\n"
            "[filtering]\ncheckextern=0\ninternlinks=^%s/\n"
            "[AnchorCheck]\n" % (threads, timeout, re.escape(server.origin)))


def run_linkchecker(server, site_dir):
    exe = shutil.which("linkchecker")
    if not exe:
        raise ToolError("linkchecker not found")
    starts = [server.url("")]
    if os.path.isfile(os.path.join(site_dir, "404.html")):
        starts.append(server.url("404.html"))
    tmp = tempfile.mkdtemp(prefix="site-audit-")
    try:
        # linkchecker run as root switches to 'nobody': keep its config readable
        os.chmod(tmp, 0o755)
        cfg = os.path.join(tmp, "linkcheckerrc")
        with open(cfg, "w") as fh:
            fh.write(_config(server))
        os.chmod(cfg, 0o644)
        proc = subprocess.run([exe, "--config", cfg, "--no-status", "--verbose", "-o", "csv"] + starts,
                              capture_output=True, text=True, cwd=tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if proc.returncode not in (0, 1):
        tail = proc.stderr.strip().splitlines()[-5:]
        raise ToolError("linkchecker exited %d: %s" % (proc.returncode, " | ".join(tail)))
    # "# …" comment lines come before the header and after the last row; rows may start
    # with "#" too (a link written href="#x"), but comments have no ";" in them.
    text = proc.stdout
    start = text.find("urlname;")
    if start < 0:
        raise ToolError("could not read linkchecker's CSV output: %r" % text[-300:])
    table = list(csv.reader(io.StringIO(text[start:]), delimiter=";"))
    header, rows = table[0], [r for r in table[1:] if len(r) > 1]
    if "valid" not in header or not rows:
        raise ToolError("could not read linkchecker's CSV output: %r" % text[-300:])
    return [dict(zip(header, r)) for r in rows]


def check(server, site_dir):
    result = CheckResult("links")
    try:
        rows = run_linkchecker(server, site_dir)
    except (ToolError, OSError) as e:
        result.tool_error = str(e)
        return result

    def where_file(url):
        """The file behind a page URL of ours (editors open that), else the URL itself."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url.startswith(server.origin) else ""
        if path.startswith(server.base):
            rel = path[len(server.base):]
            rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
            if os.path.isfile(os.path.join(site_dir, rel)):
                return os.path.join(site_dir, rel)
        return url

    def position(r):
        try:
            return int(r.get("line") or 0), int(r.get("column") or 0)
        except ValueError:
            return 0, 0

    broken = anchors = 0
    pages, seen = set(), set()
    errors, warnings = [], []    # (file, line, col, text), sorted below: linkchecker's order varies
    for r in rows:
        url = r.get("url") or r.get("urlname") or ""
        key = (r.get("parentname"), r.get("line"), r.get("column"), url)
        if key in seen:
            continue
        seen.add(key)
        if url.startswith(server.origin):
            pages.add(url.split("#")[0])
        parent = r.get("parentname")
        # start URLs have no parent (and their line/column fields are not positions)
        where = (where_file(parent),) + position(r) if parent else ("(start URL)", 0, 0)
        link = r.get("urlname") or url
        warning = " ".join((r.get("warningstring") or "").split())
        if r.get("valid") == "False":
            broken += 1
            errors.append(where + ("broken link %s -> %s" % (link, " ".join((r.get("result") or "").split())),))
        elif warning and "Anchor" in warning and "not found" in warning:
            if link.startswith("#"):
                continue  # a bare same-page link: same_page_anchors() reports it, for every file
            anchors += 1
            errors.append(where + ("missing anchor %s -> %s" % (link, warning.split(" Available anchors")[0]),))
        elif warning:
            warnings.append(where + ("warning: %s -> %s" % (link, warning),))

    same_page = same_page_anchors(site_dir)
    for path, line, col, href in same_page:
        errors.append((path, line, col, "missing anchor %s (no id=\"%s\" on this page)"
                       % (href, urllib.parse.unquote(href[1:]))))
    for found, out in ((errors, result.errors), (warnings, result.warnings)):
        for f, line, col, text in sorted(found):
            out.append("%s: %s" % (f, text) if f == "(start URL)" else "%s:%d:%d: %s" % (f, line, col, text))
    result.counts = {"links": len(seen), "urls": len(pages), "broken": broken,
                     "missing anchors": anchors + len(same_page)}
    return result
