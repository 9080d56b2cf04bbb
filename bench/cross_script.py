#!/usr/bin/env python3
"""Cross-script search: the same queries typed in the other Chinese script give the same top 5.

Usage:
    python3 bench/cross_script.py [--show N]

The Simplified Chinese FAQ corpora in ../shared/corpora (Liberapay zh-Hans, Firefox Relay zh-CN)
are converted to Traditional Chinese (Taiwan) with OpenCC's ``s2twp``, as ``kbgen translate``
does. Both versions are indexed the way ``kbgen build`` does and searched with kbgen's query
algorithm (its Python twin; the browser tests check the worker ranks the same). Every query of
``bench/queries/{liberapay,relay}-zh*.jsonl`` is then typed in the other script:

- ``s2t``: the same words in Traditional characters (a reader in Hong Kong or Taiwan typing
  the characters they use);
- ``s2twp``: converted with Taiwan's phrases as well (打印 → 列印, 信息 → 資訊): folding only
  characters cannot match a different word, so agreement is lower here, honestly.

For each case it prints the share of queries whose top 5 (in order) equals the reference: the
Simplified query on the Simplified index. With ``fold off`` the same figures for kbgen without
folding (Traditional text indexed as written), side by side. It also prints what the browser
downloads for folding: the whole table, and the pairs each index carries, raw and gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc_purepy  # noqa: E402

from bench.search_quality import CORPORA, QUERIES, _doc, _jsonl  # noqa: E402
from kbgen.search import fold  # noqa: E402
from kbgen.search import index as search  # noqa: E402
from kbgen.search import query as searchquery  # noqa: E402
from kbgen.search import terms as tokenize  # noqa: E402

TOP = 5
SETS = ("", "-paraphrase", "-long", "-heldout")
CORPUS_FILES = {"liberapay": ("liberapay-faq", "zh-Hans"), "relay": ("firefox-relay-faq", "zh-CN")}


def corpus_docs(name: str, convert: Callable[[str], str] | None) -> list[search.SearchDoc]:
    folder, lang = CORPUS_FILES[name]
    rows = [r for r in _jsonl(CORPORA / folder / "faq.jsonl") if r["lang"] == lang]
    c = convert or (lambda text: text)
    return [_doc(str(r["id"]), c(str(r["question"])), c(str(r["answer"]))) for r in rows]


def index_text(docs: Sequence[search.SearchDoc]) -> str:
    built = [replace(d, headings=h, body=b) for d in docs for h, b in [search.markdown_text(d.body)]]
    return search.serialize(search.with_synonyms(built))


def searcher(text: str) -> Callable[[str], list[str]]:
    loaded, docs = searchquery.load(text)
    return lambda q: [docs[h.ref][0] for h in searchquery.search(loaded, q, 10)][:TOP]


@contextmanager
def folding(on: bool) -> Iterator[None]:
    """kbgen as built, or with folding switched off (for the side-by-side figures)."""
    saved = tokenize.fold
    if not on:
        tokenize.fold = lambda text: text  # type: ignore[assignment]
    tokenize.stem.cache_clear()
    try:
        yield
    finally:
        tokenize.fold = saved


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9, mtime=0))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--show", type=int, default=0, help="print up to N disagreements per case")
    args = parser.parse_args()
    s2t = opencc_purepy.OpenCC("s2t").convert
    s2twp = opencc_purepy.OpenCC("s2twp").convert
    cases = {
        "S query → T index (s2t)": ("hant", s2t, False),
        "T query → S index (s2t)": ("hans", s2t, True),
        "T query → T index (s2t)": ("hant", s2t, True),
        "S query → T index (s2twp)": ("hant", s2twp, False),
        "T query → S index (s2twp)": ("hans", s2twp, True),
    }
    totals: dict[tuple[str, bool], list[int]] = {}
    sizes = []
    for name in CORPUS_FILES:
        queries = [str(q["query"]) for s in SETS for q in _jsonl(QUERIES / f"{name}-zh{s}.jsonl")]
        for on in (True, False):
            with folding(on):
                hans_text = index_text(corpus_docs(name, None))
                reference = searcher(hans_text)
                for conv_name, conv in (("s2t", s2t), ("s2twp", s2twp)):
                    hant_text = index_text(corpus_docs(name, conv))
                    if on and conv_name == "s2twp":
                        sizes.append((name, hans_text, hant_text))
                    indexes = {"hans": reference, "hant": searcher(hant_text)}
                    for label, (which, case_conv, convert_query) in cases.items():
                        if case_conv is not conv:
                            continue
                        run = indexes[which]
                        same = 0
                        shown = 0
                        for q in queries:
                            want = reference(q)
                            got = run(conv(q) if convert_query else q)
                            same += got == want
                            if got != want and on and shown < args.show:
                                shown += 1
                                print(f"  {name} {label}: {q!r} / {conv(q)!r}: {want} ≠ {got}")
                        t = totals.setdefault((label, on), [0, 0])
                        t[0] += same
                        t[1] += len(queries)
    print(f"Same top {TOP} as the Simplified query on the Simplified index "
          "(Liberapay + Relay, all zh query sets):")  # fmt: skip
    print(f"{'case':<28} {'fold on (kbgen)':>18} {'fold off':>18}")
    for label in cases:
        cells = []
        for on in (True, False):
            same, n = totals[(label, on)]
            cells.append(f"{same:>4}/{n:<4} {same / n:6.1%}")
        print(f"{label:<28} {cells[0]:>18} {cells[1]:>18}")
    print()
    whole = fold.pairs_all()
    print("Fold table the browser needs (pairs 'TS', UTF-8; gzip -9):")
    size = f"{len(whole.encode()):>7} B {gz(whole):>7} B gz"
    print(f"{'whole OpenCC table':<34} {len(fold.table()):>5} pairs {size}")
    for name, hans_text, hant_text in sizes:
        for label, text in (("zh-Hans", hans_text), ("zh-Hant", hant_text)):
            pairs = json.loads(text).get("fold", "")
            print(
                f"{name + ' ' + label + ' index carries':<34} {len(pairs) // 2:>5} pairs "
                f"{len(pairs.encode()):>7} B {gz(pairs):>7} B gz  (index {gz(text):>6} B gz)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
