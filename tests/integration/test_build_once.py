"""`kbgen build` reads and checks the content and the settings once, and hands them to the
plugin, instead of loading everything again inside MkDocs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kbgen.mkdocs.plugin
import kbgen.mkdocs.project
from kbgen.cli import main
from tests.conftest import WriteSite, entry


def test_content_and_settings_are_loaded_once_per_build(
    write_site: WriteSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site({"content/a.md": entry(), "content/b.md": entry(question="B?")})
    calls: Counter[str] = Counter()

    def counting(name: str, real: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    for module in (kbgen.mkdocs.plugin, kbgen.mkdocs.project):
        monkeypatch.setattr(module, "load", counting("load", module.load))
        monkeypatch.setattr(module, "resolve", counting("resolve", module.resolve))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (Path(root) / "site/questions/b/index.html").is_file()
    assert calls == {"load": 1, "resolve": 1}
