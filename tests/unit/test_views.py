"""What templates see (kbgen/site/views.py and catalog.py), built from a tiny loaded content
directory and hand-made page URLs: no engine, no build."""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

import pytest

from kbgen.content.loader import load
from kbgen.core import i18n
from kbgen.core.channels import Channel
from kbgen.core.model import KnowledgeBase, Stage
from kbgen.core.urls import SiteUrls
from kbgen.site import cards, catalog, views
from kbgen.site.views import SiteView

STAGES = (
    Stage("buying", "Before you buy", "What fits."),
    Stage("after", "After delivery"),
    Stage("empty", "Nothing yet"),
)

FILES = {
    "buying/fit.md": """\
---
id: fit-check
question: Does the grinder fit the Pico?
stage: buying
summary: Yes, with the <51 mm> basket & tamper.
products: [pico, grinder]
related: [shipping, returns]
updated: 2024-05-01
order: 1
---

Details.
""",
    "buying/shipping.md": """\
---
question: What does shipping cost?
stage: buying
summary: Free from EUR 50.
popular: true
---
""",
    "buying/accessories.md": """\
---
question: are accessories included?
stage: buying
summary: No.
---
""",
    "buying/pay-later.md": """\
---
question: Can I pay later?
stage: buying
summary: Yes, with an invoice.
order: 2
---
""",
    "after/returns.md": """\
---
question: How do I return an item?
stage: after
summary: Within 30 days.
products: [tamper]
aliases: [send-back]
popular: true
---
""",
    "products.yml": """\
- id: pico
  name: Pico <espresso> machine
  summary: A small machine.
  url: https://shop.example/pico
  image: https://img.example/pico.png
  compatible_with: [grinder]
  accessories: [tamper]
  incompatible_with:
    - id: basket-58
      reason: Different size (<58 mm> & more)
- id: grinder
  name: Grinder
  summary: Grinds.
  url: https://shop.example/grinder
- id: tamper
  name: Tamper
  summary: Tamps.
  url: https://shop.example/tamper
- id: basket-58
  name: Basket 58
  summary: A basket.
  url: https://shop.example/basket-58
- id: mug
  name: Mug
  summary: Holds coffee.
  url: https://shop.example/mug
""",
}

ENTRY_IDS = ("fit-check", "shipping", "accessories", "pay-later", "returns")
PRODUCT_IDS = ("pico", "grinder", "tamper", "basket-58", "mug")

URLS = SiteUrls(
    home="",
    contact="contact/",
    search="search/",
    products_index="products/",
    stages={s.id: f"{s.id}/" for s in STAGES},
    entries={e: f"questions/{e}/" for e in ENTRY_IDS},
    products={p: f"products/{p}/" for p in PRODUCT_IDS},
)

CHAT = Channel(
    "chat",
    "Live chat",
    "https://chat.example/?e={entry_id}&q={question}&s={stage}&from={page_url}&last={query}",
)
HOTLINE = Channel("hotline", "Call us", "tel:+4930123", "+49 30 123")


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    content = tmp_path_factory.mktemp("views") / "content"
    for rel, text in FILES.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load(content, STAGES)


def _site(kb: KnowledgeBase, language: str = "en", **options: Any) -> SiteView:
    return SiteView(kb, URLS, i18n.strings(language), **options)


def test_stage_entries_in_reading_order_and_top_questions(kb: KnowledgeBase) -> None:
    site = _site(kb, top_questions=2)
    assert [s.id for s in site.stages] == ["buying", "after", "empty"]
    buying = site.stage("buying")
    # explicit order first (1, 2), then by question, case folded ("are" before "What")
    assert [e.id for e in buying.entries] == ["fit-check", "pay-later", "accessories", "shipping"]
    assert [e.id for e in buying.top] == ["fit-check", "pay-later"]
    assert (buying.title, buying.description, buying.url) == ("Before you buy", "What fits.", "buying/")
    first = buying.entries[0]
    assert first == cards.EntryLink(
        "fit-check",
        "Does the grinder fit the Pico?",
        "Yes, with the <51 mm> basket & tamper.",
        "questions/fit-check/",
        "buying",
    )
    assert site.stage("empty").entries == ()
    assert site.stage("empty").top == ()


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "en",
            {
                "buying": ("4 questions", "All questions (4)"),
                "after": ("1 question", "All questions (1)"),
                "empty": ("0 questions", "All questions (0)"),
            },
        ),
        (
            "zh",
            {
                "buying": ("4 个问题", "全部问题（4）"),
                "after": ("1 个问题", "全部问题（1）"),
                "empty": ("0 个问题", "全部问题（0）"),
            },
        ),
    ],
)
def test_count_labels_in_the_sites_language(
    kb: KnowledgeBase, language: str, labels: dict[str, tuple[str, str]]
) -> None:
    site = _site(kb, language)
    assert {s.id: (s.count_label, s.all_questions_label) for s in site.stages} == labels


