"""`prd validate`: the shipped data passes; each broken copy fails with located messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import DATA

CASES = Path(__file__).parent / "cases" / "invalid"


def test_shipped_data_is_valid(prd) -> None:
    r = prd("validate")
    assert r.exit_code == 0, r
    assert "0 error(s), 0 warning(s), 4 info" in r.stdout
    assert "各通信运营企业 stands for a group whose members no source lists" in r.stdout
    assert "2017H1 was already due when the document was issued on 2017-11-08 [due-before-issue]" in r.stdout


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
def test_invalid_case(prd, tmp_path: Path, case: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copytree(CASES / case, data, dirs_exist_ok=True)
    (data / "expected.txt").unlink()
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    r = prd("validate", data=data)
    assert r.exit_code == 1, r
    got = [line.removeprefix(str(data) + "/") for line in r.stdout.splitlines()]
    got = [line.split("data/", 1)[-1] if "data/" in line else line for line in got]
    errors = [line for line in got if ": error: " in line]
    assert errors == expected, r


def test_all_problems_at_once_as_github_annotations(prd, data_copy: Path) -> None:
    text = (data_copy / "measures.yaml").read_text(encoding="utf-8")
    text = text.replace("lead: [市商务局]", "lead: [市商物局]", 1).replace("due: 2017H1", "due: 2017Q5")
    (data_copy / "measures.yaml").write_text(text, encoding="utf-8")
    r = prd("validate", "--format", "github", data=data_copy)
    assert r.exit_code == 1
    errors = [line for line in r.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2, r
    assert all("file=" in e and ",line=" in e and ",col=" in e for e in errors)
    assert any('unknown unit "市商物局" (did you mean 市商务局?)' in e for e in errors)
    assert any('"2017Q5": a quarter is Q1 to Q4' in e for e in errors)


def test_json_format(prd, data_copy: Path) -> None:
    (data_copy / "units.yaml").write_text(
        (data_copy / "units.yaml").read_text(encoding="utf-8").replace("kind: town", "kind: village", 1),
        encoding="utf-8",
    )
    r = prd("validate", "--format", "json", data=data_copy)
    assert r.exit_code == 1
    problems = json.loads(r.stdout)
    assert [p["code"] for p in problems if p["level"] == "error"] == ["schema-literal-error"]
    (error,) = [p for p in problems if p["level"] == "error"]
    assert set(error) == {"path", "line", "col", "level", "code", "message"}
    assert error["message"].startswith('units[46].kind: "village" is not one of department, party')


def test_gaps_in_numbering_are_warned(prd, data_copy: Path) -> None:
    """A lost measure or a renumbered item is what a careless edit looks like."""
    m = data_copy / "measures.yaml"
    text = m.read_text(encoding="utf-8").replace("- id: '7.2'", "- id: '7.9'", 1)
    text = text[: text.index("  - number: 15\n")] + text[text.index("  - number: 16\n") :]
    m.write_text(text, encoding="utf-8")
    r = prd("validate", data=data_copy)
    assert r.exit_code == 0, r
    warnings = [line.split(":", 3)[3].strip() for line in r.stdout.splitlines() if ": warning: " in line]
    assert warnings == [
        'warning: item "7.9" is item 2 of measure 7: number it "7.2", or restore the item before it [sequence]',
        "warning: measure 16 follows measure 14: is measure 15 missing or out of order? [sequence]",
    ]


def test_bom_and_crlf_are_fine(prd, data_copy: Path) -> None:
    for name in ("measures.yaml", "units.yaml"):
        f = data_copy / name
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    r = prd("validate", data=data_copy)
    assert r.exit_code == 0, r


def test_unused_and_alias_warnings_do_not_fail(prd, data_copy: Path) -> None:
    units = data_copy / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8") + "  - name: 市审计局\n    full_name: 东莞市审计局\n    kind: department\n",
        encoding="utf-8",
    )
    m = data_copy / "measures.yaml"
    m.write_text(
        m.read_text(encoding="utf-8").replace("support: [市商务局, 市科技局]", "support: [市商务局, 市科学技术局]"),
        encoding="utf-8",
    )
    r = prd("validate", data=data_copy)
    assert r.exit_code == 0, r
    assert 'warning: unit "市审计局" is defined but no item names it [unused-unit]' in r.stdout
    assert 'warning: "市科学技术局" is an alias: write the unit\'s name "市科技局" [unit-alias]' in r.stdout


def test_missing_data_dir_is_a_usage_error(prd, tmp_path: Path) -> None:
    r = prd("validate", data=tmp_path / "nowhere")
    assert r.exit_code == 2
    assert "data directory not found" in r.stderr
    r = prd("validate", data=DATA / "measures.yaml")
    assert r.exit_code == 2 and "is a file: point --data at the folder that holds measures.yaml" in r.stderr


def test_invalid_data_stops_other_commands_with_exit_1(prd, data_copy: Path) -> None:
    (data_copy / "units.yaml").write_text("units: [", encoding="utf-8")
    r = prd("list", data=data_copy)
    assert r.exit_code == 1
    # libyaml places the unexpected end at 2:1, the pure-Python parser at 1:9
    assert "units.yaml:2:1: error: YAML syntax" in r.stderr or "units.yaml:1:9: error: YAML syntax" in r.stderr
    assert r.stdout == ""
