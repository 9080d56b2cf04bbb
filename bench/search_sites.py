"""Sites for the search benchmarks: the same FAQ documents as a kbgen help center and as a plain
MkDocs + Material site (Material's search; Pagefind indexes its HTML), served locally and queried
in headless Chromium, the way a shopper's browser runs each engine.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbgen.search.index import SearchDoc  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve_dir  # noqa: E402

OUT = ROOT / "bench" / "out" / "search"
PY = sys.executable
_browser: dict[str, Any] = {}


def write_kbgen_site(docs: Sequence[SearchDoc], root: Path, *, chinese: bool) -> Path:
    """A kbgen project with one entry per document (all in one stage)."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "faq").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
            site_name: Bench
            docs_dir: content
            site_dir: site
            theme:
              name: material
              language: {"zh" if chinese else "en"}
              font: false
            plugins:
              - kbgen:
                  stages:
                    - id: faq
                      title: FAQ
            """),
        encoding="utf-8",
    )
    for doc in docs:
        front = {"id": doc.id, "question": doc.question, "stage": "faq", "summary": doc.summary}
        if doc.keywords:
            front["keywords"] = doc.keywords.split(" \n")
        meta = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        text = f"---\n{meta}---\n\n{doc.body}\n"
        (root / "content" / "faq" / f"{doc.id}.md").write_text(text, encoding="utf-8")
    return root


def write_material_site(docs: Sequence[SearchDoc], root: Path, *, chinese: bool) -> Path:
    """A plain MkDocs + Material site: one page per document, Material's default search.

    Chinese uses the separator kbgen's Chinese example used with Material's search (and jieba
    segments the text at build time when it is installed, as Material's documentation advises).
    The navigation lists only the home page, as kbgen's small navigation does: with every page
    in it, each page would carry all the others' titles (and a 10,000-page build takes hours).
    Pagefind indexes only the article (``data-pagefind-body``).
    """
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    (root / "overrides").mkdir()
    search = "  - search:\n      separator: '[\\s\\u200b\\-]'\n" if chinese else "  - search\n"
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\ndocs_dir: docs\nsite_dir: site\nuse_directory_urls: true\n"
        f"theme:\n  name: material\n  language: {'zh' if chinese else 'en'}\n  font: false\n"
        "  custom_dir: overrides\n"
        f"plugins:\n{search}"
        "nav:\n  - index.md\n",
        encoding="utf-8",
    )
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block content %}<div data-pagefind-body>{{ super() }}</div>{% endblock %}\n",
        encoding="utf-8",
    )
    (root / "docs" / "index.md").write_text("# Bench\n\nFAQ.\n", encoding="utf-8")
    for doc in docs:
        (root / "docs" / f"{doc.id}.md").write_text(
            f"# {doc.question}\n\n{doc.summary}\n\n{doc.body}\n", encoding="utf-8"
        )
    return root


def build(root: Path, *, kbgen: bool, pagefind: bool = False) -> Path:
    """Build a site written above (and index it with Pagefind); returns the site directory."""
    cmd = [PY, "-m", "kbgen", "build"] if kbgen else [PY, "-m", "mkdocs", "build", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's kbgen, whatever is installed
    subprocess.run(cmd, cwd=root, check=True, capture_output=True, text=True, env=env)
    site = root / "site"
    if pagefind:
        subprocess.run(
            [PY, "-m", "pagefind", "--site", str(site), "--silent"],
            check=True,
            capture_output=True,
            text=True,
        )
    return site


def new_context() -> Any:
    """A fresh browser context (empty cache) of the one Chromium the whole run uses."""
    if "browser" not in _browser:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        _browser["pw"] = pw
        _browser["browser"] = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        atexit.register(_close)
    return _browser["browser"].new_context(viewport={"width": 1280, "height": 900})


def page(url: str) -> Any:
    """A Chromium tab on ``url`` in a fresh context."""
    tab = new_context().new_page()
    tab.goto(url)
    return tab


def _close() -> None:
    _browser["browser"].close()
    _browser["pw"].stop()


def serve(site: Path) -> str:
    """Serve a built site on loopback for the rest of the run; returns its base URL."""
    _server, url = serve_dir(site)
    return str(url)


def id_from_url(url: str) -> str:
    """'…/questions/ID/', '…/ID/' or '…/ID/#anchor' → ID."""
    parts = [p for p in url.split("#")[0].split("?")[0].split("/") if p]
    return parts[-1] if parts else ""


def kbgen_browser_searcher(base: str) -> Callable[[str], list[str]]:
    tab = page(base + "search/")
    tab.wait_for_function("document.getElementById('kb-search')")

    def run(query: str) -> list[str]:
        tab.evaluate(
            "q => { const i = document.getElementById('kb-search-q'); i.value = q;"
            " i.dispatchEvent(new Event('input')); }",
            query,
        )
        tab.wait_for_function(
            "q => document.getElementById('kb-search').dataset.query === q", arg=query, timeout=60_000
        )
        return list(
            tab.locator("#kb-search-results a[data-entry-id]").evaluate_all(
                "links => links.map(a => a.dataset.entryId)"
            )
        )

    return run


_MATERIAL_RESULTS = """
() => Array.from(document.querySelectorAll('.md-search-result__list > li > a'))
        .map(a => a.getAttribute('href'))
"""


def material_browser_searcher(base: str) -> Callable[[str], list[str]]:
    tab = page(base)
    tab.wait_for_function("document.querySelector('.md-search__input')")
    tab.click("label.md-header__button[for='__search']") if tab.is_visible(
        "label.md-header__button[for='__search']"
    ) else None
    # Material reports readiness by replacing the "initializing" message once its index is built.
    tab.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing|正在初始化/.test(m.textContent); }",
        timeout=120_000,
    )

    def run(query: str) -> list[str]:
        tab.evaluate(
            "q => { const i = document.querySelector('.md-search__input'); i.focus(); i.value = q;"
            " i.dispatchEvent(new Event('input', {bubbles: true}));"
            " i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); }",
            query,
        )
        # Wait until the result list stops changing for 3 polls in a row.
        last, stable = None, 0
        for _ in range(200):
            tab.wait_for_timeout(15)
            now = json.dumps(tab.evaluate(_MATERIAL_RESULTS))
            stable = stable + 1 if now == last else 0
            last = now
            if stable >= 3:
                break
        hrefs = json.loads(last or "[]")
        ids: list[str] = []
        for href in hrefs:
            doc_id = id_from_url(href)
            if doc_id and doc_id not in ids and doc_id != ".":
                ids.append(doc_id)
        return ids

    return run


def pagefind_browser_searcher(base: str) -> Callable[[str], list[str]]:
    tab = page(base)
    tab.evaluate(
        "async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }"
    )

    def run(query: str) -> list[str]:
        urls = tab.evaluate(
            "async q => { const s = await window.pf.search(q);"
            " const d = await Promise.all(s.results.slice(0, 10).map(r => r.data()));"
            " return d.map(x => x.url); }",
            query,
        )
        return [id_from_url(u) for u in urls]

    return run
