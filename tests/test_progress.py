"""Issue 11: who may report, whose record closes a milestone, dates, occurrences, withdrawing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def add(prd, data: Path, *args: str):
    return prd("progress", "add", *args, data=data)


def due(prd, data: Path, *args: str) -> list[dict]:
    r = prd("deadlines", *args, "-f", "json", data=data)
    assert r.exit_code == 0, r
    return json.loads(r.stdout)


def progress_file(data: Path, period: str = "2017H2") -> Path:
    return data / "progress" / f"{period}.yaml"


def test_only_responsible_units_report_and_the_refusal_names_them(prd, data_copy: Path) -> None:
    r = add(prd, data_copy, "9.1", "--unit", "市商务局", "--status", "done", "--date", "2017-12-10")
    assert r.exit_code == 2, r
    assert "市商务局 is not responsible for item 9.1" in r.stderr
    assert "市水务局（牵头）" in r.stderr and "市环保局（牵头）" in r.stderr
    assert not progress_file(data_copy).exists()
    # A member of a collective the clause names (各镇街（园区） supports 29.1) may report.
    r = add(prd, data_copy, "29.1", "-u", "石龙镇", "-s", "推进中", "--date", "2017-12-10", "--deadline", "1")
    assert r.exit_code == 0, r
    assert "石龙镇 supports it (配合〔各镇街（园区）〕): the record is its contribution" in r.stderr
    # A collective is not a unit that reports.
    r = add(prd, data_copy, "29.1", "-u", "各镇街（园区）", "-s", "推进中", "--date", "2017-12-10")
    assert r.exit_code == 2 and "stands for a group of units" in r.stderr, r


def test_a_support_units_record_is_a_contribution_not_the_leads_milestone(prd, data_copy: Path) -> None:
    r = add(prd, data_copy, "24.1", "-u", "东莞海关", "-s", "done", "-n", "配合完成", "--date", "2017-12-10")
    assert r.exit_code == 0, r
    row = next(x for x in due(prd, data_copy, "--period", "2017H2", "--as-of", "2017-12-31") if x["item"] == "24.1")
    assert row["status"] != "done" and row["reported"] is None
    r = add(prd, data_copy, "24.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-20")
    assert r.exit_code == 0, r
    row = next(x for x in due(prd, data_copy, "--period", "2017H2", "--as-of", "2017-12-31") if x["item"] == "24.1")
    assert row["status"] == "done"


def test_contributions_are_listed_with_their_unit_and_role(data_copy: Path, prd) -> None:
    from prd_cli.deadlines import contributions, item_dues, latest_record
    from prd_cli.loading import load

    add(prd, data_copy, "24.1", "-u", "东莞海关", "-s", "done", "-n", "配合完成", "--date", "2017-12-10")
    ds = load(data_copy).dataset
    assert ds is not None
    ref = ds.find_item("24.1")
    assert ref is not None
    (d,) = item_dues(ref, ds.docs[0].document.date, __import__("datetime").date(2017, 12, 31))
    day = __import__("datetime").date(2017, 12, 31)
    assert latest_record(ds, d, day) is None
    assert latest_record(ds, d, day, owners_only=False) is not None
    assert latest_record(ds, d, day, "东莞海关") is not None
    (c,) = contributions(ds, d, day)
    assert (c.unit, c.role, c.role_label, c.record.note) == ("东莞海关", "support", "配合", "配合完成")


@pytest.mark.parametrize(
    ("day", "hint"),
    [
        ("0217-12-20", "before the document was issued"),
        ("3017-12-20", "in the future"),
        ("2917-12-20", "in the future"),
        ("2017-13-01", "not a date"),
        ("2017-02-30", "not a date"),
        ("2017-06-01", "before the document was issued"),
        ("yesterday", "not a date"),
    ],
)
def test_every_bad_date_is_a_usage_error(prd, data_copy: Path, day: str, hint: str) -> None:
    r = add(prd, data_copy, "21.1", "-u", "市商务局", "-s", "done", "--date", day)
    assert r.exit_code == 2, r
    assert hint in r.stderr
    assert not list((data_copy / "progress").glob("*.yaml")) if (data_copy / "progress").exists() else True


def test_validate_locates_records_dated_before_the_document_or_in_the_future(prd, data_copy: Path) -> None:
    (data_copy / "progress").mkdir()
    progress_file(data_copy, "2017H1").write_text(
        'period: 2017H1\nrecords:\n  - item: "21.1"\n    unit: 市商务局\n    status: done\n    date: 2017-06-01\n',
        encoding="utf-8",
    )
    progress_file(data_copy, "2999H2").write_text(
        'period: 2999H2\nrecords:\n  - item: "21.1"\n    unit: 市商务局\n    status: done\n    date: 2999-12-01\n',
        encoding="utf-8",
    )
    r = prd("validate", data=data_copy)
    assert r.exit_code == 1, r
    assert "progress/2017H1.yaml:6:11: error: date 2017-06-01 is before the document was issued" in r.stdout
    assert "[date-before-document]" in r.stdout
    assert "progress/2999H2.yaml:6:11: error: date 2999-12-01 is in the future" in r.stdout


def test_a_recurring_report_covers_the_latest_occurrence_due_by_its_date(prd, data_copy: Path) -> None:
    r = add(prd, data_copy, "22.1", "--deadline", "1", "-u", "市环保局", "-s", "done", "--date", "2017-12-05",
            "--note", "11月联合监测完成")  # fmt: skip
    assert r.exit_code == 0, r
    assert "recording the occurrence due 2017-11-30" in r.stderr and "the next is due 2017-12-31" in r.stderr
    assert "occurrence: 2017-11-30" in progress_file(data_copy).read_text(encoding="utf-8")
    states = {
        x["due"]: x["status"]
        for x in due(prd, data_copy, "--period", "2017H2", "--as-of", "2017-12-06")
        if x["item"] == "22.1" and x["deadline"] == 1
    }
    assert states == {"2017-11-30": "done", "2017-12-31": "due_soon"}


def test_deadline_all_writes_what_validate_accepts(prd, data_copy: Path) -> None:
    r = add(prd, data_copy, "6.1", "-u", "市商务局", "-s", "推进中", "--deadline", "all", "--date", "2017-12-06")
    assert r.exit_code == 0, r
    text = progress_file(data_copy).read_text(encoding="utf-8")
    assert "deadline: 1" in text and "deadline: 2" in text
    r = prd("validate", data=data_copy)
    assert r.exit_code == 0 and " 0 warning(s)" in r.stdout, r
    r = add(prd, data_copy, "22.1", "-u", "市环保局", "-s", "推进中", "--deadline", "all", "--date", "2017-12-31")
    assert r.exit_code == 0, r
    r = prd("validate", data=data_copy)
    assert r.exit_code == 0 and " 0 warning(s)" in r.stdout, r


def test_contradicting_records_are_warned_about(prd, data_copy: Path) -> None:
    base = ("21.1", "-u", "市商务局", "--date", "2017-12-06")
    assert add(prd, data_copy, *base, "-s", "done").exit_code == 0
    assert add(prd, data_copy, *base, "-s", "in_progress").exit_code == 0
    r = prd("validate", data=data_copy)
    assert r.exit_code == 0, r
    assert "[contradicting-records]" in r.stdout and "the later counts" in r.stdout


def test_remove_withdraws_one_record_and_keeps_every_other_byte(prd, data_copy: Path) -> None:
    shutil.copytree(FIXTURES / "progress", data_copy / "progress")
    f = progress_file(data_copy)
    before = f.read_text(encoding="utf-8")
    r = prd("progress", "remove", "22.1", "-u", "市环保局", "--date", "2017-12-05", data=data_copy)
    assert r.exit_code == 0, r
    after = f.read_text(encoding="utf-8")
    gone = '  - item: "22.1"\n    unit: 市环保局\n    status: done\n    date: 2017-12-05\n'
    gone += '    occurrence: 2017-11-30\n    note: "11月联合监测完成"\n'
    assert before.replace(gone, "") == after
    assert prd("validate", data=data_copy).exit_code == 0
    # By place in the file; several matches are listed, not guessed.
    r = prd("progress", "remove", "--period", "2018H1", "--index", "9", data=data_copy)
    assert r.exit_code == 2 and "has no record 9" in r.stderr
    r = prd("progress", "remove", "22.1", data=data_copy)
    assert r.exit_code == 2 and "2 records match" in r.stderr, r
    r = prd("progress", "remove", "--period", "2018H1", "--index", "1", data=data_copy)
    assert r.exit_code == 0, r
    assert "单一窗口试运行" not in progress_file(data_copy, "2018H1").read_text(encoding="utf-8")
    r = prd("progress", "remove", "6.1", "-u", "市商务局", data=data_copy)
    assert r.exit_code == 0, r
    assert "records:\n" in f.read_text(encoding="utf-8")
    assert prd("validate", data=data_copy).exit_code == 0


def test_an_occurrence_years_away_is_refused(prd, data_copy: Path) -> None:
    r = add(prd, data_copy, "22.1", "-u", "市环保局", "-s", "done", "--date", "2017-12-01", "--deadline", "1",
            "--occurrence", "9999-12-31")  # fmt: skip
    assert r.exit_code == 2 and "more than a year after the record's date" in r.stderr, r
    for as_of in ("0001-01-01", "9999-12-31"):
        r = prd("export", "-f", "xlsx", "-o", str(data_copy / "x.xlsx"), "--as-of", as_of, data=data_copy)
        assert r.exit_code == 2, r


def test_a_record_without_a_note_is_written_without_an_empty_one(prd, data_copy: Path) -> None:
    r = add(prd, data_copy, "6.1", "--deadline", "1", "-u", "市商务局", "-s", "in_progress", "--date", "2017-12-05")
    assert r.exit_code == 0, r
    text = progress_file(data_copy).read_text(encoding="utf-8")
    assert "note:" not in text and "deadline: 1" in text
    assert prd("validate", data=data_copy).exit_code == 0
    shown = json.loads(prd("show", "6.1", "-f", "json", data=data_copy).stdout)[0]["progress"]
    assert [(p["status"], p["note"]) for p in shown] == [("in_progress", "")]


def test_show_numbers_the_deadlines_in_chinese_for_deadline_n(prd, data_copy: Path) -> None:
    # `--deadline N` is read off `prd show`: its list speaks as the document does, not "every monthly".
    text = prd("show", "22.1", data=data_copy).stdout
    assert "    1. 每月  跨界断面" in text and "    2. 每年两次  城市集中式饮用水源地" in text and "every" not in text
    assert "    1. 每年6月30日和12月31日  " in prd("show", "29.1", data=data_copy).stdout


# --- A task's state and its milestones' records ----------------------------------------------


def _task_state_in_every_format(prd, data: Path, tmp_path: Path, item: str) -> dict[str, str]:
    """The task's 本期状态 as md, html, docx, the CSV ledger and `prd show` each say it."""
    import csv
    import io
    import re

    from docx import Document

    args = ("--period", "2017H2", "--as-of", "2017-12-31")
    md = prd("report", *args, data=data).stdout
    block = md.split(f"**{item}** ")[1].split("\n**")[0]
    html = prd("report", *args, "-f", "html", data=data).stdout
    row = html.split(f'<td class="id">{item}</td>')[1].split("</tr>")[0]
    out = tmp_path / "r.docx"
    assert prd("report", *args, "-f", "docx", "-o", str(out), data=data).exit_code == 0
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    at = next(i for i, p in enumerate(paragraphs) if p.startswith(f"{item}　"))
    ledger = tmp_path / "l.csv"
    assert prd("export", "--format", "csv", "--as-of", "2017-12-31", "-o", str(ledger), data=data).exit_code == 0
    rows = {r["编号"]: r for r in csv.DictReader(io.StringIO(ledger.read_text(encoding="utf-8-sig")))}
    show = prd("show", item, "--as-of", "2017-12-31", data=data).stdout
    return {
        "md": re.search(r"本期状态：\*\*(\S+?)\*\*", block)[1],  # type: ignore[index]
        "html": re.search(r'<td class="state s-\w+">(\S+?)</td>', row)[1],  # type: ignore[index]
        "docx": re.search(r"本期状态：(\S+?)。", paragraphs[at + 1])[1],  # type: ignore[index]
        "ledger": rows[item]["最新状态"],
        "show": re.search(r"本期状态（2017年下半年）：(\S+)", show)[1],  # type: ignore[index]
    }


