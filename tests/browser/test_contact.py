"""Reaching a person and giving feedback, in a real Chromium on the demo site."""

from __future__ import annotations

import http.server
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.conftest import Tab
from tests.conftest import ROOT
from tests.helpers import content_entries

pytestmark = pytest.mark.browser
CONTACT = yaml.safe_load(
    (ROOT / "mkdocs.yml")
    .read_text(encoding="utf-8")
    .split("plugins:")[1]
    .replace("  - search\n", "", 1)
    .replace("  - kbgen:\n", "kbgen:\n", 1)
    .split("\nmarkdown_extensions")[0]
)
CHANNELS = CONTACT["kbgen"]["contact"]
HOTLINE = CHANNELS["hotline"]
TEL = "tel:" + "".join(c for c in HOTLINE["number"] if c.isdigit() or c == "+")


def test_help_menu_opens_and_closes_by_mouse_and_keyboard(tab: Tab) -> None:
    page = tab.open("questions/how-to-descale/")
    button = page.get_by_role("button", name="Help")
    menu = page.locator("#kb-help-menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()

    button.click()  # mouse
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Live chat")).to_be_visible()
    page.locator("h1").click()  # a click elsewhere closes it
    expect(menu).to_be_hidden()

    button.focus()
    page.keyboard.press("Enter")  # keyboard
    expect(menu).to_be_visible()
    focused = page.evaluate("document.activeElement.closest('#kb-help-menu') !== null")
    assert focused, "opening the menu moves focus into it"
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "kb-help-menu"


def test_without_javascript_the_help_button_is_a_link_to_contact(browser_no_js: Tab) -> None:
    page = browser_no_js.open("questions/how-to-descale/")
    link = page.locator("[data-kb-help-toggle]")
    expect(link).to_have_attribute("href", "../../contact/")


def _sitemap_paths(site: Path) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text or "" for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    return [urlsplit(u).path.lstrip("/") for u in locs]


def test_hotline_on_every_page(tab: Tab, demo_site: Path) -> None:
    for path in [*_sitemap_paths(demo_site), "404.html"]:
        page = tab.open(path)
        hotline = page.locator("footer .kb-hotline a")
        expect(hotline).to_have_attribute("href", TEL)
        expect(page.locator("footer .kb-hotline")).to_contain_text(HOTLINE["hours"])


def test_every_entry_page_carries_its_id_into_the_channels(tab: Tab) -> None:
    for e in content_entries(ROOT / "content"):
        page = tab.open(f"questions/{e['id']}/")
        chat = page.locator(".kb-contact [data-channel=chat] a")
        href = chat.get_attribute("href") or ""
        query = parse_qs(urlsplit(href).query)
        assert query["entry"] == [e["id"]]
        assert query["topic"] == [e["question"]]
        assert query["from"] == [tab.base + f"questions/{e['id']}/"]
        mail = page.locator(".kb-contact [data-channel=email] a").get_attribute("href") or ""
        assert f"Entry: {e['id']}" in parse_qs(urlsplit(mail).query)["body"][0]


def test_last_search_travels_into_the_contact_channels(tab: Tab) -> None:
    page = tab.open("?q=grinder%20jammed%20<b>")
    page = tab.open("questions/grinder-jammed/")
    form_link = page.locator(".kb-contact [data-channel=form] a")
    form_link.hover()
    query = parse_qs(urlsplit(form_link.get_attribute("href") or "").query)
    assert query["search"] == ["grinder jammed <b>"]
    assert query["entry"] == ["grinder-jammed"]


STORED = (
    "(() => { const set = Storage.prototype.setItem; window.kbStored = [];"
    " Storage.prototype.setItem = function (k, v) {"
    " if (k === 'kbgen:last-query') window.kbStored.push(v); return set.call(this, k, v); }; })()"
)
"""Records what the page stores as the last search."""


def test_a_typed_search_is_stored_once_typing_stops_not_on_every_keystroke(tab: Tab) -> None:
    """Storing costs about 0.4 ms: a shopper typing "grinder jammed" stores it once, after the
    pause; the page's own channel links carry it at once, before it is stored."""
    tab.page.add_init_script(STORED)
    page = tab.open("search/")
    box = page.locator("#kb-search-q")
    box.press_sequentially("grinder jammed", delay=40)
    form_link = page.locator("#kb-search-none [data-channel=form] a").first
    form_link.dispatch_event("focusin")  # filled when used (help.js)
    assert parse_qs(urlsplit(form_link.get_attribute("href") or "").query)["search"] == ["grinder jammed"]
    stored = page.evaluate("window.kbStored")
    assert len(stored) <= 2, stored  # 14 keystrokes; once when typing pauses (twice if it hiccups)
    page.wait_for_function("window.kbStored.length > 0 && window.kbStored.at(-1) === 'grinder jammed'")


def test_a_typed_search_travels_to_the_next_page_when_the_shopper_leaves_at_once(tab: Tab) -> None:
    """Leaving before the pause (a result opened as soon as it shows) stores it on the way out."""
    tab.page.add_init_script(STORED)
    page = tab.open("search/")
    page.locator("#kb-search-q").fill("grinder jammed")
    page.locator("#kb-search-results a[data-entry-id='grinder-jammed']").click()
    page.wait_for_url("**/questions/grinder-jammed/")
    form_link = page.locator(".kb-contact [data-channel=form] a")
    form_link.hover()
    query = parse_qs(urlsplit(form_link.get_attribute("href") or "").query)
    assert query["search"] == ["grinder jammed"]


def test_feedback_reaches_a_real_endpoint_with_the_right_fields(
    tab: Tab, demo_server: tuple[http.server.ThreadingHTTPServer, str]
) -> None:
    server, _ = demo_server
    server.posts.clear()  # type: ignore[attr-defined]
    tab.open("?q=descaling%20steps")
    page = tab.open("questions/how-to-descale/")
    feedback = page.locator(".kb-feedback")
    feedback.get_by_role("button", name="No").click()
    expect(feedback.locator("[data-kb-feedback-status]")).to_contain_text("Thank you")
    expect(feedback.locator("[data-kb-feedback-sorry]")).to_be_visible()
    feedback.get_by_label("Anything we should improve? (optional)").fill("Which descaler <b>dose</b>?")
    feedback.get_by_role("button", name="Send feedback").click()

    deadline = time.monotonic() + 10
    while len(server.posts) < 2 and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.1)
    posts = server.posts  # type: ignore[attr-defined]
    assert len(posts) == 2
    path, ctype, body = posts[0]
    fields = parse_qs(body)
    assert urlsplit(path).path == "/contact/"
    assert ctype == "application/x-www-form-urlencoded"
    assert fields["form-name"] == ["feedback"]
    assert fields["entry_id"] == ["how-to-descale"]
    assert fields["page_url"] == [tab.base + "questions/how-to-descale/"]
    assert fields["query"] == ["descaling steps"]
    assert fields["helpful"] == ["no"]
    second = parse_qs(posts[1][2])
    # the comment is its own post: no second vote (issue 21 #1)
    assert second["comment"] == ["Which descaler <b>dose</b>?"] and "helpful" not in second
    assert tab.foreign_requests() == []


