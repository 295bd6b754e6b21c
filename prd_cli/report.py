"""The half-year report as data: what fell due, what is overdue, what is ongoing, by unit.

Templates only lay this out; every number and row is decided here, from the same due rows
that `prd deadlines` prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .dataset import Dataset, display_path
from .deadlines import STATE_LABELS, all_dues
from .models import STATUS_LABELS, Document
from .numerals import chinese_number
from .periods import Period
from .queries import DueRow, due_row

STATE_COLOURS = {
    "done": "#2e7d32",
    "cancelled": "#9e9e9e",
    "overdue": "#c62828",
    "due_soon": "#ef6c00",
    "in_progress": "#1565c0",
    "not_due": "#78909c",
}


@dataclass(frozen=True)
class Tally:
    """Counts of due rows by state; `not_reported` cuts across the others."""

    label: str
    total: int = 0
    done: int = 0
    in_progress: int = 0
    pending: int = 0
    overdue: int = 0
    not_reported: int = 0

    @property
    def done_share(self) -> str:
        return f"{100 * self.done / self.total:.0f}%" if self.total else "—"


def tally(label: str, rows: list[DueRow]) -> Tally:
    return Tally(
        label=label,
        total=len(rows),
        done=sum(r.status in ("done", "cancelled") for r in rows),
        in_progress=sum(r.status == "in_progress" for r in rows),
        pending=sum(r.status in ("due_soon", "not_due") for r in rows),
        overdue=sum(r.status == "overdue" for r in rows),
        not_reported=sum(r.reported is None for r in rows),
    )


@dataclass(frozen=True)
class RecordView:
    item: str
    date: str
    status_label: str
    note: str


@dataclass(frozen=True)
class UnitSection:
    name: str
    lead: list[str]
    support: list[str]
    reported: list[RecordView]
    owed: list[DueRow]


@dataclass(frozen=True)
class TimelinePoint:
    x: float
    y: float
    item: str
    due: str
    state: str
    label: str
    colour: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: int
    right: int
    axis_y: int
    ticks: list[tuple[float, str]]
    points: list[TimelinePoint]
    as_of_x: float | None
    legend: list[tuple[str, str]]


@dataclass
class Report:
    document: Document  # the first document; `documents` lists them all
    documents: list[Document]
    period: Period
    as_of: date
    generated: date
    source: str
    commit: str | None
    unit: str | None
    items_in_period: int
    summary: Tally
    by_chapter: list[Tally]
    due: list[DueRow]
    overdue: list[DueRow]
    ongoing: list[DueRow]
    units: list[UnitSection] = field(default_factory=list)
    timeline: Timeline | None = None


def generation_date() -> date:
    """Today, or SOURCE_DATE_EPOCH's day, so a report can be rebuilt byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        from datetime import datetime, timezone

        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def data_commit(root: Path) -> str | None:
    """The git commit the data is at, marked when the data has uncommitted edits.

    Read from the repository's files (see gitinfo.py): running git in a received
    repository would run what its .git/config names (core.fsmonitor, filters, hooks).
    """
    from .dataset import data_files
    from .gitinfo import data_commit as read_commit

    try:
        return read_commit(root, data_files(root))
    except OSError:
        return None


def _involves(row: DueRow, unit: str | None) -> bool:
    return unit is None or unit in row.lead or unit in row.support


