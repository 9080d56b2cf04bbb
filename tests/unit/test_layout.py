"""The package layout holds: only kbgen/mkdocs/ touches the engine, and no module imports itself
back through others (import cycles)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "kbgen"
ENGINE = ("mkdocs", "material")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The kbgen modules a file imports (at any level, TYPE_CHECKING blocks included)."""
    deps: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kbgen":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                deps.add(full if full in modules else node.module)
        elif isinstance(node, ast.Import):
            deps |= {a.name for a in node.names if a.name.split(".")[0] == "kbgen"}
    return {d for d in deps if d in modules}


def _engine_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found += [n for n in names if n.split(".")[0] in ENGINE and not getattr(node, "level", 0)]
    return found


def test_only_the_mkdocs_package_imports_the_engine() -> None:
    outside = {
        name: engine
        for name, path in _modules().items()
        if not name.startswith("kbgen.mkdocs") and (engine := _engine_imports(path))
    }
    assert outside == {}
    assert _engine_imports(PACKAGE / "mkdocs" / "plugin.py")  # the scan finds engine imports


def test_the_core_imports_and_works_without_mkdocs_or_material() -> None:
    """Every module outside kbgen/mkdocs/ (and the CLI, which runs the engine) imports with
    mkdocs and material made unimportable, and loads the demo content."""
    names = sorted(n for n in _modules() if not n.startswith(("kbgen.mkdocs", "kbgen.cli", "kbgen.__main__")))
    script = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {ENGINE!r}:
            raise ImportError("engine imported: " + name)
sys.meta_path.insert(0, Block())
import importlib
for name in {names!r}:
    importlib.import_module(name)
from pathlib import Path
from kbgen.content.loader import load
from kbgen.core.i18n import default_stages
kb = load(Path({str(PACKAGE.parent / "content")!r}), default_stages("en"))
assert len(kb.entries) > 10
assert not [m for m in sys.modules if m.split(".")[0] in {ENGINE!r}]
print("ok", {len(names)})
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=PACKAGE.parent
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok ")


def test_there_is_no_import_cycle() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(name: str, stack: list[str]) -> None:
        state[name] = 1
        stack.append(name)
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    assert cycles == []
    assert graph["kbgen.content.loader"]  # the scan sees imports at all
