"""The last pass: every line of the source is in the draft somewhere, or listed as unplaced.

The readers place text by structure, and a layout they misread can leave a line in none of
the draft's strings (a sub-item under a heading read twice, a paragraph under a heading of a
document with no clauses). The draft is what a reviewer checks against the source, so a line
that reached nothing is listed at the end like any other unplaced line rather than lost.

A line is compared by its pieces between punctuation: the draft joins wrapped lines, strips
enumerators and splits table cells, but keeps what lies between two marks. A piece also counts
when it opens or closes a longer piece of the draft (a units cell a page broke in two). Table
headers and the labels of labelled lines are structure, not text. Linear in the text: one set
of the draft's pieces, and two of their ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .nodes import Line

_MARKS = re.compile(r"[\W_]+")
_END = 4  # characters of a piece's ends that index it
_STRUCTURE = frozenset(
    "序号 工作任务 主要任务 重点任务 任务 牵头单位 配合单位 责任单位 牵头部门 配合部门 责任部门 完成时限 时限"
    " 完成时间 进展情况 进度 备注 项目 项目名称 项目内容 建设内容 目标 牵头领导 责任领导 分管领导 责任人"
    " 类别 序 号".split()
)


def _pieces(text: str) -> list[str]:
    return [p for p in _MARKS.split(text) if p]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def unaccounted(lines: Iterable[Line], *drafted: Any) -> list[Line]:
    """The lines of `lines` more than half of whose text is in none of `drafted`'s strings."""
    whole: set[str] = set()
    starts: dict[str, list[str]] = {}
    ends: dict[str, list[str]] = {}
    for text in _strings(drafted):
        for piece in _pieces(text):
            if piece in whole:
                continue
            whole.add(piece)
            starts.setdefault(piece[:_END], []).append(piece)
            ends.setdefault(piece[-_END:], []).append(piece)
    out = []
    for line in lines:
        total = missing = 0
        for piece in _pieces(line.text):
            if len(piece) < 2 or piece in _STRUCTURE or (piece.isdigit() and len(piece) <= 3):  # 序号 80
                continue
            total += len(piece)
            if piece in whole or _in_longer(piece, starts, ends):
                continue
            missing += len(piece)
        if missing * 2 > total:
            out.append(line)
    return out


_MAX_CANDIDATES = 8  # longer pieces sharing an end looked at: bounded, so the pass stays linear


def _in_longer(piece: str, starts: dict[str, list[str]], ends: dict[str, list[str]]) -> bool:
    if len(piece) < _END:
        return False
    for longer in starts.get(piece[:_END], ())[:_MAX_CANDIDATES]:
        if longer.startswith(piece):
            return True
    return any(longer.endswith(piece) for longer in ends.get(piece[-_END:], ())[:_MAX_CANDIDATES])
