"""`prd import` on the layouts the tenth held-out set (unseen10/) showed, each on made-up text:
the rules of round 10."""

from __future__ import annotations

from prd_cli.importer import ImportResult, import_bytes

from .importing import items, roles


def import_text(text: str) -> ImportResult:
    return import_bytes(text.encode("utf-8"), None, name="x.txt")


def test_units_that_help_carry_it_out_are_support() -> None:
    # i01: 牵头责任单位：… / 配合实施单位：… on the lines after the task.
    text = (
        "某市民生实事\n1.建成风景区下穿铁路两侧通道。\n"
        "牵头责任单位:市城建投公司、市城乡建设委员会\n配合实施单位:市林业和园林局,郾城区人民政府\n"
    )
    assert roles(items(text)[0]) == (["市城建投公司", "市城乡建设委员会"], [], ["市林业和园林局", "郾城区人民政府"])


def test_a_progress_cell_below_the_units_of_a_flattened_table() -> None:
    # i05: 序号 / 主要任务 / 进展情况 / 责任单位, one cell a line; the units list wrapped after its
    # 、, and the page put part of the progress cell (甲：目前…) after the units.
    text = (
        "某区工作任务落实情况表\n序号\n主要任务\n进展情况\n责任单位\n"
        "1\n重点打造总部大厦特色楼宇。\n区投促局：已开始重点推介。\n区投促局、\n大观园街道办事处\n"
        "大观园街道办事处：目前项目竣工手续完备，已具备开业条件。\n"
        "2\n重点打造时代广场特色楼宇。\n区投促局：已开始重点推介。\n区投促局、\n舜耕街道办事处\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [
        ([], ["区投促局", "大观园街道办事处"], []),
        ([], ["区投促局", "舜耕街道办事处"], []),
    ]


def test_a_clause_wrapped_onto_the_next_line_closes_the_sentence_before_it() -> None:
    # h01: targets run into one paragraph, each closed by its bracket; a page put one bracket
    # at the start of the next line, before the next target.
    text = (
        "某市规划纲要分工\n1.主要指标的责任部门。\n"
        "常住人口控制在1150万人左右。（市人口计生委、市公安局牵头）耕地保有量保持在国务院确定的面积。\n"
        "（市国土房管局牵头）主要污染物排放总量减少10%。（市环保局牵头）\n"
    )
    result = import_text(text)
    got = [i for c in result.chapters for m in c["measures"] for i in m["items"]]
    by_start = {i["text"][:6]: roles(i) for i in got}
    assert by_start["耕地保有量保"] == (["市国土房管局"], [], [])
    assert by_start["主要污染物排"] == (["市环保局"], [], [])


def test_a_reposting_sites_shapes_between_words_are_junk() -> None:
    # h02: ■◆★ stamped through the text, even inside a label; a lone ★ is a lead mark and stays.
    text = (
        "某省若干措施\n"
        "4.稳定和扩大传统消费■◆◆◆★★、大宗消费★◆■★。鼓励企业开展让利促销活动◆◆★■。"
        "（责任单位■★■■★◆：省商务厅、省文化和旅游厅）\n"
    )
    got = items(text)
    assert got[0]["text"].startswith("4.稳定和扩大传统消费、大宗消费。")
    assert roles(got[0]) == ([], ["省商务厅", "省文化和旅游厅"], [])


def test_the_person_answerable_before_the_departments_answerable() -> None:
    # h06: （主要责任人：某；主要责任部门：甲、乙）: the person is no unit. The departments
    # answer for the task jointly: 主要责任部门 alone names no lead (round 30; h06's reader took
    # them as leads, the brief's rule and the readers of unseen23 and unseen26 as joint).
    text = "某省重点工作分解\n1.优先发展教育事业。\n（主要责任人：王某；主要责任部门：省教育厅、省财政厅）\n"
    assert roles(items(text)[0]) == ([], ["省教育厅", "省财政厅"], [])
