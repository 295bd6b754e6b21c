"""`prd import` on the layouts the ninth held-out set (unseen9/) showed, each on made-up text:
the rules of round 9."""

from __future__ import annotations

from .importing import items, roles


def test_a_shared_responsibility_label_beside_a_lead_is_support() -> None:
    # f01, f06: （牵头单位：甲；共同责任单位：乙，各县区）
    text = "某市民生实事项目\n1.新建幼儿园16所。（牵头单位：市教育局；共同责任单位：市住建局、各县区）\n"
    assert roles(items(text)[0]) == (["市教育局"], [], ["市住建局", "各县区"])


def test_units_that_host_and_units_that_cohost() -> None:
    # g03: （甲、乙主办，丙、板块、街道协办）: 主办 leads, 协办 helps; 板块 are a district's areas.
    text = (
        "某区工作任务分解\n"
        "1.重视科技转化。推进成果落地。（区科技局、高新区管委会主办，区相关部门、板块、街道协办）\n"
        "2.推进知识产权示范建设。（区市场监管局主办）\n"
    )
    got = items(text)
    assert roles(got[0]) == (["区科技局", "高新区管委会"], [], ["区相关部门", "板块", "街道"])
    assert roles(got[1]) == (["区市场监管局"], [], [])


def test_an_official_by_title_before_the_units_after_a_comma() -> None:
    # f08: （责任秘书长：李某，责任单位：市政府办公室）: the secretary-general is a person, and the
    # bracket is the clause on its own line, not a clause after the comma ending in ）.
    text = (
        "某市沿海开发重点工作\n"
        "1.建立强有力的推进工作体系。\n（责任秘书长：李某，责任单位：市政府办公室）\n"
        "2.培育新的开发开放载体（探索设立区域合作示范区，推动省级高新区申报升格为国家级高新区等）。\n"
        "（牵头领导：张某，责任秘书长：王某，责任单位：新区管委会、市科技局）\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["市政府办公室"], [])
    assert roles(got[1]) == ([], ["新区管委会", "市科技局"], [])


def test_a_collective_of_governments_with_a_bracket_after_its_last_part() -> None:
    # f03, f09: 各县、区人民政府（管委会）, 各区、县（市）政府（管委会）: one collective each.
    text = (
        "某市行动方案\n"
        "1.制定实施准入清单。（市生态环境局牵头，市自然资源局参与，各县、区人民政府（管委会）负责落实）\n"
        "2.推进园区整合提升。（市发改委、各区、县（市）政府（管委会）负责）\n"
    )
    got = items(text)
    assert roles(got[0]) == (["市生态环境局"], [], ["市自然资源局", "各县、区人民政府（管委会）"])
    assert roles(got[1]) == ([], ["市发改委", "各区、县（市）政府（管委会）"], [])


def test_a_units_cell_that_says_its_units_help() -> None:
    # f09: a 责任单位 cell 甲、乙配合落实: support, though no lead is named.
    text = "某市重点工作\n序号\n|\n重点工作任务\n|\n责任单位\n|\n1\n|\n推进人才综合体建设。\n|\n市发改委、团市委配合落实\n|\n"
    assert roles(items(text)[0]) == ([], [], ["市发改委", "团市委"])


def test_units_named_as_the_subject_of_a_numbered_task() -> None:
    # g04: 1.县应急管理局负责尾矿库…: no clause; the units before 负责 own the task.
    text = (
        "某县安全生产大排查方案\n三、任务分工\n"
        "1.县应急管理局负责尾矿库、危险化学品等行业的隐患排查治理工作。\n"
        "2.县公安局、县交通运输局负责道路交通等行业的隐患排查治理工作。\n"
        "3.各乡镇要认真负责组织本辖区的排查。\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["县应急管理局"], [])
    assert roles(got[1]) == ([], ["县公安局", "县交通运输局"], [])
    assert all(not any(roles(i)) for i in got[2:])


def test_a_units_cell_run_together_without_separators() -> None:
    # g06: 区文广旅游体育局区委宣传部湘湖国家旅游度假区蜀山街道 in one cell.
    text = (
        "某区工作报告完成情况\n序号 | 目标任务 | 责任单位 | 完成情况 |\n"
        "1 | 挖掘传承优秀传统文化。 | 区文广旅游体育局区委宣传部湘湖国家旅游度假区蜀山街道 | 开展活动3场 |\n"
        "2 | 守牢文物安全底线。 | 国家税务总局某市税务局 | 已完成 |\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["区文广旅游体育局", "区委宣传部", "湘湖国家旅游度假区", "蜀山街道"], [])
    assert roles(got[1]) == ([], ["国家税务总局某市税务局"], [])


def test_a_table_one_cell_a_line_closed_by_bars_with_empty_cells_left_out() -> None:
    # g07: 序号 | / 项目名称 | / 责任单位 | / 目标任务 | / 完成情况 | / 完成率% | / 备注 |, a row
    # whose empty cells are bare bars or missing; 2所 and 建设…幼儿园（所） are no units.
    heads = ["序号", "省重点民生实事项目名称", "责任单位", "目标任务", "1-8月实际完成情况", "1-8月实际完成率%", "备注"]
    rows = [
        ["1", "精准扶贫：农村饮用水安全巩固提升", "农林水务局", "1300人", "700", "54%", "已解决700人的饮水问题"],
        ["2", "新增城镇就业", "人社局", "8950", "7356", "82%", ""],
        ["3", "建设农村公办幼儿园（所）", "教育局", "2所", "", "70%", "累计完成项目的70%"],
    ]
    text = "某区民生实事完成情况表\n" + "".join(f"{c} |\n" if c else "|\n" for row in [heads, *rows] for c in row)
    got = items(text)
    assert [roles(i) for i in got] == [([], ["农林水务局"], []), ([], ["人社局"], []), ([], ["教育局"], [])]
    assert got[2]["text"].startswith("建设农村公办幼儿园")


def test_a_table_one_row_a_line_between_spaces_with_a_group_column() -> None:
    # g05: 序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位, the group cell wrapped, and
    # 高新区党工委和管委会 one name (管委会 has no place of its own).
    text = (
        "某市河长制主要任务分解表\n"
        "序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位\n"
        "1 加强水资源保 护 严守用水总量红线 实施双控行动。 市水利局 市发展改革委、农业局等 各县（市、区）党委和人民政府、高新区党工委和管委会\n"
        "2  严守用水 效率红线 落实用水效率评估体系。 市水利局 市发展改革委 各县（市、区）党委和人民政府\n"
    )
    got = items(text)
    assert roles(got[0]) == (
        ["市水利局"],
        [],
        ["市发展改革委", "农业局", "各县（市、区）党委和人民政府", "高新区党工委和管委会"],
    )
    assert roles(got[1]) == (["市水利局"], [], ["市发展改革委", "各县（市、区）党委和人民政府"])
    assert "严守用水总量红线" in got[0]["text"]


def test_a_table_between_spaces_whose_rows_leave_out_their_last_cells() -> None:
    # g08: the header's 1- 8月 broken at its dash, a 目标任务 after the units (a figure), and
    # rows with no 备注: the units are the first unit-like word after the task.
    text = (
        "某区民生实事完成情况表\n"
        "序号 省重点民生实事项目名称 责任单位 目标任务 1- 8月实际完成情况   1-8月实际完成率% 备注\n"
        "1 精准扶贫：农村饮用水安全巩固提升 农林水务局 1300人 700 54% 已解决700人的饮水问题\n"
        "2 新增城镇就业   人社局 8950 7356 82%\n"
        "3 新增养老服务床位 民政局 71个 55 77%\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [([], ["农林水务局"], []), ([], ["人社局"], []), ([], ["民政局"], [])]
    assert got[1]["text"].startswith("新增城镇就业")
