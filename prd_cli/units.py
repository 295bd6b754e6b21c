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
        key = unit_key(text)
        found = self._lookup.get(key)
        if found is None and not key.isascii():
            from .textclean import to_simplified

            found = self._lookup.get(to_simplified(key))
        return found

    def suggest(self, text: str, n: int = 3) -> list[str]:
        key = unit_key(text)
        names = [u.name for u in self.units]
        # A name typed with something extra (市商务局乙) contains the unit it meant.
        contained = sorted((nm for nm in names if nm in key or key in nm), key=lambda nm: -len(nm))
        close = difflib.get_close_matches(key, list(self._lookup), n=n * 2, cutoff=0.5)
        out: list[str] = []
        for candidate in (*contained, *(self._lookup[c] for c in close)):
            if candidate not in out:
                out.append(candidate)
        return out[:n]

    def unknown_message(self, text: str) -> str:
        hints = self.suggest(text)
        tail = f" (did you mean {'、'.join(hints)}?)" if hints else " (see `prd units` for the list)"
        return f'unknown unit "{text}"{tail}'
