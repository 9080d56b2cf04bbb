"""KnowledgeBase → the site's pages as MkDocs files (no HTML here, no files written)."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from kbgen.core import urls
from kbgen.core.model import Entry, KnowledgeBase
from kbgen.core.urls import GENERATED_DIR, SEARCH_INDEX, SiteUrls, dest_for
from kbgen.deploy import redirects
from kbgen.search import bundle
from kbgen.search.shards import PAGE, SHARD_DIR, WORKER, page_script, worker_script

Metas = dict[str, dict[str, object]]
"""Page metadata (title, template, ...) of the pages kbgen makes, by ``src_uri``."""


def _generated(config: MkDocsConfig, name: str, meta: dict[str, object], metas: Metas) -> File:
    """A page kbgen makes, without Markdown of its own. Its metadata goes into ``metas`` (see
    :meth:`SitePages.meta_for`) rather than into YAML front matter that every page would dump
    and MkDocs parse again: thousands of them on a site with a catalog."""
    file = File.generated(config, f"{GENERATED_DIR}/{name}.md", content="")
    file.dest_uri = dest_for(name, config.use_directory_urls)
    metas[file.src_uri] = meta
    _MadePage(None, file, config)
    return file


class _MadePage(Page):
    """A page kbgen makes: its template shows it all, it has no Markdown to convert.

    MkDocs sets up a Markdown converter for every page, which costs more than converting
    nothing (thousands of product pages); this page skips that and ends as MkDocs leaves a
    page whose Markdown is empty. Should a plugin have given it Markdown, MkDocs converts it.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


@dataclass
class SitePages:
    """The files kbgen put into the build, by role."""

    home: File
    contact: File
    stages: dict[str, File] = field(default_factory=dict)
    entries: dict[str, File] = field(default_factory=dict)
    by_src: dict[str, str] = field(default_factory=dict)
    """Entry id of each entry file's ``src_uri``."""
    products: dict[str, File] = field(default_factory=dict)
    """Product pages by product id (none without a catalog)."""
    products_index: File | None = None
    search: File | None = None
    """The search page (``search/``), with the search index next to it."""
    metas: Metas = field(default_factory=dict)
    """Metadata of the pages kbgen makes (:meth:`meta_for`)."""

    def entry_for(self, file: File) -> str | None:
        """The id of the entry a file renders, if it is one."""
        return self.by_src.get(file.src_uri) if file.generated_by is None else None

    def meta_for(self, file: File) -> dict[str, object] | None:
        """The page metadata of a page kbgen made (home, stage, product, ...), if it is one."""
        return self.metas.get(file.src_uri) if file.generated_by is not None else None

    def urls(self) -> SiteUrls:
        """Every page's URL, for the engine-free views."""
        return SiteUrls(
            home=self.home.url,
            contact=self.contact.url,
            search=self.search.url if self.search is not None else None,
            products_index=self.products_index.url if self.products_index is not None else None,
            stages={k: f.url for k, f in self.stages.items()},
            entries={k: f.url for k, f in self.entries.items()},
            products={k: f.url for k, f in self.products.items()},
        )


def add_pages(
    kb: KnowledgeBase,
    files: Files,
    config: MkDocsConfig,
    titles: dict[str, str],
    texts: Mapping[str, str] | None = None,
) -> SitePages:
    """Replace the entry sources in ``files`` by entry pages and add home, stage and contact pages.

    Entries keep their source file (so edit links and live reload work) but are published
    at ``questions/<id>/``, whatever folder a writer keeps them in. (README.md files and the
    catalog are already gone: the plugin keeps only checked content files.) ``texts``: entry id →
    the file its text is read from instead (a translation), relative to the content directory.
    """
    use_dir = config.use_directory_urls
    metas: Metas = {}
    pages = SitePages(
        home=_generated(
            config, urls.HOME, {"template": "kbgen/home.html", "title": html.escape(titles["home"])}, metas
        ),
        contact=_generated(
            config,
            urls.CONTACT,
            {"template": "kbgen/contact.html", "title": html.escape(titles["contact"])},
            metas,
        ),
        metas=metas,
    )
    for stage in kb.stages:
        pages.stages[stage.id] = _generated(
            config,
            stage.id,
            {
                "template": "kbgen/stage.html",
                "title": html.escape(stage.title),
                "description": html.escape(stage.description),
            },
            metas,
        )
    _add_product_pages(kb, pages, config, titles.get("products", "Products"))
    for entry in kb.entries:
        old = files.get_file_from_path(entry.path)
        if old is not None:
            files.remove(old)
        new = File(
            entry.path,
            config.docs_dir,
            config.site_dir,
            use_dir,
            dest_uri=dest_for(urls.entry_name(entry.id), use_dir),
        )
        if texts and entry.id in texts:  # read the translation, linked as if it were its source
            new.abs_src_path = os.path.normpath(Path(config.docs_dir) / texts[entry.id])
        pages.entries[entry.id] = new
        pages.by_src[new.src_uri] = entry.id
    for file in [pages.home, pages.contact, *pages.stages.values(), *pages.entries.values()]:
        files.append(file)
    for file in [*([pages.products_index] if pages.products_index else []), *pages.products.values()]:
        files.append(file)
    return pages


