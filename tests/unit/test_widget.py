"""The shop widget's data, files, options and CORS rules, from the tiny content of test_views.py:
no engine, no build, no browser (tests/browser/test_widget.py drives the real thing)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from kbgen.content.settings import ConfigLines, resolve_widget
from kbgen.core import i18n
from kbgen.core.errors import ContentError
from kbgen.core.model import KnowledgeBase
from kbgen.core.widget import PageRule, WidgetSettings, match, path_problem
from kbgen.deploy.headers import headers_file
from kbgen.site.palette import contrast, hex_rgb
from kbgen.site.views import SiteView
from kbgen.widget import files
from kbgen.widget.colours import colours
from kbgen.widget.data import widget_data
from tests.unit.test_views import CHAT, HOTLINE, STAGES, URLS
from tests.unit.test_views import kb as kb  # the module fixture

RULES = (
    PageRule("/products/{product}"),
    PageRule("/shop/*/item-{product}.html"),
    PageRule("/checkout*", "buying"),
    PageRule("/help/"),
)


def _site(kb: KnowledgeBase, language: str = "en", **options: object) -> SiteView:
    return SiteView(kb, URLS, i18n.strings(language), channels=(CHAT, HOTLINE), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("/products/pico", ("product", "pico")),
        ("/products/pico/", ("product", "pico")),  # a trailing slash is ignored
        ("/products/pico/reviews", None),  # {product} is one segment
        ("/shop/2024/item-tamper.html", ("product", "tamper")),
        ("/checkout", ("stage", "buying")),
        ("/checkout/payment", ("stage", "buying")),
        ("/checkouts", ("stage", "buying")),
        ("/cart", None),
        ("/", None),
    ],
)
def test_page_rules_first_match_wins(path: str, found: tuple[str, str] | None) -> None:
    assert match(RULES[:3], path) == found


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("products/{product}", "must start with /"),
        ("/p/{product}/{product}", "has {product} twice"),
        ("/p/{id}", "has a placeholder other than {product}"),
        ("/p/x{product}", "must be a whole path segment"),
        ("/p/{product}?a=1", "may not contain"),
        ("/a b", "may not contain"),
    ],
)
def test_bad_path_patterns_say_why(path: str, problem: str) -> None:
    assert problem in (path_problem(path) or "")


def test_good_path_patterns_pass() -> None:
    assert [
        path_problem(p) for p in ("/products/{product}", "/checkout*", "/{product}", "/p/{product}.html")
    ] == [None] * 4


def test_widget_options_every_problem_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Shop\n"  # 1
        "plugins:\n"  # 2
        "  - kbgen:\n"  # 3
        "      widget:\n"  # 4
        "        origins:\n"  # 5
        "          - https://shop.example\n"  # 6
        "          - https://shop.example/path\n"  # 7
        "          - javascript:alert(1)\n"  # 8
        "        pages:\n"  # 9
        "          - path: /checkout*\n"  # 10
        "            stage: nowhere\n"  # 11
        "          - path: products/{product}\n"  # 12
        "          - path: /cart\n"  # 13
        "          - path: /p/{product}\n"  # 14
        "            stage: buying\n",  # 15
        encoding="utf-8",
    )
    options = {
        "origins": ["https://shop.example", "https://shop.example/path", "javascript:alert(1)"],
        "pages": [
            {"path": "/checkout*", "stage": "nowhere"},
            {"path": "products/{product}"},
            {"path": "/cart"},
            {"path": "/p/{product}", "stage": "buying"},
        ],
    }
    with pytest.raises(ContentError) as info:
        resolve_widget(options, STAGES, ConfigLines(config))
    assert str(info.value).splitlines() == [
        "mkdocs.yml:7: plugins.kbgen.widget.origins[2]: 'https://shop.example/path' has a path; "
        "an origin is only scheme://host[:port]",
        "mkdocs.yml:8: plugins.kbgen.widget.origins[3]: 'javascript:alert(1)' is not an absolute "
        "https:// or http:// address",
        "mkdocs.yml:11: plugins.kbgen.widget.pages[1].stage: 'nowhere' is not a stage; "
        "use one of after, buying, empty",
        "mkdocs.yml:12: plugins.kbgen.widget.pages[2].path: 'products/{product}' must start with / "
        "(a path on the shop, like /products/{product})",
        "mkdocs.yml:13: plugins.kbgen.widget.pages[3].path: '/cart' needs {product} in the path, or a stage",
        "mkdocs.yml:15: plugins.kbgen.widget.pages[4].stage: a path with {product} shows that product; "
        "leave stage out",
        "6 problems found.",
    ]


def test_widget_options_good() -> None:
    settings = resolve_widget(
        {
            "origins": ["https://Shop.example/", "http://localhost:8000"],
            "pages": [{"path": "/c*", "stage": "after"}],
        },
        STAGES,
        ConfigLines(None),
    )
    assert settings == WidgetSettings(
        ("https://shop.example", "http://localhost:8000"), (PageRule("/c*", "after"),)
    )
    assert resolve_widget({"origins": ["*", "https://a.example"]}, STAGES, ConfigLines(None)).origins == ()


def test_data_per_product_and_stage_from_the_views(kb: KnowledgeBase) -> None:
    data = widget_data(
        _site(kb, top_questions=2), WidgetSettings(pages=RULES[:1]), title="Help", language="en"
    )
    json.dumps(data)  # plain JSON data
    assert data["entries"]["fit-check"] == [
        "Does the grinder fit the Pico?",
        "Yes, with the <51 mm> basket & tamper.",
        "questions/fit-check/",
        "buying",
    ]
    pico = data["products"]["pico"]
    assert pico["name"] == "Pico <espresso> machine"
    assert pico["url"] == "https://shop.example/pico" and pico["page"] == "products/pico/"
    assert pico["entries"] == ["fit-check"]
    assert pico["works_with"] == ["grinder"] and pico["accessories"] == ["tamper"]
    assert pico["incompatible"] == [["basket-58", "Different size (<58 mm> & more)"]]
    assert data["products"]["tamper"]["entries"] == ["returns"]
    assert data["products"]["tamper"]["accessory_for"] == ["pico"]
    assert data["stages"]["buying"] == {
        "title": "Before you buy",
        "url": "buying/",
        "top": ["fit-check", "pay-later"],
    }
    assert data["popular"] == ["returns", "shipping"]  # reading order: "How ..." before "What ..."
    assert data["pages"] == [{"path": "/products/{product}", "stage": ""}]
    # the hotline first, whatever the order given; URL templates keep their placeholders
    assert [c["key"] for c in data["channels"]] == ["hotline", "chat"]
    assert data["channels"][1]["href"] == CHAT.href
    assert data["feedback"] == {"url": "contact/?feedback=sent", "netlify": True}
    assert data["t"]["help_button"] == "Help"


def test_data_in_chinese_and_with_a_feedback_endpoint(kb: KnowledgeBase) -> None:
    site = _site(kb, "zh", feedback_url="https://feedback.example/in")
    data = widget_data(site, WidgetSettings(), title="帮助中心", language="zh")
    assert data["t"]["help_button"] == "帮助" and data["lang"] == "zh"
    assert data["feedback"] == {"url": "https://feedback.example/in", "netlify": False}
    # the scripts of the shop's page are ASCII, whatever charset it declares (or doesn't); the
    # search worker's bundle is a worker's script, always read as UTF-8 (as the theme's files)
    built = files.build(site, WidgetSettings(), title="帮助中心", language="zh")
    scripts = [c for name, c in built.items() if name.endswith(".js") and "/search." not in name]
    assert len(scripts) == 2 and all(content.isascii() for content in scripts)
    assert '"label":"\\u5e2e\\u52a9"' in built["widget.js"].decode()  # 帮助


def test_files_loader_names_fingerprinted_files_and_is_small(kb: KnowledgeBase) -> None:
    site = _site(kb)
    built = files.build(site, WidgetSettings(("https://shop.example",)), title="Help", language="en")
    assert built == files.build(site, WidgetSettings(("https://shop.example",)), title="Help", language="en")
    names = sorted(built)
    assert names[-1] == "widget.js"
    panel = next(n for n in names if n.startswith("_kbgen/widget/panel."))
    data = next(n for n in names if n.startswith("_kbgen/widget/data."))
    loader = built["widget.js"].decode()
    assert f'"panel":"{panel}"' in loader and f'"data":"{data}"' in loader
    assert '"origins":["https://shop.example"]' in loader and '"label":"Help"' in loader
    assert "/*KBGEN_CONFIG*/" not in loader and "/*KBGEN_CSS*/" not in built[panel].decode()
    assert ":host{all:initial" in loader.replace(" ", "")
    assert len(gzip.compress(built["widget.js"])) <= 10 * 1024
    assert json.loads(built[data])["search_index"] == "search/index.json"
    # another catalog, other data: another name, so a cached old copy is never used
    other = files.build(_site(kb, top_questions=1), WidgetSettings(), title="Help", language="en")
    assert next(n for n in other if n.startswith("_kbgen/widget/data.")) != data


def test_the_search_worker_is_one_fingerprinted_file_of_the_sites_scripts(kb: KnowledgeBase) -> None:
    """The widget's search worker is the help site's: the scripts it imports, in its order, then
    the worker a site with a split index publishes (the split loader leaves a whole index to the
    worker as it is), unchanged, in one file."""
    package = Path(files.__file__).parent.parent
    texts = {p: (package / "theme" / p).read_text(encoding="utf-8").rstrip() for p in files.SEARCH_FILES}
    loader = (package / "search/assets/search-shards.js").read_text(encoding="utf-8")
    built = files.build(_site(kb), WidgetSettings(), title="Help", language="en")
    data = json.loads(next(v for k, v in built.items() if k.startswith("_kbgen/widget/data.")))
    name = data["search_worker"]
    assert re.fullmatch(r"_kbgen/widget/search\.[0-9a-f]{12}\.js", name)
    bundle = built[name].decode("utf-8")
    worker, lunr, tokenize, compat = (bundle.index(texts[p]) for p in files.SEARCH_FILES)
    assert lunr < tokenize < compat < worker  # the worker needs the others when it starts
    assert bundle.rindex("(function () {", 0, worker) > compat  # its "use strict" stays its own
    assert bundle.index(loader.rstrip()) > worker  # the split index's loader, after the worker


def test_headers_give_the_widgets_files_cors_and_pages_keep_frame_ancestors(kb: KnowledgeBase) -> None:
    site = _site(kb)
    text = headers_file("frame-ancestors 'none'", "/help", files.cross_origin(site, WidgetSettings()))
    blocks = {b.splitlines()[0]: b.splitlines()[1:] for b in text.split("\n/")[1:]}
    assert blocks["help/*"] == ["  Content-Security-Policy: frame-ancestors 'none'"]
    for path in (
        "help/widget.js",
        "help/_kbgen/widget/*",
        "help/assets/kbgen/search-worker.js",
        "help/assets/kbgen/lunr.js",
        "help/assets/kbgen/search-tokenize.js",
        "help/assets/kbgen/compat.js",
        "help/search/index.json",
    ):
        assert "  Access-Control-Allow-Origin: *" in blocks[path]
        assert "  Cross-Origin-Resource-Policy: cross-origin" in blocks[path]
    assert "  Cache-Control: public, max-age=31536000, immutable" in blocks["help/_kbgen/widget/*"]
    assert not any("Cache-Control" in line for line in blocks["help/widget.js"])  # always fresh
    assert blocks["help/contact/"] == ["  Access-Control-Allow-Origin: *"]  # Netlify Forms' target
    one = headers_file("x", "", files.cross_origin(site, WidgetSettings(("https://shop.example",))))
    assert "/widget.js\n  Access-Control-Allow-Origin: https://shop.example\n  Vary: Origin\n" in one
    two = files.cross_origin(site, WidgetSettings(("https://a.example", "https://b.example")))
    assert "Access-Control-Allow-Origin: *" in headers_file("x", "", two)  # _headers can't echo one
    custom = files.cross_origin(_site(kb, feedback_url="https://f.example/"), WidgetSettings())
    assert custom.post_to == ""  # the endpoint answers CORS itself


@pytest.mark.parametrize(
    "theme_palette",
    [
        None,
        {"primary": "brown"},
        [{"primary": "green"}, {"scheme": "slate"}],
        {"primary": "yellow"},
        {"primary": "white"},
        {"primary": "Deep Orange"},
        {"primary": "custom"},
    ],
)
def test_colours_follow_the_palette_and_stay_readable(theme_palette: object) -> None:
    c = colours(theme_palette)
    assert contrast(hex_rgb(c.primary), hex_rgb(c.on_primary)) >= 4.5  # launcher and title bar text
    assert contrast(hex_rgb(c.link), (1.0, 1.0, 1.0)) >= 4.5  # links on the white panel


def test_colours_are_the_sites() -> None:
    assert colours({"primary": "brown"}).primary == "#795649"  # Material's brown passes as it is
    assert colours(None) == colours({"primary": "custom"}) == colours({"primary": "indigo"})
    assert colours([{"primary": "green"}]).primary != colours(None).primary


def test_the_widgets_cross_origin_files_include_every_script_the_search_worker_imports() -> None:
    # The worker runs from a blob: URL on the shop and imports these from the help site.
    worker = (files.ASSETS.parent.parent / "theme/assets/kbgen/search-worker.js").read_text(encoding="utf-8")
    imported = set(re.findall(r'new URL\("([\w.-]+\.js)", setup\.base', worker))
    assert imported >= {"lunr.js", "search-tokenize.js"}
    assert {f"assets/kbgen/{name}" for name in imported} | {"assets/kbgen/search-worker.js"} == set(
        files.SEARCH_FILES
    )
