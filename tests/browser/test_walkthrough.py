"""A shopper on a cheap phone on a train: the connection drops while the search loads or while
they type, on the help site's search page and in the shop widget. Whatever fails is said in
full, with a Try again that really recovers, never an empty or a wrong (the last query's) answer.

The demo as it is (one index file) and built split (``search.split_above: 0``, the fixture of
test_search_split.py); the network faults are Playwright's routes (an aborted request is what
Chromium gives a page offline)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from kbgen.core import i18n
from tests.browser.conftest import Tab
from tests.browser.test_axe import AXE, TAGS
from tests.browser.test_search_split import _expected, _ids, _shown, split_site, split_url  # noqa: F401
from tests.browser.test_widget import Shopper, _serve_help, _serve_shop

pytestmark = pytest.mark.browser
EN = i18n.STRINGS["en"]
ZH_HANT = i18n.STRINGS["zh-Hant"]


def _offline(route: Route) -> None:
    route.abort("internetdisconnected")


def _axe(page: Page, within: str) -> list[str]:
    """axe-core's WCAG 2.2 AA and best-practice violations inside ``within``."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "([within, tags]) => axe.run({include: [[within]]}, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.flatMap(v => v.nodes.map(n => v.id + ' ' + JSON.stringify(n.target))))",
        [within, TAGS],
    )


@pytest.fixture
def split_tab(browser: Browser, split_url: str) -> Iterator[Tab]:  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield Tab(context.new_page(), split_url)
    context.close()


@pytest.fixture
def whole_tab(browser: Browser, demo_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield Tab(context.new_page(), demo_url)
    context.close()


@pytest.mark.parametrize("kind", ["whole", "split"])
def test_the_search_page_opened_in_a_tunnel_offers_try_again_and_recovers(
    kind: str, whole_tab: Tab, split_tab: Tab, demo_site: Path
) -> None:
    """The page came, then the connection dropped before the index (or the split index's
    manifest) did: search says it is not available, with Try again; back online, Try again
    loads it and answers what was typed. Before: no Try again, and nothing but a reload helped."""
    tab = whole_tab if kind == "whole" else split_tab
    page = tab.page
    page.route("**/search/index.json", _offline)
    tab.open("search/?q=descale")
    root = page.locator("#kb-search")
    expect(root).to_have_attribute("data-state", "failed")
    expect(page.locator("#kb-search-status")).to_have_text(EN["search_failed"])
    expect(page.locator("#kb-search-results a")).to_have_count(0)
    retry = page.locator("#kb-search-retry")
    expect(retry).to_be_visible()
    expect(retry).to_have_text(EN["search_split_retry"])
    assert _axe(page, "#kb-search") == []
    page.unroute("**/search/index.json")  # the train left the tunnel
    retry.click()
    assert _shown(page, "descale") == "results"
    assert _ids(page) == _expected(demo_site, "descale")
    expect(page.locator("#kb-search-error")).to_be_hidden()
    expect(retry).to_be_hidden()
    expect(page.locator("#kb-search-q")).to_be_focused()


# --- the shop widget ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def split_shop(split_site: Path) -> Iterator[tuple[str, str]]:  # noqa: F811
    with _serve_help(split_site) as (help_url, _), _serve_shop(help_url) as shop_url:
        yield help_url, shop_url


@pytest.fixture(scope="module")
def whole_shop(demo_site: Path) -> Iterator[tuple[str, str]]:
    with _serve_help(demo_site) as (help_url, _), _serve_shop(help_url) as shop_url:
        yield help_url, shop_url


def _phone(browser: Browser, served: tuple[str, str], bypass_csp: bool = False) -> Shopper:
    """A 360 px phone on the shop (``bypass_csp``: only so that axe can be injected)."""
    help_url, shop_url = served
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True, bypass_csp=bypass_csp
    )
    return Shopper(context, shop_url, help_url)


def _open_panel(shopper: Shopper) -> tuple[Locator, Locator, Locator]:
    """The Aero One's page on the phone, its panel opened by a tap and its search box tapped:
    (the panel, its box, its results)."""
    shopper.open("/phone/products/aero-one")
    shopper.launcher.tap()
    dialog = shopper.dialog
    expect(dialog).to_be_visible()
    box = dialog.locator("input[type='search']")
    box.tap()
    return dialog, box, dialog.locator(".kb-results")


def _note(dialog: Locator, text: str) -> Locator:
    """What the panel says in its results, in full: the one-line status above may be cut short
    ("…") on a phone, this must not be."""
    note = dialog.locator(".kb-results .kb-search-note")
    expect(note).to_have_text(text)
    expect(note).to_be_visible()
    box = note.evaluate("n => [n.scrollWidth, n.clientWidth, n.scrollHeight, n.clientHeight]")
    assert box[0] <= box[1] and box[2] <= box[3], f"the note is cut: {box}"
    return note


