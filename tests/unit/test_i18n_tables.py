"""kbgen's word tables: every language has every word, and Traditional Chinese is Traditional.

The Simplified-only characters come from OpenCC's own table (``STCharacters.txt``: a Simplified
character whose Traditional forms do not include itself, such as 个 → 個), not from kbgen.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc_purepy
import pytest

from kbgen.authoring import scaffold
from kbgen.content import placeholders
from kbgen.core import i18n, strings_zh_hant
from kbgen.widget import data as widget_data

ROOT = Path(__file__).resolve().parents[2]
PARTIALS = ROOT / "kbgen/theme/partials/languages"
OPENCC_DICTS = Path(opencc_purepy.__file__).parent / "dicts"


@cache
def simplified_only() -> frozenset[str]:
    found = set()
    for line in (OPENCC_DICTS / "STCharacters.txt").read_text(encoding="utf-8").splitlines():
        simplified, traditional = line.split("\t")
        if simplified not in traditional.split():
            found.add(simplified)
    return frozenset(found)


def simplified_in(text: str) -> list[str]:
    return sorted({c for c in text if c in simplified_only()})


def placeholders_of(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def material_keys(code: str) -> list[str]:
    import material

    text = (Path(material.__file__).parent / "templates/partials/languages" / f"{code}.html").read_text(
        "utf-8"
    )
    return re.findall(r'^\s*"([\w.]+)":', text, re.MULTILINE)


def test_the_simplified_only_list_is_real() -> None:
    assert {"个", "们", "设", "载", "网", "软"} <= simplified_only()
    assert not {"台", "里", "后", "着", "後"} & simplified_only()


@pytest.mark.parametrize("language", sorted(i18n.STRINGS))
def test_every_language_has_every_english_word_with_its_placeholders(language: str) -> None:
    table = i18n.STRINGS[language]
    missing = [key for key in i18n.STRINGS["en"] if key not in table]
    assert missing == []
    extra = {key for key in table if key not in i18n.STRINGS["en"]}
    assert extra <= (strings_zh_hant.AHEAD if language == "zh-Hant" else set())
    for key, english in i18n.STRINGS["en"].items():
        assert placeholders_of(table[key]) == placeholders_of(english), key
        assert table[key].strip(), key


@pytest.mark.parametrize("language", sorted(i18n.STRINGS))
def test_the_widget_words_exist_in_every_language(language: str) -> None:
    assert [key for key in widget_data.STRINGS if key not in i18n.STRINGS[language]] == []


def test_traditional_chinese_words_have_no_simplified_characters() -> None:
    texts = {f"STRINGS[{k!r}]": v for k, v in strings_zh_hant.STRINGS.items()}
    for stage in strings_zh_hant.DEFAULT_STAGES:
        texts[f"stage {stage.id}"] = stage.title + stage.description
    texts["new entry"] = "".join(strings_zh_hant.NEW_ENTRY_TEMPLATE.values())
    texts["init example"] = str(strings_zh_hant.EXAMPLE_ENTRY) + strings_zh_hant.EXAMPLE_HOURS
    for code in ("zh-Hant", "zh-TW"):
        texts[f"{code}.html"] = (PARTIALS / f"{code}.html").read_text(encoding="utf-8")
    assert {name: simplified_in(text) for name, text in texts.items() if simplified_in(text)} == {}


def test_traditional_chinese_words_use_taiwan_forms_and_phrases() -> None:
    """OpenCC's Taiwan tables (variants such as 為 for 爲, phrases such as 軟體 for 軟件) change
    nothing, but for 查看 ("check, look at"): everyday Taiwan usage, which OpenCC turns into the
    menu term 檢視."""
    taiwan = opencc_purepy.OpenCC("t2twp")
    kept = {k: v.replace("查看", "#") for k, v in strings_zh_hant.STRINGS.items()}
    assert {k: taiwan.convert(v) for k, v in kept.items() if taiwan.convert(v) != v} == {}
    for code in ("zh-Hant", "zh-TW"):
        text = (PARTIALS / f"{code}.html").read_text(encoding="utf-8").replace("查看", "#")
        assert taiwan.convert(text) == text


def test_traditional_chinese_is_not_the_simplified_table_converted() -> None:
    """Reviewed words, not OpenCC's output: Taiwan's words where a conversion keeps mainland ones."""
    converted = opencc_purepy.OpenCC("s2twp")
    same = [k for k, v in i18n.STRINGS["zh"].items() if converted.convert(v) == strings_zh_hant.STRINGS[k]]
    assert len(same) < len(i18n.STRINGS["zh"]) // 2
    zh_hant = strings_zh_hant.STRINGS
    assert zh_hant["best_for_form"].count("保固") == 1  # warranty: 保固, not 保修
    assert "意見" in zh_hant["feedback_send"] and "反饋" not in "".join(zh_hant.values())
    assert "透過" in zh_hant["feedback_sorry"] and "通過" not in "".join(zh_hant.values())
    assert zh_hant["channel_community"].endswith("社群")


@pytest.mark.parametrize("code", ["zh-Hant", "zh-TW"])
def test_material_words_are_overridden_for_every_key(code: str) -> None:
    ours = material_keys_of(PARTIALS / f"{code}.html")
    assert set(material_keys(code)) - set(ours) == set()
    text = (PARTIALS / f"{code}.html").read_text(encoding="utf-8")
    assert f'"language": "{code}"' in text
    assert "个" not in text and "複製" in text and "搜尋" in text


def material_keys_of(path: Path) -> list[str]:
    return re.findall(r'^\s*"([\w.]+)":', path.read_text(encoding="utf-8"), re.MULTILINE)


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("zh-Hant", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-MO", "zh-Hant"),
        ("zh_tw", "zh-Hant"), ("zh-Hant-HK", "zh-Hant"), ("ZH-HANT", "zh-Hant"),
        ("zh", "zh"), ("zh-Hans", "zh"), ("zh-CN", "zh"), ("zh-SG", "zh"), ("zh-Hans-HK", "zh"),
        ("en", "en"), ("en-GB", "en"), ("de", "en"), (None, "en"),
    ],
)  # fmt: skip
def test_language_codes_map_to_tables(code: str | None, key: str) -> None:
    assert i18n.language_key(code) == key


def test_every_language_table_is_used_by_stages_new_entries_and_init() -> None:
    for language in i18n.STRINGS:
        assert len(i18n.default_stages(language)) == 4
        assert placeholders.is_placeholder(placeholders.template(language)["summary"])
        assert language in scaffold.EXAMPLE
    assert i18n.default_stages("zh-TW")[3].title == "售後服務"
    assert i18n.strings("zh-HK")["search_button"] == "搜尋"
    assert i18n.strings("zh-CN")["search_button"] == "搜索"
