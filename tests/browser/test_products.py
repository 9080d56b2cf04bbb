"""A shopper checks what fits, in a real Chromium: the lookup, product pages, the "Works with" panel."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser


def _pick(page: Page, first: str, second: str) -> None:
    page.get_by_label("First product").select_option(label=first)
    page.get_by_label("Second product").select_option(label=second)
    page.get_by_role("button", name="Check").click()


@pytest.mark.parametrize(
    ("first", "second", "answer", "verdict", "reason"),
    [
        (
            "Aqua filter cartridge (3-pack)",
            "Pico espresso machine",
            "yes",
            "Yes: Aqua filter cartridge (3-pack) works with Pico espresso machine.",
            None,
        ),
        (
            "Pico espresso machine",
            "FrothMate milk frother",
            "yes",
            "Yes: FrothMate milk frother is an accessory for Pico espresso machine.",
            None,
        ),
        (
            "Steel tamper 58.5 mm",
            "Pico espresso machine",
            "no",
            "No: Steel tamper 58.5 mm does not work with Pico espresso machine.",
            "Reason: Different group head size; a 58.5 mm tamper does not fit the Pico's 51 mm baskets.",
        ),
        (
            "FrothMate milk frother",
            "Trek hand grinder",
            "unknown",
            "We don't know whether FrothMate milk frother works with Trek hand grinder. "
            "Ask us before you buy.",
            None,
        ),
    ],
)
def test_lookup_answers_yes_no_and_unknown(
    tab: Tab, first: str, second: str, answer: str, verdict: str, reason: str | None
) -> None:
    page = tab.open("products/")
    _pick(page, first, second)
    result = page.get_by_role("status")
    expect(result).to_have_attribute("data-answer", answer)
    expect(result.locator(".kb-compat__verdict")).to_have_text(verdict)
    if reason:
        expect(result.locator(".kb-compat__reason")).to_have_text(reason)
    else:
        expect(result.locator(".kb-compat__reason")).to_have_count(0)
    result.get_by_role("link", name=second, exact=True).click()
    expect(page.locator("h1")).to_have_text(second)
    assert not tab.errors


def test_from_a_product_page_to_the_lookup_and_back(tab: Tab) -> None:
    page = tab.open("products/pico-espresso/")
    page.get_by_role("link", name="Check what works with this product").click()
    expect(page.get_by_label("First product")).to_have_value("pico-espresso")
    page.get_by_label("Second product").select_option("basket-set-58")
    expect(page.get_by_role("status")).to_have_attribute("data-answer", "no")
    same = page.get_by_label("Second product")
    same.select_option("pico-espresso")
    expect(page.get_by_role("status")).to_have_text("Choose two different products.")
    assert not tab.errors


def test_works_with_panel_leads_to_the_product_and_keeps_the_answer_on_top(tab: Tab) -> None:
    page = tab.open("questions/how-to-descale/")
    answer = page.locator(".kb-answer").bounding_box()
    panel = page.locator(".kb-works-with")
    box = panel.bounding_box()
    assert answer and box and answer["y"] < box["y"] and box["height"] < 260, box
    item = panel.locator("li[data-product-id=aero-one]")
    item.locator("summary").click()
    expect(item.get_by_role("link", name="Steel tamper 58.5 mm")).to_be_visible()
    item.get_by_role("link", name="Aero One espresso machine").click()
    expect(page).to_have_url(tab.base + "products/aero-one/")
    expect(page.locator(".kb-product__buy")).to_have_attribute(
        "href", "https://shop.example.com/products/aero-one"
    )


def test_product_pages_make_no_foreign_requests(tab: Tab) -> None:
    for path in ["products/", "products/pico-espresso/", "products/tamper-58/"]:
        tab.open(path).wait_for_load_state("networkidle")
        image = tab.page.locator("img").first
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert tab.foreign_requests() == []
    assert not tab.errors


def test_without_javascript_the_table_answers(browser: Browser, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_url + "products/")
        expect(page.locator("form.kb-compat__form")).to_be_hidden()
        page.get_by_text("All known combinations").click()
        row = page.locator("tr[data-a=pico-espresso][data-b=tamper-58]")
        expect(row).to_be_visible()
        expect(row).to_contain_text("Different group head size")
    finally:
        context.close()


def test_search_finds_a_product_page_by_name(tab: Tab) -> None:
    from urllib.parse import quote

    import yaml

    from tests.conftest import ROOT

    catalog = yaml.safe_load((ROOT / "content/products.yml").read_text(encoding="utf-8"))
    product = next(p for p in catalog if p["id"] == "grindline-g40")
    page = tab.open(f"search/?q={quote(product['name'])}")
    hit = page.locator(f"#kb-search-results a[data-product-id='{product['id']}']")
    expect(hit).to_be_visible()
    expect(hit.locator(".kb-result__stage")).to_have_text("Products")
    assert hit.get_attribute("data-entry-id") is None  # entries keep data-entry-id to themselves
    hit.click()
    expect(page).to_have_url(tab.base + f"products/{product['id']}/")
    expect(page.locator("h1")).to_have_text(product["name"])
