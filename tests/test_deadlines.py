"""`prd deadlines` and `prd progress add`: what falls due, its state, and safe appends."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prd_cli.importer import import_text

FIXTURES = Path(__file__).parent / "fixtures"


def rows(prd, *args: str, data: Path | None = None) -> list[dict]:
    kwargs = {"data": data} if data is not None else {}
    r = prd("deadlines", *args, "-f", "json", **kwargs)
    assert r.exit_code == 0, r
    return json.loads(r.stdout)


@pytest.fixture
def with_progress(data_copy: Path) -> Path:
    shutil.copytree(FIXTURES / "progress", data_copy / "progress")
    return data_copy


def test_2017h2_due_dates(prd) -> None:
    got = rows(prd, "--period", "2017H2")
    due_end = {r["item"] for r in got if r["due"] == "2017-12-31"}
    assert {"6.1", "21.1", "24.1", "29.1"} <= due_end
    monitoring = [r for r in got if r["item"] == "22.1" and r["recurring"] and "联合监测" in r["what"]]
    assert [r["due"] for r in monitoring] == ["2017-11-30", "2017-12-31"]  # from the issue date on
    assert {"item", "measure", "due", "what", "recurring", "soft", "lead", "status"} <= set(got[0])
    window = next(r for r in got if r["item"] == "8.1")
    assert (window["window_start"], window["due"], window["status"]) == ("2017-01-01", "2020-12-31", "not_due")


def test_a_unit_s_deadlines_say_in_what_role_it_owes_them(prd) -> None:
    """29.1 is 市发改局's to lead; 市商务局 owes it as one of 各相关部门, and the row says so."""
    got = rows(prd, "--period", "2018H1", "--unit", "市商务局")
    assert [(r["item"], r["due"], r["owners"], r["role_label"]) for r in got] == [
        ("29.1", "2018-06-30", ["市发改局"], "配合（各相关部门）")
    ]
    table = prd("deadlines", "--period", "2018H1", "--unit", "市商务局").stdout
    assert "本单位职责" in table and "29.1" in table
    assert all(r["role"] is None for r in rows(prd, "--period", "2018H1"))


def test_a_joint_task_s_milestone_names_its_owners(prd, data_copy: Path) -> None:
    """4.1 has no 牵头: its joint owners answer for its milestones, in the table, csv and calendar."""
    m = data_copy / "measures.yaml"
    text = m.read_text(encoding="utf-8")
    joint = "      joint: [市工商局, 市发改局, 市国资委]\n"
    assert joint in text
    deadline = (
        "      deadlines:\n      - what: 公共资源交易项目纳入公共资源交易平台\n        due: '2017'\n"
        "        source: 推动公共资源交易项目纳入公共资源交易平台\n"
    )
    m.write_text(text.replace(joint, joint + deadline), encoding="utf-8")
    got = rows(prd, "--period", "2017H2", "--role", "joint", data=data_copy)
    owners = ["市工商局", "市发改局", "市国资委"]
    assert [(r["item"], r["lead"], r["joint"], r["owners"]) for r in got] == [("4.1", [], owners, owners)]
    table = prd("deadlines", "--period", "2017H2", "--role", "joint", data=data_copy).stdout
    assert "负责单位" in table and "市工商局" in table
    head = prd("deadlines", "--period", "2017H2", "-f", "csv", data=data_copy).stdout.splitlines()[0]
    assert ",lead,joint,support," in head
    ics = (
        prd("export", "-f", "ics", "-u", "市国资委", data=data_copy).stdout.replace("\r\n", "\n").replace("\n ", "")
    )  # unfolded
    assert "共同负责单位：市工商局、市发改局、市国资委" in ics and "牵头单位：无" not in ics


def test_2018h1_monthly_and_half_year_report(prd) -> None:
    got = rows(prd, "--period", "2018H1", "--as-of", "2018-01-15")
    monthly = [r["due"] for r in got if r["item"] == "22.1" and "联合监测" in r["what"]]
    assert monthly == ["2018-01-31", "2018-02-28", "2018-03-31", "2018-04-30", "2018-05-31", "2018-06-30"]
    assert [r["due"] for r in got if r["item"] == "29.1"] == ["2018-06-30"]
    states = {r["due"]: r["status"] for r in got if r["item"] == "22.1" and "联合监测" in r["what"]}
    assert states["2018-01-31"] == "due_soon" and states["2018-04-30"] == "not_due"


def test_overdue_includes_what_was_due_before_issue(prd) -> None:
    got = rows(prd, "--overdue", "--as-of", "2017-12-01")
    assert [(r["item"], r["due"]) for r in got] == [("6.1", "2017-06-30"), ("22.1", "2017-11-30")]


