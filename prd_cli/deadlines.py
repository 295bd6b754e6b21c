"""Expand deadlines and recurring duties into due dates, and decide each one's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dataset import Dataset, ItemRef, ProgressEntry
from .models import Deadline, ProgressRecord
from .roles import OWNER_ROLES, Responsibility, role_of

DUE_SOON = timedelta(days=30)

STATE_LABELS: dict[str, str] = {
    "done": "已完成",
    "cancelled": "已取消",
    "overdue": "逾期",
    "due_soon": "即将到期",
    "in_progress": "推进中",
    "delayed": "延期",
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
    number: int = 1  # the deadline's place in its item's list, counted from 1

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
    for number, dl in enumerate(ref.item.deadlines, 1):
        if dl.due is not None:
            period = dl.due
            window_start = period.start if period.is_window else None
            if lo <= period.end <= hi or (windows and window_start and window_start <= hi and period.end >= lo):
                out.append(Due(ref, dl, period.end, None, window_start, number))
        elif dl.every is not None:
            end = dl.until.end if dl.until is not None else None
            for occ in dl.every.occurrences(recurrence_start(dl, issued), end, lo, hi):
                out.append(Due(ref, dl, occ.due, occ.label, None, number))
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
    the item's dated deadlines only, so a February note never answers for June. With
    `deadline: N` it speaks for that deadline alone.
    """
    rec = entry.record
    if entry.qid != due.ref.qid:
        return False
    if rec.deadline is not None and rec.deadline != due.number:
        return False
    if rec.occurrence is not None:
        return rec.occurrence == due.due
    return not due.recurring


def record_covers(ref: ItemRef, occurrence: date | None, number: int | None) -> list[Due]:
    """The deadlines a record on `ref` would speak for: an occurrence's due date, or the dated ones."""
    if occurrence is not None:
        dues = item_dues(ref, occurrence, occurrence)
    else:
        dues = [
            Due(ref, dl, dl.due.end, None, dl.due.start if dl.due.is_window else None, n)
            for n, dl in enumerate(ref.item.deadlines, 1)
            if dl.due is not None
        ]
    return [d for d in dues if number is None or d.number == number]


def list_deadlines(dues: list[Due]) -> str:
    """The deadlines a record could mean, numbered for `deadline: N` / --deadline N."""
    return "；".join(f"{d.number} {d.deadline.what}" for d in dues)


def next_occurrence(ref: ItemRef, day: date, number: int | None = None) -> date | None:
    """The first occurrence due on or after `day`: of deadline `number`, or, without one, of any
    deadline when all of the item's duties recur."""
    chosen = [(n, dl) for n, dl in enumerate(ref.item.deadlines, 1) if number is None or n == number]
    if not chosen or any(dl.every is None for _, dl in chosen):
        return None
    ahead = [d for d in item_dues(ref, day, date(day.year + 1, 12, 31)) if number is None or d.number == number]
    return min((d.due for d in ahead), default=None)


def previous_occurrence(ref: ItemRef, day: date, number: int | None = None) -> date | None:
    """The last occurrence due before `day`, of deadline `number` or of any recurring one."""
    behind = [
        d
        for d in item_dues(ref, date(day.year - 1, 1, 1), day - timedelta(days=1))
        if d.recurring and (number is None or d.number == number)
    ]
    return max((d.due for d in behind), default=None)


def reporter_role(ds: Dataset, due: Due, record: ProgressRecord) -> Responsibility | None:
    """The reporting unit's responsibility for the record's task, or None if it has none."""
    unit = ds.registry.resolve(record.unit)
    return role_of(ds.registry, due.ref.item, unit) if unit is not None else None


def closes(ds: Dataset, due: Due, record: ProgressRecord) -> bool:
    """Whether the record's unit may decide the milestone's state: an owner of the task (its lead,
    or a joint owner, named in the clause or as a member of a collective the clause names).

    A task that names no owner at all (support units only) takes any responsible unit's word.
    """
    found = reporter_role(ds, due, record)
    if found is None:
        return False
    if found.role in OWNER_ROLES:
        return True
    item = due.ref.item
    return not (item.lead or item.joint)


def _records(ds: Dataset, due: Due, as_of: date) -> list[ProgressRecord]:
    """Records that speak of this due date, dated on or before `as_of`, oldest first (file order on a tie)."""
    found = [e.record for e in ds.progress_by_item.get(due.ref.qid, ()) if e.record.date <= as_of and covers(e, due)]
    return sorted(found, key=lambda r: r.date)  # stable: file order on the same day


def latest_record(
    ds: Dataset, due: Due, as_of: date, unit: str | None = None, *, owners_only: bool = True
) -> ProgressRecord | None:
    """The newest record (by date, then file order) for this due date, as of `as_of`.

    With `unit`, that unit's record, whatever its role. Without, the record that decides the
    milestone's state: only an owner's (see `closes`), unless `owners_only=False`; a support
    unit's record is its contribution (`contributions`), never the lead's milestone.
    """
    found = None
    for rec in _records(ds, due, as_of):
        if unit is not None:
            if ds.registry.resolve(rec.unit) != unit:
                continue
        elif owners_only and not closes(ds, due, rec):
            continue
        found = rec
    return found


@dataclass(frozen=True)
class Contribution:
    """A record by a unit that does not decide the milestone: what it reported, with its role."""

    unit: str
    role: str  # lead, joint or support; see roles.ROLE_LABELS
    via: str | None
    record: ProgressRecord

    @property
    def role_label(self) -> str:
        return Responsibility(self.unit, self.role, self.via).label


def contributions(ds: Dataset, due: Due, as_of: date) -> list[Contribution]:
    """Each non-owner unit's latest record on this due date, as of `as_of`, in reporting order.

    Records of units with no responsibility for the task (which validate refuses) are left out.
    """
    latest: dict[str, Contribution] = {}
    for rec in _records(ds, due, as_of):
        if closes(ds, due, rec):
            continue
        found = reporter_role(ds, due, rec)
        if found is None:
            continue
        latest.pop(found.unit, None)
        latest[found.unit] = Contribution(found.unit, found.role, found.via, rec)
    return list(latest.values())


def state_of(due: Due, record: ProgressRecord | None, as_of: date) -> str:
    if record is not None and record.status in ("done", "cancelled"):
        return record.status
    if due.due < as_of:
        return "overdue"
    if record is not None and record.status == "delayed":
        return "delayed"
    if record is not None and record.status == "in_progress":
        return "in_progress"
    if due.due - as_of <= DUE_SOON:
        return "due_soon"
    return "not_due"
