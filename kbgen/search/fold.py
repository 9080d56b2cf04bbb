"""Traditional → Simplified Chinese characters, so that a query in either script finds the same answers.

Search folds every text, at index time and at query time, before it is cut into bigrams
(:func:`kbgen.search.terms.normalize`): 退貨 and 退货 both become 退货. Cutting first and
converting after would break words the two scripts split differently (Meilisearch's bug). Only
characters are folded, one for one, never phrases (軟體 stays 软体, not 软件: a writer's own
word is matched as written) and never to Pinyin (景点 and 经典 must not match).

The table is OpenCC's (``opencc-purepy``'s copy of ``TSCharacters.txt``, first candidate of each
character), with Taiwan's and Hong Kong's variant forms (``TWVariantsRev``, ``HKVariantsRev``:
裡 → 裏 → 里) folded the same way. The browser's worker gets only the pairs its index needs
(:func:`pairs_for`), inside the index itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import opencc_purepy

DICTS = Path(opencc_purepy.__file__).parent / "dicts"

ALSO: dict[str, str] = {
    "覆": "复",  # 回覆 (Taiwan) = 回复
    "瞭": "了",  # 瞭解 = 了解
    "藉": "借",  # 藉口 = 借口
    "祇": "只",
    "彷": "仿",  # 彷彿 = 仿佛
    "甦": "苏",  # 甦醒 = 苏醒
    "幷": "并",
    "甯": "宁",
    "伕": "夫",
}
"""Traditional spellings that OpenCC's character table leaves alone because Simplified text
also uses the character (覆盖), though Simplified writes the word with another (回覆 → 回复:
OpenCC converts it only as a phrase). Folding both sides alike costs nothing; pairs such as
像/象 or 座/坐, distinct words in both scripts, stay apart."""


def _single(name: str) -> dict[str, str]:
    """One OpenCC character table: each single character → its first candidate."""
    found: dict[str, str] = {}
    for line in (DICTS / name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1:
            found[key] = first
    return found


@cache
def table() -> dict[str, str]:
    """Every Traditional (or variant) character → its Simplified form; folded characters map to
    themselves no more (the result is a fixed point: folding twice changes nothing)."""
    ts = _single("TSCharacters.txt")
    variants = {**_single("HKVariantsRev.txt"), **_single("TWVariantsRev.txt")}
    raw = {**ts, **ALSO}
    for variant, standard in variants.items():
        raw.setdefault(variant, ts.get(standard, standard))
    out: dict[str, str] = {}
    for char, target in raw.items():
        seen = {char}
        while target in raw and target not in seen:  # 乾 → 干, never a cycle
            seen.add(target)
            target = raw[target]
        if target != char:
            out[char] = target
    return dict(sorted(out.items()))


@cache
def _translation() -> dict[int, str]:
    return {ord(k): v for k, v in table().items()}


def fold(text: str) -> str:
    """``text`` with every Traditional character replaced by its Simplified form."""
    if text.isascii():
        return text
    return text.translate(_translation())


def pairs_for(texts: Iterable[str]) -> str:
    """The pairs of the table a browser needs to fold what these texts can match: each pair
    whose Simplified character occurs in the folded texts, as one string "TSTS…".

    A query character whose Simplified form occurs nowhere in an index matches nothing either
    way, so leaving its pair out changes no result (the browser tests compare with Python's
    full table)."""
    present: set[str] = set()
    for text in texts:
        present.update(fold(text))
    return "".join(t + s for t, s in table().items() if s in present)


def pairs_all() -> str:
    """The whole table as "TSTS…" (for tests and the size benchmark)."""
    return "".join(t + s for t, s in table().items())
