"""`prd import` on layouts the seventh held-out set (unseen7/) showed."""

from __future__ import annotations

from .importing import items, roles


def _bars(*cells: str) -> str:
    return "".join(f"{c}\n|\n" for c in cells)


def test_a_table_whose_rows_open_and_close_with_their_own_bar_and_a_responsible_column() -> None:
    # Each cell on a line and a bar after it; each row opened by a bar of its own, so a row's
    # end reads as | then |. 负责部门 is the units answerable: joint.
    text = "某县工作任务分解表\n|\n" + _bars("序号", "工作任务", "负责部门", "时间进度") + "|\n"
    text += _bars("1", "推进甲项工作", "县财政局、县审计局", "年底前") + "|\n"
    text += _bars("2", "完善乙项机制", "县农业局,各乡镇政府", "常态工作")
    got = items(text)
    assert [i["text"] for i in got] == ["推进甲项工作", "完善乙项机制"]
    assert roles(got[0]) == ([], ["县财政局", "县审计局"], [])
    assert roles(got[1]) == ([], ["县农业局", "各乡镇政府"], [])


def test_a_target_table_one_cell_a_line_under_a_group_column_with_units_one_a_line() -> None:
    # 领域 / 主要目标 / 主要责任单位 / 责任单位, one cell a line, the group cells merged away and
    # no 序号: the first unit under a target is the main one, the others the 责任单位 column.
    # A dashed point goes with the target; a name cut short (市人口计) between units is one.
    text = (
        "某市儿童发展规划目标责任分解书\n\n领域\n\n主要目标\n\n主要责任单位\n\n责任单位\n\n"
        "1.儿童健康水平提高。\n\n——新生儿死亡率降低。\n\n——建立儿童健康档案。\n\n"
        "市卫生局\n\n市财政局\n\n市人口计\n\n市妇联\n\n"
        "2.儿童参加体育锻炼的人数增加。\n\n市体育局\n\n市教育局\n"
    )
    got = items(text)
    assert [i["text"][:15] for i in got] == ["1.儿童健康水平提高。——新生", "2.儿童参加体育锻炼的人数增加"]
    assert roles(got[0]) == (["市卫生局"], [], ["市财政局", "市人口计", "市妇联"])
    assert roles(got[1]) == (["市体育局"], [], ["市教育局"])


def test_a_short_name_among_units_must_open_as_they_do() -> None:
    # 张三 (a person's name) between units is no unit cut short.
    text = (
        "某镇重点工作表\n序号\n工作任务\n责任领导\n责任科室\n"
        "1\n创建美丽城镇\n张三\n城建办\n"
        "2\n推进乡村振兴工作\n李四\n农业办\n"
    )
    got = items(text)
    assert roles(got[0]) == ([], ["城建办"], [])


def test_duties_listed_under_each_units_name_as_its_heading() -> None:
    # 一、某县水利局 / （一）（二）…: the unit's duties under its name, no clause anywhere: each
    # task is the heading unit's alone (joint); a task naming its own units keeps them.
    text = (
        "某县创建卫生县城责任分解\n"
        "一、县水利局\n（一）做好河道保洁工作。\n（二）加强水源地保护。\n"
        "二、县教育局\n（一）开展健康教育进校园活动。\n（二）开展卫生知识竞赛。（县卫健局牵头）\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["县水利局"], []),
        ([], ["县水利局"], []),
        ([], ["县教育局"], []),
        (["县卫健局"], [], []),
    ]


