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
from .i18n import _
from .models import Item, ProgressRecord
from .periods import Period
from .problems import Problem
from .roles import ROLES, contributes_only, responsible, role_of
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
                    _('document key "{key}" is also used by {other}: keys must be unique').format(
                        key=key, other=keys[key]
                    ),
                )
            )
        keys.setdefault(key, smap.path)
        stem = Path(smap.path).stem
        if stem not in ("measures", key):
            problems.append(
                smap.problem(
                    ("document", "key"),
                    "file-key",
                    _('this document\'s key is "{key}" but its file is {file}: name it {key}.yaml').format(
                        key=key, file=Path(smap.path).name
                    ),
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
                    _('unit "{name}" is defined but no item names it').format(name=unit.name),
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
        return _("{names} and {count} more").format(names="、".join(names[:most]), count=len(names) - most)
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
                    _("{name} is a {kind}, not a collective: only kind: collective has members").format(
                        name=unit.name, kind=unit.kind
                    ),
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
                    _(
                        "{name} stands for a group whose members no source lists: its duties reach no unit"
                        " until units.yaml gives `members:` with a source"
                    ).format(name=unit.name),
                    "info",
                )
            )
    owner: dict[str, str] = {}
    for i, unit in enumerate(ds.registry.units):
        if unit.name in owner:
            problems.append(
                smap.problem(
                    ("units", i, "name"),
                    "duplicate-unit",
                    _('unit "{name}" is defined twice: keep one').format(name=unit.name),
                )
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
                        _('alias "{alias}" of {name} already names {other}').format(
                            alias=alias, name=unit.name, other=owner[alias]
                        ),
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
            problems.append(
                smap.problem((*cloc, "number"), "duplicate-id", _("chapter {n} appears twice").format(n=chapter.number))
            )
        elif chapter.number != ci + 1:
            # Documents number chapters and measures without gaps: a gap is usually a lost part.
            problems.append(
                smap.problem(
                    (*cloc, "number"),
                    "sequence",
                    _("chapter {n} stands where chapter {m} should: is a chapter missing or out of order?").format(
                        n=chapter.number, m=ci + 1
                    ),
                    "warning",
                )
            )
        chapter_seen.add(chapter.number)
        for mi, measure in enumerate(chapter.measures):
            mloc = (*cloc, "measures", mi)
            if measure.number in measure_seen:
                problems.append(
                    smap.problem(
                        (*mloc, "number"), "duplicate-id", _("measure {n} appears twice").format(n=measure.number)
                    )
                )
            elif measure.number != previous_measure + 1:
                problems.append(
                    smap.problem(
                        (*mloc, "number"),
                        "sequence",
                        _("measure {n} follows measure {p}: is measure {m} missing or out of order?").format(
                            n=measure.number, p=previous_measure, m=previous_measure + 1
                        ),
                        "warning",
                    )
                )
            measure_seen.add(measure.number)
            previous_measure = measure.number
            for ii, item in enumerate(measure.items):
                iloc = (*mloc, "items", ii)
                if item.id in item_seen:
                    problems.append(
                        smap.problem(
                            (*iloc, "id"), "duplicate-id", _('item id "{id}" appears twice').format(id=item.id)
                        )
                    )
                item_seen.add(item.id)
                if item.id.split(".")[0] != str(measure.number):
                    problems.append(
                        smap.problem(
                            (*iloc, "id"),
                            "item-id",
                            _('item "{id}" is in measure {n}: its id must start with "{n}."').format(
                                id=item.id, n=measure.number
                            ),
                        )
                    )
                elif item.id != f"{measure.number}.{ii + 1}":
                    problems.append(
                        smap.problem(
                            (*iloc, "id"),
                            "sequence",
                            _(
                                'item "{id}" is item {k} of measure {n}: number it "{n}.{k}", or restore the item before it'
                            ).format(id=item.id, k=ii + 1, n=measure.number),
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
                                _(
                                    "item {id}: this deadline was drafted by prd import; check it against its source,"
                                    " then delete `review: true`"
                                ).format(id=item.id),
                            )
                        )
                    if dl.due is not None and dl.due.end < data.document.date:
                        problems.append(
                            smap.problem(
                                (*iloc, "deadlines", di, "due"),
                                "due-before-issue",
                                _("item {id}: {due} was already due when the document was issued on {date}").format(
                                    id=item.id, due=dl.due, date=data.document.date
                                ),
                                "info",
                            )
                        )
    return problems


_ROLE_PAIRS = (("lead", "joint"), ("lead", "support"), ("joint", "support"))


def check_item(
    registry: UnitRegistry, item: Item, smap: SourceMap, iloc: tuple[str | int, ...], used: set[str] | None = None
) -> list[Problem]:
    """Checks one item can pass on its own: its units exist, once, in one role, as its clause says."""
    problems: list[Problem] = []
    resolved: dict[str, list[str]] = {}
    known = registry.by_name
    # Every item of every document comes through here: the common case (each unit named by
    # its own name, once) is kept to lookups, and a location is built only for a problem.
    for role in ROLES:
        given = getattr(item, role)
        if all(map(known.__contains__, given)):
            names = list(given)
        else:
            names = []
            for k, name in enumerate(given):
                canonical = registry.resolve(name)
                if canonical is None:
                    problems.append(smap.problem((*iloc, role, k), "unknown-unit", registry.unknown_message(name)))
                    continue
                if canonical != name:
                    problems.append(
                        smap.problem(
                            (*iloc, role, k),
                            "unit-alias",
                            _('"{name}" is an alias: write the unit\'s name "{canonical}"').format(
                                name=name, canonical=canonical
                            ),
                            "warning",
                        )
                    )
                names.append(canonical)
        if len(names) < 2 or len(set(names)) == len(names):
            resolved[role] = names
            if used is not None:
                used.update(names)
            continue
        for name, count in Counter(names).items():
            if count > 1:
                problems.append(
                    smap.problem(
                        (*iloc, role),
                        "duplicate-unit",
                        _("{name} is listed {count} times in {role}").format(name=name, count=count, role=role),
                        "warning",
                    )
                )
        resolved[role] = names
        if used is not None:
            used.update(names)
    for first, second in _ROLE_PAIRS:
        if not resolved[first] or not resolved[second]:
            continue
        for name in sorted(set(resolved[first]) & set(resolved[second])):
            problems.append(
                smap.problem(
                    (*iloc, second),
                    f"{first}-and-{second}",
                    _("{name} is both {first} and {second} of item {id}: keep one role").format(
                        name=name, first=first, second=second, id=item.id
                    ),
                )
            )
    if not item.lead and not item.joint and not item.support:
        problems.append(
            smap.problem(iloc, "no-units", _("item {id} names no unit: add lead, joint or support").format(id=item.id))
        )
    elif not item.lead and not item.joint:
        problems.append(
            smap.problem(
                iloc,
                "no-owner",
                _("item {id} has support units but no lead or joint owner: nobody answers for the task").format(
                    id=item.id
                ),
                "warning",
            )
        )
    elif item.lead and item.joint:
        problems.append(
            smap.problem(
                (*iloc, "joint"),
                "lead-and-joint",
                _("item {id} has both lead and joint units: joint owners are for clauses that label no lead").format(
                    id=item.id
                ),
            )
        )
    # An unknown unit is reported once; comparing with the clause would only repeat it.
    if item.clause is not None and len(resolved["lead"]) + len(resolved["joint"]) + len(resolved["support"]) == len(
        item.lead
    ) + len(item.joint) + len(item.support):
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
    known = registry.by_name
    for role in ROLES:
        named = getattr(parsed, role)
        # A canonical name resolves to itself: the common case needs no lookup per name.
        if all(map(known.__contains__, named)):
            expected = list(named)
        else:
            expected = [registry.resolve(n) or n for n in named]
        if expected != resolved[role]:
            problems.append(
                smap.problem(
                    (*iloc, role),
                    "clause-mismatch",
                    _("item {id}: {role} is {named} but its clause names {expected} as {role}").format(
                        id=item_id, role=role, named=_names(resolved[role]), expected=_names(expected)
                    ),
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
                _("this file holds period {period} but is named {file}: name it {period}.yaml").format(
                    period=period, file=file.name
                ),
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
                    _("{unit} stands for a group of units: a record is made by one of them").format(unit=unit),
                )
            )
        elif ref is not None and role_of(ds.registry, ref.item, unit) is None:
            problems.append(
                smap.problem(
                    (*rloc, "unit"),
                    "not-responsible",
                    _("{unit} is not responsible for item {item}: only its units report on it ({units})").format(
                        unit=unit, item=rec.item, units=_names([r.unit for r in responsible(ds.registry, ref.item)], 8)
                    ),
                )
            )
        if rec.date not in period:
            problems.append(
                smap.problem(
                    (*rloc, "date"),
                    "date-outside-period",
                    _("date {date} is outside the file's period {period} ({start} to {end})").format(
                        date=rec.date, period=period, start=period.start, end=period.end
                    ),
                )
            )
        if ref is not None and rec.date < ref.doc.date:
            problems.append(
                smap.problem(
                    (*rloc, "date"),
                    "date-before-document",
                    _(
                        "date {date} is before the document was issued ({number}, {issued}): a report cannot predate its task"
                    ).format(date=rec.date, number=ref.doc.number, issued=ref.doc.date),
                )
            )
        if rec.date > today:
            problems.append(
                smap.problem(
                    (*rloc, "date"),
                    "date-in-future",
                    _("date {date} is in the future (today is {today})").format(date=rec.date, today=today),
                )
            )
        if rec.occurrence is not None and rec.occurrence > _year_after(rec.date):
            problems.append(
                smap.problem(
                    (*rloc, "occurrence"),
                    "occurrence-too-far",
                    _(
                        "occurrence {occurrence} is due more than a year after the record's date {date}:"
                        " a report covers work done or under way; check the year"
                    ).format(occurrence=rec.occurrence, date=rec.date),
                )
            )
        elif ref is not None:
            problems += _check_target(ds, ref, rec, rloc, smap, period)
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
                    _(
                        "{unit} reported item {item} as {status} on {date}, and as {other} in record {k} of this"
                        " file the same day: the later counts; remove the wrong one with `prd progress remove`"
                    ).format(
                        unit=rec.unit,
                        item=rec.item,
                        status=rec.status,
                        date=rec.date,
                        other=earlier[1].status,
                        k=earlier[0] + 1,
                    ),
                    "warning",
                )
            )
        seen[key] = (i, rec)
    return problems


