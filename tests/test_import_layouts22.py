"""`prd import` on the layouts the twenty-first held-out set (unseen21/) showed, each on made-up
text: the rules of round 22."""

from __future__ import annotations

import pytest

from .importing import items, roles


def test_units_then_负责_then_the_task_inside_a_clause() -> None:
    # unseen21 j08: （本部分工作由市卫生局，市财政局、市农业局等部门负责制定方案并组织实施）;
    # unseen15 w04: 责任分工：区规划局负责开展规划编制工作，所在乡镇人民政府组织实施.
    from prd_cli.importer.grammar import parse_clause

    c = parse_clause("本部分工作由市卫生局，市财政局、市农业局等部门负责制定方案并组织实施")
    assert (c.lead, c.joint, c.support) == ((), ("市卫生局", "市财政局", "市农业局"), ())
    c = parse_clause("区规划局负责开展规划编制工作，所在乡镇人民政府组织实施，区直有关部门配合")
    assert (c.lead, c.joint, c.support) == ((), ("区规划局", "所在乡镇人民政府"), ("区直有关部门",))
    c = parse_clause("县住建局负责牵头实施")
    assert (c.lead, c.joint, c.support) == (("县住建局",), (), ())
    c = parse_clause("市发改委负责，市财政局配合")
    assert (c.lead, c.joint, c.support) == ((), ("市发改委",), ("市财政局",))


def test_a_bureaus_sections_as_a_负责科室_column() -> None:
    # unseen21 j02: 重点任务 | 工作内容 | 负责科室
    text = "某局政务公开工作要点\n重点任务 | 工作内容 | 负责科室 |\n政策解读 | 对我局起草的政策文件进行全面解读。 | 综合科 |\n"
    (got,) = items(text)
    assert roles(got) == ([], ["综合科"], [])


def test_a_paragraph_dividing_work_in_parts_each_opening_with_its_units() -> None:
    # j07: （二）明确分工。市发改委负责提出全市节能规划；市规划局、市建设局负责建筑节能；…
    text = (
        "某市“十一五”节能工作方案\n一、主要任务\n"
        "（二）明确分工，责任到人。市发改委负责提出全市节能规划；市规划局、市建设局负责建筑节能；"
        "市教育局、市卫生局分别负责教育、卫生系统节能；市科技、财政等部门按照职责，协同做好相关工作。\n"
    )
    got = items(text)
    assert [(i["text"][:5], roles(i)) for i in got] == [
        ("市发改委负", ([], ["市发改委"], [])),
        ("市规划局、", ([], ["市规划局", "市建设局"], [])),
        ("市教育局、", ([], ["市教育局", "市卫生局"], [])),
    ]
    assert "协同做好相关工作" in got[-1]["text"]  # the part naming no units goes with the one before


def test_one_part_opening_with_its_units_is_a_sentence_and_a_cover_notice_divides_no_work() -> None:
    text = (
        "某区目标任务分解的通知\n"
        "区委办公室负责将目标任务的完成情况纳入综合考评；区政府办公室负责督察通报。\n"
        "一、经济发展\n（一）推进项目建设，县发改局负责全年项目调度工作。\n"
    )
    got = items(text)
    assert all("区委办公室" not in i["text"] for i in got)


def test_a_tasks_title_closed_by_who_does_it_then_what_is_to_be_done() -> None:
    # j04: （三）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要继续…
    text = (
        "某市安全生产专项整治工作方案\n一、整治重点\n"
        "（三）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要继续加大违法行为的整治力度。\n"
        "（四）特种设备安全专项整治，由质量技术监督部门负责。要加强监督管理。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["公安部门", "交通部门"], ["有关部门"]),
        ([], ["质量技术监督部门"], []),
    ]
    assert "整治力度" in got[0]["text"]


