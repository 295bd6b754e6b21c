"""After an edit the index takes the edited file alone, and answers as a full load does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import prd_cli.loading

ROOT = Path(__file__).resolve().parent.parent

# Each answered from the index after the edit, and compared with --no-cache.
QUERIES = [
    ("list", "--unit", "市商务局", "-f", "json"),
    ("list", "--unit", "市商务局", "--role", "lead", "-f", "json"),
    ("list", "--unit", "市商务局"),
    ("list", "-f", "json"),
    ("units", "-f", "json"),
    ("show", "bench-002/3.1", "--as-of", "2021-01-01", "-f", "json"),
    ("show", "bench-001/1.1", "--as-of", "2021-01-01"),
    ("deadlines", "--period", "2017..2024", "--as-of", "2021-01-01", "-f", "json"),
    ("deadlines", "--period", "2017..2024", "--as-of", "2021-01-01", "--unit", "市商务局"),
]


def _generate(target: Path, docs: int, items: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    bench.generate(target, docs, items, seed)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    _generate(target, 6, 18, seed=11)
    return target


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from here on, by name."""
    parsed: list[str] = []
    real = prd_cli.loading.load_model

    def counting(file: Path, *args: object, **kwargs: object) -> object:
        parsed.append(file.name)
        return real(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prd_cli.loading, "load_model", counting)
    return parsed


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _give_unit(file: Path, unit: str) -> None:
    """The file's first item gets `unit` as its only lead, clause and all."""
    lines = file.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("clause:"))
    lines[at] = f"            clause: （牵头单位：{unit}）"
    lines[at + 1] = f"            lead: [{unit}]"
    if lines[at + 2].strip().startswith("support:"):
        del lines[at + 2]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _answers(prd, folder: Path, *extra: str) -> list[tuple[int, str]]:
    out = []
    for query in QUERIES:
        r = prd(*query, *extra, data=folder)
        out.append((r.exit_code, r.stdout))
    return out


