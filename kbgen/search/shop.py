"""What a shopper's query asks besides words: products it names, channels it asks for.

The Python twin of the same logic in ``search-worker.js`` (tests check both agree):

- **Product names.** A product is named by its full name, one of its ``aliases`` or
  ``keywords``, or a distinctive part of its name: two or more of its name's words in a row
  ("aero one"), a word with a digit ("g40"), a Chinese word of it ("盖碗"), or its first or last
  word as written ("pico", "grinder": "descale" does not name the Descaling kit), when at most
  ``MAX_NAMED`` product names have that part. The longest name wins, left to right.
- **Intents.** A query asks for a channel when it has one of the channel's phrases ("phone
  number", "人工客服"). A phrase of one word ("call", "客服") counts only when the query has no
  other words, so that "no confirmation email" is not a request for the email channel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kbgen.search import terms as tokenize

MAX_NAMED = 2
"""A part of a name that more products share ("espresso machine") names none of them."""
MAX_NAME_WORDS = 6
MAX_PAIRS = 4
"""A query naming ambiguous products ("the grinder", "the aero") gets at most this many cards."""

PERSON = "person"
"""The intent of asking for a person: it shows every channel with a person behind it."""
PERSON_CHANNELS = ("hotline", "chat", "email", "form")

DEFAULT_INTENTS: Mapping[str, tuple[str, ...]] = {
    PERSON: (
        "talk to someone", "talk to a person", "talk to a human", "speak to someone",
        "speak to a person", "speak to a human", "real person", "human", "agent",
        "customer service", "customer support", "contact", "contact us", "support",
        "人工", "人工客服", "客服", "联系", "联系客服", "联系我们", "在线客服",
    ),
    "hotline": (
        "call", "call you", "phone", "phone number", "telephone", "hotline", "call me back",
        "电话", "打电话", "热线", "电话号码", "客服电话",
    ),
    "chat": ("chat", "live chat", "chat with", "聊天", "在线聊天"),
    "email": ("email", "e-mail", "email address", "write to you", "邮件", "邮箱", "电子邮件"),
    "form": ("contact form", "表单"),
    "order_status": (
        "where is my order", "where's my order", "track my order", "order status", "track order",
        "my order status", "订单在哪", "订单状态", "查询订单", "查订单", "物流信息", "包裹在哪",
    ),
    "community": ("forum", "community", "社区", "论坛"),
}  # fmt: skip
"""Channel key (or ``person``) → phrases that ask for it; ``search.intents`` replaces a key's."""


def _has_digit(term: str) -> bool:
    return any(c.isdigit() for c in term)


@dataclass(frozen=True)
class Mention:
    """A span of query terms that names products."""

    start: int
    end: int
    products: tuple[int, ...]
    """Positions of the named products in the catalog (one, or a few for an ambiguous part)."""


def _edges(words: Sequence[tokenize.Word]) -> set[int]:
    """Positions of a name's first and last words, and of the last word before its size
    ("Steel tamper 58.5 mm": steel, tamper, mm)."""
    edges = {0, len(words) - 1}
    digits = [i for i, w in enumerate(words) if _has_digit(w.text)]
    if digits and digits[0] > 0:
        edges.add(digits[0] - 1)
    return edges