def _whole_file_gone(page: Page, site: Path) -> None:
    """The split demo is small enough to ship whole too (fetched after the first answer): kept
    away, so the split files answer every query here, as at catalog size."""
    manifest: dict[str, Any] = json.loads((site / "search/index.json").read_text(encoding="utf-8"))
    if manifest.get("whole"):
        page.route(f"**/search/s/{manifest['whole'][0]}.json", lambda route: route.fulfill(status=404))


@pytest.mark.parametrize("fault", ["offline", "deploy"])
def test_a_widget_query_whose_files_fail_says_so_in_full_without_the_last_answer_and_retries(
    browser: Browser, split_shop: tuple[str, str], split_site: Path, demo_site: Path, fault: str  # noqa: F811
) -> None:
    """A 360 px phone on a shop product page. "refund" is answered; then the connection drops
    (or the help center is deployed anew) and "warranty" can't get its files. Before: the panel
    kept showing the refund answers under "Something went wrong while searching for “warr…",
    cut by the one-line status, and had no Try again. Now: the refund answers are gone, the
    split index's own message is shown in full, and Try again (back online) answers warranty,
    ranked as the help site ranks it."""
    shopper = _phone(browser, split_shop)
    page = shopper.page
    _whole_file_gone(page, split_site)
    dialog, box, results = _open_panel(shopper)
    box.fill("refund")
    expect(results).to_have_attribute("data-state", "done")
    expect(results.locator(".kb-entries a").first).to_be_visible()
    if fault == "offline":
        page.route("**/search/s/*.json", _offline)
        message = EN["search_split_failed"]
    else:  # the new deploy's manifest names other files; the old ones are gone
        manifest = json.loads((split_site / "search/index.json").read_text(encoding="utf-8"))
        page.route("**/search/s/*.json", lambda route: route.fulfill(status=404, body="gone"))
        page.route(
            "**/search/index.json",
            lambda route: route.fulfill(
                status=200, content_type="application/json", body=json.dumps({**manifest, "id": "next"})
            ),
        )
        message = EN["search_split_updated"]
    box.fill("warranty")
    expect(results).to_have_attribute("data-state", "error")
    expect(results).to_have_attribute("data-query", "warranty")
    expect(results.locator("a")).to_have_count(0)  # not the refund answers
    _note(dialog, message)
    retry = results.get_by_role("button", name=EN["widget_retry"])
    expect(retry).to_be_visible()
    page.unroute("**/search/s/*.json")
    page.unroute("**/search/index.json")
    _whole_file_gone(page, split_site)
    retry.tap()
    expect(results).to_have_attribute("data-state", "done")
    expect(results).to_have_attribute("data-query", "warranty")
    assert shopper.ids(".kb-results .kb-entries a") == _expected(demo_site, "warranty")
    expect(box).to_be_focused()
    shopper.context.close()


def test_a_widget_search_that_could_not_start_offline_retries_and_answers(
    browser: Browser, whole_shop: tuple[str, str]
) -> None:
    """The shopper taps the search box in a tunnel: the index can't come. Before: "Search is not
    available right now." for good, back online or not. Now: Try again loads it and answers."""
    shopper = _phone(browser, whole_shop, bypass_csp=True)
    page = shopper.page
    page.route("**/search/index.json", _offline)
    dialog, box, results = _open_panel(shopper)
    box.fill("descale")
    expect(results).to_have_attribute("data-state", "failed")
    expect(dialog.get_by_role("status").first).to_have_text(EN["search_failed"])
    _note(dialog, EN["search_failed"])
    assert _axe(page, "kbgen-help") == []
    page.unroute("**/search/index.json")
    box.fill("descaling")  # typing alone does not fetch again (said at once, as before)
    expect(results).to_have_attribute("data-state", "failed")
    results.get_by_role("button", name=EN["widget_retry"]).tap()
    expect(results).to_have_attribute("data-state", "done")
    expect(results).to_have_attribute("data-query", "descaling")
    expect(results.locator("a[data-entry-id='how-to-descale']")).to_be_visible()
    shopper.context.close()


def test_a_widget_search_slow_to_load_offers_the_try_again_it_promises(
    browser: Browser, whole_shop: tuple[str, str]
) -> None:
    """"Search is still loading … You can also try again": the panel now has that button; it
    starts the download anew, and that one answers."""
    shopper = _phone(browser, whole_shop)
    page = shopper.page
    held: list[Route] = []
    page.route("**/search/index.json", lambda route: held.append(route))
    page.clock.install()
    dialog, box, results = _open_panel(shopper)
    box.fill("descale")
    for _ in range(200):  # in real time, until the worker asked for the index
        if held:
            break
        page.wait_for_timeout(50)
    assert held
    page.clock.run_for(16_000)
    expect(results).to_have_attribute("data-state", "slow")
    _note(dialog, EN["search_start_slow"])
    results.get_by_role("button", name=EN["widget_retry"]).tap()
    for _ in range(200):
        if len(held) == 2:
            break
        page.wait_for_timeout(50)
    assert len(held) == 2, "Try again did not fetch the index again"
    held[1].continue_()
    expect(results).to_have_attribute("data-state", "done")
    expect(results.locator("a[data-entry-id='how-to-descale']")).to_be_visible()
    held[0].abort()
    shopper.context.close()


