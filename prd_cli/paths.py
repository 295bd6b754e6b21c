"""Where the data is: the folder asked for, and the files in it.

Apart from loading.py so that an answer from the cache's index can find its files without
importing the models or the loading pipeline.
"""

from __future__ import annotations

import os
from pathlib import Path


class DataDirError(Exception):
    """The data directory asked for does not exist or holds no measures.yaml (a usage error)."""


def packaged_data_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_data"  # where the wheel puts data/
    return shipped if shipped.is_dir() else here.parent / "data"


def find_data_dir(explicit: str | None = None) -> Path:
    """--data, else $PRD_DATA, else ./data when it holds measures.yaml, else the shipped data."""
    chosen = explicit or os.environ.get("PRD_DATA")
    if chosen:
        root = Path(chosen)
        if root.is_file():
            raise DataDirError(f"{chosen} is a file: point --data at the folder that holds measures.yaml")
        if not root.is_dir():
            raise DataDirError(f"data directory not found: {chosen}")
        if not (root / "measures.yaml").is_file():
            raise DataDirError(
                f"no measures.yaml in {chosen}: point --data at a folder holding measures.yaml and units.yaml"
            )
        return root
    local = Path("data")
    if (local / "measures.yaml").is_file():
        return local
    return packaged_data_dir()


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def document_files(root: Path) -> list[Path]:
    """measures.yaml (the first document), then documents/<key>.yaml in name order."""
    return [root / "measures.yaml", *sorted((root / "documents").glob("*.yaml"))]


def data_files(root: Path) -> list[Path]:
    """Every file a load reads: units, the documents, then progress."""
    return [root / "units.yaml", *document_files(root), *sorted((root / "progress").glob("*.yaml"))]
