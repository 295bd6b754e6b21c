"""Messages in the reader's language: Simplified for a Chinese locale, Traditional (Hong Kong)
for zh_HK/zh_TW/zh_MO, English otherwise; codes never translated."""

from __future__ import annotations

from pathlib import Path

import pytest

from prd_cli.i18n import LOCALE_DIR, compiled_catalogs, language, read_po


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_SG.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_HK.UTF-8"}, "zh_HK"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_HK"),
        ({"LANG": "zh_MO.UTF-8"}, "zh_HK"),
        ({"LANGUAGE": "zh_Hant", "LANG": "en_US.UTF-8"}, "zh_HK"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, None),
        ({"LANG": "C"}, None),
        ({"LANG": "en_GB.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_locale_chooses_the_language(env: dict[str, str], expected: str | None) -> None:
    assert language(env) == expected


def _broken(data_copy: Path) -> Path:
    f = data_copy / "measures.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("lead: [市商务局]", "lead: [市商物局]", 1), encoding="utf-8")
    return data_copy


def test_validate_speaks_chinese_in_a_chinese_locale(prd, data_copy: Path, monkeypatch) -> None:
    data = _broken(data_copy)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("validate", data=data)
    assert r.exit_code == 1
    assert ": 错误: 没有单位“市商物局”（是否指 市商务局？） [unknown-unit]" in r.stdout
    assert "错误 1 项，警告 0 项，提示 4 项" in r.stdout
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    r = prd("validate", data=data)
    assert ": 錯誤: 沒有單位「市商物局」" in r.stdout and "[unknown-unit]" in r.stdout
    monkeypatch.setenv("LANG", "C.UTF-8")
    r = prd("validate", data=data)
    assert ': error: unknown unit "市商物局" (did you mean 市商务局?) [unknown-unit]' in r.stdout
    # GitHub annotations and JSON keep their fields; only the words change.
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "::error file=" in prd("validate", "-f", "github", data=data).stdout


def test_the_shipped_catalogs_are_compiled_from_the_po() -> None:
    for path, data in compiled_catalogs().items():
        assert path.read_bytes() == data, f"{path} is stale: run python -m prd_cli.i18n"


def test_every_message_has_its_placeholders_in_chinese() -> None:
    import re

    po = read_po((LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "prd.po").read_text(encoding="utf-8"))
    assert len(po) > 60
    for english, chinese in po.items():
        assert set(re.findall(r"\{\w+\}", english)) == set(re.findall(r"\{\w+\}", chinese)), english


def test_command_errors_and_notes_speak_chinese(prd, data_copy: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("list", "--chapter", "12")
    assert r.exit_code == 2 and "没有第 12 章：章节为 1 至 9" in r.stderr, r
    # progress add: the refusal and the support unit's notice, with codes and names untouched.
    base = ("progress", "add", "9.1", "--status", "done", "--date", "2017-12-10")
    r = prd(*base, "--unit", "市商务局", data=data_copy)
    assert r.exit_code == 2 and "市商务局 不负责事项 9.1" in r.stderr, r
    r = prd("progress", "add", "24.1", "-u", "东莞海关", "-s", "done", "--date", "2017-12-10", data=data_copy)
    assert r.exit_code == 0, r
    assert "事项 24.1：东莞海关 为配合单位" in r.stderr
    assert r.stdout.startswith("已添加到 ") and "2017H2.yaml：24.1 东莞海关 done（已完成） 2017-12-10" in r.stdout, r
    r = prd("progress", "form", "--period", "2017H2", "--all-units", "--output", "x.xlsx", data=data_copy)
    assert r.exit_code == 2 and "--all-units 为每个单位各生成一份填报表" in r.stderr, r


def test_command_errors_are_traditional_in_hong_kong(prd, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    r = prd("list", "--measure", "30")
    assert r.exit_code == 2 and "沒有第 30 條措施" in r.stderr, r
    r = prd("show", "6.x")
    assert r.exit_code == 2 and "沒有事項或措施「6.x」（是否指 6.1？）" in r.stderr, r
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "there is no measure 30: the measures are 1 to 29" in prd("list", "--measure", "30").stderr


def test_progress_paths_and_schema_messages_speak_chinese(prd, data_copy: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("list", data=tmp_path / "nowhere")
    assert r.exit_code == 2 and "找不到数据目录" in r.stderr, r
    args = ("progress", "add", "22.1", "-u", "市环保局", "-s", "done", "--date", "2017-12-10", "--deadline", "9")
    r = prd(*args, data=data_copy)
    assert r.exit_code == 2 and "事项 22.1 的时限为 1 至" in r.stderr, r
    f = data_copy / "measures.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("lead: [市商务局]", "leed: [市商务局]", 1), encoding="utf-8")
    r = prd("validate", data=data_copy)
    assert "未知字段“leed”：请删除或更正拼写" in r.stdout, r
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    assert "未知字段「leed」" in prd("validate", data=data_copy).stdout


def test_form_import_problems_keep_their_cell_and_speak_chinese(
    prd, data_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    from .test_forms import fill, make_form, rows_of

    form = make_form(prd, data_copy, tmp_path)
    row = rows_of(form)[("9.1", "时限1")]
    filled = fill(form, tmp_path / "bad.xlsx", {row: ["推进中", "x", "", "", "2017-13-01"]})
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("progress", "import", str(filled), data=data_copy)
    assert r.exit_code == 1, r
    assert f"bad.xlsx!填报!L{row}: “2017-13-01”不是日期：请写成 2017-12-31" in r.stderr
    assert "bad.xlsx: 1 个问题；未从该文件导入任何内容" in r.stderr


def test_import_report_speaks_chinese(prd, tmp_path: Path, monkeypatch) -> None:
    from .conftest import SEED

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("import", str(SEED), "--output", str(tmp_path / "m.yaml"))
    assert r.exit_code == 0, r
    assert "章节 9 个，措施 29 条" in r.stderr and "已起草时限" in r.stderr, r
    assert "已写入 " in r.stderr


def test_the_usage_frame_is_in_the_readers_language(tmp_path: Path) -> None:
    """Typer writes Usage/Error in English; the console entry writes them in a Chinese locale."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}

    def run(lang: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "prd_cli", "report", "--period", "2017H2", "--unit", "市商物局"],
            capture_output=True, text=True, env={**env, "LANG": lang}, cwd=tmp_path, timeout=120,
        )  # fmt: skip

    zh = run("zh_CN.UTF-8")
    assert zh.returncode == 2
    assert (
        "用法：" in zh.stderr
        and "report [OPTIONS]" in zh.stderr
        and "错误：'--unit' 的值无效：没有单位“市商物局”" in zh.stderr
    )
    en = run("C.UTF-8")
    assert en.returncode == 2 and "Error: Invalid value for '--unit'" in en.stderr


def test_typers_own_usage_errors_are_in_the_readers_language(tmp_path: Path) -> None:
    """An unknown option or command, a missing value, an extra argument: Typer raises these
    in English before any of prd's code runs; a Chinese reader reads them in Chinese."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}

    def stderr(lang: str, *args: str) -> str:
        r = subprocess.run(
            [sys.executable, "-m", "prd_cli", *args],
            capture_output=True, text=True, env={**env, "LANG": lang}, cwd=tmp_path, timeout=120,
        )  # fmt: skip
        assert r.returncode == 2, r
        return r.stderr

    cases = [
        (("list", "--bogus"), "错误：没有选项 --bogus"),
        (("list", "--uni", "x"), "错误：没有选项 --uni（是否指 --unit？）"),
        (("list", "extra"), "错误：多余的参数：extra"),
        (("list", "--unit"), "错误：--unit 后须填写取值。"),
        (("nosuchcmd",), "错误：没有命令 nosuchcmd"),
        (("schema", "xx"), "“xx”不是数据文件，可选：measures（措施）"),
    ]
    for args, said in cases:
        text = stderr("zh_CN.UTF-8", *args)
        assert said in text, (args, text)
        assert not any(w in text for w in ("No such", "Got unexpected", "requires an", "Value error")), text
    assert "錯誤：沒有選項 --bogus" in stderr("zh_HK.UTF-8", "list", "--bogus")
    assert "Error: No such option: --bogus" in stderr("C.UTF-8", "list", "--bogus")
    assert '"xx" is not a data file' in stderr("C.UTF-8", "schema", "xx")


def test_pydantic_and_system_messages_speak_chinese(prd, data_copy: Path, tmp_path: Path, monkeypatch) -> None:
    f = data_copy / "measures.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("date: '2017-11-08'", "date: '2017-13-08'", 1), encoding="utf-8")
    (data_copy / "progress").mkdir(exist_ok=True)
    (data_copy / "progress" / "2017H2.yaml").write_text(
        "period: 2017H2\nrecords:\n  - item: '6.1'\n    unit: 市商务局\n    status: finished\n    date: 2017-12-01\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    out = prd("validate", data=data_copy).stdout
    assert (
        "document.date: “2017-13-08”不是日期：请写实际存在的日期，格式为 YYYY-MM-DD，如 2017-12-31 [schema-date-from-datetime-parsing]"
        in out
    )
    # pydantic's "'a', 'b' or 'c'" is listed as prd lists things.
    assert "应为 not_started、in_progress、done、delayed、cancelled（或 未开始、推进中" in out, out
    assert "Input should" not in out and "'done'" not in out
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    assert "（或 未開始、推進中、已完成" in prd("validate", data=data_copy).stdout
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    r = prd("import", str(tmp_path / "nowhere.txt"))
    assert r.exit_code == 2 and "无法读取" in r.stderr and "文件或文件夹不存在" in r.stderr, r


def test_every_message_in_the_source_is_in_the_catalog() -> None:
    """Each literal passed to _() or N_() has its Chinese, and the catalog keeps no stale entry."""
    import ast

    package = Path(__file__).resolve().parent.parent / "prd_cli"
    found: set[str] = set()
    for file in package.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_"):
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    # --help: every command's and option's help, and the words of Typer's frame prd rewrites.
    import typer.main

    from prd_cli.cli import app

    def walk(command) -> None:  # type: ignore[no-untyped-def]
        found.update(t for t in [command.help, *(getattr(p, "help", None) for p in command.params)] if t)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    found.update(("Options", "Commands", "Arguments", "Show this message and exit."))
    po = read_po((LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "prd.po").read_text(encoding="utf-8"))
    assert sorted(found - set(po)) == []
    assert sorted(set(po) - found - {""}) == []


def test_help_is_in_the_readers_language_and_fits_the_screen(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from prd_cli.cli import _cells

    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}

    def help_of(lang: str, *args: str) -> str:
        r = subprocess.run(
            [sys.executable, "-m", "prd_cli", *args, "--help"],
            capture_output=True, text=True, env={**env, "LANG": lang, "COLUMNS": "80"}, cwd=tmp_path, timeout=120,
        )  # fmt: skip
        assert r.returncode == 0, r
        return r.stdout

    zh = help_of("zh_CN.UTF-8", "deadlines")
    assert zh.startswith("用法：") and " deadlines [OPTIONS]" in zh and "选项:" in zh and "[默认：table]" in zh
    assert "列出某一期间内到期的时限" in zh and "显示本帮助并退出。" in zh
    assert "Show this message" not in zh and "List what falls due" not in zh
    # Chinese takes two columns a character: still no line wider than the screen.
    assert max(_cells(line) for line in zh.splitlines()) <= 80, zh
    top = help_of("zh_HK.UTF-8")
    assert "命令:" in top and "記錄各單位報送的進展" in top
    assert "List what falls due" in help_of("C.UTF-8", "deadlines")


def test_an_offices_template_errors_are_framed_in_chinese(prd, tmp_path: Path, monkeypatch) -> None:
    """Jinja's own words stay quoted as Jinja wrote them (what to search for); prd's frame and
    its hint (the report is `r`) are in the reader's language."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    syntax = tmp_path / "syntax.md.j2"
    syntax.write_text("{% for x in %}\n", encoding="utf-8")
    undefined = tmp_path / "undefined.md.j2"
    undefined.write_text("\n{{ report.title }}\n", encoding="utf-8")
    r = prd("report", "--period", "2017H2", "--template", str(syntax))
    assert r.exit_code == 1 and f"{syntax}:1: 模板语法错误：" in r.stderr, r
    r = prd("report", "--period", "2017H2", "--template", str(undefined))
    assert r.exit_code == 1 and f"{undefined}:2: 'report' is undefined：模板中的报告名为 `r`" in r.stderr, r
