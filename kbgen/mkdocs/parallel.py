"""``kbgen build``'s MkDocs build, its pages read and rendered by two processes at catalog size.

MkDocs reads, converts and renders every page in turn, and at catalog size pages are most of
a build (Python-Markdown, Material's templates, kbgen's page hooks). A page depends only on
what is known before the first page is read (the files, the navigation, kbgen's site view) and
on the pages of the navigation (their titles). So :func:`build` runs the steps of
``mkdocs.commands.build.build``; once the navigation is made, it reads the navigation's pages,
sets up the template environment and builds the first page (Material's templates compiled
once), then forks. Both processes take work from a shared queue until it is empty: kbgen's
jobs that need no page (the search index and its split files; the travel files), the static
files to copy, and the pages, each read, converted, rendered and written at once; the parent
also renders the theme's templates (404.html, sitemap.xml). The second process then hands back
what the parent needs to finish as one process would: the anchors of its pages (for the link
checks), what kbgen gathered from its pages (script hashes for ``_headers``, sitemap entries),
the jobs' results and its log messages. The parent shows every message in the order one process
shows them, and if anything failed, the failure one process would have met first.

Only where the result is sure to be the same: kbgen the only plugin (another plugin's or a
hook's per-page data would not be gathered), no footer links to the previous and next pages
(they show another page's title), ``fork`` available, one thread, no two files written to one
path, and at least :data:`MIN_PAGES` pages. Otherwise, and with ``KBGEN_PROCESSES=1``,
:func:`runner` gives MkDocs' own build. ``kbgen serve`` always uses MkDocs' own.
"""

from __future__ import annotations

import gc
import json
import logging
import mmap
import os
import pickle
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands import build as mk
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, clean_directory

from kbgen.core import processes as procs
from kbgen.mkdocs import failures

ENV = "KBGEN_PROCESSES"
"""``1``: build in one process (MkDocs' own build); ``2``: in two, whatever the size (tests)."""
MIN_PAGES = 400
"""Below this many pages one process is faster (forking and handing back cost more than the
second process saves; measured in bench/results/issue20-build.txt)."""
STATS = "KBGEN_BUILD_STATS"
"""A file to append each two-process build's figures to, as a JSON line (bench/build_scale.py)."""
SAFE_PLUGINS = frozenset({"kbgen"})
"""Plugins whose per-page data is handed back from the second process."""
CHUNK = 8
"""Pages a process takes from the queue at a time."""
COPY_CHUNK = 64
"""Static files a process takes from the queue at a time."""

log = logging.getLogger("mkdocs.commands.build")  # MkDocs' own build messages come from here

# Slots: where a message or failure sits in the order one process meets them.
_FILES, _POPULATE, _ENV, _STATIC, _TEMPLATES, _BUILD, _POST = range(7)
_NEVER = 7 << 40
_PAGES, _COPIES, _JOBS = 0, 1, 2
"""Kinds of work in the queue: pages, static files to copy, plugins' jobs."""


def _slot(phase: int, index: int = 0) -> int:
    return phase << 40 | index


def processes(config: MkDocsConfig, pages: int) -> int:
    """How many processes build ``config``'s ``pages`` (about as many as entries and products)."""
    wanted = os.environ.get(ENV, "").strip()
    if wanted == "1" or not hasattr(os, "fork"):
        return 1
    if set(config.plugins) - SAFE_PLUGINS:
        return 1
    if "navigation.footer" in (config.theme.get("features") or []):
        return 1
    if threading.active_count() > 1:  # forking a process with threads is not safe
        return 1
    if wanted != "2":
        cpus = procs.cpus()
        if cpus < 2 or pages < MIN_PAGES:
            return 1
    return 2


def runner(pages: int) -> Callable[[MkDocsConfig], None]:
    """The build for a site of about ``pages`` pages: :func:`build` or MkDocs' own."""

    def run(config: MkDocsConfig) -> None:
        if processes(config, pages) > 1:
            build(config)
        else:
            mkdocs_build(config)

    return run


