"""The report as one HTML page: bar charts drawn as inline SVG, no script, every text escaped."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from kbgen.core import i18n
from kbgen.report.summary import Report, new_command
from kbgen.report.translations import LanguageStatus

TEMPLATE = "report.html"
BAR_WIDTH = 240
"""Width of a full bar, in SVG units."""


def render(report: Report, site_name: str = "", words: dict[str, str] | None = None, lang: str = "en") -> str:
    """The page's HTML (deterministic: the same report gives the same bytes), in ``words``
    (kbgen's English words when not given) with ``<html lang>`` ``lang``."""
    table = words if words is not None else i18n.strings("en")

    def say(key: str, n: int | None = None, **values: object) -> Markup:
        """A word of the table, escaped (a strings file is text, not markup), ``values`` put in
        escaped unless they are markup themselves; ``key_one`` when ``n`` is 1."""
        text = table.get(f"{key}_one", table[key]) if n == 1 else table[key]
        return escape(text).format(n=n, **values)

    def code(text: str) -> Markup:
        return Markup("<code>{}</code>").format(text)

    def name(status: LanguageStatus) -> Markup:
        return Markup('<span lang="{}">{}</span>').format(status.code, status.name)

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
        lang=lang,
        t=say,
        code=code,
        name=name,
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


def write(
    report: Report, out_dir: Path, site_name: str = "", words: dict[str, str] | None = None, lang: str = "en"
) -> Path:
    """Write ``out_dir/index.html`` whole or not at all (a new file moved into place, so a reader
    never sees half a page); returns its path.

    Raises UnsafeTargetError when ``index.html`` is a symbolic link or not a regular file: the report
    never writes through a link to a file elsewhere.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise UnsafeTargetError(f"{target}: is a symbolic link or not a file; it was left alone")
    data = render(report, site_name, words, lang).encode("utf-8", errors="backslashreplace")
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
