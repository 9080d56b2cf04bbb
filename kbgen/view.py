"""What kbgen's templates see: the knowledge base as links and texts, per page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin

from kbgen import jsonld
from kbgen.catalog_view import CatalogView
from kbgen.links import Channel, ChannelLink
from kbgen.model import Entry, KnowledgeBase, Stage
from kbgen.pages import SitePages

_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace folded."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


@dataclass(frozen=True)
class EntryLink:
    """An entry as a link: question, short answer, where it lives."""

    id: str
    question: str
    summary: str
    url: str
    stage_id: str


@dataclass(frozen=True)
class StageView:
    """A stage with its questions in reading order."""

    id: str
    title: str
    description: str
    url: str
    entries: tuple[EntryLink, ...]


@dataclass
class SiteView:
    """The whole help center as seen by templates (one per build)."""

    kb: KnowledgeBase
    pages: SitePages
    t: dict[str, str]
    stages: list[StageView] = field(default_factory=list)
    links: dict[str, EntryLink] = field(default_factory=dict)
    channels: tuple[Channel, ...] = ()
    feedback_url: str | None = None
    site_url: str = ""

    def __post_init__(self) -> None:
        for entry in self.kb.entries:
            self.links[entry.id] = EntryLink(
                entry.id,
                entry.question,
                entry.summary,
                self.pages.entries[entry.id].url,
                entry.stage,
            )
        self.stages = [self._stage(s) for s in self.kb.stages]

    def _stage(self, stage: Stage) -> StageView:
        return StageView(
            stage.id,
            stage.title,
            stage.description,
            self.pages.stages[stage.id].url,
            tuple(self.links[e.id] for e in self.kb.in_stage(stage.id)),
        )

    @property
    def hotline(self) -> Channel | None:
        """The hotline channel, if configured."""
        return next((c for c in self.channels if c.key == "hotline"), None)

    def page_url(self, url: str) -> str:
        """A page's canonical URL: absolute when ``site_url`` is set."""
        return urljoin(self.site_url, url) if self.site_url else url

    def channel_links(self, url: str, entry_id: str | None = None) -> list[ChannelLink]:
        """Every channel's link on the page at ``url``, carrying the entry's context if any."""
        context: dict[str, str] = {}
        if entry_id is not None:
            entry = self.kb.entry(entry_id)
            context = {"entry_id": entry.id, "question": entry.question, "stage": entry.stage}
        return [c.for_page(page_url=self.page_url(url), **context) for c in self.channels]

    @cached_property
    def catalog(self) -> CatalogView:
        """Product pages, the products index and the "Works with" panels (catalog_view.py)."""
        return CatalogView(self.kb, self.pages, self.links)

    @property
    def home_url(self) -> str:
        """URL of the home page."""
        return self.pages.home.url

    @property
    def contact_url(self) -> str:
        """URL of the contact page."""
        return self.pages.contact.url

    @property
    def search_url(self) -> str:
        """URL of the search page (the home page if there is none)."""
        return self.pages.search.url if self.pages.search is not None else self.pages.home.url

    def count(self, n: int) -> str:
        """'1 question', '12 questions' in the site's language."""
        if n == 1 and "questions_count_one" in self.t:
            return self.t["questions_count_one"]
        return self.t["questions_count"].format(n=n)

    def popular(self, limit: int) -> list[EntryLink]:
        """The popular questions for the home page."""
        return [self.links[e.id] for e in self.kb.popular(limit)]

    def stage(self, stage_id: str) -> StageView:
        """One stage's view."""
        return next(s for s in self.stages if s.id == stage_id)

    def stage_jsonld(self, stage_id: str) -> str:
        """FAQPage JSON-LD of a stage page: its questions and short answers."""
        return jsonld.faq_page((e.question, e.summary) for e in self.stage(stage_id).entries)

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
            jsonld=jsonld.faq_page([(entry.question, answer)]),
        )


@dataclass(frozen=True)
class EntryView:
    """One entry page's data."""

    entry: Entry
    link: EntryLink
    stage: StageView
    related: tuple[EntryLink, ...]
    jsonld: str
