"""Find and load a data directory into validated models, collecting every problem on the way."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .models import Chapter, Document, Item, Measure, MeasuresFile, ProgressFile, ProgressRecord, UnitsFile
from .periods import Period
from .problems import Problem, has_errors, sort_problems
from .units import UnitRegistry
from .yamlread import Loc, SourceMap, parse_yaml, read_text

M = TypeVar("M", bound=BaseModel)


class DataDirError(Exception):
    """The data directory asked for does not exist or holds no measures.yaml (a usage error)."""


def packaged_data_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_data"  # where the wheel puts data/
    return shipped if shipped.is_dir() else here.parent / "data"


def find_data_dir(explicit: str | None = None) -> Path:
    """--data, else $PRD_DATA, else ./data when it holds measures.yaml, else the shipped data."""
    chosen = explicit or os.environ.get("PRD_DATA")
    if chosen:
        root = Path(chosen)
        if not root.is_dir():
            raise DataDirError(f"data directory not found: {chosen}")
        if not (root / "measures.yaml").is_file():
            raise DataDirError(f"no measures.yaml in {chosen}: point --data at a folder holding measures.yaml and units.yaml")
        return root
    local = Path("data")
    if (local / "measures.yaml").is_file():
        return local
    return packaged_data_dir()


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class ItemRef:
    """An item with the measure and chapter it belongs to."""

    item: Item
    measure: Measure
    chapter: Chapter

    @property
    def id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class ProgressEntry:
    record: ProgressRecord
    period: Period
    path: str
    line: int


@dataclass
class Dataset:
    root: Path
    document: Document
    chapters: list[Chapter]
    registry: UnitRegistry
    progress: list[ProgressEntry] = field(default_factory=list)
    items: list[ItemRef] = field(default_factory=list)
    by_id: dict[str, ItemRef] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for chapter in self.chapters:
            for measure in chapter.measures:
                for item in measure.items:
                    ref = ItemRef(item, measure, chapter)
                    self.items.append(ref)
                    self.by_id.setdefault(item.id, ref)

    def measure(self, number: int) -> tuple[Measure, Chapter] | None:
        for chapter in self.chapters:
            for measure in chapter.measures:
                if measure.number == number:
                    return measure, chapter
        return None


@dataclass
class LoadResult:
    dataset: Dataset | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not has_errors(self.problems)


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def pydantic_problems(exc: ValidationError, smap: SourceMap) -> list[Problem]:
    """Map each pydantic error back to the YAML node it came from."""
    problems = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        key = False
        if kind == "extra_forbidden":
            message = f'unknown field "{loc[-1]}": remove it or correct its spelling'
            key = True
        elif kind == "missing":
            message = f'missing field "{loc[-1]}"'
            loc = loc[:-1]
        else:
            message = str(err["msg"]).removeprefix("Value error, ")
        where = _dotted(loc if kind != "missing" else (*loc, err["loc"][-1]))
        problems.append(smap.problem(loc, f"schema-{kind.replace('_', '-')}", f"{where}: {message}", key=key))
    return problems


def load_model(file: Path, model: type[M]) -> tuple[M | None, SourceMap, list[Problem]]:
    display = display_path(file)
    text, problems = read_text(file, display)
    if text is None:
        return None, SourceMap(display), problems
    data, smap, problems = parse_yaml(text, display)
    if problems and data is None:
        return None, smap, problems
    if not isinstance(data, dict):
        return None, smap, [*problems, smap.problem((), "schema-type", f"expected a mapping at the top of the file, as in {model.__name__}")]
    try:
        return model.model_validate(data), smap, problems
    except ValidationError as exc:
        return None, smap, [*problems, *pydantic_problems(exc, smap)]


def load(root: Path) -> LoadResult:
    """Load units, measures and progress from `root`, with every problem found in any file."""
    from .checks import check_dataset

    units, units_map, problems = load_model(root / "units.yaml", UnitsFile)
    measures, measures_map, more = load_model(root / "measures.yaml", MeasuresFile)
    problems += more
    progress_files: list[tuple[ProgressFile, SourceMap, Path]] = []
    for file in sorted((root / "progress").glob("*.yaml")):
        pf, pmap, more = load_model(file, ProgressFile)
        problems += more
        if pf is not None:
            progress_files.append((pf, pmap, file))
    if units is None or measures is None or has_errors(problems):
        return LoadResult(None, sort_problems(problems))
    registry = UnitRegistry(units.units)
    entries = [
        ProgressEntry(rec, pf.period, pmap.path, pmap.locate(("records", i))[0])
        for pf, pmap, _ in progress_files
        for i, rec in enumerate(pf.records)
    ]
    dataset = Dataset(root, measures.document, measures.chapters, registry, entries)
    problems += check_dataset(dataset, units_map, measures_map, progress_files)
    return LoadResult(dataset, sort_problems(problems))
