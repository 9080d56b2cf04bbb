"""``kbgen translate``: a draft of an entry in the other Chinese script, for a writer to review.

Simplified → Traditional uses OpenCC's Taiwan configuration ``s2twp`` (characters, Taiwan's
variants and its phrases: 打印 → 列印, 软件 → 軟體); Traditional → Simplified uses ``tw2sp``.
Hong Kong phrasing is not claimed: OpenCC's Hong Kong phrase table is a tenth of Taiwan's.

Layout: a translation lives in ``content/<lower-case code>/`` under the same relative path as
its source (``content/after-delivery/return.md`` → ``content/zh-hant/after-delivery/return.md``)
and has the source's ``id``; the site's default language stays at the content root.

The draft is marked with a ``TODO`` line at the top of its body, which ``kbgen check`` and
``kbgen build`` refuse (:mod:`kbgen.content.placeholders`) until the writer has reviewed the
draft and deleted the line. The draft records the version of the source it translates: the
``source_version`` field of ``kbgen.content.versions`` where the languages work provides it, else
a comment with :func:`source_version`.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kbgen.content.placeholders import TRANSLATE_MARK
from kbgen.core import i18n
from kbgen.core.model import Entry

SOURCE_VERSION_FIELD = "source_version"
"""The front-matter field a translation records its source's version in."""

CONVERSIONS: dict[tuple[str, str], str] = {("zh", "zh-Hant"): "s2twp", ("zh-Hant", "zh"): "tw2sp"}
"""(from, to) table keys of :func:`kbgen.core.i18n.language_key` → OpenCC configuration."""

FOLDERS: dict[str, str] = {"zh": "zh-hans", "zh-Hant": "zh-hant"}
"""Where a language's translations live under the content directory."""

_DRAFT_LINE = {
    "zh-Hant": "TODO（" + TRANSLATE_MARK + "）：這是 OpenCC {config} 從 {source} 自動轉換的草稿。"
    "請對照原文審閱用詞，然後刪除這一行。",
    "zh": "TODO（"
    + TRANSLATE_MARK
    + "）：这是 OpenCC {config} 从 {source} 自动转换的草稿。请对照原文审阅用词，然后删除这一行。",
}
_TEXT_FIELDS = ("question", "summary")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


class TranslateError(Exception):
    """Why a draft can't be made: ``field`` of the source (or option) and the message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def source_version(text: str) -> str:
    """The version of a source entry a translation records: the first 12 hex digits of the
    SHA-256 of the source file's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def script(language: str | None) -> str | None:
    """``zh`` (Simplified) or ``zh-Hant`` for a Chinese language code, else None."""
    key = i18n.language_key(language)
    return key if key in FOLDERS else None


def language_of(rel: PurePosixPath, default: str | None) -> str | None:
    """The language of an entry from its path under the content directory."""
    first = rel.parts[0] if len(rel.parts) > 1 else ""
    for key, folder in FOLDERS.items():
        if first == folder:
            return key
    return script(default)


def target_path(rel: PurePosixPath, to: str, default: str | None) -> PurePosixPath:
    """Where the translation of the entry at ``rel`` (under content/) into ``to`` goes."""
    inner = PurePosixPath(*rel.parts[1:]) if rel.parts[0] in FOLDERS.values() and len(rel.parts) > 1 else rel
    if script(default) == to:
        return inner
    return PurePosixPath(FOLDERS[to]) / inner


@dataclass(frozen=True)
class Draft:
    """A draft translation: where it goes (under content/) and its text."""

    rel: PurePosixPath
    text: str
    config: str
    """The OpenCC configuration that made it (``s2twp`` or ``tw2sp``)."""


def draft(source_text: str, rel: PurePosixPath, to_language: str, default: str | None, shown: str) -> Draft:
    """The draft of the entry whose file text is ``source_text`` (at ``rel`` under the content
    directory, ``shown`` in messages) in ``to_language``.

    Raises TranslateError when the languages are not the two Chinese scripts, or the source has
    no front matter to read.
    """
    to = script(to_language)
    source_language = language_of(rel, default)
    if to is None or source_language is None or (source_language, to) not in CONVERSIONS:
        if to is not None and to == source_language:
            raise TranslateError("--to", f"{shown} is already in {to_language}")
        raise TranslateError(
            "--to", "kbgen translate makes drafts between Simplified and Traditional Chinese only "
            "(zh-Hans ↔ zh-Hant); other languages need a translator"
        )  # fmt: skip
    config = CONVERSIONS[(source_language, to)]
    convert = _converter(config)
    text = source_text.lstrip("\ufeff").replace("\r\n", "\n")
    found = _FRONT.match(text)
    try:
        front = yaml.safe_load(found.group(1)) if found else None
    except yaml.YAMLError:
        front = None
    if not found or not isinstance(front, dict):
        raise TranslateError("front matter", "can't be read; run kbgen check and fix it first")
    body = text[found.end() :]
    entry_id = front.get("id") or PurePosixPath(rel).stem
    out: dict[str, Any] = {"id": entry_id}
    for key, value in front.items():
        if key == "id":
            continue
        if key in _TEXT_FIELDS and isinstance(value, str):
            out[key] = convert(value)
        elif key == "keywords" and isinstance(value, list):
            out[key] = [convert(v) if isinstance(v, str) else v for v in value]
        else:
            out[key] = value
    meta = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1000)
    version = _version_line(front, body, rel, source_text, shown)
    mark = _DRAFT_LINE[to].format(config=config, source=shown)
    converted = convert(body.lstrip("\n"))
    return Draft(
        target_path(rel, to, default),
        f"---\n{meta}{version}\n---\n\n{mark}\n\n{converted.rstrip()}\n",
        config,
    )


def _version_line(front: dict[str, Any], body: str, rel: PurePosixPath, source_text: str, shown: str) -> str:
    """The draft's record of its source's version: the ``source_version`` field of the languages
    work (``kbgen.content.versions``, where present), else a comment with :func:`source_version`."""
    try:
        versions: Any = importlib.import_module("kbgen.content.versions")
    except ImportError:
        return f"# {SOURCE_VERSION_FIELD}: {source_version(source_text)}  ({shown})"
    keywords = front.get("keywords")
    entry = Entry(
        str(front.get("id") or rel.stem),
        str(front.get("question") or ""),
        str(front.get("stage") or ""),
        str(front.get("summary") or ""),
        body,
        str(rel),
        keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else (),
    )
    return str(versions.line(versions.source_version(entry)))


def _converter(config: str) -> Any:
    import opencc_purepy  # loaded only when a draft is made

    return opencc_purepy.OpenCC(config).convert


def find_source(content_dir: Path, entry: str) -> Path | None:
    """An entry file by its path (relative to the working directory or to ``content_dir``) or by
    its id (a file of the default language with that name or that ``id``)."""
    for candidate in (Path(entry), content_dir / entry):
        if candidate.suffix == ".md" and candidate.is_file():
            return candidate
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", entry):
        return None
    for path in sorted(content_dir.rglob("*.md")):
        rel = path.relative_to(content_dir)
        if rel.parts[0] in FOLDERS.values():
            continue
        if path.stem == entry:
            return path
        head = path.read_text(encoding="utf-8-sig", errors="replace")[:2000]
        if re.search(rf"^id:\s*['\"]?{re.escape(entry)}['\"]?\s*$", head, re.M):
            return path
    return None


def write(content_dir: Path, made: Draft) -> Path:
    """Write the draft; never replaces a file (raises FileExistsError)."""
    target = content_dir / made.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as f:
        f.write(made.text)
    return target
