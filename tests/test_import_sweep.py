"""No text of the source is lost on the way to the draft: each line is in an item, a heading,
the header or a preamble, or listed at the end as unplaced."""

from __future__ import annotations

from pathlib import Path

from prd_cli.importer import import_bytes
from prd_cli.importer.nodes import Line
from prd_cli.importer.sweep import unaccounted

from .importing import items, roles

GROUPS = (
    "某市推进营商环境优化工作方案\n"
    "一、重点任务\n"
    "（一）优化政务服务\n"
    "1.推进“一网通办”。\n"
    "（1）扩大网上办理事项范围，实现高频事项全程网办。\n"
    "（2）推行电子证照应用，减少群众提交材料。\n"
    "（牵头单位：市政务服务管理局；配合单位：市大数据局）\n"
    "（二）加强要素保障\n"
    "2.保障用地需求。\n"
    "（1）盘活存量建设用地。\n"
    "（2）推进标准地出让。\n"
    "（牵头单位：市自然资源和规划局）\n"
)


def test_three_levels_with_a_clause_after_each_group_keep_every_sub_item() -> None:
    # 1. with （1）（2） then one clause: 1. is the item and its sub-items its text. The heading
    # （一） above it has one child, which it must not read as a group again (that dropped the
    # sub-items and took （一） for the task).
    result = import_bytes(GROUPS.encode("utf-8"), None, name="x.txt")
    got = [i for c in result.chapters for m in c["measures"] for i in m["items"]]
    assert [m["title"] for c in result.chapters for m in c["measures"]] == ["优化政务服务", "加强要素保障"]
    assert [i["text"].split("\n") for i in got] == [
        [
            "1.推进“一网通办”。",
            "（1）扩大网上办理事项范围，实现高频事项全程网办。",
            "（2）推行电子证照应用，减少群众提交材料。",
        ],
        ["2.保障用地需求。", "（1）盘活存量建设用地。", "（2）推进标准地出让。"],
    ]
    assert roles(got[0]) == (["市政务服务管理局"], [], ["市大数据局"])
    assert roles(got[1]) == (["市自然资源和规划局"], [], [])
    assert result.lost == [] and result.unplaced == []


def test_a_document_with_no_clause_keeps_the_paragraphs_under_its_headings() -> None:
    text = "某局工作方案\n一、指导思想\n以新发展理念为指导，推进文化事业发展。\n二、工作目标\n建成公共文化服务体系。\n"
    got = items(text)
    assert [i["text"] for i in got] == [
        "一、指导思想\n以新发展理念为指导，推进文化事业发展。",
        "二、工作目标\n建成公共文化服务体系。",
    ]


def test_a_cover_sentence_citing_a_document_by_number_stays_in_the_preamble() -> None:
    cover = "为认真贯彻落实《某市人民政府关于稳增长的意见》（某政发〔2016〕13号）精神，结合我区实际，提出如下措施。"
    text = f"{cover}\n一、提高审批效率\n1.精简审批手续。加快网上审批。（区政务服务局牵头，区发改局配合）\n"
    result = import_bytes(text.encode("utf-8"), None, name="x.txt")
    assert result.document["number"] == "某政发〔2016〕13号"
    assert cover in result.document["preamble"]
    assert result.lost == []


def test_a_line_no_reader_placed_is_listed_as_unplaced() -> None:
    drafted = {"chapters": [{"title": "推进甲项工作", "items": [{"text": "1.推进甲项工作。完成乙项任务。"}]}]}
    lines = [
        Line(1, "1.推进甲项工作。"),
        Line(2, "完成乙项任务。"),
        Line(3, "区新兴产业"),  # the start of a longer name in the draft: a wrapped cell
        Line(4, "序号"),  # a table's header word: structure
        Line(5, "12"),  # a row's number
        Line(6, "这一句哪里都没有。"),
    ]
    drafted["units"] = ["区新兴产业服务中心"]
    assert [ln.number for ln in unaccounted(lines, drafted)] == [6]


def test_the_draft_lists_what_no_reader_placed(prd, tmp_path: Path) -> None:
    # A flattened table whose rows this importer does not read (one cell a line, merged
    # cells): what it leaves out of the items is listed for the reviewer, not dropped.
    source = Path(__file__).parent / "fixtures" / "import" / "unseen8" / "d04-jiangbei-minsheng-2023.txt"
    result = import_bytes(source.read_bytes(), None, name=source.name)
    assert result.lost
    r = prd("import", str(source), data=None)
    assert r.exit_code == 0
    for line in result.lost:
        assert f"# UNPLACED line {line.number}: " in r.stdout
