"""Issues 18 and 21 in Chromium: the widget on a shop page against built-in property names, a
shop URL holding secrets and a crafted long URL; the "No" step on a phone, on the help site and
in the widget; search counts and a product page's context. Expected values come from the demo's
content files, not from the widget's data."""

from __future__ import annotations

import html
import http.server
import json
import re
import threading
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Route, expect

from kbgen.core.model import KnowledgeBase
from tests.browser.conftest import Tab
from tests.browser.test_widget import Shopper, _page, _widget_search
from tests.browser.test_widget import help_server as help_server
from tests.browser.test_widget import kb as kb
from tests.browser.test_widget import shop as shop

pytestmark = pytest.mark.browser
VISIBLE = "l => l.filter(a => a.getClientRects().length).length"


class _AnyPage(http.server.BaseHTTPRequestHandler):
    """A shop where every path has the widget; /attr/<name>/<value> sets data-<name>=<value>."""

    help_url: ClassVar[str] = ""

    def do_GET(self) -> None:
        parts = urlsplit(self.path).path.split("/")
        attrs = f' data-{parts[2]}="{html.escape(unquote(parts[3]))}"' if parts[1:2] == ["attr"] else ""
        if self.path == "/shop.css":
            ctype, body = "text/css", b"main { max-width: 640px; }"
        else:
            ctype, body = _page("Test", self.help_url, attrs)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def any_shop(help_server: tuple[str, Any]) -> Iterator[str]:
    handler = type("AnyPage", (_AnyPage,), {"help_url": help_server[0]})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def shopper(browser: Browser, shop: str, help_server: tuple[str, Any]) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Shopper(context, shop, help_server[0])
    context.close()


@pytest.fixture
def anywhere(browser: Browser, any_shop: str, help_server: tuple[str, Any]) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Shopper(context, any_shop, help_server[0])
    context.close()


@pytest.mark.parametrize("name", ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])
def test_built_in_names_as_product_or_stage_never_break_the_widget(anywhere: Shopper, name: str) -> None:
    shopper = anywhere
    for how in ("product", "stage"):
        shopper.open(f"/attr/{how}/{name}")
        dialog = shopper.open_panel()
        expect(dialog.get_by_role("heading", name="Popular questions")).to_be_visible()
        shopper.page.keyboard.press("Escape")
    # from the shop's URL, by the rule /products/{product}, and from setContext
    shopper.open(f"/products/{name}")
    dialog = shopper.open_panel()
    expect(dialog.get_by_role("heading", name="Popular questions")).to_be_visible()
    shopper.page.evaluate(f"kbgen.setContext({{product: {json.dumps(name)}, stage: {json.dumps(name)}}})")
    expect(dialog.get_by_role("heading", name="Popular questions")).to_be_visible()
    _widget_search(shopper, "descale")  # the search sends the page's product along
    shopper.assert_clean()


def test_the_shop_url_travels_as_origin_and_path_only(
    shopper: Shopper, help_server: tuple[str, list[tuple[str, str, str]]]
) -> None:
    posts = help_server[1]
    posts.clear()
    page = shopper.open("/products/aero-one?order_key=wc_order_SECRET1&variant=red#token=SECRET2")
    dialog = shopper.open_panel()
    clean = shopper.shop + "/products/aero-one"
    chat = dialog.locator("a[data-channel='chat']")
    fields = parse_qs(urlsplit(chat.get_attribute("href") or "").query)
    assert fields["from"] == [clean]
    # no answer open: no empty topic= or entry=, no "Question:" subject with nothing after it
    assert "topic=" not in (chat.get_attribute("href") or "") and "entry=" not in (
        chat.get_attribute("href") or ""
    )
    mail = dialog.locator("a[data-channel='email']").get_attribute("href") or ""
    assert "subject=" not in mail and "Entry" not in unquote(mail) and clean in unquote(mail)
    # a search's channel card, then an answer's feedback: neither carries the secrets
    results = _widget_search(shopper, "frothmate pourline")
    form = results.locator("a[data-channel='chat']").first.get_attribute("href") or ""
    assert parse_qs(urlsplit(form).query)["from"] == [clean]
    dialog.locator("input[type='search']").fill("")
    dialog.locator(".kb-context a[data-entry-id]").first.click()
    dialog.get_by_role("button", name="Yes", exact=True).click()
    expect(dialog.locator(".kb-feedback-status")).to_contain_text("Thank you")
    hrefs = dialog.locator("a[href]").evaluate_all("l => l.map(a => a.href).join(' ')")
    everything = hrefs + " ".join(body for _, _, body in posts)
    assert "SECRET" not in unquote(everything) and "order_key" not in everything
    assert parse_qs(posts[-1][2])["page_url"] == [clean]
    assert page.url.endswith("#token=SECRET2")  # the shop's page itself is untouched
    shopper.assert_clean()


def test_a_many_star_rule_and_a_crafted_long_url_open_at_once(anywhere: Shopper) -> None:
    shopper = anywhere
    stars = "/" + "a*" * 40

    def rules(route: Route) -> None:
        response = route.fetch()
        data = response.json()
        data["pages"] = [
            {"path": stars + "b", "stage": "after-delivery"},
            {"path": stars + "/{product}", "stage": ""},
        ]
        route.fulfill(response=response, body=json.dumps(data))

    shopper.page.route("**/_kbgen/widget/data.*.json", rules)
    long = "/" + "a" * 30_000
    for path, heading in (
        (long, "Popular questions"),
        (long + "b", "After delivery"),
        (long + "/pico-espresso", "Pico espresso machine"),
    ):
        shopper.open(path)
        dialog = shopper.open_panel()  # a backtracking matcher freezes the page here for minutes
        expect(dialog.get_by_role("heading", name=heading)).to_be_visible(timeout=10_000)
    shopper.assert_clean()


