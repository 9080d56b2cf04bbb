"""The widget's colours, from the help site's Material palette: its header colour with readable
text on it, and its link colour, both at WCAG's 4.5:1 (the same rules as kbgen.css's palette)."""

from __future__ import annotations

from dataclasses import dataclass

from kbgen.site import palette as p


@dataclass(frozen=True)
class Colours:
    """``#rrggbb`` colours for the widget (it is always light: the shop's page is unknown)."""

    primary: str
    """The launcher and the panel's title bar."""
    on_primary: str
    """Text on ``primary``."""
    link: str
    """Links and focus rings on white."""


def colours(theme_palette: object) -> Colours:
    """The colours of a site's ``theme.palette`` (its first, default-scheme entry when a list);
    Material's default (indigo) for none, ``custom`` or an unknown name."""
    first = theme_palette[0] if isinstance(theme_palette, list) and theme_palette else theme_palette
    name = first.get("primary") if isinstance(first, dict) else None
    key = str(name or "").strip().lower().replace(" ", "-")
    primary = p.PRIMARY.get(key) or p.PRIMARY[p.DEFAULT_PRIMARY]
    if key in p.KEEP_HEADER:
        bg = p.hex_rgb(primary.fg)
    else:
        bg = p.header_colour(p.hex_rgb(primary.fg), primary.dark_text)
    text = p.dark_text_on(bg) if primary.dark_text else p.WHITE
    link = p.link_colour(primary.link, p.SCHEMES[0])
    return Colours(p.rgb_hex(bg), p.rgb_hex(text), p.rgb_hex(link))
