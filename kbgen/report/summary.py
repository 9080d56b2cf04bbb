"""Submissions + today's content → the report: entries worst first, entries without votes,
gaps by count. Every shopper's text is scrubbed of contact details here, before anything else
sees it."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kbgen.core.model import KnowledgeBase
from kbgen.report import gaps as gapmod
from kbgen.report.privacy import scrub
from kbgen.report.read import FEEDBACK, MISSING, SEARCH_GAP, Submission
from kbgen.report.stats import wilson_lower


@dataclass
class EntryStats:
    """What shoppers said about one entry."""

    id: str
    question: str = ""
    url: str = ""
    """Its page (absolute when the site has a site_url), '' for an id today's content lacks."""
    yes: int = 0
    no: int = 0
    comments: list[str] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    """What shoppers searched for before they voted (distinct, in order)."""

    @property
    def votes(self) -> int:
        """Yes and no votes."""
        return self.yes + self.no

    @property
    def score(self) -> float:
        """How surely the answer fails: the 95% Wilson lower bound of the share of "no"."""
        return round(wilson_lower(self.no, self.votes), 4)


@dataclass
class Report:
    """The report's data; :func:`as_json` and :mod:`kbgen.report.page` only read it."""

    entries: list[EntryStats]
    """Entries with votes or comments, least helpful first."""
    unvoted: list[EntryStats]
    """Entries of today's content nobody voted on."""
    gaps: list[gapmod.Gap]
    stages: dict[str, str]
    """Stage id → title, for the suggested ``kbgen new`` lines."""
    submissions: int
    since: datetime | None = None

    @property
    def open_gaps(self) -> list[gapmod.Gap]:
        """Gaps no entry answers today."""
        return [g for g in self.gaps if g.answered_by is None]


def summarize(
    submissions: Iterable[Submission],
    kb: KnowledgeBase,
    answers: gapmod.Answers,
    entry_urls: dict[str, str],
    since: datetime | None = None,
) -> Report:
    """Count votes, collect comments and queries, group and check gaps."""
    by_id: dict[str, EntryStats] = {}
    gap_texts: list[str] = []
    kept = 0
    for sub in submissions:
        if since is not None and (sub.created_at is None or sub.created_at < since):
            continue
        kept += 1
        if sub.form == FEEDBACK:
            stats = by_id.setdefault(sub.entry_id, EntryStats(sub.entry_id))
            if sub.helpful == "yes":
                stats.yes += 1
            elif sub.helpful == "no":
                stats.no += 1
            if sub.comment:
                stats.comments.append(scrub(sub.comment))
            query = scrub(sub.query)
            if query and query not in stats.queries:
                stats.queries.append(query)
        elif sub.form in (MISSING, SEARCH_GAP):
            gap_texts.append(scrub(sub.query or sub.message))
    known = {e.id: e for e in kb.entries}
    for stats in by_id.values():
        if stats.id in known:
            stats.question = known[stats.id].question
            stats.url = entry_urls.get(stats.id, "")
    entries = sorted(by_id.values(), key=lambda s: (-s.score, -s.no, s.yes, s.id))
    unvoted = [
        EntryStats(e.id, e.question, entry_urls.get(e.id, ""))
        for e in kb.entries
        if e.id not in by_id or not by_id[e.id].votes
    ]
    groups = gapmod.group(gap_texts)
    gapmod.check_all(groups, answers)
    return Report(entries, unvoted, groups, {s.id: s.title for s in kb.stages}, kept, since)


def as_json(report: Report) -> dict[str, Any]:
    """Exactly ``{"entries": [{"id", "yes", "no", "score", "comments"}], "gaps": [{"query",
    "count", "answered_by", "queries"}]}``."""
    return {
        "entries": [
            {"id": s.id, "yes": s.yes, "no": s.no, "score": s.score, "comments": s.comments}
            for s in report.entries
        ],
        "gaps": [
            {"query": g.query, "count": g.count, "answered_by": g.answered_by, "queries": g.queries}
            for g in report.gaps
        ],
    }


def dumps(report: Report) -> str:
    """The JSON text ``--json`` prints (deterministic)."""
    return json.dumps(as_json(report), ensure_ascii=False, indent=2)


def new_command(gap: gapmod.Gap, stages: Sequence[str]) -> str:
    """A ready ``kbgen new`` line for an open gap (the query quoted for a POSIX shell)."""
    stage = gap.stage or (stages[0] if stages else "STAGE")
    question = gap.query[:1].upper() + gap.query[1:]
    return f"kbgen new {shlex.quote(question)} --stage {stage}"
