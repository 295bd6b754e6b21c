"""Traditional output everywhere for Hong Kong readers, and Ctrl-C without a traceback."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prd_cli.script import script_context, to_hk

from .conftest import DATA, ROOT


def test_to_hk_uses_hong_kong_quotation_marks() -> None:
    assert to_hk("实现全市公路口岸“三互”大通关") == "實現全市公路口岸「三互」大通關"
    assert to_hk("“研究‘单一窗口’方案”") == "「研究『單一窗口』方案」"


def test_to_hk_keeps_the_document_words_as_hong_kong_officials_write_them() -> None:
    # OpenCC's Hong Kong variants write 城市羣; the Hong Kong government writes 城市群.
    assert to_hk("粤港澳大湾区城市群") == "粵港澳大灣區城市群"
    assert to_hk("东江干支流") == "東江幹支流"
    assert to_hk("光纤到户") == "光纖到戶"
    assert to_hk("个人游签注") == "個人遊簽注"
    assert to_hk("打造“中国硅谷”") == "打造「中國矽谷」"


def test_script_context_for_the_report() -> None:
    hant = script_context("hant")
    assert hant["lang"] == "zh-Hant-HK"
    assert hant["font_stack"].startswith('"PingFang HK"')
    assert hant["quote_open"] == "「"
    assert script_context("hans")["lang"] == "zh-CN"
    with pytest.raises(ValueError):
        script_context("latin")


def test_table_headers_are_converted_with_the_cells(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("list", "--unit", "市商务局", "--script", "hant")
    assert r.exit_code == 0
    assert "編號" in r.stdout and "本單位職責" in r.stdout
    assert "编号" not in r.stdout and "职责" not in r.stdout
    r = prd("deadlines", "--period", "2017", "--script", "hant", "--as-of", "2018-01-15")
    assert "截止日期" in r.stdout and "狀態" in r.stdout and "状态" not in r.stdout
    assert "「三互」" in r.stdout


def test_show_in_traditional_uses_corner_brackets(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("show", "6.1", "--script", "hant", "--as-of", "2018-01-15")
    assert r.exit_code == 0
    assert "「三互」" in r.stdout and "“" not in r.stdout


def test_the_period_notice_follows_the_script(prd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("deadlines", "--script", "hant", "--as-of", "2017-09-01")
    assert "2017年下半年" in r.stderr and "默認" in r.stderr
    # A Hong Kong locale reads Traditional without --script, labels put into messages too.
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    r = prd("deadlines", "--as-of", "2017-09-01")
    assert "期間：2017年下半年" in r.stderr and "預設為當前半年" in r.stderr  # Hong Kong's word, not 默認
    r = prd("deadlines", "--status", "暫停")
    assert r.exit_code == 2 and "overdue（逾期）、due_soon（即將到期）" in r.stderr and "将" not in r.stderr


def test_export_csv_in_traditional(prd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "台帳.csv"
    r = prd("export", "-f", "csv", "--unit", "市商务局", "--script", "hant", "-o", str(out))
    assert r.exit_code == 0, r
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # still the BOM Excel needs
    text = raw.decode("utf-8-sig")
    assert "牽頭單位" in text and "「三互」" in text and "牵头" not in text


def test_export_ics_in_traditional_keeps_its_line_limit(prd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "cal.ics"
    r = prd("export", "-f", "日历", "--script", "hant", "-o", str(out))
    assert r.exit_code == 0, r
    raw = out.read_bytes()
    assert "牽頭單位".encode() in raw.replace(b"\r\n ", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # no character cut in half by folding


def test_export_xlsx_in_traditional(prd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "ledger.xlsx"
    r = prd("export", "-f", "xlsx", "-o", str(out), "--period", "2017H2", "--script", "hant", "--as-of", "2018-01-15")
    assert r.exit_code == 0, r
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert "2017H2到期事項" in book.sheetnames
    sheet = book["2017H2到期事項"]
    assert "牽頭單位" in [c.value for c in sheet[2]]  # the header row, under the title


# --- Ctrl-C ----------------------------------------------------------------------------------


def _default_sigint() -> None:
    # A test run in a shell's background inherits an ignored SIGINT; the child must not.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PRD_DATA"}
    env["PYTHONPATH"] = str(ROOT)
    return env


_INTERRUPT_WHILE_IMPORTING = """
import os, signal, sys

class Interrupt:
    # Ctrl-C arrives just as typer is being imported: no prd handler on the stack yet.
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["prd", "list"]
from prd_cli.entry import main
main()
"""


def test_ctrl_c_while_importing_exits_130_quietly() -> None:
    r = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_WHILE_IMPORTING],
        capture_output=True,
        text=True,
        env=_env(),
        preexec_fn=_default_sigint,
        timeout=60,
    )
    assert r.returncode == 130, r.stderr
    assert "Traceback" not in r.stderr and "KeyboardInterrupt" not in r.stderr


def test_ctrl_c_while_running_exits_130_quietly() -> None:
    # `prd import -` waits for standard input: a command interrupted part way.
    p = subprocess.Popen(
        [sys.executable, "-m", "prd_cli", "import", "-", "--data", str(DATA)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        preexec_fn=_default_sigint,
    )
    time.sleep(2)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert b"Traceback" not in err


def test_show_gives_occurrences_in_words(prd) -> None:  # type: ignore[no-untyped-def]
    r = prd("show", "22.1", "--as-of", "2018-01-01")
    assert "2018-06-30（2018年上半年）" in r.stdout and "2018-01-31（2018年1月）" in r.stdout
    r = prd("show", "22.1", "--as-of", "2018-01-01", "--script", "hant")
    assert "（2018年上半年）" in r.stdout