def build_report(ds: Dataset, period: Period, as_of: date, *, unit: str | None = None) -> Report:
    due = [due_row(ds, d, as_of) for d in all_dues(ds, period.start, period.end)]
    earlier = [due_row(ds, d, as_of) for d in all_dues(ds, date(1900, 1, 1), period.start - timedelta(days=1))]
    overdue = [r for r in earlier if r.status == "overdue"]
    ongoing = [
        due_row(ds, d, as_of)
        for d in all_dues(ds, period.start, period.end, windows=True)
        if d.window_start is not None and d.due > period.end
    ]
    due, overdue, ongoing = ([r for r in rows if _involves(r, unit)] for rows in (due, overdue, ongoing))
    chapters = []
    for data in ds.docs:
        prefix = f"{data.document.number} " if ds.multi else ""
        for chapter in data.chapters:
            rows = [r for r in due if r.doc == data.document.key and r.chapter == chapter.number]
            if rows:
                chapters.append(tally(f"{prefix}{chinese_number(chapter.number)}、{chapter.title}", rows))
    return Report(
        document=ds.docs[0].document,
        documents=[d.document for d in ds.docs],
        period=period,
        as_of=as_of,
        generated=generation_date(),
        source=display_path(ds.root),
        commit=data_commit(ds.root),
        unit=unit,
        items_in_period=len({r.item for r in due}),
        summary=tally("合计", due),
        by_chapter=chapters,
        due=due,
        overdue=overdue,
        ongoing=ongoing,
        units=_unit_sections(ds, period, as_of, [*due, *overdue, *ongoing], unit),
        timeline=_timeline(period, as_of, due),
    )


def _unit_sections(ds: Dataset, period: Period, as_of: date, rows: list[DueRow], only: str | None) -> list[UnitSection]:
    position = {ref.qid: i for i, ref in enumerate(ds.items)}
    rows = sorted(rows, key=lambda r: (position[r.qid], r.due))  # document order, then date
    label = (lambda r: r.qid) if ds.multi else (lambda r: r.item)
    # One pass to index rows and records by unit: linear in rows, records and units.
    lead: dict[str, list[str]] = {}
    support: dict[str, list[str]] = {}
    owed: dict[str, list[DueRow]] = {}
    for r in rows:
        for name in r.lead:
            lead.setdefault(name, []).append(label(r))
        for name in r.support:
            support.setdefault(name, []).append(label(r))
        if r.status not in ("done", "cancelled"):
            for name in dict.fromkeys((*r.lead, *r.support)):
                owed.setdefault(name, []).append(r)
    reported: dict[str, list[RecordView]] = {}
    for e in sorted(ds.progress, key=lambda e: (e.record.date, e.path, e.index)):
        if e.record.date in period and e.record.date <= as_of:
            name = ds.registry.resolve(e.record.unit) or e.record.unit
            item = e.qid if ds.multi and e.qid else e.record.item
            reported.setdefault(name, []).append(
                RecordView(item, e.record.date.isoformat(), STATUS_LABELS[e.record.status], e.record.note)
            )
    sections = []
    for u in ds.registry.units:
        if (only is not None and u.name != only) or (u.name not in lead and u.name not in support):
            continue
        sections.append(
            UnitSection(
                u.name,
                list(dict.fromkeys(lead.get(u.name, []))),
                list(dict.fromkeys(support.get(u.name, []))),
                reported.get(u.name, []),
                owed.get(u.name, []),
            )
        )
    return sections


def _timeline(period: Period, as_of: date, rows: list[DueRow]) -> Timeline:
    """Where each due date sits on the period, for an inline SVG; same-day dates stack."""
    width, left, right, axis_y = 720, 40, 20, 30
    span = max((period.end - period.start).days, 1)

    def x_of(day: date) -> float:
        return round(left + (width - left - right) * (day - period.start).days / span, 1)

    ticks = []
    month = date(period.start.year, period.start.month, 1)
    while month <= period.end:
        ticks.append((x_of(month), f"{month.month}月"))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    stacked: dict[str, int] = {}
    points = []
    for r in rows:
        level = stacked.get(r.due, 0)
        stacked[r.due] = level + 1
        points.append(
            TimelinePoint(
                x_of(date.fromisoformat(r.due)),
                axis_y + 18 + 16 * level,
                r.item,
                r.due,
                r.status,
                r.status_label,
                STATE_COLOURS[r.status],
            )
        )
    height = axis_y + 30 + 16 * max(stacked.values(), default=1)
    as_of_x = x_of(as_of) if as_of in period else None
    legend = [(STATE_LABELS[s], c) for s, c in STATE_COLOURS.items()]
    return Timeline(width, height, left, right, axis_y, ticks, points, as_of_x, legend)
