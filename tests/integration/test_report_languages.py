"""``kbgen report`` on a help center in three languages: each language's missing and outdated
translations beside the feedback, in the page, the terminal and ``--json``; the page in the
site's default language or ``--lang``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import entry, run_kbgen

CONFIG = """\
site_name: Test Shop Help
site_url: https://help.example.com/
docs_dir: content
site_dir: site
theme:
  name: material
  language: {language}
  font: false
plugins:
  - kbgen:
      languages: [{languages}]
"""

A = {
    "question": "Can I return an opened item?",
    "summary": "Yes, within 30 days.",
    "body": "Open your order.\n",
}
B = {"question": "How long does delivery take?", "summary": "Two days.", "body": "Usually two days.\n"}
C = {"question": "Do you ship abroad?", "summary": "To the EU only.", "body": "We ship to the EU.\n"}


def version(source: dict[str, str], keywords: tuple[str, ...] = ()) -> str:
    """The source_version of an up-to-date translation, as kbgen/content/versions.py documents it
    (written out here, so that a change of the rule fails this test)."""
    parts = [source["question"], source["summary"], "\x1f".join(keywords), source["body"].strip()]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:10]


def project(tmp_path: Path, languages: str = "en, zh-Hans, zh-Hant") -> Path:
    """en: a, b, c. zh-Hans: a up to date, b stale, c missing. zh-Hant: a up to date, b missing,
    c without source_version."""
    root = tmp_path / "shop"
    files = {
        "mkdocs.yml": CONFIG.format(language=languages.split(",")[0].strip(), languages=languages),
        "content/after-delivery/a.md": entry(**A),
        "content/after-the-order/b.md": entry(stage="after-the-order", **B),
        "content/before-purchase/c.md": entry(stage="before-purchase", **C),
        "content/zh-hans/after-delivery/a.md": entry(
            question="拆封的商品可以退货吗？", summary="可以。", source_version=f'"{version(A)}"'
        ),
        "content/zh-hans/after-the-order/b.md": entry(
            question="配送需要多久？",
            stage="after-the-order",
            summary="两天。",
            source_version='"0123456789"',
        ),
        "content/zh-hant/after-delivery/a.md": entry(
            question="拆封的商品可以退貨嗎？", summary="可以。", source_version=f'"{version(A)}"'
        ),
        "content/zh-hant/before-purchase/c.md": entry(
            question="可以寄到國外嗎？", stage="before-purchase", summary="只寄歐盟。"
        ),
        "feedback.csv": "entry_id,helpful,comment\na,no,Too short\nb,yes,\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def items(values: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    return [(v["id"], v["source"], v["file"]) for v in values]


def test_json_lists_each_languages_missing_and_outdated_translations(tmp_path: Path) -> None:
    root = project(tmp_path)
    proc = run_kbgen("report", "feedback.csv", "--json", cwd=root)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [e["id"] for e in data["entries"]] == ["a", "b"]  # the feedback is still there
    by_code = {t["language"]: t for t in data["translations"]}
    assert list(by_code) == ["zh-Hans", "zh-Hant"]
    hans, hant = by_code["zh-Hans"], by_code["zh-Hant"]
    assert items(hans["missing"]) == [
        ("c", "content/before-purchase/c.md", "content/zh-hans/before-purchase/c.md")
    ]
    assert items(hans["outdated"]) == [
        ("b", "content/after-the-order/b.md", "content/zh-hans/after-the-order/b.md")
    ]
    assert hans["unversioned"] == []
    assert items(hant["missing"]) == [
        ("b", "content/after-the-order/b.md", "content/zh-hant/after-the-order/b.md")
    ]
    assert hant["outdated"] == []
    assert items(hant["unversioned"]) == [
        ("c", "content/before-purchase/c.md", "content/zh-hant/before-purchase/c.md")
    ]
    assert hans["missing"][0]["question"] == C["question"]  # the source's, in the report's language


def test_terminal_lists_them_as_check_does_with_a_count_per_language(tmp_path: Path) -> None:
    root = project(tmp_path)
    proc = run_kbgen("report", "feedback.csv", cwd=root)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert "zh-Hans: 1 missing, 1 outdated translations" in lines
    assert "zh-Hant: 1 missing, 0 outdated, 1 without source_version translations" in lines
    outdated = [line for line in lines if "outdated:" in line]
    assert len(outdated) == 1
    assert outdated[0].startswith(
        "warning: content/zh-hans/after-the-order/b.md:5: source_version: outdated: "
    )
    missing = [line for line in lines if ": translation: no " in line]
    assert missing == [  # per language, in the order of languages:
        "warning: content/before-purchase/c.md:1: translation: no zh-Hans translation "
        "(content/zh-hans/before-purchase/c.md); shown in the default language there, marked",
        "warning: content/after-the-order/b.md:1: translation: no zh-Hant translation "
        "(content/zh-hant/after-the-order/b.md); shown in the default language there, marked",
    ]


def page(root: Path) -> BeautifulSoup:
    return BeautifulSoup((root / "report" / "index.html").read_text(encoding="utf-8"), "html.parser")


def section(doc: BeautifulSoup, code: str) -> dict[str, list[str]]:
    """The ``missing`` / ``outdated`` / ``unversioned`` lists of one language: each item's link."""
    found = doc.select_one(f"section[aria-labelledby=translations-{code.lower()}]")
    assert found is not None, code
    return {
        kind: [str(a["href"]) for a in found.select(f"ul.{kind} li a")]
        for kind in ("missing", "outdated", "unversioned")
    }


