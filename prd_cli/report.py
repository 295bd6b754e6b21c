"""The half-year report as data: what fell due, what is overdue, what is ongoing, by unit.

Templates only lay this out; every number and row is decided here, from the same due rows
that `prd deadlines` prints.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .dataset import Dataset, ItemRef, ProgressEntry
from .deadlines import STATE_LABELS, all_dues
from .models import STATUS_LABELS, Document
from .numerals import chinese_number
from .periods import Period, period_words
from .queries import DueRow, due_row
from .roles import Responsibility, bracket, responsible
from .tasks import SETTLED, TASK_STATE_LABELS, TaskRow, record_about, records_before, records_in, task_row

STATE_COLOURS = {
    "done": "#2e7d32",
    "cancelled": "#9e9e9e",
    "overdue": "#c62828",
    "due_soon": "#ef6c00",
    "in_progress": "#1565c0",
    "delayed": "#6a1b9a",
    "not_due": "#78909c",
}


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


def _counts(labels: dict[str, str], keys: list[str]) -> list[Count]:
    """How many of `keys` fall in each state, with a column for every state even when it is 0."""
    tally = Counter(keys)
    return [Count(k, label, tally[k]) for k, label in labels.items()]


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


@dataclass(frozen=True)
class Tally:
    """Tasks of one chapter (or all) by state, and how many have an owner's report."""

    label: str
    total: int
    reported: int
    states: list[Count]
    settled: int = 0  # closed in an earlier period: no return owed

    @property
    def owing(self) -> int:
        return self.total - self.settled

    @property
    def missing(self) -> int:
        return self.owing - self.reported

    @property
    def reported_share(self) -> str:
        """Of the tasks that owe a return this period: a task closed before owes none."""
        return share(self.reported, self.owing)


# Before any task is closed in an earlier period (a document's first report), that column is
# only zeros: it shows in a report where some task is 往期已办结.
_OPEN_STATE_LABELS = {k: v for k, v in TASK_STATE_LABELS.items() if k not in SETTLED}


def tally(label: str, tasks: list[TaskRow], labels: dict[str, str] = TASK_STATE_LABELS) -> Tally:
    settled = sum(t.state in SETTLED for t in tasks)
    return Tally(
        label=label,
        total=len(tasks),
        reported=sum(t.state != "not_reported" for t in tasks) - settled,
        states=_counts(labels, [t.state for t in tasks]),
        settled=settled,
    )


@dataclass(frozen=True)
class Overview:
    """总体情况: the figures a 落实情况汇总 opens with, every one counted here."""

    tasks: Tally
    milestones: int  # due in the period
    milestone_states: list[Count]
    milestones_not_reported: int
    overdue_earlier: int
    ongoing: int
    units_owing: int  # units responsible for at least one task, who report every period
    units_reported: int
    not_reported_units: list[str]  # 未报送单位: the list the office chases

    @property
    def reported_share(self) -> str:
        return self.tasks.reported_share


@dataclass(frozen=True)
class TaskView:
    """A task with its milestones in the report: due in the period, overdue from before, or open."""

    task: TaskRow
    milestones: list[DueRow]


@dataclass(frozen=True)
class MeasureBlock:
    label: str
    tasks: list[TaskView]


@dataclass(frozen=True)
class ChapterBlock:
    label: str
    measures: list[MeasureBlock]


@dataclass(frozen=True)
class RecordView:
    item: str
    date: str
    status_label: str
    note: str
    problems: str
    next_steps: str
    about: str = ""  # the milestone it is about (节点 1), as under the task; "" for the task itself


