"""The cache of loaded data answers repeated commands, and never with stale data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import prd_cli.loading


def _cache_files() -> list[Path]:
    return sorted(Path(os.environ["PRD_CACHE_DIR"]).glob("*.pickle"))


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the YAML fails the test: only the cache can answer."""

    def refuse(root: Path) -> None:
        raise AssertionError(f"loaded {root} instead of using the cache")

    monkeypatch.setattr(prd_cli.loading, "load", refuse)


def test_a_second_run_is_answered_from_the_cache(prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = prd("list", "--unit", "市商务局", "-f", "json", data=data_copy)
    assert first.exit_code == 0 and len(_cache_files()) == 1
    _no_loading(monkeypatch)
    second = prd("list", "--unit", "市商务局", "-f", "json", data=data_copy)
    assert second.exit_code == 0, second
    assert second.stdout == first.stdout


def test_an_edit_that_keeps_size_and_mtime_is_seen(prd, data_copy: Path) -> None:
    """Keyed by content, not by stat: a copy or checkout can keep a file's mtime."""
    assert prd("show", "6.1", "-f", "json", data=data_copy).exit_code == 0
    m = data_copy / "measures.yaml"
    stat = m.stat()
    text = m.read_text(encoding="utf-8")
    edited = text.replace("实现互连互通和资源共享", "实现互联互通和资源共享", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    m.write_text(edited, encoding="utf-8")
    os.utime(m, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    shown = json.loads(prd("show", "6.1", "-f", "json", data=data_copy).stdout)
    assert "实现互联互通和资源共享" in shown[0]["text"]


def test_a_new_progress_file_is_seen(prd, data_copy: Path) -> None:
    assert "进展：未报送" in prd("show", "21.1", "--as-of", "2017-12-31", data=data_copy).stdout
    (data_copy / "progress").mkdir(exist_ok=True)
    (data_copy / "progress" / "2017H2.yaml").write_text(
        "period: 2017H2\nrecords:\n  - item: '21.1'\n    unit: 市商务局\n    status: done\n    date: 2017-12-20\n"
        "    note: 测试记录\n",
        encoding="utf-8",
    )
    shown = prd("show", "21.1", "--as-of", "2017-12-31", data=data_copy).stdout
    assert "测试记录" in shown


def test_no_cache_neither_reads_nor_writes(prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert prd("list", "--no-cache", data=data_copy).exit_code == 0
    assert _cache_files() == []
    monkeypatch.setenv("PRD_NO_CACHE", "1")
    assert prd("list", data=data_copy).exit_code == 0
    assert _cache_files() == []


def test_a_torn_cache_is_a_miss(prd, data_copy: Path) -> None:
    expected = prd("list", "-f", "json", data=data_copy).stdout
    (slot,) = _cache_files()
    slot.write_bytes(slot.read_bytes()[: slot.stat().st_size // 2])
    r = prd("list", "-f", "json", data=data_copy)
    assert r.exit_code == 0 and r.stdout == expected


def test_an_unwritable_cache_folder_does_not_matter(prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = data_copy.parent / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PRD_CACHE_DIR", str(blocker / "cache"))
    r = prd("list", "--unit", "市商务局", data=data_copy)
    assert r.exit_code == 0 and "24.1" in r.stdout


def test_invalid_data_is_never_cached(prd, data_copy: Path) -> None:
    m = data_copy / "measures.yaml"
    m.write_text(m.read_text(encoding="utf-8").replace("lead: [市商务局]", "lead: [市商物局]", 1), encoding="utf-8")
    for _ in range(2):
        r = prd("list", data=data_copy)
        assert r.exit_code == 1 and 'unknown unit "市商物局"' in r.stderr
    assert _cache_files() == []


def test_validate_always_reads_the_files(prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert prd("list", data=data_copy).exit_code == 0
    _no_loading(monkeypatch)
    with pytest.raises(AssertionError, match="instead of using the cache"):
        prd("validate", data=data_copy)


def test_slow_loader_notice_only_when_files_are_parsed(prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the notice is said once; an answer from the cache parsed nothing."""
    import prd_cli.yamlread

    monkeypatch.setattr(prd_cli.yamlread, "HAVE_LIBYAML", False)
    first = prd("list", data=data_copy)
    assert first.exit_code == 0 and first.stderr.count("has no libyaml") == 1
    again = prd("list", data=data_copy)
    assert again.exit_code == 0 and "libyaml" not in again.stderr
    checked = prd("validate", data=data_copy)
    assert checked.stderr.count("has no libyaml") == 1


def test_one_cache_serves_every_working_directory(
    prd, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(data_copy.parent)
    here = prd("report", "-p", "2017H2", "--as-of", "2017-12-31", data=Path("data"))
    assert here.exit_code == 0 and "| 数据来源 | data（" in here.stdout
    monkeypatch.chdir(elsewhere)
    _no_loading(monkeypatch)
    there = prd("report", "-p", "2017H2", "--as-of", "2017-12-31", data=Path("../data"))
    assert there.exit_code == 0, there
    assert "| 数据来源 | ../data（" in there.stdout  # where the data is, seen from where prd runs
    assert len(_cache_files()) == 1
