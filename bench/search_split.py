#!/usr/bin/env python3
"""The split search index (issue 20): bytes per query and the one-file threshold, side by side.

Usage: python3 bench/search_split.py [--entries 1000 10000] [--products-per-entry 0.5]
                                     [--queries N] [--old REF] [--held FILE]

For each size, a help center of generated entries and products (``bench/build_time.py`` and
``bench/products_scale.py``'s generators, made in memory: no MkDocs build) is indexed whole
(``kbgen.search.index``) and split (``kbgen.search.shards.split``), then every query of
``tests/integration/test_search_split.py``'s fixed list runs in a fresh copy of the browser's
worker in Node (``tests/node/worker_parity.cjs``: nothing cached), which counts the files it
fetches, their gzipped bytes and the round trips ("waves") before the answer. Printed:

- the whole index gzipped, the split manifest and lengths file gzipped (both fetched before
  any query: the worker fetches the lengths file as soon as the manifest came), the number of
  split files;
- per query: gzipped bytes after the manifest and lengths (median, p95, max) and round trips;
- seconds to index and to split;
- the time to the first result on Lighthouse's Slow 4G (150 ms round trip, 1.6 Mbit/s) as
  computed from those bytes: one file costs one round trip and its bytes; split costs the
  manifest's and the lengths file's round trips and bytes (counted as if the query came
  before either had arrived: the worst case), then one round trip per wave and the query's bytes.
  ``shards.SPLIT_ABOVE`` is where the two cross (the README says which size that is).

With ``--old REF`` the same whole index is also split by commit REF's kbgen/search/shards.py and
searched by REF's worker (its search-worker.js and search-shards.js), in the same run: a line
each. ``--held FILE`` (one query a line, ``#`` comments; e.g.
bench/queries/split-roundtrip-heldout.txt) also runs a held-out query set and prints its round
trips as totals only, never query by query. The deploy: the split files and the manifest, their
number and gzipped megabytes. ``--probes`` also runs, on each side, many-word queries of
companion terms (the manifest's ``pairs``; round trips and bytes as totals): each two of the
first 20 that are their own stem and longer than 3 letters (``pair_queries``), each three of the
first 9 of them, and three words as a shopper takes them from a question: the first three
companion words of every 7th document's question, as written (84 queries, ``question_triples``).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generated_kb import generated_kb  # noqa: E402
from search_warm import at_commit, scripts  # noqa: E402

from kbgen.search import index as search  # noqa: E402
from kbgen.search import shards  # noqa: E402
from kbgen.search import terms as tokenize  # noqa: E402
from tests.integration.test_search_split import GENERATED_QUERIES, pair_queries  # noqa: E402

RTT_S = 0.150
DOWN_BPS = 1.6e6 / 8
LONG_QUESTIONS = [
    "Hi, my grinder makes a strange noise since last week and the frother stopped foaming, can you help me",
    "Hi, my grinder makes a strange noise since last week and the frother stopped foaming, can you help me?",
    "Hi, my grinder makes a strange noise since last week and the frother stopped fo",
    "I ordered a coffee machine two weeks ago and it still has not arrived, what do I do",
    "Hello, the water tank of my espresso machine leaks a little every morning, is that covered by the"
    " warranty?",
    "My parcel was delivered to the wrong address and the tracking says it was signed for, what can I do",
    "I would like to return the grinder I bought last month because it is too loud, how do I do it",
    "Can you tell me if the milk frother works with oat milk and how to clean it after use",
    "We paid with klarna but the order was cancelled and we still have not got our money back, can you check",
    "the descaling light stays on even after I ran the descaling program twice, is my machine broken or",
]  # fmt: skip
"""Long questions as a shopper pastes them (written before any was searched; reported as totals
only): some end with a short word and no "?", one is cut mid-word as the box's maxlength cuts."""


def companion_words(manifest_text: str, count: int) -> list[str]:
    """The first ``count`` companion terms that are their own stem and longer than 3 letters."""
    two = pair_queries(manifest_text, count)
    words = [two[0].split()[0]] + [q.split()[1] for q in two[: count - 1]]
    return words


def question_triples(manifest_text: str, whole: str, count: int = 84) -> list[str]:
    """Three words as a shopper takes them from a question: the first three companion words (as
    written) of every 7th document's question, ``count`` distinct queries."""
    manifest = json.loads(manifest_text)
    terms = shards.front_decode(manifest["terms"])
    companions, t = set(), -1
    for gap in manifest["pairs"][2]:
        t += gap
        companions.add(terms[t])
    docs = json.loads(whole)["docs"]
    out: list[str] = []
    for ref in range(0, len(docs), 7):
        picked, stems = [], set()
        for word in docs[ref][1].rstrip("?").split():
            found = tokenize.terms(word)
            if len(found) == 1 and found[0] in companions and found[0] not in stems and len(word) > 2:
                picked.append(word.lower())
                stems.add(found[0])
        query = " ".join(picked[:3])
        if len(picked) >= 3 and query not in out:
            out.append(query)
        if len(out) == count:
            break
    return out


