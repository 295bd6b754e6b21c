"""Task-division tables (序号 / 工作任务 / 牵头单位 / 配合单位 / 责任单位 / 完成时限), as a .docx
or a web page gives them (one row a line, cells separated by |) or as a scrape flattens them
(one cell a line). Each row becomes the task's text followed by labelled field lines, which the
clause finder then reads like any other labelled block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numerals import parse_chinese_number
from .finders import field_line
from .grammar import (
    UNIT_ENDINGS,
    _split_inner_labels,
    label_of,
    strip_etc,
)
from .headings import (
    _PLACEHOLDERS,
    _UNITS_COLUMNS,
    _column,
    _heading_like,
    _known_word,
    header,
)
from .nodes import Line
from .outline import enumerator

_ANNEX = re.compile(r"附件\s*\d{0,2}\s*[：:]?")
_RULE = re.compile(r"[:：]?[-—－]{2,}[:：]?|")


@dataclass
class Row:
    number: str
    task: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    notes: list[str] = field(default_factory=list)
    line: Line | None = None


def pipe_cells(text: str) -> list[str] | None:
    if "|" not in text:
        return None
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 else None


def _spanned(columns: list[str], cells: list[str]) -> list[str]:
    """A row with more cells than its header has headings that span several cells (目标 over a
    goal, an indicator and a figure): the cells after the task are those at the row's end, and
    the extra cells go with the task."""
    if len(cells) <= len(columns) or "task" not in columns:
        return cells
    t = columns.index("task")
    after = len(columns) - t - 1
    end = len(cells) - after
    extra = [c for c in cells[t + 1 : end] if c]
    task = " ".join([cells[t], *extra]) if cells[t] else " ".join(extra)
    return [*cells[:t], task, *cells[end:]]


def merged_down(columns: list[str], cells: list[str], above: list[str] | None) -> list[str] | None:
    """1 | 农村人居环境整治提升工程 | 推广… | … | 县专班 | then 新增国家卫生乡镇2个。 | … | 已完成 | |||:
    a row under a numbered one whose first cells (序号, 项目名称) and last (the units) are merged
    down over it; its cells as the table holds them, taken from the row above where merged.
    None when the row is a whole one of its own."""
    if above is None or columns[:1] != ["number"] or not cells or row_number(cells[0]) is not None:
        return None
    given = list(cells)
    while given and not given[-1].strip():
        given.pop()
    tasks = [i for i, c in enumerate(columns) if c == "task"]
    if not given or not tasks:
        return None
    at = tasks[-1]  # 项目名称 then 项目内容: the name is merged, the content is the row's own
    if at < 1 or at + len(given) > len(columns) or len(above) != len(columns):
        return None
    return [*above[:at], *given, *above[at + len(given) :]]


def row_from_cells(columns: list[str], cells: list[str], line: Line) -> Row | None:
    if cells and 1 < len(cells[0]) <= 8 and cells[0].endswith(("：", ":")):
        return None  # 索引号： | … | 成文日期： | …: the page's metadata after the table, not a row
    if all(_RULE.fullmatch(c) for c in cells):
        return None  # |---|:---:|: a Markdown table's rule under its header
    cells = _under_group(columns, cells)
    missing = len(columns) - len(cells)
    if missing > 0 and "group" in columns:
        # A group cell merged over its rows is given on the first of them only.
        merged = [i for i, c in enumerate(columns) if c == "group"][:missing]
        columns = [c for i, c in enumerate(columns) if i not in merged]
    if len(cells) < len(columns):
        cells = cells + [""] * (len(columns) - len(cells))
    cells = _spanned(columns, cells)
    pairs = list(zip(columns, cells, strict=False))
    if any(c in _UNITS_COLUMNS for c in columns) and any(
        column not in (*_UNITS_COLUMNS, "number") and _names_only(cell) for column, cell in pairs
    ):
        # A row short of cells whose units sit under another heading (序号 | 工作任务 | 细化分工 |
        # 责任处室 | …, then 2 | 任务 | 疾控处 | 长期推进 |): read by what the cells hold.
        numbered = columns[:1] == ["number"] and is_row_number(cells[0])
        content = _by_content(columns[1:] if numbered else columns, [c for c in cells[numbered:] if c])
        if content and any(column in _UNITS_COLUMNS for column, _ in content):
            pairs = ([("number", cells[0])] if numbered else []) + content
    row = Row(number="", task="", line=line)
    for column, cell in pairs:
        if column == "number":
            row.number = cell
        elif column == "group":
            if cell.strip():
                row.notes.append(f"group: {''.join(cell.split())}")
        elif column == "task":
            # 任务名称 then 指标要求: the name, a colon, what is asked.
            sep = "：" if row.task and cell and not row.task.endswith(("。", "：", "；", "，")) else ""
            row.task = f"{row.task}{sep}{cell}"
        elif column not in ("ignore", "group") and cell and cell not in _PLACEHOLDERS:
            row.fields += labelled_cell(column, cell)
        elif column == "ignore" and cell.strip() and cell.strip() not in _PLACEHOLDERS:
            row.notes.append(f"cell not read: {cell}")
    return row if row.task else None


def _under_group(columns: list[str], cells: list[str]) -> list[str]:
    """A row under a merged group cell (类别 | 民生事项名称 | …, then rows without the 类别): the
    cells, an empty group cell first, when the row is one cell short once the empty cells a
    stray `| |` left at its end are dropped."""
    if not columns or columns[0] != "group" or len(cells) < len(columns) - 1:
        return cells
    end = len(cells)
    while end > len(columns) - 1 and not cells[end - 1]:
        end -= 1
    return ["", *cells[:end]] if end == len(columns) - 1 else cells


# Endings after which a units cell a page ran together (区文广旅游体育局区委宣传部蜀山街道)
# starts its next name; not 委 or 办, which open names too (区委宣传部, 区府办公室).
_RUN_ENDS = ("局", "镇", "街道", "度假区", "管委会", "宣传部", "中心")
_MIN_RUN = 3  # names a run must split into: two might be one name (市公安局交通警察支队)


def _run_together(cell: str) -> str:
    """A units cell with no separator between its names, split at their endings when it gives
    three names at least, each ending like a unit; otherwise the cell as it is."""
    if len(cell) < 10 or any(ch in cell for ch in "、，,；;/／ （(：:"):
        return cell
    names, start = [], 0
    for k in range(1, len(cell)):
        if cell[start:k].endswith(_RUN_ENDS) and k - start >= 3 and len(cell) - k >= 3:
            if cell.endswith("总局", start, k):  # 国家税务总局东莞市税务局: one name
                continue
            names.append(cell[start:k])
            start = k
    names.append(cell[start:])
    if len(names) < _MIN_RUN or not all(n.endswith(UNIT_ENDINGS) for n in names):
        return cell
    return "、".join(names)


# 市民政局 伍泽国 (市民政局伍泽国 once the wrap space is gone): a units cell under 牵头单位及主要
# 负责人, the unit's head named after it. Only after a department's ending: 市妇联 is a unit.
_PERSON_AFTER = re.compile(r"(?<=[\u4e00-\u9fff]{2}[局委办厅])\s*[\u4e00-\u9fff]{2,3}(?=\s*$|\s*[、，,；;])")


# 市发改局经贸科, 区教育局基教股: a department's section, not its head.
_SECTION_CHARS = re.compile("[局委办厅科股处室站所队组部院会中心司]")


def _without_people(cell: str) -> str:
    """The cell without a person named after each unit, when what follows a department's ending
    holds no word of a section (市民政局伍泽国, not 市发改局经贸科)."""
    if cell.endswith(UNIT_ENDINGS) and not _PERSON_AFTER.search(cell):
        return cell
    return _PERSON_AFTER.sub(lambda m: m[0] if _SECTION_CHARS.search(m[0]) else "", cell)


def labelled_cell(column: str, cell: str) -> list[tuple[str, str]]:
    """A units cell that labels its own units (牵头单位：甲 责任单位：乙、丙): each label its
    field, instead of the column's one label over them all."""
    if column in _UNITS_COLUMNS:
        cell = _run_together(_without_people(cell))
    if column == "完成时限" or label_of(cell)[0] is None:
        return [(column, cell)]
    out: list[tuple[str, str]] = []
    for piece in _split_inner_labels(cell).split("；"):
        label, rest = label_of(piece)
        if label is None:
            if not out:
                return [(column, cell)]
            out[-1] = (out[-1][0], f"{out[-1][1]}；{piece}")
        elif rest.strip(" ；;。"):
            out.append((label, rest.strip(" ；;")))
    return out or [(column, cell)]


