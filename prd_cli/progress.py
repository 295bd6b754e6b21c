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
from .i18n import _
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
    problems: str = ""
    next_steps: str = ""

    def yaml_lines(self, indent: int) -> str:
        pad = " " * indent
        # JSON strings are valid YAML double-quoted scalars: any note is safe to write.
        fields = [
            ("item", json.dumps(self.item, ensure_ascii=False)),
            ("unit", self.unit),
            ("status", self.status),
            ("date", self.date.isoformat()),
        ]
        # An empty field is left out, as a person writes the file (the model's default is "").
        for key, text in (("note", self.note), ("problems", self.problems), ("next_steps", self.next_steps)):
            if text:
                fields.append((key, json.dumps(text, ensure_ascii=False)))
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


def _occurrence(ref: ItemRef, day: dt.date, number: int | None) -> tuple[dt.date | None, str | None]:
    """The occurrence a record made on `day` covers when none is named: the latest due on or
    before `day` (work reported is work done), else the first one after it; with what was assumed."""
    chosen = [dl for n, dl in enumerate(ref.item.deadlines, 1) if number is None or n == number]
    if not chosen or any(dl.every is None for dl in chosen):
        return None, None
    before = previous_occurrence(ref, day + dt.timedelta(days=1), number)
    after = next_occurrence(ref, day + dt.timedelta(days=1), number)
    if before is not None:
        if after:
            said = _(
                "recording the occurrence due {before}, the latest due on or before {day};"
                " the next is due {after} (use --occurrence to choose another)"
            )
        else:
            said = _(
                "recording the occurrence due {before}, the latest due on or before {day}"
                " (use --occurrence to choose another)"
            )
        return before, said.format(before=before, day=day, after=after)
    first = next_occurrence(ref, day, number)
    if first is None:
        return None, None
    return (
        first,
        _(
            "recording the occurrence due {first}: none fell due on or before {day}"
            " (use --occurrence to choose another)"
        ).format(first=first, day=day),
    )


def choose_targets(
    ref: ItemRef,
    day: dt.date,
    deadline: int | str | None,
    occurrence: dt.date | None,
    *,
    contribution: bool = False,
) -> list[Target]:
    """Which of an item's deadlines, and which occurrence, a record made on `day` speaks for.

    Without `occurrence`, a recurring duty's latest occurrence due on or before `day` is assumed
    and said. When the record could speak for several deadlines, the caller must say which
    (a number, as `prd show` lists them) or `all`: a note on one duty must not mark another done.
    `all` gives one target per deadline, each named, so that validate reads every one plainly.
    A `contribution` (a support unit's record, which closes nothing) may speak for the task as
    a whole without naming a deadline.
    """
    deadlines = ref.item.deadlines
    number = deadline if isinstance(deadline, int) else None
    if number is not None and not 1 <= number <= len(deadlines):
        if deadlines:
            said = _("item {item} has deadlines 1 to {count} (see `prd show {item}`)")
        else:
            said = _("item {item} has no deadlines (see `prd show {item}`)")
        raise TargetError(said.format(item=ref.id, count=len(deadlines)))
    if deadline == ALL:
        if not deadlines:
            raise TargetError(_("item {item} has no deadlines: leave out --deadline").format(item=ref.id))
        targets = []
        for n, dl in enumerate(deadlines, 1):
            if dl.due is not None:
                targets.append(Target(n, None))
            elif occurrence is not None:
                if record_covers(ref, occurrence, n):
                    targets.append(Target(n, occurrence))
            else:
                occ, note = _occurrence(ref, day, n)
                if occ is not None:
                    targets.append(Target(n, occ, _("deadline {n}: {note}").format(n=n, note=note) if note else None))
        if not targets:
            raise TargetError(
                _("nothing of item {item} falls due on {day}").format(item=ref.id, day=occurrence)
                if occurrence
                else _("item {item} has nothing to report on").format(item=ref.id)
            )
        return targets
    note = None
    if occurrence is None:
        occurrence, note = _occurrence(ref, day, number)
    if number is not None:
        return [Target(number, occurrence, note)]
    covered = record_covers(ref, occurrence, None)
    if len(covered) > 1 and not contribution:
        if occurrence:
            said = _(
                "item {item} has {count} deadlines due {day} ({choices}): say which with --deadline N,"
                " or --deadline all if the record reports on every one"
            )
        else:
            said = _(
                "item {item} has {count} deadlines dated ({choices}): say which with --deadline N,"
                " or --deadline all if the record reports on every one"
            )
        choices = list_deadlines(covered)
        raise TargetError(said.format(item=ref.id, count=len(covered), day=occurrence, choices=choices))
    return [Target(None, occurrence, note)]


