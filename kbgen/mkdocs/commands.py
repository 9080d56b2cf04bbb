"""Running the engine for the command line: one build of a checked project, or the preview."""

from __future__ import annotations

import logging
import sys
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException

from kbgen.core.model import KnowledgeBase
from kbgen.mkdocs.project import Project


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


def build(project: Project, kb: KnowledgeBase) -> None:
    """Build ``project`` into its ``site_dir`` with the content and settings already loaded
    (so they are read and checked once per build).

    Raises:
        EngineError: If MkDocs stops the build.
        OSError: If writing the site fails (a full or read-only disk).
    """
    plugin = project.config.plugins["kbgen"]
    plugin.preload(kb, project.settings)  # type: ignore[attr-defined]
    try:
        mkdocs_build(project.config)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from None


def serve(config_file: str, *, dev_addr: str | None, open_browser: bool) -> None:
    """The live preview (rebuilds on every change, reading the content again each time).

    Raises:
        EngineError: If MkDocs cannot start or stops the preview.
    """
    kwargs: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        mkdocs_serve(config_file=config_file, livereload=True, open_in_browser=open_browser, **kwargs)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from None
