"""The report as one HTML page: bar charts drawn as inline SVG, no script, every text escaped."""

from __future__ import annotations

from pathlib import Path

import jinja2

from kbgen.report.summary import Report, new_command

TEMPLATE = "report.html"
BAR_WIDTH = 240
"""Width of a full bar, in SVG units."""


def render(report: Report, site_name: str = "") -> str:
    """The page's HTML (deterministic: the same report gives the same bytes)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    most_votes = max((s.votes for s in report.entries), default=0) or 1
    most_asked = max((g.count for g in report.gaps), default=0) or 1
    stages = list(report.stages)
    return env.get_template(TEMPLATE).render(
        r=report,
        site_name=site_name,
        bar=BAR_WIDTH,
        vote_scale=BAR_WIDTH / most_votes,
        gap_scale=BAR_WIDTH / most_asked,
        gap_rows=[(g, new_command(g, stages) if g.answered_by is None else "") for g in report.gaps],
        entry_urls={s.id: s.url for s in [*report.entries, *report.unvoted] if s.url},
    )


def write(report: Report, out_dir: Path, site_name: str = "") -> Path:
    """Write ``out_dir/index.html``; returns its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    target.write_text(render(report, site_name), encoding="utf-8")
    return target
