"""Checks across files that no single model can make: units, ids, clauses, progress."""

from __future__ import annotations

import difflib
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .clauses import parse_clause
from .dataset import Dataset, DocumentData, ItemRef, ProgressPart
from .deadlines import item_dues, list_deadlines, record_covers
from .models import Item, ProgressRecord
from .periods import Period
from .problems import Problem
from .roles import ROLES, responsible, role_of
from .units import UnitRegistry

if TYPE_CHECKING:
    from .yamlread import SourceMap  # a type only: checking a cached load reads no YAML


def check_dataset(
    ds: Dataset,
    units_map: SourceMap,
    document_maps: list[SourceMap],
    progress_parts: list[ProgressPart],
    settled: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Every check across files. `settled` names documents (by DocumentData.path) that passed
    their own checks with these very units before: their chapters, measures and items, whose
    checks depend on nothing else, are not checked again (the cache's index knows them)."""
    problems = _check_units(ds, units_map)
    used: set[str] = set()
    keys: dict[str, str] = {}
    for data, smap in zip(ds.docs, document_maps, strict=True):
        key = data.document.key
        if key in keys:
            problems.append(
                smap.problem(
                    ("document", "key"),
                    "duplicate-key",
                    f'document key "{key}" is also used by {keys[key]}: keys must be unique',
                )
            )
        keys.setdefault(key, smap.path)
        stem = Path(smap.path).stem
        if stem not in ("measures", key):
            problems.append(
                smap.problem(
                    ("document", "key"),
                    "file-key",
                    f'this document\'s key is "{key}" but its file is {Path(smap.path).name}: name it {key}.yaml',
                )
            )
        if data.path in settled:
            used.update(_named_units(data, ds.registry))
        else:
            problems += _check_measures(data, ds.registry, smap, used)
    for i, unit in enumerate(ds.registry.units):
        if unit.name not in used:
            problems.append(
                units_map.problem(
                    ("units", i, "name"),
                    "unused-unit",
                    f'unit "{unit.name}" is defined but no item names it',
                    "warning",
                )
            )
    for part in progress_parts:
        problems += check_progress(ds, part.period, part.records, part.smap, part.file)
    return problems


def _names(names: list[str], most: int = 0) -> str:
    """Unit names as a reader writes them: 甲、乙 (or 无); with `most`, the first few and a count."""
    if not names:
        return "无"
    if most and len(names) > most:
        return f"{'、'.join(names[:most])} and {len(names) - most} more"
    return "、".join(names)


def _check_units(ds: Dataset, smap: SourceMap) -> list[Problem]:
    problems = []
    for i, unit in enumerate(ds.registry.units):
        uloc = ("units", i)
        if unit.members is not None and unit.kind != "collective":
            problems.append(
                smap.problem(
                    (*uloc, "members"),
                    "members-not-collective",
                    f"{unit.name} is a {unit.kind}, not a collective: only kind: collective has members",
                )
            )
        elif unit.members is not None:
            for j, name in enumerate(unit.members.units):
                if ds.registry.resolve(name) is None:
                    problems.append(
                        smap.problem((*uloc, "members", "units", j), "unknown-unit", ds.registry.unknown_message(name))
                    )
        if unit.kind == "collective" and not ds.registry.members.get(unit.name):
            problems.append(
                smap.problem(
                    (*uloc, "name"),
                    "collective-without-members",
                    f"{unit.name} stands for a group whose members no source lists: its duties reach no unit"
                    " until units.yaml gives `members:` with a source",
                    "info",
                )
            )
    owner: dict[str, str] = {}
    for i, unit in enumerate(ds.registry.units):
        if unit.name in owner:
            problems.append(
                smap.problem(("units", i, "name"), "duplicate-unit", f'unit "{unit.name}" is defined twice: keep one')
            )
            continue
        owner[unit.name] = unit.name
    for i, unit in enumerate(ds.registry.units):
        for j, alias in enumerate(unit.aliases):
            if alias in owner and owner[alias] != unit.name:
                problems.append(
                    smap.problem(
                        ("units", i, "aliases", j),
                        "alias-clash",
                        f'alias "{alias}" of {unit.name} already names {owner[alias]}',
                    )
                )
            owner.setdefault(alias, unit.name)
    return problems


def check_document(data: DocumentData, registry: UnitRegistry, smap: SourceMap) -> list[Problem]:
    """One document's own checks, for when others failed their schema and no dataset is built."""
    return _check_measures(data, registry, smap, set())


def _named_units(data: DocumentData, registry: UnitRegistry) -> set[str]:
    """The units a document's items name, as check_item counts them for unused-unit."""
    found = set()
    for chapter in data.chapters:
        for measure in chapter.measures:
            for item in measure.items:
                for role in ROLES:
                    for name in getattr(item, role):
                        canonical = registry.resolve(name)
                        if canonical is not None:
                            found.add(canonical)
    return found


def _check_measures(data: DocumentData, registry: UnitRegistry, smap: SourceMap, used: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    chapter_seen: set[int] = set()
    measure_seen: set[int] = set()
    item_seen: set[str] = set()
    previous_measure = 0
    for ci, chapter in enumerate(data.chapters):
        cloc = ("chapters", ci)
        if chapter.number in chapter_seen:
            problems.append(smap.problem((*cloc, "number"), "duplicate-id", f"chapter {chapter.number} appears twice"))
        elif chapter.number != ci + 1:
            # Documents number chapters and measures without gaps: a gap is usually a lost part.
            problems.append(
                smap.problem(
                    (*cloc, "number"),
                    "sequence",
                    f"chapter {chapter.number} stands where chapter {ci + 1} should: is a chapter missing or out of order?",
                    "warning",
                )
            )
        chapter_seen.add(chapter.number)
        for mi, measure in enumerate(chapter.measures):
            mloc = (*cloc, "measures", mi)
            if measure.number in measure_seen:
                problems.append(
                    smap.problem((*mloc, "number"), "duplicate-id", f"measure {measure.number} appears twice")
                )
            elif measure.number != previous_measure + 1:
                problems.append(
                    smap.problem(
                        (*mloc, "number"),
                        "sequence",
                        f"measure {measure.number} follows measure {previous_measure}:"
                        f" is measure {previous_measure + 1} missing or out of order?",
                        "warning",
                    )
                )
            measure_seen.add(measure.number)
            previous_measure = measure.number
            for ii, item in enumerate(measure.items):
                iloc = (*mloc, "items", ii)
                if item.id in item_seen:
                    problems.append(smap.problem((*iloc, "id"), "duplicate-id", f'item id "{item.id}" appears twice'))
                item_seen.add(item.id)
                if item.id.split(".")[0] != str(measure.number):
                    problems.append(
                        smap.problem(
                            (*iloc, "id"),
                            "item-id",
                            f'item "{item.id}" is in measure {measure.number}: its id must start with "{measure.number}."',
                        )
                    )
                elif item.id != f"{measure.number}.{ii + 1}":
                    problems.append(
                        smap.problem(
                            (*iloc, "id"),
                            "sequence",
                            f'item "{item.id}" is item {ii + 1} of measure {measure.number}:'
                            f' number it "{measure.number}.{ii + 1}", or restore the item before it',
                            "warning",
                        )
                    )
                problems += check_item(registry, item, smap, iloc, used)
                for di, dl in enumerate(item.deadlines):
                    if dl.review:
                        problems.append(
                            smap.problem(
                                (*iloc, "deadlines", di, "review"),
                                "unreviewed-draft",
                                f"item {item.id}: this deadline was drafted by prd import; check it against its source, then delete `review: true`",
                            )
                        )
                    if dl.due is not None and dl.due.end < data.document.date:
                        problems.append(
                            smap.problem(
                                (*iloc, "deadlines", di, "due"),
                                "due-before-issue",
                                f"item {item.id}: {dl.due} was already due when the document was issued on {data.document.date}",
                                "info",
                            )
                        )
    return problems


def check_item(
    registry: UnitRegistry, item: Item, smap: SourceMap, iloc: tuple[str | int, ...], used: set[str] | None = None
) -> list[Problem]:
    """Checks one item can pass on its own: its units exist, once, in one role, as its clause says."""
    problems: list[Problem] = []
    resolved: dict[str, list[str]] = {}
    for role in ROLES:
        names = []
        for k, name in enumerate(getattr(item, role)):
            uloc = (*iloc, role, k)
            canonical = registry.resolve(name)
            if canonical is None:
                problems.append(smap.problem(uloc, "unknown-unit", registry.unknown_message(name)))
                continue
            if canonical != name:
                problems.append(
                    smap.problem(
                        uloc, "unit-alias", f'"{name}" is an alias: write the unit\'s name "{canonical}"', "warning"
                    )
                )
            names.append(canonical)
        for name, count in Counter(names).items():
            if count > 1:
                problems.append(
                    smap.problem(
                        (*iloc, role), "duplicate-unit", f"{name} is listed {count} times in {role}", "warning"
                    )
                )
        resolved[role] = names
        if used is not None:
            used.update(names)
    for first, second in (("lead", "joint"), ("lead", "support"), ("joint", "support")):
        for name in sorted(set(resolved[first]) & set(resolved[second])):
            problems.append(
                smap.problem(
                    (*iloc, second),
                    f"{first}-and-{second}",
                    f"{name} is both {first} and {second} of item {item.id}: keep one role",
                )
            )
    if not item.lead and not item.joint and not item.support:
        problems.append(smap.problem(iloc, "no-units", f"item {item.id} names no unit: add lead, joint or support"))
    elif not item.lead and not item.joint:
        problems.append(
            smap.problem(
                iloc,
                "no-owner",
                f"item {item.id} has support units but no lead or joint owner: nobody answers for the task",
                "warning",
            )
        )
    elif item.lead and item.joint:
        problems.append(
            smap.problem(
                (*iloc, "joint"),
                "lead-and-joint",
                f"item {item.id} has both lead and joint units: joint owners are for clauses that label no lead",
            )
        )
    # An unknown unit is reported once; comparing with the clause would only repeat it.
    if item.clause is not None and sum(map(len, resolved.values())) == sum(len(getattr(item, r)) for r in ROLES):
        problems += _check_clause(registry, item.clause, resolved, smap, iloc, item.id)
    return problems


def _check_clause(
    registry: UnitRegistry,
    clause: str,
    resolved: dict[str, list[str]],
    smap: SourceMap,
    iloc: tuple[str | int, ...],
    item_id: str,
) -> list[Problem]:
    """`clause` is the source's words; lead, joint and support must say the same thing."""
    inner = clause.strip().removeprefix("（").removeprefix("(").removesuffix("）").removesuffix(")")
    parsed = parse_clause(inner)
    problems = []
    for role in ROLES:
        expected = [registry.resolve(n) or n for n in getattr(parsed, role)]
        if expected != resolved[role]:
            problems.append(
                smap.problem(
                    (*iloc, role),
                    "clause-mismatch",
                    f"item {item_id}: {role} is {_names(resolved[role])} but its clause names {_names(expected)}"
                    f" as {role}",
                )
            )
    return problems


def check_progress(
    ds: Dataset, period: Period, records: list[tuple[int, ProgressRecord]], smap: SourceMap, file: Path
) -> list[Problem]:
    """Check a period's records, each given with its place in the file's `records` list."""
    today = date.today()
    problems = []
    if file.stem != period.text:
        problems.append(
            smap.problem(
                ("period",),
                "file-period",
                f"this file holds period {period} but is named {file.name}: name it {period}.yaml",
            )
        )
    for i, rec in records:
        rloc = ("records", i)
        ref = ds.find_item(rec.item)
        if ref is None:
            problems.append(smap.problem((*rloc, "item"), "unknown-item", unknown_item_message(ds, rec.item)))
        unit = ds.registry.resolve(rec.unit)
        if unit is None:
            problems.append(smap.problem((*rloc, "unit"), "unknown-unit", ds.registry.unknown_message(rec.unit)))
        elif ds.registry.is_collective(unit):
            problems.append(
                smap.problem(
                    (*rloc, "unit"),
                    "collective-reporter",
                    f"{unit} stands for a group of units: a record is made by one of them",
                )
            )
        elif ref is not None and role_of(ds.registry, ref.item, unit) is None:
            problems.append(
                smap.problem(
                    (*rloc, "unit"),
                    "not-responsible",
                    f"{unit} is not responsible for item {rec.item}: only its units report on it"
                    f" ({_names([r.unit for r in responsible(ds.registry, ref.item)], 8)})",
                )
            )
        if rec.date not in period:
            problems.append(
                smap.problem(
                    (*rloc, "date"),
                    "date-outside-period",
                    f"date {rec.date} is outside the file's period {period} ({period.start} to {period.end})",
                )
            )
        if ref is not None and rec.date < ref.doc.date:
            problems.append(
                smap.problem(
                    (*rloc, "date"),
                    "date-before-document",
                    f"date {rec.date} is before the document was issued ({ref.doc.number}, {ref.doc.date}):"
                    " a report cannot predate its task",
                )
            )
        if rec.date > today:
            problems.append(
                smap.problem((*rloc, "date"), "date-in-future", f"date {rec.date} is in the future (today is {today})")
            )
        if rec.occurrence is not None and rec.occurrence > _year_after(rec.date):
            problems.append(
                smap.problem(
                    (*rloc, "occurrence"),
                    "occurrence-too-far",
                    f"occurrence {rec.occurrence} is due more than a year after the record's date {rec.date}:"
                    " a report covers work done or under way; check the year",
                )
            )
        elif ref is not None:
            problems += _check_target(ref, rec, rloc, smap, period)
    return problems + _contradicting(ds, records, smap)


def _year_after(day: date) -> date:
    return day.replace(year=day.year + 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


_CLOSING = ("done", "cancelled")


def _contradicting(ds: Dataset, records: list[tuple[int, ProgressRecord]], smap: SourceMap) -> list[Problem]:
    """Two records of one unit on one milestone and day where one closes it and the other does not:
    which is true? The later in the file counts; say so, so a person removes the wrong one."""
    seen: dict[tuple[object, ...], tuple[int, ProgressRecord]] = {}
    problems = []
    for i, rec in records:
        ref = ds.find_item(rec.item)
        key = (
            ref.qid if ref else rec.item,
            ds.registry.resolve(rec.unit) or rec.unit,
            rec.deadline,
            rec.occurrence,
            rec.date,
        )
        earlier = seen.get(key)
        if earlier is not None and (earlier[1].status in _CLOSING) != (rec.status in _CLOSING):
            problems.append(
                smap.problem(
                    ("records", i, "status"),
                    "contradicting-records",
                    f"{rec.unit} reported item {rec.item} as {rec.status} on {rec.date}, and as"
                    f" {earlier[1].status} in record {earlier[0] + 1} of this file the same day: the later counts;"
                    " remove the wrong one with `prd progress remove`",
                    "warning",
                )
            )
        seen[key] = (i, rec)
    return problems


def _check_target(
    ref: ItemRef, rec: ProgressRecord, rloc: tuple[str | int, ...], smap: SourceMap, period: Period
) -> list[Problem]:
    """What a record speaks for must exist, and be said when it could be several deadlines."""
    deadlines = ref.item.deadlines
    n = rec.deadline
    if n is not None:
        if n > len(deadlines):
            what = (
                f"has {len(deadlines)} deadline(s), numbered from 1 as `prd show {rec.item}` lists them"
                if deadlines
                else "has no deadlines: remove `deadline`"
            )
            return [smap.problem((*rloc, "deadline"), "unknown-deadline", f"item {rec.item} {what}")]
        dl = deadlines[n - 1]
        if dl.every is not None and rec.occurrence is None:
            return [
                smap.problem(
                    rloc,
                    "no-occurrence",
                    f"deadline {n} of item {rec.item} recurs ({dl.every}): add `occurrence:`, the due date this record covers",
                )
            ]
        if dl.due is not None and rec.occurrence is not None:
            return [
                smap.problem(
                    (*rloc, "occurrence"),
                    "not-recurring",
                    f"deadline {n} of item {rec.item} is dated ({dl.due}), not recurring: remove `occurrence`",
                )
            ]
    if rec.occurrence is not None and not record_covers(ref, rec.occurrence, n):
        which = f"deadline {n} of item {rec.item}" if n is not None else f"item {rec.item}"
        return [
            smap.problem(
                (*rloc, "occurrence"),
                "unknown-occurrence",
                f"nothing of {which} falls due on {rec.occurrence}: an occurrence is written as its due date"
                + _nearby(ref, period, n),
            )
        ]
    if n is None and rec.occurrence is None and deadlines and all(dl.every for dl in deadlines):
        return [
            smap.problem(
                rloc,
                "no-occurrence",
                f"item {rec.item}'s duties recur: add `occurrence:` (the due date this record covers), or it counts for none",
                "warning",
            )
        ]
    covered = record_covers(ref, rec.occurrence, None) if n is None else []
    if len(covered) > 1:
        listing = list_deadlines(covered)
        return [
            smap.problem(
                rloc,
                "ambiguous-record",
                f"this record speaks for {len(covered)} deadlines of item {rec.item} ({listing}):"
                " add `deadline: N` if it reports on one of them",
                "warning",
            )
        ]
    return []


def _nearby(ref: ItemRef, period: Period, number: int | None) -> str:
    dues = [d for d in item_dues(ref, period.start, period.end) if number is None or d.number == number]
    if not dues:
        return f" (nothing falls due in {period})"
    return f" (due in {period}: {', '.join(sorted({d.due.isoformat() for d in dues}))})"


def close_items(ds: Dataset, text: str) -> list[str]:
    """Item ids a mistyped one may have meant: 6.9 → 6.1."""
    ids = [r.id for r in ds.items] if "/" not in text else list(ds.by_qid)
    return difflib.get_close_matches(text, list(dict.fromkeys(ids)), n=3, cutoff=0.6)


def unknown_item_message(ds: Dataset, text: str) -> str:
    choices = ds.ambiguous(text)
    if choices:
        return f'item "{text}" is in more than one document: write one of {"、".join(choices)}'
    close = close_items(ds, text)
    hint = f" (did you mean {'、'.join(close)}?)" if close else " (see `prd list`)"
    return f'unknown item "{text}"{hint}'


def check_record_fields(
    registry: UnitRegistry, ds: Dataset | None, period: Period, raw: dict, smap: SourceMap, rloc: tuple[str | int, ...]
) -> list[Problem]:
    """The checks of a record that failed its schema, on the fields that are sound.

    A malformed status must not hide that the same record names an unknown item or unit,
    or a date outside its period. Without `ds` (the documents did not load) items are not
    looked up.
    """
    import datetime as dt

    problems = []
    item, unit, date = raw.get("item"), raw.get("unit"), raw.get("date")
    if ds is not None and isinstance(item, str) and item.strip() and ds.find_item(item) is None:
        problems.append(smap.problem((*rloc, "item"), "unknown-item", unknown_item_message(ds, item)))
    if isinstance(unit, str) and unit.strip() and registry.resolve(unit) is None:
        problems.append(smap.problem((*rloc, "unit"), "unknown-unit", registry.unknown_message(unit)))
    if isinstance(date, str):
        try:
            day = dt.date.fromisoformat(date.strip())
        except ValueError:
            day = None  # its schema error says so
        if day is not None and day not in period:
            problems.append(
                smap.problem(
                    (*rloc, "date"),
                    "date-outside-period",
                    f"date {day} is outside the file's period {period} ({period.start} to {period.end})",
                )
            )
    return problems


def check_raw_item_ids(raw: object, smap: SourceMap) -> list[Problem]:
    """Duplicate item ids in a document that failed its schema, broken items included."""
    from .yamlread import raw_entries  # only a file that failed its schema is walked raw

    problems = []
    seen: set[str] = set()
    for loc, entry in raw_entries(raw, ("chapters", "measures", "items")):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            problems.append(smap.problem((*loc, "id"), "duplicate-id", f'item id "{ident}" appears twice'))
        seen.add(ident)
    return problems
