"""The site's ``theme.language``: it must be one Material for MkDocs has a translation for."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kbgen.content.settings import ConfigLines
from kbgen.core.errors import Problem


@cache
def theme_languages() -> frozenset[str]:
    """The language codes Material ships (``partials/languages/<code>.html``)."""
    import material  # the theme package; only its files are read

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html") if p.stem != "custom")


def language_problem(language: object, config_file: str | None) -> Problem | None:
    """A problem naming ``theme.language`` in mkdocs.yml if the theme cannot show it, else None."""
    known = theme_languages()
    if language is None or (isinstance(language, str) and language in known):
        return None
    lines = ConfigLines(Path(config_file) if config_file else None)
    shown = str(language)[:40]
    close = sorted(k for k in known if k.split("-")[0] == re.split("[-_]", shown)[0].lower())
    hint = f"; did you mean {', '.join(close)}?" if close else "; e.g. en, zh, de, fr, ja"
    line = lines.top_line("theme", "language")
    return Problem(lines.shown, line, "theme.language", f"unknown language '{shown}'{hint}")
