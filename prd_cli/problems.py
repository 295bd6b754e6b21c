"""Problems found in data: values with a place, sorted and printed together like a linter's."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]
_LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    level: Level
    code: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message} [{self.code}]"

    def github(self) -> str:
        kind = {"error": "error", "warning": "warning", "info": "notice"}[self.level]
        # Workflow commands end at a newline; escape as GitHub documents (%, CR, LF).
        msg = f"{self.message} [{self.code}]".replace("%", "%25").replace("\r", "%0D")
        msg = msg.replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col}::{msg}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, _LEVEL_ORDER[p.level], p.code, p.message))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)


def format_problems(problems: list[Problem], fmt: str) -> str:
    """Render problems as text, json or github annotations; the summary line goes with text."""
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return "".join(p.github() + "\n" for p in problems)
    lines = [p.text() for p in problems]
    counts = {lvl: sum(p.level == lvl for p in problems) for lvl in _LEVEL_ORDER}
    lines.append(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    return "\n".join(lines) + "\n"
