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
        from .i18n import _

        # The level in the reader's language; the code stays as it is, for grep.
        level = {"error": _("error"), "warning": _("warning"), "info": _("info")}[self.level]
        return f"{self.path}:{self.line}:{self.col}: {level}: {self.message} [{self.code}]"

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
    from .safetext import terminal

    # Messages quote what the files say: nothing in them may drive the terminal or the log.
    if fmt == "github":
        return "".join(terminal(p.github()) + "\n" for p in problems)
    lines = [terminal(p.text()) for p in problems]
    counts = {lvl: sum(p.level == lvl for p in problems) for lvl in _LEVEL_ORDER}
    from .i18n import _

    lines.append(
        _("{errors} error(s), {warnings} warning(s), {infos} info").format(
            errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
        )
    )
    return "\n".join(lines) + "\n"


# Every [code] prd prints, with its level and what it means: the README's table of problem
# codes is checked against this, and a test fails when the source uses a code not listed.
# A few codes are an error in one place and a warning in another: the level is the usual one
# and the meaning says when it differs. `schema-*` stands for the pydantic error kinds.
CODES: dict[str, tuple[Level, str]] = {
    # Reading files
    "missing-file": ("error", "a file prd needs (units.yaml, measures.yaml) is not there"),
    "unreadable": ("error", "the file exists but cannot be read (permissions, I/O error)"),
    "unreadable-folder": ("error", "documents/ or progress/ exists but cannot be listed, or is not a folder"),
    "not-regular-file": ("error", "a data file is a device, FIFO or socket (or a link to one): never read"),
    "file-too-large": ("error", "a data file is larger than prd reads (PRD_MAX_FILE_MB, default 256)"),
    "empty-file": ("error", "the file is empty or holds no data"),
    "binary-file": ("error", "the file is binary, not YAML text"),
    "encoding": ("error", "the file is not UTF-8 (GBK and UTF-16 are recognised and named)"),
    # YAML
    "yaml-syntax": ("error", "the YAML cannot be parsed"),
    "yaml-alias": ("error", "an alias (*name): values must be written out"),
    "yaml-tag": ("error", "a tag (!!python/..., !!int): values are plain text"),
    "yaml-key": ("error", "a key that is not plain text"),
    "yaml-merge": ("error", "a merge key (<<)"),
    "yaml-depth": ("error", "nesting deeper than any prd file needs (64 levels)"),
    "duplicate-key": ("error", "a key written twice in a mapping, or a document key used by two files"),
    "control-character": ("error", "a control character (an escape such as \\e or \\x07) in a value"),
    "bidi-character": ("error", "a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), raw or escaped"),
    # Schema
    "schema-*": ("error", "a value does not fit the file's schema (the code names pydantic's error kind)"),
    "schema-type": ("error", "the top of the file is not a mapping"),
    # Documents and units
    "duplicate-id": ("error", "a chapter, measure or item number used twice in one document"),
    "item-id": ("error", "an item's id does not start with its measure's number"),
    "sequence": ("warning", "a chapter, measure or item out of order or with a gap: something lost or renumbered"),
    "file-key": ("error", "a document's key differs from its file's name"),
    "unknown-unit": ("error", "a unit name that units.yaml does not define (with the closest names)"),
    "unit-alias": ("warning", "a unit written by an alias instead of its name"),
    "duplicate-unit": ("error", "a unit defined twice in units.yaml (a warning: listed twice in one item's role)"),
    "alias-clash": ("error", "an alias that already names another unit"),
    "unused-unit": ("warning", "a unit defined but named by no item"),
    "members-not-collective": ("error", "members given for a unit that is not kind: collective"),
    "collective-without-members": ("info", "a collective whose members no source lists"),
    "lead-and-joint": ("error", "an item with both lead and joint units, or a unit in both roles"),
    "lead-and-support": ("error", "a unit that is both lead and support of one item"),
    "joint-and-support": ("error", "a unit that is both joint owner and support of one item"),
    "no-units": ("error", "an item that names no unit"),
    "no-owner": ("warning", "an item with support units but no lead or joint owner"),
    "clause-mismatch": ("error", "lead, joint or support differ from what the item's clause says"),
    "unreviewed-draft": ("warning", "a deadline drafted by prd import and not yet reviewed"),
    "due-before-issue": ("info", "a deadline that was due before the document was issued"),
    # Progress
    "file-period": ("error", "a progress file's period differs from its file name"),
    "unknown-item": ("error", "a record names no item of the data (or one in several documents)"),
    "not-responsible": ("error", "a record's unit is not responsible for its item"),
    "collective-reporter": ("error", "a record made in a collective's name: one of its members reports"),
    "date-before-document": ("error", "a record dated before its document was issued"),
    "date-in-future": ("error", "a record dated after today"),
    "occurrence-too-far": ("error", "occurrence: due more than a year after the record's date"),
    "contradicting-records": ("warning", "one unit reported one milestone done and not done on the same day"),
    "date-outside-period": ("error", "a record dated outside its file's period"),
    "unknown-deadline": ("error", "deadline: N names no deadline of the item"),
    "no-occurrence": ("error", "a recurring deadline reported without occurrence: (a warning when none is chosen)"),
    "not-recurring": ("error", "occurrence: given for a dated deadline"),
    "unknown-occurrence": ("error", "occurrence: is not a due date of the item"),
    "ambiguous-record": ("warning", "a record that could speak for several deadlines"),
    "progress-layout": ("error", "prd progress add cannot append to the file as it is laid out"),
}


def registered(code: str) -> bool:
    """Whether `code` is in CODES, directly or as one of the `schema-*` kinds."""
    return code in CODES or (code.startswith("schema-") and "schema-*" in CODES)


def codes_table() -> str:
    """The README's table of problem codes, from CODES."""
    rows = ["| code | level | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{code}` | {level} | {meaning} |" for code, (level, meaning) in CODES.items()]
    return "\n".join(rows) + "\n"
