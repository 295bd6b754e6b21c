"""Linear everywhere, checked without a stopwatch: the Python calls each stage makes are counted
on two generated data sets, one four times the other. A stage that rescans its input for each
part of it (the report's by-chapter tally once did, for every chapter of every document) makes
about sixteen times the calls on four times the data; a linear one at most four."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from prd_cli.ledger import item_milestones, unit_rows
from prd_cli.loading import load
from prd_cli.periods import parse_period
from prd_cli.queries import due_rows, list_items, next_milestones, overdue_rows
from prd_cli.queries import unit_rows as unit_table
from prd_cli.report import build_report
from prd_cli.templating import render_report

from .conftest import ROOT

SMALL, LARGE = 16, 64  # documents of 24 items; fewer leave too few rows due to average out
PERIOD = parse_period("2017H2")
AS_OF = date(2017, 12, 20)


def _calls(work: Callable[[], Any]) -> int:
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    out = {}
    for docs in (SMALL, LARGE):
        root = tmp_path_factory.mktemp(f"docs{docs}")
        bench.generate(root, docs, 24, seed=11)
        result = load(root)
        assert result.ok, result.problems
        out[docs] = (root, result.dataset)
    return out


STAGES: dict[str, Callable[[Path, Any], Any]] = {
    "load": lambda root, ds: load(root),
    "report": lambda root, ds: build_report(ds, PERIOD, AS_OF),
    "report rendered": lambda root, ds: render_report(build_report(ds, PERIOD, AS_OF), "md"),
    "list --unit": lambda root, ds: next_milestones(ds, list_items(ds, unit="市商务局"), AS_OF),
    "units": lambda root, ds: unit_table(ds),
    "deadlines": lambda root, ds: due_rows(ds, PERIOD.start, PERIOD.end, AS_OF),
    "deadlines --overdue": lambda root, ds: overdue_rows(ds, AS_OF, unit="市商务局"),
    "ledger": lambda root, ds: (item_milestones(ds, PERIOD, AS_OF), unit_rows(ds, PERIOD, AS_OF)),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_work_grows_with_the_data_not_faster(stage: str, datasets: dict[int, Any]) -> None:
    small = _calls(lambda: STAGES[stage](*datasets[SMALL]))
    large = _calls(lambda: STAGES[stage](*datasets[LARGE]))
    growth = large / small
    # Four times the data; fixed costs make linear work grow by less. Quadratic would be ~16.
    assert growth <= (LARGE / SMALL) * 1.25, f"{stage}: {small} calls at {SMALL} documents, {large} at {LARGE}"
