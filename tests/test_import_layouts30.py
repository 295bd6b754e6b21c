"""`prd import` on the layouts the twenty-sixth held-out set (unseen26/) showed, each on made-up
text: the rules of round 30."""

from __future__ import annotations

from .importing import items, roles


def test_duty_paragraphs_after_a_line_that_introduces_them() -> None:
    # v01: 具体要求是： then 市水务部门作为牵头责任单位，负责… / 市财政部门负责…, a paragraph each.
    text = (
        "某市农村饮水安全工程建设实施意见\n三、措施与要求\n（一）加强领导、明确职责\n"
        "市政府成立农村饮水安全工程领导小组，负责日常工作。\n"
        "市直各有关部门要各司其职，各负其责。具体要求是：\n"
        "市水务部门作为牵头责任单位，负责对县、区编制的工程规划进行审查，加强技术指导。\n"
        "市财政部门负责制定地方配套资金使用管理办法，加强资金使用监管。\n"
        "市卫生部门负责落实项目建成后的水质检测、监测。\n"
        "（二）加大投入\n各县、区要加大投入。\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["市水务部门"], [], []),
        ([], ["市财政部门"], []),
        ([], ["市卫生部门"], []),
    ]


def test_a_lone_duty_paragraph_under_a_heading_stays_the_headings() -> None:
    # One unit's 负责 sentence is a sentence of the task, not a division of work.
    text = (
        "某县工作方案\n一、工作任务\n（一）加强监测\n"
        "县环保局负责加强对重点企业的监测，按月通报。\n要建立健全监测网络。\n"
        "（二）加强宣传\n县委宣传部负责组织宣传报道。\n"
    )
    got = items(text)
    assert [(i["text"][:7], roles(i)) for i in got] == [
        ("（一）加强监测", ([], ["县环保局"], [])),
        ("（二）加强宣传", ([], ["县委宣传部"], [])),
    ]


def test_a_runon_page_where_the_government_answers_for_the_whole() -> None:
    # v02: 县人民政府统一负责、领导、组织、协调…；县市容局负责…；县环保局负责…
    text = (
        "某县餐厨废弃物管理工作方案\n二、工作任务。县人民政府统一负责、领导、组织、协调全县的餐厨废弃物管理工作。"
        "县市容局负责餐厨废弃物收运单位的监督检查；县环保局负责餐厨废弃物处置单位污染物防治的监督检查。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["县人民政府"], []),
        ([], ["县市容局"], []),
        ([], ["县环保局"], []),
    ]


def test_main_responsible_units_alone_answer_for_the_task_jointly() -> None:
    # v04: …。主要责任单位：各级人民政府，市、县（市、区）公安交警、交通管理等部门。 Beside a
    # 配合单位 the same label names the lead.
    text = (
        "某市城乡交通管理长效机制实施方案\n5.完善城乡交通管理长效机制。\n"
        "加大交通秩序整治力度，严厉查处车辆的违章停车行为。主要责任单位：各级人民政府，市、县（市、区）公安交警、交通管理等部门。\n"
        "6.加强停车场建设。主要责任单位：市住建局；配合单位：市规划局。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["各级人民政府", "市、县（市、区）公安交警", "交通管理"], []),
        (["市住建局"], [], ["市规划局"]),
    ]
