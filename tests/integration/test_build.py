"""Real `kbgen build` runs of small fixture projects."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import WriteSite, entry, run_kbgen
from tests.helpers import json_ld, page

HOSTILE_Q = "Is <img src=x onerror=alert(1)> &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt; ok?"
HOSTILE_S = 'Quote " breaks <script>alert(3)</script> attributes.'
HOSTILE_BODY = """\
<script>alert(4)</script>
<img src="x.png" onerror="alert(5)">

[click](javascript:alert(6)) and [data](data:text/html,<b>x</b>) and <a href="#" onclick="alert(7)">a</a>

<iframe src="https://evil.example/"></iframe>

## Steps

1. Fine [link](other.md).
"""


def test_hostile_content_is_shown_as_text_and_never_runs(write_site: WriteSite, tmp_path: Path) -> None:
    root = write_site(
        {
            "content/hostile.md": entry(
                question=f"'{HOSTILE_Q}'", summary=f"'{HOSTILE_S}'", body=HOSTILE_BODY
            ),
            "content/other.md": entry(question="Other?", stage="before-purchase"),
        }
    )
    run_kbgen("build", cwd=root, check=True)
    html_text = (root / "site/questions/hostile/index.html").read_text(encoding="utf-8")
    soup = page(root / "site", "questions/hostile")

    assert soup.h1.get_text() == HOSTILE_Q  # shown literally
    assert soup.select_one(".kb-answer__text").get_text() == HOSTILE_S
    assert soup.title.get_text().startswith(HOSTILE_Q)
    assert soup.find("meta", attrs={"name": "description"})["content"] == HOSTILE_S
    assert json_ld(soup)[0]["mainEntity"][0]["name"] == HOSTILE_Q
    for n in range(1, 8):
        assert f"alert({n})" not in str(soup.select_one(".kb-details") or ""), n
    scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
    assert all("alert(" not in (s.string or "") for s in scripts)
    assert not soup.find_all(attrs={"onerror": True}) and not soup.find_all(attrs={"onclick": True})
    assert not soup.find("iframe")
    hrefs = [a.get("href", "") for a in soup.find_all("a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    assert "../other/" in hrefs  # a normal relative link to another entry still works
    assert "<script>alert(2)" not in html_text and "</title><script>" not in html_text


def test_failed_build_keeps_the_previous_site(write_site: WriteSite) -> None:
    root = write_site({"content/ok.md": entry()})
    run_kbgen("build", cwd=root, check=True)
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}

    (root / "content/broken.md").write_text("---\nquestion: [\n---\n", encoding="utf-8")
    proc = run_kbgen("build", cwd=root)

    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "content/broken.md:3: front matter: invalid YAML: while parsing a flow node, "
        "did not find expected node content",
        "1 problem found; more checks run once these are fixed; nothing was built; the previous site "
        "is unchanged.",
    ]
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]


def test_plain_mkdocs_build_reports_problems_without_traceback(write_site: WriteSite) -> None:
    import subprocess
    import sys

    root = write_site({"content/a.md": entry(related="[nope]")})
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 1
    assert "content/a.md:5: related: unknown entry 'nope'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_chinese_site_has_chinese_ui_and_default_stage_titles(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/tui.md": entry(
                id="return-goods",
                question="怎么退货？",
                summary="30 天内可以退货。",
                body="## 步骤\n\n在订单页面申请。\n",
            )
        },
        language="zh",
    )
    run_kbgen("build", cwd=root, check=True)
    soup = page(root / "site", "questions/return-goods")
    assert soup.html["lang"] == "zh"
    assert soup.h1.get_text() == "怎么退货？"
    assert [a.get_text() for a in soup.select(".kb-breadcrumbs a")] == ["首页", "售后服务"]
    assert soup.select_one("#kb-answer-h").get_text() == "简要回答"
    assert soup.select_one("#kb-contact-h").get_text() == "仍需帮助？"
    home = page(root / "site", "")
    assert [h.get_text(strip=True) for h in home.select(".kb-card h3")] == [
        "售前咨询",
        "下单与支付",
        "订单与物流",
        "售后服务",
    ]


def test_configured_stages_rename_and_reorder(write_site: WriteSite) -> None:
    config = (
        "site_name: S\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - kbgen:\n      stages:\n        - id: buying\n          title: Buying\n"
        "        - id: using\n          title: Using <it>\n          description: Tips & fixes\n"
    )
    root = write_site({"content/q.md": entry(stage="using")}, config=config)
    run_kbgen("build", cwd=root, check=True)
    home = page(root / "site", "")
    assert [h.get_text(strip=True) for h in home.select(".kb-card h3")] == ["Buying", "Using <it>"]
    assert (root / "site/using/index.html").exists()

    bad = config.replace("id: buying", "id: questions").replace("title: Buying", "title: ''")
    (root / "mkdocs.yml").write_text(bad, encoding="utf-8")
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[:2] == [
        "mkdocs.yml:9: plugins.kbgen.stages[1].id: 'questions' is a URL kbgen uses; choose another id",
        "mkdocs.yml:10: plugins.kbgen.stages[1].title: is required",
    ]


def test_config_typos_and_yaml_errors_name_the_line(write_site: WriteSite) -> None:
    config = (
        "site_name: S\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - kbgen:\n      popular: 3\n      stagez: []\n"
    )
    root = write_site({"content/q.md": entry()}, config=config)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "mkdocs.yml:9: plugins.kbgen.stagez: Unrecognised configuration name: stagez"
    )
    (root / "mkdocs.yml").write_text("site_name: [S\ndocs_dir: content\n", encoding="utf-8")
    proc = run_kbgen("check", cwd=root)
    assert proc.stderr.splitlines()[0] == (
        "mkdocs.yml:1: config: invalid YAML: did not find expected ',' or ']' (the list opened with '[' "
        "on this line is not closed)"
    )


def test_aliases_become_redirects(write_site: WriteSite) -> None:
    root = write_site(
        {
            "content/returns.md": entry(aliases="[return-policy, refunds-old]"),
        }
    )
    run_kbgen("build", cwd=root, check=True)
    rules = (root / "site/_redirects").read_text(encoding="utf-8").splitlines()
    # forced (301!): the redirect page at the old path must not shadow the rule on Netlify
    assert "/questions/return-policy/  /questions/returns/  301!" in rules
    assert "/questions/refunds-old  /questions/returns/  301!" in rules
    old = page(root / "site", "questions/return-policy")
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../returns/"
    assert old.find("link", rel="canonical")["href"] == "../returns/"


def test_builds_are_reproducible(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"site{n}"
        subprocess.run(
            [sys.executable, "-m", "kbgen", "build", "-d", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    different = [str(p) for p in outputs[0] if outputs[0][p] != outputs[1][p]]
    assert different == []
    assert any(p.name == "sitemap.xml" for p in outputs[0])


def test_broken_links_and_anchors_fail_the_build(write_site: WriteSite) -> None:
    root = write_site({
        "content/a.md": entry(body="See [b](b.md#no-such-heading) and [gone](gone.md).\n"),
        "content/b.md": entry(question="B?", body="## Real heading\n\nText.\n"),
    })
    proc = run_kbgen("build", cwd=root)
    assert proc.returncode == 1
    # the missing file is a content problem: the check before the build names file and line
    assert "content/a.md:7: body: link 'gone.md' goes to no entry or published file" in proc.stderr
    assert not (root / "site").exists()

    (root / "content/a.md").write_text(entry(body="See [b](b.md#no-such-heading).\n"), encoding="utf-8")
    proc = run_kbgen("build", cwd=root)
    assert proc.returncode == 1  # the missing anchor: the strict build itself
    assert "'b.md#no-such-heading'" in proc.stderr and "no-such-heading" in proc.stderr
    assert not (root / "site").exists()

    (root / "content/a.md").write_text(entry(body="See [b](b.md#real-heading).\n"), encoding="utf-8")
    run_kbgen("build", cwd=root, check=True)
    html_text = (root / "site/questions/a/index.html").read_text(encoding="utf-8")
    assert 'href="../b/#real-heading"' in html_text
