"""`prd import` on the layouts the twenty-seventh and twenty-eighth held-out sets (unseen27/,
unseen28/) showed, each on made-up text: the rules of round 31."""

from __future__ import annotations

from prd_cli.importer.grammar import parse_clause, split_units

from .importing import items, roles


def test_a_bracket_whose_second_label_follows_a_full_stop() -> None:
    # unseen28 c02: （责任部门：市环保局。配合部门：各市（县）、区政府）
    text = "某市生态文明建设任务分解\n1.建立环保执法监督机制。（责任部门：市环保局。配合部门：各市（县）、区政府）\n"
    assert roles(items(text)[0]) == ([], ["市环保局"], ["各市（县）、区政府"])


def test_collectives_that_name_more_than_one_kind_of_body() -> None:
    # unseen28 c05, unseen27 b01, f04, f06.
    assert split_units("各有关部门，各开发区、镇（街道）") == ["各有关部门", "各开发区、镇（街道）"]
    assert split_units("各区县及园区，市政府有关部门") == ["各区县及园区", "市政府有关部门"]
    assert split_units("市有关部门及直属机构") == ["市有关部门及直属机构"]
    assert split_units("市编办及市政府有相关行政管理职能的各委、办、局") == [
        "市编办",
        "市政府有相关行政管理职能的各委、办、局",
    ]
    # Two classes of body stay two; a unit's own 和 stays one.
    assert split_units("各县区政府及有关部门") == ["各县区政府", "有关部门"]
    assert split_units("市场监管局和税务局") == ["市场监管局", "税务局"]


