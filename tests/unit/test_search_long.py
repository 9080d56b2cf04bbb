"""Long questions (issue 22, items 3 and 4): a question told with context gets its answer before
the compatibility cards, in Chinese too, where words have no spaces between them; a sentence's
last stop word is a whole word, not one being typed. Expected values are written by hand from
the small catalogs below."""

from __future__ import annotations

from kbgen.core.model import Entry, KnowledgeBase, Product, Stage
from kbgen.search import index as search
from kbgen.search import query as searchquery

STAGES = (Stage("before", "购买前"), Stage("after", "收货后"))


def _index(entries: tuple[Entry, ...], products: tuple[Product, ...]) -> searchquery.ShopIndex:
    kb = KnowledgeBase(STAGES, entries, products)
    urls = {e.id: f"q/{e.id}/" for e in kb.entries}
    loaded, _ = searchquery.load(
        search.index_json(kb, urls, {p.id: f"products/{p.id}/" for p in kb.products}, "产品", ())
    )
    assert isinstance(loaded, searchquery.ShopIndex)
    return loaded


def _entry(entry_id: str, question: str, summary: str, products: tuple[str, ...] = ()) -> Entry:
    return Entry(entry_id, question, "after", summary, "", f"{entry_id}.md", products=products)


TEA = _index(
    (
        _entry("kettle-on-tray", "电水壶能放在竹茶盘上烧水吗？", "可以，底座隔热，不会烫坏竹茶盘。",
               ("kettle", "tray")),
        _entry("tray-care", "竹茶盘怎么保养？", "用后擦干，不要暴晒。", ("tray",)),
        _entry("kettle-descale", "电水壶怎么除水垢？", "用柠檬酸煮一遍。", ("kettle",)),
    ),
    (
        Product(
            "kettle", "智能电水壶", "恒温电水壶。", "https://shop.example/kettle", compatible_with=("tray",)
        ),
        Product("tray", "竹茶盘", "竹制茶盘。", "https://shop.example/tray"),
    ),
)  # fmt: skip


def test_a_long_chinese_question_gets_its_answer_before_the_card() -> None:
    # 36 characters, about as many words as "hello, I just bought the smart kettle and I'd like
    # to ask whether boiling water on the bamboo tray will scorch the tray, thanks"
    long = "你好，我刚买了智能电水壶，想问一下放在竹茶盘上烧水的时候会不会把竹茶盘烫坏，谢谢"
    got = searchquery.answer(TEA, long)
    assert [(TEA.products[c.a][0], TEA.products[c.b][0], c.verdict) for c in got.compat] == [
        ("kettle", "tray", "yes")
    ]
    assert got.lead == 1
    assert TEA.docs[got.hits[0].ref][0] == "kettle-on-tray"


def test_a_short_chinese_fit_question_keeps_the_card_first() -> None:
    got = searchquery.answer(TEA, "智能电水壶能放竹茶盘上吗")
    assert len(got.compat) == 1
    assert got.lead == 0


def test_a_long_question_in_traditional_chinese_counts_alike() -> None:
    long = "你好，我剛買了智能電水壺，想問一下放在竹茶盤上燒水的時候會不會把竹茶盤燙壞，謝謝"
    assert searchquery.answer(TEA, long).lead == 1


def test_particles_and_spaces_are_no_words() -> None:
    # 智能电水壶 竹茶盘 兼容吗: 9 characters besides the particle 吗, about five words: short
    assert searchquery.answer(TEA, "智能电水壶 和 竹茶盘 兼容吗").lead == 0


def test_a_stop_word_ending_a_sentence_is_not_a_word_being_typed() -> None:
    docs = [
        search.SearchDoc("declined", "My card payment was declined", "Ask your bank.", "faq", "a/"),
        search.SearchDoc("domains", "Which domains do you ship to?", "Domains of the EU.", "faq", "b/"),
    ]
    loaded, refs = searchquery.load(search.serialize(docs))
    # "do" is the last word: typed on its own it could be the start of "domains"; ending this
    # sentence it is the whole word, a stop word
    asked = "I paid by card but the shop says the payment was declined, what can I do"
    assert searchquery.plan(loaded, asked)[-1].terms == {}
    hits = searchquery.search(loaded, asked)
    assert [refs[h.ref][0] for h in hits] == ["declined"]
    # a short query is still being typed
    assert "domain" in searchquery.plan(loaded, "how do")[-1].terms


def test_a_word_of_a_long_chinese_question_counts_once() -> None:
    long = "你好，我刚买了智能电水壶，想问一下放在竹茶盘上烧水的时候会不会把竹茶盘烫坏，谢谢"
    words = {qw.word.text: qw.terms for qw in searchquery.plan(TEA, long)}
    # 茶盘 is a word of the index: its characters would count it a second time
    assert words["茶盘"] == {"茶盘": "exact"}
    # 把竹 is no word: its characters still find 竹茶盘
    assert words["把竹"].get("竹") == "part"
    # a short query keeps the characters, which match a word written another way
    short = {qw.word.text: qw.terms for qw in searchquery.plan(TEA, "竹茶盘")}
    assert short["茶盘"].get("茶") == "part"
