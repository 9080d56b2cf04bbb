"""Search that answers shop questions (kbgen/search/shop.py, query.answer): product names,
compatibility answers from the product graph, channel intents, ranking rules. Expected values
are written by hand from the small catalog below."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from kbgen.core.channels import Channel
from kbgen.core.graph import ProductGraph
from kbgen.core.model import Entry, Incompatibility, KnowledgeBase, Product, Stage
from kbgen.search import index as search
from kbgen.search import query as searchquery
from kbgen.search import shop
from kbgen.search import terms as tokenize
from tests.conftest import ROOT

STAGES = (Stage("before", "Before you buy"), Stage("after", "After you order"))


def _entry(entry_id: str, question: str, summary: str, **extra: object) -> Entry:
    return Entry(entry_id, question, "before", summary, "", f"{entry_id}.md", **extra)  # type: ignore[arg-type]


def _product(pid: str, name: str, **extra: object) -> Product:
    return Product(pid, name, f"About the {name}.", f"https://shop.example/{pid}", **extra)  # type: ignore[arg-type]


PRODUCTS = (
    _product(
        "pico",
        "Pico espresso machine",
        incompatible_with=(Incompatibility("tamper", "Different head size."),),
    ),
    _product("aero", "Aero One espresso machine", compatible_with=("g40", "tamper")),
    _product("duo", "Aero Duo espresso machine", compatible_with=("g40",)),
    _product("g40", "Grindline G40 grinder", aliases=("electric grinder",)),
    _product("tamper", "Steel tamper 58 mm"),
    _product("frother", "FrothMate milk frother", keywords=("milk foamer",)),
)
KB = KnowledgeBase(
    STAGES,
    (
        _entry(
            "descale", "How do I descale my machine?", "Run the descaling program.", products=("aero", "pico")
        ),
        _entry("descale-general", "Descaling explained", "Why descale at all: limescale."),
        _entry("aero-first", "First use of the Aero One", "Rinse the tank.", products=("aero",)),
        _entry("order-status", "Order status", "Your account shows it.", keywords=("where is my order",)),
        _entry("pre-order", "When do pre-orders ship?", "Where pre-order items are, your order page says."),
        _entry("pay-security", "Is paying secure?", "Card security: 3-D Secure protects every payment."),
        _entry("zh-return", "怎么退货？", "签收后 30 天内申请退货。"),
        _entry("zh-how", "怎么联系我们？", "怎么都可以。"),
        _entry("refund", "When do I get my refund?", "Within 5 days."),
        *(_entry(f"filler-{i}", f"Question {i} about parcels", "A parcel answer.") for i in range(12)),
    ),
    PRODUCTS,
)
URLS = {e.id: f"q/{e.id}/" for e in KB.entries}
PRODUCT_URLS = {p.id: f"products/{p.id}/" for p in KB.products}
CHANNELS = (
    Channel("hotline", "Call us", "tel:+4930123", "+49 30 123"),
    Channel("chat", "Chat", "https://chat.example/?q={query}"),
    Channel("email", "Email us", "mailto:help@shop.example?subject={query}"),
    Channel("order_status", "Order status", "https://shop.example/orders"),
)


@pytest.fixture(scope="module")
def index() -> searchquery.ShopIndex:
    loaded, _ = searchquery.load(search.index_json(KB, URLS, PRODUCT_URLS, "Products", CHANNELS))
    assert isinstance(loaded, searchquery.ShopIndex)
    return loaded


def ids(index: searchquery.ShopIndex, query: str, limit: int = 10) -> list[str]:
    return [index.docs[h.ref][0] for h in searchquery.search(index, query, limit)]


def cards(index: searchquery.ShopIndex, query: str) -> list[tuple[str, str, str, str]]:
    return [
        (index.products[c.a][0], index.products[c.b][0], c.verdict, c.reason)
        for c in searchquery.answer(index, query).compat
    ]


@pytest.mark.parametrize(
    ("query", "product"),
    [("Aero One espresso machine", "aero"), ("aero one", "aero"), ("g40", "g40"), ("pico", "pico"),
     ("electric grinder", "g40"), ("milk foamer", "frother"), ("frothmate", "frother")],
)  # fmt: skip
def test_a_product_name_puts_its_page_first_then_its_entries(
    index: searchquery.ShopIndex, query: str, product: str
) -> None:
    found = ids(index, query)
    assert found[0] == product
    naming = [e.id for e in KB.entries if product in e.products]
    assert found[1 : 1 + len(naming)] == [i for i in found if i in naming]


def test_a_product_and_a_topic_put_the_entries_naming_it_first(index: searchquery.ShopIndex) -> None:
    assert ids(index, "aero one descale")[0] == "descale"
    assert ids(index, "descale")[0] != "aero"  # a topic alone names no product


def test_a_part_that_many_names_share_names_none(index: searchquery.ShopIndex) -> None:
    assert searchquery.answer(index, "espresso machine").compat == []
    assert index.namer.mentions(["espresso", "machin"]) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("does the g40 work with the aero one", [("g40", "aero", "yes", "")]),
        ("aero one g40", [("aero", "g40", "yes", "")]),
        ("pico steel tamper", [("pico", "tamper", "no", "Different head size.")]),
        ("steel tamper fit pico", [("tamper", "pico", "no", "Different head size.")]),
        ("frothmate compatible with aero one", [("frother", "aero", "unknown", "")]),
        ("aero g40", []),  # "aero" is the One or the Duo: the page asks which one (issue 22)
        ("pico", []),
    ],
)
def test_two_products_get_the_graphs_answer(
    index: searchquery.ShopIndex, query: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert cards(index, query) == expected


@pytest.mark.parametrize(
    ("query", "channels"),
    [
        ("phone number", ["hotline"]),
        ("call", ["hotline"]),
        ("talk to a person", ["hotline", "chat", "email"]),  # every channel with a person
        ("人工客服", ["hotline", "chat", "email"]),
        ("电话", ["hotline"]),
        ("email", ["email"]),
        ("no confirmation email", []),  # a word of a question, not a request for the channel
        ("where is my order", ["order_status"]),
        ("我的订单在哪", ["order_status"]),
        ("descale", []),
    ],
)
def test_intents_ask_for_channels(index: searchquery.ShopIndex, query: str, channels: list[str]) -> None:
    assert searchquery.answer(index, query).channels == channels


def test_intents_only_name_channels_the_site_has() -> None:
    loaded, _ = searchquery.load(search.index_json(KB, URLS, PRODUCT_URLS, "Products", CHANNELS[:1]))
    assert searchquery.answer(loaded, "talk to a person").channels == ["hotline"]
    assert searchquery.answer(loaded, "live chat").channels == []


def test_configured_intents_replace_a_keys_phrases() -> None:
    options = search.SearchOptions(intents=(("chat", ("whatsapp",)),))
    loaded, _ = searchquery.load(
        search.index_json(KB, URLS, PRODUCT_URLS, "Products", CHANNELS, None, options)
    )
    assert searchquery.answer(loaded, "whatsapp").channels == ["chat"]
    assert searchquery.answer(loaded, "live chat").channels == []


def test_an_exact_phrase_in_the_keywords_outranks_partial_matches(index: searchquery.ShopIndex) -> None:
    assert ids(index, "where is my order")[0] == "order-status"
    assert searchquery.search(index, "where is my order")[0].phrase


def test_chinese_filler_words_never_make_a_result_on_their_own(index: searchquery.ShopIndex) -> None:
    assert ids(index, "怎么退货") == ["zh-return"]  # 怎么 alone is in zh-how, which is no answer
    assert ids(index, "退货吗") == ["zh-return"]
    assert "zh-how" in ids(index, "怎么")  # a query of filler words only still finds them


def test_typo_in_a_word_that_gets_stemmed(index: searchquery.ShopIndex) -> None:
    assert ids(index, "securty")[0] == "pay-security"
    assert ids(index, "secuirty")[0] == "pay-security"


def test_results_beyond_the_first_ten_can_be_reached(index: searchquery.ShopIndex) -> None:
    first = searchquery.answer(index, "parcel", 10)
    more = searchquery.answer(index, "parcel", 20)
    assert first.total == more.total == 12
    assert len(first.hits) == 10 and len(more.hits) == 12
    assert more.hits[:10] == first.hits


def test_the_thesaurus_finds_an_entry_by_a_synonym_and_can_be_turned_off() -> None:
    loaded, docs = searchquery.load(search.index_json(KB, URLS))
    assert docs[searchquery.search(loaded, "money back")[0].ref][0] == "refund"
    options = search.SearchOptions(thesaurus=None)
    off, _ = searchquery.load(search.index_json(KB, URLS, options=options))
    assert searchquery.search(off, "money back") == []


VECTORS = json.loads((ROOT / "tests/data/compat_vectors.json").read_text(encoding="utf-8"))


def _vector_graph() -> ProductGraph:
    return ProductGraph.of(
        Product(
            p["id"], p["id"], "", "",
            compatible_with=tuple(p.get("compatible_with", ())),
            accessories=tuple(p.get("accessories", ())),
            incompatible_with=_incompatible(p),
        )
        for p in VECTORS["products"]
    )  # fmt: skip


def _incompatible(p: dict[str, list[dict[str, str]]]) -> tuple[Incompatibility, ...]:
    return tuple(Incompatibility(i["id"], i["reason"]) for i in p.get("incompatible_with", []))


@pytest.mark.parametrize("pair", VECTORS["pairs"], ids=lambda p: f"{p[0]}-{p[1]}")
def test_python_graph_answers_the_shared_vectors(pair: list[str]) -> None:
    relation = _vector_graph().relation(pair[0], pair[1])
    assert relation.answer == pair[2]
    if pair[2] == "no":
        assert relation.reason == pair[3]


def test_compat_js_answers_the_shared_vectors_from_the_links_the_index_ships() -> None:
    node = shutil.which("node")
    assert node, "node is needed for the JavaScript side"
    kb = KnowledgeBase(
        STAGES,
        (),
        tuple(
            Product(
                p["id"], p["id"], "", f"https://shop.example/{p['id']}",
                compatible_with=tuple(p.get("compatible_with", ())),
                accessories=tuple(p.get("accessories", ())),
                incompatible_with=_incompatible(p),
            )
            for p in VECTORS["products"]
        ),
    )  # fmt: skip
    tables = search.shop_tables(kb, search.documents(kb, {}, {p.id: p.id for p in kb.products}))
    order = [p[0] for p in tables["products"]]
    script = (
        "global.self = global;"
        f"require({json.dumps(str(ROOT / 'kbgen/theme/assets/kbgen/compat.js'))});"
        f"const graph = {json.dumps(tables['graph'])}, order = {json.dumps(order)};"
        f"const pairs = {json.dumps(VECTORS['pairs'])};"
        "const relation = self.kbgenCompat.lookup(graph);"
        "console.log(JSON.stringify(pairs.map(p => {"
        "  const r = relation(order.indexOf(p[0]), order.indexOf(p[1]));"
        "  return [self.kbgenCompat.verdict(r), r.reason || ''];"
        "})));"
    )
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout
    got = json.loads(out)
    expected = [["yes" if p[2] == "yes" else p[2], p[3] if len(p) > 3 else ""] for p in VECTORS["pairs"]]
    assert got == expected


def test_namer_finds_the_longest_name_left_to_right() -> None:
    namer = shop.Namer(
        [
            ("Aero One espresso machine", ()),
            ("Aero Duo espresso machine", ()),
            ("Trek grinder", ("hand grinder",)),
        ]
    )
    assert namer.mentions(["aero", "on"]) == [shop.Mention(0, 2, (0,))]
    assert namer.mentions(["aero"], ["aero"]) == [shop.Mention(0, 1, (0, 1))]  # the first word, ambiguous
    assert namer.mentions(["hand", "grinder", "aero", "duo"]) == [
        shop.Mention(0, 2, (2,), whole=True),  # an alias, as a whole
        shop.Mention(2, 4, (1,)),
    ]


def test_a_single_word_names_a_product_as_written_at_the_edges_of_its_name() -> None:
    namer = shop.Namer([("Descaling kit", ()), ("Steel tamper 58.5 mm", ()), ("FrothMate milk frother", ())])
    assert namer.mentions(["descal"], ["descale"]) == []  # same stem, another word: a topic
    assert namer.mentions(["descal"], ["descaling"]) == [shop.Mention(0, 1, (0,))]
    assert namer.mentions(["tamper"], ["tamper"]) == [shop.Mention(0, 1, (1,))]  # last before the size
    assert namer.mentions(["frothmat"], ["frothmate"]) == [shop.Mention(0, 1, (2,))]
    assert namer.mentions(["milk"], ["milk"]) == [shop.Mention(0, 1, (2,))]  # a word in the middle (issue 22)


# Issue 22: product names as shoppers say them, on a catalog with the patterns of real ones.
CATALOG = [
    ("Acme Board 5", ()),
    ("Acme Board 5 Case", ()),
    ("Acme Sleeve for Acme Board 5", ()),
    ("Acme 65W USB-C Charger", ()),
    ("Acme 27W USB-C Charger", ()),
    ("Acme G 40 Grinder", ()),
    ("Acme X 700", ()),
    ("Acme X 700+", ()),
    ("Acme Starter Kit", ()),
    ("Acme Camera Kit", ()),
    ("Acme Battery Kit", ()),
    ("Acme M Display", ()),
    ("Acme Keyboard and Hub", ()),
]


def named_by(query: str, sentence: bool = False) -> list[list[str]]:
    namer = shop.Namer(CATALOG)
    words = [w for w in tokenize.words(shop.query_text(query)) if w.term]
    found = namer.mentions([w.term for w in words], [w.text for w in words], sentence)
    return [[CATALOG[p][0] for p in m.products] for m in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sleeve", [["Acme Sleeve for Acme Board 5"]]),  # a word in the middle of the name
        ("board 5", [["Acme Board 5"]]),  # the whole name of one, part of two others
        ("board 5 case", [["Acme Board 5 Case"]]),
        ("65w charger", [["Acme 65W USB-C Charger"]]),  # words not in a row
        ("65w usbc charger", [["Acme 65W USB-C Charger"]]),  # "usbc" for "USB-C"
        ("g40", [["Acme G 40 Grinder"]]),  # joined where the name has them apart
        ("x700", [["Acme X 700"]]),
        ("x 700+", [["Acme X 700+"]]),  # "+" makes another product
        ("x 700 plus", [["Acme X 700+"]]),
        ("sleve", []),  # a misspelt word alone names nothing
        ("acme sleve", [["Acme Sleeve for Acme Board 5"]]),  # one misspelt word with another
        ("acme", []),  # the maker's name names nothing
        ("kit", []),  # a word every kit shares
    ],
)
def test_names_as_shoppers_say_them(query: str, expected: list[list[str]]) -> None:
    assert named_by(query) == expected


def test_contractions_and_generic_words_in_a_sentence_name_nothing() -> None:
    long = "I'm not sure which kit I need for my board 5 at home"
    assert named_by(long, sentence=True) == [["Acme Board 5"]]
    assert named_by("I'm looking for something", sentence=True) == []  # not the M Display
    assert named_by("is there a hub I can use", sentence=True) == []
    assert named_by("does the sleeve fit the board 5") == [
        ["Acme Sleeve for Acme Board 5"], ["Acme Board 5"]
    ]


# Issue 22: an accessory named by its host product's name (or a part of it) and its own noun.
HOSTS = [
    ("Acme Board 5", ()),
    ("Acme Board 4 Model B", ()),
    ("Case for Acme Board 5", ("Acme Board 5 Case",)),
    ("Acme Board 4 Case", ()),
    ("Acme Board 4 Case Fan", ()),
    ("Acme 12.5W Micro USB Power Supply", ()),
    ("Acme 27W USB-C Power Supply", ()),
    ("Acme Giga R1 WiFi", ()),
    ("Acme Giga Display Shield", ()),
    ("Acme Relay Shield", ()),
    ("Acme Motor Shield", ()),
    ("Acme MKR WiFi 1010", ()),
    ("Acme MKR ENV Shield", ()),
    ("Acme MKR Relay Shield", ()),
]
HOSTS_ZH = [
    ("树莓派 5", ()),
    ("树莓派 4B", ("树莓派 4",)),
    ("树莓派 5 官方外壳", ()),
    ("树莓派 4 官方外壳", ()),
    ("树莓派 4 外壳风扇", ()),
    ("树莓派 27W USB-C 电源", ()),
]


def _named(catalog: list[tuple[str, tuple[str, ...]]], query: str, sentence: bool = False) -> list[list[str]]:
    namer = shop.Namer(catalog)
    words = [w for w in tokenize.words(shop.query_text(query)) if w.term]
    found = namer.mentions([w.term for w in words], [w.text for w in words], sentence)
    return [[catalog[p][0] for p in m.products] for m in found]


@pytest.mark.parametrize(
    ("query", "sentence", "expected"),
    [
        # the host's whole name, or the part a shopper says, then a noun two products share
        ("board 4 model b case", False, [["Acme Board 4 Case"]]),
        ("board 4 model b case", True, [["Acme Board 4 Case"]]),  # "case" alone names nothing there
        ("board 4b case", False, [["Acme Board 4 Case"]]),
        ("does the 4b case fit the board 5", False, [["Acme Board 4 Case"], ["Acme Board 5"]]),
        ("is the board 4's case ok with the board 5", True, [["Acme Board 4 Case"], ["Acme Board 5"]]),
        ("giga r1 shield", False, [["Acme Giga Display Shield"]]),  # "shield": five products
        # two have the host's start as well as each other: which one?
        ("mkr wifi 1010 shield", False, [["Acme MKR ENV Shield", "Acme MKR Relay Shield"]]),
        (
            "does the mkr 1010 shield fit the board 5",
            True,
            [["Acme MKR ENV Shield", "Acme MKR Relay Shield"], ["Acme Board 5"]],
        ),
        # what stays
        ("board 4", False, [["Acme Board 4 Model B"]]),
        ("board 5 case", False, [["Case for Acme Board 5"]]),
        ("board 4 case", False, [["Acme Board 4 Case"]]),
        ("board 4 case fan", False, [["Acme Board 4 Case Fan"]]),
        # no supply has the board's name: the "5" of "12.5W" is no Board 5
        ("board 5 power supply", False, [["Acme Board 5"], [HOSTS[5][0], HOSTS[6][0]]]),
    ],
)
def test_an_accessory_named_by_its_hosts_name(query: str, sentence: bool, expected: list[list[str]]) -> None:
    assert _named(HOSTS, query, sentence) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("4b外壳", [["树莓派 4 官方外壳"]]),  # the alias 树莓派 4 is the case's start
        ("树莓派4b的外壳", [["树莓派 4 官方外壳"]]),  # with 的 between
        ("4的外壳", [["树莓派 4 官方外壳"]]),  # a number alone names nothing, but picks the case that has it
        ("树莓派5的外壳", [["树莓派 5 官方外壳"]]),
        ("树莓派4b的外壳能装树莓派5吗", [["树莓派 4 官方外壳"], ["树莓派 5"]]),
        ("外壳", [["树莓派 5 官方外壳", "树莓派 4 官方外壳"]]),  # which one?
    ],
)
def test_an_accessory_named_by_its_hosts_name_in_chinese(query: str, expected: list[list[str]]) -> None:
    assert _named(HOSTS_ZH, query) == expected


def test_an_ambiguous_product_in_a_fit_question_asks_which_one(index: searchquery.ShopIndex) -> None:
    got = searchquery.answer(index, "does the g40 work with the aero")
    assert got.compat == []
    assert [sorted(index.products[p][0] for p in choice) for choice in got.which] == [["aero", "duo"]]
    told = searchquery.answer(index, "does the g40 work with the aero one")
    assert [(index.products[c.a][0], index.products[c.b][0], c.verdict) for c in told.compat] == [
        ("g40", "aero", "yes")
    ]
    assert told.which == []


@pytest.mark.parametrize(
    "query",
    ["does the tamper fit", "Is it compatible?", "compatibility", "will it work", "would the g40 really work",
     "does it work with my machine", "goes well with", "can I use it with", "suitable?",
     "茶滤适合吗", "兼容吗", "能用吗", "能不能用", "能给树莓派5用吗", "能一起用吗", "放得下吗",
     "適合嗎", "相容嗎", "能給盒子用嗎"],
)  # fmt: skip
def test_fit_questions(query: str) -> None:
    assert shop.fit_question(query)


@pytest.mark.parametrize(
    "query",
    ["steel tamper", "how does the filter work", "does the g40 work", "fitness", "outfit", "work",
     "withdraw my order", "my order will arrive", "怎么退货", "茶滤", "用法"],
)  # fmt: skip
def test_not_fit_questions(query: str) -> None:
    assert not shop.fit_question(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("does the tamper fit", [""]),
        ("does the tamper fit?", [""]),
        ("does it work with hot water", ["hot water"]),
        ("does the filter fit in the dishwasher, and is it safe", ["in the dishwasher"]),
        ("will the g40 work with it", ["with it"]),
        ("茶滤能用吗", ["吗"]),
        ("茶滤能用洗碗机洗吗", ["洗碗机洗吗"]),
        ("茶濾能用洗碗機洗嗎", ["洗碗机洗吗"]),
        ("能给树莓派5用吗", ["树莓派5 吗"]),
        ("茶滤适合什么茶？好用吗", ["什么茶"]),
        ("怎么退货", []),
    ],
)  # fmt: skip
def test_what_a_fit_word_is_said_of(query: str, expected: list[str]) -> None:
    """The rest of the fit word's clause (and the X of "能给 X 用"), normalized."""
    assert [" ".join(text.split()) for text in shop.fit_objects(query)] == expected


