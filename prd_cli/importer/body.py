"""The body of a document as tokens (enumerated lines, paragraphs, labelled lines, table rows),
then as a tree whose levels are the enumerators' order of first appearance."""

from __future__ import annotations

from typing import Any

from .finders import field_line
from .grammar import looks_like_unit
from .headings import header, sub_header
from .nodes import FieldLine, Line, Node
from .outline import GARBLED, Enumerator, enumerator, levels
from .runon import header_in
from .runon import rows as runon_rows
from .tables import flat_header_span, flat_row, merged_down, pipe_cells, row_from_cells, row_number


def tokens(lines: list[Line], unplaced: list[Line], headers: list[Line] | None = None) -> list[tuple[str, Any]]:
    """('enum', (Enumerator, Line)) | ('para', Line) | ('field', FieldLine) | ('row', Row).

    The lines read as a table's header go to `headers`: structure, not text of the draft."""
    headers = [] if headers is None else headers
    out: list[tuple[str, Any]] = []
    columns: list[str] | None = None
    closed = False  # the | header ends with |, as its rows then do
    flat: list[str] | None = None
    expect = 0
    headed = False  # a heading came after the last flattened row
    row_end = -1  # where the last flattened row ended
    above: list[str] | None = None  # the last | row opened by its number, whose cells may merge down
    k = 0
    n = len(lines)
    while k < n:
        line = lines[k]
        text = line.text
        cells = pipe_cells(text) if "|" in text else None
        if cells is not None and columns is not None and closed and not text.rstrip().endswith("|"):
            # A row whose cell holds a line break: it goes on to the line that closes it.
            ahead = _row_end(lines, k)
            if ahead is not None:
                text = _joined([ln.text for ln in lines[k : ahead + 1]])
                line = Line(line.number, text)
                cells = pipe_cells(text)
                k = ahead
        if cells is not None:
            # A row opened by its number is no header: one look instead of every cell's.
            hdr = None if cells and row_number(cells[0]) is not None else header(cells)
            if hdr is not None:
                headers.append(line)
                columns, flat, above = hdr, None, None
                closed = text.rstrip().endswith("|")
                below = pipe_cells(lines[k + 1].text) if k + 1 < n and "|" in lines[k + 1].text else None
                merged = sub_header(hdr, cells, below) if below is not None and len(below) <= len(cells) else None
                if merged is not None:  # 牵头单位 | 配合单位 under a 责任单位 spanning both
                    columns = merged
                    headers.append(lines[k + 1])
                    k += 1
                k += 1
                continue
            if columns is not None and all(set(c) <= set("-—:： ") for c in cells):
                k += 1  # | --- | --- |: the rule under a header, no row
                continue
            if columns is not None:
                below = merged_down(columns, cells, above)
                if below is None and cells and row_number(cells[0]) is not None:
                    above = cells
                row = row_from_cells(columns, below or cells, line)
                if row is not None:
                    out.append(("row", row))
                else:
                    unplaced.append(line)
                k += 1
                continue
        span = flat_header_span(lines, k)
        if span is not None:
            flat, columns, expect, headed = span[0], None, 0, False
            headers += lines[k : k + span[1]]
            k += span[1]
            continue
        number = row_number(text) if flat is not None else None
        # A chapter heading between rows (一、… then row 68) may stand for rows the page left out:
        # after one, any later number goes on the table.
        skipped = headed and number is not None and number > expect
        # A report quoting only its own rows (145, then 249): a later number where the row
        # before ended at its full count of cells starts the next row.
        skipped = skipped or (number is not None and number > expect and k == row_end)
        if flat is not None and number is not None and (number == expect + 1 or number == 1 or expect == 0 or skipped):
            start = k
            row, k, extra = flat_row(lines, k, flat, number)
            row_end = k
            expect = number
            headed = False
            if row is not None:
                out.append(("row", row))
            else:
                unplaced += [ln for ln in lines[start:k] if ln not in extra]
            for ln in extra:
                f = field_line(ln.text)
                out.append(("field", FieldLine(f, ln)) if f is not None else ("para", ln))
            continue
        run_on = header_in(text) if "序号" in text else None
        if run_on is not None:
            # A table run into one line: the words before its header, then its rows.
            at, end, cols, cells = run_on
            if text[:at].strip():
                out.append(("para", Line(line.number, text[:at])))
            out += [("row", row) for row in runon_rows(text, end, cols, cells, line)]
            columns = flat = None
            k += 1
            continue
        e = enumerator(text)
        if e is not None:
            out.append(("enum", (e, line)))
            headed = flat is not None
        else:
            f = field_line(text)
            if f is not None and f.kind == "clause":
                # 协办单位：…、园区党工 / 委、各街道党工委: a PDF wrapped the list mid-name. A
                # list wraps over a few lines at most, so the joined text stays short.
                parts = [text]
                while len(parts) <= _MAX_WRAPS and k + 1 < n and _wrapped_units(parts[-1], lines[k + 1].text):
                    k += 1
                    parts.append(lines[k].text)
                if len(parts) > 1:
                    text = "".join(parts)
                    line = Line(line.number, text)
                    f = field_line(text)
            if f is not None:
                out.append(("field", FieldLine(f, line)))
            else:
                out.append(("para", line))
        k += 1
    _restore_garbled(out)
    return out