def test_a_record_on_one_milestone_does_not_finish_the_task(prd, data_copy: Path, tmp_path: Path) -> None:
    # 6.1 has two milestones; 节点 2 (2017-06-30) is open and overdue.
    r = add(prd, data_copy, "6.1", "-u", "市商务局", "--deadline", "1", "-s", "done", "--date", "2017-12-20")
    assert r.exit_code == 0, r
    states = _task_state_in_every_format(prd, data_copy, tmp_path, "6.1")
    assert set(states.values()) == {"推进中"}, states
    md = prd("report", "--period", "2017H2", "--as-of", "2017-12-31", data=data_copy).stdout
    block = md.split("**6.1** ")[1].split("\n**")[0]
    assert "- 市商务局（牵头）2017-12-20 节点 1 已完成" in block and "2017-06-30，逾期" in block
    # Closing the other milestone too closes every one: the task is done.
    r = add(prd, data_copy, "6.1", "-u", "市商务局", "--deadline", "2", "-s", "done", "--date", "2017-12-21")
    assert r.exit_code == 0, r
    states = _task_state_in_every_format(prd, data_copy, tmp_path, "6.1")
    assert set(states.values()) == {"已完成"}, states


def test_a_task_level_done_finishes_the_task(prd, data_copy: Path, tmp_path: Path) -> None:
    # 21.1 has one dated deadline: a record naming none reports on the task itself.
    r = add(prd, data_copy, "21.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-15")
    assert r.exit_code == 0, r
    assert set(_task_state_in_every_format(prd, data_copy, tmp_path, "21.1").values()) == {"已完成"}