Told = tuple[list[tuple[str, ...]], list[list[str]]]
TAMPER_PICO = ("tamper", "pico", "no", "Different head size.")


def on_page(index: searchquery.ShopIndex, query: str, product: str) -> Told:
    got = searchquery.answer(index, query, product=product)
    cards = [(index.products[c.a][0], index.products[c.b][0], c.verdict, c.reason) for c in got.compat]
    return cards, [sorted(index.products[p][0] for p in choice) for choice in got.which]


@pytest.mark.parametrize(
    ("query", "page", "expected"),
    [
        # a fit question naming one other product: that product and the page's (issue 22)
        ("does the steel tamper fit", "pico", ([("tamper", "pico", "no", "Different head size.")], [])),
        ("is the g40 compatible?", "duo", ([("g40", "duo", "yes", "")], [])),
        ("will the frothmate work", "aero", ([("frother", "aero", "unknown", "")], [])),
        # the other product can't be told apart: which one?
        ("does the aero fit", "g40", ([], [["aero", "duo"]])),
        # the named product is the page's, or two are named, or no fit question: as without a page
        ("does the pico fit", "pico", ([], [])),
        ("does the steel tamper fit the aero one", "pico", ([("tamper", "aero", "yes", "")], [])),
        ("steel tamper", "pico", ([], [])),
        ("how does the frothmate work", "aero", ([], [])),
        # a loose name means the page's product
        ("does the g40 work with the aero", "duo", ([("g40", "duo", "yes", "")], [])),
        # the fit word said of a thing or an action that is no product: no card
        ("will the frothmate work in the dishwasher", "aero", ([], [])),
        ("does the steel tamper fit in my drawer", "pico", ([], [])),
        ("can I use the g40 with oily beans", "duo", ([], [])),
        # said of the page's product ("it", "machine": its summary's word), of nothing else in
        # its clause, of "together" or "or not": the card
        ("can I use it with the g40", "duo", ([("g40", "duo", "yes", "")], [])),
        ("does the steel tamper fit my machine", "pico", ([TAMPER_PICO], [])),
        ("does the g40 fit, and how loud is it", "duo", ([("g40", "duo", "yes", "")], [])),
        ("will the g40 and it work together", "duo", ([("g40", "duo", "yes", "")], [])),
        ("does the steel tamper fit or not", "pico", ([TAMPER_PICO], [])),
        ("does the steel tamper fit this model", "pico", ([TAMPER_PICO], [])),
        ("will the g40 fit under it", "duo", ([("g40", "duo", "yes", "")], [])),
        ("does the g40 fit this board", "duo", ([("g40", "duo", "yes", "")], [])),
        # no page, or a product the catalog doesn't have
        ("does the steel tamper fit", "", ([], [])),
        ("does the steel tamper fit", "kettle", ([], [])),
    ],
)
def test_on_a_product_page_a_fit_question_is_about_that_product(
    index: searchquery.ShopIndex,
    query: str,
    page: str,
    expected: Told,
) -> None:
    assert on_page(index, query, page) == expected


