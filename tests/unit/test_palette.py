"""kbgen/palette.py: the colours in kbgen.css reach WCAG contrast, and theme.palette is checked.

The contrast here is computed by this test's own WCAG 2 formula, checked against published
values; the browser test (tests/browser/test_axe.py) judges the built pages with axe-core.
"""

from __future__ import annotations

import colorsys
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kbgen.site import palette
from tests.conftest import ROOT, WriteSite, entry, run_kbgen

CSS = (ROOT / "kbgen/theme/assets/kbgen/kbgen.css").read_text(encoding="utf-8")


def luminance(hex_colour: str) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def ratio(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def hsl_hex(h: float, s: float, l: float) -> str:  # noqa: E741 - CSS's names
    return "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(h / 360, l / 100, s / 100))


# Material 9.x: default scheme page and code backgrounds; slate's, with --md-hue 225deg.
LIGHT = ("#ffffff", "#f5f5f5")
SLATE = (hsl_hex(225, 15, 14), hsl_hex(225, 15, 18))
DARK_TEXT_ON = {"lime", "yellow", "amber", "orange"}  # Material writes black (87%) on these


def test_the_formula_matches_published_wcag_ratios() -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey at 4.5:1
    assert ratio("#777777", "#ffffff") < 4.5
    assert palette.contrast(palette.hex_rgb("#767676"), palette.WHITE) == pytest.approx(4.54, abs=0.01)


def test_kbgen_css_holds_the_generated_palette_block() -> None:
    """Regenerate with `python -m kbgen.site.palette` after changing kbgen/palette.py."""
    assert palette.css() in CSS


def rules(selector_part: str) -> dict[str, dict[str, str]]:
    """Palette rules of kbgen.css whose selector contains ``selector_part``: name → properties."""
    found: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"^(body[^{]*)\{([^}]*)\}", CSS, re.M):
        name = re.search(rf"\[data-md-color-{selector_part}=([\w-]+)\]", selector)
        if name:
            props = dict(re.findall(r"(--[\w-]+):\s*([^;]+);", body))
            slate = selector.startswith("body[data-md-color-scheme=slate]")
            key = name.group(1) + (" slate" if slate else "")
            found.setdefault(key, {}).update(props)
    return found


PRIMARIES = rules("primary")
ACCENTS = rules("accent")


@pytest.mark.parametrize("name", palette.PRIMARY)
def test_every_primary_keeps_header_buttons_and_links_at_4_5(name: str) -> None:
    header = PRIMARIES[name].get("--md-primary-fg-color")
    if header is not None:  # black and white keep Material's own (white on 9% grey, black on white)
        if name in DARK_TEXT_ON:  # 87% black on the colour
            text = "#" + "".join(f"{round(int(header[i : i + 2], 16) * 0.13):02x}" for i in (1, 3, 5))
        else:
            text = "#ffffff"
        assert ratio(header, text) >= 4.5
    for bg in LIGHT:
        assert ratio(PRIMARIES[name]["--md-typeset-a-color"], bg) >= 4.5
    for bg in SLATE:
        assert ratio(PRIMARIES[name + " slate"]["--md-typeset-a-color"], bg) >= 4.5


@pytest.mark.parametrize("name", palette.ACCENT)
def test_every_accent_is_readable_text_and_a_3_to_1_ring_in_both_schemes(name: str) -> None:
    for key, backgrounds in ((name, LIGHT), (name + " slate", SLATE)):
        accent = ACCENTS[key]["--md-accent-fg-color"]
        for bg in backgrounds:
            assert ratio(accent, bg) >= 4.5  # so a focus ring in it is at 3:1 on the page too
        # a filled accent (hovered or focused button) carries text in the page's colour
        assert ACCENTS[key]["--md-accent-bg-color"] == "var(--md-default-bg-color)"


def test_colours_change_only_as_much_as_needed() -> None:
    assert PRIMARIES["brown"]["--md-primary-fg-color"] == "#795649"  # already readable: Material's own
    assert PRIMARIES["indigo"]["--md-primary-fg-color"] == "#4051b5"
    green = PRIMARIES["green"]["--md-primary-fg-color"]
    assert green != "#4cae4f" and 4.5 <= ratio(green, "#ffffff") < 4.8  # darker, but just enough
    assert PRIMARIES["yellow"]["--md-primary-fg-color"] == "#ffec3d"  # black text on it is fine


# --- the check of theme.palette -----------------------------------------------------------------

CONFIG = """\
site_name: Shop Help
docs_dir: content
theme:
  name: material
  language: en
  font: false
  palette:
{palette}
plugins:
  - kbgen
"""


def check(write_site: WriteSite, palette_yaml: str) -> tuple[int, list[str]]:
    root = write_site({"content/a.md": entry()}, config=CONFIG.format(palette=palette_yaml))
    proc = run_kbgen("check", cwd=root)
    return proc.returncode, [line for line in proc.stdout.splitlines() + proc.stderr.splitlines() if line]


def test_material_names_pass(write_site: WriteSite) -> None:
    code, out = check(write_site, "    scheme: slate\n    primary: deep orange\n    accent: light-blue")
    assert code == 0, out
    code, out = check(write_site, "    primary: custom\n    accent: custom")
    assert code == 0, out


def test_misspelt_colours_are_named_with_their_line(write_site: WriteSite) -> None:
    code, out = check(write_site, "    scheme: default\n    primary: Green\n    accent: brown")
    assert code == 1
    assert out[:2] == [
        "mkdocs.yml:9: theme.palette.primary: 'Green' must be written in lower case ('green'): "
        "Material would show indigo",
        "mkdocs.yml:10: theme.palette.accent: 'brown' is not one of Material's accent colours, so "
        "Material would show indigo instead: use red, pink, purple, deep-purple, indigo, blue, "
        "light-blue, cyan, teal, green, light-green, lime, yellow, amber, orange, deep-orange, or custom",
    ]
    assert out[2] == "2 problems found; more checks run once these are fixed."  # content waits


def test_a_toggle_list_names_the_entry(write_site: WriteSite) -> None:
    toggle = (
        "    - scheme: default\n      primary: teal\n"
        "    - scheme: slate\n      primary: gren\n      accent: 7"
    )
    code, out = check(write_site, toggle)
    assert code == 1
    assert out[0].startswith("mkdocs.yml:11: theme.palette[2].primary: 'gren' is not one of Material's")
    assert out[1].startswith("mkdocs.yml:12: theme.palette[2].accent: must be one of Material's accent")


def test_a_palette_that_is_not_a_mapping(write_site: WriteSite) -> None:
    code, out = check(write_site, "    - green")
    assert code == 1
    assert out[0] == "mkdocs.yml:8: theme.palette[1]: must be a mapping of scheme, primary and accent"


@pytest.mark.parametrize("command", ["kbgen", "mkdocs"])
def test_builds_refuse_too(write_site: WriteSite, tmp_path: Path, command: str) -> None:
    root = write_site({"content/a.md": entry()}, config=CONFIG.format(palette="    primary: gren"))
    out = tmp_path / "out"
    if command == "kbgen":
        proc = run_kbgen("build", "--site-dir", str(out), cwd=root)
    else:  # the plugin alone, as plain `mkdocs build` runs it
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)],
            cwd=root, capture_output=True, text=True, timeout=300,
        )
    assert proc.returncode == 1
    assert "mkdocs.yml:8: theme.palette.primary: 'gren' is not one of Material's primary colours" in (
        proc.stdout + proc.stderr
    )
    assert "Traceback" not in proc.stderr