def test_page_lists_them_beside_the_feedback_in_the_default_language(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert run_kbgen("report", "feedback.csv", cwd=root).returncode == 0
    doc = page(root)
    assert doc.html is not None and doc.html["lang"] == "en"
    assert doc.find("h2", id="entries") is not None and doc.find("h2", id="translations") is not None
    url = "https://help.example.com/questions/{}/"
    assert section(doc, "zh-Hans") == {
        "missing": [url.format("c")],
        "outdated": [url.format("b")],
        "unversioned": [],
    }
    assert section(doc, "zh-Hant") == {
        "missing": [url.format("b")],
        "outdated": [],
        "unversioned": [url.format("c")],
    }
    heading = doc.find("h3", id="translations-zh-hant")
    assert heading is not None and heading.get_text() == "繁體中文: 1 missing, 0 outdated"
    assert heading.find("span", lang="zh-Hant") is not None  # the language's name, in its language
    assert "content/zh-hans/before-purchase/c.md" in doc.get_text()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh-Hant",
            ("顧客找不到哪些內容", "最沒幫助的回答", "翻譯", "尚未翻譯", "已過時", "沒有 source_version"),
        ),
        (
            "zh-Hans",
            ("顾客找不到什么", "最没有帮助的回答", "翻译", "尚未翻译", "已过时", "没有 source_version"),
        ),
    ],
)
def test_page_words_follow_lang(tmp_path: Path, lang: str, words: tuple[str, ...]) -> None:
    root = project(tmp_path)
    proc = run_kbgen("report", "feedback.csv", "--lang", lang, cwd=root)
    assert proc.returncode == 0, proc.stderr
    doc = page(root)
    assert doc.html is not None and doc.html["lang"] == lang
    text = doc.get_text()
    for word in words:
        assert word in text, word
    for english in ("What shoppers miss", "Least helpful", "Translations", "Not translated", "missing"):
        assert english not in text, english


def test_a_site_in_traditional_chinese_gets_its_report_in_traditional_chinese(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: 測試\ndocs_dir: content\ntheme:\n  name: material\n  language: zh-Hant\n"
        "plugins:\n  - kbgen\n",
        encoding="utf-8",
    )
    (root / "content" / "a.md").write_text(entry(question="可以退貨嗎？", summary="可以。"), encoding="utf-8")
    (root / "feedback.csv").write_text("entry_id,helpful\na,no\n", encoding="utf-8")
    proc = run_kbgen("report", "feedback.csv", "--json", "--out", "report", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "translations" not in json.loads(proc.stdout)  # one language: nothing to translate
    doc = page(root)
    assert doc.html is not None and doc.html["lang"] == "zh-Hant"
    assert doc.h1 is not None and doc.h1.get_text().startswith("顧客找不到哪些內容")
    assert doc.find("h2", id="translations") is None


def test_an_unknown_lang_is_one_clear_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    proc = run_kbgen("report", "feedback.csv", "--lang", "xx-\x1b[31m", cwd=root)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "\x1b" not in proc.stderr
    assert "--lang" in proc.stderr and "kbgen has no words for" in proc.stderr
    assert not (root / "report").exists()
