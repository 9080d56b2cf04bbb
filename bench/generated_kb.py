"""A generated help center as a knowledge base in memory (no files, no MkDocs build): the
entries of ``bench/build_time.py``'s generator and the catalog of ``bench/products_scale.py``'s,
each entry naming 1-3 products as ``products_scale.name_products`` does.

Shared by ``bench/search_split.py`` and ``tests/integration/test_search_split.py`` (the 10k
help center whose split index must rank as the whole one, within the per-query budget)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_time import STAGES, generate_entries
from products_scale import SEED, generate_catalog

from kbgen.core.model import Entry, Incompatibility, KnowledgeBase, Product, Stage


def generated_kb(entries: int, products: int) -> KnowledgeBase:
    """``entries`` generated entries and ``products`` generated products (fixed seeds)."""
    catalog = generate_catalog(products) if products else []
    rng = random.Random(SEED + 1)  # products_scale.name_products: 1-3 products per entry
    ids = [p.id for p in catalog]
    return KnowledgeBase(
        tuple(Stage(a, b, c) for a, b, c in STAGES),
        tuple(
            Entry(
                e.id, e.question, e.stage, e.summary, e.body, e.path, tuple(e.keywords),
                tuple(rng.sample(ids, min(len(ids), rng.randint(1, 3)))) if ids else (),
            )
            for e in generate_entries(entries)
        ),
        tuple(
            Product(
                p.id, p.name, f"A {p.kind} for the benchmark catalog, product {p.id}.",
                f"https://shop.example.com/products/{p.id}",
                compatible_with=tuple(p.compatible), accessories=tuple(p.accessories),
                incompatible_with=tuple(Incompatibility(o, r) for o, r in p.incompatible),
            )
            for p in catalog
        ),
    )  # fmt: skip