def choose_target(
    ref: ItemRef, day: dt.date, deadline: int | str | None, occurrence: dt.date | None, *, contribution: bool = False
) -> Target:
    """The single target of `choose_targets` (the first, with `all`)."""
    return choose_targets(ref, day, deadline, occurrence, contribution=contribution)[0]


def _header(period: Period) -> str:
    return (
        "# yaml-language-server: $schema=../schema/progress.schema.json\n"
        f"# 进展记录 {period}: one record per report, appended by `prd progress add`.\n"
        f"period: {period}\nrecords:\n"
    )


def _layout(display: str, line: int, col: int, message: str) -> ProgressError:
    """The file is valid YAML but not laid out so that a record can be appended as text."""
    return ProgressError([Problem(display, line, col, "error", "progress-layout", message)])


def _appended(text: str, new: list[NewRecord], display: str) -> str:
    data, smap, problems = parse_yaml(text, display)
    if problems:
        raise ProgressError(problems)
    if not isinstance(data, dict) or "records" not in data:
        raise _layout(display, 1, 1, _("the file has no `records:` list to append to"))
    if list(data)[-1] != "records":
        raise _layout(
            display,
            *smap.locate(("records",), key=True),
            _("`records:` must be the last key so records can be appended"),
        )
    records = data["records"]
    indent = 2
    if records:
        line, col = smap.locate(("records", 0))
        first_line = text.splitlines()[line - 1]
        if not first_line.lstrip().startswith("- "):
            raise _layout(display, line, col, _("write `records:` as a block list (- item: …) to append to it"))
        indent = len(first_line) - len(first_line.lstrip(" "))
    elif records == []:
        raise _layout(display, *smap.locate(("records",)), _("replace `records: []` with `records:` to append to it"))
    if not text.endswith("\n"):
        text += "\n"
    return text + "".join(r.yaml_lines(indent) for r in new)


def add_record(ds: Dataset, period: Period, record: NewRecord) -> Path:
    """Validate `record` against the data and append it to progress/<period>.yaml."""
    return add_records(ds, period, [record])


def add_records(ds: Dataset, period: Period, records: list[NewRecord]) -> Path:
    """Validate `records` against the data and append them all, or none, to progress/<period>.yaml."""
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
        _write_checked(ds, file, _appended(old, records, display), display)
    return file


def _write_checked(ds: Dataset, file: Path, new: str, display: str) -> None:
    """Write the file's new text if it parses and its records raise no error; else raise."""
    data, smap, problems = parse_yaml(new, display)
    if problems:
        raise ProgressError(problems)
    try:
        pf = validate(ProgressFile, data)
    except ValidationError as exc:
        raise ProgressError(pydantic_problems(exc, smap)) from None
    problems = [p for p in check_progress(ds, pf.period, list(enumerate(pf.records)), smap, file) if p.level == "error"]
    if problems:
        raise ProgressError(problems)
    write_atomically(file, new.encode("utf-8"))


def record_spans(text: str) -> list[tuple[int, int]]:
    """Each record's lines in the file, as [first, last) 0-based line numbers, in list order.

    A record runs from its `- ` line to the last line of its last value; comments and blank
    lines after it stay, so removing a record keeps every other byte of the file.
    """
    import yaml

    from .yamlread import LOADER

    root = yaml.compose(text, Loader=LOADER)
    if not isinstance(root, yaml.MappingNode):
        return []
    seq = next((v for k, v in root.value if getattr(k, "value", None) == "records"), None)
    if not isinstance(seq, yaml.SequenceNode):
        return []
    spans = []
    for node in seq.value:
        first = node.start_mark.line
        # A block mapping ends where the next token starts (the next `- `): use its values' ends.
        marks = [v.end_mark for _key, v in node.value] if isinstance(node, yaml.MappingNode) and node.value else []
        last = max(marks or [node.end_mark], key=lambda m: (m.line, m.column))
        end = last.line if last.column == 0 else last.line + 1
        spans.append((first, max(end, first + 1)))
    return spans


def remove_records(ds: Dataset, period: Period, indexes: list[int]) -> tuple[Path, list[str]]:
    """Take the records at `indexes` (0-based places in the file's list) out of progress/<period>.yaml,
    leaving every other line as it was; returns the file and the removed records' text."""
    folder = ds.root / "progress"
    file = folder / f"{period}.yaml"
    display = display_path(file)
    with locked(folder / ".lock"):
        old, problems = read_text(file, display)
        if old is None:
            raise ProgressError(problems)
        spans = record_spans(old)
        lines = old.splitlines(keepends=True)
        removed = []
        for i in sorted(indexes, reverse=True):
            first, end = spans[i]
            removed.append("".join(lines[first:end]))
            del lines[first:end]
        _write_checked(ds, file, "".join(lines), display)
    return file, removed[::-1]
