"""The help center as a folder that opens from disk (``file://``), packed in one zip.

Chrome refuses workers and ``fetch()`` on ``file://`` pages, so the offline copy loads its search
engine and its search data with plain ``<script>`` tags: the engine is the site's own
``search-worker.js`` wrapped in a function (:func:`engine_script`), the data a script that
defines the index as a JavaScript value (:func:`data_script`). Links name files
(``stage.html``, ``folder/index.html``), never a folder: a folder opens as a file listing there
(:func:`file_links`). Material's offline plugin is the cautionary example: it inlines the index
but still loads a worker shim from a CDN; nothing here leaves the disk.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import stat
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ZIP_NAME = "offline.zip"
"""Where the zip is published in the site: the help center downloads itself."""
ENGINE_JS = "assets/kbgen/offline/search-engine.js"
"""search-worker.js, wrapped to run in the page."""
ADAPTER_JS = "assets/kbgen/offline/search-offline.js"
"""What search.js's ``new Worker(url)`` starts in the offline copy: the engine, in the page."""
DATA_JS = "search/offline-data.js"
"""The search data (every JSON file of ``search/``) as a script."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's date: the same site gives the same zip, byte for byte."""

LEFT_OUT_FILES = frozenset({
    "_headers", "_redirects", "404.html", "sitemap.xml", "sitemap.xml.gz", "widget.js",
    "llms.txt", "llms-full.txt", "feed.xml", ZIP_NAME,
})  # fmt: skip
"""Files of a built site that make no sense from disk: a web server's rules, the page a server
shows for a missing address, what crawlers, feed readers and shops' pages fetch."""
LEFT_OUT_DIRS = frozenset({"_kbgen"})
"""Folders left out at any depth: the shop widget's files (it lives on a shop's pages)."""
LEFT_OUT_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
"""Material's own search (off in the copy: it runs in a worker), in any language's folder."""
LEFT_OUT_SUFFIXES = (".md", ".json")
"""Markdown copies (for assistants, on the web) and JSON fetched by scripts (inline instead)."""

