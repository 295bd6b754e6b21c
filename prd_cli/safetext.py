"""Text from the data made safe for where it goes: spreadsheets, terminals and Markdown.

Anyone who can write a progress note can put text in front of an office's Excel, a
colleague's terminal and a report read on GitHub. Control characters are refused at the
door (validate reports them, `progress add` refuses them); these functions are the second
line, for whatever reached the data before.
"""

from __future__ import annotations

import re

# C0 controls except tab, newline and carriage return; DEL; C1 controls (0x9b is a one-byte
# CSI that some terminals honour); the noncharacters U+FFFE and U+FFFF, which no XML file (xlsx,
# docx) can hold. YAML lets these in only through "\e"-style escapes.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# For terminals also the bidirectional overrides that reorder what is shown ("Trojan Source").
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The bidirectional overrides and isolates alone: they reorder how the rest of a line shows.
BIDI = _BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

# A cell that starts with one of these is a formula to Excel, LibreOffice and Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What openpyxl refuses in a cell (and the xlsx format cannot hold).
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def control_characters(text: str) -> list[str]:
    """The control characters in `text`, as U+XXXX, for a message."""
    return sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})


def typed_controls(text: str) -> list[str]:
    """What `progress add` refuses in a typed note: control characters and bidirectional
    overrides (no Chinese note needs one; in a report they reorder what readers see)."""
    return sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text) + _BIDI.findall(text)})


def bidi_characters(text: str) -> list[str]:
    """The bidirectional overrides and isolates in `text`, as U+XXXX, for a message."""
    return sorted({f"U+{ord(c):04X}" for c in _BIDI.findall(text)})


def undecodable(text: str) -> bool:
    """Whether `text` holds bytes that were not UTF-8 (Python keeps them as lone surrogates)."""
    return _SURROGATE.search(text) is not None


def neutralise(text: str) -> str:
    """A spreadsheet cell that begins like a formula is shown as text, not run (CSV/formula
    injection); characters a workbook cannot hold are dropped. Every CSV and xlsx path uses this."""
    text = _XLSX_ILLEGAL.sub("", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def terminal(text: str) -> str:
    """Text for a terminal: no escape sequences, no bidirectional overrides; lines and tabs kept."""
    return _TERMINAL_UNSAFE.sub("", text)


def md_escape(text: str) -> str:
    """Markdown that shows `text` as written: no table break, no raw HTML, no link or image,
    no bidirectional override reordering what GitHub shows."""
    text = _BIDI.sub("", CONTROL.sub("", text))
    for ch in "\\|<>[]":
        text = text.replace(ch, "\\" + ch)
    return text
