"""The demo help center, built for real with `kbgen build`, checked page by page."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import content_entries, json_ld, page

STAGES = ["before-purchase", "ordering-and-payment", "after-the-order", "after-delivery"]


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


@pytest.fixture(scope="module")
def entries() -> list[dict[str, object]]:
    return content_entries(ROOT / "content")


def test_demo_content_is_big_enough(entries: list[dict[str, object]]) -> None:
    per_stage = Counter(e["stage"] for e in entries)
    assert len(entries) >= 40
    assert set(per_stage) == set(STAGES)
    assert min(per_stage.values()) >= 8
    import yaml

    products = yaml.safe_load((ROOT / "content/products.yml").read_text(encoding="utf-8"))
    assert len(products) >= 8
    assert any(p.get("compatible_with") for p in products)
    assert any(p.get("accessories") for p in products)


def test_every_entry_has_a_layered_page(site: Path, entries: list[dict[str, object]]) -> None:
    for e in entries:
        soup = page(site, f"questions/{e['id']}")
        assert soup.h1 is not None and soup.h1.get_text(strip=True) == e["question"]
        layers = [s.get("class", [])[1] for s in soup.select(".kb-entry > section.kb-layer")]
        # short answer first, then details (if any), ..., contact, feedback last
        assert layers[0] == "kb-answer"
        assert layers[-2:] == ["kb-contact", "kb-feedback"]
        assert soup.select_one(".kb-answer__text").get_text(strip=True) == " ".join(str(e["summary"]).split())
        crumbs = [a["href"] for a in soup.select(".kb-breadcrumbs a")]
        assert crumbs == ["../../", f"../../{e['stage']}/"]
        ld = json_ld(soup)
        assert ld[0]["@type"] == "FAQPage"
        assert ld[0]["mainEntity"][0]["name"] == e["question"]
        assert ld[0]["mainEntity"][0]["acceptedAnswer"]["text"].startswith(str(e["summary"]).strip())
        related = [a["href"] for a in soup.select(".kb-related a")]
        assert related == [f"../{r}/" for r in e.get("related", [])]  # type: ignore[attr-defined]
        assert soup.find("meta", attrs={"name": "description"})["content"] == str(e["summary"]).strip()


def test_every_stage_page_lists_its_questions(site: Path, entries: list[dict[str, object]]) -> None:
    for stage in STAGES:
        soup = page(site, stage)
        listed = {li["data-entry-id"] for li in soup.select(".kb-questions li")}
        assert listed == {e["id"] for e in entries if e["stage"] == stage}
        faq = json_ld(soup)[0]
        assert {q["name"] for q in faq["mainEntity"]} == {
            e["question"] for e in entries if e["stage"] == stage
        }


def test_home_has_search_first_stage_cards_popular_and_contact(
    site: Path, entries: list[dict[str, object]]
) -> None:
    soup = page(site, "")
    main = soup.select_one(".md-content")
    first_control = main.find(["input", "a", "button"])
    assert first_control.name == "input" and first_control["type"] == "search"
    assert [c["data-stage-id"] for c in main.select(".kb-card")] == STAGES
    popular = {e["id"] for e in entries if e.get("popular")}
    shown = [li["data-entry-id"] for li in main.select("#kb-popular-h + ul li")]
    assert shown and set(shown) <= popular
    assert main.select_one(".kb-contact-strip a")["href"] == "contact/"


def test_navigation_lists_stages_not_questions(site: Path) -> None:
    soup = page(site, "questions/" + next((site / "questions").iterdir()).name)
    nav_links = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert len(nav_links) <= 8
    assert "Before you buy" in nav_links and "After delivery" in nav_links


def test_nothing_generated_into_content() -> None:
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored", "content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "!!" not in status, status


def test_sitemap_lists_every_entry(site: Path, entries: list[dict[str, object]]) -> None:
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    for e in entries:
        assert f"https://help.northbrew.example/questions/{e['id']}/" in locs