_MAX_EMPTY = 12  # empty cells a line of pipes may close: a row has no more columns than that
_MAX_CELL_LINES = 12  # a cell a page broke over lines: a heading, a task's name, a few units
_MIN_BARS = 3  # a table has a few cells: one or two bare | lines are no such table
_SEPARATORS = "、，,；;"


def _bar_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) index of each run of bare `|` lines no more than a cell's lines apart."""
    bars = [k for k, line in enumerate(lines) if line.text.strip() == "|"]
    runs: list[tuple[int, int]] = []
    start = 0
    for j in range(1, len(bars) + 1):
        if j == len(bars) or bars[j] - bars[j - 1] - 1 > _MAX_CELL_LINES:
            if j - start >= _MIN_BARS:
                runs.append((bars[start], bars[j - 1]))
            start = j
    return runs


def _joined_cell(pieces: list[Line]) -> Line:
    """One cell's lines as one line: a name or a sentence broken mid-word goes on without a
    mark, units one a line are listed with 、."""
    if not pieces:
        return Line(0, "/")  # | then |: an empty cell
    # A piece opening with a bracket is an aside on the line before (责任部门 / （加*号为牵头部门）).
    units = all(_unit_like(p.text) and not p.text.startswith(("（", "(")) for p in pieces)
    text = pieces[0].text
    for piece in pieces[1:]:
        text += ("、" if units and not text.endswith(tuple(_SEPARATORS)) else "") + piece.text
    return Line(pieces[0].number, text)


