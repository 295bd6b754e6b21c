"""The headings of a task-division table: which field each column gives (序号, the task, 牵头单位 /
配合单位 / 责任单位, 完成时限, or a column not read), known as words or by how they end, and the
header row itself, with the columns a two-level heading or an unknown heading leaves."""

from __future__ import annotations

from .grammar import LEAD_LABELS, PERSON_LABELS, RESPONSIBLE_LABELS, SUPPORT_LABELS
from .outline import enumerator

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
    "工作要点",
    "重点工作任务",
    "目标任务",
    "事项",
    "实事项目",
    "民生实事",
)
_COLUMNS: dict[str, str] = {
    "牵头单位": "牵头单位", "牵头部门": "牵头单位", "牵头负责部门": "牵头单位", "牵头负责单位": "牵头单位", "主要责任单位": "牵头单位", "牵头责任单位": "牵头单位", "主责单位": "牵头单位",
    "牵头协调部门": "牵头单位", "牵头协调单位": "牵头单位",
    "责任单位或牵头单位": "牵头单位", "牵头单位或责任单位": "牵头单位",  # beside 协助单位: who leads
    "配合单位": "配合单位", "配合部门": "配合单位", "协同责任单位": "配合单位", "协办单位": "配合单位", "参与单位": "配合单位",
    "协同单位": "配合单位", "协同部门": "配合单位", "协同配合单位": "配合单位",
    "责任单位": "责任单位", "责任部门": "责任单位", "责任科室": "责任单位",
    "负责部门": "责任单位", "负责单位": "责任单位",  # 负责部门: the units answerable, as 责任部门
    "负责科室": "责任单位", "负责处室": "责任单位", "负责股室": "责任单位",  # a bureau's own sections
    "实施部门": "责任单位", "实施单位": "责任单位", "承办部门": "责任单位", "承办单位": "责任单位",
    "责任主体": "责任单位", "主体责任单位": "责任单位", "责任主体单位": "责任单位", "实施主体": "责任单位",
    "完成时限": "完成时限", "完成时间": "完成时限", "时间节点": "完成时限", "时限": "完成时限", "完成期限": "完成时限",
}  # fmt: skip
_IGNORED = (
    "进展情况", "备注", "责任领导", "牵头领导", "分管领导", "牵头负责领导", "完成情况", "工作目标", "年度目标", "目标值",
    "单位", "计量单位", "评分部门", "考核部门", "督办单位", "考核指标", "指标", "分值", "权重",
    "责任人", "联系人", "目标", "建设阶段", "总投资", "计划投资", "年度投资", "项目业主", "业主单位", "建设单位",
    "领导", "建设主体",
)  # fmt: skip
# Columns known by how their heading ends: a figure (区本级任务数, 目标值), a person (区政府分管领导),
# a progress report (1-10月推进情况), a class (目标类型), a remark (说明), the quarter's plan
# (工作任务安排), what is wrong and what comes next (存在问题和下步计划), or how far it got
# (1-8月实际完成率%).
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
    "实施计划",
    "进度",
    "方式",
    "步骤",
    "投资",
    "业主",
    "阶段",
    "完成率",  # 1-8月实际完成率%: a figure of progress
    "完成率%",
    "完成率％",
)
# A yes/no column (是否达序, 是否完成) is a verdict, not a task or an owner.
_IGNORED_STARTS = ("是否",)
# A task told as what is asked of it (内容与要求, 指标要求): the task's words.
_TASK_ENDINGS = ("要求",)
# Words that say which of two units columns of a kind a heading is (总牵头单位, 分项牵头单位,
# 具体责任单位, 主要配合单位).
_QUALIFIERS = ("总", "分项", "具体", "主要")
# A point of work over the rows that say what it asks (工作任务 | 具体要求).
_POINTS = ("工作任务", "工作要点", "重点任务", "主要任务", "重点工作", "工作重点")
_TIME_ASKED = ("时限要求", "时间要求", "完成时限要求")
# A bureau's own sections as the units column's heading (责任股室, 责任处室, 责任科（室）).
_OFFICES = ("股室", "处室", "科室", "股", "科", "处", "室")
_GROUP = ("考核项目", "类别", "项目类别", "领域", "板块", "事项分类", "分类", "项目", "大类")
# A task told in two columns (事项名称 / 项目内容): the name, then what it does.
_TASK_PARTS = ("事项名称", "项目名称", "任务名称", "项目内容", "事项内容", "建设内容", "主要内容")
_PLACEHOLDERS = ("/", "／", "-", "—", "无")
# A task told as a year's target (2022年预期目标, 年度任务目标), a project, a target's name or a
# livelihood matter (实事项目, 指标名称, 民生实事).
_TARGETS = ("预期目标", "任务目标", "项目", "实事", "指标名称", "工作名称")
_SHORT_HEADING = 12
# A project's facts beside its owner: where, when, how much, how to complain.
_FACTS = ("地点", "时间", "金额", "投资", "规模", "成效", "电话", "万元")


