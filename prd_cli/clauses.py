"""Split a responsibility clause such as （牵头单位：甲、乙；丙等按职责分工负责） into units.

The grammar lives with the importer (`prd_cli.importer.grammar`), which reads many more layouts;
this module keeps the names `prd validate` and older callers use.
"""

from __future__ import annotations

from .importer.grammar import Clause, parse_clause, split_units, trailing_clause

__all__ = ["Clause", "parse_clause", "split_units", "trailing_clause"]
