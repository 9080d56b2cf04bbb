"""Content problems: each names the file, the line and the field, and all are reported at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MESSAGE_MAX = 300
"""Longest message shown; longer ones (which quote a huge value) are cut."""


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in the content, shown to writers as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        message = self.message
        if len(message) > MESSAGE_MAX:  # a 1 MB value is not echoed whole
            message = message[: MESSAGE_MAX - 1] + "…"
        return f"{self.path}:{self.line}: {self.field}: {message}"


class ContentError(Exception):
    """The content has problems; carries every one of them, sorted by file and line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self, outcome: str = "") -> str:
        """All problems, one line each, then a count and what happened because of them."""
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{n} problem{'s' if n != 1 else ''} found{'; ' + outcome if outcome else ''}.")
        return "\n".join(lines)
