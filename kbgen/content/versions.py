"""Which version of its source a translation translates: ``source_version`` in its front matter.

The version is a short hash of what a translator translates (question, summary, keywords and
the body); a change of ``updated``, ``order`` or ``popular`` does not make translations stale.
Tools that write a translation (``kbgen translate``) call :func:`stamp`.
"""

from __future__ import annotations

import hashlib
import re

from kbgen.core.model import Entry

FIELD = "source_version"
_LENGTH = 10


def source_version(entry: Entry) -> str:
    """The version of a source entry: 10 hex digits of a SHA-256 of its translatable text."""
    parts = [entry.question.strip(), entry.summary.strip(), "\x1f".join(entry.keywords), entry.body.strip()]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:_LENGTH]


_FRONT = re.compile(r"\A(---\n)(.*?\n)?(---[ \t]*(?:\n|\Z))", re.S)
_LINE = re.compile(rf"^{FIELD}[ \t]*:.*$\n?", re.M)


def stamp(text: str, version: str) -> str:
    """``text`` (a translation file: front matter then body) with ``source_version: <version>``
    set in its front matter, replacing an older one; other lines are left as they are.

    Raises:
        ValueError: If ``text`` does not start with front matter between '---' lines.
    """
    text = text.replace("\r\n", "\n")
    found = _FRONT.match(text)
    if found is None:
        raise ValueError("the file does not start with front matter between '---' lines")
    front = _LINE.sub("", found.group(2) or "")
    return f"{found.group(1)}{front}{line(version)}\n{found.group(3)}{text[found.end() :]}"


def line(version: str) -> str:
    """The front-matter line, quoted (a hash of digits only would be read as a number)."""
    return f'{FIELD}: "{version}"'
