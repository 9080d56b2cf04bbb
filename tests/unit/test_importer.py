"""`kbgen import`: whatever rows come in, what it writes passes the loader (so `kbgen check`
passes after any import), and what it cannot write is skipped with file and line."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.authoring.importer import ImportFileError, import_rows
from kbgen.content.loader import load, taken_ids
from kbgen.core.i18n import default_stages

STAGES = default_stages("en")
STAGE_IDS = [s.id for s in STAGES]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
ids = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True) | st.sampled_from(
    ["taken", "old-name"]
)
rows = st.lists(
    st.fixed_dictionaries(
        {"id": ids, "question": text, "answer": text},
        optional={
            "summary": text,
            "keywords": st.lists(text, max_size=3) | text,
            "stage": st.sampled_from(STAGE_IDS),
        },
    ),
    max_size=6,
)

EXISTING = (
    "---\nid: taken\nquestion: Already here?\nstage: after-delivery\nsummary: Yes.\n"
    "aliases: [old-name]\n---\n"
)


def _run(content: Path, source: Path) -> Any:
    progress = list(import_rows(source, "faq.jsonl", content, STAGE_IDS, existing_ids=taken_ids(content)))
    return progress[-1][1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows)
def test_whatever_is_imported_passes_the_loader(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        (content / "after-delivery").mkdir(parents=True)
        (content / "after-delivery" / "existing.md").write_text(EXISTING, encoding="utf-8")
        source = Path(tmp) / "faq.jsonl"
        source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        result = _run(content, source)
        assert all(p.path == "faq.jsonl" and p.line >= 1 for p in result.skipped)
        load(content, STAGES)  # raises ContentError if an import left a problem behind
        written_ids = {p.stem for p in result.written}
        assert "taken" not in written_ids and "old-name" not in written_ids  # id and alias both taken


def test_a_row_reusing_an_alias_is_skipped(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "after-delivery").mkdir(parents=True)
    (content / "after-delivery" / "renamed.md").write_text(EXISTING, encoding="utf-8")
    source = tmp_path / "faq.jsonl"
    rows = [
        {"id": "old-name", "question": "Q?", "answer": "A."},
        {"id": "renamed", "question": "Q?", "answer": "A."},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = _run(content, source)
    assert [str(p) for p in result.skipped] == [
        "faq.jsonl:1: id: 'old-name' is already used; row skipped",
        "faq.jsonl:2: id: 'renamed' is already used; row skipped",
    ]


def test_files_that_cannot_be_read_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,question,answer\nok,Fine?,Yes.\nx,caf\xe9,y\n")
    try:
        _run(tmp_path, bad)
    except ImportFileError as exc:
        assert (exc.line, exc.field) == (3, "file")
        assert exc.message == "is not UTF-8 (byte 0xe9 at column 6); save it with UTF-8 encoding"
    else:
        raise AssertionError("a Latin-1 file was imported")
    assert not list(tmp_path.rglob("*.md"))  # nothing written before the problem was found
