"""Render query rows as json, csv, markdown or a terminal table: one result, many formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
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
    wrap: bool = False  # lists: wrapped between names (texttable.py); ids and dates break only at spaces


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


# One row's JSON as `-f json` writes it. The cache's index keeps rows in this very encoding
# (cache.json_by_unit), so the two can only agree if both take it from here.
encode_row = json.JSONEncoder(ensure_ascii=False).encode


def to_json(rows: list[Any]) -> str:
    """An array with one row a line: `indent` would turn off json's C encoder, which made
    encoding most of what a 48,000-row answer cost; a row a line still reads and diffs well."""
    dicts = _dicts(rows)
    if not dicts:
        return "[]\n"
    return "[\n  " + ",\n  ".join(map(encode_row, dicts)) + "\n]\n"


def write_json_lines(lines: Iterable[bytes], out: TextIO, convert: Callable[[str], str] | None = None) -> None:
    """What to_json writes, given each row already encoded (encode_row) in UTF-8.

    Written a few thousand rows at a time, so that no second copy of a large answer is
    built, and as bytes when `out` takes UTF-8 bytes as they are: decoding 50 MB only to
    encode it again was a third of what the largest answers cost.
    """
    import codecs
    import os
    from itertools import islice

    rows = iter(lines)
    chunk = list(islice(rows, 2000))
    if not chunk:
        out.write("[]\n")
        return
    raw = getattr(out, "buffer", None)
    try:
        utf8 = codecs.lookup(getattr(out, "encoding", None) or "").name == "utf-8"
    except LookupError:
        utf8 = False
    sink = raw if utf8 and convert is None and os.linesep == "\n" else None
    if sink is not None:
        out.flush()  # what was written as text before must come first
    head = b"[\n  "
    while chunk:
        following = list(islice(rows, 2000))
        piece = head + b",\n  ".join(chunk) + (b"" if following else b"\n]\n")
        head = b",\n  "
        chunk = following
        if sink is not None:
            sink.write(piece)
            continue
        # A row never holds a raw newline (json escapes it), so a piece ends between rows and
        # converting piece by piece converts what converting the whole would.
        text = piece.decode()
        out.write(convert(text) if convert else text)
    if sink is not None:
        sink.flush()


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


def _table_value(value: Any, column: Column, convert: Callable[[str], str] | None) -> Any:
    """A cell as the table draws it: names stay a list (broken only between names), the rest
    is text made safe for a terminal and converted."""

    def text(s: str) -> str:
        s = terminal(s)
        return convert(s) if convert else s

    if isinstance(value, list | tuple) and column.wrap:
        return [text(cell(v)) for v in value]
    return text(cell(value))


def print_table(
    rows: list[Any],
    columns: list[Column],
    out: TextIO,
    title: str | None = None,
    convert: Callable[[str], str] | None = None,
) -> None:
    import shutil

    from .texttable import Spec, draw

    if convert and title:
        title = convert(title)
    columns = _fit_to_terminal(columns)
    # Headers are converted with the cells: Simplified headers over Traditional cells read as half done.
    specs = [
        Spec(
            convert(c.header) if convert else c.header,
            "prose" if c.width is not None else "list" if c.wrap else "plain",
            c.width,
            c.lines,
        )
        for c in columns
    ]
    cells = [[_table_value(row[c.key], c, convert) for c in columns] for row in _dicts(rows)]
    out.write(draw(specs, cells, shutil.get_terminal_size((80, 24)).columns, title))
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
