"""The queries: validate, list, units, show, deadlines."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..render import emit, wide

if TYPE_CHECKING:
    from ..dataset import Dataset

from .common import (
    DUE_COLUMNS,
    DUE_COLUMNS_FULL,
    DUE_COLUMNS_UNIT,
    ITEM_COLUMNS,
    ITEM_COLUMNS_FULL,
    ITEM_COLUMNS_UNIT,
    UNIT_COLUMNS,
    CheckFmt,
    DataOpt,
    DocOpt,
    Fmt,
    FmtOpt,
    NoCacheOpt,
    Role,
    RoleOpt,
    Script,
    ScriptOpt,
    UnitOpt,
    _choice,
    _converter,
    _data_dir,
    _date,
    _defaulted_period,
    _emit_grouped,
    _emit_rows,
    _half_year,
    _load,
    _load_keyed,
    _narrow,
    _number_exists,
    _number_parser,
    _period,
    _root,
    _say,
    _slow_loader_notice,
    _unit,
    app,
)


def _list_from_index(
    data: Path | None,
    unit: str,
    role: Role,
    doc: str | None,
    fmt: Fmt,
    script: Script,
    day: date | None = None,
    whole: bool = False,
) -> bool:
    """`prd list --unit` answered in SQL from the cache's index, at a cost that grows with the
    answer; False when the index cannot answer and the data must be loaded. The table (`day`
    given) needs each task's next milestone as of that day, which the index holds once the
    data has worked it out for that day."""
    from .. import cache, reindex
    from ..roles import OWNER_ROLES

    if cache.disabled_by_env():
        return False
    root = _root(data)
    roles = None if role == Role.any else OWNER_ROLES if role == Role.owner else (role.value,)
    if fmt == Fmt.json:
        # Rows written as the index keeps them: no objects to build and encode again.
        from ..render import write_json_lines

        lines = reindex.json_by_unit(root, unit, roles, doc)
        if lines is None:
            return False
        write_json_lines(lines, sys.stdout, _converter(script))
        return True
    answer = reindex.answer_by_unit(root, unit, roles, doc, day.isoformat() if day else None)
    if answer is None:
        return False
    found, docs = answer
    # Rows as plain dicts in ItemRow's field order: every renderer takes them, and the
    # models (which ItemRow's module imports) stay unimported.
    rows = [{**row, "role": r, "role_label": label} for row, r, label in found]
    _emit_grouped(docs, rows, wide(ITEM_COLUMNS_UNIT) if whole else ITEM_COLUMNS_UNIT, ITEM_COLUMNS_FULL, fmt, script)
    return True


@app.command()
def validate(
    data: DataOpt = None,
    fmt: Annotated[
        CheckFmt,
        typer.Option(
            "--format",
            "-f",
            help="text (文本), json, or github annotations.",
            parser=_choice("CHECK_FORMATS", CheckFmt),
            metavar="text|json|github",
        ),
    ] = CheckFmt.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only.")] = False,
) -> None:
    """Check the data: every file, every problem at once, each with its file and line.

    Exit 0 when valid (warnings allowed), 1 when the data is invalid.
    Example: prd validate --format github
    """
    from ..loading import load
    from ..problems import format_problems

    result = load(_data_dir(data, sample_ok=False))
    _slow_loader_notice()
    problems = [p for p in result.problems if p.level == "error"] if quiet else result.problems
    out = format_problems(problems, fmt.value)
    sys.stdout.write(out)
    if not result.ok:
        raise typer.Exit(1)


@app.command("list")
def list_items(
    unit: UnitOpt = None,
    role: RoleOpt = Role.any,
    chapter: Annotated[
        int | None,
        typer.Option("--chapter", "-c", help="Chapter number: 1, 一 or 第一章.", parser=_number_parser, metavar="N"),
    ] = None,
    measure: Annotated[
        int | None,
        typer.Option("--measure", "-m", help="Measure number: 6, 六 or （六）.", parser=_number_parser, metavar="N"),
    ] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text to look for in items.")] = None,
    whole: Annotated[bool, typer.Option("--wide", "-w", help="Table: each task's text whole, not shortened.")] = False,
    fmt: FmtOpt = Fmt.table,
    script: ScriptOpt = Script.hans,
    doc: DocOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List items, in document order, optionally for one unit.

    Example: prd list --unit 市商务局 --role lead
    """
    # The table shows each task's next milestone, which depends on today and on progress: only
    # the data answers it. The data formats are answered from the index when it can.
    table = fmt == Fmt.table
    today = date.today()
    if unit is not None and chapter is None and measure is None and search is None and not no_cache:
        if _list_from_index(data, unit, role, doc, fmt, script, today if table else None, whole):
            return
    from ..queries import list_items as query

    loaded, key = _load_keyed(data, no_cache)
    ds = _narrow(loaded, doc)
    if search is not None and not search.isascii():
        from ..textclean import to_simplified

        search = to_simplified(search)
    _number_exists(sorted({c.number for d in ds.docs for c in d.chapters}), chapter, "chapter", "'--chapter'")
    _number_exists(
        sorted({m.number for d in ds.docs for c in d.chapters for m in c.measures}), measure, "measure", "'--measure'"
    )
    rows: list[Any] = query(ds, unit=_unit(ds, unit), role=role.value, chapter=chapter, measure=measure, search=search)
    columns = ITEM_COLUMNS_UNIT if unit else ITEM_COLUMNS
    if table and unit:
        from ..queries import next_milestones

        nexts = next_milestones(ds, rows, today)
        if key is not None:
            from .. import cache

            qids = (f"{r.doc}/{r.id}" for r in rows)
            cache.remember_nexts(_root(data), key, today.isoformat(), dict(zip(qids, nexts, strict=True)))
        rows = [{**vars(r), "next": n} for r, n in zip(rows, nexts, strict=True)]
    _emit_rows(ds, rows, wide(columns) if whole else columns, ITEM_COLUMNS_FULL, fmt, script)


