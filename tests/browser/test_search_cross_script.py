"""Search across both Chinese scripts in a real Chromium: the worker folds Traditional to
Simplified with the pairs its index carries, and ranks mixed-script queries as Python does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import opencc_purepy
import pytest
from playwright.sync_api import Browser

from kbgen.search import query as searchquery
from tests.browser.conftest import Tab, serve_dir
from tests.browser.test_axe import NO_TRANSITIONS, VIEWPORTS, axe, wait_ready
from tests.browser.test_search import shown_ids
from tests.conftest import ROOT, run_kbgen

pytestmark = pytest.mark.browser

QUERIES = [
    "怎么退货", "怎麼退貨", "怎么退貨", "發票", "开發票", "電水壺 E1", "电水壶 e1", "紫砂壺 真假",
    "快遞到哪了", "優惠券用不了", "保修多久", "保固多久", "人工客服", "聯繫客服", "我的訂單在哪",
    "玻璃泡茶壺 茶濾", "開",
]  # fmt: skip
"""Simplified, Traditional and mixed, as shoppers type them (no phrase of OpenCC's: 保固 is
Taiwan's word for 保修 and is not expected to match it)."""


@pytest.fixture(scope="module")
def hant_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese example converted to Traditional Chinese (Taiwan) with OpenCC, built."""
    convert = opencc_purepy.OpenCC("s2twp").convert
    src = tmp_path_factory.mktemp("hant-src")
    shutil.copytree(ROOT / "examples/zh", src, dirs_exist_ok=True)
    for translations in ("zh-hant", "en"):  # the example's own translations: one language here
        shutil.rmtree(src / "content" / translations)
    for path in src.rglob("*"):
        if path.suffix in (".md", ".yml"):
            path.write_text(convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    config = src / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("language: zh ", "language: zh-Hant ")
    start, end = text.index("      languages:"), text.index("\n      contact:") + 1
    config.write_text(text[:start] + text[end:], "utf-8")  # a one-language site in zh-Hant
    out = src / "site"
    run_kbgen("build", "-f", str(config), "--site-dir", str(out), cwd=ROOT, check=True)
    return out


@pytest.fixture(scope="module")
def hant(browser: Browser, hant_site: Path) -> Iterator[Tab]:
    server, url = serve_dir(hant_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    yield Tab(context.new_page(), url)
    context.close()
    server.shutdown()
    server.server_close()


def test_the_traditional_site_is_traditional_and_its_index_carries_fold_pairs(hant_site: Path) -> None:
    home = (hant_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant"' in home and "說明中心" in home
    index = (hant_site / "search/index.json").read_text(encoding="utf-8")
    assert '"fold":"' in index


@pytest.mark.parametrize("query", QUERIES)
def test_the_worker_ranks_mixed_script_queries_as_python_does(hant: Tab, hant_site: Path, query: str) -> None:
    index, docs = searchquery.load((hant_site / "search/index.json").read_text(encoding="utf-8"))
    expected = [docs[h.ref][0] for h in searchquery.search(index, query, limit=10)]
    assert expected, query
    page = hant.open(f"search/?q={quote(query)}")
    shown_ids(page, query)
    shown = page.locator("#kb-search-results a").evaluate_all(
        "links => links.map(a => a.dataset.entryId || a.dataset.productId)"
    )
    assert shown == expected


@pytest.mark.parametrize(
    ("simplified", "traditional"), [("怎么退货", "怎麼退貨"), ("发票", "發票"), ("电水壶 E1", "電水壺 E1")]
)
def test_either_script_gives_the_same_results_in_the_browser(
    hant: Tab, simplified: str, traditional: str
) -> None:
    got = []
    for query in (simplified, traditional):
        page = hant.open(f"search/?q={quote(query)}")
        got.append(shown_ids(page, query))
    assert got[0] and got[0] == got[1]


def test_the_result_highlights_traditional_text_for_a_simplified_query(hant: Tab) -> None:
    page = hant.open(f"search/?q={quote('退货')}")
    shown_ids(page, "退货")
    marks = page.locator("#kb-search-results mark").all_inner_texts()
    assert "退貨" in "".join(marks)


HANT_PAGES = {
    "home": "",
    "stage": "after-delivery/",
    "entry": "questions/seven-day-return/",
    "products": "products/",
    "product": "products/gaiwan/",
    "contact": "contact/",
    "search": "search/?q=%E9%80%80%E8%B2%A8",  # 退貨
    "404": "404.html",
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violation_on_any_traditional_chinese_page_type(
    browser: Browser, hant_site: Path, viewport: str
) -> None:
    server, url = serve_dir(hant_site)
    context = browser.new_context(**VIEWPORTS[viewport], locale="zh-TW")
    try:
        page = context.new_page()
        found = {}
        for kind, path in HANT_PAGES.items():
            response = page.goto(url + path)
            assert response is not None and response.ok, path
            wait_ready(page, path)
            page.add_style_tag(content=NO_TRANSITIONS)
            found[kind] = axe(page)
        assert found == {kind: [] for kind in HANT_PAGES}
    finally:
        context.close()
        server.shutdown()
        server.server_close()
