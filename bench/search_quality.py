#!/usr/bin/env python3
"""Search quality: success@1, success@5 and MRR@10 of kbgen's search on real FAQ corpora.

Usage:
    python3 bench/search_quality.py [--engines kbgen,material,pagefind] [--corpus NAME] [--misses]

Corpora (from ../shared/corpora, entries imported the way ``kbgen import`` does: the answer's
first sentence is the summary, the whole answer the body):

- ``stackfaq``       125 threads, its 300 paraphrased queries
- ``liberapay-en``, ``liberapay-zh``, ``relay-en``, ``relay-zh``: queries written the way
  shoppers type, in ``bench/queries/*.jsonl``; ``…/para`` (``*-paraphrase.jsonl``) asks in
  other words than the entry's, ``…/long`` (``*-long.jsonl``) with a sentence of context;
  ``…/held`` (``*-heldout.jsonl``, paraphrases and long questions) was written before the ranking
  changes of issue 13's second round and not looked at while tuning them: it is the check;
  ``…/more`` (``*-more.jsonl``, paraphrases and long questions by style) and its held part
  ``…/more-held`` (``*-more-heldout.jsonl``) were written in issue 22's sixth round before any
  ranking was run on them, to choose ranking changes on more than one set
- ``shop-en``, ``shop-zh``: the demo shop (``content/``) and ``examples/zh`` as built by
  ``kbgen build``: product names, product pairs, channel intents (``bench/queries/shop-*.jsonl``).
  A compatibility answer counts as ``compat:A B`` (ids sorted), a channel as ``channel:KEY``:
  the other engines, which have neither, can only score with an entry listed as relevant too.

Engines (``--engines``):

- ``kbgen``: kbgen's query algorithm on the index kbgen ships, run by its Python twin
  (kbgen/searchquery.py with lunr.py; the browser tests check both give the same hits).
- ``kbgen-browser``: the same, on a built kbgen site in headless Chromium (slower; a check).
- ``material``: Material for MkDocs' default search on a plain MkDocs + Material site of the
  same pages (one page per entry: question as title, then summary and answer), typed into its
  search box in headless Chromium. Chinese uses the ``separator`` kbgen's Chinese example had.
- ``pagefind``: Pagefind (``pip install "pagefind[extended]"``) indexing that site's articles,
  queried with its own pagefind.js in headless Chromium.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search_sites as sites  # noqa: E402
from kbgen.authoring.importer import first_sentence  # noqa: E402
from kbgen.search import index as search  # noqa: E402
from kbgen.search import query as searchquery  # noqa: E402

_SHARED = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]  # beside the checkout or its worktrees
CORPORA = next((d / "corpora" for d in _SHARED if (d / "corpora").is_dir()), _SHARED[0] / "corpora")
QUERIES = ROOT / "bench" / "queries"


@dataclass(frozen=True)
class Corpus:
    name: str
    docs: list[search.SearchDoc]
    queries: list[tuple[str, str, set[str]]]
    chinese: bool
    site: Path | None = None
    """A kbgen project (mkdocs.yml) whose built index kbgen is measured on."""


def _doc(entry_id: str, question: str, answer: str) -> search.SearchDoc:
    return search.SearchDoc(
        id=entry_id,
        question=question,
        summary=first_sentence(answer) or answer[:200],
        stage="faq",
        url=f"questions/{entry_id}/",
        body=answer,
    )


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_corpora() -> list[Corpus]:
    found = []
    stack = _jsonl(CORPORA / "stackfaq" / "faq.jsonl")
    found.append(
        Corpus(
            "stackfaq",
            [_doc(str(r["id"]), str(r["question"]), "\n\n".join(r["answers"])) for r in stack],  # type: ignore[arg-type]
            [
                (str(q["qid"]), str(q["query"]), set(q["relevant"]))  # type: ignore[arg-type]
                for q in _jsonl(CORPORA / "stackfaq" / "queries.jsonl")
            ],
            False,
        )
    )
    for corpus, folder, langs in [
        ("liberapay", "liberapay-faq", {"en": "en", "zh": "zh-Hans"}),
        ("relay", "firefox-relay-faq", {"en": "en", "zh": "zh-CN"}),
    ]:
        rows = _jsonl(CORPORA / folder / "faq.jsonl")
        for short, lang in langs.items():
            docs = [
                _doc(str(r["id"]), str(r["question"]), str(r["answer"])) for r in rows if r["lang"] == lang
            ]
            sets = (
                ("", ""), ("-paraphrase", "/para"), ("-long", "/long"), ("-heldout", "/held"),
                ("-more", "/more"), ("-more-heldout", "/more-held"),
            )  # fmt: skip
            for suffix, label in sets:
                queries = _queries(f"{corpus}-{short}{suffix}")
                found.append(Corpus(f"{corpus}-{short}{label}", docs, queries, short == "zh"))
    for name, config in (("shop-en", ROOT / "mkdocs.yml"), ("shop-zh", ROOT / "examples/zh/mkdocs.yml")):
        found.append(Corpus(name, _project_docs(config), _queries(name), name == "shop-zh", config))
    for catalog, lang in CATALOGS:
        config = ROOT / "bench" / "catalogs" / catalog / "mkdocs.yml"
        docs = _project_docs(config)
        name = catalog if catalog.endswith("-" + lang) else f"{catalog}-{lang}"
        for suffix, label in CATALOG_SETS:
            if (QUERIES / f"{name}{suffix}.jsonl").is_file():
                queries = _queries(f"{name}{suffix}")
                found.append(Corpus(f"{name}{label}", docs, queries, lang == "zh", config))
    return found


CATALOGS = (("arduino", "en"), ("raspberrypi", "en"), ("raspberrypi-zh", "zh"))
"""Real product catalogs made into help centers (``bench/catalogs/``, issue 22), each with
shopper queries by style (``name``, ``fit``, ``para``, ``long``) and a held-out part; the
second round's (``*-words*.jsonl``, and all of ``raspberrypi-zh``) add ``everyday`` (a
shopper's everyday word for the writer's: "plug" for a power supply, "the red dot" for an
LED), ``filler`` (long questions padded with polite filler) and Chinese head nouns with
demonstratives and measure words ("这个散热器"). A query with ``"page"`` (a product id) is
asked on that product's page, as the shop widget asks it (:func:`on_page`)."""
CATALOG_SETS = (("", ""), ("-heldout", "/held"), ("-words", "/words"), ("-words-heldout", "/words-held"))


