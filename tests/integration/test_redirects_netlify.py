"""Renamed entries answer with a 301 on Netlify; `_redirects` and `_headers` are what Netlify reads.

The built files are checked with Netlify's own code from npm (tests/node/netlify_check.mjs):
netlify-redirect-parser and netlify-headers-parser parse them, @netlify/redirects (Netlify's
redirect engine) answers requests, with its shadowing rule: a file that exists is served
before a rule that is not forced. kbgen keeps an HTML redirect page at each old path for
hosts without `_redirects`, so only forced rules (`301!`) make Netlify answer with a 301.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, WriteSite, entry, run_kbgen
from tests.helpers import content_entries

CHECKER = ROOT / "tests/node/netlify_check.mjs"
DEMO_ORIGIN = "https://help.northbrew.example"  # the demo's site_url


def netlify(
    public_dir: Path, requests: list[str], *, origin: str, base: str = "", netlify_toml: Path | None = None
) -> dict[str, Any]:
    """What Netlify's parsers and redirect engine make of a built site (see netlify_check.mjs)."""
    query = {
        "publicDir": str(public_dir),
        "netlifyToml": str(netlify_toml) if netlify_toml else None,
        "origin": origin,
        "base": base,
        "requests": requests,
    }
    proc = subprocess.run(
        ["node", str(CHECKER)], input=json.dumps(query), capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    answer: dict[str, Any] = json.loads(proc.stdout)
    return answer


def csp_line(headers_file: Path, rule: str = "/*") -> str:
    """The Content-Security-Policy value written under ``rule`` in a ``_headers`` file."""
    lines = headers_file.read_text(encoding="utf-8").splitlines()
    start = lines.index(rule)
    for line in lines[start + 1 :]:
        if not line.startswith((" ", "\t")):
            break
        name, _, value = line.strip().partition(":")
        if name == "Content-Security-Policy":
            return value.strip()
    raise AssertionError(f"no Content-Security-Policy under {rule} in _headers")


def test_demo_aliases_answer_301_on_netlify_despite_the_fallback_pages(demo_site: Path) -> None:
    renamed = {a: e["id"] for e in content_entries(ROOT / "content") for a in e.get("aliases", [])}
    assert renamed, "the demo has entries with aliases"
    old = [p for alias in renamed for p in (f"/questions/{alias}/", f"/questions/{alias}")]
    new = [f"/questions/{entry_id}/" for entry_id in renamed.values()]
    answer = netlify(demo_site, ["/", *old, *new], origin=DEMO_ORIGIN, netlify_toml=ROOT / "netlify.toml")

    assert answer["redirectErrors"] == [] and answer["headerErrors"] == []
    assert answer["redirectRules"] > 0 and answer["headerRules"] > 0
    responses = answer["responses"]
    for alias, entry_id in renamed.items():
        for path in (f"/questions/{alias}/", f"/questions/{alias}"):
            got = responses[path]
            assert got["staticFile"] == f"questions/{alias}/index.html", path  # the page that would shadow
            assert (got["status"], got["location"]) == (301, f"{DEMO_ORIGIN}/questions/{entry_id}/"), path
    for path in new:  # the targets are real pages, served as they are
        assert (responses[path]["status"], responses[path]["served"]) == (200, f"{path[1:]}index.html")

    home = answer["headers"]["/"]
    assert home["Content-Security-Policy"] == csp_line(demo_site / "_headers")
    assert home["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert home["X-Frame-Options"] == "DENY"  # netlify.toml's headers apply too


def test_netlify_engine_serves_a_shadowing_file_before_a_rule_not_forced(tmp_path: Path) -> None:
    """The control: what kbgen wrote before (`301` next to a page at the old path) never redirects,
    and a broken `_redirects` / `_headers` is reported, so the checks above can fail."""
    (tmp_path / "questions/old").mkdir(parents=True)
    (tmp_path / "questions/old/index.html").write_text("<meta http-equiv=refresh>", encoding="utf-8")
    (tmp_path / "_redirects").write_text("/questions/old/  /questions/new/  301\n", encoding="utf-8")
    answer = netlify(tmp_path, ["/questions/old/"], origin="https://x.example")
    assert answer["responses"]["/questions/old/"]["status"] == 200
    assert answer["responses"]["/questions/old/"]["served"] == "questions/old/index.html"

    (tmp_path / "_redirects").write_text("/questions/old/  /questions/new/  301!\n/oops\n", encoding="utf-8")
    (tmp_path / "_headers").write_text("  X-Frame-Options: DENY\n/*\n", encoding="utf-8")
    answer = netlify(tmp_path, ["/questions/old/"], origin="https://x.example")
    assert answer["responses"]["/questions/old/"]["status"] == 301
    assert len(answer["redirectErrors"]) == 1 and "/oops" in answer["redirectErrors"][0]
    assert answer["headerErrors"] == ['Path should come before header "X-Frame-Options"']


def test_aliases_without_directory_urls_and_under_a_base_path(write_site: WriteSite) -> None:
    config = (
        "site_name: S\nsite_url: https://shop.example/help/\nuse_directory_urls: false\n"
        "docs_dir: content\ntheme:\n  name: material\n  font: false\nplugins:\n  - kbgen\n"
    )
    root = write_site({"content/returns.md": entry(aliases="[return-policy]")}, config=config)
    run_kbgen("build", cwd=root, check=True)
    site = root / "site"

    fallback = (site / "questions/return-policy.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=returns.html">' in fallback
    assert not (site / "questions/return-policy").exists()
    requests = [
        "/help/questions/return-policy.html",
        "/help/questions/return-policy",
        "/help/questions/returns.html",
        "/help/",
    ]
    answer = netlify(site, requests, origin="https://shop.example", base="/help")
    assert answer["redirectErrors"] == [] and answer["headerErrors"] == []
    for path in requests[:2]:
        got = answer["responses"][path]
        assert got["staticFile"] == "questions/return-policy.html", path
        assert (got["status"], got["location"]) == (301, "https://shop.example/help/questions/returns.html")
    assert answer["responses"][requests[2]]["served"] == "questions/returns.html"
    assert answer["headers"]["/help/"]["Content-Security-Policy"] == csp_line(site / "_headers", "/help/*")
