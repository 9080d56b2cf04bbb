"""Accessibility in a real Chromium, judged by axe-core (Deque's rule engine, from npm).

Every page type of the demo and of the Chinese example in each of its languages (简体中文, 繁體中文,
English: 404 page and an answer shown untranslated included), desktop and phone, has no WCAG 2.2
A/AA or best-practice violation. Then every Material palette colour, in both schemes, on the demo's
content: no violation either, and keyboard focus shows a ring of at least 3:1 and keeps focused
text at 4.5:1 (the accent colour paints both). Palettes are switched the way Material's own
palette toggle does it: by setting the body's ``data-md-color-*`` attributes.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from kbgen.site.palette import ACCENT, PRIMARY
from tests.browser.conftest import serve_dir
from tests.conftest import ROOT, WriteSite, entry, run_kbgen

pytestmark = pytest.mark.browser

AXE = ROOT / "tests/node/node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# Every page type: home, stage, entry, products index, product, contact, search with results, 404.
PAGES = {
    "demo": {
        "home": "",
        "stage": "before-purchase/",
        "entry": "questions/aqua-filter-compatibility/",
        "products": "products/",
        "product": "products/pico-espresso/",
        "contact": "contact/",
        "search": "search/?q=descale",
        "404": "404.html",
    },
    "zh": {
        "home": "",
        "stage": "after-delivery/",
        "entry": "questions/seven-day-return/",
        "products": "products/",
        "product": "products/gaiwan/",
        "contact": "contact/",
        "search": "search/?q=%E9%80%80%E8%B4%A7",  # 退货, "return"
        "404": "404.html",
    },
    # The Chinese example's other languages (its folders /zh-hant/ and /en/), with an answer
    # shown untranslated (marked) beside a translated one.
    "zh-hant": {
        "home": "",
        "stage": "after-delivery/",
        "entry": "questions/seven-day-return/",
        "untranslated": "questions/warranty/",
        "products": "products/",
        "product": "products/gaiwan/",
        "contact": "contact/",
        "search": "search/?q=%E9%80%80%E8%B2%A8",  # 退貨, "return"
        "404": "404.html",
    },
    "zh-en": {
        "home": "",
        "stage": "after-delivery/",
        "entry": "questions/seven-day-return/",
        "untranslated": "questions/warranty/",
        "products": "products/",
        "product": "products/gaiwan/",
        "contact": "contact/",
        "search": "search/?q=return",
        "404": "404.html",
    },
}


def axe(page: Page, context: str = "document", rules: list[str] | None = None) -> list[str]:
    """axe's violations on the page as it is now (WCAG 2.2 A/AA and best practice, or only
    ``rules``), one line per offending element."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    result = page.evaluate(
        f"only => axe.run({context}, {{runOnly: only}})"
        ".then(r => r.violations.flatMap(v => v.nodes.map(n =>"
        " v.id + ' ' + n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '))))",
        only,
    )
    return list(result)


def wait_ready(page: Page, path: str) -> None:
    """Pages are judged as a shopper sees them: search results shown, scripts done."""
    page.wait_for_load_state("load")
    if path.startswith("search/?q="):
        page.wait_for_function("() => document.getElementById('kb-search').dataset.state === 'results'")
        assert page.locator("#kb-search-results a[data-entry-id]").count() > 0


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    server, url = serve_dir(directory)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def sites(demo_site: Path, zh_site: Path) -> Iterator[dict[str, str]]:
    with served(demo_site) as demo, served(zh_site) as chinese:
        yield {"demo": demo, "zh": chinese, "zh-hant": chinese + "zh-hant/", "zh-en": chinese + "en/"}


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    made = {name: browser.new_context(**options) for name, options in VIEWPORTS.items()}
    yield made
    for c in made.values():
        c.close()


@pytest.fixture(scope="module")
def tabs(contexts: dict[str, BrowserContext]) -> dict[str, Page]:
    return {name: c.new_page() for name, c in contexts.items()}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(
    ("site", "kind"), [(site, kind) for site, kinds in PAGES.items() for kind in kinds]
)
def test_no_axe_violation_on_any_page_type(
    sites: dict[str, str], tabs: dict[str, Page], site: str, kind: str, viewport: str
) -> None:
    page = tabs[viewport]
    path = PAGES[site][kind]
    response = page.goto(sites[site] + path)
    assert response is not None and response.ok, f"{site} {path}: {response and response.status}"
    wait_ready(page, path)
    page.add_style_tag(content=NO_TRANSITIONS)  # judged as they end, not halfway through a fade
    assert axe(page) == []


