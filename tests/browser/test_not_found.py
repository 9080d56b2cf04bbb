"""The 404 page is a help page, as Netlify serves it: for any missing path, at any depth, the
body of ``404.html`` with status 404. On a phone it has the search box filled with the words of
the missing address, the popular questions and "Contact us", in the site's language; every link
and asset works from ``/a/b/c/``; the floating Help button leaves the footer readable; axe finds
nothing."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request, Response, expect

from kbgen.core.i18n import STRINGS
from tests.browser.test_axe import NO_TRANSITIONS, axe

pytestmark = pytest.mark.browser

PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}


class _NetlifyLike(http.server.SimpleHTTPRequestHandler):
    """A missing path gets the site's 404.html with status 404, as on Netlify."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def netlify(demo_site: Path, zh_site: Path) -> Iterator[dict[str, str]]:
    zh = zh_site
    servers = []
    urls = {}
    for name, directory in (("en", demo_site), ("zh", zh)):
        handler = functools.partial(_NetlifyLike, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


def _open(browser: Browser, url: str, options: dict[str, Any] = PHONE) -> tuple[Page, list[str]]:
    """A tab (a phone's by default) on ``url``; the list collects every failed request but the
    page's own 404."""
    page = browser.new_context(**options).new_page()
    failed: list[str] = []

    def check(response: Response) -> None:
        if response.status >= 400 and response.url != url:
            failed.append(f"{response.status} {response.url}")

    page.on("response", check)
    def aborted(request: Request) -> None:
        # net::ERR_ABORTED: the browser dropped it on leaving the page (the favicon, fetched after
        # load, when the test goes on to the search page at once), not a request that failed
        if request.failure != "net::ERR_ABORTED":
            failed.append(f"failed {request.url} {request.failure}")

    page.on("requestfailed", aborted)
    page.on("pageerror", lambda e: failed.append(f"error {e}"))
    response = page.goto(url)
    assert response is not None and response.status == 404
    page.wait_for_load_state("load")
    return page, failed


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_deep_missing_path_gets_a_help_page_in_the_sites_language(
    browser: Browser, netlify: dict[str, str], language: str
) -> None:
    t = STRINGS[language]
    base = netlify[language]
    page, failed = _open(browser, base + "a/b/c/how-to-descale_the%20machine.html")
    assert (page.locator("html").get_attribute("lang") or "").startswith(language)
    expect(page.locator("h1")).to_have_text(t["not_found_title"])
    assert t["not_found_title"] in page.title()
    expect(page.locator(".kb-not-found input[name=q]")).to_have_value("how to descale the machine")
    expect(page.get_by_role("heading", name=t["popular"])).to_be_visible()
    questions = page.locator(".kb-not-found .kb-questions a")
    assert questions.count() > 0
    expect(page.get_by_role("heading", name=t["contact_title"])).to_be_visible()
    # Material's stylesheet and scripts loaded from /a/b/c/: the header is styled, nothing failed.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    assert failed == []

    # Every link of the page's own content goes somewhere that exists.
    hrefs = page.locator(".kb-not-found a[href]").evaluate_all("as => as.map(a => a.href)")
    assert hrefs
    for href in hrefs:
        if href.startswith(base):
            status = page.request.get(href).status
            assert status == 200, href

    questions.first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(base + "questions/") and page.locator(".kb-answer__text").count() == 1
    page.context.close()


def test_its_search_box_searches(browser: Browser, netlify: dict[str, str]) -> None:
    page, failed = _open(browser, netlify["en"] + "old/help/descale/")
    box = page.locator(".kb-not-found input[name=q]")
    expect(box).to_have_value("descale")
    box.press("Enter")
    page.wait_for_url(netlify["en"] + "search/?q=descale*")  # the 404 page has no #kb-search
    page.wait_for_function("() => document.getElementById('kb-search')?.dataset.state === 'results'")
    assert page.locator("#kb-search-results a[data-entry-id]").count() > 0
    assert failed == []
    page.context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_help_button_leaves_the_footer_readable_and_axe_finds_nothing(
    browser: Browser, netlify: dict[str, str], language: str, viewport: str
) -> None:
    page, _ = _open(browser, netlify[language] + "a/b/c/missing", DESKTOP if viewport == "desktop" else PHONE)
    page.add_style_tag(content=NO_TRANSITIONS)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    button = page.locator(".kb-help__toggle").bounding_box()
    assert button is not None
    covered = page.evaluate(
        """b => [...document.querySelectorAll('.md-footer a, .md-footer p, .md-copyright, .kb-hotline,'
                + ' .kb-contact-strip a, .kb-not-found a')]
          .filter(e => e.offsetParent !== null && !e.closest('.kb-help'))
          .map(e => [e, e.getBoundingClientRect()])
          .filter(([e, r]) => r.width > 0 && r.left < b.x + b.width && r.right > b.x
                              && r.top < b.y + b.height && r.bottom > b.y)
          .map(([e, r]) => e.className || e.tagName)""",
        button,
    )
    assert covered == []
    assert axe(page) == []
    page.context.close()
