"""Outline levels from the enumerators a document actually uses.

Documents number their parts 一、 （一） 1. 1、 1． （1） ① 一是 in many combinations; the
level of each style is the order in which it first appears, so 1. is an item under 一、 in one
document and a heading above （1） in another. A scrape that read GBK as UTF-8 may have
destroyed one bracket of （二） (?二） or （二?): such a line keeps the style of its siblings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..numerals import parse_chinese_number

_CN_DIGITS = "〇零一二三四五六七八九十百"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_GARBLE = "?？\ufffd"
GARBLED = "?"  # the style of an enumerator too garbled to read
_DIGITS = "0123456789０１２３４５６７８９"


@dataclass(frozen=True)
class Enumerator:
    style: str  # 一、 （一） 1. 1、 1． （1） ① 一是 第一
    number: int
    rest: str  # the line after the enumerator


def _cn_run(text: str, start: int) -> int:
    end = start
    while end < len(text) and end - start < 4 and text[end] in _CN_DIGITS:
        end += 1
    return end


def _digit_run(text: str, start: int) -> int:
    end = start
    while end < len(text) and end - start < 3 and text[end] in _DIGITS:
        end += 1
    return end


def _cn_number(text: str) -> int | None:
    try:
        return parse_chinese_number(text)
    except (KeyError, ValueError, IndexError):
        return None


def enumerator(line: str) -> Enumerator | None:
    """The enumerator that opens `line`, if any."""
    if not line:
        return None
    first = line[0]
    # （一） （1） and their garbled forms ?一） （一?
    if first in "（(" or first in _GARBLE:
        begin = 1
        while first in _GARBLE and begin < 6 and line[begin : begin + 1] in tuple(_GARBLE):
            begin += 1  # ??二） : more than one byte of the bracket garbled
        cn_end = _cn_run(line, begin)
        if cn_end > begin and cn_end < len(line) and line[cn_end] in "）)" + _GARBLE:
            if first in _GARBLE and line[cn_end] in _GARBLE:
                return None
            n = _cn_number(line[begin:cn_end])
            if n:
                return Enumerator("（一）", n, line[cn_end + 1 :].strip())
        if first in _GARBLE and begin >= 2 and cn_end == begin:
            # ??? 推进乙事项: the whole enumerator garbled; its siblings tell which (body.py).
            rest = line[begin:].lstrip("".join(_GARBLE))
            if rest and "\u4e00" <= rest[0] <= "\u9fff":
                return Enumerator(GARBLED, 0, rest.strip())
        d_end = _digit_run(line, 1)
        if d_end > 1 and d_end < len(line) and line[d_end] in "）)" and first in "（(":
            return Enumerator("（1）", int(line[1:d_end]), line[d_end + 1 :].strip())
        return None
    if first in _CIRCLED:
        return Enumerator("①", _CIRCLED.index(first) + 1, line[1:].strip())
    if first == "第":
        cn_end = _cn_run(line, 1)
        if cn_end > 1 and line[cn_end : cn_end + 1] in ("章", "部", "条", "节") and line[cn_end] == "章":
            n = _cn_number(line[1:cn_end])
            if n:
                return Enumerator("第一章", n, line[cn_end + 1 :].strip())
        return None
    if first in _CN_DIGITS:
        cn_end = _cn_run(line, 0)
        mark = line[cn_end : cn_end + 1]
        n = _cn_number(line[:cn_end])
        if n is None:
            return None
        if mark in ("、", "．") or (mark == "." and not line[cn_end + 1 : cn_end + 2].isdigit()):
            return Enumerator("一、", n, line[cn_end + 1 :].strip())
        if mark == "是":
            return Enumerator("一是", n, line[cn_end + 1 :].strip())
        return None
    if first in _DIGITS:
        d_end = _digit_run(line, 0)
        mark = line[d_end : d_end + 1]
        after = line[d_end + 1 : d_end + 2]
        # 1.5 is a number, not item 1; 2、2010年底前… is item 2.
        if mark == "、" or (mark in (".", "．") and after not in _DIGITS):
            return Enumerator("1" + mark, int(line[:d_end]), line[d_end + 1 :].strip())
        if mark == "*" or (mark == "" and d_end == len(line)):
            return None  # a table's row number: the table reader's business
        return None
    return None


def malformed_heading(line: str) -> str | None:
    """The numeral of a heading such as 一二、 that is no Chinese numeral from 一 to 九十九 —
    a typo the office must correct, since the outline depends on it — or None."""
    if not line or line[0] not in _CN_DIGITS:
        return None
    end = _cn_run(line, 0)
    if end < 2 or line[end : end + 1] != "、":
        return None
    return line[:end] if _cn_number(line[:end]) is None else None


# The rank a style usually has when a document uses several: 第一章 over 一、 over （一） over 1.
_RANK = {"第一章": 0, "一、": 1, "（一）": 2, "1.": 3, "1、": 3, "1．": 3, "（1）": 4, "①": 5, "一是": 6}


def levels(styles_in_order: list[str], midway: bool = False) -> dict[str, int]:
    """Each style's level: the order of first appearance. A copy that opens in the middle of a
    document (`midway`: its first enumerator is not the first of its list, as a law site's
    page 4 opens at 6.) may show a lower style before a higher one (6.… then 五、市国土资源局):
    there the styles usually above the first one go above it."""
    order: list[str] = []
    for style in styles_in_order:
        if style not in order:
            order.append(style)
    first = _RANK.get(order[0]) if order else None
    if midway and first is not None:
        higher = [st for st in order if _RANK.get(st, first) < first]
        order = higher + [st for st in order if st not in higher]
    return {style: level for level, style in enumerate(order)}
