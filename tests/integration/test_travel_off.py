"""With every issue-23 feature off, the demo builds byte for byte as before them.

"Before" is kbgen's code at BEFORE (main just before issue 23), taken from Git and run on the
same mkdocs.yml and content; only the new options are added for today's code.
"""

from __future__ import annotations

import filecmp
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from tests.conftest import ROOT

BEFORE = "8fb6ccb"
"""main (with issues 18, 19, 21 and 22 merged) just before issue 23 was merged (llms.txt, feeds, updates,
recently viewed, offline); the travel branch itself compared with 67f9723."""
ALL_OFF = "      llms_txt: false\n      feeds: false\n      notify: false\n      recently_viewed: false\n"
"""Every issue-23 option, off."""
SEARCH_SINCE = ("assets/kbgen/search-tokenize.js", "assets/kbgen/search-worker.js")
"""Search code changed on purpose since BEFORE (issue 22's second round: everyday words, chat
words, Chinese head nouns); the index it reads is compared without its new ``everyday`` table."""


def _build(code: Path, project: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": "1767225600"}
    proc = subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "--site-dir", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_every_feature_off_builds_the_demo_byte_for_byte_as_before(tmp_path: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", BEFORE, "kbgen"], cwd=ROOT, capture_output=True, timeout=120
    )
    assert archive.returncode == 0, archive.stderr.decode()
    old_code = tmp_path / "old"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+; Debian 12's python3 is 3.11.2
            tar.extractall(old_code, filter="data")
        else:  # our own commit's files from git archive
            tar.extractall(old_code)
    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    _build(old_code, project, tmp_path / "before")
    assert "  - kbgen:\n" in config
    (project / "mkdocs.yml").write_text(
        config.replace("  - kbgen:\n", "  - kbgen:\n" + ALL_OFF), encoding="utf-8"
    )
    _build(ROOT, project, tmp_path / "now")
    before, now = tmp_path / "before", tmp_path / "now"
    assert _files(now) == _files(before)
    _, mismatch, errors = filecmp.cmpfiles(before, now, _files(before), shallow=False)
    assert errors == []
    assert sorted(mismatch) == sorted([*SEARCH_SINCE, "search/index.json"])
    index_now = json.loads((now / "search/index.json").read_text(encoding="utf-8"))
    assert index_now.pop("everyday")
    assert index_now == json.loads((before / "search/index.json").read_text(encoding="utf-8"))
