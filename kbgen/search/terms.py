"""Text → search terms, the same algorithm as the browser's ``search-tokenize.js``.

Both sides are checked against the same vectors (``tests/data/tokenize_vectors.json``):

1. NFKC-normalize and lowercase (full-width letters and digits become ASCII), then fold
   Traditional Chinese characters to Simplified (:mod:`kbgen.search.fold`: 退貨 → 退货), so a
   query in either script finds the same answers. Folding comes before any cutting.
2. Split into runs of letters, digits and marks (Unicode L, N, M); everything else separates,
   so punctuation never glues to a word.
3. Split each run where CJK and non-CJK characters meet ("iphone手机" → "iphone", "手机").
4. A CJK run becomes its overlapping character bigrams ("退货政策" → 退货 货政 政策), or the single
   character when the run has only one, as Lucene's CJK analyzer does. No dictionary is needed,
   so a word in the middle of a sentence or a query typed without spaces is found. The index
   also gets each character of the run, in a field of its own (:func:`cjk_chars`).
5. Other runs are one word each: stop words are dropped and words of ASCII letters are
   stemmed with lunr's Porter stemmer (identical in lunr.py and lunr.js).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from lunr.stemmer import PorterStemmer

from kbgen.search.fold import fold

VERSION = 2
"""Bumped whenever the algorithm changes: an index only works with the tokenizer that built it
(2: Traditional Chinese folded to Simplified)."""

CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B–G
)

_STOP = """a about am an and are as at be been by can could did do does doing for from had has have
    how i if in into is it its me my of on or our should so than that the their them then there
    these they this those to us was we were what when where which who why will with would you
    your"""
STOP_WORDS = frozenset(_STOP.split())
"""Filler words of English questions; kept short so words like "not" and "no" still count."""

_FILLERS = """怎么 怎样 怎麼 如何 什么 什麼 为什 為什 为何 哪些 哪个 哪里 哪裡
    可以 能否 是否 请问 請問 一下 我的 我们 我們 您的 你们 你們 我想
    我该 该怎 么办 麼辦 想知 知道 了解 想了 能不 会不 會不 是不 有没 有沒
    一个 一個 这个 這個 那个 那個 这些 這些 那些 这样 這樣 已经 已經 最近 之前
    以后 以後 然后 然後 但是 因为 因為 所以 如果 还是 還是 或者 自己 他们 他們 大家
    你好 您好 请教 請教 麻烦 麻煩 告诉 告訴 谢谢 謝謝 打扰 打擾 到底 各位 问问 問問 想问 想問 问一 問一
    好意 求助 需要"""
FILLERS = frozenset(_FILLERS.split())
"""Chinese question words (as bigrams). They stay in the index, but a query need not match them."""


FILLER_CHARS = frozenset("吗嗎呢吧啊呀么麼的了")
"""Chinese particles: a bigram across one and a word ("退货吗" → 货吗) is not looked up by its
characters, so a particle never makes a result."""


_CHAT = """hi hello hey thanks thank please pls wondering wonder wondered possibly perhaps maybe
    just really actually honestly basically quick quickly sorry bother kindly grateful appreciate
    advance anyone anybody someone somebody curious curiosity exactly tell wanted want like
    ask question help figure lot silly hope trying way morning evening afternoon"""
CHAT = frozenset(_CHAT.split())
"""Words of politeness and hedging in English questions ("I was wondering if you could tell me
…"): in a sentence they name no topic, so they are looked up only when nothing else is
(:func:`chat`). As typed, not stemmed; a short query keeps them ("help", "tell a friend")."""


def chat(found: Sequence[Word], flags: Sequence[bool], sentence_words: int) -> list[bool]:
    """``flags`` (:func:`fillers`) with the English chat words of a sentence (more than
    ``sentence_words`` content words) marked too."""
    content = sum(1 for w, f in zip(found, flags, strict=True) if w.term and not f and not w.cjk)
    if content <= sentence_words:
        return list(flags)
    return [f or (not w.cjk and bool(w.term) and w.text in CHAT) for w, f in zip(found, flags, strict=True)]


def is_filler(term: str) -> bool:
    """Whether a query term is a filler word that results need not contain."""
    return term in FILLERS


class _LunrJsStemmer(PorterStemmer):  # type: ignore[misc]
    """lunr.py's Porter stemmer with lunr.js's step 1c, so both sides stem alike.

    lunr.py turns a final y into i when the stem has a vowel ("relay" → "relai"); lunr.js only
    after a consonant ("relay" stays, "cry" → "cri"). The shared test vectors caught this.
    """

    _STEP_1C = re.compile(r"^(.+?[^aeiou])y$")

    def step1c(self) -> None:
        word = str(self.b)  # type: ignore[has-type]
        if self._STEP_1C.match(word[: self.k + 1]):
            self.b = word[: self.k] + "i" + word[self.k + 1 :]


_stemmer = _LunrJsStemmer()


def is_cjk(char: str) -> bool:
    """Whether a character is Chinese, Japanese or Korean script (indexed as bigrams)."""
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in CJK_RANGES)


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


@dataclass(frozen=True)
class Word:
    """One word of a text: a non-CJK word or one CJK bigram (or single CJK character)."""

    text: str
    """The word as written (normalized and lowercased), before stemming."""
    term: str
    """What is indexed: the stem, the bigram, or '' for a stop word."""
    cjk: bool
    run_end: bool
    """Whether the word ends its run of letters (False for all but the last bigram of a run)."""


def normalize(text: str) -> str:
    """NFKC, lowercase, then Traditional → Simplified characters: the text every other step sees."""
    return fold(unicodedata.normalize("NFKC", text).lower())


_ASCII_RUN = re.compile(r"[a-z0-9]+")
_KIND: dict[str, int] = {}


def _kind(char: str) -> int:
    """0: separator, 1: letter/digit/mark, 2: CJK (cached: a text has few distinct characters)."""
    kind = _KIND.get(char)
    if kind is None:
        kind = _KIND[char] = (2 if is_cjk(char) else 1) if _is_word_char(char) else 0
    return kind


def runs(text: str) -> list[str]:
    """Runs of letters/digits/marks of a normalized text, split where CJK and non-CJK meet."""
    if text.isascii():
        return _ASCII_RUN.findall(text)
    return ["".join(chars) for kind, chars in groupby(text, key=_kind) if kind]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The indexed form of a non-CJK word: '' for a stop word, the Porter stem of ASCII words."""
    if word in STOP_WORDS:
        return ""
    if word.isascii() and word.isalpha():
        return str(_stemmer.stem(word))
    return word


def words(text: str) -> list[Word]:
    """Every word of ``text`` in order, stop words included (with an empty term)."""
    found: list[Word] = []
    for run in runs(normalize(text)):
        if is_cjk(run[0]):
            if len(run) == 1:
                found.append(Word(run, run, True, True))
            else:
                last = len(run) - 2
                found += [Word(run[i : i + 2], run[i : i + 2], True, i == last) for i in range(last + 1)]
        else:
            found.append(Word(run, stem(run), False, True))
    return found


def fillers(found: Sequence[Word]) -> list[bool]:
    """Which words of a query are filler words: Chinese question words, and a bigram between
    two of them in the same run ("知道怎么" → 知道 道怎 怎么: 道怎 is no word)."""
    flags = [bool(w.term) and is_filler(w.term) for w in found]
    out = list(flags)
    for i in range(1, len(found) - 1):
        inside = not found[i - 1].run_end and not found[i].run_end
        if found[i].cjk and inside and flags[i - 1] and flags[i + 1]:
            out[i] = True
    return out


def terms(text: str) -> list[str]:
    """The terms to index for ``text``, in order (stop words left out)."""
    normalized = normalize(text)
    if normalized.isascii():  # the common case, without building Word objects
        return [term for term in map(stem, _ASCII_RUN.findall(normalized)) if term]
    return [w.term for w in words(text) if w.term]


def cjk_chars(text: str) -> list[str]:
    """The single characters of the CJK runs of two or more characters in ``text``.

    Indexed in a field of their own, they let a query match a word written differently
    ("谁能使用" for "谁可以用") without changing the bigram fields' lengths and scores.
    """
    normalized = normalize(text)
    if normalized.isascii():
        return []
    return [c for run in runs(normalized) if len(run) > 1 and _kind(run[0]) == 2 for c in run]


SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("price", "cost", "fee", "commission", "手续费", "费用"),
    ("refund", "money back", "reimburse", "退款"),
    ("payout", "get paid", "withdraw", "提现"),
    ("phone", "mobile device", "smartphone", "cell phone", "iphone", "android", "手机", "移动设备"),
    ("invoice", "receipt", "发票", "收据"),
    ("delivery", "shipping", "shipment", "配送", "发货"),
    ("parcel", "package", "包裹"),
    ("return", "send back", "退货", "退回"),
    ("discount code", "coupon", "promo code", "voucher", "优惠码", "优惠券"),
    ("broken", "damaged", "defective", "faulty", "损坏", "坏了"),
    ("warranty", "guarantee", "保修", "质保"),
    ("in stock", "available", "有货", "现货"),
    ("sign in", "log in", "login", "登录"),
    ("password", "passcode", "密码"),
    ("email", "e-mail", "邮件", "邮箱"),
    ("delete", "remove", "删除"),
    ("cancel", "call off", "取消"),
    ("change", "modify", "edit", "修改", "更改"),
    ("pay", "payment", "付款", "支付"),
    ("customer service", "support", "客服"),
    ("address", "地址"),
    ("spam", "junk", "垃圾邮件"),
    ("attachment", "attached file", "附件"),
    ("store", "keep", "save", "存储", "保存"),
    ("collect", "gather", "收集"),
    ("promotional", "marketing", "advertising", "advert", "广告", "营销", "促销"),
    ("legal", "law", "regulation", "法律", "法规", "合法"),
    ("country", "region", "国家", "地区"),
    ("scam", "fraud", "impostor", "fake", "骗子", "冒充", "假冒"),
    ("secure", "safe", "security", "安全"),
    ("browser", "chrome", "firefox", "safari", "浏览器"),
    ("stop", "pause", "停止", "暂停"),
    # round 2: generic account, payment and mail vocabulary (written from a shopper's words,
    # not from any corpus's answers)
    ("bank card", "credit card", "debit card", "银行卡", "信用卡", "借记卡"),
    ("tax", "taxes", "taxation", "纳税", "报税", "交税", "税务"),
    ("subscription", "subscribe", "membership", "订阅", "会员"),
    ("unsubscribe", "cancel my subscription", "退订", "取消订阅"),
    ("account", "profile", "账户", "账号", "帐户", "帐号"),
    ("inbox", "mailbox", "收件箱"),
    ("message", "mail", "消息", "信件", "邮件"),
    ("attachment", "file", "document", "pdf", "文件"),
    ("reply", "respond", "answer back", "回复", "回信"),
    ("minimum", "smallest", "lowest", "at least", "最少", "最低", "下限"),
    ("maximum", "highest", "largest", "biggest", "at most", "最多", "最高", "上限"),
    ("limit", "cap", "限制", "限额"),
    ("dispute", "contest a charge", "争议", "申诉"),
    ("personal data", "personal information", "个人信息", "个人数据"),
    ("privacy", "private", "隐私"),
    ("track", "tracker", "tracking", "跟踪", "追踪"),
    ("allowed", "permitted", "允许", "准许"),
    ("currency", "currencies", "货币", "币种"),
    ("money", "funds", "资金", "钱款"),
    ("shut down", "discontinue", "close down", "停运", "停止服务"),
    ("sign up", "register", "create an account", "注册"),
    ("newsletter", "mailing list", "新闻简报", "邮件列表"),
    ("different", "difference", "compare", "comparison", "区别", "不同", "比较"),
)
"""The shopper thesaurus: each group's words and phrases mean the same to a shopper. Used at
index time (an entry with "refund" is also found by "money back"); sites extend it with
``search.synonyms`` or turn it off with ``search.synonyms: false``."""


