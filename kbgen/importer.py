"""FAQ rows from JSON Lines or CSV → entry files (one Markdown file per question)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbgen.errors import Problem
from kbgen.scaffold import entry_text
from kbgen.schema import ID_RE, ID_RULE

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[。！？])")
_MD_NOISE = re.compile(r"[*_`#>]+|\[([^\]]*)\]\([^)]*\)|<[^>]+>")
SUMMARY_MAX = 280


@dataclass
class ImportResult:
    """What an import wrote and what it skipped (with why)."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    filtered: int = 0


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, row) for each row; a row that cannot be parsed comes as an error message."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(f)
            for row in reader:
                yield reader.line_num, {k.strip(): v for k, v in row.items() if k}
            return
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, f"not valid JSON: {exc.msg} (column {exc.colno})"
                continue
            yield n, row if isinstance(row, dict) else "not a JSON object"


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
        entry_id = str(row["id"]).strip()
        row_stage = str(row.get("stage") or "").strip() or default_stage
        if not ID_RE.match(entry_id):
            result.skipped.append(Problem(shown, n, "id", f"'{entry_id}' is not a valid id ({ID_RULE})"))
        elif entry_id in seen:
            result.skipped.append(Problem(shown, n, "id", f"'{entry_id}' is already used; row skipped"))
        elif row_stage not in stage_ids:
            result.skipped.append(
                Problem(shown, n, "stage", f"unknown stage '{row_stage}'; use one of: {', '.join(stage_ids)}")
            )
        else:
            seen.add(entry_id)
            answer = str(row["answer"]).strip()
            summary = str(row.get("summary") or "").strip() or first_sentence(answer)
            target = content_dir / row_stage / f"{entry_id}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                entry_text(
                    {
                        "id": entry_id,
                        "question": " ".join(str(row["question"]).split()),
                        "stage": row_stage,
                        "summary": summary or " ".join(answer.split())[:SUMMARY_MAX],
                        "keywords": _keywords(row.get("keywords")),
                    },
                    answer,
                ),
                encoding="utf-8",
            )
            result.written.append(target)
        if n % 100 == 0:
            yield n, result
    yield n, result
