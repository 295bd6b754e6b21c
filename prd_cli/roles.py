"""Who answers for a task: lead (牵头), joint (共同负责) and support (配合), directly or as a
member of a collective the clause names (各相关部门, 各镇街（园区）)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the cache's index answers by role without the models
    from .models import Item
    from .units import UnitRegistry

ROLES = ("lead", "joint", "support")
ROLE_LABELS: dict[str, str] = {"lead": "牵头", "joint": "共同负责", "support": "配合"}
# Owners answer for the task and close its milestones; support units contribute.
OWNER_ROLES = ("lead", "joint")


@dataclass(frozen=True, slots=True)
class Responsibility:
    unit: str
    role: str
    via: str | None = None  # the collective the clause names, when the unit is one of its members

    @property
    def label(self) -> str:
        base = ROLE_LABELS[self.role]
        return f"{base}{bracket(self.via)}" if self.via else base


def bracket(text: str) -> str:
    """（text）, or 〔text〕 when the text has parentheses of its own: 配合〔各镇街（园区）〕."""
    return f"〔{text}〕" if "（" in text else f"（{text}）"


def named(item: Item) -> list[tuple[str, str]]:
    """(unit, role) as the clause names them, leads first."""
    return [(u, role) for role in ROLES for u in getattr(item, role)]


# One Responsibility for each (unit, role, via): a report holds every task's list at once, and
# a collective such as 各相关部门 puts each of its members in every task that names it.
_SHARED: dict[tuple[str, str, str | None], Responsibility] = {}


def _shared(unit: str, role: str, via: str | None = None) -> Responsibility:
    key = (unit, role, via)
    found = _SHARED.get(key)
    if found is None:
        found = _SHARED[key] = Responsibility(unit, role, via)
    return found


def responsible(registry: UnitRegistry, item: Item) -> list[Responsibility]:
    """Every unit answerable for the item, in clause order, collectives expanded after their own
    entry. A unit named directly keeps that role; through a collective it takes the collective's
    role, and the first collective that names it wins."""
    seen: dict[str, Responsibility] = {}
    members = registry.members
    for unit, role in named(item):
        if unit not in seen:
            seen[unit] = _shared(unit, role)
    for unit, role in named(item):
        group = members.get(unit)
        if group:
            for member in group:
                if member not in seen:
                    seen[member] = _shared(member, role, unit)
    return list(seen.values())


def role_of(registry: UnitRegistry, item: Item, unit: str) -> Responsibility | None:
    """The unit's responsibility for the item, directly or through a collective; None if it has none."""
    for role in ROLES:
        if unit in getattr(item, role):
            return Responsibility(unit, role)
    # As `responsible` decides: the first collective in clause order (leads first) that has
    # the unit as a member, not the first in the registry's order.
    collectives = registry.collectives_of.get(unit, ())
    for named_unit, role in named(item):
        if named_unit in collectives:
            return Responsibility(unit, role, named_unit)
    return None


def contributes_only(registry: UnitRegistry, item: Item, unit: str) -> bool:
    """Whether the unit's records on the item are contributions that close nothing: it supports
    a task that has owners (a lead or joint owners decide its milestones, issue 11)."""
    found = role_of(registry, item, unit)
    return found is not None and found.role not in OWNER_ROLES and bool(item.lead or item.joint)


def owners(item: Item) -> list[str]:
    """The units that answer for the task as a whole: its leads, or its joint owners."""
    return [*item.lead, *item.joint]
