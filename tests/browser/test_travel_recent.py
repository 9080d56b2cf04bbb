"""'Recently viewed' (issue 23): kept in this browser only, shown on the home page, cleared in one click."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import serve_dir
from tests.browser.test_axe import axe
from tests.conftest import MKDOCS_YML, WriteSite, entry, run_kbgen

pytestmark = pytest.mark.browser


def test_recently_viewed_lists_opened_answers_sends_nothing_and_clears(
    write_site: WriteSite, browser: Browser
) -> None:
    config = MKDOCS_YML.format(language="en").replace(
        "  - kbgen\n", "  - kbgen:\n      recently_viewed: true\n"
    )
    root = write_site(
        {
            "content/after-delivery/returns.md": entry(),
            "content/after-delivery/refunds.md": entry(
                question="When is my <refund> paid?", summary="In 5 days."
            ),
        },
        config=config,
    )
    run_kbgen("build", cwd=root, check=True)
    server, url = serve_dir(root / "site")
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(url)
        expect(tab.locator("[data-kb-recent]")).to_be_hidden()  # nothing opened yet
        tab.goto(url + "questions/returns/")
        tab.goto(url + "questions/refunds/")
        tab.goto(url + "questions/returns/")
        tab.goto(url)
        box = tab.locator("[data-kb-recent]")
        expect(box).to_be_visible()
        links = box.locator("a")
        expect(links).to_have_text(["Can I return an opened item?", "When is my <refund> paid?"])
        assert links.first.get_attribute("href") == "/questions/returns/"
        assert axe(tab) == []
        assert server.posts == []  # type: ignore[attr-defined]
        assert context.cookies() == []
        box.get_by_role("button", name="Clear this list").click()
        expect(box).to_be_hidden()
        assert tab.evaluate("localStorage.getItem('kbgen-recent')") is None
        tab.reload()
        expect(tab.locator("[data-kb-recent]")).to_be_hidden()
        # a tampered list can't add a link off the site or markup
        tab.evaluate(
            """localStorage.setItem('kbgen-recent', JSON.stringify([
              {id: 'x', q: '<img src=x onerror=alert(1)>', path: 'https://evil.example/'},
              {id: 'y', q: '<b>bold</b>', path: '/questions/returns/'}]))"""
        )
        tab.reload()
        expect(tab.locator("[data-kb-recent] a")).to_have_text(["<b>bold</b>"])
        assert tab.locator("[data-kb-recent] img, [data-kb-recent] b").count() == 0
    finally:
        context.close()
        server.shutdown()
        server.server_close()
