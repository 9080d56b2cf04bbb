"""Old entry ids keep working: forced Netlify ``_redirects`` rules and an HTML redirect page per alias.

On Netlify the rules answer every old URL with a 301. They are forced (``301!``): Netlify
serves an existing file before a rule that is not forced ("shadowing"), and kbgen also writes
a small redirect page at each old path, so that the same build still sends visitors (with a
meta refresh and a canonical link) to the new page on hosts that ignore ``_redirects``
(GitHub Pages, S3, a plain web server). Rules and pages follow ``use_directory_urls``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from kbgen.core.model import KnowledgeBase
from kbgen.core.urls import dest_for, entry_name, relative_url, url_for

REDIRECTS = "_redirects"


def redirect_page(target: str, language: str) -> str:
    """A page that sends browsers and crawlers to ``target`` (relative URL), with no script."""
    t = html.escape(target, quote=True)
    return (
        f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Redirecting…</title>\n"
        f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{t}">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">\n</head>\n'
        f'<body><p><a href="{t}">{t}</a></p></body>\n</html>\n'
    )


def old_paths(alias: str, base: str, use_directory_urls: bool) -> list[str]:
    """Every URL path that serves the redirect page of ``alias``."""
    url = f"{base}/{url_for(entry_name(alias), use_directory_urls)}"
    if use_directory_urls:
        return [url, url.rstrip("/"), f"{url}index.html"]
    return [url, url.removesuffix(".html")]  # Netlify's pretty URLs serve a.html at /a too


def page_path(entry_id: str, base: str, use_directory_urls: bool) -> str:
    """The URL path of an entry's page."""
    return f"{base}/{url_for(entry_name(entry_id), use_directory_urls)}"


@dataclass(frozen=True)
class RedirectPage:
    """A fallback page at an old entry URL."""

    dest: str
    """Where it is written, relative to the site directory."""
    target: str
    """The entry's page, relative to the old page."""


@dataclass
class Plan:
    """Every redirect of a site: the ``_redirects`` rules and the fallback pages."""

    rules: list[tuple[str, str]] = field(default_factory=list)
    pages: list[RedirectPage] = field(default_factory=list)


def plan(kb: KnowledgeBase, base: str, use_directory_urls: bool) -> Plan:
    """The redirects for every entry alias, for a site at ``base`` (a path, '' at the root)."""
    out = Plan()
    for entry in sorted(kb.entries, key=lambda e: e.id):
        new = page_path(entry.id, base, use_directory_urls)
        new_url = url_for(entry_name(entry.id), use_directory_urls)
        for alias in sorted(entry.aliases):
            out.rules += [(old, new) for old in old_paths(alias, base, use_directory_urls)]
            old_url = url_for(entry_name(alias), use_directory_urls)
            out.pages.append(
                RedirectPage(dest_for(entry_name(alias), use_directory_urls), relative_url(new_url, old_url))
            )
    return out


def rules_file(rules: list[tuple[str, str]]) -> str:
    """The ``_redirects`` file for ``rules`` (forced 301s)."""
    return (
        "# kbgen: entry aliases (old ids) → current pages. Forced (301!): the redirect page at\n"
        "# each old path, kept for hosts without _redirects, must not shadow the rule.\n"
        + "".join(f"{old}  {new}  301!\n" for old, new in rules)
    )
