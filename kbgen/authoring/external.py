"""``kbgen check --external``: are the shop pages and channel URLs reachable? Only when asked."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

import yaml

from kbgen.content.yamlsrc import compose, line_of
from kbgen.core.channels import PLACEHOLDERS, Channel, fill
from kbgen.core.errors import Problem
from kbgen.core.model import KnowledgeBase

USER_AGENT = "kbgen-link-check/1"


@dataclass(frozen=True)
class Target:
    """An outbound URL and where it is written."""

    url: str
    path: str
    line: int
    field: str


def catalog_targets(kb: KnowledgeBase, catalog: Path, shown: str) -> list[Target]:
    """Each product's shop URL and https image, with the line it is on in the catalog."""
    lines: dict[tuple[str, str], int] = {}
    try:
        root = compose(catalog.read_text(encoding="utf-8-sig")) if catalog.exists() else None
    except Exception:  # the catalog loaded already; lines are a courtesy
        root = None
    if isinstance(root, yaml.SequenceNode):
        for item in root.value:
            if isinstance(item, yaml.MappingNode):
                fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
                pid = getattr(fields.get("id"), "value", None)
                for name in ("url", "image"):
                    if pid and name in fields:
                        lines[(pid, name)] = line_of(fields[name])
    targets = []
    for p in kb.products:
        targets.append(Target(p.url, shown, lines.get((p.id, "url"), 1), f"{p.id}.url"))
        if p.image and p.image.startswith(("https://", "http://")):
            targets.append(Target(p.image, shown, lines.get((p.id, "image"), 1), f"{p.id}.image"))
    return targets


def channel_targets(channels: Iterable[Channel], config_shown: str, line_for: dict[str, int]) -> list[Target]:
    """Channel URLs that are web pages (placeholders left empty)."""
    return [
        Target(
            fill(c.href, **dict.fromkeys(PLACEHOLDERS, "")),
            config_shown,
            line_for.get(c.key, 1),
            f"plugins.kbgen.contact.{c.key}.url",
        )
        for c in channels
        if c.href.startswith(("https://", "http://"))
    ]


def probe(url: str, timeout: float) -> str | None:
    """None when the URL answers with a success or redirect; else what went wrong."""
    for method in ("HEAD", "GET"):
        try:
            with urlopen(Request(url, method=method, headers={"User-Agent": USER_AGENT}), timeout=timeout):
                return None
        except HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some shops refuse HEAD; ask again with GET
            return f"answered HTTP {exc.code}"
        except (URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return f"did not answer within {timeout:g}s"
            return f"could not be reached ({reason})"
    return None


def check(targets: list[Target], timeout: float = 10.0, workers: int = 8) -> list[Problem]:
    """Probe every distinct URL at once (bounded threads); one problem per failing place."""
    urls = sorted({t.url for t in targets})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(urls, pool.map(lambda u: probe(u, timeout), urls), strict=True))
    return [Problem(t.path, t.line, t.field, f"{t.url} {results[t.url]}") for t in targets if results[t.url]]
