"""FAQ rows from JSON Lines or CSV → entry files (one Markdown file per question)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbgen.authoring.scaffold import entry_text
from kbgen.content import limits
from kbgen.content.schema import ID_RE, ID_RULE
from kbgen.core.chars import CONTROL
from kbgen.core.errors import Problem

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[。！？])")
_MD_NOISE = re.compile(r"[*_`#>]+|\[([^\]]*)\]\([^)]*\)|<[^>]+>")
SUMMARY_MAX = 280


@dataclass
class ImportResult:
    """What an import wrote and what it skipped (with why)."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    filtered: int = 0


FIELD_MAX = limits.BODY_CHARS
"""Longest field (in characters) an import takes; a longer one skips its row."""


class ImportFileError(Exception):
    """The whole file cannot be read (not UTF-8, a broken header); nothing is imported."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(1, "file", f"cannot be read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ImportFileError(
            line,
            "file",
            f"is not UTF-8 (byte 0x{raw[exc.start]:02x} at column {column}); save it with UTF-8 encoding",
        ) from None


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, row) for each row; a row that cannot be parsed comes as an error message.

    Raises:
        ImportFileError: If the file is not UTF-8 or a CSV header names a column twice.
    """
    text = _decode(path)
    if path.suffix.lower() == ".csv":
        yield from _csv_rows(text)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, f"not valid JSON: {exc.msg} (column {exc.colno})"
            continue
        except RecursionError:
            yield n, "not valid JSON: nested too deeply"
            continue
        yield n, row if isinstance(row, dict) else "not a JSON object"


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_MAX * 4 + 1))
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise ImportFileError(1, "header", f"is not valid CSV: {exc}") from None
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise ImportFileError(1, "header", f"column '{name[:40]}' appears twice; name each column once")
        seen.add(name)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field beyond even the raised limit, a NUL byte
            yield reader.line_num, f"not valid CSV: {exc}; the rest of the file was not read"
            return
        if not any(v.strip() for v in values):
            continue
        yield reader.line_num, {k: v for k, v in zip(header, values, strict=False) if k}


def first_sentence(answer: str) -> str:
    """The answer's first sentence as plain text (cut at a word if very long)."""
    text = " ".join(_MD_NOISE.sub(lambda m: m.group(1) or " ", answer).split())
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    if len(sentence) > SUMMARY_MAX:
        sentence = sentence[:SUMMARY_MAX].rsplit(" ", 1)[0] + "…"
    return sentence


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return [k.strip() for k in re.split(r"[,;，；]", value) if k.strip()]
    return []


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    else:
        yield str(value)


def _unfit_field(row: dict[str, Any]) -> tuple[str, str] | None:
    """(field, why) for a field the written entry could not keep, or None."""
    for key, value in row.items():
        parts = list(_strings(value))
        size = sum(len(p) for p in parts)
        if size > FIELD_MAX:
            why = f"is {size:,} characters long; the longest kbgen imports is {FIELD_MAX:,}"
            return str(key)[:40], why
        if any(CONTROL.search(p.replace("\r\n", "\n").replace("\r", "\n")) for p in parts):
            return str(key)[:40], "contains control characters"
    return None


def _too_long(
    question: str, summary: str, keywords: list[str], answer: str
) -> tuple[str, str] | None:
    """(field, why) for a value over the limits `kbgen check` applies (:mod:`kbgen.content.limits`)."""
    for name, value, most in (
        ("question", question, limits.QUESTION_CHARS),
        ("summary", summary, limits.SUMMARY_CHARS),
        ("answer", answer, limits.BODY_CHARS),
    ):
        if len(value) > most:
            return name, f"is {len(value):,} characters long; the longest kbgen takes is {most:,}"
    if len(keywords) > limits.WORDS:
        return "keywords", f"has {len(keywords):,} items; kbgen takes up to {limits.WORDS}"
    for i, word in enumerate(keywords, 1):
        if len(word) > limits.WORD_CHARS:
            return "keywords", (
                f"item {i} is {len(word):,} characters long; the longest kbgen takes is {limits.WORD_CHARS}"
            )
    return None


def import_rows(
    source: Path,
    shown: str,
    content_dir: Path,
    stage_ids: list[str],
    *,
    lang: str | None = None,
    stage: str | None = None,
    existing_ids: set[str],
) -> Iterator[tuple[int, ImportResult]]:
    """Write an entry file for each importable row; yields progress as (rows read, result)."""
    result = ImportResult()
    seen: set[str] = set(existing_ids)
    default_stage = stage or stage_ids[0]
    n = 0
    for n, row in read_rows(source):
        if isinstance(row, str):
            result.skipped.append(Problem(shown, n, "row", row))
            continue
        if lang and str(row.get("lang", "")).strip() != lang:
            result.filtered += 1
            continue
        missing = [k for k in ("id", "question", "answer") if not str(row.get(k) or "").strip()]
        if missing:
            result.skipped.append(Problem(shown, n, missing[0], "is missing or empty; row skipped"))
            continue
        unfit = _unfit_field(row)
        if unfit:
            result.skipped.append(Problem(shown, n, unfit[0], unfit[1] + "; row skipped"))
            continue
        entry_id = str(row["id"]).strip()
        row_stage = str(row.get("stage") or "").strip() or default_stage
        question = " ".join(str(row["question"]).split())
        answer = str(row["answer"]).strip()
        summary = " ".join(str(row.get("summary") or "").split()) or first_sentence(answer)
        keywords = _keywords(row.get("keywords"))
        too_long = _too_long(question, summary, keywords, answer)
        if len(entry_id) > limits.ID_CHARS:
            result.skipped.append(
                Problem(shown, n, "id", f"is {len(entry_id):,} characters long; an id has at most "
                        f"{limits.ID_CHARS}; row skipped")
            )
        elif not ID_RE.match(entry_id):
            result.skipped.append(Problem(shown, n, "id", f"'{entry_id}' is not a valid id ({ID_RULE})"))
        elif too_long is not None:
            result.skipped.append(Problem(shown, n, too_long[0], too_long[1] + "; row skipped"))
        elif entry_id in seen:
            result.skipped.append(Problem(shown, n, "id", f"'{entry_id}' is already used; row skipped"))
        elif row_stage not in stage_ids:
            result.skipped.append(
                Problem(shown, n, "stage", f"unknown stage '{row_stage}'; use one of: {', '.join(stage_ids)}")
            )
        else:
            seen.add(entry_id)
            target = content_dir / row_stage / f"{entry_id}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                entry_text(
                    {
                        "id": entry_id,
                        "question": question,
                        "stage": row_stage,
                        "summary": summary or " ".join(answer.split())[:SUMMARY_MAX],
                        "keywords": keywords,
                    },
                    answer,
                ),
                encoding="utf-8",
            )
            result.written.append(target)
        if n % 100 == 0:
            yield n, result
    yield n, result
