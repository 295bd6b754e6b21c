"""Render query rows as json, csv, markdown or a terminal table: one result, many formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any, TextIO

from .safetext import md_escape, neutralise, terminal

FORMATS = ("table", "json", "csv", "md")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    # For the table only; json, csv and md always carry the whole value.
    width: int | None = None  # prose: set in lines of this many cells (see linebreak.py) ...
    lines: int = 2  # ... at most this many, the last ending in … when text was left out
    wrap: bool = False  # lists: rich may wrap them between items; ids and dates never wrap


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(cell(v) for v in value)
    return str(value)


def _dicts(rows: list[Any]) -> list[dict[str, Any]]:
    # Rows are flat dataclasses: a shallow copy of their fields is enough, and asdict's deep
    # copy was most of the time `list -f json` took on 30,000 items.
    return [
        (dict(vars(r)) if hasattr(r, "__dict__") else asdict(r))
        if is_dataclass(r) and not isinstance(r, type)
        else dict(r)
        for r in rows
    ]


def to_json(rows: list[Any]) -> str:
    return json.dumps(_dicts(rows), ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[Any], columns: list[Column]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in _dicts(rows):
        # Item text and progress notes come from anyone who can commit: no formula may run.
        writer.writerow([neutralise(cell(row[c.key])) for c in columns])
    return buf.getvalue()


def md_cell(value: Any) -> str:
    """Escape so that a | or a newline cannot break the table, nor < > smuggle in raw HTML,
    nor [ ] make a link or an image."""
    text = md_escape(cell(value))
    return " ".join(text.split("\n")).replace("\r", " ")


def to_markdown(rows: list[Any], columns: list[Column]) -> str:
    lines = ["| " + " | ".join(c.header for c in columns) + " |", "|" + "---|" * len(columns)]
    for row in _dicts(rows):
        lines.append("| " + " | ".join(md_cell(row[c.key]) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def _table_cell(value: Any, column: Column) -> str:
    if isinstance(value, list | tuple):
        # rich breaks lines only at spaces and folds Chinese anywhere else: a space after
        # each 、 keeps unit names whole and stops a line from starting with 、.
        return "、 ".join(cell(v) for v in value)
    text = cell(value)
    if column.width is None:
        return text
    from .linebreak import shorten_lines

    return "\n".join(shorten_lines(text, column.width, column.lines))


def print_table(
    rows: list[Any],
    columns: list[Column],
    out: TextIO,
    title: str | None = None,
    convert: Callable[[str], str] | None = None,
) -> None:
    # rich only here: the other formats and the core never pay for importing it.
    from rich import box
    from rich.console import Console
    from rich.table import Table

    if convert and title:
        title = convert(title)
    columns = _fit_to_terminal(columns)
    table = Table(title=title, box=box.SIMPLE_HEAD, show_lines=False, title_justify="left")
    for c in columns:
        # Prose arrives already set in lines; only a terminal narrower than those folds it.
        # Headers are converted with the cells: Simplified headers over Traditional cells read as half done.
        table.add_column(convert(c.header) if convert else c.header, overflow="fold", no_wrap=not c.wrap)
    for row in _dicts(rows):
        cells = (terminal(_table_cell(row[c.key], c)) for c in columns)
        table.add_row(*(convert(x) if convert else x for x in cells))
    Console(file=out, soft_wrap=False).print(table)
    _say_how_many(len(rows), out)


def _say_how_many(count: int, out: TextIO) -> None:
    """A table longer than the screen scrolls its head away: say how many rows there were, and
    how to get fewer or keep them all (on stderr, and only at a terminal)."""
    import shutil
    import sys

    isatty = getattr(out, "isatty", None)
    if isatty is None or not isatty() or count <= shutil.get_terminal_size((80, 24)).lines:
        return
    from .i18n import _

    sys.stderr.write(
        "prd: "
        + _(
            "{count} rows: narrow with --unit, --chapter or --period, page with | less -R,"
            " or keep them all with --format csv or json"
        ).format(count=count)
        + "\n"
    )


def _fit_to_terminal(columns: list[Column]) -> list[Column]:
    """Give the widest prose column whatever the terminal has beyond 80 columns, so a wide
    terminal shows more of each task instead of the same two lines."""
    import shutil
    from dataclasses import replace

    spare = shutil.get_terminal_size((80, 24)).columns - 80
    prose = [c for c in columns if c.width is not None]
    if spare <= 0 or not prose:
        return columns
    widest = max(prose, key=lambda c: c.width or 0)
    # Two thirds: the unit lists beside it widen too, instead of folding name by name.
    return [replace(c, width=(c.width or 0) + spare * 2 // 3) if c is widest else c for c in columns]


def wide(columns: list[Column]) -> list[Column]:
    """The same columns with prose whole: set in as many lines as it takes, never shortened."""
    from dataclasses import replace

    return [replace(c, lines=10_000) if c.width is not None else c for c in columns]


def emit(
    rows: list[Any],
    columns: list[Column],
    fmt: str,
    out: TextIO,
    title: str | None = None,
    convert: Callable[[str], str] | None = None,
) -> None:
    """Write rows in `fmt`; `convert` rewrites the text (e.g. into Traditional script)."""
    if fmt == "table":
        print_table(rows, columns, out, title, convert)
        return
    if fmt == "json":
        text = to_json(rows)
    elif fmt == "csv":
        text = to_csv(rows, columns)
    elif fmt == "md":
        text = to_markdown(rows, columns)
    else:
        raise ValueError(f"unknown format {fmt}")
    out.write(convert(text) if convert else text)
