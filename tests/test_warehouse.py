"""The sqlite and parquet exports: a stable schema, and the same answers prd gives."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from prd_cli.warehouse import TABLES

from .conftest import ROOT

# The schema is a promise to whoever queries the export: change it deliberately, here too.
SCHEMA_V1 = {
    "documents": ["doc", "number", "title", "issuer", "date", "path"],
    "units": ["unit", "full_name", "kind"],
    "unit_members": ["collective", "member"],
    "items": ["qid", "doc", "id", "seq", "chapter", "chapter_title", "measure", "measure_title", "text", "clause"],
    "item_units": ["qid", "unit", "role", "via"],
    "milestones": [
        "qid",
        "number",
        "kind",
        "what",
        "due",
        "due_start",
        "due_end",
        "every",
        "starts",
        "until",
        "soft",
        "source",
        "review",
    ],  # fmt: skip
    "progress": [
        "path",
        "position",
        "period",
        "item",
        "qid",
        "unit",
        "status",
        "date",
        "note",
        "problems",
        "next_steps",
        "occurrence",
        "deadline",
    ],  # fmt: skip
    "meta": ["name", "value"],
}

BY_UNIT = """
SELECT i.doc, i.id, u.role, u.via
FROM item_units AS u JOIN items AS i USING (qid)
WHERE u.unit = ?
ORDER BY i.seq
"""


@pytest.fixture
def with_progress(data_copy: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "fixtures" / "progress", data_copy / "progress")
    return data_copy


def test_the_schema_is_the_documented_one(prd, tmp_path: Path) -> None:
    assert {name: [c for c, _, _ in cols] for name, cols in TABLES.items()} == SCHEMA_V1
    db = tmp_path / "prd.db"
    assert prd("export", "-f", "sqlite", "-o", str(db)).exit_code == 0
    with sqlite3.connect(db) as conn:
        for name, columns in SCHEMA_V1.items():
            assert [r[1] for r in conn.execute(f"PRAGMA table_info({name})")] == columns
        assert dict(conn.execute("SELECT name, value FROM meta"))["schema_version"] == "1"
    conn.close()


def test_the_by_unit_question_in_sql_is_prd_list_unit(prd, with_progress: Path, tmp_path: Path) -> None:
    db = tmp_path / "prd.db"
    assert prd("export", "-f", "sqlite", "-o", str(db), data=with_progress).exit_code == 0
    conn = sqlite3.connect(db)
    units = [u for (u,) in conn.execute("SELECT unit FROM units")]
    assert len(units) > 40
    for unit in units:
        listed = json.loads(prd("list", "--unit", unit, "-f", "json", data=with_progress).stdout)
        got = conn.execute(BY_UNIT, (unit,)).fetchall()
        assert [(r["doc"], r["id"], r["role"]) for r in listed] == [g[:3] for g in got], unit
    (records,) = conn.execute("SELECT count(*) FROM progress WHERE qid IS NOT NULL").fetchone()
    assert records > 0
    conn.close()


def test_parquet_holds_the_same_rows(prd, with_progress: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    db, folder = tmp_path / "prd.db", tmp_path / "pq"
    assert prd("export", "-f", "sqlite", "-o", str(db), data=with_progress).exit_code == 0
    assert prd("export", "-f", "parquet", "-o", str(folder), data=with_progress).exit_code == 0
    assert prd("export", "-f", "parquet", "-o", str(folder), data=with_progress).exit_code == 0  # replaced
    conn = sqlite3.connect(db)
    for name, columns in SCHEMA_V1.items():
        table = pq.read_table(folder / f"{name}.parquet")
        assert table.column_names == columns
        assert table.num_rows == conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    conn.close()


def test_parquet_without_pyarrow_says_what_to_install(prd, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    r = prd("export", "-f", "parquet", "-o", str(tmp_path / "pq"))
    assert r.exit_code == 2 and "pip install 'prd[parquet]'" in r.stderr
    assert not (tmp_path / "pq").exists()


def test_a_folder_with_other_files_is_not_replaced(prd, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    r = prd("export", "-f", "parquet", "-o", str(tmp_path))
    assert r.exit_code == 2 and "holds other files" in r.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_the_tables_need_an_output_and_no_unit(prd, tmp_path: Path) -> None:
    assert prd("export", "-f", "sqlite").exit_code == 2
    r = prd("export", "-f", "sqlite", "-o", str(tmp_path / "x.db"), "--unit", "市商务局")
    assert r.exit_code == 2 and "ask for one in SQL" in r.stderr


def test_a_unit_in_two_collectives_has_one_role_everywhere() -> None:
    """prd list --unit (role_of) and prd units and the exports (responsible) must agree, also
    when a unit is a member of two collectives a clause names with different roles."""
    from prd_cli.models import Item, Unit, validate
    from prd_cli.roles import responsible, role_of
    from prd_cli.units import UnitRegistry

    units = [
        validate(Unit, {"name": "甲局", "full_name": "甲局", "kind": "department"}),
        validate(Unit, {"name": "乙局", "full_name": "乙局", "kind": "department"}),
        *(
            validate(Unit, {"name": c, "full_name": c, "kind": "collective", "members": {"units": m, "source": "x"}})
            for c, m in (("集合甲", ["甲局", "乙局"]), ("集合乙", ["甲局"]))
        ),
    ]
    registry = UnitRegistry(units)
    for clause in (
        {"lead": ["集合乙"], "support": ["集合甲"]},
        {"lead": ["集合甲"], "support": ["集合乙"]},
        {"joint": ["集合乙", "乙局"], "support": ["集合甲"]},
        {"support": ["集合乙", "集合甲"]},
    ):
        item = validate(Item, {"id": "1.1", "text": "t", **clause})
        every = {r.unit: r for r in responsible(registry, item)}
        for unit in registry.by_name:
            assert role_of(registry, item, unit) == every.get(unit), (clause, unit)
