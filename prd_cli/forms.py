"""Returns out and in: a unit's 填报表 (what it owes in a period) as an Excel workbook, and the
filled workbook read back into progress records.

The form's first seven columns are the data's (read-only, protected); the last five are the
unit's to fill. A hidden sheet carries the unit, the period, the documents and a digest of
each row's read-only cells, so a return is matched to its milestones by content (rows may be
sorted or deleted) and a return whose read-only cells were edited, or that belongs to another
unit or period, is told apart from a good one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .dataset import Dataset, ItemRef, ProgressEntry
from .deadlines import Due, item_dues, latest_record, record_covers, state_of
from .i18n import _
from .models import STATUS_ALIASES, STATUS_LABELS
from .periods import Period, PeriodError, parse_period
from .progress import NewRecord
from .roles import Responsibility, responsible, role_of
from .sheets import FONT, FONT_SIZE, day_zh, deadline_zh, fit_heights, occurrence_zh, page_setup, period_zh
from .tasks import closed_earlier, records_before

FORMAT = "prd-form/1"
FORM_SHEET = "填报"
HELP_SHEET = "填报说明"
META_SHEET = "prd"
FIXED = ["编号", "工作任务", "本单位职责", "牵头单位", "配合单位", "节点", "截止日期"]
FILL = ["状态", "进展情况", "存在问题", "下一步计划", "填报日期"]
HEADERS = FIXED + FILL
WIDTHS = [6, 34, 10, 12, 14, 20, 11, 8, 28, 16, 16, 11]
HEADER_ROW = 2
FIRST_ROW = 3
STATUS_COL = len(FIXED) + 1  # H
NO_NODE = "无时限：填报总体进展"
# Forms already issued offer 取消 in their drop-down: their returns still read.
_STATUS_BY_WORD = {**{v: k for k, v in STATUS_LABELS.items()}, **STATUS_ALIASES, **{k: k for k in STATUS_LABELS}}


@dataclass(frozen=True)
class FormRow:
    ref: ItemRef
    role_label: str
    node: str
    due: dt.date | None
    deadline: int | None
    occurrence: dt.date | None

    def fixed(self) -> list[Any]:
        item = self.ref.item
        owners = "、".join(item.lead) or ("共同负责：" + "、".join(item.joint) if item.joint else "")
        if item.lead and item.joint:
            owners += "；共同负责：" + "、".join(item.joint)
        return [item.id, item.text, self.role_label, owners, "、".join(item.support), self.node, self.due]


def form_rows(ds: Dataset, unit: str, period: Period, *, open_only: bool = True) -> list[FormRow]:
    """Every task the unit answers for, in document order: one row per milestone (deadline or
    occurrence) due in the period, and one per dated deadline due before it that its owners have
    not reported done or cancelled by the period's end (it is still owed); or, when none of
    these, one row for the task.

    A task its owners closed in an earlier period (tasks.closed_earlier) owes no return and has
    no row. With `open_only=False`, earlier deadlines and closed tasks are listed whatever their
    state (see `known_rows`).
    """
    closing = records_before(ds, period) if open_only else {}
    rows: list[FormRow] = []
    for ref in ds.items:
        found = role_of(ds.registry, ref.item, unit)
        if found is not None and not _closed(ds, ref, closing, period):
            rows.extend(_task_rows(ds, ref, found.label, period, open_only))
    return rows


def forms_by_unit(ds: Dataset, period: Period) -> dict[str, list[FormRow]]:
    """form_rows for every unit that owes a return, in one pass over the tasks: a task's rows
    are the same for each of its units but for the role, so they are worked out once a task,
    not once a unit and task (a province's hundreds of units times its tasks). Units (not
    collectives) in the registry's order."""
    closing = records_before(ds, period)
    found: dict[str, list[FormRow]] = {}
    for ref in ds.items:
        who = responsible(ds.registry, ref.item)
        if not who or _closed(ds, ref, closing, period, who):
            continue
        rows = _task_rows(ds, ref, "", period, True)
        for r in who:
            found.setdefault(r.unit, []).extend(replace(row, role_label=r.label) for row in rows)
    return {u.name: found[u.name] for u in ds.registry.units if u.kind != "collective" and u.name in found}


def _closed(
    ds: Dataset,
    ref: ItemRef,
    closing: dict[str, dict[str, ProgressEntry]],
    period: Period,
    who: list[Responsibility] | None = None,
) -> bool:
    before = closing.get(ref.qid)
    if not before:
        return False
    return bool(closed_earlier(ds, ref, before, who if who is not None else responsible(ds.registry, ref.item), period))


