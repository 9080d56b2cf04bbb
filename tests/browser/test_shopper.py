"""What a shopper does on the demo help center, in a real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Tab
from tests.conftest import ROOT
from tests.helpers import front_matter

pytestmark = pytest.mark.browser
DESCALE = front_matter(ROOT / "content/after-delivery/how-to-descale.md")


def test_search_from_the_home_page_finds_the_answer(tab: Tab) -> None:
    page = tab.open("")
    box = page.get_by_role("searchbox", name="Search the help center")
    box.fill("descale")
    box.press("Enter")
    expect(page).to_have_url(tab.base + "search/?q=descale")
    result = page.locator("#kb-search-results a[data-entry-id='how-to-descale']")
    expect(result).to_contain_text(str(DESCALE["question"]))
    result.click()
    expect(page.locator("h1")).to_have_text(str(DESCALE["question"]))


def test_journey_home_stage_question_and_back(tab: Tab) -> None:
    page = tab.open("")
    page.locator(".kb-card h3 a", has_text="After delivery").click()
    expect(page.locator("h1")).to_have_text("After delivery")
    page.locator(".kb-questions a", has_text=str(DESCALE["question"])).click()
    expect(page).to_have_url(tab.base + "questions/how-to-descale/")
    answer = page.locator(".kb-answer")
    details = page.locator(".kb-details")
    expect(answer).to_contain_text(" ".join(str(DESCALE["summary"]).split()))
    a, d = answer.bounding_box(), details.bounding_box()
    assert a and d and a["y"] < d["y"], "the short answer comes before the details"
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="After delivery").click()
    expect(page).to_have_url(tab.base + "after-delivery/")
    assert not tab.errors


def test_phone_menu_lists_the_stages(phone: Tab) -> None:
    page = phone.open("questions/how-to-descale/")
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator("nav.md-nav--primary")
    stage_link = drawer.get_by_role("link", name="Ordering and payment")
    expect(stage_link).to_be_visible()
    stage_link.click()
    expect(page.locator("h1")).to_have_text("Ordering and payment")


def test_no_request_leaves_the_site(tab: Tab) -> None:
    for path in ["", "before-purchase/", "questions/how-to-descale/", "contact/"]:
        tab.open(path).wait_for_load_state("networkidle")
    assert tab.foreign_requests() == []
    assert not tab.errors


def test_an_old_id_lands_on_the_renamed_entry(tab: Tab) -> None:
    page = tab.open("questions/return-policy/")
    page.wait_for_url(tab.base + "questions/start-a-return/")
    expect(page.locator(".kb-entry")).to_have_attribute("data-entry-id", "start-a-return")
