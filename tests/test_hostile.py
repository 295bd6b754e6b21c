"""Hostile and careless inputs: what a bad commit, a careless edit or a shared machine brings.

Each test pins a case from issue 13: the CI gate checks the data it was pointed at, every
read and regular expression is bounded, outputs are not turned against their readers, and
every failure ends in the exit code the README promises.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .conftest import ROOT

HOSTILE = Path(__file__).parent / "cases" / "hostile"


# --- The CI gate -------------------------------------------------------------------------


def test_validate_without_data_exits_2_saying_where_it_looked(prd, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = prd("validate", data=None)
    assert r.exit_code == 2, r
    assert "data/measures.yaml" in r.stderr and "0 error(s)" not in r.stdout


def test_validate_with_a_dangling_measures_symlink_exits_2(prd, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "measures.yaml").symlink_to(tmp_path / "gone.yaml")
    monkeypatch.chdir(tmp_path)
    r = prd("validate", data=None)
    assert r.exit_code == 2, r


def test_read_commands_use_the_sample_and_say_so_once(prd, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = prd("list", "--unit", "市商务局", "-f", "csv", data=None)
    assert r.exit_code == 0, r
    assert r.stderr.count("sample data") == 1


def test_pre_commit_pattern_matches_exactly_what_prd_reads() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["args"] == ["--data", "data"]
    pattern = re.compile(hook["files"])
    read = ["data/units.yaml", "data/measures.yaml", "data/documents/XY.yaml", "data/progress/2018H1.yaml"]
    not_read = [
        "data/units.yml",
        "data/schema/measures.schema.json",
        "other/measures.yaml",
        "data/progress/old/2018H1.yaml",
        "data/documents/x.yml",
        "measures.yaml",
    ]
    assert all(pattern.search(p) for p in read)
    assert not any(pattern.search(p) for p in not_read)
