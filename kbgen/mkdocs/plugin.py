"""The ``kbgen`` MkDocs plugin: event wiring only; each event delegates."""

from __future__ import annotations

import gzip
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from kbgen.content import wording
from kbgen.content.loader import load
from kbgen.content.settings import ConfigLines, Settings, resolve, site_url_problem
from kbgen.core import i18n
from kbgen.core.channels import Channel
from kbgen.core.errors import ContentError, Problem
from kbgen.core.model import KnowledgeBase
from kbgen.core.urls import SEARCH_DIR, absolute, url_for
from kbgen.deploy import headers
from kbgen.mkdocs import navcache, offline, pages, relurl, travel
from kbgen.mkdocs.config import KbgenConfig
from kbgen.mkdocs.language import language_problem
from kbgen.search import index as search
from kbgen.search import shards
from kbgen.site import alternates, palette
from kbgen.site import sanitize as render
from kbgen.site.alternates import LanguageRun, PageLanguages
from kbgen.site.views import SiteView
from kbgen.travel import recent
from kbgen.travel.feeds import FeedLink
from kbgen.widget import files as widget

THEME_DIR = Path(__file__).parent.parent / "theme"


def _publish_only_checked(kb: KnowledgeBase, files: Files, docs_dir: Path) -> None:
    """Drop every file from the content directory that is not a checked entry or an allowed
    static file (see :mod:`kbgen.content.sources`), whatever MkDocs found there."""
    allowed = {e.path for e in kb.entries} | set(kb.static)
    for file in list(files):
        from_content = file.abs_src_path is not None and Path(file.abs_src_path).is_relative_to(docs_dir)
        if file.generated_by is None and from_content and file.src_uri not in allowed:
            files.remove(file)


