"""A theme template that fails (a syntax error, an undefined name in an override in ``theme/``),
said as ``theme/kbgen/entry.html:2: template: 'nope' is undefined`` instead of a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

WHERE = "kbgen_template_line"
"""The attribute that carries a template error's (file, line) from the process that met it
(kbgen/mkdocs/parallel.py: its traceback stays in the second process)."""


def locate(error: BaseException) -> None:
    """Note on a template error where in the template it happened (while its traceback is there)."""
    if isinstance(error, jinja2.TemplateError) and getattr(error, WHERE, None) is None:
        setattr(error, WHERE, _where(error))


def _where(error: jinja2.TemplateError) -> tuple[str, int] | None:
    if isinstance(error, jinja2.TemplateSyntaxError) and error.lineno:
        return (error.filename or error.name or "<template>", error.lineno)
    found = None
    tb = error.__traceback__
    while tb is not None:  # Jinja puts the template's own file and line into the traceback
        name = tb.tb_frame.f_code.co_filename
        if not name.endswith(".py") and (not name.startswith("<") or name == "<template>"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def template_problem(error: jinja2.TemplateError, root: Path) -> str:
    """``path:line: template: message`` (the path from the project's root when it is inside)."""
    locate(error)
    where = getattr(error, WHERE, None)
    message = error.message if isinstance(error, jinja2.TemplateSyntaxError) else str(error)
    if isinstance(error, jinja2.TemplateNotFound):
        message = f"{error.name}: no such template"
    if where is None:
        return f"template: {message}"
    path, line = where
    if Path(path).is_absolute() and Path(path).resolve().is_relative_to(root.resolve()):
        path = os.path.relpath(Path(path).resolve(), root.resolve()).replace(os.sep, "/")
    return f"{path}:{line}: template: {message}"
