"""Every task's standing in a period: what each responsible unit reported, and the task's state.

A task is an item. Every period, each unit responsible for it reports where it stands (measure 29
of 东府办〔2017〕136号 asks every department and town to do so by the end of June and December),
whether or not the task has a deadline. The task's state comes from its owners' (lead or joint)
latest records in the period; a support unit's record is its contribution, shown with its unit,
and does not decide the task's state.

A record about one milestone (`deadline: N`, or a recurring duty's `occurrence`) speaks for that
milestone only: its 已完成 or 已取消 closes the milestone, and the task, reported on, is 推进中
while any other milestone is open. A task is 已完成 when its owners report the task itself done
(a record naming no milestone), or when every milestone is closed: each dated deadline, and each
occurrence of its recurring duties due in the period. `task_state` is that rule, for the report
(md, html, docx), the ledger and `prd show` alike.

A task closed in an earlier period (its owners' latest records before the period make it 已完成
or 已取消) owes no return afterwards: with no owner record in the period, it is 往期已办结, no
unit is chased for it, and it counts neither as reported nor as missing. A recurring duty with an
occurrence due in the period keeps it open: that occurrence is owed whatever was closed before.
A record in the period (a task reopened) decides as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dataset import Dataset, ItemRef, ProgressEntry
from .deadlines import item_dues, latest_record, record_covers, state_of
from .models import STATUS_LABELS, ProgressRecord
from .periods import Period
from .roles import OWNER_ROLES, ROLE_LABELS, Responsibility, responsible

# The states a task can be in for a period: a record's status, or 未报送 when no owner reported.
TASK_STATE_LABELS: dict[str, str] = {
    "done": "已完成",
    "in_progress": "推进中",
    "delayed": "延期",
    "not_started": "未开始",
    "cancelled": STATUS_LABELS["cancelled"],
    "closed_earlier": "往期已办结",
    "not_reported": "未报送",
}
# States that owe no return this period.
SETTLED = frozenset({"closed_earlier"})


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
    about: str  # the milestone the record is about (节点 1, 节点 1（2017-11-30）), or "" for the task itself


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
    closed: str = ""  # for 往期已办结: when and how (2017-12-15 已完成)


def records_in(ds: Dataset, period: Period | None, as_of: date) -> dict[str, dict[str, ProgressEntry]]:
    """The latest record of each unit on each task, dated in the period and by `as_of`.

    One pass over the records: by date, then by place in the files, the later one wins. Without
    a period, every record by `as_of` (a ledger's 最新状态).
    """
    latest: dict[str, dict[str, ProgressEntry]] = {}
    for entry in ds.progress:
        rec = entry.record
        if entry.qid is None or (period is not None and rec.date not in period) or rec.date > as_of:
            continue
        unit = ds.registry.resolve(rec.unit) or rec.unit
        by_unit = latest.setdefault(entry.qid, {})
        held = by_unit.get(unit)
        if held is None or (rec.date, entry.path, entry.index) >= (held.record.date, held.path, held.index):
            by_unit[unit] = entry
    return latest


def records_before(ds: Dataset, period: Period) -> dict[str, dict[str, ProgressEntry]]:
    """Each unit's latest record on each task before the period began: what closed a task earlier."""
    return records_in(ds, None, period.start - timedelta(days=1))


def closed_earlier(
    ds: Dataset, ref: ItemRef, earlier: dict[str, ProgressEntry], who: list[Responsibility], period: Period
) -> str:
    """ "2017-12-15 已完成" when the task's owners had closed it before `period` and nothing of it
    recurs in the period (module rule); "" otherwise."""
    owned = [earlier[r.unit].record for r in who if r.unit in earlier and r.role in OWNER_ROLES]
    if not owned or any(d.recurring for d in item_dues(ref, period.start, period.end)):
        return ""
    before = period.start - timedelta(days=1)
    state = task_state(ds, ref, owned, None, before)
    if state not in _CLOSING:
        return ""
    return f"{max(rec.date for rec in owned).isoformat()} {TASK_STATE_LABELS[state]}"


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


_CLOSING = ("done", "cancelled")


def about_a_milestone(rec: ProgressRecord) -> bool:
    """Whether the record names one milestone (a deadline's number, or an occurrence's due date)
    rather than the task itself."""
    return rec.deadline is not None or rec.occurrence is not None


def milestones_closed(ds: Dataset, ref: ItemRef, period: Period | None, as_of: date) -> str | None:
    """done (or cancelled, when every one was) if every milestone of the task is closed as of
    `as_of`: each dated deadline, and each occurrence of a recurring duty due in the period.
    None when one is open, or the task has no milestone to close."""
    dues = record_covers(ref, None, None)  # every dated deadline
    if period is not None:
        dues += [d for d in item_dues(ref, period.start, period.end) if d.recurring]
    if not dues:
        return None
    states = {state_of(d, latest_record(ds, d, as_of), as_of) for d in dues}
    if not states <= set(_CLOSING):
        return None
    return "cancelled" if states == {"cancelled"} else "done"


def task_state(
    ds: Dataset, ref: ItemRef, owner_records: list[ProgressRecord], period: Period | None, as_of: date
) -> str:
    """The task's state from its owners' latest records in the period (see the module's rule)."""
    statuses: list[str] = [
        "in_progress" if about_a_milestone(rec) and rec.status in _CLOSING else rec.status for rec in owner_records
    ]
    state = combine(statuses)
    if state == "not_reported" or state in _CLOSING:
        return state
    return milestones_closed(ds, ref, period, as_of) or state


def record_about(ref: ItemRef, rec: ProgressRecord) -> str:
    """Which milestone a record speaks for, as the report names milestones: 节点 1, 节点 1（2017-11-30）;
    "" for a record on the task itself."""
    if not about_a_milestone(rec):
        return ""
    numbers = (
        [rec.deadline]
        if rec.deadline is not None
        else sorted({d.number for d in record_covers(ref, rec.occurrence, None)})
    )
    head = "节点 " + "、".join(str(n) for n in numbers) if numbers else "节点"
    return f"{head}（{rec.occurrence.isoformat()}）" if rec.occurrence else head


def _unit_record(ref: ItemRef, who: Responsibility, rec: ProgressRecord) -> UnitRecord:
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
        about=record_about(ref, rec),
    )


