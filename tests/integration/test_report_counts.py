"""``kbgen report`` counts what shoppers did: a comment posted after a vote is that vote's
comment (older sites repeated the vote in it), a message is kept beside its search, and the
JSON says what the page says."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import WriteSite, entry, run_kbgen

HEADER = "entry_id,page_url,query,helpful,comment,created_at,ip,user_agent,referrer\n"


def _shop(write_site: WriteSite) -> Path:
    return write_site({"content/after-delivery/warranty.md": entry("How long is the warranty?")})


def test_a_comment_after_a_no_is_not_a_second_no(write_site: WriteSite, tmp_path: Path) -> None:
    root = _shop(write_site)
    export = tmp_path / "feedback-submissions.csv"
    export.write_text(
        HEADER
        # Shopper A: No, then a comment that repeats helpful=no (older help.js): one No.
        + "warranty,,,no,,2026-03-02T09:00:00Z,203.0.113.7,Mozilla/5.0 (iPhone),\n"
        + "warranty,,,no,Too vague,2026-03-02T09:01:10Z,203.0.113.7,Mozilla/5.0 (iPhone),\n"
        + "warranty,,,no,And no dates,2026-03-02T09:03:00Z,203.0.113.7,Mozilla/5.0 (iPhone),\n"
        # Shopper B, a minute later: their own No with a comment in one post, counts.
        + "warranty,,,no,Which parts?,2026-03-02T09:02:00Z,198.51.100.9,Mozilla/5.0 (Android),\n"
        # Shopper C: No, then a comment without a vote (today's help.js): one No.
        + "warranty,,,no,,2026-03-03T10:00:00Z,192.0.2.1,Mozilla/5.0 (X11),\n"
        + "warranty,,,,Say the years,2026-03-03T10:00:30Z,192.0.2.1,Mozilla/5.0 (X11),\n"
        # Shopper A again, next day: a new No.
        + "warranty,,,no,Still vague,2026-03-03T12:00:00Z,203.0.113.7,Mozilla/5.0 (iPhone),\n"
        + "warranty,,,yes,,2026-03-04T10:00:00Z,192.0.2.2,Mozilla/5.0 (X11),\n",
        encoding="utf-8",
    )
    posts = tmp_path / "posts.jsonl"
    rows = [  # a custom endpoint that keeps a session id
        {"form-name": "feedback", "entry_id": "gone-entry", "helpful": "no", "session": "s1",
         "created_at": "2026-03-05T10:00:00Z"},
        {"form-name": "feedback", "entry_id": "gone-entry", "helpful": "no", "comment": "Where?",
         "session": "s1", "created_at": "2026-03-05T10:02:00Z"},
    ]  # fmt: skip
    posts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = run_kbgen("report", str(export), str(posts), "--json", cwd=root)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    counts = {e["id"]: (e["yes"], e["no"], len(e["comments"]), e["in_content"]) for e in data["entries"]}
    assert counts == {"warranty": (1, 4, 5, True), "gone-entry": (0, 1, 1, False)}
    assert proc.stderr.splitlines()[-1] == "10 submissions: 2 entries with feedback, 0 gaps (0 open)"


def test_a_message_is_kept_grouped_on_and_shown_beside_its_search(
    write_site: WriteSite, tmp_path: Path
) -> None:
    root = _shop(write_site)
    export = tmp_path / "missing-answer-submissions.csv"
    export.write_text(
        "page_url,query,message,created_at\n"
        ",teapot,Do you sell a teapot for loose leaf tea?,2026-03-02T09:00:00Z\n"
        ",teapots,Do you sell a teapot for loose leaf tea,2026-03-02T10:00:00Z\n",
        encoding="utf-8",
    )
    proc = run_kbgen("report", str(export), "--json", "--out", "report", cwd=root)
    assert proc.returncode == 0, proc.stderr
    (gap,) = json.loads(proc.stdout)["gaps"]
    assert gap["count"] == 2 and gap["query"].startswith("Do you sell a teapot for loose leaf tea")
    assert sorted(gap["searched"]) == ["teapot", "teapots"]
    page = (root / "report" / "index.html").read_text(encoding="utf-8")
    assert "Do you sell a teapot for loose leaf tea" in page and "<code>teapot</code>" in page
    assert proc.stderr.splitlines()[-1] == "2 submissions: 0 entries with feedback, 1 gap (1 open)"
