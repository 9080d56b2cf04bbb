#!/usr/bin/env python3
"""Build-time benchmark: kbgen vs. the same Markdown as a plain MkDocs + Material site.

Usage:
    python3 bench/build_time.py [--entries 1000] [--repeat 3] [--no-small-nav] [--keep]

Measures, in one run (every build is a subprocess into a fresh directory, wall-clock):

1. ``demo``          the repo's demo help center (mkdocs.yml + content/), ``kbgen build``.
2. ``kbgen``         a generated help center of N entries in 4 stages, ``kbgen build``.
3. ``plain``         the SAME Markdown as ordinary MkDocs + Material pages, default nav
                     (every page in the sidebar), ``mkdocs build``.
4. ``plain-smallnav`` the plain site with an explicit nav of the home and 4 stage pages,
                     which separates the sidebar's cost from kbgen's own work.
5. ``kbgen check``   on the generated N-entry site.

Generated sources are deterministic (fixed seed), written under bench/out/build_time/
(git-ignored) and rebuilt on every run. Exit status is non-zero if any build fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORKDIR = ROOT / "bench" / "out" / "build_time"
SEED = 20240611
PY = sys.executable

STAGES = [
    ("before-purchase", "Before you buy", "Stock, prices, what's in the box and what fits your machine."),
    ("ordering-and-payment", "Ordering and payment", "Checkout, payment methods, gift cards and invoices."),
    ("after-the-order", "After you order", "Order status, tracking, delivery, changes and cancellations."),
    ("after-delivery", "After delivery", "Setup, troubleshooting, descaling, returns, repairs and warranty."),
]

# Shared by both generated sites: the demo's theme options minus its custom_dir.
THEME_YAML = """\
theme:
  name: material
  language: en
  font: false
  palette:
    scheme: default
    primary: brown
    accent: deep orange
  features:
    - navigation.instant.prefetch
    - search.highlight