def _check_target(
    ds: Dataset, ref: ItemRef, rec: ProgressRecord, rloc: tuple[str | int, ...], smap: SourceMap, period: Period
) -> list[Problem]:
    """What a record speaks for must exist, and be said when it could be several deadlines."""
    deadlines = ref.item.deadlines
    n = rec.deadline
    if n is not None:
        if n > len(deadlines):
            what = (
                _("item {item} has {count} deadline(s), numbered from 1 as `prd show {item}` lists them")
                if deadlines
                else _("item {item} has no deadlines: remove `deadline`")
            )
            return [
                smap.problem((*rloc, "deadline"), "unknown-deadline", what.format(item=rec.item, count=len(deadlines)))
            ]
        dl = deadlines[n - 1]
        if dl.every is not None and rec.occurrence is None:
            return [
                smap.problem(
                    rloc,
                    "no-occurrence",
                    _(
                        "deadline {n} of item {item} recurs ({every}): add `occurrence:`, the due date this record covers"
                    ).format(n=n, item=rec.item, every=dl.every),
                )
            ]
        if dl.due is not None and rec.occurrence is not None:
            return [
                smap.problem(
                    (*rloc, "occurrence"),
                    "not-recurring",
                    _("deadline {n} of item {item} is dated ({due}), not recurring: remove `occurrence`").format(
                        n=n, item=rec.item, due=dl.due
                    ),
                )
            ]
    if rec.occurrence is not None and not record_covers(ref, rec.occurrence, n):
        which = (
            _("deadline {n} of item {item}").format(n=n, item=rec.item)
            if n is not None
            else _("item {item}").format(item=rec.item)
        )
        return [
            smap.problem(
                (*rloc, "occurrence"),
                "unknown-occurrence",
                _("nothing of {which} falls due on {occurrence}: an occurrence is written as its due date").format(
                    which=which, occurrence=rec.occurrence
                )
                + _nearby(ref, period, n),
            )
        ]
    if n is None and rec.occurrence is None and deadlines and all(dl.every for dl in deadlines):
        return [
            smap.problem(
                rloc,
                "no-occurrence",
                _(
                    "item {item}'s duties recur: add `occurrence:` (the due date this record covers), or it counts for none"
                ).format(item=rec.item),
                "warning",
            )
        ]
    covered = record_covers(ref, rec.occurrence, None) if n is None else []
    unit = ds.registry.resolve(rec.unit)
    if unit is not None and contributes_only(ds.registry, ref.item, unit):
        # A support unit's record on the task as a whole: its contribution, which closes no
        # milestone whatever it says, so there is nothing to misread.
        covered = []
    if len(covered) > 1:
        listing = list_deadlines(covered)
        return [
            smap.problem(
                rloc,
                "ambiguous-record",
                _(
                    "this record speaks for {count} deadlines of item {item} ({listing}):"
                    " add `deadline: N` if it reports on one of them"
                ).format(count=len(covered), item=rec.item, listing=listing),
                "warning",
            )
        ]
    return []


