"""A shopper's everyday words → the words documentation writers use for the same thing.

A shopper asks about "the light" on a board that the manual calls an "LED" or an "indicator",
wants a "plug" where the shop sells a "power supply", describes an icon by its look ("the
thunder symbol") rather than its name. The shopper thesaurus (:data:`kbgen.search.terms.SYNONYMS`)
joins words that mean the same both ways, at index time; this table goes one way only (a "plug"
may be a power supply or a connector, but a "connector" is no "plug"), at query time, and with a
lower weight than the word itself (``query.BOOST["everyday"]``), so an entry that has the
shopper's own word still ranks first.

The table is small and curated on purpose: general shop and hardware words, in English and
Simplified Chinese, each mapped to the writer's words it can stand for. A general thesaurus
(WordNet, a Chinese synonym forest) would add every sense of every word ("plug" as
advertising, "light" as not heavy) and pull in wrong entries; what a site adds itself goes in
``search.everyday`` (a mapping of a word to the writer's words, or ``false``).

The build ships only the pairs whose writer's words the index has (:func:`table_for`), as the
index's own ``everyday`` table, so the browser's worker and the Python twin expand alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kbgen.search import places
from kbgen.search import terms as tokenize

WORDS: Mapping[str, tuple[str, ...]] = {
    # lights, screens and icons described by their look
    "light": ("led", "indicator", "lamp"),
    "lamp": ("led", "indicator", "light"),
    "dot": ("led", "indicator", "light", "icon"),
    "symbol": ("icon", "sign"),
    "picture": ("icon", "image"),
    "sign": ("icon", "symbol", "warning"),
    "thunder": ("lightning",),
    "thunderbolt": ("lightning",),
    "screen": ("display", "monitor", "touchscreen"),
    "monitor": ("display", "screen"),
    "words": ("text",),
    "writing": ("text",),
    # plugs, sockets, cables
    "plug": ("connector", "power supply", "adapter", "charger", "socket"),
    "wall plug": ("power supply", "adapter", "charger"),
    "wall adapter": ("power supply", "charger"),
    "power brick": ("power supply", "adapter", "charger"),
    "charger": ("power supply", "psu", "adapter"),
    "socket": ("port", "connector", "jack", "outlet"),
    "hole": ("port", "slot", "opening"),
    "cord": ("cable", "wire", "lead"),
    "wire": ("cable", "lead"),
    "ribbon": ("ribbon cable", "flat cable", "flex cable"),
    "internet cable": ("ethernet",),
    "network cable": ("ethernet",),
    "lan cable": ("ethernet",),
    "wired internet": ("ethernet",),
    "wireless": ("wi-fi", "wifi", "bluetooth"),
    # storage
    "memory card": ("sd card", "microsd"),
    "hard drive": ("ssd", "nvme", "drive", "storage"),
    "hard disk": ("ssd", "nvme", "drive", "storage"),
    "disk": ("drive", "ssd", "storage"),
    # heat and cooling
    "warm": ("hot", "temperature", "heat", "overheating"),
    "heat": ("temperature", "hot", "overheating", "cooling"),
    "burning": ("hot", "temperature", "overheating"),
    # starting, stopping, freezing
    "start": ("boot",),
    "turn off": ("shut down", "shutdown", "power off"),
    "switch off": ("shut down", "shutdown", "power off"),
    "dead": ("no power", "boot", "not working"),
    "freeze": ("stuck", "crash", "not responding"),
    "frozen": ("stuck", "crash", "not responding"),
    "hang": ("stuck", "freeze", "not responding"),
    "wipe": ("reset", "erase", "restore"),
    "see": ("detect", "recognize", "recognise", "find"),
    "show up": ("detect", "recognize", "recognise", "appear"),
    # parts and motion
    "engine": ("motor",),
    "spin": ("turn", "rotate", "run"),
    "shake": ("stutter", "vibrate", "jitter"),
    "jerk": ("stutter", "jitter"),
    "add-on board": ("shield", "hat", "expansion board", "extension"),
    "addon": ("shield", "hat", "expansion", "accessory"),
    "box": ("contents", "package", "included"),
    "cover": ("case", "lid", "enclosure"),
    "shell": ("case", "enclosure"),
    "housing": ("case", "enclosure"),
    "gamepad": ("controller",),
    "joypad": ("controller",),
    "remote": ("controller", "remote control"),
    "software": ("firmware", "driver", "library"),
    "volt": ("v", "voltage"),
    "volts": ("v", "voltage"),
    "amp": ("a", "current"),
    "amps": ("a", "current"),
    "watt": ("w", "power"),
    "watts": ("w", "power"),
    "time": ("clock",),
    # mail a shop sends to sell: the writer says promotional or marketing
    "newsletter": ("promotional", "marketing"),
    "newsletters": ("promotional", "marketing"),
    "coupon": ("promotional", "marketing", "discount"),
    "coupons": ("promotional", "marketing", "discount"),
    "ad": ("promotional", "marketing", "advertising"),
    "ads": ("promotional", "marketing", "advertising"),
    "filter": ("block",),
    # cancelling what repeats: the writer says stop
    "cancel": ("stop", "end"),
    # a payment the payer's bank takes back: the writer says chargeback
    "dispute": ("chargeback",),
    "contest a charge": ("chargeback",),
    # money: a currency by its name
    "dollar": ("currency",),
    "dollars": ("currency",),
    "euro": ("currency",),
    "euros": ("currency",),
    "yen": ("currency",),
    "yuan": ("currency",),
    "rmb": ("currency",),
    "renminbi": ("currency",),
    "rupee": ("currency",),
    "rupees": ("currency",),
    "franc": ("currency",),
    "francs": ("currency",),
    "peso": ("currency",),
    "pesos": ("currency",),
    "sterling": ("currency",),
    "bitcoin": ("currency", "cryptocurrency"),
    "money type": ("currency",),
    "type of money": ("currency",),
    "kind of money": ("currency",),
    "website": ("site",),
    "websites": ("site",),
    # 简体中文（繁體的查询先折成简体再查）
    "灯": ("指示灯", "led"),
    "小灯": ("指示灯", "led"),
    "亮灯": ("指示灯", "led"),
    "红点": ("指示灯", "红灯", "led", "图标"),
    "绿点": ("指示灯", "绿灯", "led"),
    "符号": ("图标", "标志"),
    "图案": ("图标",),
    "插头": ("接口", "电源", "适配器", "充电器"),
    "充电器": ("电源", "适配器", "电源适配器"),
    "充电头": ("电源", "适配器", "电源适配器"),
    "插座": ("接口", "插槽"),
    "插口": ("接口", "端口"),
    "线": ("线缆", "排线", "数据线"),
    "屏幕": ("显示屏", "显示器", "触摸屏"),
    "显示器": ("显示屏", "屏幕"),
    "网线": ("以太网", "网口", "poe"),
    "无线": ("wi-fi", "wifi", "蓝牙"),
    "上网": ("wi-fi", "网络", "联网"),
    "内存卡": ("sd卡", "microsd", "存储卡"),
    "储存卡": ("sd卡", "microsd", "存储卡"),
    "tf卡": ("sd卡", "microsd"),
    "硬盘": ("固态硬盘", "ssd", "nvme", "存储"),
    "发热": ("过热", "温度", "散热"),
    "发烫": ("过热", "温度", "散热"),
    "很热": ("过热", "温度", "散热"),
    "太热": ("过热", "温度", "散热"),
    "开不了机": ("启动", "开机", "无法启动"),
    "不开机": ("启动", "开机", "无法启动"),
    "死机": ("卡死", "无响应", "重启"),
    "卡住": ("卡死", "无响应"),
    "马达": ("电机",),
    "软件": ("固件", "驱动"),
    "手柄": ("控制器", "游戏手柄"),
    "保护壳": ("外壳",),
    "机壳": ("外壳",),
    "壳子": ("外壳",),
    "遥控": ("遥控器", "控制器"),
    "时间": ("时钟",),
    "取消": ("停止", "终止"),
    "新闻简报": ("营销", "促销", "推广"),
    "优惠券": ("营销", "促销", "推广"),
    "广告": ("营销", "促销", "推广"),
    "过滤": ("屏蔽", "拦截"),
    "争议": ("拒付",),
    "申诉": ("拒付",),
    "人民币": ("货币", "币种"),
    "美元": ("货币", "币种"),
    "欧元": ("货币", "币种"),
    "日元": ("货币", "币种"),
    "英镑": ("货币", "币种"),
    "港币": ("货币", "币种"),
    "港元": ("货币", "币种"),
    "澳元": ("货币", "币种"),
    "加元": ("货币", "币种"),
    "卢布": ("货币", "币种"),
    "比特币": ("货币", "加密货币"),
}
"""Everyday word or phrase → the writers' words it can stand for."""

