"""Expand deadlines and recurring duties into due dates, and decide each one's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dataset import Dataset, ItemRef, ProgressEntry
from .models import Deadline, ProgressRecord

DUE_SOON = timedelta(days=30)

STATE_LABELS: dict[str, str] = {
    "done": "已完成",
    "cancelled": "已取消",
    "overdue": "逾期",
    "due_soon": "即将到期",
    "in_progress": "推进中",
    "not_due": "未到期",
}


@dataclass(frozen=True)
class Due:
    """One dated deadline, or one occurrence of a recurring duty."""

    ref: ItemRef
    deadline: Deadline
    due: date
    occurrence: str | None = None  # the recurrence's label, e.g. 2018-01 or 2018H1
    window_start: date | None = None

    @property
    def recurring(self) -> bool:
        return self.deadline.every is not None


def recurrence_start(deadline: Deadline, issued: date) -> date:
    return deadline.start.start if deadline.start is not None else issued


def item_dues(ref: ItemRef, lo: date, hi: date, *, windows: bool = False) -> list[Due]:
    """What falls due in [lo, hi]; with `windows`, also windows that are open during it.

    Recurring duties start on their document's date unless the data says otherwise.
    """
    issued = ref.doc.date
    out: list[Due] = []
    for dl in ref.item.deadlines:
        if dl.due is not None:
            period = dl.due
            window_start = period.start if period.is_window else None
            if lo <= period.end <= hi or (windows and window_start and window_start <= hi and period.end >= lo):
                out.append(Due(ref, dl, period.end, None, window_start))
        elif dl.every is not None:
            end = dl.until.end if dl.until is not None else None
            for occ in dl.every.occurrences(recurrence_start(dl, issued), end, lo, hi):
                out.append(Due(ref, dl, occ.due, occ.label))
    return out


def all_dues(ds: Dataset, lo: date, hi: date, *, windows: bool = False) -> list[Due]:
    """Every due date in [lo, hi] in document order, then by date."""
    rows: list[Due] = []
    for ref in ds.items:
        rows.extend(sorted(item_dues(ref, lo, hi, windows=windows), key=lambda d: d.due))
    return rows


def covers(entry: ProgressEntry, due: Due) -> bool:
    """Whether a progress record speaks of this due date.

    A record names an occurrence of a recurring duty by its due date; without one it covers
    the item's dated deadlines only, so a February note never answers for June.
    """
    rec = entry.record
    if entry.qid != due.ref.qid:
        return False
    if rec.occurrence is not None:
        return rec.occurrence == due.due
    return not due.recurring


def next_occurrence(ref: ItemRef, day: date) -> date | None:
    """The first occurrence due on or after `day`, for items whose duties all recur."""
    if not ref.item.deadlines or any(dl.every is None for dl in ref.item.deadlines):
        return None
    ahead = item_dues(ref, day, date(day.year + 1, 12, 31))
    return min((d.due for d in ahead), default=None)


def latest_record(ds: Dataset, due: Due, as_of: date, unit: str | None = None) -> ProgressRecord | None:
    """The newest record (by date, then file order) for this due date, as of `as_of`."""
    found = None
    for entry in ds.progress_by_item.get(due.ref.qid, ()):
        rec = entry.record
        if rec.date > as_of or not covers(entry, due):
            continue
        if unit is not None and ds.registry.resolve(rec.unit) != unit:
            continue
        if found is None or rec.date >= found.date:
            found = rec
    return found


def state_of(due: Due, record: ProgressRecord | None, as_of: date) -> str:
    if record is not None and record.status in ("done", "cancelled"):
        return record.status
    if due.due < as_of:
        return "overdue"
    if record is not None and record.status in ("in_progress", "delayed"):
        return "in_progress"
    if due.due - as_of <= DUE_SOON:
        return "due_soon"
    return "not_due"
