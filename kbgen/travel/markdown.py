"""An entry as a Markdown file, made from its source: the same text a writer wrote, made inert.

The pages' HTML allowlist (:mod:`kbgen.site.sanitize`) has a Markdown twin here: raw HTML is
escaped (``<script>`` becomes the text ``&lt;script>``), links keep only the schemes a page
keeps (http, https, mailto, tel, relative) and images only the site's own files; links to other
entries point at those entries' Markdown copies. Code (fenced, indented and inline) is kept
verbatim, since Markdown never renders it as HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from kbgen.core.urls import local_image
from kbgen.site.sanitize import URL_SCHEMES

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_END = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*$")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# [text](dest "title") and ![alt](dest): the destination is <...> or has no spaces
_INLINE_LINK = re.compile(
    r"(!?)\[((?:\\.|[^\[\]\\])*)\]\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)([^)]*)\)"
)
_REFERENCE = re.compile(r"^( {0,3}\[(?:\\.|[^\[\]\\])+\]:\s*)(<[^<>\n]*>|\S+)(.*)$")

Resolve = Callable[[str], str | None]
"""A relative link target (path relative to the content directory, with #fragment) → the URL
to use in the copy, or None when it points at nothing published."""


def scheme_of(url: str) -> str:
    """The scheme of a link as a browser reads it (entities decoded, tabs and breaks dropped)."""
    url = html.unescape(url).strip()
    url = "".join(c for c in url if c not in "\t\n\r")
    return urlsplit(url).scheme.lower()


def inert_text(text: str) -> str:
    """Escape what would start raw HTML in Markdown (keeps autolinks with allowed schemes)."""
    out: list[str] = []
    pos = 0
    for m in _AUTOLINK.finditer(text):
        out.append(_TAG_START.sub("&lt;", text[pos : m.start()]))
        target = m.group(1)
        out.append(f"<{target}>" if scheme_of(target) in URL_SCHEMES else "&lt;" + target + ">")
        pos = m.end()
    out.append(_TAG_START.sub("&lt;", text[pos:]))
    return "".join(out)


def _destination(dest: str, image: bool, source_dir: str, resolve: Resolve) -> str | None:
    raw = dest[1:-1] if dest.startswith("<") and dest.endswith(">") else dest
    if not raw:
        return None
    scheme = scheme_of(raw)
    if image:
        if not local_image(raw):
            return None
    elif scheme:
        return raw if scheme in URL_SCHEMES else None
    if raw.startswith("#"):
        return raw
    if raw.startswith("/") or raw.startswith("\\"):
        return None
    path, _, fragment = raw.partition("#")
    target = posixpath.normpath(posixpath.join(source_dir, path))
    if target.startswith("../") or target == "..":
        return None
    resolved = resolve(target)
    if resolved is None:
        return None
    return resolved + (f"#{fragment}" if fragment else "")


def _links(line: str, source_dir: str, resolve: Resolve) -> str:
    def inline(m: re.Match[str]) -> str:
        bang, text, dest, title = m.group(1), m.group(2), m.group(3), m.group(4)
        url = _destination(dest, bool(bang), source_dir, resolve)
        if url is None:
            return text
        return f"{bang}[{text}]({url}{title})"

    ref = _REFERENCE.match(line)
    if ref:
        url = _destination(ref.group(2), False, source_dir, resolve)
        return f"{ref.group(1)}{url if url is not None else '#'}{ref.group(3)}"
    return _INLINE_LINK.sub(inline, line)


def _outside_code_spans(line: str, change: Callable[[str], str]) -> str:
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(line):
        out.append(change(line[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(change(line[pos:]))
    return "".join(out)


def inert_markdown(body: str, source_path: str, resolve: Resolve) -> str:
    """An entry's Markdown body made inert, its relative links resolved with ``resolve``.

    Args:
        body: The Markdown the writer wrote (below the front matter).
        source_path: The entry's file, relative to the content directory ('/'-separated).
        resolve: Maps a content path (``after-delivery/warranty.md#cover``) to a URL.
    """
    source_dir = posixpath.dirname(source_path)
    lines: list[str] = []
    fence: str | None = None
    for line in body.replace("\r\n", "\n").split("\n"):
        m = _FENCE.match(line)
        if fence is not None:
            lines.append(line)
            end = _FENCE_END.match(line)
            if end and end.group(1)[0] == fence[0] and len(end.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            lines.append(line)
            continue
        if line.startswith(("    ", "\t")) and (not lines or not lines[-1].strip()):
            lines.append(line)  # an indented code block after a blank line
            continue
        lines.append(_outside_code_spans(line, lambda part: inert_text(_links(part, source_dir, resolve))))
    return "\n".join(lines).strip("\n") + "\n"


def plain_field(text: str) -> str:
    """A one-line text field (question, summary) for a Markdown line: whitespace folded,
    raw HTML escaped."""
    return inert_text(" ".join(text.split()))


def link_text(text: str) -> str:
    """``text`` safe inside ``[...]`` of a Markdown link."""
    return re.sub(r"([\[\]\\])", r"\\\1", plain_field(text))


def entry_copy(
    question: str,
    summary: str,
    body: str,
    source_path: str,
    resolve: Resolve,
    footer: Mapping[str, str],
) -> str:
    """The Markdown copy of one entry: the question as its title, the short answer as a quote,
    the details, then ``footer`` lines (label → value, e.g. the web page's address)."""
    parts = [f"# {plain_field(question)}", "", f"> {plain_field(summary)}", ""]
    details = inert_markdown(body, source_path, resolve).strip("\n")
    if details:
        parts += [details, ""]
    if footer:
        parts += ["---", ""]
        parts += [f"{label}: {value}  " for label, value in footer.items()]
        parts[-1] = parts[-1].rstrip()
        parts.append("")
    return "\n".join(parts)
