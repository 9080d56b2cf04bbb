"""Issue 18 (smaller): `kbgen new` refuses what `kbgen check` would refuse; a `site_url` that
would break the `_redirects` and `_headers` rules is refused with a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import MKDOCS_YML, WriteSite, entry, run_kbgen


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("Where\x07 is my parcel?", "contains the control character U+0007 at character 6; remove it"),
        ("Why\x1b[2J?", "contains the control character U+001B at character 4; remove it"),
        ("Line\u2028break?", "contains the control character U+2028 at character 5; remove it"),
        ("Carriage\rreturn?", "contains the control character U+000D at character 9; remove it"),
        ("Q" * 301, "is 301 characters long; the longest kbgen takes is 300"),
    ],
)
def test_new_refuses_what_check_would_refuse(write_site: WriteSite, question: str, message: str) -> None:
    root = write_site({"content/a.md": entry()})
    proc = run_kbgen("new", question, "--stage", "after-delivery", cwd=root)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"Error: Invalid value for QUESTION: {message}" in proc.stderr
    assert sorted(p.name for p in (root / "content").rglob("*.md")) == ["a.md"]


def test_new_writes_an_entry_check_reads(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry()})
    proc = run_kbgen("new", "Can I pay\tby invoice?", "--stage", "ordering-and-payment", cwd=root)
    assert proc.returncode == 0, proc.stderr
    check = run_kbgen("check", cwd=root)
    # only the placeholders are left to fill in
    assert [line.split(": ")[1] for line in check.stderr.splitlines()[:-1]] == ["summary", "body"]


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        ("https://help.example.com/my help/", "contains a space or a control character (U+0020); "
         "write %20 for a space"),
        ("https://help.example.com/help/?utm=x", "has a '?' or '#' part; give the site's address only, "
         "e.g. https://help.example.com/"),
        ("https://help.example.com/#top", "has a '?' or '#' part; give the site's address only, "
         "e.g. https://help.example.com/"),
    ],
)
def test_a_site_url_that_breaks_deploy_rules_is_refused(
    write_site: WriteSite, site_url: str, message: str
) -> None:
    config = MKDOCS_YML.format(language="en") + f"site_url: '{site_url}'\n"
    root = write_site({"content/a.md": entry()}, config=config)
    for command in ("check", "build"):
        proc = run_kbgen(command, cwd=root)
        assert proc.returncode == 1
        assert proc.stderr.splitlines()[0] == f"mkdocs.yml:10: site_url: {message}"
    assert not (root / "site").exists()


def test_plain_mkdocs_build_refuses_it_too(write_site: WriteSite) -> None:
    config = MKDOCS_YML.format(language="en") + "site_url: 'https://help.example.com/my help/'\n"
    root = write_site({"content/a.md": entry()}, config=config)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode != 0
    assert "mkdocs.yml:10: site_url: contains a space" in proc.stderr
    assert not (root / "site").exists()


def test_a_plain_site_url_with_a_path_is_fine(write_site: WriteSite) -> None:
    config = MKDOCS_YML.format(language="en") + "site_url: https://help.example.com/help/\n"
    root = write_site({"content/a.md": entry()}, config=config)
    assert run_kbgen("check", cwd=root).returncode == 0
