"""What the product pages, the products index and the "Works with" panel see.

Everything here is plain data for templates; the links come from :mod:`kbgen.core.graph`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kbgen.core.graph import ProductGraph
from kbgen.core.model import Entry, KnowledgeBase, Product
from kbgen.core.urls import SiteUrls, relative_url
from kbgen.site.cards import EntryLink


@dataclass(frozen=True)
class ProductCard:
    """A product as a link: its page, its shop page, its picture."""

    id: str
    name: str
    summary: str
    url: str
    """The product page, relative to the site root (templates pass it through ``| url``)."""
    shop_url: str
    image: str | None
    """A path relative to the site root, or an https URL."""


@dataclass(frozen=True)
class Incompatible:
    """A product that does not work with another, and why."""

    product: ProductCard
    reason: str


@dataclass(frozen=True)
class StageQuestions:
    """The questions of one journey stage that name a product."""

    id: str
    title: str
    url: str
    entries: tuple[EntryLink, ...]


@dataclass(frozen=True)
class ProductView:
    """One product page's data."""

    card: ProductCard
    works_with: tuple[ProductCard, ...]
    accessories: tuple[ProductCard, ...]
    accessory_for: tuple[ProductCard, ...]
    incompatible: tuple[Incompatible, ...]
    questions: tuple[StageQuestions, ...]
    jsonld: str
    """schema.org ``Product`` JSON-LD of the page."""


@dataclass(frozen=True)
class PanelItem:
    """A product named by an entry, with what it works with (the "Works with" panel)."""

    card: ProductCard
    works_with: tuple[ProductCard, ...]
    """Compatible products that are not among its accessories."""
    accessories: tuple[ProductCard, ...]
    accessory_for: tuple[ProductCard, ...] = ()
    """For an accessory: the products it is for (those not already under ``works_with``)."""


@dataclass(frozen=True)
class ProductGroup:
    """A heading of the products index and its products."""

    key: str
    """``main``, ``addons`` or ``other``; the title is ``t["products_" + key]``."""
    products: tuple[ProductCard, ...]


@dataclass(frozen=True)
class PairRow:
    """One known combination, for the lookup's no-JavaScript table."""

    a: ProductCard
    b: ProductCard
    answer: str
    """``yes`` or ``no``."""
    kind: str
    """``compatible``, ``accessory`` (b is an accessory for a) or ``incompatible``."""
    reason: str


