"""`prd import` on the layouts the twenty-ninth held-out set (unseen29/) showed, each on made-up
text: the rules of round 33."""

from __future__ import annotations

from prd_cli.importer.headings import header
from prd_cli.importer.tables import labelled_cell

from .importing import items, roles


def test_a_page_opening_in_numbered_units_each_over_its_duty() -> None:
    # g03: 2.2职责任务。 / (1)市林业局。 / 负责… — a page of an emergency plan opening at (1).
    text = (
        "2.2职责任务。\n(1)市林业局。\n负责火灾扑救的组织、火灾现场勘察等工作。\n"
        "(2)沈阳警备区。\n负责协调、调动当地驻军参加森林火灾扑救工作。\n(3)市公安局。\n负责火灾区域内的治安管理。\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["市林业局"], []), ([], ["沈阳警备区"], []), ([], ["市公安局"], [])]


def test_a_division_a_line_a_unit_goes_on_past_a_line_it_does_not_open() -> None:
    # g04: 市广电局负责… / 邢台军分区根据…请求，协调… / 市物价局负责… / 市环保局负责…
    text = (
        "市科技局负责安排重大抗灾救灾科研项目。\n市广电局负责灾区广播、电视系统设施的恢复工作。\n"
        "某军分区根据市政府有关部门的请求，协调组织军队参加抢险救灾。\n"
        "市物价局负责灾区市场物价管理。\n市环保局负责灾区的环境监测。\n"
    )
    got = [roles(i) for i in items(text)]
    assert ([], ["市物价局"], []) in got and ([], ["市环保局"], []) in got


def test_a_units_duties_headed_with_the_word_for_them() -> None:
    # i01: 1.民政部门职责。负责…; unseen25 b02: （二）纪检监察部门职责：…
    text = (
        "某市医疗救助实施方案\n五、部门职责\n1.民政部门职责。负责基本医疗救助的具体组织实施。\n"
        "2.卫生部门职责。负责建立和完善医疗救助规章制度。\n3.财政部门职责：负责医疗救助资金的筹措、拨付。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["民政部门"], []),
        ([], ["卫生部门"], []),
        ([], ["财政部门"], []),
    ]


def test_kinds_of_department_that_must_each_do_their_part() -> None:
    # i02: 劳动保障、教育、卫生等部门，要按照各自职责…。市信息化办公室要统筹协调…。
    text = (
        "某市社会救助体系建设意见\n四、保障措施\n（三）有关部门各司其职。各有关部门应加强与民政部门的沟通联系。"
        "劳动保障、教育、卫生等部门，要按照各自职责，继续完善各项社会救助政策。市信息化办公室要统筹协调，加快推进信息系统建设。"
        "审计部门要加强对社会救助资金的审计监督。\n"
    )
    assert [roles(i) for i in items(text)] == [
        ([], ["劳动保障", "教育", "卫生"], []),
        ([], ["市信息化办公室"], []),
        ([], ["审计部门"], []),
    ]


def test_the_lead_named_as_what_it_is_for_a_task() -> None:
    # i05: 农业部门作为农村劳动力转移培训的牵头部门，…；财政部门要负责…
    text = (
        "某市农村劳动力转移培训实施意见\n三、职责分工\n（一）明确分工。农业部门作为农村劳动力转移培训的牵头部门，"
        "重点做好培训机构的认定工作；财政部门要负责落实培训补贴资金。\n"
    )
    assert [roles(i) for i in items(text)] == [(["农业部门"], [], []), ([], ["财政部门"], [])]


def test_a_units_column_that_names_each_units_head_too() -> None:
    # h05: 牵头单位及 主要负责人 | 市民政局 伍泽国
    assert header(["大类", "序号", "工作任务", "分管 市领导", "牵头单位及 主要负责人", "落实进展情况"]) == [
        "group",
        "number",
        "task",
        "ignore",
        "牵头单位",
        "ignore",
    ]
    assert labelled_cell("牵头单位", "市民政局伍泽国、市财政局 李某") == [("牵头单位", "市民政局、市财政局")]
    # A department's section is no person: 市发改局经贸科, and 市妇联 is a unit whole.
    assert labelled_cell("牵头单位", "市发改局经贸科") == [("牵头单位", "市发改局经贸科")]
    assert labelled_cell("牵头单位", "市妇联") == [("牵头单位", "市妇联")]


def test_rows_under_a_project_whose_name_and_units_are_merged_down() -> None:
    # h03: 1 | 工程 | 推广… | … | 主办单位, then rows holding only 项目内容 and progress, `|||` after.
    text = (
        "某县民生实事进展情况\n序号 | 项目名称 | 项目内容 | 当前进展情况 | 进度评价 | 主办单位 |\n"
        "1 | 农村人居环境整治提升工程 | 推广人居环境治理新模式，试点村达到100个。 | 试点村已达到100个 | 已完成 | 县住建局 |\n"
        "建设“四好农村路”50公里。 | 完工建设50.52公里。 | 已完成 | |||\n"
        "新增绿化面积387亩。 | 已完成新增造林387亩。 | 已完成 | |||\n"
        "2 | 城区道路改造工程 | 改造城区道路5条。 | 正常推进 | 正常推进 | 县交通局 |\n"
    )
    got = [(i["text"], roles(i)) for i in items(text)]
    assert [r for _, r in got] == [(["县住建局"], [], [])] * 3 + [(["县交通局"], [], [])]
    assert "建设“四好农村路”50公里" in got[1][0]


def test_parts_each_a_tasks_name_then_who_does_it() -> None:
    # g05: 校园内部安全整治主要由教育局牵头，公安、消防部门配合，对…；食品卫生监管主要由…牵头，教育、卫生等部门配合，…
    text = (
        "某县校园安全联合整治行动方案\n二、整治内容\n"
        "此次联合整治主要有五方面。校园内部安全整治主要由教育局牵头，公安、消防、安监部门配合，对全县学校的设施进行全面排查；"
        "食品卫生监管主要由食品药品监管局牵头，教育、卫生、城管等部门配合，对学校食堂进行全面监督检查。\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["教育局"], [], ["公安部门", "消防部门", "安监部门"]),
        (["食品药品监管局"], [], ["教育", "卫生", "城管"]),
    ]
