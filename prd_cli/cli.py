"""The command line: parse arguments, call the core, print. Nothing else lives here."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .i18n import _, local, os_reason
from .render import Column, emit, wide

if TYPE_CHECKING:
    from .dataset import Dataset
    from .periods import Period

# The data layer (pydantic models, YAML) is imported inside the commands that read data, so
# `prd --help` and usage errors stay as quick as Typer itself.


class ReaderGone(Exception):
    """stdout's reader left (`prd list | head -1`): not an OSError, so that Typer, which turns a
    broken pipe into exit 1, lets it through to main(), which exits 0 quietly."""


class _Group(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise ReaderGone from None


app = typer.Typer(
    name="prd",
    cls=_Group,
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
    from .loading import DataDirError, find_data_dir
    from .reindex import load_cached

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


def _choice(choices: str, enum: type[Enum]):  # type: ignore[no-untyped-def]
    """A parser for an enumerated option that also takes the Chinese labels prd prints
    (--status 逾期, --kind 镇街), in either script and any case; a refusal lists both languages.
    Typer's own Enum options would refuse those before any of prd's code runs."""

    def parse(value: object) -> Enum:
        if isinstance(value, enum):
            return value
        from . import inputs

        try:
            return enum(getattr(inputs, choices).resolve(str(value)))
        except inputs.InputError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


def _number_parser(value: object) -> int:
    """Chapter and measure numbers as the document writes them: 6, ６, 六, （六）."""
    if isinstance(value, int):
        return value
    from .inputs import InputError, normalise_number

    try:
        return normalise_number(str(value))
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from None


ScriptOpt = Annotated[
    Script,
    typer.Option(
        "--script",
        help="hans (简体, Simplified) or hant (繁体, Traditional, Hong Kong standard).",
        parser=_choice("SCRIPTS", Script),
        metavar="hans|hant",
    ),
]


def _converter(script: Script):  # type: ignore[no-untyped-def]
    from .script import converter

    return converter(script.value)


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
FmtOpt = Annotated[
    Fmt,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table (表格), json, csv or md.",
        parser=_choice("FORMATS", Fmt),
        metavar="table|json|csv|md",
    ),
]
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
        help="With --unit: items the unit leads (lead, 牵头), owns jointly (joint, 共同负责), either of those"
        " (owner), supports (support, 配合), or any (全部). Without --unit: items whose clause names units"
        " in that role (--role joint: the jointly owned tasks).",
        parser=_choice("ROLES", Role),
        metavar="any|owner|lead|joint|support",
    ),
]

# The table is a summary that fits 80 columns (long text is shortened, unit lists never);
# json, csv and md carry every field whole.
# Unit lists are never shortened: a unit must find itself in every row it is listed for.
ITEM_COLUMNS = [
    Column("id", "编号"),
    Column("text", "任务", width=22),
    Column("owners", "负责单位", wrap=True),
    Column("support", "配合单位", wrap=True),
]
ITEM_COLUMNS_UNIT = [
    Column("id", "编号"),
    Column("role_label", "本单位职责"),
    Column("text", "任务", width=22),
    Column("owners", "负责单位", wrap=True),
    Column("next", "下一节点", wrap=True),
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
    Column("owners", "负责单位", wrap=True),  # leads, or joint owners (2.2, 4.1 have no 牵头)
    Column("status_label", "状态"),
]


# With --unit, in what role the unit owes each row (29.1 is led by 市发改局, owed by all).
DUE_COLUMNS_UNIT = [
    *DUE_COLUMNS[:2],
    Column("what", "事项", width=18),
    DUE_COLUMNS[3],
    Column("role_label", "本单位职责"),
    DUE_COLUMNS[4],
]


DUE_COLUMNS_FULL = [
    Column("item", "编号"),
    Column("due", "截止日期"),
    Column("occurrence", "周期"),
    Column("what", "事项"),
    Column("soft", "争取"),
    Column("lead", "牵头单位"),
    Column("joint", "共同负责单位"),
    Column("support", "配合单位"),
    Column("status_label", "状态"),
    Column("reported_label", "报送状态"),
    Column("note", "最新进展"),
    Column("source", "原文"),
    Column("role_label", "本单位职责"),
]


def _data_dir(data: Path | None, *, sample_ok: bool = True) -> Path:
    from .paths import DataDirError, find_data_dir, is_sample

    try:
        root = find_data_dir(str(data) if data else None, sample_ok=sample_ok)
    except DataDirError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--data'") from None
    if not data and is_sample(root) and not _said_sample:
        # Said once, on stderr: output piped elsewhere stays the data's alone.
        _said_sample.append(True)
        sys.stderr.write(
            "prd: "
            + _(
                "note: no --data, $PRD_DATA, ./data/measures.yaml or ./measures.yaml: showing the sample data shipped with prd"
            )
            + "\n"
        )
    return root


_said_sample: list[bool] = []  # whether this run has said it shows the sample (a run may look twice)


def _slow_loader_notice() -> None:
    """Said once per run, after files were parsed, when PyYAML has no libyaml."""
    from .yamlread import HAVE_LIBYAML, slow_loader_notice

    if not HAVE_LIBYAML:
        sys.stderr.write(slow_loader_notice() + "\n")


def _root(data: Path | None) -> Path:
    """The data folder: --data when it holds measures.yaml, else as _data_dir finds it."""
    return data if data is not None and (data / "measures.yaml").is_file() else _data_dir(data)


def _load(data: Path | None, no_cache: bool = False) -> Dataset:
    """Load the data or stop: invalid data prints its errors and exits 1."""
    ds, _key = _load_keyed(data, no_cache)
    return ds


def _load_keyed(data: Path | None, no_cache: bool = False) -> tuple[Dataset, str | None]:
    """_load, with the index's name for the set of files loaded (None when it holds none)."""
    from .problems import format_problems, has_errors
    from .reindex import load_cached

    result = load_cached(_root(data), use_cache=not no_cache)
    if not result.from_cache:
        _slow_loader_notice()
    # The data lives until this process ends: keep the collector from rescanning it on every
    # later allocation (with 30,000 items that made the query itself six times slower).
    import gc

    gc.freeze()
    if result.dataset is None or has_errors(result.problems):
        errors = [p for p in result.problems if p.level == "error"]
        sys.stderr.write(format_problems(errors, "text"))
        sys.stderr.write("prd: " + _("the data is invalid; `prd validate` lists every problem") + "\n")
        raise typer.Exit(1)
    return result.dataset, result.key