def bar_cells(lines: list[Line]) -> list[Line]:
    """A table scraped with each cell's lines between bare `|` lines (`任务名称` / `|` / `完成2022年度`
    / `乡村振兴示范村建设` / `|` / …): each cell as one line, the bars dropped, so the table reads
    as one cell a line. A cell's lines holding a `|` of their own are some other layout."""
    runs = _bar_runs(lines)
    if not runs:
        return lines
    out: list[Line] = []
    k = 0
    for first, last in runs:
        out += lines[k:first]
        cells: list[Line] = []
        cell: list[Line] = []
        for line in lines[first + 1 : last + 1]:
            if line.text.strip() != "|":
                cell.append(line)
                continue
            if any("|" in piece.text for piece in cell):
                cells += cell
            else:
                joined = _joined_cell(cell)
                cells.append(joined if cell else Line(line.number, "/"))
            cell = []
        out += _row_bars(cells)
        k = last + 1
    out += lines[k:]
    return out


def _row_bars(cells: list[Line]) -> list[Line]:
    """`cells` without the empty cell before each row's number when every row has one: each
    row opened and closed by a bar of its own (`| 1 | 任务 | 单位 |` one cell a line), so the
    row's closing bar and the next one's opening bar read as an empty cell between them."""
    numbers = [k for k, c in enumerate(cells) if k and is_row_number(c.text)]
    if len(numbers) < 2 or any(cells[k - 1].text != "/" for k in numbers):
        return cells
    drop = {k - 1 for k in numbers}
    if cells[-1].text == "/":
        drop.add(len(cells) - 1)
    return [c for k, c in enumerate(cells) if k not in drop]


_MIN_LEADING = 4  # cells opening with a bar: a table, not a line quoting one


def leading_bar_cells(lines: list[Line]) -> list[Line]:
    """A table scraped with a bar before each cell (`序号` / `| 项目内容` / `| 责任单位` / `|` /
    `7` / `| 污水处理厂和` / `管网工程建设` / `| 市建设局` / `镇江新区管委会` / `|`): each cell, its
    wrapped lines joined, as a line of its own; a row's closing bar dropped. The table then
    reads as one cell a line."""
    opening = [k for k, line in enumerate(lines) if line.text.startswith("|") and line.text.strip("| ")]
    if len(opening) < _MIN_LEADING or any(lines[k].text.rstrip().endswith("|") for k in opening):
        return lines
    out: list[Line] = lines[: opening[0]]
    cell: list[Line] = []

    def close() -> None:
        if cell:
            out.append(_joined_cell(cell))
            cell.clear()

    for line in lines[opening[0] :]:
        text = line.text.strip()
        if text == "|":  # a row's end
            close()
        elif text.startswith("|"):
            close()
            cell.append(Line(line.number, text[1:].strip()))
        elif is_row_number(text) or not cell or len(cell) >= _MAX_CELL_LINES:
            close()  # a number, a line after a row's end, or text after the table: no cell's
            out.append(line)
        else:
            cell.append(line)  # a cell's wrapped line
    close()
    return out


def cell_lines(lines: list[Line]) -> list[Line]:
    """A table scraped one cell a line, each cell closed by `|` (`牵头单位 |`) and a row by a bare
    `|`: the cells as plain lines, which the flattened-table reader knows. A line of pipes
    alone after such cells closes empty cells (`||` is one empty cell, then the row's end),
    which become the placeholder `/` so the cells after the units stay aligned."""
    out: list[Line] = []
    in_cells = False
    open_row = False  # the line before is a | row broken inside a cell: this line goes on it
    for line in lines:
        text = line.text.strip()
        was_open, open_row = open_row, text.count("|") >= 2 and not text.endswith("|")
        if was_open and not open_row:
            out.append(line)
            in_cells = False
        elif text.endswith("|") and text.count("|") == 1 and len(text) > 1:
            out.append(Line(line.number, _unspaced(text[:-1].rstrip())))
            in_cells = True
        elif text.startswith("|") and text.endswith("|") and text.count("|") == 2 and text.strip("| "):
            # | 1 | opening a row whose cells follow one a line: a cell like the others (a
            # one-cell row is no table row either way).
            out.append(Line(line.number, text[1:-1].strip()))
            in_cells = True
        elif in_cells and text and set(text) <= set("| "):
            out += [Line(line.number, "/") for _ in range(min(text.count("|") - 1, _MAX_EMPTY))]
            in_cells = False  # a row's end: the next line of pipes alone closes nothing more
        else:
            out.append(line)
            in_cells = False
    return out


