"""Material's site navigation, rendered once for all the pages that show it alike.

kbgen's navigation is small (home, the stages, products, contact), but Material renders it
through a macro per item on every page, which was about a third of the time spent in templates
at catalog size. Every entry and product page shows the very same navigation: none of its items
is the page or holds it, and its links point to the same places. So ``partials/nav.html`` (kbgen's
override) asks :func:`render_nav` for it, which renders Material's own partial once for each
distinct :func:`nav_key` and reuses the HTML. Pages that are in the navigation (home, stages,
products, contact) are rendered as before, every time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

BELOW = "kbgen-below"
"""Loader prefix of the theme directories under kbgen's own (Material's templates)."""
MATERIAL_NAV = f"{BELOW}/partials/nav.html"


def _items(items: Any) -> Iterator[Any]:
    for item in items or ():
        yield item
        yield from _items(getattr(item, "children", None))


def nav_key(context: Context) -> Hashable | None:
    """What Material's navigation partial reads that can differ from page to page, or None when
    it must be rendered for this page alone (the page is in the navigation, or no page).

    The partial shows every item's title and its address relative to the page (the ``url``
    filter), the home page's and the logo's addresses, and marks the item that is or holds the
    page (``active``; that page's own table of contents too). With nothing active, the output
    depends on nothing else that varies between pages of one build.
    """
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None:
        return None
    url: Callable[..., str] = context.environment.filters["url"]
    config = context.get("config")
    items = list(_items(getattr(nav, "items", None)))
    if any(item is page or getattr(item, "active", False) for item in items):
        return None
    extra = getattr(config, "extra", None) or {}
    theme = getattr(config, "theme", None)
    homepage = extra.get("homepage") or getattr(getattr(nav, "homepage", None), "url", None)
    logo = theme.get("logo") if theme is not None else None
    links = tuple((item.title, url(context, item.url) if getattr(item, "url", None) is not None else None)
                  for item in items)  # fmt: skip
    return (
        context.get("base_url"),
        url(context, homepage) if homepage else None,
        url(context, logo) if logo else None,
        links,
    )


class NavCache:
    """The rendered navigation of one build, by :func:`nav_key` (a Jinja global, per environment)."""

    def __init__(self) -> None:
        self.html: dict[Hashable, Markup] = {}
        self.renders = 0
        """How many times Material's partial was rendered (for tests)."""

    @jinja2.pass_context
    def __call__(self, context: Context) -> Markup:
        key = nav_key(context)
        if key is not None and key in self.html:
            return self.html[key]
        template = context.environment.get_template(MATERIAL_NAV)
        # exactly what {% include %} does: the including template's context, shared
        html = Markup(template.environment.concat(
            template.root_render_func(template.new_context(context.get_all(), shared=True))
        ))  # fmt: skip
        self.renders += 1
        if key is not None:
            self.html[key] = html
        return html


def install(env: jinja2.Environment, dirs: list[str], own_dir: str) -> NavCache:
    """Let ``env`` load the templates below kbgen's theme directory under :data:`BELOW` and give
    templates ``kb_nav()``; return the cache (one per build: MkDocs makes a new environment)."""
    below = dirs[dirs.index(own_dir) + 1 :] if own_dir in dirs else dirs
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({BELOW: jinja2.FileSystemLoader(below)})]
    )
    cache = NavCache()
    env.globals["kb_nav"] = cache
    return cache
