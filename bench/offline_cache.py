#!/usr/bin/env python3
"""What the installable help center's service worker downloads (issue 23), side by side with
precaching the whole site (what a PWA plugin that precaches every built file, such as
Docusaurus's by default for its offline mode, would fetch on a reader's first visit).

Usage:
    python3 bench/offline_cache.py [--keep]

Builds the demo (mkdocs.yml + content/) with ``installable: true`` under bench/out/offline_cache/
and reads the worker's own list of what it keeps (its ``shell``), so the figures are what the
built worker does, not an estimate. Bytes are on disk and gzip-compressed (level 6, as a CDN
would send them). A visit then adds the pages the reader opens: the median answer page is shown.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / "bench" / "out" / "offline_cache"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _sizes(paths: list[Path]) -> tuple[int, int]:
    datas = [p.read_bytes() for p in paths]
    return sum(len(d) for d in datas), sum(_gz(d) for d in datas)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keep", action="store_true", help="keep bench/out/offline_cache/")
    args = parser.parse_args()
    shutil.rmtree(WORKDIR, ignore_errors=True)
    project = WORKDIR / "project"
    project.mkdir(parents=True)
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("  - kbgen:\n", "  - kbgen:\n      installable: true\n"), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    site = WORKDIR / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode:
        print(proc.stdout + proc.stderr, file=sys.stderr)
        return 1
    worker = (site / "sw.js").read_text(encoding="ascii")
    found = re.search(r"^var C = (\{.*\});$", worker, re.M)
    assert found
    shell = json.loads(found.group(1))["shell"]
    shell_files = [site / p / "index.html" if (site / p).is_dir() else site / p for p in shell]
    deploy = ("_headers", "_redirects")
    everything = sorted(p for p in site.rglob("*") if p.is_file() and p.name not in deploy)
    answers = sorted((site / "questions").glob("*/index.html"))
    answer_sizes = [len(p.read_bytes()) for p in answers]
    answer_gz = [_gz(p.read_bytes()) for p in answers]
    rows = [
        ("worker's shell (first visit)", len(shell_files), *_sizes(shell_files)),
        ("whole site precached", len(everything), *_sizes(everything)),
    ]
    total = sum(p.stat().st_size for p in everything)
    print(f"demo: {len(answers)} pages under questions/, site {total:,} bytes\n")
    print(f"{'what is downloaded':32} {'files':>6} {'bytes':>11} {'gzip':>10}")
    for name, count, raw, gz in rows:
        print(f"{name:32} {count:>6} {raw:>11,} {gz:>10,}")
    print(
        f"{'+ each answer opened (median)':32} {1:>6} {int(statistics.median(answer_sizes)):>11,} "
        f"{int(statistics.median(answer_gz)):>10,}"
    )
    print(f"\nshell / whole site: {rows[0][3] / rows[1][3]:.0%} of the gzip bytes")
    if not args.keep:
        shutil.rmtree(WORKDIR, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
