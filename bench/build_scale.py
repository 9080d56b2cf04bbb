#!/usr/bin/env python3
"""kbgen build at catalog scale: time, peak memory, output bytes and file count.

Usage:
    python3 bench/build_scale.py                       # 10k entries + 5k products, then 50k entries
    python3 bench/build_scale.py --case 10000:5000     # one case: ENTRIES:PRODUCTS
    python3 bench/build_scale.py --case 2000:500 --repeat 2
    python3 bench/build_scale.py --case 10000:5000 --mode two   # only the default build
    python3 bench/build_scale.py --case 10000:5000 --mode two --compare main   # main vs this checkout

Every case is ``kbgen build`` (a fresh subprocess, this checkout's kbgen) of a generated help
center: ``bench/build_time.py``'s entries (fixed seed, 4 stages, ~150-300 words each) and, with
products, ``bench/products_scale.py``'s catalog (each entry names 1-3 products). Reports, per
case: wall-clock and CPU time of the build (median over --repeat), its peak memory (the child's
own maximum resident set size, from ``os.wait4``), the site's bytes and file count, and how many
of those are HTML pages and search files (``search/``). The goal of issue 20: a build of 10,000
entries and 5,000 products in under 60 s on this 2-core machine.

Each build runs in two modes side by side, taking turns (``--mode both``, the default): ``one``
is MkDocs' own build in one process (``KBGEN_PROCESSES=1``, the build before kbgen's
two-process one), ``two`` is ``kbgen build`` as it is (two processes from
kbgen/mkdocs/parallel.py's ``MIN_PAGES`` pages on). For each: wall-clock time, CPU time of the
build and its second process together, and "critical path": the wall time an idle 2-core
machine would take, from the CPU the build spent (the second process's share of the pages runs
beside the parent's: total CPU minus the smaller of the two processes' CPU in the pages and,
since the content is read by two processes too, in reading it, as reported through
``KBGEN_BUILD_STATS``). The machine is shared, so wall times depend on the
load: the load average is printed with every build. Both modes' sites are compared file by
file (they must be the same bytes). With ``--compare REF`` each mode also builds with kbgen at
git REF (``two@main``, say), taking turns with this checkout, and those sites are compared too.

Sources and sites go to bench/out/build_scale/ (git-ignored; removed unless --keep).
"""

from __future__ import annotations

import argparse
import hashlib
import json
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


MODES = {"one": "1", "two": "", "forced-two": "2"}
"""Build mode → KBGEN_PROCESSES (``one``: MkDocs' own build; ``two``: kbgen's default, two
processes from MIN_PAGES pages on; ``forced-two``: two processes at any size, to find where two
start to pay)."""


@dataclass
class Runs:
    """One mode's builds of a case."""

    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    critical: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    processes: set[int] = field(default_factory=set)
    digest: str = ""


@dataclass
class Case:
    entries: int
    products: int
    runs: dict[str, Runs] = field(default_factory=dict)
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


@dataclass
class Build:
    wall: float
    cpu: float
    critical: float
    peak_mb: float
    processes: int
    error: str