def _narrow(ds: Dataset, key: str | None) -> Dataset:
    if key is None:
        return ds
    narrowed = ds.only(key)
    if narrowed is None:
        keys = ds.keys()
        if len(keys) <= _KEYS_LISTED:
            said = _('no document "{key}": the keys are {keys}').format(key=key, keys=", ".join(keys))
        else:
            # A province's thousands of keys are no answer: the nearest few are.
            import difflib

            close = difflib.get_close_matches(key, keys, n=5, cutoff=0.6) or keys[:_KEYS_LISTED]
            said = _('no document "{key}" among {count} documents; the nearest keys: {keys}').format(
                key=key, count=len(keys), keys=", ".join(close)
            )
        raise typer.BadParameter(said, param_hint="'--doc'")
    return narrowed


_KEYS_LISTED = 12


def _emit_rows(ds: Dataset, rows: list[Any], table: list[Column], full: list[Column], fmt: Fmt, script: Script) -> None:
    """Rows as a table, or whole in json, csv or md; with several documents, grouped by document.

    The table prints one table per document under its 文号, since a key column would take a
    fifth of an 80-column terminal; the other formats carry the key in a `doc` field.
    """
    _emit_grouped([(d.document.key, d.document.number) for d in ds.docs], rows, table, full, fmt, script)


def _emit_grouped(
    docs: list[tuple[str, str]], rows: list[Any], table: list[Column], full: list[Column], fmt: Fmt, script: Script
) -> None:
    """_emit_rows given the documents' keys and numbers (文号), in order."""
    convert = _converter(script)
    multi = len(docs) > 1
    if fmt != Fmt.table:
        emit(rows, [Column("doc", "文件"), *full] if multi else full, fmt.value, sys.stdout, convert=convert)
        return
    if not multi or not rows:
        emit(rows, table, fmt.value, sys.stdout, convert=convert)
        return
    by_doc: dict[str, list[Any]] = {}
    for row in rows:
        by_doc.setdefault(row["doc"] if isinstance(row, dict) else row.doc, []).append(row)
    for key, number in docs:
        mine = by_doc.get(key)
        if mine:
            emit(mine, table, "table", sys.stdout, title=f"{number}（{key}）", convert=convert)


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
    from . import cache, reindex
    from .roles import OWNER_ROLES

    if cache.disabled_by_env():
        return False
    root = _root(data)
    roles = None if role == Role.any else OWNER_ROLES if role == Role.owner else (role.value,)
    if fmt == Fmt.json:
        # Rows written as the index keeps them: no objects to build and encode again.
        from .render import write_json_lines

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


