"""`kbgen build` puts the new site in place on real deploy layouts, and fails honestly.

site/ as a symlink, as a mount point (tmpfs, bind mount), with dot-entries inside; staging
folders of a killed build; a read-only and a full disk. Mounts are real: each scenario runs
as a shell script in a private mount namespace (``unshare --mount``; as root in CI, with
``--map-root-user`` elsewhere), so its mounts vanish when it ends, even if the test fails.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import WriteSite, entry, run_kbgen
from tests.helpers import page

QUESTION = "Can I return an opened item?"
TRACEBACK = "Traceback"


def site_project(write_site: WriteSite, version: int = 1) -> Path:
    """A small project whose entry page says which build it comes from."""
    return write_site(
        {
            "content/returns.md": entry(question=f"V{version} {QUESTION}"),
            "content/ship.md": entry(question="Do you ship abroad?", stage="before-purchase"),
        }
    )


def new_version(root: Path, version: int) -> None:
    (root / "content/returns.md").write_text(entry(question=f"V{version} {QUESTION}"), "utf-8")


def built_version(site: Path) -> str:
    return str(page(site, "questions/returns").h1.get_text())


def snapshot(directory: Path) -> dict[str, bytes | str]:
    """Every entry under ``directory`` (dot-entries included): file bytes, 'dir' or the link."""
    found: dict[str, bytes | str] = {}
    for path in sorted(directory.rglob("*")):
        rel = str(path.relative_to(directory))
        if path.is_symlink():
            found[rel] = f"-> {path.readlink()}"
        elif path.is_dir():
            found[rel] = "dir"
        else:
            found[rel] = path.read_bytes()
    return found


def add_dot_entries(site: Path) -> None:
    """What deploys keep inside site/: a git checkout and a well-known file."""
    (site / ".git").mkdir()
    (site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    (site / ".well-known").mkdir()
    (site / ".well-known/security.txt").write_text("Contact: mailto:security@example.com\n", "utf-8")
    (site / "stale.html").write_text("a page the new build no longer has\n", "utf-8")


def staging_folders(*folders: Path) -> list[str]:
    return sorted(
        str(p) for d in folders if d.is_dir() for p in d.iterdir() if re.match(r"\.[^.]+-(new|old)-", p.name)
    )


SHELL_HELPERS = """
run() {  # run NAME ARGS...: kbgen ARGS, its stderr in $OUT/NAME.err and exit status in $OUT/NAME.rc
  name=$1; shift; rc=0
  "$PYTHON" -m kbgen "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
  echo $rc >"$OUT/$name.rc"
}
"""


@functools.cache
def mount_namespace_command() -> list[str]:
    """How to run a command in a private mount namespace here: as root (CI), in a user
    namespace mapped to root, or with sudo (GitHub's runners, where user namespaces are
    restricted). Fails, never skips: these layouts are what the tests are about."""
    plain = ["unshare", "--mount", "--propagation", "private"]
    candidates = [plain] if os.geteuid() == 0 else [
        ["unshare", "--map-root-user", "--mount", "--propagation", "private"],
        ["sudo", "-n", "--preserve-env=OUT,PYTHON", *plain],
    ]
    probe = 'd=$(mktemp -d); rc=0; mount -t tmpfs tmpfs "$d" && umount "$d" || rc=1; rmdir "$d"; exit $rc'
    for command in candidates:
        if subprocess.run([*command, "sh", "-c", probe], capture_output=True, timeout=60).returncode == 0:
            return command
    raise AssertionError("cannot mount in a private mount namespace (need root, user namespaces or sudo)")


def in_mount_namespace(script: str, cwd: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace; ``$OUT`` is ``out``, ``run`` runs kbgen."""
    out.mkdir(exist_ok=True)
    env = {**os.environ, "OUT": str(out), "PYTHON": sys.executable}
    proc = subprocess.run(
        [*mount_namespace_command(), "sh", "-eu", "-c", SHELL_HELPERS + script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"scenario script failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def result(out: Path, name: str) -> tuple[int, list[str]]:
    """Exit status and stderr lines of a ``run NAME`` in a namespace script."""
    err = (out / f"{name}.err").read_text(encoding="utf-8")
    assert TRACEBACK not in err, err
    return int((out / f"{name}.rc").read_text()), err.splitlines()


def test_symlinked_site_gets_the_new_build_and_stays_a_link(write_site: WriteSite, tmp_path: Path) -> None:
    root = site_project(write_site)
    run_kbgen("build", cwd=root, check=True)
    deploy = tmp_path / "deploy"
    deploy.mkdir()
    (root / "site").rename(deploy / "current")
    (root / "site").symlink_to("../deploy/current")
    add_dot_entries(deploy / "current")
    dots = {k: v for k, v in snapshot(deploy / "current").items() if k.startswith(".")}

    new_version(root, 2)
    proc = run_kbgen("build", cwd=root, check=True)

    assert (root / "site").is_symlink() and (root / "site").readlink() == Path("../deploy/current")
    assert built_version(deploy / "current") == f"V2 {QUESTION}"
    assert not (deploy / "current/stale.html").exists()
    assert {k: v for k, v in snapshot(deploy / "current").items() if k.startswith(".")} == dots
    assert staging_folders(root, deploy, deploy / "current") == []
    assert proc.stderr.splitlines()[-1].startswith("built 2 entries into site/ in ")


def test_dot_entries_of_a_plain_site_dir_are_kept(write_site: WriteSite) -> None:
    root = site_project(write_site)
    run_kbgen("build", cwd=root, check=True)
    add_dot_entries(root / "site")
    (root / "site").chmod(0o775)  # a deploy's permissions on site/ are kept too
    new_version(root, 2)
    run_kbgen("build", cwd=root, check=True)
    assert (root / "site/.git/HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"
    assert (root / "site/.well-known/security.txt").exists()
    assert not (root / "site/stale.html").exists()
    assert built_version(root / "site") == f"V2 {QUESTION}"
    assert (root / "site").stat().st_mode & 0o777 == 0o775
    assert staging_folders(root, root / "site") == []


def test_mounted_site_is_replaced_in_place(write_site: WriteSite, tmp_path: Path) -> None:
    """site/ as a tmpfs mount and as a bind mount (same file system: not seen by st_dev)."""
    root = site_project(write_site)
    bound = tmp_path / "bound"
    bound.mkdir()
    add_dot_entries(bound)
    out = tmp_path / "out"
    in_mount_namespace(
        f"""
        mkdir site
        mount -t tmpfs -o size=16m tmpfs site
        mkdir site/.git && echo 'ref: refs/heads/main' > site/.git/HEAD && echo old > site/stale.html
        run tmpfs build
        mountpoint -q site && echo yes > "$OUT/tmpfs.mounted"
        cp -a site "$OUT/tmpfs-site"
        umount site
        mount --bind {bound} site
        run bind build
        mountpoint -q site && echo yes > "$OUT/bind.mounted"
        """,
        root,
        out,
    )
    for name, site in (("tmpfs", out / "tmpfs-site"), ("bind", bound)):
        rc, err = result(out, name)
        assert rc == 0, err
        assert err[-1].startswith("built 2 entries into site/ in "), err
        assert (out / f"{name}.mounted").exists(), f"{name}: site/ is no longer the mount point"
        assert built_version(site) == f"V1 {QUESTION}"
        assert (site / ".git/HEAD").exists() and not (site / "stale.html").exists()
        assert staging_folders(site) == []
    assert (bound / ".well-known/security.txt").exists()
    assert staging_folders(root) == []


def test_unrenamable_site_is_copied_in_when_no_mount_was_detected(
    write_site: WriteSite, tmp_path: Path
) -> None:
    """If site/ can't be renamed (EBUSY) although it didn't look like a mount point, the
    build is copied into it and swapped entry by entry; a full site/ keeps the old site."""
    root = site_project(write_site)
    run_kbgen("build", cwd=root, check=True)
    add_dot_entries(root / "site")
    before = snapshot(root / "site")
    new_version(root, 2)
    out = tmp_path / "out"
    blind = (
        "from kbgen import cli; from kbgen.deploy import publish; "
        "publish.is_mount_point = lambda path: False; "
        "cli.main(['build'], prog_name='kbgen')"
    )
    in_mount_namespace(
        f"""
        cp -a site "$OUT/old"
        mount -t tmpfs -o size=16m tmpfs site && cp -a "$OUT/old/." site/
        rc=0; "$PYTHON" -c "{blind}" 2>"$OUT/big.err" || rc=$?; echo $rc > "$OUT/big.rc"
        cp -a site "$OUT/big-site"
        umount site
        mount -t tmpfs -o size=1m tmpfs site  # room for a small old site, not for the new one
        mkdir site/.git && echo 'ref: refs/heads/main' > site/.git/HEAD && echo old > site/index.html
        cp -a site "$OUT/full-before"
        rc=0; "$PYTHON" -c "{blind}" 2>"$OUT/full.err" || rc=$?; echo $rc > "$OUT/full.rc"
        cp -a site "$OUT/full-after"
        """,
        root,
        out,
    )
    rc, err = result(out, "big")
    assert rc == 0, err
    assert built_version(out / "big-site") == f"V2 {QUESTION}"
    assert not (out / "big-site/stale.html").exists() and (out / "big-site/.git/HEAD").exists()
    assert staging_folders(out / "big-site", root) == []

    rc, err = result(out, "full")
    assert rc == 1
    assert re.fullmatch(
        r"site/\S+: build: No space left on device \(ENOSPC\); the previous site in site was kept", err[-1]
    ), err
    assert snapshot(out / "full-after") == snapshot(out / "full-before")
    assert snapshot(root / "site") == before  # the plain directory under the mount: never touched


def test_read_only_disk_names_the_path_and_keeps_the_site(write_site: WriteSite, tmp_path: Path) -> None:
    root = site_project(write_site)
    out = tmp_path / "out"
    in_mount_namespace(
        """
        mkdir ro && mount -t tmpfs -o size=16m tmpfs ro
        cp -a mkdocs.yml content ro/ && cd ro
        run first build
        cp -a site "$OUT/before"
        mount -o remount,bind,ro .
        run ro build
        run ro-new build -d new-site
        cp -a site "$OUT/after" && ls -a > "$OUT/ls"
        cd .. && mount -o remount,bind,rw ro && cd ro
        run bind-first build
        mount --bind site site && mount -o remount,bind,ro site
        run ro-site build
        cp -a site "$OUT/ro-site-after"
        cd .. && umount ro/site && cd ro && ls -a > "$OUT/ls-rw" && cp -a site "$OUT/bind-before"
        """,
        root,
        out,
    )
    assert result(out, "first")[0] == 0
    assert result(out, "ro") == (
        1,
        ["site: build: Read-only file system (EROFS); the previous site in site was kept"],
    )
    assert result(out, "ro-new") == (
        1,
        [".: build: Read-only file system (EROFS); the previous site in new-site was kept"],
    )
    assert snapshot(out / "after") == snapshot(out / "before")
    assert (out / "ls").read_text().split() == [".", "..", "content", "mkdocs.yml", "site"]
    # site/ alone read-only (a read-only mount), its parent writable
    assert result(out, "ro-site") == (
        1,
        ["site: build: Read-only file system (EROFS); the previous site in site was kept"],
    )
    assert snapshot(out / "ro-site-after") == snapshot(out / "bind-before")
    assert (out / "ls-rw").read_text().split() == [".", "..", "content", "mkdocs.yml", "site"]


def test_full_disk_names_the_file_and_keeps_the_site(write_site: WriteSite, tmp_path: Path) -> None:
    root = site_project(write_site)
    out = tmp_path / "out"
    in_mount_namespace(
        """
        mkdir full && mount -t tmpfs -o size=1m tmpfs full
        mkdir full/site full/site/.well-known && echo old > full/site/index.html
        cp -a full "$OUT/before"
        run out build -d full/site
        cp -a full "$OUT/after"
        mkdir site && mount -t tmpfs -o size=1m tmpfs site && echo old > site/index.html
        cp -a site "$OUT/in-before"
        run in build
        cp -a site "$OUT/in-after"
        """,
        root,
        out,
    )
    for name, site, before, after in (
        ("out", "full/site", "before", "after"),
        ("in", "site", "in-before", "in-after"),
    ):
        rc, err = result(out, name)
        assert rc == 1
        assert re.fullmatch(
            rf"{site}/\S+: build: No space left on device \(ENOSPC\); the previous site in {site} was kept",
            err[-1],
        ), err
        assert snapshot(out / after) == snapshot(out / before)  # no staging folder left either


def test_leftovers_of_a_killed_build_are_cleaned_by_the_next(write_site: WriteSite, tmp_path: Path) -> None:
    root = site_project(write_site)
    run_kbgen("build", cwd=root, check=True)
    add_dot_entries(root / "site")
    new_version(root, 2)

    build = subprocess.Popen([sys.executable, "-m", "kbgen", "build"], cwd=root, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not staging_folders(root) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.wait()
    killed = staging_folders(root)
    assert len(killed) == 1 and f"-new-{build.pid}-" in killed[0], "the build was not caught mid-way"
    assert built_version(root / "site") == f"V1 {QUESTION}"  # the killed build changed nothing

    # A build killed between its renames: the old site (with .git) set aside, the new one in place.
    (root / "site").rename(root / f".site-old-{build.pid}")
    (root / "site").mkdir()
    (root / "site/index.html").write_text("new\n", "utf-8")
    # A build that is still running: its staging folder is not touched.
    running = subprocess.Popen(["sleep", "60"])
    try:
        (root / f".site-new-{running.pid}-abcd1234").mkdir()
        proc = run_kbgen("build", cwd=root, check=True)
        assert staging_folders(root) == [str(root / f".site-new-{running.pid}-abcd1234")]
    finally:
        running.kill()
        running.wait()
    assert sorted(proc.stderr.splitlines()[:2]) == [
        f"removed {Path(killed[0]).name}/, left by an interrupted build",
        f"removed .site-old-{build.pid}/, left by an interrupted build",
    ]
    assert (root / "site/.git/HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"  # given back
    assert built_version(root / "site") == f"V2 {QUESTION}"
    run_kbgen("build", cwd=root, check=True)
    assert staging_folders(root, root / "site") == []


def test_generated_gitignore_ignores_the_site_link_and_staging_folders(tmp_path: Path) -> None:
    run_kbgen("init", "shop", cwd=tmp_path, check=True)
    shop = tmp_path / "shop"
    subprocess.run(["git", "init", "-q"], cwd=shop, check=True)
    (tmp_path / "deploy").mkdir()
    (shop / "site").symlink_to("../deploy")
    for folder in (".site-new-123-abcd1234", ".site-old-456"):
        (shop / folder).mkdir()
        (shop / folder / "index.html").write_text("x", "utf-8")
    paths = ["site", ".site-new-123-abcd1234/index.html", ".site-old-456/index.html", "content/README.md"]
    proc = subprocess.run(["git", "check-ignore", *paths], cwd=shop, capture_output=True, text=True)
    assert proc.stdout.splitlines() == paths[:3]


# kbgen init: an existing folder keeps its files; mkdocs.yml values are quoted


def test_init_in_an_existing_folder_never_overwrites_a_file(tmp_path: Path) -> None:
    shop = tmp_path / "shop"
    (shop / "content").mkdir(parents=True)
    (shop / ".gitignore").write_text("node_modules/\n", "utf-8")
    (shop / "content/README.md").write_text("Our own notes.\n", "utf-8")
    (shop / "content/after-delivery").mkdir()
    (shop / "content/after-delivery/return-an-item.md").symlink_to(tmp_path / "elsewhere.md")  # dangling
    proc = run_kbgen("init", "shop", cwd=tmp_path, check=True)
    assert proc.stdout.splitlines() == [
        "created shop/mkdocs.yml",
        "created shop/.github/CODEOWNERS",
        "next: cd shop && kbgen serve",
    ]
    assert proc.stderr.splitlines() == [
        "kept shop/content/README.md: it exists already; not overwritten",
        "kept shop/content/after-delivery/return-an-item.md: it exists already; not overwritten",
        "kept shop/.gitignore: it exists already; not overwritten",
        "note: make sure shop/.gitignore ignores the build output: /site and /.site-*",
        "note: shop/mkdocs.yml has an EXAMPLE hotline and e-mail address; replace them with your own "
        "(or run init with --hotline and --email)",
        "note: shop/.github/CODEOWNERS puts mkdocs.yml, theme/, hooks, netlify.toml and .ci under "
        "review: replace its placeholder owner with your reviewers",
    ]
    assert (shop / ".gitignore").read_text("utf-8") == "node_modules/\n"
    assert (shop / "content/README.md").read_text("utf-8") == "Our own notes.\n"
    assert not (tmp_path / "elsewhere.md").exists()  # the link was not followed
    again = run_kbgen("init", "shop", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == "shop/mkdocs.yml:1: file: already exists; not overwriting\n"


NASTY_NAMES = [
    "yes",
    "Acme: Help # 1 \"Quoted\" and 'single' \\ back",
    "{a: 1} [b] - c &anchor *alias !!python/object/apply:os.system ['id'] 帮助中心 %TAG @ ` |",
]


def test_init_quotes_the_site_name_and_validates_the_language(tmp_path: Path) -> None:
    import yaml

    for n, name in enumerate(NASTY_NAMES):
        run_kbgen("init", f"p{n}", "--name", name, cwd=tmp_path, check=True)
        config = yaml.safe_load((tmp_path / f"p{n}/mkdocs.yml").read_text("utf-8"))
        assert config["site_name"] == name
        assert config["theme"]["language"] == "en"
    assert run_kbgen("check", cwd=tmp_path / "p2").stderr.startswith("ok: 1 entries")

    run_kbgen("init", "zh", "--language", "zh-TW", cwd=tmp_path, check=True)
    assert yaml.safe_load((tmp_path / "zh/mkdocs.yml").read_text("utf-8"))["theme"]["language"] == "zh-TW"
    for language, message in (
        ("xx", '"xx" is not a language Material for MkDocs has; e.g. en, zh, de, fr, ja'),
        ("zh-tw", '"zh-tw" is not a language Material for MkDocs has; did you mean zh, zh-Hant, zh-TW?'),
        ("en\nfont: x", '"en\\nfont: x" is not a language Material for MkDocs has; e.g. en, zh, de, fr, ja'),
    ):
        proc = run_kbgen("init", "bad", "--language", language, cwd=tmp_path)
        assert proc.returncode == 2
        assert proc.stderr.splitlines()[-1] == f"Error: Invalid value for --language: {message}"
    for name, message in (
        ("", "must not be empty"),
        ("a\x1bb", "must not contain control characters (found U+001B)"),
    ):
        proc = run_kbgen("init", "bad", "--name", name, cwd=tmp_path)
        assert proc.returncode == 2
        assert proc.stderr.splitlines()[-1] == f"Error: Invalid value for --name: {message}"
    assert not (tmp_path / "bad").exists()
