"""Guard rails for writers: placeholders `kbgen new` left, channels `kbgen init` writes, a site
with no channel, ids used anywhere in the project, the new entry's language."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import WriteSite, entry, run_kbgen
from tests.helpers import front_matter


def test_check_warns_when_the_site_has_no_channel(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry()})
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 0  # a warning: the site still builds
    assert proc.stderr.splitlines()[1] == (
        "warning: mkdocs.yml:9: plugins.kbgen.contact: no contact channel; the help menu and the contact "
        "page will be empty: add a hotline number or an e-mail address"
    )


def test_init_writes_marked_example_channels_that_check_warns_about(tmp_path: Path) -> None:
    run_kbgen("init", "shop", cwd=tmp_path, check=True)
    text = (tmp_path / "shop/mkdocs.yml").read_text(encoding="utf-8")
    assert "# EXAMPLE channels: replace them" in text
    contact = yaml.safe_load(text)["plugins"][0]["kbgen"]["contact"]
    assert contact["hotline"]["number"] and contact["email"]["address"]
    proc = run_kbgen("check", cwd=tmp_path / "shop")
    assert proc.returncode == 0
    number_line = next(i for i, t in enumerate(text.splitlines(), 1) if "number:" in t)
    address_line = next(i for i, t in enumerate(text.splitlines(), 1) if "address:" in t)
    assert proc.stderr.splitlines()[1:] == [
        f"warning: mkdocs.yml:{number_line}: plugins.kbgen.contact.hotline.number: is the example "
        "kbgen init wrote; put your own number",
        f"warning: mkdocs.yml:{address_line}: plugins.kbgen.contact.email.address: is an example "
        "address; put your own",
        "warning: .github/CODEOWNERS:9: owner: '@REPLACE-WITH-YOUR-REVIEWERS' is the placeholder kbgen "
        "init wrote; put the GitHub user or team who reviews changes to mkdocs.yml, theme/, hooks, "
        "netlify.toml and .ci",
    ]
    run_kbgen("build", cwd=tmp_path / "shop", check=True)  # examples build: the menu is not empty


def test_init_asks_for_the_channels_by_option(tmp_path: Path) -> None:
    proc = run_kbgen(
        "init", "shop", "--hotline", "+44 20 7946 0000", "--email", "care@acme-coffee.co.uk", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "shop/mkdocs.yml").read_text(encoding="utf-8")
    assert "EXAMPLE" not in text
    contact = yaml.safe_load(text)["plugins"][0]["kbgen"]["contact"]
    assert contact["hotline"]["number"] == "+44 20 7946 0000"
    assert contact["email"] == {"address": "care@acme-coffee.co.uk"}
    owners = tmp_path / "shop/.github/CODEOWNERS"
    owners.write_text(owners.read_text("utf-8").replace("@REPLACE-WITH-YOUR-REVIEWERS", "@acme/web"), "utf-8")
    check = run_kbgen("check", cwd=tmp_path / "shop")
    assert check.returncode == 0 and check.stderr.startswith("ok: 1 entries")
    assert len(check.stderr.splitlines()) == 1  # no warning

    bad = run_kbgen("init", "other", "--email", "not an address", cwd=tmp_path)
    assert bad.returncode == 2 and '"not an address" is not an e-mail address' in bad.stderr
    assert not (tmp_path / "other").exists()
    only_mail = run_kbgen("init", "mail", "--email", "help@shop.test", cwd=tmp_path, check=True)
    assert "EXAMPLE" not in only_mail.stderr
    assert (
        "hotline"
        not in yaml.safe_load((tmp_path / "mail/mkdocs.yml").read_text("utf-8"))["plugins"][0]["kbgen"][
            "contact"
        ]
    )


def test_new_follows_the_site_language_and_check_flags_its_placeholders(write_site: WriteSite) -> None:
    root = write_site({}, language="zh")
    proc = run_kbgen("new", "怎么开发票？", "--stage", "ordering-and-payment", "--id", "invoice", cwd=root)
    assert proc.returncode == 0, proc.stderr
    created = root / "content/ordering-and-payment/invoice.md"
    assert front_matter(created)["summary"].startswith("TODO：")
    body = created.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "## 详细说明" in body and "Details" not in body
    check = run_kbgen("check", cwd=root)
    assert check.returncode == 1
    assert [line.split(": ")[1] for line in check.stderr.splitlines()[:-1]] == ["summary", "body"]


def test_check_flags_todo_left_in_a_body_with_its_line(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry(body="## Steps\n\n1. Open the order.\n\nTODO add the photo\n")})
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "content/a.md:11: body: still has a placeholder (TODO) 'kbgen new' wrote; write the details"
    )


def test_new_refuses_an_id_used_anywhere_in_the_project(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/after-delivery/warranty.md": entry(),
            "content/before-purchase/shipping.md": entry(stage="before-purchase", aliases="[where-we-ship]"),
            "content/after-the-order/x.md": entry(stage="after-the-order", id="track-order"),
            "content/broken.md": "---\nquestion: [unclosed\n---\n",
        }
    )
    for question, stage, extra in (
        ("Warranty?", "before-purchase", []),  # a file of another stage
        ("Where we ship?", "after-delivery", []),  # an alias
        ("Track order?", "after-delivery", []),  # another file's front-matter id
        ("Broken?", "after-delivery", []),  # a file that does not even load
        ("Anything?", "after-delivery", ["--id", "shipping"]),
    ):
        proc = run_kbgen("new", question, "--stage", stage, *extra, cwd=root)
        assert proc.returncode == 1, (question, proc.stderr)
        assert "is already used by an entry" in proc.stderr, proc.stderr
    assert sorted(p.name for p in (root / "content").rglob("*.md")) == [
        "broken.md",
        "shipping.md",
        "warranty.md",
        "x.md",
    ]
