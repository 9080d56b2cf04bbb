"""The offline copy of a help center (``kbgen build --offline``, or ``offline: true``): one more
build of the same checked content, made to open from disk, packed into ``offline.zip``.

While :func:`building` is on, every kbgen plugin of the build (one per language) makes its
site for ``file://`` (:func:`configure`): links to files (``use_directory_urls: false``), no
Material instant loading, search or web fonts, the search engine in the page with its data
inline, forms replaced by a sentence that says sending needs the online site. The zip leaves out
what only a web server, a crawler or a shop page uses (see :mod:`kbgen.travel.offline`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kbgen.content.settings import Settings
from kbgen.content.translations import LanguageContent
from kbgen.core.channels import Channel, fill
from kbgen.core.model import KnowledgeBase
from kbgen.core.urls import SEARCH_DIR, absolute
from kbgen.site.views import PageView
from kbgen.travel import offline as pack

THEME = Path(__file__).parent.parent / "travel" / "offline_theme"
"""Templates and the search adapter that replace kbgen's own in the offline copy."""
WORKER = Path(__file__).parent.parent / "theme" / "assets" / "kbgen" / "search-worker.js"
SEARCH_SCRIPTS = (
    pack.DATA_JS,
    "assets/kbgen/lunr.js",
    "assets/kbgen/search-tokenize.js",
    "assets/kbgen/compat.js",
    pack.ENGINE_JS,
    pack.ADAPTER_JS,
)
"""What the offline search page loads before search.js, in this order."""
ONLINE_ONLY_FEATURES = ("navigation.instant", "search.")
"""Material features that fetch pages or run a worker: off from disk."""

_building: ContextVar[bool] = ContextVar("kbgen_offline_building", default=False)


@contextmanager
def building() -> Iterator[None]:
    """Builds run inside make the offline copy."""
    token = _building.set(True)
    try:
        yield
    finally:
        _building.reset(token)


def active() -> bool:
    """Whether the current build makes the offline copy."""
    return _building.get()


def configure(config: MkDocsConfig, kbgen_theme: str) -> bool:
    """Make ``config`` build a site that works from ``file://`` with no network
    (``kbgen_theme``: the folder of kbgen's templates, already among the theme's); return
    whether the web site uses directory URLs (its pages' addresses, see :func:`online`)."""
    directory_urls = bool(config.use_directory_urls)
    config.use_directory_urls = False
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if not str(f).startswith(ONLINE_ONLY_FEATURES)]
    config.theme["font"] = False  # else Material links Google Fonts
    config.repo_url = None  # else Material asks the repository's host for its stars
    extra = config.extra
    for key in ("analytics", "consent", "version"):
        extra.pop(key, None)
    extra["homepage"] = "index.html"  # Material's logo link: "." would open a file listing
    dirs = config.theme.dirs
    if str(THEME) not in dirs:  # before kbgen's own templates, after the site's
        dirs.insert(dirs.index(kbgen_theme) if kbgen_theme in dirs else 0, str(THEME))
    for name in ("search", "material/search"):  # Material's search runs in a worker
        search = config.plugins.get(name)
        if search is not None and "enabled" in search.config:
            search.config["enabled"] = False
    remote = ("http://", "https://", "//")  # a site's own scripts and styles from a CDN stay online
    config.extra_javascript = [s for s in config.extra_javascript if not str(s).startswith(remote)]
    config.extra_css = [s for s in config.extra_css if not str(s).startswith(remote)]
    return directory_urls


def online(site_url: str, url: str, directory_urls: bool) -> str:
    """The web address of the offline page at ``url`` (relative when there is no ``site_url``)."""
    return absolute(site_url, pack.online_url(url, directory_urls))


def page_view(view: PageView) -> PageView:
    """``view`` with each channel's ``{page_url}`` filled with the page's web address: the
    browser would fill it with the file's path on this device (``file:///home/…``)."""
    links = tuple(
        replace(link, template=fill(link.template, page_url=view.page_url)) if link.template else link
        for link in view.channel_links
    )
    return replace(view, channel_links=links)


def index_channels(channels: Sequence[Channel], search_url: str) -> tuple[Channel, ...]:
    """The channels the search data carries, ``{page_url}`` filled with the search page's web
    address (the engine would fill it with the file's path on this device)."""
    return tuple(replace(c, href=fill(c.href, page_url=search_url)) for c in channels)


def for_disk(html: str) -> str:
    """A built page as the offline copy has it (see :func:`kbgen.travel.offline.for_disk`)."""
    return pack.for_disk(html)


def travel_settings(settings: Settings) -> Settings:
    """The site's settings without what only the web has (llms.txt, Markdown copies, feeds, the
    installable site's service worker) or what keeps web addresses (recently viewed)."""
    travel = replace(
        settings.travel,
        llms_txt=False,
        llms_full=False,
        feeds=False,
        recently_viewed=False,
        installable=False,
        uninstall=False,
    )
    return replace(settings, travel=travel)


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """The search engine as a script the page runs (search-worker.js, wrapped)."""
    text = pack.engine_script(WORKER.read_text(encoding="utf-8"))
    files.append(File.generated(config, pack.ENGINE_JS, content=text))


def page_context() -> dict[str, object]:
    """What templates get as ``kb_offline``: the search page's scripts."""
    return {"search_scripts": list(SEARCH_SCRIPTS)}


def write_data(site_dir: Path) -> None:
    """Write the search data script from every JSON file the build put in ``search/``."""
    folder = site_dir / SEARCH_DIR
    files = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.json"))
        if p.is_file() and not p.is_symlink()
    }
    (site_dir / pack.DATA_JS).write_text(pack.data_script(files), encoding="utf-8")


def make_zip(
    config_file: Path,
    overrides: dict[str, object],
    kb: KnowledgeBase,
    translations: Sequence[LanguageContent],
    target: Path,
) -> pack.Packed:
    """Build the offline copy of the project at ``config_file`` (content already loaded and
    checked: ``kb``, ``translations``) in a temporary folder, and pack it into ``target``.

    Raises:
        EngineError: If MkDocs stops the build.
        OfflineError: If the built copy holds a link or a file that cannot be packed.
        ContentError: If ``mkdocs.yml`` cannot be read again.
        OSError: If writing fails.
    """
    from kbgen.mkdocs import commands
    from kbgen.mkdocs.project import Project

    with tempfile.TemporaryDirectory(prefix="kbgen-offline-") as tmp:
        site = Path(tmp) / "site"
        options = {**overrides, "site_dir": str(site)}  # on_config turns directory URLs off
        project = Project.open(config_file, **options)
        with building():
            commands.build(project, kb, translations, shown_as="the offline copy")
        return pack.write_zip(site, target, pack.folder_name(project.config.site_name))
