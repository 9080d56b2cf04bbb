"""MkDocs' ``url`` template filter, remembering what it worked out for the pages before.

Every page asks for about fifty addresses relative to itself (style sheets, scripts, the home
and contact pages, its related questions and products). MkDocs normalizes both paths again for
each of them; at catalog size that was seconds of a build. The relative address depends only on
the address asked for, how deep the page is, and how many leading folders the two share, so
one answer serves all pages that agree on those (every question page, every product page).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable

import jinja2
from jinja2.runtime import Context


def _parts(path: str) -> tuple[str, ...]:
    """The folders and name of a slash path, normalized as MkDocs does (``..`` at the root stays
    at the root)."""
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return tuple(path.split("/")) if path else ()


def _page_parts(url: str) -> tuple[str, ...]:
    """The folders a page's address is relative to (its last part dropped if it is a file)."""
    folder, _, name = url.rpartition("/")
    return _parts(folder if "." in name else url)


class RelativeUrls:
    """Jinja's ``url`` filter for one build: the given (MkDocs') filter, asked once per key."""

    def __init__(self, real: Callable[[Context, str], str]) -> None:
        self.real = real
        self.known: dict[Hashable, str] = {}
        self._pages: dict[str, tuple[str, ...]] = {}
        self._values: dict[str, tuple[str, ...]] = {}

    def key(self, value: str, page_url: str | None, base: str) -> Hashable | None:
        """What the filter's answer depends on, or None to always ask MkDocs."""
        if page_url is None:
            return (value, None, base)
        if "\\" in value:  # MkDocs rewrites and warns about it: leave it to MkDocs each time
            return None
        here = self._pages.get(page_url)
        if here is None:
            here = self._pages[page_url] = _page_parts(page_url)
        there = self._values.get(value)
        if there is None:
            there = self._values[value] = _parts(value)
        common = 0
        for a, b in zip(here, there, strict=False):
            if a != b:
                break
            common += 1
        return (value, len(here), common)

    def __call__(self, context: Context, value: object) -> str:
        text = str(value)
        page = context.get("page")
        page_url = getattr(page, "url", None) if page is not None else None
        key = self.key(text, page_url, context.get("base_url"))
        if key is None:
            return self.real(context, text)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self.real(context, text)
        return found


def install(env: jinja2.Environment) -> RelativeUrls:
    """Put the remembering ``url`` filter in place of ``env``'s own."""
    urls = RelativeUrls(env.filters["url"])

    @jinja2.pass_context
    def url(context: Context, value: object) -> str:
        return urls(context, value)

    env.filters["url"] = url
    return urls
