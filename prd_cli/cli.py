"""The command line: parse arguments, call the core, print. Nothing else lives here."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from .render import Column, emit

if TYPE_CHECKING:
    from .dataset import Dataset
    from .periods import Period

# The data layer (pydantic models, YAML) is imported inside the commands that read data, so
# `prd --help` and usage errors stay as quick as Typer itself.

app = typer.Typer(
    name="prd",
    help="Track the responsibilities and deadlines of a policy document (实施意见) kept as YAML.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help and error text: 50 ms less on every `--help` and usage error than rich's
    # formatting (which imports rich and markdown-it), and clean in pipes and CI logs.
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
progress_app = typer.Typer(
    help="Record what units report, one YAML file per period.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(progress_app, name="progress")


class Fmt(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class CheckFmt(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class Role(str, Enum):
    any = "any"
    owner = "owner"
    lead = "lead"
    joint = "joint"
    support = "support"


def _complete_unit(incomplete: str) -> list[str]:
    """Unit names and aliases that start with what was typed, for shell completion."""
    from .dataset import DataDirError, find_data_dir, load_cached

    try:
        ds = load_cached(find_data_dir()).dataset
    except DataDirError:
        return []
    if ds is None:
        return []
    names = [n for u in ds.registry.units for n in (u.name, *u.aliases)]
    return [n for n in names if n.startswith(incomplete)]


def _complete_period(incomplete: str) -> list[str]:
    """Half years from the document's year to next year, most recent first."""
    this = date.today().year
    periods = [f"{y}H{h}" for y in range(this + 1, 2016, -1) for h in (2, 1)]
    return [p for p in periods if p.startswith(incomplete)]


class Script(str, Enum):
    hans = "hans"
    hant = "hant"


ScriptOpt = Annotated[
    Script, typer.Option("--script", help="hans (Simplified) or hant (Traditional, Hong Kong standard).")
]


def _converter(script: Script):  # type: ignore[no-untyped-def]
    if script == Script.hans:
        return None
    from .textclean import to_traditional

    return to_traditional


DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar="PRD_DATA",
        help="Data folder (measures.yaml, units.yaml, progress/).",
        show_default=False,
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache", envvar="PRD_NO_CACHE", help="Read every file again instead of the cache of unchanged data."
    ),
]
FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")]
DocOpt = Annotated[str | None, typer.Option("--doc", help="Only this document (its key, e.g. dfb-2017-136).")]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit", "-u", help="A unit: short or full name, alias, either script.", autocompletion=_complete_unit
    ),
]
RoleOpt = Annotated[
    Role,
    typer.Option(
        "--role",
        help="With --unit: items the unit leads (lead), owns jointly (joint), either of those (owner),"
        " supports (support), or any.",
    ),
]

# The table is a summary that fits 80 columns (long text is shortened, unit lists never);
# json, csv and md carry every field whole.
# Unit lists are never shortened: a unit must find itself in every row it is listed for.
ITEM_COLUMNS = [
    Column("id", "编号"),
    Column("text", "任务", width=22),
    Column("owners", "牵头（共同负责）单位", wrap=True),
    Column("support", "配合单位", wrap=True),
]
ITEM_COLUMNS_UNIT = [
    Column("id", "编号"),
    Column("role_label", "本单位职责", width=10),
    Column("text", "任务", width=30),
    Column("owners", "牵头（共同负责）单位", wrap=True),
]
ITEM_COLUMNS_FULL = [
    Column("id", "编号"),
    Column("chapter", "章"),
    Column("measure", "措施编号"),
    Column("measure_title", "措施"),
    Column("text", "内容"),
    Column("owners", "牵头（共同负责）单位"),
    Column("lead", "牵头单位"),
    Column("joint", "共同负责单位"),
    Column("support", "配合单位"),
    Column("deadlines", "时限"),
    Column("role_label", "本单位职责"),
]
UNIT_COLUMNS = [
    Column("name", "单位", wrap=True),
    Column("full_name", "全称", wrap=True),
    Column("kind_label", "类别"),
    Column("aliases", "别名", wrap=True),
    Column("lead_items", "牵头"),
    Column("joint_items", "共同"),
    Column("support_items", "配合"),
]
DUE_COLUMNS = [
    Column("item", "编号"),
    Column("due", "截止日期"),
    Column("what", "事项", width=24),
    Column("lead", "牵头单位", wrap=True),
    Column("status_label", "状态"),
]