def _unit(ds: Dataset, text: str | None) -> str | None:
    if text is None:
        return None
    name = ds.registry.resolve_typed(text)
    if name is None:
        raise typer.BadParameter(ds.registry.unknown_message(text), param_hint="'--unit'")
    return name


def _number_exists(numbers: list[int], wanted: int | None, what: str, option: str) -> None:
    """A chapter or measure number that is not in the data is a typo, not an empty answer."""
    if wanted is None or wanted in numbers:
        return
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        span = _("{first} to {last}").format(first=numbers[0], last=numbers[-1])
    else:
        span = ", ".join(str(n) for n in numbers)
    message = (
        _("there is no chapter {n}: the chapters are {span}")
        if what == "chapter"
        else _("there is no measure {n}: the measures are {span}")
    )
    raise typer.BadParameter(message.format(n=wanted, span=span), param_hint=option)


def _period(text: str | None, option: str = "'--period'") -> Period | None:
    """A period as people write it: 2017年下半年, 2017h2, ２０１７Ｈ２ are all 2017H2."""
    from .inputs import InputError, parse_input_period

    if text is None:
        return None
    try:
        return parse_input_period(text)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def _date(text: str | None, option: str) -> date | None:
    """A day: 2017-06-30, 2017/6/30, 2017年6月30日 or in full-width digits."""
    from .inputs import InputError, fold, normalise_period

    if text is None:
        return None
    try:
        # Any real calendar day is a date here; whether it is a plausible one (not before the
        # document, not in the future) is the command's to say, with a message that says why.
        return date.fromisoformat(fold(text).strip())
    except ValueError:
        pass
    try:
        day = normalise_period(text)
        if len(day) == 10:  # YYYY-MM-DD: a period of one day
            return date.fromisoformat(day)
    except InputError:
        pass
    raise typer.BadParameter(
        _('"{text}" is not a date: write 2017-06-30 or 2017年6月30日').format(text=text), param_hint=option
    ) from None


def _half_year(day: date, option: str) -> Period:
    """The half year a day falls in; a day outside the years prd counts is the user's to fix."""
    from .periods import PeriodError, half_year_of

    try:
        return half_year_of(day)
    except PeriodError as exc:
        raise typer.BadParameter(
            _("no period for {day}: {reason}").format(day=day, reason=exc), param_hint=option
        ) from None


def _say(line: str, script: Script) -> None:
    """One line for the person at the terminal, on stderr so pipes carry only the result."""
    convert = _converter(script)
    sys.stderr.write(f"prd: {convert(line) if convert else local(line)}\n")


def _defaulted_period(p: Period) -> str:
    """Said when a command chose the period itself, so an answer is never read as all there is.
    (How much is overdue from earlier periods is said only when the answer is empty: counting
    it costs a second query, a second on 30,000 items.)"""
    from .periods import period_words

    return _("period: {words} ({period}), the current half year; choose another with --period").format(
        words=period_words(p), period=p
    )


@contextmanager
def _writing(target: Path, hint: str = "'--output'") -> Iterator[None]:
    """A refused output, or a folder that is missing, read-only or full, is the user's to fix:
    a usage error naming the file, never a traceback."""
    from .outputs import OutputRefused

    try:
        yield
    except OutputRefused as exc:
        raise typer.BadParameter(str(exc), param_hint=hint) from None
    except OSError as exc:
        raise typer.BadParameter(
            _("cannot write {file}: {reason}").format(file=target, reason=os_reason(exc)), param_hint=hint
        ) from None


def _write_output(output: Path, payload: bytes, force: bool = False, keep: bool = False) -> None:
    """Write --output (see outputs.py)."""
    from .outputs import write_output

    with _writing(output):
        write_output(output, payload, force=force, keep=keep)
    typer.echo(_("wrote {file}").format(file=output), err=True)


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
    _said_sample.clear()  # one run, one note (tests run many in one process)