@dataclass(frozen=True)
class Thesaurus:
    """Synonym groups, matched on terms: a phrase matches where its terms follow each other."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    """Each group's phrases as term tuples (phrases with no term left out)."""
    _first: dict[str, list[tuple[tuple[str, ...], int]]]

    @classmethod
    def of(cls, groups: Iterable[Iterable[str]]) -> Thesaurus:
        """A thesaurus of groups of phrases (as written); groups sharing a phrase are merged."""
        merged: list[list[tuple[str, ...]]] = []
        for group in groups:
            phrases = [t for t in (tuple(terms(p)) for p in group) if t]
            into = next((m for m in merged if set(m) & set(phrases)), None)
            if into is None:
                merged.append(into := [])
            into += [p for p in phrases if p not in into]
        kept = tuple(tuple(m) for m in merged if len(m) > 1)
        first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for g, group_phrases in enumerate(kept):
            for phrase in group_phrases:
                first.setdefault(phrase[0], []).append((phrase, g))
        for options in first.values():
            options.sort(key=lambda o: -len(o[0]))  # the longest phrase wins
        return cls(kept, first)

    def matches(self, found: Sequence[str]) -> list[tuple[int, int, int]]:
        """(start, end, group) of every phrase in a list of terms, left to right, longest first."""
        out: list[tuple[int, int, int]] = []
        first = self._first
        after = 0  # phrases don't overlap: the next starts after the last one's end
        for i in [i for i, term in enumerate(found) if term in first]:
            if i < after:
                continue
            for phrase, group in first[found[i]]:
                if tuple(found[i : i + len(phrase)]) == phrase:
                    out.append((i, i + len(phrase), group))
                    after = i + len(phrase)
                    break
        return out

    def expansions(self, found: Sequence[str]) -> list[str]:
        """The terms of the other phrases of each group a list of terms has a phrase of."""
        extra: list[str] = []
        for start, end, group in self.matches(found):
            own = tuple(found[start:end])
            for phrase in self.groups[group]:
                if phrase != own:
                    extra += phrase
        return extra

    def canonical(self, group: int) -> str:
        """The name of a group: its first phrase's terms."""
        return " ".join(self.groups[group][0])


