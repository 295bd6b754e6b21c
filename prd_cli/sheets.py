"""What every sheet prd writes shares: Chinese dates and recurrences, fonts, widths, row heights
that show wrapped text, and a page setup that prints on A4 landscape with the header repeated."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from .linebreak import cells
from .models import Deadline
from .periods import Period, Recurrence

FONT = "宋体"
FONT_SIZE = 10
A4 = "9"  # Excel's paper size code for A4 (Worksheet.PAPERSIZE_A4)
LINE_HEIGHT = 13.0  # points per line of 10-point 宋体, with leading
HALVES = {"1": "上半年", "2": "下半年"}
QUARTERS = {"1": "第一季度", "2": "第二季度", "3": "第三季度", "4": "第四季度"}
FREQUENCIES = {"monthly": "每月", "quarterly": "每季度", "twice-yearly": "每年两次", "yearly": "每年"}


def day_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def period_zh(text: str) -> str:
    """2017 → 2017年, 2017H2 → 2017年下半年, 2017Q3 → 2017年第三季度, 2017-06 → 2017年6月,
    2017-06-30 → 2017年6月30日, 2017..2020 → 2017年至2020年."""
    if ".." in text:
        first, _, last = text.partition("..")
        return f"{period_zh(first)}至{period_zh(last)}"
    m = re.fullmatch(r"(\d{4})(?:H(\d)|Q(\d)|-(\d{2})(?:-(\d{2}))?)?", text)
    if not m:
        return text
    year, half, quarter, month, day = m.groups()
    if half:
        return f"{year}年{HALVES[half]}"
    if quarter:
        return f"{year}年{QUARTERS[quarter]}"
    if day:
        return f"{year}年{int(month)}月{int(day)}日"
    if month:
        return f"{year}年{int(month)}月"
    return f"{year}年"


def recurrence_zh(every: Recurrence) -> str:
    """monthly → 每月 …; fixed days 06-30,12-31 → 每年6月30日和12月31日."""
    if every.frequency:
        return FREQUENCIES[every.frequency]
    days = [f"{m}月{d}日" for m, d in every.days]
    joined = "、".join(days[:-1]) + "和" + days[-1] if len(days) > 1 else days[0]
    return f"每年{joined}"


def deadline_zh(dl: Deadline) -> str:
    """A deadline as an office writes it: 2017年底前 is kept as its period, 每月, 每年6月30日和12月31日."""
    if dl.due is not None:
        when = period_zh(str(dl.due))
    else:
        assert dl.every is not None
        when = recurrence_zh(dl.every)
        if dl.start is not None:
            when = f"自{period_zh(str(dl.start))}起{when}"
        if dl.until is not None:
            when += f"，至{period_zh(str(dl.until))}"
    return f"{when}（争取）" if dl.soft else when


def occurrence_zh(label: str | None) -> str:
    """An occurrence's label (2017-11, 2018Q1, 2018H1, 2018, 2018-06-30) in Chinese."""
    return period_zh(label) if label else ""


def lines_in(text: str, width: float) -> int:
    """Lines a wrapped cell of `width` (Excel character units) needs for `text`."""
    per_line = max(int(width * 1.05) - 1, 2)  # 10-point 宋体: about 1.9 width units a character
    return sum(max(1, math.ceil(cells(part) / per_line)) for part in str(text).split("\n"))


def wrap_list(text: str, width: float, sep: str = "、") -> str:
    """A `sep`-joined list broken into lines only between its entries, so an id such as 25.2 is
    never split across two lines the way a spreadsheet's own wrapping splits it."""
    per_line = max(int(width * 1.05) - 1, 2)  # as `lines_in` counts
    lines: list[str] = []
    for part in text.split(sep) if text else []:
        if lines and cells(lines[-1] + sep + part) <= per_line:
            lines[-1] += sep + part
        else:
            if lines:
                lines[-1] += sep
            lines.append(part)
    return "\n".join(lines)


def row_height(values: Sequence[Any], widths: Sequence[float], minimum_lines: int = 1, skip: int = 0) -> float:
    """A row's height for its wrapped text to show whole (Excel does not do it for files it did
    not lay out itself, and LibreOffice prints what the file says). The first `skip` columns
    are left out (merged cells, fitted by `merged_heights`)."""
    lines = minimum_lines
    for v, width in list(zip(values, widths, strict=False))[skip:]:
        if v not in (None, ""):
            lines = max(lines, lines_in(v if not isinstance(v, date) else "0000-00-00", width))
    return lines * LINE_HEIGHT + 4


def merged_heights(first: Sequence[Any], widths: Sequence[float], columns: int, heights: list[float]) -> list[float]:
    """Rows that share merged cells in the first `columns` columns (their values those of the
    first row) made tall enough together to show those cells whole, any extra shared evenly."""
    lines = max((lines_in(first[i] or "", widths[i]) for i in range(columns)), default=1)
    needed = lines * LINE_HEIGHT + 4
    have = sum(heights)
    if have >= needed:
        return heights
    extra = (needed - have) / len(heights)
    return [h + extra for h in heights]


def fit_heights(ws: Any, widths: Sequence[float], first_row: int, minimum_lines: int = 1) -> None:
    """Set the height of each row of a sheet from `first_row` on (see `row_height`)."""
    for row in ws.iter_rows(min_row=first_row):
        ws.row_dimensions[row[0].row].height = row_height([c.value for c in row], widths, minimum_lines)


def page_setup(ws: Any, title_rows: str, *, freeze: str, footer: str = "") -> None:
    """A4 landscape, one page wide, as many long as it takes; header rows on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4  # a write-only sheet lacks the constant a normal one has
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = title_rows
    ws.freeze_panes = freeze
    ws.oddFooter.center.text = (footer + "  " if footer else "") + "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9


def period_title(period: Period) -> str:
    return period_zh(period.text)
