"""The Chinese example (简体中文 at the root, 繁體中文 under /zh-hant/, English under /en/) as
readers use it: the language offer is written in the offered language's words, and no page of one
language fetches anything of another (index, widget data, sitemap, scripts)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import serve_dir

pytestmark = pytest.mark.browser

SITE_URL = "https://help.shanchaji.example/"
"""examples/zh/mkdocs.yml's site_url: its hreflang alternates and feed links are absolute."""
FOLDERS = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}
QUERIES = {"zh-Hans": "%E9%80%80%E8%B4%A7", "zh-Hant": "%E9%80%80%E8%B2%A8", "en": "return"}
"""退货, 退貨, return: each finds the translated return answer in its own index."""
PAGE_TYPES = {
    "home": "",
    "stage": "after-delivery/",
    "entry": "questions/seven-day-return/",  # translated in every language
    "untranslated": "questions/warranty/",  # shown in 简体中文 under /zh-hant/ and /en/, marked
    "products": "products/",
    "product": "products/gaiwan/",
    "contact": "contact/",
    "search": "search/?q={query}",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def site_url(zh_site: Path) -> Iterator[str]:
    server, url = serve_dir(zh_site)
    yield url
    server.shutdown()
    server.server_close()


# --- the language offer -------------------------------------------------------------------------


def offer_of(browser: Browser, url: str, locale: str) -> tuple[Page, object]:
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(url)
    offer = page.locator(".kb-lang-offer")
    offer.wait_for()
    return page, offer


def test_a_taiwan_reader_on_the_english_page_is_offered_traditional_chinese_in_its_words(
    browser: Browser, site_url: str
) -> None:
    page, _ = offer_of(browser, site_url + "en/questions/seven-day-return/", "zh-TW")
    offer = page.locator(".kb-lang-offer")
    assert page.locator("html").get_attribute("lang") == "en"
    assert offer.get_attribute("lang") == "zh-Hant"  # a screen reader reads it as Chinese
    assert offer.locator("p").inner_text() == "這個說明中心也有繁體中文版本。"
    assert offer.locator("a").inner_text() == "閱讀繁體中文版"
    assert offer.locator("button").inner_text() == "不用了，謝謝"
    assert offer.locator("a").get_attribute("href") == "../../../zh-hant/questions/seven-day-return/"
    assert "help center" not in offer.inner_text().lower()
    page.context.close()


def test_a_mainland_reader_on_the_traditional_page_is_offered_simplified_chinese_in_its_words(
    browser: Browser, site_url: str
) -> None:
    page, _ = offer_of(browser, site_url + "zh-hant/questions/seven-day-return/", "zh-CN")
    offer = page.locator(".kb-lang-offer")
    assert offer.get_attribute("lang") == "zh-Hans"
    assert offer.locator("p").inner_text() == "本帮助中心也提供简体中文版本。"
    assert offer.locator("button").inner_text() == "不用了，谢谢"
    page.context.close()


def test_an_english_reader_on_the_chinese_home_page_is_offered_english_in_english(
    browser: Browser, site_url: str
) -> None:
    page, _ = offer_of(browser, site_url, "en-GB")
    offer = page.locator(".kb-lang-offer")
    assert offer.get_attribute("lang") == "en"
    assert offer.locator("p").inner_text() == "This help center is also available in English."
    assert offer.locator("a").inner_text() == "Read it in English"
    assert offer.locator("button").inner_text() == "No, thanks"
    page.context.close()


LAYOUT_SHIFT = (
    "window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
    " if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});"
)


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
def test_the_offer_moves_nothing_and_covers_not_the_help_button(
    browser: Browser, site_url: str, viewport: dict[str, int]
) -> None:
    """Shown once the page is drawn, the offer shifts no text (Lighthouse counted 0.09 to 0.10
    of cumulative layout shift when it was inserted above the answer) and hides no control."""
    context = browser.new_context(locale="en-US", viewport=viewport)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT)
    page.goto(site_url + "questions/seven-day-return/")
    offer = page.locator(".kb-lang-offer")
    offer.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.01
    box, help_box = offer.bounding_box(), page.locator(".kb-help__toggle").bounding_box()
    assert box is not None and help_box is not None
    apart = (
        box["y"] + box["height"] <= help_box["y"] + 1  # above the help bar (phone)
        or box["x"] + box["width"] <= help_box["x"]  # beside the help button (desktop)
    )
    assert apart, (box, help_box)
    assert box["y"] + box["height"] <= viewport["height"] + 1
    offer.locator("button").click()  # dismissed: gone
    assert page.locator(".kb-lang-offer").count() == 0
    context.close()


