"""The shop widget's settings: which shop origins may embed it, and which shop pages show which
product or stage (``widget.pages``). No I/O; the browser twin of :func:`match` is in
kbgen/widget/assets/widget-panel.js (``matchRule``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

PRODUCT = "{product}"
"""The placeholder of a page rule's path that captures the product id (one path segment)."""
_BAD_CHARS = re.compile(r"[\s?#\"'<>\\]")


@dataclass(frozen=True)
class PageRule:
    """A shop URL path pattern and what the widget shows there.

    ``*`` stands for any text (slashes included), ``{product}`` for one path segment that is the
    product id. A rule has either ``{product}`` in its path or a ``stage``.
    """

    path: str
    stage: str = ""


@dataclass(frozen=True)
class WidgetSettings:
    """``plugins.kbgen.widget``: allowed shop origins (none: any) and the page rules, in order."""

    origins: tuple[str, ...] = ()
    pages: tuple[PageRule, ...] = ()


def path_problem(path: str) -> str | None:
    """Why a rule's path pattern can't be used, or None."""
    if not path.startswith("/"):
        return f"'{path[:80]}' must start with / (a path on the shop, like /products/{{product}})"
    if _BAD_CHARS.search(path):
        return f"'{path[:80]}' may not contain spaces, quotes, backslashes, ? or #"
    rest = path.replace(PRODUCT, "", 1)
    if PRODUCT in rest:
        return f"'{path[:80]}' has {PRODUCT} twice"
    if "{" in rest or "}" in rest:
        return f"'{path[:80]}' has a placeholder other than {PRODUCT}"
    if PRODUCT in path and not re.search(r"(^|/|\*)\{product\}($|/|\*|[.-])", path):
        return f"'{path[:80]}': {PRODUCT} must be a whole path segment, like /products/{PRODUCT}"
    return None


def _regex(path: str) -> re.Pattern[str]:
    out = []
    for part in re.split(r"(\*|\{product\})", path):
        if part == "*":
            out.append(".*")
        elif part == PRODUCT:
            out.append("([^/]+)")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out) + r"\Z")


def _trim(path: str) -> str:
    """A path without its trailing slash: ``/checkout/`` is ``/checkout``."""
    return path[:-1] if len(path) > 1 and path.endswith("/") else path


def match(rules: tuple[PageRule, ...], path: str) -> tuple[str, str] | None:
    """The first rule matching a shop URL path: ``("product", id)`` or ``("stage", id)``.
    A trailing slash on either side is ignored."""
    for rule in rules:
        found = _regex(_trim(rule.path)).match(_trim(path))
        if found is None:
            continue
        if PRODUCT in rule.path:
            return ("product", found.group(1))
        return ("stage", rule.stage)
    return None
