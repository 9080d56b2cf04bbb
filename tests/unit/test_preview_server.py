"""The preview's web server (kbgen/mkdocs/live.py, inbox.py) on a real socket, as an attacker or
a shopper's browser would talk to it: no redirect to another host, bad paths answered 400, only
its own Host names answered (DNS rebinding), closed tabs ignored quietly, and the site's form
posts checked, shown in the terminal and recorded in the format ``kbgen report`` reads."""

from __future__ import annotations

import json
import logging
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

from kbgen.mkdocs import guard, inbox, live
from kbgen.report.read import read_files


class Server:
    def __init__(self, server: live.LiveServer, record: Path) -> None:
        self.server = server
        self.port = int(server.server_address[1])
        self.base = f"http://127.0.0.1:{self.port}/"
        self.record = record

    def raw(self, request: bytes, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
        """Send ``request`` as is; the status, headers (lower-case names) and body."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(request)
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        assert lines[0].startswith("HTTP/1."), data[:200]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(lines[0].split()[1]), headers, body

    def get(self, target: str, host: str | None = "", extra: str = "") -> tuple[int, dict[str, str], bytes]:
        host_line = "" if host is None else f"Host: {host or f'127.0.0.1:{self.port}'}\r\n"
        request = f"GET {target} HTTP/1.1\r\n{host_line}Connection: close\r\n{extra}\r\n"
        return self.raw(request.encode("latin-1"))

    def post(
        self, target: str, fields: dict[str, str], *, origin: str | None = "", headers: str = ""
    ) -> tuple[int, dict[str, str], bytes]:
        body = urlencode(fields).encode()
        origin_line = "" if origin is None else f"Origin: {origin or self.base.rstrip('/')}\r\n"
        request = (
            f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nConnection: close\r\n{origin_line}"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n{headers}\r\n"
        )
        return self.raw(request.encode("latin-1") + body)


def _site(root: Path) -> None:
    for rel in ["index.html", "questions/index.html", "questions/returns/index.html", "contact/index.html"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"<html><body><p>{rel}</p></body></html>", encoding="utf-8")
    (root / "404.html").write_text("<html><body><p>missing</p></body></html>", encoding="utf-8")
    (root / "evil.com").mkdir()  # a folder named like a host: its redirect must stay on the preview
    (root / "evil.com" / "index.html").write_text("<html><body></body></html>", encoding="utf-8")


def _start(tmp_path: Path, host: str = "127.0.0.1") -> tuple[live.LiveServer, Path]:
    root = tmp_path / "site"
    root.mkdir()
    _site(root)
    record = tmp_path / "posts.jsonl"
    state = live.LiveState()
    state.done([], changed=True)
    server = live.LiveServer(host, 0, root, "/", state, inbox.Inbox(record))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, record


@pytest.fixture
def srv(tmp_path: Path) -> Iterator[Server]:
    server, record = _start(tmp_path)
    yield Server(server, record)
    server.shutdown()
    server.server_close()


@pytest.fixture
def said() -> Iterator[list[str]]:
    """What the preview logs (its terminal lines)."""
    lines: list[str] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs.kbgen.preview")
    old_level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(old_level)


HOSTILE = [
    "//%2Fevil.com",
    "//%2Fevil.com/",
    "/%2F%2Fevil.com",
    "/%2Fevil.com",
    "/%2Fevil.com/..%2Fquestions",
    "/%2F%2Fevil.com%2F..%2Fquestions",
    "//evil.com/..%2Fquestions",
    "/%5Cevil.com/..%2Fquestions",
    "/%2F%5Cevil.com%2F..%2Fquestions",
    "/questions/..%2F%2Fevil.com",
    "/.%2F%2Fevil.com",
    "///evil.com",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_no_redirect_leaves_the_preview(srv: Server, target: str, capfd: pytest.CaptureFixture[str]) -> None:
    status, headers, _ = srv.get(target)
    assert status < 500
    location = headers.get("location")
    if location is not None:
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location
        assert "\\" not in location
        assert urlsplit(urljoin(srv.base, location)).netloc == f"127.0.0.1:{srv.port}"
    assert "Traceback" not in capfd.readouterr().err


def test_a_folder_still_gets_its_slash(srv: Server) -> None:
    status, headers, _ = srv.get("/questions?q=a")
    assert (status, headers["location"]) == (302, "/questions/?q=a")


BAD = ["/%00", "/questions/%00/", "/a%00.css", "/%ff%fe", "/a%0d%0aSet-Cookie:x", "/a%5Cb"]


@pytest.mark.parametrize("target", BAD)
def test_bad_paths_are_answered_400(srv: Server, target: str, capfd: pytest.CaptureFixture[str]) -> None:
    status, _, body = srv.get(target)
    assert status == 400
    assert b"bad request" in body
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize(
    "host", ["evil.com", "evil.com:8000", "127.0.0.1.evil.com", "localhost.evil.com", "[::2]", "x:y", "a b"]
)
def test_other_host_names_are_refused(srv: Server, host: str) -> None:
    status, _, body = srv.get("/questions/returns/", host=host)
    assert status == 403
    assert b"questions/returns" not in body


def test_a_request_without_host_is_refused(srv: Server) -> None:
    status, _, _ = srv.raw(b"GET / HTTP/1.0\r\n\r\n")
    assert status == 403


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:{port}", "127.0.0.1:{port}", "[::1]:{port}"])
def test_loopback_names_are_answered(srv: Server, host: str) -> None:
    status, _, body = srv.get("/questions/returns/", host=host.format(port=srv.port))
    assert status == 200
    assert b"questions/returns/index.html" in body


def test_the_bound_address_and_on_every_address_any_ip_is_answered() -> None:
    assert guard.allowed_hosts("192.168.1.5") == (guard.LOOPBACK | {"192.168.1.5"}, False)
    names, any_ip = guard.allowed_hosts("0.0.0.0")
    assert any_ip and "localhost" in names and "evil.com" not in names


def test_on_every_address_an_ip_is_answered_a_foreign_name_is_not(tmp_path: Path) -> None:
    server, record = _start(tmp_path, host="0.0.0.0")
    srv = Server(server, record)
    try:
        assert srv.get("/", host=f"192.168.1.5:{srv.port}")[0] == 200
        assert srv.get("/", host=f"evil.com:{srv.port}")[0] == 403
    finally:
        server.shutdown()
        server.server_close()


def test_a_tab_closed_during_the_long_poll_is_ignored_quietly(
    srv: Server, capfd: pytest.CaptureFixture[str]
) -> None:
    state = srv.server.state
    for _ in range(5):
        s = socket.create_connection(("127.0.0.1", srv.port))
        request = f"GET /.kbgen-preview/wait?v={state.version} HTTP/1.1\r\nHost: 127.0.0.1:{srv.port}\r\n\r\n"
        s.sendall(request.encode())
        time.sleep(0.2)  # the server is waiting for a change
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()  # a reset, as a closed tab
        time.sleep(0.1)
        state.done([], changed=True)  # the rebuild wakes the poll, which writes to the closed tab
        time.sleep(0.3)
    assert srv.get("/")[0] == 200  # still serving
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipe" not in err and "ConnectionReset" not in err


# Form posts ------------------------------------------------------------------------------------

FEEDBACK = {
    "form-name": "feedback",
    "entry_id": "returns",
    "page_url": "http://127.0.0.1/questions/returns/",
    "query": "",
    "source": "site",
    "bot-field": "",
    "helpful": "no",
}


def test_a_vote_and_a_comment_are_recorded_for_kbgen_report(srv: Server, said: list[str]) -> None:
    status, headers, _ = srv.post("/contact/?feedback=sent", FEEDBACK)
    assert (status, headers["location"]) == (303, "/contact/?feedback=sent")
    comment = {**FEEDBACK, "helpful": "", "comment": "Too short \x1b]52;c;ZXZpbA==\x07 \u202eevil"}
    assert srv.post("/contact/?feedback=sent", comment)[0] == 303
    missing = {"form-name": "missing-answer", "query": "decaf", "message": "Do you sell decaf?"}
    assert srv.post("/contact/?feedback=sent", missing)[0] == 303
    assert srv.post("/search/", {"form-name": "search-gap", "query": "decaf beans"})[0] == 303

    rows = [json.loads(line) for line in srv.record.read_text(encoding="utf-8").splitlines()]
    assert [r["form-name"] for r in rows] == ["feedback", "feedback", "missing-answer", "search-gap"]
    assert "bot-field" not in rows[0]
    read = read_files([srv.record])
    assert read.problems == []
    subs = read.submissions
    assert (subs[0].entry_id, subs[0].helpful) == ("returns", "no")
    assert (subs[1].helpful, subs[1].comment.startswith("Too short")) == ("", True)
    assert (subs[2].query, subs[2].message) == ("decaf", "Do you sell decaf?")
    assert subs[3].query == "decaf beans"
    assert all(s.created_at is not None for s in subs)

    shown = "\n".join(said)
    assert "feedback: entry_id=returns helpful=no" in shown
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\\u001b" in shown and "\\u202e" in shown


@pytest.mark.parametrize(
    ("fields", "origin", "status"),
    [
        (FEEDBACK, "http://evil.com", 403),
        (FEEDBACK, "null", 403),
        ({**FEEDBACK, "form-name": "order"}, "", 400),
        ({**FEEDBACK, "entry_id": "../x"}, "", 400),
        ({**FEEDBACK, "helpful": "maybe"}, "", 400),
        ({**FEEDBACK, "helpful": ""}, "", 400),
        ({**FEEDBACK, "comment": "x" * 2001}, "", 413),
        ({"form-name": "missing-answer", "query": "", "message": ""}, "", 400),
        ({"form-name": "search-gap", "query": ""}, "", 400),
    ],
)
def test_bad_posts_are_refused_and_not_recorded(
    srv: Server, fields: dict[str, str], origin: str, status: int, capfd: pytest.CaptureFixture[str]
) -> None:
    assert srv.post("/contact/", fields, origin=origin)[0] == status
    assert not srv.record.exists() or srv.record.read_text(encoding="utf-8") == ""
    assert "Traceback" not in capfd.readouterr().err


def test_a_post_from_another_site_is_refused_by_fetch_metadata(srv: Server) -> None:
    assert srv.post("/contact/", FEEDBACK, origin=None, headers="Sec-Fetch-Site: cross-site\r\n")[0] == 403
    assert not srv.record.exists()


def test_a_huge_post_is_refused_before_it_is_read(srv: Server) -> None:
    request = (
        f"POST /contact/ HTTP/1.1\r\nHost: 127.0.0.1:{srv.port}\r\nConnection: close\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000000\r\n\r\n"
        "form-name=feedback"
    )
    assert srv.raw(request.encode())[0] == 413


def test_other_encodings_and_duplicates_are_refused(srv: Server) -> None:
    assert srv.post("/contact/", {**FEEDBACK}, headers="")[0] == 303  # the good one, for contrast
    body = b"form-name=feedback&entry_id=returns&helpful=no&helpful=yes"
    request = (
        f"POST /contact/ HTTP/1.1\r\nHost: 127.0.0.1:{srv.port}\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    assert srv.raw(request)[0] == 400
    json_body = b'{"form-name": "feedback"}'
    request = (
        f"POST /contact/ HTTP/1.1\r\nHost: 127.0.0.1:{srv.port}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(json_body)}\r\n\r\n"
    ).encode() + json_body
    assert srv.raw(request)[0] == 415
    assert len(srv.record.read_text(encoding="utf-8").splitlines()) == 1


def test_a_spam_post_is_answered_but_not_recorded(srv: Server) -> None:
    assert srv.post("/contact/", {**FEEDBACK, "bot-field": "http://spam"})[0] == 303
    assert not srv.record.exists()
