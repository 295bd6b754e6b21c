"""Chinese numerals as documents number their chapters (一、) and measures （二十九）."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


class NumeralError(ValueError):
    """Text that is not a Chinese numeral from 一 to 九十九 (in a heading: the input's to fix)."""


def chinese_number(n: int) -> str:
    """1..99 as written in documents: 十, 十一, 二十, 二十九."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def parse_chinese_number(text: str) -> int:
    """The inverse of chinese_number; ValueError for anything else."""
    if not text or any(ch not in _DIGITS[1:] + "十" for ch in text) or text.count("十") > 1:
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    if "十" not in text:
        if len(text) != 1:
            raise NumeralError(f"not a Chinese numeral: {text!r}")
        return _DIGITS.index(text)
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)
