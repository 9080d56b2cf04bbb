"""How a shopper's query is run: the Python twin of ``search-worker.js``.

The browser runs this algorithm in a Web Worker; this module runs it on the same index so that
tests can check both give the same hits and answers, and benchmarks can measure quality quickly.
Both expand words with lunr's TokenSet (lunr.js, lunr.py) and score with lunr's formula from the
postings of the query's terms (a test checks the scores equal lunr.py's own index's).

1. The query is split by :func:`kbgen.search.terms.words`. Each word expands to index terms: its own
   term (exact), and, for the last word while it is being typed, the terms it starts
   (prefix); words of 5+ letters also match terms one edit away, 8+ letters two (typo); a
   Chinese bigram also matches its two characters (part), which scores but does not count as
   having the word. In a sentence, a last stop word is whole ("… what can I do"), not a prefix; in
   a long question (:func:`_length`: Chinese counts a word per two characters) a bigram the index
   has is not also looked up by its characters.
2. Every document that has any of those terms is scored as lunr would (BM25, field boosts;
   exact terms weigh more than prefix terms, and those more than typos).
3. Documents with every word come first (those with every word spelled right before those
   with typos), then the rest: all by score, which is BM25, so documents with more of the
   rarer words come first and filler words weigh little. Ranking the rest by how many words
   they have instead halves success@1 on long questions (``bench/search_quality.py``). A word no
   document has (a typo with no near term, or a bigram across two Chinese words) is not
   required. A query of more than ``MAX_ALL_WORDS`` words is a sentence, not keywords: it is
   ranked by score alone. A document whose question or a keyword has two of the query's
   English words together as the query has them ("pay with paypal") scores more (:func:`_near`).
4. Chinese filler words (怎么, 可以, and the context words of long questions: 我想知道, 如果,
   我该怎么办 …; a bigram between two of them, like 道怎, too: :func:`kbgen.search.terms.fillers`)
   weigh like English stop words: they are not looked up unless the query has nothing else,
   and a document that only has them is no result. So do the chat words of an English
   sentence ("hi", "wondering", "please": :func:`kbgen.search.terms.chat`), which still count
   as its words (a long question stays a sentence). A shopper's everyday word also matches
   the writers' words for it at half weight (:mod:`kbgen.search.everyday`: "plug" → power
   supply), which count as having the word but not as exact. A word
   with no term of its own that looks misspelt ("securty") also matches the terms one edit away
   from its first letters (the stem "secur").
5. Above all of that: documents whose question or one of whose keywords has the whole query as
   a phrase ("where is my order").
6. Shop rules (:mod:`kbgen.search.shop`): a query that names one product (or a few, by an
   ambiguous part) puts its product page first, then the entries naming it; with other words
   ("aero one descale"), the entries naming it that have those words come first; Chinese
   demonstratives and measure words are no part of a name (这款充电器), and a Chinese head noun
   names the products whose names end with it (这个杯). A query naming
   two products gets compatibility answers (:func:`answer`), and one asking for a channel gets
   those channels.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lunr.index import Index
from lunr.query import Query
from lunr.token_set import TokenSet

from kbgen.core.graph import ProductGraph, Relation
from kbgen.core.model import Incompatibility, Product
from kbgen.search import everyday, shop
from kbgen.search import terms as tokenize

__all__ = [
    "Answer", "Compat", "Hit", "Index", "QueryWord", "ShopIndex", "answer", "load", "plan", "rank", "search",
]  # fmt: skip

MAX_QUERY_CHARS = 200
"""Longer queries are cut: nobody types more, and it bounds the work per keystroke."""
MAX_PREFIX_TERMS = 30
"""A short prefix ('c') could match thousands of terms; the shortest ones are kept."""
MAX_TYPO_CHARS = 20
"""Longer words get no typo matching: the edit-distance automaton grows with the word."""
MIN_TYPO_PREFIX = 5
"""The first letters of a misspelt word matched one edit away are at least this long."""
MAX_ALL_WORDS = 4
"""Up to this many words, documents with all of them come first (measured: 4 is best)."""
LONG_QUESTION = 8
"""A question of more words is told with context: its answer comes before compatibility cards."""
BOOST = {"exact": 1.0, "prefix": 0.5, "typo": 0.2, "part": 0.6, "everyday": 0.5}
"""Weight of a matching term by how it matches; 'part' is one character of a CJK bigram,
'everyday' a writer's word for a shopper's everyday one (:mod:`kbgen.search.everyday`)."""
K1, B = 1.2, 0.75
PROXIMITY = 0.2
"""A result's score grows by this share for each of the query's word pairs its question or a
keyword has as written (:func:`_near`). Measured on the visible sets only (0.15 to 0.3 give the
same; 0.5, or two words within a window of 2 or 4 instead, are worse)."""


@dataclass
class QueryWord:
    """One word of the query and the index terms it matches."""

    word: tokenize.Word
    required: bool
    terms: dict[str, str] = field(default_factory=dict)
    """Matching index term → how it matched (exact, prefix, typo, part or everyday)."""
    filler: bool = False
    """A filler word (:func:`kbgen.search.terms.fillers`): looked up only if all words are."""
    chat: bool = False
    """An English chat word of a sentence (:func:`kbgen.search.terms.chat`): a filler that
    still counts as a word of the sentence (it stays a sentence, ranked as one)."""


@dataclass(frozen=True)
class Hit:
    """One result: the document number, its score and which query words it has."""

    ref: int
    score: float
    all_words: bool
    all_exact: bool
    terms: tuple[str, ...]
    phrase: bool = False
    """The question or a keyword has the whole query as a phrase."""


@dataclass(frozen=True)
class Compat:
    """A compatibility answer: do products ``a`` and ``b`` (catalog positions) work together?"""

    a: int
    b: int
    verdict: str
    """yes, no or unknown."""
    reason: str = ""


@dataclass(frozen=True)
class Answer:
    """Everything a query gets: the hits, compatibility answers and the channels asked for."""

    hits: list[Hit]
    total: int
    compat: list[Compat]
    channels: list[str]
    """Keys of the site's channels the query asks for."""
    which: list[tuple[int, ...]] = field(default_factory=list)
    """Products (catalog positions) the query may mean when it asks whether two products fit
    and one of them can't be told apart: the page asks "which one?" instead of a verdict."""
    lead: int = 0
    """How many results come before the compatibility answers: a long question's answer first."""
    wait: bool = False
    """Nothing found, and the query ends with a one-letter word being typed ("p"): it waits for
    the next letter (:func:`_waits`), the page says so instead of "No results"."""


