"""`prd import` on the layouts the twenty-third held-out set (unseen23/) showed, each on made-up
text: the rules of round 26."""

from __future__ import annotations

from .importing import items, roles


def test_a_page_opening_mid_document_keeps_the_usual_rank_of_its_headings() -> None:
    # f06: a law site's page 4 opens at 6.…, then 五、市国土资源局 and its duties 1.… 2.…
    text = (
        "6.积极帮助企业开拓市场，提高产品市场占有率。\n"
        "五、市国土资源局\n1.制定保障产业集聚区用地的政策。\n2.重点保障产业集聚区年度用地计划指标。\n"
        "六、市环境保护局\n1.上半年完成产业集聚区规划环评审查。\n"
    )
    got = items(text)
    assert [(i["text"].lstrip("0123456789.")[:6], roles(i)) for i in got if roles(i) != ([], [], [])] == [
        ("制定保障产业", ([], ["市国土资源局"], [])),
        ("重点保障产业", ([], ["市国土资源局"], [])),
        ("上半年完成产", ([], ["市环境保护局"], [])),
    ]


def test_a_labelled_line_after_the_rest_of_a_group_whose_heading_was_on_the_page_before() -> None:
    # unseen22 h04: [接上页] 2、… 3、… 牵头部门：甲 (四)…: the labelled line covers 2、 and 3、.
    text = (
        "2、严格实行食品质量安全市场准入制度。\n3、构建质量安全监管长效机制。\n牵头部门：市质量技术监督局\n"
        "（四）进出口食品安全。打击食品非法进出口行为。\n牵头单位：市检验检疫局\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["市质量技术监督局"], [], []),
        (["市质量技术监督局"], [], []),
        (["市检验检疫局"], [], []),
    ]


def test_a_units_tasks_heading_over_numbered_duties_and_a_paragraph() -> None:
    # f07: （八）县经济局主要工作任务：1、… 2、2010年底前… / （九）…3、… 协助单位：… / 工作协助部门：…
    text = (
        "某县大气污染综合整治方案\n"
        "（八）县经济局主要工作任务：\n1、鼓励和引导淘汰落后产能。\n2、2010年底前全面完成两家企业机立窑生产线的淘汰工作。\n"
        "（九）县公安局主要工作任务：\n1、依法整治尾气排放年检不合格的机动车辆。\n2、依法整治运输车辆的扬尘污染。\n"
        "协助单位：交通局、县城管监察大队。\n"
        "（十）县国土局主要工作任务：\n1、依法取缔农田挖砂。\n工作协助部门：水务局\n"
        "（十一）县交通局主要工作任务：\n依据整治方案，对上路运输煤炭、砂石的扬尘污染车辆进行查处。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["县经济局"], []),
        ([], ["县经济局"], []),
        ([], ["县公安局"], []),
        ([], ["县公安局"], ["交通局", "县城管监察大队"]),
        ([], ["县国土局"], ["水务局"]),
        ([], ["县交通局"], []),
    ]


def test_a_table_scraped_with_a_bar_before_each_cell() -> None:
    # f05: 序号 / | 项目内容 / | 工 作 要 求 / | 责任单位 / | / 7 / | 污水处理厂和 / 管网工程建设 / …
    text = (
        "某市太湖水污染治理任务表\n序号\n| 项目内容\n| 工 作 要 求\n| 责任单位\n|\n"
        "7\n| 污水处理厂和\n管网工程建设\n| 完成污水处理厂技术改造，2008年处理能力达到14.5万吨/日。\n| 市建设局\n|\n"
        "8\n| 大港污水处理厂扩建\n| 2008年6月底前投入运行。\n| 市建设局\n镇江新区管委会\n|\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [([], ["市建设局"], []), ([], ["市建设局", "镇江新区管委会"], [])]
    assert got[0]["text"].startswith("污水处理厂和管网工程建设")


def test_a_responsible_or_lead_units_column_beside_a_helping_one() -> None:
    # f02: 工作内容及要求 | 责任单位 或牵头单位 | 协助 单位 | 完成 期限
    text = (
        "某市创建国家园林城市任务分解表\n工作内容及要求 | 责任单位 或牵头单位 | 协助 单位 | 完成 期限 |\n"
        "禁止开发城市周围的自然山体，保护植被。 | 市规划局 | 市国土资源局 | 2010年9月20日前 |\n"
    )
    (got,) = items(text)
    assert roles(got) == (["市规划局"], [], ["市国土资源局"])


def test_a_lead_then_会同_then_the_helpers_and_a_main_responsible_column_alone() -> None:
    # unseen23 e07: （由省财政厅牵头，会同省民政厅、物价局等单位负责落实）; e05: 序号 / 名称 / 工作任务 /
    # 主要责任单位, no other units column: jointly responsible.
    from prd_cli.importer.grammar import parse_clause

    c = parse_clause("由省财政厅牵头，会同省民政厅、物价局等单位负责落实")
    assert (c.lead, c.joint, c.support) == (("省财政厅",), (), ("省民政厅", "物价局"))
    text = (
        "某市2011年政府工作任务分解表\n序号\n名称\n工作任务\n主要责任单位\n"
        "1\n地区生产总值\n地区生产总值增长12%\n市发改委、统计局\n2\n财政收入\n地方财政一般预算收入增长12%以上\n市财政局\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["市发改委", "统计局"], []), ([], ["市财政局"], [])]


def test_a_units_name_a_comma_then_its_duty_in_a_division_of_work() -> None:
    # unseen23 e02: 交通部门，负责通村公路和道路建设。教育部门，负责试点嘎查村义务教育。
    text = (
        "某盟新农村新牧区试点工作方案\n一、职责分工\n"
        "（一）部门职责。交通部门，负责通村公路和道路建设。教育部门，负责试点嘎查村义务教育。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [([], ["交通部门"], []), ([], ["教育部门"], [])]
