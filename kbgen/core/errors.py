"""Content problems: each names the file, the line and the field, and all are reported at once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MESSAGE_MAX = 300
"""Longest message shown; longer ones (which quote a huge value) are cut."""
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _shown(text: str, limit: int = MESSAGE_MAX) -> str:
    """Text as a message line shows it: control characters escaped (a value cannot forge a
    line, a CI annotation or a terminal escape), and cut if very long (a 1 MB value is not
    echoed whole)."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in the content, shown to writers as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{_shown(self.path)}:{self.line}: {_shown(self.field, 120)}: {_shown(self.message)}"


MORE = "more checks run once these are fixed"
"""Said when a problem hides others: a file that cannot be parsed is not checked further."""


class ContentError(Exception):
    """The content has problems; carries every one of them, sorted by file and line.

    ``incomplete`` says that some checks could not run because of these problems (a file
    whose front matter is not valid YAML, an mkdocs.yml kbgen cannot read).
    """

    def __init__(
        self, problems: Iterable[Problem], *, incomplete: bool = False, partial: object = None
    ) -> None:
        self.problems = sorted(set(problems))
        self.incomplete = incomplete
        self.partial = partial
        """What could be read despite the problems (the loader's :class:`~kbgen.content.loader.Partial`),
        so that checks depending on it (a site's translations) still run in the same pass."""
        super().__init__(self.report())

    def report(self, outcome: str = "") -> str:
        """All problems, one line each, then a count and what happened because of them."""
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        more = f"; {MORE}" if self.incomplete else ""
        lines.append(f"{n} problem{'s' if n != 1 else ''} found{more}{'; ' + outcome if outcome else ''}.")
        return "\n".join(lines)
