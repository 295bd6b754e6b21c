"""Task-division tables (序号 / 工作任务 / 牵头单位 / 配合单位 / 责任单位 / 完成时限), as a .docx
or a web page gives them (one row a line, cells separated by |) or as a scrape flattens them
(one cell a line). Each row becomes the task's text followed by labelled field lines, which the
clause finder then reads like any other labelled block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .finders import field_line
from .outline import enumerator
from .repair import Line

# Column headings and the field each gives.
_TASK = (
    "工作任务",
    "重点任务",
    "主要任务",
    "任务内容",
    "工作内容",
    "具体任务",
    "重点工作",
    "工作措施",
    "具体措施",
    "任务",
    "措施",
    "重点工作任务",
    "目标任务",
    "事项",
)
_COLUMNS: dict[str, str] = {
    "牵头单位": "牵头单位", "牵头部门": "牵头单位", "牵头负责部门": "牵头单位", "牵头负责单位": "牵头单位", "主要责任单位": "牵头单位", "牵头责任单位": "牵头单位", "主责单位": "牵头单位",
    "配合单位": "配合单位", "配合部门": "配合单位", "协同责任单位": "配合单位", "协办单位": "配合单位", "参与单位": "配合单位",
    "协同单位": "配合单位", "协同部门": "配合单位", "协同配合单位": "配合单位",
    "责任单位": "责任单位", "责任部门": "责任单位", "责任科室": "责任单位",
    "完成时限": "完成时限", "完成时间": "完成时限", "时间节点": "完成时限", "时限": "完成时限", "完成期限": "完成时限",
}  # fmt: skip
_IGNORED = (
    "进展情况", "备注", "责任领导", "牵头领导", "分管领导", "牵头负责领导", "完成情况", "工作目标", "年度目标", "目标值",
    "单位", "计量单位", "评分部门", "考核部门", "督办单位", "考核指标", "指标", "分值", "权重",
)  # fmt: skip
# Columns known by how their heading ends: a figure (区本级任务数, 目标值), a person (区政府分管领导),
# a progress report (1-10月推进情况), a class (目标类型), a remark (说明), the quarter's plan
# (工作任务安排) or what is wrong and what comes next (存在问题和下步计划).
_IGNORED_ENDINGS = (
    "任务数",
    "目标值",
    "指标值",
    "完成值",
    "领导",
    "情况",
    "类型",
    "说明",
    "任务安排",
    "下步计划",
    "下一步计划",
    "存在问题",
)
# A yes/no column (是否达序, 是否完成) is a verdict, not a task or an owner.
_IGNORED_STARTS = ("是否",)
# A task told as what is asked of it (内容与要求, 指标要求): the task's words.
_TASK_ENDINGS = ("要求",)
_GROUP = ("考核项目", "类别", "项目类别", "领域", "板块", "事项分类", "分类")
# A task told in two columns (事项名称 / 项目内容): the name, then what it does.
_TASK_PARTS = ("事项名称", "项目名称", "任务名称", "项目内容", "事项内容", "建设内容", "主要内容")
_PLACEHOLDERS = ("/", "／", "-", "—", "无")
# A task told as a year's target (2022年预期目标, 年度任务目标), a project, a target's name or a
# livelihood matter (实事项目, 指标名称, 民生实事).
_TARGETS = ("预期目标", "任务目标", "项目", "实事", "指标名称", "工作名称")
_SHORT_HEADING = 12
_ANNEX = re.compile(r"附件\s*\d{0,2}\s*[：:]?")
_RULE = re.compile(r"[:：]?[-—－]{2,}[:：]?|")
# A project's facts beside its owner: where, when, how much, how to complain.
_FACTS = ("地点", "时间", "金额", "投资", "规模", "成效", "电话", "万元")


@dataclass
class Row:
    number: str
    task: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    notes: list[str] = field(default_factory=list)
    line: Line | None = None


_COLUMN_NAMES = tuple(_COLUMNS)


def _role_columns() -> dict[str, str]:
    from .grammar import LEAD_LABELS, RESPONSIBLE_LABELS, SUPPORT_LABELS

    roles = {**dict.fromkeys(RESPONSIBLE_LABELS, "责任单位"), **dict.fromkeys(SUPPORT_LABELS, "配合单位")}
    return {**roles, **dict.fromkeys(LEAD_LABELS, "牵头单位")} | {
        "分工": "责任单位",
        "牵头": "牵头单位",
        "配合": "配合单位",
    }


_ROLE_COLUMNS = _role_columns()


def _column(cell: str) -> str | None:
    """The field a header cell names: 'number', 'task', a label, 'ignore', or None."""
    if len(cell) > 60:  # a sentence, not a heading
        return None
    cell = "".join(cell.split())  # 牵 头 部 门: a heading spaced out to fill its cell
    base = cell.split("（", 1)[0].split("(", 1)[0].strip()
    if base in ("序号", "编号", "序"):
        return "number"
    if base in _GROUP:
        return "group"
    if base in ("考核内容", "工作任务", "重点工作任务", "任务内容", "主要任务", "具体任务", *_TASK_PARTS):
        return "task"
    if base in _COLUMNS:
        return _COLUMNS[base]
    if base in _IGNORED or base.startswith(_IGNORED[:8]) or base.startswith(_IGNORED_STARTS):
        return "ignore"
    if base.endswith(_TASK) or base in _TASK or base.endswith(_TASK_ENDINGS):
        return "task"
    if base.endswith(_IGNORED_ENDINGS):
        return "ignore"
    # 民生事项名称, 2022年预期目标, 建设地点: a heading's few words, never a chapter's title
    # (一、主要预期目标) that ends so too.
    short = len(base) <= _SHORT_HEADING and enumerator(base) is None
    if short and base.endswith((*_TASK_PARTS, *_TARGETS)):
        return "task"
    if short and base.endswith(_FACTS):
        return "ignore"
    if base in _ROLE_COLUMNS:  # 落实单位, 责任主体, 协办部门: any units label of the grammar
        return _ROLE_COLUMNS[base]
    # 责任主体与协同单位: two headings joined, the units column being the last one named.
    if base.endswith(_COLUMN_NAMES):
        for name, column in _COLUMNS.items():
            if base.endswith(name) and base[: -len(name)].endswith(("与", "和", "及", "、")):
                return column
    return None


def header(cells: list[str]) -> list[str] | None:
    """The columns, when `cells` is a task-division table's header row."""
    columns = [_column(c) for c in cells]
    if None in columns or "task" not in columns:
        return None
    if not any(c in ("牵头单位", "配合单位", "责任单位") for c in columns):
        return None
    return [c for c in columns if c is not None]


