"""Issue 11: the Excel ledger states each milestone, honours --period, keeps 延期, writes real
dates and Chinese recurrences; and it agrees with `prd deadlines` after any valid return."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

FIXTURES = Path(__file__).parent / "fixtures"
STATUS = 7  # 状态, 0-based in a ledger row


def export(prd, data: Path, out: Path, *args: str):
    r = prd("export", "--format", "xlsx", "--output", str(out), *args, data=data)
    assert r.exit_code == 0, r
    return load_workbook(out)


def body(ws) -> list[tuple]:
    return [tuple(r) for r in ws.iter_rows(min_row=3, values_only=True)]


def test_status_per_milestone_dates_recurrences_and_delay(prd, data_copy: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "progress", data_copy / "progress")
    r = prd("progress", "add", "22.1", "--deadline", "2", "-u", "市环保局", "-s", "延期", "--date", "2017-12-20",
            data=data_copy)  # fmt: skip
    assert r.exit_code == 0, r
    book = export(prd, data_copy, tmp_path / "l.xlsx", "--period", "2017H2")
    items = body(book["事项台账"])
    six = [r for r in items if r[0] == "6.1" or (r[0] is None and r[4] and "三互" in r[4])]
    assert [r[STATUS] for r in six] == ["推进中", "逾期（未报送）"]  # one state per milestone, not per item
    assert isinstance(six[0][6], dt.datetime) and six[0][6].date() == dt.date(2017, 12, 31)  # a real date
    assert isinstance(six[0][9], dt.datetime)
    whens = {r[5] for r in items if r[5]}
    assert any(w.startswith("每月") for w in whens) and any(w.startswith("每年6月30日和12月31日") for w in whens)
    assert not any("every" in str(v) for r in items for v in r)
    due = body(book["2017H2到期事项"])
    assert any(r[STATUS] == "延期" for r in due)  # 延期 kept
    monitoring = [r for r in due if r[4] and r[4].startswith("时限1") and "跨界" in r[4]]
    assert [r[STATUS] for r in monitoring] == ["已完成", "即将到期"] or [r[STATUS] for r in monitoring][0] == "已完成"
    # --period honoured on every sheet: 2018H1 reports are not in a 2017H2 ledger.
    assert not any(r[9] and r[9].year == 2018 for r in items)
    units = {r[0]: r for r in body(book["分单位"])}
    assert units["市环保局"][3] > 0


def test_a_support_units_report_shows_as_its_contribution(prd, data_copy: Path, tmp_path: Path) -> None:
    r = prd("progress", "add", "24.1", "-u", "东莞海关", "-s", "done", "-n", "配合完成", "--date", "2017-12-10",
            data=data_copy)  # fmt: skip
    assert r.exit_code == 0, r
    items = body(export(prd, data_copy, tmp_path / "l.xlsx", "--period", "2017H2")["事项台账"])
    row = next(r for r in items if r[0] == "24.1")
    assert row[STATUS] != "已完成" and "东莞海关（配合）已完成 2017-12-10：配合完成" in row[11]


def test_a_support_units_report_on_a_task_without_deadline_is_kept(prd, data_copy: Path, tmp_path: Path) -> None:
    # 2.1 has no deadline: its row once dropped every support unit's record on the floor.
    for unit, status, note in [
        ("市商务局", "in_progress", "配合数据平台建设"),
        ("市经信局", "in_progress", "平台招标"),
    ]:
        r = prd("progress", "add", "2.1", "-u", unit, "-s", status, "-n", note, "--date", "2017-12-19", data=data_copy)
        assert r.exit_code == 0, r
    items = body(export(prd, data_copy, tmp_path / "l.xlsx", "--period", "2017H2")["事项台账"])
    row = next(r for r in items if r[0] == "2.1")
    assert (row[STATUS], row[8], row[10]) == ("推进中", "市经信局", "平台招标")  # the lead's record decides
    assert row[11] == "市商务局（配合）推进中 2017-12-19：配合数据平台建设"


def _form_rows(path: Path) -> list[int]:
    ws = load_workbook(path)["填报"]
    return [r[0].row for r in ws.iter_rows(min_row=3) if r[0].value]


STATUSES = ["未开始", "推进中", "已完成", "延期", "已取消", "取消", None]  # 取消: forms issued before 已取消


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_valid_return_then_the_ledger_agrees_with_deadlines(prd, tmp_path_factory, data) -> None:
    from tests.conftest import DATA

    root = tmp_path_factory.mktemp("prop")
    copy = root / "data"
    shutil.copytree(DATA, copy)
    unit = data.draw(st.sampled_from(["市环保局", "市商务局", "市发改局", "东莞海关", "石龙镇"]))
    period, first, last = data.draw(
        st.sampled_from(
            [
                ("2017H2", dt.date(2017, 11, 8), dt.date(2017, 12, 31)),
                ("2018H1", dt.date(2018, 1, 1), dt.date(2018, 6, 30)),
            ]
        )
    )
    form = root / "form.xlsx"
    r = prd("progress", "form", "--unit", unit, "--period", period, "--output", str(form), data=copy)
    assert r.exit_code == 0, r
    book = load_workbook(form)
    ws = book["填报"]
    for row in _form_rows(form):
        status = data.draw(st.sampled_from(STATUSES))
        if status is None:
            continue
        day = data.draw(st.dates(first, last))
        ws[f"H{row}"], ws[f"L{row}"] = status, day
        ws[f"I{row}"] = data.draw(st.text(alphabet="进展完成推进中文 ,=-+@", max_size=12))
    book.save(form)
    r = prd("progress", "import", str(form), data=copy)
    assert r.exit_code == 0, r
    r = prd("validate", data=copy)
    assert r.exit_code == 0 and " 0 warning(s)" in r.stdout, r  # a return writes what validate accepts
    as_of = last.isoformat()
    got = json.loads(prd("deadlines", "--period", period, "--as-of", as_of, "-f", "json", data=copy).stdout)
    labels = {"done": "已完成", "cancelled": "已取消", "overdue": "逾期", "due_soon": "即将到期", "in_progress": "推进中",
              "delayed": "延期", "not_due": "未到期"}  # fmt: skip
    want = {(x["item"], x["deadline"], x["due"]): (labels[x["status"]], x["reported"]) for x in got}
    out = root / "l.xlsx"
    due = body(export(prd, copy, out, "--period", period, "--as-of", as_of)[f"{period}到期事项"])
    last_id = None
    for row in due:
        last_id = row[0] or last_id
        number = int(row[4].split("：")[0][2:]) if row[4].startswith("时限") else 1
        state, reported = want[(last_id, number, row[6].date().isoformat())]
        shown = row[STATUS]
        if reported == "delayed":
            assert shown in ("延期", f"{state}（延期）"), (row, state)
        else:
            assert shown.split("（")[0] == state, (row, state)


def test_a_sheet_past_excels_last_row_is_refused_not_truncated(prd, monkeypatch, tmp_path: Path) -> None:
    import prd_cli.exports

    monkeypatch.setattr(prd_cli.exports, "EXCEL_ROWS", 5)  # the shipped data has more than 5 milestones
    r = prd("export", "-f", "xlsx", "--period", "2017H2", "-o", str(tmp_path / "l.xlsx"))
    assert r.exit_code == 2 and "past the 5 Excel opens" in r.stderr and "--format sqlite" in r.stderr
    assert not (tmp_path / "l.xlsx").exists()


def test_the_csv_ledger_writes_recurrences_in_chinese(prd, data_copy: Path) -> None:
    import csv
    import io

    r = prd("export", "--format", "csv", data=data_copy)
    assert r.exit_code == 0, r
    rows = {row[3]: row for row in csv.reader(io.StringIO(r.stdout.lstrip("\ufeff")))}
    assert rows["22.1"][7].startswith("每月 跨界断面") and "每年两次 城市集中式饮用水源地" in rows["22.1"][7]
    assert rows["29.1"][7].startswith("每年6月30日和12月31日 ") and rows["6.1"][7].startswith("2017年（争取） ")
    assert not any("every" in row[7] for row in rows.values())


def test_sheet_titles_say_the_period_once_and_id_lists_break_between_ids(prd, data_copy: Path, tmp_path: Path) -> None:
    book = export(prd, data_copy, tmp_path / "l.xlsx", "--period", "2017H2", "--as-of", "2017-12-31")
    assert book["2017H2到期事项"]["A1"].value == "东府办〔2017〕136号 2017年下半年到期事项（截至2017年12月31日）"
    owns = next(r for r in body(book["分单位"]) if r[0] == "市商务局")[1]
    lines = owns.split("\n")
    assert len(lines) > 1 and all(line.endswith("、") for line in lines[:-1])  # broken after a 、, not in 25.2
    assert owns.replace("\n", "").split("、")[-3:] == ["25.3", "27.1", "28.1"]
