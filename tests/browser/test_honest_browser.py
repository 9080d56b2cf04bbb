"""The browser never pretends (issue 9, class 7), in a real Chromium against real servers.

A feedback or missing-answer post that fails (a 500, a dropped connection, a cross-origin
endpoint without CORS, no answer at all) says it did not go through and shows the channels,
never "Thank you". A search engine or index that can't load says so and links the contact
page, within a bounded time; a query the engine throws on is an error, not "no results".
After Yes or No, keyboard focus is on something meaningful, never the body.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import Tab, _QuietHandler, serve_dir
from tests.conftest import run_kbgen

pytestmark = pytest.mark.browser

# The shopper's texts, written out here (not read from kbgen/i18n.py), so a wrong text fails.
NOT_SENT = "Your feedback did not go through. Please try again, or reach a person above."
COMMENT_NOT_SENT = "Your comment did not go through. Please try again, or contact us."
MISSING_NOT_SENT = "Your message did not go through. Please try again, or reach us directly:"
THANKS = "Thank you"
SEARCH_FAILED = "Search is not available right now."
START_SLOW = (
    "Search is still loading: the connection is slow. The results will show as soon as it arrives. "
    "You can also try again, or ask us:"
)
DEMO_TEL = "tel:+493055501234"
ZH_NOT_SENT = "您的反馈没有发送成功。请重试，或通过上方的方式联系我们。"
ZH_MISSING_NOT_SENT = "您的留言没有发送成功。请重试，或直接联系我们："
ZH_THANKS = "谢谢"
ZH_TEL = "tel:+864005550100"
FOCUS = (
    "(() => { const a = document.activeElement;"
    " return a && a !== document.body && a !== document.documentElement"
    " ? a.tagName + (a.hasAttribute('data-kb-feedback-status') ? '[status]' : '')"
    " + ':' + (a.textContent || '').trim() : 'BODY'; })()"
)
BOUND_MS = 5_000  # a failed load is reported within this, not after the 15 s last-resort timeout


def _wait_for_posts(server: http.server.ThreadingHTTPServer, n: int) -> list[tuple[str, str, str]]:
    deadline = time.monotonic() + 10
    while len(server.posts) < n and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.05)
    return list(server.posts)  # type: ignore[attr-defined]


def _body_text(page: Page) -> str:
    return str(page.evaluate("document.body.innerText"))


def _assert_failed_feedback(page: Page, status_text: str, thanks: str, tel: str) -> None:
    """The status says the post failed, no thanks anywhere, and the channels are right above
    ("Still need help?" precedes the form), once: none repeated inside the form."""
    feedback = page.locator(".kb-feedback-form")
    expect(feedback.locator("[data-kb-feedback-status]")).to_have_text(status_text)
    assert thanks not in _body_text(page)
    below = page.locator(".kb-contact:has(+ .kb-feedback)")
    expect(below.locator("[data-channel=hotline] a")).to_be_visible()
    expect(below.locator("[data-channel=hotline] a")).to_have_attribute("href", tel)
    expect(below.locator("[data-channel=email] a")).to_be_visible()
    contact = below.locator("a.kb-contact__all")
    expect(contact).to_be_visible()
    assert urlsplit(contact.get_attribute("href") or "").path.endswith("contact/")
    expect(feedback.locator("[data-channel]")).to_have_count(0)
    expect(feedback.locator("[data-kb-feedback-sorry]")).to_be_hidden()


# --- Feedback on the demo: a real server that answers 500 --------------------------------------


class _Failing500Handler(_QuietHandler):
    """Serves the site; form posts are recorded and answered with a 500 (after the server's
    ``ok_left`` posts, answered 200)."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length", "0"))
        self.server.posts.append((self.path, "", self.rfile.read(length).decode()))  # type: ignore[attr-defined]
        ok = self.server.ok_left > 0  # type: ignore[attr-defined]
        self.server.ok_left -= ok  # type: ignore[attr-defined]
        self.send_response(200 if ok else 500)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"Internal Server Error")


