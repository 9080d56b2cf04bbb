"""Transformations of an entry's rendered HTML: heading levels and the HTML allowlist.

The allowlist keeps an entry inert, and also protects the page around it: ids and classes that
belong to Material or kbgen are dropped (``<div id="__config">`` would replace Material's
configuration), inline styles never survive (the site's Content-Security-Policy forbids them;
aligned table cells get the ``align`` attribute instead), and images must come from the site
itself, because the policy allows no other origin for them.
"""

from __future__ import annotations

import re

import nh3

from kbgen.core.urls import local_image

_HEADING = re.compile(r"<(/?)h([1-5])([\s>])")
_CELL_ALIGN = re.compile(
    r"""(<t[hd]\b[^>]*?)\sstyle=(["'])\s*text-align:\s*(left|right|center)\s*;?\s*\2""", re.I
)

URL_SCHEMES = {"http", "https", "mailto", "tel"}
"""Link schemes an entry may use; javascript:, data: and the rest are dropped."""

_GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    "abbr": {"title"},
    "details": {"open"},
}

PAGE_IDS = frozenset(
    {
        # Material for MkDocs (base.html and partials)
        "__analytics", "__config", "__consent", "__drawer", "__search", "__settings", "__toc",
        # kbgen's templates
        "feedback", "missing", "notify", "still-need-help",
        # window.kbgen: the name kbgen's scripts and the widget API use
        "kbgen",
    }
)  # fmt: skip
"""Ids the page around an entry uses; tests check that this covers every literal id in
Material's and kbgen's templates. Ids starting with one of ``RESERVED_PREFIXES`` are dropped too."""
RESERVED_PREFIXES = ("__", "kb-", "kb_", "md-", "md_")
"""Id and class prefixes of Material (``md-``, ``__``) and kbgen (``kb-``)."""
RESERVED_CLASSES = frozenset({"mermaid", "arithmatex", "tabbed-set", "tabbed-labels"})
"""Classes Material's script acts on: ``mermaid`` makes it load Mermaid from a CDN."""


def _reserved(name: str) -> bool:
    low = name.lower()
    return low in PAGE_IDS or low.startswith(RESERVED_PREFIXES)


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return None if _reserved(value) else value
    if attribute == "class":
        kept = [c for c in value.split() if not _reserved(c) and c.lower() not in RESERVED_CLASSES]
        return " ".join(kept) or None
    if element == "img" and attribute == "src":
        return value if local_image(value) else None
    return value


def demote_headings(html: str) -> str:
    """``<h2>`` → ``<h3>`` and so on (h6 stays h6), so a fragment nests under an h2."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}{m.group(3)}", html)


def sanitize(html: str) -> str:
    """Keep only inert HTML: an allowlist of tags and attributes (no scripts, styles, event
    handlers, forms or frames), links to http(s), mailto and tel or relative URLs, images from
    the site itself, and no id or class that belongs to the page around the entry."""
    html = _CELL_ALIGN.sub(lambda m: f'{m.group(1)} align="{m.group(3).lower()}"', html)
    return nh3.clean(
        html,
        tags=nh3.ALLOWED_TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_attribute,
    )
