"""`prd import` on layouts the held-out set in heldout2/ showed: task tables scraped one
cell a line with each cell closed by `|`, starting mid-table, with progress, verdict and remark
columns and a last row cut short; tables whose headings are spaced out to fill their cells and
whose task is told in two cells (任务名称 / 指标要求); a progress table with a long 进展情况
cell between the task and its unit; a labelled units line a PDF wrapped mid-name."""

from __future__ import annotations

from prd_cli.importer import import_bytes

from .importing import items, roles


def test_a_table_one_cell_a_line_closed_by_pipes_starting_mid_table() -> None:
    # Rows end with a bare `|`; `||` is an empty remark cell, then the row's end; the first row
    # shown is row 7; the last row is cut off before its remark; 分管 领导 names a person.
    text = (
        "某区2024年为民办实事项目推进情况\n"
        "序号 |\n主要任务 |\n分管 领导 |\n牵头 单位 |\n责任主体与协同单位 |\n"
        "1-5月推进情况 |\n1-6月推进情况 |\n是否达序 |\n说明 |\n"
        "7 |\n新建口袋公园12个。 |\n王明 |\n园林局 |\n住建局、相关街道 |\n已开工。 |\n完成五成。 |\n是 |\n||\n"
        "8 |\n改造老旧小区30个。 |\n王明 |\n住建局 |\n各街道 |\n已招标。 |\n已开工。 |\n否 |\n"
        "招标延后一个月,将加快推进。 |\n|\n"
        "9 |\n新增停车泊位500个。 |\n李强 |\n交通局 |\n公安分局、各街道 |\n已选址。 |\n已建成200个。 |\n是 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["新建口袋公园12个。", "改造老旧小区30个。", "新增停车泊位500个。"]
    assert roles(got[0]) == (["园林局"], [], ["住建局", "相关街道"])
    assert roles(got[1]) == (["住建局"], [], ["各街道"])
    assert roles(got[2]) == (["交通局"], [], ["公安分局", "各街道"])


def test_a_table_one_cell_a_line_with_a_lead_and_a_responsible_column() -> None:
    text = (
        "重点工作目标任务分解表\n"
        "序号 |\n目标与任务 |\n分 管 县领导 |\n牵头责任单位 |\n责任单位 |\n"
        "12 |\n新增托位300个以上。 |\n张 华 |\n县卫健委 |\n县各有关单位 |\n"
        "13 |\n建成乡镇综合文化站3个。 |\n刘 洋王 芳 |\n县文旅局 |\n各乡镇 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["新增托位300个以上。", "建成乡镇综合文化站3个。"]
    assert roles(got[0]) == (["县卫健委"], [], ["县各有关单位"])
    assert roles(got[1]) == (["县文旅局"], [], ["各乡镇"])


def test_a_pipe_table_with_spaced_out_headings_and_a_task_in_two_cells() -> None:
    text = (
        "附件1 |\n"
        "序号 | 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 | 配 合 部 门 | 目 标 类 型 |\n"
        "1 | 城镇新增就业 | 1.2万人 | 区人力社保局 | 区财政局、各街道办事处 | A类 |\n"
        "2 | 社会消费品零售总额 | 增长7% | 区商务局 | / | B类 |\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["城镇新增就业：1.2万人", "社会消费品零售总额：增长7%"]
    assert roles(got[0]) == (["区人力社保局"], [], ["区财政局", "各街道办事处"])
    assert roles(got[1]) == (["区商务局"], [], [])


def test_a_progress_table_one_cell_a_line_with_a_long_progress_cell() -> None:
    text = (
        "市政府重点工作一季度进展情况表\n\n"
        "序号\n\n内容与要求\n\n进展情况\n\n责任单位\n\n"
        "1\n\n确保全年城乡居民收入增长7%左右。\n\n"
        "一季度全市城镇常住居民人均可支配收入同比增长6.1%,农村常住居民增长7.3%,均高于全省平均。\n\n市统计局\n\n"
        "2\n\n新开工保障性住房2000套。\n\n已开工1200套,完成进度六成。\n\n市住建局\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["确保全年城乡居民收入增长7%左右。", "新开工保障性住房2000套。"]
    assert roles(got[0]) == ([], ["市统计局"], [])
    assert roles(got[1]) == ([], ["市住建局"], [])


def test_a_units_line_wrapped_mid_name_goes_on() -> None:
    text = (
        "一、加强基层党建\n"
        "1.完善社区党组织领导体制机制,推动党的领导写入各类组织章程。\n"
        "牵头单位:区委组织部\n"
        "协办单位:区委编办、区民政局、开发区党工\n"
        "委、各街道党工委\n"
        "2.推进社区党组织书记、居委会主任“一肩挑”。\n"
        "牵头单位:区委组织部\n"
        "协办单位:各街道党工委、\n"
        "区民政局\n"
    )
    got = items(text)
    assert roles(got[0]) == (["区委组织部"], [], ["区委编办", "区民政局", "开发区党工委", "各街道党工委"])
    assert roles(got[1]) == (["区委组织部"], [], ["各街道党工委", "区民政局"])


def test_tasks_run_together_on_one_line_with_measures_and_a_division_sentence() -> None:
    # Title, 工作措施: paragraph and 部门分工: sentence of each task, one line, spaces between.
    text = (
        "今年本厅的重点工作任务\n"
        "城镇新增就业110万人以上 部门分工:省人力资源社会保障厅牵头,各地、各部门配合。 "
        "加快建设现代化产业体系 工作措施:出台先进制造业发展行动计划。推动100家规模以上工业企业技术改造,"
        "完善重点产业链供需对接机制。 部门分工:省工业和信息化厅牵头,省发展改革委,科技厅、商务厅等配合。 "
        "推进高标准农田建设 工作措施:新建高标准农田100万亩,改造提升50万亩,统筹推进灌区配套建设。 "
        "部门分工:省农业农村厅牵头,水利厅、财政厅等配合。\n"
    )
    got = items(text)
    assert [i["text"].split("\n")[0] for i in got] == [
        "城镇新增就业110万人以上",
        "加快建设现代化产业体系",
        "推进高标准农田建设",
    ]
    assert got[1]["text"].endswith("完善重点产业链供需对接机制。")
    assert roles(got[0]) == (["省人力资源社会保障厅"], [], ["各地", "各部门"])
    assert roles(got[1]) == (["省工业和信息化厅"], [], ["省发展改革委", "科技厅", "商务厅"])
    assert roles(got[2]) == (["省农业农村厅"], [], ["水利厅", "财政厅"])


def test_a_label_after_a_comma_closes_the_tasks_sentence() -> None:
    text = (
        "某市民生工程实施进度通报\n"
        "一、部分项目进展情况\n"
        "1、城乡居民养老保险,牵头单位:市人社局。其中,参保进度较慢的为甲县。\n"
        "2、农村道路畅通工程,牵头单位:市交通局;配合单位:市财政局、各县区政府。其中,乙区进度滞后。\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["1、城乡居民养老保险", "2、农村道路畅通工程"]
    assert roles(got[0]) == (["市人社局"], [], [])
    assert roles(got[1]) == (["市交通局"], [], ["市财政局", "各县区政府"])
    # What follows the clause (where problems were found) names no owner, and is not lost.
    result = import_bytes(text.encode("utf-8"), None, name="x.txt")
    assert [ln.text for ln in result.unplaced] == ["其中，参保进度较慢的为甲县。", "其中，乙区进度滞后。"]


def test_a_unit_with_its_other_name_in_brackets_is_no_task() -> None:
    text = (
        "今年市农业农村局（市乡村振兴局）\n"
        "有哪些重点工作？\n"
        "粮食播种面积稳定在50万亩\n"
        "部门分工:市农业农村局牵头,各县区配合。\n"
        "建设区域医疗中心（市卫健委）\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == ["粮食播种面积稳定在50万亩", "建设区域医疗中心"]
    assert roles(got[0]) == (["市农业农村局"], [], ["各县区"])
    assert roles(got[1]) == ([], ["市卫健委"], [])


def test_a_pdf_copy_wrapped_at_the_pages_width_is_read_as_whole_paragraphs() -> None:
    body = (
        "1.完善社区治理体制机制，优化决策程序，涉及基层治理的重大事项由街道党工委讨论决定，全面提升街道"
        "抓党建、抓治理、抓服务的领导能力，推动党的领导写入各类组织章程，把党的主张转化为群众的自觉行动。"
        "加强社区党组织对地区各类组织和各项工作的领导，确保党的路线方针政策在基层有效贯彻落实。"
    )
    width = 15  # the page's width: most lines are as wide
    wrapped = [body[i : i + width] for i in range(0, len(body), width)]
    body2 = "2.推进社区党组织书记、居委会主任“一肩挑”，推动社区党建、单位党建、行业党建多方联动，构建党建工作体系。"
    wrapped2 = [body2[i : i + width] for i in range(0, len(body2), width)]
    text = "\n".join(
        ["一、加强基层党建", *wrapped, "牵头单位:区委组织部", "协办单位:区委编办", *wrapped2, "牵头单位:区民政局"]
    )
    got = items(text + "\n")
    assert [i["text"] for i in got] == [body, body2]
    assert roles(got[0]) == (["区委组织部"], [], ["区委编办"])
    assert roles(got[1]) == (["区民政局"], [], [])


def test_a_breadcrumbs_rest_on_its_own_line_is_web_junk() -> None:
    text = "当前位置:首页\n> 政务公开 > 工作报告\n分享:\n某市重点工作进展情况表\n1.新建公园5个。(市园林局负责)\n"
    result = import_bytes(text.encode("utf-8"), None, name="x.txt")
    assert result.document["title"] == "某市重点工作进展情况表"
    assert [ln.text for ln in result.junk][1:] == ["> 政务公开 > 工作报告", "分享:"]
