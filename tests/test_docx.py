"""`prd report --format docx`: the Word report in GB/T 9704 layout, read back with python-docx."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree
from typer.testing import CliRunner

from prd_cli.cli import app
from prd_cli.formats.docx import BODY_FONT, HANT_FONTS, HEADING1_FONT, HEADING2_FONT, TABLE_FONT, TITLE_FONT

from .conftest import DATA
from .test_report import FIXTURES


@pytest.fixture
def task_ids(prd) -> list[str]:
    """Every task of the shipped document, as `prd list` gives them."""
    r = prd("list", "--format", "json")
    assert r.exit_code == 0, r
    return [row["id"] for row in json.loads(r.stdout)]


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped data with the invented test progress, outside git, as cwd."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(FIXTURES / "progress", tmp_path / "data" / "progress")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514764800")
    return tmp_path / "data"


def make(prd, out: Path, *args: str, data: Path | None = DATA):  # type: ignore[no-untyped-def]
    r = prd("report", "--period", "2017H2", "--format", "docx", "--output", str(out), *args, data=data)
    assert r.exit_code == 0, r
    assert r.stdout == "" and f"wrote {out}" in r.stderr
    return Document(str(out))


def all_text(doc) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def east_asia(run) -> str | None:  # type: ignore[no-untyped-def]
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_every_task_is_in_the_report(prd, tmp_path: Path, task_ids: list[str]) -> None:
    doc = make(prd, tmp_path / "r.docx")
    text = all_text(doc)
    lead = {p.runs[0].text.strip() for p in doc.paragraphs if p.runs and p.runs[0].bold}
    assert len(task_ids) == 37
    for task in task_ids:
        assert task in lead, f"task {task} has no paragraph of its own"
    assert "二、各项任务落实情况" in text and "四、分单位情况" in text
    assert re.search(r"注：.*数据版本 [0-9a-f]{12}", text)  # the shipped data is in git
    assert str(DATA) not in text and str(tmp_path) not in text  # never a local path


def test_content_follows_the_figures(prd, office: Path, tmp_path: Path) -> None:
    doc = make(prd, tmp_path / "r.docx", data=office)
    text = all_text(doc)
    paras = [p.text for p in doc.paragraphs]
    assert paras[0] == "东府办〔2017〕136号\n落实情况汇总（2017年下半年）"
    assert any(p.startswith("截至2017年12月31日，文件涉及工作任务37项") for p in paras)
    for heading in ("一、总体情况", "二、各项任务落实情况", "三、时间节点", "四、分单位情况"):
        assert heading in paras
    assert "（一）本期到期节点" in paras and "（二）往期逾期未完成节点" in paras and "（三）跨期推进节点" in paras
    assert any(p.startswith("未报送单位：") for p in paras)
    # A unit's report on a task: unit, state, progress, problems, next steps.
    assert "<script>alert(1)</script>" in text  # plain text in Word: nothing to escape, nothing run
    assert any(p.startswith("注：") and "数据不在 git 仓库中" in p for p in paras)


def test_page_layout_is_gbt_9704(prd, tmp_path: Path) -> None:
    doc = make(prd, tmp_path / "r.docx")
    (section,) = doc.sections
    # Stored in twentieths of a point: the millimetres come back to within a hundredth.
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]
    assert [round(x.mm, 1) for x in sizes] == [210, 297, 37, 35, 28, 26]
    assert round(section.footer_distance.mm) == 25  # the page number's 一字线 7 mm below the type area
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    # Page numbers — 1 — in 4号 宋体, as a PAGE field, on odd and even pages.
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "— " in xml and " —" in xml
        assert 'w:eastAsia="宋体"' in xml and '<w:sz w:val="28"/>' in xml


def test_fonts_are_named_for_east_asian_text(prd, tmp_path: Path) -> None:
    doc = make(prd, tmp_path / "r.docx")
    title = doc.paragraphs[0]
    assert {east_asia(r) for r in title.runs} == {TITLE_FONT}
    assert {r.font.size for r in title.runs} == {Pt(22)}
    by_text = {p.text: p for p in doc.paragraphs}
    assert {east_asia(r) for r in by_text["一、总体情况"].runs} == {HEADING1_FONT}
    assert {east_asia(r) for r in by_text["（一）工作任务"].runs} == {HEADING2_FONT}
    opening = next(p for p in doc.paragraphs if p.text.startswith("截至"))
    assert {east_asia(r) for r in opening.runs} == {BODY_FONT}
    assert {r.font.size for r in opening.runs} == {Pt(16)}
    body = doc.tables[0].rows[1].cells[0].paragraphs[0].runs
    assert {east_asia(r) for r in body} == {TABLE_FONT} and {r.font.size for r in body} == {Pt(10.5)}
    # No theme font left to override the names, and the fallbacks Word and WPS fall back to.
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        assert "theme" not in doc.styles[name].element.xml.lower().replace("w:themecolor", "")
    defaults = etree.tostring(doc.styles.element.find(qn("w:docDefaults")), encoding="unicode")
    assert "theme" not in defaults.lower()
    fonts = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable")).blob.decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts


def test_table_header_rows_repeat_and_rows_do_not_split(prd, office: Path, tmp_path: Path) -> None:
    doc = make(prd, tmp_path / "r.docx", data=office)
    assert len(doc.tables) > 5
    for table in doc.tables:
        rows = table.rows
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        widths = [c.width for c in table.columns]
        assert sum(w.mm for w in widths) == pytest.approx(156, abs=1)  # the type area, 210 − 28 − 26 mm


def test_unit_and_traditional_script(prd, office: Path, tmp_path: Path) -> None:
    doc = make(prd, tmp_path / "r.docx", "--unit", "市环保局", "--script", "hant", data=office)
    paras = [p.text for p in doc.paragraphs]
    assert paras[0].endswith("落實情況彙總（2017年下半年，市環保局）")
    assert "二、各項任務落實情況" in paras
    assert any(p.startswith("22.1") for p in paras) and not any(p.startswith("6.1") for p in paras)
    # Traditional text in Traditional fonts, marked zh-HK: the GB fonts lack most Traditional
    # characters. Font names are swapped whole, never converted as if they were text.
    assert {east_asia(r) for r in doc.paragraphs[0].runs} == {HANT_FONTS[TITLE_FONT]}
    xml = "".join(
        etree.tostring(part).decode() for part in (doc.styles.element, doc.element, doc.sections[0].footer._element)
    )
    assert 'w:eastAsia="zh-HK"' in xml and "zh-CN" not in xml
    for gb in (TITLE_FONT, BODY_FONT, HEADING1_FONT, HEADING2_FONT, TABLE_FONT, "簡體", "GB2312"):
        assert gb not in xml, gb
    import zipfile

    fonts = zipfile.ZipFile(tmp_path / "r.docx").read("word/fontTable.xml").decode()
    assert fonts.count('w:name="MingLiU_HKSCS"') == 1 and "細明體_HKSCS" in fonts
    assert language(make(prd, tmp_path / "s.docx", data=office)) == "zh-CN"


def language(doc) -> str | None:  # type: ignore[no-untyped-def]
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    return rpr.find(qn("w:lang")).get(qn("w:eastAsia"))


def test_lists_of_ids_may_wrap_and_milestones_say_their_state_once(prd, office: Path, tmp_path: Path) -> None:
    doc = make(prd, tmp_path / "r.docx", data=office)
    paras = [p.text for p in doc.paragraphs]
    # LibreOffice breaks no line between 、 and a digit: 1.1、1.2、… ran past the margin.
    pending = [p for p in paras if p.startswith("本期未报送（")]
    assert pending and all("、\u200b" in p for p in pending if "、" in p)
    assert any(p.startswith("承担任务：牵头1.1、\u200b1.2、\u200b") for p in paras)
    # Zero-width spaces only in prd's own lists, never inside the document's text.
    tasks = [p for p in paras if re.match(r"\d+\.\d+　", p)]
    assert len(tasks) == 37 and not any("\u200b" in p for p in tasks)
    milestones = [p for p in paras if p.startswith("节点：")]
    assert "节点：召开东莞中外运石龙码头对外开放验收会议，2017年12月31日，已完成：验收会议已召开。" in milestones
    assert any(p.endswith("，逾期；未报送。") for p in milestones)
    assert not any("已完成；已完成" in p or "推进中；推进中" in p for p in milestones)


def test_dash_writes_the_docx_to_a_pipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-o - is standard output, as `prd import -` reads standard input: never a file named -."""
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["report", "-p", "2017H2", "-f", "docx", "-o", "-", "--data", str(DATA)])
    assert r.exit_code == 0, r.output
    doc = Document(io.BytesIO(r.stdout_bytes))
    assert doc.paragraphs[0].text.startswith("东府办〔2017〕136号")
    assert list(tmp_path.iterdir()) == []
    r = CliRunner().invoke(app, ["report", "-p", "2017H2", "-o", "-", "--data", str(DATA)])
    assert r.exit_code == 0 and r.stdout.startswith("# 东府办〔2017〕136号") and list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_docx_is_never_written_to_a_terminal(tmp_path: Path) -> None:
    """A terminal, unlike CliRunner's pipe, needs a real one: zip bytes there would garble it."""
    leader, follower = os.openpty()
    try:
        for dash in ([], ["-o", "-"]):
            run = subprocess.run(
                [sys.executable, "-m", "prd_cli", "report", "-p", "2017H2", "-f", "docx", *dash, "--data", str(DATA)],
                stdout=follower,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": ""},
                timeout=60,
            )
            assert run.returncode == 2 and "--output FILE.docx" in run.stderr
    finally:
        os.close(follower)
        os.close(leader)


