"""The data model: a document's chapters, measures and items, units, deadlines and progress.

Models are frozen pydantic dataclasses with slots rather than BaseModel: the same validation,
at about a seventh of the memory per item, which matters with tens of thousands of items.
Validate with `validate(Model, data)`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)
from pydantic.dataclasses import dataclass

from .i18n import _
from .periods import EXAMPLES, Period, Recurrence, parse_period, parse_recurrence

Text = Annotated[str, StringConstraints(min_length=1)]
ItemId = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]


def _period(value: Any) -> Any:
    return parse_period(value) if isinstance(value, str) else value


def _recurrence(value: Any) -> Any:
    return parse_recurrence(value) if isinstance(value, str) else value


_ONE = r"\d{4}(H[12]|Q[1-4]|-\d{2}(-\d{2})?)?"
PeriodField = Annotated[
    Period,
    BeforeValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": f"^{_ONE}(\\.\\.{_ONE})?$", "description": f"a period: {EXAMPLES}"}),
]
RecurrenceField = Annotated[
    Recurrence,
    BeforeValidator(_recurrence),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(monthly|quarterly|twice-yearly|yearly|\d{2}-\d{2}(, ?\d{2}-\d{2})*)$",
            "description": "monthly, quarterly, twice-yearly, yearly, or fixed days of the year: 06-30,12-31",
        }
    ),
]


# defer_build: validators are built on first use, so a command answered from the cache
# (which unpickles, never validates) does not pay ~20 ms to build them.
_CONFIG = ConfigDict(extra="forbid", arbitrary_types_allowed=True, populate_by_name=True, defer_build=True)
T = TypeVar("T")


@cache
def _adapter(cls: type) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def validate(cls: type[T], data: Any) -> T:
    """Validate plain data into `cls`; raises pydantic.ValidationError with each error's loc."""
    return _adapter(cls).validate_python(data)  # type: ignore[arg-type,no-any-return]


def json_schema(cls: type) -> dict[str, Any]:
    return _adapter(cls).json_schema(by_alias=True, mode="validation")


UnitKind = Literal[
    "department", "party", "mass", "town", "committee", "central", "enterprise", "coordination", "collective"
]
KIND_LABELS: dict[str, str] = {
    "department": "市政府工作部门",
    "party": "党委机构",
    "mass": "群团组织",
    "town": "镇街",
    "committee": "园区管委会",
    "central": "驻莞单位",
    "enterprise": "国有企业",
    "coordination": "议事协调机构",
    "collective": "集合称谓",
}


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Members:
    """Which units a collective (各相关部门, 各镇街（园区）) stands for, and on whose word.

    `kinds` takes every registered unit of those kinds; `units` names more. A list nobody has
    a source for stays empty: a collective's duties then reach no unit, and validate says so.
    """

    kinds: list[UnitKind] = Field(default_factory=list)
    units: list[Text] = Field(default_factory=list)
    source: Text


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Unit:
    name: Text
    full_name: Text
    kind: UnitKind
    aliases: list[Text] = Field(default_factory=list)
    # Where the full name comes from; `confirmed: false` marks a name the office has not checked.
    full_name_source: Text | None = None
    confirmed: bool = False
    members: Members | None = None  # only for kind: collective


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class UnitsFile:
    units: list[Unit]


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Target:
    what: Text
    value: Decimal
    unit: Text


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Deadline:
    """A dated commitment (`due`) or a recurring duty (`every`), quoting its source phrase."""

    what: Text
    due: PeriodField | None = None
    every: RecurrenceField | None = None
    start: PeriodField | None = Field(None, alias="from")
    until: PeriodField | None = None
    soft: bool = False
    source: Text
    targets: list[Target] = Field(default_factory=list)
    review: bool = False  # set by `prd import` on drafts; a person clears it

    @model_validator(mode="after")
    def _one_kind(self) -> Deadline:
        if (self.due is None) == (self.every is None):
            raise ValueError(_("give either `due` (a period) or `every` (a recurrence), not both or neither"))
        if self.due is not None and (self.start is not None or self.until is not None):
            raise ValueError(_("`from` and `until` go with `every`; a dated deadline has only `due`"))
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Item:
    id: ItemId
    text: Text
    clause: Text | None = None
    lead: list[Text] = Field(default_factory=list)
    # A clause that names units with no 牵头 label makes them jointly responsible owners.
    joint: list[Text] = Field(default_factory=list)
    support: list[Text] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Measure:
    number: int = Field(ge=1)
    title: Text
    preamble: Text | None = None
    items: list[Item] = Field(min_length=1)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Chapter:
    number: int = Field(ge=1)
    title: Text
    measures: list[Measure] = Field(min_length=1)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class DocumentRef:
    number: Text
    title: Text


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Document:
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    number: Text
    title: Text
    issuer: Text
    date: dt.date
    addressees: list[Text] = Field(default_factory=list)
    implements: list[DocumentRef] = Field(default_factory=list)
    preamble: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class MeasuresFile:
    document: Document
    chapters: list[Chapter] = Field(min_length=1)


