"""Writes the files that let answers travel (llms.txt, Markdown copies, feeds) into a built
site, and tells templates which feeds a page links."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kbgen.content.settings import TravelSettings
from kbgen.site.views import SiteView
from kbgen.travel import app
from kbgen.travel.copies import LLMS_FULL, LLMS_TXT, SiteInfo, TravelText, copies, copy_url, llms_files
from kbgen.travel.feeds import ATOM, FeedLink, feed_links, feeds
from kbgen.travel.llms import Section
from kbgen.widget.colours import colours

MARKDOWN = "text/markdown; charset=utf-8"
PLAIN = "text/plain; charset=utf-8"
ATOM_TYPE = f"{ATOM}; charset=utf-8"
ASSETS = Path(__file__).parent.parent / "travel" / "assets"
NOTIFY_JS = "assets/kbgen/notify.js"
TRAVEL_CSS = "assets/kbgen/travel.css"
RECENT_JS = "assets/kbgen/recent.js"


def _scripts_and_styles(settings: TravelSettings) -> tuple[list[str], list[str]]:
    """The browser files the turned-on features need (none when all are off: the site stays
    byte for byte what it was without them)."""
    scripts, styles = [], []
    if settings.notify:
        scripts.append(NOTIFY_JS)
    if settings.recently_viewed:
        scripts.append(RECENT_JS)
    if scripts:
        styles.append(TRAVEL_CSS)
    if settings.installable:  # written after the build (kbgen/travel/app.py): not in add_assets
        scripts.append(app.APP_JS)
        styles.append(app.APP_CSS)
    return scripts, styles


def configure(config: MkDocsConfig, settings: TravelSettings) -> None:
    """Load the features' scripts (deferred) and styles on every page."""
    scripts, styles = _scripts_and_styles(settings)
    for style in styles:
        if style not in config.extra_css:
            config.extra_css.append(style)
    for script in scripts:
        if script not in [str(s) for s in config.extra_javascript]:
            value = ExtraScriptValue(script)
            value.defer = True
            config.extra_javascript.append(value)


def add_assets(files: Files, config: MkDocsConfig, settings: TravelSettings) -> None:
    """Put the features' scripts and styles into the build."""
    scripts, styles = _scripts_and_styles(settings)
    for path in [*scripts, *styles]:
        if path in (app.APP_JS, app.APP_CSS):
            continue
        if files.get_file_from_path(path) is None:
            text = (ASSETS / Path(path).name).read_text(encoding="utf-8")
            files.append(File.generated(config, path, content=text))


def links(site: SiteView, settings: TravelSettings, config: MkDocsConfig) -> list[FeedLink]:
    """The feeds this build writes (none without ``site_url``: feeds need absolute addresses)."""
    if not settings.feeds or not config.site_url:
        return []
    return feed_links(site.kb, site.t, config.site_name)


def page_feeds(all_feeds: list[FeedLink], stage_id: str | None) -> list[FeedLink]:
    """What a page links in its head: the whole help center's feed only. Material's instant
    loading fetches ``sitemap.xml`` beside every ``link[rel=alternate]`` it finds, so a stage's
    feed (``<stage>/feed.xml``) linked there made each page fetch a ``<stage>/sitemap.xml``
    that does not exist (404s). The stage feeds are still published at ``<stage>/feed.xml``."""
    del stage_id  # every page links the same feed
    return [f for f in all_feeds if f.stage is None]


def write_app(site: SiteView, config: MkDocsConfig, language: str, skip: tuple[str, ...]) -> dict[str, str]:
    """The installable help center's files (manifest, service worker, offline page) for this
    language's built folder; ``skip``: the other languages' folders inside it."""
    shades = colours(config.theme.get("palette"))
    info = app.AppInfo(
        name=config.site_name,
        description=config.site_description or "",
        language=language,
        t=site.t,
        primary=shades.primary,
        on_primary=shades.on_primary,
        skip=skip,
    )
    return app.write(Path(config.site_dir), info)


def write_removal(config: MkDocsConfig) -> None:
    """``installable: remove``: only the worker that removes itself (kbgen/travel/app.py)."""
    app.write_removal(Path(config.site_dir))


def write(
    site: SiteView,
    settings: TravelSettings,
    config: MkDocsConfig,
    more: tuple[Section, ...] = (),
    unlisted: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Write what ``settings`` turns on into ``site_dir``; return each written path's type.
    ``more``: llms.txt's last sections (the root's links to each other language's llms.txt);
    ``unlisted``: entries llms.txt leaves out (shown untranslated in this language: they are in
    the default language's llms.txt)."""
    out = Path(config.site_dir)
    types: dict[str, str] = {}
    texts: dict[str, str] = {}
    t = site.t
    site_url = config.site_url or ""
    if settings.llms_txt:
        text = TravelText(t["md_web_page"], t["updated"], t["md_stage"])
        copied = copies(site.kb, site.urls, text, site_url)
        info = SiteInfo(config.site_name, config.site_description or "", site_url)
        left_out = {copy_url(site.urls.entries[i]) for i in unlisted if i in site.urls.entries}
        listed = {path: text for path, text in copied.items() if path not in left_out}
        files = llms_files(site.kb, site.urls, info, listed, full=settings.llms_full, more=more)
        texts = {**copied, **files}
        types = {path: PLAIN if path in (LLMS_TXT, LLMS_FULL) else MARKDOWN for path in texts}
    data = {path: text.encode("utf-8") for path, text in texts.items()}
    if links(site, settings, config):
        language = str(config.theme.get("language") or "en")
        written = feeds(
            site.kb, site.urls, site_url=site_url, site_name=config.site_name, language=language, t=t
        )
        data.update(written)
        types.update(dict.fromkeys(written, ATOM_TYPE))
    for path, body in data.items():
        target = out / path
        if target.is_file() and target.read_bytes() == body:
            continue  # the live preview rewrites only what an edit changed
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return types