def test_on_a_product_page_a_product_name_still_gives_its_page(index: searchquery.ShopIndex) -> None:
    for page in ("", "aero", "pico"):
        got = searchquery.answer(index, "pico machine", product=page)
        assert index.docs[got.hits[0].ref][0] == "pico", page
        assert got.compat == [] and got.which == []
    got = searchquery.answer(index, "steel tamper", product="pico")
    assert index.docs[got.hits[0].ref][0] == "tamper"


def test_one_extra_word_keeps_the_product_page_first(index: searchquery.ShopIndex) -> None:
    hits = searchquery.search(index, "genuine pico machine")
    assert index.docs[hits[0].ref][0] == "pico"
    hits = searchquery.search(index, "pico machine")
    assert index.docs[hits[0].ref][0] == "pico"


def test_joined_and_split_forms_meet() -> None:
    docs = [
        search.SearchDoc("cooler", "Which heatsink fits?", "An aluminium heatsink.", "faq", "a/"),
        search.SearchDoc("tools", "Which screw driver do I need?", "A small screw driver.", "faq", "b/"),
        search.SearchDoc("other", "Heat warnings", "When the board gets hot.", "faq", "c/"),
    ]
    loaded, refs = searchquery.load(search.serialize(docs))
    for query, expected in [("heat sink", "cooler"), ("heat-sink", "cooler"), ("screwdriver", "tools")]:
        hits = searchquery.search(loaded, query)
        assert refs[hits[0].ref][0] == expected, query


