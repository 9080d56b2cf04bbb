"""What ``installable: true`` adds to a real build (kbgen/travel/app.py): a manifest, a worker and
an offline page per language, the shell the worker keeps (files that exist, no answer pages),
the same bytes on every build; and nothing at all when it is off."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.conftest import run_kbgen
from tests.integration.test_languages import CONFIG, FILES

ON = "  - kbgen:\n      installable: true\n"


def _build(root: Path, config: str, out: str = "site") -> Path:
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    run_kbgen("build", "--site-dir", str(root / out), cwd=root, check=True)
    return root / out


def _worker_config(worker: Path) -> dict[str, object]:
    text = worker.read_text(encoding="ascii")
    found = re.search(r"^var C = (\{.*\});$", text, re.M)
    assert found, text[:400]
    return json.loads(found.group(1))


def test_each_language_gets_its_manifest_worker_and_offline_page(tmp_path: Path) -> None:
    site = _build(tmp_path, CONFIG.replace("  - kbgen:\n", ON))
    for prefix, lang, name, offline in (
        ("", "en", "Test Shop Help", "You're offline"),
        ("zh-hans/", "zh-Hans", "Test Shop Help", "您已离线"),
        ("zh-hant/", "zh-Hant", "測試商店 說明中心", "您目前離線"),
    ):
        folder = site / prefix
        manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert (manifest["lang"], manifest["name"], manifest["scope"]) == (lang, name, "./")
        assert all((folder / icon["src"]).is_file() for icon in manifest["icons"])
        assert (folder / "assets/kbgen/app-icon-512.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        config = _worker_config(folder / "sw.js")
        shell = config["shell"]
        assert isinstance(shell, list) and shell
        assert all((folder / p).is_file() or (folder / p / "index.html").is_file() for p in shell), shell
        assert "" in shell and "search/" in shell and "search/index.json" in shell and "offline.html" in shell
        assert not [p for p in shell if p.startswith(("questions/", "zh-"))]  # no answer, no other language
        # the search page's worker in one file, not the scripts bundled into it a second time
        assert [p for p in shell if re.fullmatch(r"assets/kbgen/search-worker\.[0-9a-f]{12}\.js", p)], shell
        bundled = {f"assets/kbgen/{name}.js" for name in ("lunr", "search-tokenize", "search-worker")}
        assert not bundled & set(shell), shell
        # The root's worker leaves the other languages' folders to their own workers.
        assert config["skip"] == (["zh-hans/", "zh-hant/"] if not prefix else [])
        page = (folder / "offline.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page and f"<h1>{html.escape(offline)}</h1>" in page
        assert "<script>" not in page  # the site's CSP: no inline script
        answer = (folder / "questions/a/index.html").read_text(encoding="utf-8")
        assert '<link rel="manifest" href="../../manifest.webmanifest">' in answer
        assert '<script src="../../assets/kbgen/app.js" defer>' in answer
    headers = (site / "_headers").read_text(encoding="utf-8")
    for prefix in ("", "zh-hans/", "zh-hant/"):
        assert f"/{prefix}manifest.webmanifest\n  Content-Type: application/manifest+json\n" in headers

    # The same site gives the same bytes (the worker's version is a digest of what it keeps).
    again = _build(tmp_path, CONFIG.replace("  - kbgen:\n", ON), out="again")
    for rel in ("sw.js", "zh-hant/sw.js", "manifest.webmanifest", "offline.html", "assets/kbgen/app.js"):
        assert (again / rel).read_bytes() == (site / rel).read_bytes(), rel


def test_off_by_default_nothing_is_added(langs_site: Path) -> None:
    site = langs_site  # CONFIG and FILES as they are, built once per run
    found = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.name in ("sw.js", "manifest.webmanifest", "offline.html", "app.js", "app.css")
    ]
    assert found == []
    answer = (site / "questions/a/index.html").read_text(encoding="utf-8")
    assert "manifest" not in answer and "app.js" not in answer


def test_a_wrong_value_is_refused_at_its_line(tmp_path: Path) -> None:
    config = CONFIG.replace("  - kbgen:\n", "  - kbgen:\n      installable: maybe\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    proc = run_kbgen("build", cwd=tmp_path)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert (
        "mkdocs.yml:11: plugins.kbgen.installable: 'maybe' is not one of: true, false, remove "
        "(undo an earlier true)" in proc.stderr.splitlines()
    ), proc.stderr
    assert not (tmp_path / "site").exists()
