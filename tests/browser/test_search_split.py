"""A split search index (issue 20) in a real Chromium: the demo built with ``search.split_above: 0``.

The page gets the answers the whole index gives (the Python twin on the demo's one-file build);
a file that fails to load or belongs to another deploy is said in the search box with a retry,
never shown as a wrong or an empty result; a query whose files weigh too much while its last
word is short says it waits for one more letter. Faults are made with Playwright's routing."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from kbgen.core import i18n
from kbgen.search import index as search
from kbgen.search import query as searchquery
from kbgen.search import shards
from tests.browser.conftest import Tab, serve_dir
from tests.browser.test_search import TYPE_IN_TASK, answered_in_task
from tests.conftest import ROOT, built_once, run_kbgen

pytestmark = pytest.mark.browser
EN = i18n.STRINGS["en"]
QUERIES = ["refund", "where is my order", "aero one descale", "does the grinder fit the aero one"]


@pytest.fixture(scope="session")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built with its search index split (``split_above: 0``), once per test run.
    Read-only: copy it before changing anything."""

    def build(project: Path) -> None:
        for name in ("content", "theme"):
            shutil.copytree(ROOT / name, project / name)
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert "  - kbgen:\n" in config
        config = config.replace("  - kbgen:\n", "  - kbgen:\n      search:\n        split_above: 0\n")
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        run_kbgen("build", "--site-dir", str(project / "site"), cwd=project, check=True)

    return built_once(tmp_path_factory, "split-demo", build) / "site"


