"""What a valid entry and a valid catalog product look like, with messages for writers.

Messages speak the writer's language ("must be a list of product ids"), not Python's
("expected <class 'list'>"), which is why this is not an mkdocs ``Config`` subclass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from kbgen.content import limits
from kbgen.content.yamlsrc import REFUSED, Field
from kbgen.core.chars import control_problem
from kbgen.core.errors import Problem
from kbgen.core.model import Incompatibility

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_RULE = "lowercase letters, digits and single hyphens, e.g. 'return-opened-item'"
SHOP_SCHEMES = ("https", "http")
HOST_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\Z")
"""A DNS host name (letters, digits, hyphens and dots)."""


def url_origin_problem(url: str, schemes: tuple[str, ...] = SHOP_SCHEMES) -> str | None:
    """Why an absolute URL is not a plain ``scheme://host[:port]/...`` address, or None.

    Used wherever a URL's origin may reach the Content-Security-Policy: no user names,
    no characters that could end a policy directive.
    """
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return "contains spaces or control characters"
    parts = urlsplit(url)
    if parts.scheme.lower() not in schemes or not parts.netloc:
        return "is not an absolute " + " or ".join(f"{s}://" for s in schemes) + " address"
    if "@" in parts.netloc:
        return "has a user name or password before the host; leave them out"
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        return "has an invalid port"
    if not (HOST_RE.match(host) or _is_ipv6(parts.netloc)):
        hint = " (write an international name in its xn-- form)" if not host.isascii() else ""
        return f"has an invalid host name '{host[:60]}'{hint}"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_ipv6(netloc: str) -> bool:
    if not netloc.startswith("["):
        return False
    try:
        ipaddress.IPv6Address(netloc[1 : netloc.index("]")])
    except ValueError:
        return False
    return True


class FieldError(Exception):
    """A value breaks its field's rule; the message completes '<field>: ...'."""


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, set | frozenset):
        return "a set"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, tuple):
        return "a list of pairs"
    if value is None:
        return "empty"
    shown = repr(value)
    return f"text ({shown[:60]}…)" if len(shown) > 60 else f"text ({shown})"


def text(value: Any, limit: int = limits.SUMMARY_CHARS) -> str:
    """Non-empty text on one logical line or more, of at most ``limit`` characters."""
    if value is None or value == "":
        raise FieldError("is empty; write the text after the colon")
    if not isinstance(value, str):
        hint = "; put it in quotes" if isinstance(value, bool | int | float | dt.date) else ""
        raise FieldError(f"must be text, not {_type_name(value)}{hint}")
    if not value.strip():
        raise FieldError("is empty; write the text after the colon")
    bad = control_problem(value)
    if bad:
        raise FieldError(bad)
    clean = value.strip()
    if len(clean) > limit:
        raise FieldError(f"is {len(clean):,} characters long; the longest kbgen takes is {limit:,}")
    return clean


