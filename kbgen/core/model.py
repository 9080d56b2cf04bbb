"""The knowledge base as plain, immutable data: no I/O, no MkDocs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stage:
    """A step of the shopper's journey (before purchase, after delivery, ...)."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Entry:
    """One FAQ entry: a question as a shopper asks it, its short answer and its details."""

    id: str
    question: str
    stage: str
    summary: str
    body: str
    path: str
    """Path of the source file relative to the content directory, '/'-separated."""
    keywords: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    updated: dt.date | None = None
    order: int | None = None
    popular: bool = False
    updated_reason: str = ""
    """Why the answer changed on ``updated`` ("new returns window"), plain text; '' if not given."""


@dataclass(frozen=True)
class Incompatibility:
    """A product that does not work with another one, and why ("different group head size")."""

    id: str
    reason: str


@dataclass(frozen=True)
class Product:
    """A product of the shop's catalog."""

    id: str
    name: str
    summary: str
    url: str
    image: str | None = None
    compatible_with: tuple[str, ...] = ()
    accessories: tuple[str, ...] = ()
    incompatible_with: tuple[Incompatibility, ...] = ()
    keywords: tuple[str, ...] = ()
    """Words shoppers search the product by (search only)."""
    aliases: tuple[str, ...] = ()
    """Other names of the product (search: a query that is one of them names the product)."""


@dataclass(frozen=True)
class KnowledgeBase:
    """Every stage, entry and product of a help center, validated and cross-checked."""

    stages: tuple[Stage, ...]
    entries: tuple[Entry, ...]
    products: tuple[Product, ...] = ()
    static: tuple[str, ...] = ()
    """Files published as they are (images, PDFs), relative to the content directory."""
    _by_id: dict[str, Entry] = field(default_factory=dict, init=False, repr=False, compare=False)
    _products_by_id: dict[str, Product] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((e.id, e) for e in self.entries)
        # reversed: the first product of an id wins, as a search through ``products`` would find it
        self._products_by_id.update((p.id, p) for p in reversed(self.products))

    def entry(self, entry_id: str) -> Entry:
        """Return the entry with this id."""
        return self._by_id[entry_id]

    def product(self, product_id: str) -> Product:
        """Return the product with this id (a lookup: the search index asks once per named product)."""
        return self._products_by_id[product_id]

    def stage(self, stage_id: str) -> Stage:
        """Return the stage with this id."""
        return next(s for s in self.stages if s.id == stage_id)

    def in_stage(self, stage_id: str) -> list[Entry]:
        """The entries of a stage, in reading order: `order` first, then by question."""
        return sorted((e for e in self.entries if e.stage == stage_id), key=reading_order)

    def popular(self, limit: int = 6) -> list[Entry]:
        """Entries marked popular (in reading order); the first entries of each stage if none are."""
        marked = sorted((e for e in self.entries if e.popular), key=reading_order)
        if marked:
            return marked[:limit]
        return list(_round_robin([self.in_stage(s.id) for s in self.stages]))[:limit]

    def related(self, entry: Entry) -> list[Entry]:
        """The entries an entry names as related, in the order it names them."""
        return [self._by_id[r] for r in entry.related if r in self._by_id]


def reading_order(entry: Entry) -> tuple[int, str, str]:
    """Sort key: explicit `order` first, then alphabetical by question."""
    return (entry.order if entry.order is not None else 1_000_000, entry.question.casefold(), entry.id)


def _round_robin(groups: list[list[Entry]]) -> Iterator[Entry]:
    for i in range(max((len(g) for g in groups), default=0)):
        for group in groups:
            if i < len(group):
                yield group[i]
