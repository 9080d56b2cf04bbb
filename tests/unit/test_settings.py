"""Plugin options checked (kbgen/content/settings.py): every problem as ``path:line: field: message``
with the line of a real mkdocs.yml, all at once; no engine involved.

The options ``resolve`` gets are read from the same mkdocs.yml with plain PyYAML and given the
plugin's defaults, the way MkDocs hands them over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kbgen.content.settings import Settings, resolve
from kbgen.core.channels import Channel
from kbgen.core.errors import ContentError
from kbgen.core.model import Stage

HEAD = "site_name: Shop Help\ntheme:\n  name: material\nplugins:\n  - search\n  - kbgen:\n"
"""Lines 1-6; the plugin's options start on line 7."""


def _options(config: dict[str, Any]) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        found = plugins.get("kbgen")
    else:
        found = next((p["kbgen"] for p in plugins if isinstance(p, dict) and "kbgen" in p), None)
    return {"stages": [], "contact": {}, "feedback": {}, "catalog": "products.yml", **(found or {})}


def _resolve(tmp_path: Path, text: str, language: str | None = "en") -> Settings:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return resolve(_options(yaml.safe_load(text)), language, str(path))


def _problems(tmp_path: Path, text: str, language: str | None = "en") -> list[str]:
    with pytest.raises(ContentError) as info:
        _resolve(tmp_path, text, language)
    return str(info.value).splitlines()


def _plugin(options: str) -> str:
    """mkdocs.yml with these plugin options (written at 6 spaces, from line 7 on)."""
    return HEAD + "".join(f"      {line}\n" for line in options.splitlines())


EN_IDS = ["before-purchase", "ordering-and-payment", "after-the-order", "after-delivery"]


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("en", ["Before you buy", "Ordering and payment", "After you order", "After delivery"]),
        (None, ["Before you buy", "Ordering and payment", "After you order", "After delivery"]),
        ("fr", ["Before you buy", "Ordering and payment", "After you order", "After delivery"]),
        ("zh", ["售前咨询", "下单与支付", "订单与物流", "售后服务"]),
        ("zh-TW", ["售前諮詢", "訂購與付款", "訂單與物流", "售後服務"]),
    ],
)
def test_default_stages_in_the_sites_language(
    tmp_path: Path, language: str | None, titles: list[str]
) -> None:
    settings = _resolve(tmp_path, HEAD + "      popular: 3\n", language)
    assert [s.id for s in settings.stages] == EN_IDS
    assert [s.title for s in settings.stages] == titles
    assert all(s.description for s in settings.stages)
    assert settings.channels == ()
    assert settings.feedback_url is None


def test_configured_stages_in_their_order(tmp_path: Path) -> None:
    settings = _resolve(
        tmp_path,
        _plugin(
            "stages:\n"
            "  - id: using\n"
            "    title: Using it <b>\n"
            "    description: Tips & fixes\n"
            "  - id: buying\n"
            "    title: 购买\n"
        ),
        "zh",
    )
    assert settings.stages == (Stage("using", "Using it <b>", "Tips & fixes"), Stage("buying", "购买", ""))


@pytest.mark.parametrize(
    "reserved", ["questions", "products", "search", "contact", "assets", "images", "404"]
)
def test_reserved_stage_ids(tmp_path: Path, reserved: str) -> None:
    text = _plugin(f"stages:\n  - id: buying\n    title: Buying\n  - id: '{reserved}'\n    title: Taken\n")
    assert _problems(tmp_path, text) == [
        f"mkdocs.yml:10: plugins.kbgen.stages[2].id: '{reserved}' is a URL kbgen uses; choose another id",
        "1 problem found.",
    ]


