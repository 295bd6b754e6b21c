"""A units label run onto the task it closes, with nothing between or after the task's full
stop: `（一）适龄女生HPV疫苗接种牵头责任部门：县卫生健康委员会`, then the progress paragraph, or
`1.加快推进某事。牵头单位：市发改委；配合单位：市财政局`. The task and its label are two lines,
which the labelled-lines finder then reads like any other."""

from __future__ import annotations

import re

from .grammar import LEAD_LABELS, PERSON_LABELS, RESPONSIBLE_LABELS, SUPPORT_LABELS, looks_like_unit, split_units
from .nodes import Line

_LABELS = sorted({*LEAD_LABELS, *SUPPORT_LABELS, *RESPONSIBLE_LABELS}, key=len, reverse=True)
_GLUED = re.compile("(?:" + "|".join(re.escape(label) for label in _LABELS if len(label) >= 4) + ")[：:]")
# Marks before a label that other finders read already: a comma (学前教育促进，牵头单位：…),
# a semicolon between labels, a bracket, a space (a run-on page's break).
_SET_APART = "，,；;：:、（(〔[【 \u3000"
_OPEN, _CLOSE = "（(〔[【", "）)〕]】"
_MAX_LINE = 200
# 牵头领导：阮斌副局长 just before the label: a leader's name and title, at most a dozen characters.
_AFTER_PERSON = re.compile("(?:" + "|".join(re.escape(label) for label in PERSON_LABELS) + ")[：:][^：:，。；]{1,12}$")
_MAX_UNITS = 120


def _split(text: str) -> tuple[str, str] | None:
    if len(text) > _MAX_LINE or "|" in text:  # a table's row keeps its cells
        return None
    m = _GLUED.search(text)
    if m is None or m.start() < 4 or text[m.start() - 1] in _SET_APART:
        return None
    before = text[: m.start()]
    if sum(before.count(ch) for ch in _OPEN) != sum(before.count(ch) for ch in _CLOSE):
        return None  # (责任领导：甲。牵头单位：乙): inside a bracket the clause finder reads
    value = text[m.end() :].strip().rstrip("。；;")
    if not value or len(value) > _MAX_UNITS or "。" in value:
        return None
    units = split_units(value)
    if not units or not all(len(u) <= 30 for u in units):
        return None
    # After a person's line (牵头领导：阮斌副局长责任部门：建工科), the label opens the units'
    # line whatever their names end in (科, a bureau's sections); elsewhere they must end like units.
    if not _AFTER_PERSON.search(before) and not all(looks_like_unit(u) for u in units):
        return None
    return text[: m.start()].rstrip(), text[m.start() :].strip()


def split_glued(lines: list[Line]) -> list[Line]:
    """`lines` with each heading that a units label closes without a break cut before it."""
    out: list[Line] = []
    for line in lines:
        parts = _split(line.text) if "：" in line.text or ":" in line.text else None
        if parts is None:
            out.append(line)
        else:
            out += [Line(line.number, parts[0]), Line(line.number, parts[1])]
    return out
