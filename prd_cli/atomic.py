"""Safe writes: an inter-process lock and a write that is either wholly done or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .i18n import _


@contextlib.contextmanager
def locked(lock_file: Path, timeout: float = 30.0) -> Iterator[None]:
    """An exclusive lock between processes, so two people adding at once both keep theirs."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            import msvcrt  # type: ignore[import-not-found,unused-ignore]

            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(_("{file} is locked by another prd").format(file=lock_file)) from None
                    time.sleep(0.05)
        else:
            import fcntl

            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(_("{file} is locked by another prd").format(file=lock_file)) from None
                    time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_atomically(file: Path, data: bytes) -> None:
    """Temporary file, fsync, rename: a reader or a crash sees the old file or the new, never half."""
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if file.exists():
            os.chmod(tmp, file.stat().st_mode & 0o777)
        else:  # mkstemp makes 0600; a new data file should be as readable as any other
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, file)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # not every platform can fsync a directory
        dfd = os.open(file.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