def test_stage_problems_all_at_once(tmp_path: Path) -> None:
    text = _plugin(
        "stages:\n"  # 7
        "  - id: buying\n"  # 8
        "    title: Before you buy\n"  # 9
        "  - id: Bad_Id\n"  # 10
        "    title: Bad\n"  # 11
        "  - id: buying\n"  # 12
        "    title: Again\n"  # 13
        "  - id: untitled\n"  # 14
        "  - id: empty-title\n"  # 15
        "    title: ''\n"  # 16
        "  - id: double--hyphen\n"  # 17
        "    title: X\n"  # 18
    )
    rule = "lowercase letters, digits and single hyphens, e.g. 'return-opened-item'"
    assert _problems(tmp_path, text) == [
        f"mkdocs.yml:10: plugins.kbgen.stages[2].id: 'Bad_Id' is not a valid id: {rule}",
        "mkdocs.yml:12: plugins.kbgen.stages[3].id: 'buying' is used by two stages",
        "mkdocs.yml:14: plugins.kbgen.stages[4].title: is required",
        "mkdocs.yml:16: plugins.kbgen.stages[5].title: is required",
        f"mkdocs.yml:17: plugins.kbgen.stages[6].id: 'double--hyphen' is not a valid id: {rule}",
        "5 problems found.",
    ]


def test_a_stage_without_id_is_reported_as_missing(tmp_path: Path) -> None:
    """Not as "'None' is not a valid id": the writer never wrote None."""
    text = _plugin("stages:\n  - id: buying\n    title: Buying\n  - title: No id\n")
    assert _problems(tmp_path, text) == [
        "mkdocs.yml:10: plugins.kbgen.stages[2].id: is required",
        "1 problem found.",
    ]


def test_channels_come_in_menu_order_hotline_first(tmp_path: Path) -> None:
    text = _plugin(
        "contact:\n"
        "  community:\n"
        "    url: https://forum.example/\n"
        "  email:\n"
        "    address: help@shop.example\n"
        "  chat:\n"
        "    url: https://chat.example/?e={entry_id}\n"
        "    label: Talk to us\n"
        "    hours: 9-17\n"
        "  hotline:\n"
        "    number: +49 30 1234-567\n"
        "    toll_free: true\n"
        "    best_for: Anything urgent.\n"
    )
    channels = _resolve(tmp_path, text).channels
    assert [c.key for c in channels] == ["hotline", "chat", "email", "community"]
    hotline, chat, email, community = channels
    assert hotline == Channel(
        "hotline", "Call us", "tel:+49301234567", "+49 30 1234-567", "", "Anything urgent.", True
    )
    assert chat == Channel(
        "chat",
        "Talk to us",
        "https://chat.example/?e={entry_id}",
        "",
        "9-17",
        "Quick questions while you shop.",
    )
    assert email.href == (
        "mailto:help@shop.example?subject=Question%3A%20{question}"
        "&body=%0A%0A---%0APage%3A%20{page_url}%0AEntry%3A%20{entry_id}%0ALast%20search%3A%20{query}"
    )
    assert (email.label, email.detail) == ("Email us", "help@shop.example")
    assert community == Channel(
        "community",
        "Ask the community",
        "https://forum.example/",
        "",
        "",
        "Tips and recipes from other customers.",
    )


def test_channel_words_in_chinese(tmp_path: Path) -> None:
    text = _plugin("contact:\n  hotline:\n    number: 400-123-4567\n  email:\n    address: kf@shop.example\n")
    hotline, email = _resolve(tmp_path, text, "zh").channels
    assert (hotline.label, hotline.best_for, hotline.href) == (
        "客服热线",
        "订单或配送的紧急问题。",
        "tel:4001234567",
    )
    assert email.label == "邮件联系"
    assert email.href.startswith("mailto:kf@shop.example?subject=%E5%92%A8%E8%AF%A2%EF%BC%9A{question}&body=")


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("1-800-FLOWERS", "tel:18003569377"),
        ("1-800-flowers", "tel:18003569377"),
        ("+1 (800) GO-FEDEX", "tel:+18004633339"),
        ("1-800-GOT-JUNK", "tel:18004685865"),
        ("0800 PQRS WXYZ", "tel:080077779999"),
        ("0800.123/45", "tel:080012345"),
        ("+49 30 1234 5678", "tel:+493012345678"),
    ],
)
def test_hotline_numbers_with_keypad_letters(tmp_path: Path, number: str, href: str) -> None:
    (hotline,) = _resolve(tmp_path, _plugin(f"contact:\n  hotline:\n    number: '{number}'\n")).channels
    assert (hotline.href, hotline.detail) == (href, number)


