"""`prd import` on form-like records and the clause forms the eighth held-out set (unseen8/)
showed in its text, as opposed to its tables."""

from __future__ import annotations

from .importing import items, roles


def test_form_records_one_block_a_task_with_the_report_set_aside() -> None:
    # 01 项目名称：… / 项目内容： / … / 责任单位： / units / 进展与成效： / …: each block is one task;
    # its name and content are the text, its units the 责任单位 line (label alone on its line),
    # and what it reports is no part of any task.
    text = (
        "某县为民办实事项目进展情况汇报\n"
        "01 项目名称：改造老旧小区\n项目内容：\n完成三个小区的外墙和管网改造。\n"
        "责任单位：\n县住建局、县城管局\n进展与成效：\n已完成设计招标。\n"
        "02\n项目名称：\n建设城市书房\n项目内容：\n新建城市书房2个。\n"
        "责任单位\n县文旅局\n进展与成效：\n选址已经确定。\n"
    )
    got = items(text)
    assert [i["text"].split("\n")[0] for i in got] == ["1.改造老旧小区", "2.建设城市书房"]
    assert roles(got[0]) == ([], ["县住建局", "县城管局"], [])
    assert roles(got[1]) == ([], ["县文旅局"], [])
    assert not any("已完成设计招标" in i["text"] or "选址" in i["text"] for i in got)


def test_one_task_label_is_prose_not_a_record() -> None:
    text = "某县工作方案\n一、重点任务\n任务：推进甲项工作。（县发改局牵头，县财政局配合）\n"
    got = items(text)
    assert len(got) == 1 and roles(got[0]) == (["县发改局"], [], ["县财政局"])


def test_a_bare_label_between_table_headings_stays_a_heading() -> None:
    # 序号 / 工作任务 / 责任单位 / 完成时限 one cell a line: 责任单位 is a column, not a field.
    text = "某区任务分解表\n序号\n工作任务\n责任单位\n完成时限\n1\n推进甲项工作\n区财政局\n年底前\n"
    got = items(text)
    assert roles(got[0]) == ([], ["区财政局"], [])


def test_two_units_that_lead_severally_inside_a_units_list() -> None:
    # 责任单位：甲和乙分别牵头、丙: the two lead, and the unit after them supports.
    text = "某区重点工作分工\n一、经济发展\n1.建设航空物流园区。\n责任单位：区经投局和区口岸局分别牵头、区发改局\n"
    got = items(text)
    assert roles(got[0]) == (["区经投局", "区口岸局"], [], ["区发改局"])


def test_first_named_leads_said_inside_the_first_clause_as_ranking_first() -> None:
    text = (
        "某县环境整治方案\n一、重点任务\n"
        "1.加强街巷清扫保洁。（责任单位：县城管局（排序第一的为牵头单位，下同）、县水利局、甲镇）\n"
        "2.完善环卫设施。（责任单位：县城管局、县城建局）\n"
    )
    got = items(text)
    assert roles(got[0]) == (["县城管局"], [], ["县水利局", "甲镇"])
    assert roles(got[1]) == (["县城管局"], [], ["县城建局"])


def test_a_sharing_sites_watermark_stamped_inside_a_label() -> None:
    text = (
        "某区乡村振兴行动方案 一、强化组织领导。落实优先发展战略。"
        "【牵秘书之家—全网资源每日更新www.example.com头单位：区农业农村局；责任单位：各镇街】"
        "二、完善基础设施。加快道路建设。【牵头单位：区交通局；责任单位：各镇街】"
    )
    got = items(text)
    assert roles(got[0]) == (["区农业农村局"], [], ["各镇街"])
    assert roles(got[1]) == (["区交通局"], [], ["各镇街"])