def test_states_follow_progress(prd, with_progress: Path) -> None:
    got = {(r["item"], r["due"], r["what"][:4]): r for r in rows(prd, "--period", "2017H2", data=with_progress)}
    assert got[("21.1", "2017-12-31", "召开东莞")]["status"] == "done"
    assert got[("6.1", "2017-12-31", "国际贸易")]["reported"] == "in_progress"
    assert got[("22.1", "2017-11-30", "跨界断面")]["status"] == "done"
    assert got[("22.1", "2017-12-31", "跨界断面")]["status"] == "due_soon"  # as of the period's last day
    later = rows(prd, "--overdue", "--as-of", "2018-01-02", data=with_progress)
    assert ("6.1", "2017-06-30") in [(r["item"], r["due"]) for r in later]
    assert "21.1" not in [r["item"] for r in later]
    done_2018 = rows(prd, "--overdue", "--as-of", "2018-04-01", data=with_progress)
    assert "6.1" not in [r["item"] for r in done_2018]  # reported done in 2018H1


def test_filters_and_bad_input(prd) -> None:
    got = rows(prd, "--period", "2017H2", "--unit", "市环保局", "--role", "lead")
    assert {r["item"] for r in got} == {"9.1", "22.1"}
    got = rows(prd, "--period", "2017H2", "--as-of", "2017-12-01", "--status", "overdue")
    assert [(r["item"], r["due"]) for r in got] == [("22.1", "2017-11-30")]
    for args, hint in [
        (("--period", "2017H3"), "H1 or H2"),
        (("--period", "2017Q5"), "Q1 to Q4"),
        (("--period", "2017-13"), "01 to 12"),
        (("--as-of", "yesterday"), "not a date"),
        (("--status", "late"), "not a deadline state"),
    ]:
        r = prd("deadlines", *args)
        assert r.exit_code == 2, r
        assert hint in r.stderr


def test_progress_add_keeps_the_file_and_validates(prd, with_progress: Path) -> None:
    f = with_progress / "progress" / "2017H2.yaml"
    before = f.read_bytes()
    r = prd(
        "progress",
        "add",
        "24.1",
        "--unit",
        "沙田镇",
        "--status",
        "推进中",
        "--note",
        "a: b # not a comment",
        "--date",
        "2017-12-29",
        data=with_progress,
    )
    assert r.exit_code == 0, r
    after = f.read_bytes()
    assert after.startswith(before)
    assert prd("validate", data=with_progress).exit_code == 0
    shown = json.loads(prd("show", "24.1", "-f", "json", data=with_progress).stdout)
    assert shown[0]["progress"][-1]["note"] == "a: b # not a comment"
    for args, hint in [
        (("6.9", "-u", "市商务局", "-s", "done"), 'unknown item "6.9" (did you mean 6.1?)'),
        (("6.1", "-u", "市商物局", "-s", "done"), "did you mean 市商务局?"),
        (("6.1", "-u", "市商务局", "-s", "finished"), "not a progress status"),
        (
            ("22.1", "-u", "市环保局", "-s", "done", "--date", "2017-12-01", "--occurrence", "2017-12-15"),
            "falls due on 2017-12-15",
        ),
        (
            ("6.1", "-u", "市商务局", "-s", "done", "--deadline", "1", "--date", "2018-01-05", "--period", "2017H2"),
            "outside the file's period",
        ),
    ]:
        r = prd("progress", "add", *args, data=with_progress)
        assert r.exit_code == 2, (args, r)
        assert hint in r.stderr
    assert f.read_bytes() == after  # refused records leave no trace


