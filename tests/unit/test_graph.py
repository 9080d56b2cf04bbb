"""The compatibility graph's queries, on small hand-made catalogs (no files, no build)."""

from __future__ import annotations

import pytest

from kbgen.core.graph import ProductGraph, Relation
from kbgen.core.model import Incompatibility, Product


def product(pid: str, **links: object) -> Product:
    return Product(pid, pid.title(), f"About {pid}.", f"https://shop.example/{pid}", **links)  # type: ignore[arg-type]


@pytest.fixture
def graph() -> ProductGraph:
    return ProductGraph.of(
        [
            product(
                "pico", accessories=("frother",), incompatible_with=(Incompatibility("tamper", "51 mm"),)
            ),
            product("aero", compatible_with=("filter",), accessories=("tamper", "grinder")),
            product("grinder", compatible_with=("aero", "pico")),
            product("filter"),
            product("tamper", incompatible_with=(Incompatibility("pico", "Different head."),)),
            product("frother"),
            product("kettle"),
        ]
    )


def test_compatibility_is_symmetric_whichever_side_declares_it(graph: ProductGraph) -> None:
    assert graph.compatible("filter") == ["aero"]  # declared only by aero
    assert graph.compatible("aero") == ["grinder", "filter"]  # catalog order, both sides merged
    assert graph.compatible("pico") == ["grinder"]
    assert graph.compatible("kettle") == []


def test_accessories_point_one_way(graph: ProductGraph) -> None:
    assert graph.accessories("aero") == ["grinder", "tamper"]
    assert graph.accessory_for("tamper") == ["aero"]
    assert graph.accessories("tamper") == []
    assert graph.accessory_for("aero") == []
    assert graph.works_with("aero") == ["filter"]  # the grinder is shown as an accessory instead


def test_incompatibility_is_symmetric_and_keeps_every_reason(graph: ProductGraph) -> None:
    assert graph.incompatible("tamper") == [("pico", "51 mm; Different head.")]
    assert graph.incompatible("pico") == [("tamper", "51 mm; Different head.")]
    assert graph.incompatible("aero") == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("aero", "filter", Relation("yes", "compatible")),
        ("filter", "aero", Relation("yes", "compatible")),
        ("aero", "tamper", Relation("yes", "accessory")),
        ("tamper", "aero", Relation("yes", "accessory-for")),
        ("pico", "tamper", Relation("no", "51 mm; Different head.")),
        ("tamper", "pico", Relation("no", "51 mm; Different head.")),
        ("kettle", "pico", Relation("unknown")),
        ("frother", "aero", Relation("unknown")),
        ("pico", "pico", Relation("same")),
    ],
)
def test_lookup_answers(graph: ProductGraph, a: str, b: str, expected: Relation) -> None:
    assert graph.relation(a, b) == expected


def test_groups_come_from_the_links(graph: ProductGraph) -> None:
    main, addons, other = graph.groups()
    assert main == ["pico", "aero"]  # they have accessories
    assert addons == ["grinder", "filter", "tamper", "frother"]  # accessories of, or compatible with, one
    assert other == ["kettle"]


def test_edges_list_each_link_once(graph: ProductGraph) -> None:
    assert graph.edges() == [
        ("compatible", "pico", "grinder", ""),
        ("accessory", "pico", "frother", ""),
        ("incompatible", "pico", "tamper", "51 mm; Different head."),  # declared on both sides
        ("compatible", "aero", "filter", ""),
        ("accessory", "aero", "grinder", ""),  # also compatible: listed once, as the accessory
        ("accessory", "aero", "tamper", ""),
    ]


def test_text_and_mermaid(graph: ProductGraph) -> None:
    text = graph.as_text()
    assert "aero  (Aero)\n  works with: grinder, filter\n  accessories: grinder, tamper\n" in text
    assert "tamper  (Tamper)\n  accessory for: aero\n  not with: pico (51 mm; Different head.)\n" in text
    mermaid = graph.as_mermaid().splitlines()
    assert mermaid[0] == "flowchart LR"
    assert '  p_pico["Pico"]' in mermaid
    assert "  p_aero --- p_filter" in mermaid
    assert '  p_aero -->|"accessory"| p_tamper' in mermaid
    assert '  p_pico -.-|"not: 51 mm; Different head."| p_tamper' in mermaid


def test_mermaid_labels_cannot_break_out() -> None:
    g = ProductGraph.of(
        [product("a", incompatible_with=(Incompatibility("b", 'say "hi" <b>#1</b>'),)), product("b")]
    )
    assert '"not: say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt;"' in g.as_mermaid()
