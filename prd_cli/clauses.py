"""Split a responsibility clause such as （牵头单位：甲、乙；丙等按职责分工负责） into units."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEAD_LABEL = re.compile(r"^(牵头单位|责任单位|主办单位)[：:]")
_SUPPORT_LABEL = re.compile(r"^(配合单位|协办单位|参与单位)[：:]")
_SHARED = re.compile(r"(等单位|等)?按职责分工负责$")
_TRAILING_ETC = re.compile(r"(等单位|等)$")
# （市商务局牵头，市发改局、市经信局配合）: what the pattern
#   ^(?P<lead>.+?)牵头(?:[，,；;](?P<support>.+?)(?:等单位|等)?(?:配合|参与|协助))?$
# matched, found in linear time: the pattern backtracked quadratically on a clause of
# repeated 甲牵头， (240 KB cost validate a minute).
_COOPERATE_VERBS = ("配合", "参与", "协助")


def _leads_cooperate(text: str) -> dict[str, str | None] | None:
    """{"lead", "support"} as the pattern above would capture them, or None."""
    if "\n" in text:
        # `.` never matched a newline; only a trailing one could sit before `$`.
        if "\n" in text[:-1] or not text.endswith("\n"):
            return None
        text = text[:-1]
    tail_ok = text.endswith(_COOPERATE_VERBS)
    start = 1
    while (i := text.find("牵头", start)) != -1:
        after = i + 2  # no slicing in the loop: a copy per 牵头 would make it quadratic again
        if after == len(text):
            return {"lead": text[:i], "support": None}
        if tail_ok and text[after] in "，,；;" and len(text) - after >= 4:
            body = text[after + 1 : -2]
            # The lazy support leaves a trailing 等单位 or 等 to the optional group, but keeps a character.
            for etc in ("等单位", "等"):
                if body.endswith(etc) and len(body) > len(etc):
                    body = body[: -len(etc)]
                    break
            return {"lead": text[:i], "support": body}
        start = i + 1
    return None


@dataclass(frozen=True)
class Clause:
    lead: tuple[str, ...]
    support: tuple[str, ...]
    # Named with no 牵头 label (（甲、乙等按职责分工负责）): jointly responsible owners.
    joint: tuple[str, ...] = ()


_SEPARATORS = re.compile(r"[、，,]")


def split_units(text: str) -> list[str]:
    """Split on 、 and ，, but not inside parentheses: 滨海湾新区（东莞港）管委会 is one unit."""
    if not any(p in text for p in "（("):
        return [u.strip() for u in _SEPARATORS.split(text) if u.strip()]
    units: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if depth == 0 and ch in "、，,":
            units.append("".join(current))
            current = []
        else:
            current.append(ch)
    units.append("".join(current))
    return [u.strip() for u in units if u.strip()]


def trailing_clause(paragraph: str) -> tuple[str, str] | None:
    """Split a paragraph into (text, clause) when it ends with a parenthesised clause."""
    paragraph = paragraph.rstrip()
    if not paragraph.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(paragraph) - 1, -1, -1):
        ch = paragraph[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                inner = paragraph[i + 1 : -1]
                if _LEAD_LABEL.search(inner) or _SHARED.search(inner) or _leads_cooperate(inner):
                    return paragraph[:i], inner
                return None
    return None


def parse_clause(inner: str) -> Clause:
    """Units as the clause names them: lead after 牵头单位, support before 按职责分工负责,
    and joint when no unit is labelled lead (every named unit then owns the task).

    A clause that lists its leads and then says they are 按职责分工负责 without a semicolon
    (measure 28) names leads only: the same unit is never both.
    """
    inner = inner.strip()
    lead_part, _, support_part = inner.partition("；")
    if not _LEAD_LABEL.search(lead_part):
        m = _leads_cooperate(inner)
        if m and not _SHARED.search(inner):
            support = split_units(m["support"]) if m["support"] else []
            return Clause(tuple(split_units(m["lead"] or "")), tuple(support))
        return Clause((), (), tuple(split_units(_strip_shared(inner))))
    support_part = _SUPPORT_LABEL.sub("", support_part.strip())
    lead_part = _LEAD_LABEL.sub("", lead_part)
    lead = split_units(_strip_shared(lead_part))
    support = split_units(_strip_shared(support_part)) if support_part else []
    return Clause(tuple(lead), tuple(support))


def _strip_shared(text: str) -> str:
    return _TRAILING_ETC.sub("", _SHARED.sub("", text.strip()))