def _nearby(ref: ItemRef, period: Period, number: int | None) -> str:
    dues = [d for d in item_dues(ref, period.start, period.end) if number is None or d.number == number]
    if not dues:
        return _(" (nothing falls due in {period})").format(period=period)
    return _(" (due in {period}: {dates})").format(
        period=period, dates=", ".join(sorted({d.due.isoformat() for d in dues}))
    )


def close_items(ds: Dataset, text: str) -> list[str]:
    """Item ids a mistyped one may have meant: 6.9 → 6.1."""
    ids = [r.id for r in ds.items] if "/" not in text else list(ds.by_qid)
    return difflib.get_close_matches(text, list(dict.fromkeys(ids)), n=3, cutoff=0.6)


def unknown_item_message(ds: Dataset, text: str) -> str:
    choices = ds.ambiguous(text)
    if choices:
        return _('item "{text}" is in more than one document: write one of {choices}').format(
            text=text, choices="、".join(choices)
        )
    close = close_items(ds, text)
    hint = _(" (did you mean {names}?)").format(names="、".join(close)) if close else _(" (see `prd list`)")
    return _('unknown item "{text}"').format(text=text) + hint


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
                    _("date {date} is outside the file's period {period} ({start} to {end})").format(
                        date=day, period=period, start=period.start, end=period.end
                    ),
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
            problems.append(
                smap.problem((*loc, "id"), "duplicate-id", _('item id "{id}" appears twice').format(id=ident))
            )
        seen.add(ident)
    return problems
