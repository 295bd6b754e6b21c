"""Shared fixtures: the CLI runner, the shipped data, and scratch copies of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from prd_cli.cli import app

# Property tests explore new inputs on a developer's machine; CI replays a fixed set, so a red
# CI always means a change broke something, never that a rare input was drawn that day. No
# deadline anywhere: the machines are shared, and a slow example is not a wrong one.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# The source document as scraped; a copy lives in tests/fixtures so the check never skips.
_SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_36261afee5d44bfa.txt"
SEED = _SHARED_SEED if _SHARED_SEED.exists() else ROOT / "tests" / "fixtures" / "seed" / "000_36261afee5d44bfa.txt"


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def __repr__(self) -> str:
        return f"<exit {self.exit_code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own prd cache, never the user's ~/.cache."""
    monkeypatch.setenv("PRD_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("PRD_NO_CACHE", raising=False)
    # Messages follow the locale (see prd_cli/i18n.py): tests read English unless they ask.
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def prd(monkeypatch: pytest.MonkeyPatch):
    """Run `prd ARGS...` in-process; stdout, stderr and the exit code come back separately."""
    monkeypatch.delenv("PRD_DATA", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    runner = CliRunner()

    def run(*args: str, data: Path | None = DATA) -> Result:
        argv = list(args)
        if data is not None:
            argv += ["--data", str(data)]
        r = runner.invoke(app, argv, catch_exceptions=False)
        return Result(r.exit_code, r.stdout, r.stderr)

    return run


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the shipped data that a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest
