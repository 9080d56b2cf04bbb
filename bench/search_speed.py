#!/usr/bin/env python3
"""Search speed: kbgen vs Material's default search vs Pagefind on generated help centers.

Usage:
    python3 bench/search_speed.py [--entries 1000,10000] [--engines kbgen,material,pagefind]
                                  [--queries 100]

The entries come from bench/build_time.py's generator (deterministic; FAQ pages of ~150-300
words). Each engine gets the same pages: a kbgen site, and a plain MkDocs + Material site that
Material's search and Pagefind index. Served from loopback, measured in headless Chromium:

- ``first result``: from navigation start of the search page (kbgen: ``search/?q=…``;
  Material: the home page, query typed as soon as its box exists; Pagefind: the home page,
  ``pagefind.search`` called at once) to the first result in the DOM, median of 3 cold loads.
- ``p50 / p95``: per query, from the input event to the results in the DOM (Pagefind: to
  ``search()`` plus ``data()`` of the top 10), over N queries typed into a warm page.
- ``bytes``: everything fetched before the first result, gzip-compressed (level 6, as a web
  server would send it); for Pagefind also the mean bytes each further query fetches.
- ``index build``: the time kbgen spends building and serializing the index (in this process),
  its size against lunr's own serialization of the same index, and its share of ``kbgen build``.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search_sites as sites  # noqa: E402
from bench.build_time import generate_entries  # noqa: E402
from kbgen.search import index as search  # noqa: E402

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
STOP = {"a", "an", "the", "my", "i", "do", "how", "can", "is", "it", "of", "to", "for", "what", "in", "on",
        "does", "with", "you", "your", "if", "are", "when", "why", "where", "will", "be", "me", "or", "and"}


def docs_for(n: int) -> list[search.SearchDoc]:
    return [
        search.SearchDoc(
            id=e.id, question=e.question, summary=e.summary, stage="faq", url=f"questions/{e.id}/",
            keywords=" \n".join(e.keywords), body=_LINK.sub(r"\1", e.body),
        )
        for e in generate_entries(n)
    ]


def queries_for(docs: list[search.SearchDoc], count: int) -> list[str]:
    """What shoppers type: 1-3 content words of a question, some with a typo or half-typed."""
    rng = random.Random(7)
    found = []
    for doc in rng.sample(docs, count):
        words = [w for w in re.findall(r"[a-z0-9]+", doc.question.lower()) if w not in STOP]
        picked = rng.sample(words, min(len(words), rng.randint(1, 3)))
        q = " ".join(picked)
        roll = rng.random()
        if roll < 0.15 and len(q) > 6:
            i = rng.randrange(1, len(q) - 1)
            q = q[:i] + q[i + 1 :]  # a dropped letter
        elif roll < 0.3 and len(picked[-1]) > 4:
            q = q[: -rng.randint(1, 3)]  # still typing
        found.append(q)
    return found


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def local_file(site: Path, url: str) -> Path | None:
    path = unquote(urlparse(url).path).lstrip("/")
    target = site / path
    if target.is_dir() or path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def compressed(site: Path, urls: list[str]) -> int:
    files = {local_file(site, u) for u in urls}
    return sum(gz(f) for f in files if f is not None)


def _first_result(open_and_wait: Callable[[Any], float], base: str, site: Path) -> tuple[float, int]:
    """Median ms to the first result over 3 cold loads, and the compressed bytes of the last one."""
    times, size = [], 0
    for _ in range(3):
        context = sites.new_context()
        tab = context.new_page()
        urls: list[str] = []
        tab.on("request", lambda r, urls=urls: urls.append(r.url))
        ms = open_and_wait(tab)
        size = compressed(site, list(urls))
        times.append(ms)
        context.close()
    return statistics.median(times), size


KBGEN_LOOP = """
async qs => {
  const root = document.getElementById('kb-search'), box = document.getElementById('kb-search-q');
  const out = [];
  for (const q of qs) {
    const t0 = performance.now();
    const done = new Promise(res => {
      const ob = new MutationObserver(() => { if (root.dataset.query === q) { ob.disconnect(); res(); } });
      ob.observe(root, {attributes: true, attributeFilter: ['data-query']});
    });
    box.value = q; box.dispatchEvent(new Event('input'));
    await done;
    out.push(performance.now() - t0);
  }
  return out;
}
"""

MATERIAL_LOOP = """
async qs => {
  const box = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const out = [];
  for (const q of qs) {
    const t0 = performance.now();
    const done = new Promise(res => {
      const ob = new MutationObserver(() => { ob.disconnect(); res(); });
      ob.observe(list, {childList: true, subtree: true});
      ob.observe(meta, {childList: true, subtree: true, characterData: true});
      setTimeout(() => { ob.disconnect(); res(); }, 2000);
    });
    box.value = q; box.dispatchEvent(new Event('input', {bubbles: true}));
    box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
    await done;
    out.push(performance.now() - t0);
    box.value = ''; box.dispatchEvent(new Event('input', {bubbles: true}));
    box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
    await new Promise(r => setTimeout(r, 30));
  }
  return out;
}
"""

PAGEFIND_LOOP = """
async qs => {
  const out = [];
  for (const q of qs) {
    const t0 = performance.now();
    const s = await window.pf.search(q);
    await Promise.all(s.results.slice(0, 10).map(r => r.data()));
    out.push(performance.now() - t0);
  }
  return out;
}
"""


def measure_kbgen(site: Path, base: str, queries: list[str]) -> dict[str, Any]:
    first_q = queries[0]

    def open_and_wait(tab: Any) -> float:
        tab.goto(base + "search/?q=" + first_q)
        tab.wait_for_function(
            "() => document.getElementById('kb-search').dataset.state === 'results'", timeout=120_000
        )
        return float(tab.evaluate("performance.now()"))

    first, size = _first_result(open_and_wait, base, site)
    tab = sites.page(base + "search/")
    tab.wait_for_function("() => document.querySelector('#kb-search-status').textContent.length > 0")
    tab.evaluate(KBGEN_LOOP, queries[:3])  # warm: the worker has loaded the index
    times = tab.evaluate(KBGEN_LOOP, queries)
    return {"first": first, "bytes": size, "times": times, "per_query_bytes": 0}


def measure_material(site: Path, base: str, queries: list[str]) -> dict[str, Any]:
    first_q = queries[0]

    def open_and_wait(tab: Any) -> float:
        tab.goto(base)
        tab.fill(".md-search__input", first_q)
        tab.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__list > li').length > 0", timeout=300_000
        )
        return float(tab.evaluate("performance.now()"))

    first, size = _first_result(open_and_wait, base, site)
    tab = sites.page(base)
    tab.fill(".md-search__input", first_q)
    tab.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__list > li').length > 0", timeout=300_000
    )
    times = tab.evaluate(MATERIAL_LOOP, queries)
    return {"first": first, "bytes": size, "times": times, "per_query_bytes": 0}


def measure_pagefind(site: Path, base: str, queries: list[str]) -> dict[str, Any]:
    first_q = queries[0]

    def open_and_wait(tab: Any) -> float:
        tab.goto(base)
        tab.evaluate(
            "async q => { window.pf = await import('/pagefind/pagefind.js'); const s = await pf.search(q);"
            " await Promise.all(s.results.slice(0, 10).map(r => r.data())); }",
            first_q,
        )
        return float(tab.evaluate("performance.now()"))

    first, size = _first_result(open_and_wait, base, site)
    context = sites.new_context()
    tab = context.new_page()
    urls: list[str] = []
    tab.goto(base)
    tab.evaluate("async () => { window.pf = await import('/pagefind/pagefind.js'); await pf.init(); }")
    tab.on("request", lambda r: urls.append(r.url))
    times = tab.evaluate(PAGEFIND_LOOP, queries)
    per_query = compressed(site, urls) / len(queries)
    context.close()
    return {"first": first, "bytes": size, "times": times, "per_query_bytes": per_query}


MEASURES = {"kbgen": measure_kbgen, "material": measure_material, "pagefind": measure_pagefind}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", default="1000,10000")
    parser.add_argument("--engines", default="kbgen,material,pagefind")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    engines = args.engines.split(",")
    print(f"{'entries':>7} {'engine':<9} {'first result':>12} {'p50':>8} {'p95':>8} "
          f"{'gzip bytes before 1st':>22} {'per query':>10}  index build")
    for n in [int(x) for x in args.entries.split(",")]:
        docs = docs_for(n)
        queries = queries_for(docs, args.queries)
        start = time.perf_counter()
        index_json = search.serialize(docs)
        build_s = time.perf_counter() - start
        lunr_size = len(search.lunr_json(search.build(docs)).encode())
        note = (f"{build_s:.1f}s; index {len(index_json.encode()) / 1e6:.2f} MB "
                f"({gzip.compress(index_json.encode(), 6).__len__() / 1e3:.0f} KB gzip) vs lunr's "
                f"{lunr_size / 1e6:.2f} MB")
        built: dict[str, tuple[Path, str]] = {}
        if "kbgen" in engines:
            root = sites.write_kbgen_site(docs, sites.OUT / f"speed-{n}-kbgen", chinese=False)
            start = time.perf_counter()
            site = sites.build(root, kbgen=True)
            site_s = time.perf_counter() - start
            note += f"; kbgen build {site_s:.1f}s, indexing {build_s / site_s:.0%} of it"
            built["kbgen"] = (site, sites.serve(site))
        if "material" in engines or "pagefind" in engines:
            root = sites.write_material_site(docs, sites.OUT / f"speed-{n}-plain", chinese=False)
            site = sites.build(root, kbgen=False, pagefind="pagefind" in engines)
            base = sites.serve(site)
            built["material"] = built["pagefind"] = (site, base)
        for engine in engines:
            site, base = built[engine]
            measure = MEASURES[engine]
            r = measure(site, base, queries)
            extra = f"{r['per_query_bytes'] / 1e3:7.1f} KB" if r["per_query_bytes"] else f"{'-':>10}"
            print(
                f"{n:>7} {engine:<9} {r['first']:>9.0f} ms {pct(r['times'], 50):>5.1f} ms "
                f"{pct(r['times'], 95):>5.1f} ms {r['bytes'] / 1e3:>19.0f} KB {extra}  "
                f"{note if engine == 'kbgen' else ''}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
