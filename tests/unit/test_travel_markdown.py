"""Markdown copies are made inert like the pages: no raw HTML, no script links, no outside images."""

from __future__ import annotations

from kbgen.travel.llms import Link, Section, llms_txt
from kbgen.travel.markdown import entry_copy, inert_markdown


def _resolve(target: str) -> str | None:
    return {"a/other.md": "../other/index.html.md", "images/x.png": "../../images/x.png"}.get(
        target.partition("#")[0]
    )


HOSTILE = """\
Before <script>alert(1)</script> after.

<img src=x onerror="alert(2)">

[click](javascript:alert(3)) and [also](JaVaScRiPt&#58;alert(4)) and [data](data:text/html,hi)

![pixel](https://tracker.example/p.png) ![ours](../images/x.png)

<javascript:alert(5)> but <https://ok.example/page> stays

[ref]: javascript:alert(6)

See [the other one](other.md#why) and [nowhere](missing.md).

```html
<script>kept as code</script>
```

Inline `<b>code</b>` stays.
"""


def test_hostile_body_is_inert() -> None:
    out = inert_markdown(HOSTILE, "a/this.md", _resolve)
    assert "<script" not in out.split("```html")[0]
    assert "&lt;script>alert(1)&lt;/script>" in out
    assert "<img" not in out and "&lt;img" in out
    assert "javascript:alert(3)" not in out and "click" in out
    assert "alert(4)" not in out and "data:text" not in out
    assert "tracker.example" not in out
    assert "![ours](../../images/x.png)" in out
    assert "<javascript:" not in out
    assert "<https://ok.example/page>" in out
    assert "javascript:alert(6)" not in out
    assert "[the other one](../other/index.html.md#why)" in out
    assert "[nowhere]" not in out and "nowhere" in out
    assert "<script>kept as code</script>" in out  # fenced code is text in Markdown
    assert "`<b>code</b>`" in out


def test_copy_has_question_title_and_summary_quote() -> None:
    out = entry_copy(
        "Can I <b>return</b> it?", "Yes,\nwithin 30 days.", "## Steps\n\nDo it.\n", "a/x.md", _resolve,
        {"Web page": "<https://help.example/questions/x/>"},
    )  # fmt: skip
    lines = out.split("\n")
    assert lines[0] == "# Can I &lt;b>return&lt;/b> it?"
    assert lines[2] == "> Yes, within 30 days."
    assert "## Steps" in out and out.endswith("Web page: <https://help.example/questions/x/>\n")


def test_llms_txt_lists_questions_with_short_answers() -> None:
    text = llms_txt(
        "Shop Help",
        "Answers about our shop.",
        [
            Section(
                "After delivery", (Link("Can I [really] return it?", "q/a/index.html.md", "Yes."),), "Back."
            ),
            Section("Empty", ()),
        ],
    )
    assert text.split("\n")[:4] == ["# Shop Help", "", "> Answers about our shop.", ""]
    assert (
        "## After delivery\n\nBack.\n\n- [Can I \\[really\\] return it?](q/a/index.html.md): Yes.\n"
        in text
    )
    assert "## Empty" not in text
