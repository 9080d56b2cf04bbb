#!/usr/bin/env python3
"""What each keystroke fetches while typing on a split index: an older commit's layout and this
tree's, side by side, keystroke by keystroke.

Usage:
    python3 bench/search_keys.py --reuse                  # 10,000 entries, against main
    python3 bench/search_keys.py --reuse --old 8fdda1a --warm 24
    python3 bench/search_keys.py --reuse --old 80b4fac --typed "model 4321 kettle" --typed 1403

The help center is bench/search_network.py's generated one (--reuse: its built site when
complete), the typing bench/search_warm.py's: its first query, then --warm queries
(bench/search_speed.py's), or the --typed texts, typed letter by letter. Each side types them
into one copy of its search worker in Node (tests/node/worker_parity.cjs, one worker for the
whole session: what earlier keystrokes fetched stays), with its own split index: the site's
whole index (put together again from its split files) split by this tree's
kbgen/search/shards.py and by --old's (search_warm.old_index when its format differs; the
same way when only its layout does). Printed for every keystroke that fetched on either side: its files by
kind (t term shard, r row file, x prefix file, c pair file, d document block, p product block, l lengths),
their gzipped KB and round trips; then the totals. No timing: what a keystroke waits for, not
how long (bench/search_warm.py times them in a browser).
"""

from __future__ import annotations

import argparse
import collections
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search_network as net  # noqa: E402
from bench.search_speed import docs_for, queries_for  # noqa: E402
from bench.search_warm import at_commit, old_index, scripts  # noqa: E402
from kbgen.search import shards  # noqa: E402


def typed(index: Path, worker: Path, texts: list[str]) -> list[dict[str, Any]]:
    done = subprocess.run(
        ["node", str(ROOT / "tests/node/worker_parity.cjs")],
        input=json.dumps(
            {"index": str(index), "worker": str(worker), "queries": texts, "stats": True, "debug": True}
        ),
        capture_output=True, text=True, check=True, timeout=1200,
    )  # fmt: skip
    return [answer["stats"] for answer in json.loads(done.stdout)]


def resplit(source: str, site: Path) -> dict[str, str]:
    """The site's search index files as the kbgen/search/shards.py of this ``source`` splits the
    site's whole index: {path in the site: text} (a site whose index is one file: as it is)."""
    folder = site / "search"
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    if not manifest.get("split"):
        return {"search/index.json": (folder / "index.json").read_text(encoding="utf-8")}
    module = types.ModuleType("split_shards")
    module.__dict__["__file__"] = str(ROOT / "kbgen/search/shards.py")
    exec(compile(source, "kbgen/search/shards.py", "exec"), module.__dict__)
    whole = shards.whole_index(manifest, lambda name: (folder / shards.SHARD_DIR / name).read_text("utf-8"))
    text, files = module.split(whole, manifest["t"])
    out = {"search/index.json": text}
    out.update({f"search/{shards.SHARD_DIR}/{name}": body for name, body in files.items()})
    return out


def side(stats: dict[str, Any]) -> str:
    if not stats["files"]:
        return f"{'':>34}"
    kinds = collections.Counter(stats["names"])
    text = " ".join(f"{k}{kinds[k]}" for k in "xtrcdpl" if kinds[k])
    return f"{stats['files']:>3} {stats['bytes'] / 1024:5.1f} KB {stats['waves']}w  {text:<14}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=10000)
    ap.add_argument("--old", default="main")
    ap.add_argument("--warm", type=int, default=12, help="queries typed (search_warm's default)")
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--typed", action="append", help="type this text instead of --warm queries (repeatable)")
    args = ap.parse_args()
    print("$", shlex.join(["python3", "bench/search_keys.py", *sys.argv[1:]]))
    n = args.entries
    site = net.build_sites(n, n // 2, ["kbgen"], reuse=args.reuse)["kbgen"].dir
    texts = [net.cold_queries(n, 1)[0]]
    for q in args.typed or queries_for(docs_for(n), args.warm):
        texts += [q[:k] for k in range(1, len(q) + 1)]
    with tempfile.TemporaryDirectory(prefix="kbgen-keys-") as tmp:
        old_dir = Path(tmp) / "old"
        (old_dir / "search").mkdir(parents=True)
        files = old_index(args.old, site) or resplit(at_commit(args.old, "kbgen/search/shards.py"), site)
        if files:
            for rel, text in files.items():
                (old_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                (old_dir / rel).write_text(text, encoding="utf-8")
        else:
            shutil.copytree(site / "search", old_dir / "search", dirs_exist_ok=True)
        old_worker = Path(tmp) / "old-worker.js"
        old_worker.write_text(scripts(args.old, True)[shards.WORKER], encoding="utf-8")
        new_worker = Path(tmp) / "new-worker.js"
        new_worker.write_text(scripts(None, True)[shards.WORKER], encoding="utf-8")
        old = typed(old_dir / "search/index.json", old_worker, texts)
        new_dir = Path(tmp) / "new"
        for rel, text in resplit((ROOT / "kbgen/search/shards.py").read_text(encoding="utf-8"), site).items():
            (new_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (new_dir / rel).write_text(text, encoding="utf-8")
        new = typed(new_dir / "search/index.json", new_worker, texts)
    ref = at_commit(args.old, "kbgen/search/shards.py").split("SPLIT_FORMAT = ", 1)[1].split("\n", 1)[0]
    print(f"{n} entries; old: {args.old} (split format {ref}); new: this tree (format {shards.SPLIT_FORMAT})")
    print(f"\n{'text (first: a cold query)':<36} {'old':<34} {'new':<34}")
    for i, (text, a, b) in enumerate(zip(texts, old, new, strict=True)):
        if a["files"] or b["files"]:
            print(f"{text if i else text + ' (cold)':<36.36} {side(a)} {side(b)}")
    print()
    for label, got in (("old", old), ("new", new)):
        warm = got[1:]
        kinds = collections.Counter(k for s in warm for k in s["names"])
        fetching = [s for s in warm if s["files"]]
        print(
            f"{label}: {len(warm)} keystrokes, {len(fetching)} fetch; {sum(s['files'] for s in warm)} files "
            f"({' '.join(f'{k} {kinds[k]}' for k in 'xtrcdpl' if kinds[k])}), "
            f"{sum(s['bytes'] for s in warm) / 1024:.1f} KB gzipped; most files in one keystroke "
            f"{max((s['files'] for s in warm), default=0)}; keystrokes with 2+ round trips "
            f"{sum(s['waves'] > 1 for s in warm)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