_COLUMN_NAMES = tuple(_COLUMNS)
_UNITS = ("牵头单位", "配合单位", "责任单位")
_PEOPLE = ("负责人", "责任人", "联系人", "领导")


def _role_columns() -> dict[str, str]:
    roles = {**dict.fromkeys(RESPONSIBLE_LABELS, "责任单位"), **dict.fromkeys(SUPPORT_LABELS, "配合单位")}
    return {**roles, **dict.fromkeys(LEAD_LABELS, "牵头单位")} | {
        "分工": "责任单位",
        "任务分工": "责任单位",  # 工作要点 | 具体要求 | 任务分工: who carries each out
        "牵头": "牵头单位",
        "配合": "配合单位",
    }


_ROLE_COLUMNS = _role_columns()


def _column(cell: str, endings: bool = True) -> str | None:
    """The field a header cell names: 'number', 'task', a label, 'ignore', or None. Without
    `endings`, only the headings known as words, not those known by how they end."""
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
    if base.endswith(_TIME_ASKED):
        return "完成时限"  # 时限要求: when it is due, though it ends like 具体要求
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
    qualified = next((base[len(q) :] for q in _QUALIFIERS if base.startswith(q)), "")
    if short and qualified in _COLUMNS:
        return _COLUMNS[qualified]  # 总牵头单位, 分项牵头单位: a lead all the same
    if short and base.startswith("责任") and base.endswith(_OFFICES):
        return "责任单位"  # 责任股室, 责任处（科）室: the sections of one bureau answerable
    # 牵头单位及主要负责人: the units column and the people who head them, named in its cells.
    head, joined, person = next(
        ((base[: base.find(j)], j, base[base.find(j) + 1 :]) for j in "及和、" if 0 < base.find(j) < len(base) - 1),
        ("", "", ""),
    )
    if joined and head in _COLUMNS and _COLUMNS[head] in _UNITS and person.endswith(_PEOPLE):
        return _COLUMNS[head]
    # 责任主体与协同单位: two headings joined, the units column being the last one named.
    if base.endswith(_COLUMN_NAMES):
        for name, column in _COLUMNS.items():
            if base.endswith(name) and base[: -len(name)].endswith(("与", "和", "及", "、")):
                first = _COLUMNS.get(base[: -len(name) - 1])
                if column == "完成时限" and first in ("牵头单位", "配合单位", "责任单位"):
                    return first  # 责任单位及完成时限: the units, their deadline among them
                return column
    return _by_grammar(base) if endings else None


# Headings known by how they end, after the words above: what the task is (主要举措, 重点项目,
# 政策内容), when it is due (办结时限, 完成时间节点), and columns not read: a standard (考核标准),
# a schedule (进度安排), a size (建设规模), a target or indicator (预期目标, 量化指标; the task
# when nothing else is, see header()).
_TASK_WORD_ENDINGS = ("举措", "工作", "项目", "内容", "名称", "任务分解")
_DEADLINE_ENDINGS = ("时间节点", "时限", "期限", "完成时间", "截止时间", "实施时间")
_NOT_READ_ENDINGS = ("标准", "安排", "规模", "指标", "目标", "联系方式")


def _by_grammar(base: str) -> str | None:
    """A heading that is a label of the clause grammar (牵头科室, 协办部门, 主办单位, 责任处室,
    牵头市领导 …) gives that label's column; else one known by its ending."""
    if base in LEAD_LABELS:
        return "牵头单位"
    if base in SUPPORT_LABELS:
        return "配合单位"
    if base in RESPONSIBLE_LABELS:
        return "责任单位"
    if base in PERSON_LABELS:
        return "ignore"
    if not _heading_like(base):  # 一、主要预期目标 is a chapter, not a heading ending in 目标
        return None
    if base.endswith(_DEADLINE_ENDINGS):
        return "完成时限"
    if base.endswith(_TASK_WORD_ENDINGS):
        return "task"
    if base.endswith(_NOT_READ_ENDINGS):
        return "ignore"
    return None


