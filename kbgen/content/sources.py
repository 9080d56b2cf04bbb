"""What in the content directory may reach the published site, and what is refused.

Content comes from writers and pull requests, so it is untrusted. Only three kinds of file are
published from it:

- entries: ``*.md`` files, which go through the loader (validation) and the sanitizer;
- the product catalog, which is read, never copied;
- static files of a few inert types: images and PDFs (``STATIC_TYPES``); an SVG only if it
  holds nothing but shapes, text and styling (:func:`svg_problems`).

Everything else is a problem for ``kbgen check``: other Markdown extensions (MkDocs would
render them as pages that skip kbgen's checks), HTML, scripts, styles, deploy rules
(``_headers``/``_redirects``), files in the folders kbgen's own pages and assets use, and
symbolic links that leave the content directory or loop. Hidden files and folders (``.x``)
and ``README.md`` files are never published.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from kbgen.core.errors import Problem
from kbgen.core.urls import GENERATED_DIR, STATIC_DIRS_TAKEN

ENTRY_SUFFIX = ".md"
OTHER_MARKDOWN = frozenset({".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"})
"""Extensions MkDocs renders as pages too; kbgen refuses them instead of publishing them unchecked."""

STATIC_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf", ".svg"})
"""File types published as they are: images and PDF documents (SVG only if inert)."""

DEPLOY_RULES = frozenset({"_headers", "_redirects", "netlify.toml"})
MAX_BYTES = 5_000_000
"""Largest entry or catalog file kbgen reads (a link to /dev/zero must not fill the memory)."""
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""Control and text-direction characters: a name with one would be shown as something else."""

MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".ico": (b"\x00\x00\x01\x00",),
    ".pdf": (b"%PDF-",),
}
"""How each binary type starts: a file named .png that holds a stylesheet or a page is refused."""


