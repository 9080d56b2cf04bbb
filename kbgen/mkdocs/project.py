"""A help-center project on disk: its mkdocs.yml, plugin options and content directory."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs installed
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from kbgen.content.languages import LanguageSettings, resolve_languages
from kbgen.content.loader import Partial, load
from kbgen.content.settings import ConfigLines, Settings, resolve, site_url_problem
from kbgen.content.translations import LanguageContent, load_language
from kbgen.content.yamlsrc import YamlSyntaxError, compose
from kbgen.core.errors import ContentError, Problem
from kbgen.core.languages import NAMES
from kbgen.core.model import KnowledgeBase, Stage
from kbgen.mkdocs.language import language_problem
from kbgen.site import palette


class _Collect(logging.Handler):
    """Keeps MkDocs' config-validation messages so they can be shown as problems."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_ID_ATTR = re.compile(r"""\s(?:id|name)=["']([^"']+)["']""")
_PLUGIN_OPTION = re.compile(r"Plugin 'kbgen' option '([\w.]+)': (.*)", re.S)


def _config_problem(path: Path, message: str) -> Problem:
    """One MkDocs config message as a problem; kbgen's own options get their line and key."""
    lines = ConfigLines(path)
    found = _PLUGIN_OPTION.search(message)
    if found:
        keys = found.group(1).split(".")
        return Problem(lines.shown, lines.line(*keys), "plugins.kbgen." + found.group(1), found.group(2))
    return Problem(lines.shown, 1, "config", message.strip())


@dataclass
class Project:
    """A loaded ``mkdocs.yml`` with the kbgen plugin enabled."""

    config_file: Path
    config: MkDocsConfig
    stages: tuple[Stage, ...]
    catalog: str
    settings: Settings
    _markdown: Any = field(default=None, init=False, repr=False)
    languages: tuple[LanguageSettings, ...] = ()
    """Every language of a site in several, the default first (empty: one language)."""
    overrides: dict[str, Any] = field(default_factory=dict)
    """The options given on the command line (each language's build reads mkdocs.yml again)."""

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

    def load(self, *, refuse_placeholders: bool = False) -> KnowledgeBase:
        """Load and validate the default language's content (raises ContentError with every
        problem); translations are left out (:meth:`load_translations`).

        ``refuse_placeholders``: what ``kbgen new`` left to fill in is a problem (check, build).
        """
        exclude = frozenset(lang.language.slug for lang in self.languages[1:])
        unlisted = frozenset(p.path.rsplit("/", 1)[-1] for p in self._unlisted_language_folders())
        return load(
            self.content_dir,
            self.stages,
            shown_dir=self.shown(self.content_dir),
            catalog=self.catalog,
            refuse_placeholders=refuse_placeholders,
            heading_ids=self.heading_ids,
            exclude=exclude | unlisted,  # reported by load_translations, once, not per file
        )

    def _unlisted_language_folders(self) -> list[Problem]:
        """A site in several languages with a folder of a language it does not list
        (``content/zh-hant/`` without zh-Hant): one problem, not a duplicate id per file."""
        if not self.languages:
            return []
        listed = {lang.language.slug for lang in self.languages}
        found = []
        for code in NAMES:
            slug = code.lower()
            folder = self.content_dir / slug
            if slug not in listed and folder.is_dir() and any(folder.rglob("*.md")):
                found.append(
                    Problem(
                        f"{self.shown(self.content_dir)}/{slug}",
                        1,
                        "folder",
                        f"holds {code} translations, but {code} is not in plugins.kbgen.languages "
                        f"({', '.join(lang.language.code for lang in self.languages)}): its pages "
                        f"and hreflang links would point to nothing; add {code} there or move the folder",
                    )
                )
        return found

    def heading_ids(self, body: str) -> set[str]:
        """The anchors of an entry's page: ids in its body rendered with the site's Markdown."""
        if self._markdown is None:  # one converter for all entries: loading extensions is slow
            self._markdown = markdown.Markdown(
                extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs
            )
        html = self._markdown.reset().convert(body)
        return set(_ID_ATTR.findall(html))

    def load_translations(
        self, kb: KnowledgeBase, *, refuse_placeholders: bool = False, partial: Partial | None = None
    ) -> tuple[LanguageContent, ...]:
        """Every other language's content over ``kb`` (raises ContentError with every problem;
        missing and outdated translations are each content's ``warnings``);
        ``refuse_placeholders`` as for :meth:`load`; ``partial``: ``kb`` is what a default
        language with problems still gave (its entries with problems are not problems here)."""
        problems: list[Problem] = self._unlisted_language_folders()
        found = tuple(
            load_language(
                self.content_dir,
                kb,
                lang.language,
                lang.settings.stages,
                problems,
                shown_dir=self.shown(self.content_dir),
                refuse_placeholders=refuse_placeholders,
                unchecked_ids=partial.ids if partial else frozenset(),
                unchecked_files=partial.files if partial else frozenset(),
            )
            for lang in self.languages[1:]
        )
        if problems:
            raise ContentError(problems)
        return found

    def load_all(
        self, *, refuse_placeholders: bool = False
    ) -> tuple[KnowledgeBase, tuple[LanguageContent, ...]]:
        """The default language and every other (none for a site in one language), checked in
        one pass: the translations' problems come with the default language's, not after them.

        Raises:
            ContentError: With every problem of every language.
        """
        try:
            kb = self.load(refuse_placeholders=refuse_placeholders)
        except ContentError as exc:
            partial = exc.partial if isinstance(exc.partial, Partial) else None
            if not self.languages or partial is None:
                raise
            try:
                self.load_translations(partial.kb, refuse_placeholders=refuse_placeholders, partial=partial)
            except ContentError as more:
                raise ContentError([*exc.problems, *more.problems], incomplete=exc.incomplete) from None
            raise
        if not self.languages:
            return kb, ()
        return kb, self.load_translations(kb, refuse_placeholders=refuse_placeholders)

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
        try:  # MkDocs' own message for broken YAML spans lines; say it the way kbgen does
            compose(path.read_text(encoding="utf-8-sig"))
        except YamlSyntaxError as exc:
            raise ContentError([Problem(shown, exc.line, "config", exc.message)]) from None
        handler = _Collect()
        logger = logging.getLogger("mkdocs.config")
        logger.addHandler(handler)
        logger.propagate = False
        try:
            config = load_config(str(path), **overrides)
        except (ConfigurationError, Abort) as exc:  # Abort: warnings in strict mode
            msgs = handler.messages or [str(exc)]
            raise ContentError([_config_problem(path, m) for m in msgs]) from None
        finally:
            logger.removeHandler(handler)
            logger.propagate = True
        if handler.messages:  # warnings (typos in options, say) fail the check even without strict
            raise ContentError([_config_problem(path, m) for m in handler.messages])
        plugin = config.plugins.get("kbgen")
        if plugin is None:
            raise ContentError(
                [Problem(shown, 1, "plugins", "the kbgen plugin is not enabled; add '- kbgen' under plugins")]
            )
        bad_language = language_problem(config.theme.get("language"), str(path))
        if bad_language is not None:
            raise ContentError([bad_language])
        if bad_url := site_url_problem(config.site_url):
            lines = ConfigLines(path)
            raise ContentError([Problem(lines.shown, lines.top_line("site_url"), "site_url", bad_url)])
        colours = palette.check(config.theme.get("palette"), path)
        problems: list[Problem] = []
        try:
            settings = resolve(plugin.config, config.theme.get("language"), str(path))
        except ContentError as exc:
            problems += exc.problems
        try:
            languages = resolve_languages(plugin.config, str(path))
        except ContentError as exc:
            problems += [p for p in exc.problems if p not in problems]
        if plugin.config.get("languages") and len(plugin.config["languages"]) > 1 and not config.site_url:
            lines = ConfigLines(path)
            problems.append(
                Problem(
                    lines.shown,
                    lines.line("languages"),
                    "site_url",
                    "a site in several languages needs site_url: its hreflang alternates "
                    "and sitemaps name each page by its full address",
                )
            )
        if problems or colours:
            raise ContentError([*problems, *colours])
        if languages:
            settings = languages[0].settings
        return cls(
            path.resolve(), config, settings.stages, plugin.config.catalog, settings, languages, overrides
        )