"""
EXTENSIONS_YAML = """\
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: false
"""


# --------------------------------------------------------------------------- content


PRODUCTS = [
    "espresso machine", "coffee grinder", "milk frother", "gooseneck kettle", "water filter",
    "tamper", "coffee scale", "portafilter", "descaling kit", "travel mug", "pour-over dripper",
    "cold brew maker", "French press", "moka pot", "knock box", "milk jug", "bean canister",
    "filter basket", "steam wand tip", "cleaning tablets",
]
BRANDS = ["Aero One", "Aero Duo", "Pico", "Grindline G40", "Trek", "Froth Mate", "Aqua XL"]
CITIES = ["Utrecht", "Antwerp", "Cologne", "Lyon", "Leeds", "Porto", "Graz", "Aarhus"]
CARRIERS = ["DHL", "PostNL", "UPS", "DPD", "GLS"]
PAYMENTS = ["iDEAL", "credit card", "PayPal", "Klarna", "bank transfer", "Apple Pay", "a gift card"]

QUESTIONS: dict[str, list[str]] = {
    "before-purchase": [
        "Is the {p} in stock?", "Does the {p} fit the {b}?", "What comes in the box with the {p}?",
        "Which {p} should I choose for a small kitchen?", "Do you ship the {p} to {c}?",
        "Can I get a price match on the {p}?", "Is the {p} compatible with UK plugs?",
        "How loud is the {p}?", "Is there a newer model of the {p} coming?",
        "Can I see the {p} in a shop in {c}?", "Does the {p} work with pre-ground coffee?",
        "What is the difference between the {p} and the {b}?",
        "Can I get a notification when the {p} is back in stock?",
        "Is the {p} sold with a warranty?", "How big is the {p}?",
    ],
    "ordering-and-payment": [
        "Can I pay for the {p} with {pay}?", "Why was my payment for the {p} declined?",
        "Can I get an invoice for the {p} with my company details?",
        "Can I use a discount code on the {p}?", "Can I buy the {p} in instalments?",
        "Why is VAT added to the {p} when I order from {c}?", "Can I order the {p} as a gift?",
        "Can I combine a gift card and {pay} for the {p}?", "Can I pre-order the {p}?",
        "Why did my order for the {p} get cancelled after payment?",
        "Can I order the {p} without an account?", "How do I add a second {p} to my order?",
        "When is my card charged for the {p}?", "Can I pay for the {p} on delivery?",
    ],
    "after-the-order": [
        "Where is my {p}?", "Can I change the delivery address for my {p}?",
        "Can I cancel my order for the {p}?", "Why is the tracking of my {p} not updating?",
        "How long does delivery of the {p} to {c} take?", "My {p} was delivered but I did not get it.",
        "Can {car} deliver my {p} to a pickup point?", "Why did my {p} arrive in two parcels?",
        "Do I pay customs fees on the {p}?", "Can I change the delivery day for my {p}?",
        "What happens if I miss the {car} delivery of my {p}?",
        "Can I add an item to my order for the {p}?", "When will my pre-ordered {p} ship?",
    ],
    "after-delivery": [
        "How do I set up my new {p}?", "Why is my {p} leaking?", "How do I descale my {p}?",
        "My {p} arrived damaged. What should I do?", "Can I return an opened {p}?",
        "How do I start a return for my {p}?", "What does the warranty on the {p} cover?",
        "Where can I buy spare parts for my {p}?", "Why is my {p} not heating up?",
        "How often should I clean my {p}?", "Can I exchange my {p} for the {b}?",
        "When will I get my refund for the {p}?", "Why does my {p} make a rattling noise?",
        "How do I send my {p} in for repair?", "Why does coffee from my {p} taste sour?",
    ],
}

HEADINGS = [
    "What to check first", "Step by step", "If that does not help", "Good to know",
    "Costs", "How long it takes", "What we need from you", "Before you start", "Exceptions",
    "Delivery and pickup", "Which models", "After we receive it", "Common causes",
    "Tips from our baristas", "Outside the EU",
]

SENTENCES = [
    "Most orders for the {p} leave our warehouse in {c} within {n} working days.",
    "If you ordered before 15:00 on a working day, {car} usually collects the parcel the same day.",
    "You can follow every step in **My orders**, where the status updates within a few hours.",
    "The {b} and the {p} share the same {mm} mm fittings, so the accessories fit both.",
    "We keep the original packaging requirements simple: any sturdy box with some padding will do.",
    "Refunds go back to the payment method you used, which for {pay} takes {n} to {m} working days.",
    "Our support team answers within one working day, also on Saturdays between 9:00 and 14:00.",
    "A full descaling cycle takes about {m}0 minutes and uses one sachet from the descaling kit.",
    "If the light keeps blinking after {n} minutes, switch the machine off and unplug it for a while.",
    "Please write down the serial number from the sticker under the drip tray before you contact us.",
    "Prices include VAT for all EU countries; outside the EU the carrier may charge import fees.",
    "We test every returned {p} and sell it as refurbished only when it passes the full check.",
    "The warranty covers faults in materials and production for {n} years from the delivery date.",
    "Normal wear, such as gaskets and shower screens, is not covered but the parts are cheap to replace.",
    "Gift cards are valid for {n} years and can be used for any product in the shop, including sale items.",
    "When the parcel is marked as delivered but you cannot find it, check with your neighbours first.",
    "Hard water in {c} means the {p} needs descaling roughly every {n} weeks.",
    "Use fresh, cold water and let the {p} heat up for at least {n} minutes before the first shot.",
    "We charge EUR {m}.95 for delivery on orders under EUR 50 and nothing above that amount.",
    "Orders paid with {pay} are confirmed immediately; bank transfers take one or two days to arrive.",
    "If you need a company invoice, add your VAT number at checkout and we will reverse-charge the VAT.",
    "You can change the address until the parcel is handed over to {car}, usually the same evening.",
    "A rattling noise during the first use is often the pump priming and stops after a few seconds.",
    "Keep the receipt or the order confirmation email, because the manufacturer may ask for it.",
]
STEPS = [
    "Open **My orders** and choose the order with the {p}.",
    "Click **Report a problem** and pick the reason that fits best.",
    "Fill the tank with fresh water up to the MAX line.",
    "Switch the {p} on and wait until the lights stop blinking.",
    "Upload two or three photos that show the problem clearly.",
    "Print the return label, or show the QR code at a {car} point.",
    "Pack the {p} with all its accessories in a sturdy box.",
    "Remove the drip tray and rinse it under warm water.",
    "Run the descaling program and then rinse twice with clean water.",
    "Check the serial number on the sticker under the drip tray.",
    "Choose a new delivery day in the tracking page of {car}.",
    "Enter the gift card code in the payment step of the checkout.",
]
BULLETS = [
    "Free returns within 30 days for unused items",
    "Opened items: returns accepted within 14 days if complete and clean",
    "Delivery to {c} in {n} to {m} working days",
    "Works with the {b} and the {p}",
    "Payment with {pay}, iDEAL, PayPal or Klarna",
    "Spare parts are in stock for at least {n} years",
    "Repairs take about {m} working days after we receive the machine",
    "Customs fees for orders outside the EU are paid to {car} on delivery",
    "The {p} is shipped in its original box with a quick-start guide",
    "Descaling every {n} to {m} weeks in hard water areas",
]


def _fill(rng: random.Random, template: str, p: str) -> str:
    return template.format(
        p=p, b=rng.choice(BRANDS), c=rng.choice(CITIES), car=rng.choice(CARRIERS),
        pay=rng.choice(PAYMENTS), n=rng.randint(2, 5), m=rng.randint(6, 9), mm=rng.choice([51, 54, 58]),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


@dataclass
class GenEntry:
    id: str
    stage: str
    question: str
    summary: str
    keywords: list[str]
    product: str
    related: list[str] = field(default_factory=list)
    updated: str | None = None
    body: str = ""

    @property
    def path(self) -> str:
        return f"{self.stage}/{self.id}.md"


def _link(src: GenEntry, dst: GenEntry) -> str:
    return f"{dst.id}.md" if src.stage == dst.stage else f"../{dst.stage}/{dst.id}.md"


def _body(rng: random.Random, e: GenEntry, by_id: dict[str, GenEntry]) -> str:
    target = rng.randint(110, 235)  # sections overshoot it; bodies end up ~150-300 words
    words = 0
    parts: list[str] = []
    headings = rng.sample(HEADINGS, len(HEADINGS))
    while words < target and headings:
        parts.append(f"## {headings.pop()}")
        kind = rng.random()
        if kind < 0.3:
            items = [_fill(rng, s, e.product) for s in rng.sample(STEPS, rng.randint(3, 5))]
            block = "\n".join(f"{i}. {s}" for i, s in enumerate(items, 1))
        elif kind < 0.55:
            items = [_fill(rng, s, e.product) for s in rng.sample(BULLETS, rng.randint(3, 5))]
            block = "\n".join(f"- {s}" for s in items)
        else:
            block = " ".join(_fill(rng, s, e.product) for s in rng.sample(SENTENCES, rng.randint(2, 4)))
        parts.append(block)
        words += len(block.split())
        if words < target - 30 and rng.random() < 0.5:
            para = " ".join(_fill(rng, s, e.product) for s in rng.sample(SENTENCES, rng.randint(2, 3)))
            parts.append(para)
            words += len(para.split())
    if e.related:
        other = by_id[e.related[0]]
        parts.append(f"See also [{other.question.rstrip('?.').lower()}]({_link(e, other)}).")
    return "\n\n".join(parts) + "\n"


def generate_entries(n: int, seed: int = SEED) -> list[GenEntry]:
    """N deterministic FAQ entries spread round-robin over the 4 stages."""
    rng = random.Random(seed)
    entries: list[GenEntry] = []
    seen: set[str] = set()
    for i in range(n):
        stage = STAGES[i % len(STAGES)][0]
        product = rng.choice(PRODUCTS)
        question = _fill(rng, rng.choice(QUESTIONS[stage]), product)
        base = _slug(question)
        eid, k = base, 2
        while eid in seen:
            eid, k = f"{base}-{k}", k + 1
        seen.add(eid)
        summary = " ".join(_fill(rng, s, product) for s in rng.sample(SENTENCES, rng.randint(1, 2)))
        keywords = rng.sample(
            [product, *product.split(), stage.replace("-", " "), rng.choice(BRANDS).lower(),
             rng.choice(CARRIERS).lower(), "order", "delivery", "return", "warranty", "refund"],
            rng.randint(3, 7),
        )
        updated = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.5 else None
        entries.append(GenEntry(eid, stage, question, summary, sorted(set(keywords)), product,
                                updated=updated))
    by_id = {e.id: e for e in entries}
    ids = [e.id for e in entries]
    for e in entries:
        if len(entries) > 3:
            e.related = [r for r in rng.sample(ids, rng.randint(1, 3)) if r != e.id]
        e.body = _body(rng, e, by_id)
    return entries


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(_yaml_str(x) for x in items) + "]"


def write_kbgen_site(root: Path, entries: list[GenEntry]) -> Path:
    content = root / "content"
    stages_yaml = "".join(
        f"        - id: {sid}\n          title: {title}\n          description: {_yaml_str(desc)}\n"
        for sid, title, desc in STAGES
    )
    (root / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Bench Help Center\ndocs_dir: content\nsite_dir: site\nstrict: true\n\n"
        + THEME_YAML + "\nplugins:\n  - search\n  - kbgen:\n      stages:\n" + stages_yaml
        + "\n" + EXTENSIONS_YAML,
        encoding="utf-8",
    )
    for e in entries:
        front = [f"id: {e.id}", f"question: {_yaml_str(e.question)}", f"stage: {e.stage}",
                 f"summary: {_yaml_str(e.summary)}", f"keywords: {_yaml_list(e.keywords)}"]
        if e.related:
            front.append(f"related: [{', '.join(e.related)}]")
        if e.updated:
            front.append(f"updated: {e.updated}")
        path = content / e.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + e.body, encoding="utf-8")
    return root / "mkdocs.yml"


def write_plain_site(root: Path, entries: list[GenEntry]) -> tuple[Path, Path]:
    """The same Markdown as ordinary pages; returns (default-nav config, small-nav config)."""
    docs = root / "docs"
    base = "site_name: Bench Help Center\ndocs_dir: docs\nsite_dir: site\nstrict: true\n\n" \
        + THEME_YAML + "\nplugins:\n  - search\n\n" + EXTENSIONS_YAML
    (root / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(base, encoding="utf-8")
    nav = "\nnav:\n  - Home: index.md\n" + "".join(f"  - {t}: {sid}/index.md\n" for sid, t, _ in STAGES)
    (root / "mkdocs-smallnav.yml").write_text(base + nav, encoding="utf-8")
    home = ["# Bench Help Center", "", "Answers about orders, delivery, setup and returns.", ""]
    for sid, title, desc in STAGES:
        in_stage = sorted((e for e in entries if e.stage == sid), key=lambda e: e.question.casefold())
        home += [f"## [{title}]({sid}/index.md)", "", desc, ""]
        lines = [f"# {title}", "", desc, ""]
        lines += [f"- [{e.question}]({e.id}.md)  \n  {e.summary}" for e in in_stage]
        (docs / sid).mkdir(parents=True, exist_ok=True)
        (docs / sid / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("\n".join(home), encoding="utf-8")
    for e in entries:
        (docs / e.path).write_text(f"# {e.question}\n\n{e.summary}\n\n{e.body}", encoding="utf-8")
    return root / "mkdocs.yml", root / "mkdocs-smallnav.yml"


# --------------------------------------------------------------------------- measuring


@dataclass
class Case:
    name: str
    what: str
    argv: list[str]  # "{site}" is replaced by a fresh site directory
    pages: int  # expected number of HTML pages (sanity check); 0 = don't check
    times: list[float] = field(default_factory=list)
    internal: list[float] = field(default_factory=list)  # "Documentation built in X seconds"
    cpu: list[float] = field(default_factory=list)  # user + system CPU s of the subprocess
    size: int = 0
    files: int = 0
    html: int = 0
    failed: str | None = None


class BuildError(Exception):
    pass


def _child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _run(argv: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run argv; return (wall-clock s, CPU s of the child (user + system), the process)."""
    cpu0, start = _child_cpu(), time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=900)
    took, cpu = time.perf_counter() - start, _child_cpu() - cpu0
    if proc.returncode != 0:
        raise BuildError(f"exit status {proc.returncode}: {shlex.join(argv)}\n"
                          f"--- stderr (last 40 lines) ---\n" + "\n".join(proc.stderr.splitlines()[-40:])
                          + "\n--- stdout ---\n" + proc.stdout[-2000:])
    return took, cpu, proc