def test_stage_jsonld_lists_its_questions_and_cannot_close_the_script(kb: KnowledgeBase) -> None:
    stage = _site(kb).stage("buying")
    assert "<" not in stage.jsonld and ">" not in stage.jsonld and "&" not in stage.jsonld
    data = json.loads(stage.jsonld)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert [(q["@type"], q["name"], q["acceptedAnswer"]) for q in data["mainEntity"]] == [
        (
            "Question",
            "Does the grinder fit the Pico?",
            {"@type": "Answer", "text": "Yes, with the <51 mm> basket & tamper."},
        ),
        ("Question", "Can I pay later?", {"@type": "Answer", "text": "Yes, with an invoice."}),
        ("Question", "are accessories included?", {"@type": "Answer", "text": "No."}),
        ("Question", "What does shipping cost?", {"@type": "Answer", "text": "Free from EUR 50."}),
    ]
    assert json.loads(_site(kb).stage("empty").jsonld)["mainEntity"] == []


def test_popular_questions(kb: KnowledgeBase) -> None:
    # marked popular, in reading order ("How ..." before "What ...")
    assert [e.id for e in _site(kb).popular] == ["returns", "shipping"]
    assert [e.id for e in _site(kb, popular_limit=1).popular] == ["returns"]


def test_popular_without_marks_takes_the_first_of_each_stage_in_turn(kb: KnowledgeBase) -> None:
    unmarked = KnowledgeBase(
        stages=kb.stages,
        entries=tuple(dataclasses.replace(e, popular=False) for e in kb.entries),
        products=kb.products,
    )
    assert [e.id for e in _site(unmarked, popular_limit=3).popular] == ["fit-check", "returns", "pay-later"]


def test_site_urls_and_hotline(kb: KnowledgeBase) -> None:
    site = _site(kb, channels=(CHAT, HOTLINE))
    assert (site.home_url, site.contact_url, site.search_url) == ("", "contact/", "search/")
    assert site.search_index == "search/index.json"
    assert site.hotline is HOTLINE
    no_search = SiteView(kb, dataclasses.replace(URLS, search=None), i18n.strings("en"), channels=(CHAT,))
    assert no_search.search_url == ""  # the home page
    assert no_search.hotline is None


def test_page_links_without_entry_context(kb: KnowledgeBase) -> None:
    site = _site(kb, channels=(HOTLINE, CHAT), site_url="https://help.example/shop/")
    page = site.page("contact/")
    assert page.url == "contact/"
    assert page.page_url == "https://help.example/shop/contact/"
    hotline, chat = page.channel_links
    assert (hotline.channel, hotline.href, hotline.template, hotline.web) == (
        HOTLINE,
        "tel:+4930123",
        "",
        False,
    )
    assert chat.channel is CHAT
    assert chat.web
    assert (
        chat.href
        == "https://chat.example/?from=https%3A%2F%2Fhelp.example%2Fshop%2Fcontact%2F"
    )
    assert chat.template == CHAT.href  # nothing known at build time: the browser fills it all


def test_page_links_with_entry_context(kb: KnowledgeBase) -> None:
    site = _site(kb, channels=(CHAT,), site_url="https://help.example/shop/")
    page = site.page("questions/fit-check/", "fit-check")
    assert page.page_url == "https://help.example/shop/questions/fit-check/"
    (chat,) = page.channel_links
    assert chat.href == (
        "https://chat.example/?e=fit-check&q=Does%20the%20grinder%20fit%20the%20Pico%3F&s=buying"
        "&from=https%3A%2F%2Fhelp.example%2Fshop%2Fquestions%2Ffit-check%2F"
    )
    assert chat.template == (
        "https://chat.example/?e=fit-check&q=Does%20the%20grinder%20fit%20the%20Pico%3F&s=buying"
        "&from={page_url}&last={query}"
    )


