"""The shop widget on a large generated help center (1,500 entries, 1,000 products, built here
with bench/'s generators): opening the panel on a product page fetches that product's answers and
compatibility, under 20 KB gzipped, not the whole help center's data; a part that fails to load
(or is gone after a deploy) is said in the panel, with a button that tries again. Expected
answers come from the generated content files and catalog, not from the widget's data."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, Route, expect

from bench.build_time import generate_entries, write_kbgen_site
from bench.products_scale import GenProduct, generate_catalog, name_products, write_catalog
from tests.browser.test_axe import AXE, TAGS
from tests.browser.test_widget import _page, _serve_help, _ShopHandler
from tests.conftest import run_kbgen

pytestmark = pytest.mark.browser

ENTRIES, PRODUCTS = 1500, 1000
BUDGET = 20 * 1024
"""Bytes (gzipped) the panel may fetch from the help site when it opens on a product page."""
NAME = "Bench Help Center"


@dataclass(frozen=True)
class Catalog:
    site: Path
    products: dict[str, GenProduct]
    naming: dict[str, list[str]]
    """Product id → the entries whose front matter names it."""
    questions: dict[str, tuple[str, str]]
    """Entry id → (question, summary), from the content files."""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = tmp_path_factory.mktemp("large")
    entries = generate_entries(ENTRIES)
    config = write_kbgen_site(root, entries)
    # kbgen has its own search: without Material's, the build is faster (as the demo's mkdocs.yml)
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "", 1), encoding="utf-8")
    catalog = generate_catalog(PRODUCTS)
    write_catalog(root / "content", catalog)
    name_products(root / "content", entries, catalog)
    run_kbgen("build", "--site-dir", str(root / "site"), cwd=root, check=True)
    return _read(root, catalog)


def _read(root: Path, catalog: list[GenProduct]) -> Catalog:
    naming: dict[str, list[str]] = {}
    questions = {}
    for path in sorted((root / "content").rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        questions[front["id"]] = (front["question"], front["summary"])
        for pid in front.get("products", []):
            naming.setdefault(pid, []).append(front["id"])
    return Catalog(root / "site", {p.id: p for p in catalog}, naming, questions)


@contextlib.contextmanager
def _shop(help_url: str, products: list[str]) -> Iterator[str]:
    origin = help_url.rstrip("/")
    pages = {
        f"/products/{pid}": _page(pid, help_url, f' data-product="{pid}"', css="calm.css") for pid in products
    }
    pages["/calm.css"] = ("text/css", b"main { max-width: 640px; }")
    pages["/favicon.ico"] = ("image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    pages["/"] = _page("Home", help_url, css="calm.css")
    csp = (
        f"default-src 'self'; script-src 'self' {origin}; style-src 'self' {origin}; "
        f"connect-src 'self' {origin}; img-src 'self' {origin}; worker-src {origin} blob:"
    )
    handler = type("Shop", (_ShopHandler,), {"pages": pages, "csp": csp})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _chosen(large: Catalog) -> GenProduct:
    """A machine with accessories, compatible products and one that does not fit, and the most
    questions naming it (so the panel lists six and links to all)."""
    rich = [p for p in large.products.values() if p.accessories and p.compatible and p.incompatible]
    return max(rich, key=lambda p: (len(large.naming.get(p.id, [])), p.id))


@pytest.fixture(scope="module")
def served(large: Catalog) -> Iterator[tuple[str, str]]:
    with _serve_help(large.site) as (help_url, _):
        chosen = _chosen(large)
        plain = next(p for p in large.products.values() if p.id != chosen.id and p.id in large.naming)
        with _shop(help_url, [chosen.id, plain.id, "no-such-product"]) as shop_url:
            yield help_url, shop_url


def _gz_size(site: Path, help_url: str, url: str) -> int:
    """The gzipped size of a file of the built site, by its URL."""
    path = site / urlsplit(url).path.lstrip("/")
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _panel(page: Page) -> tuple[object, object]:
    launcher = page.locator("kbgen-help").get_by_role("button", name="Help", exact=True)
    return launcher, page.get_by_role("dialog", name=NAME)


def test_opening_on_a_product_page_fetches_its_answers_under_budget(
    browser: Browser, large: Catalog, served: tuple[str, str]
) -> None:
    help_url, shop_url = served
    product = _chosen(large)
    naming = large.naming[product.id]
    assert len(naming) > 6, "the generator names no product in more than six entries"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("window.requestIdleCallback = () => 0;")  # never idle: all comes on the click
    fetched: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{shop_url}/products/{product.id}")
    launcher, dialog = _panel(page)
    expect(launcher).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.on("requestfinished", lambda r: fetched.append(r.url) if r.url.startswith(help_url) else None)
    launcher.click()  # type: ignore[attr-defined]
    expect(dialog.get_by_role("heading", name=product.name)).to_be_visible()  # type: ignore[attr-defined]
    shown = dialog.locator(".kb-context a[data-entry-id]")  # type: ignore[attr-defined]
    expect(shown).to_have_count(6)
    ids = shown.evaluate_all("l => l.map(a => a.dataset.entryId)")
    assert set(ids) <= set(naming)
    assert shown.evaluate_all("l => l.map(a => a.textContent)") == [large.questions[i][0] for i in ids]
    more = dialog.get_by_role("link", name=f"All questions ({len(naming)})")  # type: ignore[attr-defined]
    assert more.get_attribute("href") == f"{help_url}products/{product.id}/"
    # compatibility, from the generated catalog
    def group(title: str) -> set[str]:
        links = dialog.locator(f".kb-group:has(h4:text-is('{title}')) a[data-product-id]")  # type: ignore[attr-defined]
        return set(links.evaluate_all("l => l.map(a => a.dataset.productId)"))

    assert group("Accessories") == set(product.accessories)
    assert set(product.compatible) <= group("Works with") | group("Accessories") | group("Accessory for")
    not_fit = dialog.locator(".kb-group:has(h4:text-is('Does not work with')) li")  # type: ignore[attr-defined]
    for other, reason in product.incompatible:
        item = not_fit.filter(has=page.locator(f"a[data-product-id='{other}']"))
        expect(item).to_contain_text(reason)
        expect(item.locator("a")).to_have_text(large.products[other].name)
        expect(item.locator("a")).to_have_attribute("href", f"https://shop.example.com/products/{other}")
    # an answer opens with its short answer, from the part that came
    shown.first.click()
    expect(dialog.locator(".kb-answer .kb-short")).to_have_text(large.questions[ids[0]][1])  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")
    # The widget's own files: its panel script and data (every byte the opening fetches, the
    # search's too, is counted by test_opening_the_panel_fetches_at_most_the_budget_in_all).
    own = [u for u in fetched if urlsplit(u).path.startswith("/_kbgen/widget/")]
    sizes = {urlsplit(u).path: _gz_size(large.site, help_url, u) for u in own}
    assert any("/_kbgen/widget/panel." in u for u in sizes), sizes
    assert sum(sizes.values()) <= BUDGET, sizes
    # the whole help center's data would be several times that
    everything = sum(
        len(gzip.compress(p.read_bytes(), compresslevel=9, mtime=0))
        for p in (large.site / "_kbgen/widget").glob("*.json")
    )
    assert everything > 5 * BUDGET
    assert errors == []
    context.close()


def _sent(site: Path, help_url: str, url: str) -> int:
    """A request's body as Netlify would send it: a file of the help site gzipped; a blob: URL
    (made in the page, no network) nothing. Anything else fails the test that asks."""
    if url.startswith("blob:"):
        return 0
    assert url.startswith(help_url), f"a request to neither the help site nor a blob: {url}"
    return _gz_size(site, help_url, url)


def _settle(page: Page, log: list[str], pending: set[str], quiet_ms: int = 1500) -> None:
    """Wait until nothing is pending and no request has started for ``quiet_ms``."""
    seen, since = -1, 0
    for _ in range(600):
        page.wait_for_timeout(50)
        if len(log) != seen:
            seen, since = len(log), 0
        else:
            since += 50
        if not pending and since >= quiet_ms:
            return
    raise AssertionError(f"the page never settled: {sorted(pending)}")


def test_opening_the_panel_fetches_at_most_the_budget_in_all(
    browser: Browser, large: Catalog, served: tuple[str, str]
) -> None:
    """Every byte the browser fetches from the click until it is idle, the page's and its
    workers', is that page's answers and compatibility: under 20 KB gzipped. The help center's
    search (its worker and index) comes when the shopper goes to search, and then answers."""
    help_url, shop_url = served
    product = _chosen(large)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("window.requestIdleCallback = () => 0;")  # never idle: all comes on the click
    log: list[str] = []
    pending: set[str] = set()

    def started(url: str) -> None:
        log.append(url)
        pending.add(url)

    context.on("request", lambda r: started(r.url))
    context.on("requestfinished", lambda r: pending.discard(r.url))
    context.on("requestfailed", lambda r: pending.discard(r.url))
    page.goto(f"{shop_url}/products/{product.id}")
    launcher, dialog = _panel(page)
    expect(launcher).to_be_visible()
    _settle(page, log, pending)
    before = len(log)
    launcher.click()  # type: ignore[attr-defined]
    expect(dialog.locator(".kb-context a[data-entry-id]")).to_have_count(6)  # type: ignore[attr-defined]
    box = dialog.get_by_role("searchbox", name="Search the help center")  # type: ignore[attr-defined]
    expect(box).to_be_focused()  # where a keyboard shopper types
    _settle(page, log, pending)
    opened = log[before:]
    sizes = {
        urlsplit(u).path if u.startswith(help_url) else u: _sent(large.site, help_url, u) for u in opened
    }
    assert sum(sizes.values()) <= BUDGET, sizes
    assert not [u for u in opened if "/search/" in u or "/assets/" in u], opened
    # The shopper goes to the search box: the search's files come now, then the answers.
    asked = len(log)
    box.hover()
    _settle(page, log, pending)
    searched = [urlsplit(u).path for u in log[asked:] if u.startswith(help_url)]
    assert "/search/index.json" in searched, searched
    question = large.questions[large.naming[product.id][0]][0]
    box.fill(question)
    results = dialog.locator(".kb-results")  # type: ignore[attr-defined]
    expect(results).to_have_attribute("data-state", "done")
    expect(results.locator(f"a[data-entry-id='{large.naming[product.id][0]}']")).to_be_visible()
    context.close()


def _holding(page: Page) -> tuple[list[Route], list[bool]]:
    """The split index's files asked for while ``holding[0]`` is set are held in ``held``."""
    held: list[Route] = []
    holding = [False]

    def hold(route: Route) -> None:
        if holding[0]:
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r"/search/s/[^/]+\.json$"), hold)
    return held, holding


