"""Where the data is: the folder asked for, and the files in it.

Apart from loading.py so that an answer from the cache's index can find its files without
importing the models or the loading pipeline.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import _, os_reason

if TYPE_CHECKING:
    from .problems import Problem


class DataDirError(Exception):
    """The data directory asked for does not exist or holds no measures.yaml (a usage error)."""


def packaged_data_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_data"  # where the wheel puts data/
    return shipped if shipped.is_dir() else here.parent / "data"


def copy_shipped_data(directory: Path) -> None:
    """The shipped data copied to DIRECTORY (missing or empty), with an empty progress folder.

    The copy is made in a hidden folder beside it and renamed into place, so a full disk or a
    refused write leaves no half-copied data folder that a later run would take for real."""
    import shutil
    import tempfile

    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        target = staging / "data"
        shutil.copytree(packaged_data_dir(), target, ignore=shutil.ignore_patterns("progress"))
        (target / "progress").mkdir()
        if directory.is_dir():
            directory.rmdir()  # empty, checked by the caller; a file put there since fails here
        os.replace(target, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def find_data_dir(explicit: str | None = None, *, sample_ok: bool = True) -> Path:
    """--data, else $PRD_DATA, else ./data when it holds measures.yaml, else the current folder
    when it does (`prd init d && cd d`), else the shipped data.

    With `sample_ok=False` (what `prd validate` asks for) the shipped sample is never a
    fallback: a CI gate must check the data it was pointed at, or fail saying where it looked.
    """
    chosen = explicit or os.environ.get("PRD_DATA")
    if chosen:
        root = Path(chosen)
        if root.is_file():
            raise DataDirError(
                _("{path} is a file: point --data at the folder that holds measures.yaml").format(path=chosen)
            )
        if not root.is_dir():
            raise DataDirError(_("data directory not found: {path}").format(path=chosen))
        if not (root / "measures.yaml").is_file() and os.path.lexists(root / "measures.yaml"):
            raise DataDirError(
                _(
                    "{path} is not a regular file (a folder, device, FIFO or link to nothing):"
                    " prd reads measures.yaml only from a regular file"
                ).format(path=root / "measures.yaml")
            )
        if not (root / "measures.yaml").is_file():
            raise DataDirError(
                _("no measures.yaml in {path}: point --data at a folder holding measures.yaml and units.yaml").format(
                    path=chosen
                )
            )
        return root
    for local in (Path("data"), Path(".")):
        if (local / "measures.yaml").is_file():
            return local
    if not sample_ok:
        raise DataDirError(
            _(
                "no data to check: no --data, no $PRD_DATA, and neither {path} nor ./measures.yaml"
                " is a regular file; point --data at the folder that holds measures.yaml"
            ).format(path=Path.cwd() / "data" / "measures.yaml")
        )
    return packaged_data_dir()


def is_sample(root: Path) -> bool:
    """Whether `root` is the sample data shipped with prd."""
    try:
        return root.resolve() == packaged_data_dir().resolve()
    except OSError:
        return False


def fell_back_to_sample(root: Path) -> bool:
    """Whether find_data_dir gave the shipped sample for want of data here, not because this
    folder holds it (a source checkout's ./data is the package's own)."""
    return is_sample(root) and not any((local / "measures.yaml").is_file() for local in (Path("data"), Path(".")))


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def yaml_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The *.yaml files of `folder` in name order; a folder that is there but cannot be
    listed is a problem, never silently empty (that would drop every progress record)."""
    from .problems import Problem

    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        if isinstance(exc, NotADirectoryError):
            said = _("the folder is not a folder")
        else:
            said = _("the folder cannot be listed: {reason}").format(reason=os_reason(exc))
        return [], [Problem(display_path(folder), 1, 1, "error", "unreadable-folder", said)]
    # Names sorted as strings, not as paths: one folder's paths sort as their names do, and
    # comparing 5,000 Path objects cost a quarter of a cached answer.
    return [folder / n for n in sorted(names, key=os.path.normcase) if n.endswith(".yaml")], []


def document_files(root: Path) -> list[Path]:
    """measures.yaml (the first document), then documents/<key>.yaml in name order."""
    return [root / "measures.yaml", *yaml_files(root / "documents")[0]]


def data_files(root: Path) -> list[Path]:
    """Every file a load reads: units, the documents, then progress."""
    return [root / "units.yaml", *document_files(root), *yaml_files(root / "progress")[0]]


def safe_to_hash(root: Path) -> bool:
    """Every data file regular and every folder listable: only then may the cache read them
    (a FIFO or a link to /dev/zero would hang it; `load` reports them as problems)."""
    import stat

    if yaml_files(root / "documents")[1] or yaml_files(root / "progress")[1]:
        return False
    for file in data_files(root):
        try:
            if not stat.S_ISREG(file.stat().st_mode):
                return False
        except OSError:
            return False
    return True
