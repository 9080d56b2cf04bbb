"""Content directory → KnowledgeBase. Reads every file, collects every problem, fails once."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from slugify import slugify

from kbgen.content import schema, sources
from kbgen.content.yamlsrc import Field, YamlSyntaxError, compose, line_of, mapping_fields
from kbgen.core.errors import ContentError, Problem
from kbgen.core.model import Entry, KnowledgeBase, Product, Stage
from kbgen.core.urls import local_image

CATALOG = "products.yml"
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass
class _Source:
    """Where each field of one entry or product came from, for cross-reference messages."""

    path: str
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def line(self, name: str, index: int | None = None) -> int:
        items = self.item_lines.get(name, [])
        if index is not None and index < len(items):
            return items[index]
        return self.lines.get(name, 1)

    def record(self, fields: dict[str, Field], first_line: int) -> None:
        for f in fields.values():
            self.lines[f.name] = f.line
            if isinstance(f.node, yaml.SequenceNode):
                self.item_lines[f.name] = [line_of(n, first_line) for n in f.node.value]


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
        try:
            data = yaml.safe_load(parts[0])
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            continue
        if isinstance(data, dict):
            ids.add(str(data.get("id", "")))
            aliases = data.get("aliases")
            if isinstance(aliases, list):
                ids.update(str(a) for a in aliases)
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


_IMAGE_SRC = re.compile(
    r"""!\[[^\]\n]*\]\(\s*<?([^)\s>]+)"""  # ![alt](src)
    r"""|<img\b(?:[^>"']|"[^"]*"|'[^']*')*?\bsrc\s*=\s*["']?([^"'\s>]+)""",  # <img ... src=...>
    re.I,
)
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.M)
_REF_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?")


BODY = "<body>"
"""Key of the body's first line in a source's line table."""
_CODE = re.compile(
    r"^([ ]{0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\2[`~]*[ \t]*$|\Z)"  # fenced blocks
    r"|`+[^`\n]*`+",  # code spans
    re.M | re.S,
)
_MD_LINK = re.compile(r"(?<!\\)\[(?:[^\]\n]|\][^(\n])*\]\(\s*<?([^)\s>]+)")


def _without_code(body: str) -> str:
    """The body with code blocks and spans blanked (line breaks kept, so lines still count)."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)


def _check_body_links(entry: Entry, src: _Source, published: set[str], problems: list[Problem]) -> None:
    """Relative links in an entry must reach an entry or a published file, as the build
    requires (it is strict); so `kbgen check` fails where `kbgen build` would."""
    body = _without_code(entry.body)
    folder = posixpath.dirname(entry.path)
    first_line = src.line(BODY)
    for found in _MD_LINK.finditer(body):
        target = found.group(1)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("#", "/", "\\")) or not parts.path:
            continue  # other sites, anchors on this page, absolute paths: not checked here
        path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        why = ""
        if path.startswith("../") or path == "..":
            why = "points outside content/; link an entry's .md file or a file in content/"
        elif path not in published:
            why = "goes to no entry or published file in content/ (an entry's .md file, an image or a PDF)"
        if why:
            line = first_line + body.count("\n", 0, found.start())
            problems.append(Problem(src.path, line, "body", f"link '{target[:80]}' {why}"))


def _check_body_images(body: str, first_line: int, shown: str, problems: list[Problem]) -> None:
    """Images in an entry must come from the site itself: the Content-Security-Policy allows no
    other origin, and a third-party image would tell another site who reads the page."""
    definitions = {m.group(1).strip().lower(): m for m in _REF_DEFINITION.finditer(body)}
    used = {(m.group(2) or m.group(1)).strip().lower() for m in _REF_IMAGE.finditer(body)}
    image_refs = [m for name, m in definitions.items() if name in used]
    for found in [*_IMAGE_SRC.finditer(body), *image_refs]:
        src = found.group(found.lastindex or 1)
        if not local_image(src):
            line = first_line + body.count("\n", 0, found.start())
            problems.append(
                Problem(
                    shown,
                    line,
                    "body",
                    f"image '{src[:80]}' is not on this site; save it under content/images/ "
                    "and link it with a relative path",
                )
            )


def _suggest_id(stem: str) -> str:
    return slugify(stem) or "my-question"


def load_entry(
    file: Path,
    rel: str,
    shown: str,
    stage_ids: Sequence[str],
    problems: list[Problem],
    known: dict[str, _Source] | None = None,
) -> tuple[Entry, _Source] | None:
    """Parse and validate one entry file.

    ``known`` receives the entry's id with its source even when other fields are invalid,
    so that references to it are not reported as unknown too.
    """
    text = read_text(file, shown, problems)
    if text is None:
        return None
    parts = split_front_matter(text, shown, problems)
    if parts is None:
        return None
    front, body = parts
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
    before = len(problems)
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    _check_body_images(body, body_line, shown, problems)
    fields = mapping_fields(node, shown, 2, problems)
    values = schema.validate(fields, schema.ENTRY_FIELDS, shown, problems)
    source = _Source(shown)
    source.record(fields, 2)
    source.lines[BODY] = body_line

    if "id" not in fields:
        stem = file.stem
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
    if known is not None and "id" in values:
        other = known.setdefault(values["id"], source)
        if other is not source:
            problems.append(
                Problem(
                    shown,
                    source.line("id"),
                    "id",
                    f"duplicate id '{values['id']}': {other.path}:{other.line('id')} uses it too",
                )
            )
    if len(problems) > before:
        return None
    updated, reason = values.get("updated", (None, ""))
    entry = Entry(
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
    return entry, source


def load_catalog(
    path: Path,
    shown: str,
    content_dir: Path,
    problems: list[Problem],
    known: set[str] | None = None,
) -> list[tuple[Product, _Source]]:
    """Parse and validate ``products.yml``; a missing file is an empty catalog."""
    if not path.exists():
        return []
    text = read_text(path, shown, problems)
    if text is None:
        return []
    try:
        node = compose(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(shown, exc.line, "catalog", exc.message))
        return []
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(
            Problem(shown, line_of(node), "catalog", "must be a list of products, each starting '- id:'")
        )
        return []
    found: list[tuple[Product, _Source]] = []
    for i, item in enumerate(node.value, 1):
        where = f"products[{i}]"
        if not isinstance(item, yaml.MappingNode):
            problems.append(
                Problem(shown, line_of(item), where, "must be a product with id, name, summary, url")
            )
            continue
        before = len(problems)
        fields = mapping_fields(item, shown, 1, problems, where=where)
        id_field = fields.get("id")
        if id_field is not None and isinstance(id_field.value, str) and id_field.value.strip():
            where = id_field.value  # name the product by its id once we know it
            problems[before:] = [
                Problem(p.path, p.line, p.field.replace(f"products[{i}]", where), p.message)
                for p in problems[before:]
            ]
        values = schema.validate(
            fields, schema.PRODUCT_FIELDS, shown, problems, where=where, start_line=line_of(item)
        )
        if known is not None and "id" in values:
            known.add(values["id"])
        image = values.get("image")
        if image and "://" not in image and not _is_file(content_dir / image):
            problems.append(
                Problem(shown, fields["image"].line, f"{where}.image", f"file '{image[:80]}' not found")
            )
        if len(problems) > before:
            continue
        source = _Source(shown)
        source.record(fields, 1)
        source.lines["id"] = line_of(item)
        found.append((Product(**values), source))
    return found


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system, say
        return False


def _cross_check(
    entries: list[tuple[Entry, _Source]],
    products: list[tuple[Product, _Source]],
    problems: list[Problem],
    known_entries: dict[str, _Source],
    known_products: set[str],
) -> None:
    """References between entries and products: unknown, duplicate, colliding ids."""
    first_product: dict[str, _Source] = {}
    for product, src in products:
        if product.id in first_product:
            other = first_product[product.id]
            problems.append(
                Problem(
                    src.path,
                    src.line("id"),
                    f"{product.id}.id",
                    f"duplicate product id '{product.id}': line {other.line('id')} uses it too",
                )
            )
        else:
            first_product[product.id] = src

    for product, src in products:
        for name in ("compatible_with", "accessories"):
            for i, ref in enumerate(getattr(product, name)):
                label = f"{product.id}.{name}"
                if ref == product.id:
                    problems.append(
                        Problem(src.path, src.line(name, i), label, "a product cannot list itself")
                    )
                elif ref not in known_products:
                    problems.append(
                        Problem(
                            src.path,
                            src.line(name, i),
                            label,
                            f"unknown product '{ref}'{_did_you_mean(ref, known_products)}",
                        )
                    )

    alias_owner: dict[str, _Source] = {}
    for entry, src in entries:
        for i, ref in enumerate(entry.products):
            if ref not in known_products:
                problems.append(
                    Problem(
                        src.path,
                        src.line("products", i),
                        "products",
                        f"unknown product '{ref}'{_did_you_mean(ref, known_products)}",
                    )
                )
        for i, ref in enumerate(entry.related):
            if ref == entry.id:
                problems.append(
                    Problem(
                        src.path, src.line("related", i), "related", "an entry cannot be related to itself"
                    )
                )
            elif ref not in known_entries:
                problems.append(
                    Problem(
                        src.path,
                        src.line("related", i),
                        "related",
                        f"unknown entry '{ref}'{_did_you_mean(ref, known_entries)}",
                    )
                )
        for i, alias in enumerate(entry.aliases):
            line = src.line("aliases", i)
            if alias in known_entries:
                owner = known_entries[alias]
                problems.append(
                    Problem(
                        src.path,
                        line,
                        "aliases",
                        f"'{alias}' is the id of {owner.path}; an alias must be an "
                        "old id that no entry uses now",
                    )
                )
            elif alias in alias_owner and alias_owner[alias] is not src:
                problems.append(
                    Problem(
                        src.path, line, "aliases", f"'{alias}' is also an alias in {alias_owner[alias].path}"
                    )
                )
            else:
                alias_owner[alias] = src


def _check_incompatible(
    products: list[tuple[Product, _Source]], problems: list[Problem], known_products: set[str]
) -> None:
    """``incompatible_with``: known ids, no self-links, no pair both compatible and incompatible.

    A pair is compatible if either side lists the other in ``compatible_with`` or
    ``accessories``, so both sides are searched for a contradiction.
    """
    by_id = {p.id: (p, src) for p, src in products}
    for product, src in products:
        label = f"{product.id}.incompatible_with"
        for i, item in enumerate(product.incompatible_with):
            line = src.line("incompatible_with", i)
            if item.id == product.id:
                problems.append(Problem(src.path, line, label, "a product cannot list itself"))
                continue
            if item.id not in known_products:
                problems.append(
                    Problem(
                        src.path,
                        line,
                        label,
                        f"unknown product '{item.id}'{_did_you_mean(item.id, known_products)}",
                    )
                )
                continue
            other = by_id.get(item.id)
            sides = [(product, src, item.id)] + ([(other[0], other[1], product.id)] if other else [])
            for owner, owner_src, ref in sides:
                for name in ("compatible_with", "accessories"):
                    refs: tuple[str, ...] = getattr(owner, name)
                    if ref in refs:
                        problems.append(
                            Problem(
                                src.path,
                                line,
                                label,
                                f"'{item.id}' is also listed in {owner.id}.{name} "
                                f"(line {owner_src.line(name, refs.index(ref))}); a pair cannot be "
                                "both compatible and incompatible",
                            )
                        )


def _did_you_mean(ref: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def load(
    content_dir: Path,
    stages: Sequence[Stage],
    *,
    shown_dir: str = "content",
    catalog: str = CATALOG,
) -> KnowledgeBase:
    """Load and validate a whole content directory.

    Args:
        content_dir: The directory of entries (MkDocs' ``docs_dir``).
        stages: The configured journey stages.
        shown_dir: How ``content_dir`` is named in messages (relative to the project).
        catalog: The product catalog's file name inside ``content_dir``.

    Raises:
        ContentError: With every problem found, if there is any.
    """
    problems: list[Problem] = []
    prefix = f"{shown_dir.rstrip('/')}/" if shown_dir not in ("", ".") else ""
    if not content_dir.is_dir():
        raise ContentError([Problem(shown_dir, 1, "docs_dir", "directory not found")])
    stage_ids = [s.id for s in stages]
    entries = []
    known_entries: dict[str, _Source] = {}
    known_products: set[str] = set()
    scanned = sources.scan(content_dir, shown_prefix=prefix, catalog=catalog)
    problems += scanned.problems
    for file in scanned.entries:
        rel = file.relative_to(content_dir).as_posix()
        loaded = load_entry(file, rel, prefix + rel, stage_ids, problems, known_entries)
        if loaded:
            entries.append(loaded)
    if catalog != CATALOG and not (content_dir / catalog).is_file():
        problems.append(
            Problem(
                prefix + catalog,
                1,
                "catalog",
                "file not found (plugins.kbgen.catalog in mkdocs.yml names it); create it or fix the option",
            )
        )
    products = (
        load_catalog(scanned.catalog, prefix + catalog, content_dir, problems, known_products)
        if scanned.catalog is not None  # absent, or refused (a link out of content/, too large)
        else []
    )
    _cross_check(entries, products, problems, known_entries, known_products)
    published = {e.path for e, _ in entries} | set(scanned.static)
    for entry, src in entries:
        _check_body_links(entry, src, published, problems)
    _check_incompatible(products, problems, known_products)
    if problems:
        raise ContentError(problems)
    return KnowledgeBase(
        stages=tuple(stages),
        entries=tuple(e for e, _ in entries),
        products=tuple(p for p, _ in products),
        static=tuple(scanned.static),
    )
