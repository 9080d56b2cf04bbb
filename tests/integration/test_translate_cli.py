"""``kbgen translate``: a draft in the other Chinese script that the build refuses until reviewed."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import MKDOCS_YML, WriteSite, run_kbgen

SOURCE = """\
---
id: print-label
question: 怎么打印退货标签？
stage: after-delivery
summary: 在订单页面下载标签，用打印机打印后贴在包裹上。
keywords: [打印, 退货]
---

## 步骤

1. 打开订单，点击“下载标签”。
2. 在软件里选择打印。
"""


def _expected_version(root: Path) -> str:
    """The languages work's source_version of the loaded source where it exists (issue 19), else
    the first 12 hex digits of the SHA-256 of the source file."""
    try:
        versions: Any = importlib.import_module("kbgen.content.versions")
    except ImportError:
        return f"source_version: {hashlib.sha256(SOURCE.encode()).hexdigest()[:12]}"
    from kbgen.mkdocs.project import Project

    (source,) = [
        e for e in Project.open(root / "mkdocs.yml").load().entries if e.path.endswith("print-label.md")
    ]
    return str(versions.line(versions.source_version(source)))


def _front(text: str) -> dict[str, object]:
    return yaml.safe_load(text.split("---\n")[1])


def test_a_simplified_entry_becomes_a_taiwan_draft_with_its_id_and_source_version(
    write_site: WriteSite,
) -> None:
    root = write_site({"content/after-delivery/print-label.md": SOURCE}, language="zh")
    expected = _expected_version(root)  # before the draft: one language, so content/zh-hant/ is entries too
    proc = run_kbgen("translate", "print-label", "--to", "zh-Hant", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "created content/zh-hant/after-delivery/print-label.md" in proc.stdout
    draft = (root / "content/zh-hant/after-delivery/print-label.md").read_text(encoding="utf-8")
    front = _front(draft)
    assert front["id"] == "print-label" and front["stage"] == "after-delivery"
    assert front["question"] == "怎麼列印退貨標籤？"  # Taiwan's word (列印), not characters only (打印)
    assert front["keywords"] == ["列印", "退貨"]
    assert "軟體" in draft and "软" not in draft  # 软件 → 軟體
    assert expected in draft
    body = draft.split("---\n", 2)[2].lstrip("\n")
    assert body.startswith("TODO（kbgen translate）") and "content/after-delivery/print-label.md" in body


def test_the_build_refuses_a_draft_until_a_writer_deletes_its_todo_line(write_site: WriteSite) -> None:
    # a site in Simplified and Traditional Chinese: the draft is the zh-Hant translation
    config = MKDOCS_YML.format(language="zh").replace(
        "  - kbgen\n", "  - kbgen:\n      languages: [zh-Hans, zh-Hant]\n"
    )
    config = "site_url: https://help.example.com/\n" + config
    root = write_site({"content/print-label.md": SOURCE}, config=config)
    made = run_kbgen("translate", "content/print-label.md", "--to", "zh-TW", cwd=root)
    assert made.returncode == 0, made.stderr
    draft = root / "content/zh-hant/print-label.md"
    assert draft.is_file()
    check = run_kbgen("check", cwd=root)
    assert check.returncode == 1
    assert (
        "content/zh-hant/print-label.md:12: body: is a draft 'kbgen translate' converted with OpenCC"
        in check.stderr
    ), check.stderr
    build = run_kbgen("build", cwd=root)
    assert build.returncode == 1 and not (root / "site").exists()
    reviewed = "\n".join(line for line in draft.read_text(encoding="utf-8").split("\n") if "TODO" not in line)
    draft.write_text(reviewed, encoding="utf-8")
    checked = run_kbgen("check", cwd=root)
    assert checked.returncode == 0, checked.stderr


def test_a_traditional_entry_becomes_a_simplified_draft(write_site: WriteSite) -> None:
    hant = "---\nquestion: 如何列印發票？\nstage: after-delivery\nsummary: 在訂單頁面下載。\n---\n\n"
    hant += "在軟體裡列印。\n"
    root = write_site({"content/zh-hant/print-invoice.md": hant}, language="en")
    proc = run_kbgen("translate", "content/zh-hant/print-invoice.md", "--to", "zh-Hans", cwd=root)
    assert proc.returncode == 0, proc.stderr
    draft = (root / "content/zh-hans/print-invoice.md").read_text(encoding="utf-8")
    assert _front(draft)["question"] == "如何打印发票？" and _front(draft)["id"] == "print-invoice"
    assert "在软件里打印。" in draft and "TODO（kbgen translate）" in draft


def test_no_draft_between_other_languages_and_no_file_replaced(write_site: WriteSite) -> None:
    root = write_site({"content/after-delivery/print-label.md": SOURCE}, language="zh")
    other = run_kbgen("translate", "print-label", "--to", "de", cwd=root)
    assert other.returncode == 1
    assert other.stderr.startswith("content/after-delivery/print-label.md:1: --to: ")
    assert "Simplified and Traditional Chinese only" in other.stderr and "Traceback" not in other.stderr
    same = run_kbgen("translate", "print-label", "--to", "zh-CN", cwd=root)
    assert same.returncode == 1 and "already in zh-CN" in same.stderr
    assert run_kbgen("translate", "print-label", "--to", "zh-Hant", cwd=root).returncode == 0
    again = run_kbgen("translate", "print-label", "--to", "zh-Hant", cwd=root)
    assert again.returncode == 1
    assert "content/zh-hant/after-delivery/print-label.md:1: file: already exists" in again.stderr
    missing = run_kbgen("translate", "no-such-entry", "--to", "zh-Hant", cwd=root)
    assert missing.returncode == 2 and "no entry file or id 'no-such-entry'" in missing.stderr
