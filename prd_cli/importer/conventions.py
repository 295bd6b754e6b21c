"""Document-level conventions: a sentence, once, that says how to read every clause.

`排在第一位的部门为牵头部门，下同`, `列第一位者为牵头单位`, `列第一位为牵头或汇总单位`: the
first-named unit of an unlabelled list leads and the others support, except where a clause
says 分别牵头 (every named unit leads). Without such a sentence, units named without a 牵头
label are joint owners.
"""

from __future__ import annotations

from dataclasses import dataclass

from .grammar import Clause

_FIRST: tuple[str, ...] = (
    "排在第一位", "列第一位", "排第一位", "列在第一位", "排在首位", "列首位", "排名第一", "第一位", "首位", "第一个",
    "首个", "排在前面", "排在最前",
)  # fmt: skip
# 第一责任单位为牵头单位: the first unit named, in a notice's own words.
_FIRST += ("第一责任单位", "第一个单位", "第一家单位")
# 排序第一的为牵头单位, 排名第一位的: the order named in other words.
_FIRST += ("排序第一", "排序在第一", "排序在前", "排列第一", "位列第一", "列在首位")
# 列第一者为牵头单位, 排第一的为牵头部门: the position without 位.
_FIRST += ("列第一者", "排第一者", "列第一的", "排第一的")
# What the first-named unit is said to be; 牵头单位排在第一位 says it before the position.
_LEADS = ("牵头", "汇总", "为主办", "为主责")
_STRICT_LEADS = ("为牵头", "为汇总", "为主办", "为主责")
_BEFORE = 8
_LEAD_BODIES = ("牵头单位", "牵头部门")
# Words common outside a convention too (全国首个由市发改委牵头的…): they need 为牵头 after them.
_LOOSE = ("第一个", "首个", "排在前面", "排在最前")


@dataclass
class Conventions:
    first_named_leads: bool = False
    source: str = ""  # the sentence that says so


def _first_named(text: str) -> int:
    """The position of a first-named-leads sentence in `text`, or -1. One pass of str.find."""
    for word in _FIRST:
        start = text.find(word)
        while start >= 0:
            window = text[start : start + len(word) + 16]
            leads = _STRICT_LEADS if word in _LOOSE else _LEADS
            before = text[max(0, start - _BEFORE) : start]
            if any(w in window for w in leads) or any(w in before for w in _LEAD_BODIES):
                return start
            start = text.find(word, start + 1)
    return -1


def detect(lines: list[str]) -> Conventions:
    for text in lines:
        if _first_named(text) >= 0:
            return Conventions(True, text[:120])
    return Conventions()


def strip_convention(text: str) -> tuple[str, str | None]:
    """`text` without a bracketed convention note such as （除标注“分别牵头”外，列第一位为牵头
    或汇总单位，下同）, and the note."""
    at = _first_named(text)
    if at < 0:
        return text, None
    open_at = max(text.rfind("（", 0, at), text.rfind("(", 0, at))
    if open_at < 0:
        # 市发改委、市农委。排名第一的为牵头单位，下同: the note a sentence after the units.
        dot = max(text.rfind("。", 0, at), text.rfind("；", 0, at))
        if dot > 0:
            return text[:dot].strip(), text[dot + 1 :].strip()
        return text, None
    close_at = -1
    for i in range(at, len(text)):
        if text[i] in "）)":
            close_at = i
            break
    if close_at < 0:
        return text, None
    return (text[:open_at] + text[close_at + 1 :]).strip(), text[open_at : close_at + 1]


def apply(clause: Clause, conventions: Conventions) -> tuple[Clause, str | None]:
    """The clause read under the document's conventions, and what changed."""
    if conventions.first_named_leads and clause.joint and not clause.lead and "分别负责" not in clause.how:
        lead, *support = clause.joint
        return (
            Clause((lead,), (*clause.support, *support), (), clause.how, clause.notes),
            "the document says the first-named unit leads (" + conventions.source[:40] + "…)",
        )
    return clause, None
