"""The built site under the headers Netlify would send (netlify.toml + the generated _headers):
pages load and work in Chromium with no Content-Security-Policy violation."""

from __future__ import annotations

import functools
import http.server
import threading
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import _RecordingHandler
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def _rules(site: Path) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) from netlify.toml's [[headers]] and the site's _headers file."""
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    rules = [(h["for"], dict(h["values"])) for h in config.get("headers", [])]
    current: dict[str, str] | None = None
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            current = {}
            rules.append((line.strip(), current))
        elif current is not None:
            name, value = line.strip().split(":", 1)
            current[name.strip()] = value.strip()
    return rules


class _HeadersHandler(_RecordingHandler):
    rules: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def end_headers(self) -> None:
        path = self.path.split("?")[0]
        for pattern, values in self.rules:
            if fnmatch(path, pattern):
                for name, value in values.items():
                    self.send_header(name, value)
        super().end_headers()


def serve_like_netlify(site: Path) -> Iterator[str]:
    """Serve a built site with the headers Netlify would send; yields its base URL."""
    handler = type("H", (_HeadersHandler,), {"rules": _rules(site)})
    serve = functools.partial(handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve)
    server.posts = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def netlify_like(demo_site: Path) -> Iterator[str]:
    yield from serve_like_netlify(demo_site)


def test_every_page_type_works_under_the_csp(browser: Browser, netlify_like: str) -> None:
    page = browser.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    response = page.goto(netlify_like)
    assert response is not None
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in csp

    for path in [
        "after-delivery/",
        "questions/how-to-descale/",
        "products/",
        "products/aero-one/",
        "contact/",
        "404.html",
    ]:
        page.goto(netlify_like + path)
        page.wait_for_load_state("networkidle")
    # the interactive parts: search (worker + index), help menu, feedback, product lookup
    page.goto(netlify_like + "search/?q=descale")
    expect(page.locator("#kb-search-results a[data-entry-id]").first).to_be_visible()
    page.goto(netlify_like + "questions/how-to-descale/")
    page.get_by_role("button", name="Help").click()
    expect(page.locator("#kb-help-menu")).to_be_visible()
    page.locator(".kb-feedback").get_by_role("button", name="Yes").click()
    expect(page.locator(".kb-feedback [data-kb-feedback-status]")).to_contain_text("Thank you")
    assert violations == []
    page.close()
