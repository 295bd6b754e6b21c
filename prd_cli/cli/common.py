"""Shared by every command: the apps, option types, loading and printing helpers."""

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

from .. import __version__
from ..i18n import _, local, os_reason
from ..render import Column, emit

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..periods import Period


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
    from ..loading import DataDirError, find_data_dir
    from ..reindex import load_cached

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
        from .. import inputs

        try:
            return enum(getattr(inputs, choices).resolve(str(value)))
        except inputs.InputError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


def _number_parser(value: object) -> int:
    """Chapter and measure numbers as the document writes them: 6, ６, 六, （六）."""
    if isinstance(value, int):
        return value
    from ..inputs import InputError, normalise_number

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
    from ..script import converter

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
    from ..paths import DataDirError, fell_back_to_sample, find_data_dir

    try:
        root = find_data_dir(str(data) if data else None, sample_ok=sample_ok)
    except DataDirError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--data'") from None
    if not data and fell_back_to_sample(root) and not _said_sample:
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
    from ..yamlread import HAVE_LIBYAML, slow_loader_notice

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
    from ..problems import format_problems, has_errors
    from ..reindex import load_cached

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
    from ..inputs import InputError, parse_input_period

    if text is None:
        return None
    try:
        return parse_input_period(text)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def _date(text: str | None, option: str) -> date | None:
    """A day: 2017-06-30, 2017/6/30, 2017年6月30日 or in full-width digits."""
    from ..inputs import InputError, fold, normalise_period

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
    from ..periods import PeriodError, half_year_of

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
    from ..periods import period_words

    return _("period: {words} ({period}), the current half year; choose another with --period").format(
        words=period_words(p), period=p
    )


@contextmanager
def _writing(target: Path, hint: str = "'--output'") -> Iterator[None]:
    """A refused output, or a folder that is missing, read-only or full, is the user's to fix:
    a usage error naming the file, never a traceback."""
    from ..outputs import OutputRefused

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
    from ..outputs import write_output

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