def test_page_url_without_site_url_stays_relative(kb: KnowledgeBase) -> None:
    page = _site(kb, channels=(CHAT,)).page("questions/returns/", "returns")
    assert page.page_url == "questions/returns/"
    assert page.channel_links[0].href == (
        "https://chat.example/?e=returns&q=How%20do%20I%20return%20an%20item%3F&s=after"
        "&from=questions%2Freturns%2F"
    )


def test_entry_view(kb: KnowledgeBase) -> None:
    site = _site(kb)
    view = site.entry("fit-check", "<h3>Steps</h3>\n<p>Open <b>your</b> order &amp; choose.</p>")
    assert view.entry is kb.entry("fit-check")
    assert view.link.url == "questions/fit-check/"
    assert view.stage.id == "buying"
    assert view.updated == "2024-05-01"
    # related in the order the entry names them (not by id, not in reading order)
    assert [(r.id, r.url) for r in view.related] == [
        ("shipping", "questions/shipping/"),
        ("returns", "questions/returns/"),
    ]
    assert "<" not in view.jsonld
    (question,) = json.loads(view.jsonld)["mainEntity"]
    assert question["name"] == "Does the grinder fit the Pico?"
    assert question["acceptedAnswer"]["text"] == (
        "Yes, with the <51 mm> basket & tamper.\n\nSteps Open your order & choose."
    )
    # the "Works with" panel: each named product, what it works with, its accessories
    pico, grinder = view.works_with
    assert pico.card.id == "pico"
    assert [c.id for c in pico.works_with] == ["grinder"]
    assert [c.id for c in pico.accessories] == ["tamper"]
    assert pico.accessory_for == ()
    assert grinder.card.id == "grinder"
    assert [c.id for c in grinder.works_with] == ["pico"]
    assert (grinder.accessories, grinder.accessory_for) == ((), ())


def test_entry_view_of_an_accessory_without_details(kb: KnowledgeBase) -> None:
    view = _site(kb).entry("returns", "")
    assert view.updated == ""
    assert view.related == ()
    assert json.loads(view.jsonld)["mainEntity"][0]["acceptedAnswer"]["text"] == "Within 30 days."
    (tamper,) = view.works_with
    assert tamper.card.id == "tamper"
    assert (tamper.works_with, tamper.accessories) == ((), ())
    assert [c.id for c in tamper.accessory_for] == ["pico"]


def test_catalog_cards_and_product_pages(kb: KnowledgeBase) -> None:
    cat = _site(kb, site_url="https://help.example/").catalog
    assert cat.index_url == "products/"
    assert cat.cards["pico"] == catalog.ProductCard(
        "pico",
        "Pico <espresso> machine",
        "A small machine.",
        "products/pico/",
        "https://shop.example/pico",
        "https://img.example/pico.png",
    )
    pico = cat.products["pico"]
    assert [c.id for c in pico.works_with] == ["grinder"]
    assert [c.id for c in pico.accessories] == ["tamper"]
    assert pico.accessory_for == ()
    assert [(i.product.id, i.reason) for i in pico.incompatible] == [
        ("basket-58", "Different size (<58 mm> & more)")
    ]
    assert [(q.id, q.url, [e.id for e in q.entries]) for q in pico.questions] == [
        ("buying", "buying/", ["fit-check"])
    ]
    assert [(q.id, [e.id for e in q.entries]) for q in cat.products["tamper"].questions] == [
        ("after", ["returns"])
    ]
    assert cat.products["mug"].questions == ()
    basket = cat.products["basket-58"]
    assert [(i.product.id, i.reason) for i in basket.incompatible] == [
        ("pico", "Different size (<58 mm> & more)")
    ]


