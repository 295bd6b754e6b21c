"""`prd import` on the layouts the nineteenth and twentieth held-out sets (unseen19/,
unseen20/) showed, each on made-up text: the rules of rounds 20 and 21."""

from __future__ import annotations

from .importing import draft, items, roles


def test_a_report_listing_quoted_projects_each_with_its_unit_in_brackets() -> None:
    # n04: 另，“甲项目”（市水利局）、“乙项目”（市红十字会）等5个项目曾…: one sentence, a project
    # per quoted name; the words after the list stay in the draft.
    text = (
        "某市关于民生实事项目完成情况的通报\n"
        "一、总体情况\n"
        "另，“新开工提标加固海塘18公里”（市水利局）、“公共场所新增AED”（市红十字会）、"
        "“实施二次供水改造提升8个居民小区”（市综合行政执法局）等3个项目曾因过程性滞后被通报，但均能如期完成。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["市水利局"], []),
        ([], ["市红十字会"], []),
        ([], ["市综合行政执法局"], []),
    ]
    assert "海塘" in got[0]["text"] and "AED" in got[1]["text"]
    assert "过程性滞后" in draft(text)  # kept: nothing lost


def test_a_labelled_clause_whose_closing_bracket_the_page_lost() -> None:
    # n06: …补贴。(牵頭單位:縣人力資源和社會保障局 and the line ends: the clause is read, and the
    # draft says the bracket was missing.
    text = (
        "某县2023年实施50项民生实事\n一、促进就业\n"
        "（一）促进重点群体稳定就业，城镇新增就业0.5万人。（牵头单位：县人力资源和社会保障局\n"
        "（二）培训家政服务人员9500人次。（牵头单位：县商务局）\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [(["县人力资源和社会保障局"], [], []), (["县商务局"], [], [])]
    assert "closing bracket missing" in draft(text)


def test_a_bracket_left_open_inside_a_sentence_or_naming_no_role_is_not_a_clause() -> None:
    text = "某县工作方案\n一、任务\n（一）完善制度。（详见附件\n（二）加强监管。（牵头单位：县市场监管局）\n"
    got = items(text)
    assert [roles(i) for i in got][-1] == (["县市场监管局"], [], [])
    assert all(not i.get("lead") for i in got[:-1])


def test_a_flattened_progress_table_whose_sub_rows_hold_figures_like_row_numbers() -> None:
    # n08: 1 / 一、就业促进(3项) / task / target / unit / figures, then a sub-row 4 / 4 / 100%
    # and a figure 62 / 持续推进: neither is the next row's number.
    text = (
        "某县民生工程进度\n序号 |\n类别 |\n项目名称 |\n目标任务 |\n牵头单位 |\n累计完成 |\n累计进度 |\n备注 |\n"
        "1 |\n一、就业促进(2项) |\n促进重点群体稳定就业 |\n城镇新增就业1100人 |\n县人社局 |\n1063 |\n96.64% |\n|\n"
        "“三公里”充分就业社区4个 |\n4 |\n4 |\n100% |\n|\n"
        "2 |\n加强城乡低保人员生活保障 |\n城市保障人数 |\n县民政局 |\n62 |\n持续推进 |\n|\n"
        "3 |\n农村敬老院运营服务能力提升 |\n督促辖区内4家公建公营敬老院规范运营 |\n县民政局 |\n4 |\n100% |\n|\n"
    )
    got = items(text)
    assert [(i["text"][:6], roles(i)) for i in got] == [
        ("促进重点群体", (["县人社局"], [], [])),
        ("加强城乡低保", (["县民政局"], [], [])),
        ("农村敬老院运", (["县民政局"], [], [])),
    ]


def test_a_pages_markup_kept_in_a_text_file_is_read_as_the_page() -> None:
    # unseen20 m02: a blog's copy keeps the page's <p cms-style=…> and <font> tags in a .md
    # file; read as text, no line was a task of its own.
    paragraphs = [
        "一、进一步破除隐性门槛",
        '<font cms-style="font-L">（一）全面实施市场准入负面清单管理。</font><font>健全动态调整机制。</font>'
        "<font>（国家发展改革委、商务部牵头，国务院相关部门及各地区按职责分工负责）</font>",
        "（二）着力规范政府采购和招投标。清理排斥外地企业的规定。（财政部牵头，各地区按职责分工负责）",
        "二、规范涉企收费",
    ]
    text = '---\ntitle: "某意见"\n---\n<div>\n' + "\n".join(f'<p cms-style="font-L">{p}</p>' for p in paragraphs)
    got = [i for i in items(text) if "<" not in i["text"]]
    assert [roles(i) for i in got] == [
        (["国家发展改革委", "商务部"], [], ["国务院相关部门", "各地区"]),
        (["财政部"], [], ["各地区"]),
    ]


def test_a_text_quoting_a_tag_or_two_stays_text() -> None:
    text = "某县工作方案\n一、任务\n（一）网页用<p>标记段落，用<br>换行。（县数据局负责）\n"
    got = items(text)
    assert [roles(i) for i in got] == [([], ["县数据局"], [])]
    assert "<p>" in got[0]["text"]


def test_a_progress_table_repeating_its_task_heading_over_figures_after_the_units() -> None:
    # n08: 项目名称 | 目标任务 | 牵头单位 | 目标任务 | 累计完成: the second 目标任务 is a figure.
    text = (
        "某县民生工程进度\n序号 | 项目名称 | 目标任务 | 牵头单位 | 目标任务 | 累计完成 |\n"
        "1 | 支持毕业生求职创业 | 按1500元/人标准发放补贴 | 县人社局 | 1100 | 目前已组织网上申请 |\n"
    )
    (got,) = items(text)
    assert got["text"] == "支持毕业生求职创业：按1500元/人标准发放补贴"
    assert roles(got) == (["县人社局"], [], [])


def test_a_report_citing_tasks_in_quotes_after_the_units_that_own_them() -> None:
    # unseen12 m03: …需要加快推进落实事项3件，如县发改局负责的“…”。…；县自然资源局、县水利局负责的“…”
    text = (
        "关于县政府常务会议确定事项落实情况的督查通报\n一、总体情况\n"
        "在督查中发现，需要加快推进落实事项2件，如县发改局负责的“严格落实全县重点项目前期工作计划，按时完成。”"
        "截至目前已完成前期论证；县自然资源局、县水利局负责的“紧盯国债项目6月底前开工。”进度滞后。\n"
    )
    got = items(text)
    assert [(i["text"][:6], roles(i)) for i in got] == [
        ("严格落实全县", ([], ["县发改局"], [])),
        ("紧盯国债项目", ([], ["县自然资源局", "县水利局"], [])),
    ]
    assert "已完成前期论证" in draft(text) and "进度滞后" in draft(text)  # the report's words kept


def test_a_units_cell_under_each_task_of_a_table_copied_without_its_header() -> None:
    # unseen10 i08: 2.纳入…补贴。 / 市经信局、市财政局等,各县、市、区政府 / 2020年12月
    text = (
        "某市支持企业若干政策措施责任分工\n一、支持企业发展\n"
        "1.对纳入支持的重点企业给予设备购置补贴。\n市经信局、市财政局等,各县、市、区政府,某高新区管委会\n2020年12月\n"
        "2.免征个体工商户应缴纳的个人所得税。\n市税务局\n"
        "3.加强宣传解读。\n做好政策宣传，各地要积极落实。\n"
    )
    got = items(text)
    assert [roles(i) for i in got[:2]] == [
        ([], ["市经信局", "市财政局", "各县、市、区政府", "某高新区管委会"], []),
        ([], ["市税务局"], []),
    ]
    assert got[0]["deadlines"][0]["source"] == "完成时限：2020年12月"
    assert "市经信局" not in got[0]["text"]
    assert all(not roles(i)[1] for i in got[2:])  # a sentence under a task is no units cell
