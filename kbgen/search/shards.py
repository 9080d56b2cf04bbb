"""The search index split for large sites: a small manifest, then files fetched per query.

A site whose whole index (:func:`kbgen.search.index.serialize`) weighs more than ``SPLIT_ABOVE``
gzipped ships it split (:func:`layout`); a smaller one keeps its one file, byte for byte. The
split index holds exactly what the whole one holds, laid out so a query fetches little:

- the manifest (``search/index.json``, fetched when the search box is about to be used): the
  vocabulary (front-coded), the product names (so a query's products are known at once), the
  channels, intents and texts, and the tables of the other files with their gzipped sizes
  (every file a query can fetch: what the worker counts against its byte budget);
- the lengths file (``l<hash>-0.json``, fetched right after the manifest, before any query): each
  field's length in each document (columns), what lunr's BM25 weights are computed from, and
  which pairs of companion terms have rows in a pair file (``pair_map``);
- term shards (``search/s/<id>.json``): contiguous runs of the sorted vocabulary with, for each
  term, its postings exactly as the whole index has them (document gaps and term frequencies:
  the worker computes the weights from them and the lengths, as it does for a whole index; with
  the weights precomputed a common term's postings weighed 2.7 times more, because each weight
  carries its document's length again), and the words around it in the questions and
  keywords, which tell the worker whether a document has a query's phrase without its text
  (``_pairs``: the words before each term; the stop words after it, for a phrase that ends
  with some: "grinder for the");
- row files, one per term shard: the result rows (title, URL, summary, stage) of the
  ``TOP_ROWS`` documents each of its terms alone ranks first (and, for each stop word that
  follows it, the ``PHRASE_ROWS`` first of those where it does: a phrase ending with it). The
  worker fetches them, with the term shards, for the terms a query weighs most (its words,
  their prefixes and everyday words), not for its spelling variants, whose rows rarely show;
- prefix files (``PREFIX_LENGTHS``): for a word's first two or three letters whose terms lie in
  several term shards (``PREFIX_SHARDS``), those terms' postings and words around and the rows of their first
  results and of the next letters' (one file where a keystroke fetched up to 20);
- product blocks: each product's URL, page, the entries naming it, its compatibility links and
  its page's row;
- pair files (``_companions``): for two words a shopper types together, the rows of the
  documents they rank first together that neither's row file carries, fetched with a query's
  other files as far as its byte budget allows, for its pairs that have some;
- for a small site (``WHOLE_AFTER``), the whole index, fetched after the first results;
- document blocks: the rows of ``DOC_BLOCK`` documents, for a result no row or pair file
  carried (a second round trip; at 10,000 generated entries 1 of the 51 answered queries of
  ``tests/integration/test_search_split.py`` needs one, 4 with format 5's files).

Every file's name is its id: its kind, a hash of all the files' content and its number
(``t<hash>-<n>.json``; the manifest's ``files`` is the hash): a file can be cached for good,
and one that does not match the manifest (a deploy between two fetches) is seen as stale. ``SPLIT_FORMAT``
versions the layout. The browser (``search-shards.js``) fetches what a query needs and runs the
unchanged ranking; :func:`load` gives the Python twin the same index from the files.
"""

from __future__ import annotations

import base64
import bisect
import gzip
import hashlib
import heapq
import json
import math
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from kbgen.core import i18n
from kbgen.search import query as searchquery
from kbgen.search import terms as tokenize