def test_a_typo_match_counts_less_the_more_it_changes() -> None:
    docs = [
        search.SearchDoc("two-edits", "The zorbalix kit", "A kit.", "faq", "a/"),
        search.SearchDoc("one-edit", "The zorbulax kit", "A kit.", "faq", "b/"),
    ]
    loaded, refs = searchquery.load(search.serialize(docs))
    hits = searchquery.search(loaded, "zorbulex")  # 1 edit from zorbulax, 2 from zorbalix
    assert [refs[h.ref][0] for h in hits] == ["one-edit", "two-edits"]


# Issue 22, seventh round: a head noun before words in a row, "for" between an accessory's noun
# and its host, a noun several products share with "this" on a product's page, words before a
# fit word, and a long name in "use … with".
BOARDS = KnowledgeBase(
    STAGES,
    (
        _entry("board-5-power", "Which power supply does the Board 5 need?", "A 5 A supply."),
        _entry("cases", "Which case fits my board?", "Each board has its own case."),
        _entry("laptop", "Can I charge a laptop?", "Not with these supplies."),
    ),
    (
        _product(
            "board-5",
            "Acme Board 5",
            compatible_with=("psu-27w", "case-5", "bumper", "camera"),
            incompatible_with=(
                Incompatibility("psu-12w", "Micro USB plug."),
                Incompatibility("case-4", "The ports are elsewhere."),
            ),
        ),
        _product("board-4", "Acme Board 4 Model B", compatible_with=("psu-15w", "psu-27w", "case-4")),
        _product("zero", "Acme Board Zero", compatible_with=("psu-12w",)),
        _product("case-5", "Case for Acme Board 5", aliases=("Acme Board 5 Case",)),
        _product("case-4", "Acme Board 4 Case", compatible_with=("fan-4",)),
        _product("fan-4", "Acme Board 4 Case Fan"),
        _product("bumper", "Bumper for Acme Board 5"),
        _product("psu-12w", "Acme 12.5W Micro USB Power Supply"),
        _product("psu-15w", "Acme 15W USB-C Power Supply"),
        _product("psu-27w", "Acme 27W USB-C Power Supply"),
        _product("giga", "Acme Giga R1 WiFi", compatible_with=("giga-shield",)),
        _product("giga-shield", "Acme Giga Display Shield"),
        _product("relay-shield", "Acme Relay Shield"),
        _product("camera", "Acme Camera Module 3 Wide"),
    ),
)
BOARDS_ZH = KnowledgeBase(
    STAGES,
    (
        _entry("zh-case", "外壳用于散热吗？", "外壳用于保护主板，也用于散热。"),
        _entry("zh-power", "树莓派 5 用什么电源？", "用于树莓派 5 的电源要 5 A。"),
    ),
    (
        _product(
            "pi-5",
            "树莓派 5",
            compatible_with=("psu-27w", "case-5"),
            incompatible_with=(
                Incompatibility("psu-12w", "接口不同。"),
                Incompatibility("case-4", "开孔不同。"),
            ),
        ),
        _product("pi-4", "树莓派 4B", aliases=("树莓派 4",), compatible_with=("psu-15w", "psu-27w")),
        _product("zero", "树莓派 Zero 2 W", compatible_with=("psu-12w",)),
        _product("case-5", "树莓派 5 官方外壳"),
        _product("case-4", "树莓派 4 官方外壳"),
        _product("fan-4", "树莓派 4 外壳风扇"),
        _product("psu-27w", "树莓派 27W USB-C 电源"),
        _product("psu-15w", "树莓派 15W USB-C 电源"),
        _product("psu-12w", "树莓派 12.5W Micro USB 电源"),
    ),
)


