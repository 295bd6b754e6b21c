"""The cache of loaded data answers repeated commands, and never with stale data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import prd_cli.loading


def _cache_files() -> list[Path]:
    return sorted(Path(os.environ["PRD_CACHE_DIR"]).glob("*.sqlite"))


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
    assert here.exit_code == 0
    # The report names the data's version, never a path of this machine.
    assert str(data_copy) not in here.stdout and "数据版本" in here.stdout
    monkeypatch.chdir(elsewhere)
    _no_loading(monkeypatch)
    there = prd("report", "-p", "2017H2", "--as-of", "2017-12-31", data=Path("../data"))
    assert there.exit_code == 0, there
    assert there.stdout == here.stdout
    assert len(_cache_files()) == 1


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from YAML from here on."""
    parsed: list[str] = []
    real = prd_cli.loading.load_model

    def counting(file: Path, *args, **kwargs):
        parsed.append(file.name)
        return real(file, *args, **kwargs)

    monkeypatch.setattr(prd_cli.loading, "load_model", counting)
    return parsed


def _second_document(data: Path) -> Path:
    """A copy of measures.yaml as documents/copy.yaml under its own key."""
    (data / "documents").mkdir(exist_ok=True)
    text = (data / "measures.yaml").read_text(encoding="utf-8")
    key = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("key:"))
    copy = data / "documents" / "copy.yaml"
    copy.write_text(text.replace(f"key: {key}", "key: copy", 1), encoding="utf-8")
    return copy


def test_after_a_one_file_edit_only_that_file_is_parsed(prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _second_document(data_copy)
    assert prd("list", "--unit", "市商务局", "-f", "json", data=data_copy).exit_code == 0
    parsed = _count_parses(monkeypatch)
    assert prd("list", "--unit", "市商务局", "-f", "json", data=copy.parent.parent).exit_code == 0
    assert parsed == []
    copy.write_text(copy.read_text(encoding="utf-8").replace("实现互连互通", "实现互联互通", 1), encoding="utf-8")
    r = prd("show", "copy/6.1", "-f", "json", data=data_copy)
    assert r.exit_code == 0, r
    assert parsed == ["copy.yaml"]
    assert "实现互联互通" in json.loads(r.stdout)[0]["text"]
    # The checks across files still ran: a unit misspelt in the one edited file is an error.
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("lead: [市商务局]", "lead: [市商物局]", 1), encoding="utf-8"
    )
    r = prd("list", data=data_copy)
    assert r.exit_code == 1 and 'unknown unit "市商物局"' in r.stderr and "copy.yaml:" in r.stderr


def test_a_removed_file_is_gone_from_the_answer(prd, data_copy: Path) -> None:
    copy = _second_document(data_copy)
    assert '"doc": "copy"' in prd("list", "-f", "json", data=data_copy).stdout
    copy.unlink()
    r = prd("list", "-f", "json", data=data_copy)
    assert r.exit_code == 0 and '"doc": "copy"' not in r.stdout