def probe_sets(manifest_text: str, whole: str) -> list[tuple[str, list[str]]]:
    """(name, queries) of --probes."""
    nine = companion_words(manifest_text, 9)
    three = [" ".join(words) for words in itertools.combinations(nine, 3)]
    return [
        ("two companion words", pair_queries(manifest_text, 20)),
        ("three companion words", three),
        ("three words of a question", question_triples(manifest_text, whole)),
    ]


def per_query(manifest: Path, worker: Path, queries: list[str]) -> list[dict[str, Any]]:
    """Each query's answer and stats, each in a new worker (fresh: nothing fetched before it but
    the manifest and the lengths file)."""
    done = subprocess.run(
        ["node", str(ROOT / "tests/node/worker_parity.cjs")],
        input=json.dumps(
            {"index": str(manifest), "worker": str(worker), "queries": queries, "stats": True, "fresh": True}
        ),
        capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    return list(json.loads(done.stdout))


def old_side(ref: str) -> tuple[Any, str]:
    """Commit ``ref``'s shards module and its split worker's text."""
    module = types.ModuleType("old_shards")
    module.__dict__["__file__"] = str(ROOT / "kbgen/search/shards.py")
    source = at_commit(ref, "kbgen/search/shards.py")
    exec(compile(source, f"{ref}:kbgen/search/shards.py", "exec"), module.__dict__)
    return module, scripts(ref, True)[shards.WORKER]


def run_side(
    module: Any, worker_text: str, whole: str, sets: list[list[str]], probes: bool = False
) -> tuple[str, dict[str, str], float, list[list[dict[str, Any]]]]:
    """(manifest, files, split seconds, answers of each query set, then of each probe set) of
    one side."""
    t0 = time.perf_counter()
    manifest_text, files = module.split(json.loads(whole))
    split_s = time.perf_counter() - t0
    if probes:
        sets = sets + [queries for _, queries in probe_sets(manifest_text, whole)]
    tmp = Path(tempfile.mkdtemp(prefix="kbgen-split-"))
    try:
        (tmp / "s").mkdir()
        (tmp / "index.json").write_text(manifest_text, encoding="utf-8")
        for name, text in files.items():
            (tmp / "s" / name).write_text(text, encoding="utf-8")
        worker = tmp / "search-worker.js"
        worker.write_text(worker_text, encoding="utf-8")
        answers = [per_query(tmp / "index.json", worker, queries) if queries else [] for queries in sets]
    finally:
        shutil.rmtree(tmp)
    return manifest_text, files, split_s, answers


def trips(answers: list[dict[str, Any]]) -> str:
    waves = [a["stats"]["waves"] for a in answers if "wait" not in a]
    return f"{waves.count(1)} / {waves.count(2)} / {sum(w >= 3 for w in waves)}"


def kb_(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--products-per-entry", type=float, default=0.5)
    parser.add_argument("--queries", type=int, default=len(GENERATED_QUERIES))
    parser.add_argument("--old", help="also split and search as this commit does, in the same run")
    parser.add_argument("--held", type=Path, help="a held-out query file: round trips as totals only")
    parser.add_argument("--probes", action="store_true", help="also many-word queries of companion terms")
    args = parser.parse_args()
    queries = GENERATED_QUERIES[: args.queries]
    held = []
    if args.held:
        lines = args.held.read_text(encoding="utf-8").splitlines()
        held = [q.strip() for q in lines if q.strip() and not q.startswith("#")]
    theme_worker = ROOT / "kbgen/theme/assets/kbgen/search-worker.js"
    sides = [("new", shards, shards.worker_script(theme_worker.read_text(encoding="utf-8")))]
    if args.old:
        sides.insert(0, (f"old {args.old}", *old_side(args.old)))
    rows = []
    longs: list[tuple[str, int, list[dict[str, Any]]]] = []
    probed: list[tuple[str, int, str, list[dict[str, Any]]]] = []
    for n in args.entries:
        kb = generated_kb(n, int(n * args.products_per_entry))
        urls = {e.id: f"questions/{e.id}/" for e in kb.entries}
        t0 = time.perf_counter()
        whole = search.index_json(kb, urls, {p.id: f"products/{p.id}/" for p in kb.products})
        t1 = time.perf_counter()
        for label, module, worker_text in sides:
            manifest_text, files, split_time, (answers, held_answers, long_answers, *more) = run_side(
                module, worker_text, whole, [queries, held, LONG_QUESTIONS], args.probes
            )
            if args.probes:
                names = [name for name, _ in probe_sets(manifest_text, whole)]
                probed += [(label, n, name, got) for name, got in zip(names, more, strict=True)]
            longs.append((label, n, long_answers))
            gz = shards.gz_size(manifest_text) + sum(shards.gz_size(t) for t in files.values())
            figures = row(n, kb, whole, manifest_text, files, answers, t1 - t0, split_time, label)
            rows.append((*figures, (len(files) + 1, gz), trips(held_answers) if held else ""))
    print(f"{len(queries)} queries each (tests/integration/test_search_split.py), a fresh worker per query")
    if held:
        print(f"held-out: {len(held)} queries of {args.held} (totals only)")
    print()
    head = (
        "side", "entries", "products", "whole index", "manifest", "lengths", "files",
        "per query median / p95 / max", "round trips 1 / 2 / 3+", "waits", "index s", "split s",
        "Slow 4G: one file", "split median / p95",
        "deploy files / gz MB", *(["held-out round trips 1 / 2 / 3+"] if held else []),
    )  # fmt: skip
    print(" | ".join(head))
    for (label, n, p, whole_gz, manifest_gz, lengths_gz, nfiles, sizes, waves, waits, ti, ts, one, split_s,
         deploy, held_trips) in rows:  # fmt: skip
        p95 = sizes[int(0.95 * (len(sizes) - 1))]
        trip = f"{waves.count(1)} / {waves.count(2)} / {sum(w >= 3 for w in waves)}"
        split_q = sorted(split_s)
        print(" | ".join([
            label, f"{n:,}", f"{p:,}", kb_(whole_gz), kb_(manifest_gz), kb_(lengths_gz), str(nfiles),
            f"{kb_(statistics.median(sizes))} / {kb_(p95)} / {kb_(sizes[-1])}", trip, str(waits),
            f"{ti:.1f}", f"{ts:.1f}", f"{one:.2f} s",
            f"{statistics.median(split_q):.2f} / {split_q[int(0.95 * (len(split_q) - 1))]:.2f} s",
            f"{deploy[0]:,} / {deploy[1] / 1e6:.2f}", *([held_trips] if held else []),
        ]))  # fmt: skip
    print()
    print(f"{len(LONG_QUESTIONS)} long pasted questions (LONG_QUESTIONS, totals only), a fresh worker each")
    print("side | entries | waits | answered: bytes total / max | over 60 KB | round trips 1 / 2 / 3+")
    for label, n, got in longs:
        shown = [a for a in got if "wait" not in a]
        sizes = [a["stats"]["bytes"] for a in shown]
        print(" | ".join([
            label, f"{n:,}", str(len(got) - len(shown)),
            f"{kb_(sum(sizes))} / {kb_(max(sizes, default=0))}", str(sum(b > 60 * 1024 for b in sizes)),
            trips(shown),
        ]))  # fmt: skip
    if probed:
        print()
        print("--probes: a fresh worker each (totals)")
        print("side | entries | queries | round trips 1 / 2 / 3+ | bytes median / max")
        for label, n, name, got in probed:
            shown = [a for a in got if "wait" not in a]
            sizes = sorted(a["stats"]["bytes"] for a in shown)
            print(" | ".join([
                label, f"{n:,}", f"{name} ({len(got)})", trips(shown),
                f"{kb_(statistics.median(sizes))} / {kb_(sizes[-1])}" if sizes else "-",
            ]))  # fmt: skip
    return 0


def row(
    n: int,
    kb: Any,
    whole: str,
    manifest_text: str,
    files: dict[str, str],
    answers: list[dict[str, Any]],
    index_s: float,
    split_time: float,
    label: str,
) -> tuple[Any, ...]:
    """One side's figures (printed by main)."""
    whole_gz = len(gzip.compress(whole.encode("utf-8"), 6, mtime=0))
    manifest_gz = shards.gz_size(manifest_text)
    lengths_gz = sum(shards.gz_size(text) for name, text in files.items() if name.startswith("l"))
    shown = [a for a in answers if "wait" not in a]
    sizes = sorted(a["stats"]["bytes"] for a in shown)
    waves = [a["stats"]["waves"] for a in shown]
    one_file_s = RTT_S + whole_gz / DOWN_BPS
    split_s = [
        2 * RTT_S
        + (manifest_gz + lengths_gz) / DOWN_BPS
        + a["stats"]["waves"] * RTT_S
        + a["stats"]["bytes"] / DOWN_BPS
        for a in shown
    ]
    waits = len(answers) - len(shown)
    return (
        label, n, len(kb.products), whole_gz, manifest_gz, lengths_gz, len(files), sizes, waves, waits,
        index_s, split_time, one_file_s, split_s,
    )  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
