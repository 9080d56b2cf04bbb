"""What `kbgen build` and `kbgen serve` print: the site folder as the writer knows it (``site``,
not the staging folder), and a warning when the preview is open to the whole network."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import WriteSite, entry, run_kbgen


def test_the_build_log_names_site_not_the_staging_folder(write_site: WriteSite) -> None:
    root = write_site({"content/returns.md": entry()})
    proc = run_kbgen("build", cwd=root, check=True)
    assert ".site-new" not in proc.stderr
    assert "Building documentation to directory: site\n" in proc.stderr
    assert (root / "site" / "index.html").is_file()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve_output(root: Path, *args: str) -> str:
    """Start `kbgen serve`, wait until it answers, stop it; everything it printed."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "serve", "-a", f"{args[0]}:{port}", *args[1:]],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(0.5)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    return out


def test_serving_on_every_address_warns(write_site: WriteSite) -> None:
    root = write_site({"content/returns.md": entry()})
    out = _serve_output(root, "0.0.0.0")
    assert "WARNING" in out and "0.0.0.0: the preview is open to every machine" in out
    assert "Traceback" not in out
    quiet = _serve_output(root, "127.0.0.1")
    assert "open to every machine" not in quiet


def test_a_record_file_inside_content_is_refused(write_site: WriteSite) -> None:
    root = write_site({"content/returns.md": entry()})
    proc = run_kbgen("serve", "--record", "content/posts.jsonl", cwd=root)
    assert proc.returncode != 0
    assert "content/posts.jsonl: --record: is inside content/" in proc.stderr
    assert not (root / "content" / "posts.jsonl").exists()
    assert "Traceback" not in proc.stderr