def test_numbered_units_each_a_sentence_then_its_duty() -> None:
    # unseen28 d02: （二十一）市公安局。负责对…的调研; d04: （五）财政部门。按照…做好经费保障.
    text = (
        "某市一体化发展调研和工作推进方案\n四、职责分工\n"
        "（二十一）市公安局。负责对社会治安综合治理一体化的调研，形成专题调研报告。\n"
        "（二十二）市教育局。负责对教育资源共建共享方面的调研。\n"
        "（二十三）财政部门。按照上级文件精神，做好集中活动的经费保障工作。\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["市公安局"], []), ([], ["市教育局"], []), ([], ["财政部门"], [])]


def test_a_task_title_that_ends_like_a_unit_is_no_unit() -> None:
    # 3.打造中小企业云服务平台。鼓励…: the title of a task, not a unit named before its duty.
    text = "某市实施意见\n3.打造中小企业云服务平台。鼓励大型互联网企业建设云服务平台。（市经信委负责）\n"
    assert roles(items(text)[0]) == ([], ["市经信委"], [])


def test_a_paragraph_of_departments_each_saying_what_it_must_do() -> None:
    # unseen28 d06: 水务部门要…。财政部门要…。; d05: 财政部门重点负责….
    text = (
        "某市农田水利基本建设意见\n三、保证措施\n"
        "（一）加强组织领导。各级政府要把农田水利基本建设作为一项重要工作来抓。水务部门要加强技术指导，完善技术服务。"
        "财政部门要搞好资金调配。农业部门重点负责备耕各项准备工作。\n"
    )
    got = [roles(i) for i in items(text)]
    assert got == [([], ["水务部门"], []), ([], ["财政部门"], []), ([], ["农业部门"], [])]


def test_units_that_handle_a_task_and_one_that_helps_another() -> None:
    # unseen27 f02: （甲、乙等有关部门办理）; b03: （省文化厅配合省委宣传部抓好落实）.
    assert parse_clause("市政府法制办、市监察局等有关部门办理").joint == ("市政府法制办", "市监察局")
    helped = parse_clause("省文化厅配合省委宣传部抓好落实")
    assert (helped.joint, helped.support) == (("省委宣传部",), ("省文化厅",))


def test_a_units_name_as_heading_over_its_duty_paragraph() -> None:
    # unseen27 a05: 一、市财政局 / 负责全市无偿献血经费的落实到位…
    text = (
        "某市无偿献血领导小组成员单位职责\n一、市财政局\n负责全市无偿献血经费的落实到位，监督管理基金的使用。\n"
        "二、团市委\n负责全市广大青年的无偿献血宣传工作。\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["市财政局"], []), ([], ["团市委"], [])]


def test_setting_up_a_headquarters_is_no_units_heading() -> None:
    # unseen25 b01: （一）成立县动物疫情防控指挥部 / 指挥长：… lines name people, not duties.
    text = (
        "某县动物疫情应急预案\n一、组织机构\n（一）成立县动物疫情防控指挥部\n指挥长：某某县人民政府副县长\n"
        "（二）部门职责\n县畜牧局负责疫情监测。\n县财政局负责经费保障。\n"
    )
    assert all("指挥长" not in i["text"] for i in items(text) if i.get("joint"))


def test_a_text_that_opens_with_units_each_before_a_colon() -> None:
    # unseen27 a01: a town's work team, 农业综合服务中心：负责… a line each, no headings.
    text = (
        "为深入推进秸秆综合利用，成立金井镇秸秆综合利用工作专班:\n组 长:某某镇长\n"
        "成员单位:农业综合服务中心、财政所。\n"
        "农业综合服务中心:负责秸秆综合利用工作，提供技术指导。\n财政所:负责扶持政策资金发放。\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["农业综合服务中心"], []), ([], ["财政所"], [])]


def test_a_coordinating_officials_line_is_no_unit() -> None:
    # unseen28 c03: 责任人：某副市长 / 协调人：某副秘书长 / 责任单位：市建委、交通局。
    text = (
        "某市政府工作报告责任分解\n七、加强基础设施建设\n1.加快城市基础设施建设。\n"
        "责任人:某某副市长\n协调人:某某市长助理、某某副秘书长\n责任单位:市建委、交通局、城管局。\n"
    )
    assert roles(items(text)[0]) == ([], ["市建委", "交通局", "城管局"], [])


def test_a_page_opening_in_duties_some_saying_what_a_unit_must_do() -> None:
    # unseen27 a03: 区住建局负责… / 区委农办要结合…，负责… / 规划分局负责…, before any heading.
    text = (
        "区住建局负责全区村庄环境整治总协调工作，指导督查康居乡村的创建。\n"
        "区委农办要结合全区“三新”建设任务，负责指导督查新社区建设。\n"
        "区财政局负责村庄环境整治专项经费的落实。\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["区住建局"], []), ([], ["区委农办"], []), ([], ["区财政局"], [])]


def test_a_units_duty_that_opens_with_牵头_after_its_name_and_a_colon() -> None:
    # unseen28 d01: 省建设厅:牵头组织、部署划定工作。 / 各地级以上市政府:负责组织开展…
    text = (
        "某省区域绿地划定工作方案\n二、组织分工\n省建设厅:牵头组织、部署划定工作。\n"
        "各地级以上市政府:负责组织开展本市区域绿地的具体划定工作。\n"
    )
    assert [roles(i) for i in items(text)] == [(["省建设厅"], [], []), ([], ["各地级以上市政府"], [])]


def test_a_flat_table_row_without_its_leaders_cell() -> None:
    # unseen28 c04: 序号 / 主要工作举措 / 牵头单位 / 配合单位 / 责任领导, row 1 with no leader.
    text = (
        "某区政府工作报告主要工作任务分解表\n序号\n主要工作举措\n牵头单位\n配合单位\n责任领导\n"
        "1\n加快构建现代化产业体系，加快推进全产业链布局。\n区农业农村局\n区发展改革局、区工业和信息化局\n"
        "2\n加快在建项目的建设进度。\n某经济区管委会\n自然资源分局、生态环境分局\n冯某某\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["区农业农村局"], [], ["区发展改革局", "区工业和信息化局"]),
        (["某经济区管委会"], [], ["自然资源分局", "生态环境分局"]),
    ]
