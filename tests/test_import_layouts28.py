"""`prd import` on the layouts the twenty-fourth held-out set (unseen24/) showed, each on made-up
text: the rules of round 28."""

from __future__ import annotations

from .importing import items, roles


def test_a_leaders_line_that_goes_on_to_name_the_units() -> None:
    # c04: 责任领导：吴某；责任单位：外贸局、发改局；配合单位：相关镇街区，有关部门。
    text = (
        "某市政府工作报告若干重点工作任务\n一、突出工业转型升级\n"
        "1.加大招商引资力度，引进一批合资合作项目。\n责任领导：吴某；责任单位：外贸局、发改局；配合单位：相关镇街区，有关部门。\n"
        "2.创建异地商会。\n责任领导：俞某；责任单位：协作办、工商联；配合单位：民政局。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["外贸局", "发改局"], ["相关镇街区", "有关部门"]),
        ([], ["协作办", "工商联"], ["民政局"]),
    ]


def test_a_page_opening_in_a_division_of_work_a_line_a_unit() -> None:
    # c07: a law site's page 2 opens 市水务局负责… / 市规划和建设局负责… then 三、…
    text = (
        "市水务局负责城市生活污水处理厂建设和技术指导，确保稳定运行。\n"
        "市规划和建设局负责城市生活垃圾填埋场建设和技术指导。\n"
        "市统计局负责提供减排所需的基础数据。\n"
        "三、进一步强化考核问责\n减排指标是具有法律约束力的指标。\n"
    )
    got = items(text)
    assert [roles(i) for i in got][:3] == [([], ["市水务局"], []), ([], ["市规划和建设局"], []), ([], ["市统计局"], [])]


def test_a_units_duty_that_opens_with_牵头_is_one_it_leads() -> None:
    # unseen25 a05: 一、市创新办 / 1.牵头做好与科技创新试点市有关的工作。 / 2.做好宣传。
    text = "某市目标任务分解\n一、市创新办\n1.牵头做好与科技创新试点市有关的协调工作。\n2.做好试点工作的宣传报道。\n"
    assert [roles(i) for i in items(text)] == [(["市创新办"], [], []), ([], ["市创新办"], [])]


def test_a_leading_group_of_units_each_a_sentence_then_its_duties() -> None:
    # unseen25 b04: 各组成单位及其职责如下：县环保局。负责…。县交通局、公路局。负责…; b02/b03:
    # 甲主要负责…, 乙要负责….
    text = (
        "某县秸秆禁烧工作实施方案\n三、组织领导\n"
        "（一）各组成单位及其职责如下：县环保局。负责对全县秸秆禁烧工作实施统一监督。"
        "县交通局、公路局。负责对辖区内国道、省道两侧燃烧秸秆的监督。\n"
        "（二）明确责任。县财政局主要负责对财政补贴项目的审核；县审计局要负责对整合资金的使用情况进行监督审计。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["县环保局"], []),
        ([], ["县交通局", "公路局"], []),
        ([], ["县财政局"], []),
        ([], ["县审计局"], []),
    ]


def test_a_sentence_with_thousands_of_time_phrases_drafts_each_with_its_own_words() -> None:
    # A run-on line of 2,000 dated phrases drafted each deadline with the whole line as its
    # source: an 88 MB draft from a 36 KB text. Each now quotes the words around its phrase.
    from prd_cli.importer import import_bytes
    from prd_cli.importer.draft import draft_yaml

    text = "某县工作方案\n一、任务\n（一）" + "2、2010年" * 2000 + "（县发改局负责）\n"
    result = import_bytes(text.encode("utf-8"), None, name="x.txt")
    drafted = draft_yaml(result, "x.txt")
    assert len(drafted) < 40 * len(text.encode("utf-8"))
    deadlines = [d for c in result.chapters for m in c["measures"] for i in m["items"] for d in i.get("deadlines", [])]
    assert deadlines and all(len(d["source"]) <= 200 and d["source"] in text for d in deadlines)


def test_a_town_named_乡_beside_other_units_in_a_division_of_work() -> None:
    # unseen25 b03: 二、明确工作责任。亭子镇、浙水乡负责做好项目规划…；县发改局负责…
    text = (
        "某县产业园建设任务\n二、明确工作责任。亭子镇、浙水乡负责做好项目规划、设计、实施等工作；"
        "县发改局负责做好项目的立项审批。\n三、城乡统筹负责人要加强协调。\n"
    )
    got = items(text)
    assert [roles(i) for i in got][:2] == [([], ["亭子镇", "浙水乡"], []), ([], ["县发改局"], [])]
