"""Why an answer is empty, and what to try instead: an empty table alone hides overdue work."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .periods import Period, half_year_of, period_words

if TYPE_CHECKING:
    from .dataset import Dataset

# How far past an empty period to look for the next deadline: far enough for a plan's
# milestones, near enough that monthly duties do not make the look-ahead slow.
_LOOK_AHEAD_YEARS = 5


def why_no_deadlines(
    ds: Dataset,
    period: Period | None,
    as_of: date,
    *,
    unit: str | None = None,
    role: str = "any",
    states: set[str] | None = None,
) -> str:
    """One line: why `prd deadlines` found nothing (period None: with --overdue), and what to try."""
    from .queries import due_rows, overdue_rows

    who = f"{unit}在" if unit else ""
    if period is None:
        return f"{unit or ''}没有逾期未完成的事项 / nothing is overdue"
    words = period_words(period)
    if states:
        everything = due_rows(ds, period.start, period.end, as_of, unit=unit, role=role)
        if everything:
            return (
                f"{who}{words}有 {len(everything)} 项到期，但没有所选状态的；去掉 --status 可看全部"
                f" / {len(everything)} fall due in {period}, none in the states asked for: drop --status"
            )
    tries_zh, tries_en = [], []
    late = overdue_rows(ds, as_of, unit=unit, role=role)
    if late:
        tries_zh.append(f"另有 {len(late)} 项逾期未完成，可用 --overdue 查看")
        tries_en.append(f"{len(late)} overdue: try --overdue")
    hi = date(min(period.end.year + _LOOK_AHEAD_YEARS, 2999), 12, 31)
    later = due_rows(ds, period.end + timedelta(days=1), hi, as_of, unit=unit, role=role) if period.end < hi else []
    if later:
        first = min(later, key=lambda r: r.due)
        half = half_year_of(date.fromisoformat(first.due))
        tries_zh.append(f"下一项在 {first.due}（{first.item}），可用 --period {half} 查看")
        tries_en.append(f"the next is due {first.due}: try --period {half}")
    head_zh = f"{who}{words}没有到期事项"
    head_en = f"nothing falls due in {period}"
    if role != "any":
        # Say it is the role that left nothing, not the period: other tasks may well fall due.
        label = {"lead": "牵头", "joint": "共同负责", "owner": "牵头或共同负责", "support": "配合"}[role]
        head_zh = f"{who}{words}没有{label}的到期事项"
        head_en = f"nothing with --role {role} falls due in {period}"
    return "；".join([head_zh, *tries_zh]) + " / " + "; ".join([head_en, *tries_en])
