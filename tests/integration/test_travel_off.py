"""With every issue-23 feature off, the demo builds byte for byte as before them.

"Before" is kbgen's code at BEFORE (main just before issue 23), taken from Git and run on the
same mkdocs.yml and content; only the new options are added for today's code.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from tests.conftest import ROOT

BEFORE = "8fb6ccb"
"""main (with issues 18, 19, 21 and 22 merged) just before issue 23 was merged (llms.txt, feeds, updates,
recently viewed, offline); the travel branch itself compared with 67f9723."""
ALL_OFF = "      llms_txt: false\n      feeds: false\n      notify: false\n      recently_viewed: false\n"
"""Every issue-23 option, off."""
SEARCH_SINCE = ("assets/kbgen/search-tokenize.js", "assets/kbgen/search-worker.js", "assets/kbgen/search.js")
"""Search code changed on purpose since BEFORE (issue 22's second round: everyday words, chat
words, Chinese head nouns; issue 20: the search page shows an answer slower than its timeout);
the index it reads is compared without its new ``everyday`` table."""
WIDGET_DATA, WIDGET_PANEL = "_kbgen/widget/data.HASH.json", "_kbgen/widget/panel.HASH.js"
"""The widget's files, changed on purpose since BEFORE (issue 20: data in parts on big sites,
its format number and the words of a failed part); named by content, so compared by kind."""
WIDGET_SEARCH = "_kbgen/widget/search.HASH.js"
"""New since BEFORE (issue 20): the widget's search worker in one file, named in its data."""
PAGE_WORKER = "assets/kbgen/search-worker.HASH.js"
"""New since BEFORE (issue 20): the search page's worker in one file (the widget's bytes)."""
PAGE_ENGINE = "assets/kbgen/search-engine.HASH.js"
"""New since BEFORE (issue 20): the same engine, wrapped, for the search page to run itself."""
SEARCH_PAGE = "search/index.html"
"""The search page: issue 20's words for a query or a start slower than the page's timeout
(``data-query-slow``, ``data-start-slow``), its "Try again" button, and its worker in one file
(``data-worker``, ``data-handover``) and the same engine to run itself (``data-engine``); the rest
of the page is as it was."""
SEARCH_CSS = "assets/kbgen/search.css"
"""Issue 20: the search page's "Try again" button is hidden when it should be (one more line)."""
_SLOW = re.compile(
    r'\s*data-(?:query|start)-slow="[^"]*"|<button [^>]*id="kb-search-retry"[^>]*>[^<]*</button>'
    r'|\s*data-worker="[^"]*"(?:\s*data-handover="")?(?:\s*data-engine="[^"]*")?'
)
_ABOUT = re.compile(r'\s*data-about="[^"]*"|\s*<p class="kb-search__about"[^>]*>.*?</p>', re.S)
"""Issue 22: the search page's line that names the product asked about (?product=, the header's
search link on a product page), with its button, and its words."""
_ABOUT_CSS = re.compile(r"/\* The product asked about .*?\*/\n(?:[^\n]*kb-search__about[^\n]*\n)+")
HELP_JS = "assets/kbgen/help.js"
"""Its language offer moved to kbgen/site/assets/languages.js (issue 19, published only by sites
in several languages): the rest of the file is as it was."""
_HASHED = re.compile(r"\.[0-9a-f]{12}\.")
_LOADER_CONFIG = re.compile(r"^  var C = (\{.*\});$", re.M)
"""The loader's settings (kbgen/widget/files.py writes them in place of its placeholder)."""
_LAST_SEARCH = re.compile(r"  // The last search:.*?\n(?=  function context\(\))", re.S)
"""help.js's storing of the last search: once typing pauses since issue 20, not on every key."""


_PAGE_PRODUCT = re.compile(
    r",\n      product: pageProduct\(\)(?=\n)"
    r"|\n  /\* The shop widget's \{product\} on the search page.*?\n  }\n",
    re.S,
)
"""help.js's {product} on the search page (issue 22: the product it asks about, ?product=)."""