def _utf8_stdout() -> bool:
    """Whether text written to stdout reaches it as the very UTF-8 bytes of the text."""
    import codecs
    import os

    encoding = getattr(sys.stdout, "encoding", None)
    try:
        utf8 = encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
    return utf8 and os.linesep == "\n" and hasattr(sys.stdout, "buffer")


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
    from .loading import load
    from .problems import format_problems

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
    from .queries import list_items as query

    loaded, key = _load_keyed(data, no_cache)
    ds = _narrow(loaded, doc)
    if search is not None and not search.isascii():
        from .textclean import to_simplified

        search = to_simplified(search)
    _number_exists(sorted({c.number for d in ds.docs for c in d.chapters}), chapter, "chapter", "'--chapter'")
    _number_exists(
        sorted({m.number for d in ds.docs for c in d.chapters for m in c.measures}), measure, "measure", "'--measure'"
    )
    rows: list[Any] = query(ds, unit=_unit(ds, unit), role=role.value, chapter=chapter, measure=measure, search=search)
    columns = ITEM_COLUMNS_UNIT if unit else ITEM_COLUMNS
    if table and unit:
        from .queries import next_milestones

        nexts = next_milestones(ds, rows, today)
        if key is not None:
            from . import cache

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
    from .inputs import KINDS, InputError

    if kind is not None:
        try:
            kind = KINDS.resolve(kind)
        except InputError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--kind'") from None
    rows: list[Any] | None = None
    if not no_cache:
        from . import cache, reindex

        if not cache.disabled_by_env():
            rows = reindex.unit_table(_root(data), kind)  # a row per unit, not a pass over every item
    if rows is None:
        from .queries import unit_rows

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
    from .inputs import SHOW_FORMATS, InputError, normalise_id
    from .show import find, not_found_message, render_json, render_text

    try:
        fmt = SHOW_FORMATS.resolve(fmt)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--format'") from None
    ref = normalise_id(ref)
    refs = None
    if not no_cache:
        from . import cache, reindex

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
        from .safetext import terminal

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
    from .inputs import STATES, InputError
    from .queries import due_rows, overdue_rows

    try:
        states = {STATES.resolve(s) for s in status or []}
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--status'") from None
    today = date.today()
    day = _date(as_of, "'--as-of'")
    chosen = _period(period)
    from datetime import timedelta

    from .roles import OWNER_ROLES

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
        from . import cache, reindex

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
        from .hints import LOOK_AHEAD_YEARS, why_no_deadlines

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
    from . import cache, reindex

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


class ReportFmt(str, Enum):
    md = "md"
    html = "html"
    docx = "docx"


