"""`prd import` on layouts the sixth held-out set (unseen6/) showed: a space-flattened table
whose header closes the cover notice's last paragraph, with a task told under two headings and
group rows between its rows."""

from __future__ import annotations

from prd_cli.importer.spaced import columns_of, header_tail

from .importing import items, roles


def test_a_spaced_table_whose_header_closes_the_notices_last_paragraph() -> None:
    # The notice, the annex's title and the header run into one line; the task under two
    # headings (名称 / 工作任务) that the rows do not keep apart; a group row between the rows.
    text = (
        "某市人民政府办公室关于分解落实2023年政府工作任务的通知\n"
        "各镇人民政府，市各委办局：现将2023年政府工作任务下达给你们，请认真组织实施。"
        " 附件：某市2023年政府工作任务分解表 某市2023年政府工作任务分解表 序号 名称 工作任务 牵头责任单位\n"
        "\n"
        "一、主要预期目标分解（3项）\n"
        "\n"
        "1 地区生产总值增长6%以上. 发改委\n"
        "\n"
        "2 一般公共预算收入增长5%. 财政局\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["地区生产总值增长6%以上.", "一般公共预算收入增长5%."]
    assert roles(got[0]) == (["发改委"], [], [])
    assert roles(got[1]) == (["财政局"], [], [])


def test_a_header_tail_needs_known_headings_after_its_number_column() -> None:
    assert header_tail("附件：分解表 序号 名称 工作任务 牵头责任单位") == (
        "附件：分解表",
        ["number", "task", "牵头单位"],
    )
    assert header_tail("序号 工作任务 牵头单位") is None  # the whole line is the header
    assert header_tail("请按序号 报送 我们 要 认真") is None  # words, not headings
    assert columns_of("序号 名称 工作任务 牵头责任单位") == ["number", "task", "牵头单位"]
    assert columns_of("序号 工作任务 牵头单位 工作任务") is None  # two tasks apart: not one task


def test_a_related_responsible_units_label_names_support_beside_a_lead() -> None:
    text = (
        "某市经济转型任务分解方案\n"
        "一、目标任务\n"
        "1.加快工业结构调整，规模以上工业增加值占比达45%以上。\n"
        "牵头责任单位:市发展改革委、工业和信息化局\n"
        "相关责任单位:各县(市、区)政府\n"
        "2.加快服务业发展，服务业增加值占比达到37%。\n"
        "相关责任单位：市服务业发展局、市商务局\n"
    )
    got = items(text)
    assert roles(got[0]) == (["市发展改革委", "工业和信息化局"], [], ["各县（市、区）政府"])
    assert roles(got[1]) == ([], ["市服务业发展局", "市商务局"], [])  # no lead: joint owners
