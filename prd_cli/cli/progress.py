"""Progress records: add, remove, the forms and their import."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..i18n import _, os_reason

if TYPE_CHECKING:
    from ..dataset import Dataset

from .common import (
    DataOpt,
    DocOpt,
    NoCacheOpt,
    UnitOpt,
    _complete_period,
    _data_dir,
    _date,
    _half_year,
    _load,
    _narrow,
    _period,
    _unit,
    _write_output,
    _writing,
    progress_app,
)


@progress_app.command("add")
def progress_add(
    item: Annotated[
        str, typer.Argument(metavar="ITEM", help="The item reported on: 6.1, or KEY/6.1 with several documents.")
    ],
    unit: Annotated[str, typer.Option("--unit", "-u", help="The reporting unit.")],
    status: Annotated[
        str,
        typer.Option(
            "--status",
            "-s",
            help="not_started, in_progress, done, delayed, cancelled (or 未开始 推进中 已完成 延期 已取消, 完成 进行中 …).",
        ),
    ],
    note: Annotated[str, typer.Option("--note", "-n", help="What was done (进展情况), in a sentence or two.")] = "",
    problems: Annotated[str, typer.Option("--problems", help="Problems met (存在问题).")] = "",
    next_steps: Annotated[str, typer.Option("--next", help="What comes next (下一步计划).")] = "",
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="The reporting period; default the half year of --date.")
    ] = None,
    on: Annotated[str | None, typer.Option("--date", help="Date of the report (YYYY-MM-DD); default today.")] = None,
    occurrence: Annotated[
        str | None,
        typer.Option(
            "--occurrence",
            help="For a recurring duty: the due date it covers (YYYY-MM-DD); default the latest due on or before --date.",
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            help="Which of the item's deadlines, numbered as `prd show ITEM` lists them, or `all`;"
            " needed when the record could mean several.",
        ),
    ] = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Append a progress record to progress/<period>.yaml, checked first and written atomically.

    Only a unit responsible for the item may report on it; a lead's or joint owner's record decides
    a milestone's state, a support unit's is its contribution.

    Example: prd progress add 6.1 --deadline 1 --unit 市商务局 --status in_progress --note "单一窗口方案已起草"
    """
    from ..inputs import STATUSES, InputError, normalise_id
    from ..progress import NewRecord, add_records
    from ..safetext import typed_controls, undecodable

    for text, option in ((note, "'--note'"), (problems, "'--problems'"), (next_steps, "'--next'")):
        if undecodable(text):
            raise typer.BadParameter(_("not UTF-8 text: set a UTF-8 locale or retype it"), param_hint=option)
        if typed_controls(text):
            raise typer.BadParameter(
                _("it holds control characters ({chars}): remove them").format(chars=", ".join(typed_controls(text))),
                param_hint=option,
            )
    try:
        code = STATUSES.resolve(status)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--status'") from None
    item = normalise_id(item)
    day = _date(on, "'--date'") or date.today()
    occ = _date(occurrence, "'--occurrence'")
    root = _writable_data(data)
    ds = _load(root, no_cache)
    name = _unit(ds, unit)
    assert name is not None
    ref = _item_ref(ds, item)
    item = ref.qid if ds.multi else ref.id  # records name items as the data does
    _check_reporter(ds, ref, name)
    _check_report_date(ref, day, "'--date'")
    from ..progress import ALL, TargetError, choose_targets

    p = _period(period) or _half_year(day, "'--date'")
    if deadline is not None:
        from ..inputs import fold

        deadline = fold(deadline).casefold()
        deadline = ALL if deadline in ("全部", "所有") else deadline
    if day not in p:
        raise typer.BadParameter(
            _(
                "{day} is outside the file's period {period} ({start} to {end}):"
                " leave out --period, or give the date's period"
            ).format(day=day, period=p, start=p.start, end=p.end),
            param_hint="'--date'",
        )
    if deadline is not None and deadline != ALL and not deadline.isdigit():
        raise typer.BadParameter(
            _('"{text}" is not a deadline: write its number (1, 2, …) or all').format(text=deadline),
            param_hint="'--deadline'",
        )
    try:
        from ..roles import contributes_only

        number = int(deadline) if deadline and deadline.isdigit() else deadline
        targets = choose_targets(ref, day, number, occ, contribution=contributes_only(ds.registry, ref.item, name))
    except TargetError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--deadline'") from None
    for target in targets:  # said before writing, so a wrong guess is seen
        if target.note:
            typer.echo(_("item {item}: {note}").format(item=item, note=target.note), err=True)
    _say_contribution(ds, ref, name)
    records = [
        NewRecord(
            item=item,
            unit=name,
            status=code,
            date=day,
            note=note,
            occurrence=t.occurrence,
            deadline=t.deadline,
            problems=problems,
            next_steps=next_steps,
        )
        for t in targets
    ]
    with _recording(_("cannot add the record: {reason}"), refused=2):
        file = add_records(ds, p, records)
    from ..models import STATUS_LABELS
    from ..paths import display_path

    for r in records:
        which = " " + _("deadline {n}").format(n=r.deadline) if r.deadline else ""
        which += " " + _("occurrence {day}").format(day=r.occurrence) if r.occurrence else ""
        typer.echo(
            _("added to {file}: {record}").format(
                file=display_path(file), record=f"{item}{which} {name} {code}（{STATUS_LABELS[code]}） {day}"
            )
        )


