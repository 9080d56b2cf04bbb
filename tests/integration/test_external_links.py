"""`kbgen check --external` against a real local web server: 200, 404, HEAD refused, too slow."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.conftest import WriteSite, entry, run_kbgen


class _Shop(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, head: bool) -> None:
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(3)
        if path == "/no-head" and head:
            self.send_response(405)
        elif path in ("/ok", "/slow", "/no-head", "/chat"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)


@pytest.fixture
def shop() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Shop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_external_check_names_each_dead_link(write_site: WriteSite, shop: str) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}/gone"
    catalog = "".join(
        f"- id: {pid}\n  name: {pid}\n  summary: S.\n  url: {url}\n"
        for pid, url in [
            ("ok", f"{shop}/ok"),
            ("missing", f"{shop}/missing"),
            ("no-head", f"{shop}/no-head"),
            ("slow", f"{shop}/slow"),
            ("dead", dead),
        ]
    )
    config = (
        "site_name: S\ndocs_dir: content\ntheme:\n  name: material\n  font: false\nplugins:\n"
        f"  - kbgen:\n      contact:\n        chat:\n          url: {shop}/chat?e={{entry_id}}\n"
        f"        community:\n          url: {shop}/forum?q={{query}}\n"
    )
    root = write_site({"content/q.md": entry(), "content/products.yml": catalog}, config=config)

    assert run_kbgen("check", cwd=root).returncode == 0  # never online unless asked
    proc = run_kbgen("check", "--external", "--timeout", "1", cwd=root)

    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("checking 7 outbound URLs")
    assert lines[1:] == [
        f"content/products.yml:8: missing.url: {shop}/missing answered HTTP 404",
        f"content/products.yml:16: slow.url: {shop}/slow did not answer within 1s",
        f"content/products.yml:20: dead.url: {dead} could not be reached ([Errno 111] Connection refused)",
        f"mkdocs.yml:12: plugins.kbgen.contact.community.url: {shop}/forum answered HTTP 404",
        "4 problems found.",
    ]