DUE_COLUMNS_FULL = [
    Column("item", "编号"),
    Column("due", "截止日期"),
    Column("occurrence", "周期"),
    Column("what", "事项"),
    Column("soft", "争取"),
    Column("lead", "牵头单位"),
    Column("support", "配合单位"),
    Column("status_label", "状态"),
    Column("reported_label", "报送状态"),
    Column("note", "最新进展"),
    Column("source", "原文"),
]


def _data_dir(data: Path | None) -> Path:
    from .dataset import DataDirError, find_data_dir

    try:
        return find_data_dir(str(data) if data else None)
    except DataDirError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--data'") from None


def _slow_loader_notice() -> None:
    """Said once per run, after files were parsed, when PyYAML has no libyaml."""
    from .yamlread import HAVE_LIBYAML, SLOW_LOADER_NOTICE

    if not HAVE_LIBYAML:
        sys.stderr.write(SLOW_LOADER_NOTICE + "\n")


def _load(data: Path | None, no_cache: bool = False) -> Dataset:
    """Load the data or stop: invalid data prints its errors and exits 1."""
    from .dataset import load_cached
    from .problems import format_problems, has_errors

    root = data if data is not None and (data / "measures.yaml").is_file() else _data_dir(data)
    result = load_cached(root, use_cache=not no_cache)
    if not result.from_cache:
        _slow_loader_notice()
    # The data lives until this process ends: keep the collector from rescanning it on every
    # later allocation (with 30,000 items that made the query itself six times slower).
    import gc

    gc.freeze()
    if result.dataset is None or has_errors(result.problems):
        errors = [p for p in result.problems if p.level == "error"]
        sys.stderr.write(format_problems(errors, "text"))
        sys.stderr.write("prd: the data is invalid; `prd validate` lists every problem\n")
        raise typer.Exit(1)
    return result.dataset


def _narrow(ds: Dataset, key: str | None) -> Dataset:
    if key is None:
        return ds
    narrowed = ds.only(key)
    if narrowed is None:
        raise typer.BadParameter(f'no document "{key}": the keys are {", ".join(ds.keys())}', param_hint="'--doc'")
    return narrowed


def _emit_rows(ds: Dataset, rows: list[Any], table: list[Column], full: list[Column], fmt: Fmt, script: Script) -> None:
    """Rows as a table, or whole in json, csv or md; with several documents, grouped by document.

    The table prints one table per document under its 文号, since a key column would take a
    fifth of an 80-column terminal; the other formats carry the key in a `doc` field.
    """
    convert = _converter(script)
    if fmt != Fmt.table:
        emit(rows, [Column("doc", "文件"), *full] if ds.multi else full, fmt.value, sys.stdout, convert=convert)
        return
    if not ds.multi or not rows:
        emit(rows, table, fmt.value, sys.stdout, convert=convert)
        return
    by_doc: dict[str, list[Any]] = {}
    for row in rows:
        by_doc.setdefault(row.doc, []).append(row)
    for data in ds.docs:
        mine = by_doc.get(data.document.key)
        if mine:
            title = f"{data.document.number}（{data.document.key}）"
            emit(mine, table, "table", sys.stdout, title=title, convert=convert)


def _unit(ds: Dataset, text: str | None) -> str | None:
    if text is None:
        return None
    name = ds.registry.resolve(text)
    if name is None:
        raise typer.BadParameter(ds.registry.unknown_message(text), param_hint="'--unit'")
    return name


def _number_exists(numbers: list[int], wanted: int | None, what: str, option: str) -> None:
    """A chapter or measure number that is not in the data is a typo, not an empty answer."""
    if wanted is None or wanted in numbers:
        return
    span = f"{numbers[0]} to {numbers[-1]}" if numbers == list(range(numbers[0], numbers[-1] + 1)) else str(numbers)
    raise typer.BadParameter(f"there is no {what} {wanted}: the {what}s are {span}", param_hint=option)


def _period(text: str | None, option: str = "'--period'") -> Period | None:
    from .periods import PeriodError, parse_period

    if text is None:
        return None
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f'"{text}" is not a date: write YYYY-MM-DD', param_hint=option) from None