def _shop(kb: KnowledgeBase) -> searchquery.ShopIndex:
    urls = {e.id: f"q/{e.id}/" for e in kb.entries}
    loaded, _ = searchquery.load(search.index_json(kb, urls, {p.id: f"p/{p.id}/" for p in kb.products}))
    assert isinstance(loaded, searchquery.ShopIndex)
    return loaded


@pytest.fixture(scope="module")
def boards() -> searchquery.ShopIndex:
    return _shop(BOARDS)


@pytest.fixture(scope="module")
def boards_zh() -> searchquery.ShopIndex:
    return _shop(BOARDS_ZH)


def _told(index: searchquery.ShopIndex, query: str, page: str = "") -> tuple[str, Told]:
    """The first result, and the cards and "which one?" the query gets."""
    got = searchquery.answer(index, query, product=page)
    cards = [(index.products[c.a][0], index.products[c.b][0], c.verdict, c.reason) for c in got.compat]
    which = [sorted(index.products[p][0] for p in choice) for choice in got.which]
    return index.docs[got.hits[0].ref][0] if got.hits else "", (cards, which)


NONE: Told = ([], [])
CASE_4_NO: Told = ([("case-4", "board-5", "no", "The ports are elsewhere.")], [])


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # the case's noun is the head of its name; the fan's name has 外壳 in a row but ends in 风扇
        ("4外壳", "case-4"),
        ("5外壳", "case-5"),
        # 用于 / 适用于 between the host's name and the case's noun, either way round
        ("外壳适用于树莓派4b", "case-4"),
        ("外壳用于树莓派5", "case-5"),
        ("用于树莓派5的外壳", "case-5"),  # 用于 belongs to the name: no other words to look for
        ("適用於樹莓派4B的外殼", "case-4"),
        # what stays
        ("4外壳风扇", "fan-4"),
        ("树莓派5外壳", "case-5"),
        ("4b外壳", "case-4"),
        ("树莓派4b", "pi-4"),
    ],
)
def test_chinese_accessory_names(boards_zh: searchquery.ShopIndex, query: str, first: str) -> None:
    assert _told(boards_zh, query) == (first, NONE)


