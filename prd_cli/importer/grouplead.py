"""A group heading that names the lead of every task under it: `一、县示范区管委会牵头工作（8项）`
then `1.…` `2.…` naming no unit. A county splits its report by lead unit, so the unit is said
once, in the heading, and each task under it is that unit's to lead; a task that names its own
units keeps them."""

from __future__ import annotations

import re

from .finders import Span
from .grammar import looks_like_unit, split_units
from .outline import enumerator

# The heading's last words: what the unit leads (工作, 任务, 事项), counted or not.
_WORK = ("工作任务", "工作事项", "重点工作", "工作", "任务", "事项", "项目")
_VERBS = ("牵头负责", "牵头", "负责")  # the unit's role: 牵头 leads, 负责 alone owns jointly
_COUNT = re.compile(r"[（(]\s*(?:共\s*)?\d{1,4}\s*[项条件个]\s*[）)]$")
_MAX_HEADING = 80  # a heading naming a few units; a longer line is a task


def group_lead(text: str) -> Span | None:
    """The clause a group heading states, `县示范区管委会牵头`, as a span covering its items."""
    e = enumerator(text)
    if e is None or len(e.rest) > _MAX_HEADING:
        return None
    rest = _COUNT.sub("", e.rest.strip().rstrip("：:。")).strip()
    work = next((w for w in _WORK if rest.endswith(w)), None)
    if work is None:
        return None
    rest = rest[: -len(work)].removesuffix("的")
    verb = next((v for v in _VERBS if rest.endswith(v)), None)
    if verb is None:
        return None
    names = rest[: -len(verb)].removeprefix("由")
    units = split_units(names)
    if not units or not all(looks_like_unit(u) and 2 < len(u) <= 30 and "，" not in u for u in units):
        return None
    clause = f"{names}{verb}"
    return Span(e.rest, clause, clause, "group heading, naming the lead of the tasks under it")
