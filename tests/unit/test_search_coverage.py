"""Coverage (issue 22, sixth round): in a Chinese question, the entry that has more of the
question's words comes before one that has a single one of them many times. Expected orders are
written by hand; without coverage (f6de7c3 … 80b4fac) 退款规则 comes first for the question, as it
has 退款 in its question and four times in its summary."""

from __future__ import annotations

import math

from kbgen.core.model import Entry, KnowledgeBase, Stage
from kbgen.search import index as search
from kbgen.search import query as searchquery

KB = KnowledgeBase(
    (Stage("before", "售前"),),
    tuple(
        Entry(i, q, "before", s, "", f"{i}.md")
        for i, q, s in [
            ("refund-rules", "退款规则", "退款：退款须在七天内提出，退款按原路退回，退款不含运费。"),
            ("money-back", "钱什么时候回来？", "退回的钱多久到账：一般三到五个工作日到账，节假日顺延。"),
            ("shipping", "运费怎么算？", "满一百元包邮，其余订单运费十元。"),
            ("account", "怎么注册账号？", "用手机号注册，收到验证码后设置密码。"),
            ("invoice", "可以开发票吗？", "下单时填写抬头，发货后开具电子发票。"),
        ]
    ),
    (),
)

COVERED = {
    "我的退款多久能到账": ["money-back", "refund-rules"],
    "退款以后钱要过多久才会到账": ["money-back", "refund-rules"],
}
"""Questions whose words one entry has more of: that entry first."""
KEYWORDS = {"退款规则": ["refund-rules", "money-back"], "refund rules": []}
"""A question that names one entry's question stays with it; English words are not counted."""


def ids(query: str) -> list[str]:
    urls = {e.id: f"q/{e.id}/" for e in KB.entries}
    loaded, docs = searchquery.load(search.index_json(KB, urls, options=search.SearchOptions()))
    return [docs[h.ref][0] for h in searchquery.search(loaded, query)]


def test_the_entry_with_more_of_a_chinese_questions_words_comes_first() -> None:
    for query, order in {**COVERED, **KEYWORDS}.items():
        got = ids(query)
        assert [i for i in got if i in order] == order, (query, got)


def test_coverage_weighs_only_chinese_questions_of_three_words_or_more() -> None:
    urls = {e.id: f"q/{e.id}/" for e in KB.entries}
    loaded, _ = searchquery.load(search.index_json(KB, urls, options=search.SearchOptions()))
    assert searchquery._coverage(loaded, searchquery.plan(loaded, "退款")) == []
    assert searchquery._coverage(loaded, searchquery.plan(loaded, "how long until my refund arrives")) == []
    weights = searchquery._coverage(loaded, searchquery.plan(loaded, "我的退款多久能到账"))
    planned = searchquery.plan(loaded, "我的退款多久能到账")
    by_word = {qw.word.text: w for qw, w in zip(planned, weights, strict=True)}
    # lunr's idf, ln(1 + (5 - k + 0.5) / (k + 0.5)), k counting the fields that have the term:
    # 到账 is in one summary, 退款 in a question and a summary; a bigram no entry has weighs 0
    assert math.isclose(by_word["到账"], math.log(1 + 4.5 / 1.5))
    assert math.isclose(by_word["退款"], math.log(1 + 3.5 / 2.5))
    assert by_word["款多"] == 0
    assert by_word["我的"] == 0  # a filler: not a required word
