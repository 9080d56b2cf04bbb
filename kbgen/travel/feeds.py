"""Atom feeds of new and changed answers (RFC 4287), for the whole help center and per stage.

An answer is in a feed from its ``updated`` date, with the reason the writer gave. Everything in
a feed comes from the content, so the same content gives byte-identical feeds (no build time).
Written with feedgen, which escapes every text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from kbgen.core.model import Entry, KnowledgeBase
from kbgen.core.urls import SiteUrls, absolute

FEED = "feed.xml"
"""The whole help center's feed, at the site's root; a stage's is ``<stage-id>/feed.xml``."""
LIMIT = 50
"""How many of the most recently changed answers a feed holds."""
ATOM = "application/atom+xml"


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page links it: its title and site-relative path."""

    title: str
    path: str
    stage: str | None = None
    """The stage it follows, or None for the whole help center."""


def feed_path(stage_id: str | None) -> str:
    """Where a feed is published (site-relative)."""
    return FEED if stage_id is None else f"{stage_id}/{FEED}"


def dated(entries: Sequence[Entry]) -> list[Entry]:
    """The entries a feed lists: those with an ``updated`` date, newest first (then by id)."""
    with_date = [e for e in entries if e.updated is not None]
    with_date.sort(key=lambda e: e.id)
    with_date.sort(key=lambda e: e.updated or dt.date.min, reverse=True)
    return with_date[:LIMIT]


def feed_links(kb: KnowledgeBase, t: Mapping[str, str], site_name: str) -> list[FeedLink]:
    """The feeds this knowledge base has (a stage without dated answers has none)."""
    links = []
    if dated(kb.entries):
        links.append(FeedLink(t["feed_title"].format(site=site_name), feed_path(None)))
    for stage in kb.stages:
        if dated(kb.in_stage(stage.id)):
            title = t["feed_stage_title"].format(site=site_name, stage=stage.title)
            links.append(FeedLink(title, feed_path(stage.id), stage.id))
    return links


def _timestamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom(
    link: FeedLink,
    entries: Sequence[Entry],
    *,
    urls: SiteUrls,
    site_url: str,
    site_name: str,
    language: str,
    t: Mapping[str, str],
) -> bytes:
    """One Atom feed document (UTF-8) of ``entries`` (see :func:`dated`)."""
    fg = FeedGenerator()
    feed_url = absolute(site_url, link.path)
    page = urls.stages[link.stage] if link.stage is not None else urls.home
    fg.id(feed_url)
    fg.title(link.title)
    fg.language(language)
    fg.author({"name": site_name})
    fg.link(href=feed_url, rel="self", type=ATOM)
    fg.link(href=absolute(site_url, page), rel="alternate", type="text/html")
    fg.generator("kbgen")
    newest = max((e.updated for e in entries if e.updated), default=dt.date(1970, 1, 1))
    fg.updated(_timestamp(newest))
    for entry in entries:
        if entry.updated is None:
            continue
        fe = fg.add_entry(order="append")
        url = absolute(site_url, urls.entries[entry.id])
        fe.id(url)
        fe.title(entry.question)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.updated(_timestamp(entry.updated))
        summary = entry.summary
        if entry.updated_reason:
            summary = t["feed_changed"].format(reason=entry.updated_reason) + "\n\n" + summary
        fe.summary(summary, type="text")
    out: bytes = fg.atom_str(pretty=True)
    return out


def feeds(
    kb: KnowledgeBase, urls: SiteUrls, *, site_url: str, site_name: str, language: str, t: Mapping[str, str]
) -> dict[str, bytes]:
    """Every feed of the help center by its path: the whole site's and one per stage."""
    out = {}
    for link in feed_links(kb, t, site_name):
        entries = dated(kb.entries if link.stage is None else kb.in_stage(link.stage))
        out[link.path] = atom(
            link, entries, urls=urls, site_url=site_url, site_name=site_name, language=language, t=t
        )
    return out
