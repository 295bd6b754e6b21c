"""A task-division table run into one line with no cell separators at all, as a document-sharing
page or a PDF copy gives it:

    …分解表序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给实施新建……
    中小学4580个。何海平教育局经开区高新园（邹区镇）各街道市国有公司2促进就业稳定增长……

The header names the columns; each row is its number, the task (whatever its cells, up to a
sentence end) and the units cells, which run together: a leader's name when the header has
such a column, the lead unit, then the others. A project may have sub-rows, each a sentence
or more with its own units; text with no units after it (a merged cell above) becomes a row
with none, for the reviewer. Unit names are cut where a name ends like a unit (局, 街道, 公司,
a closing bracket …), never inside brackets or before a word that only ends names (办公室,
中心); a cut that would start with a task's verb (推进, 提升 …) or a digit ends the run.

Every scan moves forward only and looks a bounded distance ahead, so a line of any length is
read in linear time.
"""

from __future__ import annotations

import re

from .grammar import ETC, LEAD_STARS, TASK_VERBS, UNIT_ENDINGS
from .headings import _COLUMNS, _GROUP, _IGNORED, _TASK, _TASK_PARTS, _column, header
from .nodes import Line
from .tables import Row

# Every heading the table reader knows, longest first, so 牵头单位 wins over 牵头.
_NAMES = tuple(sorted({"序号", "编号", *_TASK, *_TASK_PARTS, *_COLUMNS, *_IGNORED, *_GROUP}, key=len, reverse=True))
_HEADING = re.compile("|".join(re.escape(name) for name in _NAMES))  # longest first: 牵头单位, not 牵头
_LONGEST = len(_NAMES[0])
# A candidate header: 序号 and at least two headings, each after at most a short prefix. The
# prefix is bounded and nothing follows the repetition, so a match never backtracks far.
_RUN = re.compile("序号(?:(?:\\d{4}年)?[^\\W\\d_]{0,4}?(?:" + _HEADING.pattern + ")){2,11}")
_YEAR = re.compile(r"\d{4}年")
_PREFIX = 4  # 区政府 in 区政府分管领导: a few characters a heading may carry before a known word
_MAX_UNIT = 16
_MAX_UNITS = 12
_ENDINGS = (*UNIT_ENDINGS, "乡")
# Words that end a unit's name and never begin one: no cut in front of them or through them.
_SUFFIX_ONLY = ("办公室", "委员会", "办事处", "管委会", "服务中心", "中心", "人民政府", "政府", "公司", "集团", "分局", "支队", "大队")  # fmt: skip
# The commonest few hundred surnames: a leader's column names a person, and a
# run that does not open with one (全区城镇新增就业…) is the task going on.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝芮"
)
# Characters that end a unit's name and never open one: 人社局 is not cut after its 社.
_NON_INITIAL = "局委办厅室署处会站所院"
_SUFFIX_WORD = re.compile("|".join(re.escape(w) for w in sorted(_SUFFIX_ONLY, key=len, reverse=True)))
_SUFFIX_LONGEST = max(len(w) for w in _SUFFIX_ONLY)
_PUNCT = set("。，、；：！？“”‘’《》,.;:!?\"'…—·|/ ")
_OPEN, _CLOSE = "（(〔[【", "）)〕]】"
_MARKS = LEAD_STARS
_DEADLINE_CELL = re.compile(
    r"(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月)(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬|上半年|下半年)?(?:前|以前|之前)?(?:完成)?"
    r"|全年|长期|持续推进|长期坚持|年底前|年内"
)
_NO_UNITS = "no units cell after it: a merged cell above may cover it"


def _heading_at(text: str, i: int) -> tuple[str, int] | None:
    """The heading word at text[i] (allowing a short prefix before it) and where it ends."""
    m = _HEADING.match(text, i)
    if m:
        return m.group(0), m.end()
    year = _YEAR.match(text, i)  # 2009年计划投资: a year before the heading's words
    at = year.end() if year else i
    m = _HEADING.search(text, at + (0 if year else 1), at + _PREFIX + 1 + _LONGEST)
    if m is None or m.start() - at > _PREFIX:
        return None
    cell = text[i : m.end()]
    return (cell, m.end()) if _column(cell) is not None else None


