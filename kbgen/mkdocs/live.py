"""The live preview's web server: serves the preview's site directory under the site's own
Content-Security-Policy, tells open tabs to reload after a rebuild (a long-poll from a small
script file, which the policy's 'self' allows), and while the content is broken answers every
page with the problems.

It never leaves a request hanging: a page waits at most ``WAIT_BUILD`` seconds for a build in
progress, and a tab's poll returns after ``WAIT_POLL`` seconds even when nothing changed.

It answers only requests whose ``Host`` is a loopback name or the address the writer bound to
(so a page on another site cannot read the preview by pointing its own name at 127.0.0.1), a
bad path with 400, and never redirects to another host. A tab closed mid-answer is normal and
says nothing. Form posts (the site's feedback forms) go to :mod:`kbgen.mkdocs.inbox`.
"""

from __future__ import annotations

import html
import http.server
import ipaddress
import logging
import mimetypes
import posixpath
import re
import socket
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qs, quote

from kbgen.mkdocs import inbox
from kbgen.mkdocs.guard import WILDCARD, BadPathError, allowed_hosts, host_name, request_path

__all__ = ["WILDCARD", "LiveServer", "LiveState", "allowed_hosts"]

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

    def wait_change(self, version: str, timeout: float | None = None) -> str:
        """The version once it differs from ``version``, or the same one after ``timeout``
        (default ``WAIT_POLL``)."""
        timeout = WAIT_POLL if timeout is None else timeout
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

    def __init__(
        self,
        host: str,
        port: int,
        root: Path,
        mount_path: str,
        state: LiveState,
        posts: inbox.Inbox | None = None,
    ) -> None:
        self.root = root
        self.mount = "/" + mount_path.strip("/") + "/" if mount_path.strip("/") else "/"
        self.state = state
        self.hosts, self.any_address = allowed_hosts(host)
        self.posts = posts or inbox.Inbox(None)
        if ":" in host and hasattr(socket, "AF_INET6"):
            self.address_family = socket.AF_INET6
        super().__init__((host.strip("[]"), port), _Handler)

    def accepts_host(self, header: str | None) -> bool:
        """Whether a request with this ``Host`` header is for the preview (DNS rebinding)."""
        name = host_name(header)
        if name is None:
            return False
        if name in self.hosts:
            return True
        if not self.any_address:
            return False
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    def handle_error(self, request: object, client_address: object) -> None:
        """A tab that closed or navigated while it was answered is normal: nothing to say.
        Anything else is one line (the traceback with ``--verbose``-level logging)."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        log.error(f"the preview could not answer a request: {type(exc).__name__}: {exc}")
        log.debug("the preview's request failed", exc_info=True)

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


_TEXT = "text/plain; charset=utf-8"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: LiveServer
    protocol_version = "HTTP/1.1"
    timeout = 60
    """Seconds a socket read or write may stall (a post's body that never comes); the long
    poll waits without reading, so it is not cut."""

    def log_message(self, format: str, *args: object) -> None:
        log.debug(format, *args)

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def _checked(self, body: bool) -> tuple[str, str] | None:
        """The request's path and query, or None once it has been refused."""
        if not self.server.accepts_host(self.headers.get("Host")):
            self._send(403, b"forbidden: this preview answers only its own address\n", _TEXT, body)
            return None
        try:
            return request_path(self.path)
        except BadPathError as exc:
            self._send(400, f"bad request: the path has {exc}\n".encode(), _TEXT, body)
            return None

    def do_POST(self) -> None:
        server = self.server
        self.close_connection = True  # a refused post's body is not read: nothing may follow it
        checked = self._checked(True)
        if checked is None:
            return
        path, query = checked
        if not (path + "/").startswith(server.mount):
            return self._send(404, b"not found", _TEXT, True)
        try:
            post = inbox.receive(self.headers, self.rfile, host=self.headers.get("Host", ""))
            server.posts.accept(post)
        except inbox.RefusedError as exc:
            log.warning(f"refused a form post to {inbox.shown(path)}: {exc.reason}")
            return self._send(exc.status, f"{exc.reason}\n".encode(), _TEXT, True)
        # As Netlify Forms: the form's action page is shown (a redirect, so a reload does not post again).
        rel = _site_path(path, server.mount)
        trailing = "/" if path.endswith("/") and rel else ""
        self._redirect(server.mount + quote(rel) + trailing, query, status=303)

    def do_GET(self, body: bool = True) -> None:
        server, state = self.server, self.server.state
        checked = self._checked(body)
        if checked is None:
            return
        path, query = checked
        if path == server.mount + ROUTE + "live.js":
            return self._send(200, SCRIPT.encode(), "application/javascript; charset=utf-8", body)
        if path == server.mount + ROUTE + "wait":
            seen = parse_qs(query).get("v", [""])[0]
            return self._send(200, state.wait_change(seen).encode(), _TEXT, body)
        if not (path + "/").startswith(server.mount):
            if path == "/":
                return self._redirect(server.mount, "")
            return self._send(404, b"not found", _TEXT, body)
        rel = _site_path(path, server.mount)
        wanted = f"{rel}/index.html" if path.endswith("/") and rel else (rel or "index.html")
        version = state.ready(wanted)
        file = server.root / wanted
        if rel and file.is_dir():
            return self._redirect(server.mount + quote(rel) + "/", query)
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
                return self._send(404, b"not found", _TEXT, body)
        if wanted.endswith(".html"):
            data = inject(data, server.script_tag(version))
            return self._send(status, data, "text/html; charset=utf-8", body, policy=server.policy())
        self._send(status, data, _content_type(wanted), body, tag=tag)

    def _redirect(self, location: str, query: str, status: int = 302) -> None:
        """Redirect within the preview: ``location`` is a path built from the normalised site
        path, never from the request as sent (an encoded ``//`` would name another host)."""
        if not _LOCAL.match(location):
            location = self.server.mount
        if query and _QUERY.fullmatch(query):
            location += "?" + query
        self.send_response(status)
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


_LOCAL = re.compile(r"^/(?![/\\])[!#-~]*$")
"""A path on this host: one leading slash, printable ASCII (no ``//`` or ``/\\``, which name a host)."""
_QUERY = re.compile(r"[!-~]*")


def _site_path(path: str, mount: str) -> str:
    """The file path below the site's root that a request path under ``mount`` names."""
    rel = posixpath.normpath("/" + path[len(mount) :]).lstrip("/")
    return "" if rel == "." else rel


def _content_type(path: str) -> str:
    if path.endswith((".js", ".mjs")):
        return "application/javascript"
    if path.endswith(".json"):
        return "application/json"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"