SPLIT_FORMAT = 7
"""Version of the split layout (the manifest's ``split``). 3: the stop words after a term
(``after``) and every file's gzipped size in the manifest (``sizes``, ``SIZE_UNIT``). 4: prefix
files (``prefixes``, ``PREFIX_LENGTHS``). 5: prefix files only for starts whose terms lie in
``PREFIX_SHARDS`` term shards or more, and the three-letter starts read from their two letters'
file listed (``shared``): a start with no file of its own and not listed reads its shards. 6:
pair files (``c``; the manifest's ``pairs``: ``_companions``). 7: the lengths file says which
pairs of companion terms have rows in a pair file (``pair_map``): a query fetches no pair file
for a pair that has none, and a pair's rows leave out those its words' own row files carry."""
SPLIT_ABOVE = 100 * 1024
"""A whole index bigger than this (gzipped) is split. On a slow phone network (Lighthouse's Slow
4G: 150 ms round trip, about 205 KB/s) about 100 KB gzipped arrive in one round trip within
half a second; a split index needs the manifest, then one more round trip for the query's
files (README.md: "Search at catalog size")."""
SHARD_DIR = "s"
"""The split files' directory, under the search index's."""
SHARD_RAW = 24 * 1024
"""Target size of a term shard before gzip (a shard holds at least one term)."""
TOP_ROWS = 60
"""Result rows each term's shard carries: the documents the term alone ranks first."""
PHRASE_ROWS = 10
"""Result rows a term's shard carries for each stop word that follows it (``_top``)."""
DOC_BLOCK = 16
PRODUCT_BLOCK = 64
WHOLE_AFTER = 256 * 1024
"""A split index whose whole index weighs at most this (gzipped) also ships it whole
(``w<hash>-0.json``): the worker fetches it at idle once the first results are shown, and every
later keystroke is answered without the network, by the whole index's path (the same ranking).
On Slow 4G 256 KB arrive in about 1.3 s, while the shopper reads the first results."""
SIZE_UNIT = 64
"""The manifest gives the gzipped sizes of the lengths file and the document, product and id
blocks in these units, rounded up (``sizes``): the byte budget never counts a file smaller than
it is, and at 10,000 entries (938 document blocks) the sizes weigh 0.7 KB of the manifest
instead of 2.2 KB to the byte."""
PREFIX_LENGTHS = (2, 3)
"""A word being typed that is this long gets a prefix file (``x<hash>-<n>.json``) when the terms
it stands for (the ``MAX_PREFIX_TERMS`` shortest that start with it, ``query.plan``) lie in more
than one term shard: their postings and words around, and rows (``PREFIX_ROWS``, ``SUB_ROWS``).
The worker reads the next letters' terms and rows from it too: "sh" brings what "sho", "shou"
and "should" need. At 10,000 entries the first two letters of a word fetched every term shard
and row file its terms lie in ("pr": 8 of each and 3 document blocks, 55 KB), now one file
(33 KB): ``bench/results/issue20-split.txt``."""
PREFIX_SHARDS = 3
"""A start gets a prefix file when its terms lie in at least this many term shards. One whose
terms lie in two saves a keystroke 5 KB gzipped and 3 files on average against those shards and
their row files (4 files, in the same round trip), and such files were 352 of 450 at 10,000
generated entries (1.85 of their 3.6 MB gzipped on the server; 268 of them starts of model numbers:
"143" for "1430" to "1439"): ``bench/results/issue20-split.txt``. "14" (its 30 terms in 9
shards: one file of 13 KB instead of 18 files of 49 KB) keeps its file."""
PREFIX_ROWS = 20
"""Rows a prefix file carries for each of its terms (a term shard's row file: ``TOP_ROWS``), and
for its terms together: at 10,000 entries "co" stands for 20 terms, whose 60 first rows each
weigh 35 KB gzipped, 20 each 14 KB."""
SUB_ROWS = 10
"""Rows a prefix file carries for each longer prefix, up to ``SUB_PREFIX`` letters, whose terms
are all in it: the first results of the next letters ("sho", "shou")."""
SUB_PREFIX = 6
PREFIX_SHARED = 20 * 1024
"""A two-letter prefix file of at most this (gzipped) also serves the three-letter words whose
terms it has; a bigger one ("pa", 45 KB at 10,000 entries) leaves them their own ("pay": the
query "apple pay" would weigh 66 KB with "pa"'s)."""
PREFIX_CHARS = re.compile(r"[a-z0-9]+")
"""Prefixes that get a file: letters and digits (a Chinese word's prefix is one character)."""
KINDS = ("compatible", "accessory", "incompatible")
MAX_SHARED = 40
"""Front coding: the longest shared prefix written (a character from '0')."""


WORKER = "assets/kbgen/search-worker.js"
"""The search worker (theme asset) a split site ships with ``search-shards.js`` appended."""
PAGE = "assets/kbgen/search.js"
"""The search page's script (theme asset) a split site ships with ``search-split-page.js`` first."""
SHARDS_JS = Path(__file__).parent / "assets" / "search-shards.js"
PAGE_JS = Path(__file__).parent / "assets" / "search-split-page.js"
TEXTS = ("search_split_wait", "search_split_failed", "search_split_updated", "search_split_retry")
"""What the worker says when a query waits for a letter or its files fail to load."""


def worker_script(worker: str) -> str:
    """The search worker of a site with a split index: the worker's own code, then the split
    index's loader, which takes over the worker's loading for a manifest (and only then)."""
    return worker.rstrip("\n") + "\n\n" + SHARDS_JS.read_text(encoding="utf-8")


def page_script(page: str) -> str:
    """The search page's script of a site with a split index: what shows the worker's "one more
    letter" and "try again" replies, then the page's own script."""
    return PAGE_JS.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + page


def _text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def gz_size(text: str) -> int:
    """Bytes of ``text`` gzipped as a host would send it."""
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def gz_size_upto(text: str, limit: int) -> int | None:
    """``gz_size(text)``, or None once the bytes out pass ``limit``: compressed a piece at a time,
    and no further (a 10,000-entry index passes 512 KB about a third of the way through). The
    stream is gzip's own (level 6, no name, mtime 0), so its bytes are ``gz_size``'s: a text under
    ``limit`` is compressed once."""
    data = text.encode("utf-8")
    step = 1 << 20
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    out = 0
    for start in range(0, len(data), step):
        out += len(packer.compress(data[start : start + step]))
        if out > limit:
            return None
    out += len(packer.flush())
    return out


def front_code(terms: Sequence[str]) -> str:
    """The sorted vocabulary as one string: each term is a character ``chr(48 + k)`` (k: how many
    characters it shares with the one before) and the rest of the term; lines joined by ``\\n``."""
    out, previous = [], ""
    for term in terms:
        k = 0
        limit = min(len(term), len(previous), MAX_SHARED)
        while k < limit and term[k] == previous[k]:
            k += 1
        out.append(chr(48 + k) + term[k:])
        previous = term
    return "\n".join(out)


def front_decode(text: str) -> list[str]:
    """The vocabulary again (:func:`front_code`)."""
    terms: list[str] = []
    previous = ""
    for line in text.split("\n") if text else []:
        previous = previous[: ord(line[0]) - 48] + line[1:]
        terms.append(previous)
    return terms


