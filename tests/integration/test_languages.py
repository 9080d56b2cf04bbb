"""One help center in several languages: one build, each language under its own folder with its
own search index, sitemap and 404 page; untranslated answers marked; bad input all at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import WriteSite, entry, run_kbgen

CONFIG = """\
site_name: Test Shop Help
site_url: https://help.example.com/
docs_dir: content
site_dir: site
theme:
  name: material
  language: en
  font: false
plugins:
  - kbgen:
      languages: [en, zh-Hans, zh-Hant]
      contact:
        hotline:
          number: "+49 30 1234 5678"
          hours: Mon–Fri 9–17
      translations:
        zh-Hant:
          site_name: 測試商店 說明中心
          contact:
            hotline: {hours: 週一至週五 9–17}
"""

FILES = {
    "content/a.md": entry(body="See [delivery](b.md).\n"),
    "content/b.md": entry(
        question="How long does delivery take?", stage="after-the-order", summary="Two days."
    ),
    "content/zh-hant/a.md": entry(
        question="拆封的商品可以退貨嗎？", summary="可以，30 天內。", body="請看[配送](b.md)。\n", id="a"
    ),
    "content/zh-hans/b.md": entry(
        question="配送需要多久？", stage="after-the-order", summary="两天。", body="通常两天。\n", id="b"
    ),
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def hreflangs(page: BeautifulSoup) -> dict[str, str]:
    return {
        str(link["hreflang"]): str(link["href"])
        for link in page.select('head link[rel="alternate"][hreflang]')
    }


@pytest.fixture(scope="module")
def built(langs_site: Path) -> Path:
    """CONFIG and FILES built (once per run, shared with other modules: read-only)."""
    return langs_site


def test_every_language_is_built_in_its_folder_with_its_html_lang(built: Path) -> None:
    assert soup(built / "index.html").html["lang"] == "en"  # type: ignore[index]
    assert soup(built / "zh-hans/index.html").html["lang"] == "zh-Hans"  # type: ignore[index]
    assert soup(built / "zh-hant/index.html").html["lang"] == "zh-Hant"  # type: ignore[index]
    assert soup(built / "zh-hant/404.html").html["lang"] == "zh-Hant"  # type: ignore[index]
    assert "測試商店 說明中心" in (built / "zh-hant/index.html").read_text(encoding="utf-8")
    assert "週一至週五 9–17" in (built / "zh-hant/contact/index.html").read_text(encoding="utf-8")
    assert "週一至週五" not in (built / "contact/index.html").read_text(encoding="utf-8")
    for folder in ("", "zh-hans/", "zh-hant/"):
        assert (built / folder / "search/index.json").is_file()
        assert (built / folder / "sitemap.xml").is_file()
        assert (built / folder / "widget.js").is_file()


def test_a_translation_has_hreflang_alternates_for_its_real_counterparts(built: Path) -> None:
    page = soup(built / "zh-hant/questions/a/index.html")
    assert page.h1 is not None and page.h1.get_text() == "拆封的商品可以退貨嗎？"
    assert hreflangs(page) == {
        "en": "https://help.example.com/questions/a/",
        "zh-Hant": "https://help.example.com/zh-hant/questions/a/",
        "x-default": "https://help.example.com/questions/a/",
    }
    canonical = page.select_one('link[rel="canonical"]')
    assert canonical is not None and canonical["href"] == "https://help.example.com/zh-hant/questions/a/"
    assert page.select_one('meta[name="robots"]') is None
    # the link to b.md, written as in the source, reaches zh-hant's page of b
    assert page.select_one('.kb-details a[href="../b/"]') is not None
    data = [json.loads(s.string or "") for s in page.select('script[type="application/ld+json"]')]
    assert data[0]["inLanguage"] == "zh-Hant"


def test_an_untranslated_answer_is_shown_marked_with_the_source_as_canonical(built: Path) -> None:
    """Its canonical sends search engines to the source; no noindex beside it (Google asks not to
    mix the two, and Lighthouse scores a noindex page 63 for SEO)."""
    page = soup(built / "zh-hant/questions/b/index.html")
    assert page.h1 is not None and page.h1.get_text() == "How long does delivery take?"
    assert page.select_one('meta[name="robots"]') is None
    canonical = page.select_one('link[rel="canonical"]')
    assert canonical is not None and canonical["href"] == "https://help.example.com/questions/b/"
    assert hreflangs(page) == {}
    notice = page.select_one(".kb-fallback")
    assert notice is not None and "繁體中文" in notice.get_text() and "English" in notice.get_text()


def test_each_search_index_and_sitemap_holds_its_own_texts_only(built: Path) -> None:
    hant = (built / "zh-hant/search/index.json").read_text(encoding="utf-8")
    assert "拆封" in hant and "delivery take" not in hant and "配送需要多久" not in hant
    hans = (built / "zh-hans/search/index.json").read_text(encoding="utf-8")
    assert "配送需要多久" in hans and "opened item" not in hans
    sitemap = (built / "zh-hant/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://help.example.com/zh-hant/questions/a/</loc>" in sitemap
    assert "zh-hant/questions/b/" not in sitemap
    assert 'hreflang="x-default" href="https://help.example.com/questions/a/"' in sitemap


def test_one_headers_file_and_each_language_has_its_404(built: Path) -> None:
    assert not (built / "zh-hant/_headers").exists()
    headers = (built / "_headers").read_text(encoding="utf-8")
    assert headers.count("Content-Security-Policy") == 1
    redirects = (built / "_redirects").read_text(encoding="utf-8")
    assert "/zh-hant/*  /zh-hant/404.html  404" in redirects


def test_bad_languages_and_translations_are_all_reported_at_once(write_site: WriteSite) -> None:
    config = CONFIG.replace("[en, zh-Hans, zh-Hant]", "[en, zh-Hant, zh_TW, de]")
    root = write_site({"content/a.md": entry(), "content/zh-hant/x.md": entry(question="X?")}, config=config)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "mkdocs.yml:11: plugins.kbgen.languages[3]: 'zh_TW' is not a language code" in proc.stderr
    assert "plugins.kbgen.languages[4]: kbgen has no words for 'de'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_translation_of_nothing_two_of_one_id_and_an_empty_folder(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/a.md": entry(),
            "content/zh-hant/x.md": entry(question="X?"),
            "content/zh-hant/a.md": entry(question="甲？"),
            "content/zh-hant/again.md": entry(question="甲二？", id="a"),
            "content/zh-hans/README.md": "notes\n",
        },
        config=CONFIG,
    )
    proc = run_kbgen("build", cwd=root)
    assert proc.returncode == 1
    err = proc.stderr
    assert "content/zh-hant/x.md:1: id: 'x' translates no entry" in err
    assert "content/zh-hant/again.md:" in err and "duplicate id 'a'" in err
    assert "content/zh-hans:1: folder: has no entries" in err
    assert "Traceback" not in err
    assert not (root / "site").exists()


def test_a_translated_catalog_with_yaml_aliases_is_refused_at_its_line(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/a.md": entry(),
            "content/zh-hant/a.md": entry(question="甲？"),
            "content/zh-hant/products.yml": "- id: p1\n  name: &n 名字名字\n  summary: *n\n",
        },
        config=CONFIG,
    )
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "content/zh-hant/products.yml:2: catalog: uses the YAML anchor '&n'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_single_language_site_builds_as_before(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry()})
    run_kbgen("build", cwd=root, check=True)
    first = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    config = (
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - kbgen\n", "  - kbgen:\n      languages: [en]\n")
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    run_kbgen("build", cwd=root, check=True)
    second = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert first == second
    assert not any(b"hreflang" in data for path, data in first.items() if path.suffix == ".html")


def test_check_warns_of_missing_and_outdated_translations_and_strict_fails(write_site: WriteSite) -> None:
    from kbgen.content.versions import source_version
    from kbgen.core.model import Entry

    source = Entry("a", "Can I return an opened item?", "after-delivery", "Yes, within 30 days.",
                   "## Steps\n\nOpen your order and choose Return.\n", "a.md")  # fmt: skip
    current = source_version(source)
    root = write_site(
        {
            "content/a.md": entry(),
            "content/b.md": entry(question="B?"),
            "content/zh-hant/a.md": entry(question="甲？", id="a", source_version='"0000000000"'),
            "content/zh-hans/a.md": entry(question="甲？", id="a", source_version=f'"{current}"'),
        },
        config=CONFIG,
    )
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr
    assert "warning: content/zh-hant/a.md:6: source_version: outdated: content/a.md changed" in err
    assert f"then set 'source_version: \"{current}\"'" in err
    assert "warning: content/b.md:1: translation: no zh-Hant translation (content/zh-hant/b.md)" in err
    assert "warning: content/b.md:1: translation: no zh-Hans translation" in err
    assert "content/zh-hans/a.md" not in err  # up to date
    strict = run_kbgen("check", "--strict", cwd=root)
    assert strict.returncode == 1
    assert "content/zh-hant/a.md:6: source_version: outdated" in strict.stderr
    assert "3 problems found" in strict.stderr


def test_the_preview_builds_every_language_and_rebuilds_them_after_an_edit(
    write_site: WriteSite, tmp_path: Path
) -> None:
    from kbgen.mkdocs.preview import Preview

    root = write_site(FILES, config=CONFIG)
    out = tmp_path / "preview"
    out.mkdir()
    preview = Preview(root / "mkdocs.yml", out, "http://127.0.0.1:8765/")
    try:
        assert preview.full_build().kind == "full"
        page = soup(out / "zh-hant/questions/a/index.html")
        assert page.h1 is not None and page.h1.get_text() == "拆封的商品可以退貨嗎？"
        assert hreflangs(page)["zh-Hant"] == "http://127.0.0.1:8765/zh-hant/questions/a/"
        text = (root / "content/zh-hant/a.md").read_text(encoding="utf-8").replace("拆封的", "已拆封的")
        (root / "content/zh-hant/a.md").write_text(text, encoding="utf-8")
        assert preview.update({root / "content/zh-hant/a.md"}).kind == "full"
        page = soup(out / "zh-hant/questions/a/index.html")
        assert page.h1 is not None and page.h1.get_text() == "已拆封的商品可以退貨嗎？"
    finally:
        preview.close()


def test_a_translation_may_not_change_what_it_shares_and_a_site_needs_its_url(write_site: WriteSite) -> None:
    config = CONFIG.replace("site_url: https://help.example.com/\n", "")
    root = write_site(
        {
            "content/a.md": entry(),
            "content/zh-hant/a.md": entry(question="甲？", id="a", aliases="[old-a]"),
        },
        config=config,
    )
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "mkdocs.yml:10: site_url: a site in several languages needs site_url" in proc.stderr
    config_ok = CONFIG
    (root / "mkdocs.yml").write_text(config_ok, encoding="utf-8")
    proc = run_kbgen("check", cwd=root)
    assert "content/zh-hant/a.md:6: aliases: differs from its source content/a.md" in proc.stderr
    assert proc.returncode == 1
