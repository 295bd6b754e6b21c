"""The shortcut for plain clauses (牵头单位：甲、乙；丙等按职责分工负责) must read every clause
exactly as the general grammar does, or leave it to the grammar."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from prd_cli.importer.grammar import _parse_clause, _plain_clause, parse_clause

ROOT = Path(__file__).resolve().parent.parent
UNITS = [u["name"] for u in yaml.safe_load((ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))["units"]]
# Names and pieces the grammar acts on: openers, verbs, 等, marks, stars, times, brackets,
# conjunctions, notes, labels, spaces.
TRICKY = [
    "各县", "市", "区政府", "县政府", "相关市", "有关单位", "各镇街（园区）", "由市局", "由甲局会同乙局",
    "甲局牵头", "甲局负责", "甲局配合", "甲局落实", "甲局组织实施", "乙局等", "丙局等部门", "丁局等单位",
    "2023年底前", "12月", "长期", "年内完成", "市卫健委（牵头）", "★区财政局", "区财政局*", "＊＊镇各社区",
    "丙（", "）丁局", "戊局（含分局）", "人力资源和社会保障局", "市场监管局和税务局", "市场监管局及税务局",
    "下同", "甲局为牵头单位", " 乙局", "乙局 ", "单位", "部门", "机构", "牵头单位", "配合单位：", "甲局、",
    "", "等", "市委办", "市政府办", "东莞海关", "镇街（园区）", "各相关部门", "乙局；丙局", "甲局，乙局", "甲局\u3000", "县级市", "各区", "市直有关部门", "2023年", "前完成",
]  # fmt: skip
NAMES = st.sampled_from(UNITS + TRICKY)
PREFIX = st.sampled_from(["牵头单位：", "牵头单位:", "牵头部门：", "", "责任单位：", " 牵头单位："])
SUFFIX = st.sampled_from(
    [
        "按职责分工负责",
        "等按职责分工负责",
        "等单位按职责分工负责",
        "等部门按职责分工负责",
        "配合",
        "负责",
        "",
        " 按职责分工负责",
        "等 按职责分工负责",
        "\n按职责分工负责",
        "等\u3000按职责分工负责",
        "等有关部门按职责分工负责",
        "和按职责分工负责",
        "年底前按职责分工负责",
    ]
)
END = st.sampled_from(["", "", "。", "；", " ", "，下同", "。2023年底前完成"])


def _same(inner: str) -> None:
    assert parse_clause(inner) == _parse_clause(inner), inner


@settings(max_examples=3000, deadline=None)
@given(
    PREFIX,
    st.lists(NAMES, min_size=1, max_size=5),
    st.lists(NAMES, max_size=5),
    SUFFIX,
    st.sampled_from(["、", "、", "、", "，", "和"]),
    END,
)
def test_the_shortcut_reads_as_the_grammar(
    prefix: str, lead: list[str], support: list[str], verb: str, sep: str, end: str
) -> None:
    inner = prefix + sep.join(lead) + ("；" + "、".join(support) + verb if support else "") + end
    _same(inner)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="甲乙市局各由等（）、；：，。按职责分工负责牵头单位* \n年2县政府", max_size=40))
def test_the_shortcut_on_any_text(text: str) -> None:
    _same("牵头单位：" + text)


def test_the_shortcut_takes_the_common_forms() -> None:
    for inner in (
        "牵头单位：市发改局、市TOD轨道办、市商务局；东莞海关、滨海湾新区（东莞港）管委会、石龙镇等按职责分工负责",
        "牵头单位：市交通局",
        "牵头单位：市经信局；市商务局、东莞韶关对口帮扶指挥部等单位按职责分工负责",
    ):
        assert _plain_clause(inner) is not None, inner
        _same(inner)