@pytest.fixture(scope="module")
def failing_demo(demo_site: Path) -> Iterator[tuple[http.server.ThreadingHTTPServer, str]]:
    handler = functools.partial(_Failing500Handler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.posts = []  # type: ignore[attr-defined]
    server.ok_left = 0  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def failing_tab(browser: Browser, failing_demo: tuple[http.server.ThreadingHTTPServer, str]) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Tab(context.new_page(), failing_demo[1])
    context.close()


@pytest.mark.parametrize("choice", ["Yes", "No"])
def test_feedback_answered_500_says_not_sent_and_shows_the_channels(
    failing_tab: Tab, failing_demo: tuple[http.server.ThreadingHTTPServer, str], choice: str
) -> None:
    server, _ = failing_demo
    server.posts.clear()  # type: ignore[attr-defined]
    page = failing_tab.open("questions/how-to-descale/")
    button = page.locator(".kb-feedback").get_by_role("button", name=choice, exact=True)
    button.click()
    _assert_failed_feedback(page, NOT_SENT, THANKS, DEMO_TEL)
    posts = _wait_for_posts(server, 1)
    assert len(posts) == 1 and parse_qs(posts[0][2])["helpful"] == [choice.lower()]
    # The buttons stay for another try, and focus stays on the one pressed.
    expect(button).to_be_visible()
    assert page.evaluate(FOCUS) == f"BUTTON:{choice}"


def test_feedback_comment_answered_500_keeps_the_comment(
    failing_tab: Tab, failing_demo: tuple[http.server.ThreadingHTTPServer, str]
) -> None:
    server, _ = failing_demo
    server.ok_left = 1  # type: ignore[attr-defined]  # the Yes goes through, the comment doesn't
    page = failing_tab.open("questions/how-to-descale/")
    feedback = page.locator(".kb-feedback")
    feedback.get_by_role("button", name="Yes").click()
    expect(feedback.locator("[data-kb-feedback-status]")).to_contain_text(THANKS)
    box = feedback.get_by_label("Anything we should improve? (optional)")
    box.fill("The descaler dose is missing")
    feedback.get_by_role("button", name="Send feedback").click()
    expect(feedback.locator("[data-kb-feedback-status]")).to_have_text(COMMENT_NOT_SENT)
    expect(box).to_have_value("The descaler dose is missing")
    assert page.evaluate(FOCUS) == "BUTTON:Send feedback"


def test_missing_answer_answered_500_says_not_sent_and_shows_the_channels(failing_tab: Tab) -> None:
    page = failing_tab.open("contact/?query=espresso%20cups")
    form = page.locator(".kb-missing-form")
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-kb-feedback-status]")).to_have_text(MISSING_NOT_SENT)
    assert THANKS not in _body_text(page)
    failed = form.locator("[data-kb-feedback-failed]")
    expect(failed.locator("[data-channel=hotline] a")).to_be_visible()
    expect(failed.locator("[data-channel=hotline] a")).to_have_attribute("href", DEMO_TEL)
    expect(failed.get_by_role("link", name="All ways to contact us")).to_be_visible()
    assert page.evaluate(FOCUS) != "BODY"


# --- Feedback on the demo: network errors and no answer ----------------------------------------


def _is_feedback_post(url: str) -> bool:
    return "feedback=sent" in url


def test_feedback_network_error_says_not_sent(tab: Tab) -> None:
    page = tab.page
    page.route(_is_feedback_post, lambda route: route.abort("connectionrefused"))
    tab.open("questions/how-to-descale/")
    page.locator(".kb-feedback").get_by_role("button", name="No").click()
    _assert_failed_feedback(page, NOT_SENT, THANKS, DEMO_TEL)
    assert page.evaluate(FOCUS) == "BUTTON:No"


def test_feedback_without_any_answer_says_not_sent_after_the_timeout(tab: Tab) -> None:
    page = tab.page
    held: list[Route] = []
    page.route(_is_feedback_post, lambda route: held.append(route))  # never answered
    page.clock.install()
    tab.open("questions/how-to-descale/")
    page.locator(".kb-feedback").get_by_role("button", name="Yes").click()
    status = page.locator(".kb-feedback [data-kb-feedback-status]")
    expect(status).to_have_text("Sending…")
    _until_asked(page, held)
    page.clock.run_for(16_000)
    _assert_failed_feedback(page, NOT_SENT, THANKS, DEMO_TEL)
    assert len(held) == 1


# --- Feedback that works: focus after Yes or No, by mouse and by keyboard ---------------------


