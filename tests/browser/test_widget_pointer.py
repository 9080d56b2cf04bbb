"""The shop widget's Try again after a search that could not start (its worker's file gone, as
after a deploy of a newer kbgen) asks widget-latest.json for the current data file's name. That
file and the data file it names are trusted only as far as they stay on the help site: the
search worker runs in the shop's page, so a pointer or data file naming another origin, a data:
or javascript: URL, or a pointer that is broken, too big or never comes, loads nothing and the
panel says search is not available (with Try again), never "Loading" for good. A shop without
a CSP (many have none), so that nothing but the panel itself stands between a hostile name and
the shop's page. The demo help center, served with its headers."""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.test_widget import _serve_help

pytestmark = pytest.mark.browser

EVIL = "https://evil.example/"
CORS = {"Access-Control-Allow-Origin": "*"}
# A search worker that answers every query with a result and a javascript: channel link.
EVIL_WORKER = (
    "data:text/javascript,onmessage=function(e){postMessage({seq:e.data.seq,q:e.data.q,total:1,"
    "hits:[{id:'evil',question:'EVIL WORKER',summary:'',url:'" + EVIL + "',kind:'entry',hq:[],hs:[]}],"
    "compat:[],which:[],channels:[{key:'chat',label:'EVIL CHAT',href:'javascript:alert(1)'}],lead:0})};"
    "postMessage({ready:true});"
)
NOT_AVAILABLE = "Search is not available right now."


@pytest.fixture(scope="module")
def help_url(demo_site: Path) -> Iterator[str]:
    with _serve_help(demo_site) as (url, _posts):
        yield url


@contextlib.contextmanager
def _shop(help_url: str) -> Iterator[str]:
    """A shop's product page with the widget and no Content-Security-Policy."""
    body = (
        '<!doctype html><html lang="en"><head><title>Aero One</title></head><body><main>Aero One</main>'
        f'<script src="{help_url}widget.js" async data-product="aero-one"></script></body></html>'
    ).encode()

    class Shop(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Shop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}/products/aero-one"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def shop_url(help_url: str) -> Iterator[str]:
    with _shop(help_url) as url:
        yield url


def _worker_gone_once(page: Page) -> None:
    """The data file the panel loads first names a search worker that is gone (a deploy of a
    newer kbgen since); the help site's data file as it is afterwards."""
    served = [0]

    def data(route: Route) -> None:
        response = route.fetch()
        served[0] += 1
        if served[0] > 1:
            route.fulfill(response=response)
            return
        body = response.json()
        body["search_worker"] = "_kbgen/widget/search.000000000000.js"
        route.fulfill(response=response, body=json.dumps(body))

    page.route(re.compile(r".*/_kbgen/widget/data\.[0-9a-f]+\.json$"), data)


def _failed_search(page: Page, shop_url: str) -> Any:
    page.goto(shop_url)
    page.locator("kbgen-help").get_by_role("button", name="Help", exact=True).click()
    dialog = page.get_by_role("dialog", name="Northbrew Help Center")
    dialog.get_by_role("searchbox").fill("warranty")
    results = dialog.locator(".kb-results")
    expect(results.get_by_text(NOT_AVAILABLE)).to_be_visible()
    return results


def _evil_data(path: str) -> dict[str, Any]:
    return {"format": 2, "parts": None, "search_worker": EVIL_WORKER, "search_index": EVIL + "index.json"}


POINTERS: dict[str, Any] = {
    "data on another origin": {"format": 2, "data": EVIL + "data.json"},
    "data as a data: URL": {"format": 2, "data": "data:application/json," + json.dumps(_evil_data(""))},
    "data as javascript:": {"format": 2, "data": "javascript:alert(1)"},
    "a worker on another origin": {"format": 2, "data": "_kbgen/widget/evil.json", "_worker": EVIL + "w.js"},
    "a worker as a data: URL": {"format": 2, "data": "_kbgen/widget/evil.json", "_worker": EVIL_WORKER},
    "not JSON": "<html>502 Bad Gateway</html>",
    "another format": {"format": 3, "data": EVIL + "data.json"},
    "huge": {"format": 2, "data": EVIL + "data.json", "pad": "x" * 2_000_000},
}


@pytest.mark.parametrize("case", list(POINTERS))
def test_try_again_loads_nothing_a_hostile_pointer_names(browser: Browser, shop_url: str, case: str) -> None:
    pointer = dict(POINTERS[case]) if isinstance(POINTERS[case], dict) else POINTERS[case]
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _worker_gone_once(page)
    worker = pointer.pop("_worker", EVIL_WORKER) if isinstance(pointer, dict) else EVIL_WORKER
    text = pointer if isinstance(pointer, str) else json.dumps(pointer)
    json_type = "application/json"
    page.route("**/_kbgen/widget-latest.json", lambda r: r.fulfill(content_type=json_type, body=text))
    # a data file on the help site naming a worker elsewhere (a cache or a deploy gone wrong)
    evil = {"format": 2, "parts": None, "search_worker": worker, "search_index": "search/index.json"}
    evil_body = json.dumps(evil)
    page.route("**/_kbgen/widget/evil.json", lambda r: r.fulfill(content_type=json_type, body=evil_body))
    page.route(
        EVIL + "**",
        lambda r: r.fulfill(headers=CORS, content_type=json_type, body=json.dumps(_evil_data(r.request.url))),
    )
    results = _failed_search(page, shop_url)
    results.get_by_role("button", name="Try again").click()
    expect(results.get_by_text(NOT_AVAILABLE)).to_be_visible()  # said again, with Try again
    expect(results.get_by_role("button", name="Try again")).to_be_visible()
    page.wait_for_timeout(500)
    assert results.get_by_text("EVIL").count() == 0
    assert [u for u in requests if u.startswith(EVIL)] == []
    assert dialogs == []
    context.close()


def test_try_again_with_the_help_sites_pointer_searches(browser: Browser, shop_url: str) -> None:
    """The same harness with the help site's own widget-latest.json: the data file it names has
    the worker, and Try again shows the answers (so the cases above fail for what they test)."""
    context = browser.new_context()
    page = context.new_page()
    _worker_gone_once(page)
    results = _failed_search(page, shop_url)
    results.get_by_role("button", name="Try again").click()
    expect(results.locator("a[data-entry-id]").first).to_be_visible()
    expect(results.get_by_text(NOT_AVAILABLE)).to_have_count(0)
    context.close()


def test_a_pointer_that_never_comes_is_said_not_loading_for_good(browser: Browser, shop_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()  # the page's timers, run on at will: the 15 s below take no 15 s
    _worker_gone_once(page)
    page.route("**/_kbgen/widget-latest.json", lambda r: None)  # never answered
    results = _failed_search(page, shop_url)
    results.get_by_role("button", name="Try again").click()
    status = page.get_by_role("dialog").get_by_role("status").first
    expect(status).to_have_text("Loading search…")
    # typing on while it asks: still asking (no "not available" and a second Try again at once)
    page.get_by_role("dialog").get_by_role("searchbox").fill("warranty claim")
    page.wait_for_timeout(1000)
    expect(status).to_have_text("Loading search…")
    expect(results.get_by_text(NOT_AVAILABLE)).to_have_count(0)
    # the panel gives up on the pointer as it does on a search that doesn't start (15 s), and
    # says so of what the box has now
    page.clock.fast_forward(16_000)
    expect(results.get_by_text(NOT_AVAILABLE)).to_be_visible()
    expect(results).to_have_attribute("data-query", "warranty claim")
    expect(results.get_by_role("button", name="Try again")).to_be_visible()
    context.close()
