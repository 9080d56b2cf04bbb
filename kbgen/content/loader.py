"""Content directory → KnowledgeBase. Reads every file, collects every problem, fails once."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from kbgen.content import limits, placeholders, schema, sources, twoprocs
from kbgen.content.body import BODY, HeadingIds, check_body_images, check_body_links
from kbgen.content.references import (
    Checked,
    EntryRefs,
    ProductRefs,
    Source,
    check_incompatible,
    cross_check,
)
from kbgen.content.yamlsrc import (
    Mark,
    YamlSyntaxError,
    alias_message,
    anchors_and_aliases,
    compose,
    field_spans,
    line_of,
    mapping_fields,
)
from kbgen.core.errors import ContentError, Problem
from kbgen.core.model import Entry, KnowledgeBase, Product, Stage

CATALOG = "products.yml"
ENTRIES_PER_TASK = 50
"""Entries one process reads at a time when two share the content (:mod:`kbgen.content.twoprocs`)."""
TWO_FROM = 400
"""From this many entries, two processes read the content (below, one is faster: forking and
handing back cost more than the second process saves)."""
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

def entry_files(content_dir: Path) -> list[Path]:
    """Every entry file: ``*.md`` below ``content_dir`` except README.md and hidden paths
    (symbolic links leaving the content directory are left out; see :mod:`kbgen.content.sources`)."""
    return sources.scan(content_dir).entries


def taken_ids(content_dir: Path) -> set[str]:
    """Every id an entry uses or used: file names, front-matter ``id`` and ``aliases``.

    Read leniently (a broken file still gives its file name), so that ``kbgen new`` and
    ``kbgen import`` never write an entry whose id ``kbgen check`` would call a duplicate.
    """
    ids: set[str] = set()
    for file in entry_files(content_dir):
        ids.add(file.stem)
        text = read_text(file, "", [])
        parts = split_front_matter(text, "", []) if text else None
        if parts is None:
            continue
        if len(parts[0]) > limits.FRONT_MATTER_CHARS:
            continue
        try:
            if anchors_and_aliases(parts[0]):
                continue  # `kbgen check` refuses it; an alias could stand for gigabytes
            data = yaml.safe_load(parts[0])
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
            continue
        if isinstance(data, dict):
            ids.add(str(data.get("id", "")) if isinstance(data.get("id"), str | int) else "")
            aliases = data.get("aliases")
            if isinstance(aliases, list):
                ids.update(str(a) for a in aliases if isinstance(a, str | int))
    ids.discard("")
    return ids


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file's text (BOM dropped, line endings made LF), or None with a problem added."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 1, "file", f"cannot be read: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(
                shown,
                line,
                "file",
                f"is not UTF-8 (byte 0x{raw[exc.start]:02x} at column {column}); save it with UTF-8 encoding",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, shown: str, problems: list[Problem]) -> tuple[str, str] | None:
    """(front matter, body) of an entry, or None with a problem added."""
    if not text.strip():
        problems.append(
            Problem(shown, 1, "file", "is empty; an entry starts with front matter between '---' lines")
        )
        return None
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        problems.append(
            Problem(
                shown,
                1,
                "front matter",
                "missing: the file must start with a '---' line, then question, stage and summary, "
                "then another '---' line",
            )
        )
        return None
    end = _FENCE.search(text, 4)
    if end is None:
        problems.append(
            Problem(shown, 1, "front matter", "is not closed: add a '---' line after the last field")
        )
        return None
    return text[4 : end.start()], text[end.end() :].lstrip("\n")

def _suggest_id(stem: str) -> str:
    return slugify(stem) or "my-question"


@dataclass
class EntryRead:
    """What one entry file gave on its own (:func:`read_entry`), before the checks that need the
    other entries (:func:`add_entry`): the same for every order the files are read in."""

    rel: str
    stem: str
    source: Source
    problems: list[Problem]
    """Its problems up to its fields' (a duplicate id comes after them)."""
    later: list[Problem]
    """Its problems after a duplicate id (placeholders left to fill in)."""
    unread: bool = False
    """The file could not be read, or has no front matter: nothing else is known of it."""
    body: str | None = None
    """The body, if it could be read and is not too long (its links are checked later)."""
    values: dict[str, Any] | None = None
    """The checked front-matter values; None if the front matter could not be parsed."""
    entry: Entry | None = None
    """The entry, if it had no problem of its own (a duplicate id still drops it)."""