@dataclass(frozen=True)
class UnitSection:
    """分单位情况: all a unit leads, shares and supports, what it reported, what it still owes."""

    name: str
    lead: list[str]
    joint: list[str]
    support: list[str]  # through a collective: 1.1（各相关部门）
    reported: list[RecordView]
    not_reported: list[str]  # tasks it answers for with no report from it this period
    owed: list[DueRow]  # milestones it answers for, due and not done


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
    period_words: str  # 2017年下半年
    as_of: date
    generated: date
    commit: str | None
    unit: str | None
    overview: Overview
    summary: Tally  # every task, by state
    by_chapter: list[Tally]
    chapters: list[ChapterBlock]  # 各项任务落实情况, in document order
    due: list[DueRow]
    overdue: list[DueRow]
    ongoing: list[DueRow]
    units: list[UnitSection] = field(default_factory=list)
    timeline: Timeline | None = None

    @property
    def title(self) -> str:
        head = self.document.number if len(self.documents) == 1 else f"{len(self.documents)} 份文件"
        return f"{head} 落实情况汇总（{self.period_words}{'，' + self.unit if self.unit else ''}）"

    @property
    def opening(self) -> str:
        """The opening paragraph, as offices write it, generated from the figures only."""
        o = self.overview
        t = o.tasks
        states = "，".join(
            f"{c.label}{c.count}项" for c in t.states if c.key != "not_reported" and c.key not in SETTLED and c.count
        )
        parts = [
            f"截至{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日，"
            f"{'本单位' if self.unit else '文件'}涉及工作任务{t.total}项，"
            f"本期（{self.period_words}）{'牵头（共同负责）单位' if self.unit else ''}已报送进展{t.reported}项（{t.reported_share}）"
            + (f"，其中{states}" if states else "")
            + f"；未报送{t.missing}项"
            + (f"；往期已办结{t.settled}项，本期无须报送" if t.settled else "")
            + "。"
        ]
        if o.milestones:
            ms = "，".join(f"{c.label}{c.count}项" for c in o.milestone_states if c.count)
            parts.append(f"本期到期节点{o.milestones}项：{ms}。")
        else:
            parts.append("本期没有到期节点。")
        if o.overdue_earlier:
            parts.append(f"往期逾期未完成节点{o.overdue_earlier}项。")
        if o.ongoing:
            parts.append(f"跨期推进节点{o.ongoing}项。")
        if not self.unit:
            parts.append(
                f"应报送单位{o.units_owing}个，已报送{o.units_reported}个，未报送{len(o.not_reported_units)}个。"
            )
        elif self.units:
            # The figures above count every owner's report; say what the unit itself sent, so a
            # task another lead reported on is not read as this unit's report.
            u = self.units[0]
            roles = "、".join(
                f"{label}{len(ids)}项"
                for label, ids in (("牵头", u.lead), ("共同负责", u.joint), ("配合", u.support))
                if ids
            )
            parts.append(f"本单位{roles}，本期报送进展{len(u.reported)}项，尚有{len(u.not_reported)}项未报送。")
        return "".join(parts)


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
    from .gitinfo import data_commit as read_commit
    from .paths import data_files

    try:
        return read_commit(root, data_files(root))
    except OSError:
        return None


def build_report(ds: Dataset, period: Period, as_of: date, *, unit: str | None = None) -> Report:
    """Every task (or every task of `unit`) in document order, with its state in the period,
    its milestones, and the tallies: one pass over items, one over records, one over due dates."""
    latest = records_in(ds, period, as_of)
    who = {ref.qid: responsible(ds.registry, ref.item) for ref in ds.items}
    refs = ds.items if unit is None else [ref for ref in ds.items if any(r.unit == unit for r in who[ref.qid])]
    earlier = records_before(ds, period)
    tasks = [
        task_row(ds, ref, latest.get(ref.qid, {}), period, as_of, who[ref.qid], earlier.get(ref.qid, {}))
        for ref in refs
    ]
    settled = {t.qid for t in tasks if t.state in SETTLED}
    wanted = {ref.qid for ref in refs}

    due = [due_row(ds, d, as_of) for d in all_dues(ds, period.start, period.end) if d.ref.qid in wanted]
    before = all_dues(ds, date(1900, 1, 1), period.start - timedelta(days=1))
    overdue = [r for r in (due_row(ds, d, as_of) for d in before if d.ref.qid in wanted) if r.status == "overdue"]
    ongoing = [
        due_row(ds, d, as_of)
        for d in all_dues(ds, period.start, period.end, windows=True)
        if d.window_start is not None and d.due > period.end and d.ref.qid in wanted
    ]
    if unit is not None:
        # A unit's own report: the milestones it answers for (a support unit owes its part too).
        due, overdue, ongoing = ([r for r in rows if unit in _units_of(r, who)] for rows in (due, overdue, ongoing))

    milestones_of: dict[str, list[DueRow]] = {}
    for row in [*overdue, *due, *ongoing]:
        milestones_of.setdefault(row.qid, []).append(row)
    for rows in milestones_of.values():
        # As `prd show` numbers them (节点 1 before 节点 2), a recurring duty's occurrences by date:
        # the section a milestone came from (overdue, due, ongoing) is no order for a reader.
        rows.sort(key=lambda r: (r.deadline, r.due))
    labels = TASK_STATE_LABELS if settled else _OPEN_STATE_LABELS
    chapters, by_chapter = _chapters(ds, tasks, milestones_of, labels)
    units = _unit_sections(ds, refs, who, latest, [*due, *overdue], unit, settled)
    # A unit whose every task was closed before owes no return: it is not chased.
    owing = [u.name for u in units if u.reported or u.not_reported]
    reported_units = {u.name for u in units if u.reported}
    everything = tally("合计", tasks, labels)
    return Report(
        document=ds.docs[0].document,
        documents=[d.document for d in ds.docs],
        period=period,
        period_words=period_words(period),
        as_of=as_of,
        generated=generation_date(),
        commit=data_commit(ds.root),
        unit=unit,
        overview=Overview(
            tasks=everything,
            milestones=len(due),
            milestone_states=_counts(STATE_LABELS, [r.status for r in due]),
            milestones_not_reported=sum(r.reported is None for r in due),
            overdue_earlier=len(overdue),
            ongoing=len(ongoing),
            units_owing=len(owing),
            units_reported=len(reported_units),
            not_reported_units=[n for n in owing if n not in reported_units],
        ),
        summary=everything,
        by_chapter=by_chapter,
        chapters=chapters,
        due=due,
        overdue=overdue,
        ongoing=ongoing,
        units=units,
        timeline=_timeline(period, as_of, due),
    )


