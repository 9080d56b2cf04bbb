#!/usr/bin/env python3
"""Could a score bound answer a long pasted question in one round trip on a split index?

Usage: python3 bench/search_bound.py [--entries 10000]

Issue 20 asks for one round trip of at most 60 KB per query. A long question
(``bench/search_split.py``'s ``LONG_QUESTIONS``) fetches every word's postings, and the
commonest words' weigh the most. A MaxScore / threshold-algorithm bound would leave them out
of the first round trip: each left-out term can add at most its boost times its highest weight
in any document to a document's score, so once the first results' exact scores are known, a
document not seen can be ruled out when its known part plus those maxima stays below the tenth
result's score. Here, on the generated help center, with the Python twin's exact ranking on the
whole index, for each share of the documents a term is left out above (its words' postings
found in more than 1/2, 1/4 and 1/8 of the documents), totals over the questions only:

- the gzipped postings left out (what the first round trip would save);
- how many questions have all of their first 10 results in the row files of the terms that are
  fetched (``shards.split``'s real row files; "none": every term fetched): the rows a result
  needs to be shown, which only then come in the first round trip (pair and prefix files not
  counted: ``bench/search_split.py`` runs the worker, which fetches those too);
- how many questions the bound proves (every document outside those row files is bounded below
  the tenth score), with the proximity bonus (a document may have each of the query's word pairs
  as written: ``query.PROXIMITY`` each) and, to show its share, without it.

A question can be answered in one round trip only if both hold, and the exact scores of its
first results still need the left-out terms' weights in those documents, which no file carries.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generated_kb import generated_kb  # noqa: E402
from search_split import LONG_QUESTIONS  # noqa: E402

from kbgen.search import index as search  # noqa: E402
from kbgen.search import query as searchquery  # noqa: E402
from kbgen.search import shards  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    kb = generated_kb(args.entries, args.entries // 2)
    urls = {e.id: f"questions/{e.id}/" for e in kb.entries}
    d = json.loads(search.index_json(kb, urls, {p.id: f"products/{p.id}/" for p in kb.products}))
    index, _ = searchquery.load(d)
    totals = shards._totals(d)
    at = {term: t for t, term in enumerate(d["terms"])}
    manifest_text, files = shards.split(d)
    manifest = json.loads(manifest_text)
    starts = [row[0] for row in manifest["shards"]]
    key = manifest["files"]
    row_files = [
        {ref for ref, _ in json.loads(files[f"r{key}-{k}.json"])["rows"]} for k in range(len(starts))
    ]
    n = len(d["docs"])
    print(f"{args.entries:,} generated entries, {len(LONG_QUESTIONS)} long questions (totals only)")
    print("left out above | postings left out, all questions (gz KB) | first 10 in fetched row files"
          " | bound proves | bound proves without proximity")  # fmt: skip
    for share in (0, 2, 4, 8):
        skipped = covered = proved = proved_plain = 0
        for question in LONG_QUESTIONS:
            planned = searchquery.plan(index, question)
            boosts: dict[int, float] = {}
            for qw in planned:
                for term, kind in qw.terms.items():
                    if term not in at:
                        continue
                    w = searchquery.BOOST[kind]
                    if kind == "typo":
                        w = w * 2 / (searchquery._edits(qw.word, term) + 1)
                    boosts[at[term]] = boosts.get(at[term], 0) + w
            magnitude = math.sqrt(sum(q * q for q in boosts.values()))
            left = {t for t in boosts if share and len(totals[t]) > n / share}
            skipped += sum(shards.gz_size(shards._text(d["postings"][t])) for t in left)
            rows: set[int] = set()
            for t in set(boosts) - left:
                rows |= row_files[bisect.bisect_right(starts, t) - 1]
            hits = searchquery.answer(index, question, 10).hits
            covered += all(h.ref in rows for h in hits)
            known: dict[int, float] = {}
            for t in set(boosts) - left:
                for doc, w in totals[t].items():
                    known[doc] = known.get(doc, 0) + boosts[t] * w / 1000
            most = sum(boosts[t] * max(totals[t].values()) / 1000 for t in left)
            unseen = [known.get(doc, 0) for doc in set(known) - rows] + [0.0]
            bound = (max(unseen) + most) / magnitude
            near = 1 + searchquery.PROXIMITY * len(searchquery._near(planned))
            tenth = hits[-1].score if len(hits) == 10 else 0.0
            proved += bound * near < tenth
            proved_plain += bound < tenth
        print(" | ".join([
            f"1/{share} of the documents" if share else "none", f"{skipped / 1024:,.1f}",
            f"{covered} of {len(LONG_QUESTIONS)}",
            f"{proved} of {len(LONG_QUESTIONS)}", f"{proved_plain} of {len(LONG_QUESTIONS)}",
        ]))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
