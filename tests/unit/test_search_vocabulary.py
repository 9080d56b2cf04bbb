"""Issue 22, fourth round: a shopper names a city where the help center names its country, a card
"dispute" where the writer says "chargeback", a currency by its name, a newsletter or an ad
where the writer says promotional mail, cancels what the writer says to stop. Expected values
are written by hand from the small help centers below; the Node parity test
(tests/integration/test_search_parity.py) checks the worker agrees on the demo, whose shipping
entries name countries."""

from __future__ import annotations

from kbgen.core.model import Entry, KnowledgeBase, Stage
from kbgen.search import index as search
from kbgen.search import query as searchquery

STAGES = (Stage("before", "Before you buy"),)


def _kb(*entries: tuple[str, str, str]) -> KnowledgeBase:
    filler = [(f"other-{i}", f"Question {i} about parcels", "A parcel answer.") for i in range(8)]
    return KnowledgeBase(
        STAGES,
        tuple(Entry(i, q, "before", s, "", f"{i}.md") for i, q, s in [*entries, *filler]),
        (),
    )


EN = _kb(
    ("finland", "Can I order from Finland?", "Yes: parcels to Finland take three days."),
    ("italy", "Do you deliver to Italy?", "Yes, within four days."),
    ("countries", "Which countries do you ship to?", "Every country of the EU."),
    ("chargebacks", "How are chargebacks handled?", "We answer the bank with the order's proof."),
    ("methods", "Which payment methods can I use?", "Cards, bank transfer and PayPal."),
    ("currencies", "Which currencies are supported?", "Prices are shown in your currency."),
    ("promo", "What is promotional email blocking?", "Marketing messages are blocked, receipts are not."),
    ("stop", "Can I stop my pledges?", "Yes, at any time from your account page."),
    ("pledges", "How do pledges work?", "A pledge is paid every week, as a pledge says."),
    ("accept", "Why won't a site accept my address?", "Some sites refuse addresses they don't know."),
)
ZH = _kb(
    ("finland", "可以寄到芬兰吗？", "可以，三天送达。"),
    ("italy", "可以寄到意大利吗？", "可以，四天送达。"),
    ("australia", "可以寄到澳大利亚吗？", "可以，十天送达。"),
    ("chargebacks", "如何处理拒付？", "我们会向银行提交订单凭证。"),
    ("methods", "支持哪些付款方式？", "银行卡和支付宝。"),
    ("currencies", "支持哪些货币？", "价格以您所在地区的币种显示。"),
    ("promo", "营销邮件屏蔽是什么？", "我们会屏蔽营销邮件，但收据照常转发。"),
    ("stop", "我可以停止捐款吗？", "可以，随时在账户页面操作。"),
    ("pledges", "捐款是怎么运作的？", "每笔捐款每周支付一次，捐款金额可以修改。"),
)


def _ids(kb: KnowledgeBase, query: str, options: search.SearchOptions | None = None) -> list[str]:
    urls = {e.id: f"q/{e.id}/" for e in kb.entries}
    loaded, docs = searchquery.load(search.index_json(kb, urls, options=options or search.SearchOptions()))
    return [docs[h.ref][0] for h in searchquery.search(loaded, query)]


def test_a_city_finds_the_entry_about_its_country() -> None:
    assert _ids(EN, "helsinki")[0] == "finland"
    assert _ids(EN, "I live in Helsinki, can you send my order there")[0] == "finland"
    assert _ids(EN, "milan")[0] == "italy"
    assert _ids(EN, "I'm Finnish, can I order")[0] == "finland"  # a demonym too
    assert _ids(ZH, "赫尔辛基")[0] == "finland"
    assert _ids(ZH, "我住在赫尔辛基，能把订单寄过来吗")[0] == "finland"
    # the everyday table off: a city is a word like any other
    assert "finland" not in _ids(EN, "helsinki", search.SearchOptions(everyday=None))