def build(config: MkDocsConfig) -> None:
    """``mkdocs.commands.build.build(config)`` (no ``serve_url``, not dirty), its pages in two
    processes; the same files, messages and errors."""
    warning_counter = CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        log.info("Cleaning site directory")
        clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        for plugin in config.plugins.values():  # kbgen leaves its own long jobs to the queue
            prepare = getattr(plugin, "parallel_prepare", None)
            if prepare is not None:
                prepare()
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        log.debug("Reading markdown pages.")
        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                Page(None, file, config)
        pages = [file.page for file in doc_files if file.page is not None]
        assert len(pages) == len(doc_files)
        jobs: list[_Job] = []
        for name, plugin in config.plugins.items():
            for when, job_name, job in getattr(plugin, "parallel_jobs", list)():
                jobs.append(_Job(_FILES if when == "files" else _POST, name, job_name, job))
        results = _Pages(config, files, nav, env, pages, jobs).run()
        for job, value in zip(jobs, results, strict=True):
            config.plugins[job.plugin].parallel_job_done(job.name, value)  # type: ignore[attr-defined]

        log_level = config.validation.links.anchors
        for page in pages:
            page.validate_anchor_links(files=files, log_level=log_level)
        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warning_counter)


@dataclass
class _Job:
    """A plugin's piece of work that needs no page (kbgen: the search index; the files written
    after the pages), done by whichever process takes it; ``phase``: where it sits in one
    process's order (its messages and failures)."""

    phase: int
    plugin: str
    name: str
    run: Callable[[], Any]


@dataclass
class _Failure:
    slot: int
    error: BaseException


@dataclass
class _Handback:
    """What the second process hands back."""

    records: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    """(slot, capture point, the log record's attributes), in the order they were logged."""
    failures: list[tuple[int, bytes]] = field(default_factory=list)
    """(slot, the pickled error)."""
    anchors: dict[int, tuple[set[str] | None, dict[str, dict[str, str]] | None]] = field(default_factory=dict)
    """Page index → its anchors and its links to anchors (by ``src_uri``), for the link checks."""
    plugins: dict[str, Any] = field(default_factory=dict)
    """Plugin name → what it gathered from the pages (``parallel_state()``)."""
    jobs: dict[int, Any] = field(default_factory=dict)
    """Job index → what it returned."""
    cpu: float = 0.0
    """The second process's CPU seconds."""


