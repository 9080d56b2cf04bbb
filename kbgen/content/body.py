"""Checks of an entry's Markdown body: links must reach an entry (and a heading it has) or a
published file, and images must be on the site itself."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from kbgen.content.references import Checked, Source
from kbgen.core.errors import Problem
from kbgen.core.urls import local_image

_IMAGE_SRC = re.compile(
    r"""!\[[^\]\n]*\]\(\s*<?([^)\s>]+)"""  # ![alt](src)
    r"""|<img\b(?:[^>"']|"[^"]*"|'[^']*')*?\bsrc\s*=\s*["']?([^"'\s>]+)""",  # <img ... src=...>
    re.I,
)
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.M)
_REF_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?")


BODY = "<body>"
"""Key of the body's first line in a source's line table."""
_CODE = re.compile(
    r"^([ ]{0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\2[`~]*[ \t]*$|\Z)"  # fenced blocks
    r"|`+[^`\n]*`+",  # code spans
    re.M | re.S,
)
_MD_LINK = re.compile(r"(?<!\\)\[(?:[^\]\n]|\][^(\n])*\]\(\s*<?([^)\s>]+)")


def _without_code(body: str) -> str:
    """The body with code blocks and spans blanked (line breaks kept, so lines still count)."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)


HeadingIds = Callable[[str], set[str]]
"""The anchor ids of an entry's page, from its Markdown body (as the site renders it)."""


def check_body_links(
    rel: str,
    body_text: str,
    src: Source,
    checked: Checked,
    published: set[str],
    heading_ids: HeadingIds | None,
    problems: list[Problem],
) -> None:
    """Relative links in an entry must reach an entry or a published file, as the build
    requires (it is strict); so `kbgen check` fails where `kbgen build` would. A link to a
    heading of another entry (``other.md#part``) must name a heading that entry has."""
    body = _without_code(body_text)
    folder = posixpath.dirname(rel)
    first_line = src.line(BODY)
    for found in _MD_LINK.finditer(body):
        target = found.group(1)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("#", "/", "\\")) or not parts.path:
            continue  # other sites, anchors on this page, absolute paths: not checked here
        path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        why = ""
        if path.startswith("../") or path == "..":
            why = "points outside content/; link an entry's .md file or a file in content/"
        elif path not in published:
            why = "goes to no entry or published file in content/ (an entry's .md file, an image or a PDF)"
        elif parts.fragment and heading_ids is not None and path in checked.bodies:
            if path not in checked.anchors:
                checked.anchors[path] = heading_ids(checked.bodies[path][0])
            ids = checked.anchors[path]
            if unquote(parts.fragment) not in ids:
                shown = ", ".join(f"#{i}" for i in sorted(ids)[:8]) or "none"
                where = checked.bodies[path][1].path
                why = f"goes to a heading {where} does not have (its headings: {shown})"
        if why:
            line = first_line + body.count("\n", 0, found.start())
            problems.append(Problem(src.path, line, "body", f"link '{target[:80]}' {why}"))


def check_body_images(body: str, first_line: int, shown: str, problems: list[Problem]) -> None:
    """Images in an entry must come from the site itself: the Content-Security-Policy allows no
    other origin, and a third-party image would tell another site who reads the page."""
    definitions = {m.group(1).strip().lower(): m for m in _REF_DEFINITION.finditer(body)}
    used = {(m.group(2) or m.group(1)).strip().lower() for m in _REF_IMAGE.finditer(body)}
    image_refs = [m for name, m in definitions.items() if name in used]
    for found in [*_IMAGE_SRC.finditer(body), *image_refs]:
        src = found.group(found.lastindex or 1)
        if not local_image(src):
            line = first_line + body.count("\n", 0, found.start())
            problems.append(
                Problem(
                    shown,
                    line,
                    "body",
                    f"image '{src[:80]}' is not on this site; save it under content/images/ "
                    "and link it with a relative path",
                )
            )