def test_contact_page_lists_every_channel_with_context(tab: Tab) -> None:
    page = tab.open("questions/how-to-descale/")
    page.locator(".kb-contact__all").click()
    expect(page.locator("h1")).to_have_text("Contact us")
    channels = page.locator(".kb-contact-page [data-channel]")
    expect(channels).to_have_count(len(CHANNELS))
    for key, opt in CHANNELS.items():
        if opt.get("hours"):
            expect(page.locator(f".kb-contact-page [data-channel={key}]")).to_contain_text(opt["hours"])
    chat_href = page.locator(".kb-contact-page [data-channel=chat] a").get_attribute("href") or ""
    chat = parse_qs(urlsplit(chat_href).query)
    assert chat["entry"] == ["how-to-descale"]
    assert chat["from"] == [tab.base + "questions/how-to-descale/"]


def test_tell_us_what_you_were_looking_for(
    tab: Tab, demo_server: tuple[http.server.ThreadingHTTPServer, str]
) -> None:
    server, _ = demo_server
    server.posts.clear()  # type: ignore[attr-defined]
    page = tab.open("contact/?query=espresso%20cups")
    box = page.get_by_label("What you searched for")
    expect(box).to_have_value("espresso cups")
    page.locator(".kb-missing-form button[type=submit]").click()
    expect(page.locator(".kb-missing-form [data-kb-feedback-status]")).to_contain_text("Thank you")
    fields = parse_qs(server.posts[-1][2])  # type: ignore[attr-defined]
    assert fields["form-name"] == ["missing-answer"] and fields["query"] == ["espresso cups"]


def test_no_results_offers_the_channels_with_the_query(tab: Tab) -> None:
    page = tab.open("search/")
    box = page.locator("#kb-search-q")
    box.fill("zebra saddle polish")
    none = page.locator("#kb-search-none")
    expect(none).to_be_visible()
    community = none.locator("[data-channel=community] a")
    expect(community).to_be_visible()
    community.hover()
    assert parse_qs(urlsplit(community.get_attribute("href") or "").query)["q"] == ["zebra saddle polish"]
    tell = urlsplit(none.locator("#kb-search-tell").get_attribute("href") or "")
    assert tell.path.endswith("/contact/") and "zebra" in tell.query
