#!/usr/bin/env python3
"""How the site and the build grow with the product catalog: 0, 50 and 500 products.

Usage:
    python3 bench/products_scale.py [--entries 400] [--products 50 500] [--repeat 3] [--keep]

Every case builds the same N generated entries (``bench/build_time.py``'s generator, fixed
seed) with ``kbgen build``; only the catalog differs. With a catalog, each entry names 1-3
products, and the catalog is a deterministic graph like a shop's: one product in five is a
machine with 2-5 accessories, every product is compatible with 2-6 others, one in four has
1-2 ``incompatible_with`` links with a reason, and each has a small local SVG image.

Reports, per case: build wall-clock and CPU (median), the whole site's size and file count,
the product pages' share, the products index (with the lookup data and table), and the
average entry page. Sources and sites go to bench/out/products_scale/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_time import GenEntry, generate_entries, write_kbgen_site

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / "bench" / "out" / "products_scale"
SEED = 4_2024
PY = sys.executable

KINDS = [
    "espresso machine",
    "grinder",
    "kettle",
    "milk frother",
    "drip brewer",
    "tamper",
    "filter basket",
    "portafilter",
    "water filter",
    "descaler",
    "scale",
    "knock box",
    "milk jug",
    "dosing cup",
]
REASONS = [
    "Different group head size.",
    "Different connector.",
    "Does not fit the water tank.",
    "Needs a 230 V outlet; this model is 120 V only.",
    "Too tall to fit under the spouts.",
]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
    '<rect width="64" height="64" rx="8" fill="#{c}"/><text x="32" y="38" font-size="14" '
    'text-anchor="middle" fill="#fff">{n}</text></svg>\n'
)


@dataclass
class GenProduct:
    id: str
    name: str
    kind: str
    compatible: list[str] = field(default_factory=list)
    accessories: list[str] = field(default_factory=list)
    incompatible: list[tuple[str, str]] = field(default_factory=list)


def generate_catalog(n: int, seed: int = SEED) -> list[GenProduct]:
    """``n`` products with links that never contradict each other (so the catalog is valid)."""
    rng = random.Random(seed)
    products = [
        GenProduct(f"p{i:03d}", f"Model {i:03d} {KINDS[i % len(KINDS)]}", KINDS[i % len(KINDS)])
        for i in range(n)
    ]
    ids = [p.id for p in products]
    linked: set[frozenset[str]] = set()

    def free(a: str, b: str) -> bool:
        return a != b and frozenset((a, b)) not in linked

    for i, p in enumerate(products):
        if i % 5 == 0:
            for other in rng.sample(ids, min(n, rng.randint(2, 5))):
                if free(p.id, other):
                    p.accessories.append(other)
                    linked.add(frozenset((p.id, other)))
        for other in rng.sample(ids, min(n, rng.randint(2, 6))):
            if free(p.id, other):
                p.compatible.append(other)
                linked.add(frozenset((p.id, other)))
        if i % 4 == 1:
            for other in rng.sample(ids, min(n, rng.randint(1, 2))):
                if free(p.id, other):
                    p.incompatible.append((other, rng.choice(REASONS)))
                    linked.add(frozenset((p.id, other)))
    return products


def write_catalog(content: Path, products: list[GenProduct]) -> None:
    lines = []
    images = content / "images"
    images.mkdir(parents=True, exist_ok=True)
    for i, p in enumerate(products):
        (images / f"{p.id}.svg").write_text(SVG.format(c=f"{(i * 2654435761) % 0xFFFFFF:06x}", n=p.id))
        lines += [
            f"- id: {p.id}",
            f"  name: {p.name}",
            f"  summary: A {p.kind} for the benchmark catalog, product {p.id}.",
            f"  url: https://shop.example.com/products/{p.id}",
            f"  image: images/{p.id}.svg",
        ]
        if p.compatible:
            lines.append(f"  compatible_with: [{', '.join(p.compatible)}]")
        if p.accessories:
            lines.append(f"  accessories: [{', '.join(p.accessories)}]")
        if p.incompatible:
            lines.append("  incompatible_with:")
            lines += [f"    - {{id: {o}, reason: {r}}}" for o, r in p.incompatible]
    (content / "products.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def name_products(
    content: Path, entries: list[GenEntry], products: list[GenProduct], seed: int = SEED
) -> int:
    """Add ``products: [...]`` (1-3 ids) to every entry's front matter; returns how many named."""
    rng = random.Random(seed + 1)
    ids = [p.id for p in products]
    named = 0
    for e in entries:
        path = content / e.path
        text = path.read_text(encoding="utf-8")
        chosen = rng.sample(ids, min(len(ids), rng.randint(1, 3)))
        named += len(chosen)
        head, sep, body = text[4:].partition("\n---\n")
        path.write_text(f"---\n{head}\nproducts: [{', '.join(chosen)}]{sep}{body}", encoding="utf-8")
    return named