# --- a pasted question on a split index ----------------------------------------------------

PASTED = (
    "Hi, my grinder makes a strange noise since last week and the frother stopped foaming, can you help me"
)


def test_a_pasted_question_ending_in_a_short_word_is_answered_not_told_to_type_a_letter(
    split_tab: Tab, split_site: Path, demo_site: Path  # noqa: F811
) -> None:
    """The files of a whole question weigh more than the 60 KB a word being typed may fetch (its
    files said here to weigh 200 KB each, as a catalog's common words do). A question is not a
    word being typed: it is answered as the whole index answers it."""
    from tests.browser.test_search_split import _heavy

    page = split_tab.page
    manifest: dict[str, Any] = json.loads((split_site / "search/index.json").read_text(encoding="utf-8"))
    page.route("**/search/index.json", _heavy(manifest))
    split_tab.open("search/")
    page.fill("#kb-search-q", PASTED)
    assert _shown(page, PASTED, "wait results none") == "results"
    assert _ids(page) == _expected(demo_site, PASTED)


def test_a_first_letter_is_answered_or_waits_for_the_next_never_no_results(split_tab: Tab) -> None:
    """"p" begins "pay", "payment", "pico", "price" …: it is no query without results."""
    page = split_tab.page
    split_tab.open("search/")
    page.fill("#kb-search-q", "p")
    assert _shown(page, "p", "wait results none") in ("wait", "results")


@pytest.mark.parametrize("kind", ["whole", "split"])
def test_a_first_letter_waits_calmly_and_the_next_letter_answers(
    kind: str, whole_tab: Tab, split_tab: Tab, demo_site: Path
) -> None:
    """The whole index and the split index alike: "p" says to type one more letter, with no
    "No results", no channels and no gap form; "pi" answers as the whole index does; a one-letter
    word followed by a space is a whole word ("No results"), and after other words a first letter
    changes nothing of their answer."""
    tab = whole_tab if kind == "whole" else split_tab
    page = tab.page
    tab.open("search/")
    page.fill("#kb-search-q", "p")
    assert _shown(page, "p", "wait results none") == "wait"
    expect(page.locator("#kb-search-status")).to_have_text(EN["search_split_wait"])
    expect(page.locator("#kb-search-none")).to_be_hidden()
    expect(page.locator("#kb-search-results a")).to_have_count(0)
    expect(page.locator("#kb-search-answers")).to_be_empty()
    for query in ("pi", "descale p"):
        page.fill("#kb-search-q", query)
        assert _shown(page, query) == "results"
        assert _ids(page) == _expected(demo_site, query), query
    page.fill("#kb-search-q", "p ")
    assert _shown(page, "p ", "wait results none") == "none"



def test_a_first_letter_in_the_widget_waits_for_the_next(
    browser: Browser, whole_shop: tuple[str, str]
) -> None:
    """The shop widget on a whole index: "p" says to type one more letter (no "No results"
    and no channels in the panel); "pi" answers."""
    shopper = _phone(browser, whole_shop)
    dialog, box, results = _open_panel(shopper)
    box.fill("p")
    expect(results).to_have_attribute("data-query", "p")
    expect(results).to_have_attribute("data-state", "wait")
    expect(dialog.locator(".kb-status")).to_have_text(EN["search_split_wait"])
    expect(results.locator("a")).to_have_count(0)
    box.fill("pi")
    expect(results).to_have_attribute("data-query", "pi")
    expect(results).to_have_attribute("data-state", "done")
    expect(results.locator("a").first).to_be_visible()
    shopper.context.close()

# --- "Show more" on a train ------------------------------------------------------------------


