"""A help center in several languages, as a shopper uses it: the switcher lands on the same
question, a zh-TW browser is offered 繁體中文 once (dismissible, remembered), no page fetches
another language's index or widget data, and axe finds nothing on each language's pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import serve_dir
from tests.browser.test_axe import axe


@pytest.fixture(scope="module")
def site_url(langs_site: Path) -> Iterator[str]:
    server, url = serve_dir(langs_site)
    yield url
    server.shutdown()
    server.server_close()


def test_the_switcher_lands_on_the_same_question_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto(site_url + "questions/a/")
    page.locator(".kb-lang summary").click()
    page.locator('.kb-lang a[hreflang="zh-Hant"]').click()
    page.wait_for_url(site_url + "zh-hant/questions/a/")
    assert page.locator("h1").inner_text() == "拆封的商品可以退貨嗎？"
    page.locator(".kb-lang summary").click()
    page.locator('.kb-lang a[hreflang="zh-Hans"]').click()  # not translated there: shown, marked
    page.wait_for_url(site_url + "zh-hans/questions/a/")
    assert "English" in page.locator(".kb-fallback").inner_text()
    context.close()


def test_a_taiwan_browser_is_offered_traditional_chinese_once(browser: Browser, site_url: str) -> None:
    context = browser.new_context(locale="zh-TW")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site_url + "questions/a/")
    offer = page.locator(".kb-lang-offer")
    offer.wait_for()
    assert "繁體中文" in offer.inner_text()
    assert offer.locator("a").get_attribute("href") == "../../zh-hant/questions/a/"
    assert axe(page) == []
    offer.locator("button").click()
    assert page.locator(".kb-lang-offer").count() == 0
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator(".kb-lang-offer").count() == 0  # remembered
    assert context.cookies() == []
    assert page.evaluate("localStorage.getItem('kbgen:language')") == "en"
    assert page.url == site_url + "questions/a/"  # never redirected
    context.close()


@pytest.mark.parametrize("folder", ["", "zh-hans/", "zh-hant/"])
def test_no_page_fetches_another_languages_index_or_widget_data(
    browser: Browser, site_url: str, folder: str
) -> None:
    context = browser.new_context(locale="zh-TW")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site_url + folder + "search/?q=return")
    page.wait_for_load_state("networkidle")
    others = [f for f in ("zh-hans/", "zh-hant/") if f != folder]
    assert any(u.endswith(folder + "search/index.json") for u in fetched)
    assert not [u for u in fetched if any(u.startswith(site_url + o) for o in others)]
    if folder:
        assert not [
            u for u in fetched if u.startswith(site_url + "search/") or u.startswith(site_url + "_kbgen/")
        ]
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "zh-hant/",
        "zh-hant/questions/a/",
        "zh-hant/questions/b/",
        "zh-hans/contact/",
        "zh-hant/after-delivery/",
        "zh-hant/404.html",
    ],
)
def test_no_axe_violation_on_each_languages_pages(browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    page.locator(".kb-lang summary").click()
    assert axe(page) == []
    context.close()


SHOP = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Shop</h1><script src="{src}" async{data}></script></body></html>
"""


@pytest.mark.parametrize(
    ("lang", "src", "data", "folder"),
    [
        ("zh-TW", "widget.js", "", "zh-hant/"),
        ("zh-CN", "zh-hant/widget.js", "", "zh-hans/"),
        ("de", "zh-hant/widget.js", "", "zh-hant/"),  # no such language: the loader's own
        ("en", "widget.js", ' data-lang="zh-Hant"', "zh-hant/"),
        ("en-GB", "zh-hans/widget.js", "", ""),
    ],
)
def test_the_widget_follows_the_shop_pages_language(
    browser: Browser, site_url: str, lang: str, src: str, data: str, folder: str
) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    html = SHOP.format(lang=lang, src=site_url + src, data=data)
    page.route(site_url + "shop.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(site_url + "shop.html")
    # the mouse resting on the launcher starts the search (its index in the same language)
    launcher = page.locator("kbgen-help .kb-launcher")
    with page.expect_request(lambda r: r.url.endswith("search/index.json")):
        launcher.hover()
    launcher.click()
    page.get_by_role("dialog").wait_for()
    page.wait_for_load_state("networkidle")
    data_files = [u[len(site_url) :] for u in fetched if "/_kbgen/widget/data." in u]
    assert data_files and all(u.startswith(folder + "_kbgen/") for u in data_files), data_files
    indexes = [u[len(site_url) :] for u in fetched if u.endswith("search/index.json")]
    assert indexes and all(u == folder + "search/index.json" for u in indexes), indexes
    context.close()
