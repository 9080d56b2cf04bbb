"""`kbgen serve`: an edited entry shows in the open browser tab without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

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
    proc.terminate()
    proc.wait(timeout=20)
    if proc.stdout:
        proc.stdout.close()


def test_edit_shows_without_restart(browser: Browser, preview: tuple[Path, str]) -> None:
    root, url = preview
    page = browser.new_page()
    page.goto(url + "questions/returns/")
    expect(page.locator(".kb-answer__text")).to_have_text("Within 30 days.")

    source = root / "content/returns.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Within 30 days.", "Within 60 days."), encoding="utf-8"
    )
    # the live-reload script reloads the open tab by itself: no goto, no click
    expect(page.locator(".kb-answer__text")).to_have_text("Within 60 days.", timeout=30_000)

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