def test_one_occurrence_of_a_recurring_duty_does_not_finish_the_task(prd, data_copy: Path, tmp_path: Path) -> None:
    # 22.1's monthly monitoring: November's done, December's and the other duties still owed.
    r = add(prd, data_copy, "22.1", "-u", "市环保局", "--deadline", "1", "--occurrence", "2017-11-30", "-s", "done",
            "--date", "2017-12-05")  # fmt: skip
    assert r.exit_code == 0, r
    assert set(_task_state_in_every_format(prd, data_copy, tmp_path, "22.1").values()) == {"推进中"}


def test_cancelled_is_one_word_and_the_old_one_still_reads(prd, data_copy: Path) -> None:
    r = add(prd, data_copy, "21.1", "-u", "市商务局", "-s", "取消", "--date", "2017-12-15")
    assert r.exit_code == 0 and "已取消" in r.stdout, r
    f = progress_file(data_copy)
    f.write_text(f.read_text(encoding="utf-8").replace("status: cancelled", "status: 取消"), encoding="utf-8")
    assert prd("validate", data=data_copy).exit_code == 0
    md = prd("report", "--period", "2017H2", "--as-of", "2017-12-31", data=data_copy).stdout
    assert "| 未开始 | 已取消 | 未报送 |" in md
    block = md.split("**21.1** ")[1].split("\n**")[0]
    assert "本期状态：**已取消**" in block and "2017-12-15 已取消" in block and " 取消" not in block


