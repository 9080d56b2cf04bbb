"""A project's own words: `kbgen init --language de` and `kbgen check` say how to supply them,
and the words of strings.yml show on the built pages and in the widget."""

from __future__ import annotations

import json
from pathlib import Path

from kbgen.core import i18n
from tests.conftest import WriteSite, entry, run_kbgen


def test_init_in_a_language_kbgen_has_no_words_for_writes_a_strings_file_and_warns(tmp_path: Path) -> None:
    proc = run_kbgen("init", "help", "--language", "de", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "created help/strings.yml" in proc.stdout
    assert "warning: kbgen has no words in 'de'" in proc.stderr
    check = run_kbgen("check", cwd=tmp_path / "help")
    assert check.returncode == 0, check.stderr
    total = len(i18n.STRINGS["en"])  # every text of kbgen's English table shows in English
    warning = f"warning: mkdocs.yml:8: theme.language: kbgen has no words in 'de': {total} of its {total}"
    warning += " texts"
    assert warning + " show in English" in check.stderr
    assert "translate them in strings.yml beside mkdocs.yml under 'de:'" in check.stderr


def test_init_in_english_or_chinese_writes_no_strings_file(tmp_path: Path) -> None:
    for language in ("en", "zh-TW"):
        proc = run_kbgen("init", language, "--language", language, cwd=tmp_path)
        assert proc.returncode == 0 and "no words" not in proc.stderr
        assert not (tmp_path / language / "strings.yml").exists()
    example = (tmp_path / "zh-TW/content/after-delivery/return-an-item.md").read_text(encoding="utf-8")
    assert "如何退貨？" in example and "列印" in example  # Taiwan's words, not the Simplified example
    check = run_kbgen("check", cwd=tmp_path / "zh-TW")
    assert check.returncode == 0 and "no words" not in check.stderr


def test_the_strings_file_words_show_on_pages_and_in_the_widget(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/after-delivery/return.md": entry(),
            "strings.yml": 'en:\n  contact_title: Talk to us\n  search_label: "Ask the shop"\n',
        }
    )
    proc = run_kbgen("build", cwd=root)
    assert proc.returncode == 0, proc.stderr
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "Ask the shop" in home
    assert "Talk to us" in (root / "site/contact/index.html").read_text(encoding="utf-8")
    (data,) = (root / "site/_kbgen/widget").glob("data*.json")
    assert json.loads(data.read_text(encoding="utf-8"))["t"]["search_label"] == "Ask the shop"


def test_a_faulty_strings_file_stops_check_and_build_with_every_problem(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/after-delivery/return.md": entry(),
            "strings.yml": 'en:\n  serch_label: Find\n  search_count: "{n} hits"\n',
        }
    )
    for command in ("check", "build"):
        proc = run_kbgen(command, cwd=root)
        assert proc.returncode == 1
        assert "strings.yml:2: en.serch_label: unknown key; did you mean search_label?" in proc.stderr
        assert "strings.yml:3: en.search_count: must keep {q} (kbgen fills it in)" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert not (root / "site").exists()


def test_a_named_strings_file_must_exist(write_site: WriteSite) -> None:
    config = "site_name: T\ndocs_dir: content\ntheme:\n  name: material\n"
    config += "plugins:\n  - kbgen:\n      strings: words.yml\n"
    root = write_site({"content/after-delivery/return.md": entry()}, config=config)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "mkdocs.yml:7: plugins.kbgen.strings: 'words.yml' does not exist" in proc.stderr


def test_the_widget_speaks_the_language_strings_yml_gives_words_in(write_site: WriteSite) -> None:
    root = write_site(
        {"content/after-delivery/return.md": entry(), "strings.yml": "de:\n  help_button: Hilfe\n"},
        language="de",
    )
    assert run_kbgen("build", cwd=root).returncode == 0
    (data,) = (root / "site/_kbgen/widget").glob("data*.json")
    words = json.loads(data.read_text(encoding="utf-8"))
    assert words["lang"] == "de" and words["t"]["help_button"] == "Hilfe"