def test_after_a_one_file_edit_only_that_file_is_parsed_and_the_answers_are_a_full_loads(
    prd, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert prd("list", "--unit", "市商务局", "-f", "json", data=folder).exit_code == 0  # builds the index
    edited = folder / "documents" / "bench-002.yaml"
    _give_unit(edited, "市商务局")
    _edit(edited, "id: '3.1'\n            text: ", "id: '3.1'\n            text: 新加的一句话。")
    parsed = _count_parses(monkeypatch)
    first = prd("list", "--unit", "市商务局", "-f", "json", data=folder)
    assert first.exit_code == 0, first
    assert parsed == ["bench-002.yaml"]
    assert '"doc": "bench-002"' in first.stdout and "新加的一句话" not in first.stdout
    cached = _answers(prd, folder)
    assert parsed == ["bench-002.yaml"]  # the other queries were answered from the index too
    assert cached == _answers(prd, folder, "--no-cache")
    assert all(code == 0 for code, _out in cached)
    assert "新加的一句话" in cached[5][1]


def test_documents_added_and_removed_are_taken_file_by_file(prd, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert prd("list", "-f", "json", data=folder).exit_code == 0
    (folder / "documents" / "bench-003.yaml").unlink()
    text = (folder / "documents" / "bench-004.yaml").read_text(encoding="utf-8")
    (folder / "documents" / "bench-009.yaml").write_text(text.replace("bench-004", "bench-009"), encoding="utf-8")
    _give_unit(folder / "documents" / "bench-009.yaml", "市商务局")
    parsed = _count_parses(monkeypatch)
    cached = _answers(prd, folder)
    assert parsed == ["bench-009.yaml"]
    assert cached == _answers(prd, folder, "--no-cache")


def test_a_progress_edit_is_checked_against_the_documents_it_names(
    prd, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _give_unit(folder / "documents" / "bench-002.yaml", "市商务局")
    (folder / "progress").mkdir()
    record = "  - item: bench-002/1.1\n    unit: 市商务局\n    status: done\n    date: 2019-12-20\n"
    (folder / "progress" / "2019H2.yaml").write_text(f"period: 2019H2\nrecords:\n{record}", encoding="utf-8")
    assert prd("list", "--unit", "市商务局", data=folder).exit_code == 0
    parsed = _count_parses(monkeypatch)
    note = "    note: 已完成验收\n"
    (folder / "progress" / "2019H2.yaml").write_text(f"period: 2019H2\nrecords:\n{record}{note}", encoding="utf-8")
    cached = _answers(prd, folder)
    assert parsed == ["2019H2.yaml"]
    assert cached == _answers(prd, folder, "--no-cache")
    assert "已完成验收" in prd("show", "bench-002/1.1", "--as-of", "2021-01-01", data=folder).stdout

    # Records on an item no document has, or on a bare id that several have: reported.
    for item, said in (("bench-002/99.1", 'unknown item "bench-002/99.1"'), ("1.1", "more than one document")):
        wrong = record.replace("bench-002/1.1", item)
        (folder / "progress" / "2019H2.yaml").write_text(f"period: 2019H2\nrecords:\n{wrong}", encoding="utf-8")
        r = prd("list", "--unit", "市商务局", "-f", "json", data=folder)
        assert r.exit_code == 1 and said in r.stderr and "2019H2.yaml" in r.stderr, r
    (folder / "progress" / "2019H2.yaml").write_text(f"period: 2019H2\nrecords:\n{record}", encoding="utf-8")
    assert prd("list", "--unit", "市商务局", "-f", "json", data=folder).exit_code == 0

    # A document edit that leaves the record on a unit no longer responsible: reported.
    _give_unit(folder / "documents" / "bench-002.yaml", "市教育局")
    r = prd("list", "--unit", "市商务局", "-f", "json", data=folder)
    assert r.exit_code == 1 and "not responsible" in r.stderr and "2019H2.yaml" in r.stderr


@pytest.mark.parametrize(
    "breaks, code",
    [
        (("documents/bench-003.yaml", "key: bench-003", "key: bench-002"), "bench-003.yaml"),
        (("documents/bench-003.yaml", "lead: [", "lead: [市不存在局, "), "unknown"),
        (("documents/bench-003.yaml", "id: '2.1'", "id: '3.1'"), "3.1"),
    ],
    ids=["duplicate-key", "unknown-unit", "item-id"],
)
def test_an_edit_that_breaks_the_data_is_reported_in_full(
    prd, folder: Path, breaks: tuple[str, str, str], code: str
) -> None:
    assert prd("list", "--unit", "市商务局", "-f", "json", data=folder).exit_code == 0
    path, old, new = breaks
    _edit(folder / path, old, new)
    for query in (("list", "--unit", "市商务局", "-f", "json"), ("units",), ("show", "bench-001/1.1")):
        r = prd(*query, data=folder)
        full = prd(*query, "--no-cache", data=folder)
        assert r.exit_code == 1 and (r.stdout, r.stderr) == (full.stdout, full.stderr), r
        assert code in r.stderr and "bench-003.yaml:" in r.stderr
    # Mended, it is answered again, and from the index.
    _edit(folder / path, new, old)
    assert prd("list", "--unit", "市商务局", "-f", "json", data=folder).exit_code == 0


def test_a_duplicate_key_in_a_new_file_is_reported(prd, folder: Path) -> None:
    assert prd("list", "--unit", "市商务局", "-f", "json", data=folder).exit_code == 0
    text = (folder / "documents" / "bench-004.yaml").read_text(encoding="utf-8")
    (folder / "documents" / "bench-004-copy.yaml").write_text(text, encoding="utf-8")
    r = prd("list", "--unit", "市商务局", "-f", "json", data=folder)
    assert r.exit_code == 1 and "duplicate-key" not in r.stdout
    assert 'document key "bench-004" is also used' in r.stderr or "bench-004" in r.stderr


def test_an_edit_of_the_units_checks_every_document_again(prd, folder: Path) -> None:
    assert prd("list", "--unit", "市商务局", "-f", "json", data=folder).exit_code == 0
    _edit(folder / "units.yaml", "full_name: 东莞市商务局", "full_name: 东莞市商务局（市口岸局）")
    assert _answers(prd, folder) == _answers(prd, folder, "--no-cache")
    _edit(folder / "units.yaml", "  - name: 市商务局\n", "  - name: 市商务厅\n")
    r = prd("list", "--unit", "市商务厅", "-f", "json", data=folder)
    assert r.exit_code == 1 and "市商务局" in r.stderr


@pytest.mark.parametrize("damage", ["torn", "foreign", "other-version"])
def test_a_damaged_index_after_an_edit_is_a_miss(prd, folder: Path, damage: str) -> None:
    import os
    import sqlite3

    assert prd("list", "--unit", "市商务局", "-f", "json", data=folder).exit_code == 0
    (slot,) = Path(os.environ["PRD_CACHE_DIR"]).glob("*.sqlite")
    _give_unit(folder / "documents" / "bench-002.yaml", "市商务局")
    if damage == "torn":
        slot.write_bytes(slot.read_bytes()[: slot.stat().st_size // 3])
    else:
        conn = sqlite3.connect(slot)
        if damage == "foreign":
            conn.execute("DROP TABLE ids")
        else:
            conn.execute("UPDATE meta SET value = 'another prd' WHERE name = 'code'")
        conn.commit()
        conn.close()
    assert _answers(prd, folder) == _answers(prd, folder, "--no-cache")


def test_an_unknown_doc_among_many_names_the_nearest_keys_not_all(prd, tmp_path: Path) -> None:
    target = tmp_path / "many"
    _generate(target, 30, 3, seed=5)
    r = prd("list", "--doc", "bench-0002", data=target)
    assert r.exit_code == 2, r
    assert "among 30 documents" in r.stderr and "bench-002" in r.stderr and "bench-015" not in r.stderr, r.stderr
