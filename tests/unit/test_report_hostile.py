"""kbgen report against hostile shoppers' text: privacy after normalisation, CSV rows that
str.splitlines would break, and gap grouping that stays linear."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbgen.core import urls
from kbgen.core.model import KnowledgeBase
from kbgen.report import gaps, page, summary
from kbgen.report.gaps import Answers, group
from kbgen.report.privacy import scrub
from kbgen.report.read import Submission, read_files
from tests.conftest import ROOT

# Test numbers: 4111 1111 1111 1111 and 5555 5555 5555 4444 are the card networks' own test
# numbers (valid Luhn); DE89 3704 0044 0532 0130 00 and GB82 WEST 1234 5698 7654 32 are the
# IBAN registry's examples (valid mod-97).


@pytest.mark.parametrize(
    ("text", "shown_as"),
    [
        ("card 4111 1111 1111 1111 thanks", "card [card] thanks"),
        ("card 4111-1111-1111-1111", "card [card]"),
        ("5555555555554444 exp 12/29", "[card] exp 12/29"),
        ("order 4111 1111 1111 1112", "order 4111 1111 1111 1112"),  # fails Luhn: not a card
        ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [IBAN] please"),
        ("to gb82west12345698765432.", "to [IBAN]."),
        ("DE89 3704 0044 0532 0130 02", "DE89 3704 0044 0532 0130 02"),  # fails mod-97 (and Luhn)
        ("anna at example dot com", "[e-mail]"),
        ("mail Anna.K AT mail DOT example DOT org today", "mail [e-mail] today"),
        ("anna [at] example [dot] com", "[e-mail]"),
        ("anna at example.com", "[e-mail]"),
        ("ａｎｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ", "[e-mail]"),  # full-width
        ("anna%40example.com", "[e-mail]"),  # percent-encoded
        ("%61%6E%6E%61%40example.com", "[e-mail]"),
        ("anna%2540example.com", "[e-mail]"),  # encoded twice
        ("an\u200bna@exa\u200dmple.com", "[e-mail]"),  # zero-width characters inside
        ("call ０１７０ ５５５０１２３", "call [phone]"),  # full-width digits
        ("４１１１ １１１１ １１１１ １１１１", "[card]"),
        ("arrived at home. The box was fine", "arrived at home. The box was fine"),
        (
            "delivered 2026-03-05, order 12345, 58 mm basket",
            "delivered 2026-03-05, order 12345, 58 mm basket",
        ),
    ],
)
def test_payment_and_contact_details_are_hidden_however_written(text: str, shown_as: str) -> None:
    assert scrub(text) == shown_as


@pytest.fixture(scope="module")
def demo() -> tuple[KnowledgeBase, Answers, dict[str, str]]:
    from kbgen.mkdocs.project import Project

    kb = Project.open(ROOT / "mkdocs.yml").load()
    site = {e.id: urls.url_for(urls.entry_name(e.id), True) for e in kb.entries}
    products = {p.id: urls.url_for(urls.product_name(p.id), True) for p in kb.products}
    return kb, Answers(kb, site, products), {i: "https://help.example/" + u for i, u in site.items()}


SECRETS = ("4111", "DE89", "3704", "anna", "example dot com", "5550123", "％", "%40")


def test_no_secret_reaches_the_page_the_json_or_an_error_line(
    demo: tuple[KnowledgeBase, Answers, dict[str, str]], tmp_path: Path
) -> None:
    kb, answers, links = demo
    posts = tmp_path / "posts.jsonl"
    rows = [
        {
            "form-name": "feedback",
            "entry_id": "warranty",
            "helpful": "no",
            "comment": "card 4111111111111111",
        },
        {"form-name": "feedback", "entry_id": "warranty", "helpful": "anna%40example.com"},
        {"form-name": "feedback", "entry_id": "4111111111111111", "helpful": "no"},
        {
            "form-name": "search-gap",
            "query": "refund DE89 3704 0044 0532 0130 00",
            "created_at": "2026-03-01",
        },
        {"form-name": "search-gap", "query": "x", "created_at": "anna at example dot com"},
        {
            "form-name": "missing-answer",
            "query": "ａｎｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ",
            "message": "call 0170 5550123",
        },
    ]
    posts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = read_files([posts])
    errors = "\n".join(str(p) for p in got.problems)
    assert len(got.problems) == 3, errors
    report = summary.summarize(got.submissions, kb, answers, links)
    everything = errors + summary.dumps(report) + page.render(report)
    for secret in SECRETS:
        assert secret not in everything, secret
    assert "helpful: '[e-mail]' is not yes or no" in errors
    assert "entry_id: '[card]' is not an entry id" in errors


def test_csv_rows_are_not_split_inside_a_quoted_field(tmp_path: Path) -> None:
    source = tmp_path / "feedback-submissions.csv"
    source.write_text(
        "entry_id,helpful,comment\n"
        'warranty,no,"one\x1ctwo\u2028three\x1d\x1e\x85\x0b\x0cfour\u2029five"\n'
        "warranty,yes,fine\n",
        encoding="utf-8",
    )
    got = read_files([source])
    assert got.problems == []
    assert [(s.line, s.helpful, s.comment) for s in got.submissions] == [
        (2, "no", "one two three four five"),
        (3, "yes", "fine"),
    ]


def test_terminal_text_shows_every_escape_and_override() -> None:
    from kbgen.report.terminal import shown  # new with this test: imported here so the rest run on old code

    raw = "a\x1b]52;c;eA==\x07b\x1b[2Jc\x9b1m\x9dd\u202ee\u2066f\u2069\ud800\u200b"
    assert shown(raw) == (
        "a\\u001b]52;c;eA==\\u0007b\\u001b[2Jc\\u009b1m\\u009dd\\u202ee\\u2066f\\u2069\\ud800\\u200b"
    )
    assert json.loads('"' + shown("\u202e\x9b") + '"') == "\u202e\x9b"  # still a JSON escape


class _Counted(frozenset[str]):
    """A key that counts how often its size is asked: the grouping's inner loop."""

    calls = 0

    def __len__(self) -> int:
        _Counted.calls += 1
        return super().__len__()


def test_grouping_is_linear_in_the_number_of_distinct_searches(monkeypatch: pytest.MonkeyPatch) -> None:
    real = gaps._key_terms
    monkeypatch.setattr(gaps, "_key_terms", lambda text: _Counted(real(text)))
    n = 3000
    texts = [f"zq{i} zr{i} zs{i}" for i in range(n)] + ["decaf beans", "do you sell decaf beans"]
    _Counted.calls = 0
    groups = group(texts)
    assert len(groups) == n + 1
    # Comparing every key with every group would ask about n * n / 2 = 4.5 million times.
    assert _Counted.calls < 20 * n, _Counted.calls


def test_ten_thousand_distinct_searches_are_grouped_and_listed(
    demo: tuple[KnowledgeBase, Answers, dict[str, str]],
) -> None:
    kb, answers, links = demo
    subs = [Submission("search-gap", "f", i, query=f"zq{i} zr{i % 97} zs{i % 89}") for i in range(10_000)]
    report = summary.summarize(subs, kb, answers, links)
    assert len(report.gaps) == 10_000
    assert sum(g.checked for g in report.gaps) == gaps.MAX_CHECKED
    data = json.loads(summary.dumps(report))
    assert len(data["gaps"]) == 10_000 and data["gaps"][-1]["checked"] is False
    html = page.render(report)
    assert f"{10_000 - gaps.MAX_CHECKED} more gaps" in html