def load_entry(
    file: Path,
    rel: str,
    shown: str,
    stage_ids: Sequence[str],
    problems: list[Problem],
    known: dict[str, Source],
    checked: Checked,
    refuse_placeholders: bool = False,
    *,
    fields_schema: Mapping[str, schema.Spec] = schema.ENTRY_FIELDS,
    values_out: dict[str, Any] | None = None,
) -> None:
    """Parse and validate one entry file, adding what it references to ``checked``.

    ``known`` receives the entry's id with its source even when other fields are invalid,
    so that references to it are not reported as unknown too; and what it references is
    checked even then, so that one run reports every problem. ``fields_schema``: the fields
    it may have (a translation's add ``source_version``); ``values_out`` receives the checked
    front-matter values.
    """
    read = read_entry(file, rel, shown, stage_ids, refuse_placeholders, fields_schema=fields_schema)
    if values_out is not None and read.values is not None:
        values_out.update(read.values)
    add_entry(read, problems, known, checked)


def read_entry(
    file: Path,
    rel: str,
    shown: str,
    stage_ids: Sequence[str],
    refuse_placeholders: bool = False,
    *,
    fields_schema: Mapping[str, schema.Spec] = schema.ENTRY_FIELDS,
) -> EntryRead:
    """One entry file read, parsed and validated on its own (see :func:`load_entry`)."""
    problems: list[Problem] = []
    text = read_text(file, shown, problems)
    parts = split_front_matter(text, shown, problems) if text is not None else None
    if text is None or parts is None:
        return EntryRead(rel, file.stem, Source(shown), problems, [], unread=True)
    front, body = parts
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    source = Source(shown)
    source.lines[BODY] = body_line
    read = EntryRead(rel, file.stem, source, problems, [])
    if len(body) > limits.BODY_CHARS:
        problems.append(
            Problem(
                shown,
                body_line,
                "body",
                f"is {len(body):,} characters long; kbgen takes up to {limits.BODY_CHARS:,} "
                "(split it into several entries)",
            )
        )
    else:
        read.body = body
        check_body_images(body, body_line, shown, problems)
    read.values = values = _entry_fields(front, shown, file.stem, stage_ids, problems, source, fields_schema)
    if refuse_placeholders:
        summary = values.get("summary") if values else None
        read.later = placeholders.in_entry(shown, text, summary, body if read.body is not None else "")
    if problems or read.later or values is None:
        return read
    updated, reason = values.get("updated", (None, ""))
    read.entry = Entry(
        id=values["id"],
        question=values["question"],
        stage=values["stage"],
        summary=values["summary"],
        body=body,
        path=rel,
        keywords=values.get("keywords", ()),
        products=values.get("products", ()),
        related=values.get("related", ()),
        aliases=values.get("aliases", ()),
        updated=updated,
        updated_reason=reason,
        order=values.get("order"),
        popular=values.get("popular", False),
    )
    return read


def add_entry(read: EntryRead, problems: list[Problem], known: dict[str, Source], checked: Checked) -> None:
    """Add what :func:`read_entry` gave to ``checked`` and its problems to ``problems``, with
    the checks that need the entries added before (a duplicate id)."""
    problems += read.problems
    if read.unread:
        checked.unread = True
        return
    source, values = read.source, read.values
    duplicate = False
    if read.body is not None:
        checked.bodies[read.rel] = (read.body, source)
    if values is None:
        checked.unread = True
        known.setdefault(read.stem, source)  # a link or `related` to it is not reported as unknown
    else:
        if "id" in values:
            other = known.setdefault(values["id"], source)
            if other is not source:
                problems.append(
                    Problem(
                        source.path,
                        source.line("id"),
                        "id",
                        f"duplicate id '{values['id']}': {other.path}:{other.line('id')} uses it too",
                    )
                )
                duplicate = True
        checked.entry_refs.append(
            EntryRefs(
                values.get("id", ""),
                source,
                values.get("products", ()),
                values.get("related", ()),
                values.get("aliases", ()),
            )
        )
    problems += read.later
    if read.entry is not None and not duplicate:
        checked.entries.append((read.entry, source))