def test_an_earlier_texts_answer_shows_while_the_boxs_own_is_on_its_way(
    browser: Browser, large: Catalog, served: tuple[str, str]
) -> None:
    """Each key asks anew; on a slow network the box's own answer may come a round trip later.
    Meanwhile the answer to what was typed before shows, its status naming that text; then the
    box's own replaces it. (The index's files are held and let go here, in that order.)"""
    shop_url = served[1]
    product = _chosen(large)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    held, holding = _holding(page)
    page.goto(f"{shop_url}/products/{product.id}")
    launcher, dialog = _panel(page)
    launcher.click()  # type: ignore[attr-defined]
    box = dialog.get_by_role("searchbox", name="Search the help center")  # type: ignore[attr-defined]
    results = dialog.locator(".kb-results")  # type: ignore[attr-defined]
    box.fill("refund")  # the search is ready
    expect(results).to_have_attribute("data-state", "done")
    holding[0] = True
    box.fill("descaling")
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)  # all of its files asked for
    first = len(held)
    assert first, "the first text asked for no file"
    box.fill("descaling warranty")
    for _ in range(200):
        if len(held) > first:
            break
        page.wait_for_timeout(50)
    assert len(held) > first, "the second text asked for no file of its own"
    for route in held[:first]:
        route.continue_()
    expect(results).to_have_attribute("data-query", "descaling")
    expect(results.locator("a[data-entry-id]").first).to_be_visible()
    expect(results).to_have_attribute("data-state", "searching")  # the box's own is still coming
    expect(dialog.locator(".kb-status")).to_contain_text("descaling")  # type: ignore[attr-defined]
    holding[0] = False
    for route in held[first:]:
        route.continue_()
    expect(results).to_have_attribute("data-query", "descaling warranty")
    expect(results).to_have_attribute("data-state", "done")
    context.close()


