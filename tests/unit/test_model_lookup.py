"""KnowledgeBase lookups by id do not walk the catalog: the search index asks for every product
an entry names, so a scan per lookup made a build O(entries x products)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kbgen.core.model import Entry, KnowledgeBase, Product, Stage


class _CountingProducts(tuple[Product, ...]):
    """A tuple of products that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Iterator[Product]:
        type(self).walks += 1
        return super().__iter__()


def _kb(products: int, entries: int) -> tuple[KnowledgeBase, type[_CountingProducts]]:
    counting = type("Counting", (_CountingProducts,), {"walks": 0})
    catalog = counting(
        Product(f"p{i}", f"Product {i}", "", f"https://shop.test/p{i}") for i in range(products)
    )
    stage = Stage("before-purchase", "Before")
    named = [
        Entry(f"e{i}", f"Q{i}?", stage.id, "A.", "", f"e{i}.md", products=(f"p{(i * 7) % products}",))
        for i in range(entries)
    ]
    return KnowledgeBase((stage,), tuple(named), catalog), counting


def test_product_lookup_does_not_walk_the_catalog() -> None:
    kb, counting = _kb(products=200, entries=500)
    counting.walks = 0
    found = [kb.product(pid) for e in kb.entries for pid in e.products]
    assert [p.id for p in found] == [f"p{(i * 7) % 200}" for i in range(500)]
    assert counting.walks == 0


def test_product_lookup_finds_every_product_and_fails_on_an_unknown_id() -> None:
    kb, _ = _kb(products=5, entries=1)
    assert [kb.product(f"p{i}").name for i in range(5)] == [f"Product {i}" for i in range(5)]
    with pytest.raises(KeyError):
        kb.product("nope")
