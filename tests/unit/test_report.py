"""kbgen report, piece by piece: reading submissions, ranking, privacy, gaps, the page."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kbgen.core import urls
from kbgen.core.model import KnowledgeBase
from kbgen.report import page, summary
from kbgen.report.gaps import Answers, group
from kbgen.report.privacy import scrub
from kbgen.report.read import Submission, read_files
from kbgen.report.stats import wilson_lower
from tests.conftest import ROOT


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- reading -------------------------------------------------------------------------------------


def test_netlify_csv_export_of_the_feedback_form(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "feedback-submissions.csv",
        "entry_id,page_url,query,helpful,comment,created_at,ip,user_agent,referrer\n"
        'warranty,https://s.example/questions/warranty/,how long warranty,no,"Two lines,\n'
        'and a ""quote""",2026-03-02T09:14:31.412Z,203.0.113.7,Mozilla/5.0,https://s.example/\n'
        "warranty,,,perhaps,,2026-03-02T10:00:00Z,203.0.113.8,Mozilla/5.0,\n"
        "Bad Id,,,yes,,2026-03-02T10:00:00Z,203.0.113.9,Mozilla/5.0,\n"
        "warranty,,,yes,,2 March,203.0.113.9,Mozilla/5.0,\n"
        "warranty,,,,Just a comment,2026-03-03 08:00:00 UTC,203.0.113.9,Mozilla/5.0,\n",
    )
    got = read_files([source])
    assert [str(p) for p in got.problems] == [
        f"{source}:4: helpful: 'perhaps' is not yes or no; row skipped",
        f"{source}:5: entry_id: 'Bad Id' is not an entry id; row skipped",
        f"{source}:6: created_at: '2 March' is not an ISO 8601 date; row skipped",
    ]
    first, last = got.submissions
    assert first == Submission(
        form="feedback",
        source=str(source),
        line=2,
        entry_id="warranty",
        helpful="no",
        comment='Two lines, and a "quote"',
        query="how long warranty",
        created_at=datetime(2026, 3, 2, 9, 14, 31, 412000, tzinfo=UTC),
    )
    assert (last.line, last.helpful, last.comment) == (7, "", "Just a comment")
    assert last.created_at == datetime(2026, 3, 3, 8, tzinfo=UTC)


def test_the_form_of_a_csv_comes_from_its_fields_when_its_name_says_nothing(tmp_path: Path) -> None:
    missing = _write(tmp_path, "export-1.csv", "page_url,query,message,created_at\n,decaf,,2026-03-01\n")
    gaps = _write(tmp_path, "export-2.csv", "query,created_at\nteapot,2026-03-01\n")
    got = read_files([missing, gaps])
    assert [(s.form, s.query) for s in got.submissions] == [
        ("missing-answer", "decaf"),
        ("search-gap", "teapot"),
    ]


def test_json_lines_mixed_forms_and_bad_lines(tmp_path: Path) -> None:
    rows = [
        {
            "form-name": "feedback",
            "entry_id": "a",
            "helpful": "yes",
            "created_at": "2026-03-01T10:00:00+01:00",
        },
        "[1, 2]",
        "{oops",
        {"form-name": "newsletter", "email": "x@y.example"},
        {"entry_id": "a", "helpful": "no"},
        {"form-name": "search-gap", "query": "  "},
        {"form-name": "missing-answer", "message": "Do you sell   decaf?"},
    ]
    source = _write(
        tmp_path,
        "posts.jsonl",
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n\n",
    )
    got = read_files([source])
    assert [(p.line, p.field) for p in got.problems] == [
        (2, "row"),
        (3, "row"),
        (4, "form-name"),
        (5, "form-name"),
        (6, "query"),
    ]
    assert [(s.form, s.line) for s in got.submissions] == [("feedback", 1), ("missing-answer", 7)]
    assert got.submissions[0].created_at == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert got.submissions[1].message == "Do you sell decaf?"


# --- ranking -------------------------------------------------------------------------------------


def test_wilson_lower_bound_matches_published_values() -> None:
    # 95% Wilson score intervals, e.g. from Newcombe (1998) table I / any statistics package.
    assert wilson_lower(1, 1) == pytest.approx(0.2065, abs=5e-5)
    assert wilson_lower(5, 10) == pytest.approx(0.2366, abs=5e-5)
    assert wilson_lower(0, 10) == 0
    assert wilson_lower(0, 0) == 0


def _kb() -> tuple[KnowledgeBase, Answers, dict[str, str]]:
    from kbgen.mkdocs.project import Project

    kb = Project.open(ROOT / "mkdocs.yml").load()
    site = {e.id: urls.url_for(urls.entry_name(e.id), True) for e in kb.entries}
    products = {p.id: urls.url_for(urls.product_name(p.id), True) for p in kb.products}
    return kb, Answers(kb, site, products), {i: "https://help.example/" + u for i, u in site.items()}


