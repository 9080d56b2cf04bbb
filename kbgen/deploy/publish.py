"""Putting a freshly built site in place of the old one, whatever the deploy layout.

``kbgen build`` never builds into the live site directory: it builds into a staging
directory and swaps it in only once the build has succeeded, so a failed build (bad
content, a full or read-only disk, a killed process) leaves the previous site as it was.

The swap respects the layouts sites are deployed from:

* ``site/`` a symlink (``site -> /srv/www/help``): the directory the link points to gets
  the new site and the link stays a link.
* ``site/`` a mount point (a volume, a bind mount) or otherwise not renamable: the
  directory stays and its entries are replaced one rename at a time; the old entries are
  kept aside until every new one is in place and are put back if anything fails.
* Dot-entries inside ``site/`` (``.git``, ``.well-known``, ``.htaccess``) are kept, as
  ``mkdocs build`` keeps them (it never writes or deletes hidden files in ``site_dir``).
* Staging folders of a killed build (``.site-new-PID-XXXX``, ``.site-old-PID``) are
  removed by the next build, never those of a build that is still running; dot-entries a
  killed swap left in an old-site folder are given back to the site first.

Every file-system failure is raised as :class:`PublishError` naming the path and the OS
error, after the previous site has been restored.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

NEW_SITE_MODE = 0o755  # a web server must read the site; mkdtemp makes 0700
_LEGACY_STAGING = re.compile(r"[a-z0-9_]{8}")  # mkdtemp names of kbgen before this module
_OWN = re.compile(r"(?:new-(?P<new>\d+)-[a-z0-9_]+|old-(?P<old>\d+))")
_CANNOT_RENAME = {errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES, errno.EINVAL}
_MOUNTINFO = Path("/proc/self/mountinfo")


class PublishError(Exception):
    """A file-system step failed; ``path`` is where, ``error`` the OS error."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.error = error
        super().__init__(f"{path}: {describe(error)}")


def describe(error: OSError) -> str:
    """An OS error as people read it: 'No space left on device (ENOSPC)'."""
    code = error.errno
    if code is None:
        return str(error)
    return f"{error.strerror or os.strerror(code)} ({errno.errorcode.get(code, code)})"


def _absolute(path: str | os.PathLike[str]) -> Path:
    """An absolute, normalized path, symlinks not resolved."""
    return Path(os.path.normpath(Path(path).absolute()))


@dataclass
class Staging:
    """Where a build is written before it replaces the site directory."""

    final: Path
    """The site directory as configured, absolute (possibly a symlink)."""
    target: Path
    """The real directory that receives the new site (``final`` with symlinks resolved)."""
    dir: Path
    """The staging directory the build writes into."""
    in_place: bool
    """True if ``dir`` lives inside ``target`` (``target`` is a mount point)."""
    removed: list[Path] = field(default_factory=list)
    """Leftovers of killed builds removed while preparing."""

    def shown(self, path: str | os.PathLike[str] | None) -> Path:
        """``path`` as the user knows it: inside ``final`` rather than inside the staging dir."""
        if path is None:
            return self.final
        p = _absolute(path)
        try:
            return self.final / p.relative_to(self.dir)
        except ValueError:
            return p

    def blame(self, error: OSError) -> Path:
        """The site file an OS error during the build is about (a copy names source and
        destination: the destination is the one in the site), else the site directory."""
        for name in (error.filename2, error.filename):
            if isinstance(name, str) and _absolute(name).is_relative_to(self.dir):
                return self.shown(name)
        return self.final