def task_row(
    ds: Dataset,
    ref: ItemRef,
    latest: dict[str, ProgressEntry],
    period: Period | None,
    as_of: date,
    who: list[Responsibility] | None = None,
    earlier: dict[str, ProgressEntry] | None = None,
) -> TaskRow:
    """The task's row in the period; `earlier` (the latest records before it, `records_before`)
    lets a task closed in an earlier period read 往期已办结 instead of 未报送."""
    who = responsible(ds.registry, ref.item) if who is None else who
    owners = [r for r in who if r.role in OWNER_ROLES and r.via is None]
    records = [_unit_record(ref, r, latest[r.unit].record) for r in who if r.unit in latest]
    records.sort(key=lambda u: u.role not in OWNER_ROLES)  # stable: clause order within each group
    owner_records = [latest[r.unit].record for r in who if r.unit in latest and r.role in OWNER_ROLES]
    state = task_state(ds, ref, owner_records, period, as_of)
    closed = ""
    if state == "not_reported" and earlier and period is not None:
        closed = closed_earlier(ds, ref, earlier, who, period)
        if closed:
            state = "closed_earlier"
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
        state_label=TASK_STATE_LABELS[state] + (f"（{closed}）" if closed else ""),
        records=records,
        owners_missing=[] if closed else [r.unit for r in owners if r.unit not in latest],
        closed=closed,
    )


__all__ = [
    "ROLE_LABELS",
    "SETTLED",
    "TASK_STATE_LABELS",
    "TaskRow",
    "UnitRecord",
    "combine",
    "milestones_closed",
    "closed_earlier",
    "records_before",
    "records_in",
    "task_row",
    "task_state",
]
