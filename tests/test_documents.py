"""Many documents in one data folder: shared units, qualified ids, every command across them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def two_docs(data_copy: Path) -> Path:
    (data_copy / "documents").mkdir()
    shutil.copy(FIXTURES / "documents" / "gsw-2018-5.yaml", data_copy / "documents")
    units = data_copy / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8")
        + "  - name: 市统计局\n    full_name: 东莞市统计局\n    kind: department\n"
        + "  - name: 市跨境电商协会（筹）\n    full_name: 东莞市跨境电子商务协会（筹）\n    kind: mass\n",
        encoding="utf-8",
    )
    return data_copy


def test_validate_and_list_across_documents(prd, two_docs: Path) -> None:
    assert prd("validate", data=two_docs).exit_code == 0
    rows = json.loads(prd("list", "--unit", "市商务局", "-f", "json", data=two_docs).stdout)
    assert {r["doc"] for r in rows} == {"dfb-2017-136", "gsw-2018-5"}
    assert [r["id"] for r in rows if r["doc"] == "gsw-2018-5"] == ["1.1", "1.2", "2.1", "3.1"]
    only = json.loads(prd("list", "--unit", "市商务局", "--doc", "gsw-2018-5", "-f", "json", data=two_docs).stdout)
    assert len(only) == 4
    r = prd("list", "--doc", "nope", data=two_docs)
    assert r.exit_code == 2 and "dfb-2017-136, gsw-2018-5" in r.stderr
    # The table groups by document, one table under each 文号, and skips documents with no rows.
    table = prd("list", "--unit", "市统计局", "--role", "owner", data=two_docs).stdout
    assert "莞商务〔2018〕5号（gsw-2018-5）" in table and "东府办" not in table
    table = prd("list", "--unit", "市商务局", data=two_docs).stdout
    assert table.index("东府办〔2017〕136号（dfb-2017-136）") < table.index("莞商务〔2018〕5号（gsw-2018-5）")
    assert "文件" not in table


def test_qualified_and_bare_ids(prd, two_docs: Path) -> None:
    assert "[6.1]" in prd("show", "6.1", data=two_docs).stdout  # only the first document has 6.1
    r = prd("show", "1.1", data=two_docs)
    assert r.exit_code == 2 and "write one of dfb-2017-136/1.1、gsw-2018-5/1.1" in r.stderr
    r = prd("show", "1", data=two_docs)
    assert r.exit_code == 2 and "write one of dfb-2017-136/1、gsw-2018-5/1" in r.stderr
    r = prd("show", "gsw-2018-5/1.1", data=two_docs)
    assert r.exit_code == 0 and "莞商务〔2018〕5号" in r.stdout and "2018年6月底前上线试运行" in r.stdout
    r = prd("progress", "add", "1.1", "-u", "市商务局", "-s", "done", "--date", "2018-05-01", data=two_docs)
    assert r.exit_code == 2 and "dfb-2017-136/1.1、gsw-2018-5/1.1" in r.stderr
    r = prd("progress", "add", "gsw-2018-5/1.1", "-u", "市商务局", "-s", "done", "--date", "2018-05-01", data=two_docs)
    assert r.exit_code == 0, r
    assert 'item: "gsw-2018-5/1.1"' in (two_docs / "progress" / "2018H1.yaml").read_text(encoding="utf-8")
    rows = json.loads(prd("deadlines", "-p", "2018H1", "--as-of", "2018-06-01", "-f", "json", data=two_docs).stdout)
    platform = next(r for r in rows if r["doc"] == "gsw-2018-5" and r["item"] == "1.1")
    assert platform["status"] == "done" and platform["due"] == "2018-06-30"


def test_deadlines_and_report_group_by_document(prd, two_docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = json.loads(prd("deadlines", "-p", "2018H1", "-f", "json", data=two_docs).stdout)
    docs = [r["doc"] for r in rows]
    assert docs == sorted(docs, key=["dfb-2017-136", "gsw-2018-5"].index)  # grouped, in document order
    assert ("gsw-2018-5", "1.2", "2018-03-31") in {
        (r["doc"], r["item"], r["due"]) for r in rows
    }  # quarterly from 2018-03-01
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514764800")
    md = prd("report", "-p", "2018H1", data=two_docs).stdout
    assert md.startswith("# 2 份文件 落实情况汇总（2018年上半年）")
    assert "- 文件：莞商务〔2018〕5号《东莞市商务局关于推进跨境电子商务发展的工作方案》（gsw-2018-5）" in md
    assert "**gsw-2018-5/1.1**" in md and "| dfb-2017-136/29.1 |" in md
    assert "| 莞商务〔2018〕5号 一、主要任务 |" in md


def test_problems_are_located_in_their_own_file(prd, two_docs: Path) -> None:
    f = two_docs / "documents" / "gsw-2018-5.yaml"
    f.write_text(
        f.read_text(encoding="utf-8")
        .replace("lead: [市统计局", "lead: [市统记局")
        .replace("lead: [市商务局, 市统计局]", "lead: [市商务局, 市统记局]"),
        encoding="utf-8",
    )
    shutil.copy(f, two_docs / "documents" / "other-name.yaml")
    r = prd("validate", data=two_docs)
    assert r.exit_code == 1
    errors = [line for line in r.stdout.splitlines() if ": error: " in line]
    assert any(
        "documents/gsw-2018-5.yaml:" in e and 'unknown unit "市统记局" (did you mean 市统计局?)' in e for e in errors
    )
    assert any("documents/other-name.yaml:" in e and "[duplicate-key]" in e for e in errors)
    assert any("documents/other-name.yaml:" in e and "name it gsw-2018-5.yaml [file-key]" in e for e in errors)
