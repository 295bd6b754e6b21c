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


def test_a_group_heading_names_the_lead_of_the_tasks_under_it() -> None:
    text = (
        "2025年县政府工作报告任务清单\n"
        "一、县示范区管委会牵头工作（8项）\n"
        "1.投资3000万元建设南美白对虾工厂化循环水养殖基地。\n"
        "2.打造食用菌酵素生产基地。\n"
        "二、县农业农村局、县水利局牵头工作(2项)\n"
        "1.建设高标准农田5万亩。\n"
        "2.新建农村供水工程10处。（县财政局、县发改局）\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["县示范区管委会"], [], []),
        (["县示范区管委会"], [], []),
        (["县农业农村局", "县水利局"], [], []),
        ([], ["县财政局", "县发改局"], []),  # a task naming its own units keeps them
    ]
    assert got[0]["text"].endswith("养殖基地。")


def test_a_group_heading_may_name_its_lead_without_a_word_for_the_work_or_with_a_label() -> None:
    for heading in ("一、县发改局牵头（3项）", "一、县发改局牵头负责", "一、牵头单位：县发改局"):
        got = items(f"某县工作任务分解\n{heading}\n1.推进项目建设。\n2.扩大有效投资。\n")
        assert [roles(i) for i in got] == [(["县发改局"], [], [])] * 2, heading
    got = items("某县工作任务分解\n一、责任单位：县发改局、县财政局\n1.推进项目建设。\n")
    assert roles(got[0]) == ([], ["县发改局", "县财政局"], [])


def test_a_task_under_a_group_heading_naming_only_its_helpers_is_led_by_the_heading() -> None:
    text = (
        "某县工作任务分解\n"
        "一、县发改局牵头工作（3项）\n"
        "1.推进项目建设。\n"
        "2.扩大有效投资。（县财政局、县发改局配合）\n"
        "3.优化营商环境。（县政务服务中心负责）\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["县发改局"], [], []),
        (["县发改局"], [], ["县财政局"]),
        ([], ["县政务服务中心"], []),  # a clause naming an owner keeps it
    ]


def test_a_heading_about_work_is_not_a_group_lead() -> None:
    from prd_cli.importer.grouplead import group_lead

    assert group_lead("一、县示范区管委会牵头工作（8项）") is not None
    assert group_lead("一、加强组织领导工作") is None  # no unit, no 牵头
    assert group_lead("一、发挥牵头部门统筹作用，做好牵头工作") is None  # prose, not unit names
    assert group_lead("县发改局牵头工作") is None  # not a heading
    assert group_lead("（一）该项工作由县发改局牵头") is None  # a sentence
    assert group_lead("一、完成时限：2025年底") is None  # a label, but of no unit


def test_a_units_label_run_onto_its_heading_is_read_as_its_own_line() -> None:
    text = (
        "2022年为民办实事事项进展情况通报\n"
        "一、进展情况\n"
        "（一）适龄女生HPV疫苗接种牵头责任部门：县卫生健康委员会\n"
        "已完成1剂次接种，共1800剂次，完成率100%。\n"
        "（二）新生儿先天性心脏病筛查与诊治牵头单位:县卫健委 配合单位:县医保局\n"
        "已完成筛查263人。\n"
        "（三）农村综合服务社建设，责任单位：县供销社\n"
    )
    got = items(text)
    assert [i["text"] for i in got][:2] == ["（一）适龄女生HPV疫苗接种", "（二）新生儿先天性心脏病筛查与诊治"]
    assert roles(got[0]) == (["县卫生健康委员会"], [], [])
    assert roles(got[1]) == (["县卫健委"], [], ["县医保局"])
    assert roles(got[2]) == ([], ["县供销社"], [])


