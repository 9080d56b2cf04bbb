"""Issue 22, second round: a shopper's everyday words meet the writers' words, chat words of a
long question find nothing, and Chinese shoppers name products by their head nouns, with
demonstratives and measure words. Expected values are written by hand from the small catalogs
below; the Node parity test (tests/integration/test_search_parity.py) checks the worker agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbgen.core.model import Entry, KnowledgeBase, Product, Stage
from kbgen.search import everyday, shop
from kbgen.search import index as search
from kbgen.search import query as searchquery
from kbgen.search import terms as tokenize
from tests.unit.test_settings import _plugin, _problems, _resolve

STAGES = (Stage("before", "Before you buy"),)


def _entry(entry_id: str, question: str, summary: str) -> Entry:
    return Entry(entry_id, question, "before", summary, "", f"{entry_id}.md")


KB = KnowledgeBase(
    STAGES,
    (
        _entry("leds", "What do the LEDs on the board mean?", "The green LED blinks while it writes."),
        _entry("night", "Does the board have a light sensor?", "Yes: a light sensor next to the LED."),
        _entry("psu", "Which power supply do I need?", "A 5 V 3 A power supply."),
        _entry("warranty", "What does the warranty cover?", "Two years, parts and labour."),
        _entry("team", "Say hello to our team", "Just tell us, please: thanks and hello are always welcome."),
        *(_entry(f"other-{i}", f"Question {i} about parcels", "A parcel answer.") for i in range(8)),
    ),
    (),
)
URLS = {e.id: f"q/{e.id}/" for e in KB.entries}


def _ids(options: search.SearchOptions, query: str) -> list[str]:
    loaded, docs = searchquery.load(search.index_json(KB, URLS, options=options))
    return [docs[h.ref][0] for h in searchquery.search(loaded, query)]


def test_the_everyday_table_keeps_what_the_index_has() -> None:
    table = everyday.Everyday.of({"lamp": ["LED", "indicator"], "wall plug": ["power supply"]})
    assert table.pairs == ((("lamp",), ("led", "indic")), (("wall", "plug"), ("power", "suppli")))
    assert table.table_for({"led", "power"}) == [[["lamp"], ["led"]], [["wall", "plug"], ["power"]]]
    assert table.table_for({"parcel"}) == []
    chinese = everyday.Everyday.of({"网线": ["ethernet"], "cord": ["cable"]})
    assert chinese.table_for({"ethernet", "cabl"}) == [[["cord"], ["cabl"]]]  # no Chinese text
    assert chinese.table_for({"ethernet", "cabl", "退货"}) == [[["cord"], ["cabl"]], [["网线"], ["ethernet"]]]
    # the same word twice gets the writers' words of both
    twice = everyday.Everyday.of({"lamp": ["led"]}, {"Lamp": ["bulb"]})
    assert twice.pairs == ((("lamp",), ("led", "bulb")),)


def test_an_everyday_word_finds_the_writers_word_below_the_exact_word() -> None:
    on = search.SearchOptions()
    assert _ids(on, "light")[:2] == ["night", "leds"]  # the entry with the shopper's own word first
    assert _ids(on, "what does the lamp mean")[0] == "leds"  # "lamp" → LED
    assert _ids(on, "which plug do I need")[0] == "psu"  # "plug" → power supply
    off = search.SearchOptions(everyday=None)
    assert "leds" not in _ids(off, "lamp")
    assert "psu" not in _ids(off, "plug")


def test_an_index_carries_the_everyday_pairs_its_words_can_use() -> None:
    data = search.shop_tables(KB, search.documents(KB, URLS), options=search.SearchOptions())
    pairs = {tuple(k): v for k, v in data["everyday"]}
    assert pairs[("lamp",)] == ["led", "light"]  # "indicator" is in no entry, so it is not shipped
    assert ("engin",) not in pairs  # "motor" is in no entry
    assert "everyday" not in search.shop_tables(KB, [], options=search.SearchOptions(everyday=None))


def test_chat_words_of_a_long_question_find_nothing() -> None:
    query = "Hello, I was just wondering if you could possibly tell me about the warranty please, thanks"
    found = _ids(search.SearchOptions(), query)
    assert found == ["warranty"]  # "team" has only hello, just, tell, please, thanks
    words = tokenize.words("please tell me")
    # a short query keeps them
    assert tokenize.chat(words, tokenize.fillers(words), 4) == [False, False, False]
    assert _ids(search.SearchOptions(), "say hello")[0] == "team"


def test_chinese_politeness_words_are_fillers() -> None:
    words = tokenize.words("你好，麻烦告诉我怎么退货，谢谢")
    flagged = [w.term for w, f in zip(words, tokenize.fillers(words), strict=True) if f]
    assert {"你好", "麻烦", "告诉", "谢谢", "怎么"} <= set(flagged)
    assert "退货" not in flagged


# Chinese head nouns: names as Chinese shops write them (brand, model, then the noun).
ZH = [
    ("紫砂西施壶 200 ml", ()),
    ("耐热玻璃泡茶壶 600 ml", ()),
    ("温控电水壶 0.8 L", ()),
    ("青瓷品茗杯", ()),
    ("玻璃公道杯 250 ml", ()),
    ("山茶 PoE 供电板", ()),
    ("山茶 5 官方外壳", ()),
    ("山茶 4 官方外壳", ()),
    ("山茶 4 外壳风扇", ()),
    ("山茶 5", ()),
    ("山茶 Zero 2 W", ()),
]


def zh_named(query: str) -> list[list[str]]:
    namer = shop.Namer(ZH)
    words = [w for w in tokenize.words(shop.query_text(query)) if w.term]
    found = namer.mentions([w.term for w in words], [w.text for w in words])
    return [[ZH[p][0] for p in m.products] for m in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("这个杯", [["青瓷品茗杯", "玻璃公道杯 250 ml"]]),  # a one-character head noun two names share
        ("这个壶", []),  # three teapots: none
        ("玻璃壶", [["耐热玻璃泡茶壶 600 ml"]]),  # a modifier and the head noun, not in a row
        ("这款电水壶", [["温控电水壶 0.8 L"]]),  # demonstrative and measure word left out
        ("這款電水壺", [["温控电水壶 0.8 L"]]),  # in Traditional characters too
        ("供电", []),  # one Chinese word names a product only as its head noun
        ("供电板", [["山茶 PoE 供电板"]]),
        ("山茶5外壳", [["山茶 5 官方外壳"]]),  # a whole name, then a head noun: one name
        ("zero2w", [["山茶 Zero 2 W"]]),  # letters and digits split at every change
    ],
)
def test_chinese_head_nouns_name_products(query: str, expected: list[list[str]]) -> None:
    assert zh_named(query) == expected


def test_measure_words_are_taken_apart_from_the_noun() -> None:
    assert shop.query_text("这款充电器") == " 充电器"
    assert shop.query_text("能用那台咖啡机吗") == "能用 咖啡机吗"
    assert shop.query_text("一个月") == " 月"
    assert shop.query_text("I'm fine") == "i fine"


def test_site_everyday_words_extend_kbgens_and_false_turns_them_off(tmp_path: Path) -> None:
    options = _resolve(tmp_path, _plugin("search:\n  everyday:\n    brew box: [espresso machine]")).search
    assert options.everyday is not None
    pairs = dict(options.everyday.pairs)
    assert pairs[("brew", "box")] == ("espresso", "machin")
    assert pairs[("lamp",)] == ("led", "indic", "light")  # kbgen's stay
    assert _resolve(tmp_path, _plugin("search:\n  everyday: false")).search.everyday is None


LIST = "must be a list of the writers' words, e.g. [led, indicator]"


def test_site_everyday_problems_all_at_once_with_lines(tmp_path: Path) -> None:
    text = _plugin(
        "search:\n"  # line 7
        "  everyday:\n"  # 8
        "    lamp: led\n"  # 9: not a list
        "    the: [led]\n"  # 10: a stop word only
        "    bulb: []\n"  # 11: empty
    )
    assert _problems(tmp_path, text) == [
        f"mkdocs.yml:9: plugins.kbgen.search.everyday.lamp: {LIST}",
        "mkdocs.yml:10: plugins.kbgen.search.everyday.the: has no word search can look up (only stop words)",
        f"mkdocs.yml:11: plugins.kbgen.search.everyday.bulb: {LIST}",
        "3 problems found.",
    ]
    assert _problems(tmp_path, _plugin("search:\n  everyday: [lamp]")) == [
        "mkdocs.yml:8: plugins.kbgen.search.everyday: must be false or map a shopper's word to the writers' "
        "words, e.g. {lamp: [led, indicator]}",
        "1 problem found.",
    ]


def test_a_head_noun_two_products_share_asks_which_one_in_a_fit_question() -> None:
    products = (
        Product("celadon", "青瓷品茗杯", "六只装。", "https://shop.example/c", compatible_with=("tray",)),
        Product("fair", "玻璃公道杯 250 ml", "分茶杯。", "https://shop.example/f", compatible_with=("tray",)),
        Product("tray", "竹制储水茶盘", "储水式茶盘。", "https://shop.example/tray"),
    )
    kb = KnowledgeBase(STAGES, (_entry("care", "茶盘怎么清洗？", "用清水冲洗。"),), products)
    urls = {"care": "q/care/"}
    loaded, _ = searchquery.load(search.index_json(kb, urls, {p.id: f"p/{p.id}/" for p in products}))
    assert isinstance(loaded, searchquery.ShopIndex)
    got = searchquery.answer(loaded, "这个杯能配茶盘吗")
    assert [[loaded.products[p][0] for p in choice] for choice in got.which] == [["celadon", "fair"]]
    assert got.compat == []
    fit = searchquery.answer(loaded, "这款公道杯能配茶盘吗")  # the measure word is no part of the name
    assert [(loaded.products[c.a][0], loaded.products[c.b][0], c.verdict) for c in fit.compat] == [
        ("fair", "tray", "yes")
    ]
