"""The live preview's builds (kbgen/mkdocs/preview.py) on a copy of the demo: an edit writes only
the pages it changes, and the site is then byte for byte what a fresh full build writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kbgen.mkdocs.preview import Outcome, Preview
from tests.conftest import ROOT, WriteSite, entry, run_kbgen

URL = "http://127.0.0.1:8000/"
OLD = 1_000_000_000  # mtime (ns) given to every file before an update, to see what it wrote


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same dates in both builds
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    return root


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _age(site: Path) -> None:
    for p in site.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(OLD, OLD))


def _written(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.stat().st_mtime_ns != OLD
    }


def _edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _update(preview: Preview, *changed: Path) -> Outcome:
    outcome = preview.update(set(changed))
    if outcome.search_index is not None:
        outcome.search_index()
    return outcome


def _full_build(root: Path, site: Path) -> dict[str, bytes]:
    fresh = Preview(root / "mkdocs.yml", site, URL)
    assert fresh.full_build().kind == "full"
    fresh.close()
    return _files(site)


def test_an_edit_writes_only_its_pages_and_equals_a_full_build(demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "preview"
    preview = Preview(demo / "mkdocs.yml", site, URL)
    assert preview.full_build().kind == "full"

    # how-to-descale is popular, names five products, three entries list it as related and
    # one more links its file
    _age(site)
    src = _edit(demo / "content/after-delivery/how-to-descale.md", "summary: Mix one", "summary: Pour one")
    outcome = _update(preview, src)
    assert outcome.kind == "pages"
    q = "questions/{}/index.html".format
    p = "products/{}/index.html".format
    written = _written(site)
    data = [w for w in written if w.startswith("_kbgen/widget/data.")]
    assert len(data) == 1, written  # the shop widget's answers changed; its panel script did not
    assert _written(site) == {
        "widget.js",  # names the new data file
        "_kbgen/widget-latest.json",  # names it too, for a panel whose files a deploy replaced
        data[0],
        q("how-to-descale"),
        "after-delivery/index.html",  # its stage
        "index.html",  # popular questions
        "404.html",  # popular questions too
        *map(q, ["aqua-filter-compatibility", "error-lights", "replace-water-filter"]),  # related
        q("first-use-aero-one"),  # links how-to-descale.md
        q("warranty"),  # links it too
        *map(p, ["descaling-kit", "aero-one", "aero-duo", "pico-espresso", "pourline-drip"]),
        "search/index.json",
        "llms.txt",  # lists its short answer
        "questions/how-to-descale/index.html.md",  # its Markdown copy
        "feed.xml",  # the feeds carry short answers too
        "after-delivery/feed.xml",
    }
    assert "Pour one 250 ml dose" in (site / q("how-to-descale")).read_text(encoding="utf-8")
    assert _files(site) == _full_build(demo, tmp_path / "full-1")

    # a new question text, another stage, no longer popular, other products
    _age(site)
    _edit(src, "question: How do I descale my espresso machine?", "question: How do I <descale> & rinse?")
    _edit(src, "stage: after-delivery", "stage: after-the-order")
    _edit(src, "popular: true\n", "")
    products = "products: [descaling-kit, aero-one, aero-duo, pico-espresso, pourline-drip]"
    _edit(src, products, "products: [aero-one]")
    outcome = _update(preview, src)
    assert outcome.kind == "pages"
    assert {"after-delivery/index.html", "after-the-order/index.html", p("pourline-drip")} <= _written(site)
    assert _files(site) == _full_build(demo, tmp_path / "full-2")
    preview.close()


def test_broken_content_gives_every_problem_then_recovers(demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "preview"
    preview = Preview(demo / "mkdocs.yml", site, URL)
    assert preview.full_build().kind == "full"
    before = _files(site)
    src = demo / "content/after-delivery/warranty.md"
    text = src.read_text(encoding="utf-8")

    _edit(src, "stage: after-delivery", "stage: <b>later</b>")
    outcome = _update(preview, src)
    assert outcome.kind == "failed"
    assert (
        "content/after-delivery/warranty.md:4: stage: '<b>later</b>' is not a valid id: use lowercase "
        "letters, digits and single hyphens, e.g. 'return-opened-item'"
    ) in outcome.problems
    assert _files(site) == before  # the last good site stays (the server shows the problems)

    src.write_text(text.replace("stage: after-delivery", "stage: after-the-order"), encoding="utf-8")
    _edit(src, "related: [repair-service,", "related: [no-such-entry,")
    outcome = _update(preview, src)
    assert outcome.kind == "failed"
    assert outcome.problems == [
        "content/after-delivery/warranty.md:8: related: unknown entry 'no-such-entry'"
    ]

    fixed = text.replace("summary: Espresso machines", "summary: All espresso machines")
    src.write_text(fixed, encoding="utf-8")
    outcome = _update(preview, src)
    assert outcome.kind == "pages"
    assert _files(site) == _full_build(demo, tmp_path / "full")
    preview.close()


def test_a_new_entry_or_a_config_change_rebuilds_the_whole_site(demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "preview"
    preview = Preview(demo / "mkdocs.yml", site, URL)
    assert preview.full_build().kind == "full"
    new = demo / "content/after-delivery/brand-new.md"
    new.write_text("---\nquestion: Brand new?\nstage: after-delivery\nsummary: Yes.\n---\n", encoding="utf-8")
    assert _update(preview, new).kind == "full"
    assert (site / "questions/brand-new/index.html").is_file()

    # a dead anchor: kbgen's check names the entry, the link's line and the headings there are
    src = demo / "content/after-delivery/warranty.md"
    text = src.read_text(encoding="utf-8")
    src.write_text(text + "\nSee [repairs](repair-service.md#no-such-heading).\n", encoding="utf-8")
    outcome = _update(preview, src)
    assert outcome.kind == "failed"
    assert outcome.problems == [
        "content/after-delivery/warranty.md:43: body: link 'repair-service.md#no-such-heading' goes to "
        "a heading content/after-delivery/repair-service.md does not have (its headings: "
        "#do-it-yourself, #how-it-works, #typical-prices)"
    ]
    src.write_text(text, encoding="utf-8")
    # caught before any page was written: the site on disk is still right, nothing to rebuild
    assert _update(preview, src).kind == "none"

    config = _edit(demo / "mkdocs.yml", "site_name: Northbrew Help Center", "site_name: Northbrew Help")
    assert _update(preview, config).kind == "full"
    _edit(config, "strict: true", "strict: [true")
    outcome = _update(preview, config)
    assert outcome.kind == "failed" and outcome.problems[0].startswith("mkdocs.yml:")
    preview.close()


def test_serve_refuses_to_start_with_a_broken_mkdocs_yml(write_site: WriteSite) -> None:
    root = write_site({"content/returns.md": entry()}, config="site_name: [Test\n")
    proc = run_kbgen("serve", "-a", "127.0.0.1:8999", cwd=root)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("mkdocs.yml:1: config: invalid YAML")  # where the [ opens
    assert lines[-1] == "1 problem found; the preview was not started."
