"""`prd import` on layouts the sixth held-out set (unseen6/) showed: a space-flattened table
whose header closes the cover notice's last paragraph, with a task told under two headings and
group rows between its rows."""

from __future__ import annotations

from prd_cli.importer.nodes import Line
from prd_cli.importer.repair import _sequence_cuts, heading_runs
from prd_cli.importer.spaced import columns_of, header_tail
from prd_cli.importer.tables import bar_cells

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


def test_a_table_whose_cells_lines_sit_between_bare_bars() -> None:
    # Each cell's lines between lines holding only |, a heading and a task's name broken over
    # lines, a merged group cell before a group's first row, a starred lead, and a 责任街镇
    # column of the towns that carry the task out.
    cells = [
        "类别", "序号", "任务名称", "责任部门\n（加*号为牵头部门，其余为参与部门）", "责任街镇", "完成时间节点",
        "（一）\n持续\n推进\n示范村建设", "1", "完成2023年度\n示范村建设", "区农业农村委*", "甲镇", "10月底",
        "2", "推进\n农民集中居住", "区农业农村委*、\n区财政局", "甲镇、乙街道、\n丙镇", "12月底",
    ]  # fmt: skip
    got = items("某区2023年乡村振兴重点任务\n" + "\n|\n".join(cells) + "\n")
    assert [i["text"].split("：")[0] for i in got] == ["完成2023年度示范村建设", "推进农民集中居住"]
    assert roles(got[0]) == (["区农业农村委"], [], ["甲镇"])
    assert roles(got[1]) == (["区农业农村委"], [], ["区财政局", "甲镇", "乙街道", "丙镇"])


def test_bare_bars_are_cells_edges_only_in_a_run() -> None:
    lines = [Line(1, "甲"), Line(2, "|"), Line(3, "乙"), Line(4, "丙")]
    assert bar_cells(lines) == lines  # one bar: no table
    lines = [Line(1, "序号"), Line(2, "|"), Line(3, "区委"), Line(4, "区府"), Line(5, "|"), Line(6, "|"), Line(7, "x")]
    lines += [Line(8, "|"), Line(9, "y")]
    assert [line.text for line in bar_cells(lines)] == ["序号", "区委、区府", "/", "x", "y"]


def test_a_progress_figure_with_a_note_in_brackets_is_no_unit() -> None:
    # One cell a line: 当前进度 holds a figure and, in brackets, where work lags (a town's name).
    cells = ["序号", "项目内容", "当前进度", "牵头单位", "备注"]
    cells += ["1", "新建公办园5所，新增学位1000个。", "80%（甲镇幼儿园进度滞后）", "县教育局", "市民生实事"]
    cells += ["2", "建成投用中心敬老院3家。", "57%（乙镇偏慢）", "县民政局", "县民生实事"]
    got = items("2022年度民生实事项目进度表\n" + "\n\n".join(cells) + "\n")
    assert roles(got[0]) == (["县教育局"], [], [])
    assert roles(got[1]) == (["县民政局"], [], [])


def test_each_by_its_duty_after_a_labels_last_name_is_no_part_of_it() -> None:
    text = (
        "某县2020年法治政府建设工作要点\n"
        "（一）为推动经济高质量发展提供法治保障。加强规范性文件备案审查。\n"
        "责任单位:县政府办公室、县司法局、各有关部门,乡镇人民政府按职责分工分别负责。\n"
        "（二）全面提高依法治理能力。\n"
        "责任单位:县司法局\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"], [])


def test_a_headings_title_run_into_its_first_sub_item_and_clauses_closed_on_the_next_line() -> None:
    # 二、工作任务（一）乡镇1.…: headings run into their first part; each item's labelled clause
    # a line long, its closing bracket opening the next line before the next item's number.
    text = (
        "某镇2021年创建文明城市农村工作方案\n"
        "一、工作目标\n"
        "着力解决脏乱差问题。\n"
        "二、工作任务(一)乡镇1.公路沿线:无明显垃圾堆积、环境脏乱现象。\n"
        "(实施主体:各行政村、第三方保洁公司。\n"
        ")2.主要街道广泛宣传展示社会主义核心价值观等公益广告,设置密度每隔200米不少于1处。\n"
        "(实施主体:各行政村、镇文明办、执法队、第三方保洁公司、文化站。\n"
        ")3.乡镇综合文化站建设。\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["各行政村", "第三方保洁公司"], [])
    assert "主要街道广泛宣传" in got[1]["text"]
    assert roles(got[1]) == ([], ["各行政村", "镇文明办", "执法队", "第三方保洁公司", "文化站"], [])


def test_a_heading_run_splits_only_a_short_title_before_a_first_part() -> None:
    assert heading_runs("二、工作任务（一）乡镇1.公路沿线") == ["二、工作任务", "（一）乡镇", "1.公路沿线"]
    assert heading_runs("二、工作任务（二）乡镇") == ["二、工作任务（二）乡镇"]  # not a first part
    assert heading_runs("推进工作任务（一）乡镇") == ["推进工作任务（一）乡镇"]  # no heading at the start


def test_a_table_one_cell_a_line_with_no_number_column_whose_tasks_keep_their_numbers() -> None:
    text = (
        "《政府工作报告》2023年目标任务责任分解\n"
        "目标任务\n责任领导\n责任单位\n"
        "一、主要预期指标\n"
        "1. 生产总值增长6%以上。\n张三\n市发改委、市经信委、各县（市、区）政府等\n"
        "2. 一般公共预算收入增长5%。\n李四\n市财政局\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["1.生产总值增长6%以上。", "2.一般公共预算收入增长5%。"]
    assert roles(got[0]) == ([], ["市发改委", "市经信委", "各县（市、区）政府"], [])
    assert roles(got[1]) == ([], ["市财政局"], [])


def test_a_plan_run_into_one_line_its_parts_numbered_in_order_and_a_page_footer_inline() -> None:
    # No mark before each （一）（二）（三）; a page's footer kept inline; after a leader's line
    # the units label runs on with nothing between, the units a bureau's sections (…科).
    intro = "为做好创建全国文明城市工作，根据区委创建工作的总体部署，我局结合本行业实际情况，" * 4
    text = (
        "区建设局创建全国文明城市工作实施方案\n"
        + intro
        + "实施专项整治工作（一）建筑施工场地专项整治：要求施工企业文明施工。"
        "牵头领导：张三副局长责任部门：建工科、安全站、质监站"
        "（二）小街巷专项整治：对路面坑洼开展专项整治工作。第 1 页共 5 页"
        "牵头领导：李四副局长责任部门：城建科、市政管理处"
        "（三）道路绿化：做好新修建道路绿化工作。牵头领导：王五副局长责任部门：园林科\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["建工科", "安全站", "质监站"], []),
        ([], ["城建科", "市政管理处"], []),
        ([], ["园林科"], []),
    ]
    assert not any("页" in i["text"] for i in got)


def test_parts_numbered_out_of_order_in_a_long_line_are_mentions() -> None:
    assert _sequence_cuts("甲（一）乙（二）丙（三）丁") == [1, 5, 9]
    assert _sequence_cuts("见第（三）项和第（五）项") == []  # no run from one
    assert _sequence_cuts("甲（一）乙（三）丙") == []  # one alone is no sequence


def test_a_units_label_after_prose_still_needs_names_ending_like_units() -> None:
    # Without a leader's line before it, a label glued to prose splits only before units.
    got = items("某局工作要点\n一、重点工作\n1.加强学科建设，落实责任部门：本科专科\n")
    assert roles(got[0]) == ([], [], [])
