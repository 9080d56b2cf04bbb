"""The widget's data in parts, so a shop page fetches only what its panel shows.

A small help center keeps one data file (:func:`split` returns None): fetched at idle, it opens
the panel with no further request. Past :data:`SPLIT_ABOVE` bytes gzipped, the build writes:

- a **core** file (the words, channels, page rules, stage titles and where the parts are),
  fetched when the browser is idle, as the one file was;
- a **lists** part: the popular questions and each stage's top questions, for pages that are
  not a product's;
- the **product parts**: every product goes into one of ``buckets`` files by a hash of its id
  (:func:`bucket_of`, twin of ``bucketOf`` in widget-panel.js). A part holds its products'
  records, the short answers of the questions the panel lists for them, and the names and links
  of the products they work with. Every bucket file exists, even empty: a product missing from
  its bucket is not in the catalog, while a missing file is a failed load (or a deploy since the
  core was fetched), which the panel says, with a retry.

All part names carry a hash of the content, so they are cached for good; the core names them.
Pure data: no I/O.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import Any

FORMAT = 2
"""The data's format: 1 was one file; 2 is one file or a core and parts (``parts`` in the core)."""
SPLIT_ABOVE = 32 * 1024
"""A help center whose whole widget data is bigger than this (gzipped) is split. About what
Lighthouse's Slow 4G moves in one round trip (150 ms at 1.6 Mbit/s is 30 KB): below it, one
file fetched with the panel script is as fast as the core then a part, one round trip later;
above it, the extra round trip costs less than the bytes it saves (bench/widget.py prints both)."""
PRODUCTS_PER_BUCKET = 4
"""About how many products share one part (the bucket count is a power of two)."""
LIST_KEYS = ("entries", "products", "links", "stages")
"""The part keys that merge, by id, into the panel's data."""


@dataclass(frozen=True)
class Split:
    """The core document, the lists part and the product parts (index: bucket number)."""

    core: dict[str, Any]
    lists: dict[str, Any]
    buckets: list[dict[str, Any]]


def bucket_of(product_id: str, buckets: int) -> int:
    """The bucket of a product id: 32-bit FNV-1a over its UTF-16 code units, modulo ``buckets``."""
    h = 0x811C9DC5
    raw = product_id.encode("utf-16-le")
    for i in range(0, len(raw), 2):
        h = ((h ^ (raw[i] | raw[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
    return h % buckets


def bucket_count(products: int) -> int:
    """A power of two, about one bucket per :data:`PRODUCTS_PER_BUCKET` products."""
    n = 1
    while n * PRODUCTS_PER_BUCKET < products:
        n *= 2
    return n


def packed(data: object) -> bytes:
    """The JSON bytes the build writes (compact, sorted keys: the same input gives the same file)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def gzipped_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=9, mtime=0))


def split(whole: dict[str, Any], product_entries: int, *, above: int | None = None) -> Split | None:
    """The whole data (:func:`kbgen.widget.data.widget_data`) in parts, or None when it weighs
    ``above`` (default :data:`SPLIT_ABOVE`) bytes gzipped or less, or has no products."""
    limit = SPLIT_ABOVE if above is None else above
    if not whole["products"] or gzipped_size(packed(whole)) <= limit:
        return None
    entries: dict[str, list[str]] = whole["entries"]
    core = {k: v for k, v in whole.items() if k not in ("entries", "products", "popular")}
    core["stages"] = {sid: {"title": s["title"], "url": s["url"]} for sid, s in whole["stages"].items()}
    listed = [*whole["popular"], *(e for s in whole["stages"].values() for e in s["top"])]
    lists = {
        "entries": {e: entries[e] for e in listed if e in entries},
        "popular": whole["popular"],
        "stages": whole["stages"],
    }
    n = bucket_count(len(whole["products"]))
    buckets: list[dict[str, Any]] = [{"entries": {}, "links": {}, "products": {}} for _ in range(n)]
    for pid, product in whole["products"].items():
        part = buckets[bucket_of(pid, n)]
        shown = product["entries"][:product_entries]
        part["products"][pid] = {**product, "entries": shown, "n": len(product["entries"])}
        part["entries"].update({e: entries[e] for e in shown if e in entries})
        related = [*product["works_with"], *product["accessories"], *product["accessory_for"]]
        for other in [*related, *(i[0] for i in product["incompatible"])]:
            if other in whole["products"] and other not in part["links"]:
                part["links"][other] = [whole["products"][other]["name"], whole["products"][other]["url"]]
    for part in buckets:
        for pid in part["products"]:
            part["links"].pop(pid, None)  # in the part already
    return Split(core, lists, buckets)