def pipe_cells(text: str) -> list[str] | None:
    if "|" not in text:
        return None
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    return cells if len(cells) >= 2 else None


def row_from_cells(columns: list[str], cells: list[str], line: Line) -> Row | None:
    if cells and 1 < len(cells[0]) <= 8 and cells[0].endswith(("：", ":")):
        return None  # 索引号： | … | 成文日期： | …: the page's metadata after the table, not a row
    if all(_RULE.fullmatch(c) for c in cells):
        return None  # |---|:---:|: a Markdown table's rule under its header
    cells = _under_group(columns, cells)
    if len(cells) < len(columns):
        cells = cells + [""] * (len(columns) - len(cells))
    row = Row(number="", task="", line=line)
    for column, cell in zip(columns, cells, strict=False):
        if column == "number":
            row.number = cell
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


def labelled_cell(column: str, cell: str) -> list[tuple[str, str]]:
    """A units cell that labels its own units (牵头单位：甲 责任单位：乙、丙): each label its
    field, instead of the column's one label over them all."""
    from .grammar import _split_inner_labels, label_of

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


def cell_lines(lines: list[Line]) -> list[Line]:
    """A table scraped one cell a line, each cell closed by `|` (`牵头单位 |`) and a row by a bare
    `|`: the cells as plain lines, which the flattened-table reader knows. A line of pipes
    alone after such cells closes empty cells (`||` is one empty cell, then the row's end),
    which become the placeholder `/` so the cells after the units stay aligned."""
    out: list[Line] = []
    in_cells = False
    for line in lines:
        text = line.text.strip()
        if text.endswith("|") and text.count("|") == 1 and len(text) > 1:
            out.append(Line(line.number, text[:-1].rstrip()))
            in_cells = True
        elif in_cells and text and set(text) <= set("| "):
            out += [Line(line.number, "/") for _ in range(min(text.count("|") - 1, _MAX_EMPTY))]
            in_cells = False  # a row's end: the next line of pipes alone closes nothing more
        else:
            out.append(line)
            in_cells = False
    return out


def is_row_number(text: str) -> bool:
    text = text.strip().rstrip("*＊")
    return 0 < len(text) <= 3 and text.isdigit()


