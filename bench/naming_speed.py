"""Product naming's cost per query in the Python twin, this checkout against an older one.

Usage:
    python3 bench/naming_speed.py [--old main] [--rounds 5]

On the indexes ``kbgen build`` writes for the demo, examples/zh and the real catalogs of
``bench/catalogs`` (built once by this checkout: both sides read the same index), every shop
query of ``bench/queries`` (with its product page where it has one) is timed in two ways:

- ``naming``: :meth:`kbgen.search.shop.Namer.mentions` on the query's content words, as
  ``query.answer`` calls it (with the linking words where the checkout takes them);
- ``answer``: the whole ``query.answer`` (ranking, naming, the page's product, cards).

Each round runs both checkouts, one process each, one after the other, so that they share the
machine's load; the figures are the medians over the rounds of the mean per query (µs). The old
checkout is ``git archive``d into a temporary folder.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = {
    "mkdocs.yml": ["shop-en"],
    "examples/zh/mkdocs.yml": ["shop-zh"],
    "bench/catalogs/arduino/mkdocs.yml": ["arduino-en", "arduino-en-words"],
    "bench/catalogs/raspberrypi/mkdocs.yml": ["raspberrypi-en", "raspberrypi-en-words"],
    "bench/catalogs/raspberrypi-zh/mkdocs.yml": ["raspberrypi-zh"],
}
"""Config → the visible query sets asked on it."""


def child(indexes: dict[str, str], reps: int) -> dict[str, float]:
    """In the checkout on sys.path: mean µs per query of naming and of the whole answer."""
    from kbgen.search import query as searchquery
    from kbgen.search import shop

    takes_links = "links" in inspect.signature(shop.Namer.mentions).parameters
    naming = answer = 0.0
    count = 0
    for index_file, asked in indexes.items():
        index, _ = searchquery.load(Path(index_file).read_text(encoding="utf-8"))
        for query, page in json.loads(asked):
            planned = searchquery.plan(index, query)
            content = [i for i, qw in enumerate(planned) if qw.word.term and not qw.filler]
            words = [planned[i].word for i in content]
            terms, texts = [w.term for w in words], [w.text for w in words]
            sentence = sum((qw.required or qw.chat) and not qw.word.cjk for qw in planned) > 4
            starts = [i == 0 or planned[i - 1].word.run_end for i in content]
            extra = (shop.links([qw.word for qw in planned], content),) if takes_links else ()
            start = time.perf_counter()
            for _ in range(reps):
                index.namer.mentions(terms, texts, sentence, starts, *extra)
            naming += (time.perf_counter() - start) / reps
            start = time.perf_counter()
            for _ in range(reps):
                searchquery.answer(index, query, 10, product=page)
            answer += (time.perf_counter() - start) / reps
            count += 1
    return {"naming": naming / count * 1e6, "answer": answer / count * 1e6, "queries": count}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", default="main", help="the git ref to compare with")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--reps", type=int, default=20, help="times each query is asked per round")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(Path(args.child).read_text(encoding="utf-8")), args.reps)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="kbgen-naming-"))
    old = work / "old"
    old.mkdir()
    archive = subprocess.run(["git", "archive", args.old], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    indexes: dict[str, str] = {}
    for config, sets in SITES.items():
        site = work / config.replace("/", "-")
        subprocess.run(
            [sys.executable, "-m", "kbgen", "build", "-f", config, "--site-dir", str(site)],
            cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        asked = []
        for name in sets:
            for line in (ROOT / "bench/queries" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
                if line.strip():
                    q = json.loads(line)
                    asked.append((q["query"], q.get("page", "")))
        indexes[str(site / "search/index.json")] = json.dumps(asked)
    plan = work / "plan.json"
    plan.write_text(json.dumps(indexes), encoding="utf-8")
    got: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        for side, root in (("old", old), ("new", ROOT)):
            argv = [sys.executable, str(ROOT / "bench/naming_speed.py"), "--child", str(plan)]
            argv += ["--reps", str(args.reps)]
            env = {**os.environ, "PYTHONPATH": str(root)}
            out = subprocess.run(argv, cwd=root, check=True, capture_output=True, text=True, env=env).stdout
            got[side].append(json.loads(out))
    queries = int(got["new"][0]["queries"])
    print(f"load average {os.getloadavg()[0]:.1f}; {queries} queries, {args.rounds} rounds")
    for key in ("naming", "answer"):
        old_us = statistics.median(r[key] for r in got["old"])
        new_us = statistics.median(r[key] for r in got["new"])
        ratio = new_us / old_us
        print(f"{key:<7} old ({args.old}) {old_us:8.1f} µs/query  new {new_us:8.1f} µs/query  {ratio:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