def _last_search(help_js: str) -> str:
    """help.js without its storing of the last search (and the read of what is not stored yet),
    nor its {product} on the search page (:data:`_PAGE_PRODUCT`, where there is one)."""
    assert len(_LAST_SEARCH.findall(help_js)) == 1
    assert len(_PAGE_PRODUCT.findall(help_js)) in (0, 2)
    help_js = _PAGE_PRODUCT.sub("", help_js)
    return _LAST_SEARCH.sub("", help_js).replace("query: (unsaved && typed) || load(", "query: load(")


def _build(code: Path, project: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": "1767225600"}
    proc = subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "--site-dir", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_every_feature_off_builds_the_demo_byte_for_byte_as_before(tmp_path: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", BEFORE, "kbgen"], cwd=ROOT, capture_output=True, timeout=120
    )
    assert archive.returncode == 0, archive.stderr.decode()
    old_code = tmp_path / "old"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+; Debian 12's python3 is 3.11.2
            tar.extractall(old_code, filter="data")
        else:  # our own commit's files from git archive
            tar.extractall(old_code)
    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    _build(old_code, project, tmp_path / "before")
    assert "  - kbgen:\n" in config
    (project / "mkdocs.yml").write_text(
        config.replace("  - kbgen:\n", "  - kbgen:\n" + ALL_OFF), encoding="utf-8"
    )
    _build(ROOT, project, tmp_path / "now")
    before, now = tmp_path / "before", tmp_path / "now"
    named_before, named_now = _named(before), _named(now)
    # since: the widget's search worker in one file, and the data file's name at a stable URL for
    # every help center (a panel whose worker a newer kbgen's deploy removed asks it anew)
    added = [WIDGET_SEARCH, PAGE_WORKER, PAGE_ENGINE, "_kbgen/widget-latest.json"]
    assert sorted(named_now) == sorted([*named_before, *added])
    assert named_now[PAGE_WORKER].read_bytes() == named_now[WIDGET_SEARCH].read_bytes()
    assert named_now[PAGE_WORKER].read_bytes().rstrip() in named_now[PAGE_ENGINE].read_bytes()
    changed = sorted(n for n, path in named_before.items() if _bytes(path) != _bytes(named_now[n]))
    assert b"product=&amp;" in (before / "contact/index.html").read_bytes()
    assert b"product=" not in (now / "contact/index.html").read_bytes()
    on_purpose = [*SEARCH_SINCE, "search/index.json", WIDGET_DATA, WIDGET_PANEL, "widget.js", "_headers"]
    assert changed == sorted([*on_purpose, HELP_JS, SEARCH_PAGE, SEARCH_CSS])
    css_before, css_now = ((site / SEARCH_CSS).read_text(encoding="utf-8") for site in (before, now))
    assert len(_ABOUT_CSS.findall(css_now)) == 1
    css_now = _ABOUT_CSS.sub("", css_now)
    assert css_now.replace(".md-typeset .kb-search__retry[hidden] { display: none; }\n", "") == css_before
    page_before, page_now = (_bytes(site / SEARCH_PAGE).decode("utf-8") for site in (before, now))
    assert len(_SLOW.findall(page_now)) == 4 and len(_SLOW.findall(page_before)) == 1
    assert 'data-worker="../assets/kbgen/search-worker.js"' in page_before
    worker = (
        r'data-worker="../assets/kbgen/search-worker\.[0-9a-f]{12}\.js"\s*data-handover=""'
        r'\s*data-engine="../assets/kbgen/search-engine\.[0-9a-f]{12}\.js"'
    )
    assert re.search(worker, page_now)
    assert len(_ABOUT.findall(page_now)) == 2 and not _ABOUT.findall(page_before)
    assert _SLOW.sub("", _ABOUT.sub("", page_now)) == _SLOW.sub("", page_before)
    # the header's search link carries the product on a product's page, and only there
    carrying = sorted(n for n, path in named_now.items() if b"search/?product=" in path.read_bytes())
    products = sorted(f"products/{d.name}/index.html" for d in (now / "products").iterdir() if d.is_dir())
    assert carrying == products and len(products) > 10
    for name in products:
        assert f'search/?product={name.split("/")[1]}"'.encode() in (now / name).read_bytes(), name
    help_before, help_now = (
        _last_search((site / HELP_JS).read_text(encoding="utf-8")) for site in (before, now)
    )
    assert help_before.startswith(help_now) and "kb-lang-offer" in help_before[len(help_now) :]
    assert "kb-lang-offer" not in help_now
    index_now = json.loads((now / "search/index.json").read_text(encoding="utf-8"))
    assert index_now.pop("everyday")
    assert index_now["t"].pop("search_split_wait")  # since: a first letter waits (search-worker.js)
    assert index_now == json.loads((before / "search/index.json").read_text(encoding="utf-8"))
    data_before = json.loads(named_before[WIDGET_DATA].read_text(encoding="utf-8"))
    data_now = json.loads(named_now[WIDGET_DATA].read_text(encoding="utf-8"))
    assert (data_before.pop("format"), data_now.pop("format")) == (1, 2)
    assert _HASHED.sub(".HASH.", data_now.pop("search_worker")) == WIDGET_SEARCH
    assert data_now.pop("latest") == "_kbgen/widget-latest.json"
    assert json.loads((now / "_kbgen/widget-latest.json").read_text(encoding="utf-8")) == {
        "data": named_now[WIDGET_DATA].relative_to(now).as_posix(), "format": 2
    }
    data_now["t"] = {k: v for k, v in data_now["t"].items() if k in data_before["t"]}
    assert data_now == data_before
    assert "kbgen-recent" not in named_now[WIDGET_PANEL].read_text(encoding="utf-8")
    # the same loader settings, pointing at the new files (its code changed on purpose since:
    # issue 20, a mouse resting on the launcher warms the search)
    config = [
        _HASHED.sub(".HASH.", _LOADER_CONFIG.findall((site / "widget.js").read_text(encoding="utf-8"))[0])
        for site in (before, now)
    ]
    assert config[0] == config[1]
    headers_before = (before / "_headers").read_text(encoding="utf-8")
    headers_now = (now / "_headers").read_text(encoding="utf-8")
    # issue 20's split widget, and the search page's worker in one file and its engine
    latest = re.compile(
        r"^/(?:_kbgen/widget-latest\.json|assets/kbgen/search-(?:worker|engine)\.[0-9a-f]+\.js)\n(?:  .*\n)+",
        re.M,
    )
    assert len(latest.findall(headers_now)) == 3 and latest.sub("", headers_now) == headers_before

_CHANNEL_HREF = re.compile(rb'(<a class="kb-channel__link") href="[^"]*" data-kb-href="[^"]*"')
"""A contact channel's link: since, a field or e-mail line whose placeholders the build fills
empty is left out (kbgen/core/channels.py's fill, as help.js leaves it out at click time), so
there is no empty ``product=`` (the shop widget's) on the help site; compared without them."""


_PRODUCT_SEARCH = re.compile(
    rb'(<a class="md-header__button md-icon kb-header-search" href="[^"?]*)\?product=[^"]*"'
)
"""The header's search link on a product's page: since, it carries the product (issue 22)."""


def _bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return _PRODUCT_SEARCH.sub(rb'\1"', _CHANNEL_HREF.sub(rb"\1", data)) if path.suffix == ".html" else data


def _named(site: Path) -> dict[str, Path]:
    """Every file of ``site`` by its path, a content hash in its name written HASH."""
    return {_HASHED.sub(".HASH.", name): site / name for name in _files(site)}
