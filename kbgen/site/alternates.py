"""The other languages of a page: the switcher's links, ``hreflang`` alternates, the marks of an
answer shown untranslated, and the sitemap's alternates. Plain data and escaped HTML; no engine.

Every language builds the same pages (an untranslated answer is shown in the default language,
marked), so the page named ``questions/x`` exists under every language's prefix; a *real*
counterpart is one whose text is in that language, and only those are ``hreflang`` alternates.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kbgen.content.translations import LanguageContent
from kbgen.core.languages import Language
from kbgen.core.urls import absolute, base_path, relative_url

_ENTRY_PREFIX = "questions/"


@dataclass(frozen=True)
class SwitchLink:
    """One language in the switcher."""

    code: str
    name: str
    href: str
    """Relative to the current page (absolute path on the 404 page)."""
    current: bool
    translated: bool
    """False: that language shows this answer in the default language (marked)."""


@dataclass(frozen=True)
class PageLanguages:
    """What one page says about languages."""

    links: tuple[SwitchLink, ...]
    head: str
    """``<link rel="alternate" hreflang>`` tags (robots noindex on an untranslated answer of a site
    without a ``site_url``)."""
    fallback: bool = False
    """This page shows an answer in the default language."""
    canonical: str | None = None
    """The source's URL, on an untranslated answer (its canonical)."""


@dataclass(frozen=True)
class SiteLanguages:
    """The languages of a site, seen from one language's build."""

    languages: tuple[Language, ...]
    current: Language
    translated: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Language code → ids of the entries whose text is in that language (default: all)."""
    site_url: str = ""
    """The whole site's URL (the default language's root)."""
    offers: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    """Language code → the notice offering it, in its own words: text, link and dismiss button
    (``{language}`` stands for its name); a reader who prefers it may not read the current one."""

    @property
    def default(self) -> Language:
        """The first language, at the site's root."""
        return self.languages[0]

    def has_text(self, code: str, url: str) -> bool:
        """Whether the page at ``url`` (relative to a language's root) is in language ``code``."""
        if code == self.default.code or not url.startswith(_ENTRY_PREFIX):
            return True
        entry_id = url[len(_ENTRY_PREFIX) :].split("/", 1)[0].removesuffix(".html")
        return entry_id in self.translated.get(code, frozenset())

    def page(self, url: str, *, is_404: bool = False) -> PageLanguages:
        """The languages of the page at ``url`` (relative to the current language's root)."""
        here = self.current.prefix + url
        base = "/" + self.site_url.split("://", 1)[-1].partition("/")[2] if self.site_url else "/"
        links = []
        for lang in self.languages:
            target = lang.prefix + ("" if is_404 else url)
            href = base.rstrip("/") + "/" + target if is_404 else relative_url(target, here)
            links.append(SwitchLink(lang.code, lang.name, href or "./", lang == self.current,
                                    self.has_text(lang.code, url)))  # fmt: skip
        if is_404:
            return PageLanguages(tuple(links), "")
        fallback = not self.has_text(self.current.code, url)
        if fallback:
            # The source's text under another URL: its canonical is the source (search engines
            # then index the source alone; Google asks not to add noindex to a canonical, and
            # Lighthouse scores a noindex page 63 for SEO). Without the site's URL there is no
            # absolute canonical to give: noindex keeps the copy out of search engines.
            if self.site_url:
                return PageLanguages(tuple(links), "", True, absolute(self.site_url, url))
            return PageLanguages(tuple(links), '<meta name="robots" content="noindex">', True)
        tags = [
            f'<link rel="alternate" hreflang="{lang.code}" href="{html.escape(self._href(lang, url, here))}">'
            for lang in self.languages
            if self.has_text(lang.code, url)
        ]
        default = self._href(self.default, url, here)
        tags.append(f'<link rel="alternate" hreflang="x-default" href="{html.escape(default)}">')
        return PageLanguages(tuple(links), "\n".join(tags))

    def _href(self, lang: Language, url: str, here: str) -> str:
        target = lang.prefix + url
        return absolute(self.site_url, target) if self.site_url else relative_url(target, here) or "./"

    def sitemap_alternates(self, url: str) -> list[tuple[str, str]]:
        """(hreflang, absolute URL) of each real counterpart of a page, x-default last."""
        if not self.site_url or not self.has_text(self.current.code, url):
            return []
        found = [(lang.code, absolute(self.site_url, lang.prefix + url)) for lang in self.languages
                 if self.has_text(lang.code, url)]  # fmt: skip
        return [*found, ("x-default", absolute(self.site_url, url))]

    def browser_data(self, url: str, is_404: bool = False) -> str:
        """What help.js needs to offer the reader's preferred language: JSON, safe in an attribute.

        Each language: its page's address, its name, and the offer's three texts in its words.
        """
        links = self.page(url, is_404=is_404).links
        data = {
            "current": self.current.code,
            "languages": {lk.code: [lk.href, lk.name, *self.offers.get(lk.code, ())] for lk in links},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def fix_html_lang(output: str, code: str) -> str:
    """The page's ``<html lang>`` set to ``code`` (the theme writes ``zh`` for zh-Hans)."""
    start = output.find("<html lang=")
    if start == -1:
        return output
    end = output.find(" ", start + 11)
    return output[:start] + f'<html lang="{code}"' + output[end:]


def add_to_head(output: str, tags: str) -> str:
    """``tags`` inserted before ``</head>`` (nothing if there is none)."""
    if not tags:
        return output
    at = output.find("</head>")
    return output if at == -1 else output[:at] + tags + "\n" + output[at:]


def sitemap(urls: Sequence[tuple[str, str]], languages: SiteLanguages, lastmod: str = "") -> str:
    """A sitemap of this language's pages with their ``xhtml:link`` alternates; untranslated
    answers are left out (their canonical is the source). ``urls``: (site-relative, absolute)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url, loc in urls:
        if not languages.has_text(languages.current.code, url):
            continue
        out.append(f"  <url>\n    <loc>{html.escape(loc)}</loc>")
        if lastmod:
            out.append(f"    <lastmod>{lastmod}</lastmod>")
        for code, href in languages.sitemap_alternates(url):
            out.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href="{html.escape(href)}"/>')
        out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


@dataclass
class LanguageRun:
    """One language's build of a site in several languages (what the plugin needs to know)."""

    languages: SiteLanguages
    content: LanguageContent
    site_name: str = ""
    """This language's site name ('' : the site's own)."""
    script_hashes: set[str] = field(default_factory=set)
    """The inline scripts of this language's pages (the build writes one ``_headers`` for all)."""
    redirects: list[tuple[str, str]] = field(default_factory=list)
    """Its ``_redirects`` rules (merged into the root's)."""

    @property
    def language(self) -> Language:
        """The language built."""
        return self.languages.current

    @property
    def base(self) -> str:
        """The path its pages are published under, without a trailing slash."""
        return (base_path(self.languages.site_url) + "/" + self.language.prefix).rstrip("/")
