"""Task-division tables a page flattened to one row a line with single spaces between cells
(`序号 工 作 任 务 牵头负责部门` / `1 居民消费价格涨幅3%左右 发展改革委`). The spaces would be
dropped as wrap noise, so before that the header and its numbered rows are rewritten as rows of
`|` cells, which the table reader knows."""

from __future__ import annotations

import re

from .headings import _UNITS_COLUMNS, header
from .outline import enumerator
from .tables import _unit_cell, _unit_like, is_row_number

_SPACES = " \t\u3000\u00a0"
_MAX_HEADER = 80  # a header line is a few short headings, never a sentence
_HEADER_STARTS = ("序号", "编号", "序")
_MAX_GROUP = 40  # a group row between a table's rows (一、主要预期目标（11项）) is a short heading
_MAX_LINE = 400  # a header run on from a paragraph: the paragraph's tail at most


def _tokens(text: str) -> list[str]:
    return text.replace("\u3000", " ").replace("\u00a0", " ").replace("\t", " ").split()


def _header_cells(tokens: list[str]) -> list[str]:
    """Tokens with a heading spaced out to fill its cell (工 作 任 务) joined back into one."""
    cells: list[str] = []
    run = ""
    for token in tokens:
        if cells and not run and cells[-1].endswith(("-", "—", "－", "~", "～")):
            cells[-1] += token  # 1- 8月实际完成情况: a range broken after its dash
            continue
        if len(token) == 1:
            run += token
            continue
        if run:
            cells.append(run)
            run = ""
        cells.append(token)
    if run:
        cells.append(run)
    return cells


def columns_of(text: str) -> list[str] | None:
    """The columns when `text` is a space-separated table header that starts with its number column."""
    if len(text) > _MAX_HEADER or not any(ch in text for ch in _SPACES):
        return None
    cells = _header_cells(_tokens(text))
    if len(cells) < 3:
        return None
    columns = header(cells)
    if columns is None or columns[0] != "number" or len(columns) != len(cells):
        return None
    return _one_task(_later_targets(columns, cells))


def _later_targets(columns: list[str], cells: list[str]) -> list[str]:
    """A task heading after the first task's that names a target (项目名称 / 责任单位 / 目标任务):
    a figure, a column not read."""
    tasks = [k for k, column in enumerate(columns) if column == "task"]
    out = list(columns)
    for k in tasks[1:]:
        if k - 1 not in tasks and any(word in cells[k] for word in _TARGET_WORDS):
            out[k] = "ignore"
    return out


_TARGET_WORDS = ("目标", "指标")


def _one_task(columns: list[str]) -> list[str] | None:
    """The columns with a task told in two headings side by side (名称 / 工作任务) as one: a
    flattened row gives the task's words with no edge between the two cells."""
    tasks = [k for k, column in enumerate(columns) if column == "task"]
    if not tasks or tasks[-1] - tasks[0] != len(tasks) - 1:
        return None
    return columns[: tasks[0] + 1] + columns[tasks[-1] + 1 :]


def _header_text(cells: list[str]) -> str:
    found = header(cells)
    if found is None:
        return "| " + " | ".join(cells) + " |"
    columns = _later_targets(found, cells)
    # A target heading after the units goes as 备注, a heading the table reader does not read.
    pairs = zip(cells, found, columns, strict=True)
    cells = ["备注" if was == "task" and now == "ignore" else cell for cell, was, now in pairs]
    tasks = [k for k, column in enumerate(columns) if column == "task"]
    kept = cells[: tasks[0]] + [cells[tasks[-1]]] + cells[tasks[-1] + 1 :] if tasks else cells
    return "| " + " | ".join(kept) + " |"


def header_tail(text: str) -> tuple[str, list[str]] | None:
    """A cover notice's last paragraph run on into the annex's title and the table's header
    (…附件：分解表 常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位): the words
    before the header and its columns, when the line's last tokens from a 序号 make one."""
    tokens = _tokens(text)
    starts = [k for k, token in enumerate(tokens) if token.startswith(_HEADER_STARTS)]
    if not starts or starts[-1] == 0:
        return None
    tail = " ".join(tokens[starts[-1] :])
    columns = columns_of(tail)
    if columns is None:
        return None
    return text[: text.rfind(tokens[starts[-1]])].rstrip(), columns


def row_cells(text: str, columns: list[str]) -> list[str] | None:
    """A row's cells: its number first, the cells after the task taken from the end (they are
    units and dates, which hold no spaces), and the task the words between, spaces kept. A
    group column before the task (类别) is left empty, its words kept with the task's.

    When the cells counted from the end put a figure where the units go (a 备注 left empty at
    the row's end), the units are the first unit-like word after the task instead, and the
    cells after them follow it in order."""
    tokens = _tokens(text)
    if not tokens or not is_row_number(tokens[0]):
        return None
    t = columns.index("task")
    if any(column != "group" for column in columns[1:t]):
        return None
    after = len(columns) - t - 1
    front = [""] * (t - 1)
    units = [k for k, column in enumerate(columns[t + 1 :]) if column in _UNITS_COLUMNS]
    if len(tokens) < 2 + after and not units:
        return None
    end = len(tokens) - after
    tail = tokens[end:] if end >= 2 else []
    if units and (not tail or not all(_unit_cell(tail[k], closed=True) for k in units)):
        at = next((k for k in range(2, len(tokens)) if _unit_like(tokens[k])), None)
        if at is None or at - units[0] < 2:
            return None
        end = at - units[0]
        tail = tokens[end:]
        if len(tail) > after:  # the last cell's words, spaces kept
            tail = [*tail[: after - 1], " ".join(tail[after - 1 :])]
        tail += [""] * (after - len(tail))
    return [tokens[0], *front, " ".join(tokens[1:end]), *tail]


