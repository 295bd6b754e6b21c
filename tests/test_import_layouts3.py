"""`prd import` on layouts the held-out set in heldout3/ showed: a task-division table a page
flattened to one row a line with single spaces between the cells, signed under a cover notice
whose points are numbered 一、二、 like a plan's chapters."""

from __future__ import annotations

from prd_cli.importer import import_bytes
from prd_cli.importer.spaced import columns_of, row_cells

from .importing import items, roles

_NOTICE = (
    "某省人民政府办公厅关于印发重点指标任务分工的通知\n"
    "各市人民政府，省政府各部门：\n"
    "现将《重点指标任务分工》印发给你们，并通知如下：\n"
    "一、各部门要按照分工抓紧制定工作方案，层层落实责任。\n"
    "二、各部门要按季度报送进展情况。\n"
    "某省人民政府办公厅\n"
    "2023年3月1日\n"
)


def test_a_table_flattened_with_spaces_under_a_signed_cover_notice() -> None:
    # The header spaced out to fill its cells (工 作 任 务); a task with a space inside it.
    text = _NOTICE + (
        "重点指标任务分工\n"
        "序号 工 作 任 务 牵头负责部门 完成时限\n"
        "1 新增城镇就业5万人以上 省人社厅 2023年底\n"
        "2 改造农村公路300公里 其中 危桥改造20座 省交通运输厅 2023年11月\n"
    )
    got = items(text)
    assert [i["text"] for i in got][-2:] == ["新增城镇就业5万人以上", "改造农村公路300公里 其中 危桥改造20座"]
    assert roles(got[-2]) == (["省人社厅"], [], [])
    assert roles(got[-1]) == (["省交通运输厅"], [], [])


def test_a_spaced_header_needs_its_number_column_and_known_headings() -> None:
    assert columns_of("序号 工 作 任 务 牵头负责部门") == ["number", "task", "牵头单位"]
    assert columns_of("工作任务 牵头单位") is None  # no number column: not this layout
    assert columns_of("序号 我们 要 认真 落实") is None  # words, not headings
    assert row_cells("一 居民消费 省发改委", ["number", "task", "牵头单位"]) is None
    assert row_cells("3 任务 甲 乙局", ["number", "task", "牵头单位"]) == ["3", "任务 甲", "乙局"]


def test_the_space_table_reader_is_linear_on_repeated_hostile_lines() -> None:
    # Many header-like and row-like lines: each is looked at once.
    text = ("序号 工作任务 牵头单位\n" + "1 甲 乙局\n" * 20000).encode("utf-8")
    result = import_bytes(text, None, name="x.txt")
    assert result.items >= 1


def test_a_table_one_cell_a_line_showing_some_rows_under_chapter_headings() -> None:
    # A bureau quotes its rows of a district table: row numbers jump (2, 41, 42, 50) across
    # chapter headings with no rows under some; a units cell ends with 。; the last row is cut.
    text = (
        "某区卫健委2024年重点工作任务分解表\n\n"
        "序号\n\n重点工作任务\n\n主要责任单位\n\n协同配合单位\n\n"
        "一、主要预期目标\n\n2\n\n人均预期寿命达到80岁。\n\n区卫健委\n\n区医保局、各镇人民政府，区城投集团。\n\n"
        "二、扩大有效投资\n\n三、增进民生福祉\n\n"
        "41\n\n建成区人民医院新院区。\n\n区卫健委\n\n区住建局。\n\n"
        "42\n\n深化医联体建设。\n\n区卫健委\n\n区医保局。\n\n"
        "50\n\n全区托位数提高至800\n"
    )
    got = items(text)
    assert [i["text"] for i in got][:3] == ["人均预期寿命达到80岁。", "建成区人民医院新院区。", "深化医联体建设。"]
    assert roles(got[0]) == (["区卫健委"], [], ["区医保局", "各镇人民政府", "区城投集团"])
    assert roles(got[1]) == (["区卫健委"], [], ["区住建局"])
    assert roles(got[2]) == (["区卫健委"], [], ["区医保局"])


