"""A project's strings file (kbgen/content/wording.py): checked line by line, applied by language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbgen.content import wording
from kbgen.core.errors import ContentError


def _load(tmp_path: Path, text: str) -> wording.Wording:
    path = tmp_path / "strings.yml"
    path.write_text(text, encoding="utf-8")
    return wording.load(path, "strings.yml")


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        _load(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def test_every_problem_of_the_file_at_once_with_its_line_and_key(tmp_path: Path) -> None:
    text = (
        "de:\n"
        "  site_title: Hilfe-Center\n"
        "  serch_label: Suche\n"  # 3: unknown key
        "  search_button: 5\n"  # 4: not text
        '  search_count: "{n} Treffer"\n'  # 5: {q} missing
        '  search_none: "Nichts für {query}"\n'  # 6: unknown placeholder
        '  all_questions: "Alle {n"\n'  # 7: a lone brace
        "site_title: Help\n"  # 8: a word outside any language
        "fr: [a, b]\n"  # 9: not a mapping
    )
    assert _problems(tmp_path, text) == [
        "strings.yml:3: de.serch_label: unknown key; did you mean search_label?",
        "strings.yml:4: de.search_button: must be text (quote it if it starts with { or :)",
        "strings.yml:5: de.search_count: must keep {q} (kbgen fills it in)",
        "strings.yml:6: de.search_none: must keep {q} (kbgen fills it in); "
        "{query} is not filled in here; this text has {q}",
        "strings.yml:7: de.all_questions: has a '{' or '}' that is not a {placeholder}; "
        "write {{ or }} for a brace",
        "strings.yml:8: site_title: is not a language code; put words under one, e.g. 'de:'",
        "strings.yml:9: fr: must hold words: key: text",
    ]


def test_yaml_errors_and_a_file_that_is_no_mapping(tmp_path: Path) -> None:
    assert _problems(tmp_path, "de:\n  site_title: [unclosed\n")[0].startswith("strings.yml:")
    assert _problems(tmp_path, "- de\n") == [
        "strings.yml:1: file: must map language codes to words, e.g. 'de:'"
    ]


def test_the_most_specific_section_wins_and_kbgen_words_fill_the_rest(tmp_path: Path) -> None:
    found = _load(
        tmp_path,
        "de:\n  home: Start\n  search_button: Suchen\nde-CH:\n  home: Startseite\nen:\n  home: Front page\n",
    )
    assert found.for_language("de-CH") == {"home": "Startseite", "search_button": "Suchen"}
    assert found.for_language("de_ch")["home"] == "Startseite"
    assert found.for_language("de") == {"home": "Start", "search_button": "Suchen"}
    assert wording.words("de", found)["home"] == "Start"
    assert wording.words("de", found)["contact_title"] == "Contact us"  # English where none is given
    assert wording.words("en", found)["home"] == "Front page"
    assert wording.words("zh-TW", found)["home"] == "首頁"


def test_what_is_left_in_english(tmp_path: Path) -> None:
    found = _load(tmp_path, "de:\n  home: Start\n")
    assert "home" not in wording.missing("de", found) and "search_button" in wording.missing("de", found)
    assert wording.missing("de", None)[0] == "site_title"
    assert wording.missing("zh-Hant", None) == [] and wording.missing("en-GB", None) == []


def test_the_template_reads_back_as_an_empty_section_and_lists_every_english_text(tmp_path: Path) -> None:
    text = wording.template("de")
    assert _load(tmp_path, text).for_language("de") == {}
    assert text.count("\n  # ") == len(wording.i18n.STRINGS["en"])
    uncommented = text.replace("  # search_count:", "  search_count:")
    assert _load(tmp_path, uncommented).for_language("de") == {"search_count": "{n} results for “{q}”"}
