"""Set Chinese text in lines of a given display width, the way printed Chinese breaks lines.

A terminal shows a Chinese character in two cells. Chinese typesetting never starts a line
with closing punctuation (，。、；：）” and the like) nor ends one with an opening bracket
（（“《）: the rule 避头尾. rich folds Chinese at any character, so table cells that hold
prose are set here instead.
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


def cells(text: str) -> int:
    """Display width: wide and full-width characters take two cells."""
    return sum(_cell(ch) for ch in text)


def _cell(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


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
    lines = wrap(text, width)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and cells(last) + cells(ELLIPSIS) > width:
        last = last[:-1]
    # An ellipsis after an opening bracket or a comma reads badly: drop those first.
    while last and last[-1] in NO_END | NO_START:
        last = last[:-1]
    return [*lines[: max_lines - 1], last + ELLIPSIS]
