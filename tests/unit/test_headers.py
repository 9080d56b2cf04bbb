"""The CSP is computed from the pages: executable inline scripts are hashed, data blocks are not."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from kbgen.deploy.headers import content_security_policy, inline_script_hashes


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hashes_cover_inline_scripts_only(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<script>var a=1</script><script src="x.js"></script>'
        '<script type="application/ld+json">{"x":1}</script>'
        '<script id="__config" type="application/json">{}</script>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text(
        "<script>var a=1</script><script>b()</script>", encoding="utf-8"
    )
    assert inline_script_hashes(tmp_path) == sorted([_sha("var a=1"), _sha("b()")])


def test_policy_allows_only_configured_outside_origins() -> None:
    csp = content_security_policy(
        ["'sha256-x'"],
        post_to=["https://feedback.example/path?q=1"],
        images_from=["images/a.svg", "https://cdn.example/img.png"],
    )
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    assert directives["script-src"] == "'self' 'sha256-x'"
    assert directives["connect-src"] == "'self' https://feedback.example"
    assert directives["form-action"] == "'self' https://feedback.example"
    assert directives["img-src"] == "'self' data: https://cdn.example"
    assert directives["frame-ancestors"] == "'none'"


def test_scripts_inside_the_entry_content_are_never_hashed() -> None:
    content = "<p>hi</p><script>alert(1)</script>"
    page = f"<head><script>var own=1</script></head><body><article>{content}</article></body>"
    from kbgen.deploy.headers import template_script_hashes

    assert template_script_hashes(page, content) == {_sha("var own=1")}
    assert template_script_hashes(page) == {_sha("var own=1"), _sha("alert(1)")}  # the guard matters


def test_only_plain_origins_reach_the_policy() -> None:
    csp = content_security_policy(
        [],
        post_to=["https://f.example;script-src *", "https://ok.example:8443/x", "https://u:p@f.example/"],
        images_from=["https://img.example;sandbox/a.png", "https://a.example,b.example/", "https://'x'/"],
    )
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    assert directives["connect-src"] == "'self' https://ok.example:8443"
    assert directives["img-src"] == "'self' data:"
    assert "sandbox" not in csp and "script-src *" not in csp and "," not in csp