def test_a_support_unit_reports_on_a_task_with_several_deadlines(prd, data_copy: Path, tmp_path: Path) -> None:
    r = add(prd, data_copy, "6.1", "-u", "东莞海关", "-s", "in_progress", "-n", "配合数据对接", "--date", "2017-12-12")
    assert r.exit_code == 0, r
    assert "deadline:" not in progress_file(data_copy).read_text(encoding="utf-8").split("东莞海关")[1]
    v = prd("validate", data=data_copy)
    assert v.exit_code == 0 and "ambiguous-record" not in v.stdout, v.stdout
    md = prd("report", "--period", "2017H2", "--as-of", "2017-12-31", data=data_copy).stdout
    block = md.split("**6.1** ")[1].split("\n**")[0]
    assert "- 东莞海关（配合）2017-12-12 推进中：配合数据对接" in block and "本期状态：**未报送**" in block
    xlsx = tmp_path / "l.xlsx"
    assert prd("export", "--format", "xlsx", "--period", "2017H2", "--as-of", "2017-12-31", "-o", str(xlsx),
               data=data_copy).exit_code == 0  # fmt: skip
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx)["事项台账"].iter_rows(min_row=3, values_only=True))
    six = [r for r in rows if r[0] == "6.1" or (r[0] is None and r[4] and "三互" in r[4])]
    assert all("东莞海关（配合）推进中 2017-12-12：配合数据对接" in r[11] for r in six)
    assert all(r[7] != "已完成" for r in six)
    # The lead still says which milestone it means: its 已完成 would close one.
    r = add(prd, data_copy, "6.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-13")
    assert r.exit_code == 2 and "--deadline" in r.stderr, r


