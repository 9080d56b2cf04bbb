"""The report's page on a phone (390 × 844) in a real Chromium: no sideways scrolling, and
nothing axe-core objects to. The page is made by a real ``kbgen report`` run."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.conftest import serve_dir
from tests.browser.test_axe import axe
from tests.conftest import ROOT, run_kbgen

DATA = ROOT / "tests" / "data" / "report"


def _posts(tmp_path: Path) -> Path:
    """The sample exports, and rows with long unbroken text (a pasted link, a long id)."""
    extra = tmp_path / "long.jsonl"
    rows = [
        {"form-name": "search-gap", "query": "x" * 90, "created_at": "2026-03-04T10:00:00Z"},
        {
            "form-name": "missing-answer",
            "query": "descaler-for-the-aero-duo-espresso-machine-with-the-blue-light",
            "message": "https://shop.example/products/aero-duo-espresso-machine-replacement-gasket-58mm",
            "created_at": "2026-03-04T10:00:00Z",
        },
        {
            "form-name": "feedback",
            "entry_id": "an-entry-that-was-removed-from-todays-content-long-ago",
            "helpful": "no",
            "comment": "y" * 80,
            "created_at": "2026-03-04T10:00:00Z",
        },
    ]
    extra.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return extra


def test_the_report_fits_a_phone(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "report"
    proc = run_kbgen(
        "report",
        *map(str, sorted(DATA.iterdir())),
        str(_posts(tmp_path)),
        "--out",
        str(out),
        "-f",
        str(ROOT / "mkdocs.yml"),
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    server, url = serve_dir(out)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide on a 390 px phone"
        # Every figure still says what it is, without the table's header row in view.
        count = page.locator("#gaps ~ table tbody tr td.n").first
        assert count.evaluate("e => getComputedStyle(e, '::before').content") == '"Count: "'
        found = axe(page)
        assert found == [], "\n".join(sorted({f[:150] for f in found}))
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_the_report_of_a_site_in_three_languages_fits_a_phone_in_each_language(
    browser: Browser, tmp_path: Path
) -> None:
    """The Chinese example (zh-Hans, zh-Hant, en): its translations section, in the site's
    default language and with --lang, on a phone, with nothing axe objects to."""
    import shutil

    project = tmp_path / "zh"
    shutil.copytree(ROOT / "examples" / "zh", project, ignore=shutil.ignore_patterns("site", "report"))
    (project / "feedback.csv").write_text(
        "entry_id,helpful,comment\nshipping-time,no,太慢了\nseven-day-return,yes,\n", encoding="utf-8"
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        for option, lang, heading in ((), "zh-Hans", "翻译"), (("--lang", "zh-Hant"), "zh-Hant", "翻譯"):
            out = tmp_path / f"report-{lang}"
            proc = run_kbgen("report", "feedback.csv", "--out", str(out), *option, cwd=project)
            assert proc.returncode == 0, proc.stderr
            server, url = serve_dir(out)
            try:
                page = context.new_page()
                page.goto(url)
                assert page.locator("html").get_attribute("lang") == lang
                assert page.locator("#translations").inner_text() == heading
                assert page.locator("section ul.outdated li").count() == 1  # zh-hant's stale answer
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 390, f"the page is {width} px wide on a 390 px phone"
                found = axe(page)
                assert found == [], "\n".join(sorted({f[:150] for f in found}))
            finally:
                server.shutdown()
                server.server_close()
    finally:
        context.close()