@pytest.mark.parametrize("choice", ["Yes", "No"])
def test_focus_after_yes_or_no_is_on_the_answer_not_the_body(tab: Tab, choice: str) -> None:
    page = tab.open("questions/how-to-descale/")
    feedback = page.locator(".kb-feedback")
    feedback.get_by_role("button", name=choice, exact=True).focus()
    page.keyboard.press("Enter")
    status = feedback.locator("[data-kb-feedback-status]")
    expect(status).to_contain_text(THANKS)
    expect(feedback.locator(".kb-feedback-form__choices")).to_be_hidden()
    expect(status).to_be_focused()
    assert page.evaluate(FOCUS).startswith("P[status]:Thank you")
    # The next Tab reaches the optional comment, after Yes or No (the channels follow the form).
    page.keyboard.press("Tab")
    expect(feedback.get_by_label("Anything we should improve? (optional)")).to_be_focused()
    expect(feedback.locator("[data-kb-feedback-failed]")).to_be_hidden()


# --- A cross-origin endpoint (a second server, another port) in a site built with kbgen -----------


class _EndpointHandler(http.server.BaseHTTPRequestHandler):
    """A feedback endpoint on another origin. ``mode``: "no-cors" (200 without CORS headers),
    "cors" (200 with them), "cors-500" or "drop" (closes the connection without an answer)."""

    mode: ClassVar[str] = "no-cors"
    posts: ClassVar[list[tuple[str, str, str]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        self.posts.append((self.path, self.headers.get("Origin", ""), body))
        if self.mode == "drop":
            self.close_connection = True
            return
        self.send_response(500 if self.mode == "cors-500" else 200)
        if self.mode.startswith("cors"):
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin", "*"))
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


ZH_MKDOCS = """\
site_name: 测试商店帮助中心
docs_dir: content
site_dir: site
theme:
  name: material
  language: zh
  font: false
plugins:
  - kbgen:
      contact:
        hotline:
          number: "+86 400 555 0100"
        email:
          address: help@shop.example
      feedback:
        url: http://localhost:{port}/feedback
"""
ZH_ENTRY = """\
---
id: start-a-return
question: 怎么退货？
stage: after-delivery
summary: 在“我的订单”里选择退货，30 天内免费。
---

## 步骤

打开订单，选择退货。
"""


@pytest.fixture(scope="module")
def cross_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[type[_EndpointHandler], str]]:
    """A small Chinese site built with ``feedback: url:`` on another origin, and that endpoint."""
    endpoint_cls = type("Endpoint", (_EndpointHandler,), {"posts": []})
    endpoint = http.server.ThreadingHTTPServer(("127.0.0.1", 0), endpoint_cls)
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()
    root = tmp_path_factory.mktemp("cross-origin")
    (root / "content" / "after-delivery").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(ZH_MKDOCS.format(port=endpoint.server_address[1]), encoding="utf-8")
    (root / "content" / "after-delivery" / "start-a-return.md").write_text(ZH_ENTRY, encoding="utf-8")
    run_kbgen("build", cwd=root, check=True)
    site, url = serve_dir(root / "site")
    yield endpoint_cls, url
    site.shutdown()
    site.server_close()
    endpoint.shutdown()
    endpoint.server_close()


@pytest.fixture
def zh_tab(browser: Browser, cross_origin: tuple[type[_EndpointHandler], str]) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield Tab(context.new_page(), cross_origin[1])
    context.close()


@pytest.mark.parametrize("mode", ["no-cors", "cors-500", "drop"])
def test_cross_origin_feedback_that_fails_says_not_sent(
    zh_tab: Tab, cross_origin: tuple[type[_EndpointHandler], str], mode: str
) -> None:
    endpoint, _ = cross_origin
    endpoint.mode = mode
    endpoint.posts.clear()
    page = zh_tab.open("questions/start-a-return/")
    page.locator(".kb-feedback").get_by_role("button", name="没有帮助").click()
    _assert_failed_feedback(page, ZH_NOT_SENT, ZH_THANKS, ZH_TEL)
    assert page.evaluate(FOCUS) == "BUTTON:没有帮助"
    # The post really reached the other origin (the no-CORS endpoint even answered 200):
    # the page can't know that it arrived, so it must not say so.
    assert len(endpoint.posts) >= 1
    path, origin, body = endpoint.posts[0]
    assert path == "/feedback" and origin == zh_tab.base.rstrip("/")
    assert parse_qs(body)["helpful"] == ["no"]


def test_cross_origin_feedback_with_cors_is_thanked(
    zh_tab: Tab, cross_origin: tuple[type[_EndpointHandler], str]
) -> None:
    endpoint, _ = cross_origin
    endpoint.mode = "cors"
    endpoint.posts.clear()
    page = zh_tab.open("questions/start-a-return/")
    page.locator(".kb-feedback").get_by_role("button", name="有帮助", exact=True).click()
    status = page.locator(".kb-feedback [data-kb-feedback-status]")
    expect(status).to_have_text("谢谢！您的反馈将帮助我们改进这篇回答。")
    expect(status).to_be_focused()
    expect(page.locator(".kb-feedback [data-kb-feedback-failed]")).to_be_hidden()
    assert [parse_qs(p[2])["helpful"] for p in endpoint.posts] == [["yes"]]


def test_cross_origin_missing_answer_without_cors_says_not_sent(
    zh_tab: Tab, cross_origin: tuple[type[_EndpointHandler], str]
) -> None:
    endpoint, _ = cross_origin
    endpoint.mode = "no-cors"
    page = zh_tab.open("contact/?query=%E9%80%80%E6%AC%BE")
    form = page.locator(".kb-missing-form")
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-kb-feedback-status]")).to_have_text(ZH_MISSING_NOT_SENT)
    assert ZH_THANKS not in _body_text(page)
    failed = form.locator("[data-kb-feedback-failed]")
    expect(failed.locator("[data-channel=hotline] a")).to_have_attribute("href", ZH_TEL)
    expect(failed.get_by_role("link", name="全部联系方式")).to_be_visible()


