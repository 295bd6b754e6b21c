"""Draw a plain terminal table that knows East Asian widths, at a cost linear in its cells.

rich drew prd's tables until it cost more than the rest of a command: about 45 ms to import
and over a millisecond a row to lay out (41 s for a 25,000-row table). prd's tables need none
of its features: cells arrive as text, prose is set by linebreak.py, and the only layout left
is choosing column widths, which this module does in one pass over the cells.

The look is rich's SIMPLE_HEAD box, which prd's tests and users know: a header, one rule,
the rows; two spaces at the left, three between columns, no trailing spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .linebreak import cells, shorten_lines, wrap

LEFT = "  "
GAP = "   "
RULE = "─"
LIST_SEPARATOR = "、"
# A unit list is kept on one line up to this width, so a long list does not widen its
# column past the prose beside it; longer lists wrap between names.
LIST_WIDTH = 24
MIN_PROSE = 10
SHORT = 16


@dataclass(frozen=True)
class Spec:
    """A column: "plain" (ids, dates, names; folded only when the terminal leaves no room),
    "prose" (set by 避头尾 in lines of at most `width` cells, at most `lines` of them) or
    "list" (names, broken only between names)."""

    header: str
    kind: str
    width: int | None = None
    lines: int = 2


def _names(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)] if value else []


# Where a short value may break before it is cut: at a space (2026-12-31 即将到期) and before
# a bracket (配合（各相关部门）).
_BREAKS = re.compile(r" +|(?=（)")


def _fold(line: str, width: int) -> list[str]:
    if cells(line) <= width:
        return [line]
    out: list[str] = []
    current = ""
    for piece in _BREAKS.split(line):
        if not piece:
            continue
        joined = f"{current} {piece}" if current and not piece.startswith("（") else current + piece
        if current and cells(joined) > width:
            out.append(current)
            current = piece
        else:
            current = joined
    out.append(current)
    return [part for line_ in out for part in (wrap(line_, max(width, 2)) if cells(line_) > width else [line_])]


def _unbreakable(text: str) -> int:
    """The widest piece a short value keeps whole when its column narrows."""
    return max((cells(p) for line in text.split("\n") for p in _BREAKS.split(line)), default=0)


def _list_lines(names: Sequence[str], width: int) -> list[str]:
    """Names joined by 、, broken only between names, each line ending in its 、."""
    lines: list[str] = []
    current = ""
    last = len(names) - 1
    for i, name in enumerate(names):
        piece = name + (LIST_SEPARATOR if i < last else "")
        if current and cells(current) + cells(piece) > width:
            lines.append(current)
            current = ""
        current += piece
    if current or not lines:
        lines.append(current)
    return [folded for line in lines for folded in _fold(line, width)]


def _measure(spec: Spec, value: object) -> tuple[int, int]:
    """The width a cell would like, and the least it can do with."""
    if spec.kind == "list" and isinstance(value, list | tuple):
        names = _names(value)
        sep = cells(LIST_SEPARATOR)
        # Every name but the last carries its 、 to the end of its line.
        longest = max((cells(n) + (sep if i < len(names) - 1 else 0) for i, n in enumerate(names)), default=0)
        whole = sum(cells(n) for n in names) + sep * max(len(names) - 1, 0)
        # A long name (滨海湾新区（东莞港）管委会) may break before its bracket rather than
        # take the task's room on an 80-column terminal.
        piece = max((_unbreakable(n) for n in names), default=0) + sep
        return min(whole, max(LIST_WIDTH, longest)), min(longest, max(SHORT, piece))
    text = str(value)
    if spec.kind == "prose":
        # A 500-character task set in two lines of 22: count no further than the line's width.
        limit = spec.width or len(text) * 2
        return min(cells(text[:limit]), limit), MIN_PROSE
    widest = max((cells(line) for line in text.split("\n")), default=0)
    # Short values (ids, dates, counts) break only at spaces and brackets; long ones (a full
    # name) may fold anywhere 避头尾 allows.
    return widest, min(_unbreakable(text), SHORT)


def _widths(specs: Sequence[Spec], rows: Sequence[Sequence[object]], available: int) -> list[int]:
    want = [cells(s.header) for s in specs]
    least = list(want)
    # A "list" column whose cells are single strings (a full name, a next milestone) narrows
    # as plain text does.
    names = [False] * len(specs)
    # Unit lists, roles and dates repeat from row to row: each distinct one is measured once
    # (and set in lines once, in draw).
    measured: list[dict[tuple[object, ...], tuple[int, int]]] = [{} for _ in specs]
    for row in rows:
        for i, (spec, value) in enumerate(zip(specs, row, strict=True)):
            if spec.kind == "prose":
                w, m = _measure(spec, value)
            else:
                key = _key(value)
                found = measured[i].get(key)
                if found is None:
                    names[i] = names[i] or (spec.kind == "list" and isinstance(value, list | tuple))
                    found = measured[i][key] = _measure(spec, value)
                w, m = found
            if w > want[i]:
                want[i] = w
            if m > least[i]:
                least[i] = m
    least = [min(m, w) for m, w in zip(least, want, strict=True)]
    widths = list(want)
    over = len(LEFT) + sum(want) + len(GAP) * (len(specs) - 1) - available
    # Too wide for the terminal: unit lists narrow first (they wrap between names), then long
    # plain values (a full name), then the task's words, short values (2017-06-30 逾期) last;
    # within a stage each column gives in proportion to what it can spare. What still does not
    # fit runs over rather than hide text.
    kinds = ["list" if names[i] else "prose" if s.kind == "prose" else "plain" for i, s in enumerate(specs)]
    stages = (
        lambda i: kinds[i] == "list",
        lambda i: kinds[i] == "plain" and want[i] > SHORT,
        lambda i: kinds[i] == "prose",
        lambda i: kinds[i] == "plain" and want[i] <= SHORT,  # a date and its state, last
    )
    for stage in stages:
        if over <= 0:
            break
        mine = [i for i in range(len(specs)) if stage(i)]
        slack = sum(widths[i] - least[i] for i in mine)
        if slack <= 0:
            continue
        give = min(over, slack)
        for i in mine:
            take = (widths[i] - least[i]) * give // slack
            widths[i] -= take
            over -= take
        for i in sorted(mine, key=lambda k: least[k] - widths[k]):
            take = min(over, widths[i] - least[i])
            if take > 0:
                widths[i] -= take
                over -= take
    return widths


def _lines(spec: Spec, value: object, width: int) -> list[str]:
    if spec.kind == "list" and isinstance(value, list | tuple):
        return _list_lines(_names(value), width)
    text = str(value)
    if spec.kind == "prose":
        return shorten_lines(text, max(width, 2), spec.lines) if text else [""]
    return [folded for line in text.split("\n") for folded in _fold(line, width)]


def _key(value: object) -> tuple[object, ...]:
    """What _measure and _lines see of a cell: its names when it is a list (a list of one
    name is drawn unlike the name alone), else its text."""
    return (True, *_names(value)) if isinstance(value, list | tuple) else (False, str(value))


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - cells(text), 0)


def draw(specs: Sequence[Spec], rows: Sequence[Sequence[object]], available: int, title: str | None = None) -> str:
    """The table as text, fitted to `available` columns where the cells allow."""
    widths = _widths(specs, rows, available)
    out: list[str] = []
    if title:
        out.append(title)
    out.append((LEFT + GAP.join(_pad(s.header, w) for s, w in zip(specs, widths, strict=True))).rstrip())
    out.append(" " + RULE * (len(LEFT) + sum(widths) + len(GAP) * (len(specs) - 1) - 1))
    set_lines: list[dict[tuple[object, ...], list[str]]] = [{} for _ in specs]
    for row in rows:
        columns = []
        for i, (s, v, w) in enumerate(zip(specs, row, widths, strict=True)):
            if s.kind == "prose":  # a task's words rarely repeat: nothing to keep
                columns.append(_lines(s, v, w))
                continue
            key = _key(v)
            lines = set_lines[i].get(key)
            if lines is None:
                lines = set_lines[i][key] = _lines(s, v, w)
            columns.append(lines)
        height = max(len(c) for c in columns)
        for k in range(height):
            parts = [_pad(c[k] if k < len(c) else "", w) for c, w in zip(columns, widths, strict=True)]
            out.append((LEFT + GAP.join(parts)).rstrip())
    return "\n".join(out) + "\n\n"
