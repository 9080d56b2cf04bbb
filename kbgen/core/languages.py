"""The languages one help center can be built in: codes, names, URL folders, browser locales.

A code is written as BCP 47 (``en``, ``zh-Hans``, ``zh-Hant``); the first language of a site is
its default and is published at the root, every other one under its lower-case code
(``/zh-hant/``). No engine here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

NAMES: dict[str, str] = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
"""Every language kbgen has words for, by code, named in itself (as a switcher shows it)."""

THEME: dict[str, str] = {"en": "en", "zh-Hans": "zh", "zh-Hant": "zh-Hant"}
"""The Material ``theme.language`` of each (its own words: skip links, 404, footer)."""

ALIASES: dict[str, str] = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-my": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant": "zh-Hant",
}
"""Browser and region tags → the script a reader there expects (lower-case keys)."""

TAG = re.compile(r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*")
"""A language tag as kbgen accepts one (BCP 47's shape, no extensions)."""


@dataclass(frozen=True)
class Language:
    """One language of a site."""

    code: str
    """BCP 47, as ``<html lang>`` and ``hreflang`` carry it: ``zh-Hant``."""
    default: bool = False
    """The first language: published at the site's root."""

    @property
    def slug(self) -> str:
        """The URL folder (and content folder) of a translation: ``zh-hant``."""
        return self.code.lower()

    @property
    def name(self) -> str:
        """The language named in itself: 繁體中文."""
        return NAMES.get(self.code, self.code)

    @property
    def theme(self) -> str:
        """The theme's language code."""
        return THEME.get(self.code, self.code)

    @property
    def prefix(self) -> str:
        """Where its pages live, relative to the site's root: '' or ``zh-hant/``."""
        return "" if self.default else f"{self.slug}/"


def code_problem(code: object) -> str | None:
    """Why ``code`` cannot be a language of a site (None if it can)."""
    if not isinstance(code, str) or not TAG.fullmatch(code):
        return f"'{str(code)[:40]}' is not a language code; write it as en, zh-Hans or zh-Hant"
    if code in NAMES:
        return None
    known = ", ".join(NAMES)
    alias = ALIASES.get(code.lower())
    if alias is None:
        alias = next((k for k in NAMES if k.lower() == code.lower()), None)
    if alias is not None:
        return f"'{code}' is written {alias} here (a script, not a region); kbgen knows {known}"
    return f"kbgen has no words for '{code}'; it knows {known}"


def of(codes: Sequence[str]) -> tuple[Language, ...]:
    """The site's languages from checked codes, the first being the default."""
    return tuple(Language(c, default=i == 0) for i, c in enumerate(codes))


def preferred(browser: Sequence[str], available: Sequence[str]) -> str | None:
    """The first of a browser's languages (``navigator.languages``) that a site has, mapped as
    readers expect: zh-TW, zh-HK, zh-MO read zh-Hant; zh-CN, zh-SG read zh-Hans. Twinned in
    ``help.js``; this one is for tests and docs."""
    by_lower = {a.lower(): a for a in available}
    for tag in browser:
        low = tag.lower()
        for candidate in (
            low,
            ALIASES.get(low),
            ALIASES.get("-".join(low.split("-")[:2])),
            low.split("-")[0],
        ):
            if candidate and candidate.lower() in by_lower:
                return by_lower[candidate.lower()]
    return None
