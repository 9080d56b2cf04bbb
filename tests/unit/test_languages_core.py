"""Language codes, the reader's preferred language, and translation versions (no build)."""

from __future__ import annotations

import dataclasses

import yaml

from kbgen.content import versions
from kbgen.core import languages
from kbgen.core.model import Entry

SOURCE = Entry("a", "Can I return it?", "after-delivery", "Yes.", "Open your order.\n", "a.md")


def test_browser_regions_map_to_the_script_their_readers_expect() -> None:
    have = ["en", "zh-Hans", "zh-Hant"]
    for tag in ("zh-TW", "zh-HK", "zh-MO", "zh-Hant-TW"):
        assert languages.preferred([tag], have) == "zh-Hant", tag
    for tag in ("zh-CN", "zh-SG", "zh"):
        assert languages.preferred([tag], have) == "zh-Hans", tag
    assert languages.preferred(["de-DE", "en-US"], have) == "en"
    assert languages.preferred(["de"], have) is None


def test_unknown_and_region_codes_are_refused_with_a_hint() -> None:
    assert languages.code_problem("zh-Hant") is None
    assert "written zh-Hant" in (languages.code_problem("zh-TW") or "")
    assert "no words for 'fr'" in (languages.code_problem("fr") or "")
    assert "not a language code" in (languages.code_problem("zh_TW") or "")


def test_a_version_changes_with_the_text_only() -> None:
    v = versions.source_version(SOURCE)
    assert len(v) == 10
    assert versions.source_version(dataclasses.replace(SOURCE, order=3, popular=True)) == v
    assert versions.source_version(dataclasses.replace(SOURCE, body="Open your orders.\n")) != v


def test_stamp_sets_or_replaces_the_field_quoted() -> None:
    text = "---\nid: a\nquestion: 甲？\nsource_version: old\n---\n\nBody\n"
    stamped = versions.stamp(text, "0123456789")
    front = yaml.safe_load(stamped.split("---\n")[1])
    assert front == {"id": "a", "question": "甲？", "source_version": "0123456789"}
    assert stamped.endswith("---\n\nBody\n")
    assert versions.stamp(stamped, "0123456789") == stamped


def test_an_untranslated_answer_points_to_its_source_or_else_stays_out_of_search_engines() -> None:
    """With the site's URL, the copy's canonical is the source's absolute URL and nothing forbids
    indexing (a canonical beside noindex sends search engines two signals); without one, no
    absolute canonical can be given, so noindex keeps the copy out."""
    from kbgen.site.alternates import SiteLanguages

    en, hant = languages.Language("en", default=True), languages.Language("zh-Hant")
    translated = {"en": frozenset({"a", "b"}), "zh-Hant": frozenset({"a"})}
    with_url = SiteLanguages((en, hant), hant, translated, site_url="https://help.example.com/")
    copy = with_url.page("questions/b/")
    assert copy.fallback and copy.canonical == "https://help.example.com/questions/b/"
    assert "noindex" not in copy.head and "hreflang" not in copy.head
    own = with_url.page("questions/a/")
    assert not own.fallback and own.canonical is None and 'hreflang="zh-Hant"' in own.head
    without_url = SiteLanguages((en, hant), hant, translated).page("questions/b/")
    assert without_url.fallback and without_url.canonical is None
    assert without_url.head == '<meta name="robots" content="noindex">'
