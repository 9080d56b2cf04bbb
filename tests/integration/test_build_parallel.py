"""``kbgen build`` at catalog size renders its pages in two processes (kbgen/mkdocs/parallel.py):
the same site byte for byte and the same messages as MkDocs' own build in one process
(``KBGEN_PROCESSES=1``), and a failure in the second process reaches the user as it would in
one: its message, exit status 1, the previous site kept, no traceback, no process left over.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.integration.test_publish import in_mount_namespace, result, snapshot, staging_folders

sys.path.insert(0, str(ROOT))
from bench.build_scale import write_project
from kbgen.mkdocs.parallel import MIN_PAGES

TIMING = re.compile(r"Documentation built in [\d.]+ seconds|in [\d.]+s$")


def kbgen_build(root: Path, *args: str, processes: str = "", env: dict[str, str] | None = None,
                **popen: object) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """``kbgen build`` in ``root``; ``processes``: KBGEN_PROCESSES ('' = kbgen's own choice)."""
    environ = {**os.environ, "KBGEN_PROCESSES": processes, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kbgen", "build", *args],
        cwd=root, env=environ, capture_output=True, text=True, timeout=600, **popen,  # type: ignore[call-overload]
    )  # fmt: skip


def stats_of(path: Path, kind: str = "pages") -> list[dict[str, float]]:
    """The figures of each use of two processes: for the ``pages`` (kbgen/mkdocs/parallel.py),
    or for reading the content (``tasks``: kbgen/content/twoprocs.py)."""
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []
    return [line for line in lines if kind in line]


def messages(stderr: str, site: str) -> list[str]:
    """stderr without the times (which differ from build to build) and the site's folder."""
    return [TIMING.sub("<time>", line).replace(site, "<site>") for line in stderr.splitlines()]


def session_processes(sid: int) -> list[str]:
    """The processes still alive in session ``sid`` (orphans of a build run in its own session)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # state ppid pgrp session
            found.append(f"{stat.parent.name} ({fields[0]})")
    return found


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated help center just large enough for two processes (entries and products)."""
    root = tmp_path_factory.mktemp("parallel") / "big"
    config = write_project(root, MIN_PAGES, MIN_PAGES // 8)
    # its search index split, as at catalog size (the widget holds the split index's worker)
    text = config.read_text("utf-8").replace(
        "  - kbgen:\n", "  - kbgen:\n      search:\n        split_above: 1\n"
    )
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A smaller generated help center, built with two processes by KBGEN_PROCESSES=2."""
    root = tmp_path_factory.mktemp("parallel") / "small"
    write_project(root, 160, 40)
    return root


def test_two_processes_build_the_same_site_as_one(big_project: Path, tmp_path: Path) -> None:
    stats = tmp_path / "stats.jsonl"
    two = kbgen_build(big_project, "-d", str(tmp_path / "two"), env={"KBGEN_BUILD_STATS": str(stats)})
    one = kbgen_build(big_project, "-d", str(tmp_path / "one"), processes="1")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    [section] = stats_of(stats)  # the default build at this size did take two processes ...
    assert section["child_pages"] > 0 and section["parent_pages"] > 0, section  # ... and both built pages
    assert section["child_pages"] + section["parent_pages"] >= section["pages"]
    [content] = stats_of(stats, "tasks")  # the content was read by two processes too
    assert content["tasks"] > 2, content
    assert messages(two.stderr, "/two") == messages(one.stderr, "/one")
    assert (tmp_path / "one/search/s").is_dir()  # the split index, written beside the pages
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


@pytest.mark.parametrize("case", ["demo", "offline", "languages"])
def test_forced_two_processes_build_the_same_sites(case: str, tmp_path: Path) -> None:
    """The demo, its offline copy and the three-language example (examples/zh), each with two
    processes against one: every file the same bytes (offline.zip included)."""
    config = str(ROOT / ("examples/zh/mkdocs.yml" if case == "languages" else "mkdocs.yml"))
    args = ["-f", config, *(["--offline"] if case == "offline" else [])]
    stats = tmp_path / "stats.jsonl"
    two = kbgen_build(
        ROOT, *args, "-d", str(tmp_path / "two"), processes="2", env={"KBGEN_BUILD_STATS": str(stats)}
    )
    one = kbgen_build(ROOT, *args, "-d", str(tmp_path / "one"), processes="1")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert len(stats_of(stats)) == {"demo": 1, "offline": 2, "languages": 3}[case]  # each build took two
    assert messages(two.stderr, "/two") == messages(one.stderr, "/one")
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


BOOM = '''\
"""A Markdown extension that fails in every process but the one that loaded it."""
import os

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

LOADED_IN = os.getpid()


class Boom(Preprocessor):
    def run(self, lines):
        if os.getpid() != LOADED_IN:
            raise PluginError("boom: cannot convert " + repr(lines[0]))
        return lines


class BoomExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Boom(md), "boom", 100)


def makeExtension(**kwargs):
    return BoomExtension(**kwargs)
'''


def test_a_failure_in_the_second_process_is_reported_as_in_one(small_project: Path, tmp_path: Path) -> None:
    """Every page the second process converts fails: the build stops with that page's message,
    exit status 1, the previous site kept, no traceback and no process left behind."""
    root = tmp_path / "p"
    subprocess.run(["cp", "-a", str(small_project), str(root)], check=True)
    assert kbgen_build(root, processes="1").returncode == 0
    before = snapshot(root / "site")
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext/second_process_boom.py").write_text(BOOM, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "  - second_process_boom\n", encoding="utf-8")
    one = kbgen_build(root, processes="1", env={"PYTHONPATH": f"{tmp_path / 'ext'}:{ROOT}"})
    assert one.returncode == 0, one.stderr  # in one process it never fails

    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "build"],
        cwd=root,
        env={**os.environ, "KBGEN_PROCESSES": "2", "PYTHONPATH": f"{tmp_path / 'ext'}:{ROOT}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _, stderr = proc.communicate(timeout=600)
    assert session_processes(proc.pid) == []
    lines = stderr.splitlines()
    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr
    errors = [line for line in lines if line.startswith("ERROR")]
    assert len(errors) == 2, stderr  # the first failing page only, as in one process
    page = re.fullmatch(r"ERROR   -  Error reading page '(.+\.md)':", errors[0])
    assert page, stderr
    boom = re.fullmatch(r"ERROR   -  boom: cannot convert '(.+)'", errors[1])
    assert boom and boom[1] in (root / "content" / page[1]).read_text("utf-8"), stderr  # that page's text
    assert lines[-1] == "mkdocs.yml:1: build: Aborted with a BuildError!; the previous site in site was kept"
    assert snapshot(root / "site") == before
    assert staging_folders(root) == []


BROKEN_ENTRY = """\
{% extends "main.html" %}
{% block content %}{{ page.meta.title }}{{ undefined_name.attribute }}{% endblock %}
"""


def test_a_broken_template_is_said_as_in_one_process(small_project: Path, tmp_path: Path) -> None:
    """A theme override that fails on every entry page: both processes meet it; the message is
    one process's (the first page), with the template's file and line, and no traceback."""
    root = tmp_path / "p"
    subprocess.run(["cp", "-a", str(small_project), str(root)], check=True)
    (root / "theme/kbgen").mkdir(parents=True)
    (root / "theme/kbgen/entry.html").write_text(BROKEN_ENTRY, encoding="utf-8")
    config = root / "mkdocs.yml"
    custom = config.read_text("utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: theme\n"
    )
    config.write_text(custom, encoding="utf-8")
    one = kbgen_build(root, processes="1")
    two = kbgen_build(root, processes="2")
    assert one.returncode == two.returncode == 1
    assert "Traceback" not in one.stderr + two.stderr
    assert two.stderr == one.stderr
    assert one.stderr.splitlines()[-1] == (
        "mkdocs.yml:1: build: theme/kbgen/entry.html:2: template: 'undefined_name' is undefined; "
        "the previous site in site was kept"
    )


def test_ctrl_c_stops_both_processes_and_keeps_the_site(small_project: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    subprocess.run(["cp", "-a", str(small_project), str(root)], check=True)
    assert kbgen_build(root, processes="1").returncode == 0
    before = snapshot(root / "site")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "build"],
        cwd=root,
        env={**os.environ, "KBGEN_PROCESSES": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    children: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # pages being written by two processes
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        if children and any((folder / "questions").is_dir() for folder in map(Path, staging_folders(root))):
            break
        time.sleep(0.005)
    assert children and proc.poll() is None, "the build was not caught with its second process"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in stderr
    assert session_processes(proc.pid) == []
    assert snapshot(root / "site") == before
    assert staging_folders(root) == []


def test_a_full_disk_met_by_either_process_keeps_the_site(small_project: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    subprocess.run(["cp", "-a", str(small_project), str(root)], check=True)
    out = tmp_path / "out"
    in_mount_namespace(
        textwrap.dedent(
            """
            mkdir site && mount -t tmpfs -o size=2m tmpfs site && echo old > site/index.html
            cp -a site "$OUT/before"
            export KBGEN_PROCESSES=2
            run full build
            cp -a site "$OUT/after"
            """
        ),
        root,
        out,
    )
    rc, err = result(out, "full")
    assert rc == 1
    assert re.fullmatch(
        r"site/\S+: build: No space left on device \(ENOSPC\); the previous site in site was kept", err[-1]
    ), err
    assert snapshot(out / "after") == snapshot(out / "before")
