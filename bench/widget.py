"""The help widget on a shop page: loader size, bytes before the panel opens, click to panel, Lighthouse.

Usage: python3 bench/widget.py [--runs 3] [--pages home,product,checkout] [--no-lighthouse]
                               [-f mkdocs.yml | --help-site DIR] [--entries 1000] [--data-only]
                               [--products 0] [--keep-scale-site DIR]
       python3 bench/widget.py --compare REV --entries 10000 --products 5000 [--runs 3]
                               [--think-ms 0,400,2000] [--keep-scale-site DIR]

Builds the demo help center and serves it with the example shop (examples/shop/serve.py: two
origins, the help center with its `_headers` and gzip as Netlify would, the shop under its strict
CSP). A second shop server sends the same pages without the widget's <script> tag. Then, in one
run, side by side:

1. the loader (`widget.js`): raw and gzipped size, against the 10 KB (gzipped) budget;
2. bytes fetched by each shop page, with and without the widget, at the load event and once
   the network has been quiet for 2 s (the widget may prefetch when the browser is idle),
   counted by Chromium itself (CDP Network.loadingFinished encodedDataLength: bytes on the wire,
   headers included);
3. time from the click on the launcher (its pointerdown) to the first frame that shows the panel
   (role=dialog) with its answers (a[data-entry-id]): cold (fresh browser context, clicked as
   soon as the launcher exists), idle (fresh context, clicked after the network has been quiet),
   reopen (Escape, then a second click on the same page) and reload (the same page loaded again
   with the HTTP cache of the first visit). Unthrottled on loopback, and with Lighthouse's mobile
   conditions (150 ms RTT, 1.6 Mbit/s down, 4x CPU slowdown, through CDP);
4. the Lighthouse performance score (mobile, simulated throttling) of each shop page with and
   without the widget, runs alternating, and its metrics. The goal: no drop;
5. the widget's data at --entries generated entries (bench/build_time.py's generator) and
   --products generated products (bench/products_scale.py's), gzipped, beside the help site's
   search index, which the panel's search fetches anyway: what opening the panel on a product
   page fetches (one file for a small help center, else the core and that product's part),
   measured from the files and in Chromium (every request of the page and its workers, the
   panel's and then its search's, cold and after idle), and on
   Lighthouse's Slow 4G model the time one file would take against the parts.

6. with --compare REV, only this (and the loader): old (REV, a git revision of this repository,
   built from `git archive`) against new (this tree), the same generated help center built by
   each, side by side: "panel open", every request of the shop's product page and of its
   workers, under a mouse over the launcher until the network is quiet, then from the click
   until quiet, the panel's files apart from the search's (desktop, clicked at once or after
   idle; a phone's tap; a desktop panel opened by kbgen.open(), nothing hovered), and "first
   result time" on Slow 4G with the CPU 4x slower, from the first key of the shopper's first
   query to the first frame showing a result, after --think-ms of reading the opened panel (a
   phone's shopper taps the launcher, then the search box).

Each figure is the median over --runs runs. Debian's /usr/bin/chromium; Lighthouse (npm) is
installed into bench/out/lighthouse on first use, as bench/lighthouse.py does.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.util
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lighthouse import audit, ensure_lighthouse  # noqa: E402


def _load_serve() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shop_serve", ROOT / "examples" / "shop" / "serve.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


serve = _load_serve()

PAGES = {"home": "", "product": "products/aero-one/", "checkout": "checkout/"}
BUDGET = 10 * 1024
REPORTS = ROOT / "bench" / "out" / "widget"  # Lighthouse's JSON reports of the last run
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Lighthouse's default mobile throttling (simulated there; applied here through CDP).
MOBILE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
MOBILE_CPU = 4
QUIET_S = 2.0
LAUNCHER_NAME = "Help"  # the demo help center is in English

# In the shop page: the widget's host (an element in body with an open shadow root), and a
# recorder of pointerdown → first animation frame in which the panel shows its answers.
RECORDER = """() => {
  const host = [...document.body.children].find(e => e.shadowRoot && e.shadowRoot.querySelector('button'));
  const root = host.shadowRoot;
  const t = window.__kbBench = {down: null, dialog: null, answers: null};
  addEventListener('pointerdown', e => { if (t.down === null) t.down = e.timeStamp; },
                   {capture: true, once: true});
  const shown = el => el && (el.checkVisibility
    ? el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
    : el.getClientRects().length > 0);
  const frame = () => {
    const dialog = root.querySelector('[role="dialog"]');
    if (t.down !== null && shown(dialog)) {
      const now = performance.now();
      if (t.dialog === null) t.dialog = now - t.down;
      if ([...dialog.querySelectorAll('a[data-entry-id]')].some(shown)) { t.answers = now - t.down; return; }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""
LONG_TASKS = """
window.__kbLongTasks = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__kbLongTasks.push(e.duration);
}).observe({type: 'longtask', buffered: true});
"""
HAS_LAUNCHER = (
    "() => [...document.body.children].some(e => e.shadowRoot && e.shadowRoot.querySelector('button'))"
)
PANEL_HIDDEN = """() => {
  const host = [...document.body.children].find(e => e.shadowRoot && e.shadowRoot.querySelector('button'));
  const d = host.shadowRoot.querySelector('[role="dialog"]');
  return !d || !(d.checkVisibility ? d.checkVisibility() : d.getClientRects().length > 0);
}"""


@dataclass
class Transfers:
    """Every response of one page, counted by Chromium (CDP Network domain).

    A redirect reuses its request id: the bytes counted are those of the final response.
    """

    urls: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)
    last_change: float = field(default_factory=time.monotonic)

    def sent(self, event: dict[str, Any]) -> None:
        self.pending.add(event["requestId"])
        self.urls[event["requestId"]] = event["request"]["url"]
        self.last_change = time.monotonic()

    def done(self, event: dict[str, Any]) -> None:
        self.pending.discard(event["requestId"])
        self.sizes[event["requestId"]] = float(event.get("encodedDataLength", 0))
        self.last_change = time.monotonic()

    def failed(self, event: dict[str, Any]) -> None:
        self.pending.discard(event["requestId"])
        self.last_change = time.monotonic()

    def total(self, origin: str = "", among: set[str] | None = None) -> tuple[int, float]:
        """(requests, bytes) of the finished responses whose URL starts with ``origin``."""
        ids = [i for i in self.sizes if self.urls.get(i, "").startswith(origin)]
        ids = [i for i in ids if among is None or i in among]
        return len(ids), sum(self.sizes[i] for i in ids)

    def wait_quiet(self, page: Any, quiet: float = QUIET_S, limit: float = 30.0) -> None:
        """Wait until no request has started or ended for ``quiet`` seconds."""
        start = time.monotonic()
        while time.monotonic() - start < limit:
            page.wait_for_timeout(100)
            if not self.pending and time.monotonic() - self.last_change >= quiet:
                return


def watch(page: Any, throttle: bool, cpu_only: bool = False) -> Transfers:
    """Count the page's responses; ``throttle``: mobile network and CPU, ``cpu_only``: CPU alone."""
    cdp = page.context.new_cdp_session(page)
    transfers = Transfers()
    cdp.on("Network.requestWillBeSent", transfers.sent)
    cdp.on("Network.loadingFinished", transfers.done)
    cdp.on("Network.loadingFailed", transfers.failed)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
    if throttle or cpu_only:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE_CPU})
    return transfers


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


