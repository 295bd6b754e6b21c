"""Exports for the tools offices use: an Excel ledger, CSV that Excel opens, a calendar."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .deadlines import item_dues, recurrence_start
from .ledger import LEDGER_HEADERS, LedgerRow
from .linebreak import cells
from .queries import DueRow, has_role
from .render import cell
from .safetext import neutralise  # one neutraliser for every CSV and xlsx path


def ledger_csv(rows: list[LedgerRow]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(LEDGER_HEADERS.values())
    for row in rows:
        writer.writerow([neutralise(cell(v)) for v in asdict(row).values()])
    # The BOM is what makes Excel on Chinese Windows read UTF-8 instead of GBK.
    return buf.getvalue().encode("utf-8-sig")


def ledger_xlsx(rows: list[LedgerRow], due: list[DueRow], period: str, by_unit: list[dict[str, Any]]) -> bytes:
    """Three sheets — items, what falls due in the period, by unit — each with a frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheets = [
        ("事项台账", list(LEDGER_HEADERS.values()), [[cell(v) for v in asdict(r).values()] for r in rows]),
        (
            f"{period}到期事项",
            ["编号", "事项", "截止日期", "周期", "牵头单位", "配合单位", "状态", "最新进展", "原文"],
            [
                [
                    r.item,
                    r.what,
                    r.due,
                    r.occurrence or "",
                    cell(r.lead),
                    cell(r.support),
                    r.status_label,
                    r.note,
                    r.source,
                ]
                for r in due
            ],
        ),
        ("分单位", ["单位", "角色", "编号", "措施", "时限"], [[cell(v) for v in u.values()] for u in by_unit]),
    ]
    book.remove(book.active)
    header_fill = PatternFill("solid", fgColor="DDDDDD")
    for title, headers, body in sheets:
        ws = book.create_sheet(title[:31])
        ws.append(headers)
        for values in body:
            ws.append([neutralise(v) for v in values])
        for c in ws[1]:
            c.font = Font(bold=True)
            c.fill = header_fill
        ws.freeze_panes = "A2"
        for idx, header in enumerate(headers, 1):
            letter = ws.cell(row=1, column=idx).column_letter
            widest = max([cells(header), *(cells(str(v[idx - 1])) for v in body)])
            ws.column_dimensions[letter].width = min(max(widest + 2, 8), 60)
        for row_cells in ws.iter_rows(min_row=2):
            for c in row_cells:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def by_unit_rows(ds: Dataset, unit: str | None = None) -> list[dict[str, Any]]:
    from .queries import describe_deadline

    rows = []
    for u in ds.registry.units:
        if unit is not None and u.name != unit:
            continue
        for ref in ds.items:
            role = "牵头" if u.name in ref.item.lead else "配合" if u.name in ref.item.support else None
            if role:
                deadlines = [describe_deadline(dl) for dl in ref.item.deadlines]
                rows.append(
                    {"unit": u.name, "role": role, "id": ref.id, "measure": ref.measure.title, "deadlines": deadlines}
                )
    return rows


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
            units = f"牵头单位：{'、'.join(item.lead) or '无'}\n配合单位：{'、'.join(item.support) or '无'}"
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
