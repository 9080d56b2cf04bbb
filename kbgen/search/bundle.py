"""The search worker in one file, for the help site's search page and the shop widget alike.

The worker needs lunr, the tokenizer and the compatibility lookup; imported one by one
(``importScripts`` loads one script at a time) they cost a shopper three round trips before
the first result. Bundled, they are one request, and the file's name carries a hash of its
content, so it is cached for good (``_headers``). Engine-free: the build (kbgen/mkdocs/) and the
widget (kbgen/widget/) publish the same bytes under their own paths.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from kbgen.search import shards

SEARCH_FILES = (
    "assets/kbgen/search-worker.js",
    "assets/kbgen/lunr.js",
    "assets/kbgen/search-tokenize.js",
    "assets/kbgen/compat.js",
)
"""The help site's search worker and the scripts it imports (theme assets)."""
THEME = Path(__file__).parent.parent / "theme"
"""The theme, whose assets hold SEARCH_FILES."""
HANDOVER_JS = Path(__file__).parent / "assets" / "search-handover.js"
"""What the bundle starts with: the search page's way to give the worker its index."""
PAGE_WORKER_STEM = "assets/kbgen/search-worker"
"""The search page's bundle is published as ``<stem>.<hash>.js`` (:func:`page_worker_path`)."""


def fingerprint(content: bytes) -> str:
    """The part of a file's name that changes with its content (12 hex digits of SHA-256)."""
    return hashlib.sha256(content).hexdigest()[:12]


@functools.cache
def worker_bundle() -> bytes:
    """The search worker in one file: the page's handover (a no-op in the widget, which sets the
    worker up itself), the theme's lunr, tokenizer and compatibility lookup, then its search
    worker with the split index's loader appended, all unchanged (the loader leaves a whole
    index to the worker as it is, so one bundle serves both layouts, and a build need not know
    the layout before the pages are written). The page and the widget start the index's download
    while this file downloads, and the worker imports nothing (``setup.bundled``).

    The worker is wrapped in a function, so its own "use strict" applies to it alone (lunr.js is
    not strict code); its top-level names stay inside that function, where all of its code is."""
    worker, *needed = SEARCH_FILES
    parts = [HANDOVER_JS.read_text(encoding="utf-8").rstrip()]
    parts += [(THEME / path).read_text(encoding="utf-8").rstrip() for path in needed]
    split_worker = shards.worker_script((THEME / worker).read_text(encoding="utf-8"))
    parts.append("(function () {\n" + split_worker.rstrip() + "\n})();")
    # UTF-8, as the theme's own files: a worker's imported scripts are always decoded as UTF-8.
    return ("\n;\n".join(parts) + "\n").encode("utf-8")


@functools.cache
def page_worker_path() -> str:
    """Where the search page's bundle is published (relative to the site's root)."""
    return f"{PAGE_WORKER_STEM}.{fingerprint(worker_bundle())}.js"