def test_a_town_progress_table_one_cell_a_line_with_headings_split_over_two_lines() -> None:
    # 责任 / 领导 names a person; 责任 / 科室 is the owning office (joint, no 牵头 label); the
    # quarter's plan (工作任务安排) and progress (完成情况) are not the task.
    text = (
        "某镇2024年度重点工作计划三季度执行情况\n\n"
        "序号\n\n重点工作\n\n责任\n\n领导\n\n责任\n\n科室\n\n工作任务安排\n\n第三季度\n\n完成情况\n\n"
        "1\n\n农村饮用水提标改造\n\n李明\n\n农业农村办\n\n完成管网铺设。\n\n已完成八成。\n\n"
        "2\n\n老旧小区改造\n\n王芳\n\n城建办\n\n开工两个小区。\n\n已开工。\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["农村饮用水提标改造", "老旧小区改造"]
    assert roles(got[0]) == ([], ["农业农村办"], [])
    assert roles(got[1]) == ([], ["城建办"], [])


def test_a_collective_opened_by_xiangguan_keeps_its_enumeration_whole() -> None:
    text = "1.新建农村公路800公里。(省交通厅、相关市、县政府負責)\n2.改造危桥50座。(有关县、区政府、省财政厅负责)\n"
    got = items(text)
    # Joint owners (负责, no 牵头): the order the draft lists them in is not the point here.
    assert roles(got[0])[0] == []
    assert sorted(roles(got[0])[1]) == sorted(["省交通厅", "相关市、县政府"])
    assert sorted(roles(got[1])[1]) == sorted(["有关县、区政府", "省财政厅"])


def test_a_progress_table_whose_units_cell_labels_its_own_units() -> None:
    # One row a line between |; the progress cell numbers its points (1. 2.) and must not break
    # the row; the problems-and-next-steps cell is not the task; the units cell holds two labels.
    progress = " ".join(
        f"{n}.全市在建项目9个，总体进度正常，已完成年度投资的五成以上，组织专家赴各县开展指导。" for n in range(1, 8)
    )
    text = (
        "序号 | 工作任务 | 进展情况 | 存在问题和下步计划 | 责任单位 |\n"
        f"5 | 提升公共文化服务水平，推进市博物馆新馆建设。 | {progress} | 下步计划: 加快施工。 | "
        "牵头单位:市文旅局 责任单位:各县(市、区)政府、市开发区管委会 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["提升公共文化服务水平，推进市博物馆新馆建设。"]
    assert roles(got[0]) == (["市文旅局"], [], ["各县（市、区）政府", "市开发区管委会"])


def test_a_gazette_page_with_two_columns_run_together_is_read_column_by_column() -> None:
    # Each line: the left column, a wide run of spaces, the right column; the right column's
    # clause wraps mid-bracket (（牵头单位： / 市文旅局）).
    gap = " " * 24
    left = [
        "1.推进全域旅游示范区创建，力争年内",
        "完成两个县区的验收工作。（牵头单位：",
        "市文旅局；配合单位：各县区人民政府）",
        "2.加强旅游市场监管，开展联合检查",
        "行动，规范市场秩序。（牵头单位：市",
        "市场监管局）",
    ]
    right = [
        "3.建立健全假日旅游信息发布机制，",
        "完善预警和应急处置工作。（牵头单位：",
        "市应急局）",
        "4.大力开展非遗展演进社区、进校园活",
        "动，丰富群众文化生活。（牵头单位：",
        "市文化馆）",
    ]
    text = "\n".join(f"    {a}{gap}{b}" for a, b in zip(left, right, strict=True)) + "\n"
    got = items(text)
    assert [roles(i)[0] for i in got] == [["市文旅局"], ["市市场监管局"], ["市应急局"], ["市文化馆"]]
    # The right column's words stay together, not cut into the left column's.
    assert "完善预警和应急处置工作。" in got[2]["text"] and "2.加强" not in got[2]["text"]