@pytest.mark.parametrize(
    ("query", "first", "told"),
    [
        # "for" between an accessory's noun and its host's name names the host's accessory
        ("case for the board 4 model b", "case-4", NONE),
        ("shield for the giga r1", "giga-shield", NONE),
        ("is the case for the board 4 compatible with the board 5", "case-4", CASE_4_NO),
        # the whole name across "for" stays that product
        ("bumper for the board 5", "bumper", NONE),
        ("case for board 5", "case-5", NONE),
        # what stays
        ("board 4", "board-4", NONE),
        ("board 5 case", "case-5", NONE),
        ("board 4 case fan", "fan-4", NONE),
        ("board 4 case for board 5", "case-4", CASE_4_NO),
    ],
)  # fmt: skip
def test_an_accessory_for_its_host(boards: searchquery.ShopIndex, query: str, first: str, told: Told) -> None:
    assert _told(boards, query) == (first, told)


@pytest.mark.parametrize(
    ("query", "page", "told"),
    [
        # a noun many products share, pointed at on a product's page: the ones the catalog says
        # anything about with the page's product; one gets its card, several "which one?"
        ("can I use this power supply with it", "zero", ([("psu-12w", "zero", "yes", "")], [])),
        ("does this power supply work with it", "board-5", ([], [["psu-12w", "psu-27w"]])),
        ("will this power supply work", "board-4", ([], [["psu-15w", "psu-27w"]])),
        # the page is one of them: that one, no card
        ("can I use this power supply with it", "psu-27w", NONE),
        # without "this", or no fit question: nothing pointed at
        ("can I use a power supply with it", "zero", NONE),
        ("this power supply", "zero", NONE),
        # a long name between "use" and "with"
        ("can I use the acme camera module 3 wide with it", "board-5", ([("camera", "board-5", "yes", "")], [])),  # noqa: E501
        # a fit word said by a thing that is no product ("my laptop"): no card
        ("will my laptop work with the 27w power supply", "board-5", NONE),
        ("can my laptop use the 27w power supply with it", "board-5", NONE),
        ("will the 27w power supply work with it", "board-5", ([("psu-27w", "board-5", "yes", "")], [])),
    ],
)  # fmt: skip
def test_on_a_product_page_what_is_pointed_at_and_said_before_the_fit_word(
    boards: searchquery.ShopIndex, query: str, page: str, told: Told
) -> None:
    assert _told(boards, query, page)[1] == told


