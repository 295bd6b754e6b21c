"""`prd import` on layouts the fifth held-out set (heldout5/) showed: a 主要协作单位 label, a
notice's own words for its first-named-leads rule (第一责任单位为牵头单位), an aside on what a
unit covers (〈含开发区管委会，下同〉) and a sample document's masked place name (**镇)."""

from __future__ import annotations

from .importing import items, roles


def test_a_main_cooperating_units_label_names_support() -> None:
    text = (
        "某县卫健委2021年重点工作任务分解\n"
        "1.落实积极应对人口老龄化国家战略。\n"
        "牵头责任单位：县卫健委、县民政局\n"
        "主要协作单位：各乡镇人民政府、经济开发区管委会，县政府有关部门、有关直属单位\n"
        "2.创建国家卫生县城。\n"
        "牵头责任单位：县卫健委\n"
        "主要配合单位：县住建局\n"
    )
    got = items(text)
    assert roles(got[0]) == (
        ["县卫健委", "县民政局"],
        [],
        ["各乡镇人民政府", "经济开发区管委会", "县政府有关部门", "有关直属单位"],
    )
    assert roles(got[1]) == (["县卫健委"], [], ["县住建局"])


def test_the_first_responsible_unit_leads_when_a_note_says_so_once() -> None:
    text = (
        "某市优化营商环境工作方案\n"
        "一、优化投资环境\n"
        "（一）推进完善PPP健康运行长效机制。\n"
        "责任单位：市发改委、市财政局（第一责任单位为牵头单位，下同）\n"
        "（二）严格落实全省统一的招投标政策。\n"
        "责任单位：市建设局\n"
        "（三）推进工程建设项目审批改革。\n"
        "责任单位：市建设局、市自然资源局、市生态环境局\n"
    )
    got = items(text)
    assert roles(got[0]) == (["市发改委"], [], ["市财政局"])
    assert roles(got[1]) == (["市建设局"], [], [])
    assert roles(got[2]) == (["市建设局"], [], ["市自然资源局", "市生态环境局"])


def test_an_aside_on_what_a_unit_covers_is_part_of_no_name() -> None:
    text = (
        "某市工作方案\n"
        "1.拓展市场空间。（牵头单位：市发展改革委、市商务局；责任单位：市市场监管局，"
        "各区人民政府〈含开发区管委会，下同〉）\n"
        "2.深化消费领域交流合作。（牵头单位：市商务局；责任单位：各区人民政府（含开发区））\n"
    )
    got = items(text)
    assert roles(got[0]) == (["市发展改革委", "市商务局"], [], ["市市场监管局", "各区人民政府"])
    assert roles(got[1]) == (["市商务局"], [], ["各区人民政府"])


def test_a_masked_place_name_is_not_a_starred_lead() -> None:
    text = (
        "某县创建文明县城实施方案\n"
        "1、各社区创建文明社区要着眼于逐步建立社区基础设施。\n"
        "落实单位：县建设局、文体局、**镇各社区\n"
        "2、在社区内建立各种文化组织。\n"
        "落实单位：文体局*、**镇各社区\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["县建设局", "文体局", "**镇各社区"], [])
    assert roles(got[1]) == (["文体局"], [], ["**镇各社区"])
