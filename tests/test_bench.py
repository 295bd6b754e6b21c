"""The benchmark runs (at a tiny size, so it cannot rot); its figures are not asserted."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "prd").exists() and shutil.which("prd") is None,
    reason="prd is not installed here",
)
def test_benchmark_runs_at_a_tiny_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    argv = ["--docs", "3", "--items", "6", "--runs", "1", "--out", str(tmp_path), "--import-mb", "0.05"]
    assert bench.main(argv) == 0
    figures = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert figures["dataset"]["items"] == 18 and figures["dataset"]["documents"] == 3
    assert {"help", "list", "validate", "report", "memory"} <= set(figures)
    assert figures["validate"]["prd"]["exit"] == 0
    out = capsys.readouterr().out
    assert "3 documents, 18 items" in out and "prd validate" in out and "peak memory of validate" in out
    assert "MB, layouts" in out and "MB, distinct units" in out
    assert [run["kind"] for run in figures["import"]] == ["layouts", "distinct units"]
    assert all(run["prd"]["exit"] == 0 for run in figures["import"])


def test_generated_data_is_deterministic_and_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    bench.generate(tmp_path / "a", 4, 12, seed=7)
    bench.generate(tmp_path / "b", 4, 12, seed=7)
    for f in (tmp_path / "a").rglob("*.yaml"):
        assert f.read_bytes() == (tmp_path / "b" / f.relative_to(tmp_path / "a")).read_bytes()
    from prd_cli.loading import load

    result = load(tmp_path / "a")
    assert result.ok, result.problems[:3]
    assert len(result.dataset.items) == 48 and len(result.dataset.docs) == 4
