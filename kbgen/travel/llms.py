"""``/llms.txt`` (https://llmstxt.org) and ``llms-full.txt`` for one language's entries.

A function of one language's stages and answers, so a site in several languages writes one
per language and the root one links the others (``more``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kbgen.travel.markdown import link_text, plain_field


@dataclass(frozen=True)
class Link:
    """One line of a list: a title, where it points, and an optional note."""

    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Section:
    """An H2 section: a stage's title, its description and its questions."""

    title: str
    links: tuple[Link, ...]
    description: str = ""


def _line(link: Link) -> str:
    note = plain_field(link.note)
    return f"- [{link_text(link.title)}]({link.url})" + (f": {note}" if note else "")


def llms_txt(
    name: str, summary: str, sections: Sequence[Section], *, intro: str = "", more: Sequence[Section] = ()
) -> str:
    """The llms.txt text: H1 ``name``, a blockquote ``summary``, an optional paragraph, then one
    H2 per section listing each question as a link to its Markdown copy, its short answer as
    the note; ``more`` sections (other languages, the full file) come last."""
    out = [f"# {plain_field(name)}", ""]
    if summary.strip():
        out += [f"> {plain_field(summary)}", ""]
    if intro.strip():
        out += [plain_field(intro), ""]
    for section in [*sections, *more]:
        if not section.links:
            continue
        out += [f"## {plain_field(section.title)}", ""]
        if section.description.strip():
            out += [plain_field(section.description), ""]
        out += [_line(link) for link in section.links]
        out.append("")
    return "\n".join(out)


def llms_full(name: str, summary: str, copies: Sequence[str]) -> str:
    """``llms-full.txt``: the H1 and summary, then every answer's Markdown copy, each as it is
    published at its own ``.md`` address (their ``#`` titles demoted to ``##``)."""
    out = [f"# {plain_field(name)}", ""]
    if summary.strip():
        out += [f"> {plain_field(summary)}", ""]
    for copy in copies:
        out += [_demote(copy).rstrip("\n"), ""]
    return "\n".join(out)


def _demote(copy: str) -> str:
    """The copy's headings one level down, outside code blocks."""
    lines: list[str] = []
    fence = ""
    for line in copy.split("\n"):
        stripped = line.lstrip(" ")
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = "" if fence == marker else (fence or marker)
        if not fence and stripped.startswith("#") and len(line) - len(stripped) <= 3:
            hashes = len(stripped) - len(stripped.lstrip("#"))
            if hashes < 6 and stripped[hashes : hashes + 1] in (" ", ""):
                line = "#" + stripped
        lines.append(line)
    return "\n".join(lines)
