"""Old entry ids keep working: a Netlify ``_redirects`` file and an HTML redirect page per alias."""

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


def add_redirects(kb: KnowledgeBase, files: Files, config: MkDocsConfig) -> list[tuple[str, str]]:
    """Add a redirect page for every alias and the ``_redirects`` rules; return (old, new) paths."""
    base = urlsplit(config.site_url or "").path.rstrip("/")
    language = str(config.theme.get("language") or "en")
    rules: list[tuple[str, str]] = []
    for entry in sorted(kb.entries, key=lambda e: e.id):
        new = f"{base}/{ENTRY_DIR}/{entry.id}/"
        for alias in sorted(entry.aliases):
            old = f"{base}/{ENTRY_DIR}/{alias}/"
            rules.append((old, new))
            dest = dest_for(f"{ENTRY_DIR}/{alias}", config.use_directory_urls)
            target = f"../{entry.id}/" if config.use_directory_urls else f"{entry.id}.html"
            files.append(File.generated(config, dest, content=redirect_page(target, language)))
    if rules:
        existing = files.get_file_from_path(REDIRECTS)
        own = existing.content_string.rstrip("\n") + "\n" if existing else ""
        if existing:
            files.remove(existing)
        lines = [f"{old}  {new}  301\n{old.rstrip('/')}  {new}  301" for old, new in rules]
        content = own + "# kbgen: entry aliases (old ids) → current pages\n" + "\n".join(lines) + "\n"
        files.append(File.generated(config, REDIRECTS, content=content))
    return rules
