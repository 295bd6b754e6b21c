"""`prd report`: golden files a person has read, narrowing, escaping, sandboxing, rendering."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .test_list import COMMERCE

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PRD_UPDATE_GOLDEN") == "1"  # regenerate on purpose, then read the diff


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder outside git holding the data and invented test progress, as cwd."""
    shutil.copytree(Path(__file__).parent.parent / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "progress", tmp_path / "data" / "progress")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514764800")  # 2018-01-01: a stable generation date
    return Path("data")


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with PRD_UPDATE_GOLDEN=1 and read it"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (("--period", "2017H2"), "report-2017H2.md"),
        (("--period", "2018H1", "--as-of", "2018-03-31"), "report-2018H1.md"),
        (("--period", "2017H2", "--unit", "市商務局"), "report-2017H2-shangwu.md"),
        (("--period", "2017H2", "--format", "html"), "report-2017H2.html"),
    ],
)
def test_golden_reports(prd, office: Path, args: tuple[str, ...], golden: str) -> None:
    r = prd("report", *args, data=office)
    assert r.exit_code == 0, r
    check_golden(golden, r.stdout)
    again = prd("report", *args, data=office)
    assert again.stdout == r.stdout  # byte-for-byte stable


def _task_ids(md: str) -> list[str]:
    tasks = md.split("\n## 二、各项任务落实情况")[1].split("\n## 三、")[0]
    return re.findall(r"^\*\*(\d+\.\d+)\*\*", tasks, flags=re.M)


def test_report_content(prd, office: Path) -> None:
    md = prd("report", "--period", "2017H2", data=office).stdout
    assert len(_task_ids(md)) == 37  # every task, dated or not
    due = md.split("\n## 三、本期到期节点")[1].split("\n## 四、")[0]
    for item in ("| 6.1 |", "| 21.1 |", "| 24.1 |", "| 29.1 |", "| 22.1 |"):
        assert item in due
    overdue = md.split("\n## 四、往期逾期节点")[1].split("\n## 五、")[0]
    assert "| 6.1 | 全市公路口岸“三互”大通关全覆盖（争取） | 2017-06-30 | 市商务局 | 逾期 |" in overdue
    assert "| 8.1 |" in md.split("## 五、跨期推进节点")[1]
    assert "未报送" in due
    # Each record stands under its task with the unit that reported it.
    assert "- 市商务局（牵头）2017-12-20 节点 1 推进中：单一窗口方案已起草，试运行准备中" in md
    assert "- 市环保局（牵头）2017-12-05 节点 1（2017-11-30） 已完成：11月联合监测完成" in md
    # A task's milestones in 节点 order (6.1's 节点 2 is overdue from 2017H1), in one list.
    block = md.split("**6.1**")[1].split("\n### ")[0]
    assert block.index("- 节点 1：") < block.index("- 节点 2：")
    assert "\n\n- " not in block.split("- 责任单位")[1].rstrip()


def test_not_reported_units_are_exactly_those_that_owe_and_sent_nothing(prd, office: Path) -> None:
    import json

    md = prd("report", "--period", "2017H2", data=office).stdout
    line = next(x for x in md.splitlines() if x.startswith("**未报送单位**"))
    listed = line.split("：", 1)[1].split("、")
    units = json.loads(prd("units", "-f", "json", data=office).stdout)
    owing = {
        u["name"]
        for u in units
        if u["kind"] != "collective" and u["lead_items"] + u["joint_items"] + u["support_items"]
    }
    reported = {"市商务局", "市环保局", "市发改局"}  # the fixture's 2017H2 records
    assert set(listed) == owing - reported and len(listed) == len(owing) - 3
    assert f"（{len(listed)} 个，应报送 {len(owing)} 个）" in line


def test_unit_report_names_every_task_it_owns(prd, office: Path) -> None:
    md = prd("report", "--period", "2017H2", "--unit", "市商务局", data=office).stdout
    named = [i for i in COMMERCE if i not in ("1.1", "29.1")]  # the 15 its clauses name
    ids = _task_ids(md)
    assert set(named) <= set(ids) and set(ids) - set(named) == {"1.1", "29.1"}  # both through 各相关部门
    section = md.split("### 市商务局")[1]
    assert "- 牵头：1.2、6.1、19.1" in section and "- 共同负责：2.2" in section
    assert "- 配合：1.1（各相关部门）、2.1、3.1、11.1、29.1（各相关部门）" in section


def test_unit_narrows_everything(prd, office: Path) -> None:
    md = prd("report", "--period", "2017H2", "--unit", "市环保局", data=office).stdout
    assert "### 市环保局" in md and "### 市商务局" not in md
    assert "| 6.1 |" not in md and "| 22.1 |" in md


