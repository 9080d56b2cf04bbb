"""The offline copy (issue 23): the demo's offline.zip, unzipped and opened from disk (file://) in
Chromium with the network off. A shopper walks the help center, searches, and checks whether two
products fit; any request that is not a file fails the test."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.test_axe import AXE, TAGS
from tests.conftest import OfflineBuild, WriteSite, entry, run_kbgen

pytestmark = pytest.mark.browser

FOLDER = "northbrew-help-center"
"""The one folder of the demo's zip (from its site_name)."""

QUERIES = [
    ("my parcel says delivered but nothing arrived", "delivered-not-received"),
    ("how to descale", "how-to-descale"),
    ("water leaking under the machine", "machine-leaking"),
    ("klarna", "pay-in-instalments"),
    ("where is my invoice", "download-invoice"),
    ("coupon code invalid", "discount-code-not-working"),
    ("gift card", "gift-cards"),
    ("milk won't foam", "frother-not-foaming"),
    ("do you ship to switzerland", "where-do-you-ship"),
    ("cancel order", "cancel-my-order"),
]
"""Ten questions a shopper types, and the answer each must list in its first three results
(chosen by reading content/, before the search ran)."""


@dataclass
class Offline:
    """A tab on a context with the network off; ``refused`` holds every request that was not
    for a file (each is aborted), ``requests`` every request."""

    page: Page
    root: Path
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str, query: str = "") -> Page:
        self.page.goto((self.root / path).as_uri() + (f"?q={quote_plus(query)}" if query else ""))
        return self.page