class ShopIndex(Index):  # type: ignore[misc]
    """A lunr index with what the shop rules need (:func:`load`)."""

    docs: list[list[Any]]
    products: list[list[Any]]
    namer: shop.Namer
    intents: shop.Intents
    channels: list[str]
    graph: ProductGraph
    keys: dict[int, list[tuple[str, ...]]]
    weights: dict[str, tuple[int, list[tuple[int, int, float]]]]
    """Term → (its number, [(field, document, lunr's weight of the term there)])."""
    title_fields: tuple[int, ...]
    everyday: list[list[list[str]]]
    """The index's everyday table (:meth:`kbgen.search.everyday.Everyday.table_for`)."""
    everyday_first: dict[str, list[int]]


@dataclass
class _Scored:
    ref: int
    score: float
    matched: list[str]
    titled: list[str]
    """Terms found in the question or keywords (only these can hold the query as a phrase)."""


def _score(index: ShopIndex, boosts: dict[str, float]) -> list[_Scored]:
    """lunr's scores of the documents with any of the terms, as search-worker.js computes them:
    per field, the dot product of the query vector with the field's vector over the query
    vector's magnitude, summed over the fields; in document order."""
    nf = len(index.fields)
    terms = sorted((t for t in boosts if t in index.weights), key=lambda t: index.weights[t][0])
    dots: dict[int, list[float]] = {}
    matched: dict[int, list[str]] = {}
    titled: dict[int, list[str]] = {}
    magnitude = 0.0
    for term in terms:
        q = boosts[term]
        magnitude += q * q
        for f, doc, w in index.weights[term][1]:
            dot = dots.get(doc)
            if dot is None:
                dot = dots[doc] = [0.0] * nf
                matched[doc], titled[doc] = [], []
            dot[f] += q * w
            if not matched[doc] or matched[doc][-1] != term:
                matched[doc].append(term)
            if f in index.title_fields and (not titled[doc] or titled[doc][-1] != term):
                titled[doc].append(term)
    magnitude = math.sqrt(magnitude)
    out = []
    for doc in sorted(dots):
        total = 0.0
        for value in dots[doc]:
            total += value / magnitude
        out.append(_Scored(doc, total, matched[doc], titled[doc]))
    return out


