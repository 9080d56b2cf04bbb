"""The live preview's builds: one full MkDocs build, then only the pages an edit changes.

MkDocs' own ``serve`` builds the whole site again on every change (about 5 s at 1,000
entries). Here the config, plugins, files, navigation and template environment of the last
full build stay loaded; an edit of entries reloads the content with kbgen's loader, works out
the pages it changes (:mod:`kbgen.site.changes`) and renders only those with MkDocs' own page
functions, so they come out exactly as a full build writes them. Adding, removing or renaming
an entry, or changing ``mkdocs.yml``, the catalog, a published file or the theme, builds the
whole site again.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from kbgen.core.errors import ContentError
from kbgen.core.model import KnowledgeBase
from kbgen.core.urls import SEARCH_INDEX
from kbgen.mkdocs import languages
from kbgen.mkdocs.project import Project
from kbgen.site.changes import Update, plan, same_layout

log = logging.getLogger("mkdocs.kbgen.preview")


class _Keep(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Keeps what a full build made, for re-rendering single pages afterwards."""

    def __init__(self) -> None:
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.env: jinja2.Environment | None = None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.env, self.files = env, files
        return env


class _Warnings(logging.Handler):
    """MkDocs' warnings and errors during one build, to show them in the browser."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))

    def __enter__(self) -> _Warnings:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


@dataclass
class Outcome:
    """What one build of the preview did."""

    kind: str
    """``full`` (the whole site), ``pages`` (only the pages an edit changed), ``none`` (the edit
    changed no page) or ``failed`` (see ``problems``)."""
    pages: list[str] = field(default_factory=list)
    """URLs of the pages written again (for ``pages``)."""
    problems: list[str] = field(default_factory=list)
    """``path:line: field: message`` lines, while the content (or config) is broken."""
    seconds: float = 0.0
    search_index: Callable[[], None] | None = None
    """Writes the search index again: run it after the pages are shown (it takes longer than
    the pages at 1,000 entries, and only a search needs it)."""


@dataclass
class _Built:
    project: Project
    kb: KnowledgeBase
    keep: _Keep


class Preview:
    """The preview's site in ``site_dir``, kept up to date with the project on disk."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str, **overrides: Any) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.overrides = overrides
        self.built: _Built | None = None
        """The last full build (None until one succeeds)."""

    def open_project(self) -> Project:
        """``mkdocs.yml`` read again, building into the preview's directory (ContentError if bad)."""
        project = Project.open(self.config_file, site_dir=str(self.site_dir), **self.overrides)
        project.config.site_url = self.serve_url  # as `mkdocs serve` does: links stay on the preview
        return project

    def full_build(self) -> Outcome:
        """Build the whole site, reading ``mkdocs.yml`` and all content again."""
        start = time.perf_counter()
        old, self.built = self.built, None
        if old is not None:
            old.project.config.plugins.on_shutdown()
        try:
            project = self.open_project()
            kb = project.load()
            translations = project.load_translations(kb) if project.languages else ()
        except ContentError as exc:
            return Outcome("failed", problems=[str(p) for p in exc.problems])
        config = project.config
        keep = _Keep()
        config.plugins["kbgen-preview"] = keep
        config.plugins.on_startup(command="serve", dirty=False)
        project.config.plugins["kbgen"].preload(kb, project.settings)  # type: ignore[attr-defined]

        def build_all() -> None:
            if not project.languages:
                mkdocs_build(config, serve_url=self.serve_url)
                return
            languages.build(  # every language, each previewed under its folder
                project, kb, translations, lambda c: mkdocs_build(c, serve_url=c.site_url or self.serve_url)
            )

        with _Warnings() as warnings:
            failure = self._run(project, build_all)
        if failure is not None:
            config.plugins.on_shutdown()
            return Outcome("failed", problems=[*_shown(project, warnings.messages), failure])
        self.built = _Built(project, kb, keep)
        return Outcome("full", seconds=time.perf_counter() - start)

    def update(self, changed: set[Path]) -> Outcome:
        """Bring the site up to date after ``changed`` files changed: only the pages they change
        if that can be worked out, the whole site otherwise."""
        built = self.built
        if built is None or not all(_inside(p, built.project.content_dir) for p in changed):
            return self.full_build()
        if built.project.languages:  # an edit may change any language's pages: build them all
            return self.full_build()
        start = time.perf_counter()
        try:
            kb = built.project.load()
        except ContentError as exc:
            return Outcome("failed", problems=[str(p) for p in exc.problems])
        content = built.project.content_dir.resolve()
        published = set(kb.static) | set(built.kb.static)
        if any(_relative(p, content) in published for p in changed):
            return self.full_build()  # an image or a PDF replaced: copy it with the rest
        if not same_layout(built.kb, kb):
            return self.full_build()
        config = built.project.config
        plugin: Any = config.plugins["kbgen"]
        old_site = plugin.site
        new_site = plugin.refresh(kb, config)
        update = plan(old_site, new_site)
        if update is None:
            return self.full_build()
        built.kb = kb
        if not update:
            return Outcome("none", seconds=time.perf_counter() - start)
        files = self._files(plugin.pages, update)
        with _Warnings() as warnings:
            failure = self._run(built.project, lambda: self._render(built, files, update.home))
        strict = [] if not config.strict else warnings.messages
        if failure is not None or strict:
            self.built = None  # the site on disk is half old, half new: build it all once fixed
            problems = [*_shown(built.project, warnings.messages), *([failure] if failure else [])]
            return Outcome("failed", problems=problems)
        plugin.write_widget(config)  # the shop widget's data holds questions and answers too
        plugin.write_travel(config)  # so do llms.txt, the Markdown copies and the feeds
        outcome = Outcome("pages", pages=[f.url for f in files], seconds=time.perf_counter() - start)
        if update.search_index:
            outcome.search_index = lambda: self._write_search_index(built, plugin.search_index(kb))
        return outcome

    def close(self) -> None:
        """Run the plugins' shutdown event."""
        if self.built is not None:
            self.built.project.config.plugins.on_shutdown()
            self.built = None

    @staticmethod
    def _files(pages: Any, update: Update) -> list[File]:
        files: list[File] = [pages.entries[i] for i in sorted(update.entries)]
        files += [pages.stages[s] for s in sorted(update.stages) if s in pages.stages]
        files += [pages.products[p] for p in sorted(update.products) if p in pages.products]
        if update.home:
            files.append(pages.home)
        return files

    @staticmethod
    def _render(built: _Built, files: list[File], error_page: bool = False) -> None:
        """What ``mkdocs build`` does for these pages: read and convert all, then render all;
        with ``error_page``, ``404.html`` too (it lists the popular questions, as the home page)."""
        config, keep = built.project.config, built.keep
        assert keep.files is not None and keep.nav is not None and keep.env is not None
        for file in files:
            assert file.page is not None
            _populate_page(file.page, config, keep.files)
        doc_files = keep.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in files:
            assert file.page is not None
            _build_page(file.page, config, doc_files, keep.nav, keep.env)
        for file in files:
            assert file.page is not None
            file.page.validate_anchor_links(files=keep.files, log_level=config.validation.links.anchors)
        if error_page and "404.html" in config.theme.static_templates:
            _build_theme_template("404.html", keep.env, keep.files, config, keep.nav)

    @staticmethod
    def _write_search_index(built: _Built, index: str) -> None:
        assert built.keep.files is not None
        file = built.keep.files.get_file_from_path(SEARCH_INDEX)
        if file is not None:
            file.content_string = index
            file.copy_file()

    @staticmethod
    def _run(project: Project, build: Any) -> str | None:
        """Run a build step; what stopped it, as a problem line, or None."""
        where = f"{project.shown(project.config_file)}:1: build"
        try:
            build()
        except MkDocsException as exc:
            return f"{where}: {' '.join(str(exc).split())}"
        except Exception as exc:  # a template error, a full disk: say it, keep serving
            log.debug("the preview's build failed", exc_info=True)  # the problem line says it
            return f"{where}: {type(exc).__name__}: {exc}"
        return None


_DOC = re.compile(r"Doc file '([^']+)' contains (?:a|an unrecognized relative) link '([^']+)'")


def _shown(project: Project, messages: list[str]) -> list[str]:
    """MkDocs' warnings as problem lines: a link's warning names the entry, with the link's
    line; others name ``mkdocs.yml``."""
    lines = []
    for message in messages:
        found = _DOC.search(message)
        source = project.content_dir / found.group(1) if found else None
        if found and source is not None and source.is_file():
            text = source.read_text(encoding="utf-8", errors="replace")
            at = text.find(found.group(2))
            line = text.count("\n", 0, at) + 1 if at >= 0 else 1
            lines.append(f"{project.shown(source)}:{line}: body: {message}")
        else:
            lines.append(f"{project.shown(project.config_file)}:1: build: {message}")
    return lines


def _inside(path: Path, directory: Path) -> bool:
    return path.resolve().is_relative_to(directory.resolve())


def _relative(path: Path, directory: Path) -> str:
    try:
        return path.resolve().relative_to(directory).as_posix()
    except ValueError:
        return ""
