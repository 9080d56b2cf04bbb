"""Hostile and careless input, table-driven: each input → the exact line `kbgen check` prints.

One project holds every content case, so the test also proves all problems come in one run,
with exit status 1, no traceback, and that `kbgen build` then leaves the previous site alone.
Config cases need a project each (a broken mkdocs.yml stops before content is read).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MKDOCS_YML, WriteSite, entry, run_kbgen

SVG_OK = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4" fill="#a52"/></svg>'
)

CONTENT: dict[str, tuple[str | bytes, list[str]]] = {
    # Markdown MkDocs would render, but kbgen would not check
    "content/notes.markdown": (entry(), ["content/notes.markdown:1: file: '.markdown' files are not entries: "
                                         "rename it to .md so kbgen checks it, or remove it"]),
    "content/sub/notes.mkd": (entry(), ["content/sub/notes.mkd:1: file: '.mkd' files are not entries: "
                                        "rename it to .md so kbgen checks it, or remove it"]),
    "content/a.mdown": ("# x", ["content/a.mdown:1: file: '.mdown' files are not entries: "
                                "rename it to .md so kbgen checks it, or remove it"]),
    "content/a.mkdn": ("# x", ["content/a.mkdn:1: file: '.mkdn' files are not entries: "
                               "rename it to .md so kbgen checks it, or remove it"]),
    # raw HTML, scripts, styles: never copied verbatim
    "content/promo.html": ("<script>alert(1)</script>", [
        "content/promo.html:1: file: '.html' files are not published from content/: it may hold entries "
        "(.md), the catalog and images or documents (.avif, .gif, .ico, .jpeg, .jpg, .pdf, .png, .svg, "
        ".webp); deploy rules go in netlify.toml"]),
    "content/x.HTM": ("<b>x</b>", [
        "content/x.HTM:1: file: '.htm' files are not published from content/: it may hold entries "
        "(.md), the catalog and images or documents (.avif, .gif, .ico, .jpeg, .jpg, .pdf, .png, .svg, "
        ".webp); deploy rules go in netlify.toml"]),
    # shadowing kbgen's own script, on every page
    "content/assets/kbgen/help.js": ("alert(document.cookie)", [
        "content/assets/kbgen/help.js:1: file: '.js' files are not published from content/: it may hold "
        "entries (.md), the catalog and images or documents (.avif, .gif, .ico, .jpeg, .jpg, .pdf, .png, "
        ".svg, .webp); deploy rules go in netlify.toml"]),
    "content/assets/logo.png": (b"\x89PNG\r\n\x1a\n", [
        "content/assets/logo.png:1: file: 'assets/' is a folder of kbgen's own pages and assets; "
        "move the file to images/"]),
    "content/questions/x.png": (b"\x89PNG\r\n\x1a\n", [
        "content/questions/x.png:1: file: 'questions/' is a folder of kbgen's own pages and assets; "
        "move the file to images/"]),
    "content/_kbgen/index.md": (entry(), [
        "content/_kbgen/index.md:1: file: '_kbgen/' is kbgen's own folder; move the file out of it"]),
    "content/_redirects": ("/*  https://evil.example/  301!\n", [
        "content/_redirects:1: file: deploy rules are not taken from content/: write them in "
        "netlify.toml ([[redirects]], [[headers]]) at the project root"]),
    "content/_headers": ("/*\n  Set-Cookie: track=1\n", [
        "content/_headers:1: file: deploy rules are not taken from content/: write them in "
        "netlify.toml ([[redirects]], [[headers]]) at the project root"]),
    # SVG: published only if it only draws
    "content/images/ok.svg": (SVG_OK, []),
    "content/images/script.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>',
        ["content/images/script.svg:2: file: SVG element <script> is not allowed: an image may only "
         "draw (no scripts or links)"]),
    "content/images/onload.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        ["content/images/onload.svg:1: file: SVG attribute onload is not allowed: an image may not "
         "run scripts"]),
    "content/images/foreign.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg">\n<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">'
        "x</div></foreignObject></svg>",
        ["content/images/foreign.svg:2: file: SVG element <foreignObject> is not allowed: an image may "
         "only draw (no scripts or links)",
         "content/images/foreign.svg:2: file: SVG element <div> is not allowed: an image may only draw "
         "(no HTML inside)"]),
    "content/images/link.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<use xlink:href="javascript:alert(1)"/></svg>',
        ["content/images/link.svg:1: file: SVG link 'javascript:alert(1)' is not allowed: an image may "
         "only refer to itself (#id)"]),
    "content/images/track.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        "<style>rect { fill: url(https://t.example/p) }</style></svg>",
        ["content/images/track.svg:1: file: SVG styles may not load other files (url(…) or @import)"]),
    "content/images/laughs.svg": (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        ["content/images/laughs.svg:2: file: an SVG image may not have a DOCTYPE or entities; remove "
         "the <!DOCTYPE …> line"]),
    "content/images/xslt.svg": (  # an XSLT "image" would turn the SVG into a page on the site
        '<?xml-stylesheet type="text/xsl" href="t.png"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        ["content/images/xslt.svg:1: file: SVG processing instruction <?xml-stylesheet …?> is not "
         "allowed (it can load a style)"]),
    "content/images/escaped.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        "<style>rect { fill: u\\72l(https://t.example/p) }</style></svg>",
        ["content/images/escaped.svg:1: file: SVG styles may not load other files (url(…) or @import)"]),
    "content/images/t.png": ('<xsl:stylesheet version="1.0"/>', [
        "content/images/t.png:1: file: is not a PNG file (its content says otherwise)"]),
    "content/docs/manual.pdf": ("<html><script>alert(1)</script>", [
        "content/docs/manual.pdf:1: file: is not a PDF file (its content says otherwise)"]),
    "content/Assets/logo.png": (b"\x89PNG\r\n\x1a\n", [  # hosts that ignore case would merge it
        "content/Assets/logo.png:1: file: 'assets/' is a folder of kbgen's own pages and assets; "
        "move the file to images/"]),
    "content/images/\u202egnp.svg": (SVG_OK, [
        "content/images/\\u202egnp.svg:1: file: has a control or text-direction character in its name; "
        "rename it"]),
    "content/images/broken.svg": (
        "<svg", ["content/images/broken.svg:1: file: is not a valid SVG image: unclosed token"]),
    # impossible values and YAML tags
    "content/feb30.md": (entry(updated="2026-02-30"), [
        "content/feb30.md:5: updated: invalid value '2026-02-30': day is out of range for month"]),
    "content/floattag.md": (entry(order="!!float xyz"), [
        "content/floattag.md:5: order: invalid value 'xyz': could not convert string to float: 'xyz'"]),
    "content/timestamp.md": (entry(updated="!!timestamp 2026-13-45"), [
        "content/timestamp.md:5: updated: invalid value '2026-13-45': month must be in 1..12"]),
    "content/pyobj.md": (entry(popular="!!python/object/apply:os.system [echo hacked]"), [
        "content/pyobj.md:5: popular: invalid value: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"]),
    "content/settag.md": (entry(keywords="!!set {a: null}"), [
        "content/settag.md:5: keywords: must be a list of words or phrases, e.g. [a, b], not a set"]),
    # control characters and huge values
    "content/nul.md": (entry(question='"Where\\0 is it?"'), [
        "content/nul.md:2: question: contains the control character U+0000 at character 6; remove it"]),
    "content/huge.md": (entry(stage="x" * 1_000_000), [  # not parsed, not echoed
        "content/huge.md:2: front matter: is 1,000,077 characters long; kbgen takes up to 32,000"]),
    "content/long.md": (entry(stage="x" * 30_000), [  # not echoed whole
        "content/long.md:3: stage: is 30,000 characters long; an id has at most 100"]),
    # images from other sites: blocked by the CSP, and they would track readers
    "content/offsite.md": (entry(body="Text.\n\n![logo](https://cdn.example/logo.png)\n"), [
        "content/offsite.md:9: body: image 'https://cdn.example/logo.png' is not on this site; save it "
        "under content/images/ and link it with a relative path"]),
    "content/offsite-html.md": (entry(body='<img alt="a>b" src="//cdn.example/p.gif">\n'), [
        "content/offsite-html.md:7: body: image '//cdn.example/p.gif' is not on this site; save it "
        "under content/images/ and link it with a relative path"]),
    "content/offsite-ref.md": (entry(body="![logo][l]\n\n[l]: https://cdn.example/pixel\n"), [
        "content/offsite-ref.md:9: body: image 'https://cdn.example/pixel' is not on this site; save it "
        "under content/images/ and link it with a relative path"]),
    "content/offsite-slash.md": (entry(body="![b](/\\cdn.example/b.png)\n"), [
        "content/offsite-slash.md:7: body: image '/\\cdn.example/b.png' is not on this site; save it "
        "under content/images/ and link it with a relative path"]),
    # links the strict build would refuse: check says so first, with the line
    "content/links.md": (entry(body="See [this](nope.md).\n\n`[code](no.md)`\n\n[up](../../mkdocs.yml)\n"), [
        "content/links.md:7: body: link 'nope.md' goes to no entry or published file in content/ (an "
        "entry's .md file, an image or a PDF)",
        "content/links.md:11: body: link '../../mkdocs.yml' points outside content/; link an entry's .md "
        "file or a file in content/"]),
    # a value cannot forge a line of the log (a CI annotation here)
    "content/forge.md": (entry(stage='"x\\n::error file=README.md::pwned"'), [
        "content/forge.md:3: stage: 'x\\u000a::error file=README.md::pwned' is not a valid id: use "
        "lowercase letters, digits and single hyphens, e.g. 'return-opened-item'"]),
    # catalog origins that would break the Content-Security-Policy
    "content/products.yml": (
        "- id: kettle\n  name: Kettle\n  summary: Boils.\n  url: https://shop.example/kettle\n"
        '  image: "https://img.example;sandbox/a.png"\n'
        "- id: mug\n  name: Mug\n  summary: Holds.\n  url: \"https://shop.example,evil.example/mug\"\n"
        "- id: cup\n  name: Cup\n  summary: Holds.\n  url: https://shop.example/cup\n"
        "  image: http://127.0.0.1:9/x.png\n"
        "- id: pot\n  name: Pot\n  summary: Holds.\n  url: https://shop.example/pot\n"
        "  image: " + "a" * 300 + ".png\n",
        ["content/products.yml:5: kettle.image: 'https://img.example;sandbox/a.png' has an invalid host "
         "name 'img.example;sandbox'",
         "content/products.yml:9: mug.url: 'https://shop.example,evil.example/mug' has an invalid host "
         "name 'shop.example,evil.example'",
         "content/products.yml:14: cup.image: 'http://127.0.0.1:9/x.png' points at a machine address, not "
         "a web site: use its host name",
         "content/products.yml:19: pot.image: file '" + "a" * 80 + "' not found"]),
}


def _symlinks(root: Path, outside: Path) -> list[str]:
    """Links that must never publish what they point to; returns the expected lines."""
    (outside / "secret.env").write_text("API_TOKEN=hunter2\n", encoding="utf-8")
    images = root / "content" / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "env.png").symlink_to("/proc/self/environ")
    (images / "secret.png").symlink_to(outside / "secret.env")
    (root / "content" / "leak.md").symlink_to(outside / "secret.env")
    (root / "content" / "sub" / "up").symlink_to("..")
    (root / "content" / "self-loop").symlink_to("self-loop")
    (root / "content" / "dangling.png").symlink_to(root / "content" / "nowhere.png")
    return [
        "content/dangling.png:1: file: is a symbolic link to nothing (No such file or directory); remove it",
        "content/images/env.png:1: file: is a symbolic link to a file outside the content directory; it is "
        "not published (copy the file into content/ instead)",
        "content/images/secret.png:1: file: is a symbolic link to a file outside the content directory; it "
        "is not published (copy the file into content/ instead)",
        "content/leak.md:1: file: is a symbolic link to a file outside the content directory; it is not "
        "published (copy the file into content/ instead)",
        "content/self-loop:1: file: is a symbolic link loop (Too many levels of symbolic links); remove it",
        "content/sub/up:1: file: is a symbolic link loop (it leads to a folder above it); remove it",
    ]


def test_every_hostile_content_file_gets_its_message_in_one_run(
    write_site: WriteSite, tmp_path: Path
) -> None:
    files = {path: text for path, (text, _) in CONTENT.items()}
    root = write_site({"content/good.md": entry(), **files})
    outside = tmp_path / "outside"
    outside.mkdir()
    expected = [line for _, lines in CONTENT.values() for line in lines] + _symlinks(root, outside)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    printed = proc.stderr.splitlines()
    # huge.md's front matter is too large to read: its fields wait
    assert printed[-1] == f"{len(expected)} problems found; more checks run once these are fixed."
    assert sorted(printed[:-1]) == sorted(expected)
    assert all(len(line) < 500 for line in printed)  # the 1 MB value is cut

    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous site", encoding="utf-8")
    build = run_kbgen("build", cwd=root)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


def test_only_checked_files_are_published(write_site: WriteSite) -> None:
    """A site with an allowed SVG, a PNG and a PDF publishes exactly those next to kbgen's pages;
    README.md and the catalog are read, never published."""
    root = write_site(
        {
            "content/a.md": entry(body="![diagram](images/ok.svg)\n"),
            "content/README.md": "# notes for writers\n",
            "content/images/ok.svg": SVG_OK,
            "content/images/photo.png": b"\x89PNG\r\n\x1a\n",
            "content/docs/manual.pdf": b"%PDF-1.4\n",
            "content/.hidden/notes.txt": "never published",
            "content/.env": "SECRET=1",
        }
    )
    run_kbgen("build", cwd=root, check=True)
    site = root / "site"
    assert (site / "images/ok.svg").read_text(encoding="utf-8") == SVG_OK
    assert (site / "images/photo.png").exists() and (site / "docs/manual.pdf").exists()
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert not [p for p in published if "README" in p or "hidden" in p or p.endswith(".env")]
    assert not [p for p in published if "products.yml" in p]
    # the one Markdown file is kbgen's copy of the entry (llms_txt), never a source file
    assert [p for p in published if p.endswith(".md")] == ["questions/a/index.html.md"]
    assert not (site / "questions/a/index.html.md").read_text(encoding="utf-8").startswith("---")


CONFIG_CASES = [
    pytest.param(
        "theme:\n  name: material\n  language: xx\n",
        "mkdocs.yml:8: theme.language: unknown language 'xx'; e.g. en, zh, de, fr, ja",
        id="unknown-language",
    ),
    pytest.param(
        "theme:\n  name: material\n  language: zh_CN\n",
        "mkdocs.yml:8: theme.language: unknown language 'zh_CN'; did you mean zh, zh-Hant, zh-TW?",
        id="language-with-underscore",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      contact:\n        chat:\n"
        "          url: https://c.example/?q={query:>999999999}\n",
        "mkdocs.yml:11: plugins.kbgen.contact.chat.url: placeholder {query} takes no format or conversion; "
        "write plain {query}",
        id="format-spec",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      contact:\n        form:\n          url: https://c.example/?q={query!r}\n",
        "mkdocs.yml:11: plugins.kbgen.contact.form.url: placeholder {query} takes no format or conversion; "
        "write plain {query}",
        id="conversion",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      contact:\n        email:\n"
        "          address: help@shop.example,boss@evil.example\n",
        "mkdocs.yml:11: plugins.kbgen.contact.email.address: 'help@shop.example,boss@evil.example' is not "
        "an email address",
        id="email-extra-recipient",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      feedback:\n        url: http://feedback.example/post\n",
        "mkdocs.yml:10: plugins.kbgen.feedback.url: 'http://feedback.example/post' is not allowed: "
        "use an https:// address",
        id="feedback-http",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      feedback:\n        url: 'https://'\n",
        "mkdocs.yml:10: plugins.kbgen.feedback.url: 'https://' is not allowed: use an https:// address",
        id="feedback-bare-https",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      feedback:\n        url: \"https://f.example;script-src *\"\n",
        "mkdocs.yml:10: plugins.kbgen.feedback.url: 'https://f.example;script-src *' contains spaces or "
        "control characters: use an https:// address",
        id="feedback-csp-injection",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      catalog: ../../secrets.yml\n",
        "mkdocs.yml:9: plugins.kbgen.catalog: '../../secrets.yml' must be a path inside the content "
        "directory",
        id="catalog-outside",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      catalog: shop/catalog.yml\n",
        "content/shop/catalog.yml:1: catalog: file not found (plugins.kbgen.catalog in mkdocs.yml names "
        "it); create it or fix the option",
        id="catalog-missing",
    ),
    pytest.param(
        "plugins:\n  - kbgen:\n      contact:\n        hotline:\n          number: \"+1 800; rm -rf\"\n",
        "mkdocs.yml:11: plugins.kbgen.contact.hotline.number: '+1 800; rm -rf' is not a phone number",
        id="hotline-junk",
    ),
]


@pytest.mark.parametrize(("yaml_tail", "expected"), CONFIG_CASES)
def test_hostile_config_gets_its_message(write_site: WriteSite, yaml_tail: str, expected: str) -> None:
    base = "site_name: Test Shop Help\ndocs_dir: content\nsite_dir: site\n"
    if yaml_tail.startswith("theme:"):
        config = base + "plugins:\n  - kbgen\n" + yaml_tail
    else:
        config = base + "theme:\n  name: material\n  language: en\n" + yaml_tail
    root = write_site({"content/a.md": entry()}, config=config)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == expected
    build = run_kbgen("build", cwd=root)
    assert build.returncode == 1 and "Traceback" not in build.stderr and not (root / "site").exists()


def test_a_feedback_endpoint_on_this_machine_may_use_http(write_site: WriteSite) -> None:
    config = MKDOCS_YML.format(language="en").replace(
        "  - kbgen\n", "  - kbgen:\n      feedback:\n        url: http://127.0.0.1:8123/feedback\n"
    )
    root = write_site({"content/a.md": entry()}, config=config)
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 0, proc.stderr


def test_hotline_letters_dial_their_keypad_digits(write_site: WriteSite) -> None:
    config = MKDOCS_YML.format(language="en").replace(
        "  - kbgen\n", "  - kbgen:\n      contact:\n        hotline:\n          number: 1-800-FLOWERS\n"
    )
    root = write_site({"content/a.md": entry()}, config=config)
    run_kbgen("build", cwd=root, check=True)
    html_text = (root / "site/contact/index.html").read_text(encoding="utf-8")
    assert 'href="tel:18003569377"' in html_text  # F=3 L=5 O=6 W=9 E=3 R=7 S=7
    assert "tel:1800\"" not in html_text


def test_a_catalog_linked_out_of_content_is_never_read(write_site: WriteSite) -> None:
    root = write_site({"content/a.md": entry()})
    (root / "content" / "products.yml").symlink_to("/dev/zero")  # would fill the memory if read
    proc = run_kbgen("check", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        "content/products.yml:1: file: is a symbolic link to a file outside the content directory; it is "
        "not published (copy the file into content/ instead)",
        "1 problem found.",
    ]
