"""A site in several languages: each language has its own llms.txt (its own answers, not those
shown untranslated there), and the root one links them."""

from __future__ import annotations

import re
from pathlib import Path

LINK = re.compile(r"^- \[(.+?)\]\((\S+?)\)(?:: (.*))?$")


def sections(text: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each H2 of an llms.txt and its list lines (title, URL, note)."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:], [])
        elif current is not None and (m := LINK.match(line)):
            current.append((m.group(1), m.group(2), m.group(3) or ""))
    return found


def test_the_root_llms_txt_links_each_languages_own(langs_site: Path) -> None:
    site = langs_site  # test_languages.py's CONFIG and FILES, built once per run
    top = sections((site / "llms.txt").read_text(encoding="utf-8"))
    assert top["Other languages"] == [
        ("简体中文", "https://help.example.com/zh-hans/llms.txt", "zh-Hans"),
        ("繁體中文", "https://help.example.com/zh-hant/llms.txt", "zh-Hant"),
    ]
    for folder, title, question in (
        ("zh-hans", "其他语言", "配送需要多久？"),
        ("zh-hant", "其他語言", "拆封的商品可以退貨嗎？"),
    ):
        own = sections((site / folder / "llms.txt").read_text(encoding="utf-8"))
        assert "Other languages" not in own and title not in own  # only the root links the others
        titles = [t for links in own.values() for t, _, _ in links]
        assert titles == [question]  # its own answers only: the others are shown untranslated there
        urls = [u for links in own.values() for _, u, _ in links]
        assert urls and all(u.startswith(f"https://help.example.com/{folder}/") for u in urls)
    # the root's own answers are the default language's, each at an address of its own folder
    root_urls = [u for name, links in top.items() if name != "Other languages" for _, u, _ in links]
    assert root_urls and not [u for u in root_urls if "/zh-han" in u]
