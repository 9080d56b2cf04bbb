"""Running the engine for the command line: one build of a checked project, or the preview."""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.exceptions import MkDocsException

from kbgen.content.translations import LanguageContent
from kbgen.core.model import KnowledgeBase
from kbgen.core.urls import SEARCH_INDEX
from kbgen.mkdocs import failures, inbox, languages, live, parallel
from kbgen.mkdocs.preview import Outcome, Preview
from kbgen.mkdocs.project import Project
from kbgen.mkdocs.watch import Watcher

log = logging.getLogger("mkdocs.kbgen.preview")


class EngineError(Exception):
    """The engine stopped (a strict-mode warning, a broken template); the message says why."""


def setup_logging(verbose: bool) -> None:
    """MkDocs' messages on stderr, as ``LEVEL - message``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log = logging.getLogger("mkdocs")
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    log.propagate = False


def build(
    project: Project,
    kb: KnowledgeBase,
    translations: Sequence[LanguageContent] = (),
    shown_as: str | None = None,
) -> None:
    """Build ``project`` into its ``site_dir`` with the content and settings already loaded
    (so they are read and checked once per build); every language of a site in several.
    ``shown_as``: how the log names the site directory (``site``, when ``site_dir`` is a
    staging folder the user never sees).

    Raises:
        EngineError: If MkDocs stops the build, or a theme template fails.
        OSError: If writing the site fails (a full or read-only disk).
    """
    rename = _Rename(str(project.config.site_dir), shown_as) if shown_as else None
    # On the handlers: a logger's own filters miss what its child loggers log.
    handlers = logging.getLogger("mkdocs").handlers if rename else []
    for handler in handlers:
        handler.addFilter(rename)  # type: ignore[arg-type]
    try:
        # MkDocs' build, or at catalog size kbgen's with two processes (the same site)
        build_one = parallel.runner(len(kb.entries) + len(kb.products))
        if project.languages:
            languages.build(project, kb, translations, build_one)
            return
        plugin = project.config.plugins["kbgen"]
        plugin.preload(kb, project.settings)  # type: ignore[attr-defined]
        build_one(project.config)
    except MkDocsException as exc:
        raise EngineError(str(exc).replace(rename.old, rename.new) if rename else str(exc)) from None
    except jinja2.TemplateError as exc:  # a template of the site's theme/ (MkDocs named the page)
        raise EngineError(failures.template_problem(exc, project.root)) from None
    finally:
        for handler in handlers:
            handler.removeFilter(rename)  # type: ignore[arg-type]


class _Rename(logging.Filter):
    """Names the site directory as the user knows it in MkDocs' messages."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.old in message:
            record.msg, record.args = message.replace(self.old, self.new), None
        return True