def _write_output(output: Path, payload: bytes) -> None:
    """Write --output atomically; a folder that is missing or read-only is the user's to fix."""
    from .atomic import write_atomically

    try:
        write_atomically(output, payload)
    except OSError as exc:
        raise typer.BadParameter(f"cannot write {output}: {exc.strerror}", param_hint="'--output'") from None
    typer.echo(f"wrote {output}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"prd {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """Track the responsibilities and deadlines of a policy document (实施意见) kept as YAML."""


@app.command()
def validate(
    data: DataOpt = None,
    fmt: Annotated[CheckFmt, typer.Option("--format", "-f", help="text, json, or github annotations.")] = CheckFmt.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only.")] = False,
) -> None:
    """Check the data: every file, every problem at once, each with its file and line.

    Exit 0 when valid (warnings allowed), 1 when the data is invalid.
    Example: prd validate --format github
    """
    from .dataset import load
    from .problems import format_problems

    result = load(_data_dir(data))
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
    chapter: Annotated[int | None, typer.Option("--chapter", "-c", help="Chapter number (一 = 1).")] = None,
    measure: Annotated[int | None, typer.Option("--measure", "-m", help="Measure number ((六) = 6).")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text to look for in items.")] = None,
    fmt: FmtOpt = Fmt.table,
    script: ScriptOpt = Script.hans,
    doc: DocOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List items, in document order, optionally for one unit.

    Example: prd list --unit 市商务局 --role lead
    """
    from .queries import list_items as query

    ds = _narrow(_load(data, no_cache), doc)
    if search is not None and not search.isascii():
        from .textclean import to_simplified

        search = to_simplified(search)
    _number_exists(sorted({c.number for d in ds.docs for c in d.chapters}), chapter, "chapter", "'--chapter'")
    _number_exists(
        sorted({m.number for d in ds.docs for c in d.chapters for m in c.measures}), measure, "measure", "'--measure'"
    )
    rows = query(ds, unit=_unit(ds, unit), role=role.value, chapter=chapter, measure=measure, search=search)
    _emit_rows(ds, rows, ITEM_COLUMNS_UNIT if unit else ITEM_COLUMNS, ITEM_COLUMNS_FULL, fmt, script)


@app.command()
def units(
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="department, party, mass, town, committee, central, enterprise, coordination or collective.",
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
    from .models import KIND_LABELS
    from .queries import unit_rows

    if kind is not None and kind not in KIND_LABELS:
        raise typer.BadParameter(f'"{kind}" is not a kind: use one of {", ".join(KIND_LABELS)}', param_hint="'--kind'")
    ds = _load(data, no_cache)
    emit(unit_rows(ds, kind), UNIT_COLUMNS, fmt.value, sys.stdout, convert=_converter(script))


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
    from .show import find, not_found_message, render_json, render_text

    if fmt not in ("text", "json"):
        raise typer.BadParameter(f'"{fmt}" is not a format here: use text or json', param_hint="'--format'")
    ds = _load(data, no_cache)
    refs = find(ds, ref)
    if refs is None:
        raise typer.BadParameter(not_found_message(ds, ref), param_hint="ID")
    day = _date(as_of, "'--as-of'") or date.today()
    text = render_json(ds, refs, day) if fmt == "json" else render_text(ds, refs, day)
    convert = _converter(script)
    sys.stdout.write(convert(text) if convert else text)


@app.command()
def deadlines(
    period: Annotated[
        str | None,
        typer.Option(
            "--period", "-p", help="2017H2, 2018, 2018Q1, 2018-03, 2017..2020; default the current half year."
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
            "--status", help="Keep only these states: done, cancelled, overdue, due_soon, in_progress, not_due."
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
    from .deadlines import STATE_LABELS
    from .queries import due_rows, overdue_rows

    for s in status or []:
        if s not in STATE_LABELS:
            raise typer.BadParameter(f'"{s}" is not a state: use {", ".join(STATE_LABELS)}', param_hint="'--status'")
    today = date.today()
    day = _date(as_of, "'--as-of'")
    chosen = _period(period)
    ds = _narrow(_load(data, no_cache), doc)
    name = _unit(ds, unit)
    if overdue:
        rows = overdue_rows(ds, day or today, unit=name, role=role.value)
    else:
        from .periods import half_year_of

        p = chosen or half_year_of(day or today)
        rows = due_rows(
            ds, p.start, p.end, day or min(today, p.end), unit=name, role=role.value, states=set(status or []) or None
        )
    _emit_rows(ds, rows, DUE_COLUMNS, DUE_COLUMNS_FULL, fmt, script)


class ReportFmt(str, Enum):
    md = "md"
    html = "html"


@app.command()
def report(
    period: Annotated[
        str, typer.Option("--period", "-p", help="The reporting period, e.g. 2017H2.", autocompletion=_complete_period)
    ],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge states on this date; default today, or the period's end if over."),
    ] = None,
    unit: UnitOpt = None,
    fmt: Annotated[
        ReportFmt, typer.Option("--format", "-f", help="md (GitHub Markdown) or html (one self-contained file).")
    ] = ReportFmt.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Your own Jinja template (runs sandboxed).")
    ] = None,
    script: ScriptOpt = Script.hans,
    doc: DocOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Render the half-year summary report that measure 29 asks for.

    Example: prd report --period 2017H2 > report.md
    """
    from .report import build_report
    from .templating import TemplateProblem, render_report

    p = _period(period)
    assert p is not None  # --period is required
    day = _date(as_of, "'--as-of'") or min(date.today(), p.end)
    if template is not None and not template.is_file():
        raise typer.BadParameter(f"template not found: {template}", param_hint="'--template'")
    ds = _narrow(_load(data, no_cache), doc)
    result = build_report(ds, p, day, unit=_unit(ds, unit))
    try:
        text = render_report(result, fmt.value, template)
    except TemplateProblem as exc:
        sys.stderr.write(f"prd: {exc}\n")
        raise typer.Exit(1) from None
    convert = _converter(script)
    if convert:
        text = convert(text)
    if output is None:
        sys.stdout.write(text)
    else:
        _write_output(output, text.encode("utf-8"))


class ExportFmt(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    ics = "ics"


@app.command()
def export(
    fmt: Annotated[
        ExportFmt, typer.Option("--format", "-f", help="xlsx (Excel ledger), csv (opens in Excel), ics (calendar).")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (required for xlsx).")
    ] = None,
    unit: UnitOpt = None,
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="xlsx: the period of the deadlines sheet; default the current half year."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge states on this date; default today, or the period's end.")
    ] = None,
    doc: DocOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Export the ledger (工作台账) for Excel, or every deadline for a calendar.

    Example: prd export --format xlsx --output 台账.xlsx --unit 市商务局
    """
    from .exports import by_unit_rows, calendar_ics, ledger_csv, ledger_xlsx
    from .ledger import ledger_rows
    from .periods import half_year_of
    from .queries import due_rows
    from .report import generation_date

    if fmt == ExportFmt.xlsx and output is None:
        raise typer.BadParameter("an Excel file needs --output FILE.xlsx", param_hint="'--output'")
    chosen = _period(period)
    day = _date(as_of, "'--as-of'")
    ds = _narrow(_load(data, no_cache), doc)
    name = _unit(ds, unit)
    if fmt == ExportFmt.csv:
        payload = ledger_csv(ledger_rows(ds, name))
    elif fmt == ExportFmt.ics:
        payload = calendar_ics(ds, name, generation_date())
    else:
        p = chosen or half_year_of(day or date.today())
        rows = due_rows(ds, p.start, p.end, day or min(date.today(), p.end), unit=name)
        payload = ledger_xlsx(ledger_rows(ds, name), rows, str(p), by_unit_rows(ds, name))
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        _write_output(output, payload)


class StatusArg(str, Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    delayed = "delayed"
    cancelled = "cancelled"


_STATUS_WORDS = {
    "未开始": "not_started",
    "推进中": "in_progress",
    "已完成": "done",
    "延期": "delayed",
    "取消": "cancelled",
}


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
            help="not_started, in_progress, done, delayed, cancelled (or 未开始 推进中 已完成 延期 取消).",
        ),
    ],
    note: Annotated[str, typer.Option("--note", "-n", help="What was done, in a sentence or two.")] = "",
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="The reporting period; default the half year of --date.")
    ] = None,
    on: Annotated[str | None, typer.Option("--date", help="Date of the report (YYYY-MM-DD); default today.")] = None,
    occurrence: Annotated[
        str | None, typer.Option("--occurrence", help="For a recurring duty: the due date it covers (YYYY-MM-DD).")
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

    Example: prd progress add 6.1 --deadline 1 --unit 市商务局 --status in_progress --note "单一窗口方案已起草"
    """
    from .dataset import packaged_data_dir
    from .progress import NewRecord, ProgressError, add_record

    code = _STATUS_WORDS.get(status, status)
    if code not in StatusArg.__members__:
        raise typer.BadParameter(
            f'"{status}" is not a status: use {", ".join(StatusArg.__members__)}', param_hint="'--status'"
        )
    day = _date(on, "'--date'") or date.today()
    occ = _date(occurrence, "'--occurrence'")
    root = _data_dir(data)
    if root.resolve() == packaged_data_dir().resolve() and "site-packages" in str(root.resolve()):
        raise typer.BadParameter(
            "the data shipped inside prd is read-only: copy it with `prd init DIR`, then pass --data DIR",
            param_hint="'--data'",
        )
    ds = _load(root, no_cache)
    name = _unit(ds, unit)
    ref = ds.find_item(item)
    if ref is None:
        from .checks import unknown_item_message

        raise typer.BadParameter(unknown_item_message(ds, item), param_hint="ITEM")
    item = ref.qid if ds.multi else ref.id  # records name items as the data does
    from .periods import half_year_of
    from .progress import ALL, TargetError, choose_target

    p = _period(period) or half_year_of(day)
    if deadline is not None and deadline != ALL and not deadline.isdigit():
        raise typer.BadParameter(
            f'"{deadline}" is not a deadline: write its number (1, 2, …) or all', param_hint="'--deadline'"
        )
    try:
        target = choose_target(ref, day, int(deadline) if deadline and deadline.isdigit() else deadline, occ)
    except TargetError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--deadline'") from None
    if target.note:
        typer.echo(f"item {item}: {target.note}", err=True)
    record = NewRecord(
        item=item,
        unit=name or unit,
        status=code,
        date=day,
        note=note,
        occurrence=target.occurrence,
        deadline=target.deadline,
    )
    try:
        file = add_record(ds, p, record)
    except ProgressError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"prd: cannot add the record: {problem.message}\n")
        raise typer.Exit(2) from None
    except TimeoutError as exc:
        sys.stderr.write(f"prd: {exc}; try again\n")
        raise typer.Exit(1) from None
    from .dataset import display_path

    typer.echo(f"added to {display_path(file)}: {item} {name} {code} {day}")


class SchemaKind(str, Enum):
    measures = "measures"
    units = "units"
    progress = "progress"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="measures, units or progress.")] = SchemaKind.measures,
) -> None:
    """Print the JSON Schema of a data file, for editors that check YAML as you type.

    Example: prd schema measures > data/schema/measures.schema.json
    """
    from .schemas import schema_text

    sys.stdout.write(schema_text(kind.value))


