"""Property-based: whatever front matter or catalog a writer commits, the loader either loads it
or raises ContentError with problems that name a file, a line and a field. Nothing else."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.content.loader import load
from kbgen.core.errors import ContentError
from kbgen.core.i18n import default_stages

FIELDS = [
    "id",
    "question",
    "stage",
    "summary",
    "keywords",
    "products",
    "related",
    "aliases",
    "updated",
    "order",
    "popular",
]
PRODUCT_FIELDS = [
    "id",
    "name",
    "summary",
    "url",
    "image",
    "compatible_with",
    "accessories",
    "incompatible_with",
]
STAGES = default_stages("en")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["a", "b", "aero-one", "after-delivery", "x-1", ""]),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _mapping(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys) | st.text(max_size=10), values, max_size=len(keys) + 2)


def _check(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp)
        for name, text in files.items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        try:
            load(content, STAGES, shown_dir="content")
        except ContentError as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.path.startswith("content/") and p.line >= 1 and p.field and p.message
                assert len(str(p)) < 600  # huge values are cut


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(front=st.lists(_mapping(FIELDS), min_size=1, max_size=3), body=st.text(max_size=50))
def test_random_front_matter(front: list[dict[str, Any]], body: str) -> None:
    files: dict[str, str | bytes] = {}
    for i, data in enumerate(front):
        try:
            dumped = yaml.safe_dump(data, allow_unicode=True)
        except yaml.YAMLError:
            return
        files[f"e{i}.md"] = f"---\n{dumped}---\n{body}"
    _check(files)


@SETTINGS
@given(catalog=st.lists(_mapping(PRODUCT_FIELDS), max_size=4) | values, entry=_mapping(FIELDS))
def test_random_catalog(catalog: Any, entry: dict[str, Any]) -> None:
    try:
        files: dict[str, str | bytes] = {
            "products.yml": yaml.safe_dump(catalog, allow_unicode=True),
            "q.md": "---\n" + yaml.safe_dump(entry, allow_unicode=True) + "---\n",
        }
    except yaml.YAMLError:
        return
    _check(files)


@SETTINGS
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: "---\n" + t))
def test_random_bytes_and_text(raw: bytes | str) -> None:
    _check({"raw.md": raw, "products.yml": raw})


TAGS = ["", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!binary ", "!!set ",
        "!!omap ", "!!pairs ", "!!seq ", "!!map ", "!!python/object/apply:os.system ", "!x "]  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(
        ["2026-02-30", "2026-13-45", "0x1F", "1e999", ".nan", "-.inf", "xyz", "0o9", "1_000", "~",
         "{a: 1}", "[a, [b]]", "'quoted'", "\"\\0\"", "\"\\x07bell\"", "&a [*a]", "*nope", "9" * 5000,
         "2026-02-30T25:61:00Z", "yes", "No", "=", "<<: {a: 1}"]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entry=st.lists(st.tuples(st.sampled_from([*FIELDS, "x"]), st.sampled_from(TAGS), SCALARS), max_size=8),
    product=st.lists(st.tuples(st.sampled_from(PRODUCT_FIELDS), st.sampled_from(TAGS), SCALARS), max_size=6),
)
def test_invalid_scalars_and_tags(
    entry: list[tuple[str, str, str]], product: list[tuple[str, str, str]]
) -> None:
    """Raw YAML lines with tags and impossible values, not only what yaml.safe_dump writes:
    the loader loads the content or reports problems naming a file; nothing else escapes."""

    def lines(fields: list[tuple[str, str, str]], indent: str) -> str:
        return "".join(f"{indent}{name}: {tag}{value}\n".replace("\r", " ") for name, tag, value in fields)

    _check(
        {
            "x.md": "---\n" + lines(entry, "") + "---\nBody\n",
            "products.yml": "- id: p\n" + lines(product, "  "),
        }
    )