def test_a_units_label_after_the_tasks_full_stop_on_its_line() -> None:
    text = (
        "某市工作方案\n"
        "一、重点工作\n"
        "（一）加快推进某事。牵头单位：市发改委；配合单位：市财政局\n"
        "（二）另一件事。责任单位：市商务局、市财政局\n"
        "（三）第三件事。（责任领导：张三；牵头单位：市教育局）\n"
    )
    got = items(text)
    assert [i["text"] for i in got][:2] == ["（一）加快推进某事。", "（二）另一件事。"]
    assert [roles(i) for i in got] == [
        (["市发改委"], [], ["市财政局"]),
        ([], ["市商务局", "市财政局"], []),
        (["市教育局"], [], []),  # inside a bracket: the bracket's clause, as before
    ]


def test_a_label_inside_prose_stays_in_the_prose() -> None:
    from prd_cli.importer.gluedlabel import split_glued
    from prd_cli.importer.nodes import Line

    line = Line(1, "（一）明确各项任务的责任单位：各地要抓紧制定方案，确保落实。")
    assert split_glued([line]) == [line]


def test_a_table_of_targets_flattened_one_cell_a_line() -> None:
    # 序号 / 2022年预期目标 / 责任单位, cells apart by blank lines; the next annex's title is not
    # a cell of the last row.
    text = (
        "某区政府工作报告目标任务分解表\n\n"
        "序号\n\n2022年预期目标\n\n责任单位\n\n"
        "1\n\n地区生产总值增长5.5%左右\n\n区发展改革委\n\n"
        "2\n\n工业增加值增长7%左右\n\n区经济信息委\n\n"
        "附件2\n\n2022年区政府工作报告重点工作任务分解表\n\n"
        "序号\n\n工作任务\n\n牵头单位\n\n配合单位\n\n"
        "1\n\n联动共建科学城\n\n推动量子通信器件国家重点实验室落地，引进机数科技等8家"
    )
    got = items(text)
    assert [i["text"] for i in got][:2] == ["地区生产总值增长5.5%左右", "工业增加值增长7%左右"]
    assert got[2]["text"].startswith("联动共建科学城：推动")  # cut before its units
    assert [roles(i) for i in got] == [([], ["区发展改革委"], []), ([], ["区经济信息委"], []), ([], [], [])]


def test_a_project_table_one_cell_a_line_closed_by_pipes_with_place_and_money_columns() -> None:
    # 建设地点 / 建设时间 / 年度投资金额 (万元) beside the owner; a town in the place cell is no
    # owner; the last row is cut before its units.
    text = (
        "某县2024年十大民生实事项目清单 |\n||||||\n|\n"
        "序号 |\n项目名称 |\n建设地点 |\n建设时间 |\n2024年建设内容 |\n年度投资金额 (万元) |\n责任单位 |\n|\n"
        "1 |\n城北小学门前道路建设项目 |\n纸坊街道 |\n2024 |\n建成唐塔北路延伸段道路。 |\n300 |\n住建局 |\n|\n"
        "2 |\n农村公路生命安全防护工程 |\n槐树关镇龙亭镇 |\n2024 |\n实施农村公路生命防护工程31公里。 |\n3000 |\n交通局 |\n|\n"
        "3 |\n职教中心小江分校区建设项目 |\n磨子桥镇 |\n2024 |\n改造小江初中现有教学楼和学生宿舍等,\n"
    )
    got = items(text)
    assert [i["text"] for i in got][:2] == [
        "城北小学门前道路建设项目：建成唐塔北路延伸段道路。",
        "农村公路生命安全防护工程：实施农村公路生命防护工程31公里。",
    ]
    assert [roles(i) for i in got] == [([], ["住建局"], []), ([], ["交通局"], []), ([], [], [])]
    assert got[2]["text"] == "职教中心小江分校区建设项目：改造小江初中现有教学楼和学生宿舍等，"