Status = Literal["not_started", "in_progress", "done", "delayed", "cancelled"]
STATUS_LABELS: dict[str, str] = {
    "not_started": "未开始",
    "in_progress": "推进中",
    "done": "已完成",
    "delayed": "延期",
    "cancelled": "已取消",  # as a milestone's state says it: one word for one state everywhere
}
# Labels prd once wrote and still reads: files and returned forms (a form's drop-down offered
# 取消 before it said 已取消) carry them.
STATUS_ALIASES: dict[str, str] = {"取消": "cancelled"}
_STATUS_BY_LABEL = {**{label: code for code, label in STATUS_LABELS.items()}, **STATUS_ALIASES}


def _status(value: Any) -> Any:
    # Offices write the Chinese label; both spellings mean the same status.
    return _STATUS_BY_LABEL.get(value, value) if isinstance(value, str) else value


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ProgressRecord:
    item: Text
    unit: Text
    status: Annotated[
        Status,
        BeforeValidator(_status),
        WithJsonSchema(
            {
                "enum": [*STATUS_LABELS, *STATUS_LABELS.values(), *STATUS_ALIASES],
                "description": "a status, code or Chinese label",
            }
        ),
    ]
    date: dt.date
    note: str = ""  # 进展情况: what was done
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下一步计划
    occurrence: dt.date | None = None
    # Which of the item's deadlines, counted from 1 as `prd show` lists them; without it the
    # record speaks for every deadline it could mean (validate warns when that is several).
    deadline: int | None = Field(None, ge=1)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ProgressFile:
    period: PeriodField
    records: list[ProgressRecord] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _empty_records(cls, data: Any) -> Any:
        # `records:` with nothing under it is how a new period's file starts.
        if isinstance(data, dict) and data.get("records", []) is None:
            data = {**data, "records": []}
        return data


def quick_pickling(cls: type[T]) -> type[T]:
    """Pickle a frozen, slotted dataclass by its field values, without looking fields up per object.

    The cache unpickles ~100,000 objects for 30,000 items, and the __setstate__ that
    dataclasses generate calls fields() for each: a third of the time. Slot descriptors
    set the values directly, as a frozen class's own __init__ does.
    """
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    setters = tuple(getattr(cls, n).__set__ for n in names)
    getters = tuple(getattr(cls, n).__get__ for n in names)

    def __getstate__(self: Any) -> list[Any]:
        return [get(self) for get in getters]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for put, value in zip(setters, state, strict=True):
            put(self, value)

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


_MODELS: tuple[type, ...] = (Members, Unit, UnitsFile, Target, Deadline, Item, Measure, Chapter, DocumentRef, Document)
for _model in (*_MODELS, MeasuresFile, ProgressRecord, ProgressFile):
    quick_pickling(_model)
