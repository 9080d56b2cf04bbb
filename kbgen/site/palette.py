"""Material's colour palettes, made readable: the contrast-safe colours kbgen's CSS uses, and a
check that ``theme.palette`` names colours Material knows.

Material for MkDocs colours the header, buttons and links from the palette a site picks, and
many of its colours fail WCAG's 4.5:1 for text (white on ``green`` is 2.8:1, ``yellow`` links
on white 1.9:1). kbgen's stylesheet overrides them, per palette name and scheme, with the
nearest colour of the same hue and saturation that reaches the contrast: the block between
the ``palette:`` markers in ``theme/assets/kbgen/kbgen.css`` is :func:`css`'s output
(``python -m kbgen.site.palette`` prints it). The overrides keep

* the header, tabs and primary buttons (``--md-primary-fg-color``) at 4.5:1 with their text;
* links (``--md-typeset-a-color``, also used for outlined buttons) at 4.5:1 on the page and
  on code-coloured panels;
* the accent (``--md-accent-fg-color``: hovered and focused links, focus rings, hovered
  buttons) at 4.5:1 on the page, and buttons filled with it at 4.5:1 with their text.

``custom`` colours and schemes come from the site's own stylesheet, which kbgen cannot see:
they are the site's to keep readable.
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from kbgen.content.yamlsrc import YamlSyntaxError, compose, line_of
from kbgen.core.errors import Problem

RGB = tuple[float, float, float]
"""sRGB channels from 0 to 1."""

TEXT = 4.6
"""Contrast kbgen aims for: WCAG's 4.5:1 for text, with a margin for rounding."""

WHITE: RGB = (1.0, 1.0, 1.0)
DARK_TEXT_ALPHA = 0.87
"""Material writes on light colours in black at 87% opacity (``#000000de``)."""


def hex_rgb(text: str) -> RGB:
    """``#rrggbb`` or ``#rgb`` as channels."""
    digits = text.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b)


def rgb_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def hsl(hue: float, saturation: float, lightness: float) -> RGB:
    """CSS ``hsl(hue, saturation%, lightness%)`` (percentages as 0–100)."""
    return colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(fg: RGB, alpha: float, bg: RGB) -> RGB:
    """``fg`` at ``alpha`` opacity painted on ``bg``."""
    r, g, b = (alpha * f + (1 - alpha) * k for f, k in zip(fg, bg, strict=True))
    return (r, g, b)


def dark_text_on(bg: RGB) -> RGB:
    return over((0.0, 0.0, 0.0), DARK_TEXT_ALPHA, bg)


@dataclass(frozen=True)
class Scheme:
    """A Material colour scheme: the page background and the code/panel background."""

    name: str
    page: RGB
    panel: RGB
    dark: bool


# Material 9.x, scheme `default`: white page, #f5f5f5 code blocks (kbgen's answer panel too).
# Scheme `slate`: hsla(var(--md-hue), 15%, 14%) page, 18% code, with --md-hue: 225deg.
SCHEMES = (
    Scheme("default", WHITE, hex_rgb("#f5f5f5"), False),
    Scheme("slate", hsl(225, 15, 14), hsl(225, 15, 18), True),
)


@dataclass(frozen=True)
class Primary:
    """A Material primary colour: header colour, its darker variant, the text Material writes on
    it (white or black), and the link colours Material picks in the default and slate schemes."""

    fg: str
    dark: str
    dark_text: bool
    link: str
    slate_link: str


def _primary(fg: str, dark: str, dark_text: bool = False, link: str = "", slate_link: str = "") -> Primary:
    return Primary(fg, dark, dark_text, link or fg, slate_link or fg)


