"""Issue 11: the 填报表 out (`prd progress form`) and back in (`prd progress import`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

PERIOD = "2017H2"


def make_form(prd, data: Path, tmp_path: Path, unit: str = "市环保局") -> Path:
    out = tmp_path / f"{unit}.xlsx"
    r = prd("progress", "form", "--unit", unit, "--period", PERIOD, "--output", str(out), data=data)
    assert r.exit_code == 0, r
    return out


def rows_of(path: Path) -> dict[tuple[str, str], int]:
    """(编号, 节点 prefix) → row number."""
    ws = load_workbook(path)["填报"]
    found: dict[tuple[str, str], int] = {}
    for r in ws.iter_rows(min_row=3):
        if r[0].value:
            found.setdefault((str(r[0].value), str(r[5].value)[:3]), r[0].row)
    return found


def fill(path: Path, out: Path, values: dict[int, list[object]]) -> Path:
    book = load_workbook(path)
    ws = book["填报"]
    for row, cells in values.items():
        for col, value in zip("HIJKL", cells, strict=False):
            ws[f"{col}{row}"] = value
    book.save(out)
    return out


def test_the_form_lists_what_the_unit_owes_and_is_protected(prd, data_copy: Path, tmp_path: Path) -> None:
    book = load_workbook(make_form(prd, data_copy, tmp_path))
    assert book.sheetnames[:2] == ["填报", "填报说明"]
    ws = book["填报"]
    assert [c.value for c in ws[2]] == [
        "编号", "工作任务", "本单位职责", "牵头单位", "配合单位", "节点", "截止日期",
        "状态", "进展情况", "存在问题", "下一步计划", "填报日期",
    ]  # fmt: skip
    body = list(ws.iter_rows(min_row=3, values_only=True))
    monitoring = [r for r in body if r[0] == "22.1" and str(r[5]).startswith("时限1")]
    assert [r[6] for r in monitoring] == [dt.datetime(2017, 11, 30), dt.datetime(2017, 12, 31)]
    assert "2017年11月" in monitoring[0][5] and "每月" in monitoring[0][5]
    assert any(r[0] == "9.1" and r[2] == "牵头" for r in body)
    assert ws.protection.sheet and ws["B3"].protection.locked and not ws["H3"].protection.locked
    assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "B3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and "已完成" in lists[0].formula1
    assert "已取消" in lists[0].formula1 and '"取消' not in lists[0].formula1 and ",取消" not in lists[0].formula1
    assert ws["B3"].font.name == "宋体"
    assert book["prd"].sheet_state == "veryHidden"


def test_all_units_writes_one_form_per_unit_that_owes_something(prd, data_copy: Path, tmp_path: Path) -> None:
    r = prd("progress", "form", "--all-units", "--period", PERIOD, "--output-dir", str(tmp_path / "f"), data=data_copy)
    assert r.exit_code == 0, r
    names = {p.name for p in (tmp_path / "f").iterdir()}
    assert "2017H2_市商务局_填报表.xlsx" in names and "2017H2_石龙镇_填报表.xlsx" in names
    assert not any("各相关部门" in n for n in names)
    for args in [("--unit", "市商务局"), ()]:
        r = prd("progress", "form", "--period", PERIOD, *args, data=data_copy)
        assert r.exit_code == 2, r


def test_round_trip_form_filled_imported_shows_under_unit_milestone_and_state(
    prd, data_copy: Path, tmp_path: Path
) -> None:
    form = make_form(prd, data_copy, tmp_path)
    at = rows_of(form)
    nov = at[("22.1", "时限1")]  # the first 时限1 row of 22.1 is November's monitoring
    filled = fill(
        form,
        tmp_path / "filled.xlsx",
        {
            nov: ["已完成", "11月联合监测完成", "无", "继续监测", dt.date(2017, 12, 5)],
            at[("9.1", "时限1")]: ["推进中", "水资源公报编制中", "", "", "2017-12-20"],
        },
    )
    r = prd("progress", "import", str(filled), data=data_copy)
    assert r.exit_code == 0, r
    assert "2 new record(s)" in r.stdout
    got = json.loads(prd("deadlines", "--period", PERIOD, "--as-of", "2017-12-31", "-f", "json", data=data_copy).stdout)
    monitoring = {x["due"]: x for x in got if x["item"] == "22.1" and x["deadline"] == 1}
    assert monitoring["2017-11-30"]["status"] == "done" and monitoring["2017-11-30"]["note"] == "11月联合监测完成"
    assert monitoring["2017-12-31"]["reported"] is None
    shown = json.loads(prd("show", "22.1", "-f", "json", data=data_copy).stdout)[0]["progress"]
    assert [(p["unit"], p["status"], p["date"]) for p in shown] == [("市环保局", "done", "2017-12-05")]
    text = (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8")
    assert 'problems: "无"' in text and 'next_steps: "继续监测"' in text and "occurrence: 2017-11-30" in text
    assert prd("validate", data=data_copy).exit_code == 0
    # The same return again adds nothing.
    before = text
    r = prd("progress", "import", str(filled), data=data_copy)
    assert r.exit_code == 0 and "0 new record(s), 2 already recorded" in r.stdout, r
    assert (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8") == before


def test_every_bad_cell_is_reported_at_once_and_nothing_is_written(prd, data_copy: Path, tmp_path: Path) -> None:
    form = make_form(prd, data_copy, tmp_path)
    at = rows_of(form)
    general = next(row for (_, node), row in at.items() if node == "本期无")
    filled = fill(
        form,
        tmp_path / "bad.xlsx",
        {
            at[("22.1", "时限1")]: ["完成了", "x", "", "", dt.date(2017, 12, 5)],
            at[("9.1", "时限1")]: ["推进中", "x", "", "", "2017-13-01"],
            general: ["推进中", "x", "", "", dt.date(2018, 1, 5)],
            at[("29.1", "时限1")]: ["推进中", "x", "", "", None],
        },
    )
    r = prd("progress", "import", str(filled), data=data_copy)
    assert r.exit_code == 1, r
    err = r.stderr
    assert f'bad.xlsx!填报!H{at[("22.1", "时限1")]}: "完成了" is not a status' in err
    assert f'bad.xlsx!填报!L{at[("9.1", "时限1")]}: "2017-13-01" is not a date' in err
    assert f"bad.xlsx!填报!L{general}: 2018-01-05 is outside the form's period 2017H2" in err
    assert f"bad.xlsx!填报!L{at[('29.1', '时限1')]}: 填报日期 is empty" in err
    assert "4 problem(s); nothing taken from this file" in err
    assert not (data_copy / "progress" / "2017H2.yaml").exists()


def test_edited_reordered_deleted_rows_and_other_units_forms(prd, data_copy: Path, tmp_path: Path) -> None:
    form = make_form(prd, data_copy, tmp_path)
    at = rows_of(form)
    book = load_workbook(form)
    ws = book["填报"]
    row = at[("9.1", "时限1")]
    ws[f"H{row}"], ws[f"L{row}"] = "推进中", dt.date(2017, 12, 20)
    ws[f"D{row}"] = "市商务局"  # a read-only cell changed
    book.save(tmp_path / "edited.xlsx")
    r = prd("progress", "import", str(tmp_path / "edited.xlsx"), data=data_copy)
    assert r.exit_code == 1 and f"edited.xlsx!填报!D{row}: a read-only cell was changed" in r.stderr, r

    # Rows sorted the other way and one deleted: matched by content, and said.
    book = load_workbook(form)
    ws = book["填报"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    rows = rows[::-1][1:]
    for i, values in enumerate(rows, 3):
        for j, v in enumerate(values, 1):
            ws.cell(row=i, column=j).value = v  # cell(value=None) would keep the old value
    last = ws.max_row
    for j in range(1, 13):
        ws.cell(row=last, column=j).value = None
    target = next(i for i, v in enumerate(rows, 3) if v[0] == "9.1")
    ws[f"H{target}"], ws[f"L{target}"] = "推进中", dt.date(2017, 12, 20)
    book.save(tmp_path / "sorted.xlsx")
    r = prd("progress", "import", str(tmp_path / "sorted.xlsx"), data=data_copy)
    assert r.exit_code == 0, r
    assert "not in the form's order" in r.stderr and "1 row(s) of the form are not in the return" in r.stderr
    assert "1 new record(s)" in r.stdout

    r = prd("progress", "import", str(tmp_path / "sorted.xlsx"), "--unit", "市水务局", data=data_copy)
    assert r.exit_code == 1 and "this is 市环保局's form, not 市水务局's" in r.stderr
    r = prd("progress", "import", str(tmp_path / "sorted.xlsx"), "--period", "2018H1", data=data_copy)
    assert r.exit_code == 1 and "this form is for 2017H2, not 2018H1" in r.stderr
    (tmp_path / "not.xlsx").write_text("hello")
    r = prd("progress", "import", str(tmp_path / "not.xlsx"), str(tmp_path / "missing.xlsx"), data=data_copy)
    assert r.exit_code == 1 and "not.xlsx: cannot read it as an Excel workbook" in r.stderr
    assert "missing.xlsx: no such file" in r.stderr


def test_forms_that_are_not_ours_or_were_tampered_with(prd, data_copy: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    form = make_form(prd, data_copy, tmp_path)
    book = load_workbook(form)
    book["prd"]["B2"] = "市商务局"  # the hidden unit changed: its rows are still 市环保局's
    book.save(tmp_path / "unit.xlsx")
    book = load_workbook(form)
    book["填报"].delete_cols(3)
    book.save(tmp_path / "cols.xlsx")
    book = load_workbook(form)
    book["prd"]["A9"] = "x"
    book.save(tmp_path / "damaged.xlsx")
    Workbook().save(tmp_path / "plain.xlsx")
    names = ["unit.xlsx", "cols.xlsx", "damaged.xlsx", "plain.xlsx"]
    r = prd("progress", "import", *(str(tmp_path / n) for n in names), data=data_copy)
    assert r.exit_code == 1, r
    assert "unit.xlsx: no row matches the form's hidden data" in r.stderr
    assert "cols.xlsx!填报!A2: the columns were changed" in r.stderr
    assert "damaged.xlsx: the form's hidden data is damaged" in r.stderr
    assert "plain.xlsx: not a prd 填报表" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_return_on_data_changed_since_the_form_was_made(prd, data_copy: Path, tmp_path: Path) -> None:
    form = make_form(prd, data_copy, tmp_path)
    row = rows_of(form)[("9.1", "时限1")]
    filled = fill(form, tmp_path / "filled.xlsx", {row: ["推进中", "x", "", "", dt.date(2017, 12, 20)]})
    m = data_copy / "measures.yaml"
    text = m.read_text(encoding="utf-8")
    m.write_text(
        text.replace("在年度水资源公报中公布主要水功能区水质情况\n", "在年度水资源公报中公布水质情况\n", 1),
        encoding="utf-8",
    )
    assert prd("validate", data=data_copy).exit_code == 0
    r = prd("progress", "import", str(filled), data=data_copy)
    assert r.exit_code == 1 and f"filled.xlsx!填报!A{row}: item 9.1's text, units or milestones changed" in r.stderr, r


def test_good_files_are_taken_bad_ones_not_and_dry_run_writes_nothing(prd, data_copy: Path, tmp_path: Path) -> None:
    env = make_form(prd, data_copy, tmp_path, "市环保局")
    com = make_form(prd, data_copy, tmp_path, "市商务局")
    good = fill(
        env,
        tmp_path / "good.xlsx",
        {rows_of(env)[("9.1", "时限1")]: ["推进中", "编制中", "", "", dt.date(2017, 12, 20)]},
    )
    bad = fill(com, tmp_path / "bad.xlsx", {rows_of(com)[("21.1", "时限1")]: ["已完成", "", "", "", "明天"]})
    r = prd("progress", "import", str(good), str(bad), "--dry-run", data=data_copy)
    assert r.exit_code == 1 and "dry run: nothing written" in r.stdout, r
    assert not (data_copy / "progress" / "2017H2.yaml").exists()
    r = prd("progress", "import", str(good), str(bad), data=data_copy)
    assert r.exit_code == 1, r
    assert '"明天" is not a date' in r.stderr and "good.xlsx: 市环保局 2017H2: 1 new record(s)" in r.stdout
    text = (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8")
    assert "市环保局" in text and "市商务局" not in text


def test_deleting_rows_is_not_sorting_and_an_edited_row_is_not_deleted(prd, data_copy: Path, tmp_path: Path) -> None:
    form = make_form(prd, data_copy, tmp_path)
    book = load_workbook(form)
    ws = book["填报"]
    ws.delete_rows(4, 2)  # as a clerk deletes two rows in Excel: the rows below move up
    ws["H4"], ws["L4"] = "推进中", dt.date(2017, 12, 20)
    book.save(tmp_path / "deleted.xlsx")
    r = prd("progress", "import", str(tmp_path / "deleted.xlsx"), "--dry-run", data=data_copy)
    assert r.exit_code == 0, r
    assert "2 row(s) of the form are not in the return" in r.stderr and "not in the form's order" not in r.stderr

    book = load_workbook(form)
    row = rows_of(form)[("9.1", "时限1")]
    book["填报"][f"D{row}"] = "市商务局"
    book.save(tmp_path / "edited.xlsx")
    r = prd("progress", "import", str(tmp_path / "edited.xlsx"), data=data_copy)
    assert r.exit_code == 1 and f"edited.xlsx!填报!D{row}: a read-only cell was changed" in r.stderr, r
    assert "not in the return" not in r.stderr  # the row is there, edited: said once, at its cell


def test_a_milestone_overdue_from_an_earlier_period_stays_on_the_form_until_closed(
    prd, data_copy: Path, tmp_path: Path
) -> None:
    # 6.1's second milestone fell due in 2017H1: still owed, it must be reportable in 2017H2.
    form = make_form(prd, data_copy, tmp_path, "市商务局")
    at = rows_of(form)
    ws = load_workbook(form)["填报"]
    owed = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "6.1" and "三互" in r[5])
    assert owed[5].startswith("往期未完成节点，时限2") and owed[6] == dt.datetime(2017, 6, 30)
    filled = fill(form, tmp_path / "filled.xlsx", {at[("6.1", "往期未")]: ["推进中", "三互推进", "", "", "2017-12-20"]})
    # Meanwhile the office records 6.1's first milestone done: the return still matches.
    r = prd("progress", "add", "6.1", "--deadline", "1", "-u", "市商务局", "-s", "done", "--date", "2017-12-21",
            data=data_copy)  # fmt: skip
    assert r.exit_code == 0, r
    r = prd("progress", "import", str(filled), data=data_copy)
    assert r.exit_code == 0 and "1 new record(s)" in r.stdout, r
    assert "deadline: 2" in (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8")
    assert prd("validate", data=data_copy).exit_code == 0

    # Both milestones closed, the task is closed (往期已办结): it leaves the next period's form,
    # where it used to come back as a row "填报已到期节点进展" asking for a return nobody owes.
    r = prd("progress", "add", "6.1", "--deadline", "2", "-u", "市商务局", "-s", "done", "--date", "2017-12-28",
            data=data_copy)  # fmt: skip
    assert r.exit_code == 0, r
    out = tmp_path / "2018.xlsx"
    r = prd("progress", "form", "-u", "市商务局", "-p", "2018H1", "-o", str(out), data=data_copy)
    assert r.exit_code == 0, r
    later = [r for r in load_workbook(out)["填报"].iter_rows(min_row=3, values_only=True) if r[0] == "6.1"]
    assert later == []
    assert any(
        r[0] == "21.1" and str(r[5]).startswith("往期未完成节点")
        for r in load_workbook(out)["填报"].iter_rows(min_row=3, values_only=True)
    )  # 21.1, due 2017-12-31 and not reported done, is still owed in 2018H1


def test_a_form_never_replaces_an_existing_file_without_force(prd, data_copy: Path, tmp_path: Path) -> None:
    # A filled return saved under its form's name must survive a second `prd progress form`.
    form = make_form(prd, data_copy, tmp_path)
    returned = fill(form, form, {rows_of(form)[("9.1", "时限1")]: ["推进中", "编制中", "", "", "2017-12-20"]})
    before = returned.read_bytes()
    r = prd("progress", "form", "-u", "市环保局", "-p", PERIOD, "-o", str(returned), data=data_copy)
    assert r.exit_code == 2 and "exists and holds data: pass --force" in r.stderr, r
    assert returned.read_bytes() == before
    r = prd("progress", "form", "-u", "市环保局", "-p", PERIOD, "-o", str(returned), "--force", data=data_copy)
    assert r.exit_code == 0 and returned.read_bytes() != before, r

    folder = tmp_path / "forms"
    folder.mkdir()
    kept = folder / f"{PERIOD}_市商务局_填报表.xlsx"
    kept.write_bytes(before)
    r = prd("progress", "form", "--all-units", "-p", PERIOD, "--output-dir", str(folder), data=data_copy)
    assert r.exit_code == 2 and "1 file(s) exist and may hold returns" in r.stderr, r
    assert [p.name for p in folder.iterdir()] == [kept.name] and kept.read_bytes() == before  # none written
    r = prd("progress", "form", "--all-units", "-p", PERIOD, "--output-dir", str(folder), "--force", data=data_copy)
    assert r.exit_code == 0 and len(list(folder.iterdir())) > 1, r


def test_a_form_issued_with_the_old_cancelled_label_still_imports(prd, data_copy: Path, tmp_path: Path) -> None:
    # Forms sent before 已取消 offered 取消 in their drop-down; a unit may return either.
    form = make_form(prd, data_copy, tmp_path)
    at = rows_of(form)
    filled = fill(
        form,
        tmp_path / "filled.xlsx",
        {
            at[("9.1", "时限1")]: ["取消", "按新要求不再开展", "", "", dt.date(2017, 12, 20)],
            at[("23.1", "无时限")]: ["已取消", "并入其他任务", "", "", dt.date(2017, 12, 21)],
        },
    )
    r = prd("progress", "import", str(filled), data=data_copy)
    assert r.exit_code == 0 and "2 new record(s)" in r.stdout, r
    text = (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8")
    assert text.count("status: cancelled") == 2


@pytest.mark.parametrize("period", ["2017H2", "2018H1", "2020"])
def test_all_units_forms_in_one_pass_are_each_units_own_form(prd, data_copy: Path, period: str, tmp_path: Path) -> None:
    """--all-units works every task's rows out once; each unit still gets exactly the rows its
    own form has, in order, with its own role, and only units that owe something get one."""
    import sys

    from prd_cli.forms import form_rows, forms_by_unit
    from prd_cli.loading import load
    from prd_cli.periods import parse_period

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "bench"))
    try:
        import bench
    finally:
        sys.path.remove(str(root / "bench"))
    bench.generate(tmp_path / "gen", 4, 30, 7)
    # A task closed before the period (no form asks for it again) and one reopened within it.
    closed = data_copy
    for args in (("21.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-15"),
                 ("24.1", "-u", "东莞海关", "-s", "done", "--date", "2017-12-15"),
                 ("29.1", "-u", "市发改局", "-s", "done", "--date", "2017-12-20")):  # fmt: skip
        r = prd("progress", "add", *args, data=closed)
        assert r.exit_code == 0, r
    p = parse_period(period)
    for folder in (root / "data", tmp_path / "gen", closed):
        ds = load(folder).dataset
        assert ds is not None
        each = {u.name: form_rows(ds, u.name, p) for u in ds.registry.units if u.kind != "collective"}
        owed = forms_by_unit(ds, p)
        assert owed == {name: rows for name, rows in each.items() if rows}
        if folder == closed and period == "2018H1":
            assert not any(r.ref.item.id == "21.1" for rows in owed.values() for r in rows)