def _text(limit: int, what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        return text(value, limit)

    check.__doc__ = f"{what}: text of at most {limit:,} characters."
    return check


def ident(value: Any) -> str:
    """An id: lowercase letters, digits and hyphens."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise FieldError(f"must be an id ({ID_RULE}), not {_type_name(value)}")
    if len(value) > limits.ID_CHARS:
        raise FieldError(f"is {len(value):,} characters long; an id has at most {limits.ID_CHARS}")
    if not ID_RE.match(value):
        raise FieldError(f"'{value[:80]}' is not a valid id: use {ID_RULE}")
    return value


def _list_of(item: Callable[[Any], str], what: str, most: int) -> Callable[[Any], tuple[str, ...]]:
    def check(value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise FieldError(f"must be a list of {what}, e.g. [a, b], not {_type_name(value)}")
        if len(value) > most:
            raise FieldError(f"has {len(value):,} items; kbgen takes up to {most:,}")
        out: list[str] = []
        for i, v in enumerate(value, 1):
            try:
                out.append(item(v))
            except FieldError as exc:
                raise FieldError(f"item {i} {exc}") from None
        return tuple(out)

    check.__doc__ = f"A list of {what}."
    return check


def date(value: Any) -> dt.date:
    """A date written as YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError(f"must be a date written YYYY-MM-DD, not {_type_name(value)}")


UPDATED_EXAMPLE = '{date: 2026-11-02, reason: "new returns window"}'
REASON_MAX = 140
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]|&[#A-Za-z0-9]+;")


def updated(value: Any) -> tuple[dt.date, str]:
    """When an answer last changed, and optionally why: ``2026-11-02`` or
    ``{date: 2026-11-02, reason: "new returns window"}``; the reason is plain text (it goes
    into feeds and pages as text, and markup in it is refused rather than shown)."""
    if not isinstance(value, dict):
        return date(value), ""
    extra = sorted(str(k) for k in value if k not in ("date", "reason"))
    if extra:
        raise FieldError(f"has unknown field '{extra[0]}'; use date and reason, e.g. {UPDATED_EXAMPLE}")
    if "date" not in value:
        raise FieldError(f"needs date, e.g. {UPDATED_EXAMPLE}")
    try:
        when = date(value["date"])
    except FieldError as exc:
        raise FieldError(f"date {exc}") from None
    if value.get("reason") is None:
        return when, ""
    try:
        reason = " ".join(text(value["reason"]).split())
    except FieldError as exc:
        raise FieldError(f"reason {exc}") from None
    markup = _MARKUP.search(reason)
    if markup:
        raise FieldError(
            f"reason holds markup ('{reason[markup.start() : markup.start() + 20]}…'); write it as plain "
            "text, e.g. new returns window"
        )
    if len(reason) > REASON_MAX:
        raise FieldError(f"reason is {len(reason)} characters long; keep it under {REASON_MAX}")
    return when, reason


def integer(value: Any) -> int:
    """A whole number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(f"must be a whole number, not {_type_name(value)}")
    return value


def boolean(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise FieldError(f"must be true or false, not {_type_name(value)}")
    return value


def web_url(value: Any) -> str:
    """An absolute http(s) URL: anything else (javascript:, data:, relative) is refused."""
    url = text(value, limits.URL_CHARS)
    parts = urlsplit(url)
    if parts.scheme.lower() not in SHOP_SCHEMES or not parts.netloc:
        raise FieldError(f"'{url}' is not allowed: use an absolute https:// (or http://) address")
    problem = url_origin_problem(url)
    if problem:
        raise FieldError(f"'{url[:200]}' {problem}")
    return url


def image_ref(value: Any) -> str:
    """An https URL, or a path relative to the content directory."""
    ref = text(value, limits.URL_CHARS)
    scheme = urlsplit(ref).scheme.lower()
    if scheme:
        url = web_url(ref)
        host = (urlsplit(url).hostname or "").lower()
        if host == "localhost" or host.endswith(".localhost") or _is_ip(host):
            # its origin would go into the site's Content-Security-Policy
            raise FieldError(f"'{url[:200]}' points at a machine address, not a web site: use its host name")
        if scheme != "https":
            raise FieldError(f"'{url[:80]}' must be an https:// address (or a file in content/)")
        return url
    if ref.startswith("/") or ".." in ref.split("/"):
        raise FieldError(f"'{ref}' must be a path inside the content directory, e.g. images/x.png")
    return ref


INCOMPATIBLE_EXAMPLE = "{id: tamper-58, reason: different group head size}"


def incompatibilities(value: Any) -> tuple[Incompatibility, ...]:
    """A list of ``{id, reason}`` mappings: the products this one does not work with, and why."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FieldError(
            f"must be a list of mappings like {INCOMPATIBLE_EXAMPLE}, not {_type_name(value)}"
        )
    if len(value) > limits.PRODUCT_REFS:
        raise FieldError(f"has {len(value):,} items; kbgen takes up to {limits.PRODUCT_REFS:,}")
    out: list[Incompatibility] = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise FieldError(
                f"item {i} must be a mapping like {INCOMPATIBLE_EXAMPLE}, not {_type_name(item)}"
            )
        extra = sorted(str(k) for k in item if k not in ("id", "reason"))
        if extra:
            raise FieldError(f"item {i} has unknown field '{extra[0]}'; use id and reason")
        for key in ("id", "reason"):
            if key not in item:
                raise FieldError(f"item {i} needs {key}, e.g. {INCOMPATIBLE_EXAMPLE}")
            try:
                ident(item[key]) if key == "id" else text(item[key], limits.REASON_CHARS)
            except FieldError as exc:
                raise FieldError(f"item {i} {key} {exc}") from None
        out.append(Incompatibility(ident(item["id"]), text(item["reason"], limits.REASON_CHARS)))
    return tuple(out)


