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
PAGE_ENGINE_STEM = "assets/kbgen/search-engine"
"""The same engine, to run in the page (:func:`page_engine`), as ``<stem>.<hash>.js``."""
ENGINE_EVENT = "kbgen-engine"
"""The event the engine's script dispatches on its own ``<script>`` element (search.js)."""


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


# The engine's file: the worker's bundle, byte for byte, inside a function that gives it what a
# worker has under the names it uses (self, postMessage, onmessage, importScripts), so that none of
# its names reach the page's globals. lunr.js takes the AMD branch of its loader (define), which
# gives lunr to this function at once (the worker's code changes lunr.TokenSet when it starts): in
# a page its top-level ``this`` is the window, which it would otherwise set lunr on.
ENGINE_HEAD = """/* kbgen search engine for the search page (kbgen/search/bundle.py: page_engine): the search
   worker's bundle, unchanged, run in the page once it has the whole index, so a keystroke is
   answered in the task of its input event (a worker's answer waits for the next frame). */
(function (script) {
  // not strict code: lunr.js is not (a function's strictness reaches the code written inside it)
  function engine(setup, post, later) {
    return (function () {
      var self = { kbgenWorker: setup, addEventListener: function () {},
                   removeEventListener: function () {} };
      var postMessage = post, onmessage = null, setTimeout = later;
      var importScripts = function () { throw new Error("kbgen: the page's engine imports nothing"); };
      var lunr, define = function (factory) { self.lunr = lunr = factory(); };
      define.amd = true;
"""
ENGINE_TAIL = """
      ;
      return function (message) { onmessage({ data: message }); };
    })();
  }
  if (script) script.dispatchEvent(new CustomEvent("EVENT", { detail: engine }));
})(document.currentScript);
"""


@functools.cache
def page_engine() -> bytes:
    """The search engine for the search page (search.js runs it once the worker has the whole
    index, a small site's or a split site's ``whole`` file): :func:`worker_bundle`'s bytes inside a
    function (its rankings are the worker's by construction). The file, run as a script, defines
    no global: it hands the function to search.js through an event on its own ``<script>``
    element (``ENGINE_EVENT``). search.js calls it with the worker's setup (the index), the
    function the engine's answers go to, and the scheduler of its background work (idle time)."""
    body = worker_bundle().decode("utf-8").rstrip()
    text = ENGINE_HEAD + body + ENGINE_TAIL.replace("EVENT", ENGINE_EVENT)
    return text.encode("utf-8")


@functools.cache
def page_engine_path() -> str:
    """Where the search page's engine is published (relative to the site's root)."""
    return f"{PAGE_ENGINE_STEM}.{fingerprint(page_engine())}.js"
