"""A Traditional Chinese help center: every page kbgen and Material write is in Traditional
characters and Taiwan words, the 404 page and the widget's data included."""

from __future__ import annotations

import json

import pytest

from tests.conftest import WriteSite, run_kbgen
from tests.unit.test_i18n_tables import simplified_in

ENTRY = """\
---
question: 如何退貨？
stage: after-delivery
summary: 收到商品後 30 天內可以申請退貨。
---

## 步驟

開啟訂單，選擇「申請退貨」。
"""


@pytest.mark.parametrize("language", ["zh-Hant", "zh-TW"])
def test_every_page_of_a_traditional_chinese_site_is_traditional(
    write_site: WriteSite, language: str
) -> None:
    root = write_site({"content/after-delivery/return.md": ENTRY}, language=language)
    run_kbgen("build", cwd=root, check=True)
    site = root / "site"
    pages = sorted(site.rglob("*.html"))
    assert site / "404.html" in pages and len(pages) >= 5
    found = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in text, page
        if simplified_in(text):
            found[str(page.relative_to(site))] = simplified_in(text)
    assert found == {}
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "搜尋說明中心" in home and "售後服務" in home
    (data,) = site.glob("_kbgen/widget/data*.json")
    words = json.loads(data.read_text(encoding="utf-8"))["t"]
    assert words["help_button"] == "說明"
    assert simplified_in("".join(words.values())) == []


def test_a_simplified_site_keeps_its_words(write_site: WriteSite) -> None:
    root = write_site({"content/after-delivery/return.md": ENTRY}, language="zh")
    run_kbgen("build", cwd=root, check=True)
    assert "搜索帮助中心" in (root / "site" / "index.html").read_text(encoding="utf-8")