@pytest.fixture(scope="module")
def demo() -> tuple[KnowledgeBase, Answers, dict[str, str]]:
    return _kb()


def _votes(entry_id: str, yes: int, no: int) -> list[Submission]:
    return [Submission("feedback", "f", 1, entry_id, "yes") for _ in range(yes)] + [
        Submission("feedback", "f", 1, entry_id, "no") for _ in range(no)
    ]


def test_one_no_of_one_ranks_below_nine_of_eleven(
    demo: tuple[KnowledgeBase, Answers, dict[str, str]],
) -> None:
    kb, answers, links = demo
    subs = _votes("warranty", 0, 1) + _votes("how-to-descale", 2, 9) + _votes("track-my-order", 5, 0)
    report = summary.summarize(subs, kb, answers, links)
    assert [(s.id, s.yes, s.no) for s in report.entries] == [
        ("how-to-descale", 2, 9),
        ("warranty", 0, 1),
        ("track-my-order", 5, 0),
    ]
    assert {s.id for s in report.unvoted} == {e.id for e in kb.entries} - {
        "warranty",
        "how-to-descale",
        "track-my-order",
    }


def test_since_leaves_out_older_and_undated_submissions(
    demo: tuple[KnowledgeBase, Answers, dict[str, str]],
) -> None:
    kb, answers, links = demo
    old = Submission("feedback", "f", 1, "warranty", "no", created_at=datetime(2026, 1, 1, tzinfo=UTC))
    new = Submission("feedback", "f", 2, "warranty", "yes", created_at=datetime(2026, 3, 1, tzinfo=UTC))
    undated = Submission("feedback", "f", 3, "warranty", "no")
    report = summary.summarize([old, new, undated], kb, answers, links, datetime(2026, 2, 1, tzinfo=UTC))
    assert (report.submissions, report.entries[0].yes, report.entries[0].no) == (1, 1, 0)


# --- privacy -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("write to anna.k+shop@mail.example.org, thanks", "write to [e-mail], thanks"),
        ("anna (at) example (dot) com", "[e-mail]"),
        ("call +49 171 5550 987 or (030) 555-0123", "call [phone] or [phone]"),
        ("text me at 0170/5550123!", "text me at [phone]!"),
        (
            "delivered 2026-03-05, order 12345, 58 mm basket",
            "delivered 2026-03-05, order 12345, 58 mm basket",
        ),
    ],
)
def test_contact_details_are_hidden(text: str, shown: str) -> None:
    assert scrub(text) == shown


def test_the_report_never_shows_contact_details(demo: tuple[KnowledgeBase, Answers, dict[str, str]]) -> None:
    kb, answers, links = demo
    subs = [
        Submission(
            "feedback", "f", 1, "warranty", "no", comment="mail bo@shop.example", query="+44 20 7946 0958"
        ),
        Submission("missing-answer", "f", 2, message="Call me on 0049 30 5550 1234 about decaf"),
    ]
    report = summary.summarize(subs, kb, answers, links)
    shown = summary.dumps(report) + page.render(report)
    for secret in ("bo@shop.example", "7946", "5550 1234"):
        assert secret not in shown
    assert "mail [e-mail]" in shown and "Call me on [phone] about decaf" in shown


# --- gaps ----------------------------------------------------------------------------------------


def test_queries_sharing_their_search_terms_are_one_gap() -> None:
    gaps = group(
        ["decaf beans", "Do you sell decaf beans?", "Decaf  bean", "espresso beans", "beans", "oat milk"]
    )
    assert [(g.count, g.queries) for g in gaps] == [
        (3, ["Decaf bean", "decaf beans", "Do you sell decaf beans?"]),
        (1, ["beans"]),
        (1, ["espresso beans"]),
        (1, ["oat milk"]),
    ]


def test_a_gap_is_answered_only_by_an_entry_with_every_word(
    demo: tuple[KnowledgeBase, Answers, dict[str, str]],
) -> None:
    _, answers, _ = demo
    assert answers.check("how do I descale")[0] == "how-to-descale"
    assert answers.check("Can I pay with Klarna?")[0] == "pay-in-instalments"
    # Entries mention beans, none decaf: the site's all-words tier would let "decaf" drop out.
    assert answers.check("decaf beans")[0] is None
    assert answers.check("gift wrapping")[0] is None


# --- output --------------------------------------------------------------------------------------


