"""`prd list`, `prd units`, `prd show`: what a unit owns, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from .conftest import DATA

# Every item whose clause names 市商务局, read off the document, and the two whose clause names
# 各相关部门 (1.1, 29.1), which units.yaml says 市商务局 belongs to.
COMMERCE = [
    "1.1",
    "1.2",
    "2.1",
    "2.2",
    "3.1",
    "6.1",
    "11.1",
    "19.1",
    "20.1",
    "21.1",
    "24.1",
    "25.1",
    "25.2",
    "25.3",
    "27.1",
    "28.1",
    "29.1",
]
COMMERCE_LEAD = ["1.2", "6.1", "19.1", "20.1", "21.1", "24.1", "25.1", "25.2", "25.3", "27.1", "28.1"]


def ids(stdout: str) -> list[str]:
    return [row["id"] for row in json.loads(stdout)]


@pytest.mark.parametrize("spelling", ["市商务局", "市商務局", "东莞市商务局", " 市商务局 ", "東莞市商務局"])
def test_list_unit_in_any_spelling(prd, spelling: str) -> None:
    r = prd("list", "--unit", spelling, "--format", "json")
    assert r.exit_code == 0, r
    assert ids(r.stdout) == COMMERCE


def test_roles(prd) -> None:
    assert ids(prd("list", "--unit", "市商务局", "--role", "lead", "-f", "json").stdout) == COMMERCE_LEAD
    support = ids(prd("list", "--unit", "市商务局", "--role", "support", "-f", "json").stdout)
    assert support == ["1.1", "2.1", "3.1", "11.1", "29.1"]
    assert ids(prd("list", "--unit", "市商务局", "--role", "joint", "-f", "json").stdout) == ["2.2"]
    owner = ids(prd("list", "--unit", "市商务局", "--role", "owner", "-f", "json").stdout)
    assert owner == sorted([*COMMERCE_LEAD, "2.2"], key=lambda i: tuple(map(int, i.split("."))))
    rows = json.loads(prd("list", "--unit", "市商务局", "-f", "json").stdout)
    assert {r["id"]: r["role_label"] for r in rows}["29.1"] == "配合（各相关部门）"


def test_role_without_unit_keeps_the_items_whose_clause_has_that_role(prd) -> None:
    # 2.2 and 4.1 name their units with no 牵头 label: the jointly owned tasks of the document.
    assert ids(prd("list", "--role", "joint", "-f", "json").stdout) == ["2.2", "4.1"]
    everything = ids(prd("list", "-f", "json").stdout)
    owner = ids(prd("list", "--role", "owner", "-f", "json").stdout)
    assert owner == everything and len(everything) == 37  # every task has someone answering for it
    support = ids(prd("list", "--role", "support", "-f", "json").stdout)
    assert "2.2" not in support and "4.1" not in support and "29.1" in support


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("市科学技术局", "市科技局"),  # the document's own alias, measure 28
        ("市发展和改革局", "市发改局"),  # measure 29
        ("镇街(园区)", "各镇街（园区）"),  # measure 1, ASCII parentheses
        ("滨海湾新区(东莞港)管委会", "滨海湾新区（东莞港）管委会"),
    ],
)
def test_aliases_and_parentheses(prd, spelling: str, expected: str) -> None:
    r = prd("list", "--unit", spelling, "-f", "json")
    assert r.exit_code == 0, r
    rows = json.loads(r.stdout)
    # Named in the clause, or a member of a collective the clause names (its label says which).
    assert rows and all(
        expected in row["lead"] + row["joint"] + row["support"] or row["role_label"].startswith(("配合（", "配合〔"))
        for row in rows
    )


def test_unknown_unit_is_a_usage_error_with_suggestion(prd) -> None:
    r = prd("list", "--unit", "市商务局乙")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert 'unknown unit "市商务局乙" (did you mean 市商务局?)' in r.stderr
    r = prd("list", "--unit", "市商物局")
    assert r.exit_code == 2 and "did you mean 市商务局?" in r.stderr


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("市商物局", ["市商务局"]),  # a typo
        ("市商务局乙", ["市商务局"]),  # a name with something added
        ("滨海湾管委会", ["滨海湾新区（东莞港）管委会"]),  # words left out
        ("出入境检验检疫局", ["东莞出入境检验检疫局"]),
        ("市外侨局", ["市外事侨务局"]),
        ("市统计局", []),  # a new unit: nothing is close, and no near-miss is invented
    ],
)
def test_suggestions_are_what_a_person_meant(typed: str, suggested: list[str]) -> None:
    from prd_cli.loading import load

    ds = load(DATA).dataset
    assert ds is not None
    assert ds.registry.suggest(typed) == suggested
    if not suggested:
        assert "add it to units.yaml" in ds.registry.unknown_message(typed)


def test_json_shape_all_items_in_document_order(prd) -> None:
    rows = json.loads(prd("list", "-f", "json").stdout)
    assert len(rows) == 37
    assert rows[0]["id"] == "1.1" and rows[-1]["id"] == "29.1"
    first = rows[0]
    assert isinstance(first["measure"], int) and isinstance(first["chapter"], int)
    assert first["lead"] == ["市发改局", "市委政研室"]
    assert first["support"] == ["各相关部门", "各镇街（园区）"]
    assert {"id", "measure", "chapter", "text", "lead", "support"} <= set(first)
    no_lead = [row["id"] for row in rows if not row["lead"]]
    assert no_lead == ["2.2", "4.1"]


def test_filters(prd) -> None:
    assert ids(prd("list", "--measure", "7", "-f", "json").stdout) == ["7.1", "7.2", "7.3"]
    assert ids(prd("list", "--chapter", "8", "-f", "json").stdout) == [
        "24.1",
        "25.1",
        "25.2",
        "25.3",
        "26.1",
        "27.1",
        "28.1",
    ]
    assert ids(prd("list", "--search", "大通關", "-f", "json").stdout) == ["6.1"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--chapter", "12", "there is no chapter 12: the chapters are 1 to 9"),
     ("--measure", "30", "there is no measure 30: the measures are 1 to 29")],
)  # fmt: skip
def test_a_number_not_in_the_document_is_a_usage_error(prd, option: str, value: str, message: str) -> None:
    r = prd("list", option, value)
    assert r.exit_code == 2 and r.stdout == ""
    assert message in r.stderr


def test_csv_and_markdown_carry_the_same_rows(prd) -> None:
    rows = list(csv.DictReader(io.StringIO(prd("list", "--unit", "市商务局", "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == COMMERCE
    assert rows[1]["lead"] == "市发改局、市TOD轨道办、市商务局"
    md = prd("list", "--unit", "市商务局", "-f", "md").stdout.splitlines()
    assert md[0].startswith("| 编号 |") and len(md) == 2 + len(COMMERCE)


def test_table_is_plain_when_piped(prd) -> None:
    r = prd("list", "--unit", "市商务局")
    assert r.exit_code == 0
    assert "\x1b[" not in r.stdout
    assert "编号" in r.stdout and "25.3" in r.stdout


def test_units(prd) -> None:
    rows = json.loads(prd("units", "-f", "json").stdout)
    assert len(rows) == 60
    commerce = next(r for r in rows if r["name"] == "市商务局")
    assert commerce["full_name"] == "东莞市商务局"
    assert (commerce["lead_items"], commerce["joint_items"], commerce["support_items"]) == (
        len(COMMERCE_LEAD),
        1,
        len(COMMERCE) - len(COMMERCE_LEAD) - 1,
    )
    assert {"name", "full_name", "kind", "aliases"} <= set(commerce)
    towns = json.loads(prd("units", "--kind", "town", "-f", "json").stdout)
    assert {r["name"] for r in towns} >= {"石龙镇", "莞城街道", "谢岗镇"}
    assert prd("units", "--kind", "village").exit_code == 2


def test_show_item_and_measure(prd) -> None:
    r = prd("show", "6.1", "--as-of", "2017-12-01")
    assert r.exit_code == 0, r
    assert "（六）构建区域大通关体制" in r.stdout
    assert "牵头单位：市商务局" in r.stdout
    assert "2017-06-30 全市公路口岸“三互”大通关全覆盖：逾期" in r.stdout
    r = prd("show", "7")
    assert "加强与泛珠合作各方交通基础设施互联互通" in r.stdout  # the preamble
    assert "[7.1] 铁路方面" in r.stdout and "[7.3] 港口方面" in r.stdout
    data = json.loads(prd("show", "22.1", "--as-of", "2018-03-15", "-f", "json").stdout)
    assert len([d for d in data[0]["due"] if d["recurring"]]) == 8  # six months and two analyses in 2018H1
    r = prd("show", "30.1")
    assert r.exit_code == 2 and "no item or measure" in r.stderr


def test_a_collective_member_owes_the_collectives_duties(prd) -> None:
    """市商务局 is one of 各相关部门, which measure 29 asks to report by the end of June."""
    rows = json.loads(prd("deadlines", "--unit", "市商务局", "--period", "2018H1", "-f", "json").stdout)
    assert ("29.1", "2018-06-30") in {(r["item"], r["due"]) for r in rows}
    # A unit outside every collective that names 29.1 does not owe it.
    r = prd("deadlines", "--unit", "东莞供电局", "--period", "2018H1", "-f", "json")
    assert "29.1" not in {row["item"] for row in json.loads(r.stdout)}


def test_list_answers_what_we_own(prd) -> None:
    """The task's own words, the unit's role and the next milestone, not the measure's title."""
    rows = json.loads(prd("list", "--unit", "市商务局", "-f", "json").stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["25.2"]["text"].startswith("加强与香港美国商会")
    table = prd("list", "--unit", "市商务局").stdout
    row = table.split("  29.1 ")[1]
    assert re.search(r"\d{4}-(06-30|12-31)", row)  # its next half-yearly report
    assert "本单位职责" in table and "下一节点" in table and "加强产业发展合作" not in table
    whole = prd("list", "--unit", "市商务局", "--wide").stdout
    assert "…" not in whole.split("25.3")[1].split("27.1")[0]  # nothing shortened


def test_list_shows_a_milestone_left_overdue(prd, data_copy) -> None:  # type: ignore[no-untyped-def]
    """6.1's milestones fell due in 2017: a blank 下一节点 would read as nothing left to do."""
    table = prd("list", "--unit", "市商务局", "--role", "lead").stdout
    assert re.search(r"  6\.1 .*2017-06-30 逾期", table), table
    # Once reported done, the next one still open is shown instead.
    r = prd(
        "progress",
        "add",
        "6.1",
        "-u",
        "市商务局",
        "-s",
        "done",
        "--deadline",
        "2",
        "--date",
        "2017-11-20",
        data=data_copy,
    )
    assert r.exit_code == 0, r
    table = prd("list", "--unit", "市商务局", "--role", "lead", data=data_copy).stdout
    assert re.search(r"  6\.1 .*2017-12-31 逾期", table), table
