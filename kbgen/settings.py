"""Plugin options checked and turned into model objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kbgen import i18n
from kbgen.errors import ContentError, Problem
from kbgen.model import Stage
from kbgen.pages import RESERVED
from kbgen.schema import ID_RE, ID_RULE

CONFIG_FILE = "mkdocs.yml"


def resolve_stages(options: Sequence[Any], language: str | None) -> tuple[Stage, ...]:
    """The configured stages, or the defaults in the site's language.

    Raises:
        ContentError: If an id is missing, invalid, reserved or repeated, or a title is missing.
    """
    if not options:
        return i18n.default_stages(language)
    problems: list[Problem] = []
    seen: set[str] = set()
    stages = []
    for i, opt in enumerate(options, 1):
        where = f"plugins.kbgen.stages[{i}]"
        sid, title = opt.get("id"), opt.get("title")
        if not sid or not ID_RE.match(sid):
            problems.append(Problem(CONFIG_FILE, 1, f"{where}.id", f"'{sid}' is not a valid id: {ID_RULE}"))
        elif sid in RESERVED:
            problems.append(
                Problem(CONFIG_FILE, 1, f"{where}.id", f"'{sid}' is a URL kbgen uses; choose another id")
            )
        elif sid in seen:
            problems.append(Problem(CONFIG_FILE, 1, f"{where}.id", f"'{sid}' is used by two stages"))
        if not title:
            problems.append(Problem(CONFIG_FILE, 1, f"{where}.title", "is required"))
        if sid:
            seen.add(sid)
        stages.append(Stage(str(sid), str(title), str(opt.get("description") or "")))
    if problems:
        raise ContentError(problems)
    return tuple(stages)