def test_a_query_slower_than_the_timeout_says_still_searching_then_shows_its_answer(
    browser: Browser, large: Catalog, served: tuple[str, str]
) -> None:
    """On a slow network a query's files can take longer than the panel's 15 s: nothing failed,
    so the panel says it is still searching (not "Something went wrong"), and the answer shows
    when it comes. The shop page's clock is installed; the worker and the network keep real time."""
    shop_url = served[1]
    product = _chosen(large)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    held, holding = _holding(page)
    page.clock.install()
    page.goto(f"{shop_url}/products/{product.id}")
    launcher, dialog = _panel(page)
    launcher.click()  # type: ignore[attr-defined]
    box = dialog.get_by_role("searchbox", name="Search the help center")  # type: ignore[attr-defined]
    results = dialog.locator(".kb-results")  # type: ignore[attr-defined]
    status = dialog.locator(".kb-status")  # type: ignore[attr-defined]
    box.fill("refund")  # the search is ready
    expect(results).to_have_attribute("data-state", "done")
    holding[0] = True
    box.fill("descaling")
    for _ in range(200):  # in real time, until the worker asked for the query's files
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the query asked for no file"
    page.clock.run_for(16_000)
    expect(results).to_have_attribute("data-state", "slow")
    expect(status).to_have_text(
        "Still searching for “descaling”: the connection is slow. The results will show as soon as "
        "they arrive. You can also try again, or ask us:"
    )
    holding[0] = False
    for route in held:
        route.continue_()
    expect(results).to_have_attribute("data-state", "done")
    expect(results).to_have_attribute("data-query", "descaling")
    expect(results.locator("a[data-entry-id]").first).to_be_visible()
    expect(status).not_to_contain_text("Still searching")
    context.close()


