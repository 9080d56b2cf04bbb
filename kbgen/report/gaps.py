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
from kbgen.report.privacy import MARKERS
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
    for marker in MARKERS:  # what privacy hid is not a topic
        text = text.replace(marker, " ")
    text = _ZH_QUESTION.sub(" ", tokenize.normalize(text))
    return frozenset(tokenize.key_terms(text))


@dataclass
class Gap:
    """Queries that mean the same, the most common wording first."""

    terms: frozenset[str]
    wordings: Counter[str] = field(default_factory=Counter)
    searched: Counter[str] = field(default_factory=Counter)
    """What the shoppers had searched for when they wrote a message (the query beside it)."""
    answered_by: str | None = None
    checked: bool = False
    """Whether it was checked against today's content (see :data:`MAX_CHECKED`)."""
    stage: str = ""
    """The stage a new entry for it would likely go to (that of the closest entries, when they
    agree and have at least half of its words), or '' when unsure."""

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
        return min(self.wordings.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]

    @property
    def searches(self) -> list[str]:
        """What shoppers had searched for beside their messages, most searched first."""
        return [q for q, _ in sorted(self.searched.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))]


def _wording(text: str) -> str:
    return " ".join(text.split())


MAX_KEY_TERMS = 32
"""A key with more terms (a long message) joins no smaller key: its parents are not looked up."""


def group(texts: Iterable[str | tuple[str, str]]) -> list[Gap]:
    """Group queries (or messages, each with the query searched beside it) by their key terms;
    the biggest groups first.

    Linear in the number of texts: a key's possible parents (the key less one term) are looked
    up, not searched for among all groups.
    """
    exact: dict[frozenset[str], Gap] = {}
    for item in texts:
        text, searched = (item, "") if isinstance(item, str) else item
        wording = _wording(text)
        if not wording:
            continue
        terms = _key_terms(wording) or frozenset({wording.lower()})
        gap = exact.setdefault(terms, Gap(terms))
        gap.wordings[wording] += 1
        if _wording(searched) and _wording(searched) != wording:
            gap.searched[_wording(searched)] += 1
    # Larger keys join a key one term smaller; the most specific, then most asked, key wins.
    keys = sorted(exact, key=lambda k: (len(k), -exact[k].count, sorted(k)))
    merged: dict[frozenset[str], Gap] = {}
    for key in keys:
        gap = exact[key]
        parents = (
            [p for p in (key - {t} for t in key) if p in merged] if 3 <= len(key) <= MAX_KEY_TERMS else []
        )
        if parents:
            best = min(parents, key=lambda k: (-merged[k].count, sorted(k)))
            merged[best].wordings.update(gap.wordings)
            merged[best].searched.update(gap.searched)
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
        for marker in MARKERS:  # what privacy hid is not a word to look for
            query = query.replace(marker, " ")
        planned = search_query.plan(self.index, query)
        needed = [
            terms
            for i, terms in enumerate(self._spelled(planned))
            if terms is not None and terms is not _SKIP
        ]
        if not needed or sum(1 for n in needed if n) * 2 < len(needed):
            return None, ""  # most of its words are in no entry: nothing answers it, no stage is sure
        # Ranked as the site ranks them, from the words already planned (planning is the slow part).
        hits = search_query._hits(self.index, planned, query)[:10]
        entries = [h for h in hits if not self.docs[h.ref][5]]  # 1 marks a product page
        covers = [sum(1 for n in needed if n & set(h.terms)) for h in entries]
        answer = next(
            (h for h, c in zip(entries, covers, strict=True) if h.all_words and needed and c == len(needed)),
            None,
        )
        if answer is not None:
            entry_id = str(self.docs[answer.ref][0])
            return entry_id, self.stage_of.get(entry_id, "")
        return None, self._stage(entries, covers, len(needed))

    def _stage(self, entries: list[search_query.Hit], covers: list[int], needed: int) -> str:
        """The stage of the closest entries: when one of them has at least half of the query's
        words and the first three found are all of one stage; else '' (unsure)."""
        if not entries or max(covers) * 2 < needed or not max(covers):
            return ""
        stages = {self.stage_of.get(str(self.docs[h.ref][0]), "") for h in entries[:3]}
        return stages.pop() if len(stages) == 1 else ""

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


MAX_CHECKED = 100
"""Only the most asked gaps are checked against today's content (each check is a search, some
tens of milliseconds): a year of a busy shop's failed searches holds tens of thousands of
distinct ones, nearly all asked once. The rest are listed (in the JSON) as not checked."""


def check_all(gaps: Sequence[Gap], answers: Answers, limit: int = MAX_CHECKED) -> None:
    """Fill in ``answered_by`` and ``stage`` of the ``limit`` first (most asked) gaps: by a
    gap's wording, else by what its shoppers had searched for (a message is seldom worded as a
    search)."""
    for gap in gaps[:limit]:
        gap.checked = True
        gap.answered_by, gap.stage = answers.check(gap.query)
        if gap.answered_by is None and gap.searched:
            by_search, stage = answers.check(gap.searches[0])
            gap.answered_by, gap.stage = by_search, gap.stage or stage