def load(data: str | dict[str, Any]) -> tuple[Index, list[list[Any]]]:
    """The index (and the docs table) from the compact JSON, with the weights the browser
    computes (all at once here; the browser computes each term's the first time it is asked).

    Scores are lunr's, computed from each query term's postings as the browser does
    (:func:`_score`); a test checks they equal lunr.py's own on the index it builds."""
    d = json.loads(data) if isinstance(data, str) else data
    names = [f[0] for f in d["fields"]]
    boosts = [f[1] for f in d["fields"]]
    n = len(d["docs"])
    lengths = d["lengths"]
    avg = [sum(row[f] for row in lengths) / n if n else 0 for f in range(len(names))]
    weights: dict[str, tuple[int, list[tuple[int, int, float]]]] = {}
    for t, (term, flat) in enumerate(zip(d["terms"], d["postings"], strict=True)):
        entries: list[tuple[int, int, int]] = []
        i = 0
        while i < len(flat):
            f, count = flat[i], flat[i + 1]
            i += 2
            doc = -1
            for _ in range(count):
                gap = flat[i]
                i += 1
                tf = 1
                if gap < 0:
                    gap, tf = -gap, flat[i]
                    i += 1
                doc += gap
                entries.append((f, doc, tf))
        idf = _idf(len(entries), n)
        found = []
        for f, doc, tf in entries:
            length = lengths[doc][f]
            score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / avg[f])) + tf) * boosts[f]
            found.append((f, doc, _round3(score)))
        weights[term] = (t, found)
    token_set = TokenSet.from_list(d["terms"])
    index = ShopIndex({}, {}, token_set, names, None)
    index.weights = weights
    index.title_fields = tuple(names.index(f) for f in ("question", "keywords") if f in names)
    index.docs = d["docs"]
    index.products = d.get("products", [])
    index.namer = shop.Namer([(p[1], p[4]) for p in index.products])
    index.intents = shop.Intents((i[0], i[1]) for i in d.get("intents", []))
    index.channels = [c[0] for c in d.get("channels", [])]
    index.graph = _graph(index.products, d.get("graph", {}))
    index.keys = {}
    index.everyday = d.get("everyday", [])
    index.everyday_first = everyday.firsts(index.everyday)
    return index, d["docs"]


def _graph(products: list[list[Any]], links: dict[str, list[list[Any]]]) -> ProductGraph:
    """The catalog's graph again, from the index's links (so the answer is ProductGraph's)."""
    compatible: dict[int, list[str]] = {}
    accessories: dict[int, list[str]] = {}
    incompatible: dict[int, list[Incompatibility]] = {}
    for a, b in links.get("compatible", []):
        compatible.setdefault(a, []).append(products[b][0])
    for a, b in links.get("accessory", []):
        accessories.setdefault(a, []).append(products[b][0])
    for a, b, reason in links.get("incompatible", []):
        incompatible.setdefault(a, []).append(Incompatibility(products[b][0], reason))
    return ProductGraph.of(
        Product(
            p[0], p[1], "", "",
            compatible_with=tuple(compatible.get(i, ())),
            accessories=tuple(accessories.get(i, ())),
            incompatible_with=tuple(incompatible.get(i, ())),
        )
        for i, p in enumerate(products)
    )  # fmt: skip


def _idf(docs_with_term: int, n: int) -> float:
    x = (n - docs_with_term + 0.5) / (docs_with_term + 0.5)
    return math.log(1 + abs(x))


def _round3(x: float) -> float:
    # lunr.js rounds with Math.round(x * 1000) / 1000 (half up); Python's round() is half-even.
    return math.floor(x * 1000 + 0.5) / 1000


def plan(index: Index, query: str) -> list[QueryWord]:
    """The query's words and the index terms each one matches."""
    query = query[:MAX_QUERY_CHARS]
    normalized = tokenize.normalize(query)
    typing = bool(normalized) and tokenize.runs(normalized[-1:]) != []
    words = tokenize.words(shop.query_text(query))
    chinese = tokenize.fillers(words)
    flags = tokenize.chat(words, chinese, MAX_ALL_WORDS)
    only_fillers = all(not w.term or flags[i] for i, w in enumerate(words))
    sentence = sum(bool(w.term) and not w.cjk for w in words) > MAX_ALL_WORDS
    known = _everyday_words(index, words, flags)
    planned: list[QueryWord] = []
    for i, w in enumerate(words):
        # a stop word ending a sentence is a whole word ("… what can I do"), not one being typed
        last = typing and i == len(words) - 1 and (bool(w.term) or not sentence)
        plus = w.text == shop.PLUS  # "hat+": names a product, but results need not have it
        qw = QueryWord(w, required=bool(w.term) and not flags[i] and not plus, filler=flags[i])
        qw.chat = flags[i] and not chinese[i]
        if w.term and flags[i] and not only_fillers:
            planned.append(qw)  # like a stop word
            continue
        if w.term:
            _add(qw, _expand(index, TokenSet.from_string(w.term)), "exact")
        if last:
            starts = {w.text, w.term} if w.term else {w.text}
            if w.cjk and w.run_end and len(w.text) == 2 and not qw.terms and i not in known:
                # '怎么退': 么退 is no word, so the shopper is typing 退…; but 米兰, a word the
                # everyday table knows (Milan → 意大利), is whole: 兰… (芬兰) would rank above it
                starts.add(w.text[-1])
            for start in sorted(starts):
                if w.cjk or len(start) >= 2:
                    _add(qw, _shortest(_expand(index, TokenSet.from_string(start + "*"))), "prefix")
        if w.cjk and len(w.text) == 2:
            for char in w.text:
                if not tokenize.FILLER_CHARS & {char} or only_fillers:
                    _add(qw, _expand(index, TokenSet.from_string(char)), "part")
        if w.term and not w.cjk and 5 <= len(w.text) <= MAX_TYPO_CHARS:
            distance = 2 if len(w.text) >= 8 else 1
            exact = bool(qw.terms)
            _add(qw, _expand(index, TokenSet.from_fuzzy_string(w.term, distance)), "typo")
            if not exact and w.text.isascii() and w.text.isalpha():
                # a misspelt word doesn't stem: "securty" keeps its ending; "secur" is one edit
                # away from its first letters
                for k in (len(w.text) - 2, len(w.text) - 1):
                    if k >= MIN_TYPO_PREFIX:
                        _add(qw, _expand(index, TokenSet.from_fuzzy_string(w.text[:k], 1)), "typo")
        qw.required = qw.required and any(kind != "part" for kind in qw.terms.values())
        planned.append(qw)
    _compounds(index, planned)
    _everyday(index, planned)
    if _length(planned) > LONG_QUESTION:
        # in a long question a bigram the index has as a word is not looked up by its characters
        # too: they count it twice, and a sentence's many bigrams bring many common characters
        for qw in planned:
            if qw.word.cjk and "exact" in qw.terms.values():
                qw.terms = {t: kind for t, kind in qw.terms.items() if kind != "part"}
    return planned


