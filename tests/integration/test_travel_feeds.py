"""Atom feeds of new and changed answers (issue 23), validated with RFC 4287's RELAX NG schema.

The schema is RFC 4287 Appendix B (tests/data/atom.rnc), turned into RELAX NG's XML syntax by
rnc2rng and checked by libxml2 through lxml; its two Schematron rules are checked with XPath.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import rnc2rng
from lxml import etree

from tests.conftest import MKDOCS_YML, ROOT, WriteSite, entry, run_kbgen
from tests.helpers import content_entries, page
from tests.integration.test_redirects_netlify import DEMO_ORIGIN, netlify

NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.load(str(ROOT / "tests/data/atom.rnc")))
    # rnc2rng declares `namespace local = ""` as xmlns:local="", which XML forbids; the grammar
    # itself writes the empty namespace as ns="" and never uses the prefix
    rng = rng.replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def _valid(schema: etree.RelaxNG, feed: Path) -> etree._ElementTree:
    doc = etree.parse(str(feed))
    assert schema.validate(doc), f"{feed}: {schema.error_log}"
    root = doc.getroot()
    # RFC 4287's Schematron rules
    assert root.xpath("a:author", namespaces=NS) or not root.xpath("a:entry[not(a:author)]", namespaces=NS)
    for item in root.xpath("a:entry", namespaces=NS):
        assert item.xpath("a:link[@rel='alternate'] or a:link[not(@rel)] or a:content", namespaces=NS)
    return doc


def test_the_validator_refuses_a_broken_feed(atom_schema: etree.RelaxNG) -> None:
    no_id = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2026-11-02T00:00:00Z</updated></feed>'
    bad_date = b'<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>x</title><updated>2026-11-02</updated></feed>'
    assert not atom_schema.validate(etree.fromstring(no_id))
    assert not atom_schema.validate(etree.fromstring(bad_date))


def test_demo_feeds_validate_and_list_answers_newest_first(
    demo_site: Path, atom_schema: etree.RelaxNG
) -> None:
    entries = {e["id"]: e for e in content_entries(ROOT / "content")}
    whole = _valid(atom_schema, demo_site / "feed.xml").getroot()
    ids = [i.split("/")[-2] for i in whole.xpath("a:entry/a:id/text()", namespaces=NS)]
    dated = sorted((e for e in entries.values() if "updated" in e), key=lambda e: e["id"])
    dated.sort(key=lambda e: e["updated"], reverse=True)
    assert ids == [e["id"] for e in dated][:50]
    first = whole.xpath("a:entry", namespaces=NS)[0]
    assert first.findtext("a:title", namespaces=NS) == entries[ids[0]]["question"]
    assert first.findtext("a:summary", namespaces=NS) == entries[ids[0]]["summary"]
    assert first.findtext("a:updated", namespaces=NS).startswith(str(entries[ids[0]]["updated"]))
    assert whole.findtext("a:id", namespaces=NS) == f"{DEMO_ORIGIN}/feed.xml"
    for stage in ("before-purchase", "ordering-and-payment", "after-the-order", "after-delivery"):
        feed = _valid(atom_schema, demo_site / stage / "feed.xml").getroot()
        in_feed = {i.split("/")[-2] for i in feed.xpath("a:entry/a:id/text()", namespaces=NS)}
        assert in_feed == {k for k, e in entries.items() if e["stage"] == stage and "updated" in e}


def test_demo_pages_link_their_feeds(demo_site: Path) -> None:
    def feeds(url: str) -> list[str]:
        links = page(demo_site, url).find_all("link", rel="alternate", type="application/atom+xml")
        return [str(link["href"]) for link in links]

    assert feeds("") == ["feed.xml"]
    # only the site's feed: Material fetches sitemap.xml beside each alternate link, so a stage
    # feed linked in the head would make it fetch after-delivery/sitemap.xml (404)
    assert feeds("after-delivery/") == ["../feed.xml"]
    assert feeds("questions/warranty/") == ["../../feed.xml"]
    assert feeds("contact/") == ["../feed.xml"]
    answer = netlify(demo_site, ["/feed.xml"], origin=DEMO_ORIGIN, netlify_toml=ROOT / "netlify.toml")
    assert answer["headers"]["/feed.xml"]["Content-Type"] == "application/atom+xml; charset=utf-8"


def _site(write_site: WriteSite, files: dict[str, str], options: str = "") -> Path:
    config = MKDOCS_YML.format(language="en").replace("docs_dir", "site_url: https://help.test/\ndocs_dir")
    if options:
        config = config.replace("  - kbgen\n", "  - kbgen:\n" + options)
    return write_site(files, config=config)


def test_a_reason_reaches_the_feed_and_the_page_as_text(
    write_site: WriteSite, atom_schema: etree.RelaxNG
) -> None:
    reason = "new returns window: 30 → 60 days & free pickup"
    root = _site(
        write_site,
        {
            "content/after-delivery/returns.md": entry(updated=f'{{date: 2026-11-02, reason: "{reason}"}}'),
            "content/after-delivery/old.md": entry(question="Old?", updated="2026-01-05"),
        },
    )
    run_kbgen("build", cwd=root, check=True)
    feed = _valid(atom_schema, root / "site/feed.xml").getroot()
    first = feed.xpath("a:entry", namespaces=NS)[0]
    assert first.findtext("a:summary", namespaces=NS) == f"What changed: {reason}\n\nYes, within 30 days."
    assert feed.findtext("a:updated", namespaces=NS).startswith("2026-11-02")
    note = page(root / "site", "questions/returns/").find(class_="kb-updated")
    assert note is not None and note.get_text() == f"Updated 2026-11-02, what changed: {reason}"


def test_markup_in_a_reason_is_refused_with_every_problem_at_once(write_site: WriteSite) -> None:
    root = _site(
        write_site,
        {
            "content/after-delivery/a.md": entry(
                updated='{date: 2026-11-02, reason: "<script>alert(1)</script>"}'
            ),
            "content/after-delivery/b.md": entry(
                question="B?", updated='{date: 2026-11-02, reason: "<b>x</b>"}'
            ),
            "content/after-delivery/c.md": entry(question="C?", updated="{reason: no date}"),
        },
    )
    proc = run_kbgen("build", cwd=root)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    assert "content/after-delivery/a.md:5: updated: reason holds markup ('<script>alert" in out
    assert "content/after-delivery/b.md:5: updated: reason holds markup ('<b>x</b>" in out
    assert "content/after-delivery/c.md:5: updated: needs date" in out
    assert not (root / "site").exists()


def test_feeds_need_site_url_and_can_be_turned_off(write_site: WriteSite) -> None:
    root = write_site({"content/after-delivery/returns.md": entry(updated="2026-11-02")})
    run_kbgen("build", cwd=root, check=True)
    assert not (root / "site/feed.xml").exists()
    assert "atom+xml" not in (root / "site/index.html").read_text(encoding="utf-8")
    root = _site(
        write_site, {"content/after-delivery/returns.md": entry(updated="2026-11-02")}, "      feeds: false\n"
    )
    run_kbgen("build", cwd=root, check=True)
    assert not list((root / "site").rglob("feed.xml"))


def test_feeds_are_byte_identical_from_build_to_build(write_site: WriteSite) -> None:
    root = _site(write_site, {"content/after-delivery/returns.md": entry(updated="2026-11-02")})
    run_kbgen("build", cwd=root, check=True)
    first = (root / "site/feed.xml").read_bytes()
    run_kbgen("build", cwd=root, check=True)
    assert (root / "site/feed.xml").read_bytes() == first
    assert dt.date(2026, 11, 2).isoformat().encode() in first
