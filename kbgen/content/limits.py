"""How large each part of an entry or of the catalog may be.

Content is untrusted, and every field is copied into pages, the search index and the widget's
data, so no field may grow without bound. The limits are far above what a real FAQ needs (the
longest question in the corpora kbgen is tested on has 142 characters, the longest answer
12,746) and low enough that one file cannot make an index of hundreds of megabytes.
``kbgen check`` refuses content over them; ``kbgen import`` skips rows over them.
"""

from __future__ import annotations

FRONT_MATTER_CHARS = 32_000
"""An entry's front matter (between the '---' lines)."""
BODY_CHARS = 100_000
"""An entry's Markdown body."""
ID_CHARS = 100
"""An id of an entry, a product or a stage."""
QUESTION_CHARS = 300
"""An entry's question (its page title)."""
SUMMARY_CHARS = 1_000
"""An entry's or a product's short answer / summary."""
NAME_CHARS = 200
"""A product's name."""
WORD_CHARS = 100
"""One keyword, or one other name (alias) of a product."""
REASON_CHARS = 300
"""Why two products do not work together."""
URL_CHARS = 2_000
"""A product's page or image address."""
WORDS = 50
"""Keywords of an entry or a product; other names of a product."""
ENTRY_REFS = 100
"""Products, related entries and old ids (aliases) listed by one entry."""
PRODUCT_REFS = 1_000
"""Products listed by one product in compatible_with, accessories or incompatible_with."""
DEPTH = 3
"""Levels of lists and mappings inside one field (incompatible_with: a list of mappings of text)."""
NODES = 5_000
"""Values (list items, mapping keys and values) inside one field."""
