"""The installable help center (issue 23, ``installable: true``) in Chromium: a service worker
scoped to the help site keeps the shell, the search and the answers visited; offline, those
still open and search, an answer never opened gets an honest offline page in the site's
language; a newer version is offered, not forced; each language has its own worker. The site
is served with Netlify's headers (its CSP included) on 127.0.0.1, a secure context; "offline" is
both Chromium's offline mode and the server shut down."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.test_axe import AXE, axe
from tests.browser.test_headers import _HeadersHandler, _rules
from tests.conftest import ROOT, run_kbgen
from tests.integration.test_languages import CONFIG, FILES

pytestmark = pytest.mark.browser

ON = "  - kbgen:\n      installable: true\n"

CACHED_BYTES = """async () => {
  let total = 0, count = 0, pages = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      total += (await response.blob()).size;
      count += 1;
      if (name.startsWith('kbgen-pages')) pages.push(new URL(request.url).pathname);
    }
  }
  return {total, count, pages: pages.sort()};
}"""


class Served:
    """A built site served like Netlify (its _headers), which the test can take offline."""

    def __init__(self, site: Path) -> None:
        handler = type("H", (_HeadersHandler,), {"rules": _rules(site)})
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
        )
        self.server.posts = []  # type: ignore[attr-defined]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.up = True

    def stop(self) -> None:
        if self.up:
            self.up = False
            self.server.shutdown()
            self.server.server_close()


def _build(root: Path, config: str, files: dict[str, str] | None = None) -> Path:
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in (files or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    run_kbgen("build", "--site-dir", str(root / "site"), cwd=root, check=True)
    return root / "site"


@pytest.fixture
def demo_app(tmp_path: Path) -> Path:
    """The demo with installable: true, built afresh (the test changes its files)."""
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, tmp_path / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - kbgen:\n" in config
    return _build(tmp_path, config.replace("  - kbgen:\n", ON))


def _controlled(page: Page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)


def _question(site: Path, entry_id: str) -> str:
    html = (site / "questions" / entry_id / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<h1[^>]*>([^<]+)</h1>", html)
    assert found
    return found.group(1).replace("&#39;", "'").replace("&amp;", "&")


def _axe(page: Page) -> list[str]:
    """axe under the site's CSP: evaluated by the test (which no CSP stops), not as an inline
    script (which the CSP rightly refuses)."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    return axe(page)


def _offline(context: BrowserContext, served: Served) -> None:
    context.set_offline(True)
    served.stop()


def test_visited_answers_and_the_search_read_offline_the_rest_says_so(
    browser: Browser, demo_app: Path
) -> None:
    served = Served(demo_app)
    context = browser.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(served.url)
        _controlled(page)
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == served.url + "sw.js"
        scopes = page.evaluate("navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope))")
        assert scopes == [served.url]
        # The manifest the pages link is the help center's, in its language.
        manifest = json.loads(page.evaluate("fetch('manifest.webmanifest').then(r => r.text())"))
        assert (manifest["name"], manifest["lang"]) == ("Northbrew Help Center", "en")
        assert (manifest["start_url"], manifest["scope"]) == ("./", "./")
        # Chromium's own verdict: nothing but the test's private window stands in the way of
        # installing it (a missing icon, manifest field or worker would each be named here).
        cdp = context.new_cdp_session(page)
        errors_found = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert [e["errorId"] for e in errors_found] == ["in-incognito"]

        page.goto(served.url + "questions/how-to-descale/")
        page.goto(served.url + "search/?q=descale")
        results = page.locator("#kb-search-results a[data-entry-id]")
        expect(results.first).to_be_visible()
        online = results.evaluate_all("links => links.map(a => a.dataset.entryId)")
        assert "how-to-descale" in online
        stored = page.evaluate(CACHED_BYTES)
        print(
            f"\ncached after home + 1 answer + 1 search: {stored['total']:,} bytes in {stored['count']} files"
        )
        # Not the whole site: the shell (with the home and search pages), and what was opened.
        assert [p for p in stored["pages"] if p.startswith("/questions/")] == ["/questions/how-to-descale/"]
        site_bytes = sum(p.stat().st_size for p in demo_app.rglob("*") if p.is_file())
        assert stored["total"] < site_bytes / 3
        assert [u for u in requests if not u.startswith((served.url, "data:", "blob:"))] == []
        assert [e for e in errors if "Content Security Policy" in e] == []

        _offline(context, served)
        response = page.goto(served.url + "questions/how-to-descale/")
        assert response is not None and response.ok
        expect(page.locator("h1")).to_have_text(_question(demo_app, "how-to-descale"))
        page.goto(served.url + "search/?q=descale")
        expect(results.first).to_be_visible()
        assert results.evaluate_all("links => links.map(a => a.dataset.entryId)") == online
        page.goto(served.url + "search/?q=warranty")  # another query: the whole index is kept
        expect(results.first).to_be_visible()

        # An answer never opened: the offline page says so, in the site's language and look.
        response = page.goto(served.url + "questions/track-my-order/")
        assert response is not None and response.status == 503
        assert page.url == served.url + "questions/track-my-order/"  # where the reader wanted to go
        expect(page.locator("h1")).to_have_text("You're offline")
        assert page.locator("html").get_attribute("lang") == "en"
        saved = page.locator("[data-kb-offline-saved] a")
        expect(saved).to_have_text([_question(demo_app, "how-to-descale")])
        assert saved.get_attribute("href") == "/questions/how-to-descale/"
        assert page.get_by_role("link", name="Go to the home page").get_attribute("href") == "/"
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
        assert _axe(page) == []
        saved.click()
        expect(page.locator("h1")).to_have_text(_question(demo_app, "how-to-descale"))
    finally:
        context.close()
        served.stop()