def content_problems(path: Path, suffix: str, shown: str) -> list[Problem]:
    """Whether a static file holds what its extension says (checked by its first bytes)."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        return [Problem(shown, 1, "file", f"cannot be read: {exc.strerror}")]
    if suffix == ".webp":
        ok = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    elif suffix == ".avif":
        ok = head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")
    else:
        ok = head.startswith(MAGIC[suffix])
    if ok:
        return []
    return [Problem(shown, 1, "file", f"is not a {suffix[1:].upper()} file (its content says otherwise)")]


_ALLOWED_LIST = ", ".join(sorted(STATIC_TYPES))


@dataclass
class ContentFiles:
    """The content directory sorted by what happens to each file."""

    entries: list[Path] = field(default_factory=list)
    """Entry files, to be loaded and validated."""
    static: list[str] = field(default_factory=list)
    """Files published as they are, as '/'-separated paths relative to the content directory."""
    catalog: Path | None = None
    """The catalog file, if it exists and may be read (None if absent or refused)."""
    problems: list[Problem] = field(default_factory=list)


def scan(
    content_dir: Path,
    *,
    shown_prefix: str = "",
    catalog: str = "products.yml",
    exclude: frozenset[str] = frozenset(),
) -> ContentFiles:
    """Walk ``content_dir`` (following symbolic links that stay inside it) and sort every file.

    Args:
        content_dir: The content directory (MkDocs' ``docs_dir``).
        shown_prefix: How the content directory is named in messages, with a trailing '/'.
        catalog: The catalog's path relative to the content directory (read, never published).
        exclude: Top-level folder names left out (a translation's folder, scanned on its own).
    """
    found = ContentFiles()
    root = Path(os.path.realpath(content_dir))
    _walk(content_dir, "", root, {str(root)}, shown_prefix, catalog, found, exclude)
    found.entries.sort(key=lambda p: p.relative_to(content_dir).as_posix())
    found.static.sort()
    return found


def _problem(found: ContentFiles, shown: str, message: str, line: int = 1) -> None:
    found.problems.append(Problem(shown, line, "file", message))


def _walk(
    directory: Path,
    rel_dir: str,
    root: Path,
    ancestors: set[str],
    prefix: str,
    catalog: str,
    found: ContentFiles,
    exclude: frozenset[str] = frozenset(),
) -> None:
    try:
        names = sorted(p.name for p in directory.iterdir())
    except OSError as exc:
        _problem(found, prefix + (rel_dir or "."), f"cannot be read: {exc.strerror}")
        return
    for name in names:
        if name.startswith(".") or (not rel_dir and name in exclude):
            continue  # hidden files and folders (.git, .DS_Store) are never published
        path = directory / name
        rel = f"{rel_dir}/{name}" if rel_dir else name
        shown = prefix + rel
        if _UNSAFE_NAME.search(name):
            shown = prefix + _UNSAFE_NAME.sub(lambda m: f"\\u{ord(m.group()):04x}", rel)
            _problem(found, shown, "has a control or text-direction character in its name; rename it")
            continue
        try:
            st = path.stat()  # follows links: a loop or a dangling link raises here
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                what = "a symbolic link loop"
            elif path.is_symlink():
                what = "a symbolic link to nothing"
            else:
                what = "unreadable"
            _problem(found, shown, f"is {what} ({exc.strerror}); remove it")
            continue
        real = os.path.realpath(path)
        if path.is_symlink() and not Path(real).is_relative_to(root):
            _problem(
                found,
                shown,
                "is a symbolic link to a file outside the content directory; it is not published "
                "(copy the file into content/ instead)",
            )
            continue
        if stat.S_ISDIR(st.st_mode):
            if real in ancestors:
                _problem(found, shown, "is a symbolic link loop (it leads to a folder above it); remove it")
                continue
            _walk(path, rel, root, ancestors | {real}, prefix, catalog, found)
        elif stat.S_ISREG(st.st_mode):
            text_file = posixpath.splitext(rel)[1].lower() in (ENTRY_SUFFIX, ".yml", ".yaml")
            if st.st_size > MAX_BYTES and text_file:
                _problem(found, shown, f"is {st.st_size:,} bytes; kbgen reads text files up to {MAX_BYTES:,}")
                continue
            _sort_file(path, rel, shown, catalog, found)
        else:
            _problem(found, shown, "is not a regular file (a device, socket or pipe); remove it")


def _sort_file(path: Path, rel: str, shown: str, catalog: str, found: ContentFiles) -> None:
    top = rel.split("/", 1)[0].lower() if "/" in rel else ""  # lower: hosts may ignore case
    suffix = posixpath.splitext(rel)[1].lower()
    if top == GENERATED_DIR:
        _problem(found, shown, f"'{GENERATED_DIR}/' is kbgen's own folder; move the file out of it")
    elif rel == catalog:
        found.catalog = path  # read, never published
    elif posixpath.basename(rel) == "README.md":
        return  # notes for writers: never published
    elif suffix == ENTRY_SUFFIX:
        found.entries.append(path)
    elif suffix in OTHER_MARKDOWN:
        _problem(
            found,
            shown,
            f"'{suffix}' files are not entries: rename it to .md so kbgen checks it, or remove it",
        )
    elif posixpath.basename(rel) in DEPLOY_RULES:
        _problem(
            found,
            shown,
            "deploy rules are not taken from content/: write them in netlify.toml "
            "([[redirects]], [[headers]]) at the project root",
        )
    elif suffix not in STATIC_TYPES:
        what = f"'{suffix}' files" if suffix else "files without an extension"
        _problem(
            found,
            shown,
            f"{what} are not published from content/: it may hold entries (.md), the catalog "
            f"and images or documents ({_ALLOWED_LIST}); deploy rules go in netlify.toml",
        )
    elif top in STATIC_DIRS_TAKEN:
        _problem(
            found,
            shown,
            f"'{top}/' is a folder of kbgen's own pages and assets; move the file to images/",
        )
    else:
        wrong = svg_problems(path, shown) if suffix == ".svg" else content_problems(path, suffix, shown)
        if wrong:
            found.problems += wrong
            return
        found.static.append(rel)


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SVG_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
        "polyline", "polygon", "text", "tspan", "textPath", "title", "desc", "metadata",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
        "style", "filter", "feBlend", "feColorMatrix", "feComposite", "feDropShadow", "feFlood",
        "feGaussianBlur", "feMerge", "feMergeNode", "feOffset", "switch",
    }
)  # fmt: skip
"""SVG elements that only draw. No script, foreignObject, image, animation (which can rewrite
links) or anything that loads another document."""
_METADATA_OK = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    }
)
"""Editor metadata (Inkscape, RDF licence data): inert, allowed."""


def svg_problems(path: Path, shown: str) -> list[Problem]:
    """Why an SVG file cannot be published (empty if it only draws)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [Problem(shown, 1, "file", f"cannot be read: {exc.strerror}")]
    problems: list[Problem] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True  # whole text nodes, so url( is never split across calls

    def refuse(message: str) -> None:
        if len(problems) < 5:
            problems.append(Problem(shown, parser.CurrentLineNumber, "file", message))

    def doctype(*_: object) -> None:
        refuse("an SVG image may not have a DOCTYPE or entities; remove the <!DOCTYPE …> line")

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if ns not in (SVG_NS, *_METADATA_OK):
            refuse(f"SVG element <{local}> is not allowed: an image may only draw (no HTML inside)")
            return
        if ns == SVG_NS and local not in SVG_ELEMENTS:
            refuse(f"SVG element <{local}> is not allowed: an image may only draw (no scripts or links)")
            return
        for attr, value in attrs.items():
            a_ns, _, a_local = attr.rpartition(" ")
            if a_local.lower().startswith("on"):
                refuse(f"SVG attribute {a_local} is not allowed: an image may not run scripts")
            elif a_local == "href" and a_ns in ("", XLINK_NS) and not value.strip().startswith("#"):
                refuse(f"SVG link '{_cut(value)}' is not allowed: an image may only refer to itself (#id)")
            elif _loads_outside(value):
                refuse(f"SVG attribute {a_local} loads '{_cut(value)}': an image may not load other files")

    def text(data: str) -> None:
        if _loads_outside(data):
            refuse("SVG styles may not load other files (url(…) or @import)")

    def instruction(target: str, _data: str) -> None:
        refuse(f"SVG processing instruction <?{target[:20]} …?> is not allowed (it can load a style)")

    parser.ProcessingInstructionHandler = instruction
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        return [Problem(shown, exc.lineno, "file", f"is not a valid SVG image: {reason}")]
    return problems


def _loads_outside(value: str) -> bool:
    low = value.lower().replace(" ", "")
    if "@import" in low or "\\" in low or "image-set(" in low or "image(" in low:
        return True  # CSS escapes (u\72l) could hide a url(); image() functions load files
    start = low.find("url(")
    while start != -1:
        target = low[start + 4 :].lstrip("'\"")
        if not target.startswith("#"):
            return True
        start = low.find("url(", start + 4)
    return False


def _cut(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
