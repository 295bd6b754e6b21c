"""The work ledger (工作台账): one row per item, as offices keep it in spreadsheets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dataset import Dataset, ItemRef
from .deadlines import STATE_LABELS, Contribution, Due, all_dues, contributions, item_dues, latest_record, state_of
from .models import STATUS_LABELS, ProgressRecord
from .numerals import chinese_number
from .periods import Period, half_year_of
from .queries import has_role
from .roles import OWNER_ROLES, role_of
from .sheets import deadline_zh, occurrence_zh, period_zh
from .tasks import TASK_STATE_LABELS, records_in, task_state


@dataclass(frozen=True)
class LedgerRow:
    document: str
    chapter: str
    measure: str
    id: str
    text: str
    lead: list[str]
    support: list[str]
    deadlines: list[str]
    status: str
    reported_on: str
    note: str


def ledger_rows(ds: Dataset, unit: str | None = None, as_of: date | None = None) -> list[LedgerRow]:
    """Items in document order with their state as of `as_of` (today by default), by the rule
    the report uses (`tasks.task_state`) over every record so far, and their owners' latest record."""
    day = as_of or date.today()
    # Every record so far, but a recurring duty is closed for the half year of `day` (the report's
    # period), not for every occurrence since the document: so 29.1 reads as the report says it.
    half = half_year_of(day)
    owned: dict[str, list[ProgressRecord]] = {}
    latest: dict[str, tuple[str, str]] = {}
    for qid, by_unit in records_in(ds, None, day).items():
        ref = ds.by_qid[qid]
        recs = sorted((e.record for e in by_unit.values() if _owner(ds, ref, e.record)), key=lambda r: r.date)
        if recs:  # a support unit's record is not the item's status
            owned[qid] = recs
            latest[qid] = (recs[-1].date.isoformat(), recs[-1].note)
    rows = []
    for ref in ds.items:
        item = ref.item
        if unit is not None and not has_role(ds, ref, unit):
            continue
        status = TASK_STATE_LABELS[task_state(ds, ref, owned.get(ref.qid, []), half, day)]
        on, note = latest.get(ref.qid, ("", ""))
        rows.append(
            LedgerRow(
                document=ref.doc.number,
                chapter=f"{chinese_number(ref.chapter.number)}、{ref.chapter.title}",
                measure=f"（{chinese_number(ref.measure.number)}）{ref.measure.title}",
                id=item.id,
                text=item.text,
                lead=list(item.lead),
                support=list(item.support),
                deadlines=[f"{deadline_zh(dl)} {dl.what}" for dl in item.deadlines],  # 每月, not every monthly
                status=status,
                reported_on=on,
                note=note,
            )
        )
    return rows


LEDGER_HEADERS = {
    "document": "文号",
    "chapter": "章",
    "measure": "措施",
    "id": "编号",
    "text": "工作任务",
    "lead": "牵头单位",
    "support": "配合单位",
    "deadlines": "时限",
    "status": "最新状态",
    "reported_on": "报送日期",
    "note": "进展说明",
}


# The Excel ledger: one row per milestone, states as of a day in a period.


@dataclass(frozen=True)
class MilestoneRow:
    """One milestone of an item (a dated deadline, or the period's occurrence of a recurring
    duty), or the item itself when it has no deadline; its state as of the ledger's day."""

    id: str
    text: str
    owners: str
    support: str
    node: str
    when: str  # the deadline in Chinese: 2017年（争取）, 每月, 每年6月30日和12月31日
    due: date | None
    status: str  # the state's label, with 延期 kept when that is what the owner reported
    reporter: str
    reported_on: date | None
    note: str
    problems: str
    next_steps: str
    contributions: str  # what support units reported, each with its unit and role


def owners_text(ref: ItemRef) -> str:
    item = ref.item
    text = "、".join(item.lead)
    if item.joint:
        text += ("；" if text else "") + "共同负责：" + "、".join(item.joint)
    return text


def status_text(state: str, record: ProgressRecord | None) -> str:
    """The state's label; a reported 延期 stays visible (逾期（延期）, 延期)."""
    label = STATE_LABELS[state]
    if record is not None and record.status == "delayed":
        return "延期" if state in ("in_progress", "delayed") else f"{label}（延期）"
    if record is None and state in ("not_due", "due_soon", "overdue"):
        return f"{label}（未报送）" if state == "overdue" else label
    return label


def contributions_text(items: list[Contribution]) -> str:
    return "\n".join(
        f"{c.unit}（{c.role_label}）{STATUS_LABELS[c.record.status]} {c.record.date}"
        + (f"：{c.record.note}" if c.record.note else "")
        for c in items
    )


def _row(ds: Dataset, ref: ItemRef, due: Due, as_of: date, node: str) -> MilestoneRow:
    record = latest_record(ds, due, as_of)
    state = state_of(due, record, as_of)
    when = deadline_zh(due.deadline)
    if due.recurring:
        when += f"（{occurrence_zh(due.occurrence)}）"
    return MilestoneRow(
        id=ref.id,
        text=summary(ref.item.text),
        owners=owners_text(ref),
        support="、".join(ref.item.support),
        node=node,
        when=when,
        due=due.due,
        status=status_text(state, record),
        reporter=ds.registry.resolve(record.unit) or record.unit if record else "",
        reported_on=record.date if record else None,
        note=record.note if record else "",
        problems=record.problems if record else "",
        next_steps=record.next_steps if record else "",
        contributions=contributions_text(contributions(ds, due, as_of)),
    )


