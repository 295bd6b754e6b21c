"""`prd import` on layouts the second held-out set showed (each a recogniser of its own): a
flattened table whose units cell stars its lead, a figure column left empty and a heading cell
wrapped over two lines; an unbracketed clause standing as its own sentence after the task; a
table run into one line with no cell separators at all."""

from __future__ import annotations

import yaml

from prd_cli.importer.grammar import parse_clause

from .importing import items, roles


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


def test_a_table_run_into_one_line_with_a_leaders_column_and_sub_rows() -> None:
    # Pages of a shared document, each opening with its number and cut mid-word ("（新城" / "2、）").
    page1 = (
        "1、2022年为民办实事项目责任分解表序号项目名称主要内容区政府分管领导牵头单位配合单位"
        "1扩充学前教育资源新建幼儿园3所，增加学位900个，改造薄弱园舍12处，完成全部验收工作；"
        "新建、改扩建中小学校5所，其中小学3所、初中2所，新增中小学学位3600个，同步配齐教学设备，"
        "推进集团化办学全覆盖，组织骨干教师跨校交流200人次，确保秋季学期如期开学。"
        "王建国教育局开发区新城（新城"
    )
    page2 = (
        "2、街道）各街道区国有公司2完善公共交通新开公交线路5条，更新新能源公交车60辆。"
        "李红交通局公交公司轨道公司推进老旧小区改造120个，惠及居民8000户，同步加装电梯20部。"
        "周晓明住建局东城街道西城街道序号项目名称主要内容区政府分管领导牵头单位配合单位3改善居家养老"
        "建设社区养老服务站6家，为2000名老人提供上门服务，完成困难家庭适老化改造150户，年底前全部投入运营"
    )
    page3 = "3、。张菁民政局各街道增设助餐点10个。"
    got = items(f"{page1}\n{page2}\n{page3}\n")
    by_start = {i["text"][:6]: i for i in got}
    assert roles(by_start["扩充学前教育"]) == (["教育局"], [], ["开发区", "新城（新城街道）", "各街道", "区国有公司"])
    assert roles(by_start["完善公共交通"]) == (["交通局"], [], ["公交公司", "轨道公司"])
    assert roles(by_start["推进老旧小区"]) == (["住建局"], [], ["东城街道", "西城街道"])  # a sub-row of project 2
    assert roles(by_start["改善居家养老"]) == (["民政局"], [], ["各街道"])  # a two-character name
    assert roles(by_start["增设助餐点1"]) == ([], [], [])  # no units cell after it: for the reviewer
    assert all("王建国" not in str(roles(i)) for i in got)  # the leader is a person, not a unit


def test_a_table_run_into_one_line_without_a_leader_and_with_a_deadline_cell() -> None:
    text = (
        "某区2022年重点任务分解表\n"
        "序号重点任务责任单位完成时限1推进营商环境优化，压缩审批时限。区发改局区政府办公室区商务局2022年底前"
        "2加快项目建设，完成投资50亿元。区住建局*各镇人民政府2022年6月底前3提升教育质量。区教育局全年\n"
    )
    got = items(text)
    assert [i["text"] for i in got] == [
        "推进营商环境优化，压缩审批时限。",
        "加快项目建设，完成投资50亿元。",
        "提升教育质量。",
    ]
    assert roles(got[0]) == ([], ["区发改局", "区政府办公室", "区商务局"], [])
    assert roles(got[1]) == (["区住建局"], [], ["各镇人民政府"])
    assert [d["due"] for i in got for d in i.get("deadlines", [])] == ["2022", "2022-06", "2022"]


def test_numbered_items_are_not_taken_for_pages() -> None:
    long = "加强组织领导，" * 30
    got = items(
        f"一、重点任务\n1、{long}建立工作机制。（牵头单位：区发改局）\n2、{long}完善考核办法。（牵头单位：区财政局）\n"
    )
    assert [roles(i)[0] for i in got] == [["区发改局"], ["区财政局"]]


_STARRED_ROWS = [
    ("1", "地区生产总值增长6%。", "", "区发改局"),
    ("2", "争取上级专项资金10亿元以上。", "8亿元/6亿元", "区财政局*、区发改局"),
    ("3", "设立产业子基金，力争投资5亿元。", "3亿元", "区财政局*、区科技局、区投促中心"),
]
_STARRED_ROLES = [
    ([], ["区发改局"], []),
    (["区财政局"], [], ["区发改局"]),
    (["区财政局"], [], ["区科技局", "区投促中心"]),
]


def test_docx_table_with_starred_leads_and_a_heading_cell_over_two_paragraphs(prd, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_paragraph("某区2023年重点工作责任分解")
    document.add_paragraph("一、经济运行")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("序号", "重点工作", "区本级", "责任单位"), strict=True):
        cell.text = text
    table.rows[0].cells[2].add_paragraph("任务数")  # 区本级 / 任务数: one heading on two lines
    for row in _STARRED_ROWS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    path = tmp_path / "分解.docx"
    document.save(str(path))
    out = tmp_path / "draft.yaml"
    result = prd("import", str(path), "--output", str(out))
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    got = [i for c in draft["chapters"] for m in c["measures"] for i in m["items"]]
    assert [roles(i) for i in got] == _STARRED_ROLES
    assert "cell not read: 8亿元/6亿元" in out.read_text(encoding="utf-8")  # the figure is kept for the reviewer


def test_html_table_with_breaks_inside_cells(prd, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = "".join(
        "<tr>" + "".join(f"<td><p>{c}</p></td>" for c in (n, task, figure, units)) + "</tr>"
        for n, task, figure, units in _STARRED_ROWS
    )
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>分解</title></head><body>"
        "<h1>某区2023年重点工作责任分解</h1><p>一、经济运行</p><table>"
        "<tr><th>序号</th><th>重点工作</th><th>区本级<br>任务数</th><th>责任<br/>单位</th></tr>"
        f"{body}</table></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = prd("import", str(path), "--output", str(out))
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    got = [i for c in draft["chapters"] for m in c["measures"] for i in m["items"]]
    assert [roles(i) for i in got] == _STARRED_ROLES
    assert [i["text"] for i in got][0] == "地区生产总值增长6%。"


def test_a_star_before_the_name_marks_the_lead_too() -> None:
    clause = parse_clause("★区财政局、区发改局")
    assert (clause.lead, clause.support, clause.joint) == (("区财政局",), ("区发改局",), ())


def test_a_split_clause_as_its_own_sentence_and_an_exhortation_that_is_none() -> None:
    text = (
        "一、重点任务\n"
        "（一）建设智慧停车平台，新增公共泊位2000个。\n"
        "市住建局牵头，市公安局、市城管局配合。\n"
        "（二）完善公交线网，新开线路5条。\n"
        "由市交通局负责落实。\n"
        "二、保障措施\n"
        "加强组织领导，细化工作方案。\n"
        "各地各部门要认真贯彻落实。\n"
    )
    got = items(text)
    assert [roles(i) for i in got] == [(["市住建局"], [], ["市公安局", "市城管局"]), ([], ["市交通局"], [])]
