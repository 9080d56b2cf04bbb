"""Contact and payment details in shoppers' free text are never shown: e-mail addresses, phone
numbers, card numbers and IBANs become "[e-mail]", "[phone]", "[card]" and "[IBAN]" before
anything is grouped, counted or printed.

Text is normalised first, so that a detail cannot slip through by its spelling: NFKC (full-width
"ａｎｎａ＠ｍａｉｌ．ｅｘａｍｐｌｅ" is "anna@mail.example"), percent-decoding ("anna%40mail.example"),
and invisible format characters (zero-width spaces, bidi overrides) and control characters
dropped. E-mail addresses are also found when written in words ("anna at mail dot example").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import unquote

EMAIL = "[e-mail]"
PHONE = "[phone]"
CARD = "[card]"
IBAN = "[IBAN]"
MARKERS = (EMAIL, PHONE, CARD, IBAN)
"""Every placeholder :func:`scrub` writes."""

_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Starts only where a run of such characters starts, and takes the run whole (possessive): a
# 2,000-character word is one attempt, not 2,000 (each scanning to its end).
_LOCAL = r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]++"
_LABEL = r"[\w-]+"
_DOT_WORD = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)"
_EMAIL = re.compile(
    "|".join(
        (
            rf"{_LOCAL}\s*@\s*{_LABEL}(?:(?:\s*\.\s*|{_DOT_WORD}){_LABEL})*",  # name@shop.com
            # name (at) shop (dot) com
            rf"{_LOCAL}\s*[(\[{{<]\s*at\s*[)\]}}>]\s*{_LABEL}(?:(?:\s*\.\s*|{_DOT_WORD}){_LABEL})+",
            rf"{_LOCAL}\s+at\s+{_LABEL}(?:(?:\.|{_DOT_WORD}){_LABEL})+",  # name at shop dot com
        )
    ),
    re.IGNORECASE,
)
# A card number: 13 to 19 digits, perhaps grouped by spaces or dashes, with a valid Luhn check digit.
_CARD = re.compile(r"(?<![\w+])\d(?:[ -]?\d){12,18}(?!\w)")
# An IBAN: country, check digits, 11 to 30 letters and digits, perhaps grouped by spaces.
_IBAN = re.compile(r"(?<!\w)[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}(?!\w)")
# A phone number: 7 to 15 digits, perhaps a leading + or 00, grouped by spaces, dots, dashes,
# slashes or parentheses. Dates (2026-03-05, 05.03.2026) are left alone.
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-/]{5,22}\d(?!\w)")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _mod97(code: str) -> bool:
    moved = (code[4:] + code[:4]).upper()
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _longest(text: str, valid: Callable[[str], bool], shortest: int, marker: str) -> str:
    """``text`` with its longest valid start that ends a group (before a space, or at the end;
    ``shortest`` letters and digits or more, separators left out) replaced by ``marker``: an
    IBAN's match may have run on into the next word."""
    ends = [i + 1 for i, c in enumerate(text) if c.isalnum() and (i + 1 == len(text) or text[i + 1] == " ")]
    for end in reversed(ends):
        code = "".join(c for c in text[:end] if c.isalnum())
        if len(code) >= shortest and valid(code):
            return marker + text[end:]
    return text


def _card(match: re.Match[str]) -> str:
    return CARD if _luhn(re.sub(r"\D", "", match.group())) else match.group()


def _iban(match: re.Match[str]) -> str:
    return _longest(match.group(), _mod97, 15, IBAN)


def _phone(match: re.Match[str]) -> str:
    text = match.group()
    digits = sum(c.isdigit() for c in text)
    if digits < 7 or digits > 15 or _DATE.fullmatch(text.strip()):
        return text
    return PHONE


def normalize(text: str) -> str:
    """``text`` as it is matched and shown: percent-decoded, NFKC, with no format or control
    characters (a control character becomes a space)."""
    for _ in range(3):  # "%2540" is "%40" is "@"
        if not _PERCENT.search(text):
            break
        text = unquote(text, errors="replace")
    if not text.isascii():  # ASCII is its own NFKC form, and has no format characters
        text = unicodedata.normalize("NFKC", text)
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _CONTROL.sub(" ", text)


def scrub(text: str) -> str:
    """``text`` normalised, with e-mail addresses, card numbers, IBANs and phone numbers
    replaced."""
    text = _EMAIL.sub(EMAIL, normalize(text))
    text = _IBAN.sub(_iban, text)
    text = _CARD.sub(_card, text)
    return _PHONE.sub(_phone, text)


def is_scrubbed(text: str) -> bool:
    """Whether ``text`` holds a placeholder (a detail was hidden in it)."""
    return any(marker in text for marker in MARKERS)