def header_in(text: str) -> tuple[int, int, list[str], list[str]] | None:
    """(start, end, columns, heading words) of a run-on table header in `text`: 序号 followed at
    once by known headings, at least a task and a units column."""
    for m in _RUN.finditer(text):
        cells: list[str] = []
        i = m.start()
        while i < m.end() and len(cells) < 12:
            found = _heading_at(text, i)
            if found is None or (cells and _column(found[0]) == "number"):
                break  # one number column: a second 序号 starts another try, not this header
            cells.append(found[0])
            i = found[1]
        columns = header(cells) if len(cells) >= 3 else None
        if columns is not None and columns[0] == "number":
            return m.start(), i, columns, cells
    return None


def _unit_end(text: str, j: int, mend: bool = True) -> int | None:
    """Where the unit name that starts at text[j] ends, or None when none starts there."""
    n = len(text)
    depth = 0
    k = j
    while k < n and k - j < _MAX_UNIT:
        ch = text[k]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and (ch.isdigit() or ch in _PUNCT or ch in _MARKS):
            return None
        k += 1
        if depth or k - j < 3 or not text[j:k].endswith(_ENDINGS):
            continue
        if k < n and (text[k] in _OPEN or text[k] in _NON_INITIAL or text.startswith(_SUFFIX_ONLY, k)):
            continue  # 市商务局（市粮食和物资储备局）, 区政府办公室, 人社|局
        if _straddles(text, j, k):
            continue  # 区政府办|公室: the cut would split a word that ends names
        if text[j:k].endswith("城乡"):
            continue  # 省住房城乡|建设厅: 乡 ends names (某某乡), 城乡 never does
        if k < n and _ADMIN_BRACKET.search(text, max(j, k - 6), k) and _is_cjk(text[k]):
            continue  # 各区（市）县政府: a bracket of levels inside a collective's name
        longer = _to_separator(text, j, k) if mend and k < n and _is_cjk(text[k]) else None
        return longer or k
    return None


# （市）, （市、区）, （县、市、区）: levels of government in brackets, inside a collective's name.
_ADMIN_BRACKET = re.compile(r"[（(][市县区旗]{1,3}(?:、[市县区旗]){0,3}[）)]$")
_LOOKAHEAD = 4


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _to_separator(text: str, j: int, k: int) -> int | None:
    """市委社|治委、: a cut before characters that open no unit, where a separator shortly after
    closes a longer name: that end instead."""
    if _unit_end(text, k, mend=False) is not None:
        return None
    for k2 in range(k + 1, min(len(text), k + _LOOKAHEAD) + 1):
        if k2 < len(text) and text[k2] in _BETWEEN and text[j:k2].endswith(_ENDINGS):
            return k2
        if k2 < len(text) and not _is_cjk(text[k2]):
            return None
    return None


def _straddles(text: str, j: int, k: int) -> bool:
    """Whether a word of _SUFFIX_ONLY runs across position k (after text[j])."""
    for m in _SUFFIX_WORD.finditer(text, max(j, k - _SUFFIX_LONGEST + 1), k + _SUFFIX_LONGEST - 1):
        if m.start() < k < m.end():
            return True
    return False


def units_run(text: str, j: int, person: bool, stop: str = "序号") -> tuple[str, list[str], int] | None:
    """(the leader's name, the units, where the run ends) for the units cells run together from
    text[j]; None unless they name a unit (and, with a leader's column, a name before it)."""
    units: list[str] = []
    k = j
    while len(units) < _MAX_UNITS:
        if text.startswith(TASK_VERBS, k) or text.startswith(stop, k):  # a task, or the header again
            break
        end = _unit_end(text, k)
        if end is None:
            break
        while end < len(text) and text[end] in _MARKS:  # 区财政局*: the star marks the lead
            end += 1
        units.append(text[k:end])
        k = _next_unit(text, end)
    if not units:
        return None
    name = ""
    if person:
        first = units[0]
        size = 3 if len(first) - 3 >= 3 else 2
        if len(first) - size < 3 or first[0] not in SURNAMES:
            return None
        name, units[0] = first[:size], first[size:]
    return name, units, k


_BETWEEN = "、，,"


