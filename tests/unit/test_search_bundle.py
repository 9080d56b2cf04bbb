"""The search worker in one file (kbgen/search/bundle.py): the search page's and the widget's."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kbgen.deploy.headers import headers_file
from kbgen.search import bundle

PACKAGE = Path(bundle.__file__).parent.parent


def test_the_page_worker_is_named_by_its_content() -> None:
    path = bundle.page_worker_path()
    match = re.fullmatch(r"assets/kbgen/search-worker\.([0-9a-f]{12})\.js", path)
    assert match, path
    assert match.group(1) == hashlib.sha256(bundle.worker_bundle()).hexdigest()[:12]


def test_the_bundle_hands_over_then_runs_the_scripts_the_worker_would_import_in_order() -> None:
    text = bundle.worker_bundle().decode("utf-8")
    handover = (PACKAGE / "search/assets/search-handover.js").read_text(encoding="utf-8").rstrip()
    worker, lunr, tokenize, compat = (
        text.index((PACKAGE / "theme" / p).read_text(encoding="utf-8").rstrip()) for p in bundle.SEARCH_FILES
    )
    assert text.index(handover) == 0  # before lunr is even parsed
    assert 0 < lunr < tokenize < compat < worker
    # the worker skips its importScripts when the handover (or the widget) set it up as bundled
    assert "bundled: true" in handover and "if (!setup.bundled)" in text[worker:]


def test_headers_cache_the_page_worker_for_good_and_only_it() -> None:
    path = bundle.page_worker_path()
    text = headers_file("default-src 'self'", "/help", immutable=[path])
    blocks = {b.splitlines()[0]: b.splitlines()[1:] for b in text.split("\n/")[1:]}
    assert blocks[f"help/{path}"] == ["  Cache-Control: public, max-age=31536000, immutable"]
    assert "search-worker.js\n" not in text  # the theme's own worker (the offline copy's) stays fresh


def test_the_page_engine_is_the_worker_bundle_unchanged_inside_one_function() -> None:
    path = bundle.page_engine_path()
    match = re.fullmatch(r"assets/kbgen/search-engine\.([0-9a-f]{12})\.js", path)
    assert match and match.group(1) == hashlib.sha256(bundle.page_engine()).hexdigest()[:12]
    text = bundle.page_engine().decode("utf-8")
    head, rest = text.split(bundle.worker_bundle().decode("utf-8").rstrip(), 1)  # byte for byte
    # one statement at the top level, a function called with its <script> element: no global name
    code = [line for line in head.splitlines() if line and not line.startswith(("/*", "   "))]
    assert code[0] == "(function (script) {" and text.rstrip().endswith("})(document.currentScript);")
    # what a worker has, under the names the worker's code uses, are the function's own
    for name in ("self", "postMessage", "onmessage", "setTimeout", "importScripts", "lunr", "define"):
        assert re.search(rf"\bvar [^;]*\b{name}\b", head), name
    assert 'dispatchEvent(new CustomEvent("kbgen-engine"' in rest
    # nothing that makes code from text: the site's Content-Security-Policy has no 'unsafe-eval'
    assert not re.search(r"\beval\s*\(|\bnew Function\b|\bFunction\s*\(", text)