@pytest.mark.parametrize("number", ["call us", "+49 30 12#34", "-0800 123", "+", "tel:+4930123", "0800;1"])
def test_hotline_numbers_refused(tmp_path: Path, number: str) -> None:
    text = _plugin(f"contact:\n  hotline:\n    number: '{number}'\n")
    assert _problems(tmp_path, text) == [
        f"mkdocs.yml:9: plugins.kbgen.contact.hotline.number: '{number}' is not a phone number",
        "1 problem found.",
    ]


@pytest.mark.parametrize(
    "address",
    [
        "help at shop",
        "help@shop.example?bcc=all@else.example",
        "help@shop.example&body=x",
        "<help@shop.example>",
        "help@shop.example>",
        "help@-shop.example",
        "help@shop..example",
        "@shop.example",
        "help@",
        "help @shop.example",
        "javascript:alert(1)//@shop.example",
    ],
)
def test_email_addresses_refused(tmp_path: Path, address: str) -> None:
    text = _plugin(f"contact:\n  email:\n    address: '{address}'\n")
    assert _problems(tmp_path, text) == [
        f"mkdocs.yml:9: plugins.kbgen.contact.email.address: '{address}' is not an email address",
        "1 problem found.",
    ]


def test_channel_url_problems(tmp_path: Path) -> None:
    text = _plugin(
        "contact:\n"  # 7
        "  chat:\n"  # 8
        "    url: javascript:alert(1)\n"  # 9
        "  form:\n"  # 10
        "    url: https://form.example/?id={ticket}\n"  # 11
        "  community:\n"  # 12
        "    url: https://forum.example/a b\n"  # 13
    )
    assert _problems(tmp_path, text) == [
        "mkdocs.yml:9: plugins.kbgen.contact.chat.url: 'javascript:alert(1)' is not allowed: "
        "a channel URL must start with https:, http:, mailto: or tel:",
        "mkdocs.yml:11: plugins.kbgen.contact.form.url: unknown placeholder {ticket}; "
        "use {entry_id}, {question}, {stage}, {page_url}, {query}, {product}",
        "mkdocs.yml:13: plugins.kbgen.contact.community.url: 'https://forum.example/a b' contains spaces; "
        "write them as %20",
        "3 problems found.",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://forms.example/feedback",
        "https://forms.example:8443/f?x=1",
        "http://localhost:8000/feedback",
        "http://127.0.0.1:9000/f",
        "http://[::1]:8000/f",
    ],
)
def test_feedback_urls_accepted(tmp_path: Path, url: str) -> None:
    assert _resolve(tmp_path, _plugin(f"feedback:\n  url: '{url}'\n")).feedback_url == url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://forms.example/feedback", "is not allowed"),
        ("http://localhost.evil.example/f", "is not allowed"),
        ("//forms.example/f", "is not allowed"),
        ("/feedback", "is not allowed"),
        ("javascript:alert(1)", "is not allowed"),
        ("ftp://forms.example/f", "is not allowed"),
        ("https://user:pw@forms.example/f", "has a user name or password before the host; leave them out"),
        ("https://forms.example/a b", "contains spaces or control characters"),
        ("https://forms.example:99999/f", "has an invalid port"),
        ("https://forms_example/f", "has an invalid host name 'forms_example'"),
        ("https://forms.example;/f", "has an invalid host name 'forms.example;'"),
    ],
)
def test_feedback_urls_refused(tmp_path: Path, url: str, why: str) -> None:
    assert _problems(tmp_path, _plugin(f"feedback:\n  url: '{url}'\n")) == [
        f"mkdocs.yml:8: plugins.kbgen.feedback.url: '{url}' {why}: use an https:// address",
        "1 problem found.",
    ]


@pytest.mark.parametrize("catalog", ["products.yml", "data/catalog.yaml", "Products.YML", "a-b/c.d.yml"])
def test_catalog_paths_accepted(tmp_path: Path, catalog: str) -> None:
    _resolve(tmp_path, _plugin(f"catalog: '{catalog}'\n"))


