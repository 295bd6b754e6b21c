"""Task-division tables a page flattened to one row a line with single spaces between cells
(`序号 工 作 任 务 牵头负责部门` / `1 居民消费价格涨幅3%左右 发展改革委`). The spaces would be
dropped as wrap noise, so before that the header and its numbered rows are rewritten as rows of
`|` cells, which the table reader knows."""

from __future__ import annotations

from .tables import header, is_row_number

_SPACES = " \t\u3000\u00a0"
_MAX_HEADER = 80  # a header line is a few short headings, never a sentence


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
    if columns is None or columns[0] != "number" or columns.count("task") != 1 or len(columns) != len(cells):
        return None
    return columns


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
            columns = None
        found = columns_of(text) if "序" in text or "编号" in text else None
        if found is not None:
            columns = found
            out.append((number, "| " + " | ".join(_header_cells(_tokens(text))) + " |"))
            continue
        out.append((number, text))
    return out
