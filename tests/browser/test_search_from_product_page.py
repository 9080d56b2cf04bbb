"""Searching from the help site's own product page (issue 22): the header's search link carries
the product (search/?product=id), and the search page asks about it, as the shop widget does on
the shop's product page ("does the aqua xl filter fit" answers about the Aqua XL filter and that
product). The page says which product it asks about, and the shopper can drop it. Expected
verdicts and names are the catalogs' own (content/products.yml, examples/zh/content/products.yml)."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Tab
from tests.browser.test_search import zh, zh_url  # noqa: F401 (fixtures)
from tests.browser.test_search_split import split, split_site, split_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def _answered(page: Page, query: str) -> dict[str, object]:
    """Once the page shows the answer to ``query``: its cards, its first results, the product
    line and the address's parameters."""
    page.wait_for_function(
        "q => { const r = document.getElementById('kb-search');"
        " return r.dataset.query === q && ['results', 'none'].includes(r.dataset.state); }",
        arg=query,
    )
    shown = page.evaluate(
        """() => ({
          cards: Array.from(document.querySelectorAll('#kb-search-answers [data-compat]'))
            .map(c => [c.dataset.verdict, c.dataset.products, c.textContent]),
          which: Array.from(document.querySelectorAll('#kb-search-answers [data-which]'))
            .map(c => c.dataset.which),
          about: document.getElementById('kb-search-about').hidden ? null
            : document.getElementById('kb-search-about-text').textContent,
        })"""
    )
    page.wait_for_function("() => location.search.includes('q=')")  # the address follows (300 ms)
    shown["params"] = parse_qs(urlsplit(page.url).query)
    return shown


def _about(page: Page) -> str:
    line = page.locator("#kb-search-about")
    expect(line).to_be_visible()
    return line.locator("#kb-search-about-text").inner_text()


def test_the_header_search_on_a_product_page_asks_about_that_product(tab: Tab) -> None:
    page = tab.open("products/aero-one/")
    link = page.locator("header").get_by_role("link", name="Search the help center")
    expect(link).to_have_attribute("href", "../../search/?product=aero-one")
    page.locator("h1").click()
    page.keyboard.press("/")  # the search page, from this product's page
    expect(page).to_have_url(tab.base + "search/?product=aero-one")
    box = page.get_by_role("searchbox")
    expect(box).to_be_focused()
    # said before the shopper types: the product's name, as the catalog writes it
    assert _about(page) == "Asking about: Aero One espresso machine"
    box.fill("does the aqua xl filter fit")
    shown = _answered(page, "does the aqua xl filter fit")
    assert [c[:2] for c in shown["cards"]] == [["no", "aqua-xl-filter aero-one"]]  # type: ignore[index]
    assert "Too tall for the Aero One's water tank" in shown["cards"][0][2]  # type: ignore[index]
    assert shown["params"] == {"product": ["aero-one"], "q": ["does the aqua xl filter fit"]}
    # a fit word said of a thing that is no product: no card about the Aero One
    box.fill("will the aqua xl filter work in the dishwasher")
    shown = _answered(page, "will the aqua xl filter work in the dishwasher")
    assert shown["cards"] == [] and shown["about"] == "Asking about: Aero One espresso machine"
    # dropped: the same question about no product, the address without it, the box focused
    box.fill("does the aqua xl filter fit")
    _answered(page, "does the aqua xl filter fit")
    page.get_by_role("button", name="Ask about any product").click()
    expect(page.locator("#kb-search-about")).to_be_hidden()
    expect(box).to_be_focused()
    page.wait_for_function(
        "() => document.getElementById('kb-search-answers').querySelectorAll('[data-compat]').length === 0"
    )
    shown = _answered(page, "does the aqua xl filter fit")
    assert shown["cards"] == [] and shown["about"] is None
    assert shown["params"] == {"q": ["does the aqua xl filter fit"]}
    assert not tab.errors


def test_a_product_the_catalog_does_not_have_is_neither_shown_nor_applied(tab: Tab) -> None:
    query = "does the aqua xl filter fit"
    page = tab.open(f"search/?product=kettle&q={quote(query)}")
    shown = _answered(page, query)
    assert shown["cards"] == [] and shown["which"] == [] and shown["about"] is None
    # another page's search link carries no product
    page = tab.open("questions/how-to-descale/")
    expect(page.locator("header").get_by_role("link", name="Search the help center")).to_have_attribute(
        "href", "../../search/"
    )
    assert not tab.errors


def test_a_loose_name_and_an_ambiguous_one_on_the_search_page_from_a_product_page(tab: Tab) -> None:
    page = tab.open("search/?product=aero-one&q=" + quote("does the grinder fit"))
    shown = _answered(page, "does the grinder fit")
    assert shown["which"] == ["grindline-g40 trek-hand-grinder"]  # which one? both as links
    page = tab.open("search/?product=aero-duo&q=" + quote("does the g40 work with the aero"))
    shown = _answered(page, "does the g40 work with the aero")
    assert [c[:2] for c in shown["cards"]] == [["yes", "grindline-g40 aero-duo"]]  # type: ignore[index]
    assert shown["about"] == "Asking about: Aero Duo dual-boiler espresso machine"