def item_milestones(ds: Dataset, period: Period, as_of: date, unit: str | None = None) -> list[MilestoneRow]:
    """Every item in document order, one row per deadline: a dated one as it stands on `as_of`,
    a recurring one by its occurrence in the period (the latest due by `as_of`, else the first)."""
    rows = []
    for ref in ds.items:
        if unit is not None and not has_role(ds, ref, unit):
            continue
        deadlines = ref.item.deadlines
        if not deadlines:
            rows.append(_no_deadline(ds, ref, as_of))
        in_period = item_dues(ref, period.start, period.end)
        for n, dl in enumerate(deadlines, 1):
            node = f"时限{n}：{dl.what}" if len(deadlines) > 1 else dl.what
            if dl.due is not None:
                due = Due(ref, dl, dl.due.end, None, dl.due.start if dl.due.is_window else None, n)
                rows.append(_row(ds, ref, due, as_of, node))
                continue
            mine = [d for d in in_period if d.number == n]
            if not mine:
                rows.append(
                    MilestoneRow(
                        ref.id,
                        summary(ref.item.text),
                        owners_text(ref),
                        "、".join(ref.item.support),
                        node,
                        deadline_zh(dl),
                        None,
                        f"{period_zh(period.text)}无到期",
                        "",
                        None,
                        "",
                        "",
                        "",
                        "",
                    )  # fmt: skip
                )
                continue
            passed = [d for d in mine if d.due <= as_of]
            rows.append(_row(ds, ref, passed[-1] if passed else mine[0], as_of, node))
    return rows


def _no_deadline(ds: Dataset, ref: ItemRef, as_of: date) -> MilestoneRow:
    """An item with no deadline: its owners' latest report, as reported, and every other
    responsible unit's latest report as its contribution (as `contributions` does for a milestone)."""
    record = None
    by_owner: dict[str, ProgressRecord] = {}
    others: dict[str, Contribution] = {}
    # By date, file order on a tie: the later record counts, as in `deadlines.latest_record`.
    for e in sorted(ds.progress_by_item.get(ref.qid, ()), key=lambda e: e.record.date):
        rec = e.record
        if rec.date > as_of:
            continue
        if _owner(ds, ref, rec):
            record = rec
            by_owner[ds.registry.resolve(rec.unit) or rec.unit] = rec
            continue
        unit = ds.registry.resolve(rec.unit)
        found = role_of(ds.registry, ref.item, unit) if unit else None
        if found is not None:  # a unit with no responsibility (which validate refuses) is left out
            others.pop(found.unit, None)
            others[found.unit] = Contribution(found.unit, found.role, found.via, rec)
    return MilestoneRow(
        ref.id, summary(ref.item.text), owners_text(ref), "、".join(ref.item.support), "（无时限）", "", None,
        # Its owners' records combined, as the report states a task (joint owners may differ).
        TASK_STATE_LABELS[task_state(ds, ref, list(by_owner.values()), None, as_of)],
        ds.registry.resolve(record.unit) or record.unit if record else "",
        record.date if record else None,
        record.note if record else "", record.problems if record else "", record.next_steps if record else "",
        contributions_text(list(others.values())),
    )  # fmt: skip


def _owner(ds: Dataset, ref: ItemRef, record: ProgressRecord) -> bool:
    unit = ds.registry.resolve(record.unit)
    found = role_of(ds.registry, ref.item, unit) if unit else None
    return found is not None and (found.role in OWNER_ROLES or not (ref.item.lead or ref.item.joint))


def due_milestones(ds: Dataset, period: Period, as_of: date, unit: str | None = None) -> list[MilestoneRow]:
    """What falls due in the period (windows open during it included), one row per occurrence."""
    rows = []
    for due in all_dues(ds, period.start, period.end, windows=True):
        if unit is not None and not has_role(ds, due.ref, unit):
            continue
        n = len(due.ref.item.deadlines)
        node = f"时限{due.number}：{due.deadline.what}" if n > 1 else due.deadline.what
        rows.append(_row(ds, due.ref, due, as_of, node))
    return rows


@dataclass(frozen=True)
class UnitLedgerRow:
    unit: str
    owns: str  # item ids it leads or owns jointly
    supports: str  # item ids it supports, directly or through a collective
    due: int  # milestones of the items it owns, due in the period
    done: int
    overdue: int
    unreported: int


def unit_rows(ds: Dataset, period: Period, as_of: date, unit: str | None = None) -> list[UnitLedgerRow]:
    """One row per unit that answers for something: what it owns and supports, and how the
    milestones it owns that fall due in the period stand on `as_of`."""
    rows = []
    for u in ds.registry.units:
        if u.kind == "collective" or (unit is not None and u.name != unit):
            continue
        owns, supports = [], []
        due = done = overdue = unreported = 0
        for ref in ds.items:
            found = role_of(ds.registry, ref.item, u.name)
            if found is None:
                continue
            if found.role not in OWNER_ROLES:
                supports.append(ref.id)
                continue
            owns.append(ref.id)
            for d in item_dues(ref, period.start, period.end):
                record = latest_record(ds, d, as_of)
                state = state_of(d, record, as_of)
                due += 1
                done += state in ("done", "cancelled")
                overdue += state == "overdue"
                unreported += record is None and d.due <= as_of
        if owns or supports:
            rows.append(UnitLedgerRow(u.name, "、".join(owns), "、".join(supports), due, done, overdue, unreported))
    return rows


def summary(text: str, limit: int = 40) -> str:
    """The task in a few words for the ledger: its first sentence, cut at a comma if long."""
    first = re.split(r"(?<=[。；！])", text, maxsplit=1)[0]
    if len(first) <= limit:
        return first if first == text else first + "…"
    cut = max(first.rfind(p, 0, limit) for p in "，、：")
    return (first[:cut] if cut > limit // 3 else first[:limit]) + "…"
