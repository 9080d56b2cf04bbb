"""Which pages the live preview renders again after an edit (kbgen/site/changes.py): hand-made
knowledge bases before and after, no engine."""

from __future__ import annotations

import dataclasses

from kbgen.core import i18n
from kbgen.core.model import Entry, KnowledgeBase, Product, Stage
from kbgen.core.urls import SiteUrls
from kbgen.site.changes import Update, plan
from kbgen.site.views import SiteView

STAGES = (Stage("buy", "Before you buy"), Stage("after", "After delivery"))
PRODUCTS = (Product("pico", "Pico", "A small machine.", "https://shop.example/pico"),)


def _entry(id: str, stage: str, **kw: object) -> Entry:
    fields: dict[str, object] = {"question": f"Question {id}?", "summary": f"Answer {id}.", "body": ""}
    fields.update(kw)
    return Entry(id=id, stage=stage, path=f"{stage}/{id}.md", **fields)  # type: ignore[arg-type]


ENTRIES = (
    _entry("alpha", "buy", popular=True),  # on the home page (popular)
    _entry("beta", "buy", related=("alpha",)),  # shows alpha's question
    _entry("gamma", "after", body="See [the alpha answer](../buy/alpha.md).\n"),  # links alpha
    _entry("delta", "after", products=("pico",)),  # on the Pico page
    _entry("omega", "buy"),  # last in its stage, not popular: not on the home page
)


def _site(*entries: Entry, top: int = 1) -> SiteView:
    kb = KnowledgeBase(stages=STAGES, entries=entries, products=PRODUCTS)
    urls = SiteUrls(
        home="",
        contact="contact/",
        stages={s.id: f"{s.id}/" for s in STAGES},
        entries={e.id: f"questions/{e.id}/" for e in entries},
        products={"pico": "products/pico/"},
        products_index="products/",
    )
    return SiteView(kb, urls, i18n.strings("en"), top_questions=top)


def _edit(entry_id: str, **changes: object) -> tuple[Entry, ...]:
    return tuple(dataclasses.replace(e, **changes) if e.id == entry_id else e for e in ENTRIES)  # type: ignore[arg-type]


def test_no_change_renders_nothing() -> None:
    update = plan(_site(*ENTRIES), _site(*ENTRIES))
    assert update == Update()
    assert not update


def test_a_popular_entry_changes_its_page_stage_home_and_the_entries_naming_or_linking_it() -> None:
    update = plan(_site(*ENTRIES), _site(*_edit("alpha", summary="A new answer.")))
    assert update == Update(
        entries={"alpha", "beta", "gamma"}, stages={"buy"}, products=set(), home=True, search_index=True
    )


def test_an_entry_the_home_page_does_not_show_leaves_home_alone() -> None:
    update = plan(_site(*ENTRIES), _site(*_edit("omega", summary="Changed.", body="More.\n")))
    assert update == Update(entries={"omega"}, stages={"buy"}, home=False, search_index=True)


def test_an_entry_moving_up_into_the_stage_card_changes_home() -> None:
    # with one question per stage card, "omega" ordered first replaces "alpha" on the card
    update = plan(_site(*ENTRIES), _site(*_edit("omega", order=1)))
    assert update is not None and update.home and update.entries == {"omega"}


def test_moving_an_entry_to_another_stage_changes_both_stages_its_products_and_home() -> None:
    update = plan(_site(*ENTRIES), _site(*_edit("delta", stage="buy")))
    assert update == Update(
        entries={"delta"}, stages={"after", "buy"}, products={"pico"}, home=True, search_index=True
    )


def test_naming_a_product_changes_that_product_page() -> None:
    update = plan(_site(*ENTRIES), _site(*_edit("omega", products=("pico",))))
    assert update is not None and update.products == {"pico"}


def test_adding_removing_or_renaming_entries_or_changing_aliases_needs_a_full_build() -> None:
    old = _site(*ENTRIES)
    assert plan(old, _site(*ENTRIES, _entry("new", "buy"))) is None
    assert plan(old, _site(*ENTRIES[:-1])) is None
    assert plan(old, _site(*_edit("omega", path="buy/renamed.md"))) is None
    assert plan(old, _site(*_edit("omega", aliases=("old-omega",)))) is None


def test_catalog_changes_need_a_full_build() -> None:
    old = _site(*ENTRIES)
    kb = dataclasses.replace(old.kb, products=(dataclasses.replace(PRODUCTS[0], name="Pico 2"),))
    assert plan(old, SiteView(kb, old.urls, old.t, top_questions=1)) is None
