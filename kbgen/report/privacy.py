"""Contact details in shoppers' free text are never shown: e-mail addresses and phone numbers
become "[e-mail]" and "[phone]" before anything is grouped, counted or printed."""

from __future__ import annotations

import re

EMAIL = "[e-mail]"
PHONE = "[phone]"

_EMAIL_AT = re.compile(  # "name (at) shop (dot) com", "name [at] shop.com"
    r"[\w.+-]+\s*[(\[]at[)\]]\s*[\w-]+(?:(?:\.|\s*[(\[]dot[)\]]\s*)[\w-]+)+", re.IGNORECASE
)
_EMAIL_STRICT = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*", re.IGNORECASE)
# A phone number: 7 to 15 digits, perhaps a leading + or 00, grouped by spaces, dots, dashes,
# slashes or parentheses. Dates (2026-03-05, 05.03.2026) are left alone.
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-/]{5,22}\d(?!\w)")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


def _phone(match: re.Match[str]) -> str:
    text = match.group()
    digits = sum(c.isdigit() for c in text)
    if digits < 7 or digits > 15 or _DATE.fullmatch(text.strip()):
        return text
    return PHONE


def scrub(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced (also written as "name (at)
    shop (dot) com")."""
    text = _EMAIL_AT.sub(EMAIL, _EMAIL_STRICT.sub(EMAIL, text))
    return _PHONE.sub(_phone, text)
