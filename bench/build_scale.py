#!/usr/bin/env python3
"""kbgen build at catalog scale: time, peak memory, output bytes and file count.

Usage:
    python3 bench/build_scale.py                       # 10k entries + 5k products, then 50k entries
    python3 bench/build_scale.py --case 10000:5000     # one case: ENTRIES:PRODUCTS
    python3 bench/build_scale.py --case 2000:500 --repeat 2

Every case is ``kbgen build`` (a fresh subprocess, this checkout's kbgen) of a generated help
center: ``bench/build_time.py``'s entries (fixed seed, 4 stages, ~150-300 words each) and, with
products, ``bench/products_scale.py``'s catalog (each entry names 1-3 products). Reports, per
case: wall-clock and CPU time of the build (median over --repeat), its peak memory (the child's
own maximum resident set size, from ``os.wait4``), the site's bytes and file count, and how many
of those are HTML pages and search files (``search/``). The goal of issue 20: a build of 10,000
entries and 5,000 products in under 60 s on this 2-core machine.

Sources and sites go to bench/out/build_scale/ (git-ignored; removed unless --keep).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_time import generate_entries, write_kbgen_site  # noqa: E402
from bench.products_scale import generate_catalog, name_products, write_catalog  # noqa: E402

WORKDIR = ROOT / "bench" / "out" / "build_scale"
PY = sys.executable
GOAL_S = 60.0  # issue 20: 10k entries + 5k products on 2 cores
GOAL_CASE = (10_000, 5_000)


@dataclass
class Case:
    entries: int
    products: int
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    size: int = 0
    files: int = 0
    html: int = 0
    search_size: int = 0
    search_files: int = 0
    failed: str = ""

    @property
    def name(self) -> str:
        return f"{self.entries} entries, {self.products} products"


def parse_case(text: str) -> tuple[int, int]:
    """'10000:5000' → (10000, 5000); '50000' → (50000, 0)."""
    entries, _, products = text.partition(":")
    try:
        e, p = int(entries), int(products or 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected ENTRIES or ENTRIES:PRODUCTS") from None
    if e < 4 or p < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: at least 4 entries and no negative products")
    return e, p


def write_project(root: Path, entries: int, products: int) -> Path:
    """A generated help center without Material's `search` plugin (kbgen has its own)."""
    if root.exists():
        shutil.rmtree(root)
    gen = generate_entries(entries)
    config = write_kbgen_site(root, gen)
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", ""), encoding="utf-8")
    if products:
        catalog = generate_catalog(products)
        write_catalog(root / "content", catalog)
        name_products(root / "content", gen, catalog)
    return config


def run_build(config: Path, site: Path) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MB, stderr tail) of one ``kbgen build`` in its own process."""
    if site.exists():
        shutil.rmtree(site)
    argv = [PY, "-m", "kbgen", "build", "-f", str(config), "--site-dir", str(site)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    with (site.parent / "build.log").open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    tail = ""
    if proc.returncode != 0:
        lines = (site.parent / "build.log").read_text(encoding="utf-8", errors="replace").splitlines()
        tail = f"exit status {proc.returncode}: {shlex.join(argv)}\n" + "\n".join(lines[-30:])
    # ru_maxrss is in kilobytes on Linux
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tail


def measure_tree(site: Path, case: Case) -> None:
    size = files = html = search_size = search_files = 0
    search = site / "search"
    for dirpath, _, names in os.walk(site):
        in_search = Path(dirpath).is_relative_to(search)
        for name in names:
            n = (Path(dirpath) / name).stat().st_size
            files += 1
            size += n
            html += name.endswith(".html")
            if in_search:
                search_files += 1
                search_size += n
    case.size, case.files, case.html = size, files, html
    case.search_size, case.search_files = search_size, search_files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--case",
        type=parse_case,
        action="append",
        help="ENTRIES[:PRODUCTS], repeatable (default: 10000:5000 and 50000)",
    )
    ap.add_argument("--repeat", type=int, default=1, help="builds per case; the median is shown (default 1)")
    ap.add_argument("--keep", action="store_true", help="keep the generated sources and built sites")
    args = ap.parse_args()
    cases = [Case(e, p) for e, p in (args.case or [GOAL_CASE, (50_000, 0)])]
    load0 = os.getloadavg()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load0)} ({os.cpu_count()} CPUs)", flush=True)
    for case in cases:
        project = WORKDIR / f"e{case.entries}-p{case.products}"
        t0 = time.perf_counter()
        config = write_project(project, case.entries, case.products)
        print(f"{case.name}: sources written in {time.perf_counter() - t0:.0f} s", flush=True)
        for i in range(args.repeat):
            took, cpu, peak, error = run_build(config, project / "site")
            if error:
                case.failed = error
                print(f"  [{i + 1}/{args.repeat}] FAILED\n{error}", file=sys.stderr, flush=True)
                break
            case.times.append(took)
            case.cpu.append(cpu)
            case.peak_mb.append(peak)
            print(f"  [{i + 1}/{args.repeat}] {took:.1f} s, cpu {cpu:.1f} s, peak {peak:.0f} MB", flush=True)
        if not case.failed:
            measure_tree(project / "site", case)
        if not args.keep:
            shutil.rmtree(project)

    print()
    print("$", shlex.join(["python3", "bench/build_scale.py", *sys.argv[1:]]))
    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, {args.repeat} build(s) per case; "
        f"1/5/15-min load average {' '.join(f'{x:.2f}' for x in load0)} at start, "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at end"
    )
    header = ("case", "wall s", "cpu s", "peak MB", "site MB", "files", "html", "search/ KB", "search files")
    rows = [
        (
            c.name,
            "FAILED" if c.failed else f"{statistics.median(c.times):.1f}",
            f"{statistics.median(c.cpu):.1f}" if c.cpu else "-",
            f"{max(c.peak_mb):.0f}" if c.peak_mb else "-",
            f"{c.size / 1e6:.1f}" if c.size else "-",
            str(c.files or "-"),
            str(c.html or "-"),
            f"{c.search_size / 1e3:.0f}" if c.search_size else "-",
            str(c.search_files or "-"),
        )
        for c in cases
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    for r in [header, tuple("-" * w for w in widths), *rows]:
        cells = enumerate(zip(r, widths, strict=True))
        print("  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in cells))
    print()
    print(
        "wall s: build subprocess wall-clock (median); cpu s: its user+system CPU; peak MB: its maximum\n"
        "resident set size (os.wait4); site MB = 10^6 bytes of the built site, uncompressed;\n"
        "search/: the files under site/search/ (the search index and whatever the build splits it into)."
    )
    goal = next((c for c in cases if (c.entries, c.products) == GOAL_CASE), None)
    if goal is not None:
        if goal.failed:
            verdict = "FAIL (the build failed)"
        else:
            t = statistics.median(goal.times)
            verdict = f"{'PASS' if t < GOAL_S else 'FAIL'} ({t:.1f} s)"
        entries, products = GOAL_CASE
        print(f"\ngoal: {entries} entries + {products} products build in < {GOAL_S:.0f} s: {verdict}")
    return 1 if any(c.failed for c in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
