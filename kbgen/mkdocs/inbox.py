"""Form posts to the live preview: the site's feedback, missing-answer and search-gap forms.

On Netlify these posts go to Netlify Forms; in the preview they come here, so a writer can try
the whole loop on their machine: the site says the post went through, the terminal shows it,
and with ``kbgen serve --record FILE`` it is appended to a JSON Lines file that ``kbgen report``
reads (one posted form per line, with ``form-name`` and ``created_at``).

A post is refused (and the site says it did not go through) when it comes from another site
(``Origin``), is too big, is not a url-encoded form, or lacks what ``kbgen report`` needs. What
shoppers wrote is shown in the terminal with its control characters neutralised.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from io import BufferedIOBase
from pathlib import Path
from urllib.parse import parse_qsl

from kbgen.report.read import FEEDBACK, FORMS, MAX_TEXT, MISSING, NOTIFY, SEARCH_GAP
from kbgen.report.signups import is_address

log = logging.getLogger("mkdocs.kbgen.preview")

MAX_BODY = 16 * 1024
"""Bytes: the site's largest form (a 2,000-character comment in CJK) is well under it."""
FIELDS: Mapping[str, tuple[str, ...]] = {
    FEEDBACK: ("entry_id", "helpful", "comment", "query", "page_url", "source"),
    MISSING: ("query", "message", "page_url"),
    SEARCH_GAP: ("query",),
    NOTIFY: ("entry_id", "email"),
}
"""What each form declares (as Netlify Forms, other fields are dropped)."""
HIDDEN = ("email",)
"""Fields never shown in the terminal (a "Tell me when this changes" address)."""
HONEYPOT = "bot-field"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SHOWN = 200
"""Characters of one field shown in the terminal."""


class RefusedError(Exception):
    """A post the preview does not take: the HTTP status and why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Post:
    """One accepted form post."""

    form: str
    fields: dict[str, str]
    created_at: str
    """ISO 8601, UTC."""
    spam: bool = False
    """The honeypot field was filled: answered as accepted, never recorded (as Netlify does)."""

    def record(self) -> str:
        """The JSON Lines row ``kbgen report`` reads."""
        row = {"form-name": self.form, "created_at": self.created_at, **self.fields}
        return json.dumps(row, ensure_ascii=False, separators=(",", ":"))

    def summary(self) -> str:
        """One terminal line: the form and its non-empty fields, neutralised."""
        parts = [f"{k}={'[hidden]' if k in HIDDEN else shown(v)}" for k, v in self.fields.items() if v]
        return f"{self.form}: {' '.join(parts)}"


def shown(text: str, limit: int = _SHOWN) -> str:
    """``text`` safe to print on a terminal: control, format (bidirectional overrides) and
    separator characters as ``\\uXXXX``, cut at ``limit`` characters, quoted when it has spaces."""
    out = []
    for ch in text[:limit]:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") or ch == "\\":
            out.append(f"\\u{ord(ch):04x}" if ch != "\\" else "\\\\")
        else:
            out.append(ch)
    result = "".join(out) + ("…" if len(text) > limit else "")
    return repr(result) if (not result or " " in result or "'" in result) else result


def receive(headers: Message[str, str], body: BufferedIOBase, *, host: str) -> Post:
    """Read and check one post (``headers`` of the request, ``body`` its stream).

    Raises:
        RefusedError: If the post comes from another site, is too big, or is not one of the site's forms.
    """
    origin = headers.get("Origin")
    if origin is not None and origin.lower() != f"http://{host.lower()}":
        raise RefusedError(403, f"Origin: '{shown(origin, 80)}' is not this preview")
    site = headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        raise RefusedError(403, f"Sec-Fetch-Site: '{shown(site, 40)}': a post from another site")
    kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise RefusedError(415, f"Content-Type: '{shown(kind, 80)}' is not a url-encoded form")
    length_header = headers.get("Content-Length")
    if length_header is None or not length_header.strip().isdigit():
        raise RefusedError(411, "Content-Length: missing")
    length = int(length_header)
    if length > MAX_BODY:
        raise RefusedError(413, f"Content-Length: {length} bytes, more than {MAX_BODY}")
    raw = body.read(length)
    try:
        pairs = parse_qsl(
            raw.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=40
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise RefusedError(400, f"body: not a url-encoded form ({type(exc).__name__})") from None
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in values:
            raise RefusedError(400, f"{shown(key, 40)}: sent twice")
        values[key] = value
    return _checked(values)


def _checked(values: dict[str, str]) -> Post:
    form = values.get("form-name", "")
    if form not in FORMS:
        known = ", ".join(FORMS)
        raise RefusedError(400, f"form-name: '{shown(form, 40)}' is not a kbgen form (one of: {known})")
    fields = {k: values.get(k, "").strip() for k in FIELDS[form]}
    for key, value in fields.items():
        if len(value) > MAX_TEXT:
            raise RefusedError(413, f"{key}: {len(value)} characters, more than {MAX_TEXT}")
    when = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if values.get(HONEYPOT):
        return Post(form, fields, when, spam=True)
    if form in (FEEDBACK, NOTIFY):
        entry_id = fields["entry_id"]
        if not entry_id or not _ID.fullmatch(entry_id) or len(entry_id) > 200:
            raise RefusedError(400, f"entry_id: '{shown(entry_id, 40)}' is not an entry id")
    if form == NOTIFY and not is_address(fields["email"]):
        raise RefusedError(400, "email: not an e-mail address (not shown)")
    if form == FEEDBACK:
        helpful = fields["helpful"]
        if helpful not in ("yes", "no", ""):
            raise RefusedError(400, f"helpful: '{shown(helpful, 40)}' is not yes or no")
        if not helpful and not fields["comment"]:
            raise RefusedError(400, "helpful: missing, and there is no comment")
    elif form == MISSING and not (fields["query"] or fields["message"]):
        raise RefusedError(400, "query: empty, and so is message")
    elif form == SEARCH_GAP and not fields["query"]:
        raise RefusedError(400, "query: empty")
    return Post(form, fields, when)


class Inbox:
    """Where accepted posts go: the terminal, and ``record`` (JSON Lines) when given."""

    def __init__(self, record: Path | None) -> None:
        self.record = record
        self._lock = threading.Lock()
        self._hinted = False

    def accept(self, post: Post) -> None:
        """Log ``post`` and append it to the record file.

        Raises:
            RefusedError: If the record file cannot be written (the site then says the post failed).
        """
        if post.spam:
            log.info(f"form post dropped as spam ({HONEYPOT} filled): {post.form}")
            return
        with self._lock:
            log.info(f"form post: {post.summary()}")
            if self.record is None:
                if not self._hinted:
                    self._hinted = True
                    log.info("not recorded: kbgen serve --record FILE appends posts for kbgen report")
                return
            try:
                with self.record.open("a", encoding="utf-8") as out:
                    out.write(post.record() + "\n")
            except OSError as exc:
                why = exc.strerror or exc
                reason = f"{shown(str(self.record))}: record: {why}; the post was not recorded"
                raise RefusedError(500, reason) from None