def _unit_like(text: str, closed: bool = False) -> bool:
    """A units cell. With `closed` (the row's last units cell) it may end with 。 like a sentence."""
    from .grammar import UNIT_ENDINGS, strip_etc

    text = text.strip()
    if text.endswith("。"):
        # 新建幼儿园2所。 is a sentence; 区投资促进中心。 or 区工信局、各乡镇人民政府，魏武国控集团。
        # closing a row is a units cell ended like one: no figures, every name ending like a unit.
        # Elsewhere a cell with 。 is the task (建成区人民医院新院区。).
        if not closed or any(ch.isdigit() for ch in text):
            return False
        pieces = [strip_etc(p) for p in re.split("[、，,；;]", text.rstrip("。"))]
        return all(1 < len(p) <= 30 and p.endswith((*UNIT_ENDINGS, "乡")) for p in pieces)
    text = strip_etc(text.rstrip("。；;，,*＊★"))
    return 1 < len(text) <= 120 and "：" not in text and text.endswith((*UNIT_ENDINGS, "乡"))


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
    back = cells[cut:]
    rest = cells[:cut]
    start = len(rest) - 1
    while (
        start > 0
        and _unit_cell(rest[start - 1])
        and (_unit_cell(rest[start], closed=start == len(rest) - 1) or _name_cell(rest[start]))
    ):
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
    if len(front) > len(front_cols):  # more text than columns: the task ran over lines
        extra = len(front) - len(front_cols)
        front = ["".join(front[: extra + 1]), *front[extra + 1 :]]
    pairs = _front_pairs(front_cols, front)
    named = [c for c in units if c.strip() not in _PLACEHOLDERS]
    if last_u == u:
        if named:
            pairs.append((columns[u], "、".join(named)))
    else:
        # 牵头单位 / 协同单位: one line each for all but the last column, which takes the rest.
        for k, column in enumerate(columns[u:last_u]):
            if k < len(units) and units[k].strip() not in _PLACEHOLDERS:
                pairs.append((column, units[k]))
        tail = [c for c in units[last_u - u :] if c.strip() not in _PLACEHOLDERS]
        if tail:
            pairs.append((columns[last_u], "、".join(tail)))
    pairs += list(zip(columns[last_u + 1 :], back, strict=False))
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
    if len(text) > 24 or _column(text) not in ("number", "group"):
        return None
    cells: list[str] = []
    j = k
    end = min(k + 16, len(lines))
    while j < end and len(cells) < 12:
        text = lines[j].text
        if len(text) > 40:  # 重点工作任务（杭州市2项牵头工作、19项配合工作）
            break
        if _column(text) is None:
            joined = text + lines[j + 1].text if j + 1 < len(lines) and len(lines[j + 1].text) <= 12 else ""
            if len(text) > 12 or not joined or _column(joined) is None:
                break
            text = joined
            j += 1
        cells.append(text)
        j += 1
    columns = header(cells)
    if columns is None or "number" not in columns:
        return None
    return columns, j - k


def flat_row(lines: list[Line], k: int, columns: list[str], expect: int) -> tuple[Row | None, int, list[Line]]:
    """The row whose number line is lines[k]; where the next row starts; a group label line
    (考核项目) that sat before the next number."""
    after = columns[columns.index("number") + 1 :]
    j = k + 1
    block: list[Line] = []
    while j < len(lines):
        text = lines[j].text
        number = row_number(text)
        # A chapter heading between rows ends the row; right after the row's number an
        # enumerated line is its task cell keeping its own number (1 / 1.新建幼儿园2所。).
        if number == expect + 1 or (block and enumerator(text) is not None) or flat_header_at(lines, j):
            break
        if _ANNEX.fullmatch(text.strip()):
            break  # 附件2: the next annex and its table, not more cells of this row
        # A page that shows only some rows (3, 68, 69, 73): a later number after a full row's
        # cells starts the next row.
        if number is not None and number > expect and len(block) >= len(after):
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
        elif column not in ("ignore", "group", "number") and cell and cell not in ("-", "—", "/"):
            row.fields.append((column, cell))
        elif column == "ignore" and cell.strip() and cell.strip() not in _PLACEHOLDERS:
            row.notes.append(f"cell not read: {cell}")  # a figure or a leader: kept for the reviewer
    return (row if row.task else None), j, trailing + group


def row_number(text: str) -> int | None:
    return int(text.strip().rstrip("*＊")) if is_row_number(text) else None
