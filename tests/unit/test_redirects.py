"""Entry aliases (kbgen/deploy/redirects.py): the forced ``_redirects`` rules and the fallback
pages, at the root and under a base path, with and without directory URLs."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from kbgen.core.model import Entry, KnowledgeBase, Stage
from kbgen.deploy.redirects import RedirectPage, plan, redirect_page, rules_file


def _entry(entry_id: str, aliases: tuple[str, ...] = ()) -> Entry:
    return Entry(
        id=entry_id,
        question=f"Question {entry_id}?",
        stage="after-delivery",
        summary="Answer.",
        body="",
        path=f"after-delivery/{entry_id}.md",
        aliases=aliases,
    )


KB = KnowledgeBase(
    stages=(Stage("after-delivery", "After delivery"),),
    entries=(
        # listed out of order on purpose: the plan is sorted by entry id, then by alias
        _entry("return-item", aliases=("send-back", "refund-opened")),
        _entry("no-aliases"),
        _entry("descale", aliases=("cleaning",)),
    ),
)


def test_rules_at_the_root_with_directory_urls() -> None:
    p = plan(KB, "", True)
    assert p.rules == [
        ("/questions/cleaning/", "/questions/descale/"),
        ("/questions/cleaning", "/questions/descale/"),
        ("/questions/cleaning/index.html", "/questions/descale/"),
        ("/questions/refund-opened/", "/questions/return-item/"),
        ("/questions/refund-opened", "/questions/return-item/"),
        ("/questions/refund-opened/index.html", "/questions/return-item/"),
        ("/questions/send-back/", "/questions/return-item/"),
        ("/questions/send-back", "/questions/return-item/"),
        ("/questions/send-back/index.html", "/questions/return-item/"),
    ]
    assert p.pages == [
        RedirectPage("questions/cleaning/index.html", "../descale/"),
        RedirectPage("questions/refund-opened/index.html", "../return-item/"),
        RedirectPage("questions/send-back/index.html", "../return-item/"),
    ]


def test_rules_under_a_base_path_with_directory_urls() -> None:
    p = plan(KB, "/help", True)
    assert p.rules[:3] == [
        ("/help/questions/cleaning/", "/help/questions/descale/"),
        ("/help/questions/cleaning", "/help/questions/descale/"),
        ("/help/questions/cleaning/index.html", "/help/questions/descale/"),
    ]
    assert len(p.rules) == 9
    assert all(
        old.startswith("/help/questions/") and new.startswith("/help/questions/") for old, new in p.rules
    )
    # pages are written inside the site directory, whatever its public base path
    assert p.pages == plan(KB, "", True).pages


def test_rules_at_the_root_without_directory_urls() -> None:
    p = plan(KB, "", False)
    assert p.rules == [
        ("/questions/cleaning.html", "/questions/descale.html"),
        ("/questions/cleaning", "/questions/descale.html"),
        ("/questions/refund-opened.html", "/questions/return-item.html"),
        ("/questions/refund-opened", "/questions/return-item.html"),
        ("/questions/send-back.html", "/questions/return-item.html"),
        ("/questions/send-back", "/questions/return-item.html"),
    ]
    assert p.pages == [
        RedirectPage("questions/cleaning.html", "descale.html"),
        RedirectPage("questions/refund-opened.html", "return-item.html"),
        RedirectPage("questions/send-back.html", "return-item.html"),
    ]


def test_rules_under_a_base_path_without_directory_urls() -> None:
    p = plan(KB, "/a/b", False)
    assert p.rules[:2] == [
        ("/a/b/questions/cleaning.html", "/a/b/questions/descale.html"),
        ("/a/b/questions/cleaning", "/a/b/questions/descale.html"),
    ]
    assert p.pages[0] == RedirectPage("questions/cleaning.html", "descale.html")


def test_each_redirect_page_leads_a_browser_to_the_entry_page() -> None:
    """Resolved the way a browser does, from the old page's own URL under a base path."""
    site = "https://shop.example/help/"
    for directory, suffix in ((True, "/"), (False, ".html")):
        found = {
            page.dest: urljoin(site + page.dest, page.target) for page in plan(KB, "/help", directory).pages
        }
        old = "/index.html" if directory else ".html"
        assert found == {
            f"questions/cleaning{old}": f"{site}questions/descale{suffix}",
            f"questions/refund-opened{old}": f"{site}questions/return-item{suffix}",
            f"questions/send-back{old}": f"{site}questions/return-item{suffix}",
        }


def test_no_aliases_no_redirects() -> None:
    kb = KnowledgeBase(stages=KB.stages, entries=(_entry("no-aliases"),))
    p = plan(kb, "/help", True)
    assert p.rules == []
    assert p.pages == []


def test_rules_file_forces_every_rule() -> None:
    text = rules_file(
        [("/help/questions/old/", "/help/questions/new/"), ("/questions/a", "/questions/b.html")]
    )
    lines = text.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    rules = [line for line in lines if line and not line.startswith("#")]
    assert comments and len(comments) + len(rules) == len(lines)
    assert rules == [
        "/help/questions/old/  /help/questions/new/  301!",
        "/questions/a  /questions/b.html  301!",
    ]
    assert text.endswith("301!\n")


class _Page(HTMLParser):
    """What a browser would see of a redirect page: its elements and their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def test_redirect_page_sends_browsers_and_crawlers_to_the_target() -> None:
    page = _parse(redirect_page("../return-item/", "en"))
    tags = dict((tag, attrs) for tag, attrs in page.tags if tag in ("html", "link", "a"))
    assert tags["html"] == {"lang": "en"}
    assert tags["link"] == {"rel": "canonical", "href": "../return-item/"}
    assert tags["a"] == {"href": "../return-item/"}
    metas = [attrs for tag, attrs in page.tags if tag == "meta"]
    assert {"http-equiv": "refresh", "content": "0; url=../return-item/"} in metas
    assert {"name": "robots", "content": "noindex"} in metas
    assert not any(tag == "script" for tag, _ in page.tags)


def test_redirect_page_escapes_a_hostile_target_and_language() -> None:
    target = '"><script>alert(1)</script><a href="x'
    language = 'en"><script>alert(2)</script>'
    text = redirect_page(target, language)
    assert "<script>" not in text
    page = _parse(text)
    assert [tag for tag, _ in page.tags] == [
        "html",
        "head",
        "meta",
        "title",
        "meta",
        "link",
        "meta",
        "body",
        "p",
        "a",
    ]
    assert page.tags[0][1] == {"lang": language}
    link = next(attrs for tag, attrs in page.tags if tag == "link")
    assert link["href"] == target  # the value survives intact, as text inside the attribute
    anchor = next(attrs for tag, attrs in page.tags if tag == "a")
    assert anchor == {"href": target}
    assert target in "".join(page.text)