@contextmanager
def _recording(refusal: str, refused: int | None) -> Iterator[None]:
    """Writing progress records: what the checks refuse (`refusal`, exit `refused`; passed on
    when None), a lock held too long, and a disk or folder that will not take the file are
    each said in one line, never as a traceback."""
    from ..progress import ProgressError

    try:
        yield
    except ProgressError as exc:
        if refused is None:
            raise
        for problem in exc.problems:
            sys.stderr.write("prd: " + refusal.format(reason=problem.message) + "\n")
        raise typer.Exit(refused) from None
    except TimeoutError as exc:
        sys.stderr.write("prd: " + _("{reason}; try again").format(reason=exc) + "\n")
        raise typer.Exit(1) from None
    except OSError as exc:
        # A read-only or full disk, a .lock that is a folder: the user's to fix, not a bug.
        where = f" ({exc.filename})" if exc.filename else ""
        reason = f"{os_reason(exc)}{where}"
        sys.stderr.write("prd: " + _("cannot write the record: {reason}").format(reason=reason) + "\n")
        raise typer.Exit(2) from None


def _writable_data(data: Path | None) -> Path:
    from ..paths import packaged_data_dir

    root = _data_dir(data)
    if root.resolve() == packaged_data_dir().resolve() and "site-packages" in str(root.resolve()):
        raise typer.BadParameter(
            _("the data shipped inside prd is read-only: copy it with `prd init DIR`, then pass --data DIR"),
            param_hint="'--data'",
        )
    return root


def _item_ref(ds: Dataset, item: str) -> Any:
    ref = ds.find_item(item)
    if ref is None:
        from ..checks import unknown_item_message

        raise typer.BadParameter(unknown_item_message(ds, item), param_hint="ITEM")
    return ref


def _check_reporter(ds: Dataset, ref: Any, unit: str) -> None:
    """Only a unit responsible for the task reports on it; name those that are."""
    from ..roles import responsible, role_of

    if ds.registry.is_collective(unit):
        members = ds.registry.members.get(unit, ())
        listed = (
            "、".join(members[:8]) + ("…" if len(members) > 8 else "") if members else _("none listed in units.yaml")
        )
        raise typer.BadParameter(
            _("{unit} stands for a group of units ({members}): report as one of them").format(
                unit=unit, members=listed
            ),
            param_hint="'--unit'",
        )
    if role_of(ds.registry, ref.item, unit) is None:
        units = "、".join(f"{r.unit}（{r.label}）" for r in responsible(ds.registry, ref.item)) or _("none")
        raise typer.BadParameter(
            _("{unit} is not responsible for item {item}; the units that are: {units}").format(
                unit=unit, item=ref.id, units=units
            ),
            param_hint="'--unit'",
        )


