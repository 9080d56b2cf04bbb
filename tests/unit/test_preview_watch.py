"""The preview's file watcher (kbgen/mkdocs/watch.py) on a real directory: an editor's atomic
save is seen under its final name, and the build reading files is not a change."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kbgen.mkdocs.watch import Watcher


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, Watcher]]:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("a", encoding="utf-8")
    (content / "b.md").write_text("b", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    watcher = Watcher()
    watcher.watch_dir(content)
    watcher.watch_file(tmp_path / "mkdocs.yml")
    watcher.start()
    yield tmp_path, watcher
    watcher.stop()


def test_an_atomic_save_is_seen_under_the_final_name(watched: tuple[Path, Watcher]) -> None:
    root, watcher = watched
    temp = root / "content" / ".a.md.tmp"
    temp.write_text("new a", encoding="utf-8")
    temp.replace(root / "content" / "a.md")
    changed = watcher.wait()
    assert changed is not None and root / "content" / "a.md" in changed


def test_reading_files_or_touching_unwatched_ones_is_no_change(watched: tuple[Path, Watcher]) -> None:
    root, watcher = watched
    (root / "content" / "b.md").read_text(encoding="utf-8")  # as the build reads every entry
    (root / "other.txt").write_text("y", encoding="utf-8")  # beside mkdocs.yml, not watched
    (root / "mkdocs.yml").write_text("site_name: y\n", encoding="utf-8")
    assert watcher.wait() == {root / "mkdocs.yml"}


def test_stop_ends_a_wait(watched: tuple[Path, Watcher]) -> None:
    _, watcher = watched
    threading.Timer(0.2, watcher.stop).start()
    assert watcher.wait() is None
