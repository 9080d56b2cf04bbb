"""The tokenizer (kbgen/tokenize.py) against the vectors the browser's tokenizer also passes."""

from __future__ import annotations

import json
import re

import pytest

from kbgen.search import terms as tokenize
from tests.conftest import ROOT

VECTORS = json.loads((ROOT / "tests/data/tokenize_vectors.json").read_text(encoding="utf-8"))
JS = (ROOT / "kbgen/theme/assets/kbgen/search-tokenize.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda v: v["input"][:30] or "empty")
def test_terms_match_the_shared_vectors(vector: dict[str, object]) -> None:
    assert tokenize.terms(str(vector["input"])) == vector["terms"]


def test_vectors_are_for_this_tokenizer_version() -> None:
    assert VECTORS["tokenizer"] == tokenize.VERSION
    assert f"var VERSION = {tokenize.VERSION};" in JS


def test_chinese_is_split_into_overlapping_bigrams() -> None:
    assert tokenize.terms("怎么退货") == ["怎么", "么退", "退货"]
    assert tokenize.terms("退") == ["退"]


def test_punctuation_never_glues_to_a_word() -> None:
    assert tokenize.terms("“mozmail.com?”") == ["mozmail", "com"]
    assert tokenize.terms("refund,return;exchange") == ["refund", "return", "exchang"]


def test_script_boundaries_split_runs() -> None:
    assert tokenize.terms("iPhone手机") == ["iphon", "手机"]


def test_stop_words_and_cjk_ranges_are_the_same_in_javascript() -> None:
    words = re.search(r"var STOP_WORDS = new Set\(\(([^)]*)\)", JS)
    assert words is not None
    js_words = set("".join(re.findall(r'"([^"]*)"', words.group(1))).split())
    assert js_words == tokenize.STOP_WORDS
    js_ranges = [(int(a, 16), int(b, 16)) for a, b in re.findall(r"\[0x([0-9a-f]+), 0x([0-9a-f]+)\]", JS)]
    assert tuple(js_ranges) == tokenize.CJK_RANGES


def test_chinese_fillers_are_the_same_in_javascript() -> None:
    fillers = re.search(r"var FILLERS = new Set\(\(\s*\"([^\"]*)\"", JS)
    assert fillers is not None
    assert set(fillers.group(1).split()) == tokenize.FILLERS


def test_chinese_particles_are_the_same_in_javascript() -> None:
    chars = re.search(r'var FILLER_CHARS = new Set\(Array\.from\("([^"]*)"\)\)', JS)
    assert chars is not None
    assert set(chars.group(1)) == tokenize.FILLER_CHARS


def test_key_terms_drop_filler_words_and_name_synonyms_by_their_group() -> None:
    assert tokenize.key_terms("Can I get my money back?") == ("get", "refund")
    assert tokenize.key_terms("How do I get a refund") == ("get", "refund")
    assert tokenize.key_terms("怎么退货") == ("return",)
    assert tokenize.key_terms("退货吗") == ("return",)  # 货吗 is no word
    assert tokenize.key_terms("my phone is broken") == ("phone", "broken")
    assert tokenize.key_terms("我的手机") == tokenize.key_terms("mobile device") == ("phone",)
    assert tokenize.key_terms("money back", thesaurus=None) == ("money", "back")


def test_thesaurus_expands_a_text_with_the_other_phrases_of_its_groups() -> None:
    thesaurus = tokenize.Thesaurus.of([["invoice", "receipt", "发票"], ["lonely"]])
    assert thesaurus.expansions(tokenize.terms("Where is my invoice?")) == ["receipt", "发票"]
    assert thesaurus.expansions(tokenize.terms("开发票")) == ["invoic", "receipt"]
    assert len(thesaurus.groups) == 1  # a group of one phrase has nothing to add


def test_a_site_group_sharing_a_phrase_extends_the_default_group() -> None:
    thesaurus = tokenize.Thesaurus.of([*tokenize.SYNONYMS, ["refund", "chargeback"]])
    assert "chargeback" in thesaurus.expansions(tokenize.terms("money back"))
    assert len(thesaurus.groups) == len(tokenize.DEFAULT_THESAURUS.groups)


def test_context_words_of_a_long_chinese_question_are_fillers() -> None:
    # 我想知道 (I'd like to know), 请问 (may I ask), 我该怎么办 (what should I do); 道怎 and 问我
    # are bigrams across two of them, no words
    assert tokenize.key_terms("我想知道怎么退货") == ("return",)
    assert tokenize.key_terms("请问我该怎么办") == ()
    assert "不能" in tokenize.key_terms("能不能退货")  # 不能 (cannot) still counts


def test_generic_payment_and_account_words_share_groups_across_languages() -> None:
    assert tokenize.key_terms("credit card") == tokenize.key_terms("银行卡") == ("bank card",)
    assert tokenize.key_terms("取消订阅") == tokenize.key_terms("unsubscribe") == ("unsubscrib",)
    assert tokenize.key_terms("最少") == tokenize.key_terms("smallest") == ("minimum",)
    assert tokenize.key_terms("报税") == tokenize.key_terms("taxes") == ("tax",)
