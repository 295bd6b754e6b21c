"""Queries over a dataset, returning typed rows that every output format renders alike."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from .dataset import Dataset, ItemRef
from .deadlines import STATE_LABELS, Due, all_dues, item_dues, latest_record, state_of
from .models import KIND_LABELS, STATUS_LABELS, Deadline
from .roles import OWNER_ROLES, Responsibility, owners, responsible, role_of
from .roles import ROLES as ROLE_NAMES

ROLES = ("any", "owner", "lead", "joint", "support")


@dataclass(frozen=True)
class ItemRow:
    id: str
    doc: str
    chapter: int
    chapter_title: str
    measure: int
    measure_title: str
    text: str
    owners: list[str]  # who answers for the task: its leads, or its joint owners
    lead: list[str]
    joint: list[str]
    support: list[str]
    deadlines: list[str]
    role: str | None = None  # with --unit: lead, joint or support
    role_label: str | None = None  # 牵头, 共同负责, 配合, or 配合（各相关部门） through a collective


@dataclass(frozen=True)
class UnitRow:
    name: str
    full_name: str
    kind: str
    kind_label: str
    aliases: list[str]
    lead_items: int
    joint_items: int
    support_items: int


@dataclass(frozen=True)
class DueRow:
    item: str
    doc: str
    measure: int
    chapter: int
    deadline: int  # its place in the item's deadlines, as `prd show` numbers them
    what: str
    due: str
    occurrence: str | None
    recurring: bool
    soft: bool
    window_start: str | None
    owners: list[str]  # who answers for the milestone: its leads, or its joint owners
    lead: list[str]
    joint: list[str]
    support: list[str]
    status: str
    status_label: str
    reported: str | None
    reported_label: str | None
    note: str
    source: str
    role: str | None = None  # with --unit: lead, joint or support, as in ItemRow
    role_label: str | None = None  # 牵头, 共同负责, 配合, or 配合（各相关部门） through a collective

    @property
    def qid(self) -> str:
        """The id that is unique across documents: KEY/6.1 (a property, so not in the JSON)."""
        return f"{self.doc}/{self.item}"


def describe_deadline(dl: Deadline) -> str:
    """A deadline in the period syntax, e.g. `2017H1（争取）` or `每 06-30,12-31`."""
    if dl.due is not None:
        when = str(dl.due)
    else:
        when = f"every {dl.every}"
        if dl.start is not None:
            when += f" from {dl.start}"
        if dl.until is not None:
            when += f" until {dl.until}"
    return f"{when}（争取）" if dl.soft else when


def has_role(ds: Dataset, ref: ItemRef, unit: str, role: str = "any") -> bool:
    """Whether `unit` answers for the item in `role` (lead, joint, support; `owner` is lead or
    joint; `any` is all three), named in the clause or as a member of a collective it names."""
    found = role_of(ds.registry, ref.item, unit)
    return found is not None and _role_matches(found.role, role)


def names_role(ref: ItemRef, role: str) -> bool:
    """Whether the item's clause names a unit in `role` at all: without --unit, `--role joint`
    asks for the jointly owned tasks (2.2, 4.1), not for every task."""
    item = ref.item
    if role == "any":
        return True
    if role == "owner":
        return bool(item.lead or item.joint)
    return bool(getattr(item, role))


def list_items(
    ds: Dataset,
    *,
    unit: str | None = None,
    role: str = "any",
    chapter: int | None = None,
    measure: int | None = None,
    search: str | None = None,
) -> list[ItemRow]:
    """Items in document order, with the unit's role in each when `unit` is given."""
    rows = []
    for ref in ds.items:
        found = None
        if unit is not None:
            found = role_of(ds.registry, ref.item, unit)
            if found is None or not _role_matches(found.role, role):
                continue
        elif not names_role(ref, role):
            continue
        if chapter is not None and ref.chapter.number != chapter:
            continue
        if measure is not None and ref.measure.number != measure:
            continue
        if search and search not in ref.item.text and search not in ref.measure.title:
            continue
        row = item_row(ref, found)
        rows.append(row)
    return rows


def next_milestone(ds: Dataset, ref: ItemRef, as_of: date) -> DueRow | None:
    """The item's first milestone due on or after `as_of` (a recurring duty's next occurrence)."""
    ahead = item_dues(ref, as_of, date(as_of.year + 2, 12, 31))
    if not ahead:
        return None
    return due_row(ds, min(ahead, key=lambda d: (d.due, d.number)), as_of)