def test_product_jsonld(kb: KnowledgeBase) -> None:
    pico = _site(kb).catalog.products["pico"]
    assert "<" not in pico.jsonld
    assert json.loads(pico.jsonld) == {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Pico <espresso> machine",
        "description": "A small machine.",
        "url": "https://shop.example/pico",
        "image": "https://img.example/pico.png",
        "isRelatedTo": [
            {"@type": "Product", "name": "Tamper", "url": "https://shop.example/tamper"},
            {"@type": "Product", "name": "Grinder", "url": "https://shop.example/grinder"},
        ],
    }
    tamper = json.loads(_site(kb).catalog.products["tamper"].jsonld)
    assert tamper["isAccessoryOrSparePartFor"] == [
        {"@type": "Product", "name": "Pico <espresso> machine", "url": "https://shop.example/pico"}
    ]
    assert "isRelatedTo" not in tamper
    assert "image" not in tamper


def test_catalog_groups_and_pairs(kb: KnowledgeBase) -> None:
    cat = _site(kb).catalog
    assert [(g.key, [c.id for c in g.products]) for g in cat.groups] == [
        ("main", ["pico"]),
        ("addons", ["grinder", "tamper"]),
        ("other", ["basket-58", "mug"]),
    ]
    assert [(r.a.id, r.b.id, r.answer, r.kind, r.reason) for r in cat.pairs] == [
        ("pico", "grinder", "yes", "compatible", ""),
        ("pico", "tamper", "yes", "accessory", ""),
        ("pico", "basket-58", "no", "incompatible", "Different size (<58 mm> & more)"),
    ]


def test_lookup_json(kb: KnowledgeBase) -> None:
    text = _site(kb).catalog.lookup_json
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["products"] == [
        {"id": "pico", "name": "Pico <espresso> machine", "url": "pico/"},
        {"id": "grinder", "name": "Grinder", "url": "grinder/"},
        {"id": "tamper", "name": "Tamper", "url": "tamper/"},
        {"id": "basket-58", "name": "Basket 58", "url": "basket-58/"},
        {"id": "mug", "name": "Mug", "url": "mug/"},
    ]
    assert data["compatible"] == [[0, 1]]
    assert data["accessory"] == [[0, 2]]
    assert data["incompatible"] == [[0, 3, "Different size (<58 mm> & more)"]]
    assert data["t"]["yes"] == "Yes: {a} works with {b}."
    assert data["t"]["answer_no"] == "no"
    assert not any(k.startswith("compat_") for k in data["t"])
    assert "site_title" not in data["t"]


def test_lookup_json_urls_without_directory_urls(kb: KnowledgeBase) -> None:
    urls = dataclasses.replace(
        URLS, products_index="products.html", products={p: f"products/{p}.html" for p in PRODUCT_IDS}
    )
    data = json.loads(SiteView(kb, urls, i18n.strings("zh")).catalog.lookup_json)
    assert data["products"][0]["url"] == "products/pico.html"
    assert data["t"]["yes"] == "可以：{a} 可与 {b} 搭配使用。"


def _values(obj: object, seen: set[int]) -> typing.Iterator[object]:
    if id(obj) in seen:
        return
    seen.add(id(obj))
    yield obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _values(getattr(obj, f.name), seen)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _values(k, seen)
            yield from _values(v, seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for item in obj:
            yield from _values(item, seen)


def test_views_hold_no_engine_types(kb: KnowledgeBase) -> None:
    """Every value a template can reach is plain data or a kbgen type, never an engine object,
    and every view's annotations resolve (no import cycle) without naming the engine."""
    site = _site(kb, channels=(CHAT, HOTLINE), site_url="https://help.example/")
    reachable = [
        site,
        site.page("contact/"),
        site.page("questions/fit-check/", "fit-check"),
        site.entry("fit-check", "<p>x</p>"),
    ]
    modules = {type(v).__module__ for r in reachable for v in _values(r, set())}
    assert modules <= {"builtins", "datetime"} | {m for m in modules if m.startswith("kbgen.")}
    assert {"kbgen.site.views", "kbgen.site.catalog", "kbgen.site.cards", "kbgen.core.channels"} <= modules
    view_types = [
        t
        for module in (views, catalog, cards)
        for t in vars(module).values()
        if isinstance(t, type) and dataclasses.is_dataclass(t) and t.__module__ == module.__name__
    ]
    assert len(view_types) >= 10
    for t in view_types:
        hints = typing.get_type_hints(t)
        assert hints
        assert not any("mkdocs" in repr(h) or "material" in repr(h) for h in hints.values()), t