def _everyday_words(index: Index, words: Sequence[tokenize.Word], flags: Sequence[bool]) -> set[int]:
    """The positions of the query's words that an everyday phrase covers (:func:`_everyday`
    matches the same words: those with a term that are no filler)."""
    table = getattr(index, "everyday", None)
    if not table:
        return set()
    content = [i for i, w in enumerate(words) if w.term and not flags[i]]
    found = [words[i].term for i in content]
    spans = everyday.matches(table, index.everyday_first, found)
    return {content[k] for start, end, _ in spans for k in range(start, end)}


def _everyday(index: Index, planned: list[QueryWord]) -> None:
    """A shopper's everyday words also match the writers' words for them ("plug" → power
    supply, "红点" → 指示灯), with a lower weight; a word that matched only so still counts as
    one a result has."""
    table = getattr(index, "everyday", None)
    if not table:
        return
    content = [qw for qw in planned if qw.word.term and not qw.filler]
    found = [qw.word.term for qw in content]
    for start, end, pair in everyday.matches(table, index.everyday_first, found):
        for qw in content[start:end]:
            _add(qw, table[pair][1], "everyday")
            qw.required = qw.word.text != shop.PLUS


MIN_COMPOUND_PART = 3
"""Each part of a word split in two ("heatsink" → heat, sink) has at least this many letters."""


def _compounds(index: Index, planned: list[QueryWord]) -> None:
    """Joined and split forms meet: two words also match the index term they make together
    ("heat sink", "screw-driver" → heatsink, screwdriver), and a word the index doesn't have
    matches its two parts when the index has both ("heatsink" → heat, sink)."""
    for i, qw in enumerate(planned):
        w = qw.word
        if not _plain(qw):
            continue
        if i + 1 < len(planned) and _plain(planned[i + 1]):
            joined = tokenize.stem(w.text + planned[i + 1].word.text)
            found = _expand(index, TokenSet.from_string(joined)) if joined else []
            for other in (qw, planned[i + 1]):
                _add(other, found, "exact")
                other.required = other.required or bool(found)
        if not any(kind == "exact" for kind in qw.terms.values()) and len(w.text) >= 2 * MIN_COMPOUND_PART:
            for k in range(MIN_COMPOUND_PART, len(w.text) - MIN_COMPOUND_PART + 1):
                a, b = tokenize.stem(w.text[:k]), tokenize.stem(w.text[k:])
                parts = [t for t in (a, b) if t and _expand(index, TokenSet.from_string(t))]
                if len(parts) == 2:
                    _add(qw, parts, "exact")
                    qw.required = True
                    break


def _plain(qw: QueryWord) -> bool:
    """A content word of ASCII letters (compounds are English words)."""
    text = qw.word.text
    return bool(qw.word.term) and not qw.filler and text != shop.PLUS and text.isascii() and text.isalpha()


def _expand(index: Index, token_set: TokenSet) -> list[str]:
    return sorted(index.token_set.intersect(token_set).to_list())


def _shortest(terms: list[str]) -> list[str]:
    return sorted(terms, key=lambda t: (len(t), t))[:MAX_PREFIX_TERMS]


def _add(qw: QueryWord, terms: list[str], kind: str) -> None:
    for term in terms:
        qw.terms.setdefault(term, kind)


def search(index: Index, query: str, limit: int = 10) -> list[Hit]:
    """The best ``limit`` documents for a query, best first."""
    return answer(index, query, limit).hits