@dataclass(frozen=True)
class Spec:
    """One field of a schema."""

    check: Callable[[Any], Any]
    required: bool = False


_WORDS = _list_of(_text(limits.WORD_CHARS, "A keyword"), "words or phrases", limits.WORDS)

ENTRY_FIELDS: Mapping[str, Spec] = {
    "id": Spec(ident),
    "question": Spec(_text(limits.QUESTION_CHARS, "The question"), required=True),
    "stage": Spec(ident, required=True),
    "summary": Spec(_text(limits.SUMMARY_CHARS, "The short answer"), required=True),
    "keywords": Spec(_WORDS),
    "products": Spec(_list_of(ident, "product ids", limits.ENTRY_REFS)),
    "related": Spec(_list_of(ident, "entry ids", limits.ENTRY_REFS)),
    "aliases": Spec(_list_of(ident, "old entry ids", limits.ENTRY_REFS)),
    "updated": Spec(updated),
    "order": Spec(integer),
    "popular": Spec(boolean),
}

TRANSLATION_FIELDS: Mapping[str, Spec] = {**ENTRY_FIELDS, "source_version": Spec(text)}
"""A translation's fields: an entry's, and which version of its source it translates."""

PRODUCT_FIELDS: Mapping[str, Spec] = {
    "id": Spec(ident, required=True),
    "name": Spec(_text(limits.NAME_CHARS, "The product's name"), required=True),
    "summary": Spec(_text(limits.SUMMARY_CHARS, "The product's summary"), required=True),
    "url": Spec(web_url, required=True),
    "image": Spec(image_ref),
    "compatible_with": Spec(_list_of(ident, "product ids", limits.PRODUCT_REFS)),
    "accessories": Spec(_list_of(ident, "product ids", limits.PRODUCT_REFS)),
    "incompatible_with": Spec(incompatibilities),
    "keywords": Spec(_WORDS),
    "aliases": Spec(
        _list_of(_text(limits.WORD_CHARS, "Another name"), "other names of the product", limits.WORDS)
    ),
}


def validate(
    fields: Mapping[str, Field],
    schema: Mapping[str, Spec],
    path: str,
    problems: list[Problem],
    *,
    where: str = "",
    start_line: int = 1,
) -> dict[str, Any]:
    """Check ``fields`` against ``schema``; return the clean values, add every problem found."""
    clean: dict[str, Any] = {}
    for name, f in fields.items():
        label = f"{where}.{name}" if where else name
        spec = schema.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, list(schema), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(schema)}"
            problems.append(Problem(path, f.line, label, f"unknown field{hint}"))
            continue
        if f.value is REFUSED:
            continue  # reported when it was read
        try:
            clean[name] = spec.check(f.value)
        except FieldError as exc:
            problems.append(Problem(path, f.line, label, str(exc)))
    for name, spec in schema.items():
        if spec.required and name not in fields:
            label = f"{where}.{name}" if where else name
            problems.append(Problem(path, start_line, label, "is required but missing"))
    return clean
