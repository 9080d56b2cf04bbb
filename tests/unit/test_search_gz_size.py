"""The split's size check: a whole index's gzipped size, counted as gzip itself counts it."""

from __future__ import annotations

import gzip
import json
import random

from kbgen.search.shards import gz_size_upto


def _texts() -> list[str]:
    rng = random.Random(7)
    small = json.dumps({"terms": [f"word{i}" for i in range(500)], "n": 500})
    big = json.dumps([[rng.random(), str(rng.randint(0, 10**6))] for _ in range(200_000)])  # ~5 MB
    return [small, big, "退货 配送 " * 50_000]


def test_the_size_is_gzips_own_to_the_byte() -> None:
    for text in _texts():
        expected = len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
        assert gz_size_upto(text, 10**9) == expected


def test_past_the_limit_it_stops_and_says_so() -> None:
    for text in _texts():
        size = len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
        if size > 2 << 20:  # more than a piece's output: it stops early
            assert gz_size_upto(text, size // 4) is None
        assert gz_size_upto(text, size) == size
