"""The small pieces two processes sharing one queue need, for the content's reading
(kbgen/content/twoprocs.py) and the pages' build (kbgen/mkdocs/parallel.py) alike.

Engine-free: the queue is a pipe of 4-byte tokens both processes read from (each read is whole,
and no two processes read the same token); the second process is forked and must neither
outlive its parent nor be left behind when the parent stops.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import struct
from collections.abc import Callable


def cpus() -> int:
    """How many cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cpu_seconds() -> float:
    """This process's CPU time so far (user and system)."""
    times = os.times()
    return times.user + times.system


def taker(queue: int) -> Callable[[], int | None]:
    """Takes the next token from the queue both processes share; None once it is empty."""

    def take() -> int | None:
        token = os.read(queue, 4)
        return int(struct.unpack("<I", token)[0]) if token else None

    return take


def read_all(fd: int) -> bytes:
    """Everything the other process writes to ``fd`` until it closes it."""
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def end(pid: int) -> None:
    """Stop the second process now and wait for it (no orphan, no zombie)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def die_with_parent(parent: int) -> None:
    """Have the kernel stop this (forked) process if the parent dies (kill -9): no orphan
    working on."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # pragma: no cover - the parent died before prctl
        os._exit(1)


def become_second(parent: int, parents_end: int) -> None:
    """First thing in the forked process: Ctrl-C and SIGTERM stop it at once and quietly, it
    dies with its ``parent``, and it closes the parent's end of the hand-back pipe."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    os.close(parents_end)
