"""`prd import` on the layouts the seventeenth held-out set (unseen17/) showed, each on made-up
text: the rules of round 18."""

from __future__ import annotations

from .importing import items, roles


def test_a_wider_body_after_etc_and_units_that_answer_together() -> None:
    # p01, q01: 甲等省某某联席会议相关成员单位 / 乙等国务院相关部门 name the unit and the wider body;
    # q06: 按职能分工负责 as 按职责分工负责; p06: 甲、乙会同丙负责 in a list, all answering for it.
    text = (
        "某工作要点\n一、完善制度\n"
        "（一）完善联席会议制度（牵头单位：省发展改革委；责任单位：省财政厅等省社会信用体系建设联席会议相关成员单位）。\n"
        "（二）研究资金直达机制（财政部、银保监会等国务院相关部门及各地区按职责分工负责）。\n"
        "（三）创新环境影响评价方式（省环保厅、省安全监管局按职能分工负责）。\n"
        "（四）宣传贯彻食品安全法（食品药品监管总局、国务院食品安全办会同各省级人民政府负责）。\n"
    )
    assert [roles(i) for i in items(text)] == [
        (["省发展改革委"], [], ["省财政厅", "省社会信用体系建设联席会议相关成员单位"]),
        ([], ["财政部", "银保监会", "国务院相关部门", "各地区"], []),
        ([], ["省环保厅", "省安全监管局"], []),
        ([], ["食品药品监管总局", "国务院食品安全办", "各省级人民政府"], []),
    ]


def test_a_run_on_table_whose_units_cell_says_each_lists_role() -> None:
    # r06: 序号 工作任务 责任单位 run together, each units cell 甲、乙牵头;丙配合;各州（市）党委和政府
    # 落实, straight before the next row's number; a task's own sentence with units as its
    # subject (地方各级政府应当…) is no units cell; 省住房城乡建设厅 is one name.
    text = (
        "某省重点任务分工清单序号工作任务责任单位"
        "1树立婚育新风。构建新型婚育文化。省委宣传部、省妇联牵头;省总工会、团省委配合;各州(市)党委和政府落实"
        "2实行扶助标准动态调整机制。地方各级政府应当发放护理补贴。省财政厅、省卫生健康委牵头;各州(市)党委和政府落实"
        "3优先安排公租房。省住房城乡建设厅、省民政厅牵头;各州(市)党委和政府落实\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        (["省委宣传部", "省妇联"], [], ["省总工会", "团省委", "各州（市）党委和政府"]),
        (["省财政厅", "省卫生健康委"], [], ["各州（市）党委和政府"]),
        (["省住房城乡建设厅", "省民政厅"], [], ["各州（市）党委和政府"]),
    ]
    assert "地方各级政府应当发放护理补贴。" in got[1]["text"]


def test_a_bracket_that_cites_its_source_document_before_the_units() -> None:
    # q07: a policy list's （皖发〔2022〕9号，省财政厅、各市政府负责）: the citation names no unit
    # (drafted before, 皖发〔2022〕9号 passed for one).
    text = (
        "某省政策清单\n一、支持投资\n"
        "1.对总投资20亿元以上的项目给予支持。（皖发〔2022〕9号，省财政厅、各市政府负责）\n"
        "2.对新设外资企业给予奖励。（皖政〔2021〕3号；省商务厅负责）\n"
    )
    assert [roles(i) for i in items(text)] == [([], ["省财政厅", "各市政府"], []), ([], ["省商务厅"], [])]
