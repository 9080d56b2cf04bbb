"""'Tell me when this changes' (issue 23): opt-in, checked in the browser, sent like feedback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import serve_dir
from tests.browser.test_axe import axe
from tests.conftest import MKDOCS_YML, WriteSite, entry, run_kbgen

pytestmark = pytest.mark.browser


def _build(write_site: WriteSite, options: str) -> Path:
    config = MKDOCS_YML.format(language="en").replace("  - kbgen\n", "  - kbgen:\n" + options)
    root = write_site({"content/after-delivery/returns.md": entry(updated="2026-11-02")}, config=config)
    run_kbgen("build", cwd=root, check=True)
    return root / "site"


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_off_by_default(write_site: WriteSite) -> None:
    config = MKDOCS_YML.format(language="en")
    root = write_site({"content/after-delivery/returns.md": entry()}, config=config)
    run_kbgen("build", cwd=root, check=True)
    html = (root / "site/questions/returns/index.html").read_text(encoding="utf-8")
    assert "kb-notify" not in html and "notify.js" not in html


def test_a_malformed_address_is_refused_in_the_browser_and_a_good_one_is_sent(
    write_site: WriteSite, tab: Page
) -> None:
    server, url = serve_dir(_build(write_site, "      notify: true\n"))
    try:
        tab.goto(url + "questions/returns/")
        form = tab.locator("form[data-kb-notify]")
        expect(form).to_contain_text("sends us your e-mail address")
        expect(form).to_contain_text("link to stop them")
        email = tab.get_by_label("Your e-mail address")
        error = tab.locator("#kb-notify-error")
        for bad in ["ana", "ana@", "ana@example", "a b@example.com", "<ana@example.com>"]:
            email.fill(bad)
            tab.get_by_role("button", name="Notify me").click()
            expect(error).to_be_visible()
            expect(error).to_have_text("Please enter an e-mail address like name@example.com.")
            expect(email).to_have_attribute("aria-invalid", "true")
            expect(email).to_be_focused()
        assert server.posts == []  # type: ignore[attr-defined]
        tab.mouse.move(0, 0)  # judged as it shows, not under the pointer (hover colours fade out)
        tab.wait_for_timeout(600)
        assert axe(tab) == []
        email.fill(" ana@example.com ")
        tab.get_by_role("button", name="Notify me").click()
        expect(form.locator("[role=status]")).to_have_text("Done. We'll e-mail you when this answer changes.")
        expect(error).to_be_hidden()
        tab.mouse.move(0, 0)
        tab.wait_for_timeout(600)
        (path, kind, body), *more = server.posts  # type: ignore[attr-defined]
        assert more == [] and kind == "application/x-www-form-urlencoded"
        assert path == "/contact/?notify=sent"  # Netlify Forms takes posts to any page of the site
        fields = parse_qs(body, keep_blank_values=True)
        assert fields == {
            "form-name": ["notify"],
            "entry_id": ["returns"],
            "bot-field": [""],
            "email": ["ana@example.com"],
        }
        assert axe(tab) == []
    finally:
        server.shutdown()
        server.server_close()


def test_a_failed_sign_up_is_said(write_site: WriteSite, tab: Page) -> None:
    # an endpoint nobody listens on: the post fails, and the page says so
    site = _build(write_site, "      notify: true\n      feedback:\n        url: http://127.0.0.1:9/forms\n")
    server, url = serve_dir(site)
    try:
        tab.goto(url + "questions/returns/")
        form = tab.locator("form[data-kb-notify]")
        assert form.get_attribute("data-netlify") is None
        tab.get_by_label("Your e-mail address").fill("ana@example.com")
        tab.get_by_role("button", name="Notify me").click()
        expect(form.locator("[role=status]")).to_have_text(
            "Your sign-up did not go through. Please try again, or reach us directly:"
        )
    finally:
        server.shutdown()
        server.server_close()
