#!/usr/bin/env python3
"""``kbgen report`` speed on a busy shop's exports: 10,000 and 100,000 rows.

Usage:
    python3 bench/report_speed.py [--rows 10000,100000] [--against /path/to/other/checkout]
                                  [--timeout 120]

The exports are generated (fixed seed) for the demo help center (the repo's ``mkdocs.yml``):
60% feedback posts (a Netlify CSV; a third of the "no" votes followed by a comment post that
repeats the vote, as older sites sent it), 30% failed searches (JSON Lines) and 10%
missing-answer messages (a Netlify CSV, the search beside the message). Failed searches are
2 to 4 words drawn from a 600-word vocabulary, so nearly every one is distinct: the grouping's
worst case.

Printed per size: the wall-clock time of the real command (``python3 -m kbgen report … --json
--out DIR``, a fresh process, best of ``--repeat``), and, measured in this process, the time
of each step (read, summarize without the checks, group, check against today's content, render
the page), with the number of distinct gaps. ``--against`` runs the same command with another
kbgen checkout first on ``PYTHONPATH`` (for example main, before this change) side by side;
a run that exceeds ``--timeout`` seconds is shown as ``>TIMEOUT``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (  # noqa: SIM905 (a paragraph of words reads better than a list)
    "aero duo one pico grinder kettle filter frother milk oat decaf beans roast espresso portafilter "
    "basket tamper gasket seal pump steam wand drip carafe thermal timer scale burr blade hopper lid "
    "water tank descale descaler pressure leak crack noise smell taste sour bitter warm cold hot "
    "voucher coupon code discount invoice receipt refund return exchange warranty repair parcel "
    "courier delivery address customs import tax vat shipping express pickup locker store gift wrap "
    "card paypal klarna instalment bank transfer currency account password login email newsletter"
).split()


def _vocabulary(rng: random.Random, size: int = 600) -> list[str]:
    """Real shop words plus made-up product words, so that searches rarely repeat."""
    extra = {
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(size)
    }
    return sorted(set(WORDS) | extra)[:size]


def generate(rows: int, folder: Path, entry_ids: list[str], seed: int = 7) -> list[Path]:
    """Write the three exports; returns their paths."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    start = 1_767_225_600  # 2026-01-01T00:00:00Z
    feedback, gaps, missing = (
        folder / "feedback-submissions.csv",
        folder / "gaps.jsonl",
        folder / "missing-answer.csv",
    )
    n_feedback, n_gaps = rows * 6 // 10, rows * 3 // 10
    n_missing = rows - n_feedback - n_gaps

    def when(i: int, total: int) -> str:
        t = start + i * (365 * 86400 // max(total, 1)) + rng.randrange(60)
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

    with feedback.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(
            ["entry_id", "page_url", "query", "helpful", "comment", "created_at", "ip", "user_agent"]
        )
        i = 0
        while i < n_feedback:
            entry = rng.choice(entry_ids)
            ip = f"198.51.{rng.randrange(256)}.{rng.randrange(256)}"
            vote = "no" if rng.random() < 0.4 else "yes"
            t = when(i, n_feedback)
            out.writerow([entry, "", "", vote, "", t, ip, "Mozilla/5.0"])
            i += 1
            if vote == "no" and rng.random() < 0.33 and i < n_feedback:
                comment = " ".join(rng.choice(vocab) for _ in range(rng.randrange(4, 12)))
                out.writerow([entry, "", "", "no", comment, t, ip, "Mozilla/5.0"])
                i += 1
    with gaps.open("w", encoding="utf-8") as f:
        for i in range(n_gaps):
            query = " ".join(rng.choice(vocab) for _ in range(rng.randrange(2, 5)))
            f.write(
                json.dumps({"form-name": "search-gap", "query": query, "created_at": when(i, n_gaps)}) + "\n"
            )
    with missing.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["page_url", "query", "message", "created_at"])
        for i in range(n_missing):
            query = " ".join(rng.choice(vocab) for _ in range(rng.randrange(1, 4)))
            message = "Looking for " + " ".join(rng.choice(vocab) for _ in range(rng.randrange(3, 10)))
            out.writerow(["", query, message, when(i, n_missing)])
    return [feedback, gaps, missing]