def _queries(name: str) -> list[tuple[str, str, set[str]]]:
    """A query set's (id|style, query, relevant ids). A query asked on a product's page (the
    shop widget's, ``"page"``: the product's id) is passed as :data:`ON_PAGE` + id + the
    query: kbgen's engines read it so, the others (which have no page context) get the query."""
    return [
        (
            f"{q['qid']}|{q.get('style', '')}",
            f"{ON_PAGE}{q['page']}{ON_PAGE}{q['query']}" if q.get("page") else str(q["query"]),
            set(q["relevant"]),  # type: ignore[arg-type]
        )
        for q in _jsonl(QUERIES / f"{name}.jsonl")
    ]


ON_PAGE = "\x00"


def on_page(query: str) -> tuple[str, str]:
    """The product page (id, or "") and the query of a query set's query (:func:`_queries`)."""
    if query.startswith(ON_PAGE):
        _, page, query = query.split(ON_PAGE, 2)
        return page, query
    return "", query


def _project_docs(config: Path) -> list[search.SearchDoc]:
    """A kbgen project's entries and product pages as the other engines' pages."""
    from kbgen.mkdocs.project import Project

    kb = Project.open(config).load()
    urls = {e.id: f"questions/{e.id}/" for e in kb.entries}
    return search.documents(kb, urls, {p.id: f"products/{p.id}/" for p in kb.products})


Engine = Callable[[Corpus], Callable[[str], list[str]]]


def kbgen_engine(corpus: Corpus) -> Callable[[str], list[str]]:
    if corpus.site is not None:
        return _kbgen_site_engine(corpus.site)
    # The body as kbgen build reads it: Markdown headings apart, link targets and tags left out;
    # the shopper thesaurus as the build applies it.
    built = [replace(d, headings=h, body=b) for d in corpus.docs for h, b in [search.markdown_text(d.body)]]
    docs_in = search.with_synonyms(built)
    # the everyday table as a build ships it (kbgen/search/everyday.py)
    extra = search.everyday_table(docs_in, search.SearchOptions().everyday)
    loaded, docs = searchquery.load(search.serialize(docs_in, shop_data=extra))
    return lambda q: [docs[h.ref][0] for h in searchquery.search(loaded, q, 10)]


