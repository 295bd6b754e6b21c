"""Find a data folder and load it: parse, validate, cross-check and index every file.

Every problem on the way is collected, not just the first. The result is a Dataset
(dataset.py); the checks across files are in checks.py.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from .checks import (
    check_dataset,
    check_document,
    check_item,
    check_progress,
    check_raw_item_ids,
    check_record_fields,
)
from .dataset import Dataset, DocumentData, ProgressEntry, ProgressPart
from .i18n import _, local
from .models import (
    STATUS_LABELS,
    Item,
    MeasuresFile,
    ProgressFile,
    ProgressRecord,
    Unit,
    UnitsFile,
    validate,
)
from .paths import (  # noqa: F401 - found here before paths.py was split out
    DataDirError,
    data_files,
    display_path,
    document_files,
    find_data_dir,
    is_sample,
    packaged_data_dir,
    safe_to_hash,
    yaml_files,
)
from .periods import PeriodError, parse_period
from .problems import Problem, has_errors, sort_problems
from .units import UnitRegistry

if TYPE_CHECKING:
    from .yamlread import Loc, SourceMap

M = TypeVar("M")


@dataclass
class LoadResult:
    dataset: Dataset | None
    problems: list[Problem]
    from_cache: bool = False  # then no file was parsed, and only errors are known
    bodies: dict[str, str] = field(default_factory=dict)  # each parsed file's JSON, for the cache
    key: str | None = None  # the index's name for exactly this set of files, when it holds them

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not has_errors(self.problems)


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _listed(expected: object) -> str:
    """pydantic's "'a', 'b' or 'c'" as prd lists things: a、b、c."""
    import re

    if not isinstance(expected, str):
        return ""
    values = re.findall(r"'([^']*)'", expected)
    return _(", ").join(values) if values else expected


def _pydantic_message(kind: str, err: Any) -> str:
    """pydantic's message for the kinds of error a hand-edited YAML file meets, in the reader's
    language with what was written; other kinds keep pydantic's words (the code names them)."""
    ctx = err.get("ctx") or {}
    value = err.get("input")
    shown = value if isinstance(value, str | int | float) and not isinstance(value, bool) else None
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind.startswith("date") and shown is not None:
        return _('"{value}" is not a date: write YYYY-MM-DD, e.g. 2017-06-30').format(value=shown)
    simple = {
        "string_type": _("should be text"),
        "int_type": _("should be a whole number"),
        "int_parsing": _("should be a whole number"),
        "int_from_float": _("should be a whole number"),
        "float_type": _("should be a number"),
        "float_parsing": _("should be a number"),
        "bool_type": _("should be true or false"),
        "bool_parsing": _("should be true or false"),
        "date_type": _("should be a date (YYYY-MM-DD)"),
        "list_type": _("should be a list: [a, b], or one `- a` per line"),
        "dict_type": _("should be a mapping of fields (name: value)"),
        "model_type": _("should be a mapping of fields (name: value)"),
        "model_attributes_type": _("should be a mapping of fields (name: value)"),
        "none_required": _("should be empty"),
    }
    if kind in simple:
        said = simple[kind]
        return said if shown is None else _("{message} (it reads {value})").format(message=said, value=shown)
    if kind in ("string_too_short", "too_short"):
        if ctx.get("min_length") == 1:
            return _("should not be empty")
        return _("should have at least {count}").format(count=ctx.get("min_length"))
    if kind in ("string_too_long", "too_long"):
        return _("should have at most {count}").format(count=ctx.get("max_length"))
    for bound, words in (
        ("ge", _("should be at least {limit}")),
        ("gt", _("should be more than {limit}")),
        ("le", _("should be at most {limit}")),
        ("lt", _("should be less than {limit}")),
    ):
        if bound in ctx:
            return words.format(limit=ctx[bound])
    if kind == "string_pattern_mismatch":
        return _('"{value}" does not have the expected form ({pattern})').format(
            value=shown, pattern=ctx.get("pattern")
        )
    return str(err["msg"])


