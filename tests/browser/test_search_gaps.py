"""Search-gap capture (``search_gaps: true``): a search that found nothing reaches the feedback
endpoint as form "search-gap", once per page view, with the query only; off by default."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from tests.browser.test_headers import serve_like_netlify
from tests.conftest import MKDOCS_YML, entry, run_kbgen

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gaps_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gaps")
    config = MKDOCS_YML.format(language="en").replace("  - kbgen\n", "  - kbgen:\n      search_gaps: true\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    content = root / "content" / "after-delivery"
    content.mkdir(parents=True)
    (content / "how-to-descale.md").write_text(
        entry(question="How do I descale my machine?", summary="Run the descaling program monthly."),
        encoding="utf-8",
    )
    run_kbgen("build", cwd=root, check=True)
    return root / "site"


@pytest.fixture(scope="module")
def gaps_url(gaps_site: Path) -> Iterator[str]:
    yield from serve_like_netlify(gaps_site)  # with the site's CSP, as Netlify serves it


class Shopper:
    """A tab on the search page, recording the search-gap posts it makes."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.posts: list[Request] = []
        self.violations: list[str] = []
        page.on("request", lambda r: self.posts.append(r) if r.method == "POST" else None)
        page.on("console", lambda m: self.violations.append(m.text) if "Content Security" in m.text else None)
        page.goto(base + "search/")
        # expect() polls from Python: wait_for_function would eval a string, which the site's CSP forbids
        expect(page.locator("#kb-search")).to_have_attribute("data-state", "empty")

    def search(self, query: str, enter: bool = False) -> None:
        box = self.page.get_by_role("searchbox")
        box.fill("")
        box.press_sequentially(query, delay=20)
        root = self.page.locator("#kb-search")
        expect(root).to_have_attribute("data-query", query)
        expect(root).not_to_have_attribute("data-state", "empty")
        if enter:
            box.press("Enter")

    def wait_for_posts(self, n: int, seconds: float = 8) -> list[dict[str, list[str]]]:
        deadline = time.monotonic() + seconds
        while len(self.posts) < n and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
        return [parse_qs(r.post_data or "") for r in self.posts]


@pytest.fixture
def shopper(browser: Browser, gaps_url: str) -> Iterator[Shopper]:
    context = browser.new_context()
    yield Shopper(context.new_page(), gaps_url)
    assert context.cookies() == []  # the site sets no cookie
    context.close()


def test_a_search_with_no_result_is_sent_once_after_a_pause(shopper: Shopper) -> None:
    shopper.search("decaf beans")
    posts = shopper.wait_for_posts(1)
    assert posts == [{"form-name": ["search-gap"], "query": ["decaf beans"]}]  # nothing else
    request = shopper.posts[0]
    assert request.url == shopper.base + "search/"  # Netlify Forms: a post to the site itself
    assert "cookie" not in request.all_headers()
    assert shopper.page.locator("form[data-kb-search-gap=sent]").count() == 1

    shopper.search("oat milk", enter=True)  # another miss in the same page view
    assert shopper.wait_for_posts(2, seconds=3) == posts
    assert shopper.violations == []


def test_enter_sends_the_miss_and_a_hit_is_never_sent(shopper: Shopper) -> None:
    shopper.search("descale")  # found: never sent, however long the shopper waits
    assert shopper.wait_for_posts(1, seconds=3) == []
    shopper.search("gift wrapping", enter=True)
    assert shopper.wait_for_posts(1) == [{"form-name": ["search-gap"], "query": ["gift wrapping"]}]


def test_a_first_letter_waiting_for_the_next_is_no_search_gap(shopper: Shopper) -> None:
    """A "z" typed and left (the page says to type one more letter: a word start is searched from
    two letters on) is no failed search: nothing is sent, after a pause or Enter. A real miss
    of the same page view still is."""
    shopper.search("z")
    root = shopper.page.locator("#kb-search")
    expect(root).to_have_attribute("data-state", "wait")
    assert shopper.wait_for_posts(1, seconds=3) == []
    shopper.page.get_by_role("searchbox").press("Enter")
    assert shopper.wait_for_posts(1, seconds=3) == []
    shopper.search("gift wrapping", enter=True)
    assert shopper.wait_for_posts(1) == [{"form-name": ["search-gap"], "query": ["gift wrapping"]}]
