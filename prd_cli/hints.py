"""Why an answer is empty, and what to try instead: an empty table alone hides overdue work."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .i18n import _
from .periods import Period, half_year_of, period_words

if TYPE_CHECKING:
    from .dataset import Dataset

# How far past an empty period to look for the next deadline: far enough for a plan's
# milestones, near enough that monthly duties do not make the look-ahead slow.
LOOK_AHEAD_YEARS = 5


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

    if period is None:
        return _("{unit} has nothing overdue").format(unit=unit) if unit else _("nothing is overdue")
    where = {"unit": unit or "", "period": period_words(period)}
    if states:
        everything = due_rows(ds, period.start, period.end, as_of, unit=unit, role=role)
        if everything:
            says = (
                _("{unit}: {count} fall due in {period}, none in the states asked for; drop --status to see them all")
                if unit
                else _("{count} fall due in {period}, none in the states asked for; drop --status to see them all")
            )
            return says.format(count=len(everything), **where)
    tries = []
    late = overdue_rows(ds, as_of, unit=unit, role=role)
    if late:
        tries.append(_("{count} more are overdue and not done: try --overdue").format(count=len(late)))
    hi = date(min(period.end.year + LOOK_AHEAD_YEARS, 2999), 12, 31)
    later = due_rows(ds, period.end + timedelta(days=1), hi, as_of, unit=unit, role=role) if period.end < hi else []
    if later:
        first = min(later, key=lambda r: r.due)
        half = half_year_of(date.fromisoformat(first.due))
        tries.append(
            _("the next falls due on {day} ({item}): try --period {half}").format(
                day=first.due, item=first.item, half=half
            )
        )
    head = _("{unit}: nothing falls due in {period}") if unit else _("nothing falls due in {period}")
    if role != "any":
        # Say it is the role that left nothing, not the period: other tasks may well fall due.
        where["role"] = role
        where["label"] = {"lead": "牵头", "joint": "共同负责", "owner": "牵头或共同负责", "support": "配合"}[role]
        head = (
            _("{unit}: nothing with --role {role} ({label}) falls due in {period}")
            if unit
            else _("nothing with --role {role} ({label}) falls due in {period}")
        )
    return _("; ").join([head.format(**where), *tries])
