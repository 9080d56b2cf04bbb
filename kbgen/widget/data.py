"""The shop widget's data: one JSON document built from the same prepared views as the help
site's pages (:class:`kbgen.site.views.SiteView`), so the widget and the site never disagree.

URLs are relative to the help site's root; the browser resolves them against the address it
loaded ``widget.js`` from, so a site works wherever it is served.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kbgen.core.widget import WidgetSettings
from kbgen.site.catalog import ProductCard
from kbgen.site.views import SiteView

FORMAT = 2
"""Bumped when the document's shape changes (the panel script checks it): 2 may come in parts
(kbgen/widget/parts.py)."""
PRODUCT_ENTRIES = 6
"""How many of a product's questions the panel lists before a link to all of them."""

STRINGS = (
    "help_button",
    "widget_close",
    "widget_back",
    "widget_full_answer",
    "widget_feedback_unconfirmed",
    "popular",
    "product_questions",
    "works_with",
    "accessories",
    "accessory_for",
    "not_compatible",
    "search_label",
    "search_placeholder",
    "search_loading",
    "search_failed",
    "search_count",
    "search_count_one",
    "search_none",
    "search_query_failed",
    "search_query_slow",
    "search_start_slow",
    "was_helpful",
    "helpful_yes",
    "helpful_no",
    "feedback_sending",
    "feedback_thanks",
    "feedback_sorry_below",
    "feedback_comment",
    "feedback_send",
    "comment_sent",
    "comment_not_sent",
    "search_count_of",
    "help_menu",
    "toll_free",
    "contact_page",
    "all_questions",
    "search_channels",
    "search_compat_channels",
    "search_compat_which",
    "widget_answers_loading",
    "widget_answers_failed",
    "widget_answers_failed_note",
    "widget_retry",
)
"""The UI strings the panel shows (kbgen/core/i18n.py, in the site's language)."""


@dataclass(frozen=True)
class Feedback:
    """Where "Was this helpful?" goes: the configured endpoint, or Netlify Forms on the site."""

    url: str
    """Absolute endpoint, or a site-relative URL (Netlify Forms: the contact page)."""
    netlify: bool


def feedback_target(site: SiteView) -> Feedback:
    """The feedback endpoint the help site's own forms post to."""
    if site.feedback_url:
        return Feedback(site.feedback_url, netlify=False)
    return Feedback(site.contact_url + "?feedback=sent", netlify=True)


def widget_data(site: SiteView, settings: WidgetSettings, *, title: str, language: str) -> dict[str, Any]:
    """Everything the panel shows, for every product and stage, as plain JSON data."""
    catalog = site.catalog
    entries = {
        e.id: [e.question, e.summary, e.url, e.stage_id]
        for e in (site.links[entry.id] for entry in site.kb.entries)
    }
    products: dict[str, Any] = {}
    for pid, view in catalog.products.items():
        products[pid] = {
            "name": view.card.name,
            "url": _product_url(view.card),
            "page": view.card.url,
            "entries": [e.id for group in view.questions for e in group.entries],
            "works_with": [c.id for c in view.works_with if c not in view.accessories],
            "accessories": [c.id for c in view.accessories],
            "accessory_for": [c.id for c in view.accessory_for if c not in view.works_with],
            "incompatible": [[i.product.id, i.reason] for i in view.incompatible],
        }
    feedback = feedback_target(site)
    data: dict[str, Any] = {
        "format": FORMAT,
        "product_entries": PRODUCT_ENTRIES,
        "lang": language,
        "title": title,
        "t": {key: site.t.get(key, "") for key in STRINGS},
        "home": site.home_url,
        "contact": site.contact_url,
        "entries": entries,
        "stages": {s.id: {"title": s.title, "url": s.url, "top": [e.id for e in s.top]} for s in site.stages},
        "popular": [e.id for e in site.popular],
        "products": products,
        "channels": [
            {
                "key": c.key,
                "label": c.label,
                "href": c.href,
                "detail": c.detail,
                "hours": c.hours,
                "toll_free": c.toll_free,
            }
            for c in sorted(site.channels, key=lambda c: c.key != "hotline")
        ],
        "feedback": {"url": feedback.url, "netlify": feedback.netlify},
        "pages": [{"path": r.path, "stage": r.stage} for r in settings.pages],
    }
    if settings.pass_query:  # absent by default: no bytes for a setting most shops leave out
        data["pass_query"] = list(settings.pass_query)
    return data


def _product_url(card: ProductCard) -> str:
    """Where a product link in the shop goes: its shop page, else its page on the help site."""
    return card.shop_url or card.url
