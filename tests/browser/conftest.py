"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright, and a local web server."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services, which this machine's network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _RecordingHandler(_QuietHandler):
    """Serves files, and accepts form posts (as Netlify Forms would), recording each one."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        self.server.posts.append((self.path, self.headers.get("Content-Type", ""), body))  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"ok")


def serve_dir(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a directory on a free loopback port; returns the server and its base URL.

    The server's ``posts`` list records every POST as (path, content type, body).
    """
    handler = functools.partial(_RecordingHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.posts = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (bash .ci/run does it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def demo_server(demo_site: Path) -> Iterator[tuple[http.server.ThreadingHTTPServer, str]]:
    server, url = serve_dir(demo_site)
    yield server, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def demo_url(demo_server: tuple[http.server.ThreadingHTTPServer, str]) -> Iterator[str]:
    yield demo_server[1]


class Tab:
    """A page plus everything it asked for, so tests can check requests and console errors."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def foreign_requests(self) -> list[str]:
        origin = self.base.rstrip("/")
        return [u for u in self.requests if not u.startswith((origin, "data:", "blob:"))]


@pytest.fixture
def tab(browser: Browser, demo_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Tab(context.new_page(), demo_url)
    context.close()


@pytest.fixture
def phone(browser: Browser, demo_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield Tab(context.new_page(), demo_url)
    context.close()


@pytest.fixture
def browser_no_js(browser: Browser, demo_url: str) -> Iterator[Tab]:
    context = browser.new_context(java_script_enabled=False)
    yield Tab(context.new_page(), demo_url)
    context.close()