def first_overdue(ds: Dataset, ref: ItemRef, as_of: date) -> DueRow | None:
    """The item's earliest milestone past due and not reported done or cancelled."""
    past = item_dues(ref, date(1900, 1, 1), as_of - timedelta(days=1))
    for due in sorted(past, key=lambda d: (d.due, d.number)):
        row = due_row(ds, due, as_of)
        if row.status == "overdue":
            return row
    return None


def next_milestones(ds: Dataset, rows: list[ItemRow], as_of: date) -> list[str]:
    """Each row's next milestone as a table shows it (2026-12-31 未到期), or "" when none is ahead.
    A milestone past due and not done comes first: it is what the unit owes now, and a blank
    would read as nothing to do (6.1's 2017 milestones, still open years later)."""
    out = []
    for row in rows:
        ref = ds.by_qid[f"{row.doc}/{row.id}"]
        upcoming = first_overdue(ds, ref, as_of) or next_milestone(ds, ref, as_of)
        out.append(f"{upcoming.due} {upcoming.status_label}" if upcoming else "")
    return out


def _role_matches(found: str, wanted: str) -> bool:
    return wanted == "any" or found == wanted or (wanted == "owner" and found in OWNER_ROLES)


def item_row(ref: ItemRef, role: Responsibility | None = None) -> ItemRow:
    return ItemRow(
        id=ref.id,
        doc=ref.doc.key,
        chapter=ref.chapter.number,
        chapter_title=ref.chapter.title,
        measure=ref.measure.number,
        measure_title=ref.measure.title,
        text=ref.item.text,
        owners=owners(ref.item),
        lead=list(ref.item.lead),
        joint=list(ref.item.joint),
        support=list(ref.item.support),
        deadlines=[describe_deadline(dl) for dl in ref.item.deadlines],
        role=role.role if role else None,
        role_label=role.label if role else None,
    )


def unit_rows(ds: Dataset, kind: str | None = None) -> list[UnitRow]:
    # One pass over the items, not one per unit: the work grows with items plus units.
    counts: dict[str, Counter[str]] = {role: Counter() for role in ROLE_NAMES}
    for ref in ds.items:
        for r in responsible(ds.registry, ref.item):
            counts[r.role][r.unit] += 1
    lead, joint, support = (counts[role] for role in ROLE_NAMES)
    return [
        UnitRow(
            u.name,
            u.full_name,
            u.kind,
            KIND_LABELS[u.kind],
            list(u.aliases),
            lead[u.name],
            joint[u.name],
            support[u.name],
        )
        for u in ds.registry.units
        if kind is None or u.kind == kind
    ]


def default_as_of(hi: date, today: date) -> date:
    """Today, or the period's last day when the period is already over."""
    return min(today, hi)


def due_row(ds: Dataset, due: Due, as_of: date) -> DueRow:
    record = latest_record(ds, due, as_of)
    state = state_of(due, record, as_of)
    item = due.ref.item
    return DueRow(
        item=item.id,
        doc=due.ref.doc.key,
        measure=due.ref.measure.number,
        chapter=due.ref.chapter.number,
        deadline=due.number,
        what=due.deadline.what,
        due=due.due.isoformat(),
        occurrence=due.occurrence,
        recurring=due.recurring,
        soft=due.deadline.soft,
        window_start=due.window_start.isoformat() if due.window_start else None,
        owners=owners(item),
        lead=list(item.lead),
        joint=list(item.joint),
        support=list(item.support),
        status=state,
        status_label=STATE_LABELS[state],
        reported=record.status if record else None,
        reported_label=STATUS_LABELS[record.status] if record else None,
        note=record.note if record else "",
        source=due.deadline.source,
    )


def due_rows(
    ds: Dataset,
    lo: date,
    hi: date,
    as_of: date,
    *,
    unit: str | None = None,
    role: str = "any",
    states: set[str] | None = None,
    windows: bool = True,
) -> list[DueRow]:
    from dataclasses import replace

    rows = []
    for due in all_dues(ds, lo, hi, windows=windows):
        found = None
        if unit is not None:
            # 29.1 is 市发改局's to lead, yet 市商务局 owes it: the row says in what role.
            found = role_of(ds.registry, due.ref.item, unit)
            if found is None or not _role_matches(found.role, role):
                continue
        elif not names_role(due.ref, role):
            continue
        row = due_row(ds, due, as_of)
        if states and row.status not in states:
            continue
        rows.append(row if found is None else replace(row, role=found.role, role_label=found.label))
    return rows


def overdue_rows(ds: Dataset, as_of: date, *, unit: str | None = None, role: str = "any") -> list[DueRow]:
    """Everything due before `as_of` and not reported done or cancelled, from any period."""
    return due_rows(
        ds, date(1900, 1, 1), as_of - timedelta(days=1), as_of, unit=unit, role=role, states={"overdue"}, windows=False
    )
