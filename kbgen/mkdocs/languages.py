"""One build of a site in several languages: each language is one MkDocs build of the same
``mkdocs.yml`` (the default into the site's root, the others into ``<code>/``), then the site's
one ``_headers`` (a policy holding every language's inline scripts) and ``_redirects`` (every
language's old addresses, and each language's own 404 page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kbgen.content import wording
from kbgen.content.translations import LanguageContent
from kbgen.core.model import KnowledgeBase
from kbgen.deploy import headers, redirects
from kbgen.mkdocs.project import Project
from kbgen.site.alternates import LanguageRun, SiteLanguages
from kbgen.widget import files as widget

SCRIPT = "assets/kbgen/languages.js"
"""The language offer's script: published only by a site in several languages (a site in one
stays byte for byte what it was)."""
STYLE = "assets/kbgen/languages.css"
"""Its style (a bar that moves nothing), likewise."""
_ASSETS = Path(__file__).parent.parent / "site" / "assets"


def configure(config: MkDocsConfig) -> None:
    """Load the language offer's script (deferred) and style on every page of one language's build."""
    if STYLE not in config.extra_css:
        config.extra_css.append(STYLE)
    if SCRIPT not in [str(s) for s in config.extra_javascript]:
        value = ExtraScriptValue(SCRIPT)
        value.defer = True
        config.extra_javascript.append(value)


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """Put the language offer's script and style into one language's build."""
    for path in (SCRIPT, STYLE):
        if files.get_file_from_path(path) is None:
            text = (_ASSETS / Path(path).name).read_text(encoding="utf-8")
            files.append(File.generated(config, path, content=text))


def runs(project: Project, kb: KnowledgeBase, contents: Sequence[LanguageContent]) -> list[LanguageRun]:
    """What each language's build needs, the default first."""
    langs = tuple(ls.language for ls in project.languages)
    translated = {c.language.code: frozenset(e.id for e in c.kb.entries) - c.fallback for c in contents}
    default = LanguageContent(langs[0], kb)
    site_url = project.config.site_url or ""
    offers = {}
    for ls in project.languages:  # each language offered in its own words (strings.yml included)
        said = wording.words(ls.language.code, ls.settings.wording)
        offers[ls.language.code] = (
            said["language_offer"],
            said["language_offer_go"],
            said["language_offer_dismiss"],
        )
    found = []
    for settings, content in zip(project.languages, [default, *contents], strict=True):
        view = SiteLanguages(langs, settings.language, translated, site_url, offers)
        found.append(LanguageRun(view, content, settings.site.get("site_name", "")))
    return found


def language_config(project: Project, run: LanguageRun, site_dir: Path) -> MkDocsConfig:
    """``mkdocs.yml`` read again for one language: its folder, URL, theme language and name."""
    if run.language.default:
        config = project.config
    else:
        config = load_config(str(project.config_file), **project.overrides)
        config.site_dir = str(site_dir / run.language.slug)
        root = project.config.site_url  # the preview's address under `kbgen serve`
        config.site_url = root.rstrip("/") + "/" + run.language.prefix if root else root
    config.theme["language"] = run.language.theme
    description = next(
        ls.site.get("site_description") for ls in project.languages if ls.language == run.language
    )
    if description:
        config.site_description = description
    return config


def build(
    project: Project,
    kb: KnowledgeBase,
    contents: Sequence[LanguageContent],
    build_one: Callable[[MkDocsConfig], Any] = mkdocs_build,
) -> list[LanguageRun]:
    """Build every language of ``project`` into its ``site_dir``; then write ``_headers`` and
    ``_redirects`` for all of them. Raises what MkDocs raises."""
    site_dir = Path(project.config.site_dir)
    done = runs(project, kb, contents)
    plugins = build_languages(project, done, site_dir, build_one)
    finish(project, done, plugins)
    return done


def build_languages(
    project: Project,
    done: Sequence[LanguageRun],
    site_dir: Path,
    build_one: Callable[[MkDocsConfig], Any] = mkdocs_build,
) -> list[tuple[Any, MkDocsConfig]]:
    """Build the languages of ``done``, each with a fresh read of mkdocs.yml (the default's
    with the project's own); return each one's plugin and config."""
    plugins = []
    for run in done:
        config = language_config(project, run, site_dir)
        settings = next(ls.settings for ls in project.languages if ls.language == run.language)
        plugin: Any = config.plugins["kbgen"]
        plugin.preload(run.content.kb, settings, run)
        build_one(config)
        plugins.append((plugin, config))
    return plugins


def finish(
    project: Project, done: Sequence[LanguageRun], plugins: Sequence[tuple[Any, MkDocsConfig]]
) -> None:
    """Once every language is built: the widgets that know them all, one _headers, one _redirects."""
    write_widgets(done, plugins)
    write_deploy_files(project, done, plugins)


def write_widgets(done: Sequence[LanguageRun], plugins: Sequence[tuple[Any, MkDocsConfig]]) -> None:
    """Each language's widget loader again, now knowing every language's panel and data, so a
    shop page in zh-TW that embeds any of them gets the zh-Hant answers and words."""
    built = {}
    for run, (plugin, config) in zip(done, plugins, strict=True):
        built[run.language.code] = (run.language.prefix, plugin.write_widget(config))
    for run, (plugin, config) in zip(done, plugins, strict=True):
        up = "" if run.language.default else "../"
        entries = {code: widget.language_entry(files, up + prefix) for code, (prefix, files) in built.items()}
        plugin.write_widget(config, entries)


def write_deploy_files(
    project: Project, done: Sequence[LanguageRun], plugins: Sequence[tuple[Any, MkDocsConfig]]
) -> None:
    """One ``_headers`` and one ``_redirects`` at the site's root for every language."""
    site_dir = Path(project.config.site_dir)
    base = urlsplit(project.config.site_url or "").path.rstrip("/")
    hashes = sorted(set().union(*(run.script_hashes for run in done)))
    post_to, images, rules_text = [], [], ""
    for plugin, config in plugins:
        site = plugin.site
        post_to += [site.feedback_url] if site.feedback_url else []
        images += [p.image for p in site.kb.products if p.image]
        where = urlsplit(config.site_url or "").path or base + "/" + plugin.run.language.prefix
        rules_text += headers.widget_rules(widget.cross_origin(site, plugin.settings.widget), where)
        rules_text += headers.content_type_rules(plugin.travel_types, where)
        if plugin.search_worker:  # named by its content, as the engine
            rules_text += headers.immutable_rules([plugin.search_worker, plugin.search_engine], where)
        if plugin.shard_dir:  # this language's split search index
            rules_text += headers.split_search_rules(
                plugin.shard_dir, widget.cross_origin(site, plugin.settings.widget), where
            )
        for name in (headers.HEADERS, redirects.REDIRECTS):
            if config.site_dir != str(site_dir):
                (Path(config.site_dir) / name).unlink(missing_ok=True)
    csp = headers.content_security_policy(hashes, post_to=post_to, images_from=images)
    target = site_dir / headers.HEADERS
    own = target.read_text(encoding="utf-8").rstrip("\n") + "\n" if target.exists() else ""
    target.write_text(own + headers.headers_file(csp, base) + rules_text, encoding="utf-8")
    rules = [rule for run in done for rule in run.redirects]
    not_found = [(f"{run.base}/*", f"{run.base}/404.html") for run in done if not run.language.default]
    text = redirects.rules_file(rules) if rules else ""
    text += "".join(f"{old}  {new}  404\n" for old, new in not_found)
    if text:
        (site_dir / redirects.REDIRECTS).write_text(text, encoding="utf-8")
