"""URL rules (kbgen/core/urls.py): page names, where pages are written, how they link to each other.

Expected values are written by hand; ``relative_url`` is also compared with MkDocs' own
``get_relative_url``, which it re-implements so that the core needs no engine.
"""

from __future__ import annotations

import itertools

import pytest
from mkdocs.utils import get_relative_url

from kbgen.core.urls import (
    SiteUrls,
    absolute,
    base_path,
    dest_for,
    entry_name,
    local_image,
    product_name,
    relative_url,
    url_for,
)


def test_entry_and_product_page_names() -> None:
    assert entry_name("return-opened-item") == "questions/return-opened-item"
    assert product_name("pico-espresso") == "products/pico-espresso"


@pytest.mark.parametrize(
    ("name", "directory", "dest", "url"),
    [
        ("questions/return-item", True, "questions/return-item/index.html", "questions/return-item/"),
        ("questions/return-item", False, "questions/return-item.html", "questions/return-item.html"),
        ("products/pico", True, "products/pico/index.html", "products/pico/"),
        ("products/pico", False, "products/pico.html", "products/pico.html"),
        ("products", True, "products/index.html", "products/"),
        ("products", False, "products.html", "products.html"),
        ("after-delivery", True, "after-delivery/index.html", "after-delivery/"),
        ("after-delivery", False, "after-delivery.html", "after-delivery.html"),
        ("contact", False, "contact.html", "contact.html"),
        ("search", True, "search/index.html", "search/"),
        # the home page is index.html either way, and its URL is the site root
        ("index", True, "index.html", ""),
        ("index", False, "index.html", ""),
    ],
)
def test_dest_and_url_follow_use_directory_urls(name: str, directory: bool, dest: str, url: str) -> None:
    assert dest_for(name, directory) == dest
    assert url_for(name, directory) == url


def test_an_entry_page_from_its_id() -> None:
    assert dest_for(entry_name("a-b"), True) == "questions/a-b/index.html"
    assert url_for(entry_name("a-b"), False) == "questions/a-b.html"


@pytest.mark.parametrize(
    ("site_url", "base"),
    [
        ("", ""),
        ("https://help.example/", ""),
        ("https://help.example", ""),
        ("https://shop.example/help/", "/help"),
        ("https://shop.example/help", "/help"),
        ("https://shop.example/a/b/", "/a/b"),
        ("https://shop.example:8443/help/?x=1#top", "/help"),
        ("http://127.0.0.1:8000/", ""),
    ],
)
def test_base_path(site_url: str, base: str) -> None:
    assert base_path(site_url) == base


@pytest.mark.parametrize(
    ("site_url", "url", "expected"),
    [
        ("", "questions/a/", "questions/a/"),
        ("", "", ""),
        ("https://help.example/", "questions/a/", "https://help.example/questions/a/"),
        ("https://help.example/", "", "https://help.example/"),
        ("https://shop.example/help/", "questions/a/", "https://shop.example/help/questions/a/"),
        ("https://shop.example/help/", "questions/a.html", "https://shop.example/help/questions/a.html"),
        ("https://shop.example/help/", "", "https://shop.example/help/"),
    ],
)
def test_absolute(site_url: str, url: str, expected: str) -> None:
    assert absolute(site_url, url) == expected


def test_absolute_keeps_the_base_path_of_a_site_url_without_trailing_slash() -> None:
    """``site_url: https://shop.example/help`` is how people write it; base_path() and the
    product JSON-LD accept it without the slash, so a canonical URL must keep ``/help`` too
    (urljoin alone would replace the last path segment)."""
    assert absolute("https://shop.example/help", "questions/a/") == "https://shop.example/help/questions/a/"
    assert absolute("https://shop.example/help", "") == "https://shop.example/help/"


@pytest.mark.parametrize(
    ("url", "other", "expected"),
    [
        ("questions/b/", "questions/a/", "../b/"),
        ("questions/b.html", "questions/a.html", "b.html"),
        ("questions/a/", "", "questions/a/"),
        ("questions/a.html", "index.html", "questions/a.html"),
        ("", "questions/a/", "../.."),
        ("", "questions/a.html", ".."),
        ("", "", "."),
        ("products/pico/", "products/", "pico/"),
        ("products/pico.html", "products.html", "products/pico.html"),
        ("after-delivery/", "questions/a/", "../../after-delivery/"),
        ("after-delivery.html", "questions/a.html", "../after-delivery.html"),
        ("search/index.json", "search/", "index.json"),
        ("search/index.json", "search.html", "search/index.json"),
        ("assets/kb.js", "questions/a/", "../../assets/kb.js"),
        ("questions/a/", "questions/a/", "./"),
        # a last part without a dot is a directory, with a dot a file
        ("x/y", "x/v1.2", "y"),
        ("x/y", "x/v1", "../y"),
    ],
)
def test_relative_url(url: str, other: str, expected: str) -> None:
    assert relative_url(url, other) == expected


def test_relative_url_agrees_with_mkdocs_get_relative_url() -> None:
    segments = ["a", "b", "c.html", "index.html", ".."]
    paths = ["", ".", "/"]
    for n in (1, 2, 3):
        for parts in itertools.product(segments, repeat=n):
            path = "/".join(parts)
            paths += [path, path + "/"]
    differ = [
        (url, other, relative_url(url, other), get_relative_url(url, other))
        for url in paths
        for other in paths
        if relative_url(url, other) != get_relative_url(url, other)
    ]
    assert len(paths) ** 2 > 90_000
    assert differ == []


@pytest.mark.parametrize(
    "src",
    [
        "images/pico.svg",
        "../images/pico.svg",
        "/images/pico.svg",
        "pico.svg?v=2#x",
        "images/a%20b.png",
    ],
)
def test_local_images(src: str) -> None:
    assert local_image(src)


@pytest.mark.parametrize(
    "src",
    [
        "https://cdn.example/a.png",
        "http://cdn.example/a.png",
        "HTTPS://cdn.example/a.png",
        "//cdn.example/a.png",
        " //cdn.example/a.png",
        "\\\\cdn.example/a.png",  # \\host: browsers read backslashes as slashes
        "/\\cdn.example/a.png",
        "\\/cdn.example/a.png",
        "/\t/cdn.example/a.png",  # browsers drop tabs and line breaks inside URLs
        "/\n/cdn.example/a.png",
        "&#47;&#47;cdn.example/a.png",  # an attribute value is read with its entities decoded
        "&sol;/cdn.example/a.png",
        "\x01//cdn.example/a.png",  # leading C0 controls are stripped by the URL parser
        "data:image/png;base64,iVBORw0KGgo=",
        "java\nscript:alert(1)",
        "javascript:alert(1)",
        "c:/images/a.png",
    ],
)
def test_images_from_elsewhere(src: str) -> None:
    assert not local_image(src)


def test_search_or_home() -> None:
    with_search = SiteUrls(home="", contact="contact/", search="search/")
    assert with_search.search_or_home == "search/"
    without = SiteUrls(home="index.html", contact="contact.html")
    assert without.search_or_home == "index.html"
    assert SiteUrls(home="", contact="contact/", search=None).search_or_home == ""