def _task_rows(ds: Dataset, ref: ItemRef, label: str, period: Period, open_only: bool) -> list[FormRow]:
    """The task's rows on a form, the unit's role given as `label`."""
    dues = sorted(item_dues(ref, period.start, period.end), key=lambda d: (d.number, d.due))
    owed = [
        d
        for d in record_covers(ref, None, None)
        if d.due < period.start
        and not (open_only and state_of(d, latest_record(ds, d, period.end), period.end) in ("done", "cancelled"))
    ]
    if not dues and not owed and ref.item.deadlines:
        # Nothing falls due in the period: the task's row reports on its next milestone
        # (or, when all are past, its last), so the record names one and closes no other.
        later = item_dues(ref, period.end + dt.timedelta(days=1), dt.date(period.end.year + 10, 12, 31))
        earlier = item_dues(ref, dt.date(1900, 1, 1), period.start - dt.timedelta(days=1))
        pick = min(later, key=lambda d: d.due, default=None) or max(earlier, key=lambda d: d.due, default=None)
        if pick is not None:
            lead = "本期无到期节点，填报下一节点进展：" if pick in later else "本期无到期节点，填报已到期节点进展："
            return [_milestone_row(ref, label, pick, lead)]
    if not dues and not owed:
        return [FormRow(ref, label, NO_NODE, None, None, None)]
    leads = {id(d): "往期未完成节点，" for d in owed}
    return [
        _milestone_row(ref, label, d, leads.get(id(d), ""))
        for d in sorted(owed + dues, key=lambda d: (d.number, d.due))
    ]


def known_rows(ds: Dataset, unit: str, period: Period) -> list[FormRow]:
    """Every row a form for this unit and period could hold on the data as it is: a return is
    checked against these, so a milestone its owner closed after the form was made is no change."""
    return form_rows(ds, unit, period) + form_rows(ds, unit, period, open_only=False)


def _milestone_row(ref: ItemRef, role_label: str, d: Due, lead: str = "") -> FormRow:
    when = deadline_zh(d.deadline)
    if d.recurring:
        when = f"{when}，{occurrence_zh(d.occurrence)}"
    node = f"{lead}时限{d.number}：{d.deadline.what}（{when}）"
    return FormRow(ref, role_label, node, d.due, d.number, d.due if d.recurring else None)


