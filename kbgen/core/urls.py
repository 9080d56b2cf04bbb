"""Every URL rule of the site, once: kbgen's page names, where each page is written, how pages
link to each other, and the URLs of one built site (:class:`SiteUrls`). No engine needed."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

ENTRY_DIR = "questions"
PRODUCT_DIR = "products"
SEARCH_DIR = "search"
CONTACT = "contact"
HOME = "index"
GENERATED_DIR = "_kbgen"
"""Where generated page sources live in the engine's file list; content may not use it."""
SEARCH_INDEX = f"{SEARCH_DIR}/index.json"
"""Where the prebuilt search index is published (next to the search page)."""

RESERVED = frozenset({ENTRY_DIR, PRODUCT_DIR, SEARCH_DIR, CONTACT, "assets", "images", "404"})
"""Top-level URL names kbgen uses or will use; a stage id may not take one."""

STATIC_DIRS_TAKEN = frozenset({ENTRY_DIR, PRODUCT_DIR, SEARCH_DIR, CONTACT, "assets", GENERATED_DIR})
"""Top-level folders of the site that a static file from content may not be published into:
kbgen's pages live there, and ``assets/`` holds Material's and kbgen's scripts and styles."""


def entry_name(entry_id: str) -> str:
    """The page name of an entry: ``questions/<id>``, whatever folder its file is in."""
    return f"{ENTRY_DIR}/{entry_id}"


def product_name(product_id: str) -> str:
    """The page name of a product: ``products/<id>``."""
    return f"{PRODUCT_DIR}/{product_id}"


def dest_for(name: str, use_directory_urls: bool) -> str:
    """Where a page named ``a/b`` is written: ``a/b/index.html`` or ``a/b.html``."""
    if name == HOME:
        return "index.html"
    return f"{name}/index.html" if use_directory_urls else f"{name}.html"


def url_for(name: str, use_directory_urls: bool) -> str:
    """The site-relative URL of a page named ``a/b``: ``a/b/`` or ``a/b.html`` (home: '')."""
    if name == HOME:
        return ""
    return f"{name}/" if use_directory_urls else f"{name}.html"


def base_path(site_url: str) -> str:
    """The path of ``site_url`` without its trailing slash ('' for a site at the root)."""
    return urlsplit(site_url or "").path.rstrip("/")


def absolute(site_url: str, url: str) -> str:
    """A page's canonical URL: absolute when ``site_url`` is set, else as given."""
    return urljoin(site_url.rstrip("/") + "/", url) if site_url else url


def _norm_parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site-relative; as MkDocs computes it:
    the last part of ``other`` is a file if it has a dot)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _norm_parts(other), _norm_parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def local_image(src: str) -> bool:
    """Whether an image URL points into the site itself (a relative path, no scheme or host)."""
    src = html.unescape(src).strip().replace("\\", "/")  # browsers read /\host as //host
    src = "".join(c for c in src if c not in "\t\n\r")  # and drop tabs and line breaks in URLs
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc and not src.startswith("//")


@dataclass(frozen=True)
class SiteUrls:
    """The site-relative URL of every page kbgen builds, from the engine's file list."""

    home: str
    contact: str
    search: str | None = None
    products_index: str | None = None
    stages: Mapping[str, str] = field(default_factory=dict)
    entries: Mapping[str, str] = field(default_factory=dict)
    products: Mapping[str, str] = field(default_factory=dict)

    @property
    def search_or_home(self) -> str:
        """Where a search form sends its query (the home page if there is no search page)."""
        return self.search if self.search is not None else self.home
