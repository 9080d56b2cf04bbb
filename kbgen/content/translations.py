"""A language's content: its translations in ``content/<code>/``, laid over the default language's.

Layout (a site in en, zh-Hans and zh-Hant, en first):

    content/                    the default language's entries and products.yml, as in any site
    content/zh-hans/...md       translations: each has the ``id`` of its source (its file name by
    content/zh-hant/...md       default), its own question, summary, keywords and body
    content/zh-hant/products.yml   product names, summaries and reasons in zh-Hant (same ids)

A translation takes its stage, products, related entries, aliases and order from its source;
its links and images are written as in its source (a translation is its source, translated).
An entry without a translation is shown in the default language, marked (``fallback``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kbgen.content import loader, schema, sources, versions
from kbgen.content.body import check_body_links
from kbgen.content.references import Checked
from kbgen.content.yamlsrc import (
    YamlSyntaxError,
    alias_message,
    anchors_and_aliases,
    compose,
    line_of,
    mapping_fields,
)
from kbgen.core.errors import Problem
from kbgen.core.languages import Language
from kbgen.core.model import Entry, Incompatibility, KnowledgeBase, Product, Stage

SHARED = {
    "products": "differs from its source {source}; a translation has its source's products "
    "(change them there)",
    "related": "differs from its source {source}; a translation has its source's related entries "
    "(change them there)",
    "aliases": "differs from its source {source}: an old address of one language would point to "
    "nothing in the others; aliases are set in the source",
}
"""Fields a translation shares with its source: given, they must be the same."""

PRODUCT_TEXT = ("id", "name", "summary", "url", "keywords", "aliases", "incompatible_with")
"""What a language's products.yml may give for a product (the rest is the source's)."""


@dataclass(frozen=True)
class LanguageContent:
    """One language's knowledge base and what is translated in it."""

    language: Language
    kb: KnowledgeBase
    """Every entry of the site: translated ones with their source's ``path``, others the source."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Entry id → the translation's file, relative to the content directory."""
    fallback: frozenset[str] = frozenset()
    """Entries shown in the default language (no translation)."""
    outdated: frozenset[str] = frozenset()
    """Translations of an older version of their source."""
    unversioned: frozenset[str] = frozenset()
    """Translations that do not say which version of their source they translate."""
    warnings: tuple[Problem, ...] = ()
    """Missing and outdated translations, as ``kbgen check`` lists them."""

    @property
    def translated(self) -> KnowledgeBase:
        """The knowledge base of this language's own texts (its search index)."""
        kept = tuple(e for e in self.kb.entries if e.id not in self.fallback)
        return KnowledgeBase(self.kb.stages, kept, self.kb.products, self.kb.static)


def load_language(
    content_dir: Path,
    source: KnowledgeBase,
    language: Language,
    stages: Sequence[Stage],
    problems: list[Problem],
    *,
    shown_dir: str = "content",
    refuse_placeholders: bool = False,
    unchecked_ids: frozenset[str] = frozenset(),
    unchecked_files: frozenset[str] = frozenset(),
) -> LanguageContent:
    """Load ``content/<slug>/`` over ``source`` (the default language); add every problem
    (``refuse_placeholders``: also what ``kbgen new`` or ``kbgen translate`` left to fill in).

    ``unchecked_ids`` / ``unchecked_files``: entries of the default language that have problems
    of their own (so are not in ``source``); a translation of one, or a link to one, is not
    another problem.

    A missing folder means nothing is translated yet (each entry is a warning); a folder
    without entries, a translation of no source and two translations of one id are problems.
    """
    prefix = f"{shown_dir.rstrip('/')}/" if shown_dir not in ("", ".") else ""
    folder = content_dir / language.slug
    by_id = {e.id: e for e in source.entries}
    translated: dict[str, Entry] = {}
    files: dict[str, str] = {}
    outdated: set[str] = set()
    unversioned: set[str] = set()
    warnings: list[Problem] = []
    products = source.products
    if folder.is_dir():
        scanned = sources.scan(folder, shown_prefix=f"{prefix}{language.slug}/")
        problems += scanned.problems
        for rel in scanned.static:
            problems.append(
                Problem(
                    f"{prefix}{language.slug}/{rel}",
                    1,
                    "file",
                    "a language folder holds translated entries and products.yml; keep images in "
                    f"{prefix}images/ and link them as the source entry does",
                )
            )
        known: dict[str, Any] = {}
        for file in scanned.entries:
            rel = file.relative_to(content_dir).as_posix()
            shown = prefix + rel
            values: dict[str, Any] = {}
            checked = Checked()
            loader.load_entry(
                file,
                rel,
                shown,
                [s.id for s in stages],
                problems,
                known,
                checked,
                refuse_placeholders,
                fields_schema=schema.TRANSLATION_FIELDS,
                values_out=values,
            )
            if not checked.entries:
                continue
            entry, src = checked.entries[0]
            original = by_id.get(entry.id)
            if original is None and entry.id in unchecked_ids:
                continue  # its source has problems of its own, reported with the default language's
            if original is None:
                problems.append(
                    Problem(
                        shown,
                        src.line("id"),
                        "id",
                        f"'{entry.id}' translates no entry: {prefix or 'content/'} has no entry "
                        "with this id (a translation has the id of its source)",
                    )
                )
                continue
            if entry.stage != original.stage:
                problems.append(
                    Problem(
                        shown,
                        src.line("stage"),
                        "stage",
                        f"'{entry.stage}' is not the stage of its source {prefix}{original.path} "
                        f"('{original.stage}'); a translation stays in its source's stage",
                    )
                )
                continue
            shared = [n for n in SHARED if n in values and tuple(values[n]) != getattr(original, n)]
            for name in shared:
                why = SHARED[name].format(source=prefix + original.path)
                problems.append(Problem(shown, src.line(name), name, why))
            if shared:
                continue
            as_source = dataclasses.replace(
                original,
                question=entry.question,
                summary=entry.summary,
                body=entry.body,
                keywords=entry.keywords or original.keywords,
                updated=entry.updated or original.updated,
                updated_reason=entry.updated_reason if entry.updated else original.updated_reason,
            )
            published = {e.path for e in source.entries} | set(source.static) | unchecked_files
            check_body_links(as_source.path, as_source.body, src, checked, published, None, problems)
            translated[entry.id] = as_source
            files[entry.id] = rel
            wanted = versions.source_version(original)
            have = values.get(versions.FIELD)
            if have is None:
                unversioned.add(entry.id)
                warnings.append(
                    Problem(
                        shown,
                        1,
                        versions.FIELD,
                        f"missing: add '{versions.line(wanted)}' once it translates "
                        f"{prefix}{original.path} as it is now",
                    )
                )
            elif have != wanted:
                outdated.add(entry.id)
                warnings.append(
                    Problem(
                        shown,
                        src.line(versions.FIELD),
                        versions.FIELD,
                        f"outdated: {prefix}{original.path} changed since this translation "
                        f"({have}, now {wanted}); update it, then set '{versions.line(wanted)}'",
                    )
                )
        if not scanned.entries and not scanned.problems:
            problems.append(
                Problem(
                    f"{prefix}{language.slug}",
                    1,
                    "folder",
                    f"has no entries; put {language.code} translations here (same id as "
                    "their source) or remove the folder",
                )
            )
        if scanned.catalog is not None:
            products = _products(scanned.catalog, f"{prefix}{language.slug}/products.yml", source, problems)
    for entry in source.entries:
        if entry.id not in translated:
            warnings.append(
                Problem(
                    prefix + entry.path,
                    1,
                    "translation",
                    f"no {language.code} translation ({prefix}{language.slug}/{entry.path}); "
                    "shown in the default language there, marked",
                )
            )
    entries = tuple(translated.get(e.id, e) for e in source.entries)
    kb = KnowledgeBase(tuple(stages), entries, products, source.static)
    fallback = frozenset(e.id for e in source.entries if e.id not in translated)
    return LanguageContent(
        language, kb, files, fallback, frozenset(outdated), frozenset(unversioned), tuple(warnings)
    )


