"""`prd import` on the layouts the eighteenth held-out set (unseen18/) showed, each on made-up
text: the rules of round 19."""

from __future__ import annotations

from .importing import items, roles


def test_a_triangle_marks_the_lead_among_a_cells_units() -> None:
    # t05: ▲发改局、各部门: the page marks the lead as others do with ★.
    text = (
        "某市政府工作报告任务分解清单\n序号\n工作任务\n责任单位\n"
        "1\n生产总值增长7.5%左右。\n▲发改局、各部门、各镇乡（街道）\n"
        "2\n研发投入强度2.85%以上。\n▲科技局、各镇乡（街道）\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["发改局"], [], ["各部门", "各镇乡（街道）"]),
        (["科技局"], [], ["各镇乡（街道）"]),
    ]


def test_a_group_cell_above_the_first_row_is_no_heading_though_it_ends_like_one() -> None:
    # t06: 分类 / 序号 / 事项 / 责任单位 / 牵头单位, then 发展目标 (the first rows' group) and 1;
    # read as a heading (…目标), it shifted every row's lead into a column not read.
    text = (
        "某区重点工作责任分解\n分类\n序号\n事项\n责任单位\n牵头单位\n发展目标\n"
        "1\n地区生产总值增长6.5%以上。\n区农业农村局、区发改局、区交通局\n区发改局\n"
        "2\n固定资产投资增长25%。\n区发改局\n区发改局\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["区发改局"], [], ["区农业农村局", "区交通局"]),
        (["区发改局"], [], []),
    ]


def test_a_pdf_copys_page_numbers_long_headings_and_a_clause_wrapped_a_line_long() -> None:
    # unseen17 p02, unseen14 t06: - 2 - run into the next page's first line; 一、<a heading of
    # 17 characters> 1.<task> on one line; （甲、乙按职责分工 / 负责） a bracket a line long, closed
    # on the next.
    text = (
        "- 1 - 某县2022年法治政府建设工作计划\n"
        "一、持续推进学习宣传贯彻习近平法治思想 1.推动学习宣传贯彻习近平法治思想走深走实。"
        "〔牵头单位：县政府办公室、县司法局；责任单位：县政府各部门〕\n"
        "二、扎实开展重点难点治理\n"
        "1.开展专项行动，严厉打击网络侵权盗版行为。\n"
        "（中央宣传部、中央网信办、公安部、工业和信息化部按职责分工\n"
        "负责）\n"
        "2.加强执法协作，形成工作合力\n"
        "- 2 - （公安部负责）。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["县政府办公室", "县司法局"], [], ["县政府各部门"]),
        ([], ["中央宣传部", "中央网信办", "公安部", "工业和信息化部"], []),
        ([], ["公安部"], []),
    ]
    assert "推动学习宣传贯彻" in got[0]["text"] and "持续推进" not in got[0]["text"]
    assert "- 2 -" not in got[2]["text"]


def test_a_heading_naming_one_office_and_the_other_names_it_works_under() -> None:
    # t02: （一）综合办公室（党群工作部、监察室、财务室） then its duties ①…②…: the office owns
    # them; the bracket names the same office (合署办公), no units of their own.
    text = (
        "某园区部室简介\n"
        "（一）综合办公室（党群工作部、监察室、财务室）\n"
        "1.积极宣传推介园区，完成上稿8篇。\n"
        "（二）招商合作局（行政审批局、政务服务中心）\n"
        "1.制作和更新园区招商手册。\n"
        "（三）规划建设局\n"
        "1.完成规划修编前期工作（县自然资源局配合）。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["综合办公室"], []),
        ([], ["招商合作局"], []),
        ([], ["规划建设局"], ["县自然资源局"]),
    ]


def test_a_lead_opening_a_sentence_and_helpers_each_opening_a_later_part() -> None:
    # unseen15 u04: 2、由甲牵头，全面负责…；乙负责协调…: the lead, and a helper named as the subject
    # of its own duty; the 由 may follow the item's number.
    text = (
        "某区意见\n一、开展活动\n"
        "（一）举办购物节\n"
        "2、由区商务局牵头，全面负责活动的组织实施；长延堡街办负责协调外围工作；区市场监管局负责活动期间的市场监管。\n"
    )
    assert [roles(i) for i in items(text)] == [(["区商务局"], [], ["长延堡街办", "区市场监管局"])]