def pydantic_problems(exc: ValidationError, smap: SourceMap) -> list[Problem]:
    """Map each pydantic error back to the YAML node it came from."""
    problems = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        key = False
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            kind = "extra_forbidden"
            message = _('unknown field "{field}": remove it or correct its spelling').format(field=loc[-1])
            key = True
        elif kind == "missing":
            message = _('missing field "{field}"').format(field=loc[-1])
            loc = loc[:-1]
        elif kind in ("literal_error", "enum") and isinstance(err.get("input"), str):
            # pydantic says only what it expected; the reader also needs to see what they wrote.
            expected = _listed(err.get("ctx", {}).get("expected")) or _("the allowed values")
            message = _('"{value}" is not one of {expected}').format(value=err["input"], expected=expected)
            if loc and loc[-1] == "status":
                message += _(" (or {labels})").format(labels=local("、".join(STATUS_LABELS.values())))
        elif (
            kind.startswith("date_") and isinstance(err.get("input"), str | int) and not isinstance(err["input"], bool)
        ):
            # pydantic's "day value is outside expected range" does not say which value, nor the fix.
            message = _('"{value}" is not a date: write an existing day as YYYY-MM-DD, e.g. 2017-12-31').format(
                value=err["input"]
            )
        else:
            message = _pydantic_message(kind, err)
        where = _dotted(loc if kind != "missing" else (*loc, err["loc"][-1]))
        problems.append(smap.problem(loc, f"schema-{kind.replace('_', '-')}", f"{where}: {message}", key=key))
    return problems


def _drop_echoes(yaml_problems: list[Problem], schema_problems: list[Problem]) -> list[Problem]:
    # A refused alias or tag leaves None behind; pydantic would complain about it again.
    taken = {(p.line, p.col) for p in yaml_problems}
    return [p for p in schema_problems if (p.line, p.col) not in taken]


@dataclass
class Parsed:
    """One file: its raw data, where values are, the model if it validated, and problems."""

    _smap: SourceMap | None
    raw: Any = None
    model: Any = None
    problems: list[Problem] = field(default_factory=list)
    file: Path | None = None  # for a file read from the cache: where its locations are, when asked
    body: str | None = None  # its content as JSON, once it validated, when the cache wants it

    @property
    def smap(self) -> SourceMap:
        """Built when first asked for: a file answered from the cache has read no YAML yet."""
        if self._smap is None:
            from .yamlread import SourceMap

            assert self.file is not None
            self._smap = SourceMap(display_path(self.file), file=self.file)
        return self._smap


def load_model(file: Path, model: type[M], *, keep_body: bool = False) -> Parsed:
    from .yamlread import SourceMap, parse_yaml, read_text

    display = display_path(file)
    text, problems = read_text(file, display)
    if text is None:
        return Parsed(SourceMap(display), problems=problems)
    data, smap, problems = parse_yaml(text, display, file=file)
    del text
    parsed = Parsed(smap, data, problems=problems)
    if data is None and problems:
        return parsed
    if not isinstance(data, dict):
        parsed.problems.append(
            smap.problem(
                (),
                "schema-type",
                _("expected a mapping at the top of the file, as in {model}").format(model=model.__name__),
            )
        )
        return parsed
    try:
        parsed.model = validate(model, data)
    except ValidationError as exc:
        parsed.problems += _drop_echoes(problems, pydantic_problems(exc, smap))
        return parsed
    if keep_body and not has_errors(problems):
        # The parsed data as it validated, not the model dumped: validating it again gives
        # the very same model, whatever the validators do.
        with contextlib.suppress(TypeError, ValueError):
            parsed.body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    parsed.raw = None  # only a file that failed its schema is looked at again, piece by piece
    return parsed


class _Stale(Exception):
    """A stored body no longer validates: the cache is not to be trusted for this load."""


def _from_body(file: Path, model: type[M], body: str) -> Parsed:
    """A file read from the cache: its stored JSON, validated as when it was parsed."""
    try:
        return Parsed(None, model=validate(model, json.loads(body)), file=file)
    except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
        raise _Stale(str(file)) from exc


# What an item needs for its cross-checks; a broken deadline must not hide a misspelt unit.
_ITEM_CORE = ("id", "text", "clause", "lead", "joint", "support")


