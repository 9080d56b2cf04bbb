"""Answers that travel: llms.txt and Markdown copies in real builds (issue 23)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import MKDOCS_YML, ROOT, WriteSite, entry, run_kbgen
from tests.helpers import content_entries
from tests.integration.test_redirects_netlify import DEMO_ORIGIN, netlify

LINK = re.compile(r"^- \[(?P<title>(?:\\.|[^\]\\])+)\]\((?P<url>[^)\s]+)\)(?:: (?P<note>.+))?$")

HOSTILE_BODY = """\
## Steps

Open <script>alert(1)</script> your order. <img src=x onerror="alert(2)">

[Bad](javascript:alert(3)) · [Good](other.md)
"""


def _config(options: str) -> str:
    """The fixtures' mkdocs.yml with these (indented) kbgen options."""
    return MKDOCS_YML.format(language="en").replace("  - kbgen\n", "  - kbgen:\n" + options)


def test_demo_llms_txt_follows_llmstxt_org_and_links_every_copy(demo_site: Path) -> None:
    text = (demo_site / "llms.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == "# Northbrew Help Center"
    assert lines[2].startswith("> Answers about Northbrew")
    entries = {e["id"]: e for e in content_entries(ROOT / "content")}
    h2 = [line[3:] for line in lines if line.startswith("## ")]
    assert h2 == ["Before you buy", "Ordering and payment", "After you order", "After delivery"]
    links = [m.groupdict() for m in map(LINK.match, lines) if m]
    assert len(links) == len(entries)
    for link in links:
        entry_id = link["url"].split("/")[-2]
        assert link["url"] == f"{DEMO_ORIGIN}/questions/{entry_id}/index.html.md"
        assert link["title"] == entries[entry_id]["question"]
        assert link["note"] == entries[entry_id]["summary"]
        copy = (demo_site / "questions" / entry_id / "index.html.md").read_text(encoding="utf-8")
        assert copy.startswith(f"# {entries[entry_id]['question']}\n\n> {entries[entry_id]['summary']}\n")
    assert not (demo_site / "llms-full.txt").exists()


def test_demo_copies_are_served_as_markdown_and_llms_txt_as_text_on_netlify(demo_site: Path) -> None:
    paths = ["/llms.txt", "/questions/warranty/index.html.md", "/questions/warranty/"]
    answer = netlify(demo_site, paths, origin=DEMO_ORIGIN, netlify_toml=ROOT / "netlify.toml")
    assert answer["headerErrors"] == []
    assert answer["headers"]["/llms.txt"]["Content-Type"] == "text/plain; charset=utf-8"
    assert (
        answer["headers"]["/questions/warranty/index.html.md"]["Content-Type"]
        == "text/markdown; charset=utf-8"
    )
    assert "Content-Type" not in answer["headers"]["/questions/warranty/"]
    assert answer["responses"]["/questions/warranty/index.html.md"]["status"] == 200


def test_copies_carry_the_pages_sanitizing_and_link_copies(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/after-delivery/returns.md": entry(body=HOSTILE_BODY),
            "content/after-delivery/other.md": entry(question="Who pays return shipping?", summary="We do."),
        },
        config=_config("      llms_full: true\n"),
    )
    run_kbgen("build", cwd=root, check=True)
    site = root / "site"
    copy = (site / "questions/returns/index.html.md").read_text(encoding="utf-8")
    assert "<script" not in copy and "<img" not in copy and "&lt;script>alert(1)" in copy
    assert "javascript:" not in copy
    assert "[Good](../other/index.html.md)" in copy
    full = (site / "llms-full.txt").read_text(encoding="utf-8")
    assert "## Can I return an opened item?" in full and "## Who pays return shipping?" in full
    assert "<script" not in full
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert "- [llms-full.txt](llms-full.txt)" in llms.split("## Optional")[1]


def test_llms_txt_off_writes_nothing(write_site: WriteSite) -> None:
    root = write_site(
        {"content/after-delivery/returns.md": entry()}, config=_config("      llms_txt: false\n")
    )
    run_kbgen("build", cwd=root, check=True)
    site = root / "site"
    assert not (site / "llms.txt").exists()
    assert not list(site.rglob("*.md"))
    assert "Content-Type" not in (site / "_headers").read_text(encoding="utf-8")


def test_llms_full_without_llms_txt_is_refused_with_the_line(write_site: WriteSite) -> None:
    root = write_site(
        {"content/after-delivery/returns.md": entry()},
        config=_config("      llms_txt: false\n      llms_full: true\n"),
    )
    proc = run_kbgen("build", cwd=root)
    assert proc.returncode != 0
    assert "mkdocs.yml:" in proc.stderr + proc.stdout and "plugins.kbgen.llms_full: needs llms_txt" in (
        proc.stderr + proc.stdout
    )
    assert "Traceback" not in proc.stderr
