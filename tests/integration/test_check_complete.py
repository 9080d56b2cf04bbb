"""Issue 21 (#5, #6): `kbgen check` reports every problem in one run, and misses none.

A project with eight faulty files needed three runs on the old code (cross-references were
only checked once a file's own fields were valid; leftover `kbgen new` placeholders only when
nothing else was wrong). One run must now list them all, and say when a problem hides others.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import WriteSite, entry, run_kbgen

CATALOG = (
    "- id: aero\n  name: Aero\n  summary: Espresso machine.\n  url: https://shop.example/aero\n"
    "- id: duo\n  name: Duo\n  summary: Two cups.\n  url: javascript:alert(1)\n"
    "  compatible_with: [aero, no-such-machine]\n"
)

FILES = {
    # a wrong stage, and a related entry that does not exist
    "content/a.md": entry(stage="after-lunch", related="[no-such-entry]"),
    # no summary, and an unknown product
    "content/b.md": "---\nquestion: Does it fit?\nstage: before-purchase\nproducts: [aeroo]\n---\n\nB.\n",
    # still the placeholder `kbgen new` wrote
    "content/c.md": entry(summary="'TODO: the short answer in one or two sentences.'"),
    # an unclosed [ on line 6
    "content/d.md": (
        "---\nquestion: Is it broken?\nstage: after-delivery\nsummary: Yes.\nproducts: []\n"
        "keywords: [one, two\n---\n\nSee [the setup](f.md#setting-up).\n"
    ),
    # a link to a heading another entry does not have (and one to a heading it has)
    "content/e.md": entry(body="See [setup](f.md#setting-up) and [this](f.md#no-such-heading).\n"),
    # a field of the wrong type, and a TODO left in the body
    "content/f.md": entry(order="soon", body="## Setting up\n\nTODO: steps go here.\n"),
    # an unknown field; its link to d.md and its related d are fine (d.md exists)
    "content/g.md": entry(colour="blue", related="[d]", body="Read [d](d.md).\n"),
    # an alias that is another entry's id, and a date that is not one
    "content/h.md": entry(aliases="[a]", updated="tomorrow"),
    "content/products.yml": CATALOG,
}

EXPECTED = [
    "content/a.md:3: stage: unknown stage 'after-lunch'; use one of: before-purchase, "
    "ordering-and-payment, after-the-order, after-delivery",
    "content/a.md:5: related: unknown entry 'no-such-entry'",
    "content/b.md:1: summary: is required but missing",
    "content/b.md:4: products: unknown product 'aeroo'; did you mean 'aero'?",
    "content/c.md:4: summary: is still the placeholder 'kbgen new' wrote; write the short answer",
    "content/d.md:6: front matter: invalid YAML: did not find expected ',' or ']' "
    "(the list opened with '[' on this line is not closed)",
    "content/e.md:7: body: link 'f.md#no-such-heading' goes to a heading content/f.md does not have "
    "(its headings: #setting-up)",
    "content/f.md:5: order: must be a whole number, not text ('soon')",
    "content/f.md:10: body: still has a placeholder (TODO) 'kbgen new' wrote; write the details",
    "content/g.md:5: colour: unknown field; known fields: id, question, stage, summary, keywords, "
    "products, related, aliases, updated, order, popular",
    "content/h.md:5: aliases: 'a' is the id of content/a.md; an alias must be an old id that no "
    "entry uses now",
    "content/h.md:6: updated: must be a date written YYYY-MM-DD, not text ('tomorrow')",
    "content/products.yml:8: duo.url: 'javascript:alert(1)' is not allowed: use an absolute "
    "https:// (or http://) address",
    "content/products.yml:9: duo.compatible_with: unknown product 'no-such-machine'",
]


def test_one_run_lists_every_problem_of_eight_faulty_files(write_site: WriteSite) -> None:
    root = write_site(FILES)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[:-1] == EXPECTED
    # d.md's fields wait until its YAML is fixed: the summary says more checks will follow
    assert lines[-1] == f"{len(EXPECTED)} problems found; more checks run once these are fixed."


def test_without_a_hidden_file_the_summary_promises_nothing_more(write_site: WriteSite) -> None:
    files = {k: v for k, v in FILES.items() if k != "content/d.md"}
    files["content/g.md"] = entry(colour="blue")
    root = write_site(files)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[-1] == f"{len(EXPECTED) - 1} problems found."


def test_a_broken_mkdocs_yml_says_the_content_waits(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry()}, config="site_name: [x\n")
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1] == "1 problem found; more checks run once these are fixed."


def test_build_refuses_a_link_to_a_missing_heading_before_writing_anything(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/e.md": entry(body="See [this](f.md#no-such-heading).\n"),
            "content/f.md": entry(question="Setup?", body="## Setting up\n\nSteps.\n"),
        }
    )
    proc = run_kbgen("build", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "content/e.md:7: body: link 'f.md#no-such-heading' goes to a heading content/f.md does not have "
        "(its headings: #setting-up)"
    )
    assert not Path(root / "site").exists()