def test_a_product_page_means_its_product_when_a_name_is_loose(shopper: Shopper, kb: KnowledgeBase) -> None:
    shopper.open("/products/aero-one")
    shopper.open_panel()
    # "the grinder" alone fits two grinders and gets "which one?" (issue 22); "the aero" is loose
    results = _widget_search(shopper, "does the g40 grinder work with the aero")
    cards = results.locator("[data-compat]").evaluate_all("l => l.map(c => c.dataset.products)")
    assert cards and all("aero-one" in c.split() for c in cards), cards
    assert not any("aero-duo" in c for c in cards)
    # under the cards, the answers about those products come first
    named = {p for c in cards for p in c.split()}
    first = results.locator(".kb-entries a").first
    ref = first.get_attribute("data-entry-id") or first.get_attribute("data-product-id") or ""
    about = set(kb.entry(ref).products) if first.get_attribute("data-entry-id") else {ref}
    assert about & named, (ref, about, named)
    shopper.assert_clean()


def test_search_says_how_many_of_all_it_shows(tab: Tab) -> None:
    page = tab.open("search/?q=machine")
    status = page.locator("#kb-search-status")
    expect(page.locator("#kb-search")).to_have_attribute("data-state", "results")
    first = status.inner_text()
    more = page.locator("#kb-search-more")
    while more.is_visible():  # every result, page by page
        before = page.locator("#kb-search-results li").count()
        more.click()
        expect(page.locator("#kb-search-results li")).not_to_have_count(before)
    total = page.locator("#kb-search-results li").count()
    assert total > 10
    assert first == f"Showing 10 of {total} results for “machine”"
    assert status.inner_text() == f"{total} results for “machine”"


# --- The "No" step on a phone (390 × 844) -------------------------------------------------------


@pytest.fixture
def phone_shopper(browser: Browser, shop: str, help_server: tuple[str, Any]) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield Shopper(context, shop, help_server[0])
    context.close()


def test_no_on_a_phone_on_the_help_site(phone: Tab, demo_server: tuple[Any, str]) -> None:
    server = demo_server[0]
    server.posts.clear()
    page = phone.open("questions/how-to-descale/")
    no = page.locator(".kb-feedback").get_by_role("button", name="No", exact=True)
    no.scroll_into_view_if_needed()
    no.tap()
    box = page.get_by_label("Anything we should improve? (optional)")
    expect(box).to_be_in_viewport()  # at once, in view
    status = page.locator(".kb-feedback [data-kb-feedback-status]")
    expect(status).to_contain_text("Thank you")
    expect(box).to_be_in_viewport()
    # the channels once: "Still need help?" just above the form, nothing repeated
    assert page.locator("ul.kb-channels").evaluate_all(VISIBLE) == 1  # one list of channels shown
    assert page.locator("[data-channel='chat'] a").evaluate_all(VISIBLE) == 1
    expect(page.locator(".kb-contact:has(+ .kb-feedback) ul.kb-channels")).to_be_visible()  # right above
    box.fill("Which dose of descaler?")
    page.get_by_role("button", name="Send feedback").tap()
    expect(status).to_have_text("Thank you! Your comment was sent.")
    bodies = [parse_qs(body) for path, _, body in server.posts if "feedback=sent" in path]
    assert [b.get("helpful") for b in bodies] == [["no"], None]  # one vote; the comment carries none
    assert bodies[1]["comment"] == ["Which dose of descaler?"]
    page.route(re.compile(r".*feedback=sent.*"), lambda route: route.fulfill(status=500, body="down"))
    box.fill("Again")
    page.get_by_role("button", name="Send feedback").tap()
    expect(status).to_have_text("Your comment did not go through. Please try again, or contact us.")
    expect(box).to_have_value("Again")


def test_no_on_a_phone_in_the_widget(
    phone_shopper: Shopper, help_server: tuple[str, list[tuple[str, str, str]]]
) -> None:
    posts = help_server[1]
    posts.clear()
    shopper = phone_shopper
    shopper.open("/phone/products/aero-one")
    dialog = shopper.open_panel()
    dialog.locator(".kb-context a[data-entry-id]").first.tap()
    dialog.get_by_role("button", name="No", exact=True).tap()
    box = dialog.get_by_label("Anything we should improve? (optional)")
    expect(box).to_be_in_viewport()
    expect(dialog.locator(".kb-feedback-status")).to_contain_text("reach a person below")
    expect(dialog.locator(".kb-channels a[data-channel='hotline']")).to_be_in_viewport()  # below, there
    assert dialog.locator("a[data-channel='hotline']").evaluate_all(VISIBLE) == 1
    box.fill("Which tamper fits?")
    dialog.get_by_role("button", name="Send feedback").tap()
    expect(dialog.locator(".kb-comment-status")).to_have_text("Thank you! Your comment was sent.")
    bodies = [parse_qs(body) for _, _, body in posts]
    assert [b.get("helpful") for b in bodies] == [["no"], None]
    assert bodies[1]["comment"] == ["Which tamper fits?"] and bodies[1]["source"] == ["widget"]
    shopper.page.route("**/contact/?feedback=sent", lambda route: route.fulfill(status=500, body="down"))
    box.fill("Again")
    dialog.get_by_role("button", name="Send feedback").tap()
    expect(dialog.locator(".kb-comment-status")).to_have_text(
        "Your comment did not go through. Please try again, or contact us."
    )
    shopper.errors = [e for e in shopper.errors if "status of 500" not in e]
    shopper.assert_clean()
