"""Submissions + today's content → the report: entries worst first, entries without votes,
gaps by count. Every shopper's text is scrubbed of contact details here, before anything else
sees it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kbgen.core.model import KnowledgeBase
from kbgen.report import gaps as gapmod
from kbgen.report import signups as signupmod
from kbgen.report.privacy import is_scrubbed, scrub
from kbgen.report.read import FEEDBACK, MISSING, SEARCH_GAP, Submission
from kbgen.report.stats import wilson_lower
from kbgen.report.translations import LanguageStatus
from kbgen.report.translations import as_json as translations_json


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
    in_content: bool = False
    """Whether today's content has the entry."""

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
    problems: list[str] = field(default_factory=list)
    """The rows skipped, as ``file:line: field: message`` lines (for the JSON)."""
    signups: list[signupmod.Signups] = field(default_factory=list)
    """"Tell me when this changes" sign-ups per entry, most first (counts only)."""
    translations: list[LanguageStatus] = field(default_factory=list)
    """Each other language's missing and outdated translations (empty: the site has one language)."""

    @property
    def open_gaps(self) -> list[gapmod.Gap]:
        """Gaps checked, that no entry answers today."""
        return [g for g in self.gaps if g.checked and g.answered_by is None]

    @property
    def unchecked(self) -> list[gapmod.Gap]:
        """Gaps asked too seldom to be checked (:data:`kbgen.report.gaps.MAX_CHECKED`)."""
        return [g for g in self.gaps if not g.checked]


COMMENT_WINDOW = timedelta(minutes=30)
"""A comment posted this long after a vote (or an earlier comment) by the same shopper belongs to
that vote."""
COMMENT_WINDOW_ANONYMOUS = timedelta(minutes=5)
"""The same, when the export does not say who posted (no session, IP address or user agent):
shorter, so that two shoppers' posts are seldom taken for one."""


def _votes(feedback: list[Submission]) -> list[tuple[Submission, bool]]:
    """Each feedback post, and whether its vote counts.

    A shopper who votes and then sends a comment makes two posts; older sites repeated the vote
    in the comment post (``helpful=no`` twice). A comment that follows a vote on the same entry
    from the same shopper within :data:`COMMENT_WINDOW` (same file and no dates: the next row)
    is that vote's comment, and its own ``helpful`` is not counted again.
    """
    chains: dict[tuple[str, str], list[Submission]] = {}
    for sub in feedback:
        chains.setdefault((sub.entry_id, sub.session), []).append(sub)
    counted: dict[int, bool] = {}
    for (_, session), posts in chains.items():
        window = COMMENT_WINDOW if session else COMMENT_WINDOW_ANONYMOUS
        posts.sort(
            key=lambda s: (
                s.created_at is None,
                s.created_at or datetime.min.replace(tzinfo=UTC),
                s.source,
                s.line,
            )
        )
        last: Submission | None = None
        vote = ""
        for sub in posts:
            follows = last is not None and (
                (
                    sub.created_at is not None
                    and last.created_at is not None
                    and timedelta(0) <= sub.created_at - last.created_at <= window
                )
                or (
                    sub.created_at is None
                    and last.created_at is None
                    and sub.source == last.source
                    and sub.line == last.line + 1
                )
            )
            if sub.comment and vote and follows and sub.helpful in ("", vote):
                counted[id(sub)] = False
                last = sub
                continue
            counted[id(sub)] = bool(sub.helpful)
            vote, last = (sub.helpful, sub) if sub.helpful else ("", None)
    return [(sub, counted[id(sub)]) for sub in feedback]