@dataclass
class CatalogView:
    """The catalog as seen by templates (one per build)."""

    kb: KnowledgeBase
    urls: SiteUrls
    links: dict[str, EntryLink]
    t: dict[str, str] = field(default_factory=dict)
    site_url: str = ""
    graph: ProductGraph = field(init=False)
    cards: dict[str, ProductCard] = field(default_factory=dict, init=False)
    products: dict[str, ProductView] = field(default_factory=dict, init=False)
    """Each product page's view, by product id."""
    groups: list[ProductGroup] = field(default_factory=list, init=False)
    """The products index's groups (empty groups left out)."""
    pairs: list[PairRow] = field(default_factory=list, init=False)
    """Every known combination once, for the lookup's table."""
    lookup_json: str = field(default="", init=False)
    """The compatibility lookup's data, safe inside ``<script type="application/json">``."""
    _naming: dict[str, dict[str, list[Entry]]] = field(default_factory=dict, init=False, repr=False)
    """Product id → stage id → the entries naming it (see :meth:`_entries_naming`)."""

    def __post_init__(self) -> None:
        self.graph = ProductGraph.of(self.kb.products)
        self.cards = {p.id: self._card(p) for p in self.kb.products}
        self._naming = self._entries_naming()
        self.products = {p.id: self.product(p.id) for p in self.kb.products}
        self.groups = self._groups()
        self.pairs = self._pairs()
        self.lookup_json = self._lookup_json(self.t)

    def _card(self, product: Product) -> ProductCard:
        return ProductCard(
            product.id,
            product.name,
            product.summary,
            self.urls.products.get(product.id, ""),
            product.url,
            product.image,
        )

    def _cards(self, ids: Iterable[str]) -> tuple[ProductCard, ...]:
        return tuple(self.cards[i] for i in ids)

    @property
    def index_url(self) -> str:
        """URL of the products index ('' without a catalog)."""
        return self.urls.products_index or ""

    def _entries_naming(self) -> dict[str, dict[str, list[Entry]]]:
        """For each product id, the entries that name it, by stage, in reading order: built once,
        so that a catalog of thousands of products does not read every entry per product."""
        naming: dict[str, dict[str, list[Entry]]] = {}
        for stage in self.kb.stages:
            for entry in self.kb.in_stage(stage.id):
                for product_id in dict.fromkeys(entry.products):
                    naming.setdefault(product_id, {}).setdefault(stage.id, []).append(entry)
        return naming

    def product(self, product_id: str) -> ProductView:
        """The view of one product page."""
        g = self.graph
        naming = self._naming.get(product_id, {})
        questions = []
        for stage in self.kb.stages:
            ordered = naming.get(stage.id, [])
            if ordered:
                questions.append(
                    StageQuestions(
                        stage.id,
                        stage.title,
                        self.urls.stages[stage.id],
                        tuple(self.links[e.id] for e in ordered),
                    )
                )
        return ProductView(
            card=self.cards[product_id],
            works_with=self._cards(g.compatible(product_id)),
            accessories=self._cards(g.accessories(product_id)),
            accessory_for=self._cards(g.accessory_for(product_id)),
            incompatible=tuple(
                Incompatible(self.cards[other], reason) for other, reason in g.incompatible(product_id)
            ),
            questions=tuple(questions),
            jsonld=self.jsonld(product_id, self.site_url),
        )

    def jsonld(self, product_id: str, site_url: str) -> str:
        """schema.org ``Product`` JSON-LD of a product page, with its accessory and related links.

        ``site_url`` makes a local image absolute; without it the image is left out.
        """
        card = self.cards[product_id]
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": card.name,
            "description": card.summary,
            "url": card.shop_url,
        }
        if card.image and "://" in card.image:
            data["image"] = card.image
        elif card.image and site_url:
            data["image"] = site_url.rstrip("/") + "/" + card.image
        g = self.graph
        accessory_for = g.accessory_for(product_id)
        related = [*g.accessories(product_id), *g.works_with(product_id)]
        links = [
            ("isAccessoryOrSparePartFor", accessory_for),
            ("isRelatedTo", [i for i in related if i not in accessory_for]),
        ]
        for key, ids in links:
            if ids:
                data[key] = [
                    {"@type": "Product", "name": self.cards[i].name, "url": self.cards[i].shop_url}
                    for i in dict.fromkeys(ids)
                ]
        return script_json(data)

    def panel(self, product_ids: Iterable[str]) -> list[PanelItem]:
        """The "Works with" panel of an entry page naming these products."""
        items = []
        for p in product_ids:
            if p not in self.cards:
                continue
            works_with = self.graph.works_with(p)
            items.append(
                PanelItem(
                    self.cards[p],
                    self._cards(works_with),
                    self._cards(self.graph.accessories(p)),
                    self._cards(q for q in self.graph.accessory_for(p) if q not in works_with),
                )
            )
        return items

    def _groups(self) -> list[ProductGroup]:
        """The products index's groups (empty groups left out)."""
        keys = ("main", "addons", "other")
        groups = zip(keys, self.graph.groups(), strict=True)
        return [ProductGroup(key, self._cards(ids)) for key, ids in groups if ids]

    def _pairs(self) -> list[PairRow]:
        """Every known combination once, for the lookup's table."""
        rows = []
        for kind, a, b, reason in self.graph.edges():
            answer = "no" if kind == "incompatible" else "yes"
            rows.append(PairRow(self.cards[a], self.cards[b], answer, kind, reason))
        return rows

    def _lookup_json(self, t: dict[str, str]) -> str:
        """The compatibility lookup's data, safe inside ``<script type="application/json">``.

        Products are listed once and links refer to them by position, so the data grows with
        the number of links, not with the number of pairs.
        """
        index = self.urls.products_index
        order = {p.id: i for i, p in enumerate(self.kb.products)}
        data: dict[str, Any] = {
            "products": [
                {
                    "id": p.id,
                    "name": p.name,
                    "url": relative_url(self.cards[p.id].url, index) if index else "",
                }
                for p in self.kb.products
            ],
            "compatible": [],
            "accessory": [],
            "incompatible": [],
            "t": {k[len("compat_") :]: v for k, v in t.items() if k.startswith("compat_")},
        }
        for kind, a, b, reason in self.graph.edges():
            link: list[Any] = [order[a], order[b]]
            if kind == "incompatible":
                link.append(reason)
            data[kind].append(link)
        return script_json(data)


def script_json(data: object) -> str:
    """JSON that no text inside it can break out of a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
