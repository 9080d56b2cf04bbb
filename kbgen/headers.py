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
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

HEADERS = "_headers"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype=["']?(application/(?:ld\+)?json)""", re.I)


def inline_script_hashes(site_dir: Path) -> list[str]:
    """CSP source expressions for every distinct executable inline script in the site's HTML."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for attrs, body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if _DATA_TYPE.search(attrs):
                continue  # JSON data blocks are never executed
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            found.add(f"'sha256-{digest}'")
    return sorted(found)


def origin(url: str) -> str | None:
    """``https://host[:port]`` of an absolute http(s) URL, else None."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


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


def headers_file(csp: str, base_path: str = "") -> str:
    """The ``_headers`` rules: the CSP on every path, long caching for fingerprinted assets."""
    base = base_path.rstrip("/")
    return (
        "# kbgen: written on every build from the built pages (see kbgen/headers.py)\n"
        f"{base}/*\n  Content-Security-Policy: {csp}\n"
        f"{base}/assets/stylesheets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
        f"{base}/assets/javascripts/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    )


def write_headers(site_dir: Path, csp: str, base_path: str = "") -> Path:
    """Write ``_headers`` into the site, after any rules the site's own ``_headers`` has."""
    target = site_dir / HEADERS
    own = target.read_text(encoding="utf-8").rstrip("\n") + "\n" if target.exists() else ""
    target.write_text(own + headers_file(csp, base_path), encoding="utf-8")
    return target