def _products(path: Path, shown: str, source: KnowledgeBase, problems: list[Problem]) -> tuple[Product, ...]:
    """The source's products with this language's names, summaries, URLs and reasons."""
    text = loader.read_text(path, shown, problems)
    if text is None:
        return source.products
    try:
        node = compose(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(shown, exc.line, "catalog", exc.message))
        return source.products
    if node is None:
        return source.products
    if not isinstance(node, yaml.SequenceNode):
        problems.append(
            Problem(shown, line_of(node), "catalog", "must be a list of products, each starting '- id:'")
        )
        return source.products
    marks = anchors_and_aliases(text)
    if marks:  # refused before any value is read, as in the default language's products.yml
        problems.append(Problem(shown, marks[0].line, "catalog", alias_message(marks)))
        return source.products
    by_id = {p.id: p for p in source.products}
    changed: dict[str, Product] = {}
    for i, item in enumerate(node.value, 1):
        where = f"products[{i}]"
        if not isinstance(item, yaml.MappingNode):
            problems.append(
                Problem(shown, line_of(item), where, "must be a product: id, then name, summary ...")
            )
            continue
        before = len(problems)
        fields = mapping_fields(item, shown, 1, problems, where=where)
        spec = {k: schema.Spec(v.check) for k, v in schema.PRODUCT_FIELDS.items() if k in PRODUCT_TEXT}
        values = schema.validate(fields, spec, shown, problems, where=where, start_line=line_of(item))
        pid = values.get("id")
        if pid is None:
            if "id" not in fields:
                problems.append(
                    Problem(
                        shown, line_of(item), f"{where}.id", "is required: the product's id in the catalog"
                    )
                )
            continue
        original = by_id.get(pid)
        if original is None:
            problems.append(
                Problem(
                    shown,
                    fields["id"].line,
                    f"{where}.id",
                    f"'{pid}' is not a product of the catalog; a translation uses its ids",
                )
            )
            continue
        if pid in changed:
            problems.append(Problem(shown, fields["id"].line, f"{pid}.id", f"'{pid}' is translated twice"))
            continue
        reasons: dict[str, str] = {}
        for inc in values.get("incompatible_with", ()):
            if inc.id not in {x.id for x in original.incompatible_with}:
                problems.append(
                    Problem(
                        shown,
                        fields["incompatible_with"].line,
                        f"{pid}.incompatible_with",
                        f"'{inc.id}' is not listed as incompatible in the catalog",
                    )
                )
            reasons[inc.id] = inc.reason
        if len(problems) > before:
            continue
        incompatible = tuple(
            Incompatibility(x.id, reasons.get(x.id, x.reason)) for x in original.incompatible_with
        )
        rest = {k: v for k, v in values.items() if k not in ("id", "incompatible_with")}
        changed[pid] = dataclasses.replace(original, incompatible_with=incompatible, **rest)
    return tuple(changed.get(p.id, p) for p in source.products)
