"""Reading built sites and content files independently of kbgen's own code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup


def front_matter(path: Path) -> dict[str, Any]:
    """An entry's front matter, parsed with plain PyYAML (not kbgen's loader)."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    _, front, _ = text.split("---\n", 2)
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    data.setdefault("id", path.stem)
    return data


def content_entries(content: Path) -> list[dict[str, Any]]:
    """Front matter of every entry under a content directory."""
    return [front_matter(p) for p in sorted(content.rglob("*.md")) if p.name != "README.md"]


def page(site: Path, url: str) -> BeautifulSoup:
    """A built page by its directory URL, e.g. 'questions/x/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every JSON-LD object of a page."""
    return [json.loads(s.string or "") for s in soup.find_all("script", type="application/ld+json")]
