"""What the preview checks before it answers a request: the ``Host`` header (a page on another
site that points its own name at 127.0.0.1, DNS rebinding, gets nothing) and the path (decoded
strictly: no NUL, control character or backslash reaches the file system or a redirect)."""

from __future__ import annotations

import re
import socket
from urllib.parse import unquote_to_bytes

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
"""Host names a browser on this machine uses for the preview, whatever address it is bound to."""
WILDCARD = frozenset({"", "0.0.0.0", "::"})
"""Bound to every address: the writer asked for the preview to be reachable from elsewhere."""


def allowed_hosts(bound: str) -> tuple[frozenset[str], bool]:
    """The ``Host`` names the preview answers when bound to ``bound``, and whether any IP
    address is accepted too (bound to every address: a phone on the same network uses the
    machine's address; an address cannot be a DNS-rebinding name)."""
    bound = bound.strip("[]").lower()
    if bound in WILDCARD:
        name = socket.gethostname().lower()
        return LOOPBACK | {name, f"{name}.local"}, True
    return LOOPBACK | {bound}, False


def host_name(header: str | None) -> str | None:
    """The name in a ``Host`` header (without port or brackets, lower case); None if malformed."""
    if not header:
        return None
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, port = header[1:].partition("]")
        if not bracket or (port and not re.fullmatch(r":\d{1,5}", port)):
            return None
        return name
    name, colon, port = header.partition(":")
    if colon and not re.fullmatch(r"\d{1,5}", port):
        return None
    return name if re.fullmatch(r"[a-z0-9.-]+", name) else None


class BadPathError(ValueError):
    """A request path that names no file: not UTF-8, a control character, a backslash."""


def request_path(target: str) -> tuple[str, str]:
    """The decoded path and the raw query of a request target (``/a%20b/?q=1``).

    Raises:
        BadPathError: If the target is not a path, or decodes to something no site file can be called.
    """
    raw, _, query = target.partition("#")[0].partition("?")
    if not raw.startswith("/"):
        raise BadPathError("not a path")
    try:
        path = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise BadPathError("not UTF-8") from None
    if "\\" in path or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
        raise BadPathError("a control character or a backslash")
    return path, query