def _totals(d: Mapping[str, Any]) -> list[dict[int, int]]:
    """Each term's documents → its lunr weights (× 1000, rounded, computed as ``query.load``
    does) summed over the fields: what the term alone ranks them by. Read straight from the whole
    index's postings (``index.serialize``: per field, its number and count, then each document's
    gap, negative when its term frequency follows); each weight is computed with the same
    operations in the same order as ``query.load``'s, so to the same bit."""
    boosts = [f[1] for f in d["fields"]]
    n = len(d["docs"])
    lengths = d["lengths"]
    avg = [sum(row[f] for row in lengths) / n if n else 0 for f in range(len(boosts))]
    k1, b = searchquery.K1, searchquery.B
    k1p1 = k1 + 1
    # per field, each document's k1 * (1 - b + b * (length / avg)), and that + 1 (a frequency of 1)
    norms = [
        [k1 * (1 - b + b * (row[f] / avg[f])) for row in lengths] if avg[f] else [0.0] * n
        for f in range(len(boosts))
    ]
    ones = [[x + 1 for x in column] for column in norms]
    floor, log = math.floor, math.log
    out: list[dict[int, int]] = []
    for flat in d["postings"]:
        blocks: list[tuple[int, list[int], list[int] | None]] = []
        i, total, end = 0, 0, len(flat)
        while i < end:
            f, count = flat[i], flat[i + 1]
            i += 2
            total += count
            gaps = flat[i : i + count]
            if count and min(gaps) > 0:  # no frequency but 1 (most blocks): the gaps alone
                blocks.append((f, list(accumulate(gaps, initial=-1))[1:], None))
                i += count
                continue
            refs: list[int] = []
            tfs: list[int] = []
            doc = -1
            for _ in range(count):
                gap = flat[i]
                i += 1
                if gap < 0:
                    doc -= gap
                    tfs.append(flat[i])
                    i += 1
                else:
                    doc += gap
                    tfs.append(1)
                refs.append(doc)
            blocks.append((f, refs, tfs))
        x = (n - total + 0.5) / (total + 0.5)
        idf = log(1 + abs(x))
        once = idf * k1p1  # idf * ((k1 + 1) * tf) for tf 1
        sums: dict[int, int] = {}
        get = sums.get
        for f, docs_f, freqs in blocks:
            boost, norm, one = boosts[f], norms[f], ones[f]
            if freqs is None:
                weights = [floor(once / one[doc] * boost * 1000 + 0.5) for doc in docs_f]
                if not sums:
                    sums = dict(zip(docs_f, weights, strict=True))
                    get = sums.get
                else:
                    for doc, w in zip(docs_f, weights, strict=True):
                        sums[doc] = get(doc, 0) + w
                continue
            for doc, tf in zip(docs_f, freqs, strict=True):
                score = once / one[doc] * boost if tf == 1 else idf * (k1p1 * tf) / (norm[doc] + tf) * boost
                sums[doc] = get(doc, 0) + floor(score * 1000 + 0.5)
        out.append(sums)
    return out


def _top(total: Mapping[int, int], after: Mapping[str, Sequence[int]] | None = None) -> list[int]:
    """The documents this term alone ranks first (``total``: its weights summed over the fields,
    ``_totals``), then, for
    each stop word that follows it somewhere (``after``: ``_pairs``), the ``PHRASE_ROWS`` of
    those with that word after it that it ranks first: a query that ends with stop words
    ("coffee from", "grinder for the") shows the documents with its phrase first, and has their
    rows in the same round trip (measured at 10,000 entries: ``bench/search_split.py``; a
    window per run of up to ``CONTEXT`` stop words cost more bytes and saved no round trip)."""

    def ranked(docs: Iterable[int], count: int) -> list[int]:  # sorted(...)[:count], faster
        return [doc for _, doc in heapq.nsmallest(count, [(-total.get(doc, 0), doc) for doc in docs])]

    top = ranked(total, TOP_ROWS)
    windows: dict[str, set[int]] = {}
    for key, refs in (after or {}).items():
        windows.setdefault(key.split("|")[1].split(" ")[0], set()).update(refs)
    seen = set(top)
    for _, found in sorted(windows.items()):
        for doc in ranked(found, PHRASE_ROWS):
            if doc not in seen:
                seen.add(doc)
                top.append(doc)
    return top


PAIR_ROWS = 15
"""Result rows carried for each pair of companion terms (``_companions``): the first page and
some more, as the words' prefixes, spelling variants and phrases move a few up or down (at 10,000
generated entries, 10 left "postnl tracking" a second round trip; 20 saved no more than 15)."""
MAX_COMPANIONS = 256
"""At most this many companion terms (those with the most documents): their pairs, and the
time to find their first results, grow as their square (169 at 10,000 generated entries: 14,196
pairs, 4 s)."""
PAIR_FILE_ROWS = 24
"""About this many rows per pair file (``c<hash>-<n>.json``): the number of pair files is the
rows over this, rounded up (a file of 24 rows weighs about 2 KB gzipped)."""


