"""What shoppers could not find: their queries grouped by meaning, each checked against today's
content with the site's own search.

Two queries mean the same when they have the same key terms: the search terms of
:mod:`kbgen.search.terms` (stemmed, stop words and question fillers left out), so "decaf beans",
"Decaf bean?" and "decaf beans!" are one gap. A query with one term more than a group's key of
two or more terms joins it too ("Do you sell decaf beans?" joins "decaf beans"): the extra word
is how the question is asked. Groups of one term absorb nothing ("beans" would swallow every
kind of bean).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kbgen.core.model import KnowledgeBase
from kbgen.report.privacy import EMAIL, PHONE
from kbgen.search import index as search_index
from kbgen.search import query as search_query
from kbgen.search import terms as tokenize

_ZH_QUESTION = re.compile(
    "|".join(
        sorted(
            tokenize.FILLERS | {"有没有", "能不能", "是不是", "可不可以", "你们", "你們"},
            key=len,
            reverse=True,
        )
    )
    + r"|[吗嗎呢吧](?=\W|$)"
)
"""How a Chinese question is asked, not what it is about: taken out before the text becomes
bigrams, so that "怎么退货" and "退货" have the same key (and no bigram across the two)."""


def _key_terms(text: str) -> frozenset[str]:
    """The terms a query is about: its content words, each phrase of the shopper thesaurus
    replaced by its group ("money back" and "refund" are one gap)."""
    text = text.replace(EMAIL, " ").replace(PHONE, " ")  # what privacy hid is not a topic
    text = _ZH_QUESTION.sub(" ", tokenize.normalize(text))
    return frozenset(tokenize.key_terms(text))


@dataclass
class Gap:
    """Queries that mean the same, the most common wording first."""

    terms: frozenset[str]
    wordings: Counter[str] = field(default_factory=Counter)
    answered_by: str | None = None
    stage: str = ""
    """The stage a new entry for it would likely go to (of the closest entry), or ''."""

    @property
    def count(self) -> int:
        """How many submissions asked it."""
        return sum(self.wordings.values())

    @property
    def queries(self) -> list[str]:
        """Every wording, most asked first."""
        return [q for q, _ in sorted(self.wordings.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))]

    @property
    def query(self) -> str:
        """The most asked wording (the shortest of those asked as often)."""
        return self.queries[0]


def _wording(text: str) -> str:
    return " ".join(text.split())


def group(texts: Iterable[str]) -> list[Gap]:
    """Group queries by their key terms; the biggest groups first."""
    exact: dict[frozenset[str], Gap] = {}
    for text in texts:
        wording = _wording(text)
        if not wording:
            continue
        terms = _key_terms(wording) or frozenset({wording.lower()})
        exact.setdefault(terms, Gap(terms)).wordings[wording] += 1
    # Larger keys join a key one term smaller; the most specific, then most asked, key wins.
    keys = sorted(exact, key=lambda k: (len(k), -exact[k].count, sorted(k)))
    merged: dict[frozenset[str], Gap] = {}
    for key in keys:
        gap = exact[key]
        parents = [k for k in merged if len(k) >= 2 and len(k) == len(key) - 1 and k < key]
        if parents:
            best = min(parents, key=lambda k: (-merged[k].count, sorted(k)))
            merged[best].wordings.update(gap.wordings)
        else:
            merged[key] = gap
    return sorted(merged.values(), key=lambda g: (-g.count, g.query))


class Answers:
    """Today's content, searched the way the site searches (:mod:`kbgen.search.query`)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        urls: dict[str, str],
        product_urls: dict[str, str],
        thesaurus: tokenize.Thesaurus | None = tokenize.DEFAULT_THESAURUS,
    ) -> None:
        """``thesaurus``: the site's (``search.synonyms``), so gaps are checked as the site searches."""
        docs = search_index.documents(kb, urls, product_urls, thesaurus=thesaurus)
        self.index, self.docs = search_query.load(search_index.serialize(docs))
        self.stage_of = {e.id: e.stage for e in kb.entries}

    def check(self, query: str) -> tuple[str | None, str]:
        """The entry that answers ``query``, or None; and the stage of the closest entry.

        An entry answers only when it has every content word of the query, spelled as typed
        (or, for the last word, a word it starts). The site's own all-words tier is looser: it
        lets a word no entry has drop out ("decaf beans" would be "answered" by any entry about
        beans) and counts a typo's neighbour ("wrapping" for "warping").
        """
        planned = search_query.plan(self.index, query)
        needed = [
            terms
            for i, terms in enumerate(self._spelled(planned))
            if terms is not None and terms is not _SKIP
        ]
        hits = search_query.search(self.index, query, limit=10)
        entries = [h for h in hits if not self.docs[h.ref][5]]  # 1 marks a product page
        answer = next(
            (h for h in entries if h.all_words and needed and all(n & set(h.terms) for n in needed)), None
        )
        closest = answer or (entries[0] if entries else None)
        stage = self.stage_of.get(str(self.docs[closest.ref][0]), "") if closest else ""
        return (str(self.docs[answer.ref][0]) if answer else None), stage

    @staticmethod
    def _spelled(planned: list[search_query.QueryWord]) -> list[set[str] | None]:
        """Per query word: the index terms that have it as typed (or, last, as a prefix); None
        for a stop word or filler, and :data:`_SKIP` for a Chinese bigram across two words (no
        entry has it, and the bigrams on either side, which do exist, cover its characters)."""
        spelled: list[set[str] | None] = []
        filler = tokenize.fillers([qw.word for qw in planned])
        for qw, is_filler in zip(planned, filler, strict=True):
            if not qw.word.term or is_filler:
                spelled.append(None)
            else:
                spelled.append({t for t, kind in qw.terms.items() if kind in ("exact", "prefix")})
        for i, qw in enumerate(planned):
            if spelled[i] or not (qw.word.cjk and len(qw.word.text) == 2) or spelled[i] is None:
                continue
            before = i > 0 and planned[i - 1].word.cjk and not planned[i - 1].word.run_end
            after = not qw.word.run_end and i + 1 < len(planned)
            if before and after and spelled[i - 1] != set() and spelled[i + 1] != set():
                spelled[i] = _SKIP
        return spelled


_SKIP: set[str] = {"<across words>"}


def check_all(gaps: Sequence[Gap], answers: Answers) -> None:
    """Fill in ``answered_by`` and ``stage`` of every gap."""
    for gap in gaps:
        gap.answered_by, gap.stage = answers.check(gap.query)