def test_json_has_exactly_the_documented_shape(demo: tuple[KnowledgeBase, Answers, dict[str, str]]) -> None:
    kb, answers, links = demo
    subs = [
        *_votes("warranty", 1, 2),
        Submission("feedback", "f", 1, "warranty", "", comment="Too short"),
        Submission("search-gap", "f", 2, query="decaf beans"),
        Submission("missing-answer", "f", 3, query="Do you sell decaf beans?"),
        Submission("search-gap", "f", 4, query="descaling"),
    ]
    data = json.loads(summary.dumps(summary.summarize(subs, kb, answers, links)))
    assert data == {
        "submissions": 7,
        "entries": [
            {
                "id": "warranty",
                "question": next(e.question for e in kb.entries if e.id == "warranty"),
                "in_content": True,
                "yes": 1,
                "no": 2,
                "score": round(wilson_lower(2, 3), 4),
                "comments": ["Too short"],
                "queries": [],
            }
        ],
        "gaps": [
            {
                "query": "decaf beans",
                "count": 2,
                "answered_by": None,
                "checked": True,
                "queries": ["decaf beans", "Do you sell decaf beans?"],
                "searched": [],
                "stage": None,  # the closest entries (about beans) disagree on the stage
                "command": "kbgen new --stage STAGE -- 'Decaf beans'",
            },
            {
                "query": "descaling",
                "count": 1,
                "answered_by": "how-to-descale",
                "checked": True,
                "queries": ["descaling"],
                "searched": [],
                "stage": "after-delivery",
                "command": None,
            },
        ],
        "problems": [],
        "signups": [],
    }


def test_page_escapes_text_draws_svg_bars_and_links_entries(
    demo: tuple[KnowledgeBase, Answers, dict[str, str]],
) -> None:
    kb, answers, links = demo
    subs = [
        *_votes("warranty", 1, 3),
        Submission(
            "feedback", "f", 1, "warranty", "no", comment="<script>alert(1)</script>", query="<b>x</b>"
        ),
        Submission("search-gap", "f", 2, query="decaf beans <img src=x onerror=alert(1)>"),
    ]
    html = page.render(summary.summarize(subs, kb, answers, links), "Shop")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    assert "<script>alert(1)</script>" in soup.get_text()
    assert soup.find("a", href="https://help.example/questions/warranty/") is not None
    bars = soup.select("#entries ~ table svg rect")
    assert [(r["class"], r["width"]) for r in bars[:2]] == [
        (["yes"], "48.0"),
        (["no"], "192.0"),
    ]  # 1 and 4 of 4
    commands = [c.get_text() for c in soup.find_all("code") if c.get_text().startswith("kbgen new")]
    assert len(commands) == 1
    # Quoted for a shell; the closest entries (about beans) disagree on the stage.
    assert commands[0] == "kbgen new --stage STAGE -- 'Decaf beans <img src=x onerror=alert(1)>'"


def test_chinese_questions_group_and_are_answered_without_their_question_words() -> None:
    from kbgen.mkdocs.project import Project

    gaps = group(["退货", "怎么退货", "可以退货吗？", "礼品包装", "有没有礼品包装？"])
    assert [(g.count, g.query) for g in gaps] == [(3, "退货"), (2, "礼品包装")]
    kb = Project.open(ROOT / "examples/zh/mkdocs.yml").load()
    answers = Answers(kb, {e.id: urls.url_for(urls.entry_name(e.id), True) for e in kb.entries}, {})
    # 么退 spans two words: no entry has it, and it must not keep the return entry from answering.
    assert answers.check("怎么退货")[0] == "seven-day-return"
    assert answers.check("礼品包装")[0] is None


def test_gaps_group_by_the_shopper_thesaurus() -> None:
    # "money back" and "refund" are one group of the shipped thesaurus; "invoice" is another topic
    gaps = group(["refund please", "money back please", "Refund please!", "invoice please"])
    assert sorted((g.count, sorted(g.queries)) for g in gaps) == [
        (1, ["invoice please"]),
        (3, ["Refund please!", "money back please", "refund please"]),
    ]


def test_gaps_are_checked_with_the_sites_thesaurus() -> None:
    # The demo's price-match entry says "price", never "commission" ("commission" and "price"
    # are one group of the shipped thesaurus); with `search.synonyms: false` nothing answers it.
    from kbgen.mkdocs.project import Project

    kb = Project.open(ROOT / "mkdocs.yml").load()
    site = {e.id: urls.url_for(urls.entry_name(e.id), True) for e in kb.entries}
    text = (ROOT / "content/before-purchase/price-match.md").read_text(encoding="utf-8")
    assert "commission" not in text.lower()
    assert Answers(kb, site, {}).check("commission")[0] == "price-match"
    assert Answers(kb, site, {}, thesaurus=None).check("commission")[0] is None
