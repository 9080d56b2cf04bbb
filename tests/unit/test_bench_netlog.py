"""bench/netlog.py: the figures bench/search_network.py derives from a browser's network log."""

from __future__ import annotations

import math

from bench.netlog import Request, before_first, longest_chain, page_resources, percentile


def test_parallel_requests_are_one_step() -> None:
    assert longest_chain([(0, 100), (10, 90), (20, 120)]) == 1


def test_a_request_that_waits_for_another_adds_a_step() -> None:
    # pagefind.js → (wasm ‖ entry) → meta → chunk → fragments ‖
    spans = [(0, 50), (55, 200), (60, 120), (205, 260), (265, 300), (305, 340), (306, 350)]
    assert longest_chain(spans) == 5


def test_the_chain_is_the_longest_not_the_first_found() -> None:
    # one long request beside a run of three short ones: three steps, not two
    spans = [(0, 300), (0, 10), (20, 30), (40, 50), (310, 320)]
    assert longest_chain(spans) == 4


def test_order_of_the_log_does_not_matter() -> None:
    spans = [(205, 260), (0, 50), (265, 300), (55, 200)]
    assert longest_chain(spans) == 4
    assert longest_chain(list(reversed(spans))) == 4


def test_tolerance_and_empty() -> None:
    assert longest_chain([]) == 0
    assert longest_chain([(0, 100), (99, 150)]) == 1
    assert longest_chain([(0, 100), (100, 150)]) == 2  # starts the moment the other ended
    assert longest_chain([(0, 100), (99, 150)], tolerance=2) == 2


def test_before_first_counts_search_requests_started_before_the_result() -> None:
    log = [
        Request("http://h/search/", 0, 40, 3000, search=False),
        Request("http://h/assets/app.js", 45, 90, 30000, search=False),
        Request("http://h/search/manifest.json", 95, 140, 20000),
        Request("http://h/search/shard-a.json", 150, 210, 40000),
        Request("http://h/search/shard-b.json", 600, 650, 9000),  # after the result: not counted
    ]
    got = before_first(log, first=300)
    assert (got.requests, got.size, got.chain) == (2, 60000, 2)


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 50) == 10
    assert percentile(values, 95) == 19
    assert percentile(values, 100) == 20
    assert percentile([5.0], 95) == 5
    assert math.isnan(percentile([], 50))


def test_page_resources_are_what_the_html_loads_as_parsed() -> None:
    html = """<html><head>
      <link rel="stylesheet" href="../assets/main.css">
      <link rel="icon" href="/favicon.png">
      <link rel="prefetch" href="manifest.0a1b.json">
      <link rel="preload" href="shard.json" as="fetch">
      <script src="../assets/search.js"></script>
    </head><body><img src="logo.svg"><div data-index="index.json"></div>
    <script>inline()</script></body></html>"""
    got = page_resources(html, "http://h/search/#top")
    assert got == {
        "http://h/search/",
        "http://h/assets/main.css",
        "http://h/favicon.png",
        "http://h/assets/search.js",
        "http://h/search/logo.svg",
    }
