"""Hand the data over to engines built for more: a SQLite file or a folder of Parquet tables.

One machine and one process go a long way, but a province's documents, or questions prd
does not ask, are better answered by DuckDB, Datasette, Spark or any SQL engine. These
exports hold the validated data in plain tables with a stable schema (SCHEMA_VERSION; a
column is only ever added, never renamed or given another meaning within a version):

documents   doc, number, title, issuer, date, path
units       unit, full_name, kind
unit_members collective, member       who a collective (各相关部门) stands for
items       qid, doc, id, seq, chapter, chapter_title, measure, measure_title, text, clause
item_units  qid, unit, role, via      every unit answerable for an item: role is lead (牵头),
                                      joint (共同负责) or support (配合); via is the collective
                                      the clause names when the unit is one of its members,
                                      else null (the unit is named itself)
milestones  qid, number, kind, what, due, due_start, due_end, every, starts, until, soft,
            source, review            an item's deadlines as written: kind is dated (due,
                                      a period, with its first and last day) or recurring
                                      (every, with optional starts/until periods)
progress    path, position, period, item, qid, unit, status, date, note, problems,
            next_steps, occurrence, deadline   every progress record; qid is the item it
                                      resolves to (null when it names none)
meta        name, value               schema_version, prd_version

Dates are ISO text in SQLite and date32 in Parquet. item_units is what `prd list --unit`
answers from: a unit has at most one row per item, and the role it has there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .dataset import Dataset
from .i18n import _
from .outputs import OutputRefused
from .roles import responsible

SCHEMA_VERSION = 1


class MissingExtra(Exception):
    """An optional dependency the chosen format needs is not installed (a usage error)."""


# Table name -> (column, SQLite type, Arrow type name). The order is the schema's.
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "documents": [
        ("doc", "TEXT PRIMARY KEY", "string"),
        ("number", "TEXT NOT NULL", "string"),
        ("title", "TEXT NOT NULL", "string"),
        ("issuer", "TEXT NOT NULL", "string"),
        ("date", "TEXT NOT NULL", "date32"),
        ("path", "TEXT NOT NULL", "string"),
    ],
    "units": [
        ("unit", "TEXT PRIMARY KEY", "string"),
        ("full_name", "TEXT NOT NULL", "string"),
        ("kind", "TEXT NOT NULL", "string"),
    ],
    "unit_members": [
        ("collective", "TEXT NOT NULL", "string"),
        ("member", "TEXT NOT NULL", "string"),
    ],
    "items": [
        ("qid", "TEXT PRIMARY KEY", "string"),
        ("doc", "TEXT NOT NULL", "string"),
        ("id", "TEXT NOT NULL", "string"),
        ("seq", "INTEGER NOT NULL", "int32"),
        ("chapter", "INTEGER NOT NULL", "int32"),
        ("chapter_title", "TEXT NOT NULL", "string"),
        ("measure", "INTEGER NOT NULL", "int32"),
        ("measure_title", "TEXT NOT NULL", "string"),
        ("text", "TEXT NOT NULL", "string"),
        ("clause", "TEXT", "string"),
    ],
    "item_units": [
        ("qid", "TEXT NOT NULL", "string"),
        ("unit", "TEXT NOT NULL", "string"),
        ("role", "TEXT NOT NULL", "string"),
        ("via", "TEXT", "string"),
    ],
    "milestones": [
        ("qid", "TEXT NOT NULL", "string"),
        ("number", "INTEGER NOT NULL", "int32"),
        ("kind", "TEXT NOT NULL", "string"),
        ("what", "TEXT NOT NULL", "string"),
        ("due", "TEXT", "string"),
        ("due_start", "TEXT", "date32"),
        ("due_end", "TEXT", "date32"),
        ("every", "TEXT", "string"),
        ("starts", "TEXT", "string"),
        ("until", "TEXT", "string"),
        ("soft", "INTEGER NOT NULL", "bool"),
        ("source", "TEXT NOT NULL", "string"),
        ("review", "INTEGER NOT NULL", "bool"),
    ],
    "progress": [
        ("path", "TEXT NOT NULL", "string"),
        ("position", "INTEGER NOT NULL", "int32"),
        ("period", "TEXT NOT NULL", "string"),
        ("item", "TEXT NOT NULL", "string"),
        ("qid", "TEXT", "string"),
        ("unit", "TEXT NOT NULL", "string"),
        ("status", "TEXT NOT NULL", "string"),
        ("date", "TEXT NOT NULL", "date32"),
        ("note", "TEXT NOT NULL", "string"),
        ("problems", "TEXT NOT NULL", "string"),
        ("next_steps", "TEXT NOT NULL", "string"),
        ("occurrence", "TEXT", "date32"),
        ("deadline", "INTEGER", "int32"),
    ],
    "meta": [
        ("name", "TEXT PRIMARY KEY", "string"),
        ("value", "TEXT NOT NULL", "string"),
    ],
}

INDEXES = [
    "CREATE INDEX item_units_by_unit ON item_units (unit, role)",
    "CREATE INDEX item_units_by_item ON item_units (qid)",
    "CREATE INDEX items_by_doc ON items (doc, seq)",
    "CREATE INDEX milestones_by_item ON milestones (qid)",
    "CREATE INDEX milestones_by_due ON milestones (due_end)",
    "CREATE INDEX progress_by_item ON progress (qid)",
    "CREATE INDEX progress_by_unit ON progress (unit, period)",
]


def rows(ds: Dataset) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in the order of TABLES' columns; dates as datetime.date."""
    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    for data in ds.docs:
        d = data.document
        out["documents"].append((d.key, d.number, d.title, d.issuer, d.date, data.path))
    for u in ds.registry.units:
        out["units"].append((u.name, u.full_name, u.kind))
    for collective, members in ds.registry.members.items():
        out["unit_members"] += [(collective, m) for m in members]
    for seq, ref in enumerate(ds.items):
        item, qid = ref.item, ref.qid
        out["items"].append(
            (
                qid,
                ref.doc.key,
                item.id,
                seq,
                ref.chapter.number,
                ref.chapter.title,
                ref.measure.number,
                ref.measure.title,
                item.text,
                item.clause,
            )
        )
        for r in responsible(ds.registry, item):
            out["item_units"].append((qid, r.unit, r.role, r.via))
        for number, dl in enumerate(item.deadlines, 1):
            out["milestones"].append(
                (
                    qid,
                    number,
                    "dated" if dl.due is not None else "recurring",
                    dl.what,
                    str(dl.due) if dl.due is not None else None,
                    dl.due.start if dl.due is not None else None,
                    dl.due.end if dl.due is not None else None,
                    str(dl.every) if dl.every is not None else None,
                    str(dl.start) if dl.start is not None else None,
                    str(dl.until) if dl.until is not None else None,
                    dl.soft,
                    dl.source,
                    dl.review,
                )
            )
    for entry in ds.progress:
        rec = entry.record
        out["progress"].append(
            (
                entry.path,
                entry.index,
                str(entry.period),
                rec.item,
                entry.qid,
                rec.unit,
                rec.status,
                rec.date,
                rec.note,
                rec.problems,
                rec.next_steps,
                rec.occurrence,
                rec.deadline,
            )
        )
    out["meta"] = [("schema_version", str(SCHEMA_VERSION)), ("prd_version", __version__)]
    return out


