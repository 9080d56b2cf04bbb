"""The widget's data in parts (kbgen/widget/parts.py): what each part holds, that every product is
found in the part its id hashes to (the same hash in Python and in the panel's script, run here
by Node), and that the files are named by their content. From the tiny content of test_views.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kbgen.core.model import KnowledgeBase
from kbgen.core.widget import WidgetSettings
from kbgen.deploy.headers import headers_file
from kbgen.widget import files, parts
from kbgen.widget.data import widget_data
from tests.conftest import ROOT
from tests.unit.test_views import kb as kb  # the module fixture
from tests.unit.test_widget import _site

PANEL = ROOT / "kbgen/widget/assets/widget-panel.js"
IDS = ["pico", "tamper", "a", "a-b-c", "p0001", "p4999", "x" * 80, "__proto__", "café", "咖啡机",
       "\U0001f600"]


def test_the_bucket_hash_is_the_same_in_the_panel_script() -> None:
    node = shutil.which("node")
    assert node, "Node.js runs the panel's twin"
    source = PANEL.read_text(encoding="utf-8")
    twin = re.search(r"  function bucketOf\(id, buckets\) \{.*?\n  \}\n", source, re.S)
    assert twin, "widget-panel.js has lost bucketOf"
    each = "id => [7, 256, 4096].map(n => bucketOf(id, n))"
    script = twin.group(0) + f"console.log(JSON.stringify({json.dumps(IDS)}.map({each})));"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [[parts.bucket_of(i, n) for n in (7, 256, 4096)] for i in IDS]
    # FNV-1a 32 of "a" is 0xe40c292c (the published test vector)
    assert parts.bucket_of("a", 2**32) == 0xE40C292C


def test_bucket_counts_are_powers_of_two_of_about_four_products() -> None:
    assert [parts.bucket_count(n) for n in (0, 1, 4, 5, 1000, 5000)] == [1, 1, 1, 2, 256, 2048]


def _whole(kb: KnowledgeBase) -> dict[str, object]:
    return widget_data(_site(kb, top_questions=2), WidgetSettings(), title="Help", language="en")


def test_a_small_help_center_keeps_one_file(kb: KnowledgeBase) -> None:
    assert parts.split(_whole(kb), 6) is None


def test_each_part_holds_what_its_page_shows(kb: KnowledgeBase) -> None:
    whole = _whole(kb)
    layout = parts.split(whole, 1, above=0)
    assert layout is not None
    # the core: words, channels, rules and stage titles; no entry, product or list
    assert "entries" not in layout.core and "products" not in layout.core and "popular" not in layout.core
    assert layout.core["stages"]["buying"] == {"title": "Before you buy", "url": "buying/"}
    assert layout.core["t"] == whole["t"] and layout.core["channels"] == whole["channels"]
    # the lists: popular and stage tops, with their short answers
    assert layout.lists["popular"] == ["returns", "shipping"]
    assert layout.lists["stages"]["buying"]["top"] == ["fit-check", "pay-later"]
    assert set(layout.lists["entries"]) == {"returns", "shipping", "fit-check", "pay-later"}
    # every product in the bucket of its id, the first entries only, with the count of all
    n = len(layout.buckets)
    for pid, product in whole["products"].items():  # type: ignore[attr-defined]
        part = layout.buckets[parts.bucket_of(pid, n)]
        assert part["products"][pid]["entries"] == product["entries"][:1]
        assert part["products"][pid]["n"] == len(product["entries"])
        for eid in product["entries"][:1]:
            assert part["entries"][eid] == whole["entries"][eid]  # type: ignore[index]
        related = [*product["works_with"], *product["accessories"], *(i[0] for i in product["incompatible"])]
        for other in related:
            link = part["links"].get(other)
            known = part["products"].get(other) or {"name": link[0], "url": link[1]}
            assert known["name"] == whole["products"][other]["name"]  # type: ignore[index]
            assert known["url"] == whole["products"][other]["url"]  # type: ignore[index]
    assert sum(len(b["products"]) for b in layout.buckets) == len(whole["products"])  # type: ignore[arg-type]


def test_files_in_parts_are_named_by_content_and_the_latest_is_named(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parts, "SPLIT_ABOVE", 0)
    built = files.build(_site(kb), WidgetSettings(), title="Help", language="en")
    assert built == files.build(_site(kb), WidgetSettings(), title="Help", language="en")
    core_path = next(n for n in built if n.startswith("_kbgen/widget/data."))
    core = json.loads(built[core_path])
    assert core["format"] == parts.FORMAT == 2
    split = core["parts"]
    buckets = [split["products"].replace("{n}", str(i)) for i in range(split["buckets"])]
    assert all(b in built for b in buckets) and split["lists"] in built  # every bucket, even empty
    assert json.loads(built[files.POINTER]) == {"data": core_path, "format": 2}
    assert f'"data":"{core_path}"' in built["widget.js"].decode()
    # another product name: other product parts and another core; the lists part stays cached
    renamed = _site(kb)
    card = renamed.catalog.products["pico"].card
    object.__setattr__(card, "name", "Pico II")
    other = files.build(renamed, WidgetSettings(), title="Help", language="en")
    other_core = next(n for n in other if n.startswith("_kbgen/widget/data."))
    assert other_core != core_path
    assert json.loads(other[other_core])["parts"]["lists"] == split["lists"]
    assert not set(n for n in other if "/p." in n) & set(buckets)
    # _headers: the parts are cached for good; the pointer is not, and shops may read it
    text = headers_file("x", "", files.cross_origin(_site(kb), WidgetSettings()))
    blocks = {b.splitlines()[0]: b.splitlines()[1:] for b in text.split("\n/")[1:]}
    assert "  Cache-Control: public, max-age=31536000, immutable" in blocks["_kbgen/widget/*"]
    assert "  Access-Control-Allow-Origin: *" in blocks[files.POINTER]
    assert not any("Cache-Control" in line for line in blocks[files.POINTER])