def _norm(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def digest(values: list[Any]) -> str:
    return hashlib.sha256("\x1f".join(_norm(v) for v in values).encode("utf-8")).hexdigest()[:20]


def _doc_keys(ds: Dataset) -> str:
    return ",".join(ds.keys())


def build_form(ds: Dataset, unit: str, period: Period, generated: dt.date, rows: list[FormRow] | None = None) -> bytes:
    """The unit's form; `rows` when forms_by_unit has worked them out already."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    if rows is None:
        rows = form_rows(ds, unit, period)
    book = Workbook()
    ws = book.active
    ws.title = FORM_SHEET
    docs = "、".join(d.document.number for d in ds.docs)
    title = f"{docs} 工作任务进展填报表（{period_zh(period.text)}）  填报单位：{unit}"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append(HEADERS)
    for r in rows:
        ws.append([*r.fixed(), None, None, None, None, None])

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT, size=FONT_SIZE)
    ro_fill = PatternFill("solid", fgColor="F2F2F2")
    fill_fill = PatternFill("solid", fgColor="FFFBE6")
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    for c in ws[HEADER_ROW]:
        c.font = Font(name=FONT, size=FONT_SIZE, bold=True)
        c.fill = PatternFill("solid", fgColor="D9D9D9" if c.column <= len(FIXED) else "FFE699")
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
    for row in ws.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + len(rows) - 1):
        for c in row:
            editable = c.column > len(FIXED)
            c.font = body
            c.border = border
            c.fill = fill_fill if editable else ro_fill
            centred = c.column in (1, 3, 7, 8, 12)
            c.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if centred else None)
            if editable:
                c.protection = Protection(locked=False)
            if c.column in (7, 12):
                c.number_format = "yyyy-mm-dd"
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[ws.cell(row=HEADER_ROW, column=i).column_letter].width = width
    fit_heights(ws, WIDTHS, FIRST_ROW, minimum_lines=3)
    ws.row_dimensions[HEADER_ROW].height = 20

    last = FIRST_ROW + max(len(rows), 1) - 1
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_LABELS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error="请从下拉列表中选择：" + "、".join(STATUS_LABELS.values()),
        promptTitle="状态",
        prompt="请选择：" + "、".join(STATUS_LABELS.values()),
        showInputMessage=True,
    )
    status.add(f"H{FIRST_ROW}:H{last}")
    start = max(period.start, min(d.document.date for d in ds.docs))
    when = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({start.year},{start.month},{start.day})",
        formula2=f"DATE({period.end.year},{period.end.month},{period.end.day})",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="填报日期",
        error=f"请填写{day_zh(start)}至{day_zh(period.end)}之间的日期，如 {period.end.isoformat()}",
    )
    when.add(f"L{FIRST_ROW}:L{last}")
    ws.add_data_validation(status)
    ws.add_data_validation(when)
    page_setup(ws, f"{HEADER_ROW - 1}:{HEADER_ROW}", freeze=f"B{FIRST_ROW}", footer=f"{unit} {period}")
    ws.protection.sheet = True
    ws.protection.formatRows = False  # rows may be made taller to read long text
    ws.protection.formatColumns = False
    ws.protection.sort = False
    ws.protection.autoFilter = False

    _help_sheet(book, unit, period, start, len(rows))
    meta = book.create_sheet(META_SHEET)
    fixed_rows = [r.fixed() for r in rows]
    meta.append(["format", FORMAT])
    meta.append(["unit", unit])
    meta.append(["period", period.text])
    meta.append(["documents", _doc_keys(ds)])
    meta.append(["generated", generated.isoformat()])
    meta.append(["checksum", digest([unit, period.text, *(v for r in fixed_rows for v in r)])])
    meta.append(["rows", len(rows)])
    meta.append(["row", "item", "deadline", "occurrence", "digest"])
    for n, (r, values) in enumerate(zip(rows, fixed_rows, strict=True), FIRST_ROW):
        key = digest([unit, period.text, *values])  # a row belongs to its unit and period, too
        meta.append([n, r.ref.qid, r.deadline, r.occurrence.isoformat() if r.occurrence else None, key])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    book.security = WorkbookProtection(lockStructure=True)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _help_sheet(book: Any, unit: str, period: Period, start: dt.date, count: int) -> None:
    from openpyxl.styles import Alignment, Font

    ws = book.create_sheet(HELP_SHEET)
    labels = "、".join(STATUS_LABELS.values())
    lines = [
        ("填报说明", True),
        (
            f"填报单位：{unit}；填报期间：{period_zh(period.text)}（{day_zh(period.start)}至{day_zh(period.end)}）；共 {count} 行。",
            False,
        ),
        (
            "一、“填报”表每行是本单位在本期应报送的一项工作任务或一个时间节点。灰色各列（编号至截止日期）由系统生成，已锁定，请勿修改；如有异议请另行说明。标为“往期未完成节点”的行是此前已到期、尚未报送完成的节点，请一并报送其进展。",
            False,
        ),
        (f"二、请在黄色各列填写：状态（下拉选择：{labels}）、进展情况、存在问题、下一步计划、填报日期。", False),
        (
            f"三、填报日期填写报告所述情况的日期，格式如 {period.end.isoformat()}，须在{day_zh(start)}至{day_zh(period.end)}之间，且不晚于报送当日。",
            False,
        ),
        (
            "四、状态为空的行视为本期未报送，不导入。可以调整行高以便阅读，可以排序，但请勿增删行、改动灰色列或工作表名称。",
            False,
        ),
        (
            "五、牵头单位（或共同负责单位）报送的“已完成”表示该节点完成；配合单位报送的情况作为配合工作记录，不代替牵头单位报送。",
            False,
        ),
        ("六、本表须由本单位填写，请勿转给其他单位使用；其他单位请使用各自的填报表。", False),
        ("七、填好后请以 Excel 文件（.xlsx）原样报回，勿另存为其他格式。", False),
    ]
    for text, bold in lines:
        ws.append([text])
        c = ws.cell(row=ws.max_row, column=1)
        c.font = Font(name=FONT, size=14 if bold else 11, bold=bold)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110
    fit_heights(ws, [110], 1)
    page_setup(ws, "1:1", freeze="A2")
    ws.protection.sheet = True


@dataclass
class Return:
    """What one filled form says: its records, and every problem found, located."""

    file: str
    unit: str = ""
    period: Period | None = None
    records: list[NewRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # errors: nothing is written from this file
    notes: list[str] = field(default_factory=list)  # said, not fatal
    skipped: int = 0  # rows with no status

    def error(self, where: str, message: str) -> None:
        self.problems.append(f"{self.file}{'!' + where if where else ''}: {message}")


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        from openpyxl.utils.datetime import from_excel

        got = from_excel(value)
        return got.date() if isinstance(got, dt.datetime) else None
    if isinstance(value, str):
        text = value.strip().replace("/", "-").replace(".", "-")
        for sep in ("年", "月"):
            text = text.replace(sep, "-")
        text = text.rstrip("日")
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                return None
    return None


def read_return(ds: Dataset, path: Path, today: dt.date) -> Return:
    """Read a filled form and check every cell; records come back only if nothing is wrong."""
    from openpyxl import load_workbook

    got = Return(path.name)
    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not xlsx
        got.error(
            "",
            _("cannot read it as an Excel workbook (.xlsx): {reason}").format(reason=f"{type(exc).__name__}: {exc}"),
        )
        return got
    if META_SHEET not in book.sheetnames or FORM_SHEET not in book.sheetnames:
        got.error(
            "",
            _("not a prd 填报表 (no {sheet} and form data sheets): make forms with `prd progress form`").format(
                sheet=FORM_SHEET
            ),
        )
        return got
    meta_ws = book[META_SHEET]
    meta = {str(r[0]): r[1] for r in meta_ws.iter_rows(min_row=1, max_row=7, values_only=True) if r[0]}
    if meta.get("format") != FORMAT:
        got.error("", _("made by another version of prd ({format}): make a new form").format(format=meta.get("format")))
        return got
    unit = ds.registry.resolve(str(meta.get("unit", "")))
    if unit is None:
        got.error("", _("the form is for {unit}, which the data no longer knows").format(unit=meta.get("unit")))
        return got
    got.unit = unit
    try:
        period = parse_period(str(meta.get("period")))
    except PeriodError as exc:
        got.error("", _("the form's period is unreadable: {reason}").format(reason=exc))
        return got
    got.period = period
    if str(meta.get("documents")) != _doc_keys(ds):
        got.error(
            "",
            _("the form is for documents {documents}, the data holds {keys}").format(
                documents=meta.get("documents"), keys=_doc_keys(ds)
            ),
        )
        return got
    expected: dict[str, tuple[int, str, int | None, dt.date | None]] = {}
    try:
        for r in meta_ws.iter_rows(min_row=9, max_col=5, values_only=True):
            if r[0] is None:
                continue
            occurrence = dt.date.fromisoformat(str(r[3])) if r[3] else None
            expected[str(r[4])] = (int(r[0]), str(r[1]), int(r[2]) if r[2] is not None else None, occurrence)
    except (ValueError, TypeError, IndexError):
        got.error("", _("the form's hidden data is damaged: make a new form with `prd progress form`"))
        return got
    by_row = {v[0]: k for k, v in expected.items()}

    ws = book[FORM_SHEET]
    header = [_norm(c) for c in next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True))]
    if header[: len(HEADERS)] != HEADERS:
        got.error(
            f"{FORM_SHEET}!A{HEADER_ROW}",
            _("the columns were changed: they must be {headers}").format(headers="、".join(HEADERS)),
        )
        return got
    seen: dict[str, int] = {}
    edited: set[str] = set()  # form rows whose read-only cells were changed: reported there, not as deleted
    places: list[int] = []  # each matched row's place in the form, in the return's order
    current = {digest([unit, period.text, *r.fixed()]) for r in known_rows(ds, unit, period)}
    for cells in ws.iter_rows(min_row=FIRST_ROW, max_col=len(HEADERS)):
        n = cells[0].row
        values = [c.value for c in cells]
        if all(_norm(v) == "" for v in values):
            continue
        fixed = values[: len(FIXED)]
        key = digest([unit, period.text, *fixed])
        if key not in expected:
            original = by_row.get(n)
            if original is not None:
                edited.add(original)
            got.error(
                f"{FORM_SHEET}!{_changed_cell(cells, n, original, ds, unit, period)}",
                _(
                    "a read-only cell was changed, or the row was added: the gray columns must stay as the form"
                    " gave them (undo the change, or make a new form with `prd progress form`)"
                ),
            )
            continue
        if key in seen:
            got.error(f"{FORM_SHEET}!A{n}", _("this row repeats row {row}: keep one").format(row=seen[key]))
            continue
        seen[key] = n
        place, qid, number, occurrence = expected[key]
        places.append(place)
        if key not in current and _norm(values[STATUS_COL - 1]):
            got.error(
                f"{FORM_SHEET}!A{n}",
                _(
                    "item {item}'s text, units or milestones changed in the data after this form was made:"
                    " copy this row's answers into a new form (`prd progress form`)"
                ).format(item=values[0]),
            )
            continue
        _read_fill(got, ds, cells, qid, number, occurrence, unit, period, today)
    if expected and not seen and got.problems:
        got.problems = [
            f"{got.file}: "
            + _(
                "no row matches the form's hidden data: the unit or period it names ({unit}, {period})"
                " or its gray columns were changed; make a new form with `prd progress form`"
            ).format(unit=unit, period=period)
        ]
        return got
    missing = [k for k in expected if k not in seen and k not in edited]
    # Deleting rows moves the ones below up, which is no reordering: only the order counts.
    if places != sorted(places):
        got.notes.append(
            f"{got.file}: " + _("rows are not in the form's order; each was matched by its read-only cells")
        )
    if missing:
        got.notes.append(
            f"{got.file}: "
            + _("{count} row(s) of the form are not in the return (deleted): nothing is recorded for them").format(
                count=len(missing)
            )
        )
    if got.problems:
        got.records = []
    return got


def _changed_cell(cells: Any, n: int, original: str | None, ds: Dataset, unit: str, period: Period) -> str:
    """The first read-only cell of row n that differs from the form's row n, else A{n}."""
    if original is None:
        return f"A{n}"
    for r in known_rows(ds, unit, period):
        values = r.fixed()
        if digest([unit, period.text, *values]) == original:
            for c, want in zip(cells, values, strict=False):
                if _norm(c.value) != _norm(want):
                    return str(c.coordinate)
    return f"A{n}"


def _read_fill(
    got: Return,
    ds: Dataset,
    cells: Any,
    qid: str,
    number: int | None,
    occurrence: dt.date | None,
    unit: str,
    period: Period,
    today: dt.date,
) -> None:
    n = cells[0].row
    status_cell, note, problems, next_steps, date_cell = cells[len(FIXED) : len(HEADERS)]
    word = _norm(status_cell.value)
    if word == "":
        got.skipped += 1
        return
    where = f"{FORM_SHEET}!{status_cell.coordinate}"
    ok = True
    code = _STATUS_BY_WORD.get(word)
    if code is None:
        got.error(
            where,
            _('"{word}" is not a status: choose one of {choices}').format(
                word=word, choices="、".join(STATUS_LABELS.values())
            ),
        )
        ok = False
    ref = ds.find_item(qid)
    if ref is None:
        got.error(f"{FORM_SHEET}!A{n}", _("item {item} is no longer in the data: make a new form").format(item=qid))
        return
    if role_of(ds.registry, ref.item, unit) is None:
        got.error(
            f"{FORM_SHEET}!C{n}",
            _("{unit} is no longer responsible for item {item}: make a new form").format(unit=unit, item=ref.id),
        )
        ok = False
    day = _as_date(date_cell.value)
    dwhere = f"{FORM_SHEET}!{date_cell.coordinate}"
    if date_cell.value in (None, ""):
        got.error(
            dwhere,
            _("填报日期 is empty: give the date of the report, e.g. {example}").format(
                example=min(today, period.end).isoformat()
            ),
        )
        ok = False
    elif day is None:
        got.error(
            dwhere,
            _('"{text}" is not a date: write it as {example}').format(
                text=_norm(date_cell.value), example=period.end.isoformat()
            ),
        )
        ok = False
    elif day not in period:
        got.error(
            dwhere,
            _("{day} is outside the form's period {period} ({start} to {end})").format(
                day=day, period=period, start=period.start, end=period.end
            ),
        )
        ok = False
    elif day < ref.doc.date:
        got.error(dwhere, _("{day} is before the document was issued ({date})").format(day=day, date=ref.doc.date))
        ok = False
    elif day > today:
        got.error(dwhere, _("{day} is in the future (today is {today})").format(day=day, today=today))
        ok = False
    if not ok or code is None or day is None:
        return
    got.records.append(
        NewRecord(
            item=qid if ds.multi else ref.id,
            unit=unit,
            status=code,
            date=day,
            note=_norm(note.value),
            occurrence=occurrence,
            deadline=number,
            problems=_norm(problems.value),
            next_steps=_norm(next_steps.value),
        )
    )


def already_recorded(ds: Dataset, record: NewRecord) -> bool:
    """Whether the data holds this very record already: importing a return twice adds nothing."""
    ref = ds.find_item(record.item)
    if ref is None:
        return False
    for e in ds.progress_by_item.get(ref.qid, ()):
        r = e.record
        if ds.registry.resolve(r.unit) == record.unit and (
            r.status,
            r.date,
            r.note,
            r.problems,
            r.next_steps,
            r.occurrence,
            r.deadline,
        ) == (
            record.status,
            record.date,
            record.note,
            record.problems,
            record.next_steps,
            record.occurrence,
            record.deadline,
        ):
            return True
    return False
