"""The search page does not move under the reader: results, compatibility cards and channels
arrive after the page is shown (from the worker), and nothing on screen jumps when they do.

Lighthouse counted a layout shift of 0.13-0.19 on a phone (its limit for a good page is 0.1):
the footer, on screen below the empty results, jumped down as they came in. Measured here with
the browser's own layout-shift entries, summed as Lighthouse does (shifts after input excluded).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

OBSERVE = """
window.__kbShifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (!e.hadRecentInput) window.__kbShifts.push({value: e.value,
      nodes: (e.sources || []).map(s => s.node && s.node.nodeName + '.' + (s.node.className || ''))});
  }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize(
    ("query", "state"),
    [
        ("descale", "results"),
        ("frothmate trek grinder", "results"),  # a compatibility card with its channels, then results
        ("phone number", "results"),  # the channels asked for
        ("zzqxv", "none"),
    ],
)
def test_search_results_arriving_move_nothing_on_screen(phone: Tab, query: str, state: str) -> None:
    page = phone.page
    page.add_init_script(OBSERVE)
    # the index arrives after the page is painted, as on a phone's network (here it is instant)
    page.route("**/*.json", lambda route: (page.wait_for_timeout(400), route.continue_()))
    phone.open("search/?q=" + quote(query))
    page.wait_for_function(f"() => document.getElementById('kb-search').dataset.state === '{state}'")
    # two frames later every shift the results caused has been reported
    shifts = page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() =>"
        " requestAnimationFrame(() => r(window.__kbShifts))))"
    )
    total = sum(s["value"] for s in shifts)
    assert total < 0.01, shifts