def progress_text(row: DueRow) -> str:
    """The latest report on a row, or 未报送: nothing is ever silently blank."""
    if row.reported is None:
        return "未报送"
    return f"{row.reported_label}：{row.note}" if row.note else str(row.reported_label)


def responsibility(row: DueRow | TaskRow) -> list[tuple[str, list[str]]]:
    """The clause's units by role, leaving out the roles it has none in: [("牵头", [...]), ("配合", [...])]."""
    named = (("牵头", row.lead), ("共同负责", row.joint), ("配合", row.support))
    return [(label, list(units)) for label, units in named if units]


def css_string(text: str) -> str:
    """`text` as a CSS string (for an @page header): every character but letters and digits
    escaped, so no quote, backslash or </style> from the data can end the string or the sheet."""
    return '"' + "".join(ch if ch.isalnum() else f"\\{ord(ch):06x}" for ch in text) + '"'


def row_ref(row: DueRow | TaskRow, report: Report) -> str:
    """6.1 for one document; KEY/6.1 once several share a report."""
    if len(report.documents) > 1:
        return row.qid
    return row.id if isinstance(row, TaskRow) else row.item


def _units_of(row: DueRow, who: dict[str, list[Responsibility]]) -> set[str]:
    return {r.unit for r in who[row.qid]}


def _chapters(
    ds: Dataset, tasks: list[TaskRow], milestones_of: dict[str, list[DueRow]], labels: dict[str, str]
) -> tuple[list[ChapterBlock], list[Tally]]:
    """Tasks grouped under their chapter and measure, and each chapter's tally, in one pass."""
    prefix_of = {d.document.key: (f"{d.document.number} " if ds.multi else "") for d in ds.docs}
    grouped: dict[tuple[str, int], dict[int, list[TaskRow]]] = {}
    titles: dict[tuple[str, int], str] = {}
    measure_titles: dict[tuple[str, int], str] = {}
    for t in tasks:
        key = (t.doc, t.chapter)
        grouped.setdefault(key, {}).setdefault(t.measure, []).append(t)
        titles[key] = f"{prefix_of[t.doc]}{chinese_number(t.chapter)}、{t.chapter_title}"
        measure_titles[(t.doc, t.measure)] = f"（{chinese_number(t.measure)}）{t.measure_title}"
    chapters = []
    tallies = []
    for key, measures in grouped.items():
        blocks = [
            MeasureBlock(measure_titles[(key[0], m)], [TaskView(t, milestones_of.get(t.qid, [])) for t in rows])
            for m, rows in measures.items()
        ]
        chapters.append(ChapterBlock(titles[key], blocks))
        tallies.append(tally(titles[key], [t for rows in measures.values() for t in rows], labels))
    return chapters, tallies


def _unit_sections(
    ds: Dataset,
    refs: list[ItemRef],
    who: dict[str, list[Responsibility]],
    latest: dict[str, dict[str, ProgressEntry]],
    milestones: list[DueRow],
    only: str | None,
    settled: set[str],
) -> list[UnitSection]:
    """One pass over tasks and their units; collectives themselves report through their members."""
    collectives = {name for name, u in ds.registry.by_name.items() if u.kind == "collective"}
    brackets: dict[str, str] = {}
    roles: dict[str, dict[str, list[str]]] = {}
    reported: dict[str, list[RecordView]] = {}
    missing: dict[str, list[str]] = {}
    nothing: dict[str, ProgressEntry] = {}
    # Tasks times their units, members of collectives included: the inner loop does lookups only.
    for ref in refs:
        qid = ref.qid
        shown = qid if ds.multi else ref.id
        latest_here = latest.get(qid, nothing)
        for r in who[qid]:
            if r.unit in collectives or (only is not None and r.unit != only):
                continue
            if r.via:
                via = brackets.get(r.via)
                if via is None:
                    via = brackets[r.via] = bracket(r.via)
                name = shown + via
            else:
                name = shown
            roles.setdefault(r.unit, {}).setdefault(r.role, []).append(name)
            entry = latest_here.get(r.unit)
            if entry is None:
                if qid not in settled:
                    missing.setdefault(r.unit, []).append(shown)
            else:
                rec = entry.record
                reported.setdefault(r.unit, []).append(
                    RecordView(
                        shown,
                        rec.date.isoformat(),
                        STATUS_LABELS[rec.status],
                        rec.note,
                        rec.problems,
                        rec.next_steps,
                        record_about(ref, rec),
                    )
                )
    owed: dict[str, list[DueRow]] = {}
    # By due date, so what was overdue from an earlier period comes first, not after this period's.
    for row in sorted(milestones, key=lambda r: r.due):  # stable: document order within a day
        if row.status in ("done", "cancelled"):
            continue
        for r in who[row.qid]:
            if r.unit in roles:
                owed.setdefault(r.unit, []).append(row)
    return [
        UnitSection(
            u.name,
            roles[u.name].get("lead", []),
            roles[u.name].get("joint", []),
            roles[u.name].get("support", []),
            reported.get(u.name, []),
            missing.get(u.name, []),
            owed.get(u.name, []),
        )
        for u in ds.registry.units
        if u.name in roles
    ]


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
