"""The widget in a real build: the demo publishes a small loader and its files, and `kbgen check`
refuses bad widget options naming their mkdocs.yml line, with {product} accepted in channels."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.conftest import ROOT, WriteSite, entry, run_kbgen
from tests.integration.test_redirects_netlify import DEMO_ORIGIN, netlify

CONFIG = """\
site_name: S
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - kbgen:
      contact:
        chat:
          url: https://chat.example/?product={product}&from={page_url}
      widget:
        origins: [https://shop.example/cart]
        pages:
          - path: /checkout*
            stage: checkout
          - path: /p/{sku}
"""


def test_demo_publishes_the_loader_and_its_files(demo_site: Path) -> None:
    loader = (demo_site / "widget.js").read_bytes()
    assert len(gzip.compress(loader, 9)) <= 10 * 1024
    config = json.loads(loader.decode().split("var C = ", 1)[1].split(";\n", 1)[0])
    assert config["label"] == "Help"
    data = json.loads((demo_site / config["data"]).read_text(encoding="utf-8"))
    assert (demo_site / config["panel"]).is_file()
    assert config["data"].startswith("_kbgen/widget/data.") and config["panel"].startswith(
        "_kbgen/widget/panel."
    )
    # every URL in the data is a page of the built site
    for question, _summary, url, _stage in data["entries"].values():
        assert (demo_site / url / "index.html").is_file(), question
    for product in data["products"].values():
        assert (demo_site / product["page"] / "index.html").is_file()
    assert (demo_site / data["search_index"]).is_file()
    # the search runs the site's own worker and scripts, as the site publishes them, in one file
    bundle = (demo_site / data["search_worker"]).read_text(encoding="utf-8")
    for path in ("lunr.js", "search-tokenize.js", "compat.js", "search-worker.js"):
        assert (demo_site / "assets/kbgen" / path).read_text(encoding="utf-8").rstrip() in bundle, path
    headers = (demo_site / "_headers").read_text(encoding="utf-8")
    assert "/widget.js\n  Access-Control-Allow-Origin: *\n" in headers


def test_check_refuses_bad_widget_options_and_accepts_product(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry()}, config=CONFIG)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        "mkdocs.yml:12: plugins.kbgen.widget.origins[1]: 'https://shop.example/cart' has a path; "
        "an origin is only scheme://host[:port]",
        "mkdocs.yml:15: plugins.kbgen.widget.pages[1].stage: 'checkout' is not a stage; use one of "
        "after-delivery, after-the-order, before-purchase, ordering-and-payment",
        "mkdocs.yml:16: plugins.kbgen.widget.pages[2].path: '/p/{sku}' has a placeholder "
        "other than {product}",
        "3 problems found; more checks run once these are fixed.",  # the content waits for mkdocs.yml
    ]
    fixed = CONFIG.replace("https://shop.example/cart", "https://shop.example").replace(
        "checkout\n", "ordering-and-payment\n"
    )
    (root / "mkdocs.yml").write_text(fixed.replace("{sku}", "{product}"), encoding="utf-8")
    run_kbgen("check", cwd=root, check=True)


def test_netlify_reads_cors_for_the_widget_and_keeps_pages_unframeable(demo_site: Path) -> None:
    data = next(p.name for p in (demo_site / "_kbgen/widget").glob("data.*.json"))
    paths = ["/widget.js", f"/_kbgen/widget/{data}", "/assets/kbgen/search-worker.js", "/search/index.json"]
    answer = netlify(
        demo_site, [*paths, "/products/aero-one/"], origin=DEMO_ORIGIN, netlify_toml=ROOT / "netlify.toml"
    )
    assert answer["headerErrors"] == []
    for path in paths:
        got = answer["headers"][path]
        assert got["Access-Control-Allow-Origin"] == "*", path
        assert got["Cross-Origin-Resource-Policy"] == "cross-origin", path
    assert "immutable" in answer["headers"][f"/_kbgen/widget/{data}"]["Cache-Control"]
    assert "Cache-Control" not in answer["headers"]["/widget.js"]
    page = answer["headers"]["/products/aero-one/"]
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"] and page["X-Frame-Options"] == "DENY"
    assert "Access-Control-Allow-Origin" not in page
