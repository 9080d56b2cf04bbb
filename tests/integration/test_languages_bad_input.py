"""Bad input of a site in several languages: what would leave a hreflang pointing to nothing (a
stage whose id is a language's folder, a folder of translations in a language the site does not
list), and every language's problems in one run. Each is one ``path:line: field: message``."""

from __future__ import annotations

from tests.conftest import WriteSite, entry, run_kbgen
from tests.integration.test_languages import CONFIG

STAGES = """\
      stages:
        - {id: before-purchase, title: Before you buy, description: Prices.}
        - {id: zh-hant, title: Taiwan, description: Shipping to Taiwan.}
"""


def test_a_stage_named_like_a_languages_folder_is_refused_at_its_line(write_site: WriteSite) -> None:
    config = CONFIG.replace("      contact:\n", STAGES + "      contact:\n", 1)
    root = write_site({"content/a.md": entry(stage="before-purchase")}, config=config)
    lines = config.splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "{id: zh-hant" in text)
    for command in ("check", "build"):
        proc = run_kbgen(command, cwd=root)
        assert proc.returncode == 1, proc.stderr
        assert (
            f"mkdocs.yml:{line}: plugins.kbgen.stages[2].id: 'zh-hant' is also the folder of zh-Hant"
            in proc.stderr
        )
        assert "Traceback" not in proc.stderr
    assert not (root / "site").exists()


def test_a_folder_of_an_unlisted_language_is_one_problem_beside_the_others(write_site: WriteSite) -> None:
    config = CONFIG.replace("[en, zh-Hans, zh-Hant]", "[en, zh-Hans]")
    root = write_site(
        {
            "content/a.md": entry(),
            "content/zh-hans/x.md": entry(question="X?"),  # a translation of nothing
            "content/zh-hant/a.md": entry(question="甲？", source_version='"0123456789"'),
            "content/zh-hant/b.md": entry(question="乙？", id="a"),
        },
        config=config.replace("        zh-Hant:\n          site_name: 測試商店 說明中心\n", "").replace(
            "          contact:\n            hotline: {hours: 週一至週五 9–17}\n", ""
        ),
    )
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1, proc.stderr
    problems = [line for line in proc.stderr.splitlines() if line.startswith("content/")]
    assert problems == [
        "content/zh-hans/x.md:1: id: 'x' translates no entry: content/ has no entry with this id "
        "(a translation has the id of its source)",
        "content/zh-hant:1: folder: holds zh-Hant translations, but zh-Hant is not in "
        "plugins.kbgen.languages (en, zh-Hans): its pages and hreflang links would point to "
        "nothing; add zh-Hant there or move the folder",
    ]  # not a duplicate id, nor an unknown source_version, per file of the folder
    assert "Traceback" not in proc.stderr


def test_the_default_languages_problems_and_the_translations_come_in_one_run(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/a.md": entry(),
            "content/b.md": entry(question="B?", stage="nowhere"),  # a problem of its own
            "content/zh-hant/x.md": entry(question="X?"),  # a translation of nothing
            "content/zh-hant/b.md": entry(question="乙？", body="見[甲](a.md)。\n"),  # b's: not an orphan
            "content/zh-hans/a.md": entry(question="甲？"),
            "content/zh-hans/again.md": entry(question="甲二？", id="a"),
        },
        config=CONFIG,
    )
    for command in ("check", "build"):
        proc = run_kbgen(command, cwd=root)
        assert proc.returncode == 1, proc.stderr
        problems = [line for line in proc.stderr.splitlines() if line.startswith("content/")]
        assert [p.split(": ", 2)[:2] for p in problems] == [
            ["content/b.md:3", "stage"],
            ["content/zh-hans/again.md:5", "id"],  # its id: line
            ["content/zh-hant/x.md:1", "id"],
        ], problems
        assert "duplicate id 'a'" in problems[1] and "'x' translates no entry" in problems[2]
        assert "Traceback" not in proc.stderr
    assert not (root / "site").exists()
