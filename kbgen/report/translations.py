"""Each language's missing and outdated translations, for the report: read from what
``kbgen check`` computes (:class:`kbgen.content.translations.LanguageContent`), never again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kbgen.content.translations import LanguageContent
from kbgen.core.errors import Problem
from kbgen.core.model import KnowledgeBase


@dataclass(frozen=True)
class Item:
    """One entry a language lacks, or translates from an older (or unknown) version."""

    id: str
    question: str
    """The source's question (the default language's)."""
    source: str
    """The source's file, as messages show it (``content/after-delivery/returns.md``)."""
    file: str
    """The translation's file: where it is, or where it goes when missing."""
    url: str = ""
    """The source's page, '' when unknown."""


@dataclass(frozen=True)
class LanguageStatus:
    """What one language (not the default) lacks."""

    code: str
    name: str
    missing: list[Item] = field(default_factory=list)
    outdated: list[Item] = field(default_factory=list)
    unversioned: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """The same, as ``kbgen check`` prints them (``path:line: field: message``)."""


def statuses(
    contents: Iterable[LanguageContent], source: KnowledgeBase, shown_dir: str, urls: Mapping[str, str]
) -> list[LanguageStatus]:
    """Every language's missing, outdated and unversioned translations, in ``source``'s order
    (the default language's knowledge base).

    ``shown_dir`` is the content folder as messages show it; ``urls`` maps an entry id to its
    page in the default language.
    """
    prefix = f"{shown_dir.rstrip('/')}/" if shown_dir not in ("", ".") else ""
    found: list[LanguageStatus] = []
    for content in contents:
        status = LanguageStatus(content.language.code, content.language.name)
        slug = content.language.slug
        for entry in source.entries:
            if entry.id in content.fallback:
                where, to = f"{slug}/{entry.path}", status.missing
            elif entry.id in content.outdated:
                where, to = content.files[entry.id], status.outdated
            elif entry.id in content.unversioned:
                where, to = content.files[entry.id], status.unversioned
            else:
                continue
            to.append(
                Item(entry.id, entry.question, prefix + entry.path, prefix + where, urls.get(entry.id, ""))
            )
        status.warnings.extend(_lines(content.warnings))
        found.append(status)
    return found


def _lines(problems: Iterable[Problem]) -> list[str]:
    return [str(p) for p in problems]


def as_json(found: list[LanguageStatus]) -> list[dict[str, Any]]:
    """``[{"language", "missing": [{"id", "question", "source", "file"}], "outdated", "unversioned"}]``."""

    def items(values: list[Item]) -> list[dict[str, str]]:
        return [{"id": i.id, "question": i.question, "source": i.source, "file": i.file} for i in values]

    return [
        {
            "language": s.code,
            "missing": items(s.missing),
            "outdated": items(s.outdated),
            "unversioned": items(s.unversioned),
        }
        for s in found
    ]