def test_chinese_product_page_search_in_both_scripts(zh: Tab) -> None:  # noqa: F811
    page = zh.open("products/gaiwan/")
    page.locator("header").locator("[data-kb-search-link]").click()
    expect(page).to_have_url(zh.base + "search/?product=gaiwan")
    assert _about(page) == "正在询问：白瓷盖碗 150 ml"
    box = page.get_by_role("searchbox")
    for query, cards in [
        ("茶滤能用吗", [["yes", "tea-strainer gaiwan"]]),
        ("茶濾適合嗎", [["yes", "tea-strainer gaiwan"]]),
        ("茶滤能用洗碗机洗吗", []),  # can the strainer go in the dishwasher: not a fit question
        ("茶濾能用洗碗機洗嗎", []),
        ("茶滤适合什么茶", []),
    ]:
        box.fill(query)
        shown = _answered(page, query)
        assert [c[:2] for c in shown["cards"]] == cards, query  # type: ignore[index]
        assert shown["about"] == "正在询问：白瓷盖碗 150 ml", query
    assert not zh.errors


def test_a_split_index_names_the_product_and_asks_about_it(split: Tab) -> None:  # noqa: F811
    page = split.open("products/aero-one/")
    page.locator("header").locator("[data-kb-search-link]").click()
    assert _about(page) == "Asking about: Aero One espresso machine"
    page.get_by_role("searchbox").fill("does the aqua xl filter fit")
    shown = _answered(page, "does the aqua xl filter fit")
    assert [c[:2] for c in shown["cards"]] == [["no", "aqua-xl-filter aero-one"]]  # type: ignore[index]
    assert not split.errors


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_no_axe_violation_with_the_product_shown(
    browser: Browser, demo_url: str, viewport: dict[str, int]
) -> None:
    from tests.browser.test_axe import axe

    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    try:
        tab = Tab(context.new_page(), demo_url)
        page = tab.open("search/?product=aero-one&q=" + quote("does the aqua xl filter fit"))
        _answered(page, "does the aqua xl filter fit")
        assert _about(page) == "Asking about: Aero One espresso machine"
        assert axe(page) == []
    finally:
        context.close()


def test_the_chat_link_carries_the_product_asked_about(tab: Tab) -> None:
    """The demo's chat link has product={product} (mkdocs.yml), as the shop widget fills it: on
    the help site, the product page's own (filled by the build: also without JavaScript), and
    the search page's while it asks about one (help.js); on no other page."""
    page = tab.open("products/aero-one/")
    page.get_by_role("button", name="Help").click()  # the help menu's channels
    chat = page.locator(".kb-help__menu [data-channel='chat'] a")
    chat.hover()  # help.js fills the link as the pointer comes
    assert "product=aero-one" in (chat.get_attribute("href") or "")
    assert "product=aero-one" in (chat.get_attribute("data-kb-href") or "")
    page = tab.open("search/?product=aero-one&q=zzqxv")
    page.wait_for_function("() => document.getElementById('kb-search').dataset.state === 'none'")
    assert _about(page) == "Asking about: Aero One espresso machine"
    chat = page.locator("#kb-search-none a[data-kb-href*='{product}']").first
    chat.hover()
    assert "product=aero-one" in (chat.get_attribute("href") or "")
    page.get_by_role("button", name="Ask about any product").click()
    expect(page.locator("#kb-search-about")).to_be_hidden()
    page.wait_for_function("() => document.getElementById('kb-search').dataset.state === 'none'")
    chat.hover()
    href = chat.get_attribute("href") or ""
    assert "product=" not in href and "zzqxv" in href, href
    assert not tab.errors


HOSTILE_PRODUCTS = [
    "kettle",  # an id the catalog doesn't have
    "<img src=x onerror=alert(1)>",
    "\"'><script>alert(1)</script>",
    "https://evil.example/refund",
    "__proto__",
    "Aero-One",  # not the catalog's id (ids are compared as written)
    "x" * 5000,
]


@pytest.mark.parametrize("value", HOSTILE_PRODUCTS, ids=range(len(HOSTILE_PRODUCTS)))
def test_a_hand_made_product_reaches_no_channel_link(tab: Tab, value: str) -> None:
    """A link to search/?product=... made by anyone: what the catalog doesn't have is not shown,
    so no channel link the page shows (the answers' chat and e-mail, filled by the worker; the
    page's, filled by help.js) may carry it to the shop's support either."""
    query = "talk to a person about the aqua xl filter"
    page = tab.open(f"search/?product={quote(value)}&q={quote(query)}")
    shown = _answered(page, query)
    assert shown["about"] is None
    page.locator("#kb-search-answers a[data-channel], #kb-search a[data-kb-href]").first.wait_for()
    for a in page.locator("a[data-kb-href]").all():
        if a.is_visible():
            a.hover()  # help.js fills a channel's link as the pointer comes
    hrefs = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
        ".filter(h => /^(https?:\\/\\/chat|mailto:)/.test(h))"
    )
    assert any(h.startswith("https://chat.northbrew.example/") for h in hrefs), hrefs
    for href in hrefs:
        assert parse_qs(urlsplit(href).query).get("product") is None, href
    assert not page.locator("img[src='x'], script:text('alert(1)')").count()
    assert not tab.dialogs and not tab.errors


def test_the_catalogs_product_reaches_the_answers_channel_links(tab: Tab) -> None:
    query = "talk to a person about the aqua xl filter"
    page = tab.open(f"search/?product=aero-one&q={quote(query)}")
    _answered(page, query)
    chat = page.locator("#kb-search-answers a[href^='https://chat.northbrew.example/']").first
    assert parse_qs(urlsplit(chat.get_attribute("href") or "").query)["product"] == ["aero-one"]