# --- every palette ----------------------------------------------------------------------------

# A palette toggle (Material's list form): light yellow/lime, dark lime/yellow.
PALETTE_TOGGLE = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "yellow",
        "accent": "lime",
        "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "lime",
        "accent": "yellow",
        "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"},
    },
]
# Every primary in both schemes; the accents cycle so that each also appears in both.
ACCENTS = list(ACCENT)
PALETTES = [
    (scheme, primary, ACCENTS[(i + 5 * (scheme == "slate")) % len(ACCENTS)])
    for scheme in ("default", "slate")
    for i, primary in enumerate(PRIMARY)
]
# Material's palette names, written out here (not taken from kbgen) so a dropped one is noticed.
MATERIAL_ACCENTS = [
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
    "light-green", "lime", "yellow", "amber", "orange", "deep-orange",
]  # fmt: skip
MATERIAL_PRIMARIES = [*MATERIAL_ACCENTS, "brown", "grey", "blue-grey", "black", "white"]

NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important;"
    " scroll-behavior: auto !important; }"
)

# The test's own WCAG 2 contrast, and the colour just outside the focus ring of the focused element
# (what is painted there: the backgrounds of the elements stacked at that point).
FOCUS_PROBE = """() => {
  const rgb = s => { const m = s.match(/[\\d.]+/g).map(Number);
                     return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lin = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = c => 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  // what is painted at a point: the backgrounds of the elements stacked there, composited on white
  const paintAt = (x, y, skip) => { const layers = [];
    for (const n of document.elementsFromPoint(x, y)) { if (skip && skip.contains(n)) continue;
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let base = {r: 255, g: 255, b: 255, a: 1};
    const mix = (c, k) => c[k] * c.a + base[k] * (1 - c.a);
    for (const c of layers.reverse()) base = {r: mix(c, 'r'), g: mix(c, 'g'), b: mix(c, 'b'), a: 1};
    return base; };
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__kbSeen = window.__kbSeen || new WeakSet();
  const again = window.__kbSeen.has(el);
  window.__kbSeen.add(el);
  const s = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const label = (el.textContent || el.getAttribute('aria-label') || el.getAttribute('title') || '').trim();
  const name = el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.')
             + ' "' + label.replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const width = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  let ring = null;
  const middle = [box.left + box.width / 2, box.top + box.height / 2];
  if (width > 0 && parseFloat(s.outlineOffset) + width <= 0) {  // a ring drawn inside the element
    ring = ratio(rgb(s.outlineColor), paintAt(...middle, null));
  } else if (width > 0) {  // the middle of the left and top edges, just outside the ring
    const out = parseFloat(s.outlineOffset) + width + 2;
    for (const [x, y] of [[box.left - out, middle[1]], [middle[0], box.top - out]]) {
      if (x < 0 || y < 0) continue;
      const r = ratio(rgb(s.outlineColor), paintAt(x, y, el));
      if (ring === null || r < ring) ring = r;
    }
  }
  const text = label && el.children.length === 0 ? ratio(rgb(s.color), paintAt(...middle, null)) : null;
  return {name, again, ring, text, visible: box.width > 0 && box.height > 0};
}"""