def answer(index: Index, query: str, limit: int = 10, product: str = "") -> Answer:
    """The best ``limit`` documents, compatibility answers and channels for a query; ``product``:
    the id of the product whose page it is asked on (the shop widget's), if any
    (:func:`_on_page`)."""
    planned = plan(index, query)
    shopping = isinstance(index, ShopIndex)
    hits = _hits(index, planned, query)
    if not shopping:
        return Answer(hits[:limit], len(hits), [], [], wait=not hits and _waits(query))
    content = [
        i for i, qw in enumerate(planned) if qw.word.term and not qw.filler
    ]
    words = [planned[i].word for i in content]
    length = _length(planned)
    required = sum((qw.required or qw.chat) and not qw.word.cjk for qw in planned)
    sentence = required > MAX_ALL_WORDS
    starts = [i == 0 or planned[i - 1].word.run_end for i in content]
    links = shop.links([qw.word for qw in planned], content)
    index.namer.forget()  # each query reads its own words afresh (a warm figure is no memo's)
    terms, texts = [w.term for w in words], [w.text for w in words]
    mentions = index.namer.mentions(terms, texts, sentence, starts, links)
    mentions = _in_context(index, mentions, terms)

    def loosely() -> list[tuple[int, ...]]:
        wide = index.namer.mentions(terms, texts, sentence, starts, links, len(index.products))
        return shop.named(_in_context(index, wide, terms))

    named = _on_page(index, shop.named(mentions), product, query, loosely)
    compat: list[Compat] = []
    which: list[tuple[int, ...]] = []
    if len(named) == 1:
        covered = {content[k] for m in mentions for k in range(m.start, m.end)}
        topic = [
            qw for i, qw in enumerate(planned)
            if qw.required and i not in covered and qw.word.text not in index.namer.texts
        ]  # fmt: skip
        hits = _focus(index, hits, named[0], topic, not sentence)
    elif len(named) >= 2:
        if len(named[0]) > 1 or len(named[1]) > 1:
            which = [named[0] if len(named[0]) > 1 else named[1]]
        else:
            compat.append(_compat(index, named[0][0], named[1][0]))
        hits = _about_cards(index, hits, compat)
    keys = [qw.word.term or qw.word.text for qw in planned]
    asked = index.intents.asked(keys, [i in content for i in range(len(planned))])
    lead = 1 if length > LONG_QUESTION and hits and (compat or which) else 0
    channels = shop.channel_keys(asked, index.channels)
    wait = not (hits or compat or which or channels) and _waits(query)
    return Answer(hits[:limit], len(hits), compat, channels, which, lead, wait)


def _waits(query: str) -> bool:
    """Whether a query that found nothing ends with a one-letter word being typed: a first letter
    ("p" begins pay, pico, price …) is no query without results but one waiting for its next
    letter (a word start is a prefix from two letters on: :func:`plan`). A one-letter word that
    is a term of its own ("x", a product's name) finds it; a Chinese character is a word.
    Twin: search-worker.js (waitsForLetter)."""
    query = query[:MAX_QUERY_CHARS]
    normalized = tokenize.normalize(query)
    if not normalized or not tokenize.runs(normalized[-1:]):
        return False
    words = tokenize.words(shop.query_text(query))
    return bool(words) and not words[-1].cjk and len(words[-1].text) == 1


def _on_page(
    index: ShopIndex,
    named: list[tuple[int, ...]],
    product: str,
    query: str,
    loosely: Callable[[], list[tuple[int, ...]]] = list,
) -> list[tuple[int, ...]]:
    """The products a query names, asked on the page of ``product`` (the search worker's onPage):
    a loose name that may mean the page's product means it (on the Aero One's page, "the aero"
    is the Aero One); a fit question that names one other product ("does the aqua xl fit", "茶滤
    能用吗") asks about that product and the page's, so the page's product comes second (an
    ambiguous other product then asks "which one?").

    A fit question that points at a thing by a noun many products share ("can I use this power
    supply", 这个电源可以用吗: ``loosely``, the products named without :data:`shop.MAX_NAMED`)
    asks about the one the shopper holds and the page's product: the noun's products the
    catalog says anything about with the page's (compatible or not) are the candidates, the
    others it could only answer "unknown" for. One candidate gets its card (on the Pi Zero's
    page, the one supply the catalog lists for it: the card names it, so a shopper holding
    another sees it is about that one); several, or none, ask "which one?", if there are at
    most :data:`shop.MAX_CHOICES` of them (else nothing is named: no list of 200 supplies).
    The same with another product named ("can I use this power supply with the pi 4" on the Pi
    5's page) asks about the thing and that product, not the page's."""
    at = next((i for i, p in enumerate(index.products) if p[0] == product), -1) if product else -1
    if at < 0:
        return named
    named = [(at,) if at in group else group for group in named]
    text = query[:MAX_QUERY_CHARS]
    if (
        len(named) == 1 and named[0] != (at,) and _fits_page(index, text, at)
        and not _absorbed(index, text, named[0], at)
    ):  # fmt: skip
        held = _held(loosely(), named[0]) if shop.points(text) and len(named[0]) == 1 else None
        if held is None:
            named.append((at,))
        elif at in held:  # "this power supply with the pi 4" on a supply's page: that one
            named = [(at,), named[0]]
        else:  # on the Pi 5's page, "can I use this power supply with the pi 4" asks of the Pi 4
            named = _choices(index, held, named[0][0]) or named
    elif not named and shop.points(text) and _fits_page(index, text, at):
        wide = loosely()
        if len(wide) == 1 and len(wide[0]) > 1:
            if at in wide[0]:
                return [(at,)]  # "this power supply" on a power supply's page: that one
            named = _choices(index, wide[0], at) or named
    return named