def test_a_legislative_plan_names_the_bodies_that_draft_each_bill() -> None:
    # unseen21 k02: 1．粮食安全保障法草案（发展改革委、粮食和储备局起草）; 15．…（司法部组织起草）
    text = (
        "国务院2021年度立法工作计划\n一、提请全国人大常委会审议的法律案\n"
        "1．粮食安全保障法草案（发展改革委、粮食和储备局起草）\n2．突发事件应对法修订草案（司法部组织起草）\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["发展改革委", "粮食和储备局"], []), ([], ["司法部"], [])]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("责任单位为市发改委、市财政局。", ([], ["市发改委", "市财政局"], [])),
        ("市发改委作为牵头单位，市财政局配合。", (["市发改委"], [], ["市财政局"])),
        ("以市发改委为主，市财政局配合。", (["市发改委"], [], ["市财政局"])),
        ("【责任单位】市发改委", ([], ["市发改委"], [])),
        ("（市发改委、市财政局，2023年底前完成）", ([], ["市发改委", "市财政局"], [])),
        ("（市发改委负总责，市财政局参与）", (["市发改委"], [], ["市财政局"])),
        ("（市发改委具体承办）", ([], ["市发改委"], [])),
        ("（责任单位：市发改委〔牵头〕、市财政局）", (["市发改委"], [], ["市财政局"])),
    ],
)
def test_more_ways_a_paragraph_names_its_units(clause: str, expected: tuple) -> None:
    # Tried by hand after round 22 on wordings of the genre no set had shown yet: each read
    # nothing, or glued its verb to the unit's name.
    text = f"某市工作方案\n一、任务\n（一）加强项目建设。全年完成投资50亿元。{clause}\n"
    (got,) = items(text)
    assert roles(got) == expected


def test_guangdongs_会办_and_units_each_answering_for_their_part() -> None:
    # unseen22 g07: （由市经贸局、外经贸局牵头，会市发展改革局、建设局等办理）; g02: （甲牵头，乙、丙及
    # 相关部门各负其责）
    text = (
        "某市工作方案\n一、任务\n"
        "（一）突出抓好产业招商。（由市经贸局、外经贸局牵头，会市发展改革局、建设局等办理）\n"
        "（二）建立健全规范性文件制定制度。（市政府法制办牵头，市政府办公厅、市信息办及相关部门各负其责）\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["市经贸局", "外经贸局"], [], ["市发展改革局", "建设局"]),
        (["市政府法制办"], [], ["市政府办公厅", "市信息办", "相关部门"]),
    ]


def test_units_that_see_to_a_task_others_answer_for() -> None:
    # unseen22 h02: （县级人民政府负责，相关市（州）人民政府及国土资源厅、水利厅等加强督促指导）
    text = (
        "某省地质灾害防治工作方案\n一、任务\n"
        "（一）加强动态巡查。（县级人民政府负责，相关市（州）人民政府及国土资源厅、水利厅等加强督促指导）\n"
    )
    (got,) = items(text)
    assert roles(got) == ([], ["县级人民政府"], ["相关市（州）人民政府", "国土资源厅", "水利厅"])


def test_a_typeset_pdfs_lines_of_uneven_width_are_rejoined_and_a_list_of_one_width_is_not() -> None:
    from prd_cli.importer.nodes import Line
    from prd_cli.importer.repair import rewrap

    # unseen13 n06: a PDF wrapping at 40 to 44 characters, half-width punctuation and digits
    # making its lines uneven; the wrapped lines rejoin.
    page = [
        "（一）以2023年全国科普日活动、全国科技活动周为载体，结合卫生健康节日纪念日，持续推进",
        "健康科普行动。开展新时代健康科普作品征集大赛，开展全国大学生暑期“三下乡”健康专项",
        "等活动，组织动员各级各类医疗卫生机构和专业人员积极参与科普宣传，提升公众健康素养水",
        "平。（科技部、国家卫生健康委、国家中医药局、国家疾控局、共青团中央、中国科协按职责",
        "分工负责）",
        "（二）开展“全民营养周”“5.20”中国学生营养日系列合理膳食主题宣教活动，推广健康",
        "饮食理念和方法，引导群众养成健康生活方式，减少高盐高油高糖食品摄入，改善营养状况。",
        "（国家卫生健康委牵头，中央宣传部、农业农村部、广电总局、中国科协等部门单位参与）",
    ]
    joined = rewrap([Line(k, t) for k, t in enumerate(page, 1)])
    assert len(joined) < len(page) and joined[0].text.endswith("分工负责）")
    # Tasks of one length, then shorter notes of one length: nothing is wrapped.
    tasks = [f"{k}.推进第{k}项工作，完成年度任务。" for k in range(1, 31)]
    notes = [f"附注第{k}条说明文字另行印发" for k in range(1, 31)]
    lines = [Line(k, t) for k, t in enumerate(tasks + notes, 1)]
    assert [ln.text for ln in rewrap(lines)] == tasks + notes