def _kbgen_site_engine(config: Path) -> Callable[[str], list[str]]:
    """kbgen on the index ``kbgen build`` ships for a project: compatibility answers and
    channels first (as the search page shows them), then the results."""
    import subprocess
    import tempfile

    if config in _BUILT:
        return _BUILT[config]
    out = Path(tempfile.mkdtemp(prefix="kbgen-quality-")) / "site"
    subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "-f", str(config), "-d", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    loaded, docs = searchquery.load((out / "search/index.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, searchquery.ShopIndex)

    def run(q: str) -> list[str]:
        page, q = on_page(q)
        got = searchquery.answer(loaded, q, 10, product=page)
        pairs = [sorted([loaded.products[c.a][0], loaded.products[c.b][0]]) for c in got.compat]
        cards = ["compat:" + " ".join(pair) for pair in pairs]
        which = [
            "which:" + " ".join(sorted(loaded.products[p][0] for p in choice))
            for choice in getattr(got, "which", ())
        ]
        ids = [docs[h.ref][0] for h in got.hits]
        lead = getattr(got, "lead", 0)
        return ids[:lead] + which + cards + [f"channel:{k}" for k in got.channels] + ids[lead:]

    run.pages = True  # type: ignore[attr-defined]
    _BUILT[config] = run
    return run


_BUILT: dict[Path, Callable[[str], list[str]]] = {}


def kbgen_browser_engine(corpus: Corpus) -> Callable[[str], list[str]]:
    root = sites.OUT / f"quality-{corpus.name}-kbgen"
    sites.write_kbgen_site(corpus.docs, root, chinese=corpus.chinese)
    return sites.kbgen_browser_searcher(sites.serve(sites.build(root, kbgen=True)))


def _plain_site(corpus: Corpus) -> str:
    if corpus.name not in _PLAIN:
        root = sites.write_material_site(
            corpus.docs, sites.OUT / f"quality-{corpus.name}-plain", chinese=corpus.chinese
        )
        _PLAIN[corpus.name] = sites.serve(sites.build(root, kbgen=False, pagefind=True))
    return _PLAIN[corpus.name]


_PLAIN: dict[str, str] = {}


def material_engine(corpus: Corpus) -> Callable[[str], list[str]]:
    return sites.material_browser_searcher(_plain_site(corpus))


def pagefind_engine(corpus: Corpus) -> Callable[[str], list[str]]:
    return sites.pagefind_browser_searcher(_plain_site(corpus))


ENGINES: dict[str, Engine] = {
    "kbgen": kbgen_engine,
    "kbgen-browser": kbgen_browser_engine,
    "material": material_engine,
    "pagefind": pagefind_engine,
}


@dataclass
class Score:
    s1: float
    s5: float
    mrr: float
    n: int
    misses: list[tuple[str, list[str]]]
    styles: dict[str, list[float]] = field(default_factory=dict)
    """Style → [s@1, s@5, MRR, n] of the queries with that style."""


def evaluate(run: Callable[[str], list[str]], queries: Sequence[tuple[str, str, set[str]]]) -> Score:
    s1 = s5 = mrr = 0.0
    misses = []
    styles: dict[str, list[float]] = {}
    for qid, query, relevant in queries:
        ids = run(query if getattr(run, "pages", False) else on_page(query)[1])[:10]
        rank = next((i for i, d in enumerate(ids) if d in relevant), None)
        got = [0.0, 0.0, 0.0, 1.0]
        if rank is not None:
            got = [float(rank == 0), float(rank < 5), 1 / (rank + 1), 1.0]
            s1 += got[0]
            s5 += got[1]
            mrr += got[2]
        style = qid.partition("|")[2]
        if style:
            into = styles.setdefault(style, [0.0, 0.0, 0.0, 0.0])
            for k in range(4):
                into[k] += got[k]
        if rank is None or rank > 0:
            misses.append((query.replace(ON_PAGE, "|", 2).lstrip("|"), ids[:3]))
    n = len(queries)
    return Score(s1 / n, s5 / n, mrr / n, n, misses, styles)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engines", default="kbgen,material,pagefind")
    parser.add_argument("--corpus", action="append", help="only this corpus (repeatable)")
    parser.add_argument(
        "--misses", action="store_true", help="list the queries each engine did not answer first"
    )
    args = parser.parse_args()
    engines = args.engines.split(",")
    corpora = [c for c in load_corpora() if not args.corpus or c.name in args.corpus]
    header = "  ".join(f"{e + ' s@1 / s@5 / MRR@10':<32}" for e in engines)
    print(f"{'corpus':<14} {'queries':>7}  {header}")
    totals: dict[str, dict[str, list[float]]] = {}
    for corpus in corpora:
        cells = []
        for name in engines:
            try:
                start = time.perf_counter()
                score = evaluate(ENGINES[name](corpus), corpus.queries)
                took = time.perf_counter() - start
            except ModuleNotFoundError as exc:
                cells.append(f"{'missing: ' + str(exc.name):<32}")
                continue
            cells.append(f"{score.s1:6.1%} / {score.s5:6.1%} / {score.mrr:5.3f} ({took:4.1f}s) ")
            lang = "zh" if corpus.chinese else "en"
            t = totals.setdefault(f"{name}-{lang}", {"s1": [], "s5": [], "mrr": []})
            t["s1"] += [score.s1] * score.n
            t["s5"] += [score.s5] * score.n
            t["mrr"] += [score.mrr] * score.n
            if args.misses:
                for query, top in score.misses:
                    print(f"  {name} miss {corpus.name}: {query!r} → {top}")
        print(f"{corpus.name:<14} {len(corpus.queries):>7}  " + "  ".join(cells))
        if engines == ["kbgen"] and score.styles:
            for style, (a, b, c, k) in score.styles.items():
                print(f"  {style:<12} {int(k):>7}  {a / k:6.1%} / {b / k:6.1%} / {c / k:5.3f}")
    print()
    for key, t in sorted(totals.items()):
        n = len(t["s1"])
        print(
            f"{key:<14} {n:>7}  s@1 {sum(t['s1']) / n:6.1%}  s@5 {sum(t['s5']) / n:6.1%}  "
            f"MRR@10 {sum(t['mrr']) / n:5.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
