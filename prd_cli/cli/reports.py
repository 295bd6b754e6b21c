"""The report and the exports."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _

if TYPE_CHECKING:
    pass

from .common import (
    DataOpt,
    DocOpt,
    NoCacheOpt,
    Script,
    ScriptOpt,
    UnitOpt,
    _choice,
    _complete_period,
    _converter,
    _date,
    _defaulted_period,
    _half_year,
    _load,
    _narrow,
    _period,
    _say,
    _unit,
    _utf8_stdout,
    _write_output,
    _writing,
    app,
)


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
    from ..formats import FormatMismatch, choose_report_format, render_report_as
    from ..report import build_report
    from ..templating import TemplateProblem

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
    from ..exports import calendar_ics, ledger_csv, ledger_xlsx
    from ..ledger import ledger_rows
    from ..periods import half_year_of
    from ..report import generation_date

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
        from ..ledger import due_milestones, item_milestones, unit_rows
        from ..periods import PeriodError

        try:
            p = chosen or half_year_of(day or date.today())
        except PeriodError as exc:
            raise typer.BadParameter(
                _("no period for that date: {reason}").format(reason=exc), param_hint="'--as-of'"
            ) from None
        if chosen is None:
            _say(_defaulted_period(p), script)
        when = day or min(date.today(), p.end)
        from ..exports import TooManyRows

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
        from ..script import convert_export

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
    from ..warehouse import MissingExtra, write_parquet, write_sqlite

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
