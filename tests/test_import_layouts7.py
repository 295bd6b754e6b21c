"""`prd import` on layouts the seventh held-out set (unseen7/) showed."""

from __future__ import annotations

from .importing import items, roles


def _bars(*cells: str) -> str:
    return "".join(f"{c}\n|\n" for c in cells)


def test_a_table_whose_rows_open_and_close_with_their_own_bar_and_a_responsible_column() -> None:
    # Each cell on a line and a bar after it; each row opened by a bar of its own, so a row's
    # end reads as | then |. 负责部门 is the units answerable: joint.
    text = "某县工作任务分解表\n|\n" + _bars("序号", "工作任务", "负责部门", "时间进度") + "|\n"
    text += _bars("1", "推进甲项工作", "县财政局、县审计局", "年底前") + "|\n"
    text += _bars("2", "完善乙项机制", "县农业局,各乡镇政府", "常态工作")
    got = items(text)
    assert [i["text"] for i in got] == ["推进甲项工作", "完善乙项机制"]
    assert roles(got[0]) == ([], ["县财政局", "县审计局"], [])
    assert roles(got[1]) == ([], ["县农业局", "各乡镇政府"], [])