def run_build(config: Path, site: Path, mode: str, root: Path = ROOT) -> Build:
    """One ``kbgen build`` in its own process, in ``mode`` (see MODES), with the kbgen of the
    checkout at ``root`` (this one, or the tree of ``--compare``)."""
    if site.exists():
        shutil.rmtree(site)
    argv = [PY, "-m", "kbgen", "build", "-f", str(config), "--site-dir", str(site)]
    stats = site.parent / "build-stats.jsonl"
    stats.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "KBGEN_PROCESSES": MODES[mode],
        "KBGEN_BUILD_STATS": str(stats),
    }
    start = time.perf_counter()
    with (site.parent / "build.log").open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(argv, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # the build and the processes it waited for
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    tail = ""
    if proc.returncode != 0:
        lines = (site.parent / "build.log").read_text(encoding="utf-8", errors="replace").splitlines()
        tail = f"exit status {proc.returncode}: {shlex.join(argv)}\n" + "\n".join(lines[-30:])
    cpu = usage.ru_utime + usage.ru_stime
    sections = [json.loads(line) for line in stats.read_text("utf-8").splitlines()] if stats.exists() else []
    # the second process's pages run beside the parent's: on 2 idle cores they overlap
    overlap = sum(min(s["parent_cpu"], s["child_cpu"]) for s in sections)
    # ru_maxrss is in kilobytes on Linux (the largest of the build and its second process)
    return Build(took, cpu, cpu - overlap, usage.ru_maxrss / 1024, 2 if sections else 1, tail)


def checkout(ref: str) -> Path:
    """This repository's tree at git ``ref``, extracted into the work directory."""
    dest = WORKDIR / f"tree-{ref.replace('/', '-')}"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def tree_digest(site: Path) -> str:
    """A hash of every file's path and bytes (two builds of the same site give the same)."""
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(site)).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


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
    ap.add_argument(
        "--repeat", type=int, default=1, help="builds per case and mode; medians are shown (default 1)"
    )
    ap.add_argument(
        "--mode",
        choices=["both", "threshold", *MODES],
        default="both",
        help="one: MkDocs' own build in one process; two: kbgen's (two processes at size); "
        "forced-two: two processes at any size; both (default): one and two taking turns; "
        "threshold: one and forced-two taking turns",
    )
    ap.add_argument("--keep", action="store_true", help="keep the generated sources and built sites")
    ap.add_argument(
        "--compare",
        metavar="REF",
        help="also build each case with kbgen at git REF (e.g. main), taking turns with this checkout",
    )
    args = ap.parse_args()
    modes = {"both": ["one", "two"], "threshold": ["one", "forced-two"]}.get(args.mode, [args.mode])
    old = checkout(args.compare) if args.compare else None
    trees: dict[str, Path] = {}  # label → the checkout it builds with, taking turns
    for mode in modes:
        if old is not None:
            trees[f"{mode}@{args.compare}"] = old
        trees[mode] = ROOT
    cases = [Case(e, p) for e, p in (args.case or [GOAL_CASE, (50_000, 0)])]
    load0 = os.getloadavg()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load0)} ({os.cpu_count()} CPUs)", flush=True)
    failed = False
    for case in cases:
        project = WORKDIR / f"e{case.entries}-p{case.products}"
        t0 = time.perf_counter()
        config = write_project(project, case.entries, case.products)
        print(f"{case.name}: sources written in {time.perf_counter() - t0:.0f} s", flush=True)
        for i in range(args.repeat):
            for mode, tree in trees.items():
                runs = case.runs.setdefault(mode, Runs())
                load = os.getloadavg()[0]
                site = project / f"site-{mode}"
                b = run_build(config, site, mode.partition("@")[0], tree)
                if b.error:
                    case.failed = f"{mode}: {b.error}"
                    print(f"  [{i + 1}/{args.repeat}] {mode}: FAILED\n{b.error}", file=sys.stderr, flush=True)
                    break
                runs.times.append(b.wall)
                runs.cpu.append(b.cpu)
                runs.critical.append(b.critical)
                runs.peak_mb.append(b.peak_mb)
                runs.loads.append(load)
                runs.processes.add(b.processes)
                print(
                    f"  [{i + 1}/{args.repeat}] {mode}: {b.wall:.1f} s wall, cpu {b.cpu:.1f} s, "
                    f"critical path {b.critical:.1f} s, {b.processes} process(es), peak {b.peak_mb:.0f} MB "
                    f"(1-min load {load:.2f} before, {os.getloadavg()[0]:.2f} after)",
                    flush=True,
                )
                if i == args.repeat - 1:
                    runs.digest = tree_digest(site)
                    if mode == modes[-1]:
                        measure_tree(site, case)
            if case.failed:
                break
        failed = failed or bool(case.failed)
        if not args.keep:
            shutil.rmtree(project)
    if old is not None and not args.keep:
        shutil.rmtree(old)

    print()
    print("$", shlex.join(["python3", "bench/build_scale.py", *sys.argv[1:]]))
    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{args.repeat} build(s) per case and mode; "
        f"1/5/15-min load average {' '.join(f'{x:.2f}' for x in load0)} at start, "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at end"
    )
    header = ("case", "mode", "wall s", "cpu s", "critical s", "load", "peak MB")
    rows = []
    for c in cases:
        for mode, r in c.runs.items():
            rows.append((
                c.name,
                f"{mode} ({'/'.join(str(n) for n in sorted(r.processes)) or '-'} proc)",
                f"{statistics.median(r.times):.1f}" if r.times else "FAILED",
                f"{statistics.median(r.cpu):.1f}" if r.cpu else "-",
                f"{statistics.median(r.critical):.1f}" if r.critical else "-",
                f"{statistics.median(r.loads):.1f}" if r.loads else "-",
                f"{max(r.peak_mb):.0f}" if r.peak_mb else "-",
            ))  # fmt: skip
    table(header, rows)
    print()
    table(
        ("case", "site MB", "files", "html", "search/ KB", "search files", "modes' sites"),
        [
            (
                c.name,
                f"{c.size / 1e6:.1f}" if c.size else "-",
                str(c.files or "-"),
                str(c.html or "-"),
                f"{c.search_size / 1e3:.0f}" if c.search_size else "-",
                str(c.search_files or "-"),
                same(c),
            )
            for c in cases
        ],
    )
    print()
    print(
        "wall s: the build's wall-clock time (median); cpu s: user+system CPU of the build and its second\n"
        "process; critical s: the wall time on 2 idle cores from that CPU (cpu s minus the overlap of the\n"
        "two processes' pages); load: 1-min load average before the builds (median; the machine is shared);\n"
        "peak MB: the largest maximum resident set size of the build or its second process (os.wait4);\n"
        "site MB = 10^6 bytes of the built site, uncompressed; search/: the files under site/search/;\n"
        "modes' sites: whether every file of the last build of each mode is the same bytes."
    )
    goal = next((c for c in cases if (c.entries, c.products) == GOAL_CASE), None)
    if goal is not None:
        entries, products = GOAL_CASE
        for mode, r in goal.runs.items():
            if goal.failed or not r.times:
                verdict = "FAIL (the build failed)"
            else:
                t, crit = statistics.median(r.times), statistics.median(r.critical)
                load = statistics.median(r.loads)
                verdict = (
                    f"{'PASS' if t < GOAL_S else 'FAIL'} ({t:.1f} s wall at load {load:.1f}; "
                    f"critical path {crit:.1f} s: {'PASS' if crit < GOAL_S else 'FAIL'} on idle cores)"
                )
            goal_text = f"{entries} entries + {products} products build in < {GOAL_S:.0f} s"
            print(f"\ngoal, {mode}: {goal_text}: {verdict}")
    return 1 if failed else 0


def same(case: Case) -> str:
    digests = {r.digest for r in case.runs.values() if r.digest}
    if len(case.runs) < 2 or not digests:
        return "-"
    return "same" if len(digests) == 1 and all(r.digest for r in case.runs.values()) else "DIFFERENT"


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        cells = enumerate(zip(r, widths, strict=True))
        print("  ".join(v.ljust(w) if i <= 1 else v.rjust(w) for i, (v, w) in cells))


if __name__ == "__main__":
    sys.exit(main())
