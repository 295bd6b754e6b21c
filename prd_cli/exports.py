"""Exports for the tools offices use: an Excel ledger, CSV that Excel opens, a calendar."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from copy import copy
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .deadlines import item_dues, recurrence_start
from .i18n import _
from .ledger import LEDGER_HEADERS, LedgerRow
from .periods import Period
from .queries import has_role
from .render import cell
from .safetext import neutralise  # one neutraliser for every CSV and xlsx path
from .sheets import FONT, FONT_SIZE, day_zh, merged_heights, page_setup, period_zh, row_height, wrap_list


def ledger_csv(rows: list[LedgerRow]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(LEDGER_HEADERS.values())
    for row in rows:
        writer.writerow([neutralise(cell(v)) for v in asdict(row).values()])
    # The BOM is what makes Excel on Chinese Windows read UTF-8 instead of GBK.
    return buf.getvalue().encode("utf-8-sig")


LEDGER_COLUMNS: list[tuple[str, str, float]] = [
    ("id", "编号", 5),
    ("text", "工作任务（摘要）", 22),
    ("owners", "牵头单位", 11),
    ("support", "配合单位", 13),
    ("node", "节点", 22),
    ("when", "时限", 12),
    ("due", "截止日期", 10.5),
    ("status", "状态", 8),
    ("reporter", "报送单位", 9),
    ("reported_on", "报送日期", 10.5),
    ("note", "进展情况", 24),
    ("contributions", "配合单位报送", 16),
]
# Lists of item ids (6.1、21.1、25.2): wrapped between ids, never inside one.
ID_LISTS = {"owns", "supports"}
MERGED = 4  # 编号 to 配合单位: one cell per item, however many milestones it has
UNIT_COLUMNS: list[tuple[str, str, float]] = [
    ("unit", "单位", 18),
    ("owns", "牵头（共同负责）事项", 36),
    ("supports", "配合事项", 44),
    ("due", "本期到期节点", 10),
    ("done", "已完成", 8),
    ("overdue", "逾期", 8),
    ("unreported", "到期未报送", 10),
]


# Excel's last row is 1,048,576; a sheet's title and header take two.
EXCEL_ROWS = 1_048_576 - 2


class TooManyRows(ValueError):
    """A ledger sheet would hold more rows than Excel opens: the office must narrow it."""


def ledger_xlsx(items: list[Any], due: list[Any], units: list[Any], period: Period, as_of: date, title: str) -> bytes:
    """Three sheets — every item by milestone, what falls due in the period, by unit — each
    titled, with real dates, a frozen and repeated header, and a page setup for A4 landscape."""
    from openpyxl import Workbook

    for what, rows in (("事项台账 items", items), ("到期事项 due", due), ("分单位 units", units)):
        if len(rows) > EXCEL_ROWS:
            raise TooManyRows(
                _(
                    "the {sheet} sheet would hold {count} rows, past the {most} Excel opens:"
                    " narrow it with --unit or --doc, or use --format sqlite or parquet"
                ).format(sheet=what, count=f"{len(rows):,}", most=f"{EXCEL_ROWS:,}")
            )

    # Write-only: each row goes to the file as it is made, so memory stays flat however many
    # rows a sheet has (a normal workbook holds a styled object per cell until it is saved).
    book = Workbook(write_only=True)
    when = f"（{period_zh(period.text)}，截至{day_zh(as_of)}）"
    sheets = [
        ("事项台账", f"{title} 工作台账{when}", LEDGER_COLUMNS, items),
        # The period leads this sheet's title already: say it once.
        (f"{period}到期事项", f"{title} {period_zh(period.text)}到期事项（截至{day_zh(as_of)}）", LEDGER_COLUMNS, due),
        ("分单位", f"{title} 分单位工作任务{when}", UNIT_COLUMNS, units),
    ]
    for name, heading, columns, rows in sheets:
        _ledger_sheet(book.create_sheet(name[:31]), heading, columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ledger_sheet(ws: Any, heading: str, columns: list[tuple[str, str, float]], rows: list[Any]) -> None:
    """One titled sheet, streamed: what a write-only sheet writes before its rows (widths,
    frozen panes, fit to page) is set first, and each row's height before the row itself."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    widths = [w for _, _, w in columns]
    last = get_column_letter(len(columns))
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    page_setup(ws, "1:2", freeze="B3", footer=heading.split(" ")[0])
    ws.auto_filter.ref = f"A2:{last}{len(rows) + 2}"

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT, size=FONT_SIZE)
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    plain = Alignment(wrap_text=True, vertical="top")

    def styled(value: Any, *, font: Font = body, align: Alignment = plain, fill: Any = None) -> Any:
        c = WriteOnlyCell(ws, value=value)
        c.font, c.border, c.alignment = font, border, align
        if fill is not None:
            c.fill = fill
        if isinstance(value, date):
            c.number_format = "yyyy-mm-dd"
        return c

    # Setting a style looks it up in the workbook's tables by hash, which was most of the time
    # for a sheet of 100,000 rows: a body cell copies the style of a cell styled once instead.
    looks: dict[tuple[bool, bool], Any] = {}

    def body_cell(value: Any, centre: bool) -> Any:
        key = (centre, isinstance(value, date))
        if key not in looks:
            looks[key] = styled(date.min if key[1] else None, align=centred if centre else plain)._style
        c = WriteOnlyCell(ws, value=value)
        c._style = copy(looks[key])
        return c

    top = WriteOnlyCell(ws, value=heading)
    top.font = Font(name=FONT, size=14, bold=True)
    top.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 26
    ws.append([top])
    ws.merged_cells.add(f"A1:{last}1")
    head_font = Font(name=FONT, size=FONT_SIZE, bold=True)
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    grey = PatternFill("solid", fgColor="D9D9D9")
    ws.row_dimensions[2].height = 20
    ws.append([styled(label, font=head_font, align=head_align, fill=grey) for _, label, _ in columns])

    short = [w <= 9 for w in widths]
    merged = MERGED if columns is LEDGER_COLUMNS else 0
    n = 3
    for run in _runs(rows, merged):
        values = [_cell_values(row, columns) for row in run]
        heights = [row_height(v, widths, skip=merged) for v in values]
        if merged:
            heights = merged_heights(values[0], widths, merged, heights)
            if len(run) > 1:
                for col in range(1, merged + 1):
                    letter = get_column_letter(col)
                    ws.merged_cells.add(f"{letter}{n}:{letter}{n + len(run) - 1}")
        for k, (v, height) in enumerate(zip(values, heights, strict=True)):
            ws.row_dimensions[n].height = height
            ws.append(
                [
                    body_cell(None if k and i < merged else x, short[i] or isinstance(x, date | int))
                    for i, x in enumerate(v)
                ]
            )
            n += 1


