"""Coverage of a Chinese question's words ranks alike in the browser's worker and the Python
twin, on a whole index and on a split one, with the orders written by hand in
tests/unit/test_search_coverage.py."""

from __future__ import annotations

from pathlib import Path

from kbgen.search import index as search
from tests.integration.test_search_split import _check
from tests.unit.test_search_coverage import COVERED, KB, KEYWORDS


def test_coverage_ranks_the_same_in_the_worker_whole_and_split(tmp_path: Path) -> None:
    urls = {e.id: f"q/{e.id}/" for e in KB.entries}
    whole = search.index_json(KB, urls, options=search.SearchOptions())
    wanted = {**COVERED, **KEYWORDS}
    answers = _check(tmp_path, whole, list(wanted))  # split = whole, in Node and in Python
    for (query, order), got in zip(wanted.items(), answers, strict=True):
        assert [i for i in got["ids"] if i in order] == order, query
