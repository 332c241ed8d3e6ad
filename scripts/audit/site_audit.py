"""site-audit: hold a built Switchboard site to the design's quality bars (a CI gate).

usage: scripts/site-audit [--base-path /sub/] [--shots DIR] SITE_DIR

Run through scripts/site-audit, which installs the tools first and starts this file with
the audit venv's Python. Checks, in order:
  html     Nu Html Checker (vnu.jar) over every .html file: errors fail, warnings are shown
  links    linkchecker crawl of the served site with anchor checking, plus same-page #links
  browser  one page of every kind in headless Chromium: HTTP status, console errors,
           axe-core (serious/critical fail), full-page screenshots; the self-assessment answered
Exit: 0 every bar met; 1 a bar missed; 2 a tool could not be installed or run (or bad usage).
"""
import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import CheckResult  # noqa: E402
import serve  # noqa: E402

MAX_WARNINGS_SHOWN = 50


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="site-audit", description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.split("\n")[4:]))
    ap.add_argument("site_dir", metavar="SITE_DIR", help="a folder written by `switchboard build`")
    ap.add_argument("--base-path", default="/",
                    help="the path part of the --base-url the site was built with (default /)")
    ap.add_argument("--shots", default="audit-shots",
                    help="folder for the screenshots (default: audit-shots/ here)")
    return ap.parse_args(argv)


def stop_on_signals():
    """SIGTERM/SIGHUP become SystemExit, so that `finally` stops the server and the browser."""
    def handler(signum, _frame):
        raise SystemExit(128 + signum)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, handler)


def report(result):
    counts = "" if result.tool_error else ", ".join("%d %s" % (n, k) for k, n in result.counts.items())
    print("\n== %s: %s%s" % (result.name, result.status, " (%s)" % counts if counts else ""))
    if result.tool_error:
        print("  could not run: %s" % result.tool_error)
    for line in result.details:
        print("  " + line)
    for line in result.errors:
        print("  " + line)
    shown = result.warnings[:MAX_WARNINGS_SHOWN]
    for line in shown:
        print("  " + line)
    if len(result.warnings) > len(shown):
        print("  … and %d more warnings" % (len(result.warnings) - len(shown)))
    sys.stdout.flush()


def summary(results):
    by = {r.name: r for r in results}
    parts = []
    h = by.get("html")
    if h and not h.tool_error:
        parts.append("html: %d files, %d errors, %d warnings" % (h.counts["files"], h.counts["errors"], h.counts["warnings"]))
    l = by.get("links")
    if l and not l.tool_error:
        parts.append("links: %d checked, %d broken, %d missing anchors"
                     % (l.counts["links"], l.counts["broken"], l.counts["missing anchors"]))
    b = by.get("browser")
    if b and not b.tool_error:
        parts.append("browser: %d pages, %d console errors, %d bad statuses, %d axe serious/critical, "
                     "%d axe moderate/minor%s" % (
                         b.counts["pages"], b.counts["console errors"], b.counts["bad statuses"],
                         b.counts["axe serious/critical"], b.counts["axe moderate/minor"],
                         ", %d self-assessment problems" % b.counts["self-assessment problems"]
                         if b.counts["self-assessment problems"] else ""))
    for r in results:
        if r.tool_error:
            parts.append("%s: could not run" % r.name)
    return "; ".join(parts)


def guarded(name, run):
    """Run one check; whatever escapes it makes it a tool error, never a bare traceback."""
    try:
        return run()
    except Exception as e:  # noqa: BLE001 — the audit must always end with its summary line
        r = CheckResult(name)
        text = str(e).strip().splitlines()
        r.tool_error = "%s: %s" % (type(e).__name__, text[0] if text else "")
        return r


def keep_loopback_direct():
    """A proxy in the environment (CI runners have them) must not see our loopback traffic:
    linkchecker, Selenium's calls to chromedriver and Chromium itself all talk to 127.0.0.1."""
    for var in ("no_proxy", "NO_PROXY"):
        have = [h for h in os.environ.get(var, "").split(",") if h.strip()]
        os.environ[var] = ",".join(have + [h for h in ("127.0.0.1", "localhost", "::1") if h not in have])


def built_for_base(site):
    """The path of the home page's canonical URL (the build's --base-url), if it has one."""
    import re
    import urllib.parse
    try:
        with open(os.path.join(site, "index.html"), encoding="utf-8", errors="replace") as fh:
            m = re.search(r'<link\s+rel="canonical"\s+href="([^"]+)"', fh.read(20000))
    except OSError:
        return None
    return serve.normalise_base(urllib.parse.urlsplit(m.group(1)).path) if m else None


def main(argv):
    a = parse_args(argv)
    site = a.site_dir
    if not os.path.isfile(os.path.join(site, "index.html")):
        print("site-audit: %s has no index.html: not a built site" % site, file=sys.stderr)
        print("site-audit: FAILED (no site to audit)")
        return 2
    base = serve.normalise_base(a.base_path)
    stop_on_signals()
    keep_loopback_direct()
    print("site-audit: %s served at %s, screenshots in %s" % (site, base, a.shots))
    built = built_for_base(site)
    if built and built != base:
        print("site-audit: note: the home page's canonical URL is under %s: was the site built for "
              "--base-path %s?" % (built, built))
    sys.stdout.flush()

    import html_check
    import link_check
    import browser_check

    results = []
    r = guarded("html", lambda: html_check.check(site))
    report(r)
    results.append(r)

    server = None
    try:
        try:
            server = serve.Server(site, base).start()
        except (RuntimeError, OSError) as e:
            for name in ("links", "browser"):
                r = CheckResult(name)
                r.tool_error = str(e)
                report(r)
                results.append(r)
        else:
            print("\n(serving on %s%s)" % (server.origin, base))
            for name, run in (("links", lambda: link_check.check(server, site)),
                              ("browser", lambda: browser_check.check(server, site, a.shots))):
                r = guarded(name, run)
                report(r)
                results.append(r)
    finally:
        if server:
            server.stop()

    print()
    line = summary(results)
    if any(r.tool_error for r in results):
        print("site-audit: FAILED (a tool could not run; %s)" % line)
        return 2
    if any(r.errors for r in results):
        print("site-audit: FAILED (%s)" % line)
        return 1
    print("site-audit: OK (%s)" % line)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        print("\nsite-audit: FAILED (interrupted)")
        sys.exit(130)
    except SystemExit as e:
        if isinstance(e.code, int) and e.code > 128:   # SIGTERM/SIGHUP, see stop_on_signals()
            print("\nsite-audit: FAILED (stopped by signal %d)" % (e.code - 128))
        raise
