"""An installable help center that reads offline (``installable: true``): a web app manifest,
a service worker, the script that registers it and offers updates, and an offline page.

The worker keeps the shell (what :func:`shell` finds the built pages use, the search's scripts
and manifest, the offline page) and what the browser opened; never the whole site (the
bandwidth trap Docusaurus's PWA plugin warns about). Each language has its own worker, scoped to
its folder; the default language's leaves the others' folders alone. Everything here is made
from the built site, so the same site gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import struct
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from kbgen.core.urls import SEARCH_DIR, SEARCH_INDEX
from kbgen.search import bundle

ASSETS = Path(__file__).parent / "assets"
MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
APP_JS = "assets/kbgen/app.js"
APP_CSS = "assets/kbgen/app.css"
OFFLINE = "offline.html"
OFFLINE_JS = "assets/kbgen/offline.js"
ICON_SVG = "assets/kbgen/app-icon.svg"
ICON_SIZES = (192, 512)
MAX_KEPT = 300
"""Pages and files the worker keeps of what the browser opened (the oldest go first)."""
MANIFEST_TYPE = "application/manifest+json"
ROOT_MARK = "__KBGEN_ROOT__"
"""Written where the offline page needs the site's root path: the worker puts its own in."""
SHELL_PAGES = ("index.html", f"{SEARCH_DIR}/index.html")
"""Built pages whose stylesheets and scripts are the shell."""
SHELL_HOME = ("", f"{SEARCH_DIR}/")
"""The home page (where the installed app starts) and the search page, kept with the shell."""
SHELL_PATTERNS = ("assets/kbgen/*.js", "assets/kbgen/*.css")
"""kbgen's own scripts (the search's worker and those it imports among them) and styles."""


@dataclass(frozen=True)
class AppInfo:
    """What the files say about the site, in its language."""

    name: str
    description: str
    language: str
    t: Mapping[str, str]
    primary: str
    """The header colour (``#rrggbb``), for the icon and the browser's title bar."""
    on_primary: str
    skip: tuple[str, ...] = ()
    """Folders (relative to this language's root) of the site's other languages."""


_REF = re.compile(
    r"<(?:link\b[^>]*\brel=\"(?:stylesheet|icon)\"[^>]*\bhref|script\b[^>]*\bsrc)=\"([^\"]+)\"", re.I
)
_BODY = re.compile(r"<body\b([^>]*)>", re.I)
_PALETTE = re.compile(r'\s(data-md-color-[a-z]+)="([^"]*)"')


def _refs(page: str, text: str) -> list[str]:
    """The site's own stylesheets, icons and scripts a built page loads, as paths from the root."""
    out = []
    for ref in _REF.findall(text):
        parts = urlsplit(html.unescape(ref))
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = PurePosixPath(PurePosixPath(page).parent, unquote(parts.path))
        resolved = _normal(path.as_posix())
        if resolved is not None:
            out.append(resolved)
    return out


def _normal(path: str) -> str | None:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def shell(site_dir: Path) -> list[str]:
    """The shell's files, from the built site: what the home and search pages load, kbgen's own
    scripts and styles, the search's manifest (whatever the search folder's files are called
    later: the rest of them the worker keeps when the search fetches them)."""
    loaded: set[str] = set()
    for page in SHELL_PAGES:
        file = site_dir / page
        if file.is_file():
            loaded.update(_refs(page, file.read_text(encoding="utf-8", errors="replace")))
    found = set(loaded)
    for pattern in SHELL_PATTERNS:
        found.update(p.relative_to(site_dir).as_posix() for p in site_dir.glob(pattern) if p.is_file())
    if (site_dir / bundle.page_worker_path()).is_file():
        # The search page starts its worker in one file that holds these scripts: online they
        # are fetched only by a page that loads one itself (the products page's compat.js,
        # which the worker keeps when it is opened), so the shell leaves them out (about 35 KB
        # gzipped that an installed app would otherwise fetch twice).
        found -= set(bundle.SEARCH_FILES) - loaded
    if (site_dir / SEARCH_INDEX).is_file():
        found.add(SEARCH_INDEX)
    return sorted(p for p in found if (site_dir / p).is_file())


