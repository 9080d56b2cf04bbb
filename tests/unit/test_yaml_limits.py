"""Issue 18 (high): YAML anchors and aliases multiply content; every field's size is bounded.

Each case is a small hostile file; `kbgen check` must refuse it quickly, naming the file, the
line and the field, and build nothing from it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kbgen.content.loader import load, taken_ids
from kbgen.core.errors import ContentError
from kbgen.core.i18n import default_stages
from tests.conftest import WriteSite, entry, run_kbgen

STAGES = default_stages("en")


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(content, STAGES)
    return [str(p) for p in caught.value.problems]


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return content


def test_an_anchor_repeated_thousands_of_times_in_keywords_is_refused_by_check(write_site: WriteSite) -> None:
    big = "x" * 5_000
    refs = ", ".join(["*k"] * 5_000)  # 137 KB in the issue; 20 KB here, 25 MB once expanded
    text = (
        "---\nquestion: Where is my parcel?\nstage: after-the-order\nsummary: Tracking.\n"
        f"products: [&k {big}]\nkeywords: [{refs}]\n---\n\nBody.\n"
    )
    root = write_site({"content/bomb.md": text})
    start = time.perf_counter()
    proc = run_kbgen("check", cwd=root)
    took = time.perf_counter() - start
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[:2] == [
        "content/bomb.md:5: products: uses the YAML anchor '&k'; anchors (&) and aliases (*) are not "
        "allowed in content, because an alias can repeat a value thousands of times: write each value out",
        "content/bomb.md:6: keywords: uses the YAML alias '*k' (and 4,999 more anchors or aliases); "
        "anchors (&) and aliases (*) are not allowed in content, because an alias can repeat a value "
        "thousands of times: write each value out",
    ]
    assert took < 20, f"check took {took:.1f}s"
    assert not (root / "site").exists()


def test_a_catalog_with_aliases_is_refused(write_site: WriteSite) -> None:
    catalog = (
        "- &p\n  id: aero\n  name: Aero\n  summary: &s Espresso machine.\n  url: https://shop.example/aero\n"
        "  keywords: &words [" + ", ".join(f"w{i}" for i in range(40)) + "]\n"
        "- id: duo\n  name: Duo\n  summary: *s\n  url: https://shop.example/duo\n"
        "  aliases: [*words, *words, *words]\n"
        "- *p\n"
    )
    root = write_site({"content/a.md": entry(), "content/products.yml": catalog})
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[:-1] == [
        "content/products.yml:1: catalog: uses the YAML anchor '&p' (and 1 more anchors or aliases); "
        "anchors (&) and aliases (*) are not allowed in content, because an alias can repeat a value "
        "thousands of times: write each value out",
        "content/products.yml:4: aero.summary: uses the YAML anchor '&s'; anchors (&) and aliases (*) "
        "are not allowed in content, because an alias can repeat a value thousands of times: write "
        "each value out",
        "content/products.yml:6: aero.keywords: uses the YAML anchor '&words'; anchors (&) and aliases "
        "(*) are not allowed in content, because an alias can repeat a value thousands of times: write "
        "each value out",
        "content/products.yml:9: duo.summary: uses the YAML alias '*s'; anchors (&) and aliases (*) "
        "are not allowed in content, because an alias can repeat a value thousands of times: write "
        "each value out",
        "content/products.yml:11: duo.aliases: uses the YAML alias '*words' (and 2 more anchors or "
        "aliases); anchors (&) and aliases (*) are not allowed in content, because an alias can repeat "
        "a value thousands of times: write each value out",
    ]


def test_nested_aliases_do_not_expand_in_check_or_new(tmp_path: Path) -> None:
    """A "billion laughs": nine levels of ten aliases is 10⁹ items once expanded."""
    levels = ["a0: &a0 [lol]"] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    text = "---\n" + "\n".join(levels) + "\naliases: [*a8, *a8]\nquestion: Q?\nstage: after-delivery\n---\n"
    content = _write(tmp_path, {"laughs.md": text})
    start = time.perf_counter()
    found = _problems(content)
    assert time.perf_counter() - start < 5
    assert any(p.startswith("content/laughs.md:11: aliases: uses the YAML alias '*a8'") for p in found)
    assert any(p.startswith("content/laughs.md:2: a0: uses the YAML anchor '&a0'") for p in found)
    assert taken_ids(content) == {"laughs"}  # kbgen new and import read ids without expanding


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"question": "Q" * 301},
            "content/e.md:2: question: is 301 characters long; the longest kbgen takes is 300",
        ),
        (
            {"summary": "S" * 1001},
            "content/e.md:4: summary: is 1,001 characters long; the longest kbgen takes is 1,000",
        ),
        (
            {"keywords": "[" + "k" * 101 + "]"},
            "content/e.md:5: keywords: item 1 is 101 characters long; the longest kbgen takes is 100",
        ),
        (
            {"keywords": "[" + ", ".join(f"k{i}" for i in range(51)) + "]"},
            "content/e.md:5: keywords: has 51 items; kbgen takes up to 50",
        ),
        (
            {"related": "[" + ", ".join(f"e{i}" for i in range(101)) + "]"},
            "content/e.md:5: related: has 101 items; kbgen takes up to 100",
        ),
        ({"id": "a" * 101}, "content/e.md:5: id: is 101 characters long; an id has at most 100"),
        (
            {"keywords": "[[[[deep]]]]"},
            "content/e.md:5: keywords: is nested more than 3 levels deep (lists inside lists); "
            "write a list of words or of ids",
        ),
    ],
    ids=["question", "summary", "keyword", "keywords", "related", "id", "depth"],
)
def test_every_field_is_bounded(tmp_path: Path, extra: dict[str, str], message: str) -> None:
    fields = {"question": "Q?", "stage": "after-delivery", "summary": "S."} | extra
    order = ["question", "stage", "summary"] + [k for k in extra if k not in ("question", "summary")]
    text = "---\n" + "".join(f"{k}: {fields[k]}\n" for k in order) + "---\n\nBody.\n"
    content = _write(tmp_path, {"e.md": text})
    assert message in _problems(content)


def test_a_list_nested_5000_deep_is_one_clear_problem_at_its_line(tmp_path: Path) -> None:
    """Refused at line 5 either by kbgen's depth bound or, with newer PyYAML, by its own nesting
    limit; never a RecursionError."""
    text = "---\nquestion: Q?\nstage: after-delivery\nsummary: S.\nkeywords: "
    text += "[" + "[" * 5000 + "]" * 5000 + "]\n---\n\nBody.\n"
    found = _problems(_write(tmp_path, {"e.md": text}))
    assert len(found) == 1 and found[0].startswith("content/e.md:5: "), found
    assert "nest" in found[0], found


def test_front_matter_and_body_are_bounded(tmp_path: Path) -> None:
    long_front = "---\nquestion: Q?\nstage: after-delivery\nsummary: S.\n" + "# pad\n" * 6_000 + "---\n\nB.\n"
    long_body = entry(stage="after-delivery", body="word " * 20_001)
    content = _write(tmp_path, {"front.md": long_front, "body.md": long_body})
    found = _problems(content)
    assert "content/body.md:7: body: is 100,005 characters long; kbgen takes up to 100,000 (split it " \
        "into several entries)" in found
    assert "content/front.md:2: front matter: is 36,047 characters long; kbgen takes up to 32,000" in found


def test_a_catalog_field_is_bounded(tmp_path: Path) -> None:
    catalog = (
        "- id: aero\n  name: " + "N" * 201 + "\n  summary: S.\n  url: https://shop.example/aero\n"
        "  compatible_with: [" + ", ".join(f"p{i}" for i in range(1001)) + "]\n"
    )
    content = _write(tmp_path, {"a.md": entry(), "products.yml": catalog})
    found = _problems(content)
    name = "content/products.yml:2: aero.name: is 201 characters long; the longest kbgen takes is 200"
    assert name in found
    assert "content/products.yml:5: aero.compatible_with: has 1,001 items; kbgen takes up to 1,000" in found
