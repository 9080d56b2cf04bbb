#!/usr/bin/env python3
"""A shopper's first search on a phone network: kbgen vs Pagefind vs Material, side by side.

Usage:
    python3 bench/search_network.py                          # 1k and 10k entries, 3 networks
    python3 bench/search_network.py --entries 1000 --runs 1 --networks loopback,slow4g

In one run, for each size (--entries, default 1000 and 10000) the same generated FAQ entries
(bench/build_time.py's generator, fixed seed) become three sites, each served on loopback the
way Netlify serves (examples/shop/serve.py: gzip, ETags, the built `_headers`):

- kbgen: a help center of the entries and --products generated products (default: half as
  many as entries; bench/products_scale.py's catalog), its search page ``search/``;
- Material: the same entries as plain MkDocs + Material pages, Material's default search in
  the header of the home page;
- Pagefind (``pagefind[extended]``, the `bench` extra): the same pages without Material's
  search, indexed by Pagefind, its Default UI on the home page.

Each engine is measured in headless Chromium under three networks (--networks), applied
through CDP: ``loopback`` (no throttling), ``slow4g`` (Lighthouse's mobileSlow4G: 150 ms per
request, 1,638.4 kbit/s down, 750 up, CPU 4x slower) and ``devtools`` (the same profile as
Lighthouse applies it with DevTools throttling: 562.5 ms per request, 1,474.56 kbit/s down,
675 up, CPU 4x slower). A cold run is a fresh browser context (empty cache): open the page,
wait for its load event, move the pointer onto the search box, tap it, wait --think-ms, then
type the query one key at a time, --type-ms apart. Figures, from the browser's own network log
(every request of the page and of its workers; nothing here knows an engine's file format):

- ``ms``: from the first keystroke (its keydown) to the first frame that shows a result;
- ``ready``: kbgen only, from navigation start to the search page's engine saying it is ready
  (its worker loaded, with the index or the manifest and the lengths file): what a shopper who
  types at once waits for;
- ``req``, ``KB``: the search requests started before that frame (everything but the page
  itself: its HTML and what the HTML loads as it is parsed), and their bodies as sent (gzip);
- ``chain``: how many of those ran one after another (netlog.longest_chain);
- ``p50``, ``p95``: warm, on the same page: --warm queries typed key by key, each keystroke
  timed from its keydown to the results for the new text being rendered;
- widget (kbgen): on a shop product page that embeds the help center's widget.js, the loader's
  bytes and the bytes fetched from the help center until the opened panel shows its answers.

With --open-query, kbgen's search page (and kbgen-old's) is opened with the query in its address
(``search/?q=…``, a shared link or a search from another page) instead of typed into the box:
``ms`` is then from navigation start to the first result (the query runs as soon as the
manifest came, before the lengths file). The other engines are measured as usual.

With --old REV (a git revision of this repository), the same kbgen project is also built with
REV's kbgen and measured as ``kbgen-old``, beside this tree's, in the same run: before and after.

Cold figures are the median of --runs runs (each run types another query). The goals of issue 20
are checked at the end: first result <= 1.0 s at 1k and <= 1.5 s at 10k on slow4g; fewer bytes
and a shorter time than Pagefind; warm p95 <= 16 ms at 1k and <= 50 ms at 10k (loopback).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search_sites as sites  # noqa: E402
from bench.build_scale import run_build, write_project  # noqa: E402
from bench.netlog import Figures, Request, before_first, page_resources, percentile  # noqa: E402
from bench.search_speed import STOP, docs_for, queries_for  # noqa: E402
from bench.widget import HAS_LAUNCHER, LAUNCHER_NAME, RECORDER, serve  # noqa: E402
from kbgen.search import shards  # noqa: E402

OUT = ROOT / "bench" / "out" / "search_network"
PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Lighthouse, core/config/constants.js: throttling.mobileSlow4G and the DevTools adjustment
# factors (DEVTOOLS_RTT_ADJUSTMENT_FACTOR 3.75, DEVTOOLS_THROUGHPUT_ADJUSTMENT_FACTOR 0.9).
RTT_MS, THROUGHPUT_KBPS, UPLOAD_KBPS, CPU_SLOWDOWN = 150, 1.6 * 1024, 750, 4
RTT_FACTOR, THROUGHPUT_FACTOR = 3.75, 0.9


def _kbps(kbps: float) -> int:
    return int(kbps * 1024 / 8)  # bytes per second, as Lighthouse converts them


NETWORKS: dict[str, dict[str, Any] | None] = {
    "loopback": None,
    "slow4g": {"latency": RTT_MS, "downloadThroughput": _kbps(THROUGHPUT_KBPS),
               "uploadThroughput": _kbps(UPLOAD_KBPS), "cpu": CPU_SLOWDOWN},
    "devtools": {"latency": RTT_MS * RTT_FACTOR,
                 "downloadThroughput": _kbps(THROUGHPUT_KBPS * THROUGHPUT_FACTOR),
                 "uploadThroughput": _kbps(UPLOAD_KBPS * THROUGHPUT_FACTOR), "cpu": CPU_SLOWDOWN},
}
ENGINES = ("kbgen", "pagefind", "material")
GOAL_FIRST_MS = {1000: 1000.0, 10000: 1500.0}  # on slow4g
GOAL_P95_MS = {1000: 16.0, 10000: 50.0}  # warm, loopback
GOAL_WIDGET_KB = 20.0  # at 10k entries and 5k products
Widget = tuple[float, float, int, list[str]]  # loader KB, panel KB, panel requests, panel files

# --- the pages ------------------------------------------------------------------------------

PAGEFIND_HOME = """\
# Bench