def serve(
    config_file: str,
    *,
    dev_addr: str | None,
    open_browser: bool,
    full: bool = False,
    record: Path | None = None,
) -> None:
    """The live preview: one full build, then after each save only the pages the edit changes
    (``full``: the whole site every time, as MkDocs' own ``serve`` does). While the content is
    broken, every page shows the problems; the preview recovers by itself once they are fixed.
    The site's form posts are shown in the terminal and, with ``record``, appended to it.

    Raises:
        ContentError: If ``mkdocs.yml`` is wrong at the start.
        EngineError: If the address cannot be served, or ``record`` cannot be written.
    """
    overrides: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    project = Project.open(config_file, **overrides)
    posts = inbox.Inbox(_record_file(project, record) if record is not None else None)
    address = project.config.dev_addr
    mount = urlsplit(project.config.site_url or "/").path or "/"
    mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
    shown_host = f"[{address.host}]" if ":" in address.host else address.host
    serve_url = f"http://{shown_host}:{address.port}{mount}"
    site_dir = Path(tempfile.mkdtemp(prefix="kbgen-preview-"))
    state = live.LiveState()
    try:
        server = live.LiveServer(address.host, address.port, site_dir, mount, state, posts)
    except OSError as exc:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise EngineError(f"cannot serve on {address.host}:{address.port}: {exc.strerror}") from None
    preview = Preview(project.config_file, site_dir, serve_url, **overrides)
    watcher = Watcher()
    watcher.watch_dir(project.content_dir)
    watcher.watch_file(project.config_file)
    strings = project.config.plugins["kbgen"].config.get("strings") or "strings.yml"
    watcher.watch_file(project.config_file.parent / strings)  # the project's words (may appear later)
    for extra in [project.config.theme.custom_dir, *project.config.watch]:
        if extra and Path(extra).is_dir():
            watcher.watch_dir(Path(extra))
        elif extra and Path(extra).is_file():
            watcher.watch_file(Path(extra))
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)  # a terminated preview cleans up too
    state.begin()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watcher.start()
    log.info(f"Serving on {serve_url}")
    if address.host.strip("[]") in live.WILDCARD:
        log.warning(
            f"{address.host}: the preview is open to every machine that can reach this one "
            "(it shows unpublished content and accepts form posts); use 127.0.0.1 unless you mean it"
        )
    if record is not None:
        log.info(f"Form posts are appended to {record} (kbgen report {record})")
    others = [name for name in project.config.plugins if name != "kbgen"]
    if others and not full:  # their files written after the build (a search index) are not redone
        log.warning(
            f"plugins {', '.join(others)}: an edit renders its pages again, but files these plugins "
            "write at the end of a build change only on a full rebuild (kbgen serve --full-rebuild)"
        )
    if open_browser:
        webbrowser.open(serve_url)
    try:
        _report(preview.full_build(), state)
        while (changed := watcher.wait()) is not None:
            state.begin()
            try:
                outcome = preview.full_build() if full else preview.update(changed)
            except Exception as exc:  # a bug of ours: say it, build everything next time
                log.exception("the preview failed")
                preview.built = None
                where = f"{project.shown(project.config_file)}:1"
                outcome = Outcome("failed", problems=[f"{where}: build: {type(exc).__name__}: {exc}"])
            _report(outcome, state)
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
        preview.close()
        shutil.rmtree(site_dir, ignore_errors=True)


def _record_file(project: Project, record: Path) -> Path:
    """``record``, checked: writable, and not where the site's sources are (a shopper's words
    would be published, and each post would rebuild the site)."""
    watched = [project.content_dir, project.config_file.parent / "theme"]
    if project.config.theme.custom_dir:
        watched.append(Path(project.config.theme.custom_dir))
    resolved = record.resolve()
    for folder in watched:
        if resolved.is_relative_to(folder.resolve()):
            inside = project.shown(folder)
            raise EngineError(f"{record}: --record: is inside {inside}/; choose a file outside it")
    try:
        with record.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise EngineError(f"{record}: --record: {exc.strerror or exc}") from None
    return record


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _report(outcome: Outcome, state: live.LiveState) -> None:
    """Show a build's outcome: tabs reload (or show the problems), the terminal says what was
    built; then the search index is written (a search waits for it, a page does not)."""
    if outcome.search_index is not None:
        state.hold([SEARCH_INDEX])
    state.done(outcome.problems, changed=outcome.kind in ("full", "pages"))
    if outcome.kind == "failed":
        n = len(outcome.problems)
        count = f"{n} problem{'s' if n != 1 else ''}: every page of the preview shows them"
        log.error("\n".join([*outcome.problems, count]))
    elif outcome.kind == "pages":
        shown = ", ".join(p or "/" for p in outcome.pages)
        log.info(f"Rebuilt {len(outcome.pages)} page(s) in {outcome.seconds:.2f}s: {shown}")
    elif outcome.kind == "full":
        log.info(f"Rebuilt the whole site in {outcome.seconds:.2f}s")
    if outcome.search_index is not None:
        try:
            outcome.search_index()
        except Exception as exc:  # a full disk, say: the preview goes on, the terminal says it
            why = f"{type(exc).__name__}: {exc}"
            log.error(f"the search index was not written ({why}); searches find the old texts")
            log.debug("the search index's write failed", exc_info=True)
        finally:
            state.release()