_ALTERNATE = re.compile(r"""<link\s[^>]*\brel=["']?alternate\b[^>]*>\n?""", re.I)
_REMOTE = r"""=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//"""
_REMOTE_SRC = re.compile(
    rf"<(?P<tag>img|script|iframe|source|audio|video|embed|track)\b[^>]*\ssrc{_REMOTE}[^>]*>"
    r"(?:\s*</(?P=tag)>)?",
    re.I,
)
_REMOTE_LINK = re.compile(
    r"""<link\b(?=[^>]*\brel=["']?[^"'>]*\b(?:icon|stylesheet|preload|prefetch|modulepreload|preconnect"""
    rf"""|dns-prefetch|manifest)\b)(?=[^>]*\shref{_REMOTE})[^>]*>\n?""",
    re.I,
)
_LANGUAGES = re.compile(r'(data-kb-offers=")([^"]*)(")')
_ATTR = re.compile(r"""(\s(?:href|action)=)(["'])([^"'<>]*)\2""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class OfflineError(Exception):
    """The offline copy could not be made; the message names the file and says why."""


def file_link(url: str) -> str:
    """``url`` as a link that opens a file from disk: a relative link to a folder (``.``,
    ``../``, ``products/``) names the folder's ``index.html``; other links are kept."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path in (".", "..") or path.endswith("/"):
        return path.rstrip("/") + "/index.html" + rest
    return url


def online_url(url: str, directory_urls: bool) -> str:
    """The address on the web site of the offline page at ``url`` (``questions/a.html``), for
    a site built with ``directory_urls`` (``questions/a/``); the same when it is not."""
    if not directory_urls or not url.endswith(".html"):
        return url
    if url == "index.html" or url.endswith("/index.html"):
        return url[: -len("index.html")]
    return url[: -len(".html")] + "/"


def file_links(html: str) -> str:
    """Every ``href`` and ``action`` of a page made by :func:`file_link`."""
    return _ATTR.sub(lambda m: m.group(1) + m.group(2) + file_link(m.group(3)) + m.group(2), html)


def for_disk(html: str) -> str:
    """A built page as the offline copy has it: links to files (:func:`file_links`), no
    ``<link rel="alternate">`` (the page in other languages, a feed: Material fetches the
    ``sitemap.xml`` beside each one's address, from the web), and nothing the browser would
    load from another host (a product image from a CDN, say)."""
    html = _REMOTE_LINK.sub("", _REMOTE_SRC.sub("", _ALTERNATE.sub("", html)))
    return _LANGUAGES.sub(_language_links, file_links(html))


def _language_links(m: re.Match[str]) -> str:
    """The language offer's links (languages.js: ``{"languages": {code: [href, name, …]}}``) as
    files."""
    try:
        data = json.loads(html_lib.unescape(m.group(2)))
        for pair in data["languages"].values():
            pair[0] = file_link(pair[0])
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return m.group(0)  # not kbgen's data: left as it is
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return m.group(1) + html_lib.escape(text, quote=True) + m.group(3)


def engine_script(worker_source: str) -> str:
    """``search-worker.js`` as a function the page calls with what a worker has (``self``,
    ``fetch``, ``postMessage``, ``location``, ``importScripts``); it returns the worker's
    message handler. The worker's top-level names stay inside the function."""
    return (
        "/* kbgen offline: search-worker.js, unchanged, wrapped to run in the page "
        "(search-offline.js). */\n"
        "window.kbgenOfflineEngine = function (self, fetch, postMessage, location, importScripts) {\n"
        f"{worker_source.rstrip()}\n"
        ";var onmessage;  // hoisted: the worker's handler stays in this function\n"
        "return function (event) {\n"
        "  if (typeof onmessage === \"function\") onmessage(event);\n"
        "  else if (typeof self.onmessage === \"function\") self.onmessage(event);\n"
        "  (self.listeners || []).forEach(function (fn) { fn(event); });\n"
        "};\n"
        "};\n"
    )


def data_script(files: Mapping[str, str]) -> str:
    """A script that defines the JSON ``files`` (path relative to the script's folder → text)
    as values, keyed by their full address, in ``window.kbgenOfflineData``.

    Raises:
        OfflineError: If a file is not JSON (the build wrote something kbgen cannot inline).
    """
    parts = []
    for name in sorted(files):
        try:
            json.loads(files[name])
        except ValueError as exc:
            raise OfflineError(f"{name}: not JSON ({exc}); it cannot be inlined") from None
        parts.append(f"{json.dumps(name)}: {files[name].strip()}")
    body = ",\n".join(parts)
    return (
        "/* kbgen offline: the search data as a script (no fetch from file://). */\n"
        "(function (files, here) {\n"
        "  var all = window.kbgenOfflineData = window.kbgenOfflineData || {};\n"
        "  Object.keys(files).forEach(function (name) { all[new URL(name, here).href] = files[name]; });\n"
        f"}})({{\n{body}\n}}, document.currentScript.src);\n"
    )


def left_out(path: PurePosixPath) -> bool:
    """Whether a built file (relative to the site) stays out of the offline copy."""
    if path.name in LEFT_OUT_FILES or any(part in LEFT_OUT_DIRS for part in path.parts[:-1]):
        return True
    if any(part in f"/{path}" for part in (f"/{a}" for a in LEFT_OUT_ASSETS)):
        return True
    return path.suffix in LEFT_OUT_SUFFIXES


@dataclass(frozen=True)
class Packed:
    """What :func:`write_zip` put in the zip."""

    files: int
    size: int
    """The zip's size in bytes."""
    folder: str
    """The one folder the zip holds."""


def write_zip(site: Path, target: Path, folder: str) -> Packed:
    """Pack the built ``site`` into ``target`` under ``folder/`` (what unzipping makes), left-out
    files excepted. Only regular files inside ``site`` are packed: a symbolic link is refused,
    so nothing outside the build reaches the zip. Deterministic: sorted names, fixed dates.

    Raises:
        OfflineError: If the build holds a symbolic link or something that is not a file.
        OSError: If reading the site or writing ``target`` fails.
    """
    names: list[PurePosixPath] = []
    for root, dirs, files in os.walk(site):
        here = Path(root)
        for name in [*dirs, *files]:
            path = here / name
            rel = PurePosixPath(path.relative_to(site).as_posix())
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                raise OfflineError(f"{rel}: a symbolic link in the built site; it is not packed")
            if name in files and not stat.S_ISREG(mode):
                raise OfflineError(f"{rel}: not a regular file; it is not packed")
            if name in files and not left_out(rel):
                names.append(rel)
    names.sort(key=str)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in names:
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (site / rel).read_bytes(), compresslevel=9)
    return Packed(len(names), target.stat().st_size, folder)


def folder_name(site_name: str) -> str:
    """The zip's one top folder, from the site's name (``Northbrew Help Center`` →
    ``northbrew-help-center``); ``help-center`` when the name has no Latin letters or digits."""
    slug = re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")
    return slug[:60].strip("-") or "help-center"
