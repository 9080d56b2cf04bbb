"""The live preview's web server: serves the preview's site directory under the site's own
Content-Security-Policy, tells open tabs to reload after a rebuild (a long-poll from a small
script file, which the policy's 'self' allows), and while the content is broken answers every
page with the problems.

It never leaves a request hanging: a page waits at most ``WAIT_BUILD`` seconds for a build in
progress, and a tab's poll returns after ``WAIT_POLL`` seconds even when nothing changed.
"""

from __future__ import annotations

import html
import http.server
import logging
import mimetypes
import posixpath
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

log = logging.getLogger("mkdocs.kbgen.preview")

ROUTE = ".kbgen-preview/"
"""Where the preview's own files are, under the site's path (no site page can be there: content
paths starting with a dot are never published)."""
WAIT_BUILD = 60.0
WAIT_POLL = 25.0

SCRIPT = """\
// kbgen preview: reloads this page when the site changes; says so when the preview stops.
(function () {
  var me = document.currentScript;
  var version = me.getAttribute("data-version");
  var base = me.src.replace(/live\\.js(?:\\?.*)?$/, "");
  var note = null;
  function say(text) {
    if (!note) {
      note = document.createElement("p");
      note.setAttribute("role", "status");
      note.className = "kb-preview-note";
      note.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:.6em 1em;" +
        "background:#b71c1c;color:#fff;font:14px/1.4 sans-serif;z-index:100000";
      document.body.appendChild(note);
    }
    note.textContent = text;
  }
  function poll() {
    fetch(base + "wait?v=" + encodeURIComponent(version), { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.text();
      })
      .then(function (now) {
        if (now !== version) { location.reload(); } else { poll(); }
      })
      .catch(function () {
        say("The preview server does not answer: this page no longer updates by itself.");
        setTimeout(poll, 1000);
      });
  }
  poll();
})();
"""


class LiveState:
    """The preview's state, shared by the build loop and the request threads."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self._start = int(time.time() * 1000)
        self._count = 0
        self.version = f"{self._start}-0"
        """Changes on every rebuild that changed something; a tab on another version reloads."""
        self.problems: list[str] = []
        """While not empty, every page is answered with these lines."""
        self.building = False
        self.pending: set[str] = set()
        """Site paths being written after the pages were shown (the search index)."""

    def begin(self) -> None:
        """A build starts: page requests wait for it."""
        with self.cond:
            self.building = True

    def done(self, problems: list[str], changed: bool) -> None:
        """A build ended; tabs reload if it changed the site or the problems."""
        with self.cond:
            self.building = False
            if changed or problems != self.problems:
                self._count += 1
                self.version = f"{self._start}-{self._count}"
            self.problems = problems
            self.cond.notify_all()

    def hold(self, paths: Iterable[str]) -> None:
        """These site paths are being written: requests for them wait until ``release``."""
        with self.cond:
            self.pending |= set(paths)

    def release(self) -> None:
        with self.cond:
            self.pending.clear()
            self.cond.notify_all()

    def ready(self, path: str) -> str:
        """Wait (bounded) until no build is running and ``path`` is written; the version."""
        with self.cond:
            self.cond.wait_for(lambda: not self.building and path not in self.pending, timeout=WAIT_BUILD)
            return self.version

    def wait_change(self, version: str, timeout: float = WAIT_POLL) -> str:
        """The version once it differs from ``version``, or the same one after ``timeout``."""
        with self.cond:
            self.cond.wait_for(lambda: self.version != version and not self.building, timeout=timeout)
            return self.version


def problems_page(problems: list[str], script: str) -> bytes:
    """The page every URL shows while the content is broken (the problems as escaped text)."""
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    n = len(problems)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{n} problem{"s" if n != 1 else ""} - kbgen preview</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }}
h1 {{ color: #b71c1c; font-size: 1.5rem; }}
li {{ margin: .4rem 0; }} code {{ white-space: pre-wrap; word-break: break-word; }}
</style>
</head>
<body>
<main>
<h1>The preview cannot build the site</h1>
<p>Fix {"these problems" if n != 1 else "this problem"} and save: this page reloads by itself.</p>
<ul class="kb-preview-problems">
{items}
</ul>
</main>
{script}
</body>
</html>
""".encode()


