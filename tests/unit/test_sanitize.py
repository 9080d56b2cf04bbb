"""The HTML allowlist keeps an entry inert and protects the page around it."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from kbgen.site.sanitize import PAGE_IDS, RESERVED_PREFIXES, sanitize

KBGEN_THEME = Path(__file__).resolve().parents[2] / "kbgen" / "theme"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(sanitize(html), "html.parser")


@pytest.mark.parametrize(
    "page_id", ["__config", "__search", "__drawer", "feedback", "still-need-help", "kb-help-menu", "kbgen"]
)
def test_ids_of_the_page_around_the_entry_are_dropped(page_id: str) -> None:
    soup = _soup(f'<div id="{page_id}">{{"base": "https://evil.example"}}</div><h2 id="steps">Steps</h2>')
    assert soup.div is not None and soup.div.get("id") is None
    assert soup.div.get_text() == '{"base": "https://evil.example"}'  # the text stays, inert
    assert soup.h2["id"] == "steps"  # the entry's own anchors keep working


def test_every_literal_id_in_the_templates_is_reserved() -> None:
    """If Material or kbgen adds an id to their templates, this fails until PAGE_IDS covers it."""
    found: set[str] = set()
    for folder in (KBGEN_THEME, MATERIAL_TEMPLATES):
        for template in folder.rglob("*.html"):
            found |= set(re.findall(r'\bid="([^"{}]+)"', template.read_text(encoding="utf-8")))
    assert found  # the scan itself works
    uncovered = sorted(i for i in found if i not in PAGE_IDS and not i.startswith(RESERVED_PREFIXES))
    assert uncovered == []


def test_classes_of_material_and_kbgen_are_dropped_others_kept() -> None:
    soup = _soup('<p class="kb-contact-page md-search admonition note">x</p><p class="kb-x">y</p>')
    first, second = soup.find_all("p")
    assert first["class"] == ["admonition", "note"]
    assert second.get("class") is None


def test_no_inline_style_survives_and_aligned_cells_keep_their_alignment() -> None:
    html = (
        '<table><tr><th style="text-align: center;">A</th><td style="text-align:right">1</td>'
        '<td style="color: red">2</td></tr></table><p style="background:url(https://t.example/)">p</p>'
    )
    soup = _soup(html)
    assert not soup.find_all(attrs={"style": True})
    assert soup.th["align"] == "center" and soup.find_all("td")[0]["align"] == "right"
    assert soup.find_all("td")[1].get("align") is None


@pytest.mark.parametrize(
    ("src", "kept"),
    [
        ("images/a.png", True),
        ("../images/a.png", True),
        ("/images/a.png", True),
        ("https://cdn.example/a.png", False),
        ("http://cdn.example/a.png", False),
        ("//cdn.example/a.png", False),
        ("data:image/png;base64,AAAA", False),
        ("javascript:alert(1)", False),
    ],
)
def test_images_must_come_from_the_site(src: str, kept: bool) -> None:
    img = _soup(f'<img alt="a" src="{src}">').img
    assert img is not None
    assert (img.get("src") == src) is kept


def test_scripts_handlers_frames_and_forms_are_gone() -> None:
    html = (
        "<script>alert(1)</script><img src=x onerror=alert(2)><iframe src=//e.example></iframe>"
        '<form action="https://e.example"><input name=q></form><a href="javascript:alert(3)">a</a>'
        '<base href="https://e.example/"><meta http-equiv="refresh" content="0;url=https://e.example">'
        '<svg><script>alert(4)</script></svg><object data="x.swf"></object><style>*{}</style>'
    )
    out = sanitize(html)
    for needle in ("<script", "onerror", "<iframe", "<form", "<input", "javascript:", "<base", "<meta",
                   "<svg", "<object", "<style"):  # fmt: skip
        assert needle not in out, needle


def test_classes_that_make_material_load_third_party_code_are_dropped() -> None:
    # <pre class="mermaid"> makes Material fetch Mermaid from a CDN
    assert sanitize('<pre class="mermaid"><code>graph TD; A-->B</code></pre>').startswith("<pre><code>")
