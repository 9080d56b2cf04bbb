"""Form submissions from files: Netlify's CSV export of a form, or JSON Lines.

A Netlify export holds one form; its header row names the form's fields (``entry_id``,
``helpful``, ``comment``, ``query``, ``message``, ``page_url`` …) and Netlify's own columns
(``ip``, ``user_agent``, ``referrer``, ``created_at``), which are never read beyond the date.
The form is named by a ``form-name`` column, else by the file name (``feedback…csv``,
``missing-answer…csv``, ``search-gap…csv``), else by the fields it has. JSON Lines hold one
posted form per line, with ``form-name`` and ``created_at`` (ISO 8601), as a custom
``feedback.url`` endpoint would store them; one run may mix both.

A bad row is reported as ``file:line: field: message`` and skipped; the rest are read.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from kbgen.core.errors import Problem
from kbgen.report import signups
from kbgen.report.privacy import scrub

FEEDBACK = "feedback"
MISSING = "missing-answer"
SEARCH_GAP = "search-gap"
NOTIFY = "notify"
"""The "Tell me when this changes" form: its rows are counted per entry (:mod:`.signups`); the
address is read only to tell two sign-ups apart, never kept or shown."""
FORMS = (FEEDBACK, MISSING, SEARCH_GAP, NOTIFY)
MAX_TEXT = 2000
"""Longer free text is cut (the site's forms allow 2,000 characters)."""
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DIGITS = re.compile(r"\d{7}")
_DATE_COLUMNS = ("created_at", "date", "submitted_at", "created")


@dataclass(frozen=True)
class Submission:
    """One posted form, as read (free text not yet scrubbed)."""

    form: str
    source: str
    line: int
    entry_id: str = ""
    helpful: str = ""
    """'yes', 'no' or '' (a comment sent after voting, or no vote)."""
    comment: str = ""
    query: str = ""
    message: str = ""
    created_at: datetime | None = None
    session: str = field(default="", compare=False)
    """Who posted it (a digest), or '' when the export does not say: see :func:`_session`."""
    subscriber: str = field(default="", compare=False)
    """A notify row's address as an opaque digest (see :func:`kbgen.report.signups.subscriber`):
    the address itself is never kept."""


@dataclass
class Read:
    """What the files held: the good submissions and a problem for each skipped row."""

    submissions: list[Submission]
    problems: list[Problem]


def parse_when(text: str) -> datetime:
    """An ISO 8601 date or date-time ('2026-03-05', '2026-03-05T14:02:06.088Z', '2026-03-05
    14:02:06 UTC'); a time without zone is UTC. Raises ValueError."""
    text = text.strip()
    if text.upper().endswith(" UTC"):
        text = text[:-4] + "+00:00"
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time(), UTC)
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def read_files(paths: list[Path], shown: Mapping[Path, str] | None = None) -> Read:
    """Read every file; a file that cannot be read at all is one problem."""
    result = Read([], [])
    for path in paths:
        name = (shown or {}).get(path, str(path))
        try:
            text = _decode(path.read_bytes())
        except OSError as exc:
            result.problems.append(Problem(name, 1, "file", exc.strerror or str(exc)))
            continue
        rows = _jsonl_rows(text, name) if _is_jsonl(path, text) else _csv_rows(text, name, path)
        for line, row in rows:
            if isinstance(row, Problem):
                result.problems.append(row)
                continue
            bad = _not_text(row)
            if bad:
                result.problems.append(
                    Problem(name, line, bad, "holds bytes that are not UTF-8 text; row skipped")
                )
                continue
            sub = _submission(row, name, line, result.problems)
            if sub is not None:
                result.submissions.append(sub)
    return result


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark), or UTF-16 with one (a spreadsheet's "Unicode
    text"). Bytes that are not UTF-8 stay as surrogate escapes, so that only the rows holding
    them are skipped (:func:`_not_text`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="surrogateescape")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_text(row: Mapping[str, Any]) -> str:
    """The first field of ``row`` holding a surrogate (a byte that is not UTF-8, or a lone
    surrogate escape in JSON such as "\\ud800"), or ''."""
    if not any(_SURROGATE.search(v) for v in row.values() if isinstance(v, str)) and not any(
        _SURROGATE.search(k) for k in row
    ):
        return ""
    for key, value in row.items():
        if _SURROGATE.search(key):
            return "row"
        if isinstance(value, str) and _SURROGATE.search(value):
            return key if _SAFE_KEY.match(key) else "row"
    return ""


_SAFE_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_DEPTH = 20
"""A JSON row nested deeper is skipped (the forms post flat fields)."""


def _depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (without recursion)."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict | list):
            level += 1
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            todo.extend((v, level) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def _is_jsonl(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return True
    if path.suffix.lower() == ".csv":
        return False
    return text.lstrip().startswith("{")


Row = tuple[int, "dict[str, Any] | Problem"]


def _jsonl_rows(text: str, name: str) -> Iterator[Row]:
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except RecursionError:
            yield n, Problem(name, n, "row", f"is nested deeper than {MAX_DEPTH} levels; row skipped")
            continue
        except ValueError as exc:
            msg = getattr(exc, "msg", str(exc))
            yield n, Problem(name, n, "row", f"not valid JSON: {msg[:80]}; row skipped")
            continue
        if not isinstance(data, dict):
            yield n, Problem(name, n, "row", "is not a JSON object; row skipped")
            continue
        if _depth(data) > MAX_DEPTH:
            yield n, Problem(name, n, "row", f"is nested deeper than {MAX_DEPTH} levels; row skipped")
            continue
        yield n, {str(k).strip().lower(): v for k, v in data.items()}


def _column(name: str) -> str:
    return re.sub(r"[\s]+", "_", name.strip().lower())


def _csv_rows(text: str, name: str, path: Path) -> Iterator[Row]:
    # Not str.splitlines: it also breaks at U+001C-U+001E, U+0085 and U+2028 inside a quoted field.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_column(h) for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield 1, Problem(name, 1, "header", f"not valid CSV: {exc}")
        return
    form = _form_of_file(path.name, header)
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, Problem(name, start, "row", f"not valid CSV: {exc}; row skipped")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            yield (
                line,
                Problem(
                    name, line, "row", f"has {len(cells)} cells but the header has {len(header)}; row skipped"
                ),
            )
            continue
        row: dict[str, Any] = dict(zip(header, cells, strict=False))
        if form and not row.get("form-name") and not row.get("form_name"):
            row["form-name"] = form
        yield line, row


def _form_of_file(filename: str, header: list[str]) -> str:
    """The form a Netlify export holds, when no column names it: by file name, then fields."""
    lowered = filename.lower().replace("_", "-")
    for form in (MISSING, SEARCH_GAP, FEEDBACK, NOTIFY):
        if form in lowered:
            return form
    if "email" in header and "entry_id" in header and "helpful" not in header:
        return NOTIFY
    if "helpful" in header or "entry_id" in header:
        return FEEDBACK
    if "message" in header:
        return MISSING
    if "query" in header:
        return SEARCH_GAP
    return ""


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else str(value)
    return " ".join(value.split())[:MAX_TEXT]


def _quoted(value: str) -> str:
    """A shopper's value as a message quotes it: scrubbed of contact details, then cut."""
    value = scrub(value)
    return f"'{value[:40]}…'" if len(value) > 40 else f"'{value}'"


def _session(row: Mapping[str, Any]) -> str:
    """Who posted, as far as the export says (a ``session`` field, else Netlify's IP address and
    user agent), as an opaque digest: only used to pair a comment with the vote it follows."""
    marks = [_text(row, k) for k in ("session", "session_id")]
    if not any(marks):
        marks = [_text(row, k) for k in ("ip", "user_agent")]
    if not any(marks):
        return ""
    return hashlib.blake2b("\x00".join(marks).encode("utf-8", "replace"), digest_size=8).hexdigest()


def _submission(row: Mapping[str, Any], name: str, line: int, problems: list[Problem]) -> Submission | None:
    def skip(field: str, message: str) -> None:
        problems.append(Problem(name, line, field, f"{message}; row skipped"))

    form = _text(row, "form-name") or _text(row, "form_name")
    if not form:
        skip("form-name", f"is missing (one of: {', '.join(FORMS)})")
        return None
    if form not in FORMS:
        skip("form-name", f"{_quoted(form)} is not a kbgen form (one of: {', '.join(FORMS)})")
        return None
    when = None
    for key in _DATE_COLUMNS:
        raw = _text(row, key)
        if raw:
            try:
                when = parse_when(raw)
            except ValueError:
                skip(key, f"{_quoted(raw)} is not an ISO 8601 date")
                return None
            break
    sub = Submission(
        form=form,
        source=name,
        line=line,
        entry_id=_text(row, "entry_id"),
        helpful=_text(row, "helpful").lower(),
        comment=_text(row, "comment"),
        query=_text(row, "query"),
        message=_text(row, "message"),
        created_at=when,
        session=_session(row),
    )
    if form in (FEEDBACK, NOTIFY):
        if not sub.entry_id:
            skip("entry_id", "is missing")
            return None
        if (
            not _ID.match(sub.entry_id)
            or len(sub.entry_id) > 200
            or (_DIGITS.search(sub.entry_id) and scrub(sub.entry_id) != sub.entry_id)  # a card number
        ):
            skip("entry_id", f"{_quoted(sub.entry_id)} is not an entry id")
            return None
    if form == NOTIFY:
        # Only the entry, the date and the digest are kept: a notify row has no text to show.
        digest = signups.checked(row.get("email"), skip)
        if digest is None:
            return None
        return dataclasses.replace(
            sub, subscriber=digest, helpful="", comment="", query="", message="", session=""
        )
    if form == FEEDBACK:
        if sub.helpful not in ("yes", "no", ""):
            skip("helpful", f"{_quoted(sub.helpful)} is not yes or no")
            return None
        if not sub.helpful and not sub.comment:
            skip("helpful", "is missing, and there is no comment")
            return None
    elif form == MISSING and not (sub.query or sub.message):
        skip("query", "is empty, and so is message")
        return None
    elif form == SEARCH_GAP and not sub.query:
        skip("query", "is empty")
        return None
    return sub
