"""The widget's settings against hostile shop URLs and careless options (issue 18): page rules
match in linear time whatever the rule and the URL, origins written with their default port
are the origin a browser sends, and ``widget.pass_query`` is checked."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kbgen.content.settings import ConfigLines, resolve_widget
from kbgen.core.errors import ContentError
from kbgen.core.widget import PageRule, WidgetSettings, match
from kbgen.deploy.headers import headers_file
from kbgen.widget import files
from tests.unit.test_views import STAGES
from tests.unit.test_views import kb as kb  # the module fixture
from tests.unit.test_widget import _site

ROOT = Path(__file__).resolve().parents[2]


def _oracle(rule: str, path: str) -> re.Match[str] | None:
    """What a rule means, as a backtracking regular expression (fine for tiny inputs only)."""
    out = []
    for part in re.split(r"(\*|\{product\})", rule):
        out.append(".*" if part == "*" else "([^/]+)" if part == "{product}" else re.escape(part))
    trim = lambda p: p[:-1] if len(p) > 1 and p.endswith("/") else p  # noqa: E731
    return re.compile("".join(out) + r"\Z").match(trim(path)) if rule else None


def _trimmed(path: str) -> str:
    return path[:-1] if len(path) > 1 and path.endswith("/") else path


def test_matching_agrees_with_the_meaning_of_the_rules_on_many_small_cases() -> None:
    rng = random.Random(18)
    alphabet = "ab/-."
    for _ in range(4000):
        rule = "/" + "".join(
            rng.choice(["a", "b", "/", "*", "-", "*", "a"]) for _ in range(rng.randint(0, 7))
        )
        if rng.random() < 0.5:
            at = rng.randint(1, len(rule))
            rule = rule[:at] + "{product}" + rule[at:]
        path = "/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        pattern = _trimmed(rule)
        expected = _oracle(pattern, path)
        got = match((PageRule(rule, "" if "{product}" in rule else "s"),), path)
        assert (got is not None) == (expected is not None), (rule, path, got)
        if got and got[0] == "product":
            # the id found is one the rule can capture there
            fixed = re.escape(pattern).replace(re.escape("{product}"), re.escape(got[1]))
            assert re.fullmatch(fixed.replace(r"\*", ".*"), _trimmed(path)), (rule, path, got)
            assert "/" not in got[1] and got[1]


@pytest.mark.parametrize(
    ("rule", "path", "found"),
    [
        ("/products/{product}", "/products/aero-one", ("product", "aero-one")),
        ("/*/{product}", "/a/b/c", ("product", "c")),
        ("/shop/*/item-{product}.html", "/shop/x/y/item-tamper.html", ("product", "tamper")),
        ("/shop/*/item-{product}.html", "/shop/x/item-a.html/item-b.html", ("product", "b")),
        ("/de/*/p/{product}/*", "/de/kaffee/p/grinder/reviews/5", ("product", "grinder")),
        ("/a*b*c", "/abc", ("stage", "s")),
        ("/a*b*c", "/acb", None),
    ],
)
def test_rules_capture_what_a_reader_expects(rule: str, path: str, found: tuple[str, str] | None) -> None:
    assert match((PageRule(rule, "" if "{product}" in rule else "s"),), path) == found


def test_a_crafted_long_url_and_a_many_star_rule_finish_fast() -> None:
    """A backtracking matcher needs hours here; a linear one well under a second. Run in a
    child process so a regression fails on the (generous) timeout instead of hanging."""
    script = textwrap.dedent(
        """
        from kbgen.core.widget import PageRule, match
        stars = "/" + "a*" * 40
        rules = (PageRule(stars + "b", "s"), PageRule(stars + "/{product}"), PageRule("/*{product}*x"))
        long = "/" + "a" * 60_000
        print(match(rules, long))
        print(match(rules, long + "b"))
        print(match(rules, long + "/tamper-58"))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["None", "('stage', 's')", "('product', 'tamper-58')"]


def test_origins_with_their_default_port_are_the_origin_browsers_send() -> None:
    settings = resolve_widget(
        {
            "origins": [
                "https://Shop.Example:443",
                "http://shop.example:80/",
                "https://shop.example:8443",
                "https://shop.example",  # the same as the first
            ]
        },
        STAGES,
        ConfigLines(None),
    )
    assert settings.origins == ("https://shop.example", "http://shop.example", "https://shop.example:8443")


def test_one_origin_with_its_port_is_what_cors_allows(kb: object) -> None:
    settings = resolve_widget({"origins": ["https://shop.example:443"]}, STAGES, ConfigLines(None))
    text = headers_file("x", "", files.cross_origin(_site(kb), settings))  # type: ignore[arg-type]
    assert "/widget.js\n  Access-Control-Allow-Origin: https://shop.example\n" in text
    loader = files.build(_site(kb), settings, title="Help", language="en")["widget.js"].decode()  # type: ignore[arg-type]
    assert '"origins":["https://shop.example"]' in loader


def test_pass_query_is_checked_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Shop\n"  # 1
        "plugins:\n"  # 2
        "  - kbgen:\n"  # 3
        "      widget:\n"  # 4
        "        pass_query:\n"  # 5
        "          - variant\n"  # 6
        "          - order key\n"  # 7
        "          - 12\n",  # 8
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        resolve_widget({"pass_query": ["variant", "order key", 12]}, STAGES, ConfigLines(config))
    assert str(info.value).splitlines() == [
        "mkdocs.yml:7: plugins.kbgen.widget.pass_query[2]: 'order key' is not a query parameter name: "
        "letters, digits and _ . ~ - [ ] only",
        "mkdocs.yml:8: plugins.kbgen.widget.pass_query[3]: '12' is not a query parameter name: "
        "letters, digits and _ . ~ - [ ] only",
        "2 problems found.",
    ]
    with pytest.raises(ContentError) as info:
        resolve_widget({"pass_query": "variant"}, STAGES, ConfigLines(None))
    assert "plugins.kbgen.widget.pass_query: must be a list of query parameter names" in str(info.value)


def test_pass_query_reaches_the_widget_data_only_when_set(kb: object) -> None:
    settings = resolve_widget({"pass_query": ["variant", "utm_source"]}, STAGES, ConfigLines(None))
    assert settings == WidgetSettings(pass_query=("variant", "utm_source"))
    from kbgen.widget.data import widget_data

    data = widget_data(_site(kb), settings, title="Help", language="en")  # type: ignore[arg-type]
    assert data["pass_query"] == ["variant", "utm_source"]
    plain = widget_data(_site(kb), WidgetSettings(), title="Help", language="en")  # type: ignore[arg-type]
    assert "pass_query" not in plain
