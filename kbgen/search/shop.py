"""What a shopper's query asks besides words: products it names, channels it asks for.

The Python twin of the same logic in ``search-worker.js`` (tests check both agree):

- **Product names** (:class:`Namer`). A product is named by words of its name as a shopper
  says them: in any order, joined or split, with one typo, or by an alias or keyword as a
  whole; brand words name nothing, and when words fit several products the whole name wins. At
  most ``MAX_NAMED`` products are named by the same words. A noun several products share, after
  a product's name ("pi 4b case"), names the one whose name has the product's.
- **Intents.** A query asks for a channel when it has one of the channel's phrases ("phone
  number", "人工客服"). A phrase of one word ("call", "客服") counts only when the query has no
  other words, so that "no confirmation email" is not a request for the email channel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kbgen.search import terms as tokenize

MAX_NAMED = 2
"""A part of a name that more products share ("espresso machine") names none of them."""
MAX_NAME_WORDS = 6
MAX_PAIRS = 4
"""A query naming ambiguous products ("the grinder", "the aero") gets at most this many cards."""
MAX_CHOICES = 8
"""A "which one?" for a thing pointed at on a product's page ("this power supply") lists at
most this many products: a catalog of 200 supplies asks no shopper to pick from 200 links."""

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


def _digit(char: str) -> bool:
    return "0" <= char <= "9"


def _has_digit(term: str) -> bool:
    return any(map(_digit, term))


PLUS = "plus"
"""A "+" in a product name or a query is the word "plus" ("HAT+" = "hat plus"): it names a
product of its own ("X 700" and "X 700+")."""


def with_plus(text: str) -> str:
    """The text with each "+" as the word "plus", as product naming reads names and queries."""
    return text.replace("+", " plus ")


_CONTRACTION = re.compile(r"(?<=[A-Za-z])['’](?:s|t|m|d|ll|ve|re)(?![A-Za-z0-9])", re.IGNORECASE)
_NOT = re.compile(r"(?<=[A-Za-z])n['’]t(?![A-Za-z0-9])", re.IGNORECASE)


_MEASURE = re.compile(
    "[这這那哪该該此每][个個款只隻台臺把件套张張块塊条條支种種部本双雙副根盒瓶包位]"
    "|一[个個款只隻台臺把件套张張块塊条條支双雙副根盒瓶包]"
)
"""A Chinese demonstrative or "one" with a measure word (这个, 那款, 这台, 一只): it points at a
product, it is no part of its name ("这个手柄" is the 手柄). Traditional forms too: the browser
folds only the characters its index has."""


_EN = "(?<![a-z0-9])"
_END = "(?![a-z0-9])"
_SPACE = (
    "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
"""White space in :data:`FIT`, spelt out: Python's and JavaScript's ``\\s`` differ (\\x85 and
\\x1c-\\x1f are space only to Python, \\ufeff only to JavaScript), so the twin and the worker
once read "will\\ufeffthis power supply work" differently."""
_WORD = f"[^{_SPACE},;?!，。？！；]+"
"""A word of a product's name as written ("usb-c", "m.2", "hat+")."""
FIT = (
    f"{_EN}(?:fit|fits|fitted|fitting|compatible|compatibility|incompatible|compat|suitable|suit|suits){_END}"
    f"|{_EN}(?:work|works|working|go|goes|use|used|pair|pairs)((?:[{_SPACE}]+{_WORD}){{0,8}})[{_SPACE}]+with{_END}"
    f"|{_EN}(?:will|would){_END}((?:[{_SPACE}]+{_WORD}){{0,8}})[{_SPACE}]+(?:work|works){_END}"
    "|适合|適合|合适|合適|兼容|相容|适用|適用|适配|適配|通用|能用|可以用|可用|能配|配吗|配嗎|搭配|配套"
    "|装得下|裝得下|放得下|装得上|裝得上|能装|能裝|能放|用得了|一起用|可以配|能搭"
    f"|能[给給为為跟和与與]([^{_SPACE}，。？！,.?!]{{0,8}})用"
)
"""What makes a query a fit question ("does X fit", "is X compatible", "will X work", "X 适合吗",
"X 兼容吗", "X 能用吗", "X 能给 Y 用吗"), as a pattern of the normalized query (Traditional
forms too: the browser folds only the characters its index has). The same pattern is the
worker's ``FIT``. Its groups: the X of "use X with" and "will X work" (up to eight words: a
product's name may be long, "the raspberry pi 27w usb-c power supply"), the Y of "能给 Y 用"."""
_FIT = re.compile(FIT)


