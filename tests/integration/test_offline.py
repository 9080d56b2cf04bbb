"""The offline copy (``kbgen build --offline``, or ``offline: true``): what the zip holds, that
every link in it names a file in it, that it is the same bytes on every build, and that bad
input or a failed offline build never costs the site that was there."""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MKDOCS_YML, ROOT, OfflineBuild, WriteSite, entry, run_kbgen

FOLDER = "northbrew-help-center"
_REF = re.compile(r"""\s(?:href|src|action)=["']([^"']*)["']""")


@pytest.fixture(scope="module")
def demo_zip(demo_offline: OfflineBuild) -> zipfile.ZipFile:
    """The demo's ``kbgen build --offline`` (built once per run, shared: read-only)."""
    assert "site/offline.zip" in demo_offline.stderr and f"open {FOLDER}/index.html" in demo_offline.stderr
    return zipfile.ZipFile(demo_offline.zip_path)


def _entry_ids() -> set[str]:
    ids = set()
    for path in (ROOT / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            found = re.search(r"^id:\s*(\S+)", text.split("---")[1], re.M)
            ids.add(found.group(1) if found else path.stem)
    return ids


def test_the_zip_holds_one_folder_with_every_page_and_nothing_only_the_web_uses(
    demo_zip: zipfile.ZipFile,
) -> None:
    names = set(demo_zip.namelist())
    assert {n.split("/", 1)[0] for n in names} == {FOLDER}
    files = {n.split("/", 1)[1] for n in names}
    ids = _entry_ids()
    assert len(ids) == 52
    assert {f"questions/{i}.html" for i in ids} <= files
    for page in ("index.html", "search.html", "contact.html", "products.html", "after-delivery.html"):
        assert page in files
    assert "search/offline-data.js" in files and "assets/kbgen/offline/search-engine.js" in files
    for web_only in ("_headers", "_redirects", "404.html", "widget.js", "sitemap.xml", "llms.txt",
                     "feed.xml", "search/index.json"):  # fmt: skip
        assert web_only not in files
    assert not [f for f in files if f.endswith((".md", ".json")) or f.startswith("_kbgen/")]


def test_every_link_in_the_zip_names_a_file_in_it_and_nothing_comes_from_the_web(
    demo_zip: zipfile.ZipFile,
) -> None:
    files = {n.split("/", 1)[1] for n in demo_zip.namelist()}
    broken, remote = [], []
    pages = sorted(f for f in files if f.endswith(".html"))
    assert pages
    for page in pages:
        html = demo_zip.read(f"{FOLDER}/{page}").decode("utf-8")
        assert not re.search(r"<form[^>]*method=[\"']?post", html, re.I), page
        assert 'rel="alternate"' not in html, page
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            refs = _REF.findall(" " + tag[1:])
            if "canonical" not in tag:  # a page's web address, for search engines: never fetched
                remote += [(page, r) for r in refs if r.startswith(("http:", "https:", "//"))]
        for ref in _REF.findall(html):
            if not ref or re.match(r"^[a-z][a-z0-9+.-]*:|^#", ref, re.I):
                continue  # a web page, mailto:, tel:, or a place on this page
            path = ref.split("#")[0].split("?")[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            if target not in files:
                broken.append((page, ref))
    assert broken == []
    assert remote == []


def test_the_same_site_gives_the_same_zip_byte_for_byte(write_site: WriteSite, tmp_path: Path) -> None:
    root = write_site({"content/a.md": entry(), "content/b.md": entry(question="Where is my parcel?")})
    run_kbgen("build", "--offline", cwd=root, check=True)
    first = (root / "site" / "offline.zip").read_bytes()
    run_kbgen("build", "--offline", cwd=root, check=True)
    assert (root / "site" / "offline.zip").read_bytes() == first
    run_kbgen("build", cwd=root, check=True)  # the switch off: no zip
    assert not (root / "site" / "offline.zip").exists()


def test_a_link_out_of_the_project_is_refused_and_the_site_kept(
    write_site: WriteSite, tmp_path: Path
) -> None:
    root = write_site({"content/a.md": entry()})
    run_kbgen("build", cwd=root, check=True)
    before = (root / "site" / "index.html").read_bytes()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE", encoding="utf-8")
    (root / "content" / "notes.txt").symlink_to(secret)
    proc = run_kbgen("build", "--offline", cwd=root)
    assert proc.returncode == 1
    assert "content/notes.txt" in proc.stderr and "outside the content directory" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (root / "site" / "index.html").read_bytes() == before
    assert not (root / "site" / "offline.zip").exists()


def test_an_image_from_another_host_is_left_out_of_the_copy(write_site: WriteSite) -> None:
    catalog = (
        "- id: mill\n  name: Mill grinder\n  summary: A grinder.\n"
        "  url: https://shop.example.com/mill\n  image: https://cdn.example.com/mill.jpg\n"
    )
    root = write_site({"content/a.md": entry(), "content/products.yml": catalog})
    run_kbgen("build", "--offline", cwd=root, check=True)
    web_page = (root / "site/products/mill/index.html").read_text("utf-8")
    assert 'src="https://cdn.example.com/mill.jpg"' in web_page
    with zipfile.ZipFile(root / "site" / "offline.zip") as zf:
        pages = [n for n in zf.namelist() if n.endswith(".html")]
        assert "test-shop-help/products/mill.html" in pages
        # the page's structured data still names it (never loaded)
        assert not [n for n in pages if b'src="https://cdn.example.com' in zf.read(n)]


HOOK = '''\
from mkdocs.exceptions import PluginError


def on_post_build(config):
    if not config.use_directory_urls:
        raise PluginError("this theme cannot be read from disk")
'''


def test_a_failed_offline_build_keeps_the_previous_site(write_site: WriteSite) -> None:
    config = MKDOCS_YML.format(language="en") + "hooks:\n  - hooks.py\n"
    root = write_site({"content/a.md": entry(), "hooks.py": HOOK}, config=config)
    run_kbgen("build", cwd=root, check=True)  # the web site builds: the hook fails only from disk
    (root / "site" / "kept.txt").write_text("old", encoding="utf-8")
    before = (root / "site" / "index.html").read_bytes()
    proc = run_kbgen("build", "--offline", cwd=root)
    assert proc.returncode == 1
    assert "this theme cannot be read from disk" in proc.stderr
    assert "mkdocs.yml:1: build: offline copy: " in proc.stderr
    assert "the previous site in site was kept" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (root / "site" / "index.html").read_bytes() == before
    assert (root / "site" / "kept.txt").read_text(encoding="utf-8") == "old"
    assert not (root / "site" / "offline.zip").exists()


def test_the_copy_leaves_out_the_installable_sites_worker_and_recently_viewed(tmp_path: Path) -> None:
    """Both keep web addresses (a service worker cannot run from disk; recently viewed stores
    root paths): the copy has neither, even where the web site has both."""
    project = tmp_path / "p"
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - kbgen:\n" in config
    config = config.replace(
        "  - kbgen:\n", "  - kbgen:\n      installable: true\n      recently_viewed: true\n"
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    run_kbgen("build", "--offline", cwd=project, check=True)
    site = project / "site"
    assert (site / "sw.js").is_file() and 'rel="manifest"' in (site / "index.html").read_text("utf-8")
    assert "data-kb-recent" in (site / "index.html").read_text("utf-8")
    copy = zipfile.ZipFile(site / "offline.zip")
    files = {n.split("/", 1)[1] for n in copy.namelist()}
    assert not {"sw.js", "manifest.webmanifest", "assets/kbgen/app.js"} & files
    for page in ("index.html", "questions/how-to-descale.html"):
        html = copy.read(f"{FOLDER}/{page}").decode("utf-8")
        assert 'rel="manifest"' not in html and "data-kb-recent" not in html and "app.js" not in html
