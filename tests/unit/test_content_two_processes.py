"""Content read and checked in two processes (kbgen/content/twoprocs.py) gives what one gives.

The loader shares the entry files and the catalog between two processes at catalog size; the
checks across files (duplicate ids, unknown references, links) run on the results in order.
Every problem, its order, and the knowledge base must be the same as in one process, and a
second process that fails must cost nothing but time.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kbgen.content import loader, twoprocs
from kbgen.core.errors import ContentError
from kbgen.core.model import KnowledgeBase, Stage
from tests.conftest import entry
from tests.unit.test_broken_content import BROKEN

STAGES = (
    Stage("before-purchase", "Before you buy"),
    Stage("ordering-and-payment", "Ordering and payment"),
    Stage("after-the-order", "After the order"),
    Stage("after-delivery", "After delivery"),
)
CATALOG = "".join(
    f"- id: p{i:03d}\n  name: Product {i}\n  summary: A product.\n  url: https://shop.example/p{i}\n"
    f"  compatible_with: [p{(i + 1) % 60:03d}]\n"
    for i in range(60)
)
PIDS = "pids.txt"


def write(content: Path, files: dict[str, str | bytes]) -> None:
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def good_entries(n: int) -> dict[str, str | bytes]:
    """``n`` valid entries in four folders (more than one process's share of the queue)."""
    stages = [s.id for s in STAGES]
    return {
        f"{stages[i % 4]}/q{i:04d}.md": entry(
            question=f"Question number {i}?",
            stage=stages[i % 4],
            summary=f"Answer {i}.",
            body=f"See [the next one](q{i + 4:04d}.md).\n" if i + 4 < n else "Body.\n",
            products=f"[p{i % 60:03d}]",
        )
        for i in range(n)
    }


def in_a_fresh_process(body: Callable[..., None], *args: Any) -> None:
    """Run ``body(*args)`` in a new process whose only thread is its main one. A process with
    other threads rightly never forks (:func:`kbgen.content.twoprocs.two_processes`), and a
    pytest worker that drove the browser before has Playwright's; these tests are about the
    fork. ``body`` changes the environment and the loader at will: the process is its own."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.apply(body, args)  # its failure is raised here


def load(content: Path, processes: str) -> KnowledgeBase | list[str]:
    """The knowledge base, or every problem as ``path:line: field: message``, read with
    KBGEN_PROCESSES=``processes``."""
    os.environ[twoprocs.ENV] = processes
    try:
        return loader.load(content, STAGES, refuse_placeholders=True)
    except ContentError as exc:
        assert exc.problems
        assert isinstance(exc.partial, loader.Partial)
        kept = [f"kept: {e.path} ({e.id})" for e in exc.partial.kb.entries]  # for the translations
        return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in exc.problems] + kept


def meeting(where: Path) -> Callable[[], None]:
    """Call at the start of a task: with KBGEN_PROCESSES=2, each process waits (up to a
    minute) until the other has started a task, so that both take part however busy the
    machine is (else the first one scheduled could take the whole queue)."""

    def meet() -> None:
        if os.environ.get(twoprocs.ENV) != "2":
            return
        where.mkdir(exist_ok=True)
        (where / f"met-{os.getpid()}").touch()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(p.name != f"met-{os.getpid()}" for p in where.glob("met-*")):
                return
            time.sleep(0.01)

    return meet


def record_pids(where: Path) -> Path:
    """Have every entry read write its process's id to a file (the second process's too)."""
    read = loader.read_entry
    out = where / PIDS
    meet = meeting(where / "met")

    def read_entry(*args: object, **kwargs: object) -> loader.EntryRead:
        meet()
        with out.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return read(*args, **kwargs)  # type: ignore[arg-type]

    loader.read_entry = read_entry  # type: ignore[assignment]
    return out


def test_valid_content_gives_the_same_knowledge_base_in_two_processes(tmp_path: Path) -> None:
    in_a_fresh_process(_valid_content_gives_the_same_knowledge_base_in_two_processes, tmp_path)


def _valid_content_gives_the_same_knowledge_base_in_two_processes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content, {**good_entries(3 * loader.ENTRIES_PER_TASK + 7), "products.yml": CATALOG})
    pids = record_pids(tmp_path)

    one = load(content, "1")
    assert len(set(pids.read_text().split())) == 1
    pids.unlink()
    two = load(content, "2")

    assert len(set(pids.read_text().split())) == 2, "the entries were read by two processes"
    assert isinstance(one, KnowledgeBase)
    assert two == one
    assert [e.path for e in two.entries] == sorted(e.path for e in one.entries)
    assert len(two.products) == 60


def test_every_problem_comes_in_the_same_order_in_two_processes(tmp_path: Path) -> None:
    in_a_fresh_process(_every_problem_comes_in_the_same_order_in_two_processes, tmp_path)


def _every_problem_comes_in_the_same_order_in_two_processes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    files = good_entries(2 * loader.ENTRIES_PER_TASK + 20)
    files.update({path.removeprefix("content/"): text for path, (text, _) in BROKEN.items()})
    # a duplicate id whose two files fall in different pieces of the queue (and processes)
    files["after-delivery/q0003.md"] = entry(stage="after-delivery", id="twice")
    files["before-purchase/q0117.md"] = entry(stage="before-purchase", id="twice")
    files["after-delivery/q0006.md"] = entry(stage="after-delivery", related="[nowhere]")
    files["after-the-order/q0010.md"] = entry(stage="after-the-order", summary="TODO: write the short answer")
    write(content, files)
    pids = record_pids(tmp_path)

    one = load(content, "1")
    pids.unlink()
    two = load(content, "2")

    assert len(set(pids.read_text().split())) == 2
    assert isinstance(one, list)
    assert two == one  # the same problems, in the same order
    assert any("duplicate id 'twice'" in p for p in two)
    assert [p for p in two if p.endswith("(twice)")] == ["kept: after-delivery/q0003.md (twice)"]
    assert any(p.startswith("content/products.yml:") for p in two)  # the broken set's catalog
    expected = {line for _, lines in BROKEN.values() for line in lines}
    assert expected <= set(two)


def test_a_second_process_that_fails_costs_nothing_but_time(tmp_path: Path) -> None:
    in_a_fresh_process(_a_second_process_that_fails_costs_nothing_but_time, tmp_path)


def _a_second_process_that_fails_costs_nothing_but_time(tmp_path: Path) -> None:
    os.environ[twoprocs.ENV] = "2"
    parent = os.getpid()

    def task(i: int, fail: Callable[[], None] | None = None) -> Callable[[], tuple[int, int]]:
        def run() -> tuple[int, int]:
            meet()
            if fail is not None and os.getpid() != parent:
                fail()
            return i, i * i

        return run

    def crash() -> None:
        os._exit(3)

    def refuse() -> None:
        raise ValueError("only in the second process")

    for fail in (crash, refuse):
        meet = meeting(tmp_path / fail.__name__)
        tasks = [task(i, fail) for i in range(40)]
        assert twoprocs.in_two(tasks) == [(i, i * i) for i in range(40)]
        assert len(list((tmp_path / fail.__name__).glob("met-*"))) == 2, "the second process took a task"


def test_an_error_in_a_task_is_the_first_one_process_would_meet(tmp_path: Path) -> None:
    in_a_fresh_process(_an_error_in_a_task_is_the_first_one_process_would_meet)


def _an_error_in_a_task_is_the_first_one_process_would_meet() -> None:
    os.environ[twoprocs.ENV] = "2"

    def task(i: int) -> Callable[[], int]:
        def run() -> int:
            if i in (7, 31):
                raise ValueError(f"task {i}")
            return i

        return run

    with pytest.raises(ValueError, match=r"^task 7$"):
        twoprocs.in_two([task(i) for i in range(40)])


def test_one_process_when_asked_or_when_small(tmp_path: Path) -> None:
    in_a_fresh_process(_one_process_when_asked_or_when_small, tmp_path)


def _one_process_when_asked_or_when_small(tmp_path: Path) -> None:
    meet = meeting(tmp_path)

    def pid() -> int:
        meet()
        return os.getpid()

    tasks = [pid for _ in range(20)]
    os.environ[twoprocs.ENV] = "1"
    assert set(twoprocs.in_two(tasks)) == {os.getpid()}
    os.environ[twoprocs.ENV] = ""
    assert set(twoprocs.in_two(tasks, big_enough=False)) == {os.getpid()}
    os.environ[twoprocs.ENV] = "2"
    assert len(set(twoprocs.in_two(tasks))) == 2
