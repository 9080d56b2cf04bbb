#!/usr/bin/env python3
"""Offline copy size: the zip ``kbgen build --offline`` makes, at the demo's 52 entries and at N
generated entries (bench/build_time.py's generator, same seed), side by side with the web site.

Usage:
    python3 bench/offline_size.py [--entries 1000]

For each case, one ``kbgen build --offline`` (a subprocess, into bench/out/offline_size/):
the zip's bytes, its files, what it unpacks to, its search data script, the web site it was
built beside (``site/`` without the zip), and the build's wall-clock time (the web site and
the offline copy together).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_time import generate_entries, write_kbgen_site

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / "bench" / "out" / "offline_size"


def _tree_bytes(site: Path, skip: str) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.name != skip)


def measure(name: str, project: Path, entries: int) -> dict[str, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "--offline"],
        cwd=project, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{name}: kbgen build --offline failed:\n{proc.stderr}")
    zip_path = project / "site" / "offline.zip"
    with zipfile.ZipFile(zip_path) as zf:
        infos = zf.infolist()
        unpacked = sum(i.file_size for i in infos)
        data = sum(i.file_size for i in infos if i.filename.endswith("search/offline-data.js"))
    return {
        "case": name,
        "entries": str(entries),
        "zip bytes": f"{zip_path.stat().st_size:,}",
        "files": str(len(infos)),
        "unpacked bytes": f"{unpacked:,}",
        "search data bytes": f"{data:,}",
        "web site bytes": f"{_tree_bytes(project / 'site', 'offline.zip'):,}",
        "build s": f"{seconds:.1f}",
    }


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    shutil.rmtree(WORKDIR, ignore_errors=True)
    demo = WORKDIR / "demo"
    demo.mkdir(parents=True)
    for folder in ("content", "theme"):
        shutil.copytree(ROOT / folder, demo / folder)
    shutil.copy(ROOT / "mkdocs.yml", demo / "mkdocs.yml")
    demo_entries = sum(1 for p in (ROOT / "content").rglob("*.md") if p.read_text("utf-8").startswith("---"))
    generated = WORKDIR / f"generated-{args.entries}"
    write_kbgen_site(generated, generate_entries(args.entries))
    rows = [measure("demo", demo, demo_entries), measure("generated", generated, args.entries)]
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    print(" | ".join(c.ljust(widths[c]) for c in columns))
    print("-|-".join("-" * widths[c] for c in columns))
    for row in rows:
        print(" | ".join(row[c].rjust(widths[c]) for c in columns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
