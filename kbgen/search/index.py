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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lunr import get_default_builder
from lunr.pipeline import Pipeline

from kbgen.core.channels import Channel
from kbgen.core.graph import ProductGraph
from kbgen.core.model import Entry, KnowledgeBase
from kbgen.search import everyday, fold, shop
from kbgen.search import terms as tokenize

FORMAT = 3
"""Version of the serialized index; bump it when its layout changes (2: product documents;
3: synonyms field, keywords of each document, products, compatibility graph, channels, intents)."""

FIELDS: tuple[tuple[str, float], ...] = (
    ("question", 6),
    ("keywords", 4),
    ("summary", 2),
    ("headings", 1.5),
    ("body", 1),
    ("products", 2),
    ("chars", 1),
    ("synonyms", 2),
)
"""Indexed fields and their boosts (chosen with ``bench/search_quality.py``). ``chars`` holds
the single characters of the Chinese, Japanese and Korean text of the fields in ``CHARS_OF``;
``synonyms`` the terms the thesaurus adds (an entry saying "refund" gets "money back")."""
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
    synonym_terms: tuple[str, ...] = ()
    """Terms the thesaurus adds for the words of the other fields."""
    product_ids: tuple[str, ...] = ()
    """The products an entry names (a product page: its own id)."""

    def field(self, name: str) -> str:
        """The text of one indexed field."""
        if name == "chars":
            return " \n".join(str(getattr(self, f)) for f in CHARS_OF)
        if name == "synonyms":
            return " ".join(self.synonym_terms)
        return str(getattr(self, name))

    def terms(self, name: str) -> list[str]:
        """The indexed terms of one field."""
        if name == "chars":
            return tokenize.cjk_chars(self.field(name))
        if name == "synonyms":
            return list(self.synonym_terms)
        return tokenize.terms(self.field(name))


def markdown_text(markdown: str) -> tuple[str, str]:
    """(headings, body text) of an entry's Markdown: link targets and tags left out.

    URLs written out in the text stay: their words ("mozmail.com") are what shoppers type."""
    headings = " \n".join(m.group(1) for m in _HEADING.finditer(markdown))
    body = _HEADING.sub(" ", markdown)
    body = _LINK.sub(r" \1 ", body)
    body = _TAG.sub(" ", body)
    return headings, html.unescape(body)


@dataclass(frozen=True)
class SearchOptions:
    """What a site configures under ``search:``."""

    thesaurus: tokenize.Thesaurus | None = tokenize.DEFAULT_THESAURUS
    """None: ``search.synonyms: false``."""
    intents: tuple[tuple[str, tuple[str, ...]], ...] = tuple(shop.DEFAULT_INTENTS.items())
    everyday: everyday.Everyday | None = everyday.DEFAULT_EVERYDAY
    """None: ``search.everyday: false``."""
    split_above: int | None = None
    """``search.split_above`` (KB, gzipped): a bigger index is split (:mod:`kbgen.search.shards`);
    None: the default threshold."""


def documents(
    kb: KnowledgeBase,
    urls: dict[str, str],
    product_urls: dict[str, str] | None = None,
    products_label: str = "Products",
    thesaurus: tokenize.Thesaurus | None = tokenize.DEFAULT_THESAURUS,
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
                keywords=" \n".join((*p.aliases, *p.keywords)),
                products=p.name,
                is_product=True,
                product_ids=(p.id,),
            )
        )
    return with_synonyms(docs, thesaurus)


def with_synonyms(
    docs: Sequence[SearchDoc], thesaurus: tokenize.Thesaurus | None = tokenize.DEFAULT_THESAURUS
) -> list[SearchDoc]:
    """The documents with the terms the thesaurus adds for their words."""
    if thesaurus is None:
        return list(docs)
    return [replace(d, synonym_terms=tuple(_synonyms(d, thesaurus))) for d in docs]


def _synonyms(doc: SearchDoc, thesaurus: tokenize.Thesaurus) -> list[str]:
    extra: list[str] = []
    for name in ("question", "keywords", "summary", "headings", "body"):
        extra += thesaurus.expansions(tokenize.terms(doc.field(name)))
    return extra


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
        product_ids=entry.products,
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