def _title_docs(flat: Sequence[int], title: set[int]) -> bool:
    """Whether a term's postings (``index.serialize``) have a document in these fields."""
    i, end = 0, len(flat)
    while i < end:
        f, count = flat[i], flat[i + 1]
        if f in title and count:
            return True
        i += 2
        for _ in range(count):
            i += 2 if flat[i] < 0 else 1
    return False


def pair_file(a: int, b: int, terms: int, files: int) -> int:
    """The pair file of terms a and b (term numbers, a < b; ``search-shards.js``: wantPairs)."""
    return (a * terms + b) % files


def pair_bit(i: int, j: int, count: int) -> int:
    """The bit of companions number i and j (i < j, of ``count``) in ``pair_map``: the pairs in
    order, (0, 1), (0, 2) … (0, count - 1), (1, 2) … (``search-shards.js``: hasPairRows)."""
    return i * (2 * count - i - 1) // 2 + (j - i - 1)


def pair_map(companions: Sequence[int], with_rows: Iterable[tuple[int, int]]) -> str:
    """Which pairs of companion terms have rows in a pair file: a bit per pair (``pair_bit``,
    the lowest bit of each byte first), base64. It rides in the lengths file, fetched right after
    the manifest, before any query, so the manifest stays as it was (at 10,000 generated
    entries 14,196 pairs, of which 10,022 have rows: 2.4 KB, 2.0 KB gzipped; at 1,000, 2,179 of
    9,453: 1.2 KB): a query fetches the pair files of its pairs that have rows, not a file for
    each of its pairs."""
    at = {t: i for i, t in enumerate(companions)}
    count = len(companions)
    bits = bytearray((count * (count - 1) // 2 + 7) // 8)
    for a, b in with_rows:
        k = pair_bit(min(at[a], at[b]), max(at[a], at[b]), count)
        bits[k >> 3] |= 1 << (k & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def _companions(
    d: Mapping[str, Any], totals: Sequence[Mapping[int, int]], carries: Callable[[int], set[int]]
) -> tuple[list[int], list[set[int]], set[tuple[int, int]]]:
    """(companion terms, the documents of each pair file, the pairs that have documents in
    one). Companion terms: those with more
    documents than their row file carries (``TOP_ROWS``) that are in some question or keywords:
    the words a shopper types. For each two of them with a document in common, the
    ``PAIR_ROWS`` documents they rank first together (their weights summed, as a query of
    the two words does, each with its everyday terms' at their weight) that neither's row
    file carries (``carries``: the rows of its term shard's row file, which the query fetches
    in the same round trip; its own first rows only for a word of up to three letters, whose
    rows may come from a prefix file instead), in the pair file of the two
    (``pair_file``). A query of two or more words fetches its words' pairs' files with their
    row files, within its byte budget: its first results are there in the first round trip,
    where format 5's row files (each term's first 60 alone) sent 4 of the 51 queries of
    ``tests/integration/test_search_split.py`` to the document blocks in a second."""
    names = [f[0] for f in d["fields"]]
    title = {names.index(n) for n in ("question", "keywords") if n in names}
    big = [
        t for t, total in enumerate(totals) if len(total) > TOP_ROWS and _title_docs(d["postings"][t], title)
    ]
    big = sorted(sorted(big, key=lambda t: (-len(totals[t]), t))[:MAX_COMPANIONS])
    index = {term: t for t, term in enumerate(d["terms"])}
    share = searchquery.BOOST["everyday"] / searchquery.BOOST["exact"]
    weighs: dict[int, Mapping[int, float]] = {}
    for t in big:  # a word's everyday terms count too (query._everyday), at their lower weight
        also = [
            index[e]
            for words, found in d.get("everyday", [])
            if words == [d["terms"][t]]
            for e in found
            if e in index
        ]
        if not also:
            weighs[t] = totals[t]
            continue
        both: dict[int, float] = dict(totals[t])
        for e in also:
            for doc, w in totals[e].items():
                both[doc] = both.get(doc, 0) + share * w
        weighs[t] = both
    order: dict[int, tuple[list[int], list[float]]] = {}  # each term's documents, first first
    for t in big:
        ranked = sorted((-w, doc) for doc, w in weighs[t].items())
        order[t] = ([doc for _, doc in ranked], [-neg for neg, _ in ranked])
    missing: dict[tuple[int, int], set[int]] = {}
    step = 32
    for i, a in enumerate(big):
        docs_a, weights_a = order[a]
        for b in big[i + 1 :]:
            docs_b, weights_b = order[b]
            # down both rankings a slice at a time, each document scored whole when first seen,
            # until none further down either can rank among the first (Fagin's threshold)
            heap: list[tuple[float, int]] = []  # (score, -document): the last of the first on top
            seen: set[int] = set()
            at_a = at_b = 0
            while at_a < len(docs_a) and at_b < len(docs_b):
                if len(heap) == PAIR_ROWS and weights_a[at_a] + weights_b[at_b] < heap[0][0]:
                    break
                for docs, weights, at, other_weights in (
                    (docs_a, weights_a, at_a, weighs[b]),
                    (docs_b, weights_b, at_b, weighs[a]),
                ):
                    chunk = docs[at : at + step]
                    for doc, weight, other in zip(
                        chunk, weights[at : at + step], map(other_weights.get, chunk), strict=True
                    ):
                        if other is None or doc in seen:
                            continue
                        seen.add(doc)
                        item = (weight + other, -doc)
                        if len(heap) < PAIR_ROWS:
                            heapq.heappush(heap, item)
                        elif item > heap[0]:
                            heapq.heapreplace(heap, item)
                at_a += step
                at_b += step
            found = {-doc for _, doc in heap} - carries(a) - carries(b)
            if found:
                missing[(a, b)] = found
    count = max(1, -(-sum(len(v) for v in missing.values()) // PAIR_FILE_ROWS)) if missing else 0
    files: list[set[int]] = [set() for _ in range(count)]
    for (a, b), found in missing.items():
        files[pair_file(a, b, len(totals), count)].update(found)
    return big, files, set(missing)


CONTEXT = 4
"""Words before a term kept for phrases: a phrase of up to CONTEXT + 1 words that ends with a
term is told from them alone."""


def _pairs(
    docs: Sequence[list[Any]], vocabulary: set[str]
) -> tuple[dict[str, dict[str, list[int]]], dict[str, dict[str, list[int]]]]:
    """Where a query's phrase can be, the documents' questions and keywords, around each term:
    (term → {the up to ``CONTEXT`` words before it, space-separated: [documents]}, term →
    {those words, "|", and the up to ``CONTEXT`` words after it that are not terms (stop
    words): [documents]} for each place a stop word follows it). The worker skips a document
    without the words before each of the phrase's terms (and after its last, when the phrase
    ends with stop words), and knows a short phrase is there without reading the document
    (``search-shards.js``: knowsPhrase): "coffee from" asks for no document's text."""
    pairs: dict[str, dict[str, set[int]]] = {}
    after: dict[str, dict[str, set[int]]] = {}
    keyed: dict[str, list[str]] = {}  # text → its keys: keywords repeat (64,588 texts, 7,122 distinct at 10k)
    for ref, row in enumerate(docs):
        for text in [row[1], *(row[6].split("\n") if len(row) > 6 and row[6] else [])]:
            keys = keyed.get(text)
            if keys is None:
                keys = keyed[text] = tokenize.phrase_keys(text)
            for i, key in enumerate(keys):
                if key not in vocabulary:
                    continue
                before = " ".join(keys[max(0, i - CONTEXT) : i])
                if i:
                    pairs.setdefault(key, {}).setdefault(before, set()).add(ref)
                end = i + 1
                while end < len(keys) and end - i <= CONTEXT and keys[end] not in vocabulary:
                    end += 1
                if end > i + 1:
                    words = f"{before}|{' '.join(keys[i + 1 : end])}"
                    after.setdefault(key, {}).setdefault(words, set()).add(ref)

    def listed(found: dict[str, dict[str, set[int]]]) -> dict[str, dict[str, list[int]]]:
        return {t: {k: sorted(refs) for k, refs in sorted(by.items())} for t, by in found.items()}

    return listed(pairs), listed(after)


def _prefix_files(
    terms: Sequence[str],
    postings: Sequence[Any],
    totals: Sequence[Mapping[int, int]],
    firsts: Sequence[list[int]],
    around: Mapping[int, tuple[list[Any], list[Any]]],
    starts: Sequence[int],
    docs: Sequence[list[Any]],
) -> tuple[list[tuple[str, dict[str, Any]]], list[str], dict[int, set[int]]]:
    """(prefix, body) of each prefix file (``PREFIX_LENGTHS``): the terms a word being typed
    stands for (``query._shortest`` of the terms it starts, as ``query.plan`` expands it), their
    postings and words around as their term shards have them, and rows: of the ``PREFIX_ROWS``
    documents each term ranks first (``firsts``: ``_top``) and they rank first together, and of the
    ``SUB_ROWS`` documents each longer prefix (up to ``SUB_PREFIX`` letters) whose terms are all
    here ranks first (together: each term's weights summed, the prefix's own term at
    ``BOOST["exact"]``, the others at ``BOOST["prefix"]``). Only a prefix whose terms lie in
    ``PREFIX_SHARDS`` term shards or more gets one. A three-letter prefix whose terms all are in
    its first two letters' file, of at most ``PREFIX_SHARED`` bytes, gets none: it is listed
    (``shared``, the manifest's), and the worker reads its terms from that file. Then, for the
    row files: term shard → the documents each other prefix up to ``SUB_PREFIX`` letters ranks
    first (``SUB_ROWS``), in the row file of its first term's shard: "refu" shows entries with
    "refund" and "refundable" first, which neither ranks first alone; "ab", whose terms lie in
    two shards, its own first rows."""
    by_prefix: dict[str, list[int]] = {}
    by_term = set(terms)
    for t, term in enumerate(terms):
        for length in range(PREFIX_LENGTHS[0], SUB_PREFIX + 1):
            if len(term) >= length and PREFIX_CHARS.fullmatch(term[:length]):
                by_prefix.setdefault(term[:length], []).append(t)

    shortest_of: dict[str, list[int]] = {}
    ranked: dict[tuple[Any, ...], list[int]] = {}

    def shortest(prefix: str) -> list[int]:
        if prefix not in shortest_of:
            found = sorted(by_prefix[prefix], key=lambda t: (len(terms[t]), terms[t]))
            shortest_of[prefix] = found[: searchquery.MAX_PREFIX_TERMS]
        return shortest_of[prefix]

    def together(prefix: str, count: int) -> list[int]:
        found = shortest(prefix)
        if len(found) == 1:
            return firsts[found[0]][:count]
        key = (*found, prefix if prefix in by_term else "", count)  # the same terms: the same ranking
        if key not in ranked:
            total: dict[int, float] = {}
            for t in found:
                boost = searchquery.BOOST["exact" if terms[t] == prefix else "prefix"]
                for doc, w in totals[t].items():
                    total[doc] = total.get(doc, 0) + boost * w
            ranked[key] = [doc for _, doc in heapq.nsmallest(count, [(-w, doc) for doc, w in total.items()])]
        return ranked[key]

    out: list[tuple[str, dict[str, Any]]] = []
    has: dict[str, set[int]] = {}
    small: dict[str, bool] = {}
    shared: list[str] = []
    for prefix in sorted(p for p in by_prefix if len(p) in PREFIX_LENGTHS):
        found = shortest(prefix)
        spans = len({bisect.bisect_right(starts, t) for t in found})
        if spans < 2:
            continue  # one term shard and its row file already
        if set(found) <= has.get(prefix[:-1], set()) and small.get(prefix[:-1], False):
            shared.append(prefix)
            continue
        if spans < PREFIX_SHARDS:
            continue  # its shards and row files: in the same round trip, a few KB more
        has[prefix] = set(found)
        found.sort()
        top = set(together(prefix, PREFIX_ROWS))
        for t in found:
            top.update(firsts[t][:PREFIX_ROWS])
        longer = {
            terms[t][:k] for t in found for k in range(len(prefix) + 1, min(len(terms[t]), SUB_PREFIX) + 1)
        }
        for sub in sorted(longer):
            if sub in by_prefix and set(shortest(sub)) <= has[prefix]:
                top.update(together(sub, SUB_ROWS))
        body = {
            "terms": found,
            "postings": [postings[t] for t in found],
            "pairs": [[j, around[t][0]] for j, t in enumerate(found) if around[t][0]],
            "after": [[j, around[t][1]] for j, t in enumerate(found) if around[t][1]],
            "rows": [[ref, docs[ref]] for ref in sorted(top)],
        }
        out.append((prefix, body))
        small[prefix] = gz_size(_text(body)) <= PREFIX_SHARED
    extra: dict[int, set[int]] = {}
    listed = set(shared)
    for prefix in sorted(by_prefix):
        found = shortest(prefix)
        if prefix in has or prefix in listed:
            continue  # its prefix file has its rows
        first = bisect.bisect_right(starts, min(found)) - 1  # the shard of its first term
        if len(found) > 1:  # one term: its row file has its first rows
            extra.setdefault(first, set()).update(together(prefix, SUB_ROWS))
    return out, shared, extra


def id_bucket(product_id: str, buckets: int) -> int:
    """The bucket of a product id (``search-shards.js``: idBucket)."""
    h = 0
    for c in product_id:
        h = (h * 31 + ord(c)) % 1_000_003
    return h % buckets


def _gaps(refs: Sequence[int]) -> list[int]:
    previous, out = -1, []
    for ref in refs:
        out.append(ref - previous)
        previous = ref
    return out


def split(
    d: Mapping[str, Any], strings: Mapping[str, str] | None = None, whole_gz: int | None = None
) -> tuple[str, dict[str, str]]:
    """(manifest text, {file name: text}) of a whole index (its parsed JSON); ``strings``: the
    site's texts, for what the worker says of a query that waits or fails (``TEXTS``);
    ``whole_gz``: the whole index's gzipped size, if known (``layout``): one of more than twice
    ``WHOLE_AFTER`` is not written again to be measured (at 10,000 entries, 1.4 MB)."""
    files: dict[str, str] = {}
    shard_bodies: list[dict[str, Any]] = []
    row_bodies: list[dict[str, Any]] = []

    docs = d["docs"]
    totals = _totals(d)
    terms = d["terms"]
    pairs, afters = _pairs(docs, set(terms))
    start, size = 0, 0
    chunk: list[list[int]] = []
    chunk_pairs: dict[int, list[list[Any]]] = {}
    chunk_after: dict[int, list[list[Any]]] = {}
    rows: dict[int, list[Any]] = {}

    def flush() -> None:
        body = {
            "from": start,
            "postings": chunk,
            "pairs": [[k, v] for k, v in sorted(chunk_pairs.items())],
            "after": [[k, v] for k, v in sorted(chunk_after.items())],
        }
        shard_bodies.append(body)
        rows_of = [[ref, docs[ref]] for ref in sorted(rows)]
        row_bodies.append({"from": start, "shard": len(row_bodies), "rows": rows_of})

    row_size: dict[int, int] = {}
    around: dict[int, tuple[list[Any], list[Any]]] = {}
    tops = [_top(total, afters.get(terms[t])) for t, total in enumerate(totals)]
    firsts = [top[:TOP_ROWS] for top in tops]  # the documents each term alone ranks first (_top)
    for t, top in enumerate(tops):
        flat = d["postings"][t]  # the whole index's own postings (shards.py: lengths file)
        for ref in top:
            if ref not in row_size:
                row_size[ref] = len(_text(docs[ref]))
        before = [[k, _gaps(refs)] for k, refs in pairs.get(terms[t], {}).items()]
        after = [[k, _gaps(refs)] for k, refs in afters.get(terms[t], {}).items()]
        around[t] = (before, after)
        cost = len(_text(flat)) + len(_text(before)) + len(_text(after))
        cost += sum(row_size[ref] for ref in top if ref not in rows)
        if chunk and size + cost > SHARD_RAW:
            flush()
            start, size, chunk, rows, chunk_pairs, chunk_after = t, 0, [], {}, {}, {}
        chunk.append(flat)
        if before:
            chunk_pairs[t - start] = before
        if after:
            chunk_after[t - start] = after
        rows.update((ref, docs[ref]) for ref in top)
        size += cost
    if chunk:
        flush()
    starts = [b["from"] for b in shard_bodies]
    prefix_bodies, shared, extra_rows = _prefix_files(
        terms, d["postings"], totals, firsts, around, starts, docs
    )
    for k, refs in extra_rows.items():
        have = {ref for ref, _ in row_bodies[k]["rows"]}
        row_bodies[k]["rows"] = sorted(row_bodies[k]["rows"] + [[ref, docs[ref]] for ref in refs - have])

    shard_rows = [{ref for ref, _ in body["rows"]} for body in row_bodies]
    longest = max(PREFIX_LENGTHS)

    def carries(t: int) -> set[int]:
        if len(terms[t]) <= longest:  # typed last, its rows may come from a prefix file instead
            return set(firsts[t])
        return shard_rows[bisect.bisect_right(starts, t) - 1]

    companions, pair_docs, with_rows = _companions(d, totals, carries)
    blocks: list[tuple[str, dict[str, Any]]] = [
        ("c", {"rows": [[ref, docs[ref]] for ref in sorted(found)]}) for found in pair_docs
    ]
    blocks += [("d", {"from": i, "rows": docs[i : i + DOC_BLOCK]}) for i in range(0, len(docs), DOC_BLOCK)]

    products = d.get("products", [])
    graph = d.get("graph", {"compatible": [], "accessory": [], "incompatible": []})
    by_block: dict[int, dict[str, list[list[Any]]]] = {}
    for kind in KINDS:  # each link with its position, in each of its products' blocks
        for pos, link in enumerate(graph.get(kind, [])):
            for b in sorted({link[0] // PRODUCT_BLOCK, link[1] // PRODUCT_BLOCK}):
                by_block.setdefault(b, {k: [] for k in KINDS})[kind].append([pos, *link])
    for i in range(0, len(products), PRODUCT_BLOCK):
        block = range(i, min(i + PRODUCT_BLOCK, len(products)))
        links = by_block.get(i // PRODUCT_BLOCK, {k: [] for k in KINDS})
        pages = sorted({products[p][3] for p in block if products[p][3] >= 0})
        body = {
            "from": i,
            "rows": [[products[p][0], products[p][2], products[p][3], products[p][5]] for p in block],
            "graph": links,
            "pages": [[ref, docs[ref]] for ref in pages],
        }
        blocks.append(("p", body))
    # A product's position by its id (the shop widget's page product), in buckets by id_bucket
    id_buckets = max(1, math.ceil(len(products) / PRODUCT_BLOCK)) if products else 0
    by_bucket: dict[int, dict[str, int]] = {}
    for p, product in enumerate(products):
        by_bucket.setdefault(id_bucket(product[0], id_buckets), {})[product[0]] = p
    blocks += [("i", {"ids": by_bucket.get(b, {})}) for b in range(id_buckets)]
    # The files are named by a hash of all of them and their number: derived from the content,
    # and the manifest's lists of names compress to almost nothing (a hash per file would not).
    split_off = ("docs", "lengths", "terms", "postings", "products", "graph")
    whole = {k: v for k, v in d.items() if k not in split_off}
    lengths = d["lengths"]
    columns = [[row[f] for row in lengths] for f in range(len(d["fields"]))]
    # Each body is written once: its text is hashed, then its file is the same text with its
    # header (format, name, kind) in front.
    written: list[tuple[str, str]] = []  # (kind, body text) of each file, in the files' order
    for body, row_body in zip(shard_bodies, row_bodies, strict=True):
        written += [("t", _text(body)), ("r", _text(row_body))]
    written += [("x", _text(body)) for _, body in prefix_bodies]
    lengths_body: dict[str, Any] = {"lengths": columns}
    if pair_docs:
        lengths_body["pairs"] = pair_map(companions, with_rows)
    written.append(("l", _text(lengths_body)))
    written += [(kind, _text(body)) for kind, body in blocks]
    digest = hashlib.sha256()
    for kind, text in [*written, ("", _text(whole)), ("", " ".join(p for p, _ in prefix_bodies))]:
        digest.update(f"{kind}{len(text)}:".encode())
        digest.update(text.encode("utf-8"))
    key = digest.hexdigest()[:12]
    named: dict[str, list[str]] = {kind: [] for kind in "trxlcdpi"}
    for kind, text in written:
        name = f"{kind}{key}-{len(named[kind])}"
        named[kind].append(name)
        files[f"{name}.json"] = f'{{"split":{SPLIT_FORMAT},"id":"{name}","kind":"{kind}",{text[1:]}'
    table = [
        [body["from"], gz_size(files[f"{t}.json"]), gz_size(files[f"{r}.json"])]
        for body, t, r in zip(shard_bodies, named["t"], named["r"], strict=True)
    ]
    prefix_files, lengths_name = named["x"], named["l"][0]
    doc_files, product_files, id_files = named["d"], named["p"], named["i"]
    sizes: dict[str, Any] = {  # what a query pays of its byte budget (search-shards.js: sized)
        kind: [-(-gz_size(files[f"{name}.json"]) // SIZE_UNIT) for name in names]
        for kind, names in (
            ("l", [lengths_name]),
            ("d", doc_files),
            ("p", product_files),
            ("i", id_files),
            ("x", prefix_files),
        )
    }
    sizes["unit"] = SIZE_UNIT

    whole_name = f"w{key}-0"
    whole_text, whole_size = "", 2 * WHOLE_AFTER + 1
    if whole_gz is None or whole_gz <= 2 * WHOLE_AFTER:
        whole_text = _text({**d, "split": SPLIT_FORMAT, "id": whole_name, "kind": "w"})
        whole_size = gz_size(whole_text)
    if whole_size <= WHOLE_AFTER:
        files[f"{whole_name}.json"] = whole_text
    texts = {**i18n.STRINGS["en"], **(strings or {})}
    manifest = {
        **whole,
        "t": {**d.get("t", {}), **{key: texts[key] for key in TEXTS}},
        "split": SPLIT_FORMAT,
        "n": len(docs),
        "terms": front_code(terms),
        "files": key,
        "shards": table,
        "docs": [DOC_BLOCK, len(doc_files)],
        "products": [PRODUCT_BLOCK, len(product_files)],
        "names": [[p[1], p[4]] for p in products],
        "ids": id_buckets,
        "prefixes": " ".join(p for p, _ in prefix_bodies),
        "shared": " ".join(shared),
        # the pair files' number, the biggest one's size (SIZE_UNIT: one size counts for all, the
        # budget never counts a file smaller than it is) and the companion terms
        "pairs": [
            len(pair_docs),
            max((-(-gz_size(files[f"{name}.json"]) // SIZE_UNIT) for name in named["c"]), default=0),
            _gaps(companions) if pair_docs else [],
        ],
        "sizes": sizes,
        **({"whole": [whole_name, whole_size]} if whole_size <= WHOLE_AFTER else {}),
    }
    build = hashlib.sha256(_text([manifest, sorted(files)]).encode("utf-8")).hexdigest()[:16]
    return _text({**manifest, "id": build}), files


def layout(
    index_json: str, split_above: int = SPLIT_ABOVE, strings: Mapping[str, str] | None = None
) -> tuple[str, dict[str, str]]:
    """What the site publishes: (the index file's text, {name: text} of the split files under
    ``SHARD_DIR``). A whole index of at most ``split_above`` gzipped bytes stays one file."""
    limit = max(split_above, 2 * WHOLE_AFTER)
    size = gz_size_upto(index_json, limit)
    if size is not None and size <= split_above:
        return index_json, {}
    return split(json.loads(index_json), strings, limit + 1 if size is None else size)


def load(manifest: str | Mapping[str, Any], read: Callable[[str], str]) -> tuple[Any, list[list[Any]]]:
    """The Python twin's index from the split files (``read``: a file's text by name)."""
    return searchquery.load(whole_index(manifest, read))


def whole_index(manifest: str | Mapping[str, Any], read: Callable[[str], str]) -> dict[str, Any]:
    """The whole index (its parsed JSON) from the split files: its tables put together again."""
    m = json.loads(manifest) if isinstance(manifest, str) else manifest
    if m.get("split") != SPLIT_FORMAT:
        raise ValueError(f"split index format {m.get('split')} is not supported")

    def part(name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(read(f"{name}.json"))
        if data.get("id") != name or data.get("split") != SPLIT_FORMAT:
            raise ValueError(f"{name}.json does not belong to this index (stale)")
        return data

    terms = front_decode(m["terms"])
    key = m["files"]
    postings: list[list[int]] = []
    for n in range(len(m["shards"])):
        postings += part(f"t{key}-{n}")["postings"]
    columns = part(f"l{key}-0")["lengths"]
    docs: list[list[Any]] = []
    for n in range(m["docs"][1]):
        docs += part(f"d{key}-{n}")["rows"]
    products: list[list[Any]] = []
    links: dict[str, dict[int, list[Any]]] = {kind: {} for kind in KINDS}
    for n in range(m["products"][1]):
        block = part(f"p{key}-{n}")
        for k, (pid, url, page, naming) in enumerate(block["rows"]):
            name, aliases = m["names"][block["from"] + k]
            products.append([pid, name, url, page, aliases, naming])
        for kind in KINDS:
            for pos, *link in block["graph"][kind]:
                links[kind][pos] = link
    graph = {kind: [links[kind][pos] for pos in sorted(links[kind])] for kind in KINDS}
    skip = {"split", "id", "files", "n", "terms", "shards", "docs", "products", "names", "ids", "sizes"}
    skip.update(("whole", "prefixes", "shared", "pairs"))
    whole = {
        **{k: v for k, v in m.items() if k not in skip},
        "docs": docs,
        "lengths": [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in docs],
        "terms": terms,
        "postings": postings,
        "products": products,
        "graph": graph,
    }
    return whole