def test_a_pipe_table_whose_group_cell_is_merged_over_its_rows() -> None:
    text = (
        "某市民生事项进展情况\n"
        "类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 | 分管市领导 | 1-9月份工作取得成效 | 监督电话 |\n"
        "四、教育文化 | 14.改扩建泉山学校 | 完成一期建设。 | 教育体育局 | 刘福利 | 正在推进。 | 0535-8246306 |\n"
        "15.推进学校塑胶运动场地建设 | 建成并投入使用。 | 教育体育局 | 刘福利 | 开始施工。 | 0535-8246306 | |\n"
        "16.推进义务教育课后服务 | 实行课后服务全覆盖。 | 市教体局、各学校 | 刘福利 | 已调度。 | 0535-8246336 |\n"
        "索引号: | 113706850042672474/2022-04772 | 成文日期: | 2022-10-08 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == [
        "14.改扩建泉山学校：完成一期建设。",
        "15.推进学校塑胶运动场地建设：建成并投入使用。",
        "16.推进义务教育课后服务：实行课后服务全覆盖。",
    ]
    assert [roles(i) for i in got] == [
        ([], ["教育体育局"], []),
        ([], ["教育体育局"], []),
        ([], ["市教体局", "各学校"], []),
    ]


def test_other_words_for_the_owner_and_the_lead() -> None:
    text = (
        "某县工作方案\n"
        "1.加快推进某事。\n"
        "责任主体：县发改局、县财政局\n"
        "2.另一件事。\n"
        "牵头实施单位：县商务局\n"
        "参加单位：县市场监管局\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["县发改局", "县财政局"], [])
    assert roles(got[1]) == (["县商务局"], [], ["县市场监管局"])


def test_a_table_heading_may_be_any_units_label_of_the_grammar() -> None:
    from prd_cli.importer.headings import _column

    assert [_column(c) for c in ("落实单位", "责任主体", "协办部门", "牵头处室", "实事项目", "指标名称")] == [
        "责任单位",
        "责任单位",
        "配合单位",
        "牵头单位",
        "task",
        "task",
    ]
    text = (
        "某县民生实事\n"
        "序号 | 实事项目 | 落实单位 | 协办部门\n"
        "1 | 新建幼儿园2所 | 县教育局 | 县住建局\n"
        "2 | 改造老旧小区10个 | 县住建局 | /\n"
    )
    got = items(text)
    # A responsible column beside a support column leads: the table splits the two roles
    # (round 4's reading of heldout4/01), in every row of that table.
    assert [roles(i) for i in got] == [(["县教育局"], [], ["县住建局"]), (["县住建局"], [], [])]


def test_a_flattened_tables_task_cells_may_keep_their_own_numbers() -> None:
    text = (
        "某县工作任务分解表\n"
        "序号\n工作任务\n牵头单位\n配合单位\n"
        "1\n1.新建幼儿园2所。\n县教育局\n县住建局\n"
        "2\n2.改造老旧小区10个。\n县住建局\n县财政局\n"
        "二、民生实事\n"
        "3\n（三）新建公园1个。\n县城管局\n县财政局\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["1.新建幼儿园2所。", "2.改造老旧小区10个。", "（三）新建公园1个。"]
    assert [roles(i) for i in got] == [
        (["县教育局"], [], ["县住建局"]),
        (["县住建局"], [], ["县财政局"]),
        (["县城管局"], [], ["县财政局"]),
    ]


def test_a_markdown_tables_rule_is_no_row() -> None:
    text = (
        "某县任务分工\n"
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n|---|:---:|---|---|\n"
        "| 1 | 新建幼儿园2所 | 县教育局 | 县住建局 |\n"
    )
    got = items(text)
    assert [(i["text"], roles(i)) for i in got] == [("新建幼儿园2所", (["县教育局"], [], ["县住建局"]))]


def test_a_bracket_of_units_alone_may_star_its_lead() -> None:
    got = items("某县任务\n1.推进项目建设。（县发改局★、县财政局）\n2.另一件事。（县商务局*、县财政局）\n")
    assert [roles(i) for i in got] == [(["县发改局"], [], ["县财政局"]), (["县商务局"], [], ["县财政局"])]
