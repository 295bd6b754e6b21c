"""`prd import` on the layouts the eleventh held-out set (unseen11/) showed, each on made-up
text: the rules of round 11."""

from __future__ import annotations

from .importing import items, roles


def test_a_body_with_no_place_of_its_own_after_and() -> None:
    # j09: 省有关部门和单位 is one name, as 高新区党工委和管委会 is.
    text = "某省工作要点\n1.加大精准扶贫力度。（有关设区市、省有关部门和单位负责）\n"
    assert roles(items(text)[0]) == ([], ["有关设区市", "省有关部门和单位"], [])


def test_the_official_in_charge_then_the_units_before_the_task() -> None:
    # k01: 1、项目名 / 由某副市长负责，甲牵头，乙配合，尽快…: the official is no unit, the
    # numbered name is the task's, over the paragraph that says who does it.
    text = (
        "某市重点项目推进工作\n"
        "1、在本市设立综合配套改革试验区事宜\n"
        "由杨某副市长负责，市发改委牵头，相关部门配合，尽快完成实施方案，报省政府审批。\n"
        "2、城市轨道交通项目\n"
        "由王某副市长负责，市建设局牵头，市发改委配合，抓紧开展前期工作。\n"
    )
    got = items(text)
    assert [i["text"].split("\n")[0] for i in got] == ["1、在本市设立综合配套改革试验区事宜", "2、城市轨道交通项目"]
    assert roles(got[0]) == (["市发改委"], [], ["相关部门"])
    assert roles(got[1]) == (["市建设局"], [], ["市发改委"])


def test_a_paragraph_closed_by_its_units_after_wei() -> None:
    # k06: 指标：增长8%（依据…），责任单位为区经信局；
    text = (
        "某区考核指标情况汇报\n一、考核指标设置情况\n"
        "规模以上工业增加值：增长8%（依据区人代会目标设置），责任单位为区经信局；\n"
        "高新技术企业数：新增10家以上（居三区第一），责任单位为区科技局、区发改委；\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [([], ["区经信局"], []), ([], ["区科技局", "区发改委"], [])]


def test_a_group_heading_that_names_the_lead_of_the_paragraphs_under_it() -> None:
    # k04: （一）省监察厅牵头的工作 / a paragraph; （二）… / a paragraph / 协同单位：…; a heading
    # that is a task ending like a unit's name (4.建设区域性金融中心) names no owner.
    text = (
        "某省政府工作目标责任分解\n一、张某省长负责的工作\n"
        "（一）省监察厅牵头的工作\n加强行政监察工作，全面落实党风廉政建设责任制。\n"
        "（二）省审计厅牵头的工作\n全面加强审计工作。\n协同单位：省直各部门和各市人民政府。\n"
        "（三）省编办牵头的工作\n1.积极稳妥地推进乡镇机构改革。\n协同单位：省财政厅、省农业厅等省直有关部门和各市人民政府。\n"
    )
    got = items(text)
    by_start = {i["text"][:6]: roles(i) for i in got}
    assert by_start["加强行政监察"] == (["省监察厅"], [], [])
    assert by_start["全面加强审计"] == (["省审计厅"], [], ["省直各部门", "各市人民政府"])
    assert by_start["1.积极稳妥"] == (["省编办"], [], ["省财政厅", "省农业厅", "省直有关部门", "各市人民政府"])


def test_a_numbered_task_ending_like_a_unit_is_no_owner_of_its_clause() -> None:
    text = "某市重点事项\n4.建设区域性金融中心。\n（牵头领导：张某，责任单位：人民银行某市中心支行、市政府金融办）\n"
    assert roles(items(text)[0]) == ([], ["人民银行某市中心支行", "市政府金融办"], [])
