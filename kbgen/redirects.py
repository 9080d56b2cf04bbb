"""Old entry ids keep working: forced Netlify ``_redirects`` rules and an HTML redirect page per alias.

On Netlify the rules answer every old URL with a 301. They are forced (``301!``): Netlify
serves an existing file before a rule that is not forced ("shadowing"), and kbgen also writes
a small redirect page at each old path, so that the same build still sends visitors (with a
meta refresh and a canonical link) to the new page on hosts that ignore ``_redirects``
(GitHub Pages, S3, a plain web server). Rules and pages follow ``use_directory_urls``.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kbgen.model import KnowledgeBase
from kbgen.pages import ENTRY_DIR, dest_for

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
    stem = f"{base}/{ENTRY_DIR}/{alias}"
    if use_directory_urls:
        return [f"{stem}/", stem, f"{stem}/index.html"]
    return [f"{stem}.html", stem]  # Netlify's pretty URLs serve a.html at /a too


def page_path(entry_id: str, base: str, use_directory_urls: bool) -> str:
    """The URL path of an entry's page."""
    stem = f"{base}/{ENTRY_DIR}/{entry_id}"
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def add_redirects(kb: KnowledgeBase, files: Files, config: MkDocsConfig) -> list[tuple[str, str]]:
    """Add a redirect page for every alias and the ``_redirects`` rules; return (old, new) paths."""
    base = urlsplit(config.site_url or "").path.rstrip("/")
    language = str(config.theme.get("language") or "en")
    directory_urls = bool(config.use_directory_urls)
    rules: list[tuple[str, str]] = []
    for entry in sorted(kb.entries, key=lambda e: e.id):
        new = page_path(entry.id, base, directory_urls)
        for alias in sorted(entry.aliases):
            rules += [(old, new) for old in old_paths(alias, base, directory_urls)]
            dest = dest_for(f"{ENTRY_DIR}/{alias}", directory_urls)
            target = f"../{entry.id}/" if directory_urls else f"{entry.id}.html"
            files.append(File.generated(config, dest, content=redirect_page(target, language)))
    if rules:
        existing = files.get_file_from_path(REDIRECTS)
        own = existing.content_string.rstrip("\n") + "\n" if existing else ""
        if existing:
            files.remove(existing)
        content = (
            own
            + "# kbgen: entry aliases (old ids) → current pages. Forced (301!): the redirect page at\n"
            + "# each old path, kept for hosts without _redirects, must not shadow the rule.\n"
            + "".join(f"{old}  {new}  301!\n" for old, new in rules)
        )
        files.append(File.generated(config, REDIRECTS, content=content))
    return rules
