"""HTTP headers for the built site: a Content-Security-Policy the site actually satisfies.

The policy allows scripts only from the site itself plus the exact inline scripts the built
pages contain (Material's bootstrap lines and kbgen's own), by their SHA-256 hashes, computed
from the output after every build. It is written to ``_headers`` (Netlify's format), next to
the static headers that ``netlify.toml`` sets for every page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kbgen.content.schema import url_origin_problem

HEADERS = "_headers"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype=["']?(application/(?:ld\+)?json)""", re.I)


def script_hashes_in(html: str) -> set[str]:
    """CSP source expressions for the executable inline scripts of one HTML document."""
    found: set[str] = set()
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if _DATA_TYPE.search(attrs):
            continue  # JSON data blocks are never executed
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        found.add(f"'sha256-{digest}'")
    return found


def template_script_hashes(output: str, content: str = "") -> set[str]:
    """The inline scripts a page's templates wrote, leaving out the page's content.

    The build calls this for each page the theme renders, with the page's (sanitized) entry
    HTML as ``content``; so the policy holds Material's and kbgen's own inline scripts and
    never one that came from content, even if something let a script through the sanitizer.
    """
    if content:
        output = output.replace(content, "")
    return script_hashes_in(output)


def inline_script_hashes(site_dir: Path) -> list[str]:
    """CSP source expressions for every distinct executable inline script in a built site's HTML
    (for checking a site; the build itself uses :func:`template_script_hashes`)."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        found |= script_hashes_in(page.read_text(encoding="utf-8"))
    return sorted(found)


def origin(url: str) -> str | None:
    """``scheme://host[:port]`` of an absolute http(s) URL, or None for anything else.

    Only URLs that :func:`kbgen.content.schema.url_origin_problem` accepts give an origin, so no
    ``;``, ``,``, quote or space can reach the policy.
    """
    if url_origin_problem(url):
        return None
    parts = urlsplit(url)
    host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname
    port = f":{parts.port}" if parts.port is not None else ""
    return f"{parts.scheme.lower()}://{host}{port}"


def content_security_policy(
    script_hashes: Iterable[str], *, post_to: Iterable[str] = (), images_from: Iterable[str] = ()
) -> str:
    """The policy: own origin only, plus the given inline-script hashes and outside origins."""
    posts = sorted({o for o in map(origin, post_to) if o})
    images = sorted({o for o in map(origin, images_from) if o})
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes),
        "style-src 'self'",
        "img-src " + " ".join(["'self'", "data:", *images]),
        "font-src 'self'",
        "connect-src " + " ".join(["'self'", *posts]),
        "worker-src 'self'",
        "form-action " + " ".join(["'self'", *posts]),
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
    return "; ".join(d.strip() for d in directives)


@dataclass(frozen=True)
class WidgetFiles:
    """What shop pages fetch from the help site for the widget (paths from the site's root)."""

    origins: tuple[str, ...] = ()
    """The shop origins allowed to read them; empty: any."""
    files: tuple[str, ...] = ()
    """Paths or ``*`` patterns: the loader, the panel files, the search worker, lunr, the index."""
    immutable: tuple[str, ...] = ()
    """Those of ``files`` with fingerprinted names, cached for good."""
    post_to: str = ""
    """The help site path the widget posts feedback to (Netlify Forms), or ''."""


def widget_rules(widget: WidgetFiles, base_path: str = "") -> str:
    """CORS and ``Cross-Origin-Resource-Policy`` for the widget's files, so shop pages on other
    origins may load them; pages keep their ``frame-ancestors 'none'``.

    Netlify's ``_headers`` can't echo a request's Origin: one allowed origin is named, several
    (or none configured) give ``*``, and the loader itself refuses to run on an origin that is
    not listed. The files are public and fetched without cookies, so ``*`` exposes nothing new.
    """
    base = base_path.rstrip("/")
    allow = widget.origins[0] if len(widget.origins) == 1 else "*"
    cors = f"  Access-Control-Allow-Origin: {allow}\n"
    if allow != "*":
        cors += "  Vary: Origin\n"
    rules = ""
    for path in widget.files:
        rules += f"{base}/{path}\n{cors}  Cross-Origin-Resource-Policy: cross-origin\n"
        if path in widget.immutable:
            rules += "  Cache-Control: public, max-age=31536000, immutable\n"
    if widget.post_to:
        rules += f"{base}/{widget.post_to}\n{cors}"
    return rules


def split_search_rules(shard_dir: str, widget: WidgetFiles | None = None, base_path: str = "") -> str:
    """The files of a split search index (``search/s/*``: named by a hash of their content)
    cached for good; and, with the shop widget, readable from the shop's origins as the
    widget's other files are."""
    base = base_path.rstrip("/")
    rules = f"{base}/{shard_dir}/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    if widget is not None:
        allow = widget.origins[0] if len(widget.origins) == 1 else "*"
        rules += f"  Access-Control-Allow-Origin: {allow}\n"
        rules += "  Vary: Origin\n" if allow != "*" else ""
        rules += "  Cross-Origin-Resource-Policy: cross-origin\n"
    return rules


def immutable_rules(paths: Iterable[str], base_path: str = "") -> str:
    """Files named by a hash of their content (paths from the site's root, such as the search
    page's worker), cached for good."""
    base = base_path.rstrip("/")
    return "".join(f"{base}/{path}\n  Cache-Control: public, max-age=31536000, immutable\n" for path in paths)


def content_type_rules(types: Mapping[str, str], base_path: str = "") -> str:
    """A ``Content-Type`` rule for each listed file (path from the site's root → type), so
    Markdown copies, llms.txt and feeds are served as what they are. Exact paths only: a
    Netlify pattern such as ``/*.md`` also matches paths merely ending in "md"."""
    base = base_path.rstrip("/")
    return "".join(f"{base}/{path}\n  Content-Type: {kind}\n" for path, kind in sorted(types.items()))


def headers_file(
    csp: str,
    base_path: str = "",
    widget: WidgetFiles | None = None,
    types: Mapping[str, str] | None = None,
    shard_dir: str = "",
    immutable: Iterable[str] = (),
) -> str:
    """The ``_headers`` rules: the CSP on every path, long caching for fingerprinted assets
    (``immutable``: kbgen's own, by path), and cross-origin access to the shop widget's files
    (``shard_dir``: a split search index's)."""
    base = base_path.rstrip("/")
    split = split_search_rules(shard_dir, widget, base) if shard_dir else ""
    return (
        (
            "# kbgen: written on every build from the built pages (see kbgen/headers.py)\n"
            f"{base}/*\n  Content-Security-Policy: {csp}\n"
            f"{base}/assets/stylesheets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
            f"{base}/assets/javascripts/*\n  Cache-Control: public, max-age=31536000, immutable\n"
        )
        + immutable_rules(immutable, base)
        + (widget_rules(widget, base) if widget is not None else "")
        + split
        + content_type_rules(types or {}, base)
    )


def write_headers(
    site_dir: Path,
    csp: str,
    base_path: str = "",
    widget: WidgetFiles | None = None,
    types: Mapping[str, str] | None = None,
    shard_dir: str = "",
    immutable: Iterable[str] = (),
) -> Path:
    """Write ``_headers`` into the site, after any rules the site's own ``_headers`` has."""
    target = site_dir / HEADERS
    own = target.read_text(encoding="utf-8").rstrip("\n") + "\n" if target.exists() else ""
    text = headers_file(csp, base_path, widget, types, shard_dir, immutable)
    target.write_text(own + text, encoding="utf-8")
    return target