_BLACK = rgb_hex(hsl(225, 15, 9))
# Transcribed from Material for MkDocs 9.x's palette stylesheet (names as in its docs).
PRIMARY: Mapping[str, Primary] = {
    "red": _primary("#ef5552", "#e53734"),
    "pink": _primary("#e92063", "#c3185d", slate_link="#ed5487"),
    "purple": _primary("#ab47bd", "#8c24a8", slate_link="#c46fd3"),
    "deep-purple": _primary("#7e56c2", "#673ab6", slate_link="#a47bea"),
    "indigo": _primary("#4051b5", "#303fa1", slate_link="#5488e8"),
    "blue": _primary("#2094f3", "#1975d2"),
    "light-blue": _primary("#02a6f2", "#0287cf"),
    "cyan": _primary("#00bdd6", "#0097a8"),
    "teal": _primary("#009485", "#007a6c", slate_link="#00ccb8"),
    "green": _primary("#4cae4f", "#398e3d", slate_link="#71c174"),
    "light-green": _primary("#8bc34b", "#689f38", link="#72ad2e"),
    "lime": _primary("#cbdc38", "#b0b52c", True, link="#8b990a"),
    "yellow": _primary("#ffec3d", "#fbc02d", True, link="#b8a500"),
    "amber": _primary("#ffc105", rgb_hex(hsl(38, 100, 50)), True, link="#d19d00"),
    "orange": _primary("#ffa724", "#fa8900", True, link="#e68a00"),
    "deep-orange": _primary("#ff6e42", "#f4511f", slate_link="#ff764d"),
    "brown": _primary("#795649", "#5d4037", slate_link="#c1775c"),
    "grey": _primary("#757575", "#616161", link="#4051b5", slate_link="#5e8bde"),
    "blue-grey": _primary("#546d78", "#455a63", link="#4051b5", slate_link="#5e8bde"),
    # black and white: Material's header colours are fine (white on 9% grey, black on white)
    "black": _primary(_BLACK, _BLACK, link="#4051b5", slate_link="#5e8bde"),
    "white": _primary("#ffffff", "#ffffff", True, link="#4051b5", slate_link="#5e8bde"),
}
DEFAULT_PRIMARY = "indigo"
"""What Material shows when no primary is set (``:root``)."""
KEEP_HEADER = ("black", "white")
"""Primaries whose header colours kbgen leaves to Material (they follow ``--md-hue``)."""

ACCENT: Mapping[str, str] = {
    "red": "#ff1a47",
    "pink": "#f50056",
    "purple": "#df41fb",
    "deep-purple": "#7c4dff",
    "indigo": "#526cfe",
    "blue": "#4287ff",
    "light-blue": "#0091eb",
    "cyan": "#00bad6",
    "teal": "#00bda4",
    "green": "#00c753",
    "light-green": "#63de17",
    "lime": "#b0eb00",
    "yellow": rgb_hex(hsl(50, 100, 50)),
    "amber": "#ffaa00",
    "orange": rgb_hex(hsl(34, 100, 50)),
    "deep-orange": "#ff6e42",
}
DEFAULT_ACCENT = "indigo"
"""What Material shows when no accent is set (``:root``)."""

CUSTOM = "custom"


def readable(colour: RGB, backgrounds: Sequence[RGB], lighter: bool, target: float = TEXT) -> RGB:
    """``colour`` if it reaches ``target`` on every background, else the colour of the same hue and
    saturation, made darker (or ``lighter``) by as little as needed."""

    def ok(c: RGB) -> bool:
        rounded = hex_rgb(rgb_hex(c))
        return all(contrast(rounded, bg) >= target for bg in backgrounds)

    if ok(colour):
        return colour
    h, light, s = colorsys.rgb_to_hls(*colour)
    far = 1.0 if lighter else 0.0  # white or black always gets there on these backgrounds
    near = light
    for _ in range(40):  # bisect the lightness between the original and the far end
        mid = (near + far) / 2
        if ok(colorsys.hls_to_rgb(h, mid, s)):
            far = mid
        else:
            near = mid
    return hex_rgb(rgb_hex(colorsys.hls_to_rgb(h, far, s)))


def header_colour(base: RGB, dark_text: bool) -> RGB:
    """A header/button colour on which Material's text (white, or black at 87%) reaches 4.5:1."""
    if not dark_text:
        return readable(base, [WHITE], lighter=False)
    h, light, s = colorsys.rgb_to_hls(*base)
    while contrast(dark_text_on(base), base) < TEXT and light < 1:
        light = min(1.0, light + 0.005)
        base = hex_rgb(rgb_hex(colorsys.hls_to_rgb(h, light, s)))
    return base


def link_colour(base: str, scheme: Scheme) -> RGB:
    """A text colour readable on the scheme's page and panels."""
    return readable(hex_rgb(base), [scheme.page, scheme.panel], lighter=scheme.dark)