def test_a_cache_folder_others_can_write_is_not_used(
    prd, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared-cache"
    shared.mkdir(mode=0o700)
    shared.chmod(0o777)
    monkeypatch.setenv("PRD_CACHE_DIR", str(shared))
    r = prd("list", "--unit", "市商务局", data=data_copy)
    assert r.exit_code == 0 and "24.1" in r.stdout
    assert "not using the cache" in r.stderr and "written by other users" in r.stderr
    assert list(shared.iterdir()) == []


def test_a_new_cache_folder_is_private(prd, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    where = tmp_path / "new" / "cache"
    monkeypatch.setenv("PRD_CACHE_DIR", str(where))
    assert prd("list", data=data_copy).exit_code == 0
    assert where.stat().st_mode & 0o777 == 0o700
    (db,) = where.iterdir()
    assert db.stat().st_mode & 0o777 == 0o600
    db.chmod(0o666)  # a file others can write is refused, not trusted
    r = prd("list", data=data_copy)
    assert r.exit_code == 0 and "can be written by other users" in r.stderr


def test_a_cache_from_another_prd_is_a_miss(prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    expected = prd("list", "-f", "json", data=data_copy).stdout
    (slot,) = _cache_files()
    with sqlite3.connect(slot) as conn:
        conn.execute("UPDATE meta SET value = 'another' WHERE name = 'code'")
        # Were the rows trusted, this would be the answer.
        conn.execute("UPDATE files SET body = replace(body, '市商务局', '市发展改革局')")
    conn.close()
    parsed = _count_parses(monkeypatch)
    r = prd("list", "-f", "json", data=data_copy)
    assert r.exit_code == 0 and r.stdout == expected
    assert "measures.yaml" in parsed


def test_a_body_that_no_longer_validates_is_a_miss(prd, data_copy: Path) -> None:
    import sqlite3

    expected = prd("list", "-f", "json", data=data_copy).stdout
    (slot,) = _cache_files()
    with sqlite3.connect(slot) as conn:
        conn.execute("UPDATE files SET body = '{\"broken\": true' WHERE path = 'measures.yaml'")
    conn.close()
    r = prd("list", "-f", "json", data=data_copy)
    assert r.exit_code == 0 and r.stdout == expected


def test_a_file_that_is_not_a_database_is_replaced(prd, data_copy: Path) -> None:
    expected = prd("list", "-f", "json", data=data_copy).stdout
    (slot,) = _cache_files()
    slot.write_bytes(b"\x80\x05garbage that is no database" * 100)
    for _ in range(2):
        r = prd("list", "-f", "json", data=data_copy)
        assert r.exit_code == 0 and r.stdout == expected
    assert slot.read_bytes().startswith(b"SQLite format 3")


def _no_loading_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, building a dataset at all (even from the cache's JSON) fails the test."""

    def refuse(*args, **kwargs) -> None:
        raise AssertionError("loaded the data instead of asking the index")

    monkeypatch.setattr(prd_cli.loading, "load", refuse)
    monkeypatch.setattr(prd_cli.loading, "_load", refuse)


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "table"])
def test_list_unit_from_the_index_is_list_unit_from_the_data(
    prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _second_document(data_copy)
    from prd_cli.loading import load

    ds = load(data_copy).dataset
    assert ds is not None
    names = [u.name for u in ds.registry.units]
    # Every unit in JSON; the other formats render the same rows, so a few units suffice there.
    every = names if fmt == "json" else names[:: max(1, len(names) // 6)]
    cases = [("--unit", n) for n in every] + [("--unit", n, "--role", "owner") for n in names[:8]]
    cases += [("--unit", "市商务局", "--role", r) for r in ("lead", "joint", "support")]
    cases += [("--unit", "市商务局", "--doc", "copy"), ("--unit", " 市商务局 ")]
    expected = {c: prd("list", *c, "-f", fmt, "--no-cache", data=data_copy) for c in cases}
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0  # stores the index
    if fmt == "table":
        # The table's next milestones depend on the day: the data works them out once a day
        # for each unit's tasks, and the index keeps them.
        for case in cases:
            prd("list", *case, data=data_copy)
    _no_loading_at_all(monkeypatch)
    for case, want in expected.items():
        got = prd("list", *case, "-f", fmt, data=data_copy)
        assert (got.exit_code, got.stdout) == (want.exit_code, want.stdout), case


def _generated(target: Path, docs: int, items: int) -> Path:
    import sys

    bench_dir = str(Path(__file__).resolve().parent.parent / "bench")
    sys.path.insert(0, bench_dir)
    try:
        import bench
    finally:
        sys.path.remove(bench_dir)
    bench.generate(target, docs, items, seed=11)
    return target


def test_the_index_answers_a_many_document_folder_byte_for_byte(
    prd, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows written as the index keeps them (json) or rebuilt from it (the rest) are the
    bytes the data itself gives, in either script, for every role and one document alone."""
    data = _generated(tmp_path / "many", 4, 24)
    cases: list[tuple[str, ...]] = [
        ("--unit", u, *more)
        for u in ("市商务局", "各相关部门", " 石龙镇 ")
        for more in ((), ("--role", "owner"), ("--doc", "bench-003"), ("--script", "hant"))
    ]
    # json is written as stored, the table rebuilt from the stored rows: both for every case;
    # csv and md render the table's rows, so a few cases suffice there.
    runs = [(c, f) for c in cases for f in ("json", "table")] + [(c, f) for c in cases[:4:3] for f in ("csv", "md")]
    expected = {(c, f): prd("list", *c, "-f", f, "--no-cache", data=data) for c, f in runs}
    assert all(r.exit_code == 0 for r in expected.values())
    # The other queries the index answers: every format, both scripts, and their filters.
    others: list[tuple[str, ...]] = [
        ("units", *kind, "-f", f, *script)
        for kind in ((), ("--kind", "town"), ("--kind", "镇街"), ("-k", "collective"))
        for f in ("table", "json", "csv", "md")
        for script in ((), ("--script", "hant"))
    ]
    others += [("deadlines", *c) for c in DEADLINE_CASES if "--doc" not in c]
    others += [("show", ref, *more) for ref in ("bench-002/3.1", "bench-003/2") for more in ((), ("-f", "json"))]
    wanted_others = {c: prd(*c, "--no-cache", data=data) for c in others}
    assert all(r.exit_code == 0 for r in wanted_others.values()), [c for c, r in wanted_others.items() if r.exit_code]
    assert prd("list", "-f", "json", data=data).exit_code == 0  # stores the index
    for case in cases:  # the table's next milestones, worked out once a day by the data
        prd("list", *case, data=data)
    with monkeypatch.context() as m:
        _no_loading_at_all(m)
        for (case, fmt), want in expected.items():
            got = prd("list", *case, "-f", fmt, data=data)
            assert (got.exit_code, got.stdout) == (0, want.stdout), (case, fmt)
        for case, want in wanted_others.items():
            got = prd(*case, data=data)
            assert (got.exit_code, got.stdout, got.stderr) == (0, want.stdout, want.stderr), case
    # A document added that sorts before those the index has numbered already: the rows
    # still come in the documents' order, not in the order the index numbered them.
    first = data / "documents" / "aaa.yaml"
    first.write_text(
        (data / "documents" / "bench-002.yaml").read_text(encoding="utf-8").replace("key: bench-002", "key: aaa", 1),
        encoding="utf-8",
    )
    wanted = {case: prd("list", *case, "-f", "json", "--no-cache", data=data).stdout for case in cases[:2]}
    # The counts of units change with the document taken in file by file, and with one gone.
    wanted_others = {c: prd(*c, "--no-cache", data=data).stdout for c in others[::8]}
    assert prd("list", "-f", "json", data=data).exit_code == 0
    with monkeypatch.context() as m:
        _no_loading_at_all(m)
        for case, want in wanted.items():
            assert '"doc": "aaa"' in want and prd("list", *case, "-f", "json", data=data).stdout == want
        for case, want in wanted_others.items():
            assert prd(*case, data=data).stdout == want, case
    (data / "documents" / "bench-002.yaml").unlink()
    wanted_others = {c: prd(*c, "--no-cache", data=data).stdout for c in others[::8]}
    assert prd("list", "-f", "json", data=data).exit_code == 0
    _no_loading_at_all(monkeypatch)
    for case, want in wanted_others.items():
        assert prd(*case, data=data).stdout == want, case


def test_the_tables_next_milestones_are_forgotten_when_any_file_changes(prd, data_copy: Path) -> None:
    """A progress record changes a milestone's state: the index must not keep the old one."""
    first = prd("list", "--unit", "市商务局", data=data_copy).stdout
    assert prd("list", "--unit", "市商务局", data=data_copy).stdout == first  # from the index
    (data_copy / "progress").mkdir(exist_ok=True)
    r = prd("progress", "add", "29.1", "--unit", "市商务局", "--status", "done", "--note", "已报送", data=data_copy)
    assert r.exit_code == 0, r.stderr
    want = prd("list", "--unit", "市商务局", "--no-cache", data=data_copy).stdout
    assert prd("list", "--unit", "市商务局", data=data_copy).stdout == want
    assert prd("list", "--unit", "市商务局", data=data_copy).stdout == want


def test_what_the_index_cannot_answer_is_read_from_the_data(prd, data_copy: Path) -> None:
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    r = prd("list", "--unit", "市商物局", data=data_copy)  # a typo: the suggestions need the registry
    assert r.exit_code == 2 and "市商务局" in r.stderr
    r = prd("list", "--unit", "市商务局", "--doc", "nosuch", data=data_copy)
    assert r.exit_code == 2 and "no document" in r.stderr
    want = prd("list", "--unit", "市商务局", "--chapter", "1", "--no-cache", data=data_copy).stdout
    assert prd("list", "--unit", "市商务局", "--chapter", "1", data=data_copy).stdout == want


def test_an_edit_is_seen_by_the_index(prd, data_copy: Path) -> None:
    before = prd("list", "--unit", "市商务局", "-f", "json", data=data_copy).stdout
    m = data_copy / "measures.yaml"
    m.write_text(m.read_text(encoding="utf-8").replace("实现互连互通", "实现互联互通", 1), encoding="utf-8")
    after = prd("list", "--unit", "市商务局", "-f", "json", data=data_copy).stdout
    assert after != before and after.startswith("[")
    assert after == prd("list", "--unit", "市商务局", "-f", "json", "--no-cache", data=data_copy).stdout


def test_files_untouched_since_they_were_hashed_are_not_read_again(
    prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import prd_cli.cache

    # Trust every stat at once (a real run trusts only changes seconds older than the hash).
    monkeypatch.setattr(prd_cli.cache, "_SETTLED_NS", -(10**15))
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    expected = prd("list", "--unit", "市商务局", "-f", "json", data=data_copy).stdout
    real = Path.read_bytes

    def no_yaml(self: Path) -> bytes:
        assert self.suffix != ".yaml", f"read {self} again"
        return real(self)

    with monkeypatch.context() as m:
        m.setattr(Path, "read_bytes", no_yaml)
        assert prd("list", "--unit", "市商务局", "-f", "json", data=data_copy).stdout == expected
    # An edit that keeps size and mtime still changes the file's ctime: it is read, and seen.
    m_file = data_copy / "measures.yaml"
    stat = m_file.stat()
    text = m_file.read_text(encoding="utf-8")
    m_file.write_text(text.replace("实现互连互通和资源共享", "实现互联互通和资源共享", 1), encoding="utf-8")
    os.utime(m_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    shown = json.loads(prd("show", "6.1", "-f", "json", data=data_copy).stdout)
    assert "实现互联互通和资源共享" in shown[0]["text"]


def test_a_file_changed_just_now_is_hashed_every_time(prd, data_copy: Path) -> None:
    import sqlite3

    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    (slot,) = _cache_files()
    with sqlite3.connect(slot) as conn:
        assert conn.execute("SELECT count(*) FROM stats").fetchone() == (0,)  # all written seconds ago
    conn.close()


def test_a_cache_another_prd_holds_locked_is_a_miss_and_kept(
    prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import prd_cli.cache

    monkeypatch.setattr(prd_cli.cache, "BUSY_SECONDS", 0.05)
    expected = prd("list", "--unit", "市商务局", "-f", "json", data=data_copy).stdout
    (slot,) = _cache_files()
    holder = sqlite3.connect(slot, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = prd("list", "--unit", "市商务局", "-f", "json", data=data_copy)
        assert r.exit_code == 0 and r.stdout == expected
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _cache_files() == [slot] and slot.read_bytes().startswith(b"SQLite format 3")


def test_after_an_edit_only_that_documents_answers_are_worked_out_again(
    prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import prd_cli.cache

    copy = _second_document(data_copy)
    args = ("list", "--unit", "市商务局", "-f", "json")
    assert prd(*args, data=data_copy).exit_code == 0
    asked: list[set[str] | None] = []
    real = prd_cli.cache._answer_rows
    monkeypatch.setattr(
        prd_cli.cache, "_answer_rows", lambda ds, ids, only=None: asked.append(only) or real(ds, ids, only)
    )

    def same_as_reading_the_files() -> None:
        got = prd(*args, data=data_copy)
        assert got.exit_code == 0 and got.stdout == prd(*args, "--no-cache", data=data_copy).stdout

    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("实现互连互通", "实现互联互通", 1), encoding="utf-8")
    same_as_reading_the_files()
    assert "实现互联互通" in prd(*args, data=data_copy).stdout
    assert asked == [{"documents/copy.yaml"}]
    moved = copy.with_name("other.yaml")  # a document gone, another come
    moved.write_text(copy.read_text(encoding="utf-8").replace("key: copy", "key: other", 1), encoding="utf-8")
    copy.unlink()
    same_as_reading_the_files()
    assert asked[-1] == {"documents/other.yaml"}
    units = data_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    same_as_reading_the_files()
    assert asked[-1] is None  # every answer depends on the units


def test_an_answer_from_the_index_imports_neither_models_nor_loading(tmp_path: Path) -> None:
    """Typer 0.29 imports pydantic itself; prd's models, loading pipeline and YAML stay out."""
    import subprocess
    import sys

    from .conftest import DATA

    env = {**os.environ, "PRD_CACHE_DIR": str(tmp_path / "cache")}
    argv = ["list", "--unit", "市商务局", "--data", str(DATA)]  # the table, which the index answers too
    subprocess.run([sys.executable, "-m", "prd_cli", *argv], env=env, capture_output=True, check=True)
    code = (
        "import atexit, sys\n"
        "watch = ('prd_cli.models', 'prd_cli.loading', 'prd_cli.queries', 'yaml', 'rich', 'jinja2')\n"
        "atexit.register(lambda: sys.stderr.write('MODULES:' + ' '.join(m for m in watch if m in sys.modules)))\n"
        "sys.argv = ['prd', *sys.argv[1:]]\n"
        "from prd_cli.cli import main\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.rsplit("MODULES:", 1)[1] == ""


def test_after_an_edit_only_that_documents_own_checks_run_again(
    prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import prd_cli.checks

    copy = _second_document(data_copy)
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    checked: list[str] = []
    real = prd_cli.checks._check_measures
    monkeypatch.setattr(prd_cli.checks, "_check_measures", lambda data, *a: checked.append(data.path) or real(data, *a))
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("实现互连互通", "实现互联互通", 1), encoding="utf-8")
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    assert checked == ["documents/copy.yaml"]
    # An error in the edited document is found, and reported with its place.
    copy.write_text(text.replace("lead: [市商务局]", "lead: [市商物局]", 1), encoding="utf-8")
    r = prd("list", data=data_copy)
    assert r.exit_code == 1 and 'unknown unit "市商物局"' in r.stderr and "copy.yaml:" in r.stderr
    copy.write_text(text, encoding="utf-8")
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    # A unit renamed in units.yaml: the unchanged documents that name it are checked again.
    checked.clear()
    units = data_copy / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace(
            "name: 市商务局\n    full_name: 东莞市商务局", "name: 市商贸局\n    full_name: 东莞市商贸局", 1
        ),
        encoding="utf-8",
    )
    r = prd("list", data=data_copy)
    assert r.exit_code == 1 and "measures.yaml:" in r.stderr and "copy.yaml:" in r.stderr


def _with_progress_and_two_documents(data: Path) -> Path:
    import shutil

    fixtures = Path(__file__).parent / "fixtures"
    shutil.copytree(fixtures / "progress", data / "progress")
    (data / "documents").mkdir(exist_ok=True)
    shutil.copy(fixtures / "documents" / "gsw-2018-5.yaml", data / "documents")
    units = data / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8")
        + "  - name: 市统计局\n    full_name: 东莞市统计局\n    kind: department\n"
        + "  - name: 市跨境电商协会（筹）\n    full_name: 东莞市跨境电子商务协会（筹）\n    kind: mass\n",
        encoding="utf-8",
    )
    return data


def test_show_reads_only_the_document_shown_from_the_index(
    prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`prd show` from the index: only the shown document's stored JSON is validated (with the
    units and the progress), and the bytes are those the whole data gives, text and json."""
    data = _with_progress_and_two_documents(data_copy)
    assert prd("validate", "-q", data=data).exit_code == 0
    refs = ["6.1", "29.1", "22.1", "6", "dfb-2017-136/21.1", "21", "gsw-2018-5/1", "gsw-2018-5/1.1", "２９．１"]
    cases = [
        (ref, *more)
        for ref in refs
        for more in (
            (),
            ("-f", "json"),
            ("--as-of", "2018-01-15"),
            ("--script", "hant"),
            ("-f", "json", "--script", "hant"),
        )
    ]
    wanted = {c: prd("show", *c, "--no-cache", data=data) for c in cases}
    assert prd("list", "-f", "json", data=data).exit_code == 0  # stores the index
    validated: list[str] = []
    from prd_cli import loading

    real = loading._from_body
    monkeypatch.setattr(loading, "_from_body", lambda file, *a: validated.append(file.name) or real(file, *a))
    with monkeypatch.context() as m:
        _no_loading_at_all(m)
        for case, want in wanted.items():
            validated.clear()
            got = prd("show", *case, data=data)
            assert (got.exit_code, got.stdout, got.stderr) == (want.exit_code, want.stdout, want.stderr), case
            documents = [n for n in validated if n not in ("units.yaml", "2017H2.yaml", "2018H1.yaml")]
            assert len(documents) == 1, (case, validated)
    # What is not found, or found in two documents, is said as the whole data says it.
    for ref in ("99.9", "1.1", "6.9", "nosuch/6.1"):
        want = prd("show", ref, "--no-cache", data=data)
        got = prd("show", ref, data=data)
        assert (got.exit_code, got.stderr) == (want.exit_code, want.stderr) and got.exit_code == 2, ref


DEADLINE_CASES = [
    ("--period", "2017H2"),
    ("--period", "2017H2", "--unit", "市商务局"),
    ("--period", "2018", "--unit", "市商务局", "--role", "lead", "-f", "json"),
    ("--period", "2018H1", "--unit", "各相关部门", "-f", "csv"),
    ("--period", "2017..2030", "--script", "hant"),
    ("--period", "2017H2", "--status", "overdue"),
    ("--period", "2017H2", "--status", "done", "--unit", "市商务局"),
    ("--overdue",),
    ("--overdue", "--unit", "市商务局", "--as-of", "2019-01-01"),
    ("--overdue", "--unit", "市商务局", "--as-of", "2017-01-01"),
    ("--period", "2030H1"),
    ("--period", "2030H1", "--unit", "市商务局"),
    ("--period", "2016H1", "--unit", "市商务局", "--as-of", "2040-01-01"),
    ("--period", "2017H2", "--doc", "gsw-2018-5"),
    ("--period", "2018H1", "--doc", "gsw-2018-5", "--unit", "市商务局", "-f", "md"),
    ("--period", "2019H1", "--unit", "石龙镇", "--role", "support"),
    ("--period", "2017H2", "--role", "joint"),
    ("--period", "2018H2", "--status", "逾期", "--status", "due_soon", "--as-of", "2018-12-01"),
    ("--as-of", "2018-03-01", "--unit", "市环保局", "-f", "json"),
]


def test_deadlines_read_only_the_documents_with_something_due(
    prd, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`prd deadlines` from the index: the units, the progress and the documents with a
    deadline of the answer in its range, validated from their stored JSON; the bytes (and
    the hints said when nothing is due) are those the whole data gives."""
    data = _with_progress_and_two_documents(data_copy)
    wanted = {c: prd("deadlines", *c, "--no-cache", data=data) for c in DEADLINE_CASES}
    assert all(r.exit_code == 0 for r in wanted.values())
    assert prd("list", "-f", "json", data=data).exit_code == 0  # stores the index
    with monkeypatch.context() as m:
        _no_loading_at_all(m)
        for case, want in wanted.items():
            got = prd("deadlines", *case, data=data)
            assert (got.exit_code, got.stdout, got.stderr) == (0, want.stdout, want.stderr), case
    # Only the document with something due in the period: none at all for a unit with nothing.
    validated: list[str] = []
    from prd_cli import loading

    real = loading._from_body
    monkeypatch.setattr(loading, "_from_body", lambda file, *a: validated.append(file.name) or real(file, *a))
    assert prd("deadlines", "--period", "2017H2", "--doc", "gsw-2018-5", data=data).exit_code == 0
    assert "measures.yaml" not in validated
    for bad in (("--doc", "nosuch"), ("--unit", "市商物局")):
        want = prd("deadlines", "--period", "2018H1", *bad, "--no-cache", data=data)
        got = prd("deadlines", "--period", "2018H1", *bad, data=data)
        assert (got.exit_code, got.stderr) == (2, want.stderr), bad


def test_an_index_of_an_older_shape_is_a_miss_and_built_again(prd, data_copy: Path) -> None:
    """An index without the tables `prd units` and `prd deadlines` read (FORMAT 9's) is not
    asked: the data answers, and the index is built again in the shape of today."""
    import sqlite3

    want = {c: prd(*c, "--no-cache", data=data_copy).stdout for c in (("units",), ("deadlines", "-p", "2017H2"))}
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    (slot,) = _cache_files()
    with sqlite3.connect(slot) as conn:
        for table in ("unit_list", "role_counts", "spans", "measure_nums"):
            conn.execute(f"DROP TABLE {table}")
    conn.close()
    for case, expected in want.items():
        got = prd(*case, data=data_copy)
        assert (got.exit_code, got.stdout) == (0, expected), case
    assert prd("list", "-f", "json", data=data_copy).exit_code == 0
    with sqlite3.connect(slot) as conn:
        assert conn.execute("SELECT count(*) FROM unit_list").fetchone()[0] > 0
    conn.close()
