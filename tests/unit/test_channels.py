"""Contact URLs: templates checked, values encoded for where they land."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from kbgen.core.channels import Channel, LinkError, check_template, fill, mailto_template, tel_href


@pytest.mark.parametrize(
    "template",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
        "/relative/path",
        "{page_url}",
        "ftp://files.example/",
        "https://x.example/{nope}",
        "https://x.example/{entry_id",
        "https://x.example/a b",
    ],
)
def test_dangerous_or_broken_templates_are_refused(template: str) -> None:
    with pytest.raises(LinkError):
        check_template(template)


@pytest.mark.parametrize(
    "template",
    ["https://chat.example/?e={entry_id}", "http://x.example/", "mailto:help@x.example", "tel:+4930123"],
)
def test_allowed_schemes(template: str) -> None:
    assert check_template(template) == template


def test_values_are_encoded_as_url_components() -> None:
    url = fill(
        "https://chat.example/start?topic={question}&from={page_url}&q={query}",
        question="Can I pay & go? 100% / 退货",
        page_url="https://help.example/a/?x=1#y",
        query="a+b=c",
    )
    parsed = parse_qs(urlsplit(url).query)
    assert parsed == {
        "topic": ["Can I pay & go? 100% / 退货"],
        "from": ["https://help.example/a/?x=1#y"],
        "q": ["a+b=c"],
    }


def test_unfilled_placeholders_stay_for_the_browser() -> None:
    assert fill("https://x.example/?e={entry_id}&q={query}", entry_id="a b") == (
        "https://x.example/?e=a%20b&q={query}"
    )


def test_mailto_subject_and_body_are_encoded() -> None:
    template = mailto_template("help@x.example", "Question: {question}", "Hi,\n\nPage: {page_url}")
    url = fill(template, question="Ship & pay?", page_url="https://h.example/q/?a=1&b=2")
    assert url.startswith("mailto:help@x.example?subject=")
    query = dict(part.split("=", 1) for part in urlsplit(url).query.split("&"))
    assert unquote(query["subject"]) == "Question: Ship & pay?"
    assert unquote(query["body"]) == "Hi,\n\nPage: https://h.example/q/?a=1&b=2"


def test_tel_href_keeps_digits_and_plus() -> None:
    assert tel_href("+49 (30) 5550-1234") == "tel:+493055501234"


def test_channel_link_for_a_page() -> None:
    chat = Channel("chat", "Chat", "https://c.example/?e={entry_id}&p={page_url}&q={query}")
    link = chat.for_page(page_url="https://h.example/questions/x/", entry_id="x")
    assert link.href == "https://c.example/?e=x&p=https%3A%2F%2Fh.example%2Fquestions%2Fx%2F"
    assert link.template == "https://c.example/?e=x&p={page_url}&q={query}"


def test_a_field_whose_placeholders_are_all_empty_is_left_out() -> None:
    """As the README says and help.js does at click time: no empty ``topic=`` with no answer
    open, no empty ``product=`` on the help site (the widget's placeholder)."""
    chat = Channel("chat", "Chat", "https://c.example/?topic={question}&product={product}&p={page_url}&x=1#top")
    link = chat.for_page(page_url="https://h.example/search/")
    assert link.href == "https://c.example/?p=https%3A%2F%2Fh.example%2Fsearch%2F&x=1#top"
    # what the build does not know stays for the browser (the contact page's own parameters)
    assert link.template == "https://c.example/?topic={question}&p={page_url}&x=1#top"
    only = Channel("chat", "Chat", "https://c.example/start?product={product}")
    assert only.for_page(page_url="https://h.example/").href == "https://c.example/start"


def test_the_product_of_a_product_page_and_of_the_search_page() -> None:
    """A product page's links carry its product (also without JavaScript); the search page's
    template keeps ``{product}`` for the browser (the product it asks about, ``?product=``)."""
    chat = Channel("chat", "Chat", "https://c.example/?product={product}&p={page_url}")
    on_product = chat.for_page(page_url="https://h.example/products/aero-one/", product="aero-one")
    assert on_product.href == "https://c.example/?product=aero-one&p=https%3A%2F%2Fh.example%2Fproducts%2Faero-one%2F"
    assert on_product.template == "https://c.example/?product=aero-one&p={page_url}"
    on_search = chat.for_page(page_url="https://h.example/search/", product=None)
    assert on_search.href == "https://c.example/?p=https%3A%2F%2Fh.example%2Fsearch%2F"
    assert on_search.template == "https://c.example/?product={product}&p={page_url}"


def test_an_email_line_whose_placeholders_are_all_empty_is_left_out() -> None:
    body_template = "Hi,\nEntry: {entry_id}\nProduct: {product}\nPage: {page_url}"
    template = mailto_template("help@x.example", "Help", body_template)

    def body(url: str) -> str:
        return unquote(dict(part.split("=", 1) for part in urlsplit(url).query.split("&"))["body"])

    assert body(fill(template, entry_id="", product="")) == "Hi,\nPage: {page_url}"
    assert body(fill(template, entry_id="x")) == "Hi,\nEntry: x\nProduct: {product}\nPage: {page_url}"