def test_hostile_notes_are_escaped(prd, office: Path) -> None:
    md = prd("report", "--period", "2017H2", data=office).stdout
    line = next(x for x in md.splitlines() if x.startswith("| 29.1 |"))
    assert line.count(" | ") == 5  # the | in the note did not add a column
    assert "\\|" in line and "\\<script\\>" in line and "<script>" not in md
    html = prd("report", "--period", "2017H2", "-f", "html", data=office).stdout
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_running_head_cannot_leave_its_css_string(prd, office: Path) -> None:
    """The print header is the title in the style sheet, where HTML escaping does nothing."""
    m = office / "measures.yaml"
    text = m.read_text(encoding="utf-8")
    evil = "'东府办\"} body{display:none}</style><script>alert(1)</script>'"
    m.write_text(text.replace("  number: 东府办〔2017〕136号", f"  number: {evil}", 1), encoding="utf-8")
    html = prd("report", "--period", "2017H2", "-f", "html", data=office).stdout
    style = html.split("<style>")[1].split("</style>")[0]
    head = next(x for x in style.splitlines() if "@top-center" in x)
    assert head.count('"') == 2 and "<" not in head and "}" not in head.split('"')[1]
    assert "<script" not in html


def test_output_file_is_written_atomically(prd, office: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    r = prd("report", "--period", "2017H2", "--output", str(out), data=office)
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# 东府办〔2017〕136号 落实情况汇总（2017年下半年）")
    assert not list(tmp_path.glob(".report.md.*"))
    r = prd("report", "--period", "2017H2", "--output", str(tmp_path / "no-such-folder" / "r.md"), data=office)
    assert r.exit_code == 2 and "cannot write" in r.stderr and "No such file or directory" in r.stderr


def test_own_template_and_sandbox(prd, office: Path, tmp_path: Path) -> None:
    own = tmp_path / "mine.md.j2"
    own.write_text("{{ r.document.number }} {{ r.period }}：{{ r.summary.total }} 项\n", encoding="utf-8")
    r = prd("report", "--period", "2017H2", "--template", str(own), data=office)
    assert (r.exit_code, r.stdout) == (0, "东府办〔2017〕136号 2017H2：37 项\n")
    evil = tmp_path / "evil.md.j2"
    evil.write_text("line one\n{{ r.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    r = prd("report", "--period", "2017H2", "--template", str(evil), data=office)
    assert r.exit_code == 1 and r.stdout == ""
    assert f"{evil}:2:" in r.stderr and "unsafe" in r.stderr
    missing = tmp_path / "missing.md.j2"
    missing.write_text("{{ os.system('true') }}\n", encoding="utf-8")
    r = prd("report", "--period", "2017H2", "--template", str(missing), data=office)
    assert r.exit_code == 1 and f"{missing}:1:" in r.stderr and "'os' is undefined" in r.stderr
    broken = tmp_path / "broken.md.j2"
    broken.write_text("ok\n{% for x in %}\n", encoding="utf-8")
    r = prd("report", "--period", "2017H2", "--template", str(broken), data=office)
    assert r.exit_code == 1 and f"{broken}:2: template syntax" in r.stderr
    assert prd("report", "--period", "2017H2", "--template", "nope.j2", data=office).exit_code == 2


def test_bad_period_is_a_usage_error(prd) -> None:
    r = prd("report", "--period", "2017H3")
    assert r.exit_code == 2 and "H1 or H2" in r.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`); .ci/run installs it"
)
def test_html_renders_in_headless_chromium(prd, office: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(prd("report", "--period", "2017H2", "-f", "html", data=office).stdout, encoding="utf-8")
    shot = tmp_path / "report.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    run = subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=900,1400", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.exists(), run.stderr
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [CHROMIUM, *flags, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_traditional_report_is_traditional_throughout(prd, office: Path) -> None:
    html = prd("report", "--period", "2017H2", "-f", "html", "--script", "hant", data=office).stdout
    assert '<html lang="zh-Hant-HK">' in html and '"Noto Sans CJK HK"' in html.split("</style>")[0]
    assert "2017年下半年" in html and "落實情況彙總" in html and "未報送單位" in html
    assert "「" in html and "“" not in html  # Hong Kong quotation marks
    plain = prd("report", "--period", "2017H2", "-f", "html", data=office).stdout
    assert '<html lang="zh-CN">' in plain


def test_the_report_period_defaults_to_the_half_year_and_says_so(prd) -> None:
    """Like `prd deadlines`: the half year of --as-of (else today), said on stderr only."""
    r = prd("report", "--as-of", "2017-11-08")
    assert r.exit_code == 0, r
    assert "2017H2" in r.stderr and "--period" in r.stderr
    assert r.stdout == prd("report", "--period", "2017H2", "--as-of", "2017-11-08").stdout
