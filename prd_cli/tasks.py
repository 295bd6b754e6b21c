"""Every task's standing in a period: what each responsible unit reported, and the task's state.

A task is an item. Every period, each unit responsible for it reports where it stands (measure 29
of 东府办〔2017〕136号 asks every department and town to do so by the end of June and December),
whether or not the task has a deadline. The task's state comes from its owners' (lead or joint)
latest records in the period; a support unit's record is its contribution, shown with its unit,
and does not decide the task's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dataset import Dataset, ItemRef, ProgressEntry
from .models import STATUS_LABELS, ProgressRecord
from .periods import Period
from .roles import OWNER_ROLES, ROLE_LABELS, Responsibility, responsible

# The states a task can be in for a period: a record's status, or 未报送 when no owner reported.
TASK_STATE_LABELS: dict[str, str] = {
    "done": "已完成",
    "in_progress": "推进中",
    "delayed": "延期",
    "not_started": "未开始",
    "cancelled": "取消",
    "not_reported": "未报送",
}


@dataclass(frozen=True)
class UnitRecord:
    """A unit's latest record on a task in the period."""

    unit: str
    role: str  # lead, joint or support
    role_label: str  # 牵头, 共同负责, 配合, or 配合（各相关部门） through a collective
    status: str
    status_label: str
    date: str
    note: str
    problems: str
    next_steps: str
    deadline: int | None
    occurrence: str | None


@dataclass(frozen=True)
class TaskRow:
    qid: str
    id: str
    doc: str
    chapter: int
    chapter_title: str
    measure: int
    measure_title: str
    text: str
    lead: list[str]
    joint: list[str]
    support: list[str]
    state: str
    state_label: str
    records: list[UnitRecord]  # owners first, then support units, each in clause order
    owners_missing: list[str]  # owners that sent nothing on this task this period


def records_in(ds: Dataset, period: Period, as_of: date) -> dict[str, dict[str, ProgressEntry]]:
    """The latest record of each unit on each task, dated in the period and by `as_of`.

    One pass over the records: by date, then by place in the files, the later one wins.
    """
    latest: dict[str, dict[str, ProgressEntry]] = {}
    for entry in ds.progress:
        rec = entry.record
        if entry.qid is None or rec.date not in period or rec.date > as_of:
            continue
        unit = ds.registry.resolve(rec.unit) or rec.unit
        by_unit = latest.setdefault(entry.qid, {})
        held = by_unit.get(unit)
        if held is None or (rec.date, entry.path, entry.index) >= (held.record.date, held.path, held.index):
            by_unit[unit] = entry
    return latest


def combine(statuses: list[str]) -> str:
    """One state for a task whose owners reported different things.

    All done (or cancelled) is done; any delay is a delay; any work under way, or some owners
    done and others not, is in progress; nothing begun is not started.
    """
    if not statuses:
        return "not_reported"
    kinds = set(statuses)
    if kinds == {"cancelled"}:
        return "cancelled"
    if kinds <= {"done", "cancelled"}:
        return "done"
    if "delayed" in kinds:
        return "delayed"
    if kinds == {"not_started"}:
        return "not_started"
    return "in_progress"


def _unit_record(who: Responsibility, rec: ProgressRecord) -> UnitRecord:
    return UnitRecord(
        unit=who.unit,
        role=who.role,
        role_label=who.label,
        status=rec.status,
        status_label=STATUS_LABELS[rec.status],
        date=rec.date.isoformat(),
        note=rec.note,
        problems=rec.problems,
        next_steps=rec.next_steps,
        deadline=rec.deadline,
        occurrence=rec.occurrence.isoformat() if rec.occurrence else None,
    )


def task_row(
    ds: Dataset, ref: ItemRef, latest: dict[str, ProgressEntry], who: list[Responsibility] | None = None
) -> TaskRow:
    who = responsible(ds.registry, ref.item) if who is None else who
    owners = [r for r in who if r.role in OWNER_ROLES and r.via is None]
    records = [_unit_record(r, latest[r.unit].record) for r in who if r.unit in latest]
    records.sort(key=lambda u: u.role not in OWNER_ROLES)  # stable: clause order within each group
    state = combine([u.status for u in records if u.role in OWNER_ROLES])
    return TaskRow(
        qid=ref.qid,
        id=ref.id,
        doc=ref.doc.key,
        chapter=ref.chapter.number,
        chapter_title=ref.chapter.title,
        measure=ref.measure.number,
        measure_title=ref.measure.title,
        text=ref.item.text,
        lead=list(ref.item.lead),
        joint=list(ref.item.joint),
        support=list(ref.item.support),
        state=state,
        state_label=TASK_STATE_LABELS[state],
        records=records,
        owners_missing=[r.unit for r in owners if r.unit not in latest],
    )


__all__ = ["ROLE_LABELS", "TASK_STATE_LABELS", "TaskRow", "UnitRecord", "combine", "records_in", "task_row"]
