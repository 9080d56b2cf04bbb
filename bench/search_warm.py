#!/usr/bin/env python3
"""Warm typing on kbgen's search page: this tree's search scripts vs an older commit's, side by side.

Usage:
    python3 bench/search_warm.py                       # 1k and 10k entries, against main
    python3 bench/search_warm.py --old 42ac992 --entries 1000 --warm 24 --reuse

A warm keystroke is bench/search_network.py's: the help center's search page, opened and searched
once (a cold first search, then the page left alone until no request is pending, so a small site
has fetched its whole index), then --warm queries (bench/search_speed.py's: 1-3 words of a
question, some with a typo or half-typed) typed key by key into the box, each keystroke timed in
the page from its keydown to the results for the new text in the DOM (search_network's
WARM_RECORDER and per-key loop, unchanged). Unthrottled loopback, headless Chromium.

One site per size (search_network's generated help center, --products half the entries) is built
by this tree and served twice: once with this tree's search scripts (the page's search.js and the
worker's search-worker.js, as the build writes them), once with the same files of --old (read
with ``git show``), everything else the same files. When --old writes another split format
(shards.py SPLIT_FORMAT), its copy gets its own split index: this tree's split again by --old's
shards.py, the same whole index. The worker runs as the page starts it: --old's worker bundle
when that commit has one (kbgen/search/bundle.py's recipe, from its files), else its worker
unbundled; this tree's bundle; both under the name the built page gives its bundle.

The search files are gzipped before typing starts (--gzip ahead), as a host that serves them
precompressed, or a CDN's edge that has them, sends them: at level 9 the bench's Python server
took 120-190 ms to compress one 200 KB prefix file of a 10,000-entry split index, at each
request, more than the keystroke's whole answer otherwise (--gzip each: as before).
Both pages are open in the same browser at the same time and type the same queries, one query
on one then on the other, taking turns on which
goes first, so the machine's load weighs on both alike. Besides p50/p95 per keystroke: the
worker's own time (its ``ms.search + ms.highlight``, reported with each answer), and how many
keystrokes had to fetch files of a split index (``waves``), with their own p50/p95. A third copy,
``echo``, has a worker that searches nothing and answers each keystroke at once with the same 10
results: the floor, what the page, the browser and the machine cost without any search. A fourth,
``bare``, puts that worker behind a page with nothing but a box and a list (BARE_PAGE): what the
browser and the machine cost without the help center's page. On this machine's Chromium, a
worker's answer to a keystroke waits for the frame that paints the typed letter (a no-op worker's
round trip is about 0.5 ms after a scripted input event, 8 ms at the median after a real key),
so that wait is in every row.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search_network as net  # noqa: E402
from bench.netlog import percentile  # noqa: E402
from bench.search_speed import docs_for, queries_for  # noqa: E402
from bench.widget import serve  # noqa: E402
from kbgen.search import bundle, shards  # noqa: E402

SCRIPTS = {  # the site's file: (the theme's script, the split index's part and where it goes)
    shards.WORKER: (
        "kbgen/theme/assets/kbgen/search-worker.js",
        "kbgen/search/assets/search-shards.js",
        "after",
    ),
    shards.PAGE: ("kbgen/theme/assets/kbgen/search.js", "kbgen/search/assets/search-split-page.js", "before"),
}
THEME_JS = ("lunr.js", "search-tokenize.js", "compat.js")


def at_commit(ref: str, path: str) -> str:
    return subprocess.run(
        ["git", "show", f"{ref}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def scripts(ref: str | None, split: bool) -> dict[str, str]:
    """The search scripts a site gets from commit ``ref`` (None: this tree), as the build writes
    them (kbgen/mkdocs/pages.py: add_search_shards)."""

    def read(path: str) -> str:
        return (ROOT / path).read_text(encoding="utf-8") if ref is None else at_commit(ref, path)

    out = {f"assets/kbgen/{name}": read(f"kbgen/theme/assets/kbgen/{name}") for name in THEME_JS}
    for target, (theme, part, where) in SCRIPTS.items():
        text = read(theme)
        if split:
            extra = read(part)
            text = (
                (text.rstrip("\n") + "\n\n" + extra)
                if where == "after"
                else (extra.rstrip("\n") + "\n\n" + text)
            )
        out[target] = text
    return out


def old_bundle(ref: str) -> str:
    """Commit ``ref``'s worker bundle, put together as this tree's kbgen/search/bundle.py puts its
    own (its handover, lunr, tokenizer and compatibility lookup, then its worker with its split
    index's loader appended), from ``ref``'s files."""
    worker, *needed = bundle.SEARCH_FILES
    parts = [at_commit(ref, "kbgen/search/assets/search-handover.js").rstrip()]
    parts += [at_commit(ref, f"kbgen/theme/{path}").rstrip() for path in needed]
    split_worker = (
        at_commit(ref, f"kbgen/theme/{worker}").rstrip("\n")
        + "\n\n"
        + at_commit(ref, "kbgen/search/assets/search-shards.js")
    )
    parts.append("(function () {\n" + split_worker.rstrip() + "\n})();")
    return "\n;\n".join(parts) + "\n"


def site_bundle(site: Path) -> str:
    """Where the built search page starts its worker bundle (relative to the site's root): the
    build's own fingerprinted name, which this tree's name differs from once its scripts changed."""
    found = sorted(site.glob(bundle.PAGE_WORKER_STEM + ".*.js"))
    if len(found) != 1:
        sys.exit(f"{site}: expected one worker bundle ({bundle.PAGE_WORKER_STEM}.*.js), found {len(found)}")
    return found[0].relative_to(site).as_posix()


def site_engine(site: Path) -> str | None:
    """Where the built search page loads the engine it runs itself (bundle.py: page_engine), or
    None (a site built before it had one)."""
    found = sorted(site.glob(bundle.PAGE_ENGINE_STEM + ".*.js"))
    return found[0].relative_to(site).as_posix() if len(found) == 1 else None


def has_bundle(ref: str) -> bool:
    """Whether commit ``ref``'s search page starts its worker as one file (kbgen/search/bundle.py)."""
    path = f"{ref}:kbgen/search/bundle.py"
    return subprocess.run(["git", "cat-file", "-e", path], cwd=ROOT, capture_output=True).returncode == 0


def old_index(ref: str, site: Path) -> dict[str, str]:
    """The search index files of commit ``ref``'s split format for ``site`` (its own split index
    split again by ``ref``'s kbgen/search/shards.py), when ``ref`` writes another format than
    this tree: {path in the site: text}; {} when the formats are the same (or the site is whole)."""
    source = at_commit(ref, "kbgen/search/shards.py")
    old = types.ModuleType("old_shards")
    old.__dict__["__file__"] = str(ROOT / "kbgen/search/shards.py")
    exec(compile(source, f"{ref}:kbgen/search/shards.py", "exec"), old.__dict__)
    folder = site / "search"
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    if not manifest.get("split") or old.SPLIT_FORMAT == shards.SPLIT_FORMAT:
        return {}
    whole = shards.whole_index(manifest, lambda name: (folder / shards.SHARD_DIR / name).read_text("utf-8"))
    text, files = old.split(whole, manifest["t"])
    out = {"search/index.json": text}
    out.update({f"search/{shards.SHARD_DIR}/{name}": body for name, body in files.items()})
    return out


def variant(site: Path, dest: Path, files: dict[str, str]) -> Path:
    """A copy of ``site`` (hard links: no bytes copied) with ``files`` written in place."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(site, dest, copy_function=os.link)
    for rel, text in files.items():
        target = dest / rel
        target.unlink(missing_ok=True)  # a new file, not the linked one
        target.write_text(text, encoding="utf-8")
    return dest


@dataclass
class Typed:
    times: list[float] = field(default_factory=list)  # per keystroke, ms
    worker: list[float] = field(default_factory=list)  # the worker's own ms, same keystrokes
    fetched: list[bool] = field(default_factory=list)  # whether it fetched files first, same keystrokes
    frames: list[int] = field(default_factory=list)  # frames begun between keydown and answer (FRAMES)
    page: int = 0  # keystrokes answered by the engine in the page (search.js: data-answers="page")
    missed: int = 0
    engine_ms: dict[str, float] = field(default_factory=dict)  # its parse and load (data-engine-ms)
    long_ms: float = 0.0  # the longest main-thread task while it loaded (PerformanceObserver)


# the worker's figures for the answer shown ({} for an answer without them: "one more letter")
MS = """() => {
  const text = document.getElementById('kb-search').dataset.queryMs;
  try { return JSON.parse(text) || {}; } catch (e) { return {}; }
}"""


# Per keystroke: how many frames began (requestAnimationFrame, which runs before a frame is
# painted) between its keydown and its results in the DOM: 0, they are painted with the typed
# letter; 1, in the frame after the letter's; more, later.
FRAMES = """() => {
  const box = document.querySelector('#kb-search-q'), root = document.getElementById('kb-search');
  const f = window.__b20f = {frames: 0, at: null};
  addEventListener('keydown', () => {
    const tick = () => { if (f.at !== null) return; f.frames += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const ob = new MutationObserver(() => {
      if (f.at === null && root.dataset.query === box.value) { f.at = f.frames; ob.disconnect(); }
    });
    ob.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
  }, {capture: true, once: true});
}"""


def type_query(page: Any, q: str, typed: Typed) -> None:
    """search_network.warm_runs for one query (the same recorder and steps), also reading the
    worker's own figures of each answer (the page's data-query-ms) and the frames it took."""
    ui = net.KBGEN
    page.fill(ui.box, "")
    page.wait_for_timeout(400)
    for ch in q:
        page.evaluate("() => window.__b20arm()")
        page.evaluate(FRAMES)
        page.keyboard.press(ch if ch != " " else "Space")
        ms = page.evaluate("() => window.__b20done")
        if ms is None:
            typed.missed += 1
            continue
        typed.times.append(float(ms))
        at = page.evaluate("() => window.__b20f.at")
        typed.frames.append(99 if at is None else int(at))
        got = page.evaluate(MS)
        typed.worker.append(float(got.get("search", 0)) + float(got.get("highlight", 0)))
        typed.fetched.append(bool(got.get("waves")))
        typed.page += page.evaluate("() => document.getElementById('kb-search').dataset.answers === 'page'")


VARIANTS = ("old", "new", "echo", "bare")

# The browser's own floor: a search page with nothing but a box, the echo worker and a list the
# answers are written into (as kbgen's page writes them: a link with the question marked, the
# summary, data-query set on the same element), none of the help center's page around it.
BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Search</title></head>
<body><main><div id="kb-search"><input id="kb-search-q" type="search" aria-label="Search">
<p id="kb-search-status"></p><ol id="kb-search-results"></ol></div></main>
<script src="bare.js"></script></body></html>
"""
BARE_SCRIPT = """(function () {
  var root = document.getElementById("kb-search"), input = document.getElementById("kb-search-q");
  var list = document.getElementById("kb-search-results");
  var status = document.getElementById("kb-search-status");
  var worker = new Worker("../WORKER"), seq = 0;
  function marked(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement("mark"); m.textContent = text.slice(r[0], r[1]); parent.appendChild(m);
      at = r[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }
  input.addEventListener("input", function () {
    seq += 1;
    worker.postMessage({ seq: seq, q: input.value, limit: 10, page_url: location.href });
  });
  worker.onmessage = function (event) {
    var msg = event.data || {};
    if (msg.seq !== seq) return;
    list.textContent = "";
    msg.hits.forEach(function (h) {
      var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
      a.href = h.url; marked(a, h.question, h.hq); marked(p, h.summary, h.hs);
      li.appendChild(a); li.appendChild(p); list.appendChild(li);
    });
    status.textContent = msg.total + " results";
    root.dataset.query = msg.q;
  };
})();
"""  # a file of its own: the site's Content-Security-Policy (netlify.toml) runs no inline script


def echo_worker(n: int) -> str:
    """A search worker that searches nothing: ready at once, and each query answered at once with
    the same 10 results (generated entries, a word of each highlighted). Typing into it measures
    the floor: what the page, the browser and the machine cost without any search."""
    hits = [
        {"id": d.id, "question": d.question, "summary": d.summary, "stage": "faq", "url": d.url,
         "kind": "entry", "hq": [[0, 3]], "hs": [[0, 3]]}
        for d in docs_for(n)[:10]
    ]  # fmt: skip
    return (
        f"var HITS = {json.dumps(hits)};\n"
        "postMessage({ ready: true, docs: HITS.length, ms: {} });\n"
        "onmessage = function (event) {\n"
        "  var m = event.data || {};\n"
        "  if (!('q' in m)) return;  // the page handing over its index (kbgen/search/bundle.py)\n"
        "  postMessage({ seq: m.seq, q: m.q, total: 100, hits: HITS.slice(0, m.limit || 10),\n"
        "                compat: [], which: [], lead: 0, channels: [], ms: { search: 0, highlight: 0 } });\n"
        "};\n"
    )


# Main-thread tasks of 50 ms or more (the browser's "long tasks"), from the page's start.
LONG_TASKS = """() => {
  window.__b20long = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => window.__b20long.push(e.duration)))
    .observe({type: 'longtask', buffered: true});
}"""


def open_warm(
    browser: Any, site: net.Site, query: str, args: argparse.Namespace, typed: Typed
) -> tuple[Any, Any]:
    """The page, searched once (cold); then, when its search.js runs the engine in the page
    (data-engine), until that engine answers (its parse and load times and the longest main-thread
    task since the page opened in ``typed``), else the pause a small site's whole index comes in."""
    _, context, page = net.cold_run(browser, site, "loopback", query, args, keep=True)
    page.evaluate(LONG_TASKS)
    page.wait_for_timeout(1500)  # a small site's whole index comes after a pause
    if page.evaluate("() => 'engine' in document.getElementById('kb-search').dataset"):
        with contextlib.suppress(Exception):  # else said in the table: no keystroke answered by the page
            page.wait_for_function(
                "() => document.getElementById('kb-search').dataset.answers === 'page'", timeout=30_000
            )
        page.wait_for_timeout(300)
        got = page.evaluate("() => document.getElementById('kb-search').dataset.engineMs || '{}'")
        typed.engine_ms = {k: float(v) for k, v in json.loads(got).items()}
        typed.long_ms = max(page.evaluate("() => window.__b20long"), default=0.0)
    page.click(net.KBGEN.box)
    page.evaluate(net.WARM_RECORDER.replace("ANSWERED", net.KBGEN.answered), net.KBGEN.watch)
    return context, page


def share(frames: list[int], most: int) -> str:
    """The share of keystrokes answered within ``most`` frames after the typed letter's."""
    return f"{100 * sum(f <= most for f in frames) / len(frames):.0f}%" if frames else "-"


def stats(xs: list[float]) -> str:
    return f"{percentile(xs, 50):6.1f} {percentile(xs, 95):6.1f}" if xs else f"{'-':>6} {'-':>6}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", default="1000,10000")
    ap.add_argument("--products", type=int, default=-1, help="default: half the entries")
    ap.add_argument(
        "--old", default="main", help="the commit whose search scripts are compared (default main)"
    )
    ap.add_argument(
        "--warm", type=int, default=12, help="queries typed key by key (search_network's default)"
    )
    ap.add_argument("--reuse", action="store_true", help="reuse search_network's built site when complete")
    ap.add_argument(
        "--gzip",
        choices=("ahead", "each"),
        default="ahead",
        help="ahead (default): the search files gzipped before typing, as a host serving them "
        "precompressed (or a CDN's edge that has them) sends them; each: gzipped at each request, "
        "at level 9, by the bench's Python server (as before 2026-12-07)",
    )
    args = ap.parse_args()
    args.think_ms, args.type_ms = 400, 180
    old_ref = subprocess.run(
        ["git", "rev-parse", "--short", args.old], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    new_ref = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "kbgen"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    from playwright.sync_api import sync_playwright

    print("$", shlex.join(["python3", "bench/search_warm.py", *sys.argv[1:]]))
    print(
        f"old: search scripts of {args.old} ({old_ref}); new: this tree (HEAD {new_ref}"
        + (", with uncommitted changes)" if dirty else ")")
    )
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    started = time.perf_counter()
    rows: list[tuple[int, str, Typed]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=net.CHROMIUM, args=net.CHROMIUM_ARGS)
        for n in [int(x) for x in args.entries.split(",") if x]:
            products = n // 2 if args.products < 0 else args.products
            built = net.build_sites(n, products, ["kbgen"], reuse=args.reuse)["kbgen"]
            split = (built.dir / "search" / shards.SHARD_DIR).is_dir()
            sites, pages, contexts = {}, {}, []
            worker_at = site_bundle(built.dir)  # the file the built page starts (data-worker)
            engine_at = site_engine(built.dir)  # the engine the built page runs itself (data-engine)
            for name, ref in (("old", args.old), ("new", None)):
                files = scripts(ref, split)
                if ref is not None:  # an older split format: that commit's own split index
                    files.update(old_index(ref, built.dir))
                    # an older search.js without a bundle starts whatever data-worker names: that
                    # file is the older worker, unbundled; with one, that commit's bundle
                    files[worker_at] = old_bundle(ref) if has_bundle(ref) else files[shards.WORKER]
                else:  # this tree's bundle and engine, at the names the built page gives them
                    files[worker_at] = bundle.worker_bundle().decode("utf-8")
                    if engine_at:
                        files[engine_at] = bundle.page_engine().decode("utf-8")
                if ref is None:  # this tree's scripts are the built site's, byte for byte
                    same = all(
                        (built.dir / rel).read_text(encoding="utf-8") == text for rel, text in files.items()
                    )
                    if not same:
                        print(
                            "  note: the built site's search scripts are not this tree's: using this tree's"
                        )
                folder = variant(built.dir, built.dir.parent / f"site-{name}", files)
                _, url = serve.serve_help(folder, netlify_toml=ROOT / "netlify.toml")
                sites[name] = net.Site("kbgen", folder, url=url)
            echo = echo_worker(n)  # in both places a page may start its worker from
            echoes = {shards.WORKER: echo, worker_at: echo}
            folder = variant(built.dir, built.dir.parent / "site-echo", echoes)
            sites["echo"] = net.Site(
                "kbgen", folder, url=serve.serve_help(folder, netlify_toml=ROOT / "netlify.toml")[1]
            )
            bare = {**echoes, f"{net.KBGEN.path}index.html": BARE_PAGE,
                    f"{net.KBGEN.path}bare.js": BARE_SCRIPT.replace("WORKER", worker_at)}  # fmt: skip
            folder = variant(built.dir, built.dir.parent / "site-bare", bare)
            sites["bare"] = net.Site(
                "kbgen", folder, url=serve.serve_help(folder, netlify_toml=ROOT / "netlify.toml")[1]
            )
            if args.gzip == "ahead":
                took = time.perf_counter()
                count = sum(serve.precompress(site.dir / sub) for site in sites.values()
                            for sub in ("search", "assets"))  # fmt: skip
                print(f"  {count} files gzipped ahead in {time.perf_counter() - took:.1f} s", flush=True)
            else:
                serve.GZIP_CACHE_BYTES = 0  # type: ignore[attr-defined]  # each request compresses
            first = net.cold_queries(n, 1)[0]
            typed = {name: Typed() for name in sites}
            for name, site in sites.items():
                context, page = open_warm(browser, site, first, args, typed[name])
                contexts.append(context)
                pages[name] = page
            for i, q in enumerate(queries_for(docs_for(n), args.warm)):
                order = list(VARIANTS[i % len(VARIANTS) :] + VARIANTS[: i % len(VARIANTS)])
                for name in order:
                    type_query(pages[name], q, typed[name])
            for context in contexts:
                context.close()
            rows += [(n, name, typed[name]) for name in VARIANTS]
            print(
                f"{n} entries ({products} products, {'split' if split else 'one'} index) typed; "
                f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
                flush=True,
            )
        browser.close()
    print()
    print(
        f"{'entries':>7}  {'scripts':<14}  {'keys':>4}  {'p50':>6} {'p95':>6}  {'worker p50':>10} {'p95':>6}"
        f"  {'fetching keys':>13}  {'their p50':>9} {'p95':>6}  {'others p50':>10} {'p95':>6}"
        f"  {'frames 0':>8} {'<= 1':>5}  {'by page':>7}"
    )
    for n, name, t in rows:
        labels = {"old": f"old {old_ref}", "new": f"new {new_ref}", "echo": "echo (floor)"}
        label = labels.get(name, "bare (browser)")
        fetching = [ms for ms, f in zip(t.times, t.fetched, strict=True) if f]
        others = [ms for ms, f in zip(t.times, t.fetched, strict=True) if not f]
        print(
            f"{n:>7}  {label:<14}  {len(t.times):>4}  {stats(t.times)}  {'':>4}{stats(t.worker)}  "
            f"{len(fetching):>13}  {'':>3}{stats(fetching)}  {'':>4}{stats(others)}"
            f"  {share(t.frames, 0):>8} {share(t.frames, 1):>5}  {t.page:>7}"
            + (f"  ({t.missed} lost)" if t.missed else "")
        )
    for n, name, t in rows:
        if t.engine_ms:
            print(
                f"{n:>7}  {name}: the engine in the page: the index parsed in {t.engine_ms['parse']:.1f} ms,"
                f" the engine started in {t.engine_ms.get('start', 0):.1f} ms, the index loaded in "
                f"{t.engine_ms['load']:.1f} ms (tasks of their own); longest main-thread task since "
                f"the page opened: {t.long_ms:.0f} ms"
            )
    print("\nms per keystroke from its keydown to its results in the DOM (search_network.py's warm p50/p95);")
    print("worker: the worker's own time for that keystroke's answer; fetching keys: keystrokes whose")
    print("answer had to fetch files of the split index first (their time includes the requests);")
    print("echo (floor): a worker that searches nothing and answers each keystroke at once with the same")
    print("10 results: what the page, the browser and this machine cost without any search.")
    print("bare (browser): the same worker behind a page with nothing but a box and the list its answers")
    print("are written into: what the browser and this machine cost without the help center's page.")
    print("frames 0: keystrokes whose results were in the DOM before the next frame began (painted with")
    print("the typed letter); <= 1: by the frame after the letter's (FRAMES).")
    print("by page: keystrokes answered by the engine in the page (search.js: startEngine), the others")
    print("by the worker.")
    print(
        f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