<div data-pagefind-ignore="all">
<link rel="stylesheet" href="pagefind/pagefind-ui.css">
<div id="pf-search"></div>
<script src="pagefind/pagefind-ui.js"></script>
<script>
new PagefindUI({element: "#pf-search", showImages: false, showSubResults: false,
                debounceTimeoutMs: Number(new URLSearchParams(location.search).get("debounce") || 0)});
</script>
</div>
"""


@dataclass(frozen=True)
class Engine:
    """How a shopper searches with one engine, as CSS selectors and in-page conditions."""

    path: str  # the page, relative to the site's root
    box: str  # the search box
    result: str  # a shown result
    # (value) => true once the results for the box's text `value` are rendered
    answered: str
    # the element whose subtree changes when results are rendered
    watch: str


KBGEN = Engine(
    path="search/",
    box="#kb-search-q",
    result="#kb-search-results a, #kb-search-answers > *",
    answered="v => document.getElementById('kb-search').dataset.query === v",
    watch="#kb-search",
)
MATERIAL = Engine(
    path="",
    box=".md-search__input",
    result=".md-search-result__list > li",
    # Material renders every query's list anew: the first change after the keystroke is its answer
    answered="v => window.__b20.changed",
    watch=".md-search__output",
)
PAGEFIND = Engine(
    path="",
    box=".pagefind-ui__search-input",
    result=".pagefind-ui__result-link",
    answered=(
        "v => { const m = document.querySelector('.pagefind-ui__message');"
        " return !!m && m.textContent.includes(v.trim())"
        " && !document.querySelector('.pagefind-ui__results .pagefind-ui__loading'); }"
    ),
    watch="#pf-search",
)
ENGINE_UI = {"kbgen": KBGEN, "kbgen-old": KBGEN, "material": MATERIAL, "pagefind": PAGEFIND}
OLD = "kbgen-old"
"""The same kbgen project built with --old REV's kbgen (git archive), measured beside this tree's."""

# Records the first keydown and the first frame that shows a result (performance.timeOrigin
# based, so on the same clock as the network log's wall-clock times).
COLD_RECORDER = """sel => {
  const t = window.__b20 = {key: null, keys: [], first: null, value: null, changed: false,
                            origin: performance.timeOrigin};
  addEventListener('keydown', e => {
    if (t.key === null) t.key = performance.timeOrigin + e.timeStamp;
    if (t.first === null) t.keys.push(performance.timeOrigin + e.timeStamp);
  }, {capture: true});
  const shown = el => el && (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);
  const frame = () => {
    if (t.key !== null && [...document.querySelectorAll(sel)].some(shown)) {
      t.first = performance.timeOrigin + performance.now();
      t.value = document.activeElement && document.activeElement.value;
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""

# kbgen's search page sets data-load-ms when its engine is ready: when that was (navigation start
# based), kept from before the page's own scripts run.
READY_RECORDER = """(() => {
  window.__b20ready = null;
  new MutationObserver((records, ob) => {
    if (document.querySelector('[data-load-ms]')) { window.__b20ready = performance.now(); ob.disconnect(); }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-load-ms']});
})()"""

# Per keystroke: arm(), press a key, then await done: ms from its keydown to its results.
WARM_RECORDER = """watchSel => {
  const answered = ANSWERED;
  const t = window.__b20;
  const box = document.activeElement;
  const watchEl = document.querySelector(watchSel);
  window.__b20arm = () => {
    t.changed = false;
    let down = null;
    window.__b20done = new Promise((resolve, reject) => {
      const check = () => {
        if (down === null) return;
        if (answered(box.value)) { ob.disconnect(); clearTimeout(timer); resolve(performance.now() - down); }
      };
      const ob = new MutationObserver(() => { if (down !== null) t.changed = true; check(); });
      ob.observe(watchEl, {subtree: true, childList: true, characterData: true, attributes: true});
      addEventListener('keydown', e => { down = e.timeStamp; setTimeout(check, 0); },
                       {capture: true, once: true});
      const timer = setTimeout(() => { ob.disconnect(); resolve(null); }, 30000);
    });
  };
}"""


# --- sites --------------------------------------------------------------------------------------


@dataclass
class Site:
    engine: str
    dir: Path
    url: str = ""
    product: str = ""  # kbgen: the product page the widget is measured on
    build_s: float = 0.0


# A file each complete site has (written last, or near the end, of its build)
COMPLETE = {"kbgen": "sitemap.xml", OLD: "sitemap.xml", "material": "search/search_index.json",
            "pagefind": "pagefind/pagefind-entry.json"}


def reusable(work: Path, engine: str, products: int) -> bool:
    """A site of an earlier run (--reuse) with the same entries (its folder) and products."""
    if not (work / engine / "site" / COMPLETE[engine]).is_file():
        return False
    if engine != "kbgen":
        return True
    manifest = json.loads((work / engine / "site" / "search" / "index.json").read_text(encoding="utf-8"))
    if manifest.get("split", shards.SPLIT_FORMAT) != shards.SPLIT_FORMAT:
        return False  # built by a kbgen whose split format this tree doesn't read
    catalog = work / "kbgen" / "content" / "products.yml"
    count = catalog.read_text(encoding="utf-8").count("\n- id: ") + 1 if catalog.is_file() else 0
    return count == products


def build_old(work: Path, rev: str, reuse: bool) -> Site:
    """The kbgen project of ``work`` built with the kbgen of ``rev`` (its site kept for --reuse
    while ``rev`` names the same commit)."""
    commit = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, check=True, capture_output=True,
                            text=True).stdout.strip()
    site_dir, stamp = work / OLD / "site", work / OLD / "commit"
    if reuse and (site_dir / COMPLETE[OLD]).is_file() and stamp.is_file() and stamp.read_text() == commit:
        return Site(OLD, site_dir)
    tree = work / OLD / "tree"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit, "kbgen"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    shutil.rmtree(site_dir, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run(
        [PY, "-m", "kbgen", "build", "-f", str(work / "kbgen" / "mkdocs.yml"), "--site-dir", str(site_dir)],
        # not run from ROOT: `python -m` puts the working directory first on the path
        cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"kbgen build with {rev} failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    stamp.write_text(commit)
    return Site(OLD, site_dir, build_s=time.perf_counter() - start)


def build_sites(
    n: int, products: int, engines: list[str], reuse: bool = False, old: str = ""
) -> dict[str, Site]:
    built: dict[str, Site] = {}
    work = OUT / f"e{n}"
    if "kbgen" in engines:
        start, took = time.perf_counter(), 0.0
        if not (reuse and reusable(work, "kbgen", products)):
            config = write_project(work / "kbgen", n, products)
            error = run_build(config, work / "kbgen" / "site", "two").error  # kbgen's default build
            if error:
                raise SystemExit(f"kbgen build failed:\n{error}")
            took = time.perf_counter() - start
        site = Site("kbgen", work / "kbgen" / "site", build_s=took)
        site.product = busiest_product(work / "kbgen" / "content")
        built["kbgen"] = site
        if old:
            built[OLD] = build_old(work, old, reuse)
    docs = docs_for(n)
    for engine in ("material", "pagefind"):
        if engine not in engines:
            continue
        start = time.perf_counter()
        if reuse and reusable(work, engine, products):
            built[engine] = Site(engine, work / engine / "site", build_s=0.0)
            continue
        root = sites.write_material_site(docs, work / engine, chinese=False)
        if engine == "pagefind":
            config = root / "mkdocs.yml"
            text = config.read_text(encoding="utf-8").replace("plugins:\n  - search\n", "plugins: []\n")
            config.write_text(text, encoding="utf-8")
            (root / "docs" / "index.md").write_text(PAGEFIND_HOME, encoding="utf-8")
        site_dir = sites.build(root, kbgen=False, pagefind=engine == "pagefind")
        built[engine] = Site(engine, site_dir, build_s=time.perf_counter() - start)
    for site in built.values():
        _, site.url = serve.serve_help(site.dir, netlify_toml=ROOT / "netlify.toml")
    return built


def busiest_product(content: Path) -> str:
    """The product named by the most entries (its page's widget has the most to show)."""
    named: Counter[str] = Counter()
    for path in content.rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("products: ["):
                named.update(x.strip() for x in line[len("products: ["):].rstrip("]").split(","))
    return named.most_common(1)[0][0] if named else ""


def cold_queries(n: int, count: int) -> list[str]:
    """What a shopper types first: two whole content words of an entry's question."""
    rng = random.Random(20)
    found: list[str] = []
    for doc in rng.sample(docs_for(n), count * 3):
        words = [w for w in re.findall(r"[a-z]+", doc.question.lower()) if w not in STOP and len(w) > 3]
        if len(words) >= 2:
            found.append(" ".join(words[:2]))
        if len(found) == count:
            break
    return found


# --- one browser session ------------------------------------------------------------------------


@dataclass
class Log:
    """The page's requests (its workers' too), as Playwright reports them."""

    page_url: str
    done: list[Any] = field(default_factory=list)
    pending: set[Any] = field(default_factory=set)
    html: str = ""

    def attach(self, page: Any) -> None:
        page.on("request", lambda r: self.pending.add(r))
        page.on("requestfinished", self._finished)
        page.on("requestfailed", lambda r: self.pending.discard(r))

    def _finished(self, r: Any) -> None:
        self.pending.discard(r)
        self.done.append(r)

    def requests(self) -> list[Request]:
        own = page_resources(self.html, self.page_url)
        out = []
        for r in self.done:
            timing = r.timing
            response = r.response()
            size = int(response.header_value("content-length") or 0) if response else 0
            if not size:
                size = int(r.sizes()["responseBodySize"])
            start = float(timing["startTime"])
            end = start + max(float(timing["responseEnd"]), 0.0)
            out.append(Request(r.url, start, end, size, search=r.url.split("#")[0] not in own))
        return out

    def settle(self, page: Any, quiet_s: float = 0.5, limit_s: float = 60.0) -> None:
        """Wait until no request is pending and none has started for ``quiet_s``."""
        deadline = time.monotonic() + limit_s
        count, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            seen = len(self.done) + len(self.pending)
            if seen != count:
                count, since = seen, time.monotonic()
            if not self.pending and time.monotonic() - since >= quiet_s:
                return


def new_page(browser: Any, network: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    conditions = NETWORKS[network]
    if conditions is not None:
        cpu = conditions["cpu"]
        cdp.send("Network.emulateNetworkConditions",
                 {"offline": False, **{k: v for k, v in conditions.items() if k != "cpu"}})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    return context, page


@dataclass
class Cold:
    ms: float  # from the first keystroke
    answer_ms: float  # from the keystroke whose text the first result answers
    figures: Figures
    page_kb: float
    shown_for: str
    clock_ms: float  # the page's request start minus performance.timeOrigin (a check of the clocks)
    ready_ms: float = float("nan")  # kbgen: navigation start → its engine ready


def cold_run(browser: Any, site: Site, network: str, query: str, args: argparse.Namespace,
             keep: bool = False) -> tuple[Cold, Any, Any]:
    ui = ENGINE_UI[site.engine]
    context, page = new_page(browser, network)
    url = site.url + ui.path
    opened = getattr(args, "open_query", False) and site.engine in ("kbgen", OLD)  # search_warm has none
    if opened:  # the search page opened with the query in its address (search/?q=…)
        url += "?q=" + quote(query)
    log = Log(url)
    log.attach(page)
    page.add_init_script(READY_RECORDER)
    if opened:  # timed from navigation start, recorded before the page's own scripts run
        start = "window.__b20.key = performance.timeOrigin;"
        page.add_init_script(f"({COLD_RECORDER})({json.dumps(ui.result)}); {start}")
    response = page.goto(url, wait_until="load", timeout=180_000)
    log.html = response.text() if response else ""
    if not opened:
        page.evaluate(COLD_RECORDER, ui.result)
        page.wait_for_selector(ui.box, state="visible", timeout=60_000)
        page.hover(ui.box)
        page.click(ui.box)
        page.wait_for_timeout(args.think_ms)
        page.keyboard.type(query, delay=args.type_ms)
    page.wait_for_function("() => window.__b20.first !== null", timeout=300_000, polling=100)
    t = page.evaluate("() => window.__b20")
    log.settle(page)
    requests = log.requests()
    figures = before_first(requests, float(t["first"]))
    page_kb = sum(r.size for r in requests if not r.search) / 1024
    first, keys, shown = float(t["first"]), [float(k) for k in t["keys"]], str(t["value"] or "")
    # the keystroke that made the shown text (typed without corrections: its length-th key)
    answered = keys[min(len(shown), len(keys)) - 1] if shown and keys else float(t["key"])
    doc = next((r for r in requests if r.url == url), None)
    clock = doc.start - float(t["origin"]) if doc else float("nan")
    cold = Cold(first - float(t["key"]), first - answered, figures, page_kb, shown, clock)
    ready = page.evaluate("() => window.__b20ready")
    if ready is not None:
        cold.ready_ms = float(ready)
    if keep:
        return cold, context, page
    context.close()
    return cold, None, None


def warm_runs(page: Any, engine: str, queries: list[str]) -> tuple[list[float], int]:
    """Per-keystroke ms over ``queries`` typed key by key into the page's box; and timeouts."""
    ui = ENGINE_UI[engine]
    page.click(ui.box)
    page.evaluate(WARM_RECORDER.replace("ANSWERED", ui.answered), ui.watch)
    times: list[float] = []
    missed = 0
    for q in queries:
        page.fill(ui.box, "")
        page.wait_for_timeout(400)  # the empty box's own answer comes and goes, unmeasured
        for ch in q:
            page.evaluate("() => window.__b20arm()")
            page.keyboard.press(ch if ch != " " else "Space")
            ms = page.evaluate("() => window.__b20done")
            if ms is None:
                missed += 1
            else:
                times.append(float(ms))
    return times, missed


def widget_bytes(browser: Any, site: Site, shop_dir: Path) -> Widget:
    """(loader KB, panel KB, panel requests, panel files) for a click on a product page's launcher."""
    shop_dir.mkdir(parents=True, exist_ok=True)
    (shop_dir / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop product</title></head>'
        f'<body><h1>Product {site.product}</h1><p>A product page of the shop.</p>'
        f'<script src="{site.url}widget.js" async data-product="{site.product}"></script></body></html>\n',
        encoding="utf-8",
    )
    server, shop_url = serve.serve_help(shop_dir, netlify_toml=None)
    try:
        context, page = new_page(browser, "loopback")
        log = Log(shop_url)
        log.attach(page)
        page.goto(shop_url, wait_until="commit")
        page.wait_for_function(HAS_LAUNCHER, timeout=60_000, polling=20)
        page.evaluate(RECORDER)
        page.get_by_role("button", name=LAUNCHER_NAME, exact=True).click()
        page.wait_for_function("() => window.__kbBench.answers !== null", timeout=60_000, polling=50)
        log.settle(page)
        help_requests = [r for r in log.requests() if r.url.startswith(site.url)]
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    loader = [r for r in help_requests if r.url.split("?")[0].endswith("/widget.js")]
    panel = [r for r in help_requests if r not in loader]
    files = [f"{r.url.removeprefix(site.url)} {r.size / 1024:.1f}" for r in panel]
    return sum(r.size for r in loader) / 1024, sum(r.size for r in panel) / 1024, len(panel), files


# --- the run --------------------------------------------------------------------------------------


@dataclass
class Row:
    n: int
    engine: str
    network: str
    colds: list[Cold] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    missed: int = 0
    errors: list[str] = field(default_factory=list)  # a run that timed out or broke, said

    def med(self, attr: str) -> float:
        values = [float(getattr(c.figures if hasattr(c.figures, attr) else c, attr)) for c in self.colds]
        return statistics.median(values) if values else float("nan")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_goals(rows: list[Row], widgets: dict[int, Widget], products: dict[int, int]) -> None:
    print("\ngoals (issue 20)")
    by = {(r.n, r.engine, r.network): r for r in rows}
    for n in sorted({r.n for r in rows}):
        kb = by.get((n, "kbgen", "slow4g"))
        if kb and n in GOAL_FIRST_MS:
            ms = kb.med("ms")
            print(f"  {verdict(ms <= GOAL_FIRST_MS[n])}  {n} entries: first result on slow4g "
                  f"{ms:.0f} ms (goal <= {GOAL_FIRST_MS[n]:.0f} ms)")
        for network in NETWORKS:
            k, p = by.get((n, "kbgen", network)), by.get((n, "pagefind", network))
            if not (k and p):
                continue
            kbytes, pbytes = k.med("size") / 1024, p.med("size") / 1024
            print(f"  {verdict(kbytes < pbytes)}  {n} entries, {network}: fewer bytes than Pagefind "
                  f"({kbytes:.0f} KB vs {pbytes:.0f} KB)")
            print(f"  {verdict(k.med('ms') < p.med('ms'))}  {n} entries, {network}: shorter time than "
                  f"Pagefind ({k.med('ms'):.0f} ms vs {p.med('ms'):.0f} ms)")
        kb = by.get((n, "kbgen", "loopback"))
        if kb and kb.warm and n in GOAL_P95_MS:
            p95 = percentile(kb.warm, 95)
            print(f"  {verdict(p95 <= GOAL_P95_MS[n])}  {n} entries: warm p95 per keystroke (loopback) "
                  f"{p95:.1f} ms (goal <= {GOAL_P95_MS[n]:.0f} ms)")
        if n in widgets and n >= 10000:
            panel = widgets[n][1]
            print(f"  {verdict(panel <= GOAL_WIDGET_KB)}  {n} entries, {products[n]} products: the widget's "
                  f"panel fetches {panel:.1f} KB (goal <= {GOAL_WIDGET_KB:.0f} KB)")


def print_table(rows: list[Row]) -> None:
    header = ("entries", "network", "engine", "first ms", "key ms", "ready ms", "req", "KB", "chain",
              "page KB", "warm p50", "warm p95", "keys", "shown for")
    table = []
    for r in rows:
        table.append((
            str(r.n), r.network, r.engine, f"{r.med('ms'):.0f}", f"{r.med('answer_ms'):.0f}",
            f"{r.med('ready_ms'):.0f}" if r.med("ready_ms") == r.med("ready_ms") else "-",
            f"{r.med('requests'):.0f}", f"{r.med('size') / 1024:.1f}", f"{r.med('chain'):.0f}",
            f"{statistics.median(c.page_kb for c in r.colds):.0f}" if r.colds else "-",
            f"{percentile(r.warm, 50):.1f}", f"{percentile(r.warm, 95):.1f}",
            f"{len(r.warm)}" + (f" ({r.missed} lost)" if r.missed else ""),
            " / ".join(repr(c.shown_for) for c in r.colds)
            + (f" ({len(r.errors)} failed)" if r.errors else ""),
        ))
    widths = [max(len(t[i]) for t in [header, *table]) for i in range(len(header))]
    for t in [header, tuple("-" * w for w in widths), *table]:
        cells = enumerate(zip(t, widths, strict=True))
        print("  ".join(v.ljust(w) if i in (1, 2, 13) else v.rjust(w) for i, (v, w) in cells))
    for r in rows:
        for error in r.errors:
            print(f"  {r.n} {r.engine} {r.network}: {error}")
    print(flush=True)


def measure_row(browser: Any, site: Site, n: int, network: str, firsts: list[str], warm_qs: list[str],
                args: argparse.Namespace) -> Row:
    """Cold runs (one per query in ``firsts``), then the warm keystrokes on the last one's page."""
    from playwright.sync_api import Error as PlaywrightError

    row = Row(n, site.engine, network)
    for i, q in enumerate(firsts):
        last = i == len(firsts) - 1
        try:
            cold, context, page = cold_run(browser, site, network, q, args, keep=last)
        except PlaywrightError as exc:
            row.errors.append(f"cold run {q!r}: {str(exc).splitlines()[0]}")
            continue
        row.colds.append(cold)
        if last:
            try:
                row.warm, row.missed = warm_runs(page, site.engine, warm_qs)
            except PlaywrightError as exc:
                row.errors.append(f"warm keystrokes: {str(exc).splitlines()[0]}")
            context.close()
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", default="1000,10000", help="sizes, comma-separated (default 1000,10000)")
    ap.add_argument("--products", type=int, default=-1,
                    help="products in the kbgen site (default: half the entries; 0: none, no widget figure)")
    ap.add_argument("--engines", default=",".join(ENGINES), help="among kbgen, pagefind, material")
    ap.add_argument("--networks", default=",".join(NETWORKS), help="among " + ", ".join(NETWORKS))
    ap.add_argument("--runs", type=int, default=3, help="cold runs per cell; the median is shown")
    ap.add_argument("--warm", type=int, default=12, help="queries typed key by key for p50/p95")
    ap.add_argument("--type-ms", type=int, default=180, help="ms between keystrokes (default 180)")
    ap.add_argument("--think-ms", type=int, default=400, help="ms from the tap on the box to typing")
    ap.add_argument("--old", default="", metavar="REV",
                    help="also measure the kbgen project built with this git revision's kbgen (kbgen-old)")
    ap.add_argument("--open-query", action="store_true",
                    help="kbgen: open the search page with the query in its address (search/?q=...)"
                         " instead of typing it; first ms is then from navigation start")
    ap.add_argument("--reuse", action="store_true",
                    help="serve the sites an earlier run built in bench/out/search_network/ when complete")
    args = ap.parse_args()
    sizes = [int(x) for x in args.entries.split(",") if x]
    engines = [e for e in args.engines.split(",") if e]
    networks = [x for x in args.networks.split(",") if x]
    bad = [e for e in engines if e not in ENGINES] + [x for x in networks if x not in NETWORKS]
    if bad:
        ap.error(f"unknown engine or network: {', '.join(bad)}")
    if "pagefind" in engines:
        try:
            subprocess.run([PY, "-m", "pagefind", "--version"], check=True, capture_output=True)
        except (subprocess.CalledProcessError, FileNotFoundError):
            ap.error("Pagefind is not installed: pip install -e '.[bench]' (pagefind[extended])")
    from playwright.sync_api import sync_playwright

    load0 = os.getloadavg()
    started = time.perf_counter()
    print("$", shlex.join(["python3", "bench/search_network.py", *sys.argv[1:]]))
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, Chromium {CHROMIUM}; "
          f"{args.runs} cold run(s) per cell (median), {args.warm} warm queries; typing {args.type_ms} ms "
          f"per key after {args.think_ms} ms")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load0)}", flush=True)
    rows: list[Row] = []
    widgets: dict[int, Widget] = {}
    products: dict[int, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in sizes:
            products[n] = n // 2 if args.products < 0 else args.products
            built = build_sites(n, products[n], engines, reuse=args.reuse, old=args.old)
            how = [f"{s.engine} {s.build_s:.0f} s" if s.build_s else f"{s.engine} (reused)"
                   for s in built.values()]
            print(f"\n{n} entries: built " + ", ".join(how)
                  + (f"; kbgen site with {products[n]} products" if "kbgen" in built else ""), flush=True)
            firsts = cold_queries(n, args.runs)
            warm_qs = queries_for(docs_for(n), args.warm)
            size_rows = []
            for network in networks:
                # before (kbgen-old) right after kbgen: the machine's load hits both alike
                order = [x for e in engines for x in ([e, OLD] if e == "kbgen" and OLD in built else [e])]
                for engine in order:
                    row = measure_row(browser, built[engine], n, network, firsts, warm_qs, args)
                    size_rows.append(row)
                    print(f"  {n} {engine} {network}: {row.med('ms'):.0f} ms, "
                          f"{row.med('requests'):.0f} req, {row.med('size') / 1024:.0f} KB, "
                          f"chain {row.med('chain'):.0f}", flush=True)
            rows += size_rows
            if "kbgen" in built and products[n]:
                try:
                    widgets[n] = widget_bytes(browser, built["kbgen"], OUT / f"e{n}" / "shop")
                except Exception as exc:  # a broken widget is said, and the run goes on
                    print(f"  widget: {str(exc).splitlines()[0]}")
            clocks = [c.clock_ms for r in size_rows for c in r.colds if c.clock_ms == c.clock_ms]
            print(f"\n{n} entries (load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
                  + (f"; navigation start → the page's request {min(clocks):.0f} to {max(clocks):.0f} ms"
                     if clocks else "") + ")")
            print_table(size_rows)
            if n in widgets:
                loader, panel, count, files = widgets[n]
                print(f"the widget on a shop product page (kbgen, loopback), {n} entries, "
                      f"{products[n]} products: loader {loader:.1f} KB; click → answers shown: "
                      f"{panel:.1f} KB in {count} requests:\n  " + ", ".join(files) + "\n", flush=True)
        browser.close()

    print(
        "first ms: first keystroke → first result shown (median); key ms: from the keystroke whose text\n"
        "that first result answers; ready ms (kbgen): navigation start → its search engine ready;\n"
        "req, KB, chain: search requests started before it, their bodies as\n"
        "sent (gzip, KB = 1024 B) and how many ran one after another; page KB: the page's own HTML, styles\n"
        "and scripts; warm p50/p95: ms per keystroke from keydown to its results; keys: keystrokes timed;\n"
        "shown for: the box's text when the first result appeared (one per cold run)."
    )
    print_goals(rows, widgets, products)
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
