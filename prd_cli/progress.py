"""Append progress records to a period's file: validated first, locked, written atomically.

The file is edited as text, not re-dumped, so its existing content and comments stay byte
for byte; the new record is appended to the `records:` list at the end of the file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .atomic import locked, write_atomically
from .checks import check_progress
from .dataset import Dataset, ItemRef
from .deadlines import list_deadlines, next_occurrence, previous_occurrence, record_covers
from .loading import display_path, pydantic_problems
from .models import ProgressFile, validate
from .periods import Period
from .problems import Problem
from .yamlread import parse_yaml, read_text


class ProgressError(Exception):
    """The record or the file cannot take it; `problems` say why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class NewRecord:
    item: str
    unit: str
    status: str
    date: dt.date
    note: str
    occurrence: dt.date | None = None
    deadline: int | None = None

    def yaml_lines(self, indent: int) -> str:
        pad = " " * indent
        # JSON strings are valid YAML double-quoted scalars: any note is safe to write.
        fields = [
            ("item", json.dumps(self.item, ensure_ascii=False)),
            ("unit", self.unit),
            ("status", self.status),
            ("date", self.date.isoformat()),
            ("note", json.dumps(self.note, ensure_ascii=False)),
        ]
        if self.deadline is not None:
            fields.append(("deadline", str(self.deadline)))
        if self.occurrence is not None:
            fields.append(("occurrence", self.occurrence.isoformat()))
        first, *rest = fields
        lines = [f"{pad}- {first[0]}: {first[1]}"] + [f"{pad}  {k}: {v}" for k, v in rest]
        return "\n".join(lines) + "\n"


class TargetError(ValueError):
    """A new record's deadline or occurrence cannot be decided; the message says how to say it."""


@dataclass(frozen=True)
class Target:
    deadline: int | None
    occurrence: dt.date | None
    note: str | None = None  # what was assumed, for the person to check


ALL = "all"


def choose_target(ref: ItemRef, day: dt.date, deadline: int | str | None, occurrence: dt.date | None) -> Target:
    """Which of an item's deadlines, and which occurrence, a record made on `day` speaks for.

    Without `occurrence`, a recurring duty's next one due on or after `day` is assumed and
    said. When the record could speak for several deadlines, the caller must say which
    (a number, as `prd show` lists them) or `all`: a note on one duty must not mark another done.
    """
    deadlines = ref.item.deadlines
    number = deadline if isinstance(deadline, int) else None
    if number is not None and not 1 <= number <= len(deadlines):
        have = f"deadlines 1 to {len(deadlines)}" if deadlines else "no deadlines"
        raise TargetError(f"item {ref.id} has {have} (see `prd show {ref.id}`)")
    note = None
    if occurrence is None:
        occurrence = next_occurrence(ref, day, number)
        if occurrence is not None:
            before = previous_occurrence(ref, day, number)
            earlier = f"; the one before was due {before}" if before else ""
            note = f"recording the occurrence due {occurrence}{earlier} (use --occurrence to choose another)"
    if number is not None or deadline == ALL:
        return Target(number, occurrence, note)
    covered = record_covers(ref, occurrence, None)
    if len(covered) > 1:
        when = f"due {occurrence}" if occurrence else "dated"
        choices = list_deadlines(covered)
        raise TargetError(
            f"item {ref.id} has {len(covered)} deadlines {when} ({choices}): say which with --deadline N,"
            " or --deadline all if the record reports on every one"
        )
    return Target(None, occurrence, note)


def _header(period: Period) -> str:
    return (
        "# yaml-language-server: $schema=../schema/progress.schema.json\n"
        f"# 进展记录 {period}: one record per report, appended by `prd progress add`.\n"
        f"period: {period}\nrecords:\n"
    )


def _layout(display: str, line: int, col: int, message: str) -> ProgressError:
    """The file is valid YAML but not laid out so that a record can be appended as text."""
    return ProgressError([Problem(display, line, col, "error", "progress-layout", message)])


def _appended(text: str, record: NewRecord, display: str) -> str:
    data, smap, problems = parse_yaml(text, display)
    if problems:
        raise ProgressError(problems)
    if not isinstance(data, dict) or "records" not in data:
        raise _layout(display, 1, 1, "the file has no `records:` list to append to")
    if list(data)[-1] != "records":
        raise _layout(
            display, *smap.locate(("records",), key=True), "`records:` must be the last key so records can be appended"
        )
    records = data["records"]
    indent = 2
    if records:
        line, col = smap.locate(("records", 0))
        first_line = text.splitlines()[line - 1]
        if not first_line.lstrip().startswith("- "):
            raise _layout(display, line, col, "write `records:` as a block list (- item: …) to append to it")
        indent = len(first_line) - len(first_line.lstrip(" "))
    elif records == []:
        raise _layout(display, *smap.locate(("records",)), "replace `records: []` with `records:` to append to it")
    if not text.endswith("\n"):
        text += "\n"
    return text + record.yaml_lines(indent)


def add_record(ds: Dataset, period: Period, record: NewRecord) -> Path:
    """Validate `record` against the data and append it to progress/<period>.yaml."""
    folder = ds.root / "progress"
    file = folder / f"{period}.yaml"
    display = display_path(file)
    with locked(folder / ".lock"):
        if file.exists():
            old, problems = read_text(file, display)
            if old is None:
                raise ProgressError(problems)
        else:
            old = _header(period)
        new = _appended(old, record, display)
        data, smap, problems = parse_yaml(new, display)
        if problems:
            raise ProgressError(problems)
        try:
            pf = validate(ProgressFile, data)
        except ValidationError as exc:
            raise ProgressError(pydantic_problems(exc, smap)) from None
        problems = [
            p for p in check_progress(ds, pf.period, list(enumerate(pf.records)), smap, file) if p.level == "error"
        ]
        if problems:
            raise ProgressError(problems)
        write_atomically(file, new.encode("utf-8"))
    return file
