"""`prd import` on layouts the second held-out set showed (each a recogniser of its own): a
flattened table whose units cell stars its lead, a figure column left empty and a heading cell
wrapped over two lines; an unbracketed clause standing as its own sentence after the task; a
table run into one line with no cell separators at all."""

from __future__ import annotations

from prd_cli.importer import import_bytes
from prd_cli.importer.grammar import parse_clause


def items(text: str) -> list[dict]:
    result = import_bytes(text.encode("utf-8"), None, name="x.txt")
    return [i for c in result.chapters for m in c["measures"] for i in m["items"]]


def roles(item: dict) -> tuple[list[str], list[str], list[str]]:
    return item.get("lead", []), item.get("joint", []), item.get("support", [])


def test_a_star_marks_the_lead_unit() -> None:
    clause = parse_clause("责任单位：市财政局*、市发改局、市科技局")
    assert (clause.lead, clause.support, clause.joint) == (("市财政局",), ("市发改局", "市科技局"), ())
    assert "→ joint" not in clause.how
    assert parse_clause("市发改局").joint == ("市发改局",)  # no star, no label: the sole owner


def test_flattened_table_with_starred_leads_and_an_empty_figure_cell() -> None:
    text = (
        "某区2023年重点工作责任分解\n"
        "一、副区长牵头重点工作\n"
        "序号\n\n重点工作\n\n区本级\n\n任务数\n\n责任单位\n\n"
        "1\n\n地区生产总值增长6%。\n\n\n区发改局\n\n"
        "2\n\n固定资产投资增长10%左右。\n\n5%\n\n区发改局\n\n"
        "3\n\n争取上级专项资金10亿元以上。\n\n8亿元/6亿元\n\n区财政局*、区发改局\n\n"
        "4\n\n设立产业子基金，力争投资5亿元。\n\n3亿元\n\n区财政局*、区科技局、区投促中心\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == [
        "地区生产总值增长6%。",
        "固定资产投资增长10%左右。",
        "争取上级专项资金10亿元以上。",
        "设立产业子基金，力争投资5亿元。",
    ]
    assert roles(got[0]) == ([], ["区发改局"], [])
    assert roles(got[1]) == ([], ["区发改局"], [])
    assert roles(got[2]) == (["区财政局"], [], ["区发改局"])
    assert roles(got[3]) == (["区财政局"], [], ["区科技局", "区投促中心"])


def test_a_clause_as_its_own_sentence_after_the_task() -> None:
    text = (
        "一、主要目标\n"
        "今年全市生产总值增长8%，城镇登记失业率控制在4%以内。\n"
        "由市人民政府各相关部门，各县（市）、区人民政府负责落实。\n"
        "二、为民办实事\n"
        "（一）改善农村饮水条件，解决5万人饮水安全问题。\n"
        "由市水利局、卫生局负责落实。\n"
        "（二）由市财政局研究制定补贴办法。\n"
    )
    got = items(text)
    assert got[0]["text"] == "今年全市生产总值增长8%，城镇登记失业率控制在4%以内。"
    assert roles(got[0]) == ([], ["市人民政府各相关部门", "各县（市）、区人民政府"], [])
    assert got[1]["text"].startswith("（一）改善农村饮水条件")
    assert roles(got[1]) == ([], ["市水利局", "卫生局"], [])
    # A task that starts with 由 is not a clause: it names what to do, not only who.
    assert not any(i["text"] == "由市财政局研究制定补贴办法" for i in got)