def prepare(final: Path) -> Staging:
    """Remove leftovers of killed builds and create an empty staging directory for ``final``.

    The staging directory sits next to the real site directory (same file system, so the
    swap is two renames), or inside it when it is a mount point or its parent is not
    writable. Raises :class:`PublishError` if no staging directory can be created.
    """
    final = _absolute(final)
    try:
        target = final.resolve() if final.is_symlink() else final
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise PublishError(final, OSError(errno.ELOOP, os.strerror(errno.ELOOP))) from exc
    if target.exists() and not target.is_dir():
        raise PublishError(target, OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)))
    removed = clean_leftovers(target, final)
    prefix = f".{target.name}-new-{os.getpid()}-"
    if not (target.is_dir() and is_mount_point(target)):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            return Staging(final, target, _mkdtemp(prefix, target.parent), False, removed)
        except OSError as exc:
            if not target.is_dir():
                raise PublishError(_nearest_existing(target.parent), exc) from exc
            # the parent is read-only or not ours: stage inside the site directory itself
    try:
        return Staging(final, target, _mkdtemp(prefix, target), True, removed)
    except OSError as exc:
        raise PublishError(target, exc) from exc


def publish(staging: Staging) -> list[str]:
    """Replace the site with the staged build; on failure restore it and raise PublishError.

    Returns notes for the user (a dot-entry that could not be carried over, and where it
    is kept). The staging directory is gone afterwards, whether the swap succeeded or not.
    """
    try:
        if staging.in_place:
            _swap_entries(staging.dir, staging.target)
            return []
        return _swap_directory(staging)
    finally:
        discard(staging)


def discard(staging: Staging) -> None:
    """Remove the staging directory (after a failed build, or after the swap)."""
    shutil.rmtree(staging.dir, ignore_errors=True)


def clean_leftovers(target: Path, final: Path | None = None) -> list[Path]:
    """Remove staging folders of killed builds next to and inside ``target``; return them.

    ``final`` is the configured path when it is a symlink to ``target`` (kbgen before this
    module staged next to the link). Dot-entries left in an old-site folder by a swap that
    was killed half-way are moved back into ``target`` first.
    """
    places = [(target.parent, target.name, True), (target, target.name, False)]
    if final is not None and final != target:
        places.append((final.parent, final.name, True))
    removed = []
    for folder, site, legacy in places:
        try:
            paths = sorted(folder.iterdir())
        except OSError:
            continue
        for path in paths:
            kind = _leftover_kind(path.name, site, legacy=legacy)
            if kind is None or path.is_symlink() or not path.is_dir():
                continue
            if kind == "old":
                _rescue_dot_entries(path, target, site)
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                removed.append(path)
    return removed


def is_mount_point(path: Path) -> bool:
    """True if ``path`` is a mount point, bind mounts of the same file system included."""
    if path.is_mount():
        return True
    real = str(path.resolve())
    try:
        with _MOUNTINFO.open(encoding="utf-8", errors="surrogateescape") as f:
            return any(_unescape(line.split(" ")[4]) == real for line in f if line.count(" ") >= 4)
    except OSError:  # not Linux: Path.is_mount is all there is
        return False


def _leftover_kind(name: str, site: str, *, legacy: bool) -> str | None:
    """'new' or 'old' for a folder kbgen made for ``site`` whose process is gone, else None."""
    head = f".{site}-"
    if not name.startswith(head):
        return None
    rest = name[len(head) :]
    if legacy and _LEGACY_STAGING.fullmatch(rest):
        return "new"
    m = _OWN.fullmatch(rest)
    if m is None or _alive(int(m.group("new") or m.group("old"))):
        return None
    return "new" if m.group("new") else "old"


def _is_own(name: str, site: str) -> bool:
    """A name kbgen uses for its staging folders (never part of a site)."""
    head = f".{site}-"
    return name.startswith(head) and _OWN.fullmatch(name[len(head) :]) is not None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of an earlier process that had our pid
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # someone else's live process
    except (OverflowError, OSError):
        return False
    return True


def _rescue_dot_entries(old: Path, target: Path, site: str) -> None:
    if not target.is_dir():
        return
    for path in sorted(old.iterdir()):
        back = target / path.name
        if path.name.startswith(".") and not _is_own(path.name, site) and not os.path.lexists(back):
            with contextlib.suppress(OSError):  # else removed with the folder, like any leftover
                path.rename(back)


