"""The unit registry: resolve what people type to a canonical unit, and suggest near misses."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING

from .i18n import _

if TYPE_CHECKING:
    from .models import Unit  # a type only: unit_key serves the cache's index without the models

_SPACE = re.compile(r"[\s\u3000]+")
_PARENS = str.maketrans({"(": "（", ")": "）"})


def unit_key(text: str) -> str:
    """Stray spaces, ASCII parentheses, full-width letters and letter case do not make a
    different unit: 市tod轨道办 and 市ＴＯＤ轨道办 are 市TOD轨道办."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_PARENS).casefold()


_CITY = "东莞市"


def _registered_variants(key: str) -> list[str]:
    """Spellings people use for a full name: without the state (东莞海关 for 中华人民共和国东莞海关)
    and without the city (市环境保护局 for 东莞市环境保护局)."""
    key = key.removeprefix("中华人民共和国")
    found = [key]
    if key.startswith(_CITY) and len(key) > len(_CITY) + 1:
        found.append("市" + key[len(_CITY) :])
    return found


def _typed_variants(key: str) -> list[str]:
    """What a typed name may stand for: with or without 东莞/东莞市 (东莞市发改局, 发改局)."""
    for prefix in (_CITY, "东莞"):
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            rest = key[len(prefix) :]
            return [key, rest if rest.startswith("市") else "市" + rest, rest]
    return [key] if key.startswith("市") else [key, "市" + key]


class UnitRegistry:
    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.by_name = {u.name: u for u in units}
        self._lookup: dict[str, str] = {}
        for u in units:
            for spelling in (u.full_name, *u.aliases, u.name):
                self._lookup[unit_key(spelling)] = u.name
        # Shorter spellings of full names, kept only where they name one unit and no unit
        # already spells itself that way.
        variants: dict[str, set[str]] = {}
        for u in units:
            for spelling in (u.full_name, *u.aliases):
                for v in _registered_variants(unit_key(spelling)):
                    variants.setdefault(v, set()).add(u.name)
        # Kept apart from the exact spellings: a document's 国资委 is not the city's 市国资委,
        # though a person typing 国资委 at the command line means it.
        self._typed: dict[str, str] = dict(self._lookup)
        for v, owners in variants.items():
            if len(owners) == 1 and v not in self._typed:
                self._typed[v] = next(iter(owners))
        # Who each collective stands for, and the collectives each unit is in: built once, so
        # asking about a unit costs its own collectives, not a scan of every clause's groups.
        self.members: dict[str, tuple[str, ...]] = {}
        self.collectives_of: dict[str, tuple[str, ...]] = {}
        by_kind: dict[str, list[str]] = {}
        for u in units:
            by_kind.setdefault(u.kind, []).append(u.name)
        for u in units:
            if u.members is None:
                continue
            names = [n for kind in u.members.kinds if kind != "collective" for n in by_kind.get(kind, [])]
            names += [self._lookup.get(unit_key(n), n) for n in u.members.units]
            self.members[u.name] = tuple(n for n in dict.fromkeys(names) if n != u.name)
        inverse: dict[str, list[str]] = {}
        for collective, group in self.members.items():
            for n in group:
                inverse.setdefault(n, []).append(collective)
        self.collectives_of = {n: tuple(cs) for n, cs in inverse.items()}

    def is_collective(self, name: str) -> bool:
        unit = self.by_name.get(name)
        return unit is not None and unit.kind == "collective"

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def resolve(self, text: str) -> str | None:
        """The canonical name for a short name, full name or alias as written in data, in either
        script: exact spellings only, so text from a document never lands on a near namesake."""
        if text in self.by_name:  # the data names units canonically: the common case, kept cheap
            return text
        key = unit_key(text)
        found = self._lookup.get(key)
        if found is None and not key.isascii():
            from .textclean import to_simplified

            found = self._lookup.get(to_simplified(key))
        return found

    def resolve_typed(self, text: str) -> str | None:
        """What a person typed (--unit): also with or without 东莞/东莞市, and a full name
        without the city or the state (市环境保护局, 东莞海关)."""
        found = self.resolve(text)
        if found is not None:
            return found
        key = unit_key(text)
        found = self._find(key)
        if found is None and not key.isascii():
            from .textclean import to_simplified

            found = self._find(to_simplified(key))
        return found

    def _find(self, key: str) -> str | None:
        for candidate in _typed_variants(key):
            found = self._typed.get(candidate)
            if found is not None:
                return found
        return None

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """The closest units: what was typed holds a name (市商务局乙), is a typo of one (市商物局),
        or is one with words left out (滨海湾管委会 for 滨海湾新区（东莞港）管委会)."""
        typed = self.resolve_typed(text)
        if typed is not None:  # 市环境保护局 in data: what a person would have meant by it
            return [typed]
        key = unit_key(text)
        contained = [name for spelling, name in self._lookup.items() if len(spelling) > 1 and spelling in key]
        if contained:
            return _unique(sorted(contained, key=lambda nm: -len(nm)))[:n]
        scored = sorted((edit_distance(key, spelling), spelling) for spelling in self._lookup)
        # One edit in four characters: 市商物局 is 市商务局 mistyped, but 市统计局 is not 市交通局.
        if scored and scored[0][0] <= max(1, len(key) // 4):
            best = scored[0][0]
            return _unique([self._lookup[s] for d, s in scored if d == best])[:n]
        if len(key) == 2:  # a fragment: 海关 is in 东莞海关
            holding = sorted((len(spelling), spelling) for spelling in self._lookup if key in spelling)
            if holding:
                return _unique([self._lookup[s] for _, s in holding])[:n]
        if len(key) >= 3:
            shortened = sorted(
                (len(spelling) - len(key), spelling) for spelling in self._lookup if _in_order(key, spelling)
            )
            if shortened:
                return _unique([self._lookup[s] for _, s in shortened])[:n]
        close = difflib.get_close_matches(key, list(self._lookup), n=n, cutoff=0.7)
        return _unique([self._lookup[c] for c in close])[:n]

    def unknown_message(self, text: str) -> str:
        hints = self.suggest(text)
        if hints:
            return _('unknown unit "{text}" (did you mean {names}?)').format(text=text, names="、".join(hints))
        return _('unknown unit "{text}": if it is new, add it to units.yaml; `prd units` lists the known ones').format(
            text=text
        )


def _in_order(short: str, long: str) -> bool:
    """Every character of `short` appears in `long`, in the same order."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance; unit names are short, so the plain dynamic programme is enough."""
    if abs(len(a) - len(b)) > 3:
        return max(len(a), len(b))
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
