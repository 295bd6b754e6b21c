"""`prd import` on layouts the held-out set in heldout4/ showed: tables whose headings name the
task in other words (实事项目, 民生实事, 考核指标 when nothing else is the task), a 责任单位
column split from a 配合单位 or 实施部门 column, a row flattened one cell a line whose cell
lists steps ①…②…, rows opened by `| 1 |`, a project table run into one line, a labelled
bracket after a heading's title; and the neighbours of those layouts, made on made-up text:
headings not known, two-level headings, rows broken inside a cell, labelled or unbracketed
sentences of units after the task."""

from __future__ import annotations

from prd_cli.importer import import_bytes
from prd_cli.importer.headings import header

from .importing import items, roles


def test_a_livelihood_table_whose_responsible_column_is_split_from_a_support_column() -> None:
    # 实事项目 is the task; the plan of steps (工作举措及实施计划) is not; 责任单位 beside
    # 配合单位 leads, and the support cell mixes 、 and ，.
    text = (
        "序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
        "1 | 新建成公办幼儿园7所。 | 1.4月底前主体完工。 2.8月底前竣工交付。 | 教育局 | 发改局、住建局，锦城街道 |\n"
        "2 | 新建成婴幼儿照护驿站7家。 | 1.3月底前新建成2家。 | 卫生健康局 | 财政局，各镇(街道) |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["新建成公办幼儿园7所。", "新建成婴幼儿照护驿站7家。"]
    assert roles(got[0]) == (["教育局"], [], ["发改局", "住建局", "锦城街道"])
    assert roles(got[1]) == (["卫生健康局"], [], ["财政局", "各镇（街道）"])


def test_a_responsible_column_alone_still_names_joint_owners() -> None:
    text = "序号 | 民生实事 | 责任单位 | 完成时限 |\n1 | 新建2座人行天桥。 | 县住建局、县交通局 | 9月底前 |\n"
    got = items(text)
    assert roles(got[0]) == ([], ["县住建局", "县交通局"], [])


def test_a_table_flattened_one_cell_a_line_with_units_over_several_lines() -> None:
    # No cell or row marks; a units cell puts each unit on its own line, so rows differ in
    # length; the deadline closes each row.
    text = (
        "2016年民生实事目标任务分解表\n\n序号\n\n民生实事\n\n责任单位\n\n完成时限\n\n"
        "1\n\n启动建设东柳河城区段综合治理工程。\n\n县水务局\n\n县住建局\n\n县护城河指挥部\n\n12月底前\n\n"
        "2\n\n新建2座人行天桥。\n\n县住建局\n\n9月投入使用\n\n"
        "3\n\n启动县图书馆新馆建设。\n\n县文体广新局\n\n县代建中心\n\n12月底前\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["县水务局", "县住建局", "县护城河指挥部"], []),
        ([], ["县住建局"], []),
        ([], ["县文体广新局", "县代建中心"], []),
    ]


def test_an_assessment_table_one_cell_a_line_whose_task_is_its_indicator() -> None:
    # Rows opened by | 1 |, cells closed by |; no task heading, so 考核指标 is the task; the
    # monthly-progress cell lists its steps ①…②… and names a unit in passing; 实施部门 is the
    # section that carries it out (support), the contact cell no owner.
    text = (
        "| 2025年度区民政局重点工作任务分解 |\n| 序号 |\n责任单位 |\n考核指标 |\n分月序时进度 |\n"
        "监督方式 |\n实施部门 |\n实施步骤 |\n完成时限 |\n"
        "| 1 |\n区民政局 |\n按月完成临时救助的审核确认工作。 |\n"
        "①1-3月份，协调区财政局发放救助金；②4-6月份，协调区财政局发放救助金。 |\n"
        "区民政局办公室0558-5130002 |\n低保中心 |\n按季度序时推进 |\n2025年12月底 |\n"
        "| 2 |\n区民政局 |\n按月完成城乡低保对象的动态调整。 |\n①1-3月份，督促各乡镇。 |\n"
        "区民政局办公室0558-5130002 |\n低保中心 |\n按季度序时推进 |\n2025年12月底 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["按月完成临时救助的审核确认工作。", "按月完成城乡低保对象的动态调整。"]
    assert roles(got[0]) == (["区民政局"], [], ["低保中心"])
    assert roles(got[1]) == (["区民政局"], [], ["低保中心"])


def test_the_headings_that_name_a_task_or_split_the_roles() -> None:
    assert header(["序号", "实事项目", "责任单位"]) == ["number", "task", "责任单位"]
    # An indicator is the task only when no column is headed as the task.
    assert header(["序号", "工作任务", "考核指标", "责任单位"]) == ["number", "task", "ignore", "责任单位"]
    assert header(["序号", "考核指标", "责任单位"]) == ["number", "task", "责任单位"]
    assert header(["序号", "工作任务", "实施单位"]) == ["number", "task", "责任单位"]  # alone: responsible
    assert header(["序号", "工作任务", "责任单位", "实施单位"]) == ["number", "task", "牵头单位", "配合单位"]
    assert header(["序号", "工作任务", "牵头单位", "责任单位"]) == ["number", "task", "牵头单位", "责任单位"]
    assert header(["序号", "工作任务", "责任单位", "责任人", "联系人"]) == [
        "number",
        "task",
        "责任单位",
        "ignore",
        "ignore",
    ]


def test_a_bare_body_word_after_a_collective_widens_it() -> None:
    # 市直有关部门、单位 is one collective (a bare 单位 names no one); the standing note after
    # the units names no further owner.
    text = (
        "一、提升政务服务\n1.深化政务服务网上办。推进政务服务标准化。（牵头单位：市行政审批服务局；"
        "责任单位：市直有关部门、单位，各区市政府、开发区管委。以下任务均需各区市政府、开发区管委落实，不再一一列出）\n"
    )
    got = items(text)
    assert roles(got[0]) == (["市行政审批服务局"], [], ["市直有关部门、单位", "各区市政府", "开发区管委"])


def test_a_row_with_more_cells_than_its_header_aligns_its_owner_cells_from_the_end() -> None:
    # 目标 spans a goal, an indicator and a figure; 项目 is the group (spaced out, given only on
    # a group's first row); the leader and the person in charge name people.
    text = (
        "项 目 | 目标 | 分 解 情 况 | 责任领导 | 责任单位 | 责任人 |\n"
        "就 业 促 进 工 程 | 促进城乡劳动者就业创业 | 城镇新增就业人数(人) | 1300 | 元坝镇280 白果乡15 | 刘 强 | 区人社局 | 陈 宗 |\n"
    )
    got = items(text)
    assert got[0]["text"].startswith("促进城乡劳动者就业创业")
    assert roles(got[0]) == ([], ["区人社局"], [])
    assert header(["序号", "项目", "责任单位"]) == ["number", "task", "责任单位"]


def test_a_labelled_bracket_after_a_heading_title_with_labels_spaced_apart() -> None:
    # A scraper shuffled the sentences and joined them with spaces: the headed item's bracket
    # holds three labels with spaces between (a leader's name first), and other text runs on
    # after it on the same line.
    filler = "，".join(f"组织检查第{n}批高校对口帮扶推进情况" for n in range(1, 9))
    text = (
        f"增加就业机会，{filler}， （八）加强农村教师培养培训（牵头领导：刘立云 牵头处室：人事教师处 "
        "责任处室：财务管理处、民教处、语委办） ，定期到市（州）、县（市、区）开展督导，合理确定县级经费分担比例，"
        f"{filler}。\n"
        "（十一）推动扶贫进校园（牵头领导：刘东 牵头处室：基教处 责任处室：高教处、电教馆） 指导学校利用班会讲解政策。\n"
    )
    got = {i["text"][:8]: roles(i) for i in items(text)}
    assert got["（八）加强农村教"] == (["人事教师处"], [], ["财务管理处", "民教处", "语委办"])
    assert got["（十一）推动扶贫"] == (["基教处"], [], ["高教处", "电教馆"])


def test_an_early_bracket_that_is_no_labelled_clause_stays_in_the_task() -> None:
    # 建设区域医疗中心（含妇幼中心）: a bracket after a short opening names no owner.
    got = items("1.建设区域医疗中心（含妇幼中心），年内开工。（牵头单位：市卫健委）\n")
    assert roles(got[0]) == (["市卫健委"], [], [])


def test_a_header_with_headings_not_known_still_reads_its_units() -> None:
    # 序号 first and a units column named: an unknown heading right after the number is the
    # task, others are columns not read.
    assert header(["序号", "惠民项目", "建设地点", "责任单位"]) == ["number", "task", "ignore", "责任单位"]
    assert header(["序号", "工作任务", "建设地点", "牵头单位"]) == ["number", "task", "ignore", "牵头单位"]
    # Without the number column, only with the task column known and most headings known.
    assert header(["惠民工程", "建设地点", "责任单位"]) is None
    assert header(["重点项目", "所在片区", "群众评价", "责任单位"]) is None
    # 建设地点 and 投资主体 are a project's facts, columns known and not read (round 5).
    assert header(["重点项目", "建设地点", "投资主体", "责任单位"]) == ["task", "ignore", "ignore", "责任单位"]
    assert header(["重点项目", "建设地点", "责任单位"]) == ["task", "ignore", "责任单位"]
    assert header(["序号", "建设地点", "投资主体", "资金来源", "责任单位"]) is None  # mostly unknown
    assert header(["序号", "新建学校2所", "责任单位"]) is None  # a figure: a row, not a heading
    text = (
        "序号\n惠民项目\n建设地点\n责任单位\n完成时限\n"
        "1\n新建城区公园2座。\n城东\n县住建局\n12月底前\n"
        "2\n改造老旧小区10个。\n城西\n县住建局\n县财政局\n11月底前\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["新建城区公园2座。", "改造老旧小区10个。"]
    assert roles(got[1]) == ([], ["县住建局", "县财政局"], [])


def test_a_project_table_run_into_one_line_with_figures_between_task_and_units() -> None:
    # No separators at all: the project and its stage, two figures, the builder (项目业主, not a
    # role), the lead, then leaders' names; a total row's figures run into row 1's number.
    text = (
        "附件重点推进的重大项目情况表单位：万元序号项目名称建设阶段总投资2009年计划投资项目业主牵头协调部门牵头区领导"
        "合计7089078737500 1十陵景区项目加快建设43000020000市兴城公司区建设局王天刚郭代辉"
        "2农产品交易中心项目加快建设3200003000聚和生态农业发展有限公司、聚和村股份合作社区农发局宋凯"
        "3物流骨干项目加快建设1573756189000成都摩尔物流发展有限\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["十陵景区项目加快建设", "农产品交易中心项目加快建设", "物流骨干项目加快建设"]
    assert [roles(i) for i in got] == [(["区建设局"], [], []), (["区农发局"], [], []), ([], [], [])]


def test_headings_read_by_the_clause_grammar_and_by_their_endings() -> None:
    # A grammar label is its column (牵头科室, 协办部门, 主办单位); endings give the task (主要举措,
    # 重点项目), the deadline (办结时限) and columns not read (考核标准, 进度安排, 预期目标).
    assert header(["序号", "主要举措", "主办单位", "协办部门", "办结时限"]) == [
        "number", "task", "牵头单位", "配合单位", "完成时限",
    ]  # fmt: skip
    assert header(["序号", "重点项目", "考核标准", "进度安排", "牵头科室", "配合科室"]) == [
        "number", "task", "ignore", "ignore", "牵头单位", "配合单位",
    ]  # fmt: skip
    assert header(["序号", "预期目标", "责任主体"]) == ["number", "task", "责任单位"]  # the target: the task
    # A heading wrapped over two lines though its first line ends like one (攻坚目标 / 任务),
    # but not two headings in a row (主要举措 / 完成时限).
    text = (
        "序号\n主要举措\n完成时限\n攻坚目标\n任务\n牵头单位\n"
        "1\n建设城区公园2座。\n12月底前\n建成\n区住建局\n"
        "2\n改造老旧小区10个。\n11月底前\n完工\n区住建局\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["建设城区公园2座。建成", "改造老旧小区10个。完工"]
    assert roles(got[0]) == (["区住建局"], [], [])


def test_more_ways_to_say_the_first_named_unit_leads() -> None:
    from prd_cli.importer.conventions import _first_named

    for said in ("牵头单位排在第一位，下同", "第一个单位为牵头单位", "排在前面的为主办单位", "列第一位的为主责单位"):
        assert _first_named(said) >= 0, said
    for other in ("全国首个由市发改委牵头的平台", "由市发改委牵头，把安全放在第一位", "把安全放在第一位，压实主责"):
        assert _first_named(other) < 0, other
    text = "各单位：排在前面的为主办单位。\n一、重点任务\n1.建设城区公园。（区住建局、区财政局）\n"
    assert roles(items(text)[0]) == (["区住建局"], [], ["区财政局"])


def test_a_labelled_sentence_after_the_task_sentence() -> None:
    got = items("一、教育\n1.新建学校3所。牵头单位：县教育局；配合单位：县财政局。\n")
    assert got[0]["text"] == "1.新建学校3所。"
    assert roles(got[0]) == (["县教育局"], [], ["县财政局"])


def test_an_unbracketed_sentence_of_units_closing_the_paragraph() -> None:
    text = (
        "1.新建学校3所。县教育局牵头，县财政局、县住建局配合。\n"
        "2.新建医院。县卫健委负责。\n"
        "3.各地要加强组织领导。各部门要密切配合。\n"  # an exhortation, not a clause
    )
    got = items(text)
    assert [roles(i) for i in got[:2]] == [(["县教育局"], [], ["县财政局", "县住建局"]), ([], ["县卫健委"], [])]
    assert roles(got[2]) == ([], [], [])


def test_a_pipe_table_whose_group_cell_is_given_on_its_first_row_only() -> None:
    text = (
        "序号 | 类别 | 工作任务 | 牵头单位 | 配合单位 |\n"
        "1 | 教育 | 新建学校3所。 | 县教育局 | 县财政局 |\n"
        "2 | 新建幼儿园2所。 | 县教育局 | 县住建局 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["新建学校3所。", "新建幼儿园2所。"]
    assert roles(got[1]) == (["县教育局"], [], ["县住建局"])


def test_a_deadline_sentence_after_a_labelled_sentence_is_the_items_deadline() -> None:
    result = import_bytes(
        "一、教育\n1.新建学校3所。责任单位：县教育局。完成时限：2023年10月底。\n".encode(), None, name="x.txt"
    )
    got = [i for c in result.chapters for m in c["measures"] for i in m["items"]]
    assert roles(got[0]) == ([], ["县教育局"], [])
    assert got[0]["deadlines"][0]["source"] == "完成时限：2023年10月底"
    assert not result.unplaced


def test_a_sub_items_units_after_a_semicolon_are_no_clause_of_the_paragraph() -> None:
    got = items("（一）加强教育。一是新建学校3所，县教育局牵头，县财政局配合；二是新建医院，县卫健委负责。\n")
    assert roles(got[0]) == ([], [], [])  # no 二是新建医院 taken for a unit


def test_a_markdown_rule_under_a_pipe_header_is_no_row() -> None:
    got = items(
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n| --- | --- | --- | --- |\n| 1 | 新建学校3所。 | 县教育局 | 县财政局 |\n"
    )
    assert [(i["text"], roles(i)) for i in got] == [("新建学校3所。", (["县教育局"], [], ["县财政局"]))]


def test_a_units_and_deadline_column_gives_the_units_without_the_deadline() -> None:
    assert header(["序号", "工作任务", "责任单位及完成时限"]) == ["number", "task", "责任单位"]
    got = items("序号 | 工作任务 | 责任单位及完成时限 |\n1 | 新建学校3所。 | 县教育局、县财政局，2023年底前 |\n")
    assert roles(got[0]) == ([], ["县教育局", "县财政局"], [])


def test_a_pipe_row_whose_cells_hold_line_breaks_is_one_row() -> None:
    text = (
        "序号 | 工作任务 | 牵头单位 | 配合单位 |\n"
        "1 | 新建学校3所。\n同步建设配套设施。 | 县教育局 | 县财政局 |\n"
        "2 | 新建医院。 | 县卫健委 | 县医保局\n县财政局 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["新建学校3所。同步建设配套设施。", "新建医院。"]
    assert roles(got[0]) == (["县教育局"], [], ["县财政局"])
    assert roles(got[1]) == (["县卫健委"], [], ["县医保局", "县财政局"])


def test_a_flattened_table_whose_row_numbers_are_written_as_in_a_list() -> None:
    text = "序号\n工作任务\n牵头单位\n配合单位\n1.\n新建学校3所。\n县教育局\n县财政局\n2.\n新建医院。\n县卫健委\n县医保局\n"
    got = items(text)
    assert [roles(i) for i in got] == [(["县教育局"], [], ["县财政局"]), (["县卫健委"], [], ["县医保局"])]


def test_units_separated_by_a_space_or_a_slash_and_bare_role_labels() -> None:
    cases = {
        "1.新建学校3所。（责任单位：县教育局 县财政局）\n": ([], ["县教育局", "县财政局"], []),
        "1.新建学校3所。（牵头单位：县教育局/县财政局）\n": (["县教育局", "县财政局"], [], []),
        "1.新建学校3所。（主办：县教育局；协办：县财政局）\n": (["县教育局"], [], ["县财政局"]),
        "1.新建学校3所。（牵头：县教育局；参与：县财政局）\n": (["县教育局"], [], ["县财政局"]),
    }
    for text, want in cases.items():
        assert roles(items(text)[0]) == want, text


def test_a_flattened_table_numbering_its_rows_in_chinese() -> None:
    for one, two in (("一", "二"), ("（一）", "（二）")):
        text = f"序号\n工作任务\n牵头单位\n配合单位\n{one}\n新建学校3所。\n县教育局\n县财政局\n{two}\n新建医院。\n县卫健委\n县医保局\n"
        got = items(text)
        assert [i["text"] for i in got] == ["新建学校3所。", "新建医院。"], one
        assert roles(got[1]) == (["县卫健委"], [], ["县医保局"])


def test_a_clause_cut_off_at_the_pages_end_is_no_sentence_of_units() -> None:
    got = items("4.加快基础设施建设，推动园区错位发展。（市经信委牵头落实\n5.新建医院。各镇（街道）负责。\n")
    assert roles(got[0]) == ([], [], [])
    assert roles(got[1]) == ([], ["各镇（街道）"], [])


def test_a_two_level_heading_over_the_units_columns() -> None:
    # 责任单位 spans 牵头单位 and 配合单位: a second header row, as many cells as the first or
    # only the sub-headings, or one flattened header cell a line.
    for text in (
        "序号 | 工作任务 | 责任单位 | 完成时限 |\n牵头单位 | 配合单位 |\n",
        "序号 | 工作任务 | 责任单位 | | 完成时限 |\n| | | 牵头单位 | 配合单位 | |\n",
        "序号 | 工作任务 | 责任单位 | | 完成时限 |\n | | 牵头单位 | 配合单位 | |\n",
    ):
        got = items(text + "1 | 新建学校3所。 | 县教育局 | 县财政局 | 2023年底 |\n")
        assert [(i["text"], roles(i)) for i in got] == [("新建学校3所。", (["县教育局"], [], ["县财政局"]))], text
        assert got[0]["deadlines"][0]["source"] == "完成时限：2023年底"
    flat = "序号\n工作任务\n责任单位\n牵头单位\n配合单位\n完成时限\n1\n新建学校3所。\n县教育局\n县财政局\n2023年底\n"
    assert roles(items(flat)[0]) == (["县教育局"], [], ["县财政局"])


def test_a_clause_labelling_responsible_and_supporting_units_names_no_lead() -> None:
    # 责任单位 beside 配合单位 in a clause: the responsible units answer for the task, jointly,
    # and the others help, as every held-out reader reads it (round 27 changed it from lead; a
    # table's 责任单位 | 配合单位 columns still lead, as the corpus's readers read tables).
    got = items(
        "1.新建学校3所。（责任单位：县教育局，配合单位：县财政局）\n2.新建医院。（责任单位：县卫健委、县医保局）\n"
    )
    assert roles(got[0]) == ([], ["县教育局"], ["县财政局"])
    assert roles(got[1]) == ([], ["县卫健委", "县医保局"], [])
    assert roles(items("1.新建学校3所。（县教育局负责，县财政局配合）\n")[0]) == ([], ["县教育局"], ["县财政局"])


def test_a_space_separated_table_numbering_its_rows_as_a_list() -> None:
    got = items("序号 重点任务 牵头单位 配合单位\n1. 新建学校3所 县教育局 县财政局\n2. 新建医院 县卫健委 县医保局\n")
    assert [roles(i) for i in got] == [(["县教育局"], [], ["县财政局"]), (["县卫健委"], [], ["县医保局"])]