# --- 2. bytes before the panel opens ------------------------------------------------------


def measure_bytes(browser: Any, url: str, help_origin: str) -> tuple[dict[str, float], list[str]]:
    """Figures of one page load, and the help center's files it fetched (path, KB, when)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    transfers = watch(page, throttle=False, cpu_only=True)
    page.goto(url, wait_until="load")
    at_load = set(transfers.urls)  # the requests started before the load event…
    for _ in range(100):  # …and their responses, whose loadingFinished may come just after it
        if not at_load & transfers.pending:
            break
        page.wait_for_timeout(20)
    n_load, b_load = transfers.total(among=at_load)
    transfers.wait_quiet(page)
    n_idle, b_idle = transfers.total()
    n_help, b_help = transfers.total(help_origin)
    tasks = [float(d) for d in page.evaluate("() => window.__kbLongTasks")]
    context.close()
    files = [
        f"{transfers.urls[i].removeprefix(help_origin)} {kb(size)} KB ({'load' if i in at_load else 'idle'})"
        for i, size in transfers.sizes.items()
        if transfers.urls.get(i, "").startswith(help_origin)
    ]
    figures = {
        "load_n": n_load,
        "load_b": b_load,
        "idle_n": n_idle,
        "idle_b": b_idle,
        "help_n": n_help,
        "help_b": b_help,
        "blocking": sum(d - 50 for d in tasks),
        "longest": max(tasks, default=0.0),
    }
    return figures, files


# --- 3. click to panel ---------------------------------------------------------------------


def click_and_time(page: Any) -> tuple[float, float]:
    """Click the launcher; (ms to the panel shown, ms to its answers shown)."""
    page.evaluate(RECORDER)
    page.get_by_role("button", name=LAUNCHER_NAME, exact=True).click()
    page.wait_for_function("() => window.__kbBench.answers !== null", timeout=60_000, polling=50)
    t = page.evaluate("() => window.__kbBench")
    return float(t["dialog"]), float(t["answers"])


def measure_clicks(browser: Any, url: str, throttle: bool) -> dict[str, tuple[float, float]]:
    times: dict[str, tuple[float, float]] = {}
    # cold: a fresh context, clicked as soon as the launcher exists
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=False)
    page = context.new_page()
    watch(page, throttle)
    page.goto(url, wait_until="commit")
    page.wait_for_function(HAS_LAUNCHER, timeout=60_000, polling=20)
    times["cold"] = click_and_time(page)
    # reopen: Escape closes it, a second click opens it again
    page.keyboard.press("Escape")
    page.wait_for_function(PANEL_HIDDEN, timeout=10_000)
    times["reopen"] = click_and_time(page)
    # reload: the same page again, with the HTTP cache of the first visit
    page.goto(url, wait_until="commit")
    page.wait_for_function(HAS_LAUNCHER, timeout=60_000, polling=20)
    times["reload"] = click_and_time(page)
    context.close()
    # idle: a fresh context, clicked once the network has been quiet for a while
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    transfers = watch(page, throttle)
    page.goto(url, wait_until="load")
    transfers.wait_quiet(page)
    times["idle"] = click_and_time(page)
    context.close()
    return times


# --- 4. Lighthouse --------------------------------------------------------------------------

LH_METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "SI": "speed-index",
}


def lighthouse(binary: Path, url: str, out: Path) -> dict[str, float]:
    report: Any = audit(binary, url, out)
    figures = {"perf": 100 * float(report["categories"]["performance"]["score"])}
    for name, audit_id in LH_METRICS.items():
        figures[name] = float(report["audits"][audit_id]["numericValue"])
    figures["bytes"] = float(report["audits"]["total-byte-weight"]["numericValue"])
    return figures


# --- the run ---------------------------------------------------------------------------------


@contextmanager
def servers(help_site: Path | None, config: Path) -> Iterator[tuple[str, str, str, Path]]:
    """(help URL, shop URL, shop-without-widget URL, help site directory), all being served."""
    if help_site is None:
        demo = serve.start(config=config)
        site, help_url, shop_url = demo.help_site, demo.help_url, demo.shop_url
        closers: list[Callable[[], None]] = [demo.close]
    else:
        help_server, help_url = serve.serve_help(help_site)
        shop_server, shop_url = serve.serve_shop(help_url)
        site = help_site
        closers = [help_server.shutdown, help_server.server_close]
        closers += [shop_server.shutdown, shop_server.server_close]
    bare_server, bare_url = serve.serve_shop(help_url, widget=False)
    closers += [bare_server.shutdown, bare_server.server_close]
    try:
        yield help_url, shop_url, bare_url, site
    finally:
        for close in closers:
            close()


def report_loader(loader: Path) -> None:
    raw = loader.read_bytes()
    packed = len(gzip.compress(raw, compresslevel=9, mtime=0))
    print("1. the loader, widget.js")
    print(f"   raw {len(raw)} B ({kb(len(raw))} KB), gzip -9 {packed} B ({kb(packed)} KB);", end=" ")
    print(f"budget {BUDGET // 1024} KB gzipped: {'met' if packed <= BUDGET else 'NOT MET'}\n")


def report_bytes(browser: Any, pages: list[str], runs: int, urls: tuple[str, str, str]) -> None:
    help_url, shop_url, bare_url = urls
    print(f"2. bytes fetched before the panel opens (KB on the wire, median of {runs}), and main-thread")
    print(f"   tasks over 50 ms until then, CPU {MOBILE_CPU}x slower (blocking: their time beyond 50 ms)")
    header = f"{'at load':>15} {'after 2 s quiet':>17} {'of which help site':>19}"
    header += f" {'blocking':>9} {'longest':>8}"
    print(f"   {'page':9} {'widget':7} {header}")
    fetched: dict[str, list[str]] = {}
    for name in pages:
        for label, base in (("without", bare_url), ("with", shop_url)):
            runs_ = [measure_bytes(browser, base + PAGES[name], help_url.rstrip("/")) for _ in range(runs)]
            results = [figures for figures, _ in runs_]
            fetched[name] = runs_[0][1]
            m = {k: median([r[k] for r in results]) for k in results[0]}
            print(
                f"   {name:9} {label:7} {m['load_n']:4.0f} req {kb(m['load_b']):>6} KB"
                f" {m['idle_n']:5.0f} req {kb(m['idle_b']):>6} KB"
                f" {m['help_n']:6.0f} req {kb(m['help_b']):>6} KB"
                f" {m['blocking']:6.0f} ms {m['longest']:5.0f} ms"
            )
    print("   the help center's files fetched before the panel opens (first run, with the widget):")
    for name, files in fetched.items():
        print(f"   {name:9} " + (", ".join(files) or "none"))
    print()


def report_clicks(browser: Any, pages: list[str], runs: int, shop_url: str) -> None:
    print(f"3. click on the launcher → panel shown / its answers shown (ms, median of {runs})")
    cases = ["cold", "idle", "reopen", "reload"]
    print(f"   {'page':9} {'network':22} " + " ".join(f"{c:>15}" for c in cases))
    for name in pages:
        for throttle in (False, True):
            results = [measure_clicks(browser, shop_url + PAGES[name], throttle) for _ in range(runs)]
            cells = []
            for c in cases:
                shown = median([r[c][0] for r in results])
                answers = median([r[c][1] for r in results])
                cells.append(f"{shown:6.0f} / {answers:6.0f}")
            network = "mobile (4G, 4x CPU)" if throttle else "loopback, no throttle"
            print(f"   {name:9} {network:22} " + " ".join(f"{c:>15}" for c in cells))
    print()


def report_lighthouse(binary: Path, pages: list[str], runs: int, shop_url: str, bare_url: str) -> None:
    print(f"4. Lighthouse, mobile (median of {runs}; FCP, LCP, SI, TBT in ms; KB: total byte weight)")
    columns = ["perf", "FCP", "LCP", "SI", "TBT", "CLS", "KB"]
    print(f"   {'page':9} {'widget':7} " + " ".join(f"{c:>6}" for c in columns) + "   perf of each run")
    drops: list[str] = []
    REPORTS.mkdir(parents=True, exist_ok=True)
    for name in pages:
        results: dict[str, list[dict[str, float]]] = {"without": [], "with": []}
        for run in range(runs):  # alternate, so machine load affects both alike
            for label, base in (("without", bare_url), ("with", shop_url)):
                out = REPORTS / f"{name}-{label}-{run}.json"
                results[label].append(lighthouse(binary, base + PAGES[name], out))
        perf = {}
        for label, figures in results.items():
            m = {k: median([r[k] for r in figures]) for k in figures[0]}
            perf[label] = m["perf"]
            cells = [f"{m[c]:6.0f}" for c in columns[:5]] + [f"{m['CLS']:6.3f}", f"{kb(m['bytes']):>6}"]
            each = "/".join(f"{r['perf']:.0f}" for r in figures)
            print(f"   {name:9} {label:7} " + " ".join(cells) + f"   {each}")
        if perf["with"] < perf["without"]:
            drops.append(f"{name} ({perf['without']:.0f} → {perf['with']:.0f})")
    verdict = "NOT MET: " + ", ".join(drops) if drops else "met"
    print(f"   (last column: each run's score; the reports are in {REPORTS.relative_to(ROOT)}/)")
    print(f"\ngoal, no drop in Lighthouse performance: {verdict}")


@functools.cache
def _gz(path: Path) -> tuple[int, int]:
    raw = path.read_bytes()
    return len(raw), len(gzip.compress(raw, compresslevel=9, mtime=0))


@functools.cache
def _core(site: Path) -> tuple[Path, dict[str, Any] | None]:
    """The widget's data file (the only one, or the core) and where its parts are."""
    core = next((site / "_kbgen" / "widget").glob("data.*.json"))
    return core, json.loads(core.read_text(encoding="utf-8")).get("parts")


