"""Characters no text kbgen writes or reads may hold: one definition for ``new``, ``check``
and ``import``, so that what one command writes the next one accepts."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Control characters (NUL, escape, carriage return, C1 codes, line and paragraph separators,
non-characters). Tab and newline are allowed: YAML and Markdown use them."""


def control_problem(text: str) -> str | None:
    """Why ``text`` may not be used (it holds a control character), or None.

    The message completes '<field>: ...', e.g. 'contains the control character U+0007 at
    character 6; remove it'.
    """
    bad = CONTROL.search(text)
    if bad is None:
        return None
    code, where = ord(bad.group()), bad.start() + 1
    return f"contains the control character U+{code:04X} at character {where}; remove it"
