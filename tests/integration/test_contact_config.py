"""`kbgen check` on contact options: unsafe URLs are refused, naming the mkdocs.yml key and line."""

from __future__ import annotations

from tests.conftest import WriteSite, entry, run_kbgen

CONFIG = """\
site_name: S
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - kbgen:
      contact:
        hotline:
          number: call us
        chat:
          url: javascript:alert(document.cookie)
        email:
          address: not-an-address
        form:
          url: https://x.example/?e={entryid}
        community:
          url: data:text/html,<script>alert(1)</script>
      feedback:
        url: javascript:void(0)
"""


def test_unsafe_channel_urls_are_refused_with_key_and_line(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry()}, config=CONFIG)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        "mkdocs.yml:10: plugins.kbgen.contact.hotline.number: 'call us' is not a phone number",
        "mkdocs.yml:12: plugins.kbgen.contact.chat.url: 'javascript:alert(document.cookie)' is not "
        "allowed: a channel URL must start with https:, http:, mailto: or tel:",
        "mkdocs.yml:14: plugins.kbgen.contact.email.address: 'not-an-address' is not an email address",
        "mkdocs.yml:16: plugins.kbgen.contact.form.url: unknown placeholder {entryid}; use {entry_id}, "
        "{question}, {stage}, {page_url}, {query}, {product}",
        "mkdocs.yml:18: plugins.kbgen.contact.community.url: 'data:text/html,<script>alert(1)</script>' "
        "is not allowed: a channel URL must start with https:, http:, mailto: or tel:",
        "mkdocs.yml:20: plugins.kbgen.feedback.url: 'javascript:void(0)' is not allowed: "
        "use an https:// address",
        "6 problems found; more checks run once these are fixed.",  # the content waits for mkdocs.yml
    ]
    build = run_kbgen("build", cwd=root)
    assert build.returncode == 1 and not (root / "site").exists()
