"""Records: a form copied block by block, one block a task (`01 项目名称：…` / `项目内容：` / … /
`责任单位：…` / `进展与成效：` / …).

Each block's name line becomes a numbered line, so the outline reads the block as one item with
its labelled lines after it. What a block reports (进展, 成效, 存在问题, 下一步) is not the task's
text: it is set aside for the unplaced list, where the reviewer still sees it. Only a document
with two blocks or more is read so: one `任务：` line is prose.
"""

from __future__ import annotations

import re

from .finders import field_line
from .nodes import Line
from .outline import enumerator

# Labels that open a block with the task's name.
_OPENERS = (
    "项目名称", "任务名称", "事项名称", "实事名称", "工程名称", "工作任务", "重点任务", "工作事项", "实事项目",
    "项目", "任务", "事项",
)  # fmt: skip
# Labels whose words describe the task, and stay with it; alone on a line they are a caption.
_CONTENT = (
    "项目内容", "建设内容", "工作内容", "主要内容", "具体内容", "实施内容", "目标任务", "任务目标", "工作目标",
    "工作措施", "主要任务", "建设规模", "具体措施", "工作要求", "目标要求",
)  # fmt: skip
# Labels of what the block reports, which is no part of the task.
_REPORT = (
    "进展与成效", "进展情况", "完成情况", "工作进展", "推进情况", "进展成效", "进度情况", "工作成效", "取得成效",
    "存在问题", "存在的问题", "下一步计划", "下步打算", "下一步工作", "下一步打算", "工作举措及成效",
)  # fmt: skip
_LABEL = re.compile(r"(\d{1,3})?\s*(" + "|".join(sorted(_OPENERS, key=len, reverse=True)) + r")\s*[：:]\s*(.*)")
_NUMBER_ALONE = re.compile(r"\d{1,3}")


def _caption(text: str, labels: tuple[str, ...]) -> str | None:
    """The label when `text` opens with one of `labels` and a colon (or is the label alone)."""
    for label in labels:
        if text.startswith(label):
            rest = text[len(label) :]
            if not rest or rest[0] in "：:":
                return label
    return None


def _opener(lines: list[Line], k: int) -> tuple[int | None, str, int] | None:
    """(number, task name, lines used) when a block opens at lines[k]."""
    m = _LABEL.fullmatch(lines[k].text.strip())
    if m is None:
        return None
    name, used = m[3].strip(), 1
    if not name:
        if k + 1 >= len(lines):
            return None
        name, used = lines[k + 1].text.strip(), 2
        if not name or field_line(name) is not None or _caption(name, _CONTENT + _REPORT):
            return None
    return (int(m[1]) if m[1] else None), name, used


def _style(lines: list[Line]) -> str:
    """An enumerator the document does not use, so the blocks get a level of their own."""
    used = set()
    for line in lines:
        e = enumerator(line.text)
        if e is not None:
            used.add(e.style)
    return next((s for s in ("1.", "（1）", "1、") if s not in used), "1.")


def records(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """`lines` with each block's name line as a numbered line, and the lines set aside."""
    openers = 0
    for k in range(len(lines)):
        if _LABEL.fullmatch(lines[k].text.strip()) is not None:
            openers += 1
            if openers >= 2:
                break
    if openers < 2:
        return lines, []
    style = _style(lines)
    out: list[Line] = []
    aside: list[Line] = []
    reporting = False
    count = 0
    k = 0
    while k < len(lines):
        line = lines[k]
        text = line.text.strip()
        found = _opener(lines, k)
        if found is None and _NUMBER_ALONE.fullmatch(text) and k + 1 < len(lines):
            after = _opener(lines, k + 1)  # 03 / 项目名称： / …: the block's number on a line of its own
            if after is not None:
                aside.append(line)
                k += 1
                line, found = lines[k], (int(text), after[1], after[2])
        if found is not None:
            number, name, used = found
            count = number if number is not None else count + 1
            mark = style.replace("1", str(count))
            out.append(Line(line.number, mark + name))
            reporting = False
            k += used
            continue
        if _caption(text, _REPORT) is not None:
            reporting = True
        elif reporting and field_line(text) is not None:
            reporting = False  # the units' line after the report: still the block's
        if reporting:
            aside.append(line)
        elif _caption(text, _CONTENT) is not None and text.rstrip("：:") in _CONTENT:
            aside.append(line)  # 项目内容： alone, a caption over the words that follow
        else:
            out.append(line)
        k += 1
    return out, aside
