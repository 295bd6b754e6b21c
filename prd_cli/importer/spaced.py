"""Task-division tables a page flattened to one row a line with single spaces between cells
(`序号 工 作 任 务 牵头负责部门` / `1 居民消费价格涨幅3%左右 发展改革委`). The spaces would be
dropped as wrap noise, so before that the header and its numbered rows are rewritten as rows of
`|` cells, which the table reader knows."""

from __future__ import annotations

from .outline import enumerator
from .tables import header, is_row_number

_SPACES = " \t\u3000\u00a0"
_MAX_HEADER = 80  # a header line is a few short headings, never a sentence
_HEADER_STARTS = ("序号", "编号", "序")
_MAX_GROUP = 40  # a group row between a table's rows (一、主要预期目标（11项）) is a short heading


def _tokens(text: str) -> list[str]:
    return text.replace("\u3000", " ").replace("\u00a0", " ").replace("\t", " ").split()


def _header_cells(tokens: list[str]) -> list[str]:
    """Tokens with a heading spaced out to fill its cell (工 作 任 务) joined back into one."""
    cells: list[str] = []
    run = ""
    for token in tokens:
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
    return _one_task(columns)


def _one_task(columns: list[str]) -> list[str] | None:
    """The columns with a task told in two headings side by side (名称 / 工作任务) as one: a
    flattened row gives the task's words with no edge between the two cells."""
    tasks = [k for k, column in enumerate(columns) if column == "task"]
    if not tasks or tasks[-1] - tasks[0] != len(tasks) - 1:
        return None
    return columns[: tasks[0] + 1] + columns[tasks[-1] + 1 :]


def _header_text(cells: list[str]) -> str:
    tasks = [k for k, column in enumerate(header(cells) or []) if column == "task"]
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
    units and dates, which hold no spaces), and the task the words between, spaces kept."""
    tokens = _tokens(text)
    if not tokens or not is_row_number(tokens[0]):
        return None
    t = columns.index("task")
    after = len(columns) - t - 1
    if len(tokens) < t + 1 + after or t != 1:
        return None
    end = len(tokens) - after
    task = " ".join(tokens[t:end])
    return [tokens[0], task, *tokens[end:]]


def rewrite(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`rows` with each space-separated table (its header, then its numbered rows) as `|` rows."""
    out: list[tuple[int, str]] = []
    columns: list[str] | None = None
    for number, text in rows:
        if columns is not None:
            cells = row_cells(text, columns)
            if cells is not None:
                out.append((number, "| " + " | ".join(cells) + " |"))
                continue
            if _group_row(text):  # 一、主要预期目标分解（11项）: the rows go on under it
                out.append((number, text))
                continue
            columns = None
        if "序" not in text and "编号" not in text:
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
