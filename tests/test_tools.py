"""Fitting the tools people use: schema, pre-commit, Excel, CSV, calendar, completion, script."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml

from .conftest import DATA, ROOT

FIXTURES = Path(__file__).parent / "fixtures"


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors (yaml-language-server) read it: 1.2 core, no timestamps."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.parametrize("kind", ["measures", "units", "progress"])
def test_schema_is_current(prd, kind: str) -> None:
    r = prd("schema", kind, data=None)
    assert r.exit_code == 0
    assert r.stdout == (DATA / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"), (
        "run: prd schema KIND > data/schema/KIND.schema.json"
    )


def test_shipped_data_and_fixtures_match_the_schema() -> None:
    def check(kind: str, file: Path) -> None:
        schema = json.loads((DATA / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(yaml.load(file.read_text(encoding="utf-8"), Loader=Yaml12Loader), schema)

    check("measures", DATA / "measures.yaml")
    check("units", DATA / "units.yaml")
    for f in (FIXTURES / "progress").glob("*.yaml"):
        check("progress", f)
    assert (
        (DATA / "measures.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=./schema/measures.schema.json")
    )
    bad = yaml.load("units:\n  - name: 市商务局\n    full_name: x\n    kind: village\n", Loader=Yaml12Loader)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json.loads((DATA / "schema" / "units.schema.json").read_text(encoding="utf-8")))


def test_pre_commit_hook_fails_a_broken_file(data_copy: Path, tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "prd-validate" and hook["language"] == "python" and hook["pass_filenames"] is False
    m = data_copy / "measures.yaml"
    m.write_text(m.read_text(encoding="utf-8").replace("lead: [市商务局]", "lead: [市商物局]", 1), encoding="utf-8")
    # Run the hook's entry as pre-commit would, from the root of a repository holding data/.
    argv = [*shlex.split(hook["entry"]), *hook.get("args", [])]
    code = "import sys; from prd_cli.cli import main; sys.argv = ['prd'] + sys.argv[1:]; main()"
    r = subprocess.run([sys.executable, "-c", code, *argv[1:]], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 1
    assert "data/measures.yaml:" in r.stdout and 'unknown unit "市商物局" (did you mean 市商务局?)' in r.stdout
    assert yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))["jobs"]["validate"]


@pytest.fixture
def with_hostile_progress(data_copy: Path) -> Path:
    shutil.copytree(FIXTURES / "progress", data_copy / "progress")
    f = data_copy / "progress" / "2018H1.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace(
            'note: "单一窗口试运行；公路口岸三互全覆盖"', 'note: "=HYPERLINK(\\"http://x\\")"'
        ),
        encoding="utf-8",
    )
    return data_copy


def test_xlsx_ledger_reads_back(prd, with_hostile_progress: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "台账.xlsx"
    r = prd("export", "--format", "xlsx", "--output", str(out), "--period", "2018H1", data=with_hostile_progress)
    assert r.exit_code == 0, r
    book = load_workbook(out)
    assert book.sheetnames == ["事项台账", "2018H1到期事项", "分单位"]
    items = book["事项台账"]
    assert items["A1"].value.startswith("东府办〔2017〕136号 工作台账（2018年上半年")
    assert [c.value for c in items[2]][:5] == ["编号", "工作任务（摘要）", "牵头单位", "配合单位", "节点"]
    assert items["A3"].value == "1.1" and items["C3"].value == "市发改局、市委政研室"
    row_61 = next(r for r in items.iter_rows(min_row=3) if r[0].value == "6.1")
    assert row_61[7].value == "已完成" and row_61[10].value == '\'=HYPERLINK("http://x")'  # neutralised
    for ws in book:
        assert ws.freeze_panes == "B3" and ws.print_title_rows == "$1:$2"
        assert ws["A2"].font.bold and ws["A2"].font.name == "宋体"
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert items["B3"].alignment.wrap_text and items.row_dimensions[3].height > 20  # wrapped text shows
    due = book["2018H1到期事项"]
    assert {due.cell(row=i, column=1).value for i in range(3, due.max_row + 1)} >= {"8.1", "22.1", "29.1"}
    r = prd("export", "--format", "xlsx", data=with_hostile_progress)
    assert r.exit_code == 2 and "--output" in r.stderr


def test_csv_opens_in_excel_and_is_not_a_formula(prd, with_hostile_progress: Path) -> None:
    from typer.testing import CliRunner

    from prd_cli.cli import app

    raw = CliRunner().invoke(app, ["export", "-f", "csv", "--data", str(with_hostile_progress)]).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["文号", "章", "措施", "编号"] and len(rows) == 38
    note = next(r for r in rows if r[3] == "6.1")[10]
    assert note == '\'=HYPERLINK("http://x")'
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r)


def test_calendar_round_trip(prd, data_copy: Path) -> None:
    from dateutil.rrule import rrulestr
    from icalendar import Calendar
    from typer.testing import CliRunner

    from prd_cli.cli import app

    runner = CliRunner()
    first = runner.invoke(app, ["export", "-f", "ics", "--data", str(data_copy)]).stdout_bytes
    again = runner.invoke(app, ["export", "-f", "ics", "--data", str(data_copy)]).stdout_bytes
    cal = Calendar.from_ical(first)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {str(e["uid"]) for e in Calendar.from_ical(again).walk("VEVENT")}  # stable UIDs
    assert len(events) == 11  # 6.1 ×2, 8.1, 9.1, 21.1, 22.1 ×3, 24.1, 29.1 ×2 (one per fixed day)
    monthly = events["dfb-2017-136-22.1-0@prd"]
    assert monthly["rrule"]["FREQ"] == ["MONTHLY"] and monthly["rrule"]["BYMONTHDAY"] == [-1]
    assert monthly["dtstart"].dt == date(2017, 11, 30)
    assert events["dfb-2017-136-22.1-1@prd"]["rrule"]["INTERVAL"] == [6]
    assert {k for k in events if k.startswith("dfb-2017-136-29.1")} == {
        "dfb-2017-136-29.1-0-0630@prd",
        "dfb-2017-136-29.1-0-1231@prd",
    }
    assert events["dfb-2017-136-6.1-1@prd"]["dtstart"].dt == date(2017, 6, 30)
    # The RRULE expands to exactly the occurrences prd itself lists for 2018H1.
    rule = rrulestr(monthly["rrule"].to_ical().decode(), dtstart=monthly["dtstart"].dt)
    expanded = [d.date().isoformat() for d in rule.between(datetime(2018, 1, 1), datetime(2018, 6, 30), inc=True)]
    listed = json.loads(prd("deadlines", "-p", "2018H1", "-f", "json", data=data_copy).stdout)
    assert expanded == [r["due"] for r in listed if r["item"] == "22.1" and "联合监测" in r["what"]]
    only = Calendar.from_ical(
        runner.invoke(app, ["export", "-f", "ics", "-u", "市环保局", "--data", str(data_copy)]).stdout_bytes
    )
    # 市环保局 is one of 各相关部门, which owe 29.1's half-year report.
    assert {str(e["uid"]).split("-")[3] for e in only.walk("VEVENT")} == {"8.1", "9.1", "22.1", "29.1"}


def test_completion_of_a_unit_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from prd_cli.cli import app

    monkeypatch.setenv("PRD_DATA", str(DATA))
    env = {"_PRD_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "prd list --unit 市商"}
    r = CliRunner().invoke(app, [], env=env, prog_name="prd")
    assert "市商务局" in r.stdout and "市发改局" not in r.stdout
    env = {"_PRD_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "prd list --unit 市发展"}
    assert "市发展和改革局" in CliRunner().invoke(app, [], env=env, prog_name="prd").stdout  # an alias
    env = {"_PRD_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "prd report --period 2017"}
    out = CliRunner().invoke(app, [], env=env, prog_name="prd").stdout
    assert "2017H2" in out and "2017H1" in out


def test_traditional_script_output(prd) -> None:
    r = prd("show", "6.1", "--script", "hant")
    assert "加快推進省市大通關平台對接，實現互連互通和資源共享。" in r.stdout
    assert "牽頭單位：市商務局" in r.stdout and "濱海灣新區（東莞港）管委會" in r.stdout
    rows = json.loads(prd("list", "--unit", "市商務局", "--script", "hant", "-f", "json").stdout)
    assert rows[1]["lead"] == ["市發改局", "市TOD軌道辦", "市商務局"] and rows[1]["id"] == "1.2"
    md = prd("report", "--period", "2017H2", "--script", "hant").stdout
    assert md.startswith("# 東府辦〔2017〕136號 落實情況彙總（2017年下半年）")
    table = prd("units", "--script", "hant").stdout
    assert "市衞生計生局" in table  # Hong Kong standard 衞


def test_every_listing_has_json(prd) -> None:
    for args in (("list",), ("units",), ("deadlines", "-p", "2017H2"), ("show", "6.1"), ("validate",)):
        r = prd(*args, "--format", "json")
        assert r.exit_code == 0, args
        json.loads(r.stdout)


@pytest.mark.skipif(os.name != "posix", reason="shell completion scripts are for POSIX shells")
def test_install_completion_is_offered(prd) -> None:
    r = prd("--help", data=None)
    assert "--install-completion" in r.stdout