@pytest.mark.parametrize(
    ("catalog", "message"),
    [
        ("../products.yml", "must be a path inside the content directory"),
        ("data/../../products.yml", "must be a path inside the content directory"),
        ("..\\products.yml", "must be a path inside the content directory"),
        ("/etc/products.yml", "must be a path inside the content directory"),
        ("\\\\server\\share\\products.yml", "must be a path inside the content directory"),
        ("C:products.yml", "must be a path inside the content directory"),
        ("   ", "must be a path inside the content directory"),
        ("products.json", "must be a .yml file"),
        ("products.yml.txt", "must be a .yml file"),
        ("products", "must be a .yml file"),
    ],
)
def test_catalog_paths_refused(tmp_path: Path, catalog: str, message: str) -> None:
    assert _problems(tmp_path, _plugin(f"catalog: '{catalog}'\n")) == [
        f"mkdocs.yml:7: plugins.kbgen.catalog: '{catalog}' {message}",
        "1 problem found.",
    ]


def test_every_problem_at_once_sorted_by_line(tmp_path: Path) -> None:
    text = _plugin(
        "catalog: ../products.yml\n"  # 7
        "stages:\n"  # 8
        "  - id: search\n"  # 9
        "    title: Search\n"  # 10
        "contact:\n"  # 11
        "  community:\n"  # 12
        "    url: javascript:alert(1)\n"  # 13
        "  hotline:\n"  # 14
        "    number: call us\n"  # 15
        "  email:\n"  # 16
        "    address: help at shop\n"  # 17
        "feedback:\n"  # 18
        "  url: http://forms.example/fb\n"  # 19
    )
    assert _problems(tmp_path, text) == [
        "mkdocs.yml:7: plugins.kbgen.catalog: '../products.yml' must be a path inside the content directory",
        "mkdocs.yml:9: plugins.kbgen.stages[1].id: 'search' is a URL kbgen uses; choose another id",
        "mkdocs.yml:13: plugins.kbgen.contact.community.url: 'javascript:alert(1)' is not allowed: "
        "a channel URL must start with https:, http:, mailto: or tel:",
        "mkdocs.yml:15: plugins.kbgen.contact.hotline.number: 'call us' is not a phone number",
        "mkdocs.yml:17: plugins.kbgen.contact.email.address: 'help at shop' is not an email address",
        "mkdocs.yml:19: plugins.kbgen.feedback.url: 'http://forms.example/fb' is not allowed: "
        "use an https:// address",
        "6 problems found.",
    ]


def test_lines_with_plugins_as_a_mapping(tmp_path: Path) -> None:
    text = (
        "site_name: S\n"  # 1
        "plugins:\n"  # 2
        "  search: {}\n"  # 3
        "  kbgen:\n"  # 4
        "    feedback:\n"  # 5
        "      url: http://forms.example/fb\n"  # 6
    )
    assert _problems(tmp_path, text)[0] == (
        "mkdocs.yml:6: plugins.kbgen.feedback.url: 'http://forms.example/fb' is not allowed: "
        "use an https:// address"
    )


def test_an_option_not_in_the_file_names_the_nearest_line(tmp_path: Path) -> None:
    """A value that is not written in mkdocs.yml (here given by the caller) points at the
    closest option that is, or at line 1 without a file."""
    path = tmp_path / "mkdocs.yml"
    path.write_text(HEAD + "      popular: 3\n", encoding="utf-8")
    options = {"stages": [], "contact": {}, "feedback": {}, "catalog": "x.json"}
    with pytest.raises(ContentError) as info:
        resolve(options, "en", str(path))
    assert (
        str(info.value).splitlines()[0] == "mkdocs.yml:7: plugins.kbgen.catalog: 'x.json' must be a .yml file"
    )
    with pytest.raises(ContentError) as info:
        resolve(options, "en", None)
    assert (
        str(info.value).splitlines()[0] == "mkdocs.yml:1: plugins.kbgen.catalog: 'x.json' must be a .yml file"
    )
