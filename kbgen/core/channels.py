"""Every contact and feedback URL, built and encoded in one place.

A channel URL is a template that may use ``{entry_id}``, ``{question}``, ``{stage}``,
``{page_url}``, ``{query}`` (the shopper's last search) and ``{product}`` (the product id the
shop widget shows; empty on the help site). Values are percent-encoded as URL
components (RFC 3986; ``%20`` for spaces), which is right both in an http(s) query string and in
a ``mailto:`` subject or body (RFC 6068). Build time fills what it knows; the browser fills the
page URL and the last search when the shopper clicks (``data-kb-href``).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

PLACEHOLDERS = ("entry_id", "question", "stage", "page_url", "query", "product")
CHANNEL_SCHEMES = ("https", "http", "mailto", "tel")
CHANNEL_KEYS = ("hotline", "chat", "email", "form", "order_status", "community")
_PHONE_CHARS = re.compile(r"[^\d+]")


class LinkError(ValueError):
    """A channel URL template is unsafe or malformed; the message completes '<key>: ...'."""


def _parts(template: str) -> list[tuple[str, str | None]]:
    """(literal text, placeholder name or None) pairs; unknown or broken placeholders refused."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise LinkError(f"'{template}' has a broken placeholder ({exc}); write {{entry_id}}") from None
    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            raise LinkError(f"unknown placeholder {{{name[:40]}}}; use {known}")
        if spec or conversion:  # {query:>999999999} would pad a link to a gigabyte
            raise LinkError(f"placeholder {{{name}}} takes no format or conversion; write plain {{{name}}}")
    return [(lit, name) for lit, name, _, _ in parsed]


def encode_text(template: str) -> str:
    """A plain-text template (an email subject or body) as a URL template: literal text is
    percent-encoded, placeholders stay for :func:`fill`."""
    return "".join(quote(lit, safe="") + (f"{{{name}}}" if name else "") for lit, name in _parts(template))


def check_template(template: str) -> str:
    """Refuse URL templates with other schemes (javascript:, data: ...) or unknown placeholders."""
    _parts(template)
    scheme = urlsplit(template).scheme.lower()
    if scheme not in CHANNEL_SCHEMES or template.lower().startswith("{"):
        raise LinkError(
            f"'{template}' is not allowed: a channel URL must start with https:, http:, mailto: or tel:"
        )
    if any(c.isspace() for c in template):
        raise LinkError(f"'{template}' contains spaces; write them as %20")
    return template


_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_LINE = re.compile("%0A", re.IGNORECASE)


def fill(template: str, **values: str) -> str:
    """Fill the placeholders given in ``values`` (encoded); leave the others for the browser.

    What would be empty is left out, as the browser's twin (``fill`` in help.js) leaves it: a
    query field (``topic={question}``) or a line of an e-mail's text (``Entry: {entry_id}``)
    whose placeholders are all given here, empty."""

    def blank(text: str) -> bool:
        names = _PLACEHOLDER.findall(text)
        return bool(names) and all(n in values and not values[n] for n in names)

    def kept(field: str) -> str:
        at = field.find("=") + 1
        return field[:at] + "%0A".join(line for line in _LINE.split(field[at:]) if not blank(line))

    q = template.find("?")
    if q >= 0:
        hash_at = template.find("#", q)
        end = len(template) if hash_at < 0 else hash_at
        fields = [kept(f) for f in template[q + 1 : end].split("&") if not blank(f[f.find("=") + 1 :])]
        template = template[:q] + ("?" + "&".join(fields) if fields else "") + template[end:]
    encoded = {k: quote(v, safe="") for k, v in values.items()}
    keep = {p: "{" + p + "}" for p in PLACEHOLDERS if p not in encoded}
    return template.format(**encoded, **keep)


_KEYPAD = str.maketrans(
    {
        **dict.fromkeys("ABC", "2"), **dict.fromkeys("DEF", "3"), **dict.fromkeys("GHI", "4"),
        **dict.fromkeys("JKL", "5"), **dict.fromkeys("MNO", "6"), **dict.fromkeys("PQRS", "7"),
        **dict.fromkeys("TUV", "8"), **dict.fromkeys("WXYZ", "9"),
    }
)  # fmt: skip
"""Phone keypad letters (ITU E.161): 1-800-FLOWERS dials 1-800-3569377."""
PHONE_RE = re.compile(r"\+?[0-9A-Za-z][0-9A-Za-z ()./-]*\Z")
"""How a hotline may be written: digits, keypad letters, spaces and ( ) . / - separators."""


def is_phone_number(text: str) -> bool:
    """Whether ``text`` can be a hotline number (:data:`PHONE_RE`, with at least one digit)."""
    return bool(PHONE_RE.match(text)) and any(ch.isdigit() for ch in text)


def tel_href(number: str) -> str:
    """``tel:`` link for a number written any way (``+49 30 1234-567`` → ``tel:+49301234567``;
    keypad letters become their digits, ``1-800-FLOWERS`` → ``tel:18003569377``)."""
    return "tel:" + _PHONE_CHARS.sub("", number.upper().translate(_KEYPAD))


def mailto_template(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL template from plain-text subject and body templates."""
    return f"mailto:{quote(address, safe='@')}?subject={encode_text(subject)}&body={encode_text(body)}"


@dataclass(frozen=True)
class Channel:
    """One way to reach a person."""

    key: str
    label: str
    href: str
    """URL template (placeholders filled per page by :meth:`for_page`)."""
    detail: str = ""
    """What is shown with the label: the phone number or the email address."""
    hours: str = ""
    best_for: str = ""
    toll_free: bool = False

    @property
    def carries_context(self) -> bool:
        """Whether the URL passes the shopper's context along."""
        return "{" in self.href

    def for_page(
        self,
        *,
        page_url: str,
        entry_id: str = "",
        question: str = "",
        stage: str = "",
        query: str = "",
        product: str | None = "",
    ) -> ChannelLink:
        """The channel's link on one page: ``href`` works without JavaScript; ``template``
        still has ``{page_url}`` and ``{query}`` for the browser to fill at click time.
        ``{product}`` (the shop widget's) is the page's ``product``: a product page's id, empty
        elsewhere, and ``None`` on the search page, whose ``template`` keeps it for the browser
        (the product it asks about, ``?product=``)."""
        known = {k: v for k, v in {"entry_id": entry_id, "question": question, "stage": stage}.items() if v}
        if product is not None:
            known["product"] = product
        everything = {p: "" for p in PLACEHOLDERS} | known | {"page_url": page_url, "query": query}
        return ChannelLink(
            self,
            href=fill(self.href, **everything),
            template=fill(self.href, **known) if self.carries_context else "",
            web=self.href.startswith("http"),
        )

    def with_text(self, label: str = "", best_for: str = "") -> Channel:
        """A copy with the label or best_for text replaced where given."""
        return replace(self, label=label or self.label, best_for=best_for or self.best_for)


@dataclass(frozen=True)
class ChannelLink:
    """A channel with its URL for one page."""

    channel: Channel
    href: str
    template: str
    web: bool = False
    """Whether the link opens a web page (it gets ``rel="noopener"``)."""
