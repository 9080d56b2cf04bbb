"""A second engine stays green: ProperDocs (the maintained fork of MkDocs 1.x) builds the demo
and the Chinese example into the same files as `kbgen build`, HTML identical apart from the
generator tag. If MkDocs is replaced by ProperDocs (see README, "Material's end of life"), this
is what says nothing changes for shoppers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".html":
                data = GENERATOR.sub(b"", data)
            out[path.relative_to(site).as_posix()] = data
    return out


@pytest.mark.parametrize("project", [ROOT, ROOT / "examples" / "zh"], ids=["demo", "zh"])
def test_properdocs_builds_the_same_site(project: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    kbgen_site, proper_site = tmp_path / "kbgen", tmp_path / "properdocs"
    subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "-d", str(kbgen_site)],
        cwd=project, env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(proper_site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    ours, theirs = _files(kbgen_site), _files(proper_site)
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == []
    generators = GENERATOR.findall((proper_site / "index.html").read_bytes())
    assert generators and b"properdocs" in generators[0].lower()  # it really was the other engine


def test_the_plugin_can_be_turned_off(tmp_path: Path) -> None:
    """`enabled: false` (as Material's and mkdocstrings' plugins have it) builds a plain site."""
    root = tmp_path / "off"
    (root / "content").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# Plain page\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - kbgen:\n      enabled: false\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
        cwd=root, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Plain page" in html and "kb-help" not in html and not (root / "site" / "questions").exists()
