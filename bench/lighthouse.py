"""Lighthouse scores (mobile) for every page type of the demo help center, served with gzip.

Usage: python3 bench/lighthouse.py [--runs 1] [--site demo|zh|all] [--only PAGE ...]

Builds the demo with `kbgen build`, serves it on 127.0.0.1 with gzip (as Netlify does; a plain
`python -m http.server` sends everything uncompressed, which costs ~1 s of FCP on Lighthouse's
simulated 4G), runs Lighthouse (npm package, installed into bench/out/lighthouse on first use;
Debian's /usr/bin/chromium) on every page type (home, stage, entry, products, product, contact,
search with results, search showing a compatibility card or channels, search asked from a
product page, 404) of the demo and of
examples/zh (in each of its languages: 简体中文 at the root, 繁體中文 and English), and prints the
four category scores (median over --runs) and every failing audit below 100.
The brief's goal: 100 for accessibility, best practices and SEO, and at least 95 for performance.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LH_DIR = ROOT / "bench" / "out" / "lighthouse"
SITES = {"demo": "mkdocs.yml", "zh": "examples/zh/mkdocs.yml"}
PAGES = {
    "demo": {
        "home": "",
        "stage": "after-delivery/",
        "entry": "questions/how-to-descale/",
        "products": "products/",
        "product": "products/aero-one/",
        "contact": "contact/",
        "search": "search/?q=descale",
        "search-yes": "search/?q=does+the+trek+grinder+fit+the+aero+duo",
        "search-no": "search/?q=pico+bottomless+portafilter",
        "search-unk": "search/?q=frothmate+trek+grinder",
        "search-chan": "search/?q=phone+number",
        # searched from a product page: asking about that product (its line and button)
        "search-product": "search/?product=aero-one&q=does+the+aqua+xl+filter+fit",
        "404": "404.html",
    },
    "zh": {
        "home": "",
        "stage": "after-delivery/",
        "entry": "questions/seven-day-return/",
        "products": "products/",
        "product": "products/gaiwan/",
        "contact": "contact/",
        "search": "search/?q=%E9%80%80%E8%B4%A7",  # 退货
        "search-yes": "search/?q=%E7%9B%96%E7%A2%97+%E8%8C%B6%E6%BB%A4",  # 盖碗 茶滤
        "search-chan": "search/?q=%E4%BA%BA%E5%B7%A5%E5%AE%A2%E6%9C%8D",  # 人工客服
        # 茶滤能用吗 on the gaiwan's behalf
        "search-product": "search/?product=gaiwan&q=%E8%8C%B6%E6%BB%A4%E8%83%BD%E7%94%A8%E5%90%97",
        "404": "404.html",
        # its other languages: 繁體中文 under /zh-hant/, English under /en/ (an answer shown
        # untranslated, marked, in each)
        **{
            f"{code}-{name}": f"{code}/{path}"
            for code, search in (("zh-hant", "%E9%80%80%E8%B2%A8"), ("en", "return"))  # 退貨
            for name, path in {
                "home": "",
                "stage": "after-delivery/",
                "entry": "questions/seven-day-return/",
                "untr": "questions/warranty/",
                "products": "products/",
                "product": "products/gaiwan/",
                "contact": "contact/",
                "search": f"search/?q={search}",
                "404": "404.html",
            }.items()
        },
    },
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (text types only)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        text = path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml"}
        if not (text and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and Path(self.translate_path(self.path)).is_dir():
            return super().send_head()  # let the base class redirect to the slash URL
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def ensure_lighthouse() -> Path:
    binary = LH_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LH_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=LH_DIR, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "lighthouse@12"], cwd=LH_DIR, check=True)
    return binary


def audit(binary: Path, url: str, out: Path) -> dict[str, object]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(
        [
            str(binary),
            url,
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--site", choices=[*SITES, "all"], default="all")
    parser.add_argument("--only", nargs="*", help="page types to audit (default: all)")
    args = parser.parse_args()
    binary = ensure_lighthouse()
    failing = False
    problems: list[str] = []
    print(f"{'site':4} {'page':16} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES))
    with tempfile.TemporaryDirectory() as tmp:
        for site_name, config in SITES.items():
            if args.site not in ("all", site_name):
                continue
            site = Path(tmp) / site_name
            subprocess.run(
                [sys.executable, "-m", "kbgen", "build", "-f", config, "-d", str(site)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            server = http.server.ThreadingHTTPServer(
                ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            for name, path in PAGES[site_name].items():
                if args.only and name not in args.only:
                    continue
                scores: dict[str, list[float]] = {c: [] for c in CATEGORIES}
                for run in range(args.runs):
                    report = audit(binary, base + path, Path(tmp) / f"{site_name}-{name}-{run}.json")
                    for c in CATEGORIES:
                        scores[c].append(100 * float(report["categories"][c]["score"]))  # type: ignore[index]
                    for cat in CATEGORIES:
                        for ref in report["categories"][cat]["auditRefs"]:  # type: ignore[index]
                            a = report["audits"][ref["id"]]  # type: ignore[index]
                            if ref["weight"] and a["score"] is not None and a["score"] < 1 and run == 0:
                                problems.append(
                                    f"  {site_name} {name}: {cat}: {a['id']} ({a['score']}): {a['title']}"
                                    + "".join(f"\n      {d}" for d in details(a))
                                )
                medians = {c: statistics.median(v) for c, v in scores.items()}
                failing |= medians["performance"] < 95 or any(medians[c] < 100 for c in CATEGORIES[1:])
                print(f"{site_name:4} {name:16} " + " ".join(f"{medians[c]:13.0f}" for c in CATEGORIES))
            server.shutdown()
            server.server_close()
    print("\nweighted audits below 100 (first run):" if problems else "\nno failing weighted audit")
    print("\n".join(problems))
    print(
        "\ngoal: performance >= 95, the other three = 100 on every page type:",
        "NOT MET" if failing else "met",
    )
    return 0


def details(audit: dict[str, object]) -> list[str]:
    """The first few offending elements of a failing audit (selector or snippet), if it lists any."""
    items = (audit.get("details") or {}).get("items") or []  # type: ignore[attr-defined]
    out: list[str] = []
    for item in items[:5]:
        node = item.get("node") if isinstance(item, dict) else None
        if isinstance(node, dict):
            out.append(f"{node.get('selector', '')} {node.get('snippet', '')[:120]}")
        elif isinstance(item, dict):
            out.append(", ".join(f"{k}={str(v)[:60]}" for k, v in list(item.items())[:3]))
    return out


if __name__ == "__main__":
    sys.exit(main())
