"""`kbgen serve --record FILE`: a writer tries the whole feedback loop on their machine. The
shopper's vote, comment and "tell us what you were looking for" go through under the preview
(the site says so), the terminal shows them, and `kbgen report` reads the record file."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from kbgen.core.i18n import STRINGS
from tests.conftest import WriteSite, entry, run_kbgen

pytestmark = pytest.mark.browser
EN = STRINGS["en"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def recording(write_site: WriteSite) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    root = write_site({"content/returns.md": entry(summary="Within 30 days.")})
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "serve", "-a", f"127.0.0.1:{port}", "--record", "posts.jsonl"],
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
                raise AssertionError("kbgen serve exited") from None
            time.sleep(0.2)
    yield root, f"http://127.0.0.1:{port}/", proc
    if proc.poll() is None:
        proc.terminate()
    proc.wait(timeout=20)
    if proc.stdout:
        proc.stdout.close()


def test_vote_comment_and_missing_answer_reach_the_record_and_the_report(
    browser: Browser, recording: tuple[Path, str, subprocess.Popen[str]]
) -> None:
    root, url, proc = recording
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url + "questions/returns/")
    form = page.locator("form[data-kb-feedback]")
    status = form.locator("[data-kb-feedback-status]")
    form.get_by_role("button", name=EN["helpful_no"]).click()
    expect(status).to_have_text(EN["feedback_thanks"])
    form.locator("textarea").fill("I wanted to know about \x1b[31mopened boxes")
    form.locator("[data-kb-feedback-send]").click()
    expect(status).to_have_text(EN["comment_sent"])
    expect(form.locator("[data-kb-feedback-failed]")).to_be_hidden()

    page.goto(url + "contact/?q=decaf")
    missing = page.locator("form.kb-missing-form")
    missing.locator("textarea").fill("Do you sell decaf beans?")
    missing.get_by_role("button", name=EN["missing_send"]).click()
    expect(missing.locator("[data-kb-feedback-status]")).to_have_text(EN["feedback_thanks"])
    assert errors == []

    rows = [json.loads(line) for line in (root / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["form-name"], r.get("entry_id", "")) for r in rows] == [
        ("feedback", "returns"),
        ("feedback", "returns"),
        ("missing-answer", ""),
    ]
    assert rows[0]["helpful"] == "no" and "opened boxes" in rows[1]["comment"]
    assert rows[2]["message"] == "Do you sell decaf beans?"

    report = run_kbgen("report", "posts.jsonl", "--json", cwd=root)
    assert report.returncode == 0, report.stderr
    assert "posts.jsonl:" not in report.stderr  # no row skipped
    data = json.loads(report.stdout[: report.stdout.rindex("}") + 1])
    text = json.dumps(data, ensure_ascii=False)
    assert "returns" in text and "decaf" in text

    proc.terminate()
    out, _ = proc.communicate(timeout=20)
    assert "form post: feedback: entry_id=returns" in out
    assert "form post: missing-answer:" in out
    assert "\x1b" not in out  # the shopper's escape sequence is shown neutralised
    assert "Traceback" not in out