def write_sqlite(ds: Dataset, output: Path) -> None:
    """One SQLite file, written beside its place and renamed into it: never half a database."""
    import sqlite3

    tables = rows(ds)
    output = Path(output)
    # Renamed into place only over a regular file or nothing: a device (`-o /dev/null` as
    # root), a FIFO or a symbolic link gets the bytes as --output writes them (outputs.py),
    # and the database is built in the temporary folder, not beside /dev/null.
    plain = _plain_target(output)
    where = (output.parent or Path(".")) if plain else None
    fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{output.name}.", suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            for name, columns in TABLES.items():
                conn.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {t}' for c, t, _ in columns)})")
                marks = ", ".join("?" * len(columns))
                conn.executemany(f"INSERT INTO {name} VALUES ({marks})", [_sql_row(r) for r in tables[name]])
            for statement in INDEXES:
                conn.execute(statement)
            conn.commit()
        finally:
            conn.close()
    except sqlite3.Error as exc:  # "database or disk is full": the disk's, not a bug of prd's
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OSError(errno.EIO, str(exc), str(output)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        if plain:
            os.replace(tmp, output)
        else:
            from .outputs import write_output

            try:
                write_output(output, Path(tmp).read_bytes())
            finally:
                os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _plain_target(output: Path) -> bool:
    """Whether `output` is missing or a regular file (not a link): safe to rename over."""
    import stat

    try:
        return stat.S_ISREG(os.lstat(output).st_mode)
    except FileNotFoundError:
        return True


def _sql_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    # sqlite3's date adapter is deprecated: dates go in as ISO text, booleans as 0/1.
    return tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in row)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_parquet(ds: Dataset, output: Path) -> None:
    """A folder with one TABLE.parquet per table, replaced whole."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtra(
            _("the parquet export needs pyarrow: pip install 'prd[parquet]' (or pip install pyarrow)")
        ) from None
    tables = rows(ds)
    output = Path(output)
    if output.exists():
        if not output.is_dir():
            raise OutputRefused(f"{output} is a file: the parquet export writes a folder")
        ours = {f"{name}.parquet" for name in TABLES}
        if any(p.name not in ours for p in output.iterdir()):
            raise OutputRefused(f"{output} holds other files: give a new folder, or an earlier parquet export")
    parent = output.parent if str(output.parent) else Path(".")
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{output.name}.", suffix=".tmp"))
    try:
        for name, columns in TABLES.items():
            schema = pa.schema(
                [(c, getattr(pa, arrow + "_" if arrow == "bool" else arrow)()) for c, _, arrow in columns]
            )
            values: list[Any] = list(zip(*tables[name], strict=True)) if tables[name] else [() for _ in columns]
            table = pa.table({c: list(v) for (c, _, _), v in zip(columns, values, strict=True)}, schema=schema)
            pq.write_table(table, tmp / f"{name}.parquet")
        os.chmod(tmp, 0o777 & ~_umask())
        if output.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{output.name}.", suffix=".old"))
            os.replace(output, old / "x")
            os.replace(tmp, output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, output)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
