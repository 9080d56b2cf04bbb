"""Shared fixtures: tiny help-center projects written into tmp dirs, and the kbgen command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # not on Windows: each worker builds its own
    fcntl = None  # type: ignore[assignment]

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


# Built sites shared by the whole run. Each is built ONCE per session (a real `kbgen build`) and
# is READ-ONLY for the tests that use it: a test that changes files must work on its own copy
# (``shutil.copytree(site, tmp_path / "site")``), so that no test's change reaches another test.


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder ``build`` fills, made once per test run: with pytest-xdist's workers, the first
    worker that needs it builds it in the run's shared temporary folder (under a lock) and the
    others use it (pytest-xdist's documented way to run a session fixture once); a build that
    failed is not reused (the next worker builds again, and fails alike)."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or fcntl is None:
        folder = factory.mktemp(name)
        build(folder)
        return folder
    folder = factory.getbasetemp().parent / f"built-once-{name}"
    with Path(f"{folder}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".built"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo help center (repo's mkdocs.yml and content/), built once per test run.
    Read-only: copy it before changing anything."""

    def build(folder: Path) -> None:
        run_kbgen("build", "--site-dir", str(folder / "site"), cwd=ROOT, check=True)

    return built_once(tmp_path_factory, "demo", build) / "site"


@pytest.fixture(scope="session")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese example (examples/zh, as it is), built once per test run from the repository
    root (so this checkout's kbgen is the one imported). Read-only: copy it before changing."""

    def build(folder: Path) -> None:
        out = str(folder / "site")
        run_kbgen("build", "-f", "examples/zh/mkdocs.yml", "--site-dir", out, cwd=ROOT, check=True)

    return built_once(tmp_path_factory, "zh", build) / "site"


def write_langs_project(root: Path, config: str | None = None) -> Path:
    """tests/integration/test_languages.py's three-language project (its CONFIG or ``config``,
    and its FILES) written into ``root``; returns ``root``."""
    from tests.integration.test_languages import CONFIG, FILES

    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG if config is None else config, encoding="utf-8")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def langs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/integration/test_languages.py's CONFIG and FILES (en, zh-Hans, zh-Hant), built once
    per test run; returns the built site (its project is the parent folder). Read-only."""

    def build(folder: Path) -> None:
        run_kbgen("build", cwd=write_langs_project(folder), check=True)

    return built_once(tmp_path_factory, "langs", build) / "site"


@dataclass(frozen=True)
class OfflineBuild:
    """The demo built with ``kbgen build --offline`` in a copy of the repository's project."""

    project: Path
    stderr: str

    @property
    def zip_path(self) -> Path:
        return self.project / "site" / "offline.zip"


@pytest.fixture(scope="session")
def demo_offline(tmp_path_factory: pytest.TempPathFactory) -> OfflineBuild:
    """The demo (a copy of content/, theme/ and mkdocs.yml) built once per test run with
    ``kbgen build --offline``. Read-only: copy it before changing anything."""

    def build(project: Path) -> None:
        for name in ("content", "theme"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        proc = run_kbgen("build", "--offline", cwd=project, check=True)
        (project / ".stderr").write_text(proc.stderr, encoding="utf-8")

    project = built_once(tmp_path_factory, "offline-demo", build)
    return OfflineBuild(project, (project / ".stderr").read_text(encoding="utf-8"))
