"""Chinese line breaking for table cells: nothing lost, nothing too wide, 避头尾 kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prd_cli.linebreak import ELLIPSIS, NO_END, NO_START, cells, shorten_lines, wrap

HAN = st.sampled_from("东莞市商务局推进口岸建设水质联合监测跨界断面")
ASCII = st.sampled_from("GB3838-2002PM2.5TOD")
CLOSING = st.sampled_from(sorted(NO_START))
OPENING = st.sampled_from(sorted(NO_END))


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Text shaped like policy prose: runs of characters, single punctuation marks between them."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        parts.append(draw(OPENING) if draw(st.booleans()) else "")
        parts.append("".join(draw(st.lists(st.one_of(HAN, HAN, ASCII), min_size=2, max_size=9))))
        parts.append(draw(CLOSING) if draw(st.booleans()) else "")
    return "".join(parts)


WIDTHS = st.integers(min_value=6, max_value=40)


@given(st.text(max_size=80), st.integers(min_value=2, max_value=40))
def test_wrapping_loses_nothing_and_never_overflows(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(line and cells(line) <= width for line in lines)


@given(prose(), WIDTHS)
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text: str, width: int) -> None:
    lines = wrap(text, width)
    # Chinese closing punctuation never starts a line; Latin punctuation (PM2.5's period) may,
    # where nothing else fits (〈东.、 in six cells has no break that keeps every rule).
    assert not any(line[0] in NO_START and not line[0].isascii() for line in lines[1:]), lines
    assert not any(line[-1] in NO_END for line in lines[:-1]), lines


def test_when_no_break_keeps_every_rule_latin_punctuation_starts_the_line() -> None:
    assert wrap("〈东.、", 6) == ["〈东", ".、"]
    assert wrap("推进口岸，建设", 8) == ["推进口", "岸，建设"]


@given(prose(), WIDTHS, st.integers(min_value=1, max_value=3))
def test_shortened_text_is_a_prefix_and_says_so(text: str, width: int, max_lines: int) -> None:
    lines = shorten_lines(text, width, max_lines)
    assert len(lines) <= max_lines
    assert all(cells(line) <= width for line in lines)
    joined = "".join(lines)
    if joined == text:
        return
    assert joined.endswith(ELLIPSIS) and text.startswith(joined.removesuffix(ELLIPSIS))


def test_a_known_passage() -> None:
    text = "主、配网累计投资115亿元，完成“三个一批”主网工程135项"
    assert wrap(text, 24) == ["主、配网累计投资115亿", "元，完成“三个一批”主网工", "程135项"]
    assert shorten_lines(text, 24, 2) == ["主、配网累计投资115亿", "元，完成“三个一批”主网…"]


def test_a_table_longer_than_the_screen_says_how_many_rows(capsys, monkeypatch) -> None:
    import io

    from prd_cli.render import Column, print_table

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("LINES", "10")
    rows = [{"id": str(i)} for i in range(30)]
    print_table(rows, [Column("id", "编号")], Terminal())
    assert "30 rows" in capsys.readouterr().err  # English under the tests' locale; 30 行 in Chinese
    print_table(rows[:3], [Column("id", "编号")], Terminal())
    assert capsys.readouterr().err == ""