def _unescape(field_: str) -> str:
    """Undo the octal escapes of /proc/self/mountinfo (``\\040`` is a space)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field_)


def _mkdtemp(prefix: str, parent: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _swap_directory(staging: Staging) -> list[str]:
    """Two renames (the site aside, the build in its place), then dot-entries carried over."""
    target, new = staging.target, staging.dir
    if not target.exists():
        _chmod(new, NEW_SITE_MODE)
        _rename(new, target, target)
        return []
    _chmod(new, stat.S_IMODE(target.stat().st_mode))
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    try:
        target.rename(old)
    except OSError as exc:
        if exc.errno not in _CANNOT_RENAME:
            raise PublishError(target, exc) from exc
        _replace_via_copy(staging)
        return []
    try:
        new.rename(target)
    except OSError as exc:
        old.rename(target)
        raise PublishError(target, exc) from exc
    notes = []
    for path in sorted(old.iterdir()):
        if path.name.startswith(".") and not os.path.lexists(target / path.name):  # the build's wins
            try:
                path.rename(target / path.name)
            except OSError as exc:
                notes.append(
                    f"{target / path.name}: not carried over into the new site: {describe(exc)}; "
                    f"kept in {old}, the next build gives it back"
                )
    if not notes:
        shutil.rmtree(old, ignore_errors=True)
    return notes


def _replace_via_copy(staging: Staging) -> None:
    """``target`` can't be renamed: copy the build inside it, then swap entry by entry."""
    target = staging.target
    try:
        inside = _mkdtemp(f".{target.name}-new-{os.getpid()}-", target)
    except OSError as exc:
        raise PublishError(target, exc) from exc
    try:
        for src_root, dirs, files in os.walk(staging.dir):
            here = Path(src_root)
            there = inside / here.relative_to(staging.dir)
            links = [d for d in dirs if (here / d).is_symlink()]
            for name in sorted(files) + links:
                try:
                    shutil.copy2(here / name, there / name, follow_symlinks=False)
                except OSError as exc:
                    raise PublishError(staging.shown(here / name), exc) from exc
            for name in dirs:
                if name not in links:
                    try:
                        (there / name).mkdir()
                    except OSError as exc:
                        raise PublishError(staging.shown(here / name), exc) from exc
        _swap_entries(inside, target)
    finally:
        shutil.rmtree(inside, ignore_errors=True)


def _swap_entries(new: Path, target: Path) -> None:
    """Replace ``target``'s entries by those of ``new`` (a folder inside it); keep dot-entries.

    The old entries are first moved aside into ``target/.NAME-old-PID`` and moved back if
    any rename fails, so ``target`` ends up holding either the old site or the new one.
    """
    old = target / f".{target.name}-old-{os.getpid()}"
    try:
        incoming = sorted(p.name for p in new.iterdir())
        existing = sorted(p.name for p in target.iterdir())
        old.mkdir()
    except OSError as exc:
        raise PublishError(target, exc) from exc
    moved_aside: list[str] = []
    moved_in: list[str] = []
    current = target
    try:
        for name in existing:
            if _is_own(name, target.name) or (name.startswith(".") and name not in incoming):
                continue
            current = target / name
            current.rename(old / name)
            moved_aside.append(name)
        for name in incoming:
            current = target / name
            (new / name).rename(current)
            moved_in.append(name)
    except OSError as exc:
        for name in reversed(moved_in):
            (target / name).rename(new / name)
        for name in reversed(moved_aside):
            (old / name).rename(target / name)
        old.rmdir()
        raise PublishError(current, exc) from exc
    shutil.rmtree(old, ignore_errors=True)


def _rename(src: Path, dst: Path, shown: Path) -> None:
    try:
        src.rename(dst)
    except OSError as exc:
        raise PublishError(shown, exc) from exc


def _chmod(path: Path, mode: int) -> None:
    try:
        path.chmod(mode)
    except OSError as exc:
        raise PublishError(path, exc) from exc
