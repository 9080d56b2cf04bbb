"""What kbgen's templates see: the knowledge base as links and texts, per page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from kbgen.core.channels import Channel, ChannelLink
from kbgen.core.model import Entry, KnowledgeBase, Stage
from kbgen.core.urls import SEARCH_INDEX, SiteUrls, absolute
from kbgen.site import jsonld
from kbgen.site.cards import EntryLink
from kbgen.site.catalog import CatalogView, PanelItem

_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace folded."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


@dataclass(frozen=True)
class StageView:
    """A stage with its questions in reading order, and its texts ready to show."""

    id: str
    title: str
    description: str
    url: str
    entries: tuple[EntryLink, ...]
    top: tuple[EntryLink, ...]
    """The first questions, for the stage's card on the home page."""
    count_label: str
    """'12 questions' in the site's language."""
    all_questions_label: str
    """'All 12 questions' in the site's language."""
    jsonld: str
    """FAQPage JSON-LD of the stage page: its questions and short answers."""


@dataclass(frozen=True)
class PageView:
    """What any page needs: its canonical URL and the contact channels, their links filled with
    this page's context (and the entry's, on an entry page)."""

    url: str
    page_url: str
    channel_links: tuple[ChannelLink, ...]


@dataclass
class SiteView:
    """The whole help center as seen by templates (one per build); everything is computed here,
    so templates only read values."""

    kb: KnowledgeBase
    urls: SiteUrls
    t: dict[str, str]
    channels: tuple[Channel, ...] = ()
    feedback_url: str | None = None
    site_url: str = ""
    popular_limit: int = 6
    top_questions: int = 4
    language: str = ""
    """The page language of a site in several (JSON-LD ``inLanguage``); '' for one language."""
    fallback: frozenset[str] = frozenset()
    """Entries shown in the default language (left out of this language's structured data)."""
    source_language: str = ""
    """The default language's code (the language of the ``fallback`` entries)."""
    stages: list[StageView] = field(default_factory=list, init=False)
    links: dict[str, EntryLink] = field(default_factory=dict, init=False)
    popular: tuple[EntryLink, ...] = field(default=(), init=False)
    """The popular questions for the home page."""
    hotline: Channel | None = field(default=None, init=False)
    home_url: str = field(default="", init=False)
    contact_url: str = field(default="", init=False)
    search_url: str = field(default="", init=False)
    """The search page (the home page if there is none)."""
    search_index: str = field(default=SEARCH_INDEX, init=False)
    """Where the prebuilt search index is published."""
    catalog: CatalogView = field(init=False)
    """Product pages, the products index and the "Works with" panels (site/catalog.py)."""

    def __post_init__(self) -> None:
        for entry in self.kb.entries:
            self.links[entry.id] = EntryLink(
                entry.id,
                entry.question,
                entry.summary,
                self.urls.entries[entry.id],
                entry.stage,
                self.source_language if entry.id in self.fallback else "",
            )
        self.stages = [self._stage(s) for s in self.kb.stages]
        self.popular = tuple(self.links[e.id] for e in self.kb.popular(self.popular_limit))
        self.hotline = next((c for c in self.channels if c.key == "hotline"), None)
        self.home_url, self.contact_url = self.urls.home, self.urls.contact
        self.search_url = self.urls.search_or_home
        self.catalog = CatalogView(self.kb, self.urls, self.links, t=self.t, site_url=self.site_url)

    def _stage(self, stage: Stage) -> StageView:
        entries = tuple(self.links[e.id] for e in self.kb.in_stage(stage.id))
        return StageView(
            stage.id,
            stage.title,
            stage.description,
            self.urls.stages[stage.id],
            entries,
            top=entries[: self.top_questions],
            count_label=self.count(len(entries)),
            all_questions_label=self.t["all_questions"].format(n=len(entries)),
            jsonld=jsonld.faq_page(
                ((e.question, e.summary) for e in entries if e.id not in self.fallback), self.language
            ),
        )

    def count(self, n: int) -> str:
        """'1 question', '12 questions' in the site's language."""
        if n == 1 and "questions_count_one" in self.t:
            return self.t["questions_count_one"]
        return self.t["questions_count"].format(n=n)

    def stage(self, stage_id: str) -> StageView:
        """One stage's view."""
        return next(s for s in self.stages if s.id == stage_id)

    def page(self, url: str, entry_id: str | None = None, product: str | None = "") -> PageView:
        """The view every page has: its canonical URL, and each channel's link carrying the
        page's context (the entry's too, on an entry page; ``product``: a product page's id, or
        ``None`` on the search page, where the browser fills it: :meth:`Channel.for_page`)."""
        context: dict[str, str] = {}
        if entry_id is not None:
            entry = self.kb.entry(entry_id)
            context = {"entry_id": entry.id, "question": entry.question, "stage": entry.stage}
        page_url = absolute(self.site_url, url)
        links = tuple(c.for_page(page_url=page_url, product=product, **context) for c in self.channels)
        return PageView(url, page_url, links)

    def entry(self, entry_id: str, content_html: str) -> EntryView:
        """The view of one entry page, given its rendered details."""
        entry = self.kb.entry(entry_id)
        answer = entry.summary
        details = plain_text(content_html)
        if details:
            answer = f"{answer}\n\n{details}"
        return EntryView(
            entry=entry,
            link=self.links[entry_id],
            stage=self.stage(entry.stage),
            related=tuple(self.links[r.id] for r in self.kb.related(entry)),
            jsonld=jsonld.faq_page(
                [(entry.question, answer)], self.language if entry_id not in self.fallback else ""
            ),
            works_with=tuple(self.catalog.panel(entry.products)),
            updated=entry.updated.isoformat() if entry.updated else "",
            updated_note=self.t["updated_reason"].format(reason=entry.updated_reason)
            if entry.updated_reason
            else "",
        )


@dataclass(frozen=True)
class EntryView:
    """One entry page's data."""

    entry: Entry
    link: EntryLink
    stage: StageView
    related: tuple[EntryLink, ...]
    jsonld: str
    works_with: tuple[PanelItem, ...]
    """The "Works with" panel: each product the entry names, with what it works with."""
    updated: str
    """When the answer was last checked, as YYYY-MM-DD ('' if not given)."""
    updated_note: str = ""
    """What changed then, in the site's language ("what changed: new returns window"), or ''."""
