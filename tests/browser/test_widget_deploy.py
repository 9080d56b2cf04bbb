"""A deploy between two fetches of the shop widget: a shop page loaded the data file of one build
of the help center (its parts named by their content), then a new build was published, so those
parts are gone. Opening the panel says so, with a button; trying again finds the new build's
data and shows its answers. Two real builds of a generated help center big enough to be split
(400 entries, 500 products), served one after the other from the same address."""

from __future__ import annotations

import contextlib
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from playwright.sync_api import Browser, expect

from bench.build_time import generate_entries, write_kbgen_site
from bench.products_scale import generate_catalog, name_products, write_catalog
from tests.browser.test_headers import _HeadersHandler, _rules
from tests.browser.test_widget_large import _shop
from tests.conftest import run_kbgen

pytestmark = pytest.mark.browser

PRODUCT = "p005"  # a machine with accessories (every fifth product of the generator)


def _build(root: Path, rename: str = "") -> Path:
    entries = generate_entries(400)
    config = write_kbgen_site(root, entries)
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "", 1), encoding="utf-8")
    catalog = generate_catalog(500)
    for p in catalog:
        if p.id == PRODUCT and rename:
            p.name = rename
    write_catalog(root / "content", catalog)
    name_products(root / "content", entries, catalog)
    run_kbgen("build", "--site-dir", str(root / "site"), cwd=root, check=True)
    return root / "site"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = _build(tmp_path_factory.mktemp("first"))
    second = _build(tmp_path_factory.mktemp("second"), rename="Model 005, second edition")
    return first, second


class _Deployed(_HeadersHandler):
    """Serves whichever build is live now (live[0]), with its headers."""

    live: ClassVar[list[Path]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.live[0]), **kwargs)


@contextlib.contextmanager
def _serve(first: Path) -> Iterator[tuple[str, list[Path]]]:
    live = [first]
    handler = type("H", (_Deployed,), {"rules": _rules(first), "live": live})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.posts = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", live
    finally:
        server.shutdown()
        server.server_close()


def test_a_deploy_between_two_fetches_is_said_and_try_again_shows_the_new_answers(
    browser: Browser, builds: tuple[Path, Path]
) -> None:
    first, second = builds
    latest = "_kbgen/widget-latest.json"
    assert (first / latest).read_bytes() != (second / latest).read_bytes()  # each names its data file
    with _serve(first) as (help_url, live), _shop(help_url, [PRODUCT]) as shop_url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{shop_url}/products/{PRODUCT}")
        # the browser was idle: the panel script and the first build's data file are here
        page.wait_for_function(
            "() => performance.getEntriesByType('resource')"
            ".some(r => r.name.includes('/_kbgen/widget/data.'))"
        )
        live[0] = second  # a deploy: the first build's parts are gone
        page.locator("kbgen-help").get_by_role("button", name="Help", exact=True).click()
        dialog = page.get_by_role("dialog", name="Bench Help Center")
        answers = dialog.locator(".kb-context")
        expect(answers.get_by_role("heading", name="The answers could not be loaded.")).to_be_visible()
        expect(answers.locator("a[data-entry-id]")).to_have_count(0)
        answers.get_by_role("button", name="Try again").click()
        heading = dialog.get_by_role("heading", name="Model 005, second edition")  # the new build's
        expect(heading).to_be_focused()
        expect(answers.locator("a[data-entry-id]").first).to_be_visible()
        context.close()


def _upgraded(site: Path, dest: Path) -> Path:
    """``site`` as a deploy of a newer kbgen would leave it: the widget's search worker under
    another name (its code changed), the data file naming it, widget-latest.json naming that data
    file; the old worker and data files gone."""
    shutil.copytree(site, dest)
    widget = dest / "_kbgen" / "widget"
    (worker,) = widget.glob("search.*.js")
    newer = worker.with_name("search.0123456789ab.js")
    worker.rename(newer)
    pointer = dest / "_kbgen" / "widget-latest.json"
    data_path = json.loads(pointer.read_text(encoding="utf-8"))["data"]
    data_file = dest / data_path
    text = data_file.read_text(encoding="utf-8")
    assert worker.name in text
    data_file.unlink()
    new_data = data_file.with_name("data.0123456789ab.json")
    new_data.write_text(text.replace(worker.name, newer.name), encoding="utf-8")
    named = pointer.read_text(encoding="utf-8").replace(data_path, f"_kbgen/widget/{new_data.name}")
    pointer.write_text(named, encoding="utf-8")
    return dest


def test_a_deploy_of_a_newer_kbgen_before_the_first_search_is_said_and_try_again_searches(
    browser: Browser, builds: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = builds
    upgraded = _upgraded(second, tmp_path / "upgraded")
    with _serve(first) as (help_url, live), _shop(help_url, [PRODUCT]) as shop_url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{shop_url}/products/{PRODUCT}")
        page.locator("kbgen-help").get_by_role("button", name="Help", exact=True).click()
        dialog = page.get_by_role("dialog", name="Bench Help Center")
        expect(dialog.locator(".kb-context a[data-entry-id]").first).to_be_visible()  # the first build's
        live[0] = upgraded  # a deploy: the worker the panel knows is gone, before any search started it
        box = dialog.get_by_role("searchbox")
        box.fill("warranty")
        results = dialog.locator(".kb-results")
        expect(results.get_by_text("Search is not available right now.")).to_be_visible()
        expect(results.locator("a[data-entry-id]")).to_have_count(0)
        results.get_by_role("button", name="Try again").click()
        expect(results.locator("a[data-entry-id]").first).to_be_visible()  # the new worker searched
        expect(results.get_by_role("button", name="Try again")).to_have_count(0)
        expect(box).to_be_focused()
        context.close()