def manifest(info: AppInfo) -> str:
    """The web app manifest (URLs relative to it: the language's root)."""
    icons = [{"src": ICON_SVG, "sizes": "any", "type": "image/svg+xml"}] + [
        {"src": _png_name(n), "sizes": f"{n}x{n}", "type": "image/png"} for n in ICON_SIZES
    ]
    data = {
        "name": info.name,
        "short_name": info.name,
        "description": info.description,
        "lang": info.language,
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": info.primary,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _png_name(size: int) -> str:
    return f"assets/kbgen/app-icon-{size}.png"


def icon_svg(info: AppInfo) -> str:
    """The app's icon: a question mark on the header colour."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" fill="{info.primary}"/>'
        f'<circle cx="256" cy="256" r="160" fill="{info.on_primary}"/>'
        f'<text x="256" y="328" font-family="sans-serif" font-size="210" font-weight="700" '
        f'text-anchor="middle" fill="{info.primary}">?</text></svg>\n'
    )


def icon_png(size: int, primary: str, on_primary: str) -> bytes:
    """A square PNG: a disc of ``on_primary`` on ``primary`` (no imaging library needed)."""
    bg, fg = bytes.fromhex(primary[1:]), bytes.fromhex(on_primary[1:])
    centre, radius = (size - 1) / 2, size * 0.3125
    rows = []
    for y in range(size):
        dy = y - centre
        half = (radius * radius - dy * dy) ** 0.5 if abs(dy) <= radius else -1.0
        left = round(centre - half) if half >= 0 else size
        right = round(centre + half) + 1 if half >= 0 else size
        rows.append(b"\x00" + bg * left + fg * max(0, right - left) + bg * (size - max(left, right)))
    raw = b"".join(rows)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def offline_page(info: AppInfo, home_html: str, styles: Iterable[str]) -> str:
    """The page a reader gets offline for a page this device has not saved: in the site's
    language and look, saying so, with the answers it has saved (offline.js) and a way home.
    Links start at :data:`ROOT_MARK`, which the worker replaces with its own root."""
    t = info.t
    body = _BODY.search(home_html)
    palette = "".join(f' {k}="{html.escape(v)}"' for k, v in _PALETTE.findall(body.group(1) if body else ""))
    links = "".join(f'<link rel="stylesheet" href="{ROOT_MARK}{html.escape(s)}">\n' for s in styles)
    e = html.escape
    return (
        f'<!doctype html>\n<html lang="{e(info.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{e(t['offline_title'])} · {e(info.name)}</title>\n{links}"
        f'<script src="{ROOT_MARK}{OFFLINE_JS}" defer></script>\n</head>\n'
        f'<body dir="ltr"{palette}>\n<div class="md-container">\n<main class="md-main">\n'
        '<div class="md-main__inner md-grid">\n<div class="md-content">\n'
        '<article class="md-content__inner md-typeset">\n'
        f'<p><a href="{ROOT_MARK}">{e(info.name)}</a></p>\n'
        f"<h1>{e(t['offline_title'])}</h1>\n<p>{e(t['offline_lead'])}</p>\n"
        f'<p><a class="md-button md-button--primary" href="">{e(t["offline_retry"])}</a> '
        f'<a class="md-button" href="{ROOT_MARK}">{e(t["offline_home"])}</a></p>\n'
        f'<section data-kb-offline-saved data-root="{ROOT_MARK}" hidden '
        'aria-labelledby="kb-offline-saved-h">\n'
        f'<h2 id="kb-offline-saved-h">{e(t["offline_saved"])}</h2>\n<ul></ul>\n</section>\n'
        "</article>\n</div>\n</div>\n</main>\n</div>\n</body>\n</html>\n"
    )


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _filled(name: str, mark: str, data: object) -> str:
    text = _asset(name)
    if mark not in text:  # pragma: no cover - a broken checkout
        raise RuntimeError(f"{name} has lost its {mark} placeholder")
    return text.replace(mark, json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":")), 1)


def files(site_dir: Path, info: AppInfo) -> dict[str, bytes]:
    """Every file of the installable help center, by its path from the language's root."""
    home = site_dir / "index.html"
    home_html = home.read_text(encoding="utf-8", errors="replace") if home.is_file() else ""
    styles = [p for p in _refs("index.html", home_html) if p.endswith(".css")]
    out: dict[str, bytes] = {
        ICON_SVG: icon_svg(info).encode("utf-8"),
        **{_png_name(n): icon_png(n, info.primary, info.on_primary) for n in ICON_SIZES},
        MANIFEST: manifest(info).encode("utf-8"),
        OFFLINE: offline_page(info, home_html, styles).encode("utf-8"),
        OFFLINE_JS: _asset("offline.js").encode("utf-8"),
        APP_CSS: _asset("app.css").encode("utf-8"),
        APP_JS: _filled(
            "app.js", "/*KBGEN_APP*/{}", {k: info.t[f"app_{k}"] for k in ("update", "reload", "later")}
        ).encode("ascii"),
    }
    pages = [p for p in SHELL_HOME if (site_dir / p / "index.html").is_file()]
    kept = sorted({*shell(site_dir), *out, *pages} - {MANIFEST})
    digest = hashlib.sha256()
    for path in kept:
        digest.update(path.encode("utf-8") + b"\x00")
        if path in out:
            digest.update(out[path])
        else:
            digest.update((site_dir / path / "index.html" if path in pages else site_dir / path).read_bytes())
    config = {
        "version": digest.hexdigest()[:16],
        "shell": kept,
        "offline": OFFLINE,
        "skip": list(info.skip),
        "max": MAX_KEPT,
    }
    out[WORKER] = _filled("sw.js", "/*KBGEN_SW*/{}", config).encode("ascii")
    return out


def write(site_dir: Path, info: AppInfo) -> dict[str, str]:
    """Write the files into a built language's folder; return the manifest's content type."""
    for path, body in files(site_dir, info).items():
        target = site_dir / path
        if target.is_file() and target.read_bytes() == body:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return {MANIFEST: MANIFEST_TYPE}


def write_removal(site_dir: Path) -> None:
    """Write the worker that undoes an earlier ``installable: true`` (``installable: remove``):
    browsers check a registered worker's script when they open a page in its scope, get this
    one, which deletes kbgen's caches of its folder and unregisters itself. No page loads it."""
    (site_dir / WORKER).write_bytes(_asset("sw-remove.js").encode("ascii"))
