"""What entries and products reference, and the checks across files: unknown ids, duplicates,
colliding aliases, contradicting compatibility. Run on everything that could be read, even an
entry or a product with other problems, so that one run of ``kbgen check`` reports them all."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from kbgen.content.yamlsrc import Field, line_of
from kbgen.core.errors import Problem
from kbgen.core.model import Entry, Incompatibility, Product


@dataclass
class Source:
    """Where each field of one entry or product came from, for cross-reference messages."""

    path: str
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def line(self, name: str, index: int | None = None) -> int:
        items = self.item_lines.get(name, [])
        if index is not None and index < len(items):
            return items[index]
        return self.lines.get(name, 1)

    def record(self, fields: dict[str, Field], first_line: int) -> None:
        for f in fields.values():
            self.lines[f.name] = f.line
            if isinstance(f.node, yaml.SequenceNode):
                self.item_lines[f.name] = [line_of(n, first_line) for n in f.node.value]


@dataclass(frozen=True)
class EntryRefs:
    """What one entry references, as far as its fields are valid (checked even if others are not)."""

    id: str
    src: Source
    products: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProductRefs:
    """What one product references, as far as its fields are valid."""

    id: str
    label: str
    src: Source
    compatible_with: tuple[str, ...] = ()
    accessories: tuple[str, ...] = ()
    incompatible_with: tuple[Incompatibility, ...] = ()


@dataclass
class Checked:
    """Everything read from the content, valid or not, for the checks across files."""

    entries: list[tuple[Entry, Source]] = field(default_factory=list)
    entry_refs: list[EntryRefs] = field(default_factory=list)
    bodies: dict[str, tuple[str, Source]] = field(default_factory=dict)
    """Body and source of every entry whose body could be read, by path in content/."""
    products: list[tuple[Product, Source]] = field(default_factory=list)
    product_refs: list[ProductRefs] = field(default_factory=list)
    unread: bool = False
    """Some front matter could not be parsed: its fields, and references to it, wait."""
    catalog_unread: bool = False
    """The catalog could not be parsed: references to products wait."""
    anchors: dict[str, set[str]] = field(default_factory=dict)
    """Heading ids of the entries other entries link into, by path (each rendered once)."""


def cross_check(checked: Checked, problems: list[Problem], known_entries: dict[str, Source]) -> None:
    """References between entries and products: unknown, duplicate, colliding ids.

    Checked for every entry and product whose references could be read, even if other fields
    of it have problems; references to products wait if the catalog could not be read.
    """
    known_products = {p.id for p in checked.product_refs if p.id}
    first_product: dict[str, Source] = {}
    for product in checked.product_refs:
        if not product.id:
            continue
        if product.id in first_product:
            other = first_product[product.id]
            problems.append(
                Problem(
                    product.src.path,
                    product.src.line("id"),
                    f"{product.id}.id",
                    f"duplicate product id '{product.id}': line {other.line('id')} uses it too",
                )
            )
        else:
            first_product[product.id] = product.src

    for product in checked.product_refs:
        src = product.src
        for name in ("compatible_with", "accessories"):
            for i, ref in enumerate(getattr(product, name)):
                label = f"{product.label}.{name}"
                if ref == product.id:
                    problems.append(
                        Problem(src.path, src.line(name, i), label, "a product cannot list itself")
                    )
                elif ref not in known_products:
                    problems.append(
                        Problem(
                            src.path,
                            src.line(name, i),
                            label,
                            f"unknown product '{ref}'{did_you_mean(ref, known_products)}",
                        )
                    )

    alias_owner: dict[str, Source] = {}
    for entry in checked.entry_refs:
        src = entry.src
        for i, ref in enumerate(entry.products):
            if ref not in known_products and not checked.catalog_unread:
                problems.append(
                    Problem(
                        src.path,
                        src.line("products", i),
                        "products",
                        f"unknown product '{ref}'{did_you_mean(ref, known_products)}",
                    )
                )
        for i, ref in enumerate(entry.related):
            if ref == entry.id:
                problems.append(
                    Problem(
                        src.path, src.line("related", i), "related", "an entry cannot be related to itself"
                    )
                )
            elif ref not in known_entries:
                problems.append(
                    Problem(
                        src.path,
                        src.line("related", i),
                        "related",
                        f"unknown entry '{ref}'{did_you_mean(ref, known_entries)}",
                    )
                )
        for i, alias in enumerate(entry.aliases):
            line = src.line("aliases", i)
            if alias in known_entries:
                owner = known_entries[alias]
                problems.append(
                    Problem(
                        src.path,
                        line,
                        "aliases",
                        f"'{alias}' is the id of {owner.path}; an alias must be an "
                        "old id that no entry uses now",
                    )
                )
            elif alias in alias_owner and alias_owner[alias] is not src:
                problems.append(
                    Problem(
                        src.path, line, "aliases", f"'{alias}' is also an alias in {alias_owner[alias].path}"
                    )
                )
            else:
                alias_owner[alias] = src


def check_incompatible(checked: Checked, problems: list[Problem]) -> None:
    """``incompatible_with``: known ids, no self-links, no pair both compatible and incompatible.

    A pair is compatible if either side lists the other in ``compatible_with`` or
    ``accessories``, so both sides are searched for a contradiction.
    """
    by_id = {p.id: p for p in checked.product_refs if p.id}
    for product in checked.product_refs:
        src = product.src
        label = f"{product.label}.incompatible_with"
        for i, item in enumerate(product.incompatible_with):
            line = src.line("incompatible_with", i)
            if item.id == product.id:
                problems.append(Problem(src.path, line, label, "a product cannot list itself"))
                continue
            if item.id not in by_id:
                problems.append(
                    Problem(
                        src.path,
                        line,
                        label,
                        f"unknown product '{item.id}'{did_you_mean(item.id, by_id)}",
                    )
                )
                continue
            other = by_id[item.id]
            sides = [(product, item.id), (other, product.id)] if product.id else [(product, item.id)]
            for owner, ref in sides:
                for name in ("compatible_with", "accessories"):
                    refs: tuple[str, ...] = getattr(owner, name)
                    if ref in refs:
                        problems.append(
                            Problem(
                                src.path,
                                line,
                                label,
                                f"'{item.id}' is also listed in {owner.label}.{name} "
                                f"(line {owner.src.line(name, refs.index(ref))}); a pair cannot be "
                                "both compatible and incompatible",
                            )
                        )


def did_you_mean(ref: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""