class KbgenPlugin(BasePlugin[KbgenConfig]):  # type: ignore[no-untyped-call]
    """Builds a layered help center from the FAQ entries in ``docs_dir``."""

    def __init__(self) -> None:
        self.site: SiteView | None = None
        self.pages: pages.SitePages | None = None
        self.script_hashes: set[str] = set()
        self.feeds: list[FeedLink] = []
        self._preloaded: tuple[KnowledgeBase, Settings] | None = None
        self.run: LanguageRun | None = None
        """Set when this build is one language of a site in several (see kbgen/mkdocs/languages.py)."""
        self._pages_languages: dict[str, PageLanguages] = {}
        self._sitemap: list[tuple[str, str]] = []
        self._rest: tuple[Any, Sequence[LanguageRun]] | None = None
        self.online_directory_urls = True
        """The offline copy's pages: whether the web site's addresses are folders."""
        self.travel_types: dict[str, str] = {}
        """Content type of each file the travel work wrote (llms.txt, Markdown copies, feeds)."""
        self.shard_dir = ""
        """The split search index's directory (from the site's root), or '' for one index file."""
        self.search_worker = ""
        """The search page's worker in one file (kbgen/search/bundle.py), or '' (the offline copy)."""
        self.search_engine = ""
        """The same engine, for the search page to run itself (bundle.py: page_engine), or ''."""
        self.nav_cache: navcache.NavCache | None = None
        self._later = False
        """The search index and the files written after the pages are left to parallel jobs."""
        self._jobs: list[tuple[str, str, Callable[[], object]]] = []
        self._after_pages: dict[str, str] | None = None
        """The travel files' types, when a parallel job wrote them (and the widget's files)."""

    def preload(self, kb: KnowledgeBase, settings: Settings, run: LanguageRun | None = None) -> None:
        """Use content and settings that ``kbgen build`` has already loaded and checked, for the
        next build only (``serve`` reads them again on every rebuild); ``run``: which language
        of a site in several this build makes."""
        self._preloaded = (kb, settings)
        self.run = run

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Check the options, and put kbgen's templates between the site's and Material's."""
        if not self.config.enabled:
            return config
        if self._preloaded is None and len(self.config.get("languages") or []) > 1:
            self._engine_languages(config)  # a plain `mkdocs build`: kbgen builds the others at the end
        language = config.theme.get("language")
        if self._preloaded is not None:
            self.settings = self._preloaded[1]
        else:
            problems = [p for p in [language_problem(language, config.config_file_path)] if p]
            problems += palette.check(config.theme.get("palette"), config.config_file_path)
            if bad_url := site_url_problem(config.site_url):  # `mkdocs build` without kbgen's CLI
                lines = ConfigLines(Path(config.config_file_path) if config.config_file_path else None)
                problems.append(Problem(lines.shown, lines.top_line("site_url"), "site_url", bad_url))
            try:
                self.settings = resolve(self.config, language, config.config_file_path)
            except ContentError as exc:
                problems += exc.problems
            if problems:
                raise PluginError(ContentError(problems).report("nothing was built"))
        self.stages = self.settings.stages
        if self.run is not None:
            language = self.run.language.code
            if self.run.site_name:
                config.site_name = self.run.site_name
        self.strings = wording.words(language, self.settings.wording)
        own_words = not i18n.has_words(language) and self.settings.wording.for_language(language)
        # the widget's lang: the site's own language when strings.yml gives its words
        self.language = str(language) if own_words else i18n.language_key(language)
        # A broken link or anchor in an entry is a warning, so that strict builds
        # (`kbgen build` always is) fail on it instead of publishing a dead link.
        links = config.validation.links
        links.anchors = max(links.anchors, logging.WARNING)
        links.unrecognized_links = max(links.unrecognized_links, logging.WARNING)
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if "assets/kbgen/kbgen.css" not in config.extra_css:
            config.extra_css.insert(0, "assets/kbgen/kbgen.css")
        if "assets/kbgen/products.css" not in config.extra_css:
            config.extra_css.insert(1, "assets/kbgen/products.css")
        if "assets/kbgen/help.js" not in [str(s) for s in config.extra_javascript]:
            help_js = ExtraScriptValue("assets/kbgen/help.js")
            help_js.defer = True
            config.extra_javascript.append(help_js)
        if offline.active():  # the copy that opens from disk (kbgen build --offline)
            self.online_directory_urls = offline.configure(config, str(THEME_DIR))
            self.settings = offline.travel_settings(self.settings)
        if self.run is not None:  # one language of a site in several
            from kbgen.mkdocs import languages as multi

            multi.configure(config)
        travel.configure(config, self.settings.travel)
        return config

    def _engine_languages(self, config: MkDocsConfig) -> None:
        """Load every language as ``kbgen build`` does, when the engine runs kbgen directly
        (``mkdocs build``, ``properdocs build``): this build makes the default language and
        :meth:`on_post_build` the others, so both give the same site."""
        from kbgen.mkdocs import languages as multi
        from kbgen.mkdocs.project import Project

        try:
            project = Project.open(config.config_file_path or "mkdocs.yml", site_dir=config.site_dir)
            kb = project.load()
            contents = project.load_translations(kb)
        except ContentError as exc:
            raise PluginError(exc.report("nothing was built")) from None
        done = multi.runs(project, kb, contents)
        self.preload(kb, project.settings, done[0])
        self._rest = (project, done)
        config.theme["language"] = done[0].language.theme
        description = project.languages[0].site.get("site_description")
        if description:
            config.site_description = description

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and validate all content (every problem at once), then lay out the pages."""
        if not self.config.enabled:
            return files
        docs_dir = Path(config.docs_dir)
        project = Path(config.config_file_path or ".").resolve().parent
        shown = os.path.relpath(docs_dir.resolve(), project).replace(os.sep, "/")
        if self._preloaded is not None:
            kb, self._preloaded = self._preloaded[0], None
        else:
            try:
                kb = load(docs_dir, self.stages, shown_dir=shown, catalog=self.config.catalog)
            except ContentError as exc:
                raise PluginError(exc.report("nothing was built")) from None
        _publish_only_checked(kb, files, docs_dir)
        run = self.run
        travel.add_assets(files, config, self.settings.travel)
        if offline.active():
            offline.add_assets(files, config)
            self.search_worker = self.search_engine = ""
        else:
            self.search_worker = pages.add_search_worker(files, config)
            self.search_engine = pages.add_search_engine(files, config)
        if run is not None:
            from kbgen.mkdocs import languages as multi

            multi.add_assets(files, config)
        site_pages = pages.add_pages(
            kb,
            files,
            config,
            {
                "contact": self.strings["contact_title"],
                "home": self.strings["home"],
                "products": self.strings["products_title"],
            },
            run.content.files if run else None,
        )
        channels = self.settings.channels
        if offline.active():
            search_url = url_for(SEARCH_DIR, False)
            channels = offline.index_channels(
                channels, offline.online(config.site_url or "", search_url, self.online_directory_urls)
            )
        searched = run.content.translated if run else kb
        if self._later:  # the search index is made beside the pages (kbgen/mkdocs/parallel.py)
            pages.add_search(site_pages, files, config, self.strings["search_title"], None)
            scripts = pages.take_search_scripts(files)
            self._jobs.append(
                (
                    "files",
                    "search",
                    lambda: self._write_search(searched, site_pages, channels, config, scripts),
                )
            )
            self._jobs.append(("post", "after-pages", lambda: self._write_after_pages(config)))
        else:
            index, split = self._search_layout(searched, site_pages, channels)
            pages.add_search(site_pages, files, config, self.strings["search_title"], index)
            pages.add_search_shards(files, config, split)
            self.shard_dir = f"{SEARCH_DIR}/{shards.SHARD_DIR}" if split else ""
        rules = pages.add_redirects(kb, files, config, run.base if run else None)
        if run is not None:
            run.redirects = rules
            run.script_hashes = set()
            self._sitemap = []
        self.pages = site_pages
        self.site = self._site_view(kb, site_pages, config)
        self.feeds = travel.links(self.site, self.settings.travel, config)
        return files

    def _search_layout(
        self, kb: KnowledgeBase, site_pages: pages.SitePages, channels: Sequence[Channel]
    ) -> tuple[str, dict[str, str]]:
        """The search index file's text and its split files (none for the offline copy: it
        searches its whole index from the page)."""
        index = self._search_index(kb, site_pages, channels)
        above = self.settings.search.split_above
        limit = shards.SPLIT_ABOVE if above is None else above * 1024
        return (index, {}) if offline.active() else shards.layout(index, limit, self.strings)

    # -- a build by kbgen/mkdocs/parallel.py: work that needs no page is done beside the pages

    def parallel_prepare(self) -> None:
        """This build is kbgen/mkdocs/parallel.py's: leave the search index and the files that
        need no page to :meth:`parallel_jobs`."""
        self._later = True

    def parallel_jobs(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(where in the build, name, job) of this build's work that needs no page: the search
        index (in on_files in MkDocs' build) and the widget's and travel files (on_post_build)."""
        jobs, self._jobs = self._jobs, []
        return jobs

    def parallel_job_done(self, name: str, value: object) -> None:
        """What a job of :meth:`parallel_jobs` returned (in this process or the other)."""
        if name == "search":
            self.shard_dir = str(value)
        elif name == "after-pages":
            self._after_pages = dict(value)  # type: ignore[call-overload]

    def _write_search(
        self, kb: KnowledgeBase, site_pages: pages.SitePages, channels: Sequence[Channel],
        config: MkDocsConfig, scripts: Mapping[str, File],
    ) -> str:  # fmt: skip
        """The search index, its split files and scripts; return the split index's directory."""
        index, split = self._search_layout(kb, site_pages, channels)
        for file in pages.search_files(config, index, split, scripts):
            try:
                file.copy_file()
            except OSError as exc:  # a full disk: name the file (MkDocs' write does not)
                exc.filename = exc.filename or file.abs_dest_path
                raise
        return f"{SEARCH_DIR}/{shards.SHARD_DIR}" if split else ""

    def _write_after_pages(self, config: MkDocsConfig) -> dict[str, str]:
        """What on_post_build writes that needs nothing the build wrote: the widget's files and
        the travel files (not the installable app's: it lists the pages); return the travel
        files' types."""
        self.write_widget(config)
        return self._write_travel_files(config)

    def _search_index(
        self, kb: KnowledgeBase, site_pages: pages.SitePages, channels: Sequence[Channel] | None = None
    ) -> str:
        urls = {entry_id: file.url for entry_id, file in site_pages.entries.items()}
        product_urls = {pid: file.url for pid, file in site_pages.products.items()}
        return search.index_json(
            kb, urls, product_urls, self.strings["products_title"],
            self.settings.channels if channels is None else channels, self.strings, self.settings.search,
        )  # fmt: skip

    def _site_view(self, kb: KnowledgeBase, site_pages: pages.SitePages, config: MkDocsConfig) -> SiteView:
        return SiteView(
            kb,
            site_pages.urls(),
            self.strings,
            channels=self.settings.channels,
            feedback_url=self.settings.feedback_url,
            site_url=config.site_url or "",
            popular_limit=self.config.popular,
            top_questions=self.config.top_questions,
            language=self.run.language.code if self.run else "",
            fallback=self.run.content.fallback if self.run else frozenset(),
            source_language=self.run.languages.default.code if self.run else "",
        )

    def refresh(self, kb: KnowledgeBase, config: MkDocsConfig) -> SiteView:
        """The live preview's edit of entries already in the site (same files, new texts):
        use ``kb`` from now on and return its site view. No page is rendered here."""
        self.site = self._site_view(kb, self._pages(), config)
        return self.site

    def search_index(self, kb: KnowledgeBase) -> str:
        """The search index of ``kb`` for the pages of the last build (for the live preview)."""
        return self._search_index(kb, self._pages())

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation small: home, the stages, products (if any), contact.

        Questions live on stage pages, product pages on the products index.
        """
        if not self.config.enabled:
            return nav
        site_pages = self._pages()
        products = [site_pages.products_index] if site_pages.products_index else []
        wanted = [site_pages.home, *site_pages.stages.values(), *products, site_pages.contact]
        items = [f.page for f in wanted if f.page is not None]
        return Navigation(items, [p for p in nav.pages if p in items] or items)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Work a page's relative addresses and Material's navigation out once for all the pages
        that share them (the same output, without its cost on every page of a large site)."""
        if self.config.enabled:
            relurl.install(env)
            self.nav_cache = navcache.install(env, config.theme.dirs, str(THEME_DIR))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give entry pages and the pages kbgen makes their title, template and description."""
        if not self.config.enabled:
            return markdown
        if (meta := self._pages().meta_for(page.file)) is not None:
            page.meta.update(meta)
        entry_id = self._pages().entry_for(page.file)
        if entry_id is not None:
            page.meta.update(pages.entry_meta(self._site().kb.entry(entry_id)))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Entry details are made inert (HTML allowlist) and nest under the "Details" heading."""
        if not self.config.enabled:
            return html
        if self._pages().entry_for(page.file) is None:
            return html
        return render.demote_headings(render.sanitize(html))

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Hand templates the site view, and the entry view on entry pages."""
        if not self.config.enabled:
            return context
        site = self._site()
        context["kb"] = site  # type: ignore[typeddict-unknown-key]
        context["kb_options"] = self.config  # type: ignore[typeddict-unknown-key]
        entry_id = self._pages().entry_for(page.file)
        product_id = page.meta.get("product")
        if not (isinstance(product_id, str) and product_id in site.catalog.products):
            product_id = None
        # the channels' {product}: a product page's, the search page's ?product= (help.js)
        product = product_id or (None if page.meta.get("template") == "kbgen/search.html" else "")
        if offline.active():  # the web addresses, never the file's path on this device
            online = offline.online("", page.url, self.online_directory_urls)
            context["kb_page"] = offline.page_view(site.page(online, entry_id, product))  # type: ignore[typeddict-unknown-key]
        else:
            context["kb_page"] = site.page(page.url, entry_id, product)  # type: ignore[typeddict-unknown-key]
        stage_id = site.kb.entry(entry_id).stage if entry_id is not None else None
        stage_id = stage_id or next((s.id for s in site.stages if s.url == page.url), None)
        context["kb_feeds"] = travel.page_feeds(self.feeds, stage_id)  # type: ignore[typeddict-unknown-key]
        if offline.active():
            context["kb_offline"] = offline.page_context()  # type: ignore[typeddict-unknown-key]
        context["kb_search_worker"] = self.search_worker  # type: ignore[typeddict-unknown-key]
        context["kb_search_engine"] = self.search_engine  # type: ignore[typeddict-unknown-key]
        if entry_id is not None:
            context["kb_entry"] = site.entry(  # type: ignore[typeddict-unknown-key]
                entry_id, page.content or ""
            )
        if product_id is not None:
            context["kb_product"] = site.catalog.products[product_id]  # type: ignore[typeddict-unknown-key]
        if self.run is not None:
            here = self.run.languages.page(page.url)
            self._pages_languages[page.url] = here
            context["kb_languages"] = here  # type: ignore[typeddict-unknown-key]
            context["kb_language_data"] = self.run.languages.browser_data(page.url)  # type: ignore[typeddict-unknown-key]
            if here.fallback:
                page.canonical_url = here.canonical
                source = self.run.languages.default.name
                notice = self.strings["untranslated_notice"].format(
                    language=self.run.language.name, source=source
                )
                context["kb_fallback"] = {"notice": notice, "lang": self.run.languages.default.code}  # type: ignore[typeddict-unknown-key]
            else:
                self._sitemap.append(
                    (page.url, absolute(self.run.languages.site_url, self.run.language.prefix + page.url))
                )
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page and other theme templates get the site view too (help menu, hotline)."""
        if not self.config.enabled:
            return context
        context["kb"] = self._site()  # type: ignore[typeddict-unknown-key]
        context["kb_options"] = self.config  # type: ignore[typeddict-unknown-key]
        context["kb_page"] = self._site().page("")  # type: ignore[typeddict-unknown-key]
        if self.run is not None and template_name == "404.html":
            context["kb_languages"] = self.run.languages.page("", is_404=True)  # type: ignore[typeddict-unknown-key]
            context["kb_language_data"] = self.run.languages.browser_data("", is_404=True)  # type: ignore[typeddict-unknown-key]
        context["kb_feeds"] = travel.page_feeds(self.feeds, None)  # type: ignore[typeddict-unknown-key]
        return context

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start a build with no script hashes (``serve`` rebuilds with the same plugin)."""
        self._later, self._jobs, self._after_pages = False, [], None
        if not self.config.enabled:
            return
        self.script_hashes = set()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Hash the inline scripts the templates wrote into the page; never the entry's content."""
        if not self.config.enabled:
            return output
        if self.run is not None:
            output = alternates.fix_html_lang(output, self.run.language.code)
            here = self._pages_languages.get(page.url)
            output = alternates.add_to_head(output, here.head if here else "")
        self.script_hashes |= headers.template_script_hashes(output, page.content or "")
        return offline.for_disk(output) if offline.active() else output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for theme pages rendered without a page (404.html)."""
        if not self.config.enabled:
            return output_content
        if self.run is not None and template_name.endswith(".html"):
            output_content = alternates.fix_html_lang(output_content, self.run.language.code)
        self.script_hashes |= headers.template_script_hashes(output_content)
        return offline.for_disk(output_content) if offline.active() else output_content

    def parallel_child(self) -> None:
        """In the second process, right after the fork: gather only what its own pages give."""
        self.script_hashes, self._sitemap = set(), []

    def parallel_state(self) -> tuple[set[str], list[tuple[str, str]]]:
        """What the pages rendered in a second process gave (kbgen/mkdocs/parallel.py): the
        inline scripts' hashes and the sitemap's entries."""
        return self.script_hashes, self._sitemap

    def merge_parallel_state(
        self, state: tuple[set[str], list[tuple[str, str]]], order: Mapping[str, int]
    ) -> None:
        """Take in a second process's :meth:`parallel_state`; ``order``: each page's place
        among the pages (the sitemap lists them in that order, as one process does)."""
        hashes, sitemap = state
        self.script_hashes |= hashes
        self._sitemap = sorted([*self._sitemap, *sitemap], key=lambda item: order[item[0]])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the shop widget's files, and ``_headers`` with a Content-Security-Policy made of
        the templates' own scripts and cross-origin access to the widget's files."""
        if not self.config.enabled:
            return
        site = self._site()
        shop = self.settings.widget
        if self._after_pages is not None:  # written beside the pages (kbgen/mkdocs/parallel.py)
            self.travel_types = self._write_app(config, self._after_pages)
            self._after_pages = None
        else:
            self.write_widget(config)
            self.travel_types = self.write_travel(config)
        if offline.active():
            offline.write_data(Path(config.site_dir))
        if self.run is not None:  # the site's one _headers is written once every language is built
            self.run.script_hashes = set(self.script_hashes)
            sitemap = alternates.sitemap(self._sitemap, self.run.languages)
            (Path(config.site_dir) / "sitemap.xml").write_text(sitemap, encoding="utf-8")
            (Path(config.site_dir) / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode(), mtime=0))
            if self._rest is not None:  # run by the engine itself: now the other languages
                from kbgen.mkdocs import languages as multi

                project, done = self._rest
                self._rest = None
                rest = multi.build_languages(project, done[1:], Path(config.site_dir))
                multi.finish(project, done, [(self, config), *rest])
            return
        csp = headers.content_security_policy(
            sorted(self.script_hashes),
            post_to=[site.feedback_url] if site.feedback_url else [],
            images_from=[p.image for p in site.kb.products if p.image],
        )
        headers.write_headers(
            Path(config.site_dir),
            csp,
            urlsplit(config.site_url or "").path,
            widget.cross_origin(site, shop),
            self.travel_types,
            self.shard_dir,
            immutable=[p for p in (self.search_worker, self.search_engine) if p],
        )

    def write_travel(self, config: MkDocsConfig) -> dict[str, str]:
        """Write llms.txt, the Markdown copies and the feeds for the current site view (also after
        a live-preview edit); return each written path's content type."""
        return self._write_app(config, self._write_travel_files(config))

    def _write_travel_files(self, config: MkDocsConfig) -> dict[str, str]:
        """llms.txt, the Markdown copies and the feeds; their content types."""
        from kbgen.travel.copies import languages_section
        from kbgen.travel.llms import Section

        more: tuple[Section, ...] = ()
        if self.run is not None and self.run.language.default:  # the root links every language's own
            langs = self.run.languages.languages
            more = (languages_section(self.strings["llms_languages"], langs, config.site_url or ""),)
        unlisted = self.run.content.fallback if self.run is not None else frozenset()
        return travel.write(self._site(), self.settings.travel, config, more, unlisted)

    def _write_app(self, config: MkDocsConfig, types: dict[str, str]) -> dict[str, str]:
        """The installable app's files (they list the pages written) or its removal; ``types``
        with the app's files' content types added."""
        types = dict(types)
        if self.settings.travel.installable:
            run = self.run
            others = run.languages.languages if run is not None and run.language.default else ()
            skip = tuple(lang.prefix for lang in others if not lang.default)
            code = run.language.code if run is not None else str(config.theme.get("language") or "en")
            types.update(travel.write_app(self._site(), config, code, skip))
        elif self.settings.travel.uninstall:
            travel.write_removal(config)
        return types

    def write_widget(
        self, config: MkDocsConfig, languages: Mapping[str, Mapping[str, str]] | None = None
    ) -> dict[str, bytes]:
        """Write the shop widget's files for the current site view (also after a live-preview
        edit); ``languages``: the other languages' loader settings (a site in several)."""
        palette = config.theme.get("palette")
        files = widget.build(
            self._site(),
            self.settings.widget,
            title=config.site_name,
            language=self.language,
            theme_palette=palette,
            languages=languages,
            travel=recent.widget_data(self.settings.travel, self._site().t),
        )
        widget.write(Path(config.site_dir), files)
        return files

    def _pages(self) -> pages.SitePages:
        if self.pages is None:  # pragma: no cover - MkDocs always runs on_files first
            raise PluginError("kbgen: on_files did not run")
        return self.pages

    def _site(self) -> SiteView:
        if self.site is None:  # pragma: no cover - MkDocs always runs on_files first
            raise PluginError("kbgen: on_files did not run")
        return self.site
