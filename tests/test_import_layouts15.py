"""`prd import` on the layouts the fourteenth held-out set (unseen14/) showed, each on made-up
text: the rules of round 15."""

from __future__ import annotations

from .importing import items, roles


def test_sentences_in_prose_that_open_with_their_units() -> None:
    # t01: a news summary of a division, no numbering: 在…方面，分工方案明确，由甲牵头，乙负责，<task>。
    # 由丙、丁分别负责<task>。 Each such sentence is an item; a sentence after it goes with it.
    text = (
        "某分工方案印发\n"
        "联席会议办公室日前印发通知，对重点任务进行分工部署。\n"
        "在健全服务体系方面，分工方案明确，由国家发展改革委、国家卫生健康委等单位分别负责，建成中医药服务体系。"
        "由国家中医药管理局牵头，国家卫生健康委、科技部负责，加快循证医学中心建设，用3年左右时间筛选优势病种。"
        "及时向社会发布。由农业农村部、国家药监局分别负责中药材道地产区环境保护工作。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["国家发展改革委", "国家卫生健康委"], []),
        (["国家中医药管理局"], [], ["国家卫生健康委", "科技部"]),
        ([], ["农业农村部", "国家药监局"], []),
    ]
    assert got[1]["text"].endswith("及时向社会发布。")
    assert "建成中医药服务体系" in got[0]["text"]


def test_a_sentence_opening_with_you_that_names_no_units_is_no_clause() -> None:
    # 由市财政局研究制定补贴办法 is a task (研究制定 is no verb of the grammar); 由各地结合实际负责 names
    # no unit.
    text = "某市工作安排\n一、完善政策\n由市财政局研究制定补贴办法，报市政府审定后实施。\n由各地结合实际负责推进。\n"
    assert all(roles(i) == ([], [], []) for i in items(text))


def test_qualified_lead_columns_spaced_out_cells_and_rows_short_of_their_first_units_cell() -> None:
    # t03: 序号 | 工作任务 | 主要工作内容 | 完成时间 | 总牵头单位 | 分项牵头单位 | 参与单位 | 责任单位,
    # cells ending in |. The group and the 总牵头单位 are merged down from a group's first row,
    # whose cells are spaced out to fill them (市 城 市 管 理 局); later rows give three units
    # cells, the missing one being the leftmost.
    text = (
        "某市垃圾分类工作任务分解表\n"
        "序 号 |\n工作 任务 |\n主要工作内容 |\n完成时间 |\n总牵头 单位 |\n分项 牵头单位 |\n参与单位 |\n责任单位 |\n"
        "1 |\n源 头 减 量 行 动 |\n到2020年底实现垃圾总量零增长。 |\n2020年 |\n市 城 市 管 理 局 |\n"
        "市城市管理局 |\n市商务局 |\n各县(区)政府 |\n"
        "2 |\n开展过度包装专项治理。 |\n2018年 |\n市发改委 |\n市农业农村局、市邮政管理局 |\n各县(区)政府 |\n"
    )
    got = items(text)
    assert len(got) == 2
    assert got[0]["text"] == "到2020年底实现垃圾总量零增长。"  # the group a heading over it
    assert roles(got[0])[0] == ["市城市管理局"]
    assert "市商务局" in roles(got[0])[2]
    assert roles(got[1])[0] == ["市发改委"]
    assert roles(got[1])[2][:2] == ["市农业农村局", "市邮政管理局"]
    assert "开展过度包装专项治理。" in got[1]["text"]


def test_spaces_stay_in_a_cell_that_is_more_than_single_characters() -> None:
    # Only a cell of single characters each followed by one space is spaced out; words with a
    # space between them (a wrap) are not run together by this rule.
    from prd_cli.importer.tables import _unspaced

    assert _unspaced("市 城 市 管 理 局") == "市城市管理局"
    assert _unspaced("各县(区)政府、 新城管委会") == "各县(区)政府、 新城管委会"
    assert _unspaced("2020 年") == "2020 年"


def test_a_run_on_table_whose_units_cells_separate_their_names() -> None:
    # t04: a document-sharing page runs the cells together (序号 工作内容 目标任务 责任单位 备注),
    # but within the units cell the names keep their 、 and ，, 等部门 among them, and a collective
    # keeps its bracket of levels (各区（市）县政府（管委会）). 市委社治委 is one name, though 社 ends
    # names (供销社): what follows it up to the 、 opens no unit.
    text = (
        "某市垃圾分类重点任务责任分工表序号工作内容目标任务责任单位备注"
        "1加强生活垃圾分类宣传发动。2021年2月底前，知晓率达90%以上。市委宣传部（市文明办）、市城管委，市总工会、团市委等部门，各区（市）县政府（管委会）"
        "2完善回收利用体系。2021年2月底前，基本建成回收利用体系。市商务局，市委社治委、市发改委，各区（市）县政府（管委会）"
        "3加强有害垃圾处置。2021年2月底前，完善处置体系。市生态环境局\n"
    )
    got = items(text)
    assert [roles(i)[1] for i in got] == [
        ["市委宣传部（市文明办）", "市城管委", "市总工会", "团市委", "各区（市）县政府（管委会）"],
        ["市商务局", "市委社治委", "市发改委", "各区（市）县政府（管委会）"],
        ["市生态环境局"],
    ]
    assert got[1]["text"].startswith("完善回收利用体系。")


def test_a_run_on_table_without_separators_still_cuts_names_where_they_end() -> None:
    # The 区财政局区发改委 of a run with no separators stays two units: the lookahead to a
    # separator only mends a cut before characters that open no unit.
    text = (
        "某区重点任务分解表序号工作任务责任单位1落实减税降费政策。区财政局区发改委、区税务局2优化营商环境。区发改委\n"
    )
    got = items(text)
    assert roles(got[0])[1] == ["区财政局", "区发改委", "区税务局"]


def test_participating_units_and_leads_qualified_by_their_duties() -> None:
    # unseen15 b02, b01, b05: 参加 and 协作 are support verbs; 按照职责分工分别牵头负责 makes every
    # unit before it a lead; 列第一者为牵头单位 (no 位) is the first-named convention.
    text = (
        "某工作分工\n一、完善制度\n"
        "（一）启动立法前期工作（发展改革委、人民银行牵头负责，法制办参加）。\n"
        "（二）实施统一代码制度（发展改革委、公安部按照职责分工分别牵头负责，中央编办、民政部参加）。\n"
        "（三）调整议事机构（市食安办牵头，市食安委各有关成员单位协作）。\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["发展改革委", "人民银行"], [], ["法制办"]),
        (["发展改革委", "公安部"], [], ["中央编办", "民政部"]),
        (["市食安办"], [], ["市食安委各有关成员单位"]),
    ]
    text = (
        "某省分工\n一、稳增长\n"
        "（一）鼓励非公有制经济发展（省经信委、省发改委负责。责任单位两个以上的，列第一者为牵头单位，下同）。\n"
        "（二）扩大有效投资（省发改委、省财政厅负责）。\n"
    )
    assert [roles(i) for i in items(text)] == [(["省经信委"], [], ["省发改委"]), (["省发改委"], [], ["省财政厅"])]