@app.command("import")
def import_(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The document: text (any common encoding), .docx or a saved .html page; - reads standard input.",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the draft here (atomically) instead of stdout.")
    ] = None,
    keep_script: Annotated[
        bool, typer.Option("--keep-script", help="Quote the source in its own script (Traditional stays Traditional).")
    ] = False,
    data: DataOpt = None,
) -> None:
    """Draft a measures file from a policy document as received (text, .docx, web page), for a person to review.

    Example: prd import 文件.docx --output data/measures.yaml
    """
    from .importer import ImportFailure, draft_yaml, import_bytes, summary

    if source == "-":
        if sys.stdin.isatty():  # otherwise it looks like a hang
            sys.stderr.write("prd: reading the document from standard input; end it with Ctrl-D\n")
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise typer.BadParameter(f"cannot read {source}: {exc.strerror}", param_hint="FILE") from None
    registry = _registry_if_any(data)
    name = "standard input" if source == "-" else Path(source).name
    try:
        result = import_bytes(raw, registry, name="" if source == "-" else source, keep_script=keep_script)
    except ImportFailure as exc:
        sys.stderr.write(f"prd: {'standard input' if source == '-' else source}: {exc}\n")
        raise typer.Exit(1) from None
    text = draft_yaml(result, name)
    if output is None:
        sys.stdout.write(text)
    else:
        _write_output(output, text.encode("utf-8"))
    sys.stderr.write(summary(result))