def header(cells: list[str]) -> list[str] | None:
    """The columns, when `cells` is a task-division table's header row."""
    columns = [_column(c) if c.strip() else "ignore" for c in cells]  # | |: a heading spanning two
    if sum(1 for c in cells if not c.strip()) * 2 >= len(cells):
        return None
    if None in columns:
        # A heading the reader does not know (工作举措, 建设地点) in a header that opens with its
        # number column and names a units column: a column not read, or the task when it comes
        # right after the number and nothing else is.
        unknown = [i for i, c in enumerate(columns) if c is None]
        # Without the number column, a header is surer of itself: a task column known and
        # two headings in three.
        sure = columns[:1] == ["number"] or ("task" in columns and len(unknown) * 3 <= len(cells))
        if not sure or len(unknown) * 2 > len(cells) or not all(_heading_like(cells[i]) for i in unknown):
            return None
        for i in unknown:
            columns[i] = "ignore"
        if "task" not in columns and unknown[0] == 1 and _column_fallback(cells) is None:
            columns[1] = "task"
    if "task" not in columns:
        # An assessment-style table with no task heading (序号/责任单位/考核指标/…, 项目/目标/…):
        # what is to be achieved is the task.
        at = _column_fallback(cells)
        if at is None:
            return None
        columns[at] = "task"
    if not any(c in ("牵头单位", "配合单位", "责任单位") for c in columns):
        return None
    tasks = [i for i, c in enumerate(columns) if c == "task"]
    if (
        len(tasks) == 2
        and tasks[1] == tasks[0] + 1
        and _base(cells[tasks[1]]).endswith((*_TASK_ENDINGS, "工作内容"))
        and _base(cells[tasks[0]]) in _POINTS
    ):
        # 工作任务 | 具体要求: the point, merged over the rows that ask what it takes (a
        # 任务名称 | 指标要求 pair is one task, its name and its figure).
        columns[tasks[0]] = "group"
    implementing = [i for i, c in enumerate(cells) if _implementing(c)]
    responsible = [i for i, c in enumerate(columns) if c == "责任单位" and i not in implementing]
    if "牵头单位" not in columns and responsible and ("配合单位" in columns or implementing):
        # 责任单位 | 配合单位 (or | 实施部门, the section that carries it out): the table splits
        # the two roles, so the responsible column leads and the other supports.
        for i in implementing:
            columns[i] = "配合单位"
        for i in responsible:
            columns[i] = "牵头单位"
    units = [i for i, c in enumerate(columns) if c in _UNITS_COLUMNS]
    if len(units) == 1 and _base(cells[units[0]]) == "主要责任单位":
        # 主要责任单位 alone: the units that answer for the task, no lead among them (beside a
        # 协同配合单位 column it is the lead's).
        columns[units[0]] = "责任单位"
    units_at = units[0]
    for k in tasks[1:]:
        if k > units_at and k - 1 not in tasks and any(word in cells[k] for word in _TARGET_WORDS):
            # 项目名称 | 目标任务 | 牵头单位 | 目标任务 | 累计完成: a target's heading after the
            # units, the task given before them, heads a figure: a column not read.
            columns[k] = "ignore"
    # 责任单位 over 牵头单位 and 配合单位, a two-level heading flattened into one row: the
    # parent names no column of its own.
    for i in range(len(columns) - 2, 0, -1):
        if columns[i] == "牵头单位" and columns[i + 1] == "配合单位" and columns[i - 1] == "责任单位":
            del columns[i - 1]
            break
    return [c for c in columns if c is not None]


_UNITS_COLUMNS = ("牵头单位", "配合单位", "责任单位")
_TARGET_WORDS = ("目标", "指标")


def sub_header(columns: list[str], heads: list[str], cells: list[str]) -> list[str] | None:
    """The columns once a second header row `cells` (牵头单位 | 配合单位 under a 责任单位 spanning
    both) is read into the first, whose headings are `heads`: by position when the rows have as
    many cells, else in place of the first units column and the blank cells it spans."""
    named: list[tuple[int, str]] = []
    for i, c in enumerate(cells):
        if c.strip():
            column = _column(c)
            if column not in _UNITS_COLUMNS:
                return None
            named.append((i, column))
    if len(named) < 2 or len(columns) != len(heads):
        return None
    if len(cells) == len(columns):
        out = list(columns)
        for i, column in named:
            out[i] = column
        return out
    at = next((i for i, c in enumerate(columns) if c in _UNITS_COLUMNS), None)
    if at is None:
        return None
    span = 1
    while span < len(named) and at + span < len(heads) and not heads[at + span].strip():
        span += 1
    return [*columns[:at], *(c for _, c in named), *columns[at + span :]]


def _base(cell: str) -> str:
    return "".join(cell.split()).split("（", 1)[0].split("(", 1)[0]


def _column_fallback(cells: list[str]) -> int | None:
    """The column that holds the task when none is headed as one (考核指标, 目标, 项目)."""
    bases = [_base(c) for c in cells]
    at = next((i for i, b in enumerate(bases) if b in _TASK_FALLBACK or b.endswith(("目标", "指标"))), None)
    if at is None:  # 序号 | 项目 | 责任单位: the project is the task
        at = next((i for i, b in enumerate(bases) if b == "项目"), None)
    return at


def _heading_like(cell: str) -> bool:
    """A short run of words, as a column heading is (not a figure, a date or a sentence)."""
    base = _base(cell)
    return 1 < len(base) <= 10 and all("\u4e00" <= ch <= "\u9fff" for ch in base)


# Headings that can hold the task when no column is headed as one.
_TASK_FALLBACK = ("考核指标", "目标", "工作目标", "年度目标", "指标", "目标任务")
_IMPLEMENTING = ("实施部门", "实施单位", "承办部门", "承办单位")


def _implementing(cell: str) -> bool:
    return _base(cell) in _IMPLEMENTING


def _known_word(cell: str) -> bool:
    """A heading the reader knows as a whole word, not by its ending."""
    return cell in _COLUMNS or cell in _GROUP or cell in _TASK_PARTS or cell in _IGNORED
