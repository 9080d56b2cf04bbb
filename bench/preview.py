#!/usr/bin/env python3
"""Live-preview benchmark: from saving an entry to the open browser tab showing the new text.

Usage:
    python3 bench/preview.py [--entries 52,1000] [--edits 5]

For each size (52 = the demo's size, and 1,000), one generated help center (bench/build_time.py's
generator, without Material's ``search`` plugin, as the demo) is previewed three ways, in the
same run:

1. ``mkdocs serve``   MkDocs' own preview: a full rebuild on every change. Until issue 12 this
                      was ``kbgen serve`` (it checked the content, then ran exactly this).
2. ``kbgen --full``   ``kbgen serve --full-rebuild``: kbgen's server, a full rebuild per change.
3. ``kbgen serve``    the preview now: only the pages the edit changes.

Each case starts the server, opens the edited entry's page in Chromium (Debian's
/usr/bin/chromium via Playwright) and waits until the page listens for changes. Then, ``--edits``
times: the entry's summary is rewritten on disk, and the clock runs from just before the write
until the reloaded page, with the new text, has been parsed (its DOMContentLoaded, in the same
machine's clock). Between edits the server is left to finish (search index, logs).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_time import generate_entries, write_kbgen_site  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PY = sys.executable
WORKDIR = ROOT / "bench" / "out" / "preview"
SHOWN = "window.addEventListener('DOMContentLoaded', () => { window.__shown = Date.now(); });"
LISTENING = re.compile(r"/livereload/\d+/\d+|/\.kbgen-preview/wait")


@dataclass
class Case:
    name: str
    argv: list[str]
    start: float = 0.0
    times: list[float] = field(default_factory=list)
    pages: str = ""
    failed: str = ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _site(n: int) -> tuple[Path, Path, str]:
    """A generated help center of ``n`` entries; (its root, the edited entry's file, its URL)."""
    root = WORKDIR / f"site-{n}"
    if root.exists():
        shutil.rmtree(root)
    entries = generate_entries(n)
    config = write_kbgen_site(root, entries)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - search\n", ""), encoding="utf-8")  # kbgen has its own
    edited = entries[len(entries) // 2]  # an ordinary entry: not the first of its stage
    return root, root / "content" / edited.path, f"questions/{edited.id}/"


def _wait_up(port: int, proc: subprocess.Popen[str], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def run_case(case: Case, root: Path, source: Path, path: str, edits: int, browser: Any) -> None:
    port = _free_port()
    log = (WORKDIR / f"{root.name}-{case.name.replace(' ', '-')}.log").open("w", encoding="utf-8")
    original = source.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's kbgen, whatever is installed
    started = time.perf_counter()
    argv = [*case.argv, "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(argv, cwd=root, stdout=log, stderr=log, env=env)
    context = browser.new_context()
    try:
        _wait_up(port, proc)
        tab = context.new_page()
        tab.add_init_script(SHOWN)
        url = f"http://127.0.0.1:{port}/{path}"
        with tab.expect_request(lambda r: bool(LISTENING.search(r.url)), timeout=300_000):
            tab.goto(url, timeout=300_000)
        case.start = time.perf_counter() - started
        text = original
        for i in range(edits):
            marker = f"Edited {i} {time.time_ns()}."
            text = re.sub(r"^summary: .*$", f"summary: {marker}", original, count=1, flags=re.M)
            saved = time.time() * 1000
            source.write_text(text, encoding="utf-8")
            tab.wait_for_function(
                "m => { const e = document.querySelector('.kb-answer__text');"
                " return e && e.textContent.includes(m) && window.__shown; }",
                arg=marker,
                timeout=120_000,
                polling=20,
            )
            case.times.append((tab.evaluate("window.__shown") - saved) / 1000)
            time.sleep(1.5)  # let the server finish (the search index after the page)
    except Exception as exc:  # a failed case is reported in the table
        case.failed = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        context.close()
        source.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    rebuilt = re.findall(r"Rebuilt (\d+) page", Path(log.name).read_text(encoding="utf-8"))
    if rebuilt:
        case.pages = "/".join(sorted(set(rebuilt), key=int))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", default="52,1000", help="comma-separated sizes (default 52,1000)")
    ap.add_argument("--edits", type=int, default=5, help="edits per case; the median is shown (default 5)")
    ap.add_argument("--no-full", action="store_true", help="skip `kbgen serve --full-rebuild`")
    args = ap.parse_args()
    sizes = [int(s) for s in args.entries.split(",")]
    WORKDIR.mkdir(parents=True, exist_ok=True)
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()

    from playwright.sync_api import sync_playwright

    results: list[tuple[int, Case]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in sizes:
            root, source, path = _site(n)
            cases = [Case("mkdocs serve", [PY, "-m", "mkdocs", "serve"])]
            if not args.no_full:
                cases.append(Case("kbgen --full", [PY, "-m", "kbgen", "serve", "--full-rebuild"]))
            cases.append(Case("kbgen serve", [PY, "-m", "kbgen", "serve"]))
            for case in cases:
                print(f"  {n} entries, {case.name} ...", end=" ", flush=True)
                run_case(case, root, source, path, args.edits, browser)
                print("FAILED: " + case.failed if case.failed else " ".join(f"{t:.2f}" for t in case.times),
                      flush=True)
                results.append((n, case))
        browser.close()

    header = ("entries", "preview", "median s", "min s", "max s", "start s", "pages rebuilt", "speed-up")
    rows = []
    for n, case in results:
        base = next(c for m, c in results if m == n and c.name == "mkdocs serve")
        ok = case.times and not case.failed
        ratio = f"{statistics.median(base.times) / statistics.median(case.times):.1f}x" \
            if ok and base.times and case is not base else ""
        rows.append((
            str(n), case.name,
            f"{statistics.median(case.times):.2f}" if ok else "FAILED",
            f"{min(case.times):.2f}" if ok else "-", f"{max(case.times):.2f}" if ok else "-",
            f"{case.start:.1f}" if ok else "-",
            case.pages or ("all" if case.name != "kbgen serve" else "-"), ratio,
        ))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(r: tuple[str, ...]) -> str:
        cells = enumerate(zip(r, widths, strict=True))
        return "  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in cells)

    try:
        import material
        import mkdocs

        versions = f"mkdocs {mkdocs.__version__}, material {material.__version__}"
    except Exception:  # pragma: no cover
        versions = "mkdocs/material versions unknown"
    print()
    print("$ " + shlex.join(["python3", "bench/preview.py", *sys.argv[1:]]))
    print(f"python {platform.python_version()}, {versions}, {os.cpu_count()} CPUs, "
          f"{args.edits} edits per case; 1-min load average {load0:.1f} at start, "
          f"{os.getloadavg()[0]:.1f} at end")
    print()
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))
    print()
    print("median/min/max s: from just before the entry file is written to the reloaded tab's "
          "DOMContentLoaded with the new text;\nstart s: from starting the server to the first page "
          "listening for changes; pages rebuilt: as kbgen serve logs it (the entry, its stage page,\n"
          "the entries that name it); 'all' = a full rebuild. Logs: bench/out/preview/*.log")
    print(f"\ntotal benchmark time {time.perf_counter() - t0:.0f}s")
    failed = [c for _, c in results if c.failed]
    for c in failed:
        print(f"FAILED {c.name}: {c.failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