def serialize(
    docs: Sequence[SearchDoc],
    fields: Sequence[tuple[str, float]] = FIELDS,
    shop_data: dict[str, Any] | None = None,
) -> str:
    """The compact, deterministic JSON index of the documents.

    ``postings[t]`` lists, for term ``terms[t]``, each field that has it as
    ``field, count, d1, d2, ...`` where ``d`` is the gap to the previous document (the first is
    the document number + 1); a negative gap ``-d`` is followed by the term frequency when it is
    not 1. ``lengths[doc][field]`` is the number of terms of that field. ``shop_data``
    (:func:`shop_tables`) adds the products, the compatibility graph, channels and intents.
    ``fold``, in an index with Chinese text only, is the part of the Traditional → Simplified
    table (:func:`kbgen.search.fold.pairs_for`) the browser folds queries and texts with.
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
                slots = by_term.get(term)
                if slots is None:  # not setdefault: that builds the empty lists for every term seen
                    slots = by_term[term] = [[] for _ in names]
                slots[f].append((i, tf))
        lengths.append(row)
    postings: list[list[int]] = []
    for term in sorted(by_term):
        flat: list[int] = []
        add = flat.append  # millions of postings at catalog size: no list per posting
        for f, refs in enumerate(by_term[term]):
            if not refs:
                continue
            add(f)
            add(len(refs))
            previous = -1
            for ref, tf in refs:
                if tf == 1:
                    add(ref - previous)
                else:
                    add(previous - ref)
                    add(tf)
                previous = ref
        postings.append(flat)
    stages = sorted({d.stage for d in docs})
    data = {
        "version": FORMAT,
        "tokenizer": tokenize.VERSION,
        "fields": [[name, boost] for name, boost in fields],
        "stages": stages,
        # [id, question, summary, stage, url, 1 for a product page else 0, keywords]
        "docs": [
            [d.id, d.question, d.summary, stages.index(d.stage), d.url, int(d.is_product), d.keywords]
            for d in docs
        ],
        "lengths": lengths,
        "terms": sorted(by_term),
        "postings": postings,
        **(shop_data or {}),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    pairs = fold.pairs_for([text])
    if not pairs:
        return text
    return json.dumps({**data, "fold": pairs}, ensure_ascii=False, separators=(",", ":"))


def lunr_json(index: Any) -> str:
    """lunr's own serialization of the same index, for size comparisons."""
    return json.dumps(index.serialize(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def shop_tables(
    kb: KnowledgeBase,
    docs: Sequence[SearchDoc],
    channels: Sequence[Channel] = (),
    strings: Mapping[str, str] | None = None,
    options: SearchOptions = SearchOptions(),
) -> dict[str, Any]:
    """What the query side needs besides the postings.

    ``products``: [id, name, url, product page document (-1: none), [aliases and keywords],
    [documents naming it]] in catalog order; ``graph``: the compatibility links between them by
    position, as the products page's lookup reads them (``compat.js``); ``channels``:
    [key, label, URL template, detail]; ``intents``: [channel key or "person", [phrases]];
    ``t``: the texts of the compatibility answer; ``everyday``: the pairs of the everyday
    table whose writers' words the documents have (:meth:`kbgen.search.everyday.Everyday.table_for`),
    a table of its own that query time reads (no posting changes).
    """
    order = {p.id: i for i, p in enumerate(kb.products)}
    page = {d.id: i for i, d in enumerate(docs) if d.is_product}
    naming: dict[str, list[int]] = {p.id: [] for p in kb.products}
    for i, d in enumerate(docs):
        if not d.is_product:
            for pid in d.product_ids:
                naming[pid].append(i)
    graph: dict[str, list[list[Any]]] = {"compatible": [], "accessory": [], "incompatible": []}
    for kind, a, b, reason in ProductGraph.of(kb.products).edges():
        graph[kind].append([order[a], order[b], *([reason] if kind == "incompatible" else [])])
    t = strings or {}
    return {
        "products": [
            [p.id, p.name, docs[page[p.id]].url if p.id in page else p.url, page.get(p.id, -1),
             [*p.aliases, *p.keywords], naming[p.id]]
            for p in kb.products
        ],
        "graph": graph,
        "channels": [[c.key, c.label, c.href, c.detail] for c in channels],
        "intents": [[key, list(phrases)] for key, phrases in options.intents],
        # search_split_wait: what a first letter being typed says (search-worker.js: waitsForLetter)
        "t": {
            k: t[k] for k in sorted(t)
            if k.startswith("compat_") or k.startswith("search_compat") or k == "search_split_wait"
        },
        **everyday_table(docs, options.everyday),
    }


def everyday_table(docs: Sequence[SearchDoc], table: everyday.Everyday | None) -> dict[str, Any]:
    """``{"everyday": [...]}`` for an index of these documents, or nothing (no table or no pair
    the documents can use). The writers' words are those of the documents' own text, not
    those the thesaurus adds."""
    if table is None:
        return {}
    own = [name for name, _ in FIELDS if name not in ("chars", "synonyms")]
    vocabulary = {t for d in docs for name in own for t in d.terms(name)}
    pairs = table.table_for(vocabulary)
    return {"everyday": pairs} if pairs else {}


def index_json(
    kb: KnowledgeBase,
    urls: dict[str, str],
    product_urls: dict[str, str] | None = None,
    products_label: str = "Products",
    channels: Sequence[Channel] = (),
    strings: Mapping[str, str] | None = None,
    options: SearchOptions = SearchOptions(),
) -> str:
    """The serialized search index of a knowledge base, given each entry's (and product's) URL."""
    docs = documents(kb, urls, product_urls, products_label, options.thesaurus)
    return serialize(docs, shop_data=shop_tables(kb, docs, channels, strings, options))


def field_texts(doc: SearchDoc, names: Iterable[str]) -> dict[str, str]:
    """A document's text per field name (for tests and benchmarks)."""
    return {name: doc.field(name) for name in names}
