"""A help-center project on disk: its mkdocs.yml, plugin options and content directory."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from kbgen.errors import ContentError, Problem
from kbgen.loader import load
from kbgen.model import KnowledgeBase, Stage
from kbgen.settings import Settings, resolve


class _Collect(logging.Handler):
    """Keeps MkDocs' config-validation messages so they can be shown as problems."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Project:
    """A loaded ``mkdocs.yml`` with the kbgen plugin enabled."""

    config_file: Path
    config: MkDocsConfig
    stages: tuple[Stage, ...]
    catalog: str
    settings: Settings

    @property
    def root(self) -> Path:
        """The directory holding ``mkdocs.yml``; message paths are relative to it."""
        return self.config_file.parent

    @property
    def content_dir(self) -> Path:
        """The content directory (MkDocs' ``docs_dir``)."""
        return Path(self.config.docs_dir)

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project, '/'-separated."""
        return os.path.relpath(path.resolve(), self.root.resolve()).replace(os.sep, "/")

    def load(self) -> KnowledgeBase:
        """Load and validate all content (raises ContentError with every problem)."""
        return load(
            self.content_dir, self.stages, shown_dir=self.shown(self.content_dir), catalog=self.catalog
        )

    @classmethod
    def open(cls, config_file: str | Path = "mkdocs.yml", **overrides: Any) -> Project:
        """Read and validate ``mkdocs.yml``; raise ContentError naming the file if it is wrong."""
        path = Path(config_file)
        shown = path.name
        if not path.is_file():
            raise ContentError(
                [
                    Problem(
                        str(path),
                        1,
                        "file",
                        "not found; run 'kbgen init DIR' to "
                        "start a help center, or pass -f path/to/mkdocs.yml",
                    )
                ]
            )
        handler = _Collect()
        logger = logging.getLogger("mkdocs.config")
        logger.addHandler(handler)
        logger.propagate = False
        try:
            config = load_config(str(path), **overrides)
        except ConfigurationError as exc:
            msgs = handler.messages or [str(exc)]
            raise ContentError([Problem(shown, 1, "config", m) for m in msgs]) from None
        finally:
            logger.removeHandler(handler)
            logger.propagate = True
        plugin = config.plugins.get("kbgen")
        if plugin is None:
            raise ContentError(
                [Problem(shown, 1, "plugins", "the kbgen plugin is not enabled; add '- kbgen' under plugins")]
            )
        settings = resolve(plugin.config, config.theme.get("language"), str(path))
        return cls(path.resolve(), config, settings.stages, plugin.config.catalog, settings)
