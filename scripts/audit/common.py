"""Shared bits of the site audit: the result of one check, and the site's HTML files."""
import os


class ToolError(Exception):
    """A checker could not be run (missing, crashed, unreadable output): exit status 2."""


class CheckResult:
    """What one check found. `errors` fail the audit; `warnings` are only reported."""

    def __init__(self, name):
        self.name = name
        self.errors = []      # lines to print, each naming where and what
        self.warnings = []
        self.counts = {}      # ordered numbers for the summary
        self.details = []     # one line per item checked (pages), shown before the findings
        self.tool_error = None

    @property
    def status(self):
        if self.tool_error:
            return "TOOL ERROR"
        return "FAILED" if self.errors else "OK"


def html_files(root):
    """Paths of the *.html files under root, relative and POSIX-style, sorted; hidden folders skipped."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith(".html"):
                found.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return sorted(found)
