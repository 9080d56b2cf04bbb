"""Issue 18 (trusted files): mkdocs.yml, theme/, hooks, netlify.toml and .ci are code, not
content. `kbgen init` puts them under review with a CODEOWNERS file, and `kbgen check` warns
until its placeholder owner is replaced."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, run_kbgen

PLACEHOLDER = "@REPLACE-WITH-YOUR-REVIEWERS"


def _owned(codeowners: str) -> dict[str, str]:
    """Pattern → owner, read the way GitHub reads the file (comments and blank lines skipped)."""
    rules = [line.split() for line in codeowners.splitlines() if line.strip() and not line.startswith("#")]
    return {rule[0]: rule[1] for rule in rules}


def test_init_puts_the_trusted_files_under_review_and_check_warns_until_an_owner_is_named(
    tmp_path: Path,
) -> None:
    run_kbgen("init", "shop", "--hotline", "+44 20 7946 0000", cwd=tmp_path, check=True)
    shop = tmp_path / "shop"
    owners = shop / ".github/CODEOWNERS"
    rules = _owned(owners.read_text("utf-8"))
    for trusted in ("/mkdocs.yml", "/theme/", "/hooks/", "/netlify.toml", "/.ci/", "/.github/"):
        assert rules.get(trusted) == PLACEHOLDER, trusted
    assert not any(pattern.startswith("/content") for pattern in rules)  # writers' files stay open

    proc = run_kbgen("check", cwd=shop)
    assert proc.returncode == 0  # a warning: the site still builds
    line = next(i for i, t in enumerate(owners.read_text("utf-8").splitlines(), 1) if t.startswith("/"))
    assert proc.stderr.splitlines()[1:] == [
        f"warning: .github/CODEOWNERS:{line}: owner: '{PLACEHOLDER}' is the placeholder kbgen init "
        "wrote; put the GitHub user or team who reviews changes to mkdocs.yml, theme/, hooks, "
        "netlify.toml and .ci"
    ]

    owners.write_text(owners.read_text("utf-8").replace(PLACEHOLDER, "@acme/web-team"), "utf-8")
    proc = run_kbgen("check", cwd=shop)
    assert proc.returncode == 0
    assert len(proc.stderr.splitlines()) == 1, proc.stderr


def test_init_keeps_an_existing_codeowners(tmp_path: Path) -> None:
    shop = tmp_path / "shop"
    (shop / ".github").mkdir(parents=True)
    (shop / ".github/CODEOWNERS").write_text("* @acme/everyone\n", "utf-8")
    run_kbgen("init", "shop", cwd=tmp_path, check=True)
    assert (shop / ".github/CODEOWNERS").read_text("utf-8") == "* @acme/everyone\n"


def test_readme_says_which_files_are_code() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Trusted files", 1)[1].split("\n## ", 1)[0]
    for words in ("mkdocs.yml", "full loader", "theme/", "hooks", "netlify.toml", ".ci", "CODEOWNERS",
                  "branch protection", "fork", "secrets"):
        assert words in section, words
