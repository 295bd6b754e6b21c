"""The one period syntax shared by the data and the command line, and recurring due dates.

Periods: 2017, 2017H1, 2017Q3, 2017-06, 2017-06-30, and windows such as 2017..2020.
A period used as a deadline means its last day. Recurrences: monthly, quarterly,
twice-yearly, yearly, or fixed days of every year such as 06-30,12-31.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .i18n import _

_SIMPLE = re.compile(r"^(\d{4})(?:(H)(\d+)|(Q)(\d+)|-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FIXED_DAY = re.compile(r"^(\d{2})-(\d{2})$")
EXAMPLES = "2017, 2017H2, 2017Q3, 2017-06, 2017-06-30 or 2017..2020"
RECURRENCES = ("monthly", "quarterly", "twice-yearly", "yearly")


class PeriodError(ValueError):
    """A period or recurrence string that does not parse; the message says how to fix it."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    text: str

    def __str__(self) -> str:
        return self.text

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def is_window(self) -> bool:
        return ".." in self.text


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _simple(text: str) -> Period:
    m = _SIMPLE.match(text)
    if not m:
        raise PeriodError(_('"{text}" is not a period: write {examples}').format(text=text, examples=EXAMPLES))
    year = int(m[1])
    if year < 1900 or year > 2999:
        raise PeriodError(_('"{text}": the year {year} is out of range (1900-2999)').format(text=text, year=year))
    if m[2]:
        half = int(m[3])
        if half not in (1, 2):
            raise PeriodError(_('"{text}": a half year is H1 or H2 (e.g. {year}H2)').format(text=text, year=year))
        return Period(date(year, 6 * half - 5, 1), _month_end(year, 6 * half), f"{year}H{half}")
    if m[4]:
        q = int(m[5])
        if not 1 <= q <= 4:
            raise PeriodError(_('"{text}": a quarter is Q1 to Q4 (e.g. {year}Q3)').format(text=text, year=year))
        return Period(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), f"{year}Q{q}")
    if m[6]:
        month = int(m[6])
        if not 1 <= month <= 12:
            raise PeriodError(_('"{text}": the month must be 01 to 12 (e.g. {year}-06)').format(text=text, year=year))
        if m[7]:
            day = int(m[7])
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise PeriodError(
                    _('"{text}": {month} has days 01 to {last}').format(
                        text=text, month=f"{year}-{month:02d}", last=last
                    )
                )
            d = date(year, month, day)
            return Period(d, d, d.isoformat())
        return Period(date(year, month, 1), _month_end(year, month), f"{year}-{month:02d}")
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def parse_period(text: str) -> Period:
    """Parse a period or a window `A..B`; raise PeriodError with a fix on bad input."""
    text = text.strip()
    if ".." in text:
        first, _sep, last = text.partition("..")
        a, b = _simple(first.strip()), _simple(last.strip())
        if b.end < a.start:
            raise PeriodError(_('"{text}": the window ends before it starts').format(text=text))
        return Period(a.start, b.end, f"{a.text}..{b.text}")
    return _simple(text)


def half_year_of(day: date) -> Period:
    return parse_period(f"{day.year}H{1 if day.month <= 6 else 2}")


@dataclass(frozen=True)
class Recurrence:
    """How often a duty falls due: a named frequency or fixed (month, day) pairs each year."""

    text: str
    frequency: str | None
    days: tuple[tuple[int, int], ...] = ()

    def __str__(self) -> str:
        return self.text

    def occurrences(self, start: date, end: date | None, lo: date, hi: date) -> list[Occurrence]:
        """Occurrences due in [lo, hi], none before `start` and none after `end`."""
        lo = max(lo, start)
        if end is not None:
            hi = min(hi, end)
        found: list[Occurrence] = []
        for year in range(lo.year, hi.year + 1):
            for label, due in self._in_year(year):
                if lo <= due <= hi:
                    found.append(Occurrence(label, due))
        return found

    def _in_year(self, year: int) -> list[tuple[str, date]]:
        if self.frequency == "monthly":
            return [(f"{year}-{m:02d}", _month_end(year, m)) for m in range(1, 13)]
        if self.frequency == "quarterly":
            return [(f"{year}Q{q}", _month_end(year, 3 * q)) for q in range(1, 5)]
        if self.frequency == "twice-yearly":
            return [(f"{year}H{h}", _month_end(year, 6 * h)) for h in (1, 2)]
        if self.frequency == "yearly":
            return [(str(year), date(year, 12, 31))]
        out = []
        for month, day in self.days:
            # 02-29 in a common year falls due on 02-28.
            d = date(year, month, min(day, calendar.monthrange(year, month)[1]))
            out.append((d.isoformat(), d))
        return out


@dataclass(frozen=True, order=True)
class Occurrence:
    label: str
    due: date


def parse_recurrence(text: str) -> Recurrence:
    text = text.strip()
    if text in RECURRENCES:
        return Recurrence(text, text)
    days = []
    for part in text.split(","):
        m = _FIXED_DAY.match(part.strip())
        if not m:
            raise PeriodError(
                _(
                    '"{text}" is not a recurrence: write {recurrences}, or fixed days of the year such as 06-30,12-31'
                ).format(text=text, recurrences=", ".join(RECURRENCES))
            )
        month, day = int(m[1]), int(m[2])
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
            raise PeriodError(_('"{text}" is not a day of the year (MM-DD, e.g. 06-30)').format(text=part.strip()))
        days.append((month, day))
    if len(set(days)) != len(days):
        raise PeriodError(_('"{text}": a day is listed twice').format(text=text))
    days.sort()
    return Recurrence(",".join(f"{m:02d}-{d:02d}" for m, d in days), None, tuple(days))


_QUARTER_WORDS = "一二三四"


def period_words(period: Period | str) -> str:
    """A period as people write it: 2017H2 → 2017年下半年, 2017Q3 → 2017年第三季度,
    2017-06 → 2017年6月, 2017-06-30 → 2017年6月30日, 2017..2020 → 2017年至2020年."""
    text = period.text if isinstance(period, Period) else parse_period(period).text
    if ".." in text:
        first, _sep, last = text.partition("..")
        return f"{period_words(first)}至{period_words(last)}"
    year, rest = text[:4], text[4:]
    if not rest:
        return f"{year}年"
    if rest[0] == "H":
        return f"{year}年{'上' if rest[1] == '1' else '下'}半年"
    if rest[0] == "Q":
        return f"{year}年第{_QUARTER_WORDS[int(rest[1]) - 1]}季度"
    parts = [int(p) for p in rest[1:].split("-")]
    return f"{year}年{parts[0]}月" + (f"{parts[1]}日" if len(parts) > 1 else "")
