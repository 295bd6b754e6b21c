"""A cache of loaded, valid data, keyed by the bytes of every data file and of prd itself.

With hundreds of documents, parsing and validating the YAML is nearly all of what `prd list`
costs, and it is the same work every run until a file changes. The key is a hash of every
file's path and content (not its mtime, which a copy or a checkout can keep), of prd's own
source and of the Python version, so any change to any of them is a miss: the cache can be
slow to help, never stale. Only data that loaded without errors is cached; `prd validate`
never reads it. A cache that is missing, unreadable, torn or from another prd is a miss.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .dataset import Dataset

_FORMAT = 1  # bump when what is pickled changes shape in a way the source hash cannot see


def cache_dir() -> Path:
    """$PRD_CACHE_DIR, else $XDG_CACHE_HOME/prd, else ~/.cache/prd."""
    explicit = os.environ.get("PRD_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prd"


def disabled_by_env() -> bool:
    return os.environ.get("PRD_NO_CACHE", "") not in ("", "0")


@cache
def _code_fingerprint() -> bytes:
    """prd's own source: a changed model or check must not be answered by old pickles."""
    h = hashlib.blake2b(f"{_FORMAT}\0{__version__}\0{sys.version}".encode(), digest_size=16)
    for file in sorted(Path(__file__).parent.glob("*.py")):
        h.update(file.name.encode() + b"\0" + file.read_bytes())
    return h.digest()


def content_key(files: list[Path], root: Path) -> str | None:
    """A hash of every data file's path and bytes; None when a file cannot be read."""
    h = hashlib.blake2b(_code_fingerprint(), digest_size=20)
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            return None
        rel = file.relative_to(root).as_posix().encode()
        h.update(len(rel).to_bytes(4, "little") + rel + len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _slot(root: Path) -> Path:
    """One file per data folder, replaced whenever its data changes."""
    where = str(root.resolve()).encode()
    return cache_dir() / f"{hashlib.blake2b(where, digest_size=12).hexdigest()}.pickle"


def read(root: Path, key: str) -> Dataset | None:
    """The cached dataset for `root` if its key is `key`; None on any miss."""
    try:
        blob = _slot(root).read_bytes()
    except OSError:
        return None
    head, _, body = blob.partition(b"\n")
    if head.decode("ascii", "replace") != key:
        return None
    enabled = gc.isenabled()
    gc.disable()  # a large data set unpickles into many small objects and no cycles
    try:
        dataset = pickle.loads(body)
    except Exception:  # noqa: BLE001 - a torn or foreign cache is a miss, whatever it raises
        return None
    finally:
        if enabled:
            gc.enable()
    dataset.root = root  # the folder as it was asked for this time
    return dataset  # type: ignore[no-any-return]


def write(root: Path, key: str, dataset: Dataset) -> None:
    """Store the dataset for the next run; a cache that cannot be written is simply not kept."""
    slot = _slot(root)
    try:
        slot.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)
        # Rename without fsync: a crash can leave a torn file, which reads as a miss.
        fd, tmp = tempfile.mkstemp(dir=slot.parent, prefix=f".{slot.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(key.encode("ascii") + b"\n")
                out.write(body)
            os.replace(tmp, slot)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return
