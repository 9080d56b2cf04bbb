"""The offline copy's rules (kbgen/travel/offline.py): links that open files from disk, the web
address of each offline page, the inline search data, the zip's one folder."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from kbgen.travel.offline import (
    OfflineError,
    data_script,
    file_link,
    folder_name,
    for_disk,
    left_out,
    online_url,
    write_zip,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (".", "./index.html"),
        ("..", "../index.html"),
        ("../", "../index.html"),
        ("products/", "products/index.html"),
        ("../zh-hans/?q=a#x", "../zh-hans/index.html?q=a#x"),
        ("questions/a.html", "questions/a.html"),
        ("contact.html?entry=a", "contact.html?entry=a"),
        ("#details", "#details"),
        ("?q=a", "?q=a"),
        ("https://shop.example.com/", "https://shop.example.com/"),
        ("mailto:help@example.com", "mailto:help@example.com"),
        ("/root/", "/root/"),
        ("", ""),
    ],
)
def test_a_link_to_a_folder_names_its_index_file(url: str, expected: str) -> None:
    assert file_link(url) == expected


def test_a_page_gets_file_links_and_loses_its_alternates() -> None:
    html = (
        '<head><link rel="alternate" hreflang="zh-Hans" href="https://x.example/zh-hans/">\n'
        '<link rel="canonical" href="https://x.example/"></head>'
        '<a class="md-logo" href=".">H</a><a href=\'../\'>U</a><form action="search.html">'
    )
    assert for_disk(html) == (
        '<head><link rel="canonical" href="https://x.example/"></head>'
        '<a class="md-logo" href="./index.html">H</a><a href=\'../index.html\'>U</a>'
        '<form action="search.html">'
    )


def test_the_language_offer_links_files() -> None:
    page = (
        '<nav class="kb-lang" data-kb-offers="{&#34;current&#34;: &#34;en&#34;, &#34;languages&#34;: '
        '{&#34;en&#34;: [&#34;./&#34;, &#34;English&#34;], &#34;zh-Hans&#34;: [&#34;zh-hans/&#34;, '
        '&#34;简体中文&#34;]}}">'
    )
    found = re.search(r'data-kb-offers="([^"]*)"', for_disk(page))
    assert found is not None
    assert json.loads(html.unescape(found.group(1)))["languages"] == {
        "en": ["./index.html", "English"], "zh-Hans": ["zh-hans/index.html", "简体中文"]
    }
    broken = '<nav data-kb-offers="{oops">'
    assert for_disk(broken) == broken


def test_nothing_from_another_host_is_loaded() -> None:
    page = (
        '<link rel="icon" href="https://cdn.example/f.png">\n'
        '<link rel="canonical" href="https://help.example/">\n'
        "<link rel='stylesheet' href=//cdn.example/x.css>\n"
        '<img class="kb-product__image" src="https://cdn.example/p.jpg" alt="P">'
        '<img src="images/p.svg" alt="Q"><script src="https://cdn.example/s.js"></script>'
        '<script src="assets/kbgen/help.js"></script><a href="https://shop.example/">shop</a>'
    )
    assert for_disk(page) == (
        '<link rel="canonical" href="https://help.example/">\n'
        '<img src="images/p.svg" alt="Q"><script src="assets/kbgen/help.js"></script>'
        '<a href="https://shop.example/">shop</a>'
    )


@pytest.mark.parametrize(
    ("url", "directory", "expected"),
    [
        ("index.html", True, ""),
        ("questions/a.html", True, "questions/a/"),
        ("products/index.html", True, "products/"),
        ("questions/a.html", False, "questions/a.html"),
    ],
)
def test_the_web_address_of_an_offline_page(url: str, directory: bool, expected: str) -> None:
    assert online_url(url, directory) == expected


def test_the_search_data_is_a_script_holding_each_file_as_a_value() -> None:
    text = data_script({"index.json": '{"a": "</script>\\u2028"}', "shards/1.json": "[1, 2]"})
    body = text[text.index("})({") + 3 : text.rindex("}, document.currentScript.src)") + 1]
    assert json.loads(body) == {"index.json": {"a": "</script>\u2028"}, "shards/1.json": [1, 2]}
    with pytest.raises(OfflineError, match=r"broken\.json: not JSON"):
        data_script({"broken.json": "{"})


def test_web_only_files_stay_out() -> None:
    for name in ("_headers", "404.html", "search/index.json", "questions/a.html.md", "_kbgen/widget/p.js",
                 "before-purchase/feed.xml", "zh-hans/widget.js",
                 "assets/javascripts/lunr/min/lunr.de.min.js",
                 "zh-hant/assets/javascripts/workers/search.a7633da7.min.js"):  # fmt: skip
        assert left_out(PurePosixPath(name)), name
    for name in ("index.html", "search/offline-data.js", "images/a.svg", "assets/kbgen/lunr.js",
                 "assets/javascripts/bundle.a5f9d56c.min.js", "images/lunr/x.png"):
        assert not left_out(PurePosixPath(name)), name


def test_the_zip_refuses_a_symbolic_link_and_is_deterministic(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "b" / "page.html").write_text("b", encoding="utf-8")
    (site / "_headers").write_text("/*", encoding="utf-8")
    packed = write_zip(site, tmp_path / "one.zip", "help")
    assert packed.files == 2 and packed.folder == "help"
    assert zipfile.ZipFile(tmp_path / "one.zip").namelist() == ["help/b/page.html", "help/index.html"]
    write_zip(site, tmp_path / "two.zip", "help")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    (site / "b" / "secret.txt").symlink_to(outside)
    with pytest.raises(OfflineError, match=r"b/secret\.txt: a symbolic link"):
        write_zip(site, tmp_path / "three.zip", "help")


def test_the_folder_is_named_after_the_site() -> None:
    assert folder_name("Northbrew Help Center") == "northbrew-help-center"
    assert folder_name("測試商店 說明中心") == "help-center"
    assert folder_name("../../etc") == "etc"
