"""What ``kbgen new`` writes for the writer to replace, and finding it left in an entry.

``kbgen check`` and ``kbgen build`` call :func:`problems` so that a "TODO" summary is never
published; ``kbgen serve`` does not, so a new entry can be previewed while it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kbgen.core import i18n, strings_zh_hant
from kbgen.core.errors import Problem
from kbgen.core.model import Entry

TEMPLATE: dict[str, dict[str, str]] = {
    "en": {
        "summary": "TODO: the short answer in one or two sentences.",
        "body": "## Details\n\nTODO: steps, conditions and troubleshooting go here.\n",
    },
    "zh": {
        "summary": "TODO：用一两句话写出简短的回答。",
        "body": "## 详细说明\n\nTODO：在这里写步骤、条件和故障排除。\n",
    },
    "zh-Hant": strings_zh_hant.NEW_ENTRY_TEMPLATE,
}
"""The new entry's summary and body, by site language (:func:`kbgen.core.i18n.language_key`)."""

TRANSLATE_MARK = "kbgen translate"
"""Words of the TODO line that marks a draft ``kbgen translate`` made (kbgen/authoring/translate.py)."""

OLD_BODY_LINES = frozenset({"Steps, conditions and troubleshooting go here."})
"""Body lines earlier versions of ``kbgen new`` wrote."""

_TODO = re.compile(r"^\s*(?:[-*>]\s*)?TODO(?:\b|[:：])")
_SUMMARY_KEY = re.compile(r"^summary\s*:")


def template(language: str | None) -> dict[str, str]:
    """The placeholder summary and body for a site in ``language``."""
    return TEMPLATE[i18n.language_key(language)]


def is_placeholder(text: str) -> bool:
    """Whether a summary or a body line is a placeholder: it starts with TODO, or is one that
    an earlier ``kbgen new`` wrote."""
    return bool(_TODO.match(text)) or text.strip() in OLD_BODY_LINES


def problems(entries: Iterable[Entry], content_dir: Path, shown_dir: str) -> list[Problem]:
    """A problem for each placeholder left in an entry's summary or body."""
    prefix = f"{shown_dir.rstrip('/')}/" if shown_dir not in ("", ".") else ""
    found: list[Problem] = []
    for entry in entries:
        if not is_placeholder(entry.summary) and not any(is_placeholder(t) for t in entry.body.split("\n")):
            continue
        try:
            text = (content_dir / entry.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""
        found += in_entry(prefix + entry.path, text, entry.summary, entry.body)
    return found


def in_entry(shown: str, text: str, summary: str | None, body: str) -> list[Problem]:
    """A problem for each placeholder in one entry file's ``text``: its summary (None if it is
    not valid) and its body."""
    summary_todo = summary is not None and is_placeholder(summary)
    body_lines = [line for line in body.split("\n") if is_placeholder(line)]
    if not summary_todo and not body_lines:
        return []
    lines = text.replace("\r\n", "\n").split("\n")
    found: list[Problem] = []
    if summary_todo:
        line = next((i for i, t in enumerate(lines, 1) if _SUMMARY_KEY.match(t)), 1)
        found.append(
            Problem(
                shown, line, "summary", "is still the placeholder 'kbgen new' wrote; write the short answer"
            )
        )
    body_start = _body_start(lines)
    for body_line in body_lines:
        line = next((i for i, t in enumerate(lines, 1) if i >= body_start and t == body_line), 1)
        message = (
            "is a draft 'kbgen translate' converted with OpenCC: review its words against the "
            "source, then delete this TODO line"
            if TRANSLATE_MARK in body_line
            else "still has a placeholder (TODO) 'kbgen new' wrote; write the details"
        )
        found.append(Problem(shown, line, "body", message))
    return found


def _body_start(lines: list[str]) -> int:
    """The first line after the front matter's closing '---'."""
    fences = [i for i, text in enumerate(lines, 1) if text.strip() in ("---", "...")]
    return fences[1] + 1 if len(fences) >= 2 and lines and lines[0].strip() == "---" else 1