_SPACED_OUT = re.compile(r"(?:[\u4e00-\u9fff] )+[\u4e00-\u9fff]")


def _unspaced(cell: str) -> str:
    """市 城 市 管 理 局: a cell's characters spaced out to fill it, as one word."""
    return cell.replace(" ", "") if _SPACED_OUT.fullmatch(cell) else cell


_MAX_HEADINGS = 12  # a flattened header has no more columns than that
_ROW_STYLES = ("1.", "1、", "1．")


def _unnumbered_header(lines: list[Line], k: int) -> int:
    """How many lines from lines[k] are a header flattened one cell a line that opens with its
    task column and has no 序号 (目标任务 / 责任领导 / 责任单位), or 0."""
    j = k
    while j < len(lines) and j - k < _MAX_HEADINGS and len(lines[j].text) <= 24:
        # A heading known only by its ending (主要目标) when a known one follows it.
        between = j > k and j + 1 < len(lines) and _column(lines[j + 1].text, endings=False) is not None
        if _column(lines[j].text, endings=False) is None and not (between and _column(lines[j].text)):
            break
        j += 1
    cells = [line.text for line in lines[k:j]]
    columns = header(cells) if len(cells) >= 3 else None
    if columns is None or "number" in columns or len(columns) != len(cells):
        return 0
    # 领域 / 主要目标 / …: a group column first, its merged cells missing from the rows.
    if columns[0] != "task" and columns[:2] != ["group", "task"]:
        return 0
    return j - k