class _Pages:
    """Read, convert, render and write every page: MkDocs' steps between the navigation and
    the anchor checks, in two processes (or one, if the second cannot be started)."""

    def __init__(self, config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment,
                 pages: list[Page], jobs: list[_Job]) -> None:  # fmt: skip
        self.config, self.files, self.nav, self.env, self.pages = config, files, nav, env, pages
        self.jobs = jobs
        self.results: dict[int, Any] = {}
        self.static = [f for f in files if not f.is_documentation_page() and f.inclusion.is_included()]  # type: ignore[no-untyped-call]
        self.separate = _separate(config, self.static, pages)
        """No two of the files MkDocs writes share a path: the order they are written in does not matter."""
        in_nav = {id(p) for p in nav.pages}
        self.shared = [i for i, p in enumerate(pages) if id(p) in in_nav]
        """The navigation's pages: both processes read them (templates show their titles)."""
        self._shared = set(self.shared)
        self.docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.failures: list[_Failure] = []
        self.child = False
        self.slot = 0
        self.chunk, self.copy_chunk = CHUNK, COPY_CHUNK
        self.prebuilt: int | None = None
        """The page built before the fork."""
        self._stop = mmap.mmap(-1, 16)  # each process's earliest failure: 2 x int64, shared
        struct.pack_into("<qq", self._stop, 0, _NEVER, _NEVER)

    # -- the order one process meets things in

    def stop(self) -> int:
        parent, child = struct.unpack_from("<qq", self._stop, 0)
        return min(int(parent), int(child))

    def _do(self, slot: int, step: Callable[[], None]) -> bool:
        """Run one step at ``slot`` unless a failure met earlier in one process's order came first."""
        if slot > self.stop():
            return False
        self.slot = slot
        try:
            step()
        except Exception as exc:
            failures.locate(exc)  # its traceback stays in this process
            self.failures.append(_Failure(slot, exc))
            mine = struct.unpack_from("<q", self._stop, 8 * self.child)[0]
            struct.pack_into("<q", self._stop, 8 * self.child, min(mine, slot))
            return False
        return True

    def _populate(self, i: int) -> Callable[[], None]:
        return lambda: mk._populate_page(self.pages[i], self.config, self.files)

    def _build(self, i: int) -> Callable[[], None]:
        page = self.pages[i]
        excluded = bool(page.file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
        return _naming(
            page.file.abs_dest_path,
            lambda: mk._build_page(page, self.config, self.docs, self.nav, self.env, excluded=excluded),
        )

    def _env(self) -> None:
        self.env = self.config.plugins.on_env(self.env, config=self.config, files=self.files)
        # no template changes during a build: skip Jinja's check of its file for every include
        self.env.auto_reload = False

    def _templates(self) -> None:
        """The theme's templates (404.html, sitemap.xml), written after the static files."""
        for template in self.config.theme.static_templates:
            mk._build_theme_template(template, self.env, self.files, self.config, self.nav)
        for template in self.config.extra_templates:
            mk._build_extra_template(template, self.files, self.config, self.nav)
        log.debug("Building markdown pages.")

    def _copy(self, i: int) -> Callable[[], None]:
        return _naming(self.static[i].abs_dest_path, self.static[i].copy_file)

    def _job(self, i: int) -> Callable[[], None]:
        def run() -> None:
            self.results[i] = self.jobs[i].run()

        return run

    def _before(self) -> None:
        """The parent's part before the fork: the navigation's pages, the template environment,
        and the first of the navigation's pages built (Material's templates compiled once, for
        both processes)."""
        for i in self.shared:
            self._do(_slot(_POPULATE, i), self._populate(i))
        if self._do(_slot(_ENV), self._env) and self.shared and self.separate:
            self.prebuilt = self.shared[0]
            self._do(_slot(_BUILD, self.prebuilt), self._build(self.prebuilt))

    def _work(self, take: Callable[[], int | None]) -> list[int]:
        """This process's part after the fork, taking work with ``take`` until it gives None;
        return the indexes of the pages it built."""
        taken = []
        if not self.child:
            log.debug("Copying static assets.")
            if not self.separate:  # as MkDocs: every static file, then the templates, then pages
                for i in range(len(self.static)):
                    self._do(_slot(_STATIC, i), self._copy(i))
            self._do(_slot(_TEMPLATES), self._templates)
            if self.prebuilt is not None:
                taken.append(self.prebuilt)
        while (value := take()) is not None:
            kind, first = value >> 30, value & ((1 << 30) - 1)
            if kind == _JOBS:
                self._do(_slot(self.jobs[first].phase, first), self._job(first))
            elif kind == _COPIES:
                for i in range(first, min(first + self.copy_chunk, len(self.static))):
                    self._do(_slot(_STATIC, i), self._copy(i))
            else:
                for i in range(first, min(first + self.chunk, len(self.pages))):
                    if i == self.prebuilt:
                        continue
                    taken.append(i)
                    if i in self._shared or self._do(_slot(_POPULATE, i), self._populate(i)):
                        self._do(_slot(_BUILD, i), self._build(i))
        return taken

    def _queue(self) -> list[int]:
        """The work as tokens (kind, first index): the plugins' jobs first (the search index is
        the longest single piece), then the static files, then the pages. At most about
        12,000 (a pipe holds 64 KiB: 16,384 tokens of 4 bytes)."""
        self.chunk = max(CHUNK, -(-len(self.pages) // 8_000))
        self.copy_chunk = max(COPY_CHUNK, -(-len(self.static) // 4_000))
        tokens = [_JOBS << 30 | i for i in range(len(self.jobs))]
        if self.separate:
            tokens += [_COPIES << 30 | i for i in range(0, len(self.static), self.copy_chunk)]
        tokens += [_PAGES << 30 | i for i in range(0, len(self.pages), self.chunk)]
        return tokens

    # -- the two processes

    def run(self) -> list[Any]:
        """Do it all; return what each job returned."""
        tokens = self._queue()
        queue_r, queue_w = os.pipe()
        try:
            os.set_blocking(queue_w, False)
            data = b"".join(struct.pack("<I", t) for t in tokens)
            two = self.separate and os.write(queue_w, data) == len(data)
        except OSError:  # a pipe smaller than the queue: one process takes it from a list
            two = False
        finally:
            os.close(queue_w)
        back_r, back_w = os.pipe()
        capture = _Capture(self)
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        capture.start()
        try:
            self._before()
        except BaseException:
            capture.stop()
            raise
        two = two and not self.failures  # else one process meets what one process would
        gc.freeze()  # else the child's collections copy the parent's memory page by page
        try:
            pid = os.fork() if two else -1
        except OSError:
            pid = -1
        if pid == 0:
            self._child(parent, procs.taker(queue_r), back_r, back_w, capture)  # never returns
        os.close(back_w)
        waited = False
        began, cpu = time.monotonic(), procs.cpu_seconds()
        try:
            if pid < 0:
                log.debug("kbgen: building in one process (two files share a path, or no fork)")
            mine = self._work(procs.taker(queue_r) if pid > 0 else iter([*tokens, None]).__next__)
            done = time.monotonic()
            if pid > 0:
                data = procs.read_all(back_r)
                status, waited = os.waitpid(pid, 0)[1], True
                handback = _handback(data, status)
            else:
                handback = _Handback()
        except BaseException:
            capture.stop()
            if pid > 0 and not waited:
                procs.end(pid)
            raise
        finally:
            os.close(queue_r)
            os.close(back_r)
            gc.unfreeze()
        capture.stop()
        self._finish(handback, capture)
        took, cpu = time.monotonic() - began, procs.cpu_seconds() - cpu
        log.debug(
            f"kbgen: {len(self.pages)} pages in {took:.2f} s: {len(mine)} in this process "
            f"({done - began:.2f} s, CPU {cpu:.2f} s), {len(handback.anchors)} in the second "
            f"(CPU {handback.cpu:.2f} s)"
        )
        if pid > 0 and (stats := os.environ.get(STATS)):
            line = {"pages": len(self.pages), "wall": took, "parent_cpu": cpu, "child_cpu": handback.cpu,
                    "parent_pages": len(mine), "child_pages": len(handback.anchors)}  # fmt: skip
            with Path(stats).open("a", encoding="utf-8") as out:
                out.write(json.dumps(line) + "\n")
        results = {**self.results, **handback.jobs}
        return [results[i] for i in range(len(self.jobs))]

    def _child(
        self, parent: int, take: Callable[[], int | None], back_r: int, back_w: int, capture: _Capture
    ) -> None:
        """The second process: its share of the pages, then the handback; it never returns."""
        code = 0
        try:
            procs.become_second(parent, back_r)
            self.child = True
            capture.child = True
            for plugin in self.config.plugins.values():  # hand back only what this process gathers
                forked = getattr(plugin, "parallel_child", None)
                if forked is not None:
                    forked()
            taken = self._work(take)
            handback = _Handback(records=capture.handback(), jobs=dict(self.results))
            for failure in self.failures:
                handback.failures.append((failure.slot, _pickled(failure.error)))
            for i in taken:
                page = self.pages[i]
                links = page.links_to_anchors
                handback.anchors[i] = (
                    page.present_anchor_ids,
                    None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
                )
            for name, plugin in self.config.plugins.items():
                state = getattr(plugin, "parallel_state", None)
                if state is not None:
                    handback.plugins[name] = state()
            handback.cpu = procs.cpu_seconds()  # since the fork
            data = pickle.dumps(handback, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(back_w, "wb") as out:
                out.write(data)
        except BaseException:  # the parent says what failed; a broken pipe means it is gone
            code = 1
        finally:
            os._exit(code)

    def _finish(self, handback: _Handback, capture: _Capture) -> None:
        """Take the second process's pages as if built here; show every message in one
        process's order up to the first failure, and raise that failure."""
        failures = [(f.slot, f.error) for f in self.failures]
        failures += [(slot, _unpickled(data)) for slot, data in handback.failures]
        first = min((slot for slot, _ in failures), default=_NEVER)
        capture.replay(handback.records, first)
        if failures:
            # the parent's failure if both failed at one slot (one of the navigation's pages)
            raise next(error for slot, error in failures if slot == first)
        by_uri = {f.src_uri: f for f in self.files}
        for i, (anchors, links) in handback.anchors.items():
            page = self.pages[i]
            page.present_anchor_ids = anchors
            page.links_to_anchors = None if links is None else {by_uri[uri]: a for uri, a in links.items()}
        order = {page.url: i for i, page in enumerate(self.pages)}
        for name, state in handback.plugins.items():
            self.config.plugins[name].merge_parallel_state(state, order)  # type: ignore[attr-defined]


class _Capture:
    """Holds the log messages of both processes until they can be shown in one process's order."""

    def __init__(self, pages: _Pages) -> None:
        self.pages = pages
        self.child = False
        self.points: list[tuple[logging.Logger, list[logging.Handler]]] = []
        self.records: list[tuple[int, int, logging.LogRecord]] = []

    def start(self) -> None:
        """Stand in for the handlers of every logger that has some (and the root's)."""
        loggers = [logging.getLogger()] + [
            lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
        ]
        for logger in loggers:
            if logger.handlers:
                self.points.append((logger, logger.handlers[:]))
                logger.handlers[:] = [_At(self, len(self.points) - 1)]

    def stop(self) -> None:
        for logger, handlers in self.points:
            logger.handlers[:] = handlers

    def keep(self, point: int, record: logging.LogRecord) -> None:
        slot = self.pages.slot
        if self.child and self._parents(slot):
            return  # the parent logs the same
        self.records.append((slot, point, record))

    def _parents(self, slot: int) -> bool:
        """Whether the parent logs what is logged at ``slot`` (the child never meets it now)."""
        phase, index = slot >> 40, slot & ((1 << 40) - 1)
        shared = phase == _POPULATE and index in self.pages._shared
        return phase in (_ENV, _TEMPLATES) or shared or (phase == _BUILD and index == self.pages.prebuilt)

    def handback(self) -> list[tuple[int, int, dict[str, Any]]]:
        """The messages as plain data, for the parent."""
        out = []
        fmt = logging.Formatter()
        for slot, point, record in self.records:
            data = dict(record.__dict__)
            data["msg"], data["args"] = record.getMessage(), None
            if record.exc_info:
                data["exc_text"] = record.exc_text or fmt.formatException(record.exc_info)
                data["exc_info"] = None
            try:
                pickle.dumps(data)
            except Exception:
                data = {k: v for k, v in data.items() if _picklable(v)}
            out.append((slot, point, data))
        return out

    def replay(self, theirs: list[tuple[int, int, dict[str, Any]]], upto: int) -> None:
        """Show both processes' messages (the handlers are back in place) in one process's
        order, up to and with the slot of the first failure."""
        mine = [(slot, point, record) for slot, point, record in self.records]
        merged = sorted(
            [*mine, *((slot, point, logging.makeLogRecord(data)) for slot, point, data in theirs)],
            key=lambda item: item[0],
        )
        for slot, point, record in merged:
            if slot > upto:
                continue
            for handler in self.points[point][1]:
                if record.levelno >= handler.level:
                    handler.handle(record)


class _At(logging.Handler):
    """The stand-in for one logger's handlers while pages are built."""

    def __init__(self, capture: _Capture, point: int) -> None:
        super().__init__(logging.NOTSET)
        self.capture, self.point = capture, point

    def emit(self, record: logging.LogRecord) -> None:
        self.capture.keep(self.point, record)

    def handle(self, record: logging.LogRecord) -> bool:
        self.emit(record)
        return True


def _naming(dest: str, step: Callable[[], None]) -> Callable[[], None]:
    """``step``, whose OS error names ``dest`` when it names no file: a full disk is met by a
    write to an open file, which Python's error does not name (nor MkDocs' message)."""

    def run() -> None:
        try:
            step()
        except OSError as exc:
            exc.filename = exc.filename or dest
            raise

    return run


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def _pickled(error: BaseException) -> bytes:
    """An error as bytes the parent can raise again: itself if it survives pickling, else its
    class, arguments and attributes, else its message."""
    try:
        data = pickle.dumps(error)
        pickle.loads(data)
        return data
    except Exception:
        pass
    try:
        data = pickle.dumps(("rebuild", type(error), error.args, dict(error.__dict__)))
        pickle.loads(data)
        return data
    except Exception:
        return pickle.dumps(("message", f"{type(error).__name__}: {error}"))


def _unpickled(data: bytes) -> BaseException:
    value = pickle.loads(data)
    if isinstance(value, BaseException):
        return value
    if value[0] == "rebuild":
        _, cls, args, attrs = value
        error: BaseException = cls.__new__(cls, *args)
        error.args = args
        error.__dict__.update(attrs)
        return error
    return BuildError(value[1])



def _separate(config: MkDocsConfig, static: list[File], pages: list[Page]) -> bool:
    """Whether every file MkDocs writes has its own path (then the order they are written in,
    which decides who wins in MkDocs' own build, does not matter)."""
    site = Path(config.site_dir)
    paths = [f.abs_dest_path for f in static] + [p.file.abs_dest_path for p in pages]
    paths += [
        str(site / t) for t in [*config.theme.static_templates, "sitemap.xml.gz", *config.extra_templates]
    ]
    normal = [os.path.normcase(os.path.normpath(p)) for p in paths]
    return len(set(normal)) == len(normal)




def _handback(data: bytes, status: int) -> _Handback:
    """The second process's handback; a BuildError if it stopped without one."""
    if status == 0 and data:
        handback: _Handback = pickle.loads(data)
        return handback
    if os.WIFSIGNALED(status):
        how = f"was stopped by signal {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        how = f"stopped with exit status {os.waitstatus_to_exitcode(status)}"
    raise BuildError(f"kbgen: the second process building pages {how}")