@pytest.fixture(scope="module")
def split_1k(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """1,000 generated entries, split (bench/'s generator): the results past the first few tens
    of a query are in files of their own, fetched by "Show more"."""
    from bench.build_scale import write_project
    from tests.browser.conftest import serve_dir
    from tests.conftest import run_kbgen

    root = tmp_path_factory.mktemp("split-1k") / "project"
    config = write_project(root, 1000, 0)
    text = config.read_text(encoding="utf-8")
    assert "  - kbgen:\n" in text
    config.write_text(text.replace("  - kbgen:\n", "  - kbgen:\n      search:\n        split_above: 0\n", 1))
    run_kbgen("build", "--site-dir", str(root / "site"), cwd=root, check=True)
    server, url = serve_dir(root / "site")
    yield url
    server.shutdown()
    server.server_close()


def test_show_more_offline_keeps_the_results_shown_and_try_again_shows_more(
    browser: Browser, split_1k: str
) -> None:
    """30 results shown; the connection drops; "Show more" can't get the next ten. Before: the 30
    were gone, and Try again (back online) showed the first 10 again. Now: the 30 stay under the
    message, and Try again shows the 40 asked for, the focus on the first new one."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    # A small split index also ships whole and fetches it at idle after the first results; on a
    # train it has not come yet (held here: if it came, "Show more" would need no file, and the
    # test would depend on how fast the machine is).
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route("**/search/s/w*.json", hold)
    query = "milk frother warranty"
    page.goto(split_1k + "search/?q=" + query.replace(" ", "%20"))
    assert _shown(page, query) == "results"
    links = page.locator("#kb-search-results a.kb-result__link")
    more = page.locator("#kb-search-more")
    for n in (20, 30):
        more.click()
        expect(links).to_have_count(n)
    thirty = _ids(page)
    asked: list[str] = []

    def offline(route: Route) -> None:
        asked.append(route.request.url)
        route.abort("internetdisconnected")

    page.route("**/search/s/*.json", offline)
    more.click()
    root = page.locator("#kb-search")
    expect(root).to_have_attribute("data-state", "unloaded")
    assert asked, "the next ten needed no file: this test no longer tests anything"
    expect(page.locator("#kb-search-status")).to_have_text(EN["search_split_failed"])
    assert _ids(page) == thirty
    page.unroute("**/search/s/*.json")
    page.locator("#kb-search-retry").click()
    expect(links).to_have_count(40)
    assert _ids(page)[:30] == thirty
    expect(links.nth(30)).to_be_focused()
    context.close()


def test_the_help_sites_chat_link_leaves_out_the_widgets_empty_product_field(
    whole_tab: Tab,
) -> None:
    page = whole_tab.open("questions/how-to-descale/")
    chat = page.locator("a[data-channel='chat'], [data-channel='chat'] a").first
    chat.hover()  # help.js fills the link as the pointer comes
    href = chat.get_attribute("href") or ""
    assert "entry=how-to-descale" in href
    assert "product=" not in href, href


# --- keyboard only -----------------------------------------------------------------------------


def test_a_keyboard_shopper_searching_from_the_home_page_lands_in_the_search_box(
    tab: Tab, demo_site: Path
) -> None:
    """"/" on the home page, the question, Enter: the search page shows the results, and the keys
    it names ("↑ ↓ to move, Enter to open") work at once. Before: the focus was nowhere (the
    page's body), so ↓ scrolled the page and Enter did nothing."""
    page = tab.open("")
    page.keyboard.press("/")
    page.keyboard.type("descale")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=descale")
    assert _shown(page, "descale") == "results"
    expect(page.locator("#kb-search-q")).to_be_focused()
    page.keyboard.press("ArrowDown")
    first = page.locator("#kb-search-results a.kb-result__link").first
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/questions/{_expected(demo_site, 'descale')[0]}/")


def test_a_phone_opening_a_search_link_gets_no_keyboard_over_the_results(whole_tab: Tab) -> None:
    """A shared search/?q= link on a touch screen: the results, without the on-screen keyboard
    over them (the box is not focused), as before."""
    context = whole_tab.page.context.browser.new_context(  # type: ignore[union-attr]
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(whole_tab.base + "search/?q=descale")
    assert _shown(page, "descale") == "results"
    expect(page.locator("#kb-search-q")).not_to_be_focused()
    context.close()


def test_on_a_product_page_does_x_fit_answers_about_that_product(
    browser: Browser, whole_shop: tuple[str, str]
) -> None:
    """On the Aero One's page, "does the aqua xl filter fit" means "with this machine": the card
    says no, as the catalog does (too tall for its tank). Before: no card at all, and the first
    result was "Does the Aqua filter fit the Aero Duo?"."""
    help_url, shop_url = whole_shop
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    shopper = Shopper(context, shop_url, help_url)
    shopper.open("/products/aero-one")
    dialog = shopper.open_panel()
    dialog.locator("input[type='search']").fill("does the aqua xl filter fit")
    results = dialog.locator(".kb-results")
    expect(results).to_have_attribute("data-state", "done")
    card = results.locator("[data-compat]")
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-verdict", "no")
    assert set((card.get_attribute("data-products") or "").split()) == {"aqua-xl-filter", "aero-one"}
    expect(card.locator(".kb-reason")).to_contain_text("Too tall for the Aero One")
    context.close()