EVERYDAY: Mapping[str, tuple[str, ...]] = {**WORDS, **places.PLACES}
"""kbgen's defaults: the everyday words, and places → their countries (:mod:`kbgen.search.places`)."""


@dataclass(frozen=True)
class Everyday:
    """The table as terms: each everyday phrase's terms → the writers' terms."""

    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]

    @classmethod
    def of(cls, *tables: Mapping[str, Iterable[str]]) -> Everyday:
        """The tables of words as written, joined: a word given twice (or two words with the same
        terms) gets the writers' words of both."""
        merged: dict[tuple[str, ...], list[str]] = {}
        for word, writers in ((w, v) for table in tables for w, v in table.items()):
            key = tuple(tokenize.terms(word))
            if not key:
                continue
            into = merged.setdefault(key, [])
            for writer in writers:
                into += [t for t in tokenize.terms(writer) if t not in into and t not in key]
        return cls(tuple((k, tuple(v)) for k, v in sorted(merged.items()) if v))

    def table_for(self, vocabulary: Iterable[str]) -> list[list[list[str]]]:
        """What an index ships: [[everyday terms], [writers' terms the index has]] for each
        pair with at least one such term (no other pair can change a result); Chinese everyday
        words only for an index with Chinese text."""
        have = set(vocabulary)
        chinese = any(tokenize.is_cjk(t[0]) for t in have if t)
        out = []
        for key, writers in self.pairs:
            if not chinese and any(tokenize.is_cjk(t[0]) for t in key):
                continue
            found = [t for t in writers if t in have]
            if found:
                out.append([list(key), found])
        return out


DEFAULT_EVERYDAY = Everyday.of(EVERYDAY)


def firsts(table: Sequence[Sequence[Sequence[str]]]) -> dict[str, list[int]]:
    """First term of each everyday phrase → the pairs (positions in ``table``) it starts."""
    out: dict[str, list[int]] = {}
    for p, (key, _) in enumerate(table):
        out.setdefault(key[0], []).append(p)
    return out


def matches(
    table: Sequence[Sequence[Sequence[str]]], first: Mapping[str, Sequence[int]], found: Sequence[str]
) -> list[tuple[int, int, int]]:
    """(start, end, pair) of each everyday phrase among a query's terms, left to right, the
    longest first where several start at the same term; phrases don't overlap. ``table``: an
    index's ``everyday`` table (:meth:`Everyday.table_for`), ``first``: its :func:`firsts`."""
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(found):
        best = -1
        for p in first.get(found[i], ()):
            n = len(table[p][0])
            if list(found[i : i + n]) == list(table[p][0]) and (best < 0 or n > len(table[best][0])):
                best = p
        if best < 0:
            i += 1
            continue
        end = i + len(table[best][0])
        out.append((i, end, best))
        i = end
    return out