def test_every_occurrence_in_the_period_closed_finishes_a_recurring_task(prd, data_copy: Path, tmp_path: Path) -> None:
    # 29.1's half-year report: the period's one occurrence (2017-12-31) closed is the task done,
    # in the CSV ledger (every record so far) as in the report (the period's records).
    r = add(
        prd, data_copy, "29.1", "-u", "市发改局", "--occurrence", "2017-12-31", "-s", "done", "--date", "2017-12-28"
    )
    assert r.exit_code == 0, r
    assert set(_task_state_in_every_format(prd, data_copy, tmp_path, "29.1").values()) == {"已完成"}


def test_a_task_closed_in_an_earlier_period_is_not_chased_again(prd, data_copy: Path, tmp_path: Path) -> None:
    """21.1's lead reported it done in 2017H2: in 2018H1 nobody owes a return on it, so the report
    must not list it as 未报送 for its lead and five support units, nor the form ask for one."""
    assert add(prd, data_copy, "21.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-15").exit_code == 0
    md = prd("report", "--period", "2018H1", "--as-of", "2018-06-30", data=data_copy).stdout
    block = md.split("**21.1** ")[1].split("\n**")[0]
    assert "本期状态：**往期已办结（2017-12-15 已完成）**" in block and "未报送：" not in block, block
    assert "未报送36项；往期已办结1项，本期无须报送" in md
    assert "| 已取消 | 往期已办结 | 未报送 |" in md
    for section in md.split("\n### ")[1:]:
        owed = [line for line in section.splitlines() if line.startswith("- 尚未报送的任务：")]
        assert not any("21.1" in line.split("：")[1].split("、") for line in owed), section
    shown = prd("show", "21.1", "--as-of", "2018-03-01", data=data_copy)
    assert "本期状态（2018年上半年）：往期已办结（2017-12-15 已完成）" in shown.stdout, shown

    # A recurring duty keeps its task open: 29.1 is reported each half year whatever came before.
    assert add(prd, data_copy, "29.1", "-u", "市发改局", "-s", "done", "--date", "2017-12-20").exit_code == 0
    md = prd("report", "--period", "2018H1", "--as-of", "2018-06-30", data=data_copy).stdout
    assert "本期状态：**未报送**" in md.split("**29.1** ")[1].split("\n**")[0]

    # Reopened by a record in the period, the period's record decides.
    r = add(prd, data_copy, "21.1", "-u", "市商务局", "-s", "in_progress", "--date", "2018-03-01", "-n", "复验")
    assert r.exit_code == 0, r
    md = prd("report", "--period", "2018H1", "--as-of", "2018-06-30", data=data_copy).stdout
    assert "本期状态：**推进中**" in md.split("**21.1** ")[1].split("\n**")[0]
    assert "往期已办结" not in md.split("## 二")[0]
