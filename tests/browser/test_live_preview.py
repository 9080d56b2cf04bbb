"""`kbgen serve`: an edited entry shows in the open browser tab without a restart, under the
site's Content-Security-Policy; while the content is broken every page shows the problems, and
the tab recovers by itself once they are fixed."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import WriteSite, entry

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def preview(write_site: WriteSite) -> Iterator[tuple[Path, str]]:
    root = write_site({"content/returns.md": entry(summary="Within 30 days.")})
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                out = proc.stdout.read() if proc.stdout else ''
                raise AssertionError(f"kbgen serve exited:\n{out}") from None
            time.sleep(0.2)
    yield root, f"http://127.0.0.1:{port}/"
    if proc.poll() is None:
        proc.terminate()
    proc.wait(timeout=20)
    if proc.stdout:
        proc.stdout.close()


def _watch_csp(page: Page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return violations


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_edit_shows_without_restart(browser: Browser, preview: tuple[Path, str]) -> None:
    root, url = preview
    page = browser.new_page()
    violations = _watch_csp(page)
    response = page.goto(url + "questions/returns/")
    assert response is not None
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    expect(page.locator(".kb-answer__text")).to_have_text("Within 30 days.")

    source = root / "content/returns.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Within 30 days.", "Within 60 days."), encoding="utf-8"
    )
    # the live-reload script reloads the open tab by itself: no goto, no click
    expect(page.locator(".kb-answer__text")).to_have_text("Within 60 days.", timeout=30_000)
    assert violations == []  # the reload script is a file of the site's own origin

    # the search index follows the edit too (it is written just after the pages)
    _replace(source, "Open your order", "Open your gondola order")
    expect(page.locator(".kb-details")).to_contain_text("gondola", timeout=30_000)
    page.goto(url + "search/?q=gondola")
    page.wait_for_function(
        "q => { const r = document.getElementById('kb-search');"
        " return r.dataset.state && r.dataset.query === q; }",
        arg="gondola",
    )
    results = page.locator("#kb-search-results a[data-entry-id]")
    found = results.evaluate_all("a => a.map(x => x.dataset.entryId)")
    assert found == ["returns"]

    (root / "content/new-question.md").write_text(entry(question="Brand new?"), encoding="utf-8")
    # a new entry gets its page on the next rebuild (a writer refreshes until it is there)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        page.goto(url + "questions/new-question/")
        if page.locator("h1").inner_text() == "Brand new?":
            break
        time.sleep(0.5)
    expect(page.locator("h1")).to_have_text("Brand new?")
    page.close()


PROBLEM = (
    "content/returns.md:3: stage: '<img src=x onerror=alert(1)>' is not a valid id: use lowercase "
    "letters, digits and single hyphens, e.g. 'return-opened-item'"
)


def test_broken_content_shows_on_every_page_until_fixed(browser: Browser, preview: tuple[Path, str]) -> None:
    root, url = preview
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + "questions/returns/")
    expect(page.locator(".kb-answer__text")).to_have_text("Within 30 days.")

    source = root / "content/returns.md"
    _replace(source, "stage: after-delivery", "stage: <img src=x onerror=alert(1)>")
    # the open tab switches to the problems by itself, as escaped text
    expect(page.locator(".kb-preview-problems li")).to_have_text([PROBLEM], timeout=30_000)
    assert page.locator("img").count() == 0
    for path in ["", "after-delivery/", "questions/returns/", "no/such/page/"]:
        page.goto(url + path)  # answers at once: no page waits for a build that failed
        expect(page.locator(".kb-preview-problems li")).to_have_text([PROBLEM])

    page.goto(url + "questions/returns/")
    _replace(source, "stage: <img src=x onerror=alert(1)>", "stage: after-delivery")
    _replace(source, "Within 30 days.", "Within 45 days.")
    expect(page.locator(".kb-answer__text")).to_have_text("Within 45 days.", timeout=30_000)
    assert dialogs == []
    page.close()


def test_the_tab_says_when_the_preview_stopped(browser: Browser, write_site: WriteSite) -> None:
    root = write_site({"content/returns.md": entry(summary="Within 30 days.")})
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = browser.new_page()
        deadline = time.monotonic() + 60
        while True:
            try:
                page.goto(f"http://127.0.0.1:{port}/questions/returns/")
                break
            except Exception:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        expect(page.locator(".kb-answer__text")).to_have_text("Within 30 days.")
        proc.terminate()
        proc.wait(timeout=20)
        expect(page.locator(".kb-preview-note")).to_have_text(
            "The preview server does not answer: this page no longer updates by itself.", timeout=15_000
        )
        page.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_preview_started_on_broken_content_shows_it_then_recovers(
    browser: Browser, write_site: WriteSite
) -> None:
    root = write_site({"content/returns.md": entry(stage="nope")})
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = browser.new_page()
        deadline = time.monotonic() + 60
        while not page.locator(".kb-preview-problems li").count():
            try:
                page.goto(f"http://127.0.0.1:{port}/questions/returns/")
            except Exception:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        expect(page.locator(".kb-preview-problems li")).to_have_text(
            [
                "content/returns.md:3: stage: unknown stage 'nope'; use one of: before-purchase, "
                "ordering-and-payment, after-the-order, after-delivery"
            ]
        )
        _replace(root / "content/returns.md", "stage: nope", "stage: after-delivery")
        expect(page.locator("h1")).to_have_text("Can I return an opened item?", timeout=30_000)
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
