"""The period syntax: every valid string parses and round-trips; bad ones are refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prd_cli.periods import PeriodError, parse_period, parse_recurrence

years = st.integers(1900, 2999)


@st.composite
def period_texts(draw) -> str:
    y = draw(years)
    kind = draw(st.sampled_from(["year", "half", "quarter", "month", "day"]))
    if kind == "year":
        return str(y)
    if kind == "half":
        return f"{y}H{draw(st.integers(1, 2))}"
    if kind == "quarter":
        return f"{y}Q{draw(st.integers(1, 4))}"
    if kind == "month":
        return f"{y}-{draw(st.integers(1, 12)):02d}"
    d = draw(st.dates(date(y, 1, 1), date(y, 12, 31)))
    return d.isoformat()


@given(period_texts())
def test_round_trip_and_last_day_inside(text: str) -> None:
    p = parse_period(text)
    assert str(p) == text
    assert parse_period(str(p)) == p
    assert p.end in p and p.start in p and p.start <= p.end
    assert (p.end + timedelta(days=1)) not in p


@given(period_texts(), period_texts())
def test_windows(a: str, b: str) -> None:
    pa, pb = parse_period(a), parse_period(b)
    if pb.end < pa.start:
        with pytest.raises(PeriodError):
            parse_period(f"{a}..{b}")
    else:
        w = parse_period(f"{a}..{b}")
        assert (w.start, w.end) == (pa.start, pb.end)
        assert parse_period(str(w)) == w


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("2017H3", "H1 or H2"),
        ("2017Q5", "Q1 to Q4"),
        ("2017-13", "01 to 12"),
        ("2017-02-30", "days 01 to 28"),
        ("17H1", "is not a period"),
        ("2017h1", "is not a period"),
        ("", "is not a period"),
        ("2020..2017", "ends before it starts"),
    ],
)
def test_bad_periods(text: str, hint: str) -> None:
    with pytest.raises(PeriodError, match=hint):
        parse_period(text)


@given(st.text(max_size=12))
def test_arbitrary_text_parses_or_raises_period_error(text: str) -> None:
    try:
        parse_period(text)
    except PeriodError:
        pass


def test_monthly_across_a_year_end() -> None:
    r = parse_recurrence("monthly")
    occ = r.occurrences(date(2017, 11, 8), None, date(2017, 11, 1), date(2018, 2, 28))
    assert [(o.label, o.due.isoformat()) for o in occ] == [
        ("2017-11", "2017-11-30"),
        ("2017-12", "2017-12-31"),
        ("2018-01", "2018-01-31"),
        ("2018-02", "2018-02-28"),
    ]


def test_fixed_days_and_bounds() -> None:
    r = parse_recurrence("12-31, 06-30")
    assert str(r) == "06-30,12-31"
    occ = r.occurrences(date(2017, 11, 8), date(2019, 6, 30), date(2000, 1, 1), date(2030, 1, 1))
    assert [o.due.isoformat() for o in occ] == ["2017-12-31", "2018-06-30", "2018-12-31", "2019-06-30"]
    leap = parse_recurrence("02-29").occurrences(date(2019, 1, 1), None, date(2019, 1, 1), date(2020, 12, 31))
    assert [o.due.isoformat() for o in leap] == ["2019-02-28", "2020-02-29"]


@given(
    st.sampled_from(["monthly", "quarterly", "twice-yearly", "yearly"]), st.dates(date(2000, 1, 1), date(2040, 1, 1))
)
def test_occurrences_are_ordered_unique_and_after_start(every: str, start: date) -> None:
    occ = parse_recurrence(every).occurrences(start, None, start, start + timedelta(days=800))
    dues = [o.due for o in occ]
    assert dues == sorted(set(dues)) and all(d >= start for d in dues)
    per_year = {"monthly": 12, "quarterly": 4, "twice-yearly": 2, "yearly": 1}[every]
    assert len(dues) >= 2 * per_year


@pytest.mark.parametrize("text", ["weekly", "13-01", "02-30", "06-30,06-30", ""])
def test_bad_recurrences(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_recurrence(text)
