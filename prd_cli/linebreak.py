"""Set Chinese text in lines of a given display width, the way printed Chinese breaks lines.

A terminal shows a Chinese character in two cells. Chinese typesetting never starts a line
with closing punctuation (，。、；：）” and the like) nor ends one with an opening bracket
（（“《）: the rule 避头尾. Folding at any character breaks it, so table cells that hold
prose are set here (texttable.py draws the table).
"""

from __future__ import annotations

import unicodedata

# Characters that may not begin a line, and those that may not end one.
NO_START = frozenset("，。、；：？！）」』》〉”’】〕…·％,.;:?!)]}%")
NO_END = frozenset("（「『《〈“‘【〔([{")
ELLIPSIS = "…"
# When no break keeps every rule (〈东.、 in six cells), a line may start with Latin
# punctuation (PM2.5's period) rather than with Chinese punctuation such as 、.
_NO_START_CJK = frozenset(ch for ch in NO_START if not ch.isascii())


class _Widths(dict[str, int]):
    """Each character's width, looked up once: tables measure millions of characters."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_WIDTHS = _Widths()
_cell = _WIDTHS.__getitem__


def cells(text: str) -> int:
    """Display width: wide and full-width characters take two cells."""
    return len(text) if text.isascii() else sum(map(_cell, text))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells whose concatenation is `text`, breaking by 避头尾.

    A break that would start a line with closing punctuation moves the character before it
    to the next line as well; one that would end a line with an opening bracket moves the
    bracket down. Only a line made of nothing but such characters is left as it falls.
    """
    if width < 2:
        raise ValueError("a line must hold at least one Chinese character (two cells)")
    lines: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        used, end = 0, start
        while end < n and used + _cell(text[end]) <= width:
            used += _cell(text[end])
            end += 1
        if end < n:
            end = _break(text, start, end, NO_START) or _break(text, start, end, _NO_START_CJK) or end
        lines.append(text[start:end])
        start = end
    return lines


def _break(text: str, start: int, end: int, no_start: frozenset[str]) -> int | None:
    """The latest break at or before `end` that starts no line with `no_start` and ends none
    with an opening bracket; None when the line offers none."""
    brk = end
    # Pull back while the next line would start badly or this one would end badly.
    while brk > start + 1 and (text[brk] in no_start or text[brk - 1] in NO_END):
        brk -= 1
    if text[brk] in no_start or text[brk - 1] in NO_END:
        return None
    return brk


def shorten_lines(text: str, width: int, max_lines: int) -> list[str]:
    """`wrap`, then cut to `max_lines`, the last line ending in … when anything was left out."""
    # Only the head can show: a line holds at most `width` characters, and wrap looks one past
    # a line's end. Setting a 500-character task to show two lines was most of a table's cost.
    head = text[: max_lines * width + 2] if max_lines * width + 2 < len(text) else text
    lines = wrap(head, width)
    if len(lines) <= max_lines and head is text:
        return lines
    lines = lines[:max_lines]
    if sum(map(len, lines)) == len(text):
        return lines
    last = lines[max_lines - 1]
    while last and cells(last) + cells(ELLIPSIS) > width:
        last = last[:-1]
    # An ellipsis after an opening bracket or a comma reads badly: drop those first.
    while last and last[-1] in NO_END | NO_START:
        last = last[:-1]
    return [*lines[: max_lines - 1], last + ELLIPSIS]
