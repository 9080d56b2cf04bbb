"""Typing answers as a fresh search does (issue 20: what the worker keeps between keystrokes).

The search worker keeps, from one keystroke to the next, what a query word expands to in the
index's vocabulary, the name word a misspelt word reads as, and the highlightable pieces of each
shown text. None of it may change an answer: each text typed letter by letter and deleted again in
one worker (``tests/node/worker_parity.cjs``, one worker for the whole session) must be answered
exactly as a new worker answers that text alone: the same hits in the same order, the same texts
and highlights, total, compatibility cards, choices and channels. In English and in Chinese (whose
index folds Traditional characters), on a whole index and on a split one, on a product's page, and
across a deploy that replaces the split index while the page is open.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from kbgen.search import index as search
from kbgen.search import shards
from tests.conftest import ROOT

WORKER = ROOT / "kbgen/theme/assets/kbgen/search-worker.js"

EN = ["descale the aero one", "does the grinder fit the pico", "warrenty", "refund", "aero"]
ZH = ["这个壶能配茶盘吗", "這個壺", "盖碗 茶滤"]


def typed(queries: list[str]) -> list[str]:
    """Each query typed letter by letter, then deleted letter by letter (the box's texts)."""
    out: list[str] = []
    for q in queries:
        chars = list(q)
        out += ["".join(chars[:k]) for k in range(1, len(chars) + 1)]
        out += ["".join(chars[:k]) for k in range(len(chars) - 1, 0, -1)]
    return out


def worker_script(tmp: Path) -> Path:
    """The worker a split site ships (it answers from a whole index as well)."""
    worker = tmp / "search-worker.js"
    if not worker.exists():
        worker.write_text(shards.worker_script(WORKER.read_text(encoding="utf-8")), encoding="utf-8")
    return worker


def split_index(tmp: Path, whole: str) -> Path:
    manifest, files = shards.split(json.loads(whole))
    (tmp / "s").mkdir(parents=True)
    (tmp / "index.json").write_text(manifest, encoding="utf-8")
    for name, text in files.items():
        (tmp / "s" / name).write_text(text, encoding="utf-8")
    return tmp / "index.json"


def node(index: Path, worker: Path, queries: list[str], **options: Any) -> list[dict[str, Any]]:
    exe = shutil.which("node")
    assert exe, "node is needed for the JavaScript side"
    asked = {"index": str(index), "worker": str(worker), "queries": queries, "highlights": True, **options}
    done = subprocess.run(
        [exe, str(ROOT / "tests/node/worker_parity.cjs")],
        input=json.dumps(asked), capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return list(json.loads(done.stdout))


def assert_as_fresh(index: Path, worker: Path, texts: list[str], product: str = "") -> None:
    session = node(index, worker, texts, product=product)
    fresh = node(index, worker, texts, product=product, fresh=True)
    shown = 0
    for text, got, want in zip(texts, session, fresh, strict=True):
        assert "error" not in want, (text, want)
        if "wait" in want:  # a first search over the byte budget waits for a letter; typing had the files
            continue
        assert got == want, text
        shown += bool(want.get("hits"))
    assert shown >= len(texts) // 3, "too few texts found anything: the check would check little"


def test_typing_and_deleting_answers_as_a_fresh_search_whole_index(
    demo_site: Path, zh_site: Path, tmp_path: Path
) -> None:
    worker = worker_script(tmp_path)
    assert_as_fresh(demo_site / "search/index.json", worker, typed(EN))
    assert_as_fresh(zh_site / "search/index.json", worker, typed(ZH))


def test_typing_and_deleting_answers_as_a_fresh_search_split_index(
    demo_site: Path, zh_site: Path, tmp_path: Path
) -> None:
    worker = worker_script(tmp_path)
    en = split_index(tmp_path / "en", (demo_site / "search/index.json").read_text(encoding="utf-8"))
    assert_as_fresh(en, worker, typed(EN))
    assert_as_fresh(en, worker, typed(EN[:2]), product="aero-one")  # the widget on a product page
    zh = split_index(tmp_path / "zh", (zh_site / "search/index.json").read_text(encoding="utf-8"))
    assert_as_fresh(zh, worker, typed(ZH))


def test_after_a_deploy_typing_answers_from_the_new_index_only(demo_site: Path, tmp_path: Path) -> None:
    """The same words typed before and after a deploy replaced the split index (another help
    center's vocabulary, documents and products): once the worker has seen the new index, each
    answer is the new index's, nothing kept from the old one."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generated_kb import generated_kb

    worker = worker_script(tmp_path)
    kb = generated_kb(600, 200)  # 600 entries: hundreds of files, most not fetched before the deploy
    urls = {e.id: f"questions/{e.id}/" for e in kb.entries}
    whole = search.index_json(kb, urls, {p.id: f"products/{p.id}/" for p in kb.products})
    old = split_index(tmp_path / "old", whole)
    new = split_index(tmp_path / "new", (demo_site / "search/index.json").read_text(encoding="utf-8"))
    words = ["descale the grinder", "warrenty", "refund", "delivery time"]
    # a new word first (its files are gone: the deploy is seen), then the same words again
    before, after = typed(words), typed(["does the pico fit", *words])
    session = node(old, worker, before + after, deploy={"at": len(before), "index": str(new)})
    for text, got, want in zip(before, session, node(old, worker, before, fresh=True), strict=False):
        assert got == want or "wait" in want, text
    from_old = node(old, worker, after, fresh=True)
    from_new = node(new, worker, after, fresh=True)
    noticed = False
    for text, got, was, now in zip(after, session[len(before) :], from_old, from_new, strict=True):
        if not noticed and "error" in got:  # the first file it asked for was gone: the deploy is seen
            noticed = True
            continue
        want = now if noticed else was
        assert got == want or "wait" in want, text
    assert noticed, "the deploy was never noticed: the check would check nothing"
    assert from_old != from_new