DEFAULT_THESAURUS = Thesaurus.of(SYNONYMS)


def key_terms(text: str, thesaurus: Thesaurus | None = DEFAULT_THESAURUS) -> tuple[str, ...]:
    """The content words of a query or question: terms without stop words and Chinese filler
    words, each synonym phrase replaced by its group's name ("money back" → "refund"), so that
    two ways of asking the same thing give the same key terms."""
    found_words = words(text)
    flags = fillers(found_words)
    found = [w.term for w, filler in zip(found_words, flags, strict=True) if w.term and not filler]
    thesaurus = thesaurus or Thesaurus.of(())
    out: list[str] = []
    at = 0
    for start, end, group in [*thesaurus.matches(found), (len(found), len(found), -1)]:
        # a Chinese bigram with a particle in it ("退货吗" → 货吗) is no word of its own
        out += [t for t in found[at:start] if not (len(t) == 2 and FILLER_CHARS & set(t) and is_cjk(t[0]))]
        if group >= 0:
            out.append(thesaurus.canonical(group))
        at = end
    return tuple(out)


def phrase_keys(text: str) -> list[str]:
    """Every word of a text as phrase matching sees it: the term, or the word itself for a
    stop word ("where is my order" → where, is, my, order)."""
    return [w.term or w.text for w in words(text)]
