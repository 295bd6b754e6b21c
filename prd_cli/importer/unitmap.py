"""Map the names a clause uses to registered units; draft entries for new ones, with a kind
guessed from the name and aliases where the same body is named two ways."""

from __future__ import annotations

import re
from typing import Any

from ..units import UnitRegistry

_PARENS = re.compile(r"^(?P<name>[^（(]{2,})[（(](?P<alias>[^（）()]{2,})[）)]$")


def guess_kind(name: str) -> str:
    if name.startswith("各") or "各成员单位" in name or name.endswith(("各部门", "各单位", "有关部门", "相关部门")):
        return "collective"
    if name.startswith(("市委", "中共", "区委", "县委", "省委")) or name.endswith(("市委", "区委", "县委")):
        return "party"
    if name in ("团市委", "市总工会", "市妇联", "市工商联", "市科协", "市残联") or name.endswith(
        ("联合会", "工会", "妇联", "残联", "科协", "团委")
    ):
        return "mass"
    if name.endswith(("镇", "街道", "街道办事处", "乡", "镇人民政府")):
        return "town"
    if name.endswith("管委会"):
        return "committee"
    if any(k in name for k in ("海关", "检验检疫", "海事局", "边防", "出入境", "税务局", "人行", "人民银行")):
        return "central"
    if name.endswith(("公司", "供电局")) or "集团" in name:
        return "enterprise"
    if any(k in name for k in ("小组办公室", "指挥部", "联席会议", "领导小组", "专班")):
        return "coordination"
    return "department"


def full_name(name: str, city: str) -> str:
    if not city:
        return name
    if name.startswith("市委"):
        return f"中共{city}{name}"
    if name.startswith("市"):
        return city + name[1:]
    if name.endswith(("镇", "街道")):
        return f"{city}{name}"
    return name


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


def _abbreviates(short: str, long: str) -> bool:
    """市发改委 for 市发展改革委: same first and last character, the rest in order."""
    if long.endswith("委员会"):
        long = long[:-2]
    return (
        3 <= len(short) < len(long) <= 40
        and short[0] == long[0]
        and short[-1] == long[-1]
        and _in_order(short, long)
        and not short.startswith("各")
    )


_BUCKET = 64  # more bodies of one pattern (市…局) than a city has


class UnitMapper:
    def __init__(self, registry: UnitRegistry | None, city: str) -> None:
        self.registry = registry
        self.city = city
        self.known: list[str] = []
        self.new: list[dict[str, Any]] = []
        self._new_names: dict[str, dict[str, Any]] = {}

    def map(self, name: str) -> str:
        canonical = self.registry.resolve(name) if self.registry is not None else None
        if canonical is None and self.registry is not None:
            m = _PARENS.match(name)  # 市商务局（市粮食和物资储备局）: one body, two names
            if m:
                canonical = self.registry.resolve(m["name"]) or self.registry.resolve(m["alias"])
        if canonical is not None:
            if canonical not in self.known:
                self.known.append(canonical)
            return canonical
        if name not in self._new_names:
            entry: dict[str, Any] = {"name": name, "full_name": full_name(name, self.city), "kind": guess_kind(name)}
            m = _PARENS.match(name)
            if m and guess_kind(m["alias"]) == entry["kind"] and not name.startswith("各"):
                entry["aliases"] = [m["name"], m["alias"]]
            self._new_names[name] = entry
            self.new.append(entry)
        return name

    def finish(self) -> None:
        """Aliases: a new unit named once in full and once abbreviated is one body."""
        names = [u["name"] for u in self.new]
        # Only names with the same first and last character can abbreviate one another: looked
        # up by those two, not against every name (quadratic in a draft of thousands of units).
        # A bucket larger than any document's own list of units is hostile input: its first
        # names are compared, not all of them.
        buckets: dict[tuple[str, str], list[str]] = {}
        for long in names:
            bare = long[:-2] if long.endswith("委员会") else long
            if bare:
                buckets.setdefault((bare[0], bare[-1]), []).append(long)
        merged: set[str] = set()
        for short in names:
            if len(short) < 3:
                continue
            size = len(short)
            for long in buckets.get((short[0], short[-1]), [])[:_BUCKET]:
                if len(long) > size and long not in merged and _abbreviates(short, long):
                    entry = self._new_names[long]
                    entry.setdefault("aliases", [])
                    if short not in entry["aliases"]:
                        entry["aliases"].append(short)
                    merged.add(short)
                    break
        if merged:
            self.new = [u for u in self.new if u["name"] not in merged]