def _next_unit(text: str, end: int) -> int:
    """Where the next unit of a run starts after one ending at text[end]: at once, or after a
    separator (市城管委，市住建局) or 等部门 when a unit follows them; else `end`, the run's end."""
    etc = next((e for e in ETC if text.startswith(e, end)), "")
    sep = end + len(etc) < len(text) and text[end + len(etc)] in _BETWEEN
    k = end + len(etc) + sep
    if k > end and not text.startswith(TASK_VERBS, k) and _unit_end(text, k) is not None:
        return k
    # No unit after them: a bare 等部门 still closes the run; a separator after it does not.
    return end + len(etc) if etc and not sep else end


def rows(text: str, start: int, columns: list[str], cells: list[str], line: Line) -> list[Row]:
    """The rows of a run-on table whose header ends at text[start]."""
    units_cols = [c for c in columns if c in ("牵头单位", "配合单位", "责任单位")]
    if _figures_before_units(columns, cells):
        return _figure_rows(text, start, columns, cells, line)
    # A deadline cell right after the units (2022年底前, 全年): read; other cells after them are not.
    deadline = columns[columns.index(units_cols[-1]) + 1 : columns.index(units_cols[-1]) + 2] == ["完成时限"]
    person = any(c.endswith(("领导", "责任人")) for c in cells[: _first_units(columns)])
    head = "".join(cells)
    out: list[Row] = []
    n = len(text)
    i = start
    number = 0
    task_start = i
    while i < n:
        if text.startswith(head, i):  # the header again, at a page break
            if i > task_start:
                out.append(Row(str(number), text[task_start:i], [], [_NO_UNITS], line))
            i += len(head)
            task_start = i
            continue
        if i == task_start:
            # A row number: the next in order.
            if _number_at(text, i, number + 1):
                number += 1
                digits = str(number)
                i += len(digits)
                task_start = i
                continue
        ch = text[i]
        i += 1
        if ch not in "。；":
            continue
        run = units_run(text, i, person, head)
        if run is None:
            continue
        name, units, end = run
        said = _roles_said(text, i, end, head)
        if said is not None:
            end = said[1]
        due = _DEADLINE_CELL.match(text, end) if deadline else None
        if due:
            end = due.end()
        if not _ends_a_row(text, end, number, head):
            continue
        fields = [(units_cols[-1], said[0])] if said is not None else _fields(units_cols, units)
        row = Row(str(number), text[task_start:i], fields, [], line)
        if due:
            row.fields.append(("完成时限", due.group(0)))
        if name:
            row.notes.append(f"{cells[_person_col(cells)]}：{name}")
        out.append(row)
        i = task_start = end
    if task_start < n and text[task_start:].strip():
        out.append(Row(str(number), text[task_start:], [], [_NO_UNITS], line))
    return [r for r in out if r.task.strip()]


_MODALS = ("应当", "应", "要", "须", "必须", "可", "将")
_ROLE_VERBS = ("牵头", "配合", "参与", "协助", "负责", "落实")
_MAX_ROLE_PARTS = 4


def _roles_said(text: str, start: int, end: int, head: str) -> tuple[str, int] | None:
    """甲、乙牵头；丙配合；各州（市）党委和政府落实: a units cell that says each list's role, each
    list closed by its verb: the cell's words and where they end, for the clause grammar."""
    k = end
    parts = 0
    while parts < _MAX_ROLE_PARTS:
        verb = next((v for v in _ROLE_VERBS if text.startswith(v, k)), None)
        if verb is None:
            break
        k += len(verb)
        parts += 1
        if k < len(text) and text[k] in "；;，,":
            nxt = units_run(text, k + 1, False, head)
            if nxt is not None and any(text.startswith(v, nxt[2]) for v in _ROLE_VERBS):
                k = nxt[2]
                continue
        break
    if parts == 0:
        return None
    return text[start:k], k


def _first_units(columns: list[str]) -> int:
    return next(k for k, c in enumerate(columns) if c in ("牵头单位", "配合单位", "责任单位"))


def _person_col(cells: list[str]) -> int:
    return next(k for k, c in enumerate(cells) if c.endswith(("领导", "责任人")))


def _ends_a_row(text: str, end: int, number: int, head: str) -> bool:
    """After a units run comes the next row's number, the header again, the end, or the next
    sub-row's task (which opens with what to do, or at least is not a unit)."""
    if end >= len(text):
        return True
    if _number_at(text, end, number + 1) or text.startswith(head, end):
        return True
    if text.startswith(_MODALS, end):
        return False  # 地方各级政府应当对…: the units are a sentence's subject, inside the task
    return text.startswith(TASK_VERBS, end) or _unit_end(text, end) is None


