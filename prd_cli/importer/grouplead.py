"""A group heading that names the lead of every task under it: `一、县示范区管委会牵头工作（8项）`
then `1.…` `2.…` naming no unit. A county splits its report by lead unit, so the unit is said
once, in the heading, and each task under it is that unit's to lead; a task that names its own
units keeps them."""

from __future__ import annotations

import re

from .finders import Span
from .grammar import (
    LEAD_LABELS,
    RESPONSIBLE_LABELS,
    SUPPORT_LABELS,
    TASK_VERBS,
    Clause,
    label_of,
    looks_like_unit,
    split_units,
)
from .nodes import Item, Node
from .outline import enumerator

# The heading's last words: what the unit leads (工作, 任务, 事项), counted or not.
_WORK = ("工作任务", "工作事项", "重点工作", "工作", "任务", "事项", "项目")
_VERBS = ("牵头负责", "牵头", "负责")  # the unit's role: 牵头 leads, 负责 alone owns jointly
_COUNT = re.compile(r"[（(]\s*(?:共\s*)?\d{1,4}\s*[项条件个]\s*[）)]$")
_MAX_HEADING = 80
_OTHER_NAMES = re.compile(r"([^（()）]{3,20})[（(]([^（()）]{3,60})[）)]")
_MAX_UNIT_HEADING = 20  # a unit's name alone as a heading: short
_SETS_UP = ("成立", "组建", "设立", "调整", "充实")
_DUTY_WORDS = ("主要工作任务", "工作任务", "主要任务", "主要职责", "工作职责", "职责分工", "职责")
_GENERIC_OPENERS = ("其他", "有关", "相关", "责任", "工作", "领导", "组织", "主要", "参与", "配合", "牵头", "协调")
_MILITARY = ("警备区", "军分区")  # 沈阳警备区: a unit, though 区 ends a place's division too
_NOT_ONE_UNIT = ("单位", "部门", "机构", "区", "县", "市", "镇", "街道", "园区", "）", ")")
# What a group heading's span names, read by the reader: the units of its tasks (labelled), the
# unit whose duties follow (its name alone, or with its other names), or the lead (牵头).
UNITS, DUTIES, OTHER_NAMES, LEAD = "units", "duties", "other names", "lead"
TASKS = "tasks"  # 县农牧局主要工作任务：the heading says what follows are the unit's tasks
_UNIT_LABELS = frozenset(
    (*LEAD_LABELS, *SUPPORT_LABELS, *RESPONSIBLE_LABELS)
)  # a heading naming a few units; a longer line is a task


def group_lead(text: str) -> Span | None:
    """The clause a group heading states, `县示范区管委会牵头`, as a span covering its items."""
    e = enumerator(text)
    if e is None or len(e.rest) > _MAX_HEADING:
        return None
    rest = _COUNT.sub("", e.rest.strip().rstrip("：:。")).strip()
    label, value = label_of(rest)
    if label is not None:  # 一、牵头单位：县发改局
        if label not in _UNIT_LABELS or not _units(value):
            return None
        return Span(e.rest, rest, rest, "group heading, naming the units of the tasks under it", UNITS)
    named = _OTHER_NAMES.fullmatch(rest)
    if named and _unit_heading(named[1]) and _units(named[2]) and not any(v in named[2] for v in _VERBS):
        # （一）综合办公室（党群工作部、监察室）: one office and the other names it works under
        # (合署办公), its duties listed below; the names in brackets are no other units.
        clause = f"{named[1]}负责"
        return Span(
            e.rest,
            clause,
            clause,
            "group heading, naming the unit whose duties follow (its other names in brackets)",
            OTHER_NAMES,
        )
    duty = next((w for w in _DUTY_WORDS if rest.endswith(w)), "")
    if _unit_heading(rest[: len(rest) - len(duty)].removesuffix("的")):
        # 一、县城区办事处 / （八）县经济局主要工作任务：the unit's duties listed under its name
        clause = f"{rest[: len(rest) - len(duty)].removesuffix('的')}负责"
        return Span(
            e.rest, clause, clause, "group heading, naming the unit whose duties follow", TASKS if duty else DUTIES
        )
    work = next((w for w in _WORK if rest.endswith(w)), "")  # 一、县发改局牵头（3项）: no word for the work
    rest = rest[: len(rest) - len(work)].removesuffix("的")
    verb = next((v for v in _VERBS if rest.endswith(v)), None)
    if verb is None:
        return None
    names = rest[: -len(verb)].removeprefix("由")
    if "由" in names or not _units(names):  # 该项工作由县发改局牵头: a sentence, not a list of units
        return None
    clause = f"{names}{verb}"
    return Span(e.rest, clause, clause, "group heading, naming the lead of the tasks under it", LEAD)


def _unit_heading(text: str) -> bool:
    """A heading that is one unit's name and nothing else (县建设局, 各乡镇人民政府)."""
    if not 2 < len(text) <= _MAX_UNIT_HEADING or any(not ch.isalnum() and ch not in "（）()" for ch in text):
        return False
    if text.startswith(_GENERIC_OPENERS) or (text.endswith(_NOT_ONE_UNIT) and not text.endswith(_MILITARY)):
        return False  # 一、工作机构, 二、中心城区: what a plan is organised by, not one unit's duties
    if text.startswith(TASK_VERBS) or text.startswith(_SETS_UP):
        # 4.建设区域性金融中心, （一）成立县动物疫情防控指挥部: a task that ends like a unit's name
        return False
    return len(split_units(text)) == 1 and looks_like_unit(text)


def _units(names: str) -> bool:
    units = split_units(names)
    return bool(units) and all(looks_like_unit(u) and 2 < len(u) <= 30 and "，" not in u for u in units)


def lend_lead(chain: list[Node], item: Item) -> None:
    """A task under a group heading whose own clause names only helpers (2.…（县财政局配合）):
    the heading's unit leads it, the helpers support."""
    clause = item.clause
    if clause is None or clause.lead or clause.joint or not clause.support:
        return
    for node in reversed(chain):
        cover = node.heading_clause
        if cover is None or cover.clause is None or not cover.how or "group heading" not in cover.how[0]:
            continue
        owners = (*cover.clause.lead, *cover.clause.joint)
        support = tuple(u for u in clause.support if u not in owners)
        item.clause = Clause(cover.clause.lead, support, cover.clause.joint, clause.how, clause.notes)
        item.how.append(f"the group heading {node.text[:16]}… names who leads; the clause names who helps")
        return