def css() -> str:
    """The palette block of kbgen.css: per primary, accent and scheme, readable colours."""
    out = [
        "/* palette: generated by `python -m kbgen.site.palette`; do not edit by hand.",
        "   Per Material palette name and scheme: header/button colours with 4.5:1 for their text, links",
        "   and the accent (focus rings, hovered links and buttons) with 4.5:1 on the page. First the",
        "   fallback for no colour (or one Material lacks: it shows its default, indigo), then each name. */",
    ]
    schemes = {
        "body:not([data-md-color-scheme=slate])": SCHEMES[0],
        "body[data-md-color-scheme=slate]": SCHEMES[1],
    }
    primaries = [(":not([data-md-color-primary=custom])", DEFAULT_PRIMARY)]
    primaries += [(f"[data-md-color-primary={name}]", name) for name in PRIMARY]
    for sel, name in primaries:
        p = PRIMARY[name]
        if sel.startswith("[") and name not in KEEP_HEADER:
            fg = rgb_hex(header_colour(hex_rgb(p.fg), p.dark_text))
            dark = rgb_hex(header_colour(hex_rgb(p.dark), p.dark_text))
            if not p.dark_text and luminance(hex_rgb(dark)) > luminance(hex_rgb(fg)):
                dark = fg  # the "dark" variant never lighter than the colour itself
            out.append(f"body{sel} {{ --md-primary-fg-color: {fg}; --md-primary-fg-color--dark: {dark}; }}")
        for body, scheme in schemes.items():
            link = link_colour(p.slate_link if scheme.dark else p.link, scheme)
            out.append(f"{body}{sel} {{ --md-typeset-a-color: {rgb_hex(link)}; }}")
    accents = [(":not([data-md-color-accent=custom])", DEFAULT_ACCENT)]
    accents += [(f"[data-md-color-accent={name}]", name) for name in ACCENT]
    for sel, name in accents:
        for body, scheme in schemes.items():
            fg = rgb_hex(link_colour(ACCENT[name], scheme))
            out.append(  # text on a filled accent (a hovered button) takes the page's colour
                f"{body}{sel} {{ --md-accent-fg-color: {fg}; --md-accent-fg-color--transparent: {fg}1a;"
                " --md-accent-bg-color: var(--md-default-bg-color); }"
            )
    out.append("/* end palette */")
    return "\n".join(out) + "\n"


# --- the check -------------------------------------------------------------------------------


@dataclass
class ThemeLines:
    """Finds the line of ``theme.palette...`` in mkdocs.yml (1 when it cannot be found)."""

    path: Path | None
    shown: str = "mkdocs.yml"

    def __post_init__(self) -> None:
        self._root: yaml.Node | None = None
        if self.path is not None:
            self.shown = self.path.name
            try:
                self._root = compose(self.path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, YamlSyntaxError):
                self._root = None

    def line(self, *keys: str | int) -> int:
        node, best = self._root, 1
        for key in ("theme", "palette", *keys):
            node = _child(node, key)
            if node is None:
                break
            best = line_of(node)
        return best


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(key, int):
        if isinstance(node, yaml.SequenceNode) and key < len(node.value):
            item: yaml.Node = node.value[key]
            return item
        return None
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                value: yaml.Node = v
                return value
    return None


def problems(palette: object, lines: ThemeLines) -> list[Problem]:
    """What is wrong with ``theme.palette`` (one mapping, or a list of them for a toggle).

    Material shows a misspelt colour (``gren``, ``Green``, ``brown`` as an accent) as its default
    indigo without a word; kbgen says so, since the site would not look as its owner chose.
    """
    if palette is None:
        return []
    options = palette if isinstance(palette, list) else [palette]
    found: list[Problem] = []
    for i, option in enumerate(options):
        at: list[str | int] = [i] if isinstance(palette, list) else []
        label = "theme.palette" + (f"[{i + 1}]" if at else "")
        if not isinstance(option, Mapping):
            message = "must be a mapping of scheme, primary and accent"
            found.append(Problem(lines.shown, lines.line(*at), label, message))
            continue
        for key, known in (("primary", PRIMARY), ("accent", ACCENT)):
            value = option.get(key)
            if value is None or value == "":
                continue
            message = _colour_problem(key, value, known)
            if message:
                found.append(Problem(lines.shown, lines.line(*at, key), f"{label}.{key}", message))
        scheme = option.get("scheme")
        if scheme is not None and not isinstance(scheme, str):
            message = "must be default, slate or the name of a scheme"
            found.append(Problem(lines.shown, lines.line(*at, "scheme"), f"{label}.scheme", message))
    return found


def check(palette: object, config_file: str | Path | None) -> list[Problem]:
    """:func:`problems` of ``theme.palette`` as read from ``config_file`` (lines looked up there)."""
    return problems(palette, ThemeLines(Path(config_file) if config_file else None))


def _colour_problem(key: str, value: object, known: Mapping[str, object]) -> str:
    names = ", ".join(known)
    if not isinstance(value, str):
        return f"must be one of Material's {key} colours: {names}"
    name = value.replace(" ", "-")  # as Material's template does
    if name in known or name == CUSTOM:
        return ""
    shown = value[:60]
    if name.lower() in known:
        return f"'{shown}' must be written in lower case ('{name.lower()}'): Material would show indigo"
    return (
        f"'{shown}' is not one of Material's {key} colours, so Material would show indigo instead:"
        f" use {names}, or custom"
    )


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    print(css(), end="")
