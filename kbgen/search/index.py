"""KnowledgeBase → search documents → a prebuilt lunr index, serialized compactly.

What ships is not lunr's own serialization (about four times bigger, see
``bench/search_speed.py``) but a lunr index's raw material: the sorted vocabulary of
:mod:`kbgen.search.terms` terms, delta-encoded postings with term frequencies, and field lengths.
The browser (``search-worker.js``) turns them into a lunr.js index, computing the field vectors
with lunr's own BM25 formula; ``searchquery.load`` does the same with lunr.py. A test checks
that this gives the same scores as lunr.py's own builder (:func:`build`), which the build does
not run because it takes five times longer.

The format (``FORMAT``) is versioned and the bytes are deterministic: the same content gives the
same file.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lunr import get_default_builder
from lunr.pipeline import Pipeline

from kbgen.core.model import Entry, KnowledgeBase
from kbgen.search import terms as tokenize

FORMAT = 2
"""Version of the serialized index; bump it when its layout changes (2: product documents)."""

FIELDS: tuple[tuple[str, float], ...] = (
    ("question", 6),
    ("keywords", 4),
    ("summary", 2),
    ("headings", 1.5),
    ("body", 1),
    ("products", 2),
    ("chars", 1),
)
"""Indexed fields and their boosts (chosen with ``bench/search_quality.py``). ``chars`` holds
the single characters of the Chinese, Japanese and Korean text of the fields in ``CHARS_OF``."""
CHARS_OF = ("question", "keywords", "summary", "headings", "body")

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class SearchDoc:
    """What search knows of one entry: the texts of each field and what a result shows."""

    id: str
    question: str
    summary: str
    stage: str
    url: str
    keywords: str = ""
    headings: str = ""
    body: str = ""
    products: str = ""
    is_product: bool = False
    """A product page (its name is the "question"), not an entry."""

    def field(self, name: str) -> str:
        """The text of one indexed field."""
        if name == "chars":
            return " \n".join(str(getattr(self, f)) for f in CHARS_OF)
        return str(getattr(self, name))

    def terms(self, name: str) -> list[str]:
        """The indexed terms of one field."""
        if name == "chars":
            return tokenize.cjk_chars(self.field(name))
        return tokenize.terms(self.field(name))


def markdown_text(markdown: str) -> tuple[str, str]:
    """(headings, body text) of an entry's Markdown: link targets and tags left out.

    URLs written out in the text stay: their words ("mozmail.com") are what shoppers type."""
    headings = " \n".join(m.group(1) for m in _HEADING.finditer(markdown))
    body = _HEADING.sub(" ", markdown)
    body = _LINK.sub(r" \1 ", body)
    body = _TAG.sub(" ", body)
    return headings, html.unescape(body)


def documents(
    kb: KnowledgeBase,
    urls: dict[str, str],
    product_urls: dict[str, str] | None = None,
    products_label: str = "Products",
) -> list[SearchDoc]:
    """One search document per entry, in the knowledge base's order, then one per product page."""
    docs = [_document(kb, e, urls[e.id]) for e in kb.entries]
    for p in kb.products if product_urls else ():
        assert product_urls is not None
        docs.append(
            SearchDoc(
                id=p.id,
                question=p.name,
                summary=p.summary,
                stage=products_label,
                url=product_urls[p.id],
                products=p.name,
                is_product=True,
            )
        )
    return docs


def _document(kb: KnowledgeBase, entry: Entry, url: str) -> SearchDoc:
    headings, body = markdown_text(entry.body)
    return SearchDoc(
        id=entry.id,
        question=entry.question,
        summary=entry.summary,
        stage=kb.stage(entry.stage).title,
        url=url,
        keywords=" \n".join(entry.keywords),
        headings=headings,
        body=body,
        products=" \n".join(kb.product(p).name for p in entry.products),
    )


def build(docs: Sequence[SearchDoc], fields: Sequence[tuple[str, float]] = FIELDS) -> Any:
    """lunr.py's own index of the documents (each ref is the position in ``docs``).

    The build ships :func:`serialize` instead; this is the reference it is checked against,
    and what lunr's own serialization would weigh.
    """
    builder = get_default_builder()
    builder.pipeline = Pipeline()  # tokenize.terms already stems and drops stop words
    builder.search_pipeline = Pipeline()
    builder.ref("ref")
    for name, boost in fields:
        builder.field(name, boost=boost)
    for i, doc in enumerate(docs):
        record: dict[str, Any] = {"ref": str(i)}
        for name, _ in fields:
            record[name] = doc.terms(name)
        builder.add(record)
    return builder.build()


def serialize(docs: Sequence[SearchDoc], fields: Sequence[tuple[str, float]] = FIELDS) -> str:
    """The compact, deterministic JSON index of the documents.

    ``postings[t]`` lists, for term ``terms[t]``, each field that has it as
    ``field, count, d1, d2, ...`` where ``d`` is the gap to the previous document (the first is
    the document number + 1); a negative gap ``-d`` is followed by the term frequency when it is
    not 1. ``lengths[doc][field]`` is the number of terms of that field.
    """
    names = [name for name, _ in fields]
    by_term: dict[str, list[list[tuple[int, int]]]] = {}
    lengths: list[list[int]] = []
    for i, doc in enumerate(docs):
        row = []
        for f, name in enumerate(names):
            terms = doc.terms(name)
            row.append(len(terms))
            for term, tf in Counter(terms).items():
                by_term.setdefault(term, [[] for _ in names])[f].append((i, tf))
        lengths.append(row)
    postings: list[list[int]] = []
    for term in sorted(by_term):
        flat: list[int] = []
        for f, refs in enumerate(by_term[term]):
            if not refs:
                continue
            flat += [f, len(refs)]
            previous = -1
            for ref, tf in refs:
                gap = ref - previous
                flat += [gap] if tf == 1 else [-gap, tf]
                previous = ref
        postings.append(flat)
    stages = sorted({d.stage for d in docs})
    data = {
        "version": FORMAT,
        "tokenizer": tokenize.VERSION,
        "fields": [[name, boost] for name, boost in fields],
        "stages": stages,
        # a sixth element 1 marks a product page
        "docs": [
            [d.id, d.question, d.summary, stages.index(d.stage), d.url, *([1] if d.is_product else [])]
            for d in docs
        ],
        "lengths": lengths,
        "terms": sorted(by_term),
        "postings": postings,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def lunr_json(index: Any) -> str:
    """lunr's own serialization of the same index, for size comparisons."""
    return json.dumps(index.serialize(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def index_json(
    kb: KnowledgeBase,
    urls: dict[str, str],
    product_urls: dict[str, str] | None = None,
    products_label: str = "Products",
) -> str:
    """The serialized search index of a knowledge base, given each entry's (and product's) URL."""
    return serialize(documents(kb, urls, product_urls, products_label))


def field_texts(doc: SearchDoc, names: Iterable[str]) -> dict[str, str]:
    """A document's text per field name (for tests and benchmarks)."""
    return {name: doc.field(name) for name in names}
