"""The shop widget's settings: which shop origins may embed it, and which shop pages show which
product or stage (``widget.pages``). No I/O; the browser twin of :func:`match` is in
kbgen/widget/assets/widget-panel.js (``matchRule``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

PRODUCT = "{product}"
"""The placeholder of a page rule's path that captures the product id (one path segment)."""
_BAD_CHARS = re.compile(r"[\s?#\"'<>\\]")
_DEFAULT_PORTS = {"http": 80, "https": 443}
QUERY_NAME_RE = re.compile(r"[A-Za-z0-9_.~\-\[\]]{1,100}\Z")
"""A query parameter name the site owner lets travel with the shop page's URL (``pass_query``)."""


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
    """``plugins.kbgen.widget``: allowed shop origins (none: any), the page rules in order, and
    the query parameters of a shop page's URL that may travel with it (``pass_query``; by
    default none: only the page's origin and path reach chat links, e-mails and feedback)."""

    origins: tuple[str, ...] = ()
    pages: tuple[PageRule, ...] = ()
    pass_query: tuple[str, ...] = ()


def normalize_origin(origin: str) -> str:
    """An origin as a browser writes it (``location.origin``, the ``Origin`` header): scheme and
    host in lower case, no default port, no trailing slash. ``https://Shop.example:443/`` is
    ``https://shop.example``. The origin must already be checked (a valid port)."""
    parts = urlsplit(origin.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6
    port = parts.port
    if port is None or _DEFAULT_PORTS.get(scheme) == port:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


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


def _failure(pattern: str) -> list[int]:
    """Knuth-Morris-Pratt's failure table of ``pattern``."""
    table = [0] * len(pattern)
    k = 0
    for i in range(1, len(pattern)):
        while k and pattern[i] != pattern[k]:
            k = table[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        table[i] = k
    return table


def _occurrences(text: str, pattern: str, start: int, first: bool = False) -> list[int]:
    """Where ``pattern`` (not empty) starts in ``text`` at or after ``start`` (overlaps included;
    only the first with ``first``), in time linear in the text and the pattern."""
    table, k = _failure(pattern), 0
    found: list[int] = []
    for i in range(start, len(text)):
        while k and text[i] != pattern[k]:
            k = table[k - 1]
        if text[i] == pattern[k]:
            k += 1
        if k == len(pattern):
            found.append(i - k + 1)
            if first:
                break
            k = table[k - 1]
    return found


def _prefix_ends(pieces: list[str], text: str) -> list[bool]:
    """For each ``i``, whether the pattern ``"*".join(pieces)`` matches ``text[:i]`` exactly.

    Linear time: the first piece is a prefix, each middle piece is placed leftmost (which leaves
    the most room for the rest), and the last piece is found wherever it may end."""
    ends = [False] * (len(text) + 1)
    head = pieces[0]
    if not text.startswith(head):
        return ends
    if len(pieces) == 1:
        ends[len(head)] = True
        return ends
    pos = len(head)
    for piece in pieces[1:-1]:
        if piece:
            first = _occurrences(text, piece, pos, first=True)
            if not first:
                return ends
            pos = first[0] + len(piece)
    last = pieces[-1]
    if not last:
        for i in range(pos, len(text) + 1):
            ends[i] = True
    for start in _occurrences(text, last, pos) if last else ():
        ends[start + len(last)] = True
    return ends


def _product(rule: str, path: str) -> str | None:
    """The product id a ``{product}`` rule captures in ``path``, or None: the rule's text before
    ``{product}`` matches ``path[:i]``, its text after matches ``path[j:]``, and ``path[i:j]`` is
    one or more characters without a slash; the last such ``i``, then the last ``j`` (as a
    regular expression with greedy ``*`` would choose), found in linear time."""
    left, right = rule.split(PRODUCT, 1)
    n = len(path)
    starts = _prefix_ends(left.split("*"), path)
    # the text after {product}, matched against the path read backwards
    backwards = _prefix_ends([piece[::-1] for piece in reversed(right.split("*"))], path[::-1])
    last_end = [-1] * (n + 1)  # last_end[x]: the largest j <= x where the text after matches path[j:]
    best = -1
    for j in range(n + 1):
        if backwards[n - j]:
            best = j
        last_end[j] = best
    run_end = n  # the first slash at or after i
    for i in range(n - 1, -1, -1):
        if path[i] == "/":
            run_end = i
            continue
        if starts[i] and last_end[run_end] > i:
            return path[i : last_end[run_end]]
    return None


def _trim(path: str) -> str:
    """A path without its trailing slash: ``/checkout/`` is ``/checkout``."""
    return path[:-1] if len(path) > 1 and path.endswith("/") else path


def match(rules: tuple[PageRule, ...], path: str) -> tuple[str, str] | None:
    """The first rule matching a shop URL path: ``("product", id)`` or ``("stage", id)``.
    A trailing slash on either side is ignored. Linear in the path's length, whatever the rule
    (no regular expression, so no backtracking on a crafted URL)."""
    path = _trim(path)
    for rule in rules:
        pattern = _trim(rule.path)
        if PRODUCT in pattern:
            found = _product(pattern, path)
            if found is not None:
                return ("product", found)
        elif _prefix_ends(pattern.split("*"), path)[len(path)]:
            return ("stage", rule.stage)
    return None
