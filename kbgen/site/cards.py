"""An entry as a link, as every page lists it (home, stages, products, related questions)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntryLink:
    """An entry as a link: question, short answer, where it lives."""

    id: str
    question: str
    summary: str
    url: str
    stage_id: str
    lang: str = ""
    """The language of its text when not the page's (an answer not yet translated)."""