def _number_at(text: str, i: int, number: int) -> bool:
    """Whether the row number `number` stands at text[i] (2, not the 2 of 2022)."""
    digits = str(number)
    return text.startswith(digits, i) and not text[i + len(digits) : i + len(digits) + 1].isdigit()


def _fields(columns: list[str], units: list[str]) -> list[tuple[str, str]]:
    """The units to their columns: with 牵头单位 first, it takes the first unit and the next
    column the rest; a single units column takes them all."""
    if not columns:
        return []
    if len(columns) == 1 or len(units) == 1:
        return [(columns[0], "、".join(units))]
    return [(columns[0], units[0]), (columns[1], "、".join(units[1:]))]


# Headings of figure columns (总投资, 2009年计划投资, 金额（万元）): their cells are digits.
_FIGURE_HEADINGS = ("投资", "金额", "资金", "万元", "总额")
_MAX_TASK = 120  # a project's name and stage, before its figures
_MAX_NAMES = 12  # leaders' names after the units, before the next row's number


def _figures_before_units(columns: list[str], cells: list[str]) -> bool:
    if "task" not in columns:
        return False
    between = range(columns.index("task") + 1, _first_units(columns))
    return any(columns[k] == "ignore" and cells[k].endswith(_FIGURE_HEADINGS) for k in between)


def _first_row(text: str, i: int) -> int | None:
    """Where row 1's number stands after the header: at once, or closing the figures of a total
    row (合计7089078737500 then 1十陵…: the digits run into the number)."""
    n = len(text)
    end = min(n, i + 40)
    j = i
    while j < end:
        if text[j].isdigit():
            k = j
            while k < n and text[k].isdigit():
                k += 1
            if k < n and text[k - 1] == "1" and "\u4e00" <= text[k] <= "\u9fff":
                return k - 1
            j = k
        else:
            j += 1
    return None


def _figure_rows(text: str, start: int, columns: list[str], cells: list[str], line: Line) -> list[Row]:
    """A project table run into one line, figures between the task and the units (序号 项目名称
    建设阶段 总投资 计划投资 项目业主 牵头协调部门 牵头区领导): each row is its number, the
    project's words up to its first figure, the figures, the units run together, then leaders'
    names up to the next row's number. With a column not read just before the units (项目业主,
    the company that builds), only the last unit is the units column's; the others are noted."""
    first = _first_units(columns)
    units_cols = [c for c in columns if c in ("牵头单位", "配合单位", "责任单位")]
    owner = columns[first - 1] == "ignore" and not cells[first - 1].endswith(_FIGURE_HEADINGS)
    after = [cells[k] for k in range(first + 1, len(columns)) if columns[k] == "ignore"]
    n = len(text)
    out: list[Row] = []
    number = 1
    at = _first_row(text, start)
    while at is not None:
        t0 = at + len(str(number))
        j = t0
        while j < n and j - t0 < _MAX_TASK and not text[j].isdigit():
            j += 1
        task = text[t0:j]
        while j < n and (text[j].isdigit() or text[j] == "."):
            j += 1
        units: list[str] = []
        k = j
        while k < n and len(units) < _MAX_UNITS:
            end = _unit_end(text, k)
            if end is None:
                break
            units.append(text[k:end])
            k = end + (1 if end < n and text[end] in "、，," else 0)
        p = k
        while p < n and p - k <= _MAX_NAMES and not text[p].isdigit():
            p += 1
        following = p if p < n and _number_at(text, p, number + 1) else None
        row = Row(str(number), task, [], [], line)
        if owner and len(units) > 1:
            row.notes.append(f"{cells[first - 1]}：{'、'.join(units[:-1])}")
            units = units[-1:]
        if units:
            row.fields = _fields(units_cols, units)
        else:
            row.notes.append(_NO_UNITS)
        names = text[k:p] if following is not None else ""
        if names and after:
            row.notes.append(f"{after[-1]}：{names}")
        out.append(row)
        if following is None:
            if p < n and text[k:].strip():
                row.notes.append(f"cell not read: {text[k : k + 200]}")
            break
        at, number = following, number + 1
    return [r for r in out if r.task.strip()]
