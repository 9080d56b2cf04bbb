#!/usr/bin/env python3
"""What the search page's own engine costs the main thread while it loads (issue 20).

Usage:
    python3 bench/search_engine_load.py                 # 1,000 entries, unthrottled and 4x CPU
    python3 bench/search_engine_load.py --entries 1000 --runs 5 --cpu 1,4 --reuse

Once the worker has the whole index and a first query's results are shown, the search page runs
the same engine itself (search.js: startEngine; kbgen/search/bundle.py: page_engine), in tasks of
its own, at idle and in a pause of typing: its file's script, the index's parse (JSON.parse of the
bytes), the engine's start (the bundle's top level) and the index's load (the worker's load).
This opens bench/search_network.py's generated help center (--reuse: its built site), types a
first query as a shopper does, waits until the page answers itself (data-answers="page") and
reports, per CPU slowdown (CDP Emulation.setCPUThrottlingRate, set before the page opens; 4 is
Lighthouse's mobile), the medians over --runs of the page's own timing of each task
(data-engine-ms) and of the longest main-thread task (a PerformanceObserver of "longtask", which
the browser reports from 50 ms) from the first results to the engine answering.
Unthrottled loopback, headless Chromium.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search_network as net  # noqa: E402

LONG_TASKS = """() => {
  window.__b20long = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => window.__b20long.push(e.duration)))
    .observe({type: 'longtask'});
}"""
ANSWERS = "() => document.getElementById('kb-search').dataset.answers === 'page'"


def one_run(browser: Any, url: str, query: str, cpu: float) -> dict[str, float] | None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    try:
        page.goto(url + net.KBGEN.path, wait_until="load")
        page.click(net.KBGEN.box)
        page.keyboard.type(query, delay=180)
        page.wait_for_function(
            "q => document.getElementById('kb-search').dataset.query === q", arg=query, timeout=60_000
        )
        page.evaluate(LONG_TASKS)  # from the first results on
        started = time.perf_counter()
        try:
            page.wait_for_function(ANSWERS, timeout=60_000)
        except Exception:  # a run without the engine is said, not counted
            return None
        took = page.evaluate("() => JSON.parse(document.getElementById('kb-search').dataset.engineMs)")
        page.wait_for_timeout(200)  # the longtask entries are delivered after the task
        longest = max(page.evaluate("() => window.__b20long"), default=0.0)
        return {**{k: float(v) for k, v in took.items()}, "longest": float(longest),
                "after_s": time.perf_counter() - started}  # fmt: skip
    finally:
        context.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=1000)
    ap.add_argument("--products", type=int, default=-1, help="default: half the entries")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cpu", default="1,4", help="CPU slowdowns, comma-separated (default 1,4)")
    ap.add_argument("--reuse", action="store_true", help="reuse search_network's built site when complete")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    print("$", shlex.join(["python3", "bench/search_engine_load.py", *sys.argv[1:]]))
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    products = args.entries // 2 if args.products < 0 else args.products
    site = net.build_sites(args.entries, products, ["kbgen"], reuse=args.reuse)["kbgen"]
    query = net.cold_queries(args.entries, 1)[0]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=net.CHROMIUM, args=net.CHROMIUM_ARGS)
        for cpu in [float(x) for x in args.cpu.split(",") if x]:
            runs = [one_run(browser, site.url, query, cpu) for _ in range(args.runs)]
            got = [r for r in runs if r is not None]
            rows.append((cpu, got, len(runs) - len(got)))
        browser.close()
    print(f"\n{args.entries} entries ({products} products), first query {query!r}; medians over the runs")
    print(
        f"{'cpu':>4}  {'runs':>4}  {'parse':>6} {'start':>6} {'load':>6}  {'longest task':>12}"
        f"  {'engine after':>12}"
    )
    for cpu, got, lost in rows:

        def med(key: str, runs: list[dict[str, float]] = got) -> float:
            return statistics.median(r[key] for r in runs) if runs else float("nan")

        print(
            f"{cpu:>3.0f}x  {len(got):>4}  {med('parse'):6.1f} {med('start'):6.1f} {med('load'):6.1f}"
            f"  {med('longest'):12.0f}  {med('after_s'):11.1f}s"
            + (f"  ({lost} without the engine)" if lost else "")
        )
    print("\nms: parse, the index's JSON.parse in the page; start, the engine's script run (the worker's")
    print("bundle's top level); load, the engine's load of the index (the worker's load): each a task of")
    print("its own.")
    print("longest task: the longest main-thread task from the first results to the engine answering")
    print("(0: none of 50 ms or more). engine after: seconds from the first results to the page answering")
    print("itself (a pause of typing, the engine's file, each task at idle).")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
