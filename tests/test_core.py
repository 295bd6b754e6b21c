"""The core stands without the terminal, and reads YAML strictly with either parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from prd_cli.yamlread import LOADER, PURE_LOADER, parse_yaml

from .conftest import DATA

# The libyaml loader when PyYAML has it, and the pure-Python one: they must agree.
LOADERS = list(dict.fromkeys([LOADER, PURE_LOADER]))


def test_core_imports_without_typer_or_rich() -> None:
    code = (
        "import sys, pathlib\n"
        "from prd_cli import loading, queries, deadlines, periods, render, show\n"
        "ds = loading.load(loading.packaged_data_dir()).dataset\n"
        "rows = queries.list_items(ds, unit='市商务局')\n"
        "render.to_json(rows); render.to_csv(rows, [render.Column('id', 'id')])\n"
        "bad = [m for m in ('typer', 'rich', 'click', 'jinja2') if m in sys.modules]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_scalars_stay_text(loader) -> None:
    data, _, problems = parse_yaml("a: 2017-06-30\nb: no\nc: 7.10\nd:\ne: ~\nf: ''\n", "x.yaml", loader)
    assert problems == []
    assert data == {"a": "2017-06-30", "b": "no", "c": "7.10", "d": None, "e": None, "f": ""}


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_refusals(loader) -> None:
    _, _, problems = parse_yaml("a: 1\na: 2\nb: &x [1]\nc: *x\nd: !!binary aGk=\n<<: {e: 1}\n", "x.yaml", loader)
    assert [(p.line, p.code) for p in problems] == [
        (2, "duplicate-key"),
        (4, "yaml-alias"),
        (5, "yaml-tag"),
        (6, "yaml-merge"),
    ]


def test_billion_laughs_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    _, _, problems = parse_yaml(bomb, "bomb.yaml")
    assert problems and all(p.code == "yaml-alias" for p in problems)
    assert len(problems) < 100


def test_libyaml_is_used_when_present() -> None:
    import yaml

    from prd_cli.yamlread import HAVE_LIBYAML

    assert HAVE_LIBYAML == bool(getattr(yaml, "__with_libyaml__", False))
    if HAVE_LIBYAML:
        assert LOADER is not PURE_LOADER and "CParser" in [c.__name__ for c in LOADER.__mro__]


_RUN_AND_LIST_MODULES = """
import atexit, sys
def report():
    found = [m for m in ("jinja2", "rich", "yaml", "opencc", "openpyxl", "icalendar") if m in sys.modules]
    sys.stderr.write("MODULES:" + " ".join(found) + "\\n")
atexit.register(report)
sys.argv = ["prd", *sys.argv[1:]]
from prd_cli.cli import main
main()
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], ""),
        (["list", "--unit", "市商务局", "-f", "json", "--data", str(DATA)], ""),  # from the cache: no YAML read
        (["list", "--unit", "市商务局", "-f", "json", "--no-cache", "--data", str(DATA)], "yaml"),
        (["list", "--unit", "市商务局", "--data", str(DATA)], ""),  # the table is drawn without rich
        (["report", "--period", "2017H2", "--data", str(DATA)], "jinja2"),
    ],
)
def test_commands_import_only_what_they_use(tmp_path: Path, args: list[str], expected: str) -> None:
    """Start-up is felt on every command: heavy modules load only in the commands that use them."""
    env = {**os.environ, "PRD_CACHE_DIR": str(tmp_path / "cache")}
    warm = [sys.executable, "-m", "prd_cli", "list", "-f", "json", "--data", str(DATA)]
    subprocess.run(warm, env=env, capture_output=True, check=True)
    proc = subprocess.run([sys.executable, "-c", _RUN_AND_LIST_MODULES, *args], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (line,) = [x for x in proc.stderr.splitlines() if x.startswith("MODULES:")]
    assert line.removeprefix("MODULES:") == expected


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-f", "json"],
        ["list"],
        ["list", "-f", "csv"],
        ["list", "--unit", "市商务局", "-f", "json"],  # from the index, written as bytes
        ["list", "--unit", "市商务局"],
        ["units"],
        ["show", "6.1"],
        ["deadlines", "--period", "2017..2030"],
        ["report", "--period", "2017H2"],
    ],
)
def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path, args: list[str]) -> None:
    """`prd list | head -1`: the pipe closed before prd writes is the reader's choice, not a
    failure: exit 0 and nothing on stderr (Typer alone made it exit 1)."""
    env = {**os.environ, "PRD_CACHE_DIR": str(tmp_path / "cache"), "PRD_DATA": str(DATA)}
    for _run in range(2):  # the second from the index
        with subprocess.Popen(
            [sys.executable, "-m", "prd_cli", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            proc.stdout.close()  # the reader is gone before the first line is written
            err = proc.stderr.read().decode()
            assert proc.wait(timeout=120) == 0, err
        assert "Error" not in err and "Traceback" not in err and "120" not in err
