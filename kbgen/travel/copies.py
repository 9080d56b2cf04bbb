"""Every file that lets answers travel, for one language's knowledge base: the Markdown copy
of each published answer, ``llms.txt`` and (optionally) ``llms-full.txt``. Engine-free: paths
and texts only; the MkDocs wiring writes them (:mod:`kbgen.mkdocs.travel`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kbgen.content.placeholders import is_placeholder
from kbgen.core.languages import Language
from kbgen.core.model import Entry, KnowledgeBase
from kbgen.core.urls import SiteUrls, absolute, relative_url
from kbgen.travel.llms import Link, Section, llms_full, llms_txt
from kbgen.travel.markdown import entry_copy

LLMS_TXT = "llms.txt"
LLMS_FULL = "llms-full.txt"


def copy_url(page_url: str) -> str:
    """Where a page's Markdown copy lives: its URL + ``.md`` (``index.html.md`` for a
    directory URL, as llmstxt.org asks)."""
    return page_url + "index.html.md" if page_url == "" or page_url.endswith("/") else page_url + ".md"


def published(entry: Entry) -> bool:
    """Whether an entry is ready to travel: no placeholder left in it (``kbgen serve`` shows
    entries still being written; their copies are left out)."""
    return not is_placeholder(entry.summary) and not any(is_placeholder(x) for x in entry.body.split("\n"))


@dataclass(frozen=True)
class TravelText:
    """The words the copies use, in the site's language."""

    web_page: str
    updated: str
    stage: str


@dataclass(frozen=True)
class SiteInfo:
    """What llms.txt says about the site."""

    name: str
    summary: str
    site_url: str = ""


def copies(kb: KnowledgeBase, urls: SiteUrls, text: TravelText, site_url: str) -> dict[str, str]:
    """The Markdown copy of every published entry, by its path in the site."""
    by_path = {e.path: e for e in kb.entries if published(e)}
    static = set(kb.static)
    out: dict[str, str] = {}
    for entry in by_path.values():
        here = copy_url(urls.entries[entry.id])

        def resolve(target: str, here: str = here) -> str | None:
            path, _, _ = target.partition("#")
            other = by_path.get(path)
            if other is not None:
                return relative_url(copy_url(urls.entries[other.id]), here)
            if path in static:
                return relative_url(path, here)
            return None

        stage = kb.stage(entry.stage)
        footer = {
            text.stage: f"[{stage.title}]({relative_url(urls.stages[stage.id], here)})",
            text.web_page: f"<{absolute(site_url, urls.entries[entry.id])}>"
            if site_url
            else relative_url(urls.entries[entry.id] or ".", here),
        }
        if entry.updated:
            footer[text.updated] = entry.updated.isoformat()
        out[here] = entry_copy(entry.question, entry.summary, entry.body, entry.path, resolve, footer)
    return out


def llms_files(
    kb: KnowledgeBase,
    urls: SiteUrls,
    site: SiteInfo,
    copied: Mapping[str, str],
    *,
    full: bool = False,
    more: tuple[Section, ...] = (),
) -> dict[str, str]:
    """``llms.txt`` (and ``llms-full.txt`` if ``full``) for the entries whose copies are in
    ``copied``: one H2 per stage, each question linking its copy with the short answer as note."""
    sections = []
    for stage in kb.stages:
        links = tuple(
            Link(e.question, absolute(site.site_url, copy_url(urls.entries[e.id])), e.summary)
            for e in kb.in_stage(stage.id)
            if copy_url(urls.entries[e.id]) in copied
        )
        sections.append(Section(stage.title, links, stage.description))
    extra = more
    if full:
        extra = (*more, Section("Optional", (Link(LLMS_FULL, absolute(site.site_url, LLMS_FULL)),)))
    out = {LLMS_TXT: llms_txt(site.name, site.summary, sections, more=extra)}
    if full:
        ordered = [
            copied[copy_url(urls.entries[e.id])]
            for s in kb.stages
            for e in kb.in_stage(s.id)
            if copy_url(urls.entries[e.id]) in copied
        ]
        out[LLMS_FULL] = llms_full(site.name, site.summary, ordered)
    return out


def languages_section(title: str, languages: Sequence[Language], site_url: str) -> Section:
    """The root llms.txt's section linking every other language's own llms.txt (named in its
    language, its code as the note): each language has its own answers and its own file."""
    links = tuple(
        Link(lang.name, absolute(site_url, lang.prefix + LLMS_TXT), lang.code)
        for lang in languages
        if not lang.default
    )
    return Section(title, links)
