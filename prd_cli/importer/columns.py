"""A page from a PDF gazette turned into HTML, whose two text columns run together line by line:
each line holds the left column's words, a wide run of spaces, then the right column's words.
Read so, every right-column sentence would be cut into the left one's; read column by column
(the left column's lines, then the right's), the items come out whole."""

from __future__ import annotations

import re

_GAP = re.compile(r"\S[ \u3000]{6,}(?=\S)")
_MAX_LINE = 400  # a page line is short; a longer one is prose, never split
_MIN_ROWS = 6  # lines with both columns, before the page is taken for two columns
_MIN_SIDE = 8  # characters on each side of the gap, in half such lines at least
_RIGHT_INDENT = 40  # a line with one part this far in belongs to the right column


def _parts(raw: str) -> tuple[str, str] | None:
    if len(raw) > _MAX_LINE:
        return None
    found = list(_GAP.finditer(raw))
    if len(found) != 1:  # no gap, or an aligned table's several: not two columns of text
        return None
    cut = found[0].start() + 1
    return raw[:cut], raw[cut:]


def split_columns(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`rows` (line number, raw text) column by column when the page has two columns of text."""
    parts = [_parts(raw) for _, raw in rows]
    both = [p for p in parts if p is not None]
    if len(both) < _MIN_ROWS or len(both) * 3 < len([r for r in rows if r[1].strip()]):
        return rows
    wide = [p for p in both if len(p[0].strip()) >= _MIN_SIDE and len(p[1].strip()) >= _MIN_SIDE]
    if len(wide) * 2 < len(both):
        return rows
    left: list[tuple[int, str]] = []
    right: list[tuple[int, str]] = []
    for (number, raw), p in zip(rows, parts, strict=True):
        if p is not None:
            left.append((number, p[0]))
            right.append((number, p[1]))
        elif len(raw) - len(raw.lstrip()) >= _RIGHT_INDENT:
            right.append((number, raw))
        else:
            left.append((number, raw))
    return left + right
