"""Every line ``kbgen report`` prints goes through :func:`shown`: text from shoppers (and file
names) can hold terminal escape sequences (CSI, OSC, OSC 52 that writes the clipboard), control
characters, bidi overrides that reorder what a line seems to say, and lone surrogates that cannot
be encoded at all."""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 (ESC, BEL …) and C1 (CSI, OSC as single characters) controls
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"  # invisible, bidi, line breaks
    "\ud800-\udfff"  # lone surrogates (and undecodable bytes kept as surrogate escapes)
    "]"
)


def shown(text: str) -> str:
    """``text`` safe to print: each unsafe character written as a ``\\uXXXX`` escape.

    The escape is also valid inside a JSON string, so the JSON text ``--json`` prints goes
    through here too (line by line: see :func:`shown_lines`).
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown_lines(text: str) -> str:
    """Several lines, each made safe by :func:`shown`."""
    return "\n".join(shown(line) for line in text.split("\n"))
