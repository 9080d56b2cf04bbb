"""Material's navigation is rendered once per distinct look, not once per page, and the pages
are byte for byte what rendering it on every page gives (kbgen/mkdocs/navcache.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kbgen.cli import main
from kbgen.mkdocs import navcache
from tests.conftest import ROOT


def _build(site: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> list[navcache.NavCache]:
    caches: list[navcache.NavCache] = []
    real = navcache.install

    def install(*args: Any, **kwargs: Any) -> navcache.NavCache:
        caches.append(real(*args, **kwargs))
        return caches[-1]

    monkeypatch.setattr(navcache, "install", install)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "--site-dir", str(site), *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return caches


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("offline", [False, True], ids=["web", "offline"])
def test_navigation_is_rendered_once_per_look_and_pages_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline: bool
) -> None:
    extra = ("--offline",) if offline else ()
    caches = _build(tmp_path / "cached", monkeypatch, *extra)
    cached = _pages(tmp_path / "cached")
    with_nav = [name for name, html in cached.items() if b'class="md-nav md-nav--primary"' in html]
    assert len(with_nav) > 60  # the demo: 52 entries, a catalog, stages, home, contact, 404
    # (--offline builds the web site too, then the copy: one cache each.) The pages that are in
    # the navigation (home, stages, products, contact) render their own; all others share one
    # or two looks (pages one and two folders deep)
    assert 1 <= len(caches) <= 2
    assert all(cache.renders <= 12 for cache in caches), [c.renders for c in caches]

    monkeypatch.setattr(navcache, "nav_key", lambda context: None)  # render it on every page
    every = _build(tmp_path / "every", monkeypatch, *extra)
    assert every[-1].renders == len(with_nav), (every[-1].renders, len(with_nav))
    assert _pages(tmp_path / "every") == cached