def _absorbed(index: ShopIndex, text: str, named: tuple[int, ...], at: int) -> bool:
    """Whether what a fit word is said of names a product that the query's one name holds as
    its host, not the page's: 适用于 both links an accessory to its host and asks whether it
    fits, so "外壳适用于树莓派4b" names the 4B's case (:meth:`shop.Namer._linked`) and asks about
    the 4B, not about the page's product (on the Pi 5's page, no "Pi 4 case with Pi 5" card)."""
    for tail in shop.fit_objects(text)[:MAX_FITS]:
        words = tokenize.words(shop.query_text(tail))
        flags = tokenize.chat(words, tokenize.fillers(words), 0)
        content = [i for i, w in enumerate(words) if w.term and not flags[i]]
        starts = [i == 0 or words[i - 1].run_end for i in content]
        terms, texts = [words[i].term for i in content], [words[i].text for i in content]
        for m in index.namer.mentions(terms, texts, False, starts):
            if at not in m.products and not set(m.products) & set(named):
                return True
    return False


def _held(wide: list[tuple[int, ...]], named: tuple[int, ...]) -> tuple[int, ...] | None:
    """The products of a noun a query points at besides the product it names (``wide``: all it
    names, loosely): "this power supply" of "can I use this power supply with the pi 4"."""
    nouns = [group for group in wide if len(group) > 1 and not set(group) & set(named)]
    return nouns[0] if len(wide) == 2 and len(nouns) == 1 else None


def _choices(index: ShopIndex, noun: tuple[int, ...], host: int) -> list[tuple[int, ...]] | None:
    """What "this <noun>" with ``host`` names: the noun's products the catalog says anything
    about with the host (else all of them), and the host; None if more than
    :data:`shop.MAX_CHOICES` (no "which one?" of 200 supplies)."""
    told = tuple(p for p in noun if _compat(index, p, host).verdict != "unknown") or noun
    return [told, (host,)] if len(told) <= shop.MAX_CHOICES else None


FIT_WORDS = frozenset(
    [
        *("together", "well", "properly", "correctly", "perfectly", "right", "really", "actually"),
        *("ok", "okay", "fine", "too", "also", "both", "not", "here", "there", "all", "any"),
        *("inside", "under", "underneath", "onto", "over", "behind", "beside", "next", "within"),
        *("one", "ones", "mine", "model", "version", "product", "item", "device", "unit", "board"),
    ]
)
"""English words a fit word may have after it besides products: how products fit ("will they
work together"), where ("under"), and words for the page's product itself ("this one", "my
model"). A closed list: anything else is a thing or an action of its own."""
FIT_TERMS = frozenset(
    [
        *("产品", "產品", "商品", "型号", "型號", "本品"),
        *("机器", "機器", "设备", "設備", "东西", "東西", "板子"),
    ]
)
"""Chinese words for the page's product itself (这款产品, 这个东西), both scripts (the browser
folds only the characters its index has)."""
FIT_CHARS = tokenize.FILLER_CHARS | frozenset("它们們不没沒也都还還于於在上里裡内內中下")
"""Chinese particles, "it", "not" (能用不), "in", "on", "to" (用在…上, 适用于): what a fit word may
have after it, besides products. A word is fine only if each of its characters is."""


def _fits_page(index: ShopIndex, query: str, at: int) -> bool:
    """Whether a query asks if the product it names fits the page's product (``at``): a fit
    word (:func:`shop.fit_objects`) with nothing after it in its clause, nor before it
    (:func:`shop.fit_subjects`), but products, words of the page product's summary ("does the
    aqua xl fit the tank" on the Aero One's page), pronouns, stop words and particles. "Does
    the filter fit" and "茶滤能用吗" do; "will the filter work in the dishwasher", "茶滤能用洗碗机
    洗吗" and "洗碗机能用茶滤吗" ask about an action or a thing that is no product. Twin:
    search-worker.js (fitsPage)."""
    return any(
        _about_products(index, tail, at) and _about_products(index, head, at)
        for tail, head in list(zip(shop.fit_objects(query), shop.fit_subjects(query), strict=True))[:MAX_FITS]
    )


MAX_FITS = 4
"""The fit words of a query :func:`_fits_page` reads (its first): what each says fits and what
with are the clause before and after it, so a query of 30 fit words ("电源能用电源能用…") would
read its words 60 times."""