def test_the_output_name_chooses_the_format(prd, tmp_path: Path) -> None:
    """-o 汇总.docx alone is the Word report: Markdown in a .docx would not open in Word."""
    out = tmp_path / "汇总.docx"
    r = prd("report", "--period", "2017H2", "--output", str(out))
    assert r.exit_code == 0, r
    assert Document(str(out)).paragraphs[0].text.startswith("东府办〔2017〕136号")
    r = prd("report", "--period", "2017H2", "--output", str(tmp_path / "汇总.html"))
    assert r.exit_code == 0 and (tmp_path / "汇总.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = prd("report", "--period", "2017H2", "--format", "md", "--output", str(tmp_path / "x.docx"))
    assert r.exit_code == 2 and "names a Word file, but --format md writes text: use --format docx" in r.stderr
    assert not (tmp_path / "x.docx").exists()
    r = prd("report", "--period", "2017H2", "--output", str(tmp_path / "汇总.md"))
    assert r.exit_code == 0 and (tmp_path / "汇总.md").read_text(encoding="utf-8").startswith("# 东府办")


def test_docx_needs_an_output_file(prd, tmp_path: Path) -> None:
    r = prd("report", "--period", "2017H2", "--format", "docx")
    assert r.exit_code == 2 and "--output FILE.docx" in r.stderr and r.stdout == ""
    own = tmp_path / "mine.j2"
    own.write_text("x", encoding="utf-8")
    r = prd("report", "-p", "2017H2", "-f", "docx", "-o", str(tmp_path / "r.docx"), "--template", str(own))
    assert r.exit_code == 2 and "no template" in r.stderr


SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(
    SOFFICE is None or PDFTOPPM is None,
    reason="LibreOffice or poppler is not installed (Debian: apt-get install libreoffice-writer poppler-utils)",
)
def test_renders_in_libreoffice(prd, office: Path, tmp_path: Path) -> None:
    assert SOFFICE is not None and PDFTOPPM is not None
    out = tmp_path / "report.docx"
    make(prd, out, data=office)
    # The fallbacks the README gives for LibreOffice: serif 仿宋/宋体, sans 黑体, not one face for all.
    fonts = Path(__file__).parent.parent / "examples" / "gongwen-fonts.conf"
    run = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "FONTCONFIG_FILE": str(fonts)},
    )
    pdf = tmp_path / "report.pdf"
    assert pdf.exists(), run.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run([PDFTOPPM, "-png", "-r", "30", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 5_000 for p in pages)  # drawn pages, not blank ones
    # With Noto CJK installed, the fallbacks took: serif for 仿宋/宋体/楷体/小标宋, sans for 黑体.
    # (A malformed fonts.conf is ignored by fontconfig without a word, leaving all sans.)
    pdffonts = shutil.which("pdffonts")
    fc_list = shutil.which("fc-list")
    if pdffonts and fc_list and "Noto Serif CJK SC" in subprocess.run([fc_list], capture_output=True, text=True).stdout:
        used = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "NotoSerifCJK" in used and "NotoSansCJK" in used, used
