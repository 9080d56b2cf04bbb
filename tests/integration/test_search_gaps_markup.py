"""Search-gap capture is off unless ``search_gaps: true``; when on, the built search page
declares the "search-gap" form (Netlify Forms finds forms in the built HTML) and loads the
script as a file (the CSP allows no new inline script)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MKDOCS_YML, WriteSite, entry, run_kbgen
from tests.helpers import page


def test_off_by_default(demo_site: Path) -> None:
    for html in demo_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "search-gap" not in text, html


def _build(write_site: WriteSite, options: str) -> Path:
    config = MKDOCS_YML.format(language="en").replace("  - kbgen\n", "  - kbgen:\n" + options)
    root = write_site({"content/a.md": entry()}, config=config)
    run_kbgen("build", cwd=root, check=True)
    return root / "site"


def test_on_declares_a_netlify_form_and_loads_the_script(write_site: WriteSite) -> None:
    site = _build(write_site, "      search_gaps: true\n")
    search = page(site, "search")
    form = search.find("form", attrs={"name": "search-gap"})
    assert form is not None and form["data-netlify"] == "true" and form["method"] == "post"
    assert {i["name"] for i in form.find_all("input")} == {"form-name", "query", "bot-field"}
    assert [s["src"] for s in search.find_all("script", src=True) if "search-gaps" in s["src"]] == [
        "../assets/kbgen/search-gaps.js"
    ]
    assert (site / "assets/kbgen/search-gaps.js").is_file()
    assert "search-gap" not in (site / "index.html").read_text(encoding="utf-8")  # the search page only


def test_on_with_a_feedback_url_posts_there(write_site: WriteSite) -> None:
    site = _build(
        write_site, "      search_gaps: true\n      feedback:\n        url: https://forms.example/kb\n"
    )
    form = page(site, "search").find("form", attrs={"name": "search-gap"})
    assert form is not None and form["action"] == "https://forms.example/kb"
    assert not form.has_attr("data-netlify")
    assert "connect-src 'self' https://forms.example" in (site / "_headers").read_text(encoding="utf-8")