def test_a_page_without_a_known_product_shows_the_popular_questions(
    browser: Browser, large: Catalog, served: tuple[str, str]
) -> None:
    shop_url = served[1]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{shop_url}/products/no-such-product")
    launcher, dialog = _panel(page)
    launcher.click()  # type: ignore[attr-defined]
    expect(dialog.get_by_role("heading", name="Popular questions")).to_be_visible()  # type: ignore[attr-defined]
    links = dialog.locator(".kb-context a[data-entry-id]")  # type: ignore[attr-defined]
    expect(links.first).to_be_visible()
    ids = links.evaluate_all("l => l.map(a => a.dataset.entryId)")
    assert [large.questions[i][0] for i in ids] == links.evaluate_all("l => l.map(a => a.textContent)")
    context.close()


def test_a_part_that_fails_or_is_gone_is_said_with_a_retry(
    browser: Browser, large: Catalog, served: tuple[str, str]
) -> None:
    help_url, shop_url = served
    product = _chosen(large)
    context = browser.new_context(bypass_csp=True)  # for axe, added to the shop page below
    page = context.new_page()
    gone = re.compile(r"/_kbgen/widget/p\.[0-9a-f]+\.\d+\.json$")
    asked: list[str] = []

    def not_found(route: Route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=404, body="gone")

    page.route(gone, not_found)  # as after a deploy: the parts this data file names are gone
    page.goto(f"{shop_url}/products/{product.id}")
    launcher, dialog = _panel(page)
    launcher.click()  # type: ignore[attr-defined]
    context_box = dialog.locator(".kb-context")  # type: ignore[attr-defined]
    expect(context_box.get_by_role("heading", name="The answers could not be loaded.")).to_be_visible()
    expect(context_box.get_by_role("alert")).to_contain_text("try again")
    expect(context_box.locator("a[data-entry-id]")).to_have_count(0)  # never a silently empty list
    contact = dialog.get_by_role("link", name="All ways to contact us")  # type: ignore[attr-defined]
    expect(contact).to_have_attribute("href", help_url + "contact/")  # the way to a person stays
    assert len(asked) == 1
    page.add_script_tag(path=str(AXE))  # the failure and its button are accessible too
    run = (
        "tags => axe.run({include: [['kbgen-help']]}, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.flatMap(v => v.nodes.map(n => v.id + ' ' + JSON.stringify(n.target))))"
    )
    assert page.evaluate(run, TAGS) == []
    latest: list[str] = []
    page.on("request", lambda r: latest.append(r.url) if r.url.endswith("/widget-latest.json") else None)
    retry = context_box.get_by_role("button", name="Try again")
    retry.click()  # still gone: said again, the button back in focus
    expect(context_box.get_by_role("button", name="Try again")).to_be_focused()
    assert len(asked) == 2
    # the retry asked which data file is current now (a deploy may have replaced it)
    assert latest == [help_url + "_kbgen/widget-latest.json"]
    page.unroute(gone)  # the network is back
    context_box.get_by_role("button", name="Try again").click()
    expect(dialog.get_by_role("heading", name=product.name)).to_be_focused()  # type: ignore[attr-defined]
    expect(context_box.locator("a[data-entry-id]")).to_have_count(6)
    context.close()
