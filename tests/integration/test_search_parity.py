"""The browser's search worker and the Python twin give the same answers (issue 22).

The worker file itself runs in Node (``tests/node/worker_parity.cjs``: only ``fetch``,
``importScripts`` and ``postMessage`` are provided), on indexes that ``kbgen build`` writes for
the demo, the Chinese example and the two real catalogs of ``bench/catalogs``, with every shop
query of ``bench/queries`` and the naming rules' own cases. The browser tests check the same on
a few queries in Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kbgen.search import query as searchquery
from tests.conftest import ROOT, run_kbgen

SHARED = {"demo": "demo_site", "zh": "zh_site"}
"""Sites whose plain build the session already has (tests/conftest.py): used, not rebuilt."""
SITES = {
    "demo": ("mkdocs.yml", ["shop-en"]),
    "zh": ("examples/zh/mkdocs.yml", ["shop-zh"]),
    "arduino": (
        "bench/catalogs/arduino/mkdocs.yml",
        ["arduino-en", "arduino-en-heldout", "arduino-en-words", "arduino-en-words-heldout"],
    ),
    "raspberrypi": (
        "bench/catalogs/raspberrypi/mkdocs.yml",
        ["raspberrypi-en", "raspberrypi-en-heldout", "raspberrypi-en-words", "raspberrypi-en-words-heldout"],
    ),
    "raspberrypi-zh": (
        "bench/catalogs/raspberrypi-zh/mkdocs.yml",
        ["raspberrypi-zh", "raspberrypi-zh-heldout"],
    ),
}
EXTRA = [
    "pico machine", "genuine pico machine", "I'm looking for a machine", "aero g40", "g 40", "grindline g 40",
    "does the grinder work with the aero", "x 700+", "usbc", "heat sink", "pi5", "picow", "m.2 hat+",
    "actve cooler", "raspberry pi 500 keyboard", "can't find the kit", "盖碗 茶滤 兼容吗", "盖碗",
    # issue 22, second round: everyday words, chat words, Chinese head nouns and measure words
    "which plug for the pi 5", "the red dot",
    "Hi, I was wondering if you could please tell me about the pi 5 fan",
    "这个壶", "这款电水壶", "玻璃壶", "那个杯", "这个杯能配茶盘吗", "供电", "树莓派5外壳", "zero2w", "这個壺",
    "这个充电器能给树莓派5用吗", "屏幕上的红点", "這個壺", "這款電水壺", "這個杯能配茶盤嗎",
    "这个杯能配茶盘吗",
    # issue 22, third round: Chinese questions counted in words; a stop word ending a sentence
    "你好，我上个月买了一个27w电源，想问一下它能不能给树莓派5用，会不会不够",
    "我想知道这个杯能不能配茶盘，因为我家里的茶盘有点小",
    "my pi 5 keeps restarting when I plug in the camera, what can I do",
    # issue 22, fourth round: a city or demonym names its country (the demo ships to Switzerland)
    "zurich", "I live in Zurich, how much is shipping to me", "I'm Norwegian, when will my order arrive",
    # issue 22, fifth round: an accessory named by its host's name (or a part of it) and its noun
    "pi 4 model b case", "pi 4b case", "is the pi 4's case compatible with the pi 5", "pi 5 power supply",
    "4b外壳", "4的外壳装得下树莓派5吗", "4b 的 外壳", "树莓派4b之外壳", "giga r1 shield", "mkr 1010 shield",
    "nano esp32 screw terminal", "will the pi 4 model b case fit a pi 5", "pico machine case",
    # issue 22, seventh round: a head noun before words in a row, "for" / 用于 / 适用于 between an
    # accessory's noun and its host
    "4外壳", "4外壳风扇", "树莓派4外壳", "外壳适用于树莓派4b", "用于树莓派5的外壳", "適用於樹莓派4B的外殼",
    "bumper for the pi 5", "power supply for the pi 5", "pi 4 case for the pi 5",
    "shield for the giga r1 wifi",
]


def _queries(names: list[str]) -> list[str]:
    out = []
    for name in names:
        for line in (ROOT / "bench/queries" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["query"])
    return out + EXTRA


def _page_queries(names: list[str]) -> dict[str, list[str]]:
    """The queries of the sets asked on a product's page (``"page"``), by page."""
    out: dict[str, list[str]] = {}
    for name in names:
        for line in (ROOT / "bench/queries" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            asked = json.loads(line) if line.strip() else {}
            if asked.get("page"):
                out.setdefault(asked["page"], []).append(asked["query"])
    return out


def _worker(node: str, index_file: Path, queries: list[str], timeout: int = 120) -> list[dict[str, Any]]:
    """The worker's answer to each query on ``index_file``, as it posts them (in Node:
    tests/node/worker_parity.cjs)."""
    done = subprocess.run(
        [node, str(ROOT / "tests/node/worker_parity.cjs")],
        input=json.dumps({"index": str(index_file), "queries": queries}),
        capture_output=True, text=True, timeout=timeout, check=True,
    )  # fmt: skip
    answers: list[dict[str, Any]] = json.loads(done.stdout)
    return answers


@pytest.mark.parametrize("site", sorted(SITES))
def test_the_worker_and_python_give_the_same_answers(
    site: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    node = shutil.which("node")
    assert node, "node is needed for the JavaScript side"
    config, query_sets = SITES[site]
    if site in SHARED:
        out = request.getfixturevalue(SHARED[site])
    else:
        out = tmp_path / "site"
        run_kbgen("build", "-f", config, "--site-dir", str(out), cwd=ROOT, check=True)
    index_file = out / "search/index.json"
    queries = _queries(query_sets)
    answers = _worker(node, index_file, queries)
    shown = answers
    index, docs = searchquery.load(index_file.read_text(encoding="utf-8"))
    assert isinstance(index, searchquery.ShopIndex)
    for query, got in zip(queries, shown, strict=True):
        python = searchquery.answer(index, query, 10)
        if python.wait:  # a first letter being typed that finds nothing
            assert got == {"wait": "letter"}, query
            continue
        assert got == {
            "ids": [docs[h.ref][0] for h in python.hits],
            "cards": [
                [c.verdict, f"{index.products[c.a][0]} {index.products[c.b][0]}"] for c in python.compat
            ],
            "which": [[index.products[p][0] for p in choice] for choice in python.which],
            "lead": python.lead,
            "channels": python.channels,
        }, query
    # the queries asked on a product's page, as the shop widget asks them
    from tests.integration.test_search_split import WORKER, _node, _python

    for product, asked in _page_queries(query_sets).items():
        want = _python(index, docs, asked, product)
        assert _node(index_file, WORKER, asked, product=product) == want, product


def test_a_whole_chinese_word_ranks_the_same_in_the_worker(tmp_path: Path) -> None:
    """米兰 typed without a question mark: the worker, like the twin, reads 米兰 as Milan (an
    everyday word, → 意大利) rather than 兰… being typed (芬兰); a lone character still grows."""
    from kbgen.search import index as search
    from tests.unit.test_search_vocabulary import TYPED_ON, TYPED_WHOLE, ZH

    node = shutil.which("node")
    assert node, "node is needed for the JavaScript side"
    urls = {e.id: f"q/{e.id}/" for e in ZH.entries}
    index_file = tmp_path / "index.json"
    index_file.write_text(search.index_json(ZH, urls, options=search.SearchOptions()), encoding="utf-8")
    wanted = {**TYPED_WHOLE, **TYPED_ON}
    answers = _worker(node, index_file, list(wanted))
    index, docs = searchquery.load(index_file.read_text(encoding="utf-8"))
    for (query, entry), got in zip(wanted.items(), answers, strict=True):
        assert got["ids"][0] == entry, query
        assert got["ids"] == [docs[h.ref][0] for h in searchquery.search(index, query)], query


PAGE_QUERIES = {
    # site: (the page's product, queries): fit questions naming one other product, an ambiguous
    # one, the page's own, two products, no fit question, and the demo's shop questions
    "demo": (
        "aero-one",
        ["does the aqua xl filter fit", "is the aqua xl compatible?", "will the aqua xl work",
         "does the tamper work with it", "does the grinder fit", "does the aero fit", "does the aero one fit",
         "does the aqua filter fit the aero duo", "how does the aqua xl filter work", "aqua xl",
         "pico machine", "would the pico really work",
         # a fit word said of a thing or an action, not of a product: no card about the page's
         "will the aqua xl filter work in the dishwasher", "does the aqua xl filter fit in the dishwasher",
         "can I use the tamper with cold water", "does the aqua xl filter fit the tank",
         "can I use it with the aqua xl filter", "does the aqua xl fit, and how do I install it",
         "will the tamper work together", "does the aqua xl filter fit this model",
         "will the aqua xl work with my model",
         # issue 22, seventh round: a noun several products share, pointed at; words before the
         # fit word; a long name between "use" and "with"
         "will this filter work", "can I use this grinder with it",
         "will my kettle work with the aqua xl filter",
         "can I use the aqua xl filter cartridge 2 pack with it", *_queries(["shop-en"])],
    ),
    "zh": (
        "gaiwan",
        ["茶滤适合吗", "茶滤兼容吗", "茶滤能用吗", "茶濾適合嗎", "茶濾相容嗎", "这个茶滤能配吗", "杯能用吗",
         "盖碗能用吗", "公道杯能一起用吗", "茶盘放得下吗", "茶滤",
         "茶滤能用洗碗机洗吗", "茶濾能用洗碗機洗嗎", "茶滤适合什么茶", "茶濾適合什麼茶", "茶滤能给孩子用吗",
         "茶滤可以用多久", "茶滤适合这个吗", "茶濾適合這個嗎", "能用茶滤吗", "茶滤能用不",
         "茶滤适合这款产品吗", "茶濾適合這款產品嗎", "茶滤能用在盖碗里吗", "茶滤能用在户外吗",
         "洗碗机能用茶滤吗", "洗碗機能用茶濾嗎", "这个壶能用吗", "这个杯能用吗", *_queries(["shop-zh"])],
    ),
}  # fmt: skip


@pytest.mark.parametrize("site", sorted(PAGE_QUERIES))
def test_on_a_product_page_the_worker_and_python_give_the_same_answers(
    site: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The shop widget on a product's page: a fit question naming one other product asks about
    it and the page's product, in the worker (a whole index, and a split one, which finds the
    page's product by its id's bucket) as in the twin."""
    from tests.integration.test_search_split import _node, _python, _split_site

    product, queries = PAGE_QUERIES[site]
    index_file = request.getfixturevalue(SHARED[site]) / "search/index.json"
    whole = index_file.read_text(encoding="utf-8")
    manifest, split_worker = _split_site(tmp_path / "split", whole)
    index, docs = searchquery.load(whole)
    assert isinstance(index, searchquery.ShopIndex)
    python = _python(index, docs, queries, product)
    worker = ROOT / "kbgen/theme/assets/kbgen/search-worker.js"
    for shown in (
        _node(index_file, worker, queries, product=product),
        _node(manifest, split_worker, queries, product=product),
    ):
        for query, got, want in zip(queries, shown, python, strict=True):
            assert got == want, query
    # what the catalog says (content/products.yml, examples/zh/content/products.yml)
    told = dict(zip(queries, python, strict=True))
    if site == "demo":
        assert told["does the aqua xl filter fit"]["cards"] == [["no", "aqua-xl-filter aero-one"]]
        assert told["does the tamper work with it"]["cards"] == [["yes", "tamper-58 aero-one"]]
        assert told["does the grinder fit"]["which"] == [["grindline-g40", "trek-hand-grinder"]]
        assert told["does the aqua filter fit the aero duo"]["cards"] == [["no", "aqua-filter aero-duo"]]
        assert told["pico machine"]["ids"][0] == "pico-espresso"
        for query in ("does the aero fit", "how does the aqua xl filter work", "aqua xl"):
            assert told[query]["cards"] == told[query]["which"] == [], query
        # the fit word said of the dishwasher, of cold water: no card; of the tank (the Aero
        # One's, its summary says), of "it", of nothing in its clause, of "together": the card
        for query in (
            "will the aqua xl filter work in the dishwasher",
            "does the aqua xl filter fit in the dishwasher",
            "can I use the tamper with cold water",
        ):
            assert told[query]["cards"] == told[query]["which"] == [], query
        for query in (
            "does the aqua xl filter fit the tank",
            "can I use it with the aqua xl filter",
            "does the aqua xl fit, and how do I install it",
            "does the aqua xl filter fit this model",
            "will the aqua xl work with my model",
        ):
            assert told[query]["cards"] == [["no", "aqua-xl-filter aero-one"]], query
        assert told["will the tamper work together"]["cards"] == [["yes", "tamper-58 aero-one"]]
        # a long name between "use" and "with"; the kettle said to work: no card
        assert told["can I use the aqua xl filter cartridge 2 pack with it"]["cards"] == [
            ["no", "aqua-xl-filter aero-one"]
        ]
        assert told["will my kettle work with the aqua xl filter"]["cards"] == []
        assert told["will this filter work"]["which"] == [["aqua-filter", "aqua-xl-filter"]]
    else:
        assert told["茶濾適合嗎"]["cards"] == [["yes", "tea-strainer gaiwan"]]
        assert told["杯能用吗"]["which"] == [["celadon-cups", "fair-cup"]]
        assert told["盖碗能用吗"]["cards"] == told["茶滤"]["cards"] == []
        # 能用 / 适合 said of the dishwasher, of which tea, of children, of how long, of the
        # outdoors: no card
        for query in (
            "茶滤能用洗碗机洗吗", "茶濾能用洗碗機洗嗎", "茶滤适合什么茶", "茶濾適合什麼茶",
            "茶滤能给孩子用吗", "茶滤可以用多久", "茶滤能用在户外吗",
        ):  # fmt: skip
            assert told[query]["cards"] == told[query]["which"] == [], query
        # said of nothing but "this one" (这个, 这款产品), the strainer itself, "not" or "in the
        # gaiwan" (用在盖碗里): the card
        for query in (
            "茶滤适合这个吗", "茶濾適合這個嗎", "能用茶滤吗", "茶滤能用不",
            "茶滤适合这款产品吗", "茶濾適合這款產品嗎", "茶滤能用在盖碗里吗",
        ):  # fmt: skip
            assert told[query]["cards"] == [["yes", "tea-strainer gaiwan"]], query
        # the dishwasher said to use the strainer (words before the fit word): no card
        for query in ("洗碗机能用茶滤吗", "洗碗機能用茶濾嗎"):
            assert told[query]["cards"] == told[query]["which"] == [], query
        assert told["这个杯能用吗"]["which"] == [["celadon-cups", "fair-cup"]]


def test_a_first_letter_waits_and_a_one_letter_term_is_answered_in_the_worker_and_python(
    tmp_path: Path,
) -> None:
    """A first letter being typed that finds nothing waits for the next ({wait: "letter"}: the
    page says to type one more letter, never "No results"); a one-letter word that is a term
    (a product "X") is answered, and so is a single Chinese character, in either script. The
    worker and the twin agree."""
    from kbgen.core.model import Entry, KnowledgeBase
    from kbgen.search import index as search
    from tests.unit.test_search_vocabulary import STAGES, ZH

    node = shutil.which("node")
    assert node, "node is needed for the JavaScript side"
    en = KnowledgeBase(STAGES, tuple(Entry(i, q, "before", s, "", f"{i}.md") for i, q, s in [
        ("x-battery", "How long does the X battery last?", "About two days of use."),
        ("pay", "How do I pay?", "By card or bank transfer."),
        ("prices", "Where are prices shown?", "On each product page."),
    ]), ())  # fmt: skip
    wanted: dict[str, list[KnowledgeBase | str | None]] = {
        "en": [en, "p", None, "x", "x-battery", "p ", "", "pay p", "pay", "how do i p", None],
        "zh": [ZH, "芬", "finland", "貨", "currencies", "捐", "pledges", "p", None],
    }
    for lang, (kb, *cases) in wanted.items():
        assert isinstance(kb, KnowledgeBase)
        urls = {e.id: f"q/{e.id}/" for e in kb.entries}
        index_file = tmp_path / f"{lang}.json"
        index_file.write_text(search.index_json(kb, urls, options=search.SearchOptions()), encoding="utf-8")
        queries = [str(q) for q in cases[::2]]
        answers = _worker(node, index_file, queries)
        index, docs = searchquery.load(index_file.read_text(encoding="utf-8"))
        for query, first, got in zip(queries, cases[1::2], answers, strict=True):
            python = searchquery.answer(index, query, 10)
            if first is None:  # waits: nothing shown, not "No results"
                assert got == {"wait": "letter"} and python.wait and not python.hits, (lang, query)
            elif first == "":  # a whole one-letter word: no results
                assert got["ids"] == [] and not python.wait, (lang, query)
            else:
                assert got["ids"][0] == first and not python.wait, (lang, query)
                assert got["ids"] == [docs[h.ref][0] for h in python.hits], (lang, query)


def test_a_host_whose_name_joins_digits_and_letters_names_its_accessory_in_the_worker(tmp_path: Path) -> None:
    """A host named "Pi 4B" (4b written as one word) and two cases, "Pi 4 Case" and "Pi 5 Case":
    "pi 4b case" is the Pi 4 Case (the host's 4b read as 4 b, shop.Namer._owner's _pieces), in
    the worker as in the twin. The worker's naming helper once had the name of another function
    of the worker (a highlight's pieces), which replaced it: the worker asked "which one?"."""
    import yaml

    node = shutil.which("node")
    assert node, "node is needed for the JavaScript side"
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    catalog = project / "content/products.yml"
    products = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    for pid, name in [("pi-4b", "Pi 4B"), ("pi-4-case", "Pi 4 Case"), ("pi-5-case", "Pi 5 Case")]:
        products.append(
            {"id": pid, "name": name, "summary": f"The {name}.", "url": f"https://shop.example/{pid}"}
        )
    catalog.write_text(yaml.safe_dump(products, sort_keys=False), encoding="utf-8")
    run_kbgen("build", "--site-dir", str(project / "site"), cwd=project, check=True)
    index_file = project / "site/search/index.json"
    queries = ["pi 4b case", "pi 4b's case", "the pi 4b case"]
    queries.append("is the pi 4b case compatible with the pi 5 case")
    answers = _worker(node, index_file, queries)
    index, docs = searchquery.load(index_file.read_text(encoding="utf-8"))
    assert isinstance(index, searchquery.ShopIndex)
    shown = dict(zip(queries, answers, strict=True))
    for query, got in shown.items():
        python = searchquery.answer(index, query, 10)
        assert got["ids"] == [docs[h.ref][0] for h in python.hits], query
        assert got["which"] == [] and python.which == [], query
        assert got["cards"] == [
            [c.verdict, f"{index.products[c.a][0]} {index.products[c.b][0]}"] for c in python.compat
        ], query
    for query in queries[:3]:
        assert shown[query]["ids"][0] == "pi-4-case", query
    # the catalog says nothing of the two cases together
    assert shown[queries[3]]["cards"] == [["unknown", "pi-4-case pi-5-case"]]


def test_a_catalog_of_many_long_aliases_is_answered_alike_by_the_worker_and_the_twin(tmp_path: Path) -> None:
    """A catalog from a pull request with 1,000 products of 16 names each (15 aliases of six
    words: "gizmo 7 mark 3 edition series"), so that a word ("gizmo") is in 16,000 names: the
    worker once intersected such lists in quadratic time, and the accessory rule compared every
    case's names with every start of every host's name (Namer._owner): a query of 14 words took
    2.6 s in Node, now 0.23 s (the helper adv's figures; a time is measured, not asserted:
    the brief keeps speed goals in bench/, not in timed tests). Ten queries (eight of 14 words):
    the worker gives the twin's answers, and the right products."""
    import yaml

    node = shutil.which("node")
    assert node, "node is needed for the JavaScript side"
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "theme", project / "theme")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - kbgen:\n" in config
    config = config.replace("  - kbgen:\n", "  - kbgen:\n      search:\n        split_above: 100000\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    catalog = project / "content/products.yml"
    products = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    for i in range(1, 501):
        for pid, name, alias in [
            (f"h{i}", f"Gizmo {i}", f"gizmo {i} mark {{k}} edition series"),
            (f"c{i}", f"Gizmo {i} Shell", f"gizmo {i} shell mark {{k}} edition"),
        ]:
            aliases = [alias.format(k=k) for k in range(1, 16)]
            products.append({"id": pid, "name": name, "summary": f"{name}.", "url": f"https://s.example/{pid}",
                             "aliases": aliases})  # fmt: skip
    catalog.write_text(yaml.safe_dump(products, sort_keys=False), encoding="utf-8")
    run_kbgen("build", "--site-dir", str(project / "site"), cwd=project, check=True)
    index_file = project / "site/search/index.json"
    long = "gizmo {i} mark 3 edition series shell gizmo {j} mark 3 edition series shell"
    queries = [long.format(i=i, j=i + 1) for i in range(7, 17)]
    queries[1:3] = ["gizmo 8 shell", "gizmo 9 mark 2 edition series"]
    shown = _worker(node, index_file, queries, timeout=300)
    index, docs = searchquery.load(index_file.read_text(encoding="utf-8"))
    assert isinstance(index, searchquery.ShopIndex)
    for query, got in zip(queries[:4], shown, strict=False):
        python = searchquery.answer(index, query, 10)
        assert got["ids"] == [docs[h.ref][0] for h in python.hits], query
        assert got["which"] == [[index.products[p][0] for p in c] for c in python.which], query
    assert shown[1]["ids"][0] == "c8"  # the Gizmo 8 Shell
    assert shown[2]["ids"][0] == "h9"  # the Gizmo 9, by its alias


def _whole_and_split(kb: Any, tmp: Path) -> tuple[Path, Path, Path, Any, Any]:
    """A knowledge base's whole index (written as tmp/whole/index.json) and its split site (tmp/split):
    the whole file, the manifest, the split worker, and the twin's index and documents."""
    from kbgen.search import index as search
    from tests.integration.test_search_split import _split_site

    whole = search.index_json(
        kb, {e.id: f"q/{e.id}/" for e in kb.entries}, {p.id: f"p/{p.id}/" for p in kb.products}
    )
    (tmp / "whole").mkdir()
    index_file = tmp / "whole/index.json"
    index_file.write_text(whole, encoding="utf-8")
    manifest, split_worker = _split_site(tmp / "split", whole)
    index, docs = searchquery.load(whole)
    return index_file, manifest, split_worker, index, docs


def test_a_thing_pointed_at_among_many_supplies_is_answered_alike_in_the_worker(tmp_path: Path) -> None:
    """The catalog of tests/unit/test_search_shop.py (supplies: two boards, 12 power supplies
    in English and 12 in Chinese), whole and split, no site built: on a product's page, "this
    power supply" asks "which one?" of the few supplies the catalog says the board takes, and
    of none when it says nothing of a dozen (the worker once listed all 12), and with another
    board named, of those that board takes (once a card of the two boards); queries of one
    word run over and over, of 30 fit words, and with white space that Python's and JavaScript's
    regular expressions once read differently ("will\\ufeffthis power supply work"), read alike."""
    from tests.integration.test_search_split import WORKER, _node, _python
    from tests.unit.test_search_shop import supplies

    index_file, manifest, split_worker, index, docs = _whole_and_split(supplies(12), tmp_path)
    queries = [
        "can I use this power supply with it", "这个电源可以用吗", "這個電源可以用嗎",
        "does this power supply fit", "will this 5w power supply work", "this power supply",
        "acme 5w usb-c power supply for the board 7",
        "does this " + "acme usb-c power supply " * 6 + "work with it", "这个电源能用" + "电源能用" * 30,
        "is this power supply really compatible", "does it actually fit",
        "can I use this power supply with the acme board 7", "这个电源适合acme board 7吗",
        # white space that is white space only to Python (\x85, \x1f) or only to JavaScript (\ufeff)
        "will\ufeffthis power supply work", "will this power supply\x85work",
        "will\x1fthis power supply work",
    ]  # fmt: skip
    for product in ("board-7", "board-8", "psu-3", ""):
        want = _python(index, docs, queries, product)
        assert _node(index_file, WORKER, queries, product=product) == want, product
        assert _node(manifest, split_worker, queries, product=product) == want, product
        if product == "board-8":
            assert [a["which"] for a in want[:3]] == [[], [], []]
            # the thing pointed at and another board named: about those two
            assert [a["which"] for a in want[-5:-3]] == [[["psu-1", "psu-2"]], [["zh-1", "zh-2"]]]
        if product == "board-7":
            zh = [["zh-1", "zh-2"]]
            assert [a["which"] for a in want[:3]] == [[["psu-1", "psu-2"]], zh, zh]
            assert [a["which"] for a in want[-3:]] == [[["psu-1", "psu-2"]]] * 3


def test_chinese_accessories_for_their_hosts_on_a_page_alike_in_the_worker(tmp_path: Path) -> None:
    """The Chinese boards of tests/unit/test_search_shop.py (BOARDS_ZH), whole and split, no site
    built: 适用于 between a case's noun and its host, a noun pointed at with another board named,
    on the Pi 5's and the Pi 4's pages, in the worker as in the twin."""
    from tests.integration.test_search_split import WORKER, _node, _python
    from tests.unit.test_search_shop import BOARDS_ZH

    index_file, manifest, split_worker, index, docs = _whole_and_split(BOARDS_ZH, tmp_path)
    queries = [
        "外壳适用于树莓派4b", "外壳适用于树莓派4b吗", "外殼適用於樹莓派4B", "树莓派4外壳适合吗",
        "適用於樹莓派4B的外殼", "这个电源能给树莓派4用吗", "這個電源能給樹莓派4用嗎", "这个能给树莓派4用吗",
        "这个电源可以用吗", "4外壳",
    ]  # fmt: skip
    for product in ("pi-5", "pi-4", "psu-27w"):
        want = _python(index, docs, queries, product)
        assert _node(index_file, WORKER, queries, product=product) == want, product
        assert _node(manifest, split_worker, queries, product=product) == want, product
        if product == "pi-5":
            assert [a["cards"] for a in want[:3]] == [[], [], []]
            assert want[5]["which"] == [["psu-27w", "psu-15w"]]  # in catalog order
