"""A project's own words for kbgen's pages: ``strings.yml`` beside ``mkdocs.yml``.

It supplies kbgen's words for a language kbgen has none for, and lets a site change any of
kbgen's wording in any language. Its top-level keys are language codes, each holding keys of
kbgen's English table (kbgen/core/i18n.py) with their text::

    de:
      site_title: Hilfe-Center
      search_count: "{n} Ergebnisse für „{q}“"
    en:
      contact_title: Talk to us

A section applies to the site's ``theme.language`` when its code is that language or its base
language (``de`` for ``de-CH``; the more specific wins); case and ``_``/``-`` do not matter.
Every problem is reported at once, as ``strings.yml:line: de.search_count: message``.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbgen.content import yamlsrc
from kbgen.core import i18n
from kbgen.core.errors import ContentError, Problem

DEFAULT = "strings.yml"
"""The file ``plugins.kbgen.strings`` names by default (used only when it exists)."""

_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Wording:
    """The strings file's sections, checked: language code → key → text."""

    sections: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """Each section's line in the file."""
    shown: str = DEFAULT

    def for_language(self, language: str | None) -> dict[str, str]:
        """The words a site in ``language`` takes from the file (its base language's first, then
        its own)."""
        wanted = _parts(language or "en")
        out: dict[str, str] = {}
        for code in sorted(self.sections, key=lambda c: len(_parts(c))):
            parts = _parts(code)
            if parts == wanted[: len(parts)]:
                out.update(self.sections[code])
        return out

    def section_line(self, language: str | None) -> int:
        """The line of the most specific section for ``language`` (1 when there is none)."""
        wanted = _parts(language or "en")
        found = [c for c in self.sections if _parts(c) == wanted[: len(_parts(c))]]
        return self.lines[max(found, key=lambda c: len(_parts(c)))] if found else 1


def _parts(code: str) -> list[str]:
    return re.split(r"[-_]", code.strip().lower())


def words(language: str | None, wording: Wording | None = None) -> dict[str, str]:
    """Every word a site in ``language`` shows: kbgen's own (English where it has none), with the
    strings file's on top."""
    return {**i18n.strings(language), **(wording.for_language(language) if wording else {})}


def missing(language: str | None, wording: Wording | None) -> list[str]:
    """The English keys a site in ``language`` shows in English: all of kbgen's words when kbgen
    has none in that language, less those the strings file gives; none otherwise."""
    if i18n.has_words(language):
        return []
    given = wording.for_language(language) if wording else {}
    return [key for key in i18n.STRINGS["en"] if key not in given]


def load(path: Path, shown: str) -> Wording:
    """Read and check a strings file.

    Raises:
        ContentError: With every problem of the file, each naming its line and key.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError([Problem(shown, 1, "file", "is not UTF-8 text")]) from None
    except OSError as exc:
        raise ContentError([Problem(shown, 1, "file", f"can't be read: {exc.strerror or exc}")]) from None
    try:
        node = yamlsrc.compose(text)
    except yamlsrc.YamlSyntaxError as exc:
        raise ContentError([Problem(shown, exc.line, "file", exc.message)]) from None
    if node is None:
        return Wording(shown=shown)
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(
            [Problem(shown, yamlsrc.line_of(node), "file", "must map language codes to words, e.g. 'de:'")]
        )
    problems: list[Problem] = []
    english = i18n.STRINGS["en"]
    sections: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    for code, section in yamlsrc.mapping_fields(node, shown, 1, problems, where="").items():
        if code in english or not _CODE.match(code):
            problems.append(
                Problem(shown, section.line, code, "is not a language code; put words under one, e.g. 'de:'")
            )
            continue
        if section.value is None:  # a section whose lines are all still commented out
            sections[code], lines[code] = {}, section.line
            continue
        if not isinstance(section.node, yaml.MappingNode):
            problems.append(Problem(shown, section.line, code, "must hold words: key: text"))
            continue
        found: dict[str, str] = {}
        for key, item in yamlsrc.mapping_fields(section.node, shown, 1, problems, where=code).items():
            label = f"{code}.{key}"
            if key not in english:
                close = difflib.get_close_matches(key, english, n=1)
                hint = (
                    f"; did you mean {close[0]}?"
                    if close
                    else "; see kbgen's English table (README: Wording)"
                )
                problems.append(Problem(shown, item.line, label, f"unknown key{hint}"))
                continue
            if not isinstance(item.value, str) or not item.value.strip():
                problems.append(
                    Problem(shown, item.line, label, "must be text (quote it if it starts with { or :)")
                )
                continue
            problem = placeholder_problem(item.value, english[key])
            if problem:
                problems.append(Problem(shown, item.line, label, problem))
                continue
            found[key] = item.value
        sections[code] = found
        lines[code] = section.line
    if problems:
        raise ContentError(problems)
    return Wording(sections, lines, shown)


def placeholder_problem(text: str, english: str) -> str | None:
    """Why ``text`` can't replace ``english``: a {placeholder} missing, unknown or malformed."""
    want = _names(english) or set()
    got = _names(text)
    if got is None:
        return "has a '{' or '}' that is not a {placeholder}; write {{ or }} for a brace"
    said = []
    if want - got:
        said.append(f"must keep {', '.join('{' + n + '}' for n in sorted(want - got))} (kbgen fills it in)")
    if got - want:
        named = ", ".join("{" + n + "}" for n in sorted(want)) or "none"
        unknown = ", ".join("{" + n + "}" for n in sorted(got - want))
        said.append(f"{unknown} is not filled in here; this text has {named}")
    if said:
        return "; ".join(said)
    return None


def _names(text: str) -> set[str] | None:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    names = {name for _, name, spec, conv in parsed if name is not None}
    if any(not re.fullmatch(r"[a-z_]+", n) for n in names):
        return None
    return names


def template(language: str) -> str:
    """A strings file for ``language`` to fill in: every English text, commented out."""
    out = [
        "# kbgen's words on this site's pages. kbgen has none in this language yet: translate",
        "# each line, then remove its '#'. Lines left commented show in English.",
        "# Keep every {placeholder}: kbgen fills it in. (README: Wording and other languages)",
        f"{language}:",
    ]
    for key, text in i18n.STRINGS["en"].items():
        value = yaml.safe_dump(text, allow_unicode=True, width=1 << 30, default_style='"').rstrip("\n")
        out.append(f"  # {key}: {value}")
    return "\n".join(out) + "\n"