@app.command()
def units(
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="department, party, mass, town, committee, central, enterprise, coordination or collective;"
            " or the Chinese label (市政府工作部门, 镇街, …).",
        ),
    ] = None,
    fmt: FmtOpt = Fmt.table,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List every unit with how many items it leads and supports.

    Example: prd units --kind town
    """
    from ..inputs import KINDS, InputError

    if kind is not None:
        try:
            kind = KINDS.resolve(kind)
        except InputError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--kind'") from None
    rows: list[Any] | None = None
    if not no_cache:
        from .. import cache, reindex

        if not cache.disabled_by_env():
            rows = reindex.unit_table(_root(data), kind)  # a row per unit, not a pass over every item
    if rows is None:
        from ..queries import unit_rows

        rows = unit_rows(_load(data, no_cache), kind)
    emit(rows, UNIT_COLUMNS, fmt.value, sys.stdout, convert=_converter(script))


@app.command()
def show(
    ref: Annotated[str, typer.Argument(metavar="ID", help="An item (6.1) or a measure (6).")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date for deadline states (YYYY-MM-DD); default today.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show one item or measure in full: text, units, deadlines and reported progress.

    Example: prd show 6.1
    """
    from ..inputs import SHOW_FORMATS, InputError, normalise_id
    from ..show import find, not_found_message, render_json, render_text

    try:
        fmt = SHOW_FORMATS.resolve(fmt)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--format'") from None
    ref = normalise_id(ref)
    refs = None
    if not no_cache:
        from .. import cache, reindex

        if not cache.disabled_by_env():
            # Only the document shown is read from the index, with the units and the progress.
            found = reindex.partial_dataset(_root(data), lambda c: cache.shown_documents(c, ref))
            if found is not None:
                ds = found[0]
                refs = find(ds, ref)
    if refs is None:
        ds = _load(data, no_cache)
        refs = find(ds, ref)
    if refs is None:
        raise typer.BadParameter(not_found_message(ds, ref), param_hint="ID")
    day = _date(as_of, "'--as-of'") or date.today()
    if fmt == "json":
        text = render_json(ds, refs, day)
    else:
        from ..safetext import terminal

        text = terminal(render_text(ds, refs, day))  # no escape sequence from the data reaches the terminal
    convert = _converter(script)
    sys.stdout.write(convert(text) if convert else text)


