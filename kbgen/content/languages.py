"""``languages`` and ``translations`` in mkdocs.yml: which languages a site has, and each one's
site name, stage titles and contact channels, checked with messages naming mkdocs.yml lines.

    plugins:
      - kbgen:
          languages: [en, zh-Hans, zh-Hant]        # the first is the default, at the root
          translations:
            zh-Hant:
              site_name: 山茶集 說明中心
              stages:
                before-purchase: {title: 購買前, description: 庫存、價格與相容性。}
              contact:
                hotline: {hours: 每天 9:00–21:00, number: "+886 2 1234 5678"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbgen.content.settings import ConfigLines, Settings, resolve
from kbgen.core import channels as links
from kbgen.core import i18n, languages
from kbgen.core.errors import ContentError, Problem
from kbgen.core.languages import Language

SITE_KEYS = ("site_name", "site_description")
TRANSLATION_KEYS = (*SITE_KEYS, "stages", "contact")
STAGE_KEYS = ("title", "description")


@dataclass(frozen=True)
class LanguageSettings:
    """One language's checked settings: the plugin's, and its site name and description."""

    language: Language
    settings: Settings
    site: Mapping[str, str] = field(default_factory=dict)
    """``site_name`` / ``site_description`` given for this language (absent: the site's own)."""


def _plain(value: Any) -> Any:
    """MkDocs' option objects as plain dicts and lists (they are Mappings, not dicts)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def site_languages(
    options: Mapping[str, Any], lines: ConfigLines
) -> tuple[tuple[Language, ...], list[Problem]]:
    """The ``languages`` list checked (empty: the site has one language, ``theme.language``)."""
    codes = options.get("languages") or []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, code in enumerate(codes):
        why = languages.code_problem(code)
        if why is None and code in seen:
            why = f"'{code}' is listed twice"
        if why:
            problems.append(lines.problem(["languages", i], why))
        seen.add(str(code))
    if problems or len(codes) < 2:
        return (), problems
    found = languages.of(codes)
    folders = {lang.slug: lang for lang in found if not lang.default}
    for i, stage in enumerate(options.get("stages") or []):
        sid = stage.get("id") if isinstance(stage, Mapping) else None
        if isinstance(sid, str) and sid.lower() in folders:
            lang = folders[sid.lower()]
            problems.append(
                lines.problem(
                    ["stages", i, "id"],
                    f"'{sid}' is also the folder of {lang.code} ({lang.slug}/): this stage's page and "
                    f"the {lang.code} home page would share one address, and the hreflang links to "
                    "either would point to the other; give the stage another id",
                )
            )
    return found, problems


def _merged(
    options: Mapping[str, Any],
    given: Mapping[str, Any],
    code: str,
    lines: ConfigLines,
    problems: list[Problem],
) -> dict[str, Any]:
    """The plugin options with one language's stage titles and contact fields laid over them."""
    merged: dict[str, Any] = _plain(options)
    at: list[str | int] = ["translations", code]
    stages = given.get("stages") or {}
    ids = [s.get("id") for s in merged.get("stages") or []]
    if not isinstance(stages, Mapping):
        problems.append(lines.problem([*at, "stages"], "must map a stage id to its title and description"))
        stages = {}
    elif stages and not ids:  # the default stages, as this language titles them, translated again
        merged["stages"] = [
            {"id": s.id, "title": s.title, "description": s.description} for s in i18n.default_stages(code)
        ]
        ids = [s["id"] for s in merged["stages"]]
    for sid, text in stages.items():
        if ids and sid not in ids:
            problems.append(
                lines.problem(
                    [*at, "stages", str(sid)],
                    f"'{sid}' is not a stage; use one of {', '.join(map(str, ids))}",
                )
            )
        elif not isinstance(text, Mapping) or set(text) - set(STAGE_KEYS):
            problems.append(lines.problem([*at, "stages", str(sid)], "give title and description"))
        else:
            for stage in merged["stages"]:
                if stage.get("id") == sid:
                    stage.update({k: v for k, v in text.items() if v is not None})
    contact = given.get("contact") or {}
    if not isinstance(contact, Mapping):
        problems.append(lines.problem([*at, "contact"], "must map a channel to its fields"))
        contact = {}
    for key, fields in contact.items():
        if key not in links.CHANNEL_KEYS:
            problems.append(
                lines.problem(
                    [*at, "contact", str(key)], f"unknown channel; use {', '.join(links.CHANNEL_KEYS)}"
                )
            )
        elif not isinstance(fields, Mapping):
            problems.append(
                lines.problem([*at, "contact", str(key)], "must map fields (label, hours, ...) to text")
            )
        else:
            base = merged.setdefault("contact", {}).get(key) or {}
            merged["contact"][key] = {**base, **fields}
    return merged


def resolve_languages(options: Mapping[str, Any], config_file: str | None) -> tuple[LanguageSettings, ...]:
    """Every language's settings (empty for a site in one language), all problems at once.

    Raises:
        ContentError: For an unknown or repeated code, translations of a language the site does
            not have, an unknown stage or channel, or a setting that is wrong in one language.
    """
    lines = ConfigLines(Path(config_file) if config_file else None)
    langs, problems = site_languages(options, lines)
    given = options.get("translations") or {}
    listed = [str(c) for c in options.get("languages") or []]
    if not isinstance(given, Mapping):
        problems.append(lines.problem(["translations"], "must map a language code to its settings"))
        given = {}
    for code, values in given.items():
        at: list[str | int] = ["translations", str(code)]
        if code not in listed:
            problems.append(
                lines.problem(at, f"'{code}' is not in languages ({', '.join(listed) or 'none'})")
            )
        elif listed and code == listed[0]:
            problems.append(
                lines.problem(at, f"'{code}' is the default language: its settings are the site's own")
            )
        elif not isinstance(values, Mapping):
            problems.append(lines.problem(at, f"must map {', '.join(TRANSLATION_KEYS)} to their text"))
        else:
            for key, value in values.items():
                if key not in TRANSLATION_KEYS:
                    problems.append(
                        lines.problem([*at, str(key)], f"unknown setting; use {', '.join(TRANSLATION_KEYS)}")
                    )
                elif key in SITE_KEYS and not (isinstance(value, str) and value.strip()):
                    problems.append(lines.problem([*at, key], "must be text"))
    found: list[LanguageSettings] = []
    for lang in langs:
        values = given.get(lang.code) if not lang.default else None
        values = values if isinstance(values, Mapping) else {}
        merged = _merged(options, values, lang.code, lines, problems)
        try:
            settings = resolve(merged, lang.code, config_file)
        except ContentError as exc:
            problems += [p for p in exc.problems if p not in problems]
            continue
        site = {k: str(values[k]) for k in SITE_KEYS if isinstance(values.get(k), str)}
        found.append(LanguageSettings(lang, settings, site))
    if problems:
        raise ContentError(problems)
    return tuple(found)