_MAX_WRAPS = 4
_MAX_CELL_LINES = 6  # lines a row's cells may run over


def _row_end(lines: list[Line], k: int) -> int | None:
    """The line that closes the | row opened at lines[k] (it ends with |), when one does within
    a few lines, none of them a heading or another row."""
    for j in range(k + 1, min(k + 1 + _MAX_CELL_LINES, len(lines))):
        text = lines[j].text.rstrip()
        if text.endswith("|"):
            first = pipe_cells(text)
            if text.count("|") >= 2 and first and row_number(first[0]) is not None:
                return None  # the next row: this one was cut short
            return j
    return None


def _joined(parts: list[str]) -> str:
    """A row's lines as one: a units cell broken between two names takes a 、 there."""
    out = parts[0]
    for part in parts[1:]:
        head = part.split("|", 1)[0].strip()
        tail = out.rsplit("|", 1)[-1].strip()
        unit_break = bool(tail) and looks_like_unit(tail.split("、")[-1]) and looks_like_unit(head) and len(head) <= 30
        out = f"{out}{'、' if unit_break else ''}{part}"
    return out


# Characters that end a unit's name and never open one: a line opening with one goes on a name.
_NAME_ENDS = "局委办厅室署处会站所院"


def _wrapped_units(text: str, following: str) -> bool:
    """Whether `following` goes on the units list `text` that a page wrapped: the list stops
    without a sentence's end, mid-list (…、) or mid-name, and the next line is more names, not
    a task, a label or a heading."""
    if text.endswith(("。", "；", ";", "）", ")")) or len(following) > 80:
        return False
    if not (text.endswith("、") or (following[:1] in _NAME_ENDS and following[1:2] in ("、", "，", ""))):
        return False
    if any(ch in following for ch in "。；;：:") or enumerator(following) is not None:
        return False
    return True


def _restore_garbled(out: list[tuple[str, Any]]) -> None:
    """An enumerator too garbled to read takes the style and number its siblings leave for it:
    between （一） and （三） it is （二）. With no such gap it is read as a paragraph."""
    enums = [(i, tok[1][0]) for i, tok in enumerate(out) if tok[0] == "enum"]
    for pos, (i, e) in enumerate(enums):
        if e.style != GARBLED:
            continue
        before = {en.style: en.number for _, en in enums[:pos] if en.style != GARBLED}
        after: dict[str, int] = {}
        for _, en in enums[pos + 1 :]:
            if en.style != GARBLED and en.style not in after:
                after[en.style] = en.number
        fits = [st for st, n in before.items() if after.get(st) == n + 2]
        line = out[i][1][1]
        if len(fits) == 1:
            out[i] = ("enum", (Enumerator(fits[0], before[fits[0]] + 1, e.rest), line))
        else:
            out[i] = ("para", line)


def tree(tokens: list[tuple[str, Any]]) -> Node:
    enums = [tok[1][0] for tok in tokens if tok[0] == "enum"]
    # Garbled siblings (?二） read as （二）) share the style; 一是 and ① stay inside paragraphs'
    # level only when they open a line.
    level_of = levels([e.style for e in enums], midway=bool(enums) and enums[0].number > 1)
    root = Node(None, None, -1)
    current = root
    for kind, value in tokens:
        if kind == "enum":
            e, line = value
            level = level_of[e.style]
            while current is not root and current.level >= level:
                assert current.parent is not None
                current = current.parent
            node = Node(e, line, level, current)
            current.children.append(node)
            current = node
        else:
            current.body.append(value)
    return root


def task_heading(node: Node) -> bool:
    """An enumerated line that states a task (1.加强监测。…) rather than titles a group."""
    if node.enum is None or node.children:
        return False
    rest = node.enum.rest
    return rest.endswith(("。", "；", "！")) or len(rest) > 40