def _entry_fields(
    front: str,
    shown: str,
    stem: str,
    stage_ids: Sequence[str],
    problems: list[Problem],
    source: Source,
    fields_schema: Mapping[str, schema.Spec] = schema.ENTRY_FIELDS,
) -> dict[str, Any] | None:
    """The valid fields of an entry's front matter, or None if it cannot be parsed at all."""
    if len(front) > limits.FRONT_MATTER_CHARS:
        problems.append(
            Problem(
                shown,
                2,
                "front matter",
                f"is {len(front):,} characters long; kbgen takes up to {limits.FRONT_MATTER_CHARS:,}",
            )
        )
        return None
    try:
        node = compose(front, first_line=2)
    except YamlSyntaxError as exc:
        problems.append(Problem(shown, exc.line, "front matter", exc.message))
        return None
    if not isinstance(node, yaml.MappingNode):
        what = "empty" if node is None else "not a list of 'field: value' lines"
        problems.append(
            Problem(
                shown,
                2 if node is None else line_of(node, 2),
                "front matter",
                f"is {what}; write 'question:', 'stage:' and 'summary:' lines",
            )
        )
        return None
    marks = anchors_and_aliases(front, 2)
    _stray_marks(marks, field_spans(node), shown, "front matter", problems)
    fields = mapping_fields(node, shown, 2, problems, marks=marks)
    values = schema.validate(fields, fields_schema, shown, problems)
    source.record(fields, 2)
    stage = values.get("stage")
    if stage is not None and stage not in stage_ids:
        problems.append(
            Problem(
                shown,
                source.line("stage"),
                "stage",
                f"unknown stage '{stage}'; use one of: {', '.join(stage_ids)}",
            )
        )
    if "id" not in fields:  # named by its file
        if schema.ID_RE.match(stem):
            values["id"] = stem
        else:
            problems.append(
                Problem(
                    shown,
                    1,
                    "id",
                    f"the file name '{stem}' is not a valid id; add 'id: {_suggest_id(stem)}' "
                    f"to the front matter or rename the file ({schema.ID_RULE})",
                )
            )
    return values


def _stray_marks(
    marks: Sequence[Mark], spans: Sequence[tuple[int, int]], shown: str, where: str, problems: list[Problem]
) -> None:
    """Anchors and aliases outside every field (on a whole catalog item, say) are refused too."""
    stray = [m for m in marks if not any(start <= m.index < end for start, end in spans)]
    if stray:
        problems.append(Problem(shown, stray[0].line, where, alias_message(stray)))


def load_catalog(
    path: Path, shown: str, content_dir: Path, problems: list[Problem], checked: Checked
) -> None:
    """Parse and validate ``products.yml`` into ``checked``; a missing file is an empty catalog."""
    if not path.exists():
        return
    text = read_text(path, shown, problems)
    if text is None:
        checked.catalog_unread = True
        return
    try:
        node = compose(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(shown, exc.line, "catalog", exc.message))
        checked.catalog_unread = True
        return
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        problems.append(
            Problem(shown, line_of(node), "catalog", "must be a list of products, each starting '- id:'")
        )
        checked.catalog_unread = True
        return
    marks = anchors_and_aliases(text)
    spans = [span for item in node.value if isinstance(item, yaml.MappingNode) for span in field_spans(item)]
    _stray_marks(marks, spans, shown, "catalog", problems)
    seen_nodes: set[int] = set()
    seen_items: set[int] = set()
    for i, item in enumerate(node.value, 1):
        where = f"products[{i}]"
        if id(item) in seen_items:
            continue  # an alias of an earlier product: reported with the marks above
        seen_items.add(id(item))
        if not isinstance(item, yaml.MappingNode):
            problems.append(
                Problem(shown, line_of(item), where, "must be a product with id, name, summary, url")
            )
            continue
        before = len(problems)
        fields = mapping_fields(item, shown, 1, problems, where=where, marks=marks, seen=seen_nodes)
        id_field = fields.get("id")
        if id_field is not None and isinstance(id_field.value, str) and id_field.value.strip():
            where = id_field.value[: limits.ID_CHARS]  # name the product by its id once we know it
            problems[before:] = [
                Problem(p.path, p.line, p.field.replace(f"products[{i}]", where), p.message)
                for p in problems[before:]
            ]
        values = schema.validate(
            fields, schema.PRODUCT_FIELDS, shown, problems, where=where, start_line=line_of(item)
        )
        image = values.get("image")
        if image and "://" not in image and not _is_file(content_dir / image):
            problems.append(
                Problem(shown, fields["image"].line, f"{where}.image", f"file '{image[:80]}' not found")
            )
        source = Source(shown)
        source.record(fields, 1)
        source.lines["id"] = line_of(item)
        checked.product_refs.append(
            ProductRefs(
                values.get("id", ""),
                where,
                source,
                values.get("compatible_with", ()),
                values.get("accessories", ()),
                values.get("incompatible_with", ()),
            )
        )
        if len(problems) == before:
            checked.products.append((Product(**values), source))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system, say
        return False