def fit_question(query: str) -> bool:
    """Whether a query has a fit word (:data:`FIT`); whether it asks if products fit together
    depends on what the word is said of (:func:`fit_objects`)."""
    return _FIT.search(tokenize.normalize(query)) is not None


_CLAUSE_END = re.compile(r"[,;?!，。？！；]")


def fit_objects(query: str) -> list[str]:
    """What each fit word of a query relates the product to, as text: the rest of its clause
    ("does the filter fit" → "", "does it work with hot water" → "hot water", "茶滤能用洗碗机洗吗"
    → "洗碗机洗吗"), and for "能给 X 用" the X too. A fit word whose object is no product, nor
    the page's product, asks about an action or a thing ("can the strainer be used in the
    dishwasher"), not whether two products fit. Twin: search-worker.js (fitObjects)."""
    text = tokenize.normalize(query)
    out = []
    for m in _FIT.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        out.append(f"{m.group(3) or ''} {text[m.end() : end.start() if end else len(text)]}")
    return out


def fit_subjects(query: str) -> list[str]:
    """What each fit word of a query (the same matches as :func:`fit_objects`) says fits, as
    text: its clause before it ("does the filter fit" → "does the filter", "洗碗机能用茶滤吗" →
    "洗碗机") and the X of "use X with", "will X work". Words there that are no product ("can
    the dishwasher use the strainer") make it no question of whether two products fit. Twin:
    search-worker.js (fitSubjects)."""
    text = tokenize.normalize(query)
    out = []
    for m in _FIT.finditer(text):
        start = max((e.end() for e in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
        out.append(f"{text[start : m.start()]} {m.group(1) or ''} {m.group(2) or ''}")
    return out


_POINTING = re.compile(
    f"[这這那该該此][个個款只隻台臺把件套张張块塊条條支种種部本双雙副根盒瓶包位]|{_EN}(?:this|these){_END}"
)
"""A demonstrative that points at one thing ("this", "these", 这个, 这款, 那台): not 哪 ("which"),
每 ("each") or 一 ("one")."""


def points(query: str) -> bool:
    """Whether a query points at a thing ("this power supply", 这个电源)."""
    return _POINTING.search(tokenize.normalize(query)) is not None


def query_text(query: str) -> str:
    """A query as search reads it (normalized: :func:`kbgen.search.terms.normalize`):
    contractions without their leftover letters ("I'm" → "I", "doesn't" → "does", "can't" →
    "can": a lone "m" or "t" names nothing and finds nothing), Chinese demonstratives and
    measure words apart ("这款充电器" → "充电器"), and "+" as the word "plus"."""
    query = tokenize.normalize(query)
    query = _NOT.sub("", query.replace("an't", "an").replace("an’t", "an"))
    query = _MEASURE.sub(" ", query) if not query.isascii() else query
    return with_plus(_CONTRACTION.sub("", query))


@dataclass(frozen=True)
class Mention:
    """A span of query terms that names products."""

    start: int
    end: int
    products: tuple[int, ...]
    """Positions of the named products in the catalog (one, or a few for an ambiguous part)."""
    whole: bool = False
    """The words are a product's whole name (brand words aside)."""


@dataclass(frozen=True)
class _Name:
    """One way a product is called: its name, or one of its aliases or keywords (``extra``: only
    as a whole)."""

    product: int
    keys: tuple[str, ...]
    texts: tuple[str, ...]
    extra: bool
    ends: frozenset[str] = frozenset()
    """The Chinese words that end a run of Chinese characters of the name: its head nouns'
    last bigrams (电源 of "27W USB-C 电源") and last characters (壶 of "紫砂西施壶")."""


@dataclass(frozen=True)
class _Key:
    """A query word (or two joined, or a part of one split) as a name word."""

    key: str
    text: str
    start: int
    end: int
    typo: int
    """Edits from the name word it was read as (0: as written)."""


def edits(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[len(b)]


def max_edits(word: str) -> int:
    """How many edits a misspelt name word may have: none below 4 letters, 1, 2 from 8."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


MAX_SEGMENT = MAX_NAME_WORDS + 2
_Named = tuple[tuple[int, ...], bool]
"""Products a run of words names, and whether it is a whole name of one."""
MEMO_SIZE = 4096
"""The most runs of words whose products :class:`Namer` keeps (then it forgets them all)."""


class Namer:
    """Finds the catalog products a list of query words names.

    A product is named by words of its name in any order ("65w charger" for "65W USB-C Charger"),
    written joined or apart ("pi5", "nano esp 32"), with one misspelt word, or by one of its
    aliases or keywords as a whole. Brand words that most names share ("Arduino") name nothing.
    When words fit several products, the one whose whole name they are wins ("board 5" is the
    "Board 5", not the "Board 5 Case"), then those whose name does not end in another noun ("pi
    4" is the "Pi 4 Model B", not the "Pi 4 Case"; "4外壳" the 树莓派 4 官方外壳, not the 树莓派 4
    外壳风扇), then those having them in a row. A single
    word names a product only as its name writes it ("descale" is not "Descaling kit"), and no
    single letter or number does. In a sentence (``sentence``), a single word names a product
    only when it is its whole name or has a digit, and only one product. In Chinese, a name's
    head noun (the end of a run of Chinese characters: 电源, or its last character: 壶) names it
    alone, with a modifier (玻璃壶) or after the name of the product it belongs to (树莓派5外壳);
    any other single Chinese word of a name (供电 of 供电板) names nothing. An accessory is named
    by its host's name, or the part of it a shopper says, and its own noun ("pi 4b case", "4b的外壳":
    the Pi 4 Case, not a "which one?" of the cases; :meth:`_owned`), also with "for", 用于 or 适用于
    between ("case for the pi 4 model b", "外壳适用于树莓派4b": :meth:`_linked`).
    """

    def __init__(self, products: Sequence[tuple[str, Sequence[str]]]) -> None:
        """``products``: (name, [aliases and keywords]) in catalog order."""
        self.names: list[_Name] = []
        self.by_key: dict[str, list[int]] = {}
        self.texts: dict[str, str] = {}
        """Name word as written → its key (for misspelt words)."""
        self.of: list[list[_Name]] = [[] for _ in products]
        """Product position → its names (name, aliases, keywords)."""
        self._memo: dict[tuple[bool, tuple[tuple[str, str, int], ...]], _Named | None] = {}
        """:meth:`_segment`'s answers by words read (a query's naming reads the same runs of
        words several times: its own, uncapped for "this power supply", and a fit word's clause)."""
        df: dict[str, int] = {}
        for p, (name, extra) in enumerate(products):
            for k, text in enumerate([name, *extra]):
                words = [w for w in tokenize.words(with_plus(text)) if w.term]
                if not words:
                    continue
                keys = tuple(w.term for w in words)
                n = len(self.names)
                heads = [w.text[-1] for w in words if w.cjk and w.run_end and len(w.text) == 2]
                ends = frozenset(w.term for w in words if w.cjk and w.run_end) | frozenset(heads)
                self.names.append(_Name(p, keys, tuple(w.text for w in words), k > 0, ends))
                self.of[p].append(self.names[-1])
                for key in dict.fromkeys(keys):
                    self.by_key.setdefault(key, []).append(n)
                    if k == 0:
                        df[key] = df.get(key, 0) + 1
                for head in dict.fromkeys(heads):
                    if n not in self.by_key.setdefault(head, []):
                        self.by_key[head].append(n)
                for w in words:
                    self.texts.setdefault(w.text, w.term)
                for head in heads:
                    self.texts.setdefault(head, head)
        count = len(products)
        self.brand = frozenset(k for k, d in df.items() if count >= 4 and 2 * d > count)
        """Words most product names share (the maker's name): they name nothing on their own."""

    def keys(self, terms: Sequence[str], texts: Sequence[str], starts: Sequence[bool] = ()) -> list[_Key]:
        """The query's words as name words: two words joined when they make one ("esp 32"),
        one split when its parts are two ("pi5"), a misspelt one read as the name word one or
        two edits away. Words that are no name word are left out. ``starts``: whether each word
        begins a run of Chinese characters, where a head noun of one character may stand
        ("这个杯能配茶盘吗" → 杯能 …: 杯)."""
        known = self.by_key
        out: list[_Key] = []
        i = 0
        while i < len(terms):
            term, text = terms[i], texts[i]
            if i + 1 < len(terms) and (term not in known or terms[i + 1] not in known):
                joined = tokenize.stem(text + texts[i + 1])
                if joined in known:
                    out.append(_Key(joined, text + texts[i + 1], i, i + 2, 0))
                    i += 2
                    continue
            if term in known:
                out.append(_Key(term, text, i, i + 1, 0))
            elif out and out[-1].end == i and _bridge(text) and text[1] in known:
                # 玻璃壶: 璃壶 is no word but 壶 a head noun, after a name word (never alone)
                out.append(_Key(text[1], text, i, i + 1, 0))
            elif i < len(starts) and starts[i] and _bridge(text) and text[0] in known:
                out.append(_Key(text[0], text[0], i, i + 1, 0))  # 杯能配…: the run starts with 杯
            else:
                out += self._split(text, i) or self._typo(text, i)
            i += 1
        return out

    def _split(self, text: str, i: int) -> list[_Key]:
        cuts = [k for k in range(1, len(text)) if _digit(text[k - 1]) != _digit(text[k])]
        if len(cuts) > 1:  # "zero2w": zero, 2, w
            parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
            if all(tokenize.stem(part) in self.by_key for part in parts):
                return [_Key(tokenize.stem(part), part, i, i + 1, 0) for part in parts]
        for k in [*cuts, *(k for k in range(2, len(text)) if k not in cuts)]:
            a, b = tokenize.stem(text[:k]), tokenize.stem(text[k:])
            if a in self.by_key and b in self.by_key:
                return [_Key(a, text[:k], i, i + 1, 0), _Key(b, text[k:], i, i + 1, 0)]
        return []

    def _typo(self, text: str, i: int) -> list[_Key]:
        limit = max_edits(text)
        if not limit or not text.isalpha():
            return []
        best: list[tuple[int, str]] = []
        for written, key in self.texts.items():
            if written[0] != text[0] and written[:1] != text[1:2]:
                continue  # a misspelling keeps the first letter or swaps the first two
            d = edits(text, written, min(limit, max_edits(written)))
            if d <= min(limit, max_edits(written)):
                best.append((d, key))
        best.sort()
        if not best or (len(best) > 1 and best[1][0] == best[0][0] and best[1][1] != best[0][1]):
            return []  # no near name word, or two equally near
        return [_Key(best[0][1], text, i, i + 1, best[0][0])]

    def _segment(
        self, keys: Sequence[_Key], sentence: bool, cap: int = MAX_NAMED
    ) -> tuple[tuple[int, ...], bool] | None:
        """The products a run of name words names, and whether it is a whole name; None if none
        (or more than ``cap``)."""
        memo = (sentence, tuple((k.key, k.text, k.typo) for k in keys))
        if memo not in self._memo:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[memo] = self._products(keys, sentence)
        got = self._memo[memo]
        return None if got is None or len(got[0]) > cap else got

    def forget(self) -> None:
        """Forget :meth:`_segment`'s answers (a new query)."""
        self._memo.clear()

    def _products(self, keys: Sequence[_Key], sentence: bool) -> tuple[tuple[int, ...], bool] | None:
        """:meth:`_segment` without its cap."""
        wanted = list(dict.fromkeys(k.key for k in keys))
        own = [k for k in wanted if k not in self.brand]
        if not own or sum(k.typo > 0 for k in keys) > 1:
            return None
        single_cjk = len(keys) == 1 and tokenize.is_cjk(keys[0].key[0])
        if len(keys) == 1:
            k = keys[0]
            short = (len(k.key) < 2 and not single_cjk) or all(map(_digit, k.key))
            if short or k.typo or k.text not in self.texts or k.text == PLUS:
                return None  # a letter, a number, a misspelt word or another word of the same stem
        found = set(self.by_key[wanted[0]])
        for key in wanted[1:]:
            found &= set(self.by_key[key])
        ranked: dict[int, tuple[int, int, int]] = {}
        for n in sorted(found):
            name = self.names[n]
            rest = [k for k in name.keys if k not in self.brand and k not in wanted]
            if name.extra and rest:
                continue  # an alias or keyword names its product only as a whole
            if single_cjk and rest and wanted[0] not in name.ends:
                continue  # one Chinese word names a product only as its head noun (电源, not 供电)
            rank = (not rest, _head(name, wanted), _in_a_row(name.keys, [k.key for k in keys]))
            ranked[name.product] = max(ranked.get(name.product, rank), rank)
        if not ranked:
            return None
        top = max(ranked.values())
        products = tuple(sorted(p for p, r in ranked.items() if r == top))
        whole = bool(top[0])
        if sentence and len(keys) == 1 and (len(products) > 1 or not (whole or _has_digit(keys[0].key))):
            return None
        if sentence and len(own) == 1 and not whole and len(products) > 1:
            return None
        return products, whole

    def mentions(
        self,
        terms: Sequence[str],
        texts: Sequence[str] = (),
        sentence: bool = False,
        starts: Sequence[bool] = (),
        links: Sequence[bool] = (),
        cap: int = MAX_NAMED,
    ) -> list[Mention]:
        """The products named in a query's words (``terms`` and ``texts`` as typed), left to
        right: the reading that names with the most name words, then the most whole names,
        then the fewest products. ``links``: whether a linking word ("for": :func:`links`)
        stands right before each word; no name is read across one, but an accessory's noun and
        its host's name on either side name the host's accessory (:meth:`_linked`). ``cap``: the
        most products the same words may name (:data:`MAX_NAMED`)."""
        texts = texts or terms
        keys = self.keys(terms, texts, starts)
        n = len(keys)
        # best[i]: (score, mentions) of the first i keys
        best: list[tuple[tuple[int, int, int], list[Mention]]] = [((0, 0, 0), [])]
        for i in range(1, n + 1):
            choice = best[i - 1]
            for j in range(max(0, i - MAX_SEGMENT), i):
                if any(
                    keys[k].start > keys[k - 1].end
                    or (keys[k].start == keys[k - 1].end and _at(links, keys[k].start))
                    for k in range(j + 1, i)
                ):
                    continue  # not in a row, or across "for"
                got = self._segment(keys[j:i], sentence, cap)
                if got is None:
                    continue
                products, whole = got
                own = len({k.key for k in keys[j:i]} - self.brand)
                (a, b, c), found = best[j]
                score = (a + own, b + whole, c - 1)
                if score > choice[0]:
                    choice = (score, [*found, Mention(keys[j].start, keys[i - 1].end, products, whole)])
            best.append(choice)
        found = self._linked(keys, self._narrow(keys, best[n][1], sentence), texts, starts, links)
        return self._owned(keys, found, texts)

    def _linked(
        self, keys: Sequence[_Key], found: list[Mention], texts: Sequence[str], starts: Sequence[bool],
        links: Sequence[bool],
    ) -> list[Mention]:
        """An accessory's noun, a linking word ("for", 用于, 适用于) and a product's name, read as
        one name: the product whose whole name they are ("bumper for the pi 5"), else the one of
        the noun's products the host owns (:meth:`_owner`: "case for the pi 4 model b" is the Pi 4
        Case, "外壳适用于树莓派4b" the 4B's case). A linking word right before a product's name
        belongs to it ("用于树莓派5的外壳": the case is all the shopper asks for)."""
        out: list[Mention] = []
        for m in found:
            before = [k for k in keys if k.end <= m.start and (not out or k.start >= out[-1].start)]
            linked = before and self._link(before[-1].end, m.start, texts, starts, links)
            if len(m.products) != 1 or not linked:
                out.append(self._lead(m, out, texts, starts, links))
                continue
            prev = out[-1] if out and out[-1].end == before[-1].end else None
            noun = [k for k in before if prev.start <= k.start] if prev else [before[-1]]
            if prev is None:
                for k in reversed(before[:-1]):
                    if len(noun) == MAX_NAME_WORDS or not _next_to(k.end, noun[0].start, texts):
                        break
                    if out and k.start < out[-1].end:
                        break
                    noun.insert(0, k)
            host = [k for k in keys if m.start <= k.start and k.end <= m.end]
            got = self._segment([*noun, *host], False) if len(noun) + len(host) <= MAX_SEGMENT else None
            q: tuple[int, ...] | None = None
            whole = bool(got and got[1] and len(got[0]) == 1)
            if got and whole:
                q = got[0]
            else:
                for size in range(len(noun), 0, -1):
                    part = self._segment(noun[-size:], False, len(self.names))
                    if part is not None:
                        noun = noun[-size:]
                        q = self._owner(part[0], host, m.products[0]) if len(part[0]) > 1 else None
                        break
            if q is None:
                out.append(m)
                continue
            if prev is not None and prev.start >= noun[0].start:
                out.pop()
            out.append(Mention(noun[0].start, m.end, q, whole))
        return out

    def _lead(
        self,
        m: Mention,
        out: list[Mention],
        texts: Sequence[str],
        starts: Sequence[bool],
        links: Sequence[bool],
    ) -> Mention:
        """The mention with the Chinese linking word right before it (用于树莓派5 …)."""
        low = out[-1].end if out else 0
        for j in range(max(low, m.start - 3), m.start):
            if texts[j] not in self.texts and self._link(j, m.start, texts, starts, links, True):
                return Mention(j, m.end, m.products, m.whole)
        return m

    def _link(
        self, end: int, start: int, texts: Sequence[str], starts: Sequence[bool], links: Sequence[bool],
        lead: bool = False,
    ) -> bool:
        """Whether the query words ending at ``end`` and starting at ``start`` have a linking word
        between: "for" (``links``), or Chinese characters that are one of :data:`LINKS_ZH`
        (bigrams: 壳适 适用 用于 于树 between 外壳 and 树莓 are 适用于). ``lead``: the first
        word between begins the link (no name word before it)."""
        if start == end:
            return _at(links, start)
        gap = texts[end:start]
        if start < end or start >= len(texts) or not all(map(_bridge, gap)):
            return False
        whole = [(lead and k == end) or _at(starts, k) for k in range(end, start)]
        chars = "".join(t if w else t[1:] for t, w in zip(gap, whole, strict=True))
        if not _at(starts, start):
            chars = chars[:-1]
        return chars in LINKS_ZH

    def _narrow(self, keys: Sequence[_Key], found: list[Mention], sentence: bool) -> list[Mention]:
        """A whole name of one product right before words that name several, read as one name
        where that names exactly one of the several ("树莓派5 外壳": the 外壳 of the 树莓派 5)."""
        out: list[Mention] = []
        for m in found:
            prev = out[-1] if out else None
            one = prev is not None and prev.whole and len(prev.products) == 1
            if prev and one and prev.end == m.start and len(m.products) > 1:
                span = [k for k in keys if prev.start <= k.start and k.end <= m.end]
                got = self._segment(span, sentence) if len(span) <= MAX_SEGMENT else None
                if got and len(got[0]) == 1 and got[0][0] in m.products:
                    out[-1] = Mention(prev.start, m.end, got[0], got[1])
                    continue
            out.append(m)
        return out

    def _owned(self, keys: Sequence[_Key], found: list[Mention], texts: Sequence[str]) -> list[Mention]:
        """Words that name several products, after (or with 's, 的 after) words naming one
        product or a part of names, read as the one of the several those words own: "4b case"
        (the 4B, then "case", which the Pi 4 Case and the Pi 5 Case share) is the Pi 4 Case,
        "4的外壳" the 树莓派 4 外壳 (:meth:`_owner`). After a product's name, the words may name
        no product on their own (in a sentence, or shared by more than ``MAX_NAMED``: "giga r1
        shield")."""
        out: list[Mention] = []
        for i, m in enumerate(found):
            prev = out[-1] if out else None
            if len(m.products) > 1:
                if prev and len(prev.products) == 1 and _next_to(prev.end, m.start, texts):
                    span = [k for k in keys if prev.start <= k.start and k.end <= prev.end]
                    q = self._owner(m.products, span, prev.products[0])
                    if q is not None:
                        out[-1] = Mention(prev.start, m.end, q)
                        continue
                else:
                    pre: list[_Key] = []
                    free = [k for k in keys if k.end <= m.start and (not prev or k.start >= prev.end)]
                    for k in reversed(free):
                        at = pre[0].start if pre else m.start
                        if len(pre) == MAX_NAME_WORDS or not _next_to(k.end, at, texts):
                            break
                        pre.insert(0, k)
                    q = self._owner(m.products, pre, -1) if pre else None
                    if q is not None:
                        out.append(Mention(pre[0].start, m.end, q))
                        continue
            elif len(m.products) == 1:
                stop = found[i + 1].start if i + 1 < len(found) else len(texts)
                after: list[_Key] = []
                for k in keys:
                    if k.start >= m.end and k.end <= stop and len(after) < MAX_NAME_WORDS:
                        if not _next_to(after[-1].end if after else m.end, k.start, texts):
                            break
                        after.append(k)
                span = [k for k in keys if m.start <= k.start and k.end <= m.end]
                for n in range(len(after), 0, -1):
                    got = self._segment(after[:n], False, len(self.names))
                    if got is None:
                        continue
                    q = self._owner(got[0], span, m.products[0]) if len(got[0]) > 1 else None
                    if q is not None:
                        m = Mention(m.start, after[n - 1].end, q)
                    break
            out.append(m)
        return out

    def _owner(self, candidates: Sequence[int], words: Sequence[_Key], host: int) -> tuple[int, ...] | None:
        """The one of the candidates whose name has all the (non-brand) words (4 of "4的外壳"),
        else the one whose name has the longest start of a name of the ``host`` product ("4" of
        "Raspberry Pi 4 Model B" and its alias "树莓派 4", "giga" of "GIGA R1 WiFi"), with
        the host's digits and letters cut apart ("4b" is also 4 b; a "12.5W" is no 5), or the
        few (``MAX_NAMED``) that have it as well as each other ("mkr 1010 shield": the two MKR
        shields, which one?); None if none or more."""
        own = {k.key for k in words} - self.brand
        if own:
            having = [q for q in candidates if any(own <= set(n.keys) for n in self.of[q])]
            if len(having) == 1:
                return (having[0],)
        if host < 0:
            return None
        plain = [tuple(k for k in n.keys if k not in self.brand) for n in self.of[host]]
        starts = list(dict.fromkeys([*plain, *(tuple(_pieces(start)) for start in plain)]))
        score: dict[int, int] = {}
        for q in candidates:
            if q == host:
                continue
            for n in self.of[q]:
                got = [k for k in n.keys if k not in self.brand]
                for start in starts:
                    size = 0  # a start in a row has its shorter starts in a row: the first miss ends it
                    while size < len(start) and _in_a_row(got, start[: size + 1]):
                        size += 1
                    score[q] = max(score.get(q, 0), size)
        top = max(score.values(), default=0)
        best = tuple(sorted(q for q, v in score.items() if v == top))
        return best if top and len(best) <= MAX_NAMED and len(best) < len(candidates) else None


LINK_WORDS = frozenset(["for"])
"""English words between an accessory's noun and its host's name ("case for the pi 4")."""
LINKS_ZH = frozenset(["用于", "用於", "适用于", "適用于", "适用於", "適用於"])
"""Chinese words between them (外壳适用于树莓派4b, 用于树莓派4b的外壳), Traditional forms too: the
twin folds 適用於 to 适用于, but the browser folds only the characters its index has (a catalog
without 适 once read 外壳適用於树莓派4b as a "which one?" of the cases in the worker only)."""


def links(words: Sequence[tokenize.Word], content: Sequence[int]) -> list[bool]:
    """For each of a query's content words (``content``: their positions in ``words``), whether
    a linking word (:data:`LINK_WORDS`, a stop word) stands between it and the content word
    before it (:meth:`Namer.mentions`)."""
    return [
        j > 0 and any(words[k].text in LINK_WORDS for k in range(content[j - 1] + 1, content[j]))
        for j in range(len(content))
    ]


def _at(flags: Sequence[bool], i: int) -> bool:
    return 0 <= i < len(flags) and flags[i]


POSSESSIVE = frozenset("的之")
"""Chinese particles between a product's name and an accessory's noun ("4b的外壳")."""


def _next_to(end: int, start: int, texts: Sequence[str]) -> bool:
    """Whether query words ending at ``end`` and starting at ``start`` follow each other, with at
    most a possessive between: an "s" ("pi 4's case"), 的 ("4b的外壳": its bigram 的外)."""
    if start == end:
        return True
    if start != end + 1 or start >= len(texts):
        return False
    gap = texts[end]
    bigram = len(gap) == 2 and gap[0] in POSSESSIVE and texts[start][:1] == gap[1]
    return gap == "s" or gap in POSSESSIVE or bigram


def _pieces(keys: Iterable[str]) -> list[str]:
    """Name words cut where digits and letters meet ("4b" → 4, b), as names write them apart."""
    out: list[str] = []
    for key in keys:
        out += [m.group() for m in re.finditer(r"[0-9]+|[^0-9]+", key)]
    return out


def _bridge(text: str) -> bool:
    """Whether a query word is a bigram of two Chinese characters."""
    return len(text) == 2 and tokenize.is_cjk(text[0]) and tokenize.is_cjk(text[1])


def _head(name: _Name, wanted: Sequence[str]) -> bool:
    """Whether a name's last word leaves the query's words its head: the query has it, or it is
    no noun of its own (a number, "4b", a short letter, "+"). A name ending in Chinese has the
    query's last word as its head when that word ends one of its runs of Chinese characters
    (:attr:`_Name.ends`): 外壳 is the head of 树莓派 4 官方外壳, not of 树莓派 4 外壳风扇, whose
    head is 风扇; 杯 is the head of 青瓷品茗杯（六只装）."""
    last = name.keys[-1]
    if last in wanted:
        return True
    if tokenize.is_cjk(last[0]):
        return wanted[-1] in name.ends
    return not last.isalpha() or len(last) < 3 or last == tokenize.stem(PLUS)


def _in_a_row(name: Sequence[str], keys: Sequence[str]) -> bool:
    """Whether the keys are words of the name in a row, in order."""
    n = len(keys)
    return any(list(name[i : i + n]) == list(keys) for i in range(len(name) - n + 1))


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
