""" "Recently viewed" in the shop widget (``recently_viewed: true``).

The help site's list (``recent.js``) and the widget's share one localStorage key and one item
shape, ``{"id", "q", "path"}`` with ``path`` the answer's path on the help site: on the help
site's own origin (a widget on its pages, or a shop serving the help site under ``/help/``) they
are one list; on a shop's origin the widget's list is that origin's own. Nothing is ever sent.

The widget's code for it sits in ``widget-panel.js`` between :data:`START` and :data:`END`
lines, and is left out of the published panel when the feature is off, so a site with it off
publishes the panel byte for byte as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kbgen.content.settings import TravelSettings

KEY = "kbgen-recent"
"""The localStorage key (recent.js uses the same)."""
MAX = 5
"""How many answers the list keeps."""
START = "// kbgen-recent {"
END = "// } kbgen-recent"


def widget_data(settings: TravelSettings, t: Mapping[str, str]) -> dict[str, Any]:
    """What the widget's data gets when recently viewed is on (nothing when off)."""
    if not settings.recently_viewed:
        return {}
    return {
        "recent": {
            "key": KEY,
            "max": MAX,
            "title": t["recent_title"],
            "note": t["recent_note"],
            "clear": t["recent_clear"],
        }
    }


def panel_source(text: str, on: bool) -> str:
    """The panel script with the recently-viewed lines (from a :data:`START` line to an
    :data:`END` line) kept when ``on``, else taken out whole (the marker lines are comments,
    which the published panel leaves out anyway)."""
    if on:
        return text
    out, inside = [], False
    for line in text.splitlines(keepends=True):
        mark = line.strip()
        if mark == START:
            inside = True
        elif mark == END:
            inside = False
        elif not inside:
            out.append(line)
    if inside:  # pragma: no cover - a broken checkout
        raise RuntimeError(f"widget-panel.js: a {START!r} line has no {END!r} line")
    return "".join(out)