# --- Search: a copy of the built demo with its index or engine broken --------------------------


@pytest.fixture
def demo_copy(demo_site: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    server, url = serve_dir(site)
    yield site, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def copy_tab(browser: Browser, demo_copy: tuple[Path, str]) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Tab(context.new_page(), demo_copy[1])
    context.close()


def _assert_search_failed(page: Page, query: str) -> None:
    expect(page.locator("#kb-search-status")).to_have_text(SEARCH_FAILED, timeout=BOUND_MS)
    assert page.locator("#kb-search").get_attribute("data-state") == "failed"
    _assert_contact_offered(page, query)


def _assert_contact_offered(page: Page, query: str) -> None:
    contact = page.locator("#kb-search-error").get_by_role("link", name="All ways to contact us")
    expect(contact).to_be_visible()
    href = urlsplit(contact.get_attribute("href") or "")
    assert href.path.endswith("/contact/")
    assert parse_qs(href.query).get("q", [""]) == [query] if query else "q=" not in href.query
    expect(page.locator("#kb-search-error [data-channel=hotline] a")).to_have_attribute("href", DEMO_TEL)
    expect(page.locator("#kb-search-none")).to_be_hidden()
    expect(page.locator("#kb-search-results li")).to_have_count(0)
    assert "Loading" not in (page.locator("#kb-search-status").text_content() or "")


WORKER = "assets/kbgen/search-worker.*.js"


def _the_file(site: Path, path: str) -> Path:
    """The site's file at ``path``, a pattern naming one file (a name with its content's hash)."""
    found = sorted(site.glob(path))
    assert len(found) == 1, (path, found)
    return found[0]


BREAKAGES: list[tuple[str, str, bytes | None]] = [
    ("index deleted (404)", "search/index.json", None),
    ("index not JSON", "search/index.json", b'{"version": 2, "docs": [tru'),
    ("index of another format", "search/index.json", b'{"version": 999, "tokenizer": 1}'),
    # the search page's worker: one file, named by its content (kbgen/search/bundle.py)
    ("worker script deleted (404)", WORKER, None),
    ("worker script not JavaScript", WORKER, b"this is (not JavaScript"),
    ("worker throws on start", WORKER, b'throw new Error("broken");'),
    ("worker script cut short", WORKER, b"half"),
]


@pytest.mark.parametrize(("what", "path", "content"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_search_says_so_and_links_contact(
    copy_tab: Tab, demo_copy: tuple[Path, str], what: str, path: str, content: bytes | None
) -> None:
    target = _the_file(demo_copy[0], path)
    if content is None:
        target.unlink()
    elif content == b"half":  # a download that broke off
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    else:
        target.write_bytes(content)
    page = copy_tab.open("search/?q=descale")
    _assert_search_failed(page, "descale")
    # Typing more keeps saying so (never "Loading…" or "No results"), and the link follows.
    page.locator("#kb-search-q").fill("grinder jammed")
    expect(page.locator("#kb-search-status")).to_have_text(SEARCH_FAILED)
    _assert_search_failed(page, "grinder jammed")


def test_broken_index_is_reported_without_typing(copy_tab: Tab, demo_copy: tuple[Path, str]) -> None:
    (demo_copy[0] / "search/index.json").write_text("<!doctype html><p>Not found", encoding="utf-8")
    page = copy_tab.open("search/")
    _assert_search_failed(page, "")


def test_query_that_throws_in_the_engine_is_an_error_not_no_results(
    copy_tab: Tab, demo_copy: tuple[Path, str]
) -> None:
    index_path = demo_copy[0] / "search/index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    ids = [d[0] for d in index["docs"]]
    index["docs"][ids.index("how-to-descale")] = None  # reading this document throws
    index_path.write_text(json.dumps(index), encoding="utf-8")

    page = copy_tab.open("search/?q=descale")
    status = page.locator("#kb-search-status")
    expect(status).to_have_text(
        "Something went wrong while searching for “descale”. Please try again, or ask us:", timeout=BOUND_MS
    )
    assert page.locator("#kb-search").get_attribute("data-state") == "error"
    _assert_contact_offered(page, "descale")
    assert not re.search(r"No results", _body_text(page))

    # Another query, not reaching the broken document, works again.
    page.locator("#kb-search-q").fill("invoice")
    expect(page.locator("#kb-search-results a[data-entry-id]").first).to_be_visible()
    expect(page.locator("#kb-search-error")).to_be_hidden()
    assert page.locator("#kb-search").get_attribute("data-state") == "results"


def _hold_index(page: Page) -> list[Route]:
    held: list[Route] = []
    page.route(re.compile(r"/search/index\.json(\?|$)"), lambda route: held.append(route))
    return held


def _until_asked(page: Page, held: list[Route]) -> None:
    """Wait (in real time) until the request is held: the page's fake clock must not run past its
    timeout before the worker, which keeps real time, has even asked (it had not, once, on CI)."""
    for _ in range(200):
        if held:
            return
        page.wait_for_timeout(50)
    raise AssertionError("the request was never made")


def _assert_start_slow(page: Page, query: str) -> None:
    """The index is late: said to be slow (not "not available"), with Try again and the channels."""
    expect(page.locator("#kb-search-status")).to_have_text(START_SLOW)
    assert page.locator("#kb-search").get_attribute("data-state") == "slow"
    expect(page.locator("#kb-search-retry")).to_be_visible()
    expect(page.locator("#kb-search-retry")).to_have_text("Try again")
    _assert_contact_offered(page, query)


def test_index_that_never_arrives_is_said_to_be_slow_after_the_timeout_and_recovers(tab: Tab) -> None:
    """Nothing failed: the network may only be slow (a phone on a train). Said so after the 15 s
    last-resort timeout, and the results come when the index does."""
    page = tab.page
    held = _hold_index(page)
    page.clock.install()
    tab.open("search/?q=descale")
    status = page.locator("#kb-search-status")
    expect(status).to_have_text("Loading search…")
    _until_asked(page, held)
    page.clock.run_for(16_000)
    _assert_start_slow(page, "descale")
    # Typing more keeps saying so, and the link to the contact page follows.
    page.locator("#kb-search-q").fill("descale machine")
    _assert_start_slow(page, "descale machine")
    # When the index does arrive after all, the results replace the message.
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("#kb-search-results a[data-entry-id='how-to-descale']").first).to_be_visible()
    expect(page.locator("#kb-search-error")).to_be_hidden()
    expect(page.locator("#kb-search-retry")).to_be_hidden()
    assert page.locator("#kb-search").get_attribute("data-state") == "results"


def test_try_again_after_a_slow_start_fetches_the_index_again(tab: Tab) -> None:
    """A download stuck on a bad connection: Try again starts it anew, and that one answers."""
    page = tab.page
    held = _hold_index(page)
    page.clock.install()
    tab.open("search/?q=descale")
    _until_asked(page, held)
    page.clock.run_for(16_000)
    _assert_start_slow(page, "descale")
    page.locator("#kb-search-retry").click()
    expect(page.locator("#kb-search-status")).to_have_text("Loading search…")
    for _ in range(200):  # in real time, until the index is asked for again
        if len(held) == 2:
            break
        page.wait_for_timeout(50)
    assert len(held) == 2, "Try again did not fetch the index again"
    held[1].continue_()
    expect(page.locator("#kb-search-results a[data-entry-id='how-to-descale']")).to_be_visible()
    expect(page.locator("#kb-search-error")).to_be_hidden()