@pytest.fixture(scope="session")
def split_url(split_site: Path) -> Iterator[str]:
    server, url = serve_dir(split_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def split(browser: Browser, split_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Tab(context.new_page(), split_url)
    context.close()


def _shown(page: Page, query: str, states: str = "results none") -> str:
    page.wait_for_function(
        "([q, states]) => { const r = document.getElementById('kb-search');"
        " return r.dataset.query === q && states.split(' ').includes(r.dataset.state); }",
        arg=[query, states],
    )
    return str(page.locator("#kb-search").get_attribute("data-state"))


def _ids(page: Page) -> list[str]:
    return page.locator("#kb-search-results a.kb-result__link").evaluate_all(
        "links => links.map(a => a.dataset.entryId || a.dataset.productId)"
    )


def _expected(demo_site: Path, query: str) -> list[str]:
    index, docs = searchquery.load((demo_site / "search/index.json").read_text(encoding="utf-8"))
    return [docs[h.ref][0] for h in searchquery.answer(index, query, 10).hits]


def test_the_split_site_ships_a_manifest_and_files_named_by_their_content(
    split_site: Path, demo_site: Path
) -> None:
    manifest = json.loads((split_site / "search/index.json").read_text(encoding="utf-8"))
    assert manifest["split"] == shards.SPLIT_FORMAT and "postings" not in manifest
    names = sorted(p.stem for p in (split_site / "search/s").iterdir())
    assert names and all(
        json.loads((split_site / f"search/s/{n}.json").read_text())["id"] == n for n in names
    )
    headers = (split_site / "_headers").read_text(encoding="utf-8")
    assert "/search/s/*\n  Cache-Control: public, max-age=31536000, immutable\n" in headers
    assert "/search/s/" not in (demo_site / "_headers").read_text(encoding="utf-8")  # one file: no rule
    assert not (demo_site / "search/s").exists()


def test_the_split_index_gives_the_whole_indexs_results(split: Tab, demo_site: Path) -> None:
    for query in QUERIES:
        page = split.open(f"search/?q={quote(query)}")
        _shown(page, query)
        assert _ids(page) == _expected(demo_site, query), query
    assert any("/search/s/" in u for u in split.requests)
    assert split.errors == []


def test_once_the_whole_file_came_the_page_answers_in_the_task_of_a_keystroke(
    split: Tab, demo_site: Path
) -> None:
    """A small split index ships whole too: once the worker has it, the page runs the same engine
    with it (from the browser's cache) and answers as the whole index does, in the keystroke's task."""
    page = split.open("search/?q=refund")
    _shown(page, "refund")
    answered_in_task(page)
    for query in QUERIES:
        got = page.evaluate(TYPE_IN_TASK, query)
        assert (got["query"], got["ids"]) == (query, _expected(demo_site, query))
    whole = [u for u in split.requests if re.search(r"/search/s/w[0-9a-f]+-0\.json$", u)]
    assert len(whole) == 2  # the worker's, and the page's (from the browser's cache: _headers says for good)
    assert split.errors == []


def test_a_file_that_fails_to_load_is_said_with_a_retry(split: Tab, demo_site: Path) -> None:
    page = split.page
    page.route("**/search/s/*.json", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(split.base + "search/")
    page.fill("#kb-search-q", "refund")
    assert _shown(page, "refund", "unloaded stale results none") == "unloaded"
    expect(page.locator("#kb-search-status")).to_have_text(EN["search_split_failed"])
    expect(page.locator("#kb-search-results a")).to_have_count(0)
    retry = page.locator("#kb-search-retry")
    expect(retry).to_be_visible()
    expect(retry).to_have_text(EN["search_split_retry"])
    page.unroute("**/search/s/*.json")
    retry.click()
    _shown(page, "refund")
    assert _ids(page) == _expected(demo_site, "refund")
    expect(retry).to_be_hidden()


def test_a_deploy_between_two_fetches_is_said_and_the_retry_searches_the_new_index(
    split: Tab, split_site: Path, demo_site: Path
) -> None:
    page = split.page
    served: list[str] = []
    manifest = json.loads((split_site / "search/index.json").read_text(encoding="utf-8"))

    def new_deploy(route: Route) -> None:  # the first fetch gets this build, later ones "the next"
        served.append(route.request.url)
        if len(served) == 1:
            route.continue_()
        else:
            route.fulfill(
                status=200, content_type="application/json", body=json.dumps({**manifest, "id": "next"})
            )

    def wrong_file(route: Route) -> None:  # a stale cache answers with another file's content
        other = sorted((split_site / "search/s").iterdir())[0].read_text(encoding="utf-8")
        route.fulfill(status=200, content_type="application/json", body=other.replace('"id":"', '"id":"x'))

    page.route("**/search/index.json", new_deploy)
    page.route("**/search/s/*.json", wrong_file)
    page.goto(split.base + "search/")
    page.fill("#kb-search-q", "refund")
    assert _shown(page, "refund", "unloaded stale results none") == "stale"
    expect(page.locator("#kb-search-status")).to_have_text(EN["search_split_updated"])
    expect(page.locator("#kb-search-results a")).to_have_count(0)
    page.unroute("**/search/s/*.json")
    page.locator("#kb-search-retry").click()
    _shown(page, "refund")
    assert _ids(page) == _expected(demo_site, "refund")


def _slow_query(split: Tab, query: str) -> tuple[Page, list[Route]]:
    """The search page with ``query`` typed, its files held (not answered) and the page's clock
    run past its 15 s timeout: what a shopper sees on a slow network."""
    page = split.page
    held: list[Route] = []
    page.clock.install()  # the page's timers only: the worker and the network keep real time
    page.goto(split.base + "search/")
    page.wait_for_function("() => document.getElementById('kb-search').dataset.state === 'empty'")
    page.route("**/search/s/*.json", lambda route: held.append(route))  # the query's files: not yet
    page.fill("#kb-search-q", query)
    for _ in range(200):  # until the worker asked for them
        if held:
            break
        page.wait_for_timeout(50)
    assert held
    page.clock.run_for(16_000)
    return page, held


def test_an_answer_slower_than_the_pages_timeout_is_still_shown(split: Tab, demo_site: Path) -> None:
    """On a slow network (DevTools throttling: +562.5 ms a request, six at a time) a query can
    need more than the page's 15 s: the page says it is still searching (nothing failed: no
    "Something went wrong"), offers to try again and the channels, then shows the answer when
    it comes."""
    page, held = _slow_query(split, "refund")
    assert _shown(page, "refund", "slow error results none") == "slow"
    status = page.locator("#kb-search-status")
    expect(status).to_have_text(EN["search_query_slow"].replace("{q}", "refund"))
    assert "went wrong" not in (status.text_content() or "")
    expect(page.locator("#kb-search-retry")).to_be_visible()
    expect(page.locator("#kb-search-retry")).to_have_text(EN["search_split_retry"])
    expect(page.locator("#kb-search-contact")).to_be_visible()
    _released(page, held, demo_site, "refund")


def _released(page: Page, held: list[Route], demo_site: Path, q: str) -> None:
    """The held files of query ``q`` let go: its answer replaces what the page said meanwhile."""
    for route in held:
        route.continue_()
    page.unroute("**/search/s/*.json")
    assert _shown(page, q, "results none") == "results"
    assert _ids(page) == _expected(demo_site, q)
    expect(page.locator("#kb-search-error")).to_be_hidden()


def test_a_slow_query_tried_again_is_answered(split: Tab, demo_site: Path) -> None:
    """"Try again" on a slow query sends it to the worker again; that answer is shown."""
    split.page.add_init_script(
        "(() => { const post = Worker.prototype.postMessage; window.kbSent = [];"
        " Worker.prototype.postMessage = function (m) {"
        " if (!(m && 'kbgenIndex' in m)) window.kbSent.push(m && m.q);"  # queries, not the index handed over
        " return post.apply(this, arguments); };"
        " })()"
    )
    page, held = _slow_query(split, "descale")
    assert _shown(page, "descale", "slow error results none") == "slow"
    assert page.evaluate("window.kbSent") == ["descale"]
    page.locator("#kb-search-retry").click()
    assert page.evaluate("window.kbSent") == ["descale", "descale"]
    expect(page.locator("#kb-search-retry")).to_be_hidden()
    _released(page, held, demo_site, "descale")


TERM_FILES = re.compile(r"/search/s/[trx][0-9a-f]+-[0-9]+\.json$")
"""A split index's term shards, row files and prefix files (shards.py), what a query fetches."""


def _heavy(manifest: dict[str, Any]) -> Any:
    """A route answering with the manifest, its term shards, row files and prefix files said to
    weigh 200 KB."""
    sizes = {**manifest["sizes"], "x": [200_000 // manifest["sizes"]["unit"] for _ in manifest["sizes"]["x"]]}
    heavy = {**manifest, "shards": [[s[0], 200_000, 200_000] for s in manifest["shards"]], "sizes": sizes}
    return lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(heavy))


def test_a_short_word_whose_files_are_too_big_waits_for_one_more_letter(split: Tab, split_site: Path) -> None:
    page = split.page
    manifest: dict[str, Any] = json.loads((split_site / "search/index.json").read_text(encoding="utf-8"))
    page.route("**/search/index.json", _heavy(manifest))
    page.goto(split.base + "search/")
    page.fill("#kb-search-q", "re")
    assert _shown(page, "re", "wait results none") == "wait"
    expect(page.locator("#kb-search-status")).to_have_text(EN["search_split_wait"])
    expect(page.locator("#kb-search-none")).to_be_hidden()
    assert not [u for u in split.requests if TERM_FILES.search(u)]  # only the lengths file came
    page.fill("#kb-search-q", "ref")  # three letters: fetched, whatever they weigh
    assert _shown(page, "ref") == "results"


def test_the_shop_widget_searches_the_same_split_files(
    browser: Browser, split_site: Path, demo_site: Path
) -> None:
    from tests.browser.test_widget import Shopper, _serve_help, _serve_shop, _widget_search

    with _serve_help(split_site) as (help_url, _), _serve_shop(help_url) as shop_url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        shopper = Shopper(context, shop_url, help_url)
        shopper.open("/")  # no product on the page, as on the help site
        shopper.open_panel()
        for query in ["descale", "aero one descale", "warr"]:
            _widget_search(shopper, query)
            assert shopper.ids(".kb-results .kb-entries a") == _expected(demo_site, query), query
        assert any(u.startswith(help_url + "search/s/") for u in shopper.requests)
        shopper.assert_clean()  # cross-origin under the shop's CSP, nothing blocked
        context.close()


def test_the_shop_widget_waits_for_one_more_letter_too(
    browser: Browser, split_site: Path, demo_site: Path
) -> None:
    """The widget's search box keeps the same byte budget: a short word whose files weigh too
    much is not fetched, the panel says to type one more letter; the next letter searches."""
    from tests.browser.test_widget import Shopper, _serve_help, _serve_shop, _widget_search

    manifest: dict[str, Any] = json.loads((split_site / "search/index.json").read_text(encoding="utf-8"))
    with _serve_help(split_site) as (help_url, _), _serve_shop(help_url) as shop_url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(help_url + "search/index.json", _heavy(manifest))
        shopper = Shopper(context, shop_url, help_url)
        shopper.open("/")
        dialog = shopper.open_panel()
        dialog.locator("input[type='search']").fill("re")
        results = dialog.locator(".kb-results")
        expect(results).to_have_attribute("data-query", "re")
        expect(results).to_have_attribute("data-state", "wait")
        expect(dialog.locator(".kb-status")).to_have_text(EN["search_split_wait"])
        expect(results.locator("a")).to_have_count(0)
        assert not [u for u in shopper.requests if TERM_FILES.search(u)]
        _widget_search(shopper, "ref")  # three letters: fetched, whatever they weigh
        assert shopper.ids(".kb-results .kb-entries a") == _expected(demo_site, "ref")
        shopper.assert_clean()
        context.close()


PAIR_FILE = re.compile(r"/search/s/(c[0-9a-f]+-[0-9]+)\.json$")
LENGTHS_FILE = re.compile(r"/search/s/l[0-9a-f]+-0\.json$")


def test_two_words_fetch_only_the_pair_files_with_rows_for_them(
    browser: Browser, split_site: Path, tmp_path: Path
) -> None:
    """Split format 7 in Chromium: the search page of a site of 1,000 generated entries and 500
    products, split (its files in place of the demo's). A first search of two words, typed once
    the lengths file came (the worker fetches it at idle, right after the manifest), fetches a
    pair file only if it has rows of its first results (the lengths file's pair map); format 6's
    worker fetched one for each pair, most of them other pairs' rows. The results are the whole
    index's. (A page opened with ?q= searches before the lengths file came: it fetches each
    pair's file, as format 6 did.)"""
    from tests.integration.test_search_split import _generated_kb, pair_queries

    kb = _generated_kb(1_000, 500)
    urls = {e.id: f"questions/{e.id}/" for e in kb.entries}
    whole = search.index_json(kb, urls, {p.id: f"products/{p.id}/" for p in kb.products})
    manifest, files = shards.split(json.loads(whole))
    site = tmp_path / "site"
    shutil.copytree(split_site, site)
    shutil.rmtree(site / "search/s")
    (site / "search/s").mkdir()
    (site / "search/index.json").write_text(manifest, encoding="utf-8")
    for name, text in files.items():
        (site / "search/s" / name).write_text(text, encoding="utf-8")
    index, docs = searchquery.load(whole)
    server, url = serve_dir(site)
    fetched = 0
    try:
        for query in pair_queries(manifest, 6):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            tab = Tab(context.new_page(), url)
            page = tab.page
            with page.expect_response(LENGTHS_FILE):  # fetched at idle, before the shopper types
                page.goto(url + "search/")
                page.focus("#kb-search-q")
            page.fill("#kb-search-q", query)
            _shown(page, query)
            hits = searchquery.answer(index, query, 15).hits
            assert _ids(page) == [docs[h.ref][0] for h in hits[:10]], query
            for found in filter(None, (PAIR_FILE.search(u) for u in tab.requests)):
                fetched += 1
                rows = json.loads(files[f"{found[1]}.json"])["rows"]
                assert {h.ref for h in hits} & {ref for ref, _ in rows}, (query, found[1])
            assert tab.errors == [], query
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert fetched >= 2, fetched


def test_netlify_caches_the_split_files_for_good_and_not_the_manifest(split_site: Path) -> None:
    from tests.integration.test_redirects_netlify import netlify

    shard = "/search/s/" + sorted((split_site / "search/s").iterdir())[0].name
    answer = netlify(split_site, [shard, "/search/index.json"], origin="https://help.northbrew.example")
    assert answer["headers"][shard]["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "immutable" not in answer["headers"]["/search/index.json"].get("Cache-Control", "")
