"""The unit registry: resolve what people type to a canonical unit, and suggest near misses."""

from __future__ import annotations

import difflib
import re

from .models import Unit

_SPACE = re.compile(r"[\s\u3000]+")
_PARENS = str.maketrans({"(": "（", ")": "）"})


def unit_key(text: str) -> str:
    """Stray spaces and ASCII parentheses do not make a different unit."""
    return _SPACE.sub("", text).translate(_PARENS)


class UnitRegistry:
    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.by_name = {u.name: u for u in units}
        self._lookup: dict[str, str] = {}
        for u in units:
            for spelling in (u.full_name, *u.aliases, u.name):
                self._lookup[unit_key(spelling)] = u.name

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def resolve(self, text: str) -> str | None:
        """The canonical name for a short name, full name or alias, in either script."""
        if text in self.by_name:  # the data names units canonically: the common case, kept cheap
            return text
        key = unit_key(text)
        found = self._lookup.get(key)
        if found is None and not key.isascii():
            from .textclean import to_simplified

            found = self._lookup.get(to_simplified(key))
        return found

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """The closest units: one a typo away (市商物局) or contained in what was typed (市商务局乙)."""
        key = unit_key(text)
        contained = [name for spelling, name in self._lookup.items() if len(spelling) > 1 and spelling in key]
        if contained:
            return _unique(sorted(contained, key=lambda nm: -len(nm)))[:n]
        scored = sorted((edit_distance(key, spelling), spelling) for spelling in self._lookup)
        if not scored or scored[0][0] > max(1, len(key) // 2):
            close = difflib.get_close_matches(key, list(self._lookup), n=n, cutoff=0.6)
            return _unique([self._lookup[c] for c in close])[:n]
        best = scored[0][0]
        return _unique([self._lookup[s] for d, s in scored if d == best])[:n]

    def unknown_message(self, text: str) -> str:
        hints = self.suggest(text)
        tail = f" (did you mean {'、'.join(hints)}?)" if hints else " (see `prd units` for the list)"
        return f'unknown unit "{text}"{tail}'


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