@pytest.mark.parametrize(
    ("query", "page", "told"),
    [
        ("这个电源可以用吗", "pi-5", ([], [["psu-12w", "psu-27w"]])),
        ("这款电源能用吗", "zero", ([("psu-12w", "zero", "yes", "")], [])),
        ("這個電源可以用嗎", "pi-4", ([], [["psu-15w", "psu-27w"]])),
        ("电源可以用吗", "pi-5", NONE),  # nothing pointed at: the noun names no one supply
        # said by a thing that is no product (the laptop), before the fit word: no card
        ("笔记本能用27w电源吗", "pi-5", NONE),
        ("27w电源能用吗", "pi-5", ([("psu-27w", "pi-5", "yes", "")], [])),
        ("树莓派5能用27w电源吗", "pi-4", ([("pi-5", "psu-27w", "yes", "")], [])),
    ],
)
def test_on_a_chinese_product_page_what_is_pointed_at(
    boards_zh: searchquery.ShopIndex, query: str, page: str, told: Told
) -> None:
    assert _told(boards_zh, query, page)[1] == told


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("does the tamper fit", ["does the tamper"]),
        ("洗碗机能用茶滤吗", ["洗碗机"]),
        ("will the g40 work with it", ["the g40"]),
        ("can I use the acme 27w usb-c power supply with it", ["can i the acme 27w usb-c power supply"]),
        ("hi, does it fit? 能用吗", ["does it", ""]),
    ],
)  # fmt: skip
def test_what_a_fit_word_says_fits(query: str, expected: list[str]) -> None:
    """The fit word's clause before it and the X of "use X with", "will X work", normalized."""
    assert [" ".join(text.split()) for text in shop.fit_subjects(query)] == expected


def test_a_chinese_head_noun_before_a_pack_size_still_names_both() -> None:
    """杯 is the head of 青瓷品茗杯（六只装） as of 玻璃公道杯 250 ml: a name's last run of Chinese
    characters (六只装) is not its head when the query's word ends another of its runs."""
    cups = [("青瓷品茗杯（六只装）", ()), ("玻璃公道杯 250 ml", ()), ("白瓷盖碗 150 ml", ())]
    assert _named(cups, "杯") == [["青瓷品茗杯（六只装）", "玻璃公道杯 250 ml"]]
    assert _named(cups, "公道杯") == [["玻璃公道杯 250 ml"]]


def supplies(n: int) -> KnowledgeBase:
    """A shop of two boards and ``n`` power supplies named alike in English and ``n`` in Chinese:
    the catalog says the Board 7 takes two of them (psu-1, psu-2 and 电源-1, 电源-2), the Board 8
    nothing."""
    return KnowledgeBase(
        STAGES,
        (_entry("power", "Which power supply do I need?", "A 5 A supply."),),
        (
            _product("board-7", "Acme Board 7", compatible_with=("psu-1", "psu-2", "zh-1", "zh-2")),
            _product("board-8", "Acme Board 8"),
            *(_product(f"psu-{i}", f"Acme {i}W USB-C Power Supply") for i in range(1, n + 1)),
            *(_product(f"zh-{i}", f"树莓派 {i}W 电源") for i in range(1, n + 1)),
        ),
    )


