#!/usr/bin/env python3
"""The split search index (issue 20): bytes per query and the one-file threshold, side by side.

Usage: python3 bench/search_split.py [--entries 1000 10000] [--products-per-entry 0.5]
                                     [--queries N]

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
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generated_kb import generated_kb  # noqa: E402

from kbgen.search import index as search  # noqa: E402
from kbgen.search import shards  # noqa: E402
from tests.integration.test_search_split import GENERATED_QUERIES  # noqa: E402

RTT_S = 0.150
DOWN_BPS = 1.6e6 / 8


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


def kb_(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--products-per-entry", type=float, default=0.5)
    parser.add_argument("--queries", type=int, default=len(GENERATED_QUERIES))
    args = parser.parse_args()
    queries = GENERATED_QUERIES[: args.queries]
    rows = []
    for n in args.entries:
        kb = generated_kb(n, int(n * args.products_per_entry))
        urls = {e.id: f"questions/{e.id}/" for e in kb.entries}
        t0 = time.perf_counter()
        whole = search.index_json(kb, urls, {p.id: f"products/{p.id}/" for p in kb.products})
        t1 = time.perf_counter()
        manifest_text, files = shards.split(json.loads(whole))
        t2 = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(prefix="kbgen-split-"))
        try:
            (tmp / "s").mkdir()
            (tmp / "index.json").write_text(manifest_text, encoding="utf-8")
            for name, text in files.items():
                (tmp / "s" / name).write_text(text, encoding="utf-8")
            worker = tmp / "search-worker.js"
            theme_worker = ROOT / "kbgen/theme/assets/kbgen/search-worker.js"
            worker.write_text(
                shards.worker_script(theme_worker.read_text(encoding="utf-8")), encoding="utf-8"
            )
            answers = per_query(tmp / "index.json", worker, queries)
        finally:
            shutil.rmtree(tmp)
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
        rows.append(
            (n, len(kb.products), whole_gz, manifest_gz, lengths_gz, len(files), sizes, waves, waits, t1 - t0,
             t2 - t1, one_file_s, split_s)
        )  # fmt: skip
    print(f"{len(queries)} queries each (tests/integration/test_search_split.py), a fresh worker per query\n")
    head = (
        "entries", "products", "whole index", "manifest", "lengths", "files", "per query median / p95 / max",
        "round trips 1 / 2 / 3+", "waits", "index s", "split s", "Slow 4G: one file", "split median / p95",
    )  # fmt: skip
    print(" | ".join(head))
    for n, p, whole_gz, manifest_gz, lengths_gz, nfiles, sizes, waves, waits, ti, ts, one, split_s in rows:
        p95 = sizes[int(0.95 * (len(sizes) - 1))]
        trips = f"{waves.count(1)} / {waves.count(2)} / {sum(w >= 3 for w in waves)}"
        split_q = sorted(split_s)
        print(" | ".join([
            f"{n:,}", f"{p:,}", kb_(whole_gz), kb_(manifest_gz), kb_(lengths_gz), str(nfiles),
            f"{kb_(statistics.median(sizes))} / {kb_(p95)} / {kb_(sizes[-1])}", trips, str(waits),
            f"{ti:.1f}", f"{ts:.1f}", f"{one:.2f} s",
            f"{statistics.median(split_q):.2f} / {split_q[int(0.95 * (len(split_q) - 1))]:.2f} s",
        ]))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