def _opened_on_product(site: Path, product: str) -> list[Path]:
    """The widget data files the panel fetches when it opens on ``product``'s page: the one data
    file (format 1, or a small site in format 2), else the core file and that product's part."""
    core, parts = _core(site)
    if not parts:
        return [core]
    from kbgen.widget.parts import bucket_of

    name = parts["products"].replace("{n}", str(bucket_of(product, parts["buckets"])))
    return [core, site / name]


def _merged_gz(site: Path) -> int:
    """A split site's data as one file again (gzip -9): what one whole file would weigh."""
    folder = site / "_kbgen" / "widget"
    data = json.loads(next(folder.glob("data.*.json")).read_text(encoding="utf-8"))
    parts = data.pop("parts", None)
    if not parts:
        return 0
    whole: dict[str, Any] = {"entries": {}, "products": {}}
    for path in [site / parts["lists"]] + [
        site / parts["products"].replace("{n}", str(n)) for n in range(parts["buckets"])
    ]:
        part = json.loads(path.read_text(encoding="utf-8"))
        for key, value in part.items():
            if isinstance(value, dict):
                whole.setdefault(key, {}).update(value)
            else:
                whole[key] = value
    whole.pop("links", None)
    raw = json.dumps({**data, **whole}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return len(gzip.compress(raw.encode("utf-8"), compresslevel=9, mtime=0))


OPEN_ON = """async pid => {
  kbgen.setContext({product: pid});
  const host = [...document.body.children].find(e => e.shadowRoot && e.shadowRoot.querySelector('button'));
  host.shadowRoot.querySelector('button.kb-launcher').click();
}"""
ANSWERS_SHOWN = """pid => {
  const host = [...document.body.children].find(e => e.shadowRoot && e.shadowRoot.querySelector('button'));
  const c = host.shadowRoot.querySelector('.kb-context');
  return c && c.dataset.product === pid && c.querySelector('a[data-entry-id]');
}"""


def measure_open_in_browser(site: Path, products: list[str]) -> None:
    """Chromium on the example shop's home page, served with this help center: the page says it
    shows ``pid`` (kbgen.setContext), the launcher is clicked by script (no mouse over it), and
    every request of the page and of its workers (Playwright's request events, as section 6
    counts them; a CDP session on the page alone misses the search worker's) is counted from
    the click until the network is quiet: bodies as sent (gzip, as Netlify sends them), and with
    their headers. Cold (the browser never idle before the click) and after idle. Opening the panel
    starts no search (only a rest on the launcher or the shopper's touch of the box does); any
    search file fetched would be counted apart."""
    from playwright.sync_api import sync_playwright

    help_server, help_url = serve.serve_help(site)
    shop_server, shop_url = serve.serve_shop(help_url)
    figures: dict[str, list[tuple[float, float, int, float, float, int]]] = {"cold": [], "idle": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for case in figures:
                for pid in products:
                    context = browser.new_context()
                    page = context.new_page()
                    if case == "cold":
                        page.add_init_script("window.requestIdleCallback = () => 0;")
                    fetched = Fetched()
                    fetched.attach(page)
                    page.goto(shop_url, wait_until="load")
                    page.wait_for_function(HAS_LAUNCHER, timeout=60_000, polling=20)
                    fetched.wait_quiet(page, quiet=1.0)
                    before = len(fetched.started)
                    page.evaluate(OPEN_ON, pid)
                    page.wait_for_function(ANSWERS_SHOWN, arg=pid, timeout=60_000, polling=20)
                    fetched.wait_quiet(page)
                    after = [r for r in fetched.started[before:] if not r.url.startswith(("blob:", "data:"))]
                    own = [r for r in after if not _is_search(r.url, help_url)]
                    search = [r for r in after if _is_search(r.url, help_url)]
                    figures[case].append((*Fetched.sizes(own), len(own), *Fetched.sizes(search), len(search)))
                    context.close()
            browser.close()
    finally:
        for server in (help_server, shop_server):
            server.shutdown()
            server.server_close()
    for case, rows in figures.items():
        m = [median([float(r[k]) for r in rows]) for k in range(6)]
        print(
            f"   {'':<14} Chromium, {case:>4} click by script (no hover), median of {len(rows)} products,"
            f" KB of bodies (with headers): the panel's files {kb(m[0])} ({kb(m[1])}) in {m[2]:.0f}"
            f" request(s); then the search's start {kb(m[3])} ({kb(m[4])}) in {m[5]:.0f}"
        )


# Lighthouse's Slow 4G: 150 ms round trip, 1.6 Mbit/s down.
SLOW_RTT_S = 0.150
SLOW_BYTES_S = 1.6 * 1024 * 1024 / 8


def report_data_at_scale(entries: int, products: int, demo_site: Path, keep: Path | None = None) -> None:
    """Build a help center of `entries` generated entries (and `products` generated products,
    each entry naming 1-3 of them) and size the widget data the panel fetches. ``keep``: build
    it there and keep it, or use the one built there before."""
    import subprocess
    import tempfile

    from bench.build_time import generate_entries, write_kbgen_site
    from bench.products_scale import generate_catalog, name_products, write_catalog

    print("5. the widget's data (raw / gzip -9), beside the search index the panel's search fetches")
    rows = [("demo", demo_site)]
    with tempfile.TemporaryDirectory(prefix="kbgen-widget-bench-") as tmp:
        root = keep or Path(tmp)
        catalog = generate_catalog(products) if products else []
        if keep is None or not (root / "site" / "widget.js").is_file():
            generated = generate_entries(entries)
            config = write_kbgen_site(root, generated)
            if catalog:
                write_catalog(root / "content", catalog)
                name_products(root / "content", generated, catalog)
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "kbgen", "build", "-f", str(config), "-d", str(root / "site")],
                cwd=root,
                env=env,
                check=True,
                capture_output=True,
            )
            print(f"   (the generated site built in {time.perf_counter() - started:.1f} s)")
        else:
            print(f"   (the generated site built before in {root})")
        label = f"{entries}e {products}p" if products else f"{entries} entries"
        rows.append((label, root / "site"))
        print(f"   {'site':<14} {'data files':>10} {'all data, gz':>13} {'search index':>22}")
        for name, site in rows:
            folder = site / "_kbgen" / "widget"
            data_files = [p for p in folder.glob("*.json")]
            total_gz = sum(_gz(p)[1] for p in data_files)
            index = site / "search" / "index.json"
            i_raw, i_gz = _gz(index)
            print(
                f"   {name:<14} {len(data_files):>10} {kb(total_gz):>10} KB"
                f" {kb(i_raw):>10} / {kb(i_gz):>7} KB"
            )
        print("   opening the panel on a product page fetches (gzip -9; the panel script beside it):")
        for name, site in rows:
            panel_gz = _gz(next((site / "_kbgen" / "widget").glob("panel.*.js")))[1]
            ids = [p.id for p in catalog] if name != "demo" else ["aero-one", "pico-espresso", "tamper-58"]
            if not ids:
                continue
            sizes = sorted(sum(_gz(p)[1] for p in _opened_on_product(site, pid)) for pid in ids)
            files = len(_opened_on_product(site, ids[0]))
            med, worst = sizes[len(sizes) // 2], sizes[-1]
            print(
                f"   {name:<14} data: median {kb(med)} KB, largest {kb(worst)} KB over {len(ids)} products"
                f" in {files} file(s); + panel script {kb(panel_gz)} KB"
                f" = {kb(worst + panel_gz)} KB at most; budget 20 KB:"
                f" {'met' if worst + panel_gz <= 20 * 1024 else 'NOT MET'}"
            )
            if name != "demo":
                measure_open_in_browser(site, ids[:: max(1, len(ids) // 5)][:5])
            merged = _merged_gz(site)
            if merged:
                one = SLOW_RTT_S + (panel_gz + merged) / SLOW_BYTES_S
                two = 2 * SLOW_RTT_S + (panel_gz + worst) / SLOW_BYTES_S
                print(
                    f"   {'':<14} as one file it would be {kb(merged)} KB; Slow 4G model, cold click:"
                    f" one file {one * 1000:.0f} ms, split {two * 1000:.0f} ms"
                )
    print()


# --- 6. old vs new: opening the panel, then the first search ------------------------------

# Lighthouse's mobileSlow4G, applied through CDP (bench/search_network.py's "slow4g").
SLOW4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": int(1.6 * 1024 * 1024 / 8),
    "uploadThroughput": int(750 * 1024 / 8),
}
TYPE_MS = 180  # between two keys, as bench/search_network.py types
FIRST_RESULT = """() => {
  const host = [...document.body.children].find(e => e.shadowRoot && e.shadowRoot.querySelector('button'));
  const root = host.shadowRoot;
  const t = window.__kbFirst = {key: null, first: null, q: null};
  addEventListener('keydown', e => { if (t.key === null) t.key = e.timeStamp; }, {capture: true});
  const frame = () => {
    const r = root.querySelector('.kb-results');
    const link = r && !r.hidden && r.querySelector('a[data-entry-id], a[data-product-id]');
    if (t.key !== null && link) {
      t.first = performance.now() - t.key;
      t.q = r.dataset.query;
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""


def _is_search(url: str, help_url: str) -> bool:
    """A file of the widget's search: its worker bundle (or a version's worker scripts), the
    index and its split files; anything else is the panel's (its script, data and parts)."""
    path = url.removeprefix(help_url.rstrip("/") + "/")
    return path.startswith(("search/", "_kbgen/widget/search.", "assets/kbgen/"))


@dataclass
class Fetched:
    """Every request of a page and of its workers, as Playwright reports them."""

    started: list[Any] = field(default_factory=list)
    pending: set[Any] = field(default_factory=set)
    last_change: float = field(default_factory=time.monotonic)

    def attach(self, page: Any) -> None:
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, r: Any) -> None:
        self.started.append(r)
        self.pending.add(r)
        self.last_change = time.monotonic()

    def _ended(self, r: Any) -> None:
        self.pending.discard(r)
        self.last_change = time.monotonic()

    def wait_quiet(self, page: Any, quiet: float = QUIET_S, limit: float = 60.0) -> None:
        start = time.monotonic()
        while time.monotonic() - start < limit:
            page.wait_for_timeout(100)
            if not self.pending and time.monotonic() - self.last_change >= quiet:
                return

    @staticmethod
    def sizes(requests: list[Any]) -> tuple[float, float]:
        """(bodies as sent, gzip; and with their response headers) of these requests. A blob:
        URL (made in the page) costs nothing."""
        body = head = 0.0
        for r in requests:
            if r.url.startswith(("blob:", "data:")):
                continue
            sizes = r.sizes()
            body += float(sizes["responseBodySize"])
            head += float(sizes["responseHeadersSize"])
        return body, body + head


def _shop_page(help_url: str, product: str) -> tuple[Any, str]:
    """A shop's product page (its own origin, under the shop's CSP) embedding the widget."""
    import http.server
    import threading

    origin = help_url.rstrip("/")
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Product</title></head>'
        f"<body><main><h1>Product {product}</h1><p>A product page of the shop.</p></main>"
        f'<script src="{help_url}widget.js" async data-product="{product}"></script></body></html>'
    ).encode()

    class Shop(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = html if self.path.split("?")[0] == "/product" else b"not found"
            self.send_response(200 if body is html else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", serve.shop_csp(origin))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Shop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://localhost:{server.server_address[1]}/product"


DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
"""A desktop's panel puts the focus in its search box; a phone's in its title (no keyboard over
the answers), and the shopper taps the search box to search."""
SEARCH_BOX = "kbgen-help input[type=search]"


LAUNCHER = "kbgen-help button.kb-launcher"
OPEN_BY_SCRIPT = "() => kbgen.open()"
PANEL_ANSWERS = """() => {
  const host = [...document.body.children].find(e => e.shadowRoot && e.shadowRoot.querySelector('button'));
  const dialog = host.shadowRoot.querySelector('[role="dialog"]');
  return dialog && !dialog.hidden && dialog.querySelector('.kb-context a[data-entry-id]');
}"""


@dataclass(frozen=True)
class Case:
    """How the panel is opened: on a ``device``, after the page was idle or not, and ``how``:
    "mouse" (over the launcher first, then a click), "tap" (a phone's finger: no hover) or
    "script" (the shop's own link calls kbgen.open(): nothing hovered)."""

    device: str
    idle: bool
    how: str

    @property
    def label(self) -> str:
        how = {"mouse": "hover, click", "tap": "tap", "script": "kbgen.open()"}[self.how]
        return f"{self.device}, {'after idle' if self.idle else 'cold'}, {how}"


OPEN_CASES = [
    Case("desktop", False, "mouse"),
    Case("desktop", True, "mouse"),
    Case("phone", False, "tap"),
    Case("desktop", False, "script"),
]


@dataclass
class Opened:
    """What one opening fetched, from the help site and the page's workers: under the mouse
    before the click, then from the click until quiet; each the panel's files (its script, data
    and parts) apart from the search's (its worker, the index). (bodies as sent, with their
    headers) in bytes."""

    hover_panel: tuple[float, float]
    hover_search: tuple[float, float]
    click_panel: tuple[float, float]
    click_search: tuple[float, float]
    files: list[str]


def _open_bytes(browser: Any, shop_url: str, help_url: str, case: Case) -> Opened:
    """Open the panel as ``case`` says and count every request of the page and its workers:
    the hover's until quiet, then the click's until quiet. Not ``idle``: the browser is never
    idle (all comes with the hover or the click); else the panel's script and data came at idle."""
    context = browser.new_context(**DEVICES[case.device])
    page = context.new_page()
    if not case.idle:
        page.add_init_script("window.requestIdleCallback = () => 0;")
    fetched = Fetched()
    fetched.attach(page)
    page.goto(shop_url, wait_until="load")
    page.wait_for_function(HAS_LAUNCHER, timeout=60_000, polling=20)
    fetched.wait_quiet(page, quiet=1.0 if case.idle else 0.5)
    before = len(fetched.started)
    if case.how == "mouse":
        page.hover(LAUNCHER)
        fetched.wait_quiet(page)
    hovered = fetched.started[before:]
    clicked_at = len(fetched.started)
    if case.how == "mouse":
        page.click(LAUNCHER)
    elif case.how == "tap":
        page.tap(LAUNCHER)
    else:
        page.evaluate(OPEN_BY_SCRIPT)
    page.wait_for_function(PANEL_ANSWERS, timeout=60_000, polling=50)
    fetched.wait_quiet(page)
    clicked = fetched.started[clicked_at:]

    def listed(requests: list[Any], when: str) -> list[str]:
        return [
            f"{when} {r.url.removeprefix(help_url)} {kb(Fetched.sizes([r])[0])}"
            for r in requests
            if not r.url.startswith(("blob:", "data:"))
        ]

    opened = Opened(
        hover_panel=Fetched.sizes([r for r in hovered if not _is_search(r.url, help_url)]),
        hover_search=Fetched.sizes([r for r in hovered if _is_search(r.url, help_url)]),
        click_panel=Fetched.sizes([r for r in clicked if not _is_search(r.url, help_url)]),
        click_search=Fetched.sizes([r for r in clicked if _is_search(r.url, help_url)]),
        files=listed(hovered, "hover:") + listed(clicked, "click:"),
    )
    context.close()
    return opened


def _first_result(browser: Any, shop_url: str, think_ms: int, query: str, device: str) -> tuple[float, str]:
    """On Slow 4G with the CPU 4x slower: the page loads and goes quiet, the shopper opens the
    panel (on a phone, then taps its search box), waits ``think_ms``, then types ``query``
    (TYPE_MS between keys). ms from the first key's keydown to the first frame showing a
    result, and the text it was for."""
    context = browser.new_context(**DEVICES[device])
    page = context.new_page()
    fetched = Fetched()
    fetched.attach(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE_CPU})
    page.goto(shop_url, wait_until="load", timeout=120_000)
    page.wait_for_function(HAS_LAUNCHER, timeout=60_000, polling=20)
    fetched.wait_quiet(page, quiet=1.0)
    page.evaluate(RECORDER)
    if device == "phone":  # a finger: no hover before the tap
        page.tap(LAUNCHER)
    else:  # a mouse: over the launcher, then a click
        page.click(LAUNCHER)
    page.wait_for_function("() => window.__kbBench.answers !== null", timeout=60_000, polling=50)
    if device == "phone":
        page.locator(SEARCH_BOX).tap()
    page.wait_for_timeout(think_ms)
    page.evaluate(FIRST_RESULT)
    page.keyboard.type(query, delay=TYPE_MS)
    page.wait_for_function("() => window.__kbFirst.first !== null", timeout=120_000, polling=50)
    t = page.evaluate("() => window.__kbFirst")
    context.close()
    return float(t["first"]), str(t["q"])


def _build_with(tree: Path, root: Path, config: Path, out: Path) -> float:
    """Build the project at ``root`` into ``out`` with the kbgen of ``tree``; seconds taken."""
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(tree))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "-f", str(config), "-d", str(out)],
        cwd=root, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def report_compare(
    old_rev: str, entries: int, products: int, keep: Path | None, runs: int, thinks: list[int]
) -> None:
    """Old (``old_rev``, a git revision of this repository) against new (this tree), on the same
    generated help center, side by side: what opening the panel on a product page fetches, and
    the time to the first result of the shopper's first search on Slow 4G."""
    import subprocess
    import tempfile

    from bench.build_time import generate_entries, write_kbgen_site
    from bench.products_scale import generate_catalog, name_products, write_catalog
    from bench.search_network import busiest_product, cold_queries

    print(
        f"6. old ({old_rev}) vs new (this tree): a product page of a generated help center,"
        f" {entries} entries, {products} products"
    )
    with tempfile.TemporaryDirectory(prefix="kbgen-widget-compare-") as tmp:
        root = keep or Path(tmp)
        sites = {"old": root / "old-site", "new": root / "site"}
        config = root / "mkdocs.yml"
        if not config.is_file():
            generated = generate_entries(entries)
            config = write_kbgen_site(root, generated)
            catalog = generate_catalog(products)
            write_catalog(root / "content", catalog)
            name_products(root / "content", generated, catalog)
        old_tree = root / "old-tree"
        if not (old_tree / "kbgen").is_dir():
            old_tree.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(
                ["git", "archive", old_rev], cwd=ROOT, check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive, check=True)
        for name, tree in (("old", old_tree), ("new", ROOT)):
            if keep is not None and (sites[name] / "widget.js").is_file():
                print(f"   {name}: built before in {sites[name]}")
            else:
                print(f"   {name}: built in {_build_with(tree, root, config, sites[name]):.0f} s")
        product = busiest_product(root / "content")
        queries = cold_queries(entries, max(runs, 1))
        from playwright.sync_api import sync_playwright

        servers_: list[Any] = []
        urls: dict[str, tuple[str, str]] = {}
        for name, site in sites.items():
            help_server, help_url = serve.serve_help(site)
            shop_server, shop_url = _shop_page(help_url, product)
            servers_ += [help_server, shop_server]
            urls[name] = (help_url, shop_url)
        opened: dict[tuple[str, Case], list[Opened]] = {}
        firsts: dict[tuple[str, str, int], list[float]] = {}
        shown: dict[tuple[str, str, int], list[str]] = {}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(runs):  # old and new alternate, so the machine's load hits both
                    for name in sites:
                        help_url, shop_url = urls[name]
                        for case in OPEN_CASES:
                            got = _open_bytes(browser, shop_url, help_url, case)
                            opened.setdefault((name, case), []).append(got)
                for device in DEVICES:
                    for think in thinks:
                        for run in range(runs):
                            for name in sites:
                                query = queries[run % len(queries)]
                                ms, text = _first_result(browser, urls[name][1], think, query, device)
                                firsts.setdefault((name, device, think), []).append(ms)
                                shown.setdefault((name, device, think), []).append(text)
                browser.close()
        finally:
            for server in servers_:
                server.shutdown()
                server.server_close()
    print(f"   the page of the product most entries name ({product}), in Chromium")
    print("   panel open: every request of the page and its workers, on loopback, in KB of bodies")
    print(f"   as sent (gzip; median of {runs}): under a mouse over the launcher until the network is")
    print(f"   quiet for {QUIET_S:.0f} s, then from the click until quiet; each the panel's files (its")
    print("   script, data and parts: budget 20 KB for the two together) and the search's (its worker,")
    print("   the index)")
    whats = ("hover_panel", "hover_search", "click_panel", "click_search")
    print(
        f"   {'open':<34} {'tree':<4} {'hover: panel':>13} {'hover: search':>14} {'click: panel':>13}"
        f" {'click: search':>14} {'panel, all':>11}"
    )
    for case in OPEN_CASES:
        for n, name in enumerate(sites):
            rows = opened[(name, case)]
            cells = [median([getattr(r, what)[0] for r in rows]) for what in whats]
            panel_all = median([r.hover_panel[0] + r.click_panel[0] for r in rows])
            label = case.label if n == 0 else ""
            print(
                f"   {label:<34} {name:<4} {kb(cells[0]):>13} {kb(cells[1]):>14} {kb(cells[2]):>13}"
                f" {kb(cells[3]):>14} {kb(panel_all):>11}"
            )
    for case in OPEN_CASES:
        for name in sites:
            print(f"   {name}, {case.label}: " + ", ".join(opened[(name, case)][0].files))
    print(f"   first result time: Slow 4G, CPU {MOBILE_CPU}x; the page quiet, the launcher clicked (a mouse")
    print("   moved over it and pressed at once; a phone taps it, then taps the search box), the think")
    print(f"   time, then a query typed {TYPE_MS} ms a key; ms from the first key down to the first frame")
    print(f"   showing a result (median of {runs}, each run's in brackets; each run another query:")
    print(f"   {', '.join(queries[:runs])})")
    print(f"   {'think':<26} {'old':>24} {'new':>24}")
    for device in DEVICES:
        for think in thinks:
            cells = []
            for name in sites:
                values = firsts[(name, device, think)]
                cells.append(f"{median(values):.0f} ms (" + "/".join(f"{v:.0f}" for v in values) + ")")
            print(f"   {device + ', ' + str(think) + ' ms':<26} {cells[0]:>24} {cells[1]:>24}")
    for device in DEVICES:
        for think in thinks:
            for name in sites:
                texts = " / ".join(repr(t) for t in shown[(name, device, think)])
                print(f"   {name}, {device}, think {think} ms, shown for: {texts}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"among {', '.join(PAGES)}")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse comparison")
    parser.add_argument("--help-site", type=Path, help="serve this built help center instead of building one")
    parser.add_argument(
        "-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml", help="the help center to build"
    )
    parser.add_argument(
        "--entries",
        type=int,
        default=1000,
        help="size the widget's data at this many generated entries (0: skip; default 1000)",
    )
    parser.add_argument(
        "--products", type=int, default=0, help="generated products in that help center (default 0)"
    )
    parser.add_argument(
        "--keep-scale-site",
        type=Path,
        help="build the generated help center in this folder and keep it (or use the one there)",
    )
    parser.add_argument("--data-only", action="store_true", help="only the loader and the data's size")
    parser.add_argument(
        "--compare",
        metavar="REV",
        help="only: old (this git revision) vs new (this tree) at --entries/--products, panel open bytes"
        " and first result time (section 6)",
    )
    parser.add_argument(
        "--think-ms", default="0,400,2000", help="with --compare: the shopper's pauses before typing (ms)"
    )
    args = parser.parse_args()
    if args.compare:
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        thinks = [int(t) for t in args.think_ms.split(",") if t]
        report_compare(args.compare, args.entries, args.products, args.keep_scale_site, args.runs, thinks)
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 0
    pages = [p for p in args.pages.split(",") if p]
    unknown = [p for p in pages if p not in PAGES]
    if unknown:
        parser.error(f"unknown page {', '.join(unknown)}: choose among {', '.join(PAGES)}")
    from playwright.sync_api import sync_playwright

    binary = None if args.no_lighthouse or args.data_only else ensure_lighthouse()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    with servers(args.help_site, args.config_file) as (help_url, shop_url, bare_url, site):
        if not (site / "widget.js").is_file():
            print(f"{site}: the built help center has no widget.js", file=sys.stderr)
            return 1
        print(f"help center {help_url}   shop {shop_url}   shop without widget {bare_url}\n")
        report_loader(site / "widget.js")
        if args.data_only:
            report_data_at_scale(args.entries, args.products, site, args.keep_scale_site)
            return 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            report_bytes(browser, pages, args.runs, (help_url, shop_url, bare_url))
            report_clicks(browser, pages, args.runs, shop_url)
            browser.close()
        if binary is None:
            print("4. Lighthouse: skipped (--no-lighthouse)")
        else:
            report_lighthouse(binary, pages, args.runs, shop_url, bare_url)
        if args.entries > 0:
            report_data_at_scale(args.entries, args.products, site, args.keep_scale_site)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
