"""``kbgen report`` run for real on the sample submissions in tests/data/report (Netlify CSV
exports of the feedback and missing-answer forms, and JSON Lines of a custom endpoint)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import ROOT, WriteSite, entry, run_kbgen

DATA = ROOT / "tests" / "data" / "report"
SAMPLES = sorted(DATA.iterdir())


def _demo(tmp_path: Path) -> Path:
    """A copy of the demo project (so that report/ is written beside it, not in the repo)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    return tmp_path


def test_sample_report_as_json(tmp_path: Path) -> None:
    proc = run_kbgen("report", *map(str, SAMPLES), "--json", "-f", str(ROOT / "mkdocs.yml"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    feedback, missing, jsonl = (
        str(DATA / n)
        for n in ("feedback-submissions.csv", "missing-answer-submissions.csv", "search-gaps.jsonl")
    )
    assert proc.stderr.splitlines() == [
        f"{feedback}:11: helpful: 'maybe' is not yes or no; row skipped",
        f"{feedback}:12: entry_id: is missing; row skipped",
        f"{missing}:5: query: is empty, and so is message; row skipped",
        f"{jsonl}:7: created_at: 'last tuesday' is not an ISO 8601 date; row skipped",
        f"{jsonl}:8: row: not valid JSON: Expecting ',' delimiter; row skipped",
        "18 submissions: 3 entries with feedback, 6 gaps (4 open)",
    ]
    data = json.loads(proc.stdout)
    assert list(data) == ["submissions", "entries", "gaps", "problems", "signups"]
    assert data["signups"] == []  # no notify export given
    assert data["problems"] == proc.stderr.splitlines()[:-1]
    assert [(e["id"], e["yes"], e["no"]) for e in data["entries"]] == [
        ("how-to-descale", 1, 5),  # 4 no in the CSV, 1 in the JSON Lines
        ("return-opened-item", 0, 1),
        ("track-my-order", 2, 1),
    ]
    assert data["entries"][0]["comments"] == [
        "The steps don't say how much descaler to use for the Aero Duo.",
        "Still blinking after descaling, call me on [phone] please",
    ]
    assert "[e-mail]" in data["entries"][2]["comments"][1]
    decaf = data["gaps"][0]
    assert {k: decaf[k] for k in ("count", "answered_by", "queries")} == {
        "count": 3,
        "answered_by": None,
        "queries": ["Decaf Beans", "decaf beans", "Do you sell decaf beans?"],
    }
    # A message is its own gap, with the search the shopper had made beside it.
    message = next(g for g in data["gaps"] if g["query"].startswith("Looking for a decaf"))
    assert message["searched"] == ["decaf beans"]
    answered = {g["query"]: g["answered_by"] for g in data["gaps"]}
    assert answered["how do I descale"] == "how-to-descale"
    assert answered["gift wrapping"] is None
    assert [g["count"] for g in data["gaps"]] == sorted((g["count"] for g in data["gaps"]), reverse=True)
    assert not (tmp_path / "report").exists()  # --json alone writes no page


def test_sample_report_page_and_new_lines(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    proc = run_kbgen("report", *map(str, SAMPLES), "--since", "2026-03-03", cwd=root)
    assert proc.returncode == 0, proc.stderr
    soup = BeautifulSoup((root / "report" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("script") is None and soup.select("svg rect")
    assert soup.find("a", href="https://help.northbrew.example/questions/how-to-descale/") is not None
    assert "anna.k@" not in soup.get_text() and "5550123" not in soup.get_text()
    # Since 3 March: the first decaf search and missing-answer (2 March) are left out.
    assert proc.stdout.splitlines()[0] == "kbgen new --stage STAGE -- 'Decaf Beans'"
    decaf = next(
        tr for tr in soup.select("#gaps ~ table tbody tr") if tr.td.get_text().startswith("Decaf Beans")
    )
    assert decaf.select_one("td.n").get_text() == "2"
    assert "kbgen new --stage STAGE -- 'Gift wrapping'" in proc.stdout.splitlines()
    text = soup.get_text(" ")
    assert "Entries without votes" in text and "How do I set up my Aero One for the first time?" in text


def test_report_refuses_to_write_into_the_site_and_reports_broken_content(
    write_site: WriteSite, tmp_path: Path
) -> None:
    root = write_site({"content/a.md": entry()})
    sample = str(DATA / "search-gaps.jsonl")
    proc = run_kbgen("report", sample, "--out", "site/report", cwd=root)
    assert proc.returncode == 2 and "is inside the site" in proc.stderr
    assert not (root / "site").exists()

    (root / "content/b.md").write_text("---\nquestion: Q?\n---\n", encoding="utf-8")
    broken = run_kbgen("report", sample, cwd=root)
    assert broken.returncode == 1
    assert broken.stderr.splitlines() == [
        "content/b.md:1: stage: is required but missing",
        "content/b.md:1: summary: is required but missing",
        "2 problems found; no report was written.",
    ]
    (root / "content/b.md").unlink()

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    nothing = run_kbgen("report", str(bad), cwd=root)
    assert nothing.returncode == 1 and nothing.stderr.endswith(
        "no submission could be read; no report was written\n"
    )
