"""`kbgen import`: rows `kbgen check` would refuse are skipped with a message, and a partial
import is an error CI can see (issues 18 and 21)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import WriteSite, run_kbgen


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


ROWS: list[dict[str, object]] = [
    {"id": "ok-one", "question": "Do you ship abroad?", "answer": "Yes."},
    {"id": "long-question", "question": "Why " * 80, "answer": "A."},
    {"id": "long-summary", "question": "Q?", "answer": "A.", "summary": "s" * 1001},
    {"id": "many-words", "question": "Q?", "answer": "A.", "keywords": [f"k{i}" for i in range(51)]},
    {"id": "long-word", "question": "Q?", "answer": "A.", "keywords": ["w" * 101]},
    {"id": "bell", "question": "Where\x07 is it?", "answer": "A."},
    {"id": "a" * 101, "question": "Q?", "answer": "A."},
    {"id": "ok-two", "question": "Can I pay later?", "answer": "Yes.\r\nWithin 14 days."},
]


def test_rows_over_the_limits_are_skipped_and_the_import_fails(write_site: WriteSite, tmp_path: Path) -> None:
    root = write_site({})
    source = _jsonl(tmp_path / "faq.jsonl", ROWS)
    proc = run_kbgen("import", str(source), cwd=root)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"{source}:2: question: is 319 characters long; the longest kbgen takes is 300; row skipped",
        f"{source}:3: summary: is 1,001 characters long; the longest kbgen takes is 1,000; row skipped",
        f"{source}:4: keywords: has 51 items; kbgen takes up to 50; row skipped",
        f"{source}:5: keywords: item 1 is 101 characters long; the longest kbgen takes is 100; row skipped",
        f"{source}:6: question: contains control characters; row skipped",
        f"{source}:7: id: is 101 characters long; an id has at most 100; row skipped",
        "imported 2 entries into content/ (6 rows skipped, 0 of other languages)",
        f"{source}: import: 6 rows were skipped (listed above); fix them and import again, "
        "or pass --allow-skipped to accept a partial import",
    ]
    written = sorted(p.name for p in (root / "content").rglob("*.md"))
    assert written == ["ok-one.md", "ok-two.md"]
    assert run_kbgen("check", cwd=root).returncode == 0  # what was written passes check


def test_allow_skipped_accepts_a_partial_import(write_site: WriteSite, tmp_path: Path) -> None:
    root = write_site({})
    source = _jsonl(tmp_path / "faq.jsonl", ROWS)
    proc = run_kbgen("import", str(source), "--allow-skipped", cwd=root)
    assert proc.returncode == 0, proc.stderr
    last = proc.stderr.splitlines()[-1]
    assert last == "imported 2 entries into content/ (6 rows skipped, 0 of other languages)"


def test_a_clean_import_exits_zero(write_site: WriteSite, tmp_path: Path) -> None:
    root = write_site({})
    source = _jsonl(tmp_path / "faq.jsonl", [ROWS[0], ROWS[-1]])
    assert run_kbgen("import", str(source), cwd=root).returncode == 0