def _say_contribution(ds: Dataset, ref: Any, unit: str) -> None:
    """A support unit's record is its contribution: say so, and whose record decides."""
    from ..roles import OWNER_ROLES, role_of

    found = role_of(ds.registry, ref.item, unit)
    owners = [*ref.item.lead, *ref.item.joint]
    if found is not None and found.role not in OWNER_ROLES and owners:
        typer.echo(
            _(
                "item {item}: {unit} supports it ({role}): the record is its contribution;"
                " the milestone's state is decided by {owners}"
            ).format(item=ref.id, unit=unit, role=found.label, owners="、".join(owners)),
            err=True,
        )


def _check_report_date(ref: Any, day: date, option: str) -> None:
    """A report is dated between its document's issue and today."""
    if day < ref.doc.date:
        raise typer.BadParameter(
            _("{day} is before the document was issued ({number}, {date}): check the year").format(
                day=day, number=ref.doc.number, date=ref.doc.date
            ),
            param_hint=option,
        )
    if day > date.today():
        raise typer.BadParameter(
            _("{day} is in the future (today is {today}): check the year").format(day=day, today=date.today()),
            param_hint=option,
        )


@progress_app.command("remove")
def progress_remove(
    item: Annotated[str | None, typer.Argument(metavar="[ITEM]", help="The item the record is on.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="The reporting unit.")] = None,
    on: Annotated[str | None, typer.Option("--date", help="The record's date (YYYY-MM-DD).")] = None,
    deadline: Annotated[int | None, typer.Option("--deadline", help="The record's deadline number.")] = None,
    occurrence: Annotated[str | None, typer.Option("--occurrence", help="The record's occurrence (due date).")] = None,
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="The file to remove from; needed with --index.")
    ] = None,
    index: Annotated[
        int | None, typer.Option("--index", help="The record's place in progress/PERIOD.yaml, counted from 1.")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Remove every record that matches, not just one.")] = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Withdraw a wrong progress record, keeping the rest of its file byte for byte.

    Select it by what it says (ITEM with --unit, --date, --deadline, --occurrence) or by its place
    (--period P --index N). When several match, they are listed and nothing is removed unless --all.

    Example: prd progress remove 22.1 --unit 市环保局 --date 2017-12-05
    """
    from ..paths import display_path
    from ..progress import remove_records

    day = _date(on, "'--date'")
    occ = _date(occurrence, "'--occurrence'")
    p = _period(period)
    root = _writable_data(data)
    ds = _load(root, no_cache)
    if index is not None:
        if p is None:
            raise typer.BadParameter(_("--index counts records in one file: give its --period"), param_hint="'--index'")
        chosen = [e for e in ds.progress if e.period == p and e.index == index - 1]
        if not chosen:
            raise typer.BadParameter(
                _("progress/{period}.yaml has no record {index}").format(period=p, index=index), param_hint="'--index'"
            )
    else:
        if item is None:
            raise typer.BadParameter(_("say which record: ITEM (with --unit, --date …) or --period P --index N"))
        ref = _item_ref(ds, item)
        name = _unit(ds, unit)
        chosen = [
            e
            for e in ds.progress
            if e.qid == ref.qid
            and (name is None or ds.registry.resolve(e.record.unit) == name)
            and (day is None or e.record.date == day)
            and (deadline is None or e.record.deadline == deadline)
            and (occ is None or e.record.occurrence == occ)
            and (p is None or e.period == p)
        ]
        if not chosen:
            raise typer.BadParameter(
                _("no record matches on item {item}: see `prd show {item}`").format(item=ref.id), param_hint="ITEM"
            )
    if len(chosen) > 1 and not every:
        sys.stderr.write(
            "prd: "
            + _("{count} records match; narrow it down, or pass --all to remove them all:").format(count=len(chosen))
            + "\n"
        )
        for e in chosen:
            r = e.record
            extra = " " + _("deadline {n}").format(n=r.deadline) if r.deadline else ""
            extra += " " + _("occurrence {day}").format(day=r.occurrence) if r.occurrence else ""
            sys.stderr.write(
                f"  {e.path} --index {e.index + 1}: {r.item} {r.unit} {r.status} {r.date}{extra} {r.note}\n"
            )
        raise typer.Exit(2)
    by_period: dict[Any, list[int]] = {}
    for e in chosen:
        by_period.setdefault(e.period, []).append(e.index)
    with _recording(_("cannot remove the record: {reason}"), refused=1):
        for per, indexes in by_period.items():
            file, removed = remove_records(ds, per, indexes)
            for text in removed:
                typer.echo(_("removed from {file}:").format(file=display_path(file)) + f"\n{text.rstrip()}")


@progress_app.command("form")
def progress_form(
    period: Annotated[
        str, typer.Option("--period", "-p", help="The reporting period, e.g. 2017H2.", autocompletion=_complete_period)
    ],
    unit: UnitOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The form to write (FILE.xlsx).")] = None,
    all_units: Annotated[
        bool, typer.Option("--all-units", help="One form per unit that owes something, into --output-dir.")
    ] = False,
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", help="With --all-units: the folder for the forms.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace forms that already exist (a returned one may be among them).")
    ] = False,
    doc: DocOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a unit's 填报表 (Excel): one row per task and milestone it owes in the period, to fill and return.

    Example: prd progress form --unit 市商务局 --period 2017H2 --output 市商务局.xlsx
    """
    from ..forms import build_form, form_rows, forms_by_unit
    from ..report import generation_date

    p = _period(period)
    assert p is not None
    if all_units:
        if unit is not None or output is not None:
            raise typer.BadParameter(
                _("--all-units writes one form per unit: drop --unit and --output"), param_hint="'--all-units'"
            )
        if output_dir is None:
            raise typer.BadParameter(_("--all-units needs --output-dir DIR"), param_hint="'--output-dir'")
    else:
        if unit is None:
            raise typer.BadParameter(
                _("say whose form: --unit U, or --all-units --output-dir DIR"), param_hint="'--unit'"
            )
        if output is None:
            raise typer.BadParameter(_("a form is an Excel file: give --output FILE.xlsx"), param_hint="'--output'")
    ds = _narrow(_load(data, no_cache), doc)
    stamp = generation_date()
    if not all_units:
        name = _unit(ds, unit)
        assert name is not None and output is not None
        if ds.registry.is_collective(name):
            raise typer.BadParameter(
                _("{unit} stands for a group of units: make forms for its members, or use --all-units").format(
                    unit=name
                ),
                param_hint="'--unit'",
            )
        if not form_rows(ds, name, p):
            raise typer.BadParameter(
                _("{unit} answers for no task: there is nothing to report").format(unit=name), param_hint="'--unit'"
            )
        _write_output(output, build_form(ds, name, p, stamp), force=force, keep=True)
        return
    assert output_dir is not None
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise typer.BadParameter(
            _("cannot make {folder}: {reason}").format(folder=output_dir, reason=os_reason(exc)),
            param_hint="'--output-dir'",
        ) from None
    owed = forms_by_unit(ds, p)
    names = list(owed)
    from ..atomic import write_atomically
    from ..outputs import OutputRefused, refuse_existing

    targets = [output_dir / _form_file_name(p, name) for name in names]
    if not force:
        try:
            refuse_existing(targets)
        except OutputRefused as exc:
            raise typer.BadParameter(str(exc), param_hint="'--output-dir'") from None
    for name, target in zip(names, targets, strict=True):
        with _writing(target, "'--output-dir'"):
            write_atomically(target, build_form(ds, name, p, stamp, owed[name]))
    typer.echo(_("{count} forms in {folder}").format(count=len(names), folder=output_dir), err=True)


def _form_file_name(period: object, unit: str) -> str:
    """PERIOD_UNIT_填报表.xlsx, kept inside --output-dir: a unit named ../x or a/b in a
    received units.yaml must not write elsewhere, so separators become full-width."""
    safe = unit.replace("/", "／").replace("\\", "＼").replace("\0", "")
    return f"{period}_{safe}_填报表.xlsx"


@progress_app.command("import")
def progress_import(
    files: Annotated[list[Path], typer.Argument(metavar="FILE.xlsx...", help="Filled forms (填报表) to read.")],
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Refuse a form that is not this unit's.")] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Refuse a form of another period.")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and say what would be added; write nothing.")
    ] = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Read filled forms into progress records: every cell checked first, every problem reported
    as FILE!填报!CELL, nothing written from a file with errors; a return imported twice adds nothing.

    Exit 0 when every file was taken, 1 when any had errors.

    Example: prd progress import 市商务局.xlsx 市环保局.xlsx
    """
    from ..forms import already_recorded, read_return
    from ..progress import ProgressError, add_records

    p = _period(period)
    root = _writable_data(data) if not dry_run else _data_dir(data)
    ds = _load(root, no_cache)
    want = _unit(ds, unit)
    today = date.today()
    failed = False
    taken: set[tuple[Any, ...]] = set()
    for file in files:
        if not file.is_file():
            sys.stderr.write(f"{file}: {_('not a file') if file.exists() else _('no such file')}\n")
            failed = True
            continue
        got = read_return(ds, file, today)
        if not got.problems and want is not None and got.unit != want:
            got.error(
                "", _("this is {unit}'s form, not {wanted}'s: nothing taken from it").format(unit=got.unit, wanted=want)
            )
        if not got.problems and p is not None and got.period != p:
            got.error(
                "",
                _("this form is for {period}, not {wanted}: nothing taken from it").format(period=got.period, wanted=p),
            )
        for note in got.notes:
            sys.stderr.write(f"{note}\n")
        if got.problems:
            for problem in got.problems:
                sys.stderr.write(f"{problem}\n")
            count = len(got.problems)
            sys.stderr.write(
                f"{file.name}: " + _("{count} problem(s); nothing taken from this file").format(count=count) + "\n"
            )
            failed = True
            continue
        fresh = []
        for r in got.records:
            key = (r.item, r.unit, r.status, r.date, r.note, r.problems, r.next_steps, r.occurrence, r.deadline)
            if key not in taken and not already_recorded(ds, r):
                taken.add(key)
                fresh.append(r)
        known = len(got.records) - len(fresh)
        summary = f"{file.name}: {got.unit} {got.period}: " + _("{count} new record(s)").format(count=len(fresh))
        summary += _(", {count} already recorded").format(count=known) if known else ""
        summary += _(", {count} row(s) without 状态 skipped").format(count=got.skipped) if got.skipped else ""
        if not fresh or dry_run:
            typer.echo(summary + (_(" (dry run: nothing written)") if dry_run and fresh else ""))
            continue
        assert got.period is not None
        try:
            with _recording(_("cannot write the record: {reason}"), refused=None):
                target = add_records(ds, got.period, fresh)
        except ProgressError as exc:
            # One form's records refused: the others are still taken, and the run fails at the end.
            for found in exc.problems:
                sys.stderr.write(f"{file.name}: {found.message}\n")
            sys.stderr.write(f"{file.name}: " + _("nothing taken from this file") + "\n")
            failed = True
            continue
        from ..paths import display_path

        typer.echo(summary + _(", added to {file}").format(file=display_path(target)))
    if failed:
        raise typer.Exit(1)