def _add_product_pages(kb: KnowledgeBase, pages: SitePages, config: MkDocsConfig, title: str) -> None:
    """The products index (with the compatibility lookup) and one page per product."""
    if not kb.products:
        return
    meta: dict[str, object] = {"template": "kbgen/products.html", "title": html.escape(title)}
    pages.products_index = _generated(config, urls.PRODUCT_DIR, meta, pages.metas)
    for product in kb.products:
        pages.products[product.id] = _generated(
            config,
            urls.product_name(product.id),
            {
                "template": "kbgen/product.html",
                "title": html.escape(product.name),
                "description": html.escape(product.summary),
                "product": product.id,
            },
            pages.metas,
        )


def entry_meta(entry: Entry) -> dict[str, str]:
    """Page metadata of an entry page (title, template, description).

    Material prints ``page.meta.title`` and ``page.meta.description`` without escaping
    (in ``<title>``, the header and a ``<meta>`` attribute), so they are escaped here.
    """
    return {
        "title": html.escape(entry.question),
        "template": "kbgen/entry.html",
        "description": html.escape(entry.summary),
    }


def add_search(
    pages: SitePages, files: Files, config: MkDocsConfig, title: str, index_json: str | None
) -> File:
    """Add the search page at ``search/`` and its prebuilt index at ``SEARCH_INDEX`` (None:
    the index is written later, by :func:`search_files`)."""
    meta: dict[str, object] = {"template": "kbgen/search.html", "title": html.escape(title)}
    pages.search = _generated(config, urls.SEARCH_DIR, meta, pages.metas)
    files.append(pages.search)
    if index_json is not None:
        files.append(File.generated(config, SEARCH_INDEX, content=index_json))
    return pages.search


def add_search_worker(files: Files, config: MkDocsConfig) -> str:
    """Add the search page's worker in one file (:func:`kbgen.search.bundle.worker_bundle`),
    named by its content; return its path."""
    path = bundle.page_worker_path()
    files.append(File.generated(config, path, content=bundle.worker_bundle()))
    return path


def add_search_engine(files: Files, config: MkDocsConfig) -> str:
    """Add the same engine, to run in the search page (:func:`kbgen.search.bundle.page_engine`),
    named by its content; return its path."""
    path = bundle.page_engine_path()
    files.append(File.generated(config, path, content=bundle.page_engine()))
    return path


def take_search_scripts(files: Files) -> dict[str, File]:
    """Take the theme's search scripts out of ``files`` (:func:`search_files` writes them)."""
    found = {}
    for path in (WORKER, PAGE):
        theme_file = files.get_file_from_path(path)
        if theme_file is None:  # pragma: no cover - the theme always has them
            raise PluginError(f"kbgen: the theme has no {path}")
        files.remove(theme_file)
        found[path] = theme_file
    return found


def search_files(
    config: MkDocsConfig, index_json: str, split: Mapping[str, str], theme_scripts: Mapping[str, File]
) -> list[File]:
    """The files :func:`add_search` and :func:`add_search_shards` put into a build, for a build
    that writes them itself (kbgen/mkdocs/parallel.py: the index is made beside the pages):
    the index, its split files and the search scripts (the theme's, or the split index's)."""
    made = [File.generated(config, SEARCH_INDEX, content=index_json)]
    made += [
        File.generated(config, f"{urls.SEARCH_DIR}/{SHARD_DIR}/{n}", content=t)
        for n, t in sorted(split.items())
    ]
    for path, script in ((WORKER, worker_script), (PAGE, page_script)):
        theme_file = theme_scripts[path]
        made.append(
            File.generated(config, path, content=script(theme_file.content_string)) if split else theme_file
        )
    return made


def add_search_shards(files: Files, config: MkDocsConfig, split: Mapping[str, str]) -> None:
    """Add the files of a split search index (:func:`kbgen.search.shards.layout`) next to it,
    and the search worker that reads them in place of the theme's (a site with one index file
    keeps the theme's worker, byte for byte)."""
    if not split:
        return
    for name, text in sorted(split.items()):
        files.append(File.generated(config, f"{urls.SEARCH_DIR}/{SHARD_DIR}/{name}", content=text))
    for path, script in ((WORKER, worker_script), (PAGE, page_script)):
        theme_file = files.get_file_from_path(path)
        if theme_file is None:  # pragma: no cover - the theme always has them
            raise PluginError(f"kbgen: the theme has no {path}")
        files.remove(theme_file)
        files.append(File.generated(config, path, content=script(theme_file.content_string)))


def add_redirects(
    kb: KnowledgeBase, files: Files, config: MkDocsConfig, base: str | None = None
) -> list[tuple[str, str]]:
    """Add a redirect page for every alias and the ``_redirects`` rules; return (old, new) paths
    (``base``: the path the site is published under, if not that of ``site_url``)."""
    directory_urls = bool(config.use_directory_urls)
    language = str(config.theme.get("language") or "en")
    base = urls.base_path(config.site_url or "") if base is None else base
    plan = redirects.plan(kb, base, directory_urls)
    for page in plan.pages:
        content = redirects.redirect_page(page.target, language)
        files.append(File.generated(config, page.dest, content=content))
    if plan.rules:
        files.append(File.generated(config, redirects.REDIRECTS, content=redirects.rules_file(plan.rules)))
    return plan.rules