def numbered_rows(lines: list[Line]) -> list[Line]:
    """A table flattened one cell a line with no 序号 column, each row's task keeping its own
    number (1. 生产总值增长7.5%以上。 / 董贵波 / 市发改委…): a 序号 heading before the header and
    each row's number on a line of its own before its task, as the one-cell-a-line reader knows
    such tables. Only when the first row follows the header (a group heading 一、… between them)."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        span = _unnumbered_header(lines, k) if _column(lines[k].text, endings=False) in ("task", "group") else 0
        j = k + span
        while (
            span
            and j < min(k + span + 3, len(lines))
            and (e := enumerator(lines[j].text))
            and e.style not in _ROW_STYLES
        ):
            j += 1  # 一、主要预期指标: a group heading before the first row
        first = enumerator(lines[j].text) if span and j < len(lines) else None
        if first is None or first.style not in _ROW_STYLES or first.number != 1:
            out.append(lines[k])
            k += 1
            continue
        out.append(Line(lines[k].number, "序号"))
        out += lines[k:j]
        expect = 1
        for line in lines[j:]:
            e = enumerator(line.text)
            if e is not None and e.style == first.style and e.number == expect:
                out.append(Line(line.number, str(expect)))
                expect += 1
            out.append(line)
        return out
    return out


_NUMBER_MARKS = "*＊.．、"  # 3*: a starred row; 3. or 3、: a number written as in a list


def is_row_number(text: str) -> bool:
    text = text.strip().rstrip(_NUMBER_MARKS)
    return 0 < len(text) <= 3 and text.isdigit()


def _unit_like(text: str, closed: bool = False) -> bool:
    """A units cell. With `closed` (the row's last units cell) it may end with 。 like a sentence."""
    text = text.strip()
    if text.endswith("。"):
        # 新建幼儿园2所。 is a sentence; 区投资促进中心。 or 区工信局、各乡镇人民政府，魏武国控集团。
        # closing a row is a units cell ended like one: no figures, every name ending like a unit.
        # Elsewhere a cell with 。 is the task (建成区人民医院新院区。).
        if not closed or any(ch.isdigit() for ch in text):
            return False
        pieces = [strip_etc(p) for p in re.split("[、，,；;]", text.rstrip("。"))]
        return all(1 < len(p) <= 30 and p.endswith((*UNIT_ENDINGS, "乡")) for p in pieces)
    text = strip_etc(text.rstrip("。；;，,、*＊★"))  # 区投促局、 / 大观园街道办事处: a list wrapped
    if _FIGURE_FIRST.match(text) or (text[:1].isdigit() and _COUNTED.match(text) is None):
        # 80%（新区实验幼儿园进度滞后）: a progress figure and its note; 2所, 7699套: a target
        return False
    if text.endswith(("）", ")")):
        # 建设农村公办幼儿园（所）: a task and its measure word; 各县（市、区）: a unit.
        at = max(text.rfind("（"), text.rfind("("))
        if at > 0 and not text[:at].endswith((*UNIT_ENDINGS, "乡")):
            return False
    return 1 < len(text) <= 120 and "：" not in text and text.endswith((*UNIT_ENDINGS, "乡"))


# 13个街道、镇: the bodies of a kind, counted; a figure before them is no target.
_COUNTED = re.compile(r"\d{1,3}个(?:街道|镇|乡|区|县|部门|单位)")
# A cell whose words before a bracket are only a figure (80%, 3.5亿, 2/3) names no unit however
# its bracket ends.
_FIGURE_FIRST = re.compile(r"[\d.．%％/／~～\-]+[（(]")


def _unit_cell(text: str, closed: bool = False) -> bool:
    """A unit, or the mark a table puts in a units cell that names none (/)."""
    return text.strip() in _PLACEHOLDERS or _unit_like(text, closed)


def _name_cell(text: str) -> bool:
    """A short name with an ending the unit test does not know (区机关事务, cut short): a unit
    when it follows one in a units cell."""
    text = text.strip()
    return 1 < len(text) <= 16 and not any(ch in "。，；：,;:" or ch.isdigit() for ch in text)


def align(columns: list[str], cells: list[str], last: bool = False) -> list[tuple[str, str]]:
    """(column, cell) for a row flattened one cell a line, after its number. A merged cell is
    missing from the front of later rows; a cell may run over several lines (two units on two
    lines). With the units columns side by side (one, or 牵头单位 then 协同单位), the cells after
    them are taken from the end, the units from the run of unit-like lines before them, and the
    rest right-aligned to the columns before. Of two units columns the first takes one line and
    the last the rest, so a row's number of lines may vary."""
    unit_cols = [i for i, c in enumerate(columns) if c in ("牵头单位", "配合单位", "责任单位")]
    contiguous = bool(unit_cols) and unit_cols == list(range(unit_cols[0], unit_cols[-1] + 1))
    if not contiguous:
        if len(cells) >= len(columns):
            return list(zip(columns, cells[: len(columns)], strict=True))
        return list(zip(columns[len(columns) - len(cells) :], cells, strict=True))
    pairs = _aligned(columns, cells, unit_cols, last)
    if _misread(pairs, cells):
        return _by_content(columns, cells) or pairs
    return pairs


def _aligned(columns: list[str], cells: list[str], unit_cols: list[int], last: bool) -> list[tuple[str, str]]:
    u, last_u = unit_cols[0], unit_cols[-1]
    back_n = len(columns) - last_u - 1
    if len(cells) <= back_n:
        return []
    cut = len(cells) - back_n
    # The text's last row, cut short, lost its last cells, not its units: there the run of unit
    # cells does not reach into the cells after the units columns (elsewhere those may name
    # units too: 评分部门).
    while last and back_n and cut < len(cells) and cut > 0 and _unit_like(cells[cut]) and _unit_like(cells[cut - 1]):
        cut += 1
    notes: list[str] = []
    if back_n == 0 and len(cells) > 2 and not _unit_cell(cells[-1], closed=True):
        # The units column last, and after it a progress cell the page put below the units
        # (区投促局、 / 大观园街道办事处 / 大观园街道办事处：目前…): the units are the last run of
        # unit-like cells; what follows them is a note.
        anchor = next((i for i in range(len(cells) - 1, 0, -1) if _unit_like(cells[i])), None)
        if anchor is not None and anchor >= max(u, 1):
            notes, cells = cells[anchor + 1 :], cells[: anchor + 1]
            cut = len(cells)
    if 0 < cut < len(cells) and (cut == 1 or not _unit_cell(cells[cut - 1], closed=True)):
        # An empty cell the page left out after the units (8950 | 7356 | 82% | with no 备注):
        # counted from the end, the units column lands on a figure, or on the row's first
        # cell, its task. The units are the last run of unit-like cells after the first.
        anchor = next((i for i in range(len(cells) - 1, 0, -1) if _unit_like(cells[i])), None)
        if anchor is not None and anchor >= min(u, 1):
            cut = anchor + 1
    if (
        0 < cut < len(cells)
        and len(cells) < len(columns)
        and all(c == "ignore" for c in columns[last_u + 1 :])
        and all("、" in c and _unit_cell(c, closed=True) and not _person_cell(c) for c in cells[cut:])
    ):
        # 区农业农村局 / 区发展改革局、区工业和信息化局 and no 责任领导: a row one cell short
        # whose last cell lists units lost the leader's cell after them, not its units.
        cut = len(cells)
    back = cells[cut:]
    rest = cells[:cut]
    start = len(rest) - 1
    while start > 0 and (_unit_cell(rest[start], closed=start == len(rest) - 1) or _name_cell(rest[start])):
        if not _unit_cell(rest[start - 1]) and not (
            # 省人口计生, a name cut short between two units of the run opening as it does (省)
            start > 1
            and _unit_like(rest[start - 2])
            and _name_cell(rest[start - 1])
            and _unit_like(rest[start])
            and rest[start - 2][:1] == rest[start - 1][:1] == rest[start][:1]
        ):
            break
        start -= 1
    units = rest[start:]
    front = rest[:start]
    if not front and units and not _unit_like(units[0]):  # a row cut short: its one cell is the task
        front, units = units, []
    if last and len(cells) < len(columns) and units == rest[-1:] and not _unit_cell(units[0], closed=True):
        # The text's last row, cut before its units: its cells are its first ones, none a unit,
        # and what the columns before the units cannot hold is more of the task.
        plain = [c for c in columns if c not in ("牵头单位", "配合单位", "责任单位")]
        return [*zip(plain, cells, strict=False), *(("task", c) for c in cells[len(plain) :])]
    front_cols = columns[:u]
    if len(front) > len(front_cols):
        # ——到2020年…: a dashed point under the cell before, never a cell of its own.
        for k in range(len(front) - 1, 0, -1):
            if front[k].startswith(("——", "--")):
                front[k - 1 : k + 1] = [front[k - 1] + front[k]]
    if len(front) > len(front_cols):  # more text than columns: the task ran over lines
        extra = len(front) - len(front_cols)
        front = ["".join(front[: extra + 1]), *front[extra + 1 :]]
    pairs = _front_pairs(front_cols, front)
    named = [c for c in units if c.strip() not in _PLACEHOLDERS]
    if last_u == u:
        if named:
            pairs.append((columns[u], "、".join(named)))
    elif 1 < len(units) < last_u - u + 1:
        # 总牵头单位 / 分项牵头单位 / 参与单位 / 责任单位, a row giving three: the missing cell is
        # the one merged down from the first row, the leftmost; the cells given are the others.
        for column, cell in zip(columns[last_u + 1 - len(units) : last_u + 1], units, strict=True):
            if cell.strip() not in _PLACEHOLDERS:
                pairs.append((column, cell))
    else:
        # 牵头单位 / 协同单位: one line each for all but the last column, which takes the rest.
        for k, column in enumerate(columns[u:last_u]):
            if k < len(units) and units[k].strip() not in _PLACEHOLDERS:
                pairs.append((column, units[k]))
        tail = [c for c in units[last_u - u :] if c.strip() not in _PLACEHOLDERS]
        if tail:
            pairs.append((columns[last_u], "、".join(tail)))
    pairs += list(zip(columns[last_u + 1 :], back, strict=False))
    return pairs + [("ignore", note) for note in notes]


_DEADLINE_CELL = re.compile(
    r"(?:\d{4}年|\d{1,2}月|[一二三四]季度|年底|年内|月底|上半年|下半年|全年|每[年月季周]|长期|持续|常态)"
)


def deadline_cell(text: str) -> bool:
    """A short cell saying when (12月底前, 年底前, 持续推进, 2023年6月): no sentence, no unit."""
    text = text.strip()
    return len(text) <= 16 and not any(ch in "。；;" for ch in text) and bool(_DEADLINE_CELL.search(text))


def _person_cell(text: str) -> bool:
    """A leader's name in its cell (夏俊贵, 周 斐): two to four characters, no unit's ending."""
    name = "".join(text.split())
    return 2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name) and not _unit_like(name)