def test_a_first_heading_run_into_the_title_before_it() -> None:
    # The title, the first heading and its parts on one line: 一、 before its short title and
    # its own （一） starts a line.
    text = (
        "某县文件\n某县创建卫生县城责任单位职责分解2020年某县创建卫生县城责任单位职责分解一、县水利局"
        "（一）做好河道保洁工作，及时清理河面漂浮物，确保河道整洁畅通，水质稳定达标，群众满意度逐年提高，河长制各项工作落实到位。"
        "（二）加强水源地保护，开展水源地环境整治和隐患排查，确保全县城乡居民饮用水安全，定期公布水质监测结果，接受群众监督，发现问题及时整改到位。"
        "二、县教育局（一）开展健康教育进校园活动，普及卫生知识，培养学生良好卫生习惯，每学期不少于两次，覆盖全县所有中小学校。"
        "（二）开展卫生知识竞赛，组织师生参与爱国卫生运动，评选卫生文明班级和卫生文明校园，营造人人参与、人人共享的良好氛围，推动健康校园建设取得实效。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [([], ["县水利局"], [])] * 2 + [([], ["县教育局"], [])] * 2


def test_officials_named_before_the_units_in_a_clause_are_no_units() -> None:
    text = (
        "某市政府工作报告重点工作分工\n"
        "一、稳定经济增长\n"
        "（一）扩大有效投资。推进重大项目建设（分管副市长、协管副秘书长负责，市发改委牵头）。"
        "落实减税降费政策（分管副市长负责，市财政局、市税务局等负责。列第一位的为牵头部门，其他部门按职责分工负责），"
        "建设一批孵化平台（分管副市长负责，市科技局牵头）。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["市发改委"], [], []),
        (["市财政局"], [], ["市税务局"]),
        (["市科技局"], [], []),
    ]
    assert got[2]["text"].startswith("建设一批孵化平台")


def test_a_clause_before_a_comma_closes_a_task_only_when_a_clause_closes_the_next() -> None:
    text = "一、重点工作\n（一）推进污水处理厂建设（市住建局负责），确保年底前投入运行。\n"
    got = items(text)
    assert [i["text"] for i in got] == ["（一）推进污水处理厂建设（市住建局负责），确保年底前投入运行。"]


def test_units_named_before_the_task() -> None:
    # 由甲承办，乙协办。 opening a heading's paragraph: the heading is the task; 甲 undertakes it
    # and leads. 由甲负责，乙配合，then the task: 甲 answers for it (no lead named), 乙 helps.
    text = (
        "某省食品安全工作方案\n"
        "一、治理蔬菜农药残留\n"
        "由省农业厅承办，省卫生厅、省工商局协办。工作目标：蔬菜农药残留抽检合格率达95%以上。主要措施：\n"
        "（一）由省农业厅负责，省质监局配合，加快无公害蔬菜基地建设。\n"
        "（二）由市场主办单位研究制定检测办法。\n"
    )
    got = items(text)
    assert [i["text"][:6] for i in got] == ["一、治理蔬菜", "（一）由省农", "（二）由市场"]
    assert roles(got[0]) == (["省农业厅"], [], ["省卫生厅", "省工商局"])
    assert roles(got[1]) == ([], ["省农业厅"], ["省质监局"])
    assert roles(got[2]) == ([], [], [])


def test_undertaking_and_assisting_as_verbs() -> None:
    text = "一、重点任务\n1.建设冷链物流中心。（市商务局承办，市交通局协办）\n"
    assert roles(items(text)[0]) == ([], ["市商务局"], ["市交通局"])


def test_a_short_name_ending_in_an_assisting_verb_stays_a_name() -> None:
    # 市经协办 (the economic co-operation office): 协办 ends the name; no unit stands before it.
    text = "一、重点任务\n1.推进区域经济合作。（市经协办负责）\n"
    assert roles(items(text)[0]) == ([], ["市经协办"], [])


def test_a_heading_naming_what_a_plan_is_organised_by_owns_nothing() -> None:
    # 一、工作机构 / 二、中心城区: a kind of body or a place, not one unit whose duties follow.
    text = (
        "某县创建工作方案\n"
        "一、工作机构\n（一）成立创建工作指挥部。\n（二）建立例会制度。\n"
        "二、中心城区\n（一）完成老旧小区改造。\n（二）新建口袋公园两个。\n"
    )
    assert all(roles(i) == ([], [], []) for i in items(text))