def _runs(rows: list[Any], merged: int) -> Iterator[list[Any]]:
    """Rows in groups that share merged cells: one task's rows when its first columns merge."""
    run: list[Any] = []
    for row in rows:
        if run and not (merged and run[-1].id == row.id):
            yield run
            run = []
        run.append(row)
    if run:
        yield run


def _cell_values(row: Any, columns: list[tuple[str, str, float]]) -> list[Any]:
    values = []
    for key, _label, width in columns:
        v = getattr(row, key)
        if key in ID_LISTS:
            v = wrap_list(v, width)
        values.append(v if isinstance(v, date | int) and not isinstance(v, bool) else neutralise(cell(v)))
    return values


_RRULES: dict[str, dict[str, Any]] = {
    "monthly": {"FREQ": "MONTHLY", "BYMONTHDAY": -1},
    "quarterly": {"FREQ": "MONTHLY", "INTERVAL": 3, "BYMONTHDAY": -1},
    "twice-yearly": {"FREQ": "MONTHLY", "INTERVAL": 6, "BYMONTHDAY": -1},
    "yearly": {"FREQ": "YEARLY"},
}


def calendar_ics(ds: Dataset, unit: str | None, stamp: date) -> bytes:
    """Every deadline as an all-day event; recurring duties as RRULEs, not thousands of copies.

    UIDs are built from the document key, item and deadline, so importing a newer export
    updates the same events instead of adding duplicates.
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    name = ds.docs[0].document.number if not ds.multi else f"{len(ds.docs)} 份文件"
    cal.add("prodid", "-//prd//policy deadlines//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{name} 时限")
    dtstamp = datetime(stamp.year, stamp.month, stamp.day, tzinfo=timezone.utc)
    for ref in ds.items:
        item = ref.item
        if unit is not None and not has_role(ds, ref, unit):
            continue
        for index, dl in enumerate(item.deadlines):
            base = f"{ref.doc.key}-{item.id}-{index}"
            units = _units_text(item)
            description = f"{ref.doc.number} {item.id}\n原文：{dl.source}\n{units}"
            summary = f"[{item.id}] {dl.what}" + ("（争取）" if dl.soft else "")
            if dl.due is not None:
                cal.add_component(_event(Event, f"{base}@prd", summary, dl.due.end, description, dtstamp))
                continue
            assert dl.every is not None
            start = recurrence_start(dl, ref.doc.date)
            until = dl.until.end if dl.until is not None else None
            groups: list[tuple[str, dict[str, Any]]]
            if dl.every.frequency:
                groups = [("", dict(_RRULES[dl.every.frequency]))]
            else:  # fixed days: one yearly event per day, since BYMONTHDAY would cross months
                groups = [(f"-{m:02d}{d:02d}", {"FREQ": "YEARLY"}) for m, d in dl.every.days]
            for suffix, rule in groups:
                first = _first(ref, start, suffix, dl)
                if first is None:
                    continue
                if until is not None:
                    rule["UNTIL"] = until
                ev = _event(Event, f"{base}{suffix}@prd", summary, first, description, dtstamp)
                ev.add("rrule", rule)
                cal.add_component(ev)
    return cal.to_ical()


def _units_text(item: Any) -> str:
    """Who answers for the event's task: a joint task (2.2, 4.1) has no 牵头 but owners all the same."""
    lines = [f"牵头单位：{'、'.join(item.lead) or '无'}"] if item.lead or not item.joint else []
    if item.joint:
        lines.append(f"共同负责单位：{'、'.join(item.joint)}")
    lines.append(f"配合单位：{'、'.join(item.support) or '无'}")
    return "\n".join(lines)


def _first(ref: Any, start: date, suffix: str, dl: Any) -> date | None:
    """The first occurrence of this duty (of this fixed day, with a suffix) on or after `start`."""
    for d in item_dues(ref, start, start + timedelta(days=400)):
        if d.deadline is dl and (not suffix or d.due.strftime("-%m%d") == suffix):
            return d.due
    return None


def _event(event_type: Any, uid: str, summary: str, day: date, description: str, dtstamp: datetime) -> Any:
    ev = event_type()
    ev.add("uid", uid)
    ev.add("dtstamp", dtstamp)
    ev.add("summary", summary)
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    ev.add("description", description)
    ev.add("transp", "TRANSPARENT")
    return ev


def write_bytes(path: Path, data: bytes) -> None:
    from .atomic import write_atomically

    write_atomically(path, data)
