"""A static server for a built Switchboard site, mounted under a base path.

    python3 serve.py SITE_DIR [BASE_PATH]

Binds 127.0.0.1 on a port the kernel picks (no probe-then-bind race) and prints that port
on the first line of stdout. It behaves like the static hosts we publish to:

  * the site is served under BASE_PATH (default "/"): SITE_DIR/kpis/x/index.html is
    BASE_PATH + "kpis/x/"; anything outside BASE_PATH is a plain 404;
  * "/dir/" serves dir/index.html, "/dir" redirects to "/dir/", and a folder without an
    index.html is a 404 (never a listing);
  * an unknown path inside BASE_PATH gets the site's 404.html with status 404.

`Server` (below) runs it as a child process for site_audit.py and stops it by PID.
"""
import http.server
import io
import os
import posixpath
import select
import signal
import subprocess
import sys
import urllib.parse

TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
}


def normalise_base(base):
    """'cx-hub', '/cx-hub', '/cx-hub/' -> '/cx-hub/'; '' or '/' -> '/'."""
    parts = [p for p in (base or "/").split("/") if p]
    return "/" + "".join(p + "/" for p in parts)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    root = "."        # set by make_server
    base = "/"

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        # linkchecker throttles every host to 10 requests/s unless the server answers with
        # a "LinkChecker" header; this one is ours, so let it go faster.
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("SITE_AUDIT_SERVER_LOG"):
            sys.stderr.write("serve: %s\n" % (fmt % args))

    def guess_type(self, path):
        ext = posixpath.splitext(path)[1].lower()
        return TEXT_TYPES.get(ext) or super().guess_type(path)

    def send_head(self):
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        if path + "/" == self.base:
            return self._redirect(self.base, url.query)
        if not path.startswith(self.base):
            return self._not_found(site_page=False)
        rel = path[len(self.base):]
        clean = posixpath.normpath("/" + rel).lstrip("/")
        if clean.startswith("..") or "\x00" in clean:
            return self._not_found(site_page=False)
        fs = os.path.join(self.root, *[p for p in clean.split("/") if p and p != "."])
        if os.path.isdir(fs):
            if not path.endswith("/"):
                return self._redirect(url.path + "/", url.query)
            fs = os.path.join(fs, "index.html")
        if not os.path.isfile(fs):
            return self._not_found(site_page=True)
        return self._send_file(200, fs)

    def _send_file(self, status, fs):
        with open(fs, "rb") as fh:
            body = fh.read()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(fs))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _redirect(self, location, query):
        self.send_response(301)
        self.send_header("Location", location + ("?" + query if query else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def _not_found(self, site_page):
        page = os.path.join(self.root, "404.html")
        if site_page and os.path.isfile(page):
            return self._send_file(404, page)
        body = b"404 Not Found (outside the site's base path)\n"
        self.send_response(404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def make_server(root, base):
    handler = type("Handler", (SiteHandler,), {"root": os.path.abspath(root), "base": normalise_base(base)})
    http.server.ThreadingHTTPServer.daemon_threads = True
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)


class Server:
    """The server as a child process: start() returns self; stop() is safe to call twice."""

    def __init__(self, root, base="/"):
        self.root, self.base = os.path.abspath(root), normalise_base(base)
        self.proc, self.port = None, None

    def start(self, timeout=15):
        self.proc = subprocess.Popen(
            [sys.executable, "-B", os.path.abspath(__file__), self.root, self.base],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline().decode().strip() if ready else ""
        if not line.isdigit():
            self.stop()
            raise RuntimeError("the static server did not start (printed %r)" % line)
        self.port = int(line)
        return self

    @property
    def origin(self):
        return "http://127.0.0.1:%d" % self.port

    def url(self, rel=""):
        """URL of a path relative to the site root, e.g. 'kpis/' -> http://…/base/kpis/."""
        return self.origin + self.base + rel.lstrip("/")

    def stop(self):
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc.stdout:
            proc.stdout.close()


def _die_with_parent():
    """Ask Linux to SIGTERM us when the audit dies, even by SIGKILL (PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except Exception:
        pass


def main(argv):
    if len(argv) not in (2, 3) or not os.path.isdir(argv[1]):
        sys.exit("usage: serve.py SITE_DIR [BASE_PATH]")
    _die_with_parent()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    srv = make_server(argv[1], argv[2] if len(argv) == 3 else "/")
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv)