@pytest.mark.parametrize(
    ("query", "page", "told"),
    [
        # the catalog says nothing of the Board 8 with any of 12 supplies: no "which one?" of 12
        ("can I use this power supply with it", "board-8", NONE),
        ("这个电源可以用吗", "board-8", NONE),
        ("這個電源可以用嗎", "board-8", NONE),
        # the two it says the Board 7 takes are the choice
        ("can I use this power supply with it", "board-7", ([], [["psu-1", "psu-2"]])),
        ("这个电源可以用吗", "board-7", ([], [["zh-1", "zh-2"]])),
    ],
)
def test_a_thing_pointed_at_among_many_asks_which_one_of_a_few(query: str, page: str, told: Told) -> None:
    """Twin: tests/integration/test_search_parity.py (the worker on the same catalog)."""
    assert len(_shop(supplies(3)).products) == 8
    assert _told(_shop(supplies(3)), "这个电源可以用吗", "board-8")[1] == ([], [["zh-1", "zh-2", "zh-3"]])
    assert _told(_shop(supplies(12)), query, page)[1] == told


def test_a_long_query_on_a_big_catalog_reads_each_run_of_words_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A query of the same words over and over ("acme usb-c power supply" six times) on a
    catalog of 300 supplies: a run of words is read against the names that have its words once
    per query, not again for each reading of the query (its own, "this power supply"'s, the fit
    word's clause). The worker took 410 ms for it on 1,200 products (adv22's figures)."""
    index = _shop(supplies(300))
    reads = 0
    in_a_row = shop._in_a_row

    def counted(name: object, keys: object) -> bool:
        nonlocal reads
        reads += 1
        return in_a_row(name, keys)  # type: ignore[arg-type]

    monkeypatch.setattr(shop, "_in_a_row", counted)
    query = "does this " + "acme usb-c power supply " * 6 + "work with it"
    got = searchquery.answer(index, query, product="board-7")
    assert [[index.products[p][0] for p in choice] for choice in got.which] == [["psu-1", "psu-2"]]
    assert reads < 40_000, reads


def test_a_query_of_many_fit_words_reads_only_its_first_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """"电源能用" 30 times: each fit word's clause before and after it is the whole query, so
    reading every one read the query 60 times over; the first few (query.MAX_FITS) decide."""
    index = _shop(supplies(12))
    calls = 0
    mentions = shop.Namer.mentions

    def counted(self: shop.Namer, *args: object, **kwargs: object) -> list[shop.Mention]:
        nonlocal calls
        calls += 1
        return mentions(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(shop.Namer, "mentions", counted)
    searchquery.answer(index, "这个电源能用" + "电源能用" * 30, product="board-7")
    assert calls <= 2 + 2 * searchquery.MAX_FITS, calls


@pytest.mark.parametrize(
    ("query", "page", "told"),
    [
        # the thing pointed at and another product named: about those two, not the page's product
        ("can I use this power supply with the board 4", "board-5", ([], [["psu-15w", "psu-27w"]])),
        ("will this power supply work with my board zero", "board-5", ([("psu-12w", "zero", "yes", "")], [])),
        # on a supply's page, "this power supply" is that one
        ("can I use this power supply with the board 4", "psu-27w", ([("psu-27w", "board-4", "yes", "")], [])),  # noqa: E501
        # "this" alone is the page's product
        ("can I use this with the board 4", "board-5", ([("board-4", "board-5", "unknown", "")], [])),
    ],
)  # fmt: skip
def test_a_thing_pointed_at_with_another_product_named(
    boards: searchquery.ShopIndex, query: str, page: str, told: Told
) -> None:
    """The page's product was once the second of the card ("board 4 with board 5, unknown")."""
    assert _told(boards, query, page)[1] == told


def test_a_thing_pointed_at_with_another_product_named_in_chinese(boards_zh: searchquery.ShopIndex) -> None:
    assert _told(boards_zh, "这个电源能给树莓派4用吗", "pi-5")[1] == ([], [["psu-15w", "psu-27w"]])
    assert _told(boards_zh, "這個電源能給樹莓派4用嗎", "pi-5")[1] == ([], [["psu-15w", "psu-27w"]])
    assert _told(boards_zh, "这个能给树莓派4用吗", "pi-5")[1] == ([("pi-4", "pi-5", "unknown", "")], [])


@pytest.mark.parametrize(
    ("query", "page", "first", "told"),
    [
        # 适用于 links the case's noun to its host and is a fit word too: the 4B is what it is
        # said of, not the page's Pi 5 (once a card "树莓派 4 官方外壳 with 树莓派 5: no")
        ("外壳适用于树莓派4b", "pi-5", "case-4", NONE),
        ("外壳适用于树莓派4b吗", "pi-5", "case-4", NONE),
        ("外殼適用於樹莓派4B", "pi-5", "case-4", NONE),
        # on the 4B's page it is about the 4B; the Pi 4's case asked of on the Pi 5's page stays
        ("外壳适用于树莓派4b", "pi-4", "pi-4", ([("case-4", "pi-4", "unknown", "")], [])),
        ("树莓派4外壳适合吗", "pi-5", "case-4", ([("case-4", "pi-5", "no", "开孔不同。")], [])),
    ],
)
def test_a_fit_word_that_links_an_accessory_to_its_host_asks_about_that_host(
    boards_zh: searchquery.ShopIndex, query: str, page: str, first: str, told: Told
) -> None:
    assert _told(boards_zh, query, page) == (first, told)