def _misread(pairs: list[tuple[str, str]], cells: list[str]) -> bool:
    """Whether cells counted from the end of a row landed where their content says they do not
    belong: no task at all, or a unit in a 备注 column (empty on most rows, so counted wrongly)."""
    if not cells:
        return False
    tasks = [c for col, c in pairs if col == "task"]
    if not tasks:
        return True
    return any(_names_only(c) for col, c in pairs if col == REMARK)


def _names_only(text: str) -> bool:
    """A cell that is nothing but units' names (疾控处, 县住建局 各相关乡镇政府), never a
    progress report that happens to end on one (…已完成;县)."""
    pieces = [strip_etc(p) for p in re.split(r"[、，,；;\s]+", text.strip()) if p]
    return bool(pieces) and all(
        1 < len(p) <= 30 and p.endswith(UNIT_ENDINGS) and not any(ch.isdigit() for ch in p) and not _person_cell(p)
        for p in pieces
    )


def _by_content(columns: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """A row's cells read by what they hold rather than where they sit, for a table whose merged
    and empty cells the page left out (a 责任领导 given on a row or two, a 备注 never filled): the
    text before the first unit is the task (and its group before it), the unit-like cells are the
    units, a cell saying when is the deadline, a short name is a leader, not read."""
    unit_cols = [c for c in columns if c in _UNITS_COLUMNS]
    kinds = []
    for cell in cells:
        if cell.strip() in _PLACEHOLDERS:
            kinds.append("empty")
        elif _unit_like(cell, closed=True):
            kinds.append("unit")
        elif deadline_cell(cell):
            kinds.append("when")
        elif _person_cell(cell):
            kinds.append("person")
        else:
            kinds.append("text")
    first = next((i for i, k in enumerate(kinds) if k != "text"), len(cells))
    front = cells[:first]
    if not front or not unit_cols:
        return []
    t = columns.index("task") if "task" in columns else 0
    front_cols = [c for c in columns[: t + 1] if c not in ("number",)]
    pairs = _front_pairs(front_cols, front) if len(front) <= len(front_cols) else [("task", "".join(front))]
    units = [c for c, k in zip(cells, kinds, strict=True) if k == "unit"]
    if units:
        if len(unit_cols) == 1:
            pairs.append((unit_cols[0], "、".join(units)))
        else:
            pairs.append((unit_cols[0], units[0]))
            if units[1:]:
                pairs.append((unit_cols[-1], "、".join(units[1:])))
    when = "完成时限" in columns
    for cell, kind in zip(cells[first:], kinds[first:], strict=True):
        if kind == "when" and when:
            pairs.append(("完成时限", cell))
            when = False
        elif kind in ("person", "text", "when"):
            pairs.append(("ignore", cell))
    return pairs


def _front_pairs(columns: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """The cells before the units, fewer than their columns: a merged group cell is missing
    from the front (right-aligned), but an empty figure cell after the task (区本级任务数) is
    missing after it. The task is the sentence: with it in the last cell, or with one task
    column and a figure after it, the cells align from the task."""
    missing = len(columns) - len(cells)
    if missing <= 0 or columns.count("task") != 1 or not cells:
        return list(zip(columns[missing:], cells, strict=True)) if missing >= 0 else []
    t = columns.index("task")
    at = max(range(len(cells)), key=lambda i: len(cells[i]))  # the task: the longest cell
    if at > t or len(cells) - at > len(columns) - t:
        return list(zip(columns[missing:], cells, strict=True))
    return list(zip(columns[t - at : t - at + len(cells)], cells, strict=True))


def flat_header_at(lines: list[Line], k: int) -> list[str] | None:
    """Columns when lines[k:] start a table header flattened one cell a line (序号 / 任务 / …)."""
    found = flat_header_span(lines, k)
    return found[0] if found else None


def flat_header_span(lines: list[Line], k: int) -> tuple[list[str], int] | None:
    """The columns of a header flattened one cell a line at lines[k], and how many lines it
    takes: a heading the page wrapped over two lines (区本级 / 任务数) is one cell."""
    text = lines[k].text
    if len(text) > 24 or _column(text) not in ("number", "group", "task"):
        return None
    cells: list[str] = []
    j = k
    end = min(k + 16, len(lines))
    known = (0, j)  # the cells up to the last known heading, and the line after it
    while j < end and len(cells) < 12:
        text = lines[j].text
        if len(text) > 40:  # 重点工作任务（杭州市2项牵头工作、19项配合工作）
            break
        following = lines[j + 1].text if j + 1 < len(lines) else ""
        if cells and _ASIDE.fullmatch(following) and row_number(following) is None and _column(text + following):
            # 责任股室 / （单位）: a heading whose bracketed aside the cell wrapped.
            cells.append(text + following)
            j += 2
            known = (len(cells), j)
            continue
        if len(text) <= 4 and len(following) <= 4 and _known_word(text + following):
            # 牵头 / 部门, 项目 / 类别, 完成 / 时间: a heading wrapped in two, each half a heading
            # of its own too; joined, a heading known as a word.
            cells.append(text + following)
            j += 2
            known = (len(cells), j)
            continue
        if _column(text, endings=False) is None:
            # 攻坚目标 / 任务: a heading wrapped over two lines, though its first line alone
            # would end like one.
            # A heading known only by its ending goes on over a line of two characters at most
            # (主要举措 / 完成时限 are two headings).
            most = 12 if _column(text) is None else 2
            joined = text + lines[j + 1].text if j + 1 < len(lines) and len(lines[j + 1].text) <= most else ""
            if joined and len(text) <= 12 and _column(joined) is not None:
                text = joined
                j += 1
            elif not _heading_like(text):
                break
        cells.append(text)
        j += 1
        if _column(text) is not None:
            known = (len(cells), j)
    # A heading not known is a cell header() may allow, between known ones: after the last
    # known one, a short line is the first row's group (农业高质高效), not a heading.
    cells, j = cells[: known[0]], known[1]
    columns = header(cells)
    if columns is None:
        return None
    if (
        columns[0] == "group"
        and columns[-1] == "ignore"
        and len(cells) > 3
        and j < len(lines)
        and row_number(lines[j].text) == 1
        and header(cells[:-1]) is not None
    ):
        # 分类 | 序号 | 事项 | 责任单位 | 牵头单位, then 发展目标 and row 1: the first row's group
        # cell (above its number), not a heading (…目标 would be one).
        cells, j = cells[:-1], j - 1
        columns = header(cells) or columns
    if len(columns) == len(cells):
        # 备注: a remark, empty on most rows; the flattened rows' reader knows it from the others.
        columns = [
            REMARK if c == "ignore" and "".join(h.split()) in _REMARKS else c
            for c, h in zip(columns, cells, strict=True)
        ]
    if "number" not in columns:
        columns = _numbered_anyway(columns, lines, j)
        if columns is None:
            return None
    return columns, j - k


REMARK = "remark"
_REMARKS = ("备注", "说明", "备考")


_ASIDE = re.compile(r"[（(][\u4e00-\u9fff]{1,4}[）)]")


def _numbered_anyway(columns: list[str], lines: list[Line], j: int) -> list[str] | None:
    """A header with no 序号 (工作任务 / 具体要求 / 责任科室 / 时限要求) over rows numbered 1, 2, …
    all the same: the columns with the number where the first row has it, first, or after a
    merged group cell given above it (强化政务公开 / 1 / 对…进行全面清理). Two task columns so
    split make the first the group, as 工作任务 over each of its 具体要求."""
    if j < len(lines) and row_number(lines[j].text) == 1:
        return ["number", *columns]
    if j + 1 < len(lines) and row_number(lines[j + 1].text) == 1 and not _unit_cell(lines[j].text):
        if columns[:2] == ["task", "task"]:
            return ["group", "number", *columns[1:]]
        if columns[0] == "group":
            return ["group", "number", *columns[1:]]
    return None


def flat_row(lines: list[Line], k: int, columns: list[str], expect: int) -> tuple[Row | None, int, list[Line]]:
    """The row whose number line is lines[k]; where the next row starts; a group label line
    (考核项目) that sat before the next number."""
    after = columns[columns.index("number") + 1 :]
    j = k + 1
    block: list[Line] = []
    while j < len(lines):
        text = lines[j].text
        number = row_number(text)
        if number is not None and j + 1 < len(lines) and _FIGURE.fullmatch(lines[j + 1].text.strip()):
            number = None  # 4 / 4 / 100%: a sub-row's figures (目标 / 完成 / 进度), not a row's number
        # A chapter heading between rows ends the row; right after the row's number, and in a
        # row still short of its cells, an enumerated line is a cell keeping its own number
        # (3 / （三）新建公园1个。, 1.4月底前…).
        if number == expect + 1 or (block and _heading(text, len(block) < len(after))) or flat_header_at(lines, j):
            break
        if _ANNEX.fullmatch(text.strip()):
            break  # 附件2: the next annex and its table, not more cells of this row
        # A page that shows only some rows (3, 68, 69, 73): a later number after a full row's
        # cells starts the next row.
        if number is not None and number > expect and len(block) >= len(after) and _opens_row(lines, j):
            break
        block.append(lines[j])
        j += 1
    trailing: list[Line] = []
    while block and field_line(block[-1].text) is not None:  # 省牵头单位：… after the cells
        trailing.insert(0, block.pop())
    group: list[Line] = []
    if (
        "group" in columns
        and len(block) > len(after)
        and not _unit_cell(block[-1].text)
        and j < len(lines)
        and row_number(lines[j].text) == expect + 1
    ):
        group = [block.pop()]  # 农村美丽宜居: the next rows' group, above their number
    pairs = align(after, [ln.text for ln in block], last=j >= len(lines))
    row = Row(number=lines[k].text, task="", line=lines[k])
    for column, cell in pairs:
        if column == "task":
            # 事项名称 then 项目内容: the name, a colon, what it does.
            sep = "：" if row.task and not row.task.endswith(("。", "：", "；", "，")) else ""
            row.task = f"{row.task}{sep}{cell}"
        elif column not in ("ignore", REMARK, "group", "number") and cell and cell not in ("-", "—", "/"):
            row.fields.append((column, cell))
        elif column in ("ignore", REMARK) and cell.strip() and cell.strip() not in _PLACEHOLDERS:
            row.notes.append(f"cell not read: {cell}")  # a figure or a leader: kept for the reviewer
    return (row if row.task else None), j, trailing + group


def _opens_row(lines: list[Line], j: int) -> bool:
    """Whether a number out of sequence at lines[j] starts a row, as on a page showing only some
    rows: its task follows it. A figure followed by a status (62 / 持续推进) is a cell."""
    following = lines[j + 1].text.strip() if j + 1 < len(lines) else ""
    return len(following) > 4 and not deadline_cell(following)


_FIGURE = re.compile(r"[-+]?\d[\d,.]*\s*%?")


def _heading(text: str, open_row: bool) -> bool:
    """Whether `text` is a heading that ends the row above. In a row still short of its cells, a
    cell listing steps (①1-3月份…；②…, 1.4月底前…) is a cell; only a chapter's 一、 or （一） ends it."""
    e = enumerator(text)
    return e is not None and (not open_row or e.style in ("一、", "（一）", "第一章"))


def row_number(text: str) -> int | None:
    if is_row_number(text):
        return int(text.strip().rstrip(_NUMBER_MARKS))
    # 一 or （一） alone on its line: a flattened table numbering its rows in Chinese.
    bare = text.strip().strip("（()）").rstrip("、")
    if 0 < len(bare) <= 3 and all(ch in _CN_NUMERALS for ch in bare) and len(text.strip()) <= 5:
        return _cn_row(bare)
    return None


_CN_NUMERALS = "一二三四五六七八九十"


def _cn_row(text: str) -> int | None:
    try:
        return parse_chinese_number(text)
    except (KeyError, ValueError, IndexError):
        return None