# --- no cross-language fetches ------------------------------------------------------------------


def foreign(requested: list[str], site_url: str, folder: str) -> list[str]:
    """Requests of a page in ``folder`` that leave it: into another language's folder, into the
    root language's files from a sub-language, or to any other origin. The published site's
    address (absolute alternates and feed links) stands for the local server's, as it would in
    production, where the page is served from it."""
    others = [f for f in FOLDERS.values() if f and f != folder]
    found = []
    for url in requested:
        if url.startswith(("data:", "blob:")):
            continue
        local = site_url + url[len(SITE_URL) :] if url.startswith(SITE_URL) else url
        if not local.startswith(site_url):
            found.append(url)
            continue
        path = local[len(site_url) :]
        if (folder and not path.startswith(folder)) or any(path.startswith(o) for o in others):
            found.append(url)
    return found


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("language", FOLDERS)
def test_no_page_fetches_anything_of_another_language(
    browser: Browser, site_url: str, language: str, kind: str
) -> None:
    folder = FOLDERS[language]
    context = browser.new_context(locale="zh-TW", service_workers="block")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    response = page.goto(site_url + folder + PAGE_TYPES[kind].format(query=QUERIES[language]))
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    if kind == "search":  # the search index and the worker are loaded: they are this language's
        page.wait_for_function("() => document.getElementById('kb-search').dataset.state === 'results'")
        page.wait_for_load_state("networkidle")
    assert foreign(requested, site_url, folder) == []
    sitemaps = {urlsplit(u).path for u in requested if urlsplit(u).path.endswith("sitemap.xml")}
    assert sitemaps <= {"/" + folder + "sitemap.xml"}, sitemaps  # Material's own: this language's
    context.close()


def test_the_check_itself_sees_a_cross_language_fetch(site_url: str) -> None:
    """The rule above is not vacuous: each kind of foreign request is caught."""
    assert foreign([site_url + "zh-hant/sitemap.xml"], site_url, "") != []
    assert foreign([site_url + "sitemap.xml"], site_url, "zh-hant/") != []
    assert foreign([site_url + "en/search/index.json"], site_url, "zh-hant/") != []
    assert foreign([SITE_URL + "zh-hant/questions/x/sitemap.xml"], site_url, "") != []
    assert foreign(["https://fonts.example/a.woff2"], site_url, "zh-hant/") != []
    assert foreign([site_url + "zh-hant/assets/kbgen/help.js"], site_url, "zh-hant/") == []


def test_hreflang_alternates_stay_in_the_page_after_scripts_ran(browser: Browser, site_url: str) -> None:
    """What a crawler that runs scripts sees: every alternate the built HTML has."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(site_url + "questions/seven-day-return/")
    page.wait_for_load_state("networkidle")
    got = page.eval_on_selector_all(
        "link[rel=alternate][hreflang]", "els => els.map(e => e.hreflang + ' ' + e.href)"
    )
    assert sorted(got) == sorted(
        [
            "zh-Hans https://help.shanchaji.example/questions/seven-day-return/",
            "zh-Hant https://help.shanchaji.example/zh-hant/questions/seven-day-return/",
            "en https://help.shanchaji.example/en/questions/seven-day-return/",
            "x-default https://help.shanchaji.example/questions/seven-day-return/",
        ]
    )
    context.close()