HANT = _kb(
    ("australia", "可以寄到澳洲嗎？", "可以，十天送達。"),
    ("italy", "可以寄到義大利嗎？", "可以，四天送達。"),
    ("zealand", "可以寄到紐西蘭嗎？", "可以，十二天送達。"),
)


def test_taiwans_names_for_places_find_their_country() -> None:
    # Taiwan writes 雪梨 for Sydney, 義大利 for Italy, 紐西蘭 for New Zealand, 威靈頓 for Wellington
    assert _ids(HANT, "我住在雪梨，可以寄過來嗎")[0] == "australia"
    assert _ids(HANT, "米蘭？")[0] == "italy"
    assert _ids(HANT, "威靈頓？")[0] == "zealand"
    assert _ids(ZH, "我住在雪梨，可以寄过来吗")[0] == "australia"  # the mainland's entry too


def test_a_bigram_two_countries_share_names_neither() -> None:
    # 澳大利亚 and 意大利 share 大利: Sydney is in Australia, not in Italy, and Milan in Italy
    # (asked, not being typed: a last character being typed also starts longer words)
    sydney = _ids(ZH, "悉尼？")
    assert sydney[0] == "australia"
    assert "italy" not in sydney
    milan = _ids(ZH, "米兰？")
    assert milan[0] == "italy"
    assert "australia" not in milan


TYPED_WHOLE = {"米兰": "italy", "赫尔辛基": "finland", "米蘭": "italy", "可以寄到米兰": "italy"}
"""Chinese queries as typed (no question mark: the last character may still be growing) whose
last bigram is a whole word the everyday table knows, and the entry each one means."""
TYPED_ON = {"可以寄到芬": "finland", "寄到意": "italy"}
"""Chinese queries whose last character is still being typed: it starts the word meant."""


def test_a_whole_chinese_word_outranks_words_its_last_character_starts() -> None:
    # 米兰 (Milan) is a word: 兰 is not the start of 芬兰 being typed, so Italy comes first
    for query, entry in TYPED_WHOLE.items():
        assert _ids(ZH, query)[0] == entry, query
    # a character with no word around it still grows as the shopper types
    for query, entry in TYPED_ON.items():
        assert _ids(ZH, query)[0] == entry, query


def test_an_index_ships_the_places_of_the_countries_it_names() -> None:
    urls = {e.id: f"q/{e.id}/" for e in EN.entries}
    data = search.shop_tables(EN, search.documents(EN, urls), options=search.SearchOptions())
    pairs = {tuple(k): v for k, v in data["everyday"]}
    assert pairs[("helsinki",)] == ["finland"]
    assert ("tokyo",) not in pairs  # no entry names Japan


def test_a_dispute_finds_the_chargeback_entry() -> None:
    assert _ids(EN, "the buyer opened a dispute with his bank")[0] == "chargebacks"
    assert _ids(EN, "dispute")[0] == "chargebacks"
    assert _ids(ZH, "买家向银行申诉了")[0] == "chargebacks"


def test_a_currency_by_its_name_finds_the_currencies_entry() -> None:
    assert _ids(EN, "can I pay in euros")[0] == "currencies"
    assert _ids(EN, "which money types do you take")[0] == "currencies"
    assert _ids(ZH, "能用人民币吗")[0] == "currencies"


def test_newsletters_ads_and_filters_find_promotional_mail() -> None:
    assert _ids(EN, "a shop keeps sending me newsletters, can you filter them")[0] == "promo"
    assert _ids(ZH, "能过滤掉广告吗")[0] == "promo"


def test_cancelling_finds_how_to_stop() -> None:
    assert _ids(EN, "cancel my pledge")[0] == "stop"
    assert _ids(ZH, "取消捐款")[0] == "stop"


def test_a_website_is_a_site() -> None:
    assert _ids(EN, "the website won't take my email address")[0] == "accept"