def test_a_newer_version_is_offered_not_forced(browser: Browser, demo_app: Path) -> None:
    served = Served(demo_app)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served.url + "questions/how-to-descale/")
        _controlled(page)
        first = page.evaluate("navigator.serviceWorker.controller.scriptURL")
        # A new build: its worker's version changes (as when a shell file or the search changes).
        worker = demo_app / "sw.js"
        text = worker.read_text(encoding="utf-8")
        version = re.search(r'"version":"([0-9a-f]+)"', text)
        assert version
        worker.write_text(text.replace(version.group(1), "0" * 16), encoding="utf-8")
        # The test server's Last-Modified has whole seconds and answers the browser's
        # If-Modified-Since with 304 when the file changed within the second it was built in
        # (a fast CI machine: the old worker stays, no update). A deploy changes the date too
        # (and Netlify's ETag).
        later = worker.stat().st_mtime + 5
        os.utime(worker, (later, later))
        page.reload()
        notice = page.locator("[data-kb-app-update]")
        expect(notice).to_contain_text("A newer version of this help center is available.", timeout=20000)
        assert notice.get_attribute("role") == "status"
        # Offered, not forced: the page stays, the old worker still serves it.
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => !!r.waiting)")
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == first
        assert _axe(page) == []
        notice.get_by_role("button", name="Not now").click()
        expect(notice).to_have_count(0)
        page.reload()
        notice = page.locator("[data-kb-app-update]")
        expect(notice.get_by_role("button", name="Reload")).to_be_visible(timeout=20000)
        with page.expect_navigation():
            notice.get_by_role("button", name="Reload").click()
        page.wait_for_function("navigator.serviceWorker.getRegistration().then(r => !r.waiting)")
        expect(page.locator("[data-kb-app-update]")).to_have_count(0)
        names = page.evaluate("caches.keys()")
        assert [n for n in names if n.startswith("kbgen-shell")] == ["kbgen-shell / " + "0" * 16]
    finally:
        context.close()
        served.stop()


def test_each_language_has_its_own_worker_and_offline_page(browser: Browser, tmp_path: Path) -> None:
    site = _build(tmp_path, CONFIG.replace("  - kbgen:\n", ON), FILES)
    served = Served(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served.url + "questions/a/")
        _controlled(page)
        page.goto(served.url + "zh-hant/questions/a/")
        # First the root's worker (whose scope holds every folder) controls it, but leaves it
        # alone; then its own worker, once installed, takes it over.
        page.wait_for_function(
            "() => (navigator.serviceWorker.controller || {}).scriptURL"
            " === location.origin + '/zh-hant/sw.js'",
            timeout=20000,
        )
        scopes = page.evaluate(
            "navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope).sort())"
        )
        assert scopes == [served.url, served.url + "zh-hant/"]
        manifest = json.loads(page.evaluate("fetch('../../manifest.webmanifest').then(r => r.text())"))
        assert (manifest["lang"], manifest["name"]) == ("zh-Hant", "測試商店 說明中心")
        stored = page.evaluate(CACHED_BYTES)
        opened = [p for p in stored["pages"] if "/questions/" in p]
        assert opened == ["/questions/a/", "/zh-hant/questions/a/"]  # each in its own worker

        _offline(context, served)
        page.goto(served.url + "zh-hant/questions/a/")
        expect(page.locator("h1")).to_have_text("拆封的商品可以退貨嗎？")
        page.goto(served.url + "zh-hant/questions/b/")
        expect(page.locator("h1")).to_have_text("您目前離線")
        assert page.locator("html").get_attribute("lang") == "zh-Hant"
        expect(page.locator("[data-kb-offline-saved] a")).to_have_text(["拆封的商品可以退貨嗎？"])
        assert page.get_by_role("link", name="回到首頁").get_attribute("href") == "/zh-hant/"
        page.goto(served.url + "questions/b/")
        expect(page.locator("h1")).to_have_text("You're offline")
        expect(page.locator("[data-kb-offline-saved] a")).to_have_count(1)
    finally:
        context.close()
        served.stop()


def test_installable_remove_undoes_an_earlier_install(browser: Browser, tmp_path: Path) -> None:
    config = CONFIG.replace("  - kbgen:\n", ON)
    site = _build(tmp_path, config, FILES)
    served = Served(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served.url + "questions/a/")
        _controlled(page)
        assert page.evaluate("caches.keys()")
        # The owner turns it off again: `installable: remove`, then a new build on the same server.
        removed = _build(tmp_path, CONFIG.replace("  - kbgen:\n", "  - kbgen:\n      installable: remove\n"))
        assert removed == site
        assert not (site / "manifest.webmanifest").exists() and not (site / "offline.html").exists()
        assert "app.js" not in (site / "questions/a/index.html").read_text(encoding="utf-8")
        page.goto(served.url + "questions/b/")  # the browser checks the worker and gets the new one
        page.wait_for_function(
            "Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()])"
            ".then(([rs, names]) => rs.length === 0 && names.length === 0)",
            timeout=20000,
        )
    finally:
        context.close()
        served.stop()