def run_command(
    checkout: Path, files: list[Path], out: Path, timeout: float, strict: bool = True
) -> float | None:
    """Seconds the real command took in a fresh process, or None past the timeout."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    args = [sys.executable, "-m", "kbgen", "report", *map(str, files), "--json", "--out", str(out)]
    args += ["-f", str(ROOT / "mkdocs.yml")]
    begin = time.perf_counter()
    try:
        proc = subprocess.run(args, cwd=out.parent, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    took = time.perf_counter() - begin
    if proc.returncode != 0:
        raise SystemExit(f"{checkout}: kbgen report failed:\n{proc.stderr.decode()[-2000:]}")
    if strict:
        json.loads(proc.stdout)  # one JSON document (main before the fix printed more after it)
    return took


def steps(files: list[Path], out: Path) -> dict[str, float]:
    """Each step's seconds, measured in this process (this checkout)."""
    from kbgen.core import urls
    from kbgen.mkdocs.project import Project
    from kbgen.report import gaps, page, read, summary

    project = Project.open(ROOT / "mkdocs.yml")
    kb = project.load()
    site = {e.id: urls.url_for(urls.entry_name(e.id), True) for e in kb.entries}
    products = {p.id: urls.url_for(urls.product_name(p.id), True) for p in kb.products}
    answers = gaps.Answers(kb, site, products)
    times: dict[str, float] = {}
    t = time.perf_counter()
    got = read.read_files(files)
    times["read"] = time.perf_counter() - t

    class NoCheck(gaps.Answers):
        def __init__(self) -> None:
            pass

    t = time.perf_counter()
    real_check_all = gaps.check_all
    gaps.check_all = lambda groups, answers: None  # type: ignore[assignment]
    try:
        result = summary.summarize(got.submissions, kb, NoCheck(), site)
    finally:
        gaps.check_all = real_check_all
    times["summarize"] = time.perf_counter() - t
    texts = [
        (s.message or s.query, s.query if s.message else "") for s in got.submissions if s.form != "feedback"
    ]
    t = time.perf_counter()
    groups = gaps.group(texts)
    times["group"] = time.perf_counter() - t
    t = time.perf_counter()
    gaps.check_all(groups, answers)
    times["check"] = time.perf_counter() - t
    result.gaps = groups
    t = time.perf_counter()
    page.write(result, out / "steps")
    times["page"] = time.perf_counter() - t
    times["gaps"] = float(len(groups))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", default="10000,100000")
    parser.add_argument("--against", type=Path, help="another kbgen checkout to time side by side")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    from kbgen.mkdocs.project import Project

    entry_ids = [e.id for e in Project.open(ROOT / "mkdocs.yml").load().entries]
    header = f"{'rows':>8} {'gaps':>7} {'this':>8}"
    if args.against:
        header += f" {'against':>9}"
    header += f" | {'read':>6} {'summ.':>6} {'group':>6} {'check':>6} {'page':>6}  (seconds)"
    print(header)
    for rows in (int(r) for r in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            files = generate(rows, folder, entry_ids)
            this = min(
                t
                for t in (
                    run_command(ROOT, files, folder / "report", args.timeout) for _ in range(args.repeat)
                )
                if t is not None
            )
            line = f"{rows:>8}"
            parts = steps(files, folder)
            line += f" {int(parts['gaps']):>7} {this:>8.2f}"
            if args.against:
                other = run_command(
                    args.against.resolve(), files, folder / "report-other", args.timeout, strict=False
                )
                line += f" {'>' + format(args.timeout, 'g') if other is None else format(other, '.2f'):>9}"
            line += " | " + " ".join(
                f"{parts[k]:>6.2f}" for k in ("read", "summarize", "group", "check", "page")
            )
            print(line, flush=True)


if __name__ == "__main__":
    main()
