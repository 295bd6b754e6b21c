"""`prd import` on the layouts the fifteenth held-out set (unseen15/) showed, each on made-up
text: the rules of round 16."""

from __future__ import annotations

from .importing import items, roles


def test_a_division_of_labour_told_in_a_labelled_sentence() -> None:
    # c04: 责任分工：由甲负责，乙组织实施，丙配合 / 某项目由甲负责实施，乙配合 / 甲具体负责.
    text = (
        "某区实施方案\n一、重点项目\n"
        "1.排水管网项目：完成14条道路的污水管网。责任分工：由各片区开发管理局负责，区交通投资集团有限公司组织实施，区交通与建设局配合。\n"
        "2.小流域治理项目：完成5个小流域治理。责任分工：竹屿湖二期项目由区交通投资有限公司负责实施，区直有关单位配合。\n"
        "3.综合管廊项目：完成管廊建设。责任分工：岚城片区开发管理局具体负责，区规划局配合。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["各片区开发管理局", "区交通投资集团有限公司"], ["区交通与建设局"]),
        ([], ["区交通投资有限公司"], ["区直有关单位"]),
        ([], ["岚城片区开发管理局"], ["区规划局"]),
    ]


def test_a_table_spaced_into_lines_with_no_number_column_numbered_as_a_list() -> None:
    # a06: 主要任务 建设重点 牵头部门 配合部门 closing the annex's title line, rows 1、… under
    # group headings, the cells a space apart; 建设重点 given with the task; a row's last
    # sentence run into its lead cell (…建设.省科技厅).
    text = (
        "附件2 某省主要任务责任分工方案 主要任务 建设重点 牵头部门 配合部门\n"
        "一、促进城镇联动发展\n"
        "（一）打造核心增长极\n"
        "1、推进新区建设,争取设立临空经济示范区. 省发改委、长沙市政府 省直有关部门\n"
        "2、推进自主创新示范区建设.省科技厅 省直有关部门,长沙市、株洲市政府\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["省发改委", "长沙市政府"], [], ["省直有关部门"]),
        (["省科技厅"], [], ["省直有关部门", "长沙市", "株洲市政府"]),
    ]
    assert got[1]["text"].startswith("推进自主创新示范区建设")


def test_a_list_whose_line_ends_in_heading_words_is_no_table_without_units_columns() -> None:
    # Headings with no units column (主要任务 建设重点 完成时间) make no table: the list reads as it is.
    text = "某市工作方案 主要任务 建设重点 完成时间\n一、重点工作\n1、推进新区建设（市发改委负责）。\n"
    assert [roles(i) for i in items(text)] == [([], ["市发改委"], [])]


def test_an_unbracketed_clause_after_a_comma_with_any_verb_of_the_grammar() -> None:
    # u04: 加强市场监管，由甲牵头，乙配合。 closes its paragraph as 由甲负责 does; 此项工作由甲、乙
    # 共同组织实施 names the units of the task above it.
    text = (
        "某区意见\n一、开展活动\n"
        "1、开展宣传活动，由区商务局负责。\n"
        "2、加强市场监管，由区市场监管局牵头，区公安分局配合。\n"
        "3、此项工作由区商务局、长延堡街办共同组织实施。\n"
        "4、各单位要按照部署，由此形成合力，共同组织实施。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["区商务局"], []),
        (["区市场监管局"], [], ["区公安分局"]),
        ([], ["区商务局", "长延堡街办"], []),
        ([], [], []),
    ]
