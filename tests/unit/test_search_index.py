"""The prebuilt index (kbgen/search.py) and the query algorithm's Python twin (searchquery.py)."""

from __future__ import annotations

import json

import pytest

from kbgen.core.model import Entry, KnowledgeBase, Product, Stage
from kbgen.search import index as search
from kbgen.search import query as searchquery

STAGES = (Stage("before-purchase", "Before you buy"), Stage("after-delivery", "After delivery"))


def _entry(entry_id: str, question: str, summary: str, body: str = "", **extra: object) -> Entry:
    return Entry(entry_id, question, "after-delivery", summary, body, f"{entry_id}.md", **extra)  # type: ignore[arg-type]


KB = KnowledgeBase(
    STAGES,
    (
        _entry(
            "return-opened",
            "Can I return an opened item?",
            "Yes, within 30 days if all parts are included.",
            "## Conditions\n\nSee [the policy](https://example.com/policy) for <b>details</b>.\n",
            keywords=("refund", "send back"),
        ),
        _entry("descale", "How do I descale my espresso machine?", "Run the descaling program monthly.",
               products=("aero",)),
        _entry("warranty", "How long is the warranty?", "Two years on every machine."),
        _entry("zh-return", "怎么退货？", "签收后 30 天内在订单页面申请退货。", "## 步骤\n\n申请退货。\n"),
        _entry("zh-invoice", "如何开具发票？", "在订单详情页申请电子发票。"),
    ),
    (Product("aero", "Aero One espresso machine", "Compact.", "https://shop.example/aero"),),
)
URLS = {e.id: f"questions/{e.id}/" for e in KB.entries}


@pytest.fixture(scope="module")
def index() -> searchquery.Index:
    loaded, _ = searchquery.load(search.index_json(KB, URLS))
    return loaded


def ids(index: searchquery.Index, query: str) -> list[str]:
    return [KB.entries[h.ref].id for h in searchquery.search(index, query)]


def test_documents_have_headings_plain_body_and_product_names() -> None:
    docs = {d.id: d for d in search.documents(KB, URLS)}
    assert docs["return-opened"].headings == "Conditions"
    assert "example.com" not in docs["return-opened"].body
    assert "<b>" not in docs["return-opened"].body
    assert "the policy" in docs["return-opened"].body
    assert docs["descale"].products == "Aero One espresso machine"
    assert docs["return-opened"].stage == "After delivery"


def test_urls_written_in_the_text_stay_searchable() -> None:
    _, body = search.markdown_text("Masks now end in mozmail.com, see https://relay.example/faq.")
    assert "mozmail.com" in body and "relay.example" in body


def test_serialization_is_versioned_deterministic_and_smaller_than_lunrs() -> None:
    first = search.index_json(KB, URLS)
    assert first == search.index_json(KB, URLS)
    data = json.loads(first)
    assert data["version"] == search.FORMAT
    assert [d[0] for d in data["docs"]] == [e.id for e in KB.entries]
    docs = search.documents(KB, URLS)
    assert len(first) < len(search.lunr_json(search.build(docs)))


def test_loaded_index_scores_like_the_lunr_py_index_it_was_made_from() -> None:
    docs = search.documents(KB, URLS)
    built = search.build(docs)
    loaded, _ = searchquery.load(search.serialize(docs))
    for query in ["return", "descale machine", "退货", "warranty two years", "refnd"]:
        a = [(h.ref, round(h.score, 6)) for h in searchquery.search(built, query)]
        b = [(h.ref, round(h.score, 6)) for h in searchquery.search(loaded, query)]
        assert a == b, query


def test_english_prefix_typo_and_synonym(index: searchquery.Index) -> None:
    assert ids(index, "descale")[0] == "descale"
    assert ids(index, "desc")[0] == "descale"  # the last word is a prefix while typing
    assert ids(index, "warrnty")[0] == "warranty"  # one typo in a word of 5+ letters
    assert ids(index, "refund")[0] == "return-opened"  # keywords are synonyms
    assert ids(index, "aero one")[0] == "descale"  # product names


def test_exact_hits_rank_above_typo_hits(index: searchquery.Index) -> None:
    hits = searchquery.search(index, "machine ")
    assert hits and all(h.all_exact for h in hits)


def test_chinese_without_spaces_and_mid_sentence(index: searchquery.Index) -> None:
    assert ids(index, "怎么退货")[0] == "zh-return"
    assert ids(index, "发票")[0] == "zh-invoice"
    assert ids(index, "电子发票")[0] == "zh-invoice"  # a word in the middle of the summary


@pytest.mark.parametrize(
    "query",
    ["title:return", "+return -opened", "return~2", "return^10", "ret*", "<img src=x onerror=alert(1)>",
     "a" * 1000, "😀🎉", "", "   ", "the of and", "\x00\u202e"],
)
def test_any_input_gives_results_or_none(index: searchquery.Index, query: str) -> None:
    assert isinstance(searchquery.search(index, query), list)
