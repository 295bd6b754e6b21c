"""`prd import`: the seed round trip, other clause styles, encodings, and the review gate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import DATA, SEED

SECOND = Path(__file__).parent / "fixtures" / "import" / "second.txt"


def draft(prd, source: Path, tmp_path: Path, *args: str) -> tuple[dict, str, str]:
    out = tmp_path / "draft.yaml"
    r = prd("import", str(source), "--output", str(out), *args)
    assert r.exit_code == 0, r
    text = out.read_text(encoding="utf-8")
    return yaml.safe_load(text), text, r.stderr


def test_seed_round_trip_matches_the_shipped_data(prd, tmp_path: Path) -> None:
    got, text, summary = draft(prd, SEED, tmp_path)
    shipped = yaml.safe_load((DATA / "measures.yaml").read_text(encoding="utf-8"))
    for key in ("number", "title", "issuer", "addressees", "implements", "preamble"):
        assert got["document"][key] == shipped["document"][key], key
    assert str(got["document"]["date"]) == str(shipped["document"]["date"])
    assert len(got["chapters"]) == 9
    for ca, cb in zip(got["chapters"], shipped["chapters"], strict=True):
        assert (ca["number"], ca["title"]) == (cb["number"], cb["title"])
        for ma, mb in zip(ca["measures"], cb["measures"], strict=True):
            assert (ma["number"], ma["title"], ma.get("preamble")) == (mb["number"], mb["title"], mb.get("preamble"))
            for ia, ib in zip(ma["items"], mb["items"], strict=True):
                for key in ("id", "clause", "lead", "support"):
                    assert ia.get(key) == ib.get(key), (ia["id"], key)
                if ia["id"] != "7.1":  # the scrape garbled 客专虎门站 there; the importer flags it
                    assert ia["text"] == ib["text"], ia["id"]
                dues = {(d.get("due"), d.get("every")) for d in ia.get("deadlines", [])}
                hand = {(d.get("due"), d.get("every")) for d in ib.get("deadlines", [])}
                assert dues <= hand, ia["id"]  # nothing invented; 9.1's annual bulletin was added by hand
    assert "chapters: 9, measures: 29, items: 37" in summary
    assert "units: 60 known, 0 new" in summary
    assert "garbled line 28" in summary and "line 28:" in text
    assert "deadlines drafted: 9" in summary
    assert "# JUNK line 86: 扫描二维码 关注我们" in text
    assert "(qū)" not in text and "（qū）" not in text and "關" not in text


def test_plan_titles_are_not_deadlines(prd, tmp_path: Path) -> None:
    got, _, _ = draft(prd, SEED, tmp_path)
    item = got["chapters"][0]["measures"][0]["items"][1]  # 1.2 quotes 《…（2016-2020年）》
    assert item["id"] == "1.2" and "deadlines" not in item


def test_second_document_in_other_styles(prd, tmp_path: Path) -> None:
    got, text, summary = draft(prd, SECOND, tmp_path)
    doc = got["document"]
    assert (doc["number"], doc["issuer"], str(doc["date"])) == ("莞商务〔2018〕5号", "东莞市商务局", "2018-03-01")
    assert doc["title"] == "东莞市商务局关于推进跨境电子商务发展的工作方案"
    assert doc["implements"] == [{"number": "粤商务〔2017〕9号", "title": "广东省促进跨境电子商务发展工作方案"}]
    m1, m2 = got["chapters"][0]["measures"]
    assert m1["preamble"] == "本措施的总体要求是整合现有平台资源，提升服务水平。"
    i1, i2 = m1["items"]
    assert (i1["lead"], i1["support"]) == (["市商务局"], ["东莞海关", "市经信局"])  # 牵头…配合
    assert i1["text"].startswith("1.建设跨境电商公共服务平台")
    assert [(d.get("due"), d.get("review")) for d in i1["deadlines"]] == [("2018-06", True)]
    # 责任单位 with no 牵头 label: every named unit is responsible (joint), none leads
    assert (i2.get("lead"), i2["joint"], i2.get("support")) == (None, ["市商务局", "市统计局"], None)
    assert {(d.get("due"), d.get("every")) for d in i2["deadlines"]} == {(None, "quarterly"), ("2018", None)}
    (i3,) = m2["items"]
    assert i3["support"] == ["各镇街（园区）", "松山湖（生态园）管委会", "市跨境电商协会（筹）"]  # nested parentheses
    assert [(d.get("due"), d.get("every")) for d in i3["deadlines"]] == [("2018..2020", None)]  # not the plan title
    (i4,) = got["chapters"][1]["measures"][0]["items"]
    assert (i4.get("lead"), i4["joint"]) == (None, ["市商务局", "市财政局"])  # no 牵头 label: joint owners
    assert i4["deadlines"][0]["every"] == "06-30,12-31"
    assert "UNPLACED line 12: 这一段没有责任条款" in text
    assert "units: 6 known, 2 new (市统计局、市跨境电商协会（筹）)" in summary
    assert "#   kind: department" in text and "full_name: 东莞市统计局" in text


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings(prd, tmp_path: Path, encoding: str) -> None:
    source = tmp_path / f"second-{encoding}.txt"
    source.write_bytes(SECOND.read_text(encoding="utf-8").encode(encoding))
    got, _, summary = draft(prd, source, tmp_path)
    label = {"gb18030": "GB18030/GBK", "utf-16": "UTF-16", "utf-8-sig": "UTF-8 with BOM"}[encoding]
    assert f"encoding: {label}" in summary
    assert got["document"]["number"] == "莞商务〔2018〕5号"


def test_stdin_and_keep_script(prd, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from prd_cli.cli import app

    r = CliRunner().invoke(app, ["import", "-", "--keep-script", "--data", str(DATA)], input=SEED.read_bytes())
    assert r.exit_code == 0
    assert "東莞" in r.stdout and "(guān)" not in r.stdout


def test_unreadable_input(prd, tmp_path: Path) -> None:
    assert prd("import", str(tmp_path / "missing.txt")).exit_code == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xff\xff\x00\x81")
    r = prd("import", str(bad))
    assert r.exit_code == 1 and "not UTF-8, UTF-16 or GB18030" in r.stderr
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一封普通的信，没有章节，也没有牵头单位。\n", encoding="utf-8")
    r = prd("import", str(prose), "--output", str(tmp_path / "draft.yaml"))
    assert r.exit_code == 1 and "is this the text of a policy document?" in r.stderr
    assert not (tmp_path / "draft.yaml").exists()


def test_validate_refuses_drafts_until_reviewed(prd, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    _, text, _ = draft(prd, SEED, tmp_path)
    (data / "measures.yaml").write_text(text, encoding="utf-8")
    r = prd("validate", data=data)
    assert r.exit_code == 1
    assert r.stdout.count("[unreviewed-draft]") == 9
    (data / "measures.yaml").write_text(text.replace("        review: true\n", ""), encoding="utf-8")
    r = prd("validate", data=data)
    assert r.exit_code == 0, r


def test_a_documents_unit_is_never_taken_for_a_near_namesake(prd, tmp_path: Path) -> None:
    """A State Council document's 国资委 is not Dongguan's 市国资委, though `--unit 国资委` means it."""
    source = tmp_path / "国办.txt"
    source.write_text(
        "一、任务\n（一）深化国企改革。推进混合所有制改革。（国资委牵头，财政部按职责分工负责）\n", encoding="utf-8"
    )
    r = prd("import", str(source))
    assert r.exit_code == 0, r
    assert "lead: [国资委]" in r.stdout and "市国资委" not in r.stdout.split("units:")[0]
    assert prd("list", "--unit", "国资委", "-f", "json").exit_code == 0  # typed, it means the city's
