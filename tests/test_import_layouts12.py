"""`prd import` on the layouts the twelfth held-out set (unseen12/) showed, each on made-up
text: the rules of round 12."""

from __future__ import annotations

from .importing import items, roles


def test_an_inspection_list_of_problems_and_who_puts_each_right() -> None:
    # m01: 1、problem / 整改要求：由（包片单位）甲负责…, the role the unit plays set aside.
    text = (
        "某县巡查发现问题整改通知\n"
        "1、西大桥沿线有垃圾死角和建筑垃圾。\n整改要求：由县环卫站负责清除上述地段垃圾。\n"
        "2、迎宾大道围墙上有野广告。\n整改要求：由包片单位县气象局负责清除。\n"
        "3、沿线商户出店占道经营。\n整改要求：按照先劝阻、再处罚的要求，由沿线包片单位县职教中心、县委党校负责劝阻。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["县环卫站"], []),
        ([], ["县气象局"], []),
        ([], ["县职教中心", "县委党校"], []),
    ]


def test_each_places_problems_numbered_from_one_then_who_puts_them_right() -> None:
    # m04: a notice run into one line; each place's problems numbered from 1, then
    # 整改责任单位：… 整改时限：…日前, which ends its line though the spaces go on.
    parts = [
        "近日某县督查组对部分农贸市场、单位进行督查，曝光问题如下：",
        "1.市场内卫生间堆放有杂物；",
        "整改责任单位:县市场监督管理局",
        "整改时限:2021年8月13日前",
        "1.员工食堂橱柜杂物乱堆放；",
        "2.在建工程临时厨房垃圾乱堆放。",
        "整改责任单位:县污水处理厂",
        "整改时限:2021年8月13日前",
        "1.住户门前水体植物盆底积水，蚊虫幼虫较多；",
        "2.大门口垃圾桶未加盖。",
        "责任单位:县住房和城乡建设局",
        "整改时限:2021年8月13日前",
        "操作间存在鼠粪，病媒生物防制不到位。",
        "整改责任单位:县市场监督管理局",
        "整改时限:2021年8月13日前",
    ]
    got = items(" ".join(parts) + "\n")
    by_start = {i["text"].split("\n")[0][:7]: roles(i) for i in got}
    assert by_start["1.员工食堂橱"] == ([], ["县污水处理厂"], [])
    assert by_start["2.在建工程临"] == ([], ["县污水处理厂"], [])
    assert by_start["1.住户门前水"] == ([], ["县住房和城乡建设局"], [])
    assert by_start["操作间存在鼠粪"] == ([], ["县市场监督管理局"], [])


def test_a_note_on_the_first_named_after_the_units_inside_their_bracket() -> None:
    # l07: （甲、乙、中储粮某直属库。排名第一的为牵头单位，下同）
    text = (
        "某市人民政府关于全面建立粮食安全责任制的实施意见\n一、强化粮食安全意识\n"
        "（一）切实增强粮食安全意识。把保障粮食安全放在突出位置。（市发改委、市农委、中储粮某直属库。排名第一的为牵头单位，下同）\n"
        "（二）明确政府的粮食安全责任。落实主体责任。（市农委、市发改委）\n"
    )
    got = items(text)
    assert roles(got[0]) == (["市发改委"], [], ["市农委", "中储粮某直属库"])
    assert roles(got[1]) == (["市农委"], [], ["市发改委"])


def test_a_flattened_header_whose_headings_wrapped_in_two() -> None:
    # l05: 序号 / 项目 / 类别 / 具体内容 / 牵头 / 部门 / 相关责任部门 / 完成 / 时间, one cell a line;
    # 13个街道、镇 is one body.
    text = (
        "某区规划工作分解\n序号\n项目\n类别\n具 体 内 容\n牵头\n部门\n相关责任部门\n完成\n时间\n"
        "108\n继续全面推进素质教育\n教育局\n13个街道、镇\n2010年\n"
        "109\n深化推进课程教材改革\n教育局\n相关部门\n2010年\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [(["教育局"], [], ["13个街道、镇"]), (["教育局"], [], ["相关部门"])]


def test_a_report_quoting_only_its_own_rows_with_units_between_spaces() -> None:
    # m06: 序号 | / 主要任务 | / 牵头单位 | / 落实情况 |, rows 145 and 249 only; a units cell whose
    # names are separated by spaces (…工作部 市广播电视台 …中心 市机关事务管理局).
    text = (
        "某局政府工作报告主要任务落实情况\n序号 |\n主要任务 |\n牵头单位 |\n落实情况 |\n"
        "145 |\n严格执行城市公共空间规划建设治理导则。 |\n市自规局、市城管局 |\n扎实开展道路建设工作。 |\n"
        "249 |\n支持志愿服务、广播电视等事业发展。 |\n市委社会工作部 市广播电视台 市公积金管理中心 市机关事务管理局 |\n"
        "完成接待任务175批次。 |\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["市自规局", "市城管局"], [], []),
        (["市委社会工作部", "市广播电视台", "市公积金管理中心", "市机关事务管理局"], [], []),
    ]