def _raw_entries(raw: Any, path: tuple[str, ...]) -> list[tuple[Loc, Any]]:
    from .yamlread import raw_entries  # only a file that failed its schema is walked raw

    return raw_entries(raw, path)


def load_cached(root: Path, *, use_cache: bool = True) -> LoadResult:
    """Like `load`, with unchanged files read from the cache (see cache.py).

    Files whose bytes are as stored are validated from their stored JSON instead of parsed;
    the others are parsed. The checks across files run unless this very set of files passed
    them before. Any error found this way is found again by a full `load`, so invalid data is
    always reported with every problem of every file, located. A cached answer carries
    errors only: warnings and information are for `prd validate`, which reads every file.
    """
    from . import cache

    if not use_cache or cache.disabled_by_env() or not safe_to_hash(root):
        return load(root)
    files = data_files(root)
    index = cache.Index.open(root, create=False)
    known = index.known_stats() if index is not None else {}
    hashed_at = time.time_ns()
    hashes = cache.file_hashes(files, root, known)
    if hashes is None:
        if index is not None:
            index.close()
        return load(root)
    key = cache.set_key(hashes)
    bodies = index.bodies(hashes) if index is not None else {}
    checked = index is not None and len(bodies) == len(files) and index.is_checked(key)
    if index is not None:
        if checked:
            settled = cache.settled_stats(files, root, hashes, hashed_at)
            if settled != known:
                index.remember_stats(settled)
        index.close()
    try:
        result = _gc_off(lambda: _load(root, bodies, check=not checked, keep_bodies=True))
    except _Stale:
        bodies, checked = {}, False
        result = _gc_off(lambda: _load(root, bodies, check=True, keep_bodies=True))
    if not result.ok:
        return load(root) if bodies else result
    if data_files(root) != files:  # a file came or went while loading: read them all, checked
        return load(root)
    if checked:
        return LoadResult(result.dataset, [], from_cache=True, key=key)
    # A file edited while it was being read would be stored under its old content's hash.
    hashed_at = time.time_ns()
    # A file added or removed meanwhile (prd progress add) would be stored under the wrong set.
    if data_files(root) == files and cache.file_hashes(files, root, known) == hashes:
        index = cache.Index.open(root, create=True)
        if index is not None:
            assert result.dataset is not None
            index.store(hashes, result.bodies, key, result.dataset)
            index.remember_stats(cache.settled_stats(files, root, hashes, hashed_at))
            index.close()
            return LoadResult(result.dataset, result.problems, from_cache=len(bodies) == len(files), key=key)
    return LoadResult(result.dataset, result.problems, from_cache=len(bodies) == len(files))


def load(root: Path) -> LoadResult:
    """Load units, measures and progress from `root`, with every problem found in any file.

    When a file fails its schema, the parts of it that do validate are still cross-checked,
    so one run reports a misspelt unit and a malformed deadline together.
    """
    return _gc_off(lambda: _load(root))


def _gc_off(run: Callable[[], LoadResult]) -> LoadResult:
    import gc

    # Loading builds many objects and frees few: collection passes would only rescan them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return run()
    finally:
        if enabled:
            # What was loaded lives as long as the data: without this, the first collection
            # after it would scan every object of it once more (3 s at 300,000 items).
            gc.freeze()
            gc.enable()


def _progress_part(parsed: Parsed, file: Path) -> ProgressPart | None:
    """The file's valid records, even when others in it fail their schema: one broken record
    must not hide the problems of the rest (nor its own: see `broken`)."""
    if parsed.model is not None:
        return ProgressPart(parsed.model.period, list(enumerate(parsed.model.records)), lambda: parsed.smap, file)
    raw = parsed.raw
    if not isinstance(raw, dict) or not isinstance(raw.get("period"), str):
        return None
    try:
        period = parse_period(raw["period"])
    except PeriodError:
        return None
    records = []
    broken = []
    entries = raw.get("records")
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        try:
            records.append((i, validate(ProgressRecord, entry)))
        except ValidationError:
            if isinstance(entry, dict):
                broken.append((i, entry))  # its schema errors are reported; its sound fields are checked
    return ProgressPart(period, records, lambda: parsed.smap, file, broken)


