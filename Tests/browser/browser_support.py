"""What the browser tests share: a Python that has selenium, headless Chromium, and the
pass/fail tally they print.

Import it before selenium: `browser_support.ensure_selenium()` re-runs the calling script
with a venv that has selenium (the site tools' or the site audit's) when this Python lacks it.
"""
import os
import shutil
import sys

VENVS = [os.environ.get("SITE_TOOLS_VENV", "/opt/site-tools/venv"), "/opt/switchboard-audit/venv"]
RESULTS = []


def ensure_selenium(name):
    try:
        import selenium  # noqa: F401
        return
    except ImportError:
        pass
    flag = "SWITCHBOARD_BROWSER_TEST_REEXEC"
    for venv in VENVS:
        py = os.path.join(venv, "bin", "python3")
        if os.path.exists(py) and not os.environ.get(flag):
            os.environ[flag] = "1"
            script = os.path.realpath(sys.argv[0])
            os.execv(py, [py, "-B", script] + sys.argv[1:])
    sys.exit("%s: selenium is not installed (run scripts/site-audit once)" % name)


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    print("%s %s%s" % ("ok  " if ok else "FAIL", name, (": " + detail) if detail and not ok else ""), flush=True)
    return ok


def finish(name):
    """Prints the tally line and exits 0 when every check passed."""
    passed = sum(RESULTS)
    print("%s: %d passed, %d failed" % (name, passed, len(RESULTS) - passed))
    sys.exit(0 if passed == len(RESULTS) else 1)


def browser(javascript=True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--no-proxy-server", "--window-size=1280,900"):
        opts.add_argument(arg)
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=opts)
    drv.set_page_load_timeout(30)
    return drv


def console_errors(drv):
    return [e["message"] for e in drv.get_log("browser")
            if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")]