def _registry_if_any(data: Path | None):  # type: ignore[no-untyped-def]
    """Known units, to map names through aliases and script; none if the data cannot load."""
    from .dataset import DataDirError, find_data_dir, load_cached

    try:
        loaded = load_cached(find_data_dir(str(data) if data else None))
    except DataDirError:
        return None
    return loaded.dataset.registry if loaded.dataset is not None else None


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to put a copy of the shipped data.")] = Path("data"),
) -> None:
    """Copy the shipped data into DIRECTORY, to keep progress records beside it.

    Example: prd init data && prd progress add 21.1 --unit 市商务局 --status done
    """
    import shutil

    from .dataset import packaged_data_dir

    if directory.exists() and any(directory.iterdir()):
        raise typer.BadParameter(f"{directory} exists and is not empty: choose a new folder", param_hint="DIRECTORY")
    shutil.copytree(packaged_data_dir(), directory, dirs_exist_ok=True, ignore=shutil.ignore_patterns("progress"))
    (directory / "progress").mkdir(exist_ok=True)
    typer.echo(f"copied the shipped data to {directory}; prd uses ./data by default, or pass --data {directory}")


def main() -> None:
    """Console entry point: a clean message instead of a traceback, whatever happens."""
    import os

    try:
        app()
    except BrokenPipeError:
        # `prd list | head`: the reader left; that is not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence must catch everything
        if os.environ.get("PRD_DEBUG"):
            raise
        sys.stderr.write(f"prd: internal error: {type(exc).__name__}: {exc}\n(set PRD_DEBUG=1 to see the traceback)\n")
        sys.exit(3)
