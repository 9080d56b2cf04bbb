"""Pure helpers of bench/search_network.py: what a browser's network log says about one search.

No browser here: the figures are computed from a list of requests (start and end on one clock,
bytes as sent) and a moment (the first result), so they can be checked by unit tests and hold
whatever files a search engine splits its index into.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin


@dataclass(frozen=True)
class Request:
    """One request of a page: ``start``/``end`` in ms on one clock, ``size`` bytes as sent."""

    url: str
    start: float
    end: float
    size: int
    search: bool = True  # False: the page's own HTML, styles and scripts (see page_resources)


@dataclass(frozen=True)
class Figures:
    requests: int
    size: int
    chain: int  # the longest run of requests each starting after the previous one ended


def longest_chain(spans: Sequence[tuple[float, float]], tolerance: float = 0.0) -> int:
    """How many requests run one after another: the longest sequence of (start, end) spans in
    which each span starts at or after the end of the one before it (within ``tolerance`` ms).

    Requests that overlap in time ran in parallel and never count twice; a request that starts
    only once another has ended (pagefind.js, then its metadata, then an index chunk…) adds one.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][1], spans[i][0]))
    best: dict[int, int] = {}
    for pos, i in enumerate(order):
        start = spans[i][0]
        before = [best[j] for j in order[:pos] if spans[j][1] <= start + tolerance and j != i]
        best[i] = 1 + max(before, default=0)
    return max(best.values(), default=0)


def before_first(requests: Iterable[Request], first: float) -> Figures:
    """The search requests started before the first result was shown (``first``, same clock)."""
    chosen = [r for r in requests if r.search and r.start < first]
    return Figures(
        requests=len(chosen),
        size=sum(r.size for r in chosen),
        chain=longest_chain([(r.start, r.end) for r in chosen]),
    )


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of ``values``; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "script" and a.get("src"):
            self.refs.append(a["src"])
        elif tag == "link" and a.get("href") and {"stylesheet", "icon", "manifest"} & set(rel):
            self.refs.append(a["href"])
        elif tag in ("img", "source") and a.get("src"):
            self.refs.append(a["src"])


def page_resources(html: str, page_url: str) -> set[str]:
    """The page's own resources: the page and what its HTML loads as it is parsed (scripts,
    styles, icons, images), as absolute URLs without fragment. Links that only prefetch or
    preload (``rel=prefetch``/``preload``) are not among them: what a page fetches for its
    search, at once or later, counts as search."""
    parser = _Refs()
    parser.feed(html)
    return {urldefrag(page_url)[0]} | {urldefrag(urljoin(page_url, ref))[0] for ref in parser.refs}
