"""The plugin's options in mkdocs.yml (``plugins: - kbgen: ...``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class StageOptions(base.Config):  # type: ignore[no-untyped-call]
    """One journey stage."""

    id = c.Type(str)
    """Lowercase id, used in URLs and in each entry's ``stage`` field."""
    title = c.Type(str)
    """Title shown to shoppers (translate it freely)."""
    description = c.Type(str, default="")
    """One line under the title on the home page and the stage page."""


class KbgenConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``kbgen`` plugin."""

    stages = c.ListOfItems(c.SubConfig(StageOptions), default=[])
    """Journey stages in order; empty means the four defaults, titled in ``theme.language``."""
    catalog = c.Type(str, default="products.yml")
    """The product catalog, relative to ``docs_dir``."""
    popular = c.Type(int, default=6)
    """How many popular questions the home page shows."""
    top_questions = c.Type(int, default=4)
    """How many questions each stage card on the home page shows."""
