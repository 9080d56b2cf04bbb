"""Sign-ups to "Tell me when this changes", counted per entry without showing who signed up.

A row of the ``notify`` form (a Netlify Forms CSV export, or the JSON Lines the preview records)
holds an entry id and an e-mail address. The address is read once, to tell two sign-ups apart
(the same address signing up twice for one answer counts once), and is replaced at once by a
keyed digest whose key lives only in this process: nothing the report prints, writes or keeps
can be turned back into the address, and a problem with the field never quotes it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from kbgen.core.model import KnowledgeBase


class Submission(Protocol):
    """What :func:`count` reads of a posted notify row (:class:`kbgen.report.read.Submission`,
    which imports this module to check its rows)."""

    @property
    def entry_id(self) -> str: ...
    @property
    def subscriber(self) -> str: ...
    @property
    def created_at(self) -> datetime | None: ...

MAX_ADDRESS = 254
"""Characters of an address (RFC 5321's path limit, less the angle brackets)."""
_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"[^\s@<>()\[\]\\,;:\"]{{1,64}}@{_HOST}(?:\.{_HOST})+")
"""The shape the form's own check (notify.js) lets through."""
_KEY = secrets.token_bytes(32)
"""The digest's key: new in every run, never written anywhere."""


def is_address(text: str) -> bool:
    """Whether ``text`` has the shape of an e-mail address (what the form itself accepts)."""
    return len(text) <= MAX_ADDRESS and _ADDRESS.fullmatch(text) is not None


def subscriber(address: str) -> str:
    """An opaque, per-run digest of ``address`` (trimmed, NFKC, case folded: ``Anna@Shop.example``
    and ``anna@shop.example`` are one subscriber)."""
    folded = unicodedata.normalize("NFKC", address.strip()).casefold()
    return hashlib.blake2b(folded.encode("utf-8", "replace"), key=_KEY, digest_size=16).hexdigest()


def checked(raw: Any, skip: Callable[[str, str], None]) -> str | None:
    """A notify row's address turned into :func:`subscriber`, or None (and one problem, which
    names the field and never its value) when the address is missing or malformed."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        skip("email", "is missing")
        return None
    if not isinstance(raw, str):
        skip("email", "is not text")
        return None
    address = raw.strip()
    if not is_address(address):
        skip("email", "is not an e-mail address (not shown)")
        return None
    return subscriber(address)


@dataclass
class Signups:
    """The sign-ups of one entry."""

    id: str
    count: int = 0
    """Distinct addresses that signed up for it."""
    question: str = ""
    url: str = ""
    """Its page (absolute when the site has a site_url), '' for an id today's content lacks."""
    in_content: bool = False
    last: datetime | None = None
    """When the latest of them signed up (None when the export has no dates)."""


def count(
    submissions: Iterable[Submission],
    kb: KnowledgeBase,
    entry_urls: Mapping[str, str],
    since: datetime | None = None,
) -> list[Signups]:
    """Distinct sign-ups per entry, most first (then by id); an address that signed up twice for
    one entry counts once, and one that signed up for two entries counts for each."""
    seen: set[tuple[str, str]] = set()
    by_id: dict[str, Signups] = {}
    for sub in submissions:
        if not sub.subscriber or (since is not None and (sub.created_at is None or sub.created_at < since)):
            continue
        stats = by_id.setdefault(sub.entry_id, Signups(sub.entry_id))
        if sub.created_at is not None and (stats.last is None or sub.created_at > stats.last):
            stats.last = sub.created_at
        if (sub.entry_id, sub.subscriber) in seen:
            continue
        seen.add((sub.entry_id, sub.subscriber))
        stats.count += 1
    known = {e.id: e for e in kb.entries}
    for stats in by_id.values():
        if stats.id in known:
            stats.question = known[stats.id].question
            stats.url = entry_urls.get(stats.id, "")
            stats.in_content = True
    return sorted(by_id.values(), key=lambda s: (-s.count, s.id))


def as_json(signups: Iterable[Signups]) -> list[dict[str, Any]]:
    """``[{"id", "question", "in_content", "signups", "last"}]``: counts only, no address."""
    return [
        {
            "id": s.id,
            "question": s.question,
            "in_content": s.in_content,
            "signups": s.count,
            "last": s.last.isoformat() if s.last else None,
        }
        for s in signups
    ]


def lines(signups: Iterable[Signups]) -> list[str]:
    """What the terminal shows: one line per entry, most sign-ups first."""
    return [
        f"sign-ups: {s.count} for {s.id}" + ("" if s.in_content else " (not in today's content)")
        for s in signups
    ]