@app.command()
def deadlines(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="2017H2, 2018, 2018Q1, 2018-03, 2017..2020, or in words (2017年下半年, 2018年第一季度, 2018年3月);"
            " default the current half year.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Judge states on this date (YYYY-MM-DD); default today, or the period's end if it is over."
        ),
    ] = None,
    unit: UnitOpt = None,
    role: RoleOpt = Role.any,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Keep only these states: done, cancelled, overdue, due_soon, in_progress, delayed, not_due"
            " (or 已完成 已取消 逾期 即将到期 推进中 未到期).",
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Everything past due and not reported done, from any period.")
    ] = False,
    fmt: FmtOpt = Fmt.table,
    script: ScriptOpt = Script.hans,
    doc: DocOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List what falls due in a period, one row per deadline or occurrence, with its state.

    Example: prd deadlines --period 2017H2 --unit 市商务局
    """
    from ..inputs import STATES, InputError
    from ..queries import due_rows, overdue_rows

    try:
        states = {STATES.resolve(s) for s in status or []}
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--status'") from None
    today = date.today()
    day = _date(as_of, "'--as-of'")
    chosen = _period(period)
    from datetime import timedelta

    from ..roles import OWNER_ROLES

    # From the index when it can: the units and the progress, and then only the documents
    # with something due in the range asked for, so the cost grows with the answer.
    base = None if no_cache else _index_base(data, doc)
    if base is None:
        ds = _narrow(_load(data, no_cache), doc)
        docs = [(d.document.key, d.document.number) for d in ds.docs]
    else:
        root, ds, docs = base
    name = _unit(ds, unit)
    roles = None if role == Role.any or name is None else OWNER_ROLES if role == Role.owner else (role.value,)

    def due_in(lo: date, hi: date) -> Dataset:
        if base is None:
            return ds
        from .. import cache, reindex

        found = reindex.partial_dataset(
            root, lambda c: cache.due_documents(c, lo.isoformat(), hi.isoformat(), name, roles, doc)
        )
        return found[0] if found is not None else _narrow(_load(data, no_cache), doc)

    if overdue:
        ds = due_in(date(1900, 1, 1), (day or today) - timedelta(days=1))
        rows = overdue_rows(ds, day or today, unit=name, role=role.value)
    else:
        p = chosen or _half_year(day or today, "'--as-of'")
        ds = due_in(p.start, p.end)
        rows = due_rows(ds, p.start, p.end, day or min(today, p.end), unit=name, role=role.value, states=states or None)
        if chosen is None:
            _say(_defaulted_period(p), script)
    _emit_grouped(docs, rows, DUE_COLUMNS_UNIT if name else DUE_COLUMNS, DUE_COLUMNS_FULL, fmt, script)
    if not rows:
        from ..hints import LOOK_AHEAD_YEARS, why_no_deadlines

        if overdue:
            _say(why_no_deadlines(ds, None, day or today, unit=name, role=role.value), script)
        else:
            at = day or min(today, p.end)
            # The hint looks at what is overdue before `at` and what falls due in the years after.
            ahead = date(min(p.end.year + LOOK_AHEAD_YEARS, 2999), 12, 31)
            ds = due_in(date(1900, 1, 1), max(ahead, at))
            _say(why_no_deadlines(ds, p, at, unit=name, role=role.value, states=states), script)


def _index_base(data: Path | None, doc: str | None) -> tuple[Path, Dataset, list[tuple[str, str]]] | None:
    """The data folder, a Dataset of the units and the progress alone (no document) from the
    index, and the documents' keys and 文号 (only `doc`'s when given); None when the index
    cannot answer or `doc` is no document's key (the whole data says so)."""
    from .. import cache, reindex

    if cache.disabled_by_env():
        return None
    root = _root(data)
    found = reindex.partial_dataset(root, lambda c: [])
    if found is None:
        return None
    ds, docs = found
    if doc is not None:
        docs = [d for d in docs if d[0] == doc]
        if not docs:
            return None
    return root, ds, docs
