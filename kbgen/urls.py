"""The URL names kbgen's own pages use (engine-free, so content checks can use them too)."""

from __future__ import annotations

ENTRY_DIR = "questions"
PRODUCT_DIR = "products"
GENERATED_DIR = "_kbgen"
"""Where generated page sources live in MkDocs' file list; content may not use it."""

RESERVED = frozenset({ENTRY_DIR, PRODUCT_DIR, "search", "contact", "assets", "images", "404"})
"""Top-level URL names kbgen uses or will use; a stage id may not take one."""

STATIC_DIRS_TAKEN = frozenset({ENTRY_DIR, PRODUCT_DIR, "search", "contact", "assets", GENERATED_DIR})
"""Top-level folders of the site that a static file from content may not be published into:
kbgen's pages live there, and ``assets/`` holds Material's and kbgen's scripts and styles."""
