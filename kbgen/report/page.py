"""The report as one HTML page: bar charts drawn as inline SVG, no script, every text escaped."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
        gap_rows=[
            (g, new_command(g, stages) if g.answered_by is None else "") for g in report.gaps if g.checked
        ],
        unchecked=report.unchecked,
        stages=stages,
        entry_urls={s.id: s.url for s in [*report.entries, *report.unvoted] if s.url},
    )


class UnsafeTargetError(Exception):
    """The page's file is a symbolic link (or not a file): nothing is written through it."""


def write(report: Report, out_dir: Path, site_name: str = "") -> Path:
    """Write ``out_dir/index.html`` whole or not at all (a new file moved into place, so a reader
    never sees half a page); returns its path.

    Raises UnsafeTargetError when ``index.html`` is a symbolic link or not a regular file: the report
    never writes through a link to a file elsewhere.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise UnsafeTargetError(f"{target}: is a symbolic link or not a file; it was left alone")
    data = render(report, site_name).encode("utf-8", errors="backslashreplace")
    # mkstemp creates a new file (O_EXCL): it never opens an existing file or link.
    fd, name = tempfile.mkstemp(prefix=".index-", suffix=".html", dir=out_dir)
    staging = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        staging.chmod(0o644)
        staging.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise
    return target