class Namer:
    """Finds the catalog products a list of query words names."""

    def __init__(self, products: Sequence[tuple[str, Sequence[str]]]) -> None:
        """``products``: (name, [aliases and keywords]) in catalog order."""
        spans: dict[tuple[str, ...], list[int]] = {}
        parts: dict[tuple[str, ...], list[int]] = {}
        edge_words: dict[str, list[int]] = {}
        for p, (name, extra) in enumerate(products):
            words = [w for w in tokenize.words(name) if w.term]
            terms = [w.term for w in words]
            for phrase in [terms, *(tokenize.terms(e) for e in extra)]:
                key = tuple(phrase)
                if key and p not in spans.setdefault(key, []):
                    spans[key].append(p)
            seen: set[tuple[str, ...]] = set()
            for i in range(len(terms)):
                for j in range(i + 1, min(len(terms), i + MAX_NAME_WORDS) + 1):
                    part = tuple(terms[i:j])
                    single = part[0]
                    if (j - i > 1 or _has_digit(single) or tokenize.is_cjk(single[0])) and part not in seen:
                        seen.add(part)
                        parts.setdefault(part, []).append(p)
            for i in sorted(_edges(words)) if words else ():
                if not words[i].cjk and p not in edge_words.setdefault(words[i].text, []):
                    edge_words[words[i].text].append(p)
        for part, named in parts.items():
            if len(named) <= MAX_NAMED:
                for p in named:
                    if p not in spans.setdefault(part, []):
                        spans[part].append(p)
        self.spans = {k: tuple(sorted(v)) for k, v in spans.items()}
        self.words = {k: tuple(sorted(v)) for k, v in edge_words.items() if len(v) <= MAX_NAMED}
        self.longest = max((len(k) for k in self.spans), default=0)

    def mentions(self, found: Sequence[str], texts: Sequence[str] = ()) -> list[Mention]:
        """The products named in a list of terms (``texts``: the words as typed): the longest
        name at each place, left to right; a single word names a product when it is its name's
        first or last word as written ("pico", "grinder"; "descale" is not "Descaling kit")."""
        out: list[Mention] = []
        i = 0
        while i < len(found):
            for j in range(min(len(found), i + self.longest), i, -1):
                named = self.spans.get(tuple(found[i:j]))
                if named:
                    out.append(Mention(i, j, named))
                    i = j
                    break
            else:
                named = self.words.get(texts[i]) if i < len(texts) else None
                if named:
                    out.append(Mention(i, i + 1, named))
                i += 1
        return out


def named(mentions: Sequence[Mention]) -> list[tuple[int, ...]]:
    """The products a query names, in order: a mention sharing products with an earlier one
    narrows it ("trek … grinder" is the Trek), others are new."""
    out: list[tuple[int, ...]] = []
    for m in mentions:
        for i, products in enumerate(out):
            common = tuple(p for p in products if p in m.products)
            if common:
                out[i] = common
                break
        else:
            out.append(m.products)
    return out


class Intents:
    """Finds the channels a query asks for."""

    def __init__(self, intents: Iterable[tuple[str, Sequence[str]]]) -> None:
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        for key, phrases in intents:
            for phrase in phrases:
                keys = tuple(tokenize.phrase_keys(phrase))
                if keys:
                    self.phrases.append((keys, key))
        self.phrases.sort(key=lambda pk: -len(pk[0]))  # the longest phrase first

    def asked(self, keys: Sequence[str], content: Sequence[bool]) -> list[str]:
        """The intents of a query's words (``keys``: :func:`phrase_keys`; ``content``: whether
        each is a word results must have), in the order they appear."""
        found: list[tuple[int, str, int]] = []
        covered = [False] * len(keys)
        for phrase, key in self.phrases:
            n = len(phrase)
            for i in range(len(keys) - n + 1):
                if tuple(keys[i : i + n]) == phrase and not any(covered[i : i + n]):
                    found.append((i, key, n))
                    for k in range(i, i + n):
                        covered[k] = True
        alone = all(covered[i] or not content[i] for i in range(len(keys)))
        out: list[str] = []
        for _, key, n in sorted(found):
            if (n > 1 or alone) and key not in out:
                out.append(key)
        return out


def channel_keys(intents: Sequence[str], channels: Sequence[str]) -> list[str]:
    """The site's channels (``channels``: keys in menu order) that the intents ask for."""
    wanted: list[str] = []
    for intent in intents:
        keys = [c for c in channels if c in PERSON_CHANNELS] if intent == PERSON else [intent]
        wanted += [k for k in keys if k in channels and k not in wanted]
    return wanted