def _load(
    root: Path, bodies: dict[str, str] | None = None, *, check: bool = True, keep_bodies: bool = False
) -> LoadResult:
    """Load every file; those in `bodies` (by path relative to `root`) from the cache's JSON.

    Without `check` the checks across files are skipped: only for a set that passed them.
    With `keep_bodies` the result carries each parsed file's JSON, for the cache to store.
    `bodies` come from the cache's index, which holds only files of a set that passed every
    check together: a document there passed its own checks with the units.yaml stored there.
    """
    bodies = bodies or {}

    def read(file: Path, model: type[M]) -> Parsed:
        body = bodies.get(file.relative_to(root).as_posix())
        return _from_body(file, model, body) if body is not None else load_model(file, model, keep_body=keep_bodies)

    units = read(root / "units.yaml", UnitsFile)
    more, folder_problems = yaml_files(root / "documents")
    files = [root / "measures.yaml", *more]
    progress_files, progress_problems = yaml_files(root / "progress")
    documents = [read(f, MeasuresFile) for f in files]
    problems = [*units.problems, *folder_problems]
    for parsed in documents:
        problems += parsed.problems
    documents_ok = units.model is not None and all(d.model is not None for d in documents) and not has_errors(problems)
    problems += progress_problems  # after documents_ok: the documents are still cross-checked
    parts: list[ProgressPart] = []
    progress = []
    for file in progress_files:
        parsed = read(file, ProgressFile)
        progress.append(parsed)
        problems += parsed.problems
        part = _progress_part(parsed, file)
        if part is not None:
            parts.append(part)
    if documents_ok:
        assert units.model is not None
        registry = UnitRegistry(units.model.units)
        # Paths relative to the data folder, not to where prd runs: the cache serves any directory.
        entries = [
            ProgressEntry(rec, part.period, part.file.relative_to(root).as_posix(), i)
            for part in parts
            for i, rec in part.records
        ]
        docs = [
            DocumentData(d.model.document, d.model.chapters, f.relative_to(root).as_posix())
            for d, f in zip(documents, files, strict=True)
        ]
        dataset = Dataset(root, docs, registry, entries)
        if check:
            # A document read from the index passed its own checks with the units it was
            # stored with; while units.yaml is as stored too, only the checks across files run.
            settled = {d.path for d in docs if d.path in bodies} if "units.yaml" in bodies else set()
            problems += check_dataset(dataset, units.smap, [d.smap for d in documents], parts, settled)
            for part in parts:
                for i, entry in part.broken:
                    problems += check_record_fields(registry, dataset, part.period, entry, part.smap, ("records", i))
        result = LoadResult(dataset, sort_problems(problems))
        if keep_bodies:
            every = [units, *documents, *progress]
            paths = [root / "units.yaml", *files, *progress_files]
            result.bodies = {
                f.relative_to(root).as_posix(): p.body for p, f in zip(every, paths, strict=True) if p.body
            }
        return result
    # Something failed its schema: check what can be checked without a whole dataset.
    for parsed in documents:
        problems += check_raw_item_ids(parsed.raw, parsed.smap)
    unit_list = units.model.units if units.model else _named_units(units.raw)
    if unit_list:
        registry = UnitRegistry(unit_list)
        salvaged = _salvaged(root, units, documents, files, registry, parts)
        for part in parts:
            if salvaged is not None:
                # Records on sound items get every check; those naming a broken or repeated
                # item id, only the checks that need no item.
                ds, unsure = salvaged
                sound = [(i, r) for i, r in part.records if _bare_id(r.item) not in unsure]
                problems += check_progress(ds, part.period, sound, part.smap, part.file)
                rest = [(i, r) for i, r in part.records if _bare_id(r.item) in unsure]
            else:
                rest = part.records
            fields = [(i, {"item": r.item, "unit": r.unit, "date": r.date.isoformat()}) for i, r in rest]
            for i, entry in fields + part.broken:
                known = salvaged is not None and _bare_id(str(entry.get("item", ""))) not in salvaged[1]
                where = salvaged[0] if salvaged is not None and known else None
                problems += check_record_fields(registry, where, part.period, entry, part.smap, ("records", i))
        for parsed, f in zip(documents, files, strict=True):
            if parsed.model is not None:
                data = DocumentData(parsed.model.document, parsed.model.chapters, f.relative_to(root).as_posix())
                problems += check_document(data, registry, parsed.smap)
            for loc, raw in _raw_entries(parsed.raw, ("chapters", "measures", "items")):
                if not isinstance(raw, dict):
                    continue
                try:
                    item = validate(Item, {k: raw[k] for k in _ITEM_CORE if k in raw})
                except ValidationError:
                    continue  # its own schema errors are already reported
                problems += check_item(registry, item, parsed.smap, loc)
    return LoadResult(None, sort_problems(problems))


