"""Search across both Chinese scripts (kbgen/search/fold.py): Traditional folds to Simplified
at index time and at query time, before cutting; English words and model numbers are untouched."""

from __future__ import annotations

import json

import opencc_purepy
import pytest

from kbgen.core.model import Entry, KnowledgeBase, Product, Stage
from kbgen.search import fold
from kbgen.search import index as search
from kbgen.search import query as searchquery
from kbgen.search import terms as tokenize

STAGES = (Stage("before-purchase", "售前咨询"), Stage("after-delivery", "售后服务"))
TO_TAIWAN = opencc_purepy.OpenCC("s2twp")


def _entry(entry_id: str, question: str, summary: str, body: str = "", **extra: object) -> Entry:
    return Entry(entry_id, question, "after-delivery", summary, body, f"{entry_id}.md", **extra)  # type: ignore[arg-type]


SIMPLIFIED = (
    _entry(
        "return", "怎么退货？", "签收后 30 天内在订单页面申请退货。", "## 步骤\n\n打开订单，选择申请退货。\n"
    ),
    _entry("invoice", "如何开具发票？", "在订单详情页申请电子发票。", "发票会发送到您的邮箱。\n"),
    _entry("kettle", "电水壶显示 E2 怎么办？", "E2 表示水壶干烧，请断电冷却后再试。", products=("k1",)),
    _entry("print", "怎样打印退货标签？", "在退货页面下载标签并打印。"),
    _entry("sights", "附近有哪些景点？", "门店附近的景点介绍。"),
    _entry("classic", "经典款咖啡机还卖吗？", "经典款已停产。"),
)
PRODUCTS = (Product("k1", "Kettle Pro K-2000 电水壶", "", "https://shop.example/k1"),)


def _kb(convert: bool) -> KnowledgeBase:
    entries = tuple(
        Entry(e.id, TO_TAIWAN.convert(e.question), e.stage, TO_TAIWAN.convert(e.summary),
              TO_TAIWAN.convert(e.body), e.path, products=e.products)
        if convert else e
        for e in SIMPLIFIED
    )  # fmt: skip
    products = (
        tuple(Product(p.id, TO_TAIWAN.convert(p.name), p.summary, p.url) for p in PRODUCTS)
        if convert
        else PRODUCTS
    )
    return KnowledgeBase(STAGES, entries, products)


URLS = {e.id: f"questions/{e.id}/" for e in SIMPLIFIED}


@pytest.fixture(scope="module", params=["simplified", "traditional"])
def index(request: pytest.FixtureRequest) -> searchquery.Index:
    loaded, _ = searchquery.load(search.index_json(_kb(request.param == "traditional"), URLS))
    return loaded


def ids(index: searchquery.Index, query: str) -> list[str]:
    return [SIMPLIFIED[h.ref].id for h in searchquery.search(index, query)]


def test_the_table_is_opencc_characters_and_taiwan_variants() -> None:
    table = fold.table()
    assert len(table) > 4000
    assert table["貨"] == "货" and table["個"] == "个" and table["臺"] == "台"
    assert table["裡"] == "里" and table["裏"] == "里"  # Taiwan's variant and OpenCC's standard form
    assert table["爲"] == "为" and table["為"] == "为"
    assert "货" not in table and "台" not in table  # Simplified characters stay as they are
    assert fold.fold("回覆") == "回复" and fold.fold("瞭解") == "了解"  # Taiwan's spelling of a word
    assert "像" not in table and "座" not in table  # 像/象 and 座/坐 are different words
    assert all(fold.fold(s) == s for s in table.values())  # folding twice changes nothing


def test_folding_is_by_character_never_by_phrase_or_sound() -> None:
    assert fold.fold("軟體") == "软体"  # not 软件: the writer's word as written
    assert fold.fold("景點") != fold.fold("經典")  # homophones (jingdian) stay apart
    assert tokenize.terms("景點") == ["景点"] and tokenize.terms("經典") == ["经典"]
    assert fold.fold("iPhone 15 Pro, K-2000, E2") == "iPhone 15 Pro, K-2000, E2"


def test_folding_comes_before_cutting() -> None:
    assert tokenize.words("退貨政策") == tokenize.words("退货政策")
    assert tokenize.cjk_chars("臺灣") == ["台", "湾"]
    assert tokenize.key_terms("請問怎麼退貨") == tokenize.key_terms("请问怎么退货") == ("return",)


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("怎么退货", "怎麼退貨"), ("发票", "發票"), ("退货标签", "退貨標籤"), ("电水壶 E2", "電水壺 E2"),
     ("经典款", "經典款"), ("附近景点", "附近景點")],
)  # fmt: skip
def test_a_query_in_either_script_finds_the_same_answers_in_either_index(
    index: searchquery.Index, simplified: str, traditional: str
) -> None:
    assert ids(index, simplified)
    assert ids(index, traditional) == ids(index, simplified)


def test_taiwan_phrases_still_find_the_answer_by_their_characters(index: searchquery.Index) -> None:
    # s2twp turns 打印 into 列印: the characters differ, and folding does not claim they match;
    # 标签/標籤 still finds the entry.
    assert ids(index, "列印標籤")[0] == "print"
    assert ids(index, "打印标签")[0] == "print"


def test_english_names_and_model_numbers_still_work(index: searchquery.Index) -> None:
    assert ids(index, "K-2000")[0] == "kettle"
    assert ids(index, "kettle pro")[0] == "kettle"
    assert ids(index, "e2")[0] == "kettle"


def test_sounds_alike_is_no_match(index: searchquery.Index) -> None:
    assert ids(index, "景點") == ["sights"]
    assert ids(index, "经典") == ["classic"]


def test_the_index_ships_only_the_pairs_its_texts_need() -> None:
    english = KnowledgeBase(
        (Stage("after-delivery", "After delivery"),),
        (_entry("a", "How do I return an item?", "Within 30 days."),),
    )
    english_data = json.loads(search.index_json(english, {"a": "a/"}))
    # an English index folds only what its built-in Chinese channel phrases ("联系客服") and
    # thesaurus terms ("return" is also "退货") need
    chinese = set(json.dumps([english_data["intents"], english_data["terms"]], ensure_ascii=False))
    assert set(english_data["fold"][1::2]) <= chinese
    assert len(english_data["fold"]) < 200
    data = json.loads(search.index_json(_kb(True), URLS))
    pairs = data["fold"]
    chars = list(pairs)
    mapping = dict(zip(chars[::2], chars[1::2], strict=True))
    assert mapping["貨"] == "货" and mapping["標"] == "标"
    assert len(mapping) < len(fold.table()) // 10
    assert all(fold.table()[t] == s for t, s in mapping.items())
    # every Traditional character of the index's own texts folds in the browser too
    text = json.dumps({k: v for k, v in data.items() if k != "fold"}, ensure_ascii=False)
    assert {c for c in text if c in fold.table()} <= set(mapping)
