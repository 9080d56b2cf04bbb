"""kbgen's remembering ``url`` filter gives MkDocs' answer for every page and address."""

from __future__ import annotations

import itertools
from typing import Any

import jinja2
from mkdocs.utils import normalize_url

from kbgen.mkdocs import relurl

PAGES = [
    "", "index.html", "questions/a/", "questions/b/", "questions/a-b/", "questions/a.html",
    "products/p1/", "products/", "products/p1.html", "search/", "before-purchase/", "a/b/c/",
    "a/b/c/d.html", "questions/", "404.html", "x.y/", "x.y/z/",
]  # fmt: skip
VALUES = [
    "", ".", "./", "/", "#top", "/abs/path", "https://shop.test/x", "mailto:a@b.test",
    "assets/kbgen/kbgen.css", "assets/images/favicon.png", "questions/a/", "questions/b/",
    "questions/a/#x", "questions/", "products/", "products/p1/", "products/p2/", "../up/",
    "../../twice", "./questions/a/", "questions/../products/", "a/b/", "a/b/c/", "a/b/c/d.html",
    "search/?q=x", "contact/?entry=a&q=b", "x.y/z/", "index.html", "questions/a.html",
]  # fmt: skip


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


def _real(context: Any, value: str) -> str:
    return normalize_url(str(value), page=context["page"], base=context["base_url"])


def test_every_answer_is_mkdocs_own_in_any_order() -> None:
    env = jinja2.Environment()
    for order in (PAGES, list(reversed(PAGES))):
        urls = relurl.RelativeUrls(_real)
        for page_url, value in itertools.product(order, VALUES):
            page = _Page(page_url)
            context = env.from_string("").new_context({"page": page, "base_url": "../.."})
            assert urls(context, value) == normalize_url(value, page=page), (page_url, value)  # type: ignore[arg-type]
        # pages of one kind share their answers
        assert len(urls.known) < len(PAGES) * len(VALUES) / 2


def test_without_a_page_the_base_is_used() -> None:
    env = jinja2.Environment()
    urls = relurl.RelativeUrls(_real)
    for base in ("/shop/help", "..", ""):
        context = env.from_string("").new_context({"page": None, "base_url": base})
        for value in VALUES:
            assert urls(context, value) == normalize_url(value, page=None, base=base)