def summarize(
    submissions: Iterable[Submission],
    kb: KnowledgeBase,
    answers: gapmod.Answers,
    entry_urls: dict[str, str],
    since: datetime | None = None,
) -> Report:
    """Count votes (a comment's repeated vote once), collect comments and queries, group and
    check gaps (a message with the query searched beside it)."""
    submissions = list(submissions)  # read twice: here, and for the sign-ups
    by_id: dict[str, EntryStats] = {}
    gap_texts: list[tuple[str, str]] = []
    feedback: list[Submission] = []
    kept = 0
    for sub in submissions:
        if since is not None and (sub.created_at is None or sub.created_at < since):
            continue
        kept += 1
        if sub.form == FEEDBACK:
            feedback.append(sub)
        elif sub.form == MISSING and sub.message:
            gap_texts.append((scrub(sub.message), scrub(sub.query)))
        elif sub.form in (MISSING, SEARCH_GAP):
            gap_texts.append((scrub(sub.query), ""))
    for sub, counts in _votes(feedback):
        stats = by_id.setdefault(sub.entry_id, EntryStats(sub.entry_id))
        if counts and sub.helpful == "yes":
            stats.yes += 1
        elif counts and sub.helpful == "no":
            stats.no += 1
        if sub.comment:
            stats.comments.append(scrub(sub.comment))
        query = scrub(sub.query)
        if query and query not in stats.queries:
            stats.queries.append(query)
    known = {e.id: e for e in kb.entries}
    for stats in by_id.values():
        if stats.id in known:
            stats.question = known[stats.id].question
            stats.url = entry_urls.get(stats.id, "")
            stats.in_content = True
    entries = sorted(by_id.values(), key=lambda s: (-s.score, -s.no, s.yes, s.id))
    unvoted = [
        EntryStats(e.id, e.question, entry_urls.get(e.id, ""), in_content=True)
        for e in kb.entries
        if e.id not in by_id or not by_id[e.id].votes
    ]
    groups = gapmod.group(gap_texts)
    gapmod.check_all(groups, answers)
    report = Report(entries, unvoted, groups, {s.id: s.title for s in kb.stages}, kept, since)
    report.signups = signupmod.count(submissions, kb, entry_urls, since)
    return report


def as_json(report: Report) -> dict[str, Any]:
    """``{"submissions", "entries": [{"id", "question", "in_content", "yes", "no", "score",
    "comments", "queries"}], "gaps": [{"query", "count", "answered_by", "checked", "queries",
    "searched", "stage", "command"}], "problems"}`` (and ``"translations"`` for a site in several
    languages, :func:`kbgen.report.translations.as_json`): what the page shows (and every gap, also
    those asked too seldom to be checked), and the ``kbgen new`` line of each open gap (null when
    answered or not checked, or when no wording is fit to copy)."""
    stages = list(report.stages)
    out: dict[str, Any] = {
        "submissions": report.submissions,
        "entries": [
            {
                "id": s.id,
                "question": s.question,
                "in_content": s.in_content,
                "yes": s.yes,
                "no": s.no,
                "score": s.score,
                "comments": s.comments,
                "queries": s.queries,
            }
            for s in report.entries
        ],
        "gaps": [
            {
                "query": g.query,
                "count": g.count,
                "answered_by": g.answered_by,
                "checked": g.checked,
                "queries": g.queries,
                "searched": g.searches,
                "stage": g.stage or None,
                "command": (new_command(g, stages) or None) if g.checked and g.answered_by is None else None,
            }
            for g in report.gaps
        ],
        "problems": report.problems,
        "signups": signupmod.as_json(report.signups),
    }
    if report.translations:
        out["translations"] = translations_json(report.translations)
    return out


def dumps(report: Report) -> str:
    """The JSON text ``--json`` prints (deterministic)."""
    return json.dumps(as_json(report), ensure_ascii=False, indent=2)


QUESTION_MAX = 120
"""A longer wording is a message, not a question to copy into ``kbgen new``."""
NO_STAGE = "STAGE"
"""Written in a suggested command when the report cannot tell the stage."""


def quoted(text: str) -> str:
    """``text`` in single quotes for a POSIX shell, always (a ``'`` as ``'"'"'``)."""
    return "'" + text.replace("'", "'\"'\"'") + "'"


def new_command(gap: gapmod.Gap, stages: Sequence[str]) -> str:
    """A ready ``kbgen new`` line for an open gap, or '' when none of its wordings is fit to copy
    (each held redacted contact details, or was too long).

    The question comes after ``--``, so that one starting with ``-`` is not read as an option;
    the stage is that of the closest entries, the only stage, or ``STAGE`` when unsure.
    """
    question = next(
        (
            q
            for q in [*gap.queries, *gap.searches]
            if q.strip() and len(q) <= QUESTION_MAX and not is_scrubbed(q)
        ),
        "",
    )
    if not question:
        return ""
    stage = gap.stage or (stages[0] if len(stages) == 1 else NO_STAGE)
    question = question[:1].upper() + question[1:]
    return f"kbgen new --stage {stage} -- {quoted(question)}"