_UNITS_WORDS = ("牵头", "配合", "责任", "协办", "参与")
_GLUED_NUMBER = re.compile(r"(\d{1,3})[、.．](?=[^\d\s])")
_SENTENCE_END = re.compile(r"[.。](?=[^.。]*$)")


def unnumbered_tail(text: str) -> tuple[str, list[str]] | None:
    """A paragraph run on into a header with no number column (…分工方案 主要任务 建设重点 牵头部门
    配合部门): the words before it and its cells, when the line's last tokens are all headings,
    a task's and a units column among them."""
    if not any(word in text for word in _UNITS_WORDS):
        return None
    tokens = _tokens(text)
    found: tuple[int, list[str]] | None = None
    for start in range(len(tokens) - 3, max(-1, len(tokens) - _MAX_COLUMNS - 1), -1):
        cells = tokens[start:]
        columns = header(["序号", *cells])
        if columns is None or len(columns) != len(cells) + 1 or "task" not in columns:
            continue
        if not any(column in _UNITS_COLUMNS for column in columns):
            continue
        found = start, cells
    if found is None:
        return None
    start, cells = found
    return text[: text.rfind(tokens[start])].rstrip(), cells


_MAX_COLUMNS = 8


def _glued_row(text: str, columns: list[str]) -> list[str] | None:
    """1、推进…示范区. 省发改委 省直有关部门: a row of a table with no number column, numbered
    as a list is; its last sentence may run into the first units cell (…建设.省科技厅)."""
    m = _GLUED_NUMBER.match(text.strip())
    if m is None:
        return None
    text = m.group(1) + " " + text.strip()[m.end() :]
    cells = row_cells(text, columns)
    units = [k for k, column in enumerate(columns) if column in _UNITS_COLUMNS]
    if cells is not None and units and all(cells[k] and _unit_like(cells[k]) for k in units):
        return cells
    tokens = _tokens(text)
    after = len(columns) - columns.index("task") - 1
    if len(tokens) < 2 or len(tokens) - 1 > after + 1:
        return cells
    # The task's last sentence and the first units cell as one token: cut after its full stop.
    glued = tokens[-after]
    end = _SENTENCE_END.search(glued)
    if end is None or not _unit_like(glued[end.end() :]):
        return cells
    tokens[-after : -after + 1 or None] = [glued[: end.end()], glued[end.end() :]]
    return row_cells(" ".join(tokens), columns)


def rewrite(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`rows` with each space-separated table (its header, then its numbered rows) as `|` rows."""
    out: list[tuple[int, str]] = []
    columns: list[str] | None = None
    glued = False  # a header with no number column: the rows are numbered 1、 as a list
    for number, text in rows:
        if columns is not None:
            cells = _glued_row(text, columns) if glued else row_cells(text, columns)
            if cells is not None:
                out.append((number, "| " + " | ".join(cells) + " |"))
                continue
            if _group_row(text):  # 一、主要预期目标分解（11项）: the rows go on under it
                out.append((number, text))
                continue
            columns = None
        glued = False
        if "序" not in text and "编号" not in text:
            bare = unnumbered_tail(text) if len(text) < _MAX_LINE and " " in text else None
            if bare is not None:
                before, cells = bare
                columns = columns_of(" ".join(["序号", *cells]))
                if columns is not None:
                    # 主要任务 建设重点 牵头部门: a row of such a list gives its words as one
                    # task, the cells between never apart.
                    t = columns.index("task")
                    while t + 1 < len(columns) and columns[t + 1] == "ignore":
                        del columns[t + 1], cells[t]
                    glued = True
                    if before:
                        out.append((number, before))
                    out.append((number, _header_text(_header_cells(["序号", *cells]))))
                    continue
            out.append((number, text))
            continue
        found = columns_of(text)
        if found is not None:
            columns = found
            out.append((number, _header_text(_header_cells(_tokens(text)))))
            continue
        tail = header_tail(text)
        if tail is not None:
            before, columns = tail
            out.append((number, before))
            out.append((number, _header_text(_header_cells(_tokens(text[len(before) :])))))
            continue
        out.append((number, text))
    return out


def _group_row(text: str) -> bool:
    """A short heading (一、… / （一）…) between a table's rows: a group of the rows after it."""
    if len(text) > _MAX_GROUP or any(ch in text for ch in _SPACES):
        return False
    found = enumerator(text)
    return found is not None and found.style in ("一、", "（一）")
