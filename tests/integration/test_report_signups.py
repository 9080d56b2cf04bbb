"""``kbgen report`` counts "Tell me when this changes" sign-ups per entry, from a Netlify Forms CSV
export of the ``notify`` form and from what the preview recorded, without ever showing an
address: not in the page, the terminal, the JSON, nor in the lines about rows it skipped."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from bs4 import BeautifulSoup

from kbgen.mkdocs import inbox, live
from tests.conftest import ROOT, run_kbgen

EXPORT = ROOT / "tests" / "data" / "signups" / "notify-submissions.csv"
ADDRESS_PARTS = (
    "anna.k", "Anna.K", "ben.o", "carla", "dave.m", "erin.p", "fay.q", "gus.r", "hana.s", "ivy.t",
    "mail.example", "shop.example", "Mail.Example",
)  # fmt: skip
"""Every address in the export and the preview's posts, in parts: none may be shown anywhere."""


def _demo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    return tmp_path


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """The real preview server with a record file: its address, the record, its terminal lines."""
    root = tmp_path / "served"
    (root / "questions" / "return-opened-item").mkdir(parents=True)
    (root / "questions" / "return-opened-item" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (root / "404.html").write_text("<p>missing</p>", encoding="utf-8")
    record = tmp_path / "posts.jsonl"
    state = live.LiveState()
    state.done([], changed=True)
    server = live.LiveServer("127.0.0.1", 0, root, "/", state, inbox.Inbox(record))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    said: list[str] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda r: said.append(r.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs.kbgen.preview")
    old = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield f"http://127.0.0.1:{server.server_address[1]}", record, said
    logger.removeHandler(handler)
    logger.setLevel(old)
    server.shutdown()
    server.server_close()


def _post(base: str, fields: dict[str, str]) -> tuple[int, str]:
    request = Request(
        f"{base}/questions/return-opened-item/",
        data=urlencode(fields).encode(),
        headers={"Origin": base, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except HTTPError as exc:
        return exc.code, exc.read().decode()


def test_signups_are_counted_per_entry_and_no_address_is_shown(
    tmp_path: Path, preview: tuple[str, Path, list[str]]
) -> None:
    base, record, said = preview
    notify = {"form-name": "notify", "entry_id": "return-opened-item", "bot-field": ""}
    # The preview takes the form (it refused it before): recorded for the report, address hidden.
    assert _post(base, {**notify, "email": "hana.s@mail.example"})[0] == 200
    status, body = _post(base, {**notify, "email": "ivy.t at mail.example"})
    assert status == 400 and "email" in body
    assert len(record.read_text(encoding="utf-8").splitlines()) == 1
    assert any(line.startswith("form post: notify: entry_id=return-opened-item") for line in said)

    root = _demo(tmp_path / "project")
    csv_name = str(EXPORT)
    proc = run_kbgen("report", csv_name, str(record), cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        f"{csv_name}:6: email: is not an e-mail address (not shown); row skipped",
        f"{csv_name}:7: email: is missing; row skipped",
        f"{csv_name}:9: entry_id: '[e-mail]' is not an entry id; row skipped",
        f"{csv_name}:10: created_at: 'write to [e-mail]' is not an ISO 8601 date; row skipped",
        "wrote report/index.html",
        "6 submissions: 0 entries with feedback, 0 gaps (0 open), 5 sign-ups for updates on 4 entries",
        "sign-ups: 2 for how-to-descale",  # Anna twice (spelled two ways) counts once, and Ben
        "sign-ups: 1 for retired-grinder-answer (not in today's content)",
        "sign-ups: 1 for return-opened-item",  # from the preview's record
        "sign-ups: 1 for track-my-order",  # Anna again: one sign-up for each answer
    ]
    page = (root / "report" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in soup.select("#signups + p + table tbody tr")
    ]
    assert rows == [
        ["How do I descale my espresso machine?", "2", "2026-03-05"],
        ["retired-grinder-answer (not in today’s content)", "1", "2026-03-06"],
        ["Can I return an opened item?", "1", rows[2][2]],
        ["How do I track my order?", "1", "2026-03-03"],
    ]
    assert soup.select_one("#signups + p + table a")["href"].endswith("/questions/how-to-descale/")

    as_json = run_kbgen("report", csv_name, str(record), "--json", cwd=root)
    data = json.loads(as_json.stdout)
    assert [(s["id"], s["signups"], s["in_content"]) for s in data["signups"]] == [
        ("how-to-descale", 2, True),
        ("retired-grinder-answer", 1, False),
        ("return-opened-item", 1, True),
        ("track-my-order", 1, True),
    ]
    assert set(data["signups"][0]) == {"id", "question", "in_content", "signups", "last"}
    shown = "\n".join([proc.stdout, proc.stderr, page, as_json.stdout, as_json.stderr, *said])
    assert [part for part in ADDRESS_PARTS if part in shown] == []
