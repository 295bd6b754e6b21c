"""The plain table renderer: nothing lost, nothing wider than the terminal when it can fit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prd_cli.linebreak import cells
from prd_cli.texttable import Spec, draw

SPECS = [Spec("编号", "plain"), Spec("任务", "prose", width=22, lines=2), Spec("单位", "list")]
NAMES = st.text(alphabet="市商务局发改东莞海关TOD轨道办镇街（）", min_size=1, max_size=14)
PROSE = st.text(alphabet="推进建设，。、“”《》（）2017abc加快合作", max_size=120)
ROWS = st.lists(st.tuples(st.from_regex(r"[1-9][0-9]?\.[1-9]", fullmatch=True), PROSE, st.lists(NAMES, max_size=6)))


def test_looks_like_the_simple_head_table() -> None:
    specs = [Spec("编号", "plain"), Spec("任务", "prose", width=30), Spec("单位", "list")]
    text = draw(specs, [["6.1", "加快推进省市大通关平台对接", ["市商务局", "东莞海关"]]], 80)
    head, rule, row, blank, end = text.split("\n")
    assert head == "  编号   任务                         单位"
    assert row == "  6.1    加快推进省市大通关平台对接   市商务局、东莞海关"
    assert rule == " " + "─" * (cells(row) - 1)
    assert (blank, end) == ("", "")


def test_names_break_between_names_only() -> None:
    names = ["市发改局", "市TOD轨道办", "市商务局", "东莞海关", "东莞出入境检验检疫局"]
    text = draw([Spec("编号", "plain"), Spec("单位", "list")], [["1.2", names]], 30)
    lines = [line[len("  1.2    ") :] for line in text.splitlines()[2:] if line.strip()]
    assert "".join(lines) == "、".join(names)
    assert not any(line.startswith("、") for line in lines)
    assert all(cells(line) <= 30 for line in text.splitlines())


@settings(max_examples=150)
@given(ROWS, st.integers(min_value=60, max_value=200))
def test_nothing_lost_and_nothing_too_wide(rows: list[tuple[str, str, list[str]]], available: int) -> None:
    text = draw(SPECS, [list(r) for r in rows], available)
    lines = text.split("\n")
    assert all(line == line.rstrip() for line in lines)
    # Every id and every name is shown whole: names wrap between names, and a long one only
    # before a bracket inside it (滨海湾新区 / （东莞港）管委会), so each part is whole.
    body = text.replace("\n", "").replace(" ", "")
    for ident, _, names in rows:
        assert ident in body
        for name in names:
            head, bracket, rest = name.replace(" ", "").partition("（")
            assert head in body and (not rest or bracket + rest in body or rest in body)
    # The longest name (14 Chinese characters) fits in 60 columns beside the rest.
    assert all(cells(line) <= available for line in lines)