@pytest.fixture(scope="module")
def demo_copy(demo_offline: OfflineBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built with ``kbgen build --offline`` (once per run, shared), its zip unzipped
    into this module's own folder: the folder to open."""
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(demo_offline.zip_path) as zf:
        assert {n.split("/", 1)[0] for n in zf.namelist()} == {FOLDER}
        zf.extractall(out)
    return out / FOLDER


def _offline_tab(browser: Browser, root: Path, locale: str = "en-US") -> Iterator[Offline]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    context.set_offline(True)
    tab = Offline(context.new_page(), root)

    def refuse(route: Route) -> None:
        tab.refused.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file://"), refuse)
    tab.page.on("request", lambda r: tab.requests.append(r.url))
    tab.page.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()


@pytest.fixture
def offline(browser: Browser, demo_copy: Path) -> Iterator[Offline]:
    yield from _offline_tab(browser, demo_copy)


def axe(page: Page) -> list[str]:
    """axe's violations (as tests/browser/test_axe.py), without its ``preload``: it reads each
    stylesheet again with XMLHttpRequest, which Chrome refuses on file:// (an error of axe's)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})"
        ".then(r => r.violations.flatMap(v => v.nodes.map(n => v.id + ' ' + n.target.join(' '))))",
        TAGS,
    )
    return list(result)


def _no_network(tab: Offline) -> None:
    assert tab.refused == [], "\n".join(tab.refused)
    assert [u for u in tab.requests if not u.startswith("file://")] == []
    assert tab.errors == []


def test_a_shopper_walks_the_offline_copy_from_disk_with_no_request(offline: Offline) -> None:
    page = offline.open("index.html")
    expect(page.locator("h1").first).to_be_visible()
    page.locator("main a", has_text="After delivery").first.click()
    expect(page).to_have_url((offline.root / "after-delivery.html").as_uri())
    page.locator("main a[href*='questions/how-to-descale.html']").first.click()
    expect(page).to_have_url((offline.root / "questions/how-to-descale.html").as_uri())
    expect(page.locator("h1")).to_have_text("How do I descale my espresso machine?")
    # no form posts from disk: a sentence says so, with the page online
    assert page.locator("form[method=post]").count() == 0
    note = page.locator("[data-kb-offline-form]")
    expect(note).to_contain_text("sends nothing")
    online = note.locator("a")
    expect(online).to_have_attribute("href", "https://help.northbrew.example/questions/how-to-descale/")
    assert axe(page) == []
    # contact links carry the page's web address, never the file's path on this device
    for link in page.locator("#still-need-help a[data-kb-href]").all():
        link.hover()
        href = link.get_attribute("href") or ""
        assert "file" not in href.lower() and str(offline.root) not in href, href
    chat = page.locator("#still-need-help .kb-channel--chat a").first
    online = "from=https%3A%2F%2Fhelp.northbrew.example%2Fquestions%2Fhow-to-descale%2F"
    expect(chat).to_have_attribute("href", re.compile(re.escape(online)))
    # back home through the logo, then the products and one product
    page.locator("a.md-logo").first.click()
    expect(page).to_have_url((offline.root / "index.html").as_uri())
    offline.open("products.html")
    page.locator("main a[href$='products/aero-duo.html']").first.click()
    expect(page).to_have_url((offline.root / "products/aero-duo.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Aero Duo")
    page.locator("a.md-logo").first.click()
    expect(page).to_have_url((offline.root / "index.html").as_uri())
    # the contact page: links stay (phone, e-mail), its form is a sentence
    offline.open("contact.html")
    assert page.locator("form[method=post]").count() == 0
    expect(page.locator("a[href^='tel:']").first).to_be_attached()
    expect(page.locator("a[href^='mailto:']").first).to_be_attached()
    assert axe(page) == []
    _no_network(offline)


def test_search_answers_ten_shopper_questions_in_the_page_with_no_request(offline: Offline) -> None:
    page = offline.open("index.html")
    page.locator("main input[type=search]").fill("descale")
    page.locator("main input[type=search]").press("Enter")
    expect(page).to_have_url((offline.root / "search.html").as_uri() + "?q=descale")
    box = page.locator("#kb-search-q")
    for query, wanted in QUERIES:
        box.fill(query)
        expect(page.locator("#kb-search")).to_have_attribute("data-query", query)
        expect(page.locator("#kb-search")).to_have_attribute("data-state", "results")
        top = [page.locator("a.kb-result__link").nth(i).get_attribute("data-entry-id") for i in range(3)]
        assert wanted in top, (query, top)
    assert axe(page) == []
    box.fill("I want to talk to a person")
    channels = page.locator("[data-intent] a")
    expect(channels.first).to_be_visible()
    for href in [c.get_attribute("href") or "" for c in channels.all()]:
        assert "file" not in href.lower() and str(offline.root) not in href, href
    # a result opens its answer from disk
    box.fill("how to descale")
    expect(page.locator("#kb-search")).to_have_attribute("data-query", "how to descale")
    page.locator("a.kb-result__link[data-entry-id='how-to-descale']").click()
    expect(page).to_have_url((offline.root / "questions/how-to-descale.html").as_uri())
    _no_network(offline)


def test_does_it_fit_from_search_and_from_the_lookup_with_no_request(offline: Offline) -> None:
    page = offline.open("search.html", "does the aqua filter fit the aero duo")
    card = page.locator("[data-compat]").first
    expect(card).to_have_attribute("data-verdict", "no")
    expect(card).to_contain_text("Too small")
    card.locator("a", has_text="Aero Duo").first.click()
    expect(page).to_have_url((offline.root / "products/aero-duo.html").as_uri())
    page = offline.open("products.html")
    page.select_option("#kb-compat-a", "aqua-filter")
    page.select_option("#kb-compat-b", "aero-duo")
    result = page.locator(".kb-compat__result")
    expect(result).to_have_attribute("data-answer", "no")
    expect(result).to_contain_text("Too small")
    result.locator("a", has_text="Aqua filter").click()
    expect(page).to_have_url((offline.root / "products/aqua-filter.html").as_uri())
    _no_network(offline)


LANG_CONFIG = """\
site_name: Test Shop Help
site_url: https://help.example.com/
docs_dir: content
site_dir: site
theme:
  name: material
  language: en
  font: false
plugins:
  - kbgen:
      offline: true
      languages: [en, zh-Hans, zh-Hant]
"""


def test_every_language_is_in_the_zip_and_searches_from_disk(
    write_site: WriteSite, browser: Browser, tmp_path: Path
) -> None:
    root = write_site(
        {
            "content/a.md": entry(),
            "content/b.md": entry(
                question="How long does delivery take?", stage="after-the-order", summary="Two days."
            ),
            "content/zh-hant/a.md": entry(
                question="拆封的商品可以退貨嗎？", summary="可以，30 天內。", id="a"
            ),
            "content/zh-hans/b.md": entry(
                question="配送需要多久？", stage="after-the-order", summary="两天。",
                body="通常两天。\n", id="b",
            ),
        },
        config=LANG_CONFIG,
    )
    run_kbgen("build", cwd=root, check=True)  # the switch in mkdocs.yml, no --offline
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(root / "site" / "offline.zip") as zf:
        zf.extractall(out)
    folder = out / "test-shop-help"
    for lang in ("", "zh-hans/", "zh-hant/"):
        assert (folder / lang / "index.html").is_file()
        assert (folder / lang / "search/offline-data.js").is_file()
    for tab in _offline_tab(browser, folder, locale="zh-TW"):
        page = tab.open("index.html")  # a reader in Taiwan is offered zh-Hant, a file too
        page.locator(".kb-lang-offer a[hreflang='zh-Hant']").click()
        expect(page).to_have_url((folder / "zh-hant/index.html").as_uri())
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
        page.locator(".kb-lang summary").click()
        page.locator(".kb-lang a[data-kb-lang='zh-Hans']").click()
        expect(page).to_have_url((folder / "zh-hans/index.html").as_uri())
        page = tab.open("zh-hans/search.html", "配送")
        expect(page.locator("a.kb-result__link[data-entry-id='b']")).to_contain_text("配送需要多久？")
        page.locator("a.kb-result__link[data-entry-id='b']").click()
        expect(page).to_have_url((folder / "zh-hans/questions/b.html").as_uri())
        page = tab.open("zh-hant/search.html", "退貨")
        expect(page.locator("a.kb-result__link[data-entry-id='a']")).to_contain_text("拆封的商品可以退貨嗎？")
        _no_network(tab)