def _about_products(index: ShopIndex, text: str, at: int) -> bool:
    """Whether ``text`` (what a fit word is said of) says nothing but products (a noun many
    share too), the maker's name, words of the page product's summary, stop words, filler words
    and particles (:data:`FIT_WORDS`,
    :data:`FIT_TERMS`, :data:`FIT_CHARS`). A Chinese character counts as said by a bigram it is part of."""
    words = tokenize.words(shop.query_text(text))
    flags = tokenize.chat(words, tokenize.fillers(words), 0)
    content = [i for i, w in enumerate(words) if w.term and not flags[i]]
    starts = [i == 0 or words[i - 1].run_end for i in content]
    terms, texts = [words[i].term for i in content], [words[i].text for i in content]
    mentions = index.namer.mentions(terms, texts, False, starts, (), len(index.products))
    named = {content[k] for m in mentions for k in range(m.start, m.end)}
    summary = _summary(index, at)
    ok = [
        not w.term or flags[i] or i in named or w.term in summary or w.term in index.namer.brand
        or w.text in (FIT_TERMS if w.cjk else FIT_WORDS)
        for i, w in enumerate(words)
    ]
    run: list[int] = []  # the words (bigrams) of a Chinese run
    for i, w in enumerate(words):
        if not w.cjk:
            if not ok[i]:
                return False
            continue
        run.append(i)
        if not w.run_end:
            continue
        # character j of the run is in bigrams j - 1 and j (a run of one character: its word)
        chars = words[run[0]].text[0] + "".join(words[k].text[1:] for k in run)
        for j, char in enumerate(chars):
            inside = [run[k] for k in (j - 1, j) if 0 <= k < len(run)]
            if char not in FIT_CHARS and not any(ok[k] for k in inside):
                return False
        run = []
    return True


def _length(planned: list[QueryWord]) -> int:
    """How many words a question has, as a reader counts them: its words other than stop words
    (chat words count: they make a sentence), and in Chinese, which has no spaces, one word
    for every two characters, as the tokenizer's bigrams cut a run, particles (吗, 的) left out."""
    words = sum((qw.required or qw.chat) and not qw.word.cjk for qw in planned)
    chars = 0
    for qw in planned:
        w = qw.word
        if w.cjk:
            own = w.text if len(w.text) == 1 or w.run_end else w.text[0]
            chars += sum(c not in tokenize.FILLER_CHARS for c in own)
    return words + (chars + 1) // 2


def _in_context(index: ShopIndex, mentions: list[shop.Mention], terms: list[str]) -> list[shop.Mention]:
    """The mentions without a single word after a whole product name that describes that
    product rather than naming another ("raspberry pi 500 keyboard": the Pi 500 is a keyboard,
    its page's summary says so)."""
    if len(mentions) < 2:
        return mentions
    kept = []
    for m in mentions:
        if m.end - m.start == 1 and not m.whole:
            before = [o for o in mentions if o.end == m.start and o.whole and len(o.products) == 1]
            others = [p for o in before for p in o.products]
            if any(terms[m.start] in _summary(index, p) for p in others):
                continue
        kept.append(m)
    return kept


def _summary(index: ShopIndex, product: int) -> set[str]:
    """The terms of a product page's summary."""
    ref = index.products[product][3]
    return set(tokenize.terms(index.docs[ref][2])) if ref >= 0 else set()


def _about_cards(index: ShopIndex, hits: list[Hit], compat: list[Compat]) -> list[Hit]:
    """Under compatibility answers, the results about their products first: about both products
    of a pair, then about one; otherwise in score order (the search worker's aboutCards)."""

    def about(p: int) -> set[int]:
        refs = set(index.products[p][5])
        if index.products[p][3] >= 0:
            refs.add(index.products[p][3])
        return refs

    pairs = [(about(c.a), about(c.b)) for c in compat]
    if not pairs:
        return hits
    return sorted(hits, key=lambda h: -max((h.ref in a) + (h.ref in b) for a, b in pairs))


def _compat(index: ShopIndex, a: int, b: int) -> Compat:
    relation: Relation = index.graph.relation(index.products[a][0], index.products[b][0])
    verdict = relation.answer if relation.answer in ("yes", "no") else "unknown"
    return Compat(a, b, verdict, relation.reason if verdict == "no" else "")


def _focus(
    index: ShopIndex,
    hits: list[Hit],
    products: tuple[int, ...],
    topic: list[QueryWord],
    keywords: bool = True,
) -> list[Hit]:
    """Named products first: their pages then the entries naming them, or with other words,
    the entries naming them that have those words. When none has them, a few keywords
    ("genuine pico w") still put the pages first: the other words were extra."""
    naming = {ref for p in products for ref in index.products[p][5]}
    first: list[Hit] = []
    if topic:
        first = [h for h in hits if h.ref in naming and all(_has(h, qw) for qw in topic)]
    if not topic or (not first and keywords and len(topic) == 1):
        pages = [index.products[p][3] for p in products if index.products[p][3] >= 0]
        by_ref = {h.ref: h for h in hits}
        first = [by_ref.get(ref) or Hit(ref, 0.0, False, False, ()) for ref in pages]
        first += [h for h in hits if h.ref in naming]
    taken = {h.ref for h in first}
    return first + [h for h in hits if h.ref not in taken]


