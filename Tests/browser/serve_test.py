#!/usr/bin/env python3
"""The authoring loop in headless Chromium: the acceptance test of `switchboard serve`.

usage: Tests/browser/serve_test.py [--switchboard BIN]

Copies the bundled hub into a temporary folder, runs `switchboard serve` on a free loopback
port, opens an entry page in Chromium and then, as an author would:
  * edits the entry's text: the open page must reload by itself and show the new sentence,
    and serve must print the rebuild time;
  * plants a YAML error in the same file: the open page must show the error overlay naming the
    file, line and hint, while the server keeps serving the last good build;
  * fixes the file: the overlay must go away and the page show the fixed text;
with no console error anywhere. The bundled hub in the repository is never touched.
Needs chromium, chromedriver and selenium (scripts/site-audit installs them); re-runs itself
with a venv that has them. Last line: "serve-test: N passed, M failed". Exit 0 when all passed.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.dont_write_bytecode = True
import browser_support  # noqa: E402
from browser_support import browser, check, console_errors  # noqa: E402

browser_support.ensure_selenium("serve-test")

import argparse  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
ENTRY = "content/kpis/average-handle-time.md"
PAGE = "kpis/average-handle-time/"
def until(fn, timeout=20):
    """Polls fn until it returns something true; returns it, or None after the timeout."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = fn()
            if value:
                return value
        except Exception:
            pass
        time.sleep(0.1)
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The overlay lives in a shadow root so the page's styles cannot hide it; read its text there.
OVERLAY_TEXT = """
const host = document.getElementById('switchboard-build-errors');
if (!host) return null;
const root = host.shadowRoot || host;
return root.textContent;
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--switchboard", default=os.path.join(ROOT, ".build", "release", "switchboard"))
    a = ap.parse_args()
    if not os.path.exists(a.switchboard):
        sys.exit("serve-test: no switchboard binary at %s (swift build first)" % a.switchboard)

    work = tempfile.mkdtemp(prefix="sb-serve-test-")
    hub = os.path.join(work, "hub")
    os.makedirs(hub)
    for folder in ("content", "templates"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(hub, folder))
    entry = os.path.join(hub, ENTRY)
    with open(entry, encoding="utf-8") as f:
        original = f.read()

    port = free_port()
    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w")
    server = subprocess.Popen([a.switchboard, "serve", "--source", hub, "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    drv = None

    def served():
        with open(log_path, encoding="utf-8") as f:
            return f.read()

    try:
        check("serve starts and builds", until(lambda: "serving http://127.0.0.1:%d/" % port in served(), 120) is not None,
              served()[-2000:])
        drv = browser()
        url = "http://127.0.0.1:%d/%s" % (port, PAGE)
        drv.get(url)
        check("the entry page is served", "Average handle time" in drv.title, drv.title)
        # Give the page its live-reload connection before the first edit.
        until(lambda: drv.execute_script("return performance.getEntriesByType('resource')"
                                          ".some(r => r.name.includes('__switchboard'))"), 10)
        time.sleep(0.5)

        # 1. An edit reloads the open page with the new text.
        drv.execute_script("window.__notReloaded = true;")
        sentence = "Edited by the serve test at %d." % int(time.time())
        rebuilds_before = served().count("rebuilt in")
        with open(entry, "w", encoding="utf-8") as f:
            f.write(original.rstrip("\n") + "\n\n" + sentence + "\n")
        shown = until(lambda: sentence in drv.find_element("tag name", "body").text, 20)
        check("editing the entry updates the open page", shown is not None)
        check("the page reloaded by itself", drv.execute_script("return window.__notReloaded === undefined;"))
        line = until(lambda: served().count("rebuilt in") > rebuilds_before and
                     re.findall(r"rebuilt in \d+ ms[^\n]*", served())[-1], 10)
        check("serve prints the rebuild time", bool(line), served()[-500:])
        if line:
            print("     serve said: " + line, flush=True)

        # 2. A YAML error shows the overlay, naming file, line and hint.
        broken = original.replace("title:", "title: [unclosed", 1)
        with open(entry, "w", encoding="utf-8") as f:
            f.write(broken)
        overlay = until(lambda: drv.execute_script(OVERLAY_TEXT), 20)
        check("a YAML error shows the overlay", overlay is not None)
        overlay = overlay or ""
        check("the overlay names the file and line", re.search(re.escape(ENTRY) + r":\d+(:\d+)?", overlay) is not None, overlay[:300])
        check("the overlay shows the hint", "YAML" in overlay and ("hint" in overlay.lower() or "indentation" in overlay), overlay[:300])
        check("the terminal prints the diagnostic", ENTRY in served() and "still serving the last good build" in served(),
              served()[-800:])
        drv.refresh()
        check("the last good build is still served, with the overlay",
              until(lambda: sentence in drv.find_element("tag name", "body").text and drv.execute_script(OVERLAY_TEXT), 10) is not None)

        # 3. Fixing the file removes the overlay.
        fixed = "Fixed by the serve test."
        with open(entry, "w", encoding="utf-8") as f:
            f.write(original.rstrip("\n") + "\n\n" + fixed + "\n")
        gone = until(lambda: drv.execute_script(OVERLAY_TEXT) is None and fixed in drv.find_element("tag name", "body").text, 20)
        check("fixing the file removes the overlay and shows the fix", gone is not None)
        errors = console_errors(drv)
        check("no console error", not errors, "; ".join(errors))
    finally:
        if drv:
            drv.quit()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        check("serve stops cleanly", server.returncode in (0, -15), str(server.returncode))
        shutil.rmtree(work, ignore_errors=True)

    browser_support.finish("serve-test")


if __name__ == "__main__":
    main()
