"""Shared fixtures: tiny help-center projects written into tmp dirs, and the kbgen command."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"

MKDOCS_YML = """\
site_name: Test Shop Help
docs_dir: content
site_dir: site
theme:
  name: material
  language: {language}
  font: false
plugins:
  - kbgen
"""


def entry(
    question: str = "Can I return an opened item?",
    stage: str = "after-delivery",
    summary: str = "Yes, within 30 days.",
    body: str = "## Steps\n\nOpen your order and choose Return.\n",
    **extra: str,
) -> str:
    """A valid entry file's text; extra fields are added as raw YAML lines."""
    lines = [f"question: {question}", f"stage: {stage}", f"summary: {summary}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


WriteSite = Callable[..., Path]


@pytest.fixture
def write_site(tmp_path: Path) -> WriteSite:
    """Write a project: ``write_site({"content/a.md": "...", ...}, language="en")`` → its root."""

    def write(files: dict[str, str | bytes], *, language: str = "en", config: str | None = None) -> Path:
        root = tmp_path / "site-src"
        root.mkdir(exist_ok=True)
        (root / "mkdocs.yml").write_text(
            config if config is not None else MKDOCS_YML.format(language=language), encoding="utf-8"
        )
        (root / "content").mkdir(exist_ok=True)
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return root

    return write


def run_kbgen(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the real ``kbgen`` command (as ``python -m kbgen``) in ``cwd``."""
    proc = subprocess.run(
        [sys.executable, "-m", "kbgen", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"kbgen {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo help center (repo's mkdocs.yml and content/), built once per test run."""
    out = tmp_path_factory.mktemp("demo") / "site"
    run_kbgen("build", "--site-dir", str(out), cwd=ROOT, check=True)
    return out