@pytest.fixture(scope="module")
def palette_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo's content and options with a palette toggle, built once."""
    root = tmp_path_factory.mktemp("palettes")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config["docs_dir"])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["theme"]["palette"] = PALETTE_TOGGLE
    config.pop("site_url", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    out = root / "site"
    run_kbgen("build", "-f", str(root / "mkdocs.yml"), "--site-dir", str(out), cwd=ROOT, check=True)
    with served(out) as url:
        yield url


def set_palette(page: Page, scheme: str, primary: str, accent: str) -> None:
    """What Material's palette toggle does on a click."""
    page.evaluate(
        "([s, p, a]) => { const b = document.body; b.setAttribute('data-md-color-scheme', s);"
        " b.setAttribute('data-md-color-primary', p); b.setAttribute('data-md-color-accent', a); }",
        [scheme, primary, accent],
    )


def test_the_sweep_covers_every_material_colour_in_both_schemes() -> None:
    for scheme in ("default", "slate"):
        assert {p for s, p, _ in PALETTES if s == scheme} == set(MATERIAL_PRIMARIES)
        assert {a for s, _, a in PALETTES if s == scheme} == set(MATERIAL_ACCENTS)


def test_the_palette_toggle_is_built_and_switches(palette_site: str, tabs: dict[str, Page]) -> None:
    page = tabs["desktop"]
    page.goto(palette_site)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-primary") == "yellow"
    assert axe(page) == []
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    assert body.get_attribute("data-md-color-primary") == "lime"
    assert axe(page) == []


@pytest.mark.parametrize(("scheme", "primary", "accent"), PALETTES, ids=["-".join(p) for p in PALETTES])
def test_every_palette_is_readable_and_focus_is_visible(
    palette_site: str, tabs: dict[str, Page], scheme: str, primary: str, accent: str
) -> None:
    problems: list[str] = []
    for viewport, path in (("desktop", "questions/aqua-filter-compatibility/"), ("phone", "")):
        page = tabs[viewport]
        page.goto(palette_site + path)
        page.add_style_tag(content=NO_TRANSITIONS)  # judge the colours a state ends in
        set_palette(page, scheme, primary, accent)
        # colours are all a palette changes; every other rule is judged on every page type above
        problems += [f"{viewport} {path}: {v}" for v in axe(page, rules=["color-contrast"])]
        if viewport == "desktop":
            problems += [f"{viewport} {path}: {p}" for p in focus_problems(page)]
    assert problems == []


def focus_problems(page: Page, stops: int = 80) -> list[str]:
    """Tab through the page: each focused control keeps its text at 4.5:1 and shows a focus ring
    of 3:1 against what is painted around it."""
    found: list[str] = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        probe = page.evaluate(FOCUS_PROBE)
        if probe is None or probe["again"]:
            break
        if not probe["visible"]:
            continue
        if probe["ring"] is not None and probe["ring"] < 3:
            found.append(f"{probe['name']}: focus ring at {probe['ring']:.2f}:1")
        if probe["text"] is not None and probe["text"] < 4.5:
            found.append(f"{probe['name']}: focused text at {probe['text']:.2f}:1")
    return found


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("site", PAGES)
def test_no_axe_violation_with_menus_forms_and_answers_open(
    sites: dict[str, str], tabs: dict[str, Page], site: str, viewport: str
) -> None:
    """What a shopper opens: the help menu, the "No" feedback form, a lookup answer, no results."""
    page, base = tabs[viewport], sites[site]
    found: list[str] = []
    page.goto(base + PAGES[site]["entry"])
    page.add_style_tag(content=NO_TRANSITIONS)  # the header's title fades as the page scrolls
    page.locator("button.kb-help__toggle").click()
    page.wait_for_selector("#kb-help-menu:not([hidden])")
    found += [f"help menu: {v}" for v in axe(page)]
    page.keyboard.press("Escape")
    page.locator(".kb-feedback button[value=no]").click()
    page.wait_for_selector(".kb-feedback-form__more:not([hidden])")
    found += [f"feedback form: {v}" for v in axe(page)]
    page.goto(base + "products/")
    page.locator("#kb-compat-a").select_option(index=1)
    page.locator("#kb-compat-b").select_option(index=2)
    page.wait_for_selector(".kb-compat__result[data-answer]")
    found += [f"lookup answer: {v}" for v in axe(page)]
    page.goto(base + "search/?q=zzqxv")
    page.wait_for_function("() => document.getElementById('kb-search').dataset.state === 'none'")
    found += [f"no results: {v}" for v in axe(page)]
    assert found == []


# --- search answers (issue 13): compatibility cards, channels asked for, "Show more" ------------

# query → what must be shown before axe judges the page (in #kb-search-answers, or "more" for the
# results that "Show more" adds)
SEARCH_STATES = {
    "demo": {
        "does the trek grinder fit the aero duo": "[data-compat][data-verdict=yes]",
        "pico bottomless portafilter": "[data-compat][data-verdict=no]",
        "frothmate trek grinder": "[data-compat][data-verdict=unknown] a[data-channel]",
        "talk to someone": "[data-intent] a[data-channel]",
        "does the grinder work with the aero": "[data-which] a",  # which one? (issue 22)
        "order": "more",
    },
    "zh": {
        "盖碗 茶滤": "[data-compat][data-verdict=yes]",
        "玻璃泡茶壶 茶滤": "[data-compat][data-verdict=no]",
        "人工客服": "[data-intent] a[data-channel]",
    },
}


def open_search_state(page: Page, base: str, query: str, shown: str) -> None:
    page.goto(base + "search/?q=" + quote(query))
    wait_ready(page, "search/?q=")
    page.add_style_tag(content=NO_TRANSITIONS)
    if shown == "more":
        before = page.locator("#kb-search-results a").count()
        page.locator("#kb-search-more").click()
        page.wait_for_function(
            "n => document.querySelectorAll('#kb-search-results a').length > n", arg=before
        )
        assert page.locator("#kb-search-more").is_visible(), "no further results: pick a broader query"
    else:
        assert page.locator(f"#kb-search-answers {shown}").count() > 0, f"{query}: {shown} not shown"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("site", SEARCH_STATES)
def test_no_axe_violation_on_search_answers(
    sites: dict[str, str], tabs: dict[str, Page], site: str, viewport: str
) -> None:
    page, found = tabs[viewport], []
    for query, shown in SEARCH_STATES[site].items():
        open_search_state(page, sites[site], query, shown)
        found += [f"{query!r}: {v}" for v in axe(page)]
    assert found == []


def test_every_palette_on_search_answers(palette_site: str, tabs: dict[str, Page]) -> None:
    """Cards of each verdict, channel links and "Show more", in every palette: readable, and
    focus on their links and buttons visible."""
    page, found = tabs["desktop"], []
    for query, shown in SEARCH_STATES["demo"].items():
        open_search_state(page, palette_site, query, shown)
        # the whole search (box, status, results, "Show more") once; each other state's answers
        # (its card, choices or channels), which is all that differs between the states
        region = "'#kb-search'" if shown == "more" else "'#kb-search-answers'"
        inside = "#kb-search-more" if shown == "more" else shown
        assert page.locator(region.strip("'")).locator(inside).count(), (query, inside)
        for scheme, primary, accent in PALETTES:
            set_palette(page, scheme, primary, accent)
            found += [
                f"{query!r} {scheme}-{primary}-{accent}: {v}"
                for v in axe(page, region, rules=["color-contrast"])
            ]
        if shown != "more":  # the controls in the answers, in the palettes furthest apart
            for scheme, primary, accent in (PALETTES[0], PALETTES[-1]):
                set_palette(page, scheme, primary, accent)
                page.evaluate("window.__kbSeen = new WeakSet(); document.activeElement.blur()")
                page.locator("#kb-search-answers").evaluate("e => e.setAttribute('tabindex', '-1')")
                page.locator("#kb-search-answers").focus()
                found += [f"{query!r} {scheme}-{primary}-{accent}: {p}" for p in focus_problems(page, 12)]
    assert found == []


# --- the live preview's problem page -------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violation_on_the_preview_problem_page(
    browser: Browser, write_site: WriteSite, viewport: str
) -> None:
    """`kbgen serve` on broken content answers every page with the problems: an author reads
    them there, with a screen reader or on a phone too."""
    root = write_site({"content/returns.md": entry(stage="nope"), "content/refunds.md": entry(summary="")})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # the page runs under the site's CSP, which refuses axe as an inline script: bypass it here only
    context = browser.new_context(**VIEWPORTS[viewport], bypass_csp=True)
    try:
        page = context.new_page()
        deadline = time.monotonic() + 60
        while not page.locator(".kb-preview-problems li").count():
            try:
                page.goto(f"http://127.0.0.1:{port}/questions/returns/")
            except Exception:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        assert page.locator(".kb-preview-problems li").count() == 2
        assert axe(page) == []
    finally:
        context.close()
        proc.terminate()
        proc.wait(timeout=20)
