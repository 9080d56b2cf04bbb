"""Which pages an edit of entries changes: the live preview re-renders only these."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from kbgen.core.model import Entry, KnowledgeBase
from kbgen.site.views import SiteView


@dataclass
class Update:
    """The pages to render again after an edit (by entry, stage and product id)."""

    entries: set[str] = field(default_factory=set)
    stages: set[str] = field(default_factory=set)
    products: set[str] = field(default_factory=set)
    home: bool = False
    search_index: bool = False
    """The search index has to be written again (it holds every entry's texts)."""

    def __bool__(self) -> bool:
        return bool(self.entries or self.stages or self.products or self.home or self.search_index)


def same_layout(old: KnowledgeBase, new: KnowledgeBase) -> bool:
    """Whether the site keeps its files and URLs: the same stages, products, published files,
    and entries with the same ids, files and aliases (otherwise only a full build is right)."""
    return (old.stages, old.products, old.static, _entries(old)) == (
        new.stages,
        new.products,
        new.static,
        _entries(new),
    )


def _entries(kb: KnowledgeBase) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple((e.id, e.path, e.aliases) for e in kb.entries)


def _home(site: SiteView) -> tuple[object, ...]:
    """Everything of the entries that the home page shows."""
    return (tuple((s.id, s.top, s.count_label, s.all_questions_label) for s in site.stages), site.popular)


def plan(old: SiteView, new: SiteView) -> Update | None:
    """The pages that differ between a site built from ``old`` and one built from ``new``;
    None if the edit adds, removes, renames or moves entries (or changes stages, products,
    aliases or published files): then only a full build is right."""
    if not same_layout(old.kb, new.kb) or old.urls != new.urls:
        return None
    changed = [(a, b) for a, b in zip(old.kb.entries, new.kb.entries, strict=True) if a != b]
    update = Update()
    if not changed:
        return update
    update.search_index = True
    ids = {b.id for _, b in changed}
    update.entries |= ids
    for a, b in changed:
        update.stages |= {a.stage, b.stage}
        update.products |= set(a.products) | set(b.products)
    # An entry shows the questions it names as related; and MkDocs fills an empty link
    # text ("[](other.md)") with the linked page's title: so entries naming or linking an
    # edited one change too (any mention of its file name counts, to be safe).
    names = {posixpath.basename(b.path) for _, b in changed}
    for entry in new.kb.entries:
        if entry.id not in ids and (_names_any(entry, ids) or any(n in entry.body for n in names)):
            update.entries.add(entry.id)
    update.home = _home(old) != _home(new)
    return update


def _names_any(entry: Entry, ids: set[str]) -> bool:
    return any(r in ids for r in entry.related)
