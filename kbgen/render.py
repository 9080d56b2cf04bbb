"""Transformations of an entry's rendered HTML: heading levels and the HTML allowlist."""

from __future__ import annotations

import re

import nh3

_HEADING = re.compile(r"<(/?)h([1-5])([\s>])")

URL_SCHEMES = {"http", "https", "mailto", "tel"}
"""Link schemes an entry may use; javascript:, data: and the rest are dropped."""

_GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    "abbr": {"title"},
    "details": {"open"},
}


def demote_headings(html: str) -> str:
    """``<h2>`` → ``<h3>`` and so on (h6 stays h6), so a fragment nests under an h2."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}{m.group(3)}", html)


def sanitize(html: str) -> str:
    """Keep only inert HTML: an allowlist of tags and attributes (no scripts, styles, event
    handlers, forms or frames) and links to http(s), mailto and tel or relative URLs."""
    return nh3.clean(
        html,
        tags=nh3.ALLOWED_TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
    )