@dataclass
class Result:
    products: int
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    size: int = 0
    files: int = 0
    product_pages: int = 0
    product_bytes: int = 0
    index_bytes: int = 0
    entry_avg: float = 0.0
    links: int = 0


def _child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _measure(site: Path, r: Result) -> None:
    size = files = 0
    for dirpath, _, names in os.walk(site):
        for name in names:
            files += 1
            size += (Path(dirpath) / name).stat().st_size
    r.size, r.files = size, files
    pages = list((site / "products").glob("*/index.html")) if (site / "products").is_dir() else []
    r.product_pages = len(pages)
    r.product_bytes = sum(p.stat().st_size for p in pages)
    index = site / "products" / "index.html"
    r.index_bytes = index.stat().st_size if index.is_file() else 0
    entry_pages = list((site / "questions").glob("*/index.html"))
    r.entry_avg = statistics.mean(p.stat().st_size for p in entry_pages)


def build(project: Path, site: Path) -> tuple[float, float]:
    if site.exists():
        shutil.rmtree(site)
    argv = [PY, "-m", "kbgen", "build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    cpu0, t0 = _child_cpu(), time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    took, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {shlex.join(argv)}\n{proc.stderr[-3000:]}")
    return took, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=400, help="generated entries in every case (default 400)")
    ap.add_argument(
        "--products", type=int, nargs="+", default=[50, 500], help="catalog sizes (default 50 500)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="builds per case; the median is shown (default 3)")
    ap.add_argument("--keep", action="store_true", help="keep the built sites")
    args = ap.parse_args()

    if WORKDIR.exists():
        shutil.rmtree(WORKDIR)
    entries = generate_entries(args.entries)
    results: list[Result] = []
    projects: list[tuple[Result, Path]] = []
    for n in [0, *args.products]:
        project = WORKDIR / f"p{n}"
        write_kbgen_site(project, entries)
        r = Result(n)
        if n:
            catalog = generate_catalog(n)
            write_catalog(project / "content", catalog)
            named = name_products(project / "content", entries, catalog)
            r.links = sum(len(p.compatible) + len(p.accessories) + len(p.incompatible) for p in catalog)
            print(f"catalog of {n}: {r.links} links, entries name {named} products", flush=True)
        results.append(r)
        projects.append((r, project))

    load0 = os.getloadavg()[0]
    for i in range(args.repeat):  # round-robin, so load drift hits every case alike
        for r, project in projects:
            site = project / "site"
            took, cpu = build(project, site)
            r.times.append(took)
            r.cpu.append(cpu)
            print(f"  [{i + 1}/{args.repeat}] {r.products:>4} products: {took:.2f}s", flush=True)
            if i == args.repeat - 1:
                _measure(site, r)
                if not args.keep:
                    shutil.rmtree(site)

    base = results[0]
    header = (
        "products",
        "links",
        "median s",
        "cpu s",
        "t/0",
        "site MB",
        "files",
        "MB/0",
        "product pages",
        "their MB",
        "index KB",
        "entry page KB",
    )
    rows = [
        (
            str(r.products),
            str(r.links),
            f"{statistics.median(r.times):.2f}",
            f"{statistics.median(r.cpu):.2f}",
            f"{statistics.median(r.times) / statistics.median(base.times):.2f}x",
            f"{r.size / 1e6:.2f}",
            str(r.files),
            f"{r.size / base.size:.2f}x",
            str(r.product_pages),
            f"{r.product_bytes / 1e6:.2f}",
            f"{r.index_bytes / 1e3:.0f}",
            f"{r.entry_avg / 1e3:.1f}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print()
    print("$", shlex.join(["python3", "bench/products_scale.py", *sys.argv[1:]]))
    print(
        f"{args.entries} entries in every case, {args.repeat} build(s) per case, {os.cpu_count()} CPUs, "
        f"load {load0:.1f} at start, {os.getloadavg()[0]:.1f} at end"
    )
    print()
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)))
    print()
    print(
        "t/0, MB/0: ratio to the same entries without a catalog. index KB: products/index.html "
        "(groups, lookup data, no-JS table). entry page KB: average questions/<id>/index.html."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
