"""Independent pieces of content work shared by two processes, their results in order.

At catalog size, reading and checking the content is the longest step of a build that runs
before the pages can be shared out (kbgen/mkdocs/parallel.py): parsing 10,000 entries' front
matter and a 5,000-product catalog. The files are independent of each other until the checks
across files, so :func:`in_two` forks a second process, and both take tasks from a shared queue
until it is empty. The second process hands back its tasks' results; the caller gets every
result in the tasks' order, as if it had run them in turn.

Only where that is sure to give the same results: the tasks must not depend on what an earlier
task changed (each returns what it found). Whatever the second process did not hand back (it
failed, was stopped, or a result could not be pickled) is done again by the parent, in order,
so an error is the one the first failing task raises in one process.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from kbgen.core import processes as procs

T = TypeVar("T")

ENV = "KBGEN_PROCESSES"
"""``1``: one process; ``2``: two, whatever the size (tests); unset: two from :data:`MIN_TASKS`."""
MIN_TASKS = 8
"""Fewer tasks than this are done in one process (callers group files into tasks)."""
STATS = "KBGEN_BUILD_STATS"
"""A file to append each use of two processes' CPU seconds to, as a JSON line (bench/)."""
_MAX_TASKS = 16_000
"""A pipe holds 64 KiB: 16,384 tasks of 4 bytes."""


def two_processes(tasks: int, *, big_enough: bool) -> bool:
    """Whether :func:`in_two` may use a second process for ``tasks`` tasks: fork available,
    no thread running (forking a process with threads is not safe), two cores, and the work
    ``big_enough`` (or ``KBGEN_PROCESSES=2``)."""
    wanted = os.environ.get(ENV, "").strip()
    if wanted == "1" or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    if tasks < 2 or tasks > _MAX_TASKS:
        return False
    if wanted == "2":
        return True
    cpus = procs.cpus()
    return cpus >= 2 and big_enough and tasks >= MIN_TASKS


def in_two(tasks: Sequence[Callable[[], T]], *, big_enough: bool = True) -> list[T]:
    """Every task's result, in order: from two processes where :func:`two_processes` allows,
    else from this one in turn."""
    if not two_processes(len(tasks), big_enough=big_enough):
        return [task() for task in tasks]
    queue_r, queue_w = os.pipe()
    try:
        data = b"".join(struct.pack("<I", i) for i in range(len(tasks)))
        os.set_blocking(queue_w, False)
        whole = os.write(queue_w, data) == len(data)
    except OSError:  # a pipe smaller than the queue
        whole = False
    finally:
        os.close(queue_w)
    if not whole:
        os.close(queue_r)
        return [task() for task in tasks]
    back_r, back_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    gc.freeze()  # else the child's collections copy the parent's memory page by page
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:
        _child(tasks, parent, queue_r, back_r, back_w)  # never returns
    os.close(back_w)
    results: dict[int, T] = {}
    cpu = procs.cpu_seconds()
    try:
        take = procs.taker(queue_r)
        while (i := take()) is not None:
            with contextlib.suppress(Exception):  # done again below, in order: the first failure is raised
                results[i] = tasks[i]()
        if pid > 0:
            mine = procs.cpu_seconds() - cpu
            handed = procs.read_all(back_r)
            status, usage = os.wait4(pid, 0)[1:]
            pid = -1
            _stats(len(tasks), mine, usage.ru_utime + usage.ru_stime)
            if status == 0 and handed:
                with contextlib.suppress(Exception):
                    results.update(pickle.loads(handed))
    finally:
        if pid > 0:  # interrupted: stop the second process, no orphan, no zombie
            procs.end(pid)
        os.close(queue_r)
        os.close(back_r)
        gc.unfreeze()
    return [results[i] if i in results else task() for i, task in enumerate(tasks)]


def _child(
    tasks: Sequence[Callable[[], object]], parent: int, queue_r: int, back_r: int, back_w: int
) -> None:
    """The second process: tasks from the queue until it is empty or one fails, then their
    results to the parent; it never returns."""
    code = 0
    try:
        procs.become_second(parent, back_r)
        done: dict[int, object] = {}
        take = procs.taker(queue_r)
        while (i := take()) is not None:
            try:
                done[i] = tasks[i]()
            except Exception:
                break  # the parent does it again, and every task still in the queue
        data = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(back_w, "wb") as out:
            out.write(data)
    except BaseException:  # the parent does the tasks again; a broken pipe means it is gone
        code = 1
    finally:
        os._exit(code)


def _stats(tasks: int, parent_cpu: float, child_cpu: float) -> None:
    """Append the two processes' CPU seconds to ``KBGEN_BUILD_STATS``' file, if set (as
    kbgen/mkdocs/parallel.py does for the pages; bench/build_scale.py reads both)."""
    if stats := os.environ.get(STATS):
        line = {"tasks": tasks, "parent_cpu": parent_cpu, "child_cpu": child_cpu}
        with Path(stats).open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
