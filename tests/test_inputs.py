"""Inputs as people type them: periods in words, full-width ids, Chinese labels, everyday unit names."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prd_cli.inputs import (
    KINDS,
    ROLES,
    STATES,
    STATUSES,
    InputError,
    normalise_id,
    normalise_period,
)
from prd_cli.periods import parse_period, period_words

AS_OF = ("--as-of", "2018-01-15")


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("2017年下半年", "2017H2"),
        ("2017年上半年", "2017H1"),
        ("2017年", "2017"),
        ("2017", "2017"),
        ("2017年第三季度", "2017Q3"),
        ("2017年三季度", "2017Q3"),
        ("2017年第3季度", "2017Q3"),
        ("2017年6月", "2017-06"),
        ("2017年06月", "2017-06"),
        ("2017年十二月", "2017-12"),
        ("2017年6月30日", "2017-06-30"),
        ("2017h2", "2017H2"),
        ("2017-H2", "2017H2"),
        ("2017 h2", "2017H2"),
        ("２０１７Ｈ２", "2017H2"),
        ("２０１７ｈ２", "2017H2"),
        ("2017q3", "2017Q3"),
        ("2017-06", "2017-06"),
        ("2017-6", "2017-06"),
        ("2017/06", "2017-06"),
        ("2017/6/30", "2017-06-30"),
        ("2017..2020", "2017..2020"),
        ("2017年至2020年", "2017..2020"),
        ("2017年下半年至2018年上半年", "2017H2..2018H1"),
        (" 2017H2 ", "2017H2"),
    ],
)
def test_periods_as_people_write_them(typed: str, canonical: str) -> None:
    assert normalise_period(typed) == canonical


@pytest.mark.parametrize("n, meanings", [(1, ["2017H1", "2017Q1", "2017-01"]), (2, ["2017H2", "2017Q2", "2017-02"])])
def test_a_bare_number_after_the_year_is_refused_with_what_it_could_mean(
    n: int, meanings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InputError) as info:
        normalise_period(f"2017-{n}")
    message = str(info.value)
    assert "ambiguous" in message and "有歧义" not in message
    for m in meanings:
        assert m in message
    # In a Chinese locale the refusal is Chinese only: no English tail.
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(InputError) as info:
        normalise_period(f"2017-{n}")
    assert str(info.value).startswith(f"“2017-{n}”有歧义，请写明：") and "ambiguous" not in str(info.value)


@pytest.mark.parametrize("typed", ["2017H3", "2017-13", "2017年第五季度", "明年", "2017-2-", "2017年中"])
def test_nonsense_periods_are_refused(typed: str) -> None:
    with pytest.raises(InputError):
        normalise_period(typed)


def test_the_data_syntax_stays_strict() -> None:
    from prd_cli.periods import PeriodError

    for typed in ("2017年下半年", "2017h2", "２０１７Ｈ２"):
        with pytest.raises(PeriodError):
            parse_period(typed)


@pytest.mark.parametrize(
    "period, words",
    [
        ("2017H2", "2017年下半年"),
        ("2017H1", "2017年上半年"),
        ("2017", "2017年"),
        ("2017Q3", "2017年第三季度"),
        ("2017-06", "2017年6月"),
        ("2017-06-30", "2017年6月30日"),
        ("2017..2020", "2017年至2020年"),
    ],
)
def test_period_words(period: str, words: str) -> None:
    assert period_words(period) == words
    assert period_words(parse_period(period)) == words


_simple_periods = st.one_of(
    st.integers(1900, 2999).map(str),
    st.tuples(st.integers(1900, 2999), st.sampled_from(["H1", "H2", "Q1", "Q2", "Q3", "Q4"])).map(
        lambda t: f"{t[0]}{t[1]}"
    ),
    st.tuples(st.integers(1900, 2999), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.dates().filter(lambda d: 1900 <= d.year <= 2999).map(lambda d: d.isoformat()),
)


@given(_simple_periods)
def test_words_read_back_as_the_same_period(period: str) -> None:
    assert normalise_period(period_words(period)) == period
    assert normalise_period(period) == period


@given(_simple_periods, _simple_periods)
def test_windows_in_words_read_back(a: str, b: str) -> None:
    if parse_period(b).end < parse_period(a).start:
        return
    window = parse_period(f"{a}..{b}").text
    assert normalise_period(period_words(window)) == window


def test_full_width_ids() -> None:
    assert normalise_id("６.１") == "6.1"
    assert normalise_id("６．１") == "6.1"
    assert normalise_id("６。１") == "6.1"
    assert normalise_id(" 29 ") == "29"


@pytest.mark.parametrize(
    "choices, typed, code",
    [
        (STATES, "逾期", "overdue"),
        (STATES, "完成", "done"),
        (STATES, "已完成", "done"),
        (STATES, "取消", "cancelled"),
        (STATES, "即将到期", "due_soon"),
        (STATES, "卽將到期", "due_soon"),
        (STATES, "推进中", "in_progress"),
        (STATES, "未到期", "not_due"),
        (STATES, "OVERDUE", "overdue"),
        (STATES, "due-soon", "due_soon"),
        (STATUSES, "完成", "done"),
        (STATUSES, "延期", "delayed"),
        (STATUSES, "未开始", "not_started"),
        (STATUSES, "進行中", "in_progress"),
        (ROLES, "牵头", "lead"),
        (ROLES, "共同负责", "joint"),
        (ROLES, "配合", "support"),
        (ROLES, "全部", "any"),
        (KINDS, "镇街", "town"),
        (KINDS, "市政府工作部门", "department"),
        (KINDS, "鎮街", "town"),
    ],
)
def test_chinese_labels(choices, typed: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert choices.resolve(typed) == code


def test_labels_agree_with_what_prd_prints() -> None:
    from prd_cli.deadlines import STATE_LABELS
    from prd_cli.models import KIND_LABELS, STATUS_LABELS
    from prd_cli.roles import ROLE_LABELS

    assert {code: words[0] for code, words in STATES.labels.items()} == STATE_LABELS
    assert {code: words[0] for code, words in STATUSES.labels.items()} == STATUS_LABELS
    assert {code: words[0] for code, words in KINDS.labels.items()} == KIND_LABELS
    for code, label in ROLE_LABELS.items():
        assert label in ROLES.labels[code]


# --- through the command line --------------------------------------------------------------


def _json(r) -> list:  # type: ignore[no-untyped-def]
    assert r.exit_code == 0, r
    return json.loads(r.stdout)


@pytest.mark.parametrize("typed", ["2017年下半年", "2017h2", "2017-H2", "２０１７Ｈ２"])
def test_deadlines_take_periods_in_words(prd, typed: str) -> None:  # type: ignore[no-untyped-def]
    expected = _json(prd("deadlines", "--period", "2017H2", "-f", "json", *AS_OF))
    assert expected
    assert _json(prd("deadlines", "--period", typed, "-f", "json", *AS_OF)) == expected


@pytest.mark.parametrize(
    "typed, canonical", [("2017年", "2017"), ("2017年第四季度", "2017Q4"), ("2017年6月", "2017-06")]
)
def test_other_periods_in_words(prd, typed: str, canonical: str) -> None:  # type: ignore[no-untyped-def]
    expected = _json(prd("deadlines", "--period", canonical, "-f", "json", *AS_OF))
    assert _json(prd("deadlines", "--period", typed, "-f", "json", *AS_OF)) == expected


def test_an_ambiguous_period_is_a_usage_error(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("deadlines", "--period", "2017-2")
    assert r.exit_code == 2
    assert "2017H2" in r.stderr and "2017-02" in r.stderr and "is ambiguous" in r.stderr
    assert "Traceback" not in r.stderr


def test_dates_as_people_write_them(prd) -> None:  # type: ignore[no-untyped-def]
    expected = _json(prd("deadlines", "--period", "2017H2", "-f", "json", "--as-of", "2017-12-01"))
    for typed in ("2017年12月1日", "2017/12/1", "２０１７－１２－０１"):
        assert _json(prd("deadlines", "--period", "2017H2", "-f", "json", "--as-of", typed)) == expected
    r = prd("deadlines", "--as-of", "2017-12")
    assert r.exit_code == 2 and "not a date" in r.stderr and "2017年6月30日" in r.stderr


@pytest.mark.parametrize("typed", ["６.１", "６．１", "６。１"])
def test_show_takes_full_width_ids(prd, typed: str) -> None:  # type: ignore[no-untyped-def]
    expected = prd("show", "6.1", *AS_OF)
    r = prd("show", typed, *AS_OF)
    assert r.exit_code == 0, r
    assert r.stdout == expected.stdout


def test_show_takes_chinese_format(prd) -> None:  # type: ignore[no-untyped-def]
    assert prd("show", "6.1", "-f", "文本", *AS_OF).stdout == prd("show", "6.1", *AS_OF).stdout
    r = prd("show", "6.1", "-f", "xml")
    assert r.exit_code == 2 and "text（文本）" in r.stderr


@pytest.mark.parametrize("typed, code", [("逾期", "overdue"), ("完成", "done"), ("即将到期", "due_soon")])
def test_deadline_states_in_chinese(prd, typed: str, code: str) -> None:  # type: ignore[no-untyped-def]
    args = ("deadlines", "--period", "2017..2020", "-f", "json", *AS_OF)
    assert _json(prd(*args, "--status", typed)) == _json(prd(*args, "--status", code))


def test_a_bad_state_lists_both_languages(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("deadlines", "--status", "暂停")
    assert r.exit_code == 2
    assert "overdue（逾期）" in r.stderr and "not a deadline state" in r.stderr


@pytest.mark.parametrize("typed, code", [("牵头", "lead"), ("配合", "support"), ("全部", "any"), ("LEAD", "lead")])
def test_roles_in_chinese(prd, typed: str, code: str) -> None:  # type: ignore[no-untyped-def]
    args = ("list", "--unit", "市商务局", "-f", "json")
    assert _json(prd(*args, "--role", typed)) == _json(prd(*args, "--role", code))


def test_a_bad_role_lists_both_languages(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("list", "--unit", "市商务局", "--role", "主办")
    assert r.exit_code == 2 and "lead（牵头）" in r.stderr and "support（配合）" in r.stderr


def test_kinds_in_chinese(prd) -> None:  # type: ignore[no-untyped-def]
    assert _json(prd("units", "--kind", "镇街", "-f", "json")) == _json(prd("units", "--kind", "town", "-f", "json"))
    r = prd("units", "--kind", "乡镇府")
    assert r.exit_code == 2 and "town（镇街）" in r.stderr and "not a kind" in r.stderr


def test_formats_and_scripts_in_chinese(prd) -> None:  # type: ignore[no-untyped-def]
    assert prd("units", "-f", "表格").stdout == prd("units", "-f", "table").stdout
    assert prd("units", "--script", "繁体").stdout == prd("units", "--script", "hant").stdout
    r = prd("units", "-f", "xml")
    assert r.exit_code == 2 and "table（表格）" in r.stderr and "not a format" in r.stderr


@pytest.mark.parametrize(
    "typed, name",
    [
        ("市环境保护局", "市环保局"),
        ("东莞市环境保护局", "市环保局"),
        ("市经济和信息化局", "市经信局"),
        ("市交通运输局", "市交通局"),
        ("东莞市发改局", "市发改局"),
        ("东莞发改局", "市发改局"),
        ("市tod轨道办", "市TOD轨道办"),
        ("市ＴＯＤ轨道办", "市TOD轨道办"),
        ("市發改局", "市发改局"),
    ],
)
def test_everyday_unit_names(prd, typed: str, name: str) -> None:  # type: ignore[no-untyped-def]
    expected = _json(prd("list", "--unit", name, "-f", "json"))
    assert expected
    assert _json(prd("list", "--unit", typed, "-f", "json")) == expected


def test_a_fragment_of_a_unit_gets_a_suggestion(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("list", "--unit", "海关")
    assert r.exit_code == 2 and "东莞海关" in r.stderr


def test_progress_add_takes_what_people_type(prd, data_copy) -> None:  # type: ignore[no-untyped-def]
    r = prd(
        "progress",
        "add",
        "６．１",
        "--deadline",
        "１",
        "--unit",
        "东莞市商务局",
        "--status",
        "完成",
        "--period",
        "2017年下半年",
        "--date",
        "2017年12月20日",
        data=data_copy,
    )
    assert r.exit_code == 0, r
    text = (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8")
    assert "6.1" in text and "市商务局" in text and "done" in text and "2017-12-20" in text


def test_progress_add_refuses_an_unknown_status_in_both_languages(prd, data_copy) -> None:  # type: ignore[no-untyped-def]
    r = prd("progress", "add", "6.1", "--unit", "市商务局", "--status", "搞定", data=data_copy)
    assert r.exit_code == 2 and "done（已完成）" in r.stderr and "not a progress status" in r.stderr


# --- defaults and empty answers --------------------------------------------------------------


def test_deadlines_say_which_period_they_used(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("deadlines", "--unit", "市商务局", "--as-of", "2017-09-01")
    assert r.exit_code == 0
    line = r.stderr.strip()
    assert "\n" not in line and "2017年下半年" in line and "2017H2" in line and "--period" in line


def test_an_empty_answer_says_what_to_try(prd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    args = ("deadlines", "--unit", "市商务局", "--role", "lead", "--period", "2018H1", *AS_OF)
    r = prd(*args)
    assert r.exit_code == 0
    # It is the role that leaves nothing, not the period: say so.
    assert "nothing with --role lead (牵头) falls due in" in r.stderr and "4 more are overdue" in r.stderr
    assert "--overdue" in r.stderr
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd(*args)
    assert "市商务局在2018年上半年没有牵头（--role lead）的到期事项" in r.stderr and " / " not in r.stderr
    assert "4 项逾期" in r.stderr and "--overdue" in r.stderr
    assert len(_json(prd("deadlines", "--unit", "市商务局", "--role", "lead", "--overdue", "-f", "json", *AS_OF))) == 4


def test_an_empty_answer_points_to_the_next_deadline(prd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("deadlines", "--unit", "市商务局", "--role", "lead", "--period", "2017Q1", "--as-of", "2017-03-01")
    assert "下一项在 2017-06-30" in r.stderr and "--period 2017H1" in r.stderr


def test_an_empty_answer_blames_the_status_filter(prd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("deadlines", "--unit", "市商务局", "--period", "2017H2", "--status", "已完成", *AS_OF)
    assert "去掉 --status" in r.stderr


@pytest.mark.parametrize("typed", ["6", "６", "六", "（六）", "(6)", "第六"])
def test_measure_numbers_as_the_document_writes_them(prd, typed: str) -> None:  # type: ignore[no-untyped-def]
    expected = _json(prd("list", "--measure", "6", "-f", "json"))
    assert _json(prd("list", "--measure", typed, "-f", "json")) == expected


def test_chapter_numbers_in_chinese(prd) -> None:  # type: ignore[no-untyped-def]
    expected = _json(prd("list", "--chapter", "1", "-f", "json"))
    assert _json(prd("list", "--chapter", "第一章", "-f", "json")) == expected
    r = prd("list", "--chapter", "abc")
    assert r.exit_code == 2 and "not a number" in r.stderr
