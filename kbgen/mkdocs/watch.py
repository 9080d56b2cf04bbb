"""Which files changed since the last build: the preview's file watcher (inotify where there is
one, polling elsewhere, via watchdog, which MkDocs already needs)."""

from __future__ import annotations

import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

SETTLE = 0.05
"""Seconds without a new event before a build starts (an editor's save can be several writes)."""
_CHANGES = {"created", "modified", "deleted", "moved"}
"""Not "opened"/"closed": the build itself reads every file."""


class Watcher(FileSystemEventHandler):
    """Collects changed paths under some directories and single files."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._changed: set[Path] = set()
        self._files: dict[Path, set[str]] = {}
        self._observer = Observer()
        self._stopped = False

    def watch_dir(self, directory: Path) -> None:
        """Every file below ``directory``."""
        self._observer.schedule(self, str(directory), recursive=True)

    def watch_file(self, file: Path) -> None:
        """One file (its directory is watched, other names in it are ignored)."""
        folder = file.resolve().parent
        if folder not in self._files:
            self._files[folder] = set()
            self._observer.schedule(_OneFolder(self, folder), str(folder), recursive=False)
        self._files[folder].add(file.name)

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._observer.stop()
        self._observer.join(timeout=5)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES or (event.is_directory and event.event_type == "modified"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        self.add({Path(_text(p)) for p in paths if p})

    def add(self, paths: set[Path]) -> None:
        with self._cond:
            self._changed |= paths
            self._cond.notify_all()

    def wait(self) -> set[Path] | None:
        """Block until something changed and SETTLE seconds passed quietly; the changed paths
        (None once stopped)."""
        with self._cond:
            self._cond.wait_for(lambda: self._changed or self._stopped)
            while not self._stopped and self._cond.wait(timeout=SETTLE):
                pass  # more events came: wait until they stop
            if self._stopped:
                return None
            changed, self._changed = self._changed, set()
            return changed


class _OneFolder(FileSystemEventHandler):
    def __init__(self, watcher: Watcher, folder: Path) -> None:
        self.watcher, self.folder = watcher, folder

    def on_any_event(self, event: FileSystemEvent) -> None:
        names = self.watcher._files.get(self.folder, set())
        paths = [_text(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if any(Path(p).name in names for p in paths):
            self.watcher.on_any_event(event)


def _text(path: bytes | str) -> str:
    return path.decode() if isinstance(path, bytes) else path
