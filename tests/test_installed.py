"""The installed console script works from any directory with the data shipped inside it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def _prd() -> str | None:
    here = Path(sys.executable).parent / "prd"
    return str(here) if here.exists() else shutil.which("prd")


def test_installed_prd_runs_from_anywhere(tmp_path: Path) -> None:
    prd = _prd()
    if prd is None:
        pytest.skip("prd is not installed in this environment")
    env = {k: v for k, v in os.environ.items() if k != "PRD_DATA"}
    r = subprocess.run(
        [prd, "list", "--unit", "市商务局", "-f", "json"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)) == 17  # 15 named in clauses, 1.1 and 29.1 as one of 各相关部门
    # validate never falls back to the sample: a CI gate checks the data it was pointed at.
    r = subprocess.run([prd, "validate"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stdout + r.stderr
    sample = subprocess.run(
        [sys.executable, "-c", "from prd_cli.paths import packaged_data_dir; print(packaged_data_dir())"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    r = subprocess.run([prd, "validate", "--data", sample], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([prd, "list", "--unit", "nobody"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = subprocess.run(
        [prd, "report", "--period", "2017H2", "-f", "html"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert r.returncode == 0 and "</html>" in r.stdout  # the templates ship inside the package
    if "site-packages" in sample:
        r = subprocess.run(
            [prd, "progress", "add", "6.1", "-u", "市商务局", "-s", "done"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert r.returncode == 2 and "read-only" in r.stderr
        r = subprocess.run([prd, "init", "mydata"], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert r.returncode == 0
        r = subprocess.run(
            [
                prd,
                "progress",
                "add",
                "21.1",
                "-u",
                "市商务局",
                "-s",
                "done",
                "--date",
                "2017-12-01",
                "--data",
                "mydata",
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert r.returncode == 0, r.stderr


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && python -m pytest" in readme
    assert "README.md" in ci