def _bare_id(text: str) -> str:
    return text.strip().rsplit("/", 1)[-1]


def _salvaged(
    root: Path,
    units: Parsed,
    documents: list[Parsed],
    files: list[Path],
    registry: UnitRegistry,
    parts: list[ProgressPart],
) -> tuple[Dataset, set[str]] | None:
    """The documents with each item that fails its schema cut to its units (or left out), so
    progress records on the other items still get every check while a measures file is
    broken; with the ids of the items cut, left out or repeated, whose records cannot.

    None when units.yaml or a document fails above its items (its header, a chapter, a
    measure): then no record is checked against items.
    """
    if units.model is None:
        return None
    unsure: set[str] = set()
    docs = []
    for parsed, f in zip(documents, files, strict=True):
        model = parsed.model
        if model is None:
            model = _without_broken_items(parsed.raw, unsure)
            if model is None:
                return None
        seen: set[str] = set()
        for chapter in model.chapters:
            for measure in chapter.measures:
                for item in measure.items:
                    (unsure if item.id in seen else seen).add(item.id)
        docs.append(DocumentData(model.document, model.chapters, f.relative_to(root).as_posix()))
    entries = [
        ProgressEntry(rec, part.period, part.file.relative_to(root).as_posix(), i)
        for part in parts
        for i, rec in part.records
    ]
    return Dataset(root, docs, registry, entries), unsure


def _without_broken_items(raw: Any, unsure: set[str]) -> MeasuresFile | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("chapters"), list):
        return None
    chapters = []
    for chapter in raw["chapters"]:
        if not isinstance(chapter, dict) or not isinstance(chapter.get("measures"), list):
            return None
        measures = []
        for measure in chapter["measures"]:
            if not isinstance(measure, dict) or not isinstance(measure.get("items"), list):
                return None
            items = []
            for entry in measure["items"]:
                try:
                    validate(Item, entry)
                    items.append(entry)
                    continue
                except ValidationError:
                    pass
                ident = entry.get("id") if isinstance(entry, dict) else None
                if isinstance(ident, str):
                    unsure.add(ident)
                try:
                    core = {k: entry[k] for k in _ITEM_CORE if k in entry} if isinstance(entry, dict) else {}
                    validate(Item, core)
                    items.append(core)
                except ValidationError:
                    continue
            if items:
                measures.append({**measure, "items": items})
        if measures:
            chapters.append({**chapter, "measures": measures})
    try:
        return validate(MeasuresFile, {**raw, "chapters": chapters})
    except ValidationError:
        return None


def _named_units(raw: Any) -> list[Unit]:
    """Units with at least a name, however broken the rest: enough to resolve references."""
    units = []
    for _key, entry in _raw_entries(raw, ("units",)):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            aliases = (
                [a for a in entry.get("aliases") or [] if isinstance(a, str)]
                if isinstance(entry.get("aliases"), list)
                else []
            )
            full = entry["full_name"] if isinstance(entry.get("full_name"), str) else entry["name"]
            try:
                units.append(
                    Unit(name=entry["name"], full_name=full or entry["name"], kind="collective", aliases=aliases)
                )
            except ValidationError:
                continue
    return units
