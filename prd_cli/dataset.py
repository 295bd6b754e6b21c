"""The loaded data: every document's items with their context, the units, and the progress.

Only the shape of loaded data lives here; finding, parsing, validating and cross-checking
files is loading.py's work, so data flows one way: loading -> checks -> dataset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .units import UnitRegistry

if TYPE_CHECKING:
    from .models import Chapter, Document, Item, Measure, ProgressRecord
    from .periods import Period
    from .yamlread import SourceMap


@dataclass(frozen=True, slots=True)
class ItemRef:
    """An item with the measure, chapter and document it belongs to."""

    item: Item
    measure: Measure
    chapter: Chapter
    doc: Document

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def qid(self) -> str:
        """The id that is unique across documents: KEY/6.1."""
        return f"{self.doc.key}/{self.item.id}"


@dataclass(frozen=True, slots=True)
class ProgressEntry:
    record: ProgressRecord
    period: Period
    path: str  # relative to the data folder
    index: int  # its place in the file, for a stable order
    qid: str | None = None  # the item it speaks of, once resolved


@dataclass
class DocumentData:
    document: Document
    chapters: list[Chapter]
    path: str  # relative to the data folder


class Dataset:
    """Every document in a data folder, the shared unit registry, and the progress reported."""

    def __init__(
        self, root: Path, docs: list[DocumentData], registry: UnitRegistry, progress: list[ProgressEntry] | None = None
    ):
        self.root = root
        self.docs = docs
        self.registry = registry
        self.items: list[ItemRef] = []
        self.by_qid: dict[str, ItemRef] = {}
        self._bare: dict[str, list[ItemRef]] = {}
        for data in docs:
            for chapter in data.chapters:
                for measure in chapter.measures:
                    for item in measure.items:
                        ref = ItemRef(item, measure, chapter, data.document)
                        self.items.append(ref)
                        self.by_qid.setdefault(ref.qid, ref)
                        self._bare.setdefault(item.id, []).append(ref)
        self.progress: list[ProgressEntry] = []
        self.progress_by_item: dict[str, list[ProgressEntry]] = {}
        for entry in progress or []:
            found = self.find_item(entry.record.item)
            entry = ProgressEntry(entry.record, entry.period, entry.path, entry.index, found.qid if found else None)
            self.progress.append(entry)
            if found:
                self.progress_by_item.setdefault(found.qid, []).append(entry)

    @property
    def multi(self) -> bool:
        return len(self.docs) > 1

    def find_item(self, text: str) -> ItemRef | None:
        """KEY/6.1, or a bare 6.1 while only one document has it."""
        text = text.strip()
        if "/" in text:
            return self.by_qid.get(text)
        refs = self._bare.get(text, [])
        return refs[0] if len(refs) == 1 else None

    def ambiguous(self, text: str) -> list[str]:
        """The qualified ids a bare id could mean, when more than one document has it."""
        refs = self._bare.get(text.strip(), []) if "/" not in text else []
        return [r.qid for r in refs] if len(refs) > 1 else []

    def only(self, key: str) -> Dataset | None:
        """The same data narrowed to one document, or None when no document has that key."""
        docs = [d for d in self.docs if d.document.key == key]
        if not docs:
            return None
        return Dataset(self.root, docs, self.registry, self.progress)

    def keys(self) -> list[str]:
        return [d.document.key for d in self.docs]


@dataclass
class ProgressPart:
    """A progress file's period and those of its records that validate, each with its place."""

    period: Period
    records: list[tuple[int, ProgressRecord]]
    locate: Callable[[], SourceMap]  # where its values are, worked out only when a check asks
    file: Path
    broken: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # records that failed their schema

    @property
    def smap(self) -> SourceMap:
        return self.locate()
