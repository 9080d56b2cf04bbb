"""The ``search:`` plugin options (synonyms, intents): checked with mkdocs.yml lines."""

from __future__ import annotations

from pathlib import Path

from kbgen.search import shop
from kbgen.search import terms as tokenize
from tests.unit.test_settings import _plugin, _problems, _resolve


def test_defaults_are_the_shopper_thesaurus_and_the_default_intents(tmp_path: Path) -> None:
    options = _resolve(tmp_path, _plugin("popular: 3")).search
    assert options.thesaurus is tokenize.DEFAULT_THESAURUS
    assert dict(options.intents) == dict(shop.DEFAULT_INTENTS)


def test_site_synonyms_extend_the_thesaurus_and_false_turns_it_off(tmp_path: Path) -> None:
    options = _resolve(tmp_path, _plugin("search:\n  synonyms:\n    - [parcel locker, pickup point]")).search
    assert options.thesaurus is not None
    assert options.thesaurus.expansions(tokenize.terms("a pickup point near me")) == ["parcel", "locker"]
    assert options.thesaurus.expansions(tokenize.terms("money back")) == ["refund", "reimburs", "退款"]
    assert _resolve(tmp_path, _plugin("search:\n  synonyms: false")).search.thesaurus is None


def test_intents_replace_a_channels_phrases(tmp_path: Path) -> None:
    intents = dict(_resolve(tmp_path, _plugin("search:\n  intents:\n    chat: [whatsapp]")).search.intents)
    assert intents["chat"] == ("whatsapp",)
    assert intents["hotline"] == shop.DEFAULT_INTENTS["hotline"]


def test_search_option_problems_all_at_once_with_lines(tmp_path: Path) -> None:
    text = _plugin(
        "search:\n"  # line 7
        "  synonyms: [parcel, package]\n"  # 8: groups must be lists
        "  intents:\n"  # 9
        "    fax: [fax number]\n"  # 10
        "    chat: whatsapp\n"  # 11
        "  typo: 2\n"  # 12
    )
    assert _problems(tmp_path, text) == [
        "mkdocs.yml:8: plugins.kbgen.search.synonyms: must be false or a list of groups of words, "
        "e.g. [[parcel, package], [voucher, coupon]]",
        "mkdocs.yml:10: plugins.kbgen.search.intents.fax: unknown channel; use person, hotline, chat, email, "
        "form, order_status, community",
        "mkdocs.yml:11: plugins.kbgen.search.intents.chat: must be a list of phrases",
        "mkdocs.yml:12: plugins.kbgen.search.typo: unknown option; "
        "use synonyms, intents, everyday or split_above",
        "4 problems found.",
    ]


def test_split_above_is_a_whole_number_of_kb_with_its_line(tmp_path: Path) -> None:
    assert _resolve(tmp_path, _plugin("popular: 3")).search.split_above is None
    assert _resolve(tmp_path, _plugin("search:\n  split_above: 0")).search.split_above == 0
    assert _problems(tmp_path, _plugin("search:\n  split_above: -5")) == [
        "mkdocs.yml:8: plugins.kbgen.search.split_above: must be a whole number of KB (gzipped), 0 or more",
        "1 problem found.",
    ]
    assert _problems(tmp_path, _plugin("search:\n  split_above: yes"))[0].endswith("0 or more")