def test_a_record_speaks_for_the_deadline_it_names(prd, data_copy: Path) -> None:
    """22.1 has three duties due 2017-12-31: a note on the monthly monitoring must not mark
    the twice-yearly analyses done, so progress add asks which one it reports on."""
    add = ("progress", "add", "22.1", "-u", "市环保局", "-s", "done", "-n", "12月联合监测完成", "--date", "2017-12-31")
    r = prd(*add, data=data_copy)
    assert r.exit_code == 2 and r.stdout == ""
    assert "item 22.1 has 3 deadlines due 2017-12-31 (1 跨界断面" in r.stderr and "--deadline N" in r.stderr
    assert not (data_copy / "progress").exists() or not list((data_copy / "progress").glob("*.yaml"))

    r = prd(*add, "--deadline", "1", data=data_copy)
    assert r.exit_code == 0, r
    assert "the occurrence due 2017-12-31, the latest due on or before 2017-12-31" in r.stderr  # said before writing
    text = (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8")
    assert "    deadline: 1\n    occurrence: 2017-12-31\n" in text
    got = rows(prd, "--period", "2017H2", "--as-of", "2017-12-31", "--unit", "市环保局", data=data_copy)
    done = {(r["deadline"], r["due"]) for r in got if r["item"] == "22.1" and r["status"] == "done"}
    assert done == {(1, "2017-12-31")}
    assert "时限1" in prd("show", "22.1", "--as-of", "2017-12-31", data=data_copy).stdout

    r = prd("progress", "add", "6.1", "-u", "市商务局", "-s", "done", "--deadline", "all", "--date", "2017-12-06",
            data=data_copy)  # fmt: skip
    assert r.exit_code == 0, r
    got = rows(prd, "--overdue", "--as-of", "2017-12-31", "--unit", "市商务局", data=data_copy)
    assert not [r for r in got if r["item"] == "6.1"]  # both of 6.1's deadlines reported done
    for bad, hint in [("4", "item 22.1 has deadlines 1 to 3"), ("first", "write its number (1, 2, …) or all")]:
        r = prd(*add, "--deadline", bad, data=data_copy)
        assert r.exit_code == 2 and hint in r.stderr, r


def test_validate_warns_when_a_record_could_mean_several_deadlines(prd, with_progress: Path) -> None:
    r = prd("validate", data=with_progress)
    assert r.exit_code == 0, r
    assert (
        "progress/2018H1.yaml:5:5: warning: this record speaks for 2 deadlines of item 6.1"
        " (1 国际贸易“单一窗口”试运行；2 全市公路口岸“三互”大通关全覆盖): add `deadline: N` if it reports on"
        " one of them [ambiguous-record]"
    ) in r.stdout


def test_progress_add_refuses_shipped_package_data_only_when_installed(prd, data_copy: Path) -> None:
    r = prd("progress", "add", "21.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-01", data=data_copy)
    assert r.exit_code == 0, r
    assert (data_copy / "progress" / "2017H2.yaml").stat().st_mode & 0o044 == 0o044


ADD = "from prd_cli.cli import main; import sys; sys.argv = ['prd'] + sys.argv[1:]; main()"


def test_concurrent_adds_lose_nothing(data_copy: Path) -> None:
    n = 8
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                ADD,
                "progress",
                "add",
                "29.1",
                "-u",
                "石龙镇",
                "-s",
                "done",
                "--note",
                f"writer {i}",
                "--date",
                "2017-12-20",
                "--data",
                str(data_copy),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(n)
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    text = (data_copy / "progress" / "2017H2.yaml").read_text(encoding="utf-8")
    assert sorted(line.strip() for line in text.splitlines() if "writer" in line) == sorted(
        f'note: "writer {i}"' for i in range(n)
    )


SLOW_REPLACE = """
import os, sys, time
real = os.replace
pause = float(sys.argv[1])
def slow(a, b):
    if not str(b).endswith("2017H2.yaml"):  # only the progress file's write, not the cache's
        return real(a, b)
    print("ready", flush=True)
    time.sleep(pause)
    real(a, b)
    print("replaced", flush=True)
    time.sleep(30)
os.replace = slow
sys.argv = ["prd", "progress", "add", "21.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-20", "--data", sys.argv[2]]
from prd_cli.cli import main
main()
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize(("pause", "expect_new"), [(30.0, False), (0.0, True)])
def test_kill_mid_write_leaves_old_or_new(with_progress: Path, pause: float, expect_new: bool) -> None:
    f = with_progress / "progress" / "2017H2.yaml"
    before = f.read_bytes()
    p = subprocess.Popen(
        [sys.executable, "-c", SLOW_REPLACE, str(pause), str(with_progress)], stdout=subprocess.PIPE, text=True
    )
    assert p.stdout is not None
    wanted = "replaced" if expect_new else "ready"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = p.stdout.readline()
        if line.strip() == wanted or not line:
            break
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    p.stdout.close()
    after = f.read_bytes()
    if expect_new:
        assert after.startswith(before) and after.count(b"- item:") == before.count(b"- item:") + 1
    else:
        assert after == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("period: 2017H2\n", "the file has no `records:` list to append to"),
        ("records:\n  - item: '21.1'\n    unit: 市商务局\n    status: done\n    date: 2017-12-01\nperiod: 2017H2\n",
         "`records:` must be the last key so records can be appended"),
        ("period: 2017H2\nrecords: [{item: '21.1', unit: 市商务局, status: done, date: 2017-12-01}]\n",
         "write `records:` as a block list (- item: …) to append to it"),
        ("period: 2017H2\nrecords: []\n", "replace `records: []` with `records:` to append to it"),
    ],
)  # fmt: skip
def test_progress_add_refuses_a_file_it_cannot_append_to(prd, data_copy: Path, text: str, message: str) -> None:
    """The file is edited as text to keep its comments, so its layout must allow an append."""
    f = data_copy / "progress" / "2017H2.yaml"
    f.parent.mkdir()
    f.write_text(text, encoding="utf-8")
    r = prd("progress", "add", "24.1", "-u", "市商务局", "-s", "done", "--date", "2017-12-02", data=data_copy)
    assert r.exit_code == 2 and message in r.stderr, r
    assert f.read_text(encoding="utf-8") == text


def test_a_deadline_cell_with_no_year_anywhere_drafts_no_date() -> None:
    # 年底前 in a 完成时限 column of a document that names no year: no stand-in year drafted
    # (it used to draft due '2000'); the comment over the item says what the cell held.
    text = "序号\n工作任务\n责任单位\n完成时限\n1\n做好学校安全检查。\n县教育局\n年底前\n2\n开展消防演练。\n县消防救援大队\n6月底前\n"
    result = import_text(text.encode(), None)
    got = [i for c in result.chapters for m in c["measures"] for i in m["items"]]
    assert [i.get("deadlines") for i in got] == [None, None]
    assert any("完成时限：年底前" in how for how in result.notes["1.1"])