def inject(page: bytes, script: str) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at its end)."""
    at = page.rfind(b"</body>")
    at = len(page) if at < 0 else at
    return page[:at] + script.encode() + page[at:]


class LiveServer(http.server.ThreadingHTTPServer):
    """Serves ``root`` at ``mount_path`` (``/`` or the path of the site's ``site_url``)."""

    daemon_threads = True

    def __init__(self, host: str, port: int, root: Path, mount_path: str, state: LiveState) -> None:
        self.root = root
        self.mount = "/" + mount_path.strip("/") + "/" if mount_path.strip("/") else "/"
        self.state = state
        super().__init__((host, port), _Handler)

    def policy(self) -> str | None:
        """The site's Content-Security-Policy (from the ``_headers`` the build wrote), so that
        the preview runs the pages under the policy they will be published with."""
        try:
            lines = (self.root / "_headers").read_text(encoding="utf-8").splitlines()
        except OSError:
            return None
        for line in lines:
            name, _, value = line.strip().partition(":")
            if name.strip().lower() == "content-security-policy" and line[:1].isspace():
                return value.strip()
        return None

    def script_tag(self, version: str) -> str:
        return f'<script src="{self.mount}{ROUTE}live.js" data-version="{html.escape(version)}"></script>'


class _Handler(http.server.BaseHTTPRequestHandler):
    server: LiveServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        log.debug(format, *args)

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        server, state = self.server, self.server.state
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == server.mount + ROUTE + "live.js":
            return self._send(200, SCRIPT.encode(), "application/javascript; charset=utf-8", body)
        if path == server.mount + ROUTE + "wait":
            seen = parse_qs(parts.query).get("v", [""])[0]
            return self._send(200, state.wait_change(seen).encode(), "text/plain; charset=utf-8", body)
        if not (path + "/").startswith(server.mount):
            if path == "/":
                return self._redirect(server.mount)
            return self._send(404, b"not found", "text/plain; charset=utf-8", body)
        rel = posixpath.normpath("/" + path[len(server.mount) :]).lstrip("/")
        rel = "" if rel == "." else rel
        wanted = f"{rel}/index.html" if path.endswith("/") and rel else (rel or "index.html")
        version = state.ready(wanted)
        file = server.root / wanted
        if file.is_dir():
            return self._redirect(quote(path) + "/")
        is_page = wanted.endswith(".html") or not file.exists()
        tag = ""
        if state.problems and is_page:
            page = problems_page(state.problems, server.script_tag(version))
            return self._send(500, page, "text/html; charset=utf-8", body)
        try:
            if not wanted.endswith(".html"):  # assets: the tab revalidates instead of downloading
                stat = file.stat()
                tag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
                if self.headers.get("If-None-Match") == tag:
                    return self._send(304, b"", _content_type(wanted), False, tag=tag)
            data = file.read_bytes()
            status = 200
        except OSError:
            status, wanted = 404, "404.html"
            try:
                data = (server.root / "404.html").read_bytes()
            except OSError:
                return self._send(404, b"not found", "text/plain; charset=utf-8", body)
        if wanted.endswith(".html"):
            data = inject(data, server.script_tag(version))
            return self._send(status, data, "text/html; charset=utf-8", body, policy=server.policy())
        self._send(status, data, _content_type(wanted), body, tag=tag)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(
        self, status: int, data: bytes, kind: str, body: bool, *, policy: str | None = None, tag: str = ""
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        if status != 304:
            self.send_header("Content-Length", str(len(data)))
        if tag:
            self.send_header("ETag", tag)
        self.send_header("Cache-Control", "no-cache" if tag else "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)


def _content_type(path: str) -> str:
    if path.endswith((".js", ".mjs")):
        return "application/javascript"
    if path.endswith(".json"):
        return "application/json"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"