@app.command()
def report(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="The reporting period, e.g. 2017H2; default the current half year (that of --as-of when given).",
            autocompletion=_complete_period,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge states on this date; default today, or the period's end if over."),
    ] = None,
    unit: UnitOpt = None,
    fmt: Annotated[
        ReportFmt | None,
        typer.Option(
            "--format",
            "-f",
            help="md (GitHub Markdown), html (网页, one self-contained file) or docx (Word, 公文 layout, needs --output);"
            " default: what --output's name ends in (.docx, .html), else md.",
            parser=_choice("REPORT_FORMATS", ReportFmt),
            metavar="md|html|docx",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout; - is stdout (a pipe)."),
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
    from .formats import FormatMismatch, choose_report_format, render_report_as
    from .report import build_report
    from .templating import TemplateProblem

    chosen_period = _period(period)
    given_day = _date(as_of, "'--as-of'")
    p = chosen_period or _half_year(given_day or date.today(), "'--as-of'")
    day = given_day or min(date.today(), p.end)
    try:
        chosen = choose_report_format(fmt.value if fmt is not None else None, output)
    except FormatMismatch:
        raise typer.BadParameter(
            _("{file} names a Word file, but --format {format} writes text: use --format docx").format(
                file=output, format=fmt.value if fmt is not None else ""
            ),
            param_hint="'--format'",
        ) from None
    if template is not None and not chosen.templated:
        raise typer.BadParameter(
            _("a {format} report has no template: its layout is code").format(format=chosen.name),
            param_hint="'--template'",
        )
    if template is not None and not template.is_file():
        raise typer.BadParameter(_("template not found: {file}").format(file=template), param_hint="'--template'")
    to_stdout = output is None or str(output) == "-"  # -o - as `prd import -` reads stdin, never a file named -
    if chosen.binary and (output is None or (to_stdout and sys.stdout.isatty())):
        # A Word file is binary: never to a terminal, and to a pipe only when asked (-o -).
        raise typer.BadParameter(
            _("a {format} report needs --output FILE.{format}").format(format=chosen.name), param_hint="'--output'"
        )
    ds = _narrow(_load(data, no_cache), doc)
    if chosen_period is None:
        _say(_defaulted_period(p), script)
    result = build_report(ds, p, day, unit=_unit(ds, unit))
    try:
        payload = render_report_as(result, chosen.name, template=template, script=script.value)
    except TemplateProblem as exc:
        sys.stderr.write(f"prd: {exc}\n")
        raise typer.Exit(1) from None
    if to_stdout and (chosen.binary or _utf8_stdout()):
        # The bytes as they are: decoding a province's report (400 MB) to encode it again cost
        # a copy of it in memory and seconds of CPU.
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    elif to_stdout:
        sys.stdout.write(payload.decode("utf-8"))
    else:
        assert output is not None
        _write_output(output, payload)


class ExportFmt(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    ics = "ics"
    sqlite = "sqlite"
    parquet = "parquet"


@app.command()
def export(
    fmt: Annotated[
        ExportFmt,
        typer.Option(
            "--format",
            "-f",
            help="xlsx (Excel ledger, 台账), csv (opens in Excel), ics (calendar, 日历); sqlite (a file) or parquet"
            " (a folder): every table, for other SQL engines.",
            parser=_choice("EXPORT_FORMATS", ExportFmt),
            metavar="xlsx|csv|ics|sqlite|parquet",
        ),
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
    script: ScriptOpt = Script.hans,
    doc: DocOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Export the ledger (工作台账) for Excel, or every deadline for a calendar.

    Example: prd export --format xlsx --output 台账.xlsx --unit 市商务局
    """
    from .exports import calendar_ics, ledger_csv, ledger_xlsx
    from .ledger import ledger_rows
    from .periods import half_year_of
    from .report import generation_date

    if fmt == ExportFmt.xlsx and output is None:
        raise typer.BadParameter(_("an Excel file needs --output FILE.xlsx"), param_hint="'--output'")
    if fmt in (ExportFmt.sqlite, ExportFmt.parquet):
        _export_tables(fmt, output, unit, doc, data, no_cache)
        return
    chosen = _period(period)
    day = _date(as_of, "'--as-of'")
    ds = _narrow(_load(data, no_cache), doc)
    name = _unit(ds, unit)
    if fmt == ExportFmt.csv:
        payload = ledger_csv(ledger_rows(ds, name, day))
    elif fmt == ExportFmt.ics:
        payload = calendar_ics(ds, name, generation_date())
    else:
        from .ledger import due_milestones, item_milestones, unit_rows
        from .periods import PeriodError

        try:
            p = chosen or half_year_of(day or date.today())
        except PeriodError as exc:
            raise typer.BadParameter(
                _("no period for that date: {reason}").format(reason=exc), param_hint="'--as-of'"
            ) from None
        if chosen is None:
            _say(_defaulted_period(p), script)
        when = day or min(date.today(), p.end)
        from .exports import TooManyRows

        title = "、".join(d.document.number for d in ds.docs)
        try:
            payload = ledger_xlsx(
                item_milestones(ds, p, when, name),
                due_milestones(ds, p, when, name),
                unit_rows(ds, p, when, name),
                p,
                when,
                title,
            )
        except TooManyRows as exc:
            raise typer.BadParameter(str(exc), param_hint="'--format'") from None
    convert = _converter(script)
    if convert:
        from .script import convert_export

        payload = convert_export(fmt.value, payload, convert)
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        _write_output(output, payload)


def _export_tables(
    fmt: ExportFmt, output: Path | None, unit: str | None, doc: str | None, data: Path | None, no_cache: bool
) -> None:
    """Every table for SQL engines (see warehouse.py for the schema)."""
    from .warehouse import MissingExtra, write_parquet, write_sqlite

    where = "FILE.db" if fmt == ExportFmt.sqlite else "FOLDER"
    if output is None:
        raise typer.BadParameter(
            _("the {format} export needs --output {target}").format(format=fmt.value, target=where),
            param_hint="'--output'",
        )
    if unit is not None:
        raise typer.BadParameter(
            _("the {format} export holds every unit: ask for one in SQL (see the README)").format(format=fmt.value),
            param_hint="'--unit'",
        )
    ds = _narrow(_load(data, no_cache), doc)
    try:
        with _writing(output):
            (write_sqlite if fmt == ExportFmt.sqlite else write_parquet)(ds, output)
    except MissingExtra as exc:
        sys.stderr.write(f"prd: {exc}\n")
        raise typer.Exit(2) from None
    typer.echo(_("wrote {file}").format(file=output), err=True)


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
    from .inputs import STATUSES, InputError, normalise_id
    from .progress import NewRecord, ProgressError, add_records
    from .safetext import typed_controls, undecodable

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
    from .progress import ALL, TargetError, choose_targets

    p = _period(period) or _half_year(day, "'--date'")
    if deadline is not None:
        from .inputs import fold

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
        from .roles import contributes_only

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
    try:
        file = add_records(ds, p, records)
    except ProgressError as exc:
        for problem in exc.problems:
            sys.stderr.write("prd: " + _("cannot add the record: {reason}").format(reason=problem.message) + "\n")
        raise typer.Exit(2) from None
    except TimeoutError as exc:
        sys.stderr.write("prd: " + _("{reason}; try again").format(reason=exc) + "\n")
        raise typer.Exit(1) from None
    except OSError as exc:
        # A read-only or full disk, a .lock that is a folder: the user's to fix, not a bug.
        where = f" ({exc.filename})" if exc.filename else ""
        reason = f"{os_reason(exc)}{where}"
        sys.stderr.write("prd: " + _("cannot write the record: {reason}").format(reason=reason) + "\n")
        raise typer.Exit(2) from None
    from .models import STATUS_LABELS
    from .paths import display_path

    for r in records:
        which = " " + _("deadline {n}").format(n=r.deadline) if r.deadline else ""
        which += " " + _("occurrence {day}").format(day=r.occurrence) if r.occurrence else ""
        typer.echo(
            _("added to {file}: {record}").format(
                file=display_path(file), record=f"{item}{which} {name} {code}（{STATUS_LABELS[code]}） {day}"
            )
        )


def _writable_data(data: Path | None) -> Path:
    from .paths import packaged_data_dir

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
        from .checks import unknown_item_message

        raise typer.BadParameter(unknown_item_message(ds, item), param_hint="ITEM")
    return ref


def _check_reporter(ds: Dataset, ref: Any, unit: str) -> None:
    """Only a unit responsible for the task reports on it; name those that are."""
    from .roles import responsible, role_of

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
    from .roles import OWNER_ROLES, role_of

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
    from .paths import display_path
    from .progress import ProgressError, remove_records

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
    try:
        for per, indexes in by_period.items():
            file, removed = remove_records(ds, per, indexes)
            for text in removed:
                typer.echo(_("removed from {file}:").format(file=display_path(file)) + f"\n{text.rstrip()}")
    except ProgressError as exc:
        for problem in exc.problems:
            sys.stderr.write("prd: " + _("cannot remove the record: {reason}").format(reason=problem.message) + "\n")
        raise typer.Exit(1) from None
    except TimeoutError as exc:
        sys.stderr.write("prd: " + _("{reason}; try again").format(reason=exc) + "\n")
        raise typer.Exit(1) from None


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
    from .forms import build_form, form_rows, forms_by_unit
    from .report import generation_date

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
    from .atomic import write_atomically
    from .outputs import OutputRefused, refuse_existing

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
    from .forms import already_recorded, read_return
    from .progress import ProgressError, add_records

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
            target = add_records(ds, got.period, fresh)
        except ProgressError as exc:
            for found in exc.problems:
                sys.stderr.write(f"{file.name}: {found.message}\n")
            sys.stderr.write(f"{file.name}: " + _("nothing taken from this file") + "\n")
            failed = True
            continue
        except TimeoutError as exc:
            sys.stderr.write("prd: " + _("{reason}; try again").format(reason=exc) + "\n")
            raise typer.Exit(1) from None
        from .paths import display_path

        typer.echo(summary + _(", added to {file}").format(file=display_path(target)))
    if failed:
        raise typer.Exit(1)


class SchemaKind(str, Enum):
    measures = "measures"
    units = "units"
    progress = "progress"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="measures, units or progress.", parser=_choice("SCHEMA_KINDS", SchemaKind), metavar="KIND"),
    ] = SchemaKind.measures,
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
    force: Annotated[bool, typer.Option("--force", help="Replace --output even when it already holds data.")] = False,
) -> None:
    """Draft a measures file from a policy document as received (text, .docx, web page), for a person to review.

    Example: prd import 文件.docx --output data/measures.yaml
    """
    from .importer import ImportFailure, draft_yaml, import_bytes, summary
    from .numerals import NumeralError

    if source == "-":
        if sys.stdin.isatty():  # otherwise it looks like a hang
            sys.stderr.write("prd: " + _("reading the document from standard input; end it with Ctrl-D") + "\n")
        raw = sys.stdin.buffer.read()
    else:
        from .safefiles import NotRegularFile, read_regular_file

        try:
            raw = read_regular_file(source)
        except OSError as exc:
            hint = _("; use - to read standard input") if isinstance(exc, NotRegularFile) else ""
            raise typer.BadParameter(
                _("cannot read {file}: {reason}").format(file=source, reason=f"{os_reason(exc)}{hint}"),
                param_hint="FILE",
            ) from None
    registry = _registry_if_any(data)
    name = "standard input" if source == "-" else Path(source).name
    try:
        result = import_bytes(raw, registry, name="" if source == "-" else source, keep_script=keep_script)
    except ImportFailure as exc:
        sys.stderr.write(f"prd: {_('standard input') if source == '-' else source}: {exc}\n")
        raise typer.Exit(1) from None
    except NumeralError as exc:
        # A heading such as 一二、: the document's to fix, not a bug.
        sys.stderr.write(
            f"prd: {_('standard input') if source == '-' else source}: "
            + _("in a heading, {reason} (write 一 to 九十九): correct it").format(reason=exc)
            + "\n"
        )
        raise typer.Exit(1) from None
    text = draft_yaml(result, name)
    if output is None:
        sys.stdout.write(text)
    else:
        _write_output(output, text.encode("utf-8"), force=force)
    sys.stderr.write(summary(result))


def _registry_if_any(data: Path | None):  # type: ignore[no-untyped-def]
    """Known units, to map names through aliases and script; none if the data cannot load."""
    from .loading import DataDirError, find_data_dir
    from .reindex import load_cached

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

    from .loading import packaged_data_dir

    if directory.exists() and any(directory.iterdir()):
        raise typer.BadParameter(
            _("{folder} exists and is not empty: choose a new folder").format(folder=directory), param_hint="DIRECTORY"
        )
    shutil.copytree(packaged_data_dir(), directory, dirs_exist_ok=True, ignore=shutil.ignore_patterns("progress"))
    (directory / "progress").mkdir(exist_ok=True)
    typer.echo(
        _("copied the shipped data to {folder}; run prd inside it (cd {folder}), or pass --data {folder}").format(
            folder=directory
        )
    )


def _typers_own_words(error: Any, exceptions: Any) -> str:
    """Typer's own usage errors (an unknown option or command, a missing value, an extra
    argument) in the reader's language; they carry no catalog of their own, so prd rewrites
    the few Typer raises by their kind and shape. Anything else stays as Typer wrote it."""
    import re

    message = str(error.format_message())
    if isinstance(error, exceptions.NoSuchOption):
        said = _("No such option: {option}").format(option=error.option_name)
        if error.possibilities:
            said += _(" (did you mean {names}?)").format(names="、".join(sorted(error.possibilities)))
        return said
    if isinstance(error, exceptions.BadOptionUsage):
        if m := re.fullmatch(r"Option '(.+)' requires (?:an argument|(\d+) arguments)\.", message):
            return (
                _("{option} needs a value.").format(option=m[1])
                if m[2] is None
                else _("{option} needs {count} values.").format(option=m[1], count=m[2])
            )
        if m := re.fullmatch(r"Option '(.+)' does not take a value\.", message):
            return _("{option} takes no value.").format(option=m[1])
        return message
    if m := re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", message):
        return _("unexpected extra argument(s): {arguments}").format(arguments=m[1])
    if m := re.fullmatch(r"No such command '(.*)'\.", message):
        return _("No such command: {command}").format(command=m[1])
    if message == "Missing command.":
        return _("Missing command.")
    return message


def _usage_errors_in_the_readers_language() -> None:
    """Typer writes its usage errors (Usage: …, Try … for help, Error: Invalid value for …) in
    English with no catalog of its own; in a Chinese locale prd writes that frame itself, around
    the message prd already wrote in the reader's language. Exit codes are Typer's (2)."""
    from typer._click import exceptions
    from typer._click.utils import echo

    def show(self: Any, file: Any = None) -> None:
        file = file or exceptions.get_text_stderr()
        if self.ctx is not None:
            usage = self.ctx.get_usage().replace("Usage: ", _("Usage: "), 1)
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = _("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]
                )
            echo(f"{usage}\n{hint}\n", file=file)
        message = _typers_own_words(self, exceptions)
        if isinstance(self, exceptions.BadParameter):
            where = self.param_hint if self.param_hint is not None else (self.param and self.param.get_error_hint())
            if where:
                where = " / ".join(where) if isinstance(where, list | tuple) else str(where)
                if isinstance(self, exceptions.MissingParameter):
                    message = _("{option} is required.").format(option=where)
                else:
                    message = _("Invalid value for {option}: {message}").format(option=where, message=self.message)
        # Names and labels put into the message follow the reader's script too.
        echo(local(_("Error: {message}").format(message=message)), file=file)

    exceptions.UsageError.show = show  # type: ignore[method-assign]


def _translate_help(command: Any) -> None:
    """Every command's and option's help in the reader's language (the catalog has them all:
    tests/test_i18n.py checks), before Typer lays them out."""
    if command.help:
        command.help = _(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub)


def _help_in_the_readers_language() -> None:
    """`--help` in a Chinese locale: the texts from the catalog, and Typer's frame (Usage,
    Options, [default: …]) in Chinese. Typer wraps by characters and a Chinese character
    takes two columns, so the text is wrapped here by columns instead."""
    import re

    import typer.main
    from typer._click import formatting

    build = typer.main.get_command

    def get_command(typer_instance: Any) -> Any:
        command = build(typer_instance)
        _translate_help(command)
        return command

    typer.main.get_command = get_command  # type: ignore[assignment]
    headings = {"Options": _("Options"), "Commands": _("Commands"), "Arguments": _("Arguments")}
    formatter = formatting.HelpFormatter
    heading, usage = formatter.write_heading, formatter.write_usage

    def frame(text: str) -> str:
        if text == "Show this message and exit.":
            return _(text)
        text = re.sub(r"\[default: (.*?)\]", lambda m: _("[default: {value}]").format(value=m[1]), text)
        return text.replace("[required]", _("[required]")).replace("env var: ", _("env var: "))

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    def write_text(self: Any, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(text.split("\n\n")):
            if n:
                self.write("\n")
            for line in paragraph.split("\n"):
                for piece in _wrap_cells(line, self.width - self.current_indent):
                    self.write(f"{indent}{piece}\n")

    def write_dl(self: Any, pairs: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        pairs = list(pairs)
        first = min(max((_cells(term) for term, _text in pairs), default=0), col_max) + col_spacing
        room = max(self.width - first - self.current_indent, 20)
        for term, text in pairs:
            lines = _wrap_cells(frame(text), room) or [""]
            head = " " * self.current_indent + term
            if _cells(term) + col_spacing > first:
                self.write(head + "\n")
                head = ""
            pad = " " * (self.current_indent + first)
            for n, line in enumerate(lines):
                lead = (head + " " * (self.current_indent + first - _cells(head))) if n == 0 and head else pad
                self.write(f"{lead}{line}".rstrip() + "\n")

    formatter.write_heading = lambda self, name: heading(self, headings.get(name, name))  # type: ignore[method-assign,assignment]
    formatter.write_usage = write_usage  # type: ignore[method-assign]
    formatter.write_text = write_text  # type: ignore[method-assign]
    formatter.write_dl = write_dl  # type: ignore[method-assign,assignment]


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns: Chinese breaks between any two characters,
    Latin words and option names only at spaces."""
    import re

    lines: list[str] = []
    line = ""
    # A bracketed note ([默认：table]) stays whole; Chinese punctuation never starts a line.
    for token in re.findall(
        r"\[[^\]]{1,40}\]|[\x21-\x7e]+[，。；：、）」]*|\s+|.[，。；：、）」]*", " ".join(text.split())
    ):
        if token.isspace():
            if line:
                line += " "
            continue
        if _cells(line) + _cells(token) > width and line.strip():
            lines.append(line.rstrip())
            line = ""
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def main() -> None:
    """Console entry point: a clean message instead of a traceback, whatever happens."""
    import os

    from .i18n import language

    if language() is not None:
        _usage_errors_in_the_readers_language()
        _help_in_the_readers_language()
    try:
        try:
            app()
        except SystemExit:
            # What is still buffered goes now, while a reader that left can be told from an
            # error: at the interpreter's exit it would be a message and exit 120.
            sys.stdout.flush()
            raise
    except KeyboardInterrupt:
        # Typer turns a Ctrl-C in a command into exit 130; this catches one around it.
        sys.exit(130)
    except (BrokenPipeError, ReaderGone):
        # `prd list | head`: the reader left; that is not an error worth a message. Whatever
        # is left in the buffer goes to nowhere, so the flush at exit cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence must catch everything
        if os.environ.get("PRD_DEBUG"):
            raise
        sys.stderr.write(
            "prd: "
            + _("internal error: {reason}").format(reason=f"{type(exc).__name__}: {exc}")
            + "\n"
            + _("(set PRD_DEBUG=1 to see the traceback)")
            + "\n"
        )
        sys.exit(3)