@dataclass
class _Read:
    """What one piece of :func:`load`'s reading gave: entries read on their own, or the catalog."""

    entries: list[EntryRead] = field(default_factory=list)
    catalog_problems: list[Problem] = field(default_factory=list)
    products: Checked = field(default_factory=Checked)
    """The catalog's products and references (and whether it could be read)."""


@dataclass(frozen=True)
class Partial:
    """What a content directory with problems still gave: its valid entries and products, and
    every entry id and file it holds (also those with problems)."""

    kb: KnowledgeBase
    ids: frozenset[str]
    files: frozenset[str]


def load(
    content_dir: Path,
    stages: Sequence[Stage],
    *,
    shown_dir: str = "content",
    catalog: str = CATALOG,
    refuse_placeholders: bool = False,
    heading_ids: HeadingIds | None = None,
    exclude: frozenset[str] = frozenset(),
) -> KnowledgeBase:
    """Load and validate a whole content directory.

    Args:
        content_dir: The directory of entries (MkDocs' ``docs_dir``).
        stages: The configured journey stages.
        shown_dir: How ``content_dir`` is named in messages (relative to the project).
        catalog: The product catalog's file name inside ``content_dir``.
        refuse_placeholders: Report what ``kbgen new`` left to fill in (check and build do;
            the preview does not, so a new entry can be previewed while it is written).
        heading_ids: The anchors of an entry's page from its body; when given, a link to
            ``other.md#part`` must name one of them.
        exclude: Top-level folders left out (the translations of a site in several languages).

    Raises:
        ContentError: With every problem found, if there is any.
    """
    problems: list[Problem] = []
    prefix = f"{shown_dir.rstrip('/')}/" if shown_dir not in ("", ".") else ""
    if not content_dir.is_dir():
        raise ContentError([Problem(shown_dir, 1, "docs_dir", "directory not found")])
    stage_ids = [s.id for s in stages]
    checked = Checked()
    known_entries: dict[str, Source] = {}
    scanned = sources.scan(content_dir, shown_prefix=prefix, catalog=catalog, exclude=exclude)
    problems += scanned.problems
    files = [(file, file.relative_to(content_dir).as_posix()) for file in scanned.entries]

    def read_entries(part: list[tuple[Path, str]]) -> Callable[[], _Read]:
        return lambda: _Read(
            [read_entry(f, rel, prefix + rel, stage_ids, refuse_placeholders) for f, rel in part]
        )

    def read_catalog() -> _Read:
        read = _Read()
        if scanned.catalog is not None:  # absent, or refused (a link out of content/, too large)
            load_catalog(scanned.catalog, prefix + catalog, content_dir, read.catalog_problems, read.products)
        return read

    # the files are read and checked on their own in two processes at catalog size (the catalog
    # first: the largest piece), then put together in order with the checks across files
    parts = [files[i : i + ENTRIES_PER_TASK] for i in range(0, len(files), ENTRIES_PER_TASK)]
    done = twoprocs.in_two(
        [read_catalog, *(read_entries(part) for part in parts)], big_enough=len(files) >= TWO_FROM
    )
    for part in done[1:]:
        for read in part.entries:
            add_entry(read, problems, known_entries, checked)
    if catalog != CATALOG and not (content_dir / catalog).is_file():
        problems.append(
            Problem(
                prefix + catalog,
                1,
                "catalog",
                "file not found (plugins.kbgen.catalog in mkdocs.yml names it); create it or fix the option",
            )
        )
    problems += done[0].catalog_problems
    products = done[0].products
    checked.products, checked.product_refs = products.products, products.product_refs
    checked.catalog_unread = products.catalog_unread
    cross_check(checked, problems, known_entries)
    published = {f.relative_to(content_dir).as_posix() for f in scanned.entries} | set(scanned.static)
    for rel, (body, src) in checked.bodies.items():
        check_body_links(rel, body, src, checked, published, heading_ids, problems)
    check_incompatible(checked, problems)
    kb = KnowledgeBase(
        stages=tuple(stages),
        entries=tuple(e for e, _ in checked.entries),
        products=tuple(p for p, _ in checked.products),
        static=tuple(scanned.static),
    )
    if problems:
        partial = Partial(kb, frozenset(known_entries), frozenset(published))
        raise ContentError(problems, incomplete=checked.unread or checked.catalog_unread, partial=partial)
    return kb