def _has(hit: Hit, qw: QueryWord) -> bool:
    return any(qw.terms.get(t, "part") != "part" for t in hit.terms)


def _edits(word: tokenize.Word, term: str) -> int:
    """How far a typo match is from the word (1 or more): its weight is the typo boost times
    2 / (edits + 1), so a match that changes more counts less (1 edit: the full typo boost)."""
    n = len(term)
    return max(1, min(shop.edits(x, term, 3) for x in (word.term, word.text, word.text[:n])))


def _hits(index: Index, planned: list[QueryWord], query: str) -> list[Hit]:
    boosts: dict[str, float] = {}
    for qw in planned:
        for term, kind in qw.terms.items():
            weight = BOOST[kind] * 2 / (_edits(qw.word, term) + 1) if kind == "typo" else BOOST[kind]
            boosts[term] = boosts.get(term, 0) + weight
    if not boosts:
        return []
    results: list[_Scored]
    if isinstance(index, ShopIndex):
        results = _score(index, boosts)
    else:  # lunr.py's own index (the reference the scores are checked against)
        q = Query(index.fields)
        for term in sorted(boosts):
            q.term(term, use_pipeline=False, boost=boosts[term])
        results = [
            _Scored(int(r["ref"]), r["score"], list(r["match_data"].metadata), []) for r in index.query(q)
        ]
    content = {t for qw in planned if qw.word.term and not qw.filler for t in qw.terms}
    phrase = _phrase_keys(query) if isinstance(index, ShopIndex) else None
    phrase_terms = set(tokenize.terms(query[:MAX_QUERY_CHARS]))
    hits = []
    keywords = sum(qw.required or qw.chat for qw in planned) <= MAX_ALL_WORDS
    near = _near(planned) if isinstance(index, ShopIndex) else []
    for result in results:
        matched = set(result.matched)
        if content and not matched & content:
            continue  # only filler words
        all_words = all_exact = True
        for qw in planned:
            if not qw.required:
                continue
            kinds = {qw.terms[t] for t in matched if t in qw.terms} - {"part"}
            all_words = all_words and bool(kinds)
            all_exact = all_exact and bool(kinds - {"typo", "everyday"})
        has_phrase = (
            phrase is not None
            and all_exact
            and phrase_terms <= set(result.titled)
            and _has_phrase(index, result.ref, phrase)
        )
        score = result.score
        if near:
            titled = set(result.titled)
            pairs = sum(
                1 for keys in near if {keys[0], keys[-1]} <= titled and _has_phrase(index, result.ref, keys)
            )
            score *= 1 + PROXIMITY * pairs
        hits.append(
            Hit(
                result.ref,
                score,
                all_words and keywords,
                all_exact and keywords,
                tuple(sorted(matched)),
                has_phrase,
            )
        )
    return rank(hits)


def _near(planned: list[QueryWord]) -> list[tuple[str, ...]]:
    """Word proximity: the query's runs from one English word to the next with only stop words
    between ("pay with paypal", "tracker removal"), as phrase keys. A result whose question or a
    keyword has one as written is about those words together, not each on its own. Split
    indexes tell it from the words before each term (:mod:`kbgen.search.shards`: ``_pairs``),
    so only the question and keywords count. Not Chinese: its bigrams overlap already, and
    Chinese pairs cost relay-zh (issue 22, round 4)."""
    content = [i for i, qw in enumerate(planned) if qw.word.term and not qw.filler and not qw.word.cjk]
    out = []
    for i, j in itertools.pairwise(content):
        if all(not qw.word.term and not qw.word.cjk for qw in planned[i + 1 : j]):
            out.append(tuple(qw.word.term or qw.word.text for qw in planned[i : j + 1]))
    return out


def _phrase_keys(query: str) -> tuple[str, ...] | None:
    """The query as a phrase to look for, or None when it is a single word."""
    keys = tuple(tokenize.phrase_keys(query[:MAX_QUERY_CHARS]))
    return keys if len(keys) >= 2 else None


def _has_phrase(index: ShopIndex, ref: int, phrase: tuple[str, ...]) -> bool:
    keys = index.keys.get(ref)
    if keys is None:
        doc = index.docs[ref]
        texts = [doc[1], *(doc[6].split("\n") if len(doc) > 6 else [])]
        keys = index.keys[ref] = [tuple(tokenize.phrase_keys(t)) for t in texts]
    n = len(phrase)
    return any(k[i : i + n] == phrase for k in keys for i in range(len(k) - n + 1))


def rank(hits: Sequence[Hit]) -> list[Hit]:
    """The query as a phrase, every word without typos, every word, the rest; then by score,
    then document order."""
    return sorted(
        hits, key=lambda h: (not h.phrase, not h.all_words, not h.all_exact, -round(h.score, 6), h.ref)
    )

