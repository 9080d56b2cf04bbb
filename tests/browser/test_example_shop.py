"""The example shop (examples/shop) as `python3 examples/shop/serve.py` serves it: the demo help
center on one origin as Netlify would, the shop on another under a strict CSP. Every shop page
loads with no CSP violation and no console error, embeds the local help center's widget with its
page's context, and shows the launcher, whose panel shows answers and finds one by search."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

# page → the context its widget <script> carries (data-product / data-stage)
PAGES = {
    "": {},
    "products/aero-one/": {"data-product": "aero-one"},
    "products/pico-espresso/": {"data-product": "pico-espresso"},
    "checkout/": {"data-stage": "ordering-and-payment"},
}
REPORT_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', e => "
    "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
)


def _serve_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shop_serve", ROOT / "examples" / "shop" / "serve.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shop() -> Iterator[Any]:
    demo = _serve_module().start()
    yield demo
    demo.close()


def test_shop_pages_show_the_widget_under_a_strict_csp(browser: Browser, shop: Any) -> None:
    help_origin = shop.help_url.rstrip("/")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(REPORT_VIOLATIONS)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
    for path, context_attributes in PAGES.items():
        response = page.goto(shop.shop_url + path)
        assert response is not None and response.ok, path
        csp = response.headers["content-security-policy"]
        assert f"script-src 'self' {help_origin};" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        script = page.locator("script[src$='/widget.js']")
        expect(script).to_have_count(1)
        assert script.get_attribute("src") == help_origin + "/widget.js", path
        for name in ("data-product", "data-stage"):
            assert script.get_attribute(name) == context_attributes.get(name), (path, name)
        launcher = page.get_by_role("button", name="Help", exact=True)
        expect(launcher).to_be_visible()
        # Open the panel: its answers, a product's compatibility, and search, all under the shop's CSP.
        launcher.click()
        panel = page.get_by_role("dialog")
        expect(panel.locator("a[data-entry-id]").first).to_be_visible()
        if "data-product" in context_attributes:
            expect(panel.locator("a[data-product-id]").first).to_be_visible()
        panel.locator("input[type='search']").fill("descale")
        expect(panel.locator("a[data-entry-id='how-to-descale']:visible").first).to_be_visible()
        page.keyboard.press("Escape")
        expect(panel).to_be_hidden()
        if path == "checkout/":  # the shop's own "Open Help" link, through the widget's kbgen.open()
            page.locator("a[data-open-help]").click()
            expect(panel.locator("a[data-entry-id]").first).to_be_visible()
            assert page.url == shop.shop_url + path
            page.keyboard.press("Escape")
            expect(panel).to_be_hidden()
        assert errors == [], (path, errors)
        assert failed == [], (path, failed)
    # The shop's own files and the help center's, nothing else.
    assert [u for u in requests if not u.startswith((shop.shop_url, shop.help_url, "blob:", "data:"))] == []
    context.close()