def _tree(path: Path) -> tuple[int, int, int]:
    size = files = html = 0
    for p in path.rglob("*"):
        if p.is_file():
            files += 1
            html += p.suffix == ".html"
            size += p.stat().st_size
    return size, files, html


def run_case(case: Case, sites: Path, i: int, keep: bool) -> None:
    site = sites / f"{case.name}-{i}"
    if site.exists():
        shutil.rmtree(site)
    argv = [str(site) if a == "{site}" else a for a in case.argv]
    took, cpu, proc = _run(argv, ROOT)
    if not site.is_dir():
        raise BuildError(f"{shlex.join(argv)} exited 0 but wrote no site to {site}")
    m = re.search(r"Documentation built in ([\d.]+) seconds", proc.stderr)
    if m:
        case.internal.append(float(m.group(1)))
    size, files, html = _tree(site)
    if case.pages and html < case.pages:
        raise BuildError(f"{case.name}: expected at least {case.pages} HTML pages in {site}, found {html}")
    case.times.append(took)
    case.cpu.append(cpu)
    case.size, case.files, case.html = size, files, html
    if not keep:
        shutil.rmtree(site)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _fmt_s(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f}" if xs else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=1000, help="generated entries (default 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="builds per site; the median is shown (default 3)")
    ap.add_argument("--no-small-nav", action="store_true", help="skip the plain site with a small nav")
    ap.add_argument("--keep", action="store_true", help="keep the last built site of each case")
    ap.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                    help="generated sources and sites (default bench/out/build_time)")
    args = ap.parse_args()
    if args.entries < 4 or args.repeat < 1:
        ap.error("--entries must be >= 4 and --repeat >= 1")

    t0 = time.perf_counter()
    load0 = os.getloadavg()[0]
    work: Path = args.workdir.resolve()
    gen_root = work / f"gen-{args.entries}"
    sites = work / "sites"
    for d in (gen_root, sites):
        if d.exists():
            shutil.rmtree(d)
    sites.mkdir(parents=True)

    entries = generate_entries(args.entries)
    kb_yml = write_kbgen_site(gen_root / "kbgen", entries)
    plain_yml, small_yml = write_plain_site(gen_root / "plain", entries)
    words = [len(e.body.split()) for e in entries]
    gen_s = time.perf_counter() - t0

    n, s = args.entries, len(STAGES)
    demo_entries = sum(1 for p in (ROOT / "content").rglob("*.md") if p.name != "README.md")
    cases = [
        Case("demo", f"demo help center, kbgen build ({demo_entries} entries)",
             [PY, "-m", "kbgen", "build", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", "{site}"],
             demo_entries + s + 2),
        Case("kbgen", f"generated, kbgen build ({n} entries)",
             [PY, "-m", "kbgen", "build", "-f", str(kb_yml), "--site-dir", "{site}"], n + s + 2),
        Case("plain", f"same Markdown, mkdocs build, full nav ({n}+{s + 1} pages)",
             [PY, "-m", "mkdocs", "build", "-f", str(plain_yml), "--site-dir", "{site}"], n + s + 1),
    ]
    if not args.no_small_nav:
        cases.append(Case("plain-smallnav", f"same Markdown, mkdocs build, nav = home + {s} stages",
                          [PY, "-m", "mkdocs", "build", "-f", str(small_yml), "--site-dir", "{site}"],
                          n + s + 1))
    check = Case("kbgen-check", f"kbgen check on the generated site ({n} entries)",
                 [PY, "-m", "kbgen", "check", "-f", str(kb_yml)], 0)

    print(f"generated {n} entries ({statistics.median(words):.0f} median body words, "
          f"{min(words)}-{max(words)}) in {gen_s:.1f}s under {_shown(gen_root)}",
          flush=True)
    # Interleave the cases (round-robin over repeats) so drift in machine load hits all alike.
    failed = False
    for i in range(args.repeat):
        for case in cases:
            if case.failed:
                continue
            print(f"  [{i + 1}/{args.repeat}] {case.name} ...", end=" ", flush=True)
            try:
                run_case(case, sites, i, args.keep and i == args.repeat - 1)
                print(f"{case.times[-1]:.2f}s", flush=True)
            except (BuildError, subprocess.TimeoutExpired) as exc:
                case.failed = str(exc)
                failed = True
                print("FAILED", flush=True)
                print(f"\n!!! BUILD FAILED: {case.name}\n{exc}\n", file=sys.stderr, flush=True)
        if not check.failed:
            try:
                took, cpu, proc = _run(check.argv, ROOT)
                check.times.append(took)
                check.cpu.append(cpu)
                m = re.search(r"checked in ([\d.]+)s", proc.stderr)
                if m:
                    check.internal.append(float(m.group(1)))
            except (BuildError, subprocess.TimeoutExpired) as exc:
                check.failed = str(exc)
                failed = True
                print(f"\n!!! CHECK FAILED\n{exc}\n", file=sys.stderr, flush=True)

    # ------------------------------------------------------------------ report
    plain = next(c for c in cases if c.name == "plain")
    small = next((c for c in cases if c.name == "plain-smallnav"), None)

    def ratio(a: Case, b: Case | None) -> str:
        if b is None or not a.times or not b.times or a.failed or b.failed:
            return "-"
        return f"{statistics.median(a.times) / statistics.median(b.times):.2f}x"

    def size_ratio(a: Case, b: Case | None) -> str:
        if b is None or not b.size or a.failed or b.failed:
            return "-"
        return f"{a.size / b.size:.2f}x"

    header = ("case", "median s", "min s", "max s", "cpu s", "mkdocs s", "MB", "files", "html",
              "t/plain", "t/smallnav", "MB/plain")
    rows = []
    for c in cases:
        rows.append((
            c.name, "FAILED" if c.failed else _fmt_s(c.times),
            f"{min(c.times):.2f}" if c.times else "-", f"{max(c.times):.2f}" if c.times else "-",
            _fmt_s(c.cpu), _fmt_s(c.internal), f"{c.size / 1e6:.1f}" if c.size else "-", str(c.files or "-"),
            str(c.html or "-"),
            ratio(c, plain) if c.name == "kbgen" else "",
            ratio(c, small) if c.name == "kbgen" else ratio(c, small) if c.name == "plain" else "",
            size_ratio(c, plain) if c.name in ("kbgen", "plain-smallnav") else "",
        ))
    rows.append(("kbgen-check", "FAILED" if check.failed else _fmt_s(check.times),
                 f"{min(check.times):.2f}" if check.times else "-",
                 f"{max(check.times):.2f}" if check.times else "-",
                 _fmt_s(check.cpu), _fmt_s(check.internal), "", "", "", "", "", ""))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)

    def fmt(r: tuple[str, ...]) -> str:
        cells = zip(r, widths, strict=True)
        return "  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in enumerate(cells))

    cmd = shlex.join(["python3", "bench/build_time.py", *sys.argv[1:]])
    total = time.perf_counter() - t0
    try:
        import material
        import mkdocs

        versions = f"mkdocs {mkdocs.__version__}, material {material.__version__}"
    except Exception:  # pragma: no cover
        versions = "mkdocs/material versions unknown"
    print()
    print(f"$ {cmd}")
    print(f"python {platform.python_version()}, {versions}, {os.cpu_count()} CPUs, "
          f"{args.repeat} run(s) per case, each into a fresh directory; "
          f"1-min load average {load0:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    print()
    print(fmt(header))
    print(line)
    for r in rows:
        print(fmt(r))
    print()
    print("\n".join(textwrap.wrap(
        "median/min/max s: subprocess wall-clock (Python start-up and imports included); "
        "cpu s: median user+system CPU time of the subprocess (less sensitive to other load); "
        "mkdocs s: MkDocs' own 'Documentation built in' figure (median; for kbgen it excludes "
        "kbgen's content check before the build); MB = 10^6 bytes of the built site; "
        "t/plain, t/smallnav: median-time ratio; MB/plain: size ratio to the full-nav plain site. "
        "kbgen-check: `kbgen check` wall-clock, and its own 'checked in' figure.", 100)))
    print()
    for c in cases:
        print(f"  {c.name:15} {c.what}")
    print(f"  {'kbgen-check':15} {check.what}")
    print(f"\ntotal benchmark time {total:.0f}s")
    if failed:
        print("\nFAILED: at least one build or check failed (see the messages above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
