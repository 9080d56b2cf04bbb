"""The product compatibility graph: pure queries over a validated catalog.

Three kinds of link come from ``products.yml``:

- *compatible* (``compatible_with``) is symmetric: declared on either side, it holds both ways;
- *accessory* (``accessories``) is directional: ``a`` lists ``b`` means "b is an accessory for a";
- *incompatible* (``incompatible_with``) is symmetric and carries a reason.

Lists keep catalog order, so the same catalog always gives the same pages and output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from kbgen.core.model import Product

Answer = Literal["yes", "no", "unknown", "same"]


@dataclass(frozen=True)
class Relation:
    """How two products relate, as the compatibility lookup answers it."""

    answer: Answer
    reason: str = ""
    """Why not (for "no"); which link says so (for "yes"): "compatible", "accessory" or "accessory-for"."""


@dataclass
class ProductGraph:
    """Compatibility, accessory and incompatibility links between the products of a catalog."""

    products: tuple[Product, ...]
    _order: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _compatible: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _accessories: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _accessory_for: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _incompatible: dict[str, dict[str, list[str]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._order = {p.id: i for i, p in enumerate(self.products)}
        for p in self.products:
            for d in (self._compatible, self._accessories, self._accessory_for):
                d[p.id] = set()
            self._incompatible[p.id] = {}
        for p in self.products:
            for other in p.compatible_with:
                if other in self._order and other != p.id:
                    self._compatible[p.id].add(other)
                    self._compatible[other].add(p.id)
            for other in p.accessories:
                if other in self._order and other != p.id:
                    self._accessories[p.id].add(other)
                    self._accessory_for[other].add(p.id)
            for item in p.incompatible_with:
                if item.id in self._order and item.id != p.id:
                    for a, b in ((p.id, item.id), (item.id, p.id)):
                        reasons = self._incompatible[a].setdefault(b, [])
                        if item.reason not in reasons:
                            reasons.append(item.reason)

    @classmethod
    def of(cls, products: Iterable[Product]) -> ProductGraph:
        """The graph of a catalog."""
        return cls(tuple(products))

    def _sorted(self, ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=self._order.__getitem__)

    def compatible(self, product_id: str) -> list[str]:
        """Products that work with this one, declared on either side (catalog order)."""
        return self._sorted(self._compatible[product_id])

    def accessories(self, product_id: str) -> list[str]:
        """Products this one lists as its accessories."""
        return self._sorted(self._accessories[product_id])

    def accessory_for(self, product_id: str) -> list[str]:
        """Products that list this one as an accessory."""
        return self._sorted(self._accessory_for[product_id])

    def incompatible(self, product_id: str) -> list[tuple[str, str]]:
        """(product id, reason) of every product that does not work with this one, either side."""
        links = self._incompatible[product_id]
        return [(other, "; ".join(links[other])) for other in self._sorted(links)]

    def works_with(self, product_id: str) -> list[str]:
        """Compatible products that are not already among its accessories (for compact panels)."""
        accessories = self._accessories[product_id]
        return [p for p in self.compatible(product_id) if p not in accessories]

    def relation(self, a: str, b: str) -> Relation:
        """Does ``a`` work with ``b``? yes / no (with reason) / unknown; "same" for one product."""
        if a == b:
            return Relation("same")
        if b in self._incompatible[a]:
            return Relation("no", "; ".join(self._incompatible[a][b]))
        if b in self._compatible[a]:
            return Relation("yes", "compatible")
        if b in self._accessories[a]:
            return Relation("yes", "accessory")
        if b in self._accessory_for[a]:
            return Relation("yes", "accessory-for")
        return Relation("unknown")

    def is_main(self, product_id: str) -> bool:
        """A main product (a machine) has accessories of its own."""
        return bool(self._accessories[product_id])

    def groups(self) -> tuple[list[str], list[str], list[str]]:
        """(main products, accessories and add-ons, others) for the products index.

        Main products have accessories; add-ons are accessories of, or compatible with, a main
        product; the rest stand alone. Derived from the links, so writers don't tag products.
        """
        main = [p.id for p in self.products if self.is_main(p.id)]
        mains = set(main)
        addons = [
            p.id
            for p in self.products
            if p.id not in mains and (self._accessory_for[p.id] or self._compatible[p.id] & mains)
        ]
        taken = mains | set(addons)
        return main, addons, [p.id for p in self.products if p.id not in taken]

    def edges(self) -> list[tuple[str, str, str, str]]:
        """Every link once: (kind, a, b, reason), kind "compatible", "accessory" (a → b) or
        "incompatible"; symmetric links with ``a`` first in catalog order. A compatible pair
        that is also an accessory pair is listed once, as the accessory."""
        out: list[tuple[str, str, str, str]] = []
        for p in self.products:
            for other in self.compatible(p.id):
                if other in self._accessories[p.id] or other in self._accessory_for[p.id]:
                    continue
                if self._order[p.id] < self._order[other]:
                    out.append(("compatible", p.id, other, ""))
            for other in self.accessories(p.id):
                out.append(("accessory", p.id, other, ""))
            for other, reason in self.incompatible(p.id):
                if self._order[p.id] < self._order[other]:
                    out.append(("incompatible", p.id, other, reason))
        return out

    def as_text(self) -> str:
        """One block per product: what it works with, its accessories, what it does not fit."""
        lines: list[str] = []
        for p in self.products:
            lines.append(f"{p.id}  ({p.name})")
            for label, ids in (
                ("works with", self.compatible(p.id)),
                ("accessories", self.accessories(p.id)),
                ("accessory for", self.accessory_for(p.id)),
            ):
                if ids:
                    lines.append(f"  {label}: {', '.join(ids)}")
            for other, reason in self.incompatible(p.id):
                lines.append(f"  not with: {other} ({reason})")
        return "\n".join(lines) + ("\n" if lines else "")

    def as_mermaid(self) -> str:
        """A Mermaid flowchart: solid lines work together, arrows point to accessories,
        dotted lines with a reason do not work together."""
        lines = ["flowchart LR"]
        for p in self.products:
            lines.append(f'  {_node(p.id)}["{_label(p.name)}"]')
        for kind, a, b, reason in self.edges():
            if kind == "compatible":
                lines.append(f"  {_node(a)} --- {_node(b)}")
            elif kind == "accessory":
                lines.append(f'  {_node(a)} -->|"accessory"| {_node(b)}')
            else:
                lines.append(f'  {_node(a)} -.-|"not: {_label(reason)}"| {_node(b)}')
        return "\n".join(lines) + "\n"


def _node(product_id: str) -> str:
    # ids are [a-z0-9-]; Mermaid node ids may not contain '-' safely in every version
    return "p_" + product_id.replace("-", "_")


def _label(value: str) -> str:
    text = " ".join(value.split())
    return text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
