"""Product pages, the products index and the "Works with" panels of real builds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, WriteSite, entry, run_kbgen
from tests.helpers import content_entries, json_ld, page


@pytest.fixture(scope="module")
def catalog() -> list[dict[str, Any]]:
    data = yaml.safe_load((ROOT / "content/products.yml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _listed(site: Path, product: str, rel: str) -> dict[str, str]:
    """Product ids (→ the text of their item) in one section of a product page."""
    soup = page(site, f"products/{product}")
    return {
        li["data-product-id"]: li.get_text(" ", strip=True)
        for li in soup.select(f".kb-product__rel[data-rel={rel}] li")
    }


def test_every_catalog_link_shows_on_both_ends(demo_site: Path, catalog: list[dict[str, Any]]) -> None:
    assert any(p.get("incompatible_with") for p in catalog)
    checked = 0
    for p in catalog:
        for other in p.get("compatible_with", []):
            assert other in _listed(demo_site, p["id"], "compatible"), (p["id"], other)
            assert p["id"] in _listed(demo_site, other, "compatible"), (other, p["id"])
            checked += 1
        for acc in p.get("accessories", []):
            assert acc in _listed(demo_site, p["id"], "accessories"), (p["id"], acc)
            assert p["id"] in _listed(demo_site, acc, "accessory-for"), (acc, p["id"])
            checked += 1
        for item in p.get("incompatible_with", []):
            assert item["reason"] in _listed(demo_site, p["id"], "incompatible")[item["id"]]
            assert item["reason"] in _listed(demo_site, item["id"], "incompatible")[p["id"]]
            checked += 1
    assert checked > 40


def test_product_page_has_name_image_buy_link_and_questions_by_stage(
    demo_site: Path, catalog: list[dict[str, Any]]
) -> None:
    entries = content_entries(ROOT / "content")
    for p in catalog:
        soup = page(demo_site, f"products/{p['id']}")
        assert soup.h1.get_text(strip=True) == p["name"]
        assert soup.select_one(".kb-product .kb-lead").get_text(strip=True) == " ".join(p["summary"].split())
        assert soup.select_one("a.kb-product__buy")["href"] == p["url"]
        img = soup.select_one("img.kb-product__image")
        assert img["src"] == f"../../{p['image']}"
        assert (demo_site / p["image"]).is_file()  # served by the site itself
        naming = {e["id"]: e["stage"] for e in entries if p["id"] in e.get("products", [])}
        shown = {
            li["data-entry-id"]: section["data-stage-id"]
            for section in soup.select(".kb-product__stage")
            for li in section.select("li")
        }
        assert shown == naming, p["id"]
        for a in soup.select(".kb-product__stage li a"):
            assert a["href"].startswith("../../questions/")
        ld = json_ld(soup)[0]
        assert (ld["@type"], ld["name"], ld["url"]) == ("Product", p["name"], p["url"])
        assert ld["image"] == f"https://help.northbrew.example/{p['image']}"


def test_every_entry_naming_a_product_links_to_its_page_and_shop(
    demo_site: Path, catalog: list[dict[str, Any]]
) -> None:
    shop = {p["id"]: p["url"] for p in catalog}
    linked: dict[str, set[str]] = {p["id"]: set() for p in catalog}  # every product it works with
    for p in catalog:
        for other in [*p.get("compatible_with", []), *p.get("accessories", [])]:
            linked[p["id"]].add(other)
            linked[other].add(p["id"])
    entries = [e for e in content_entries(ROOT / "content") if e.get("products")]
    assert len(entries) >= 10
    for e in entries:
        soup = page(demo_site, f"questions/{e['id']}")
        panel = soup.select_one(".kb-entry aside.kb-works-with")
        assert panel is not None, e["id"]
        # right after the short answer, before the details
        assert panel.find_previous_sibling("section")["class"][1] == "kb-answer"
        items = panel.select(".kb-works-with__list > li")
        assert [li["data-product-id"] for li in items] == e["products"]
        for li in items:
            pid = li["data-product-id"]
            assert li.select_one("a.kb-works-with__name")["href"] == f"../../products/{pid}/"
            assert li.select_one("a.kb-works-with__shop")["href"] == shop[pid]
            items = li.select(".kb-works-with__item")
            assert {item["data-product-id"] for item in items} == linked[pid], (e["id"], pid)
            for item in items:
                links = [a["href"] for a in item.select("a")]
                assert links == [f"../../products/{item['data-product-id']}/", shop[item["data-product-id"]]]


def test_index_groups_every_product_once_and_has_the_lookup(
    demo_site: Path, catalog: list[dict[str, Any]]
) -> None:
    soup = page(demo_site, "products")
    listed = [li["data-product-id"] for li in soup.select(".kb-product-group li")]
    assert sorted(listed) == sorted(p["id"] for p in catalog)
    groups = {g["data-group"]: g for g in soup.select(".kb-product-group")}
    assert {"pico-espresso", "aero-one"} <= {li["data-product-id"] for li in groups["main"].select("li")}
    assert "tamper-58" in {li["data-product-id"] for li in groups["addons"].select("li")}
    data = json.loads(soup.select_one("script#kb-compat-data").string)
    assert [p["id"] for p in data["products"]] == [p["id"] for p in catalog]
    assert data["products"][0]["url"] == f"{catalog[0]['id']}/"
    rows = soup.select(".kb-compat__table tbody tr")
    no = {(r["data-a"], r["data-b"]) for r in rows if r["data-answer"] == "no"}
    assert ("pico-espresso", "tamper-58") in no
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert nav.index("Products") == nav.index("Contact us") - 1


def test_graph_command_prints_text_and_mermaid(catalog: list[dict[str, Any]]) -> None:
    text = run_kbgen("graph", cwd=ROOT, check=True).stdout
    assert text.splitlines()[0] == f"{catalog[0]['id']}  ({catalog[0]['name']})"
    assert "  not with: tamper-58 (Different group head size;" in text
    mermaid = run_kbgen("graph", "--mermaid", cwd=ROOT, check=True).stdout.splitlines()
    assert mermaid[0] == "flowchart LR"
    assert '  p_aero_one -->|"accessory"| p_tamper_58' in mermaid
    assert any(line.startswith("  p_pico_espresso -.-|") and "p_tamper_58" in line for line in mermaid)


HOSTILE = "<script>alert(1)</script> & </script><b>"


def test_product_text_is_escaped_everywhere(write_site: WriteSite) -> None:
    catalog = (
        f"- id: a\n  name: '{HOSTILE} A'\n  summary: '{HOSTILE}'\n  url: https://shop.example/a\n"
        f"  incompatible_with:\n    - id: b\n      reason: '{HOSTILE} reason'\n"
        f"- id: b\n  name: '{HOSTILE} B'\n  summary: S.\n  url: https://shop.example/b?x=1&y=2\n"
        "  accessories: [c]\n"
        "- id: c\n  name: C\n  summary: S.\n  url: https://shop.example/c\n"
    )
    root = write_site({"content/q.md": entry(products="[a, b]"), "content/products.yml": catalog})
    run_kbgen("build", cwd=root, check=True)
    site = root / "site"
    for url in ["products/a", "products/b", "products/c", "products", "questions/q"]:
        raw = (site / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in raw, url
        assert "</script><b>" not in raw, url
        assert not page(site, url).find_all("b"), url
    assert page(site, "products/a").h1.get_text() == f"{HOSTILE} A"
    assert json_ld(page(site, "products/a"))[0]["name"] == f"{HOSTILE} A"
    assert _listed(site, "b", "incompatible")["a"].endswith(f"{HOSTILE} reason")
    data = json.loads(page(site, "products").select_one("#kb-compat-data").string)
    assert data["incompatible"] == [[0, 1, f"{HOSTILE} reason"]]
    assert page(site, "questions/q").select_one(".kb-works-with__name").get_text() == f"{HOSTILE} A"
    assert _listed(site, "c", "accessory-for")["b"].startswith(f"{HOSTILE} B")
    assert page(site, "products/b").select_one(".kb-product__buy")["href"] == "https://shop.example/b?x=1&y=2"


def test_no_catalog_no_product_pages(write_site: WriteSite) -> None:
    root = write_site({"content/q.md": entry()})
    run_kbgen("build", cwd=root, check=True)
    assert not (root / "site/products").exists()
    nav = [a.get_text(strip=True) for a in page(root / "site", "").select("nav.md-nav--primary a")]
    assert "Products" not in nav


def test_graph_without_catalog_says_so(write_site: WriteSite) -> None:
    root = write_site({"content/q.md": entry()})
    proc = run_kbgen("graph", cwd=root)
    assert proc.returncode == 0
    assert proc.stdout == ""
    assert proc.stderr == "content/products.yml: no products\n"
