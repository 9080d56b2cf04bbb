"""Word proximity (issue 22, fifth round): of two entries with the same words, the one whose
question has the shopper's words together, as the shopper wrote them ("pay with PayPal"),
comes first. Expected orders are written by hand: without proximity the two entries tie and
the first written comes first."""

from __future__ import annotations

from kbgen.core.model import Entry, KnowledgeBase, Stage
from kbgen.search import index as search
from kbgen.search import query as searchquery

KB = KnowledgeBase(
    (Stage("before", "Before you buy"),),
    tuple(
        Entry(i, q, "before", s, "", f"{i}.md")
        for i, q, s in [
            ("paypal-first", "PayPal: how do I pay?", "In euros, from your account."),
            ("pay-with", "How do I pay with PayPal?", "In euros, from your account."),
            ("currencies", "Which currencies are there?", "Euros and dollars."),
            ("tracker", "Removal of a mask: is its tracker kept?", "In the settings."),
            ("removal", "Is tracker removal kept for a mask?", "In the settings."),
        ]
    ),
    (),
)

NEAR = {
    "pay with paypal in euros": ["pay-with", "paypal-first"],
    "I'd like to pay with paypal in euros if I can": ["pay-with", "paypal-first"],
    "is tracker removal on for my masks": ["removal", "tracker"],
}
"""Queries whose words stand together in one entry's question: that entry first."""
APART = {"paypal in euros, how to pay": ["paypal-first", "pay-with"]}
"""Words apart in the query: neither question has them together; the first written stays first."""


def ids(query: str) -> list[str]:
    urls = {e.id: f"q/{e.id}/" for e in KB.entries}
    loaded, docs = searchquery.load(search.index_json(KB, urls, options=search.SearchOptions()))
    return [docs[h.ref][0] for h in searchquery.search(loaded, query)]


def test_words_together_as_the_shopper_wrote_them_rank_first() -> None:
    for query, order in {**NEAR, **APART}.items():
        got = ids(query)
        assert [i for i in got if i in order] == order, query

