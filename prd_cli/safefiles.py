"""Reading files prd did not write: regular files only, never more than a bound.

Kept free of YAML and Jinja, so every command can use it without loading either.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# A data file larger than this is refused rather than read into memory (the 30,000-item
# benchmark is under 20 MB). PRD_MAX_FILE_MB raises it.
MAX_FILE_BYTES = 256 * 1024 * 1024


class NotRegularFile(OSError):
    """A path that is a device, a FIFO, a socket or a folder: nothing prd should read as data."""


class FileTooLarge(OSError):
    """A file above the size prd reads into memory."""


def max_file_bytes() -> int:
    try:
        return int(os.environ["PRD_MAX_FILE_MB"]) * 1024 * 1024
    except (KeyError, ValueError):
        return MAX_FILE_BYTES


def read_regular_file(file: Path | str, limit: int | None = None) -> bytes:
    """The bytes of a regular file (a symlink to one is fine), at most `limit` of them.

    Opened without blocking, so a FIFO cannot hang the read; checked on the open file, so a
    symlink to /dev/zero or /dev/urandom is refused before a byte is read; read to a bound,
    so a file that grows while read cannot exhaust memory.
    """
    limit = max_file_bytes() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(file, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise NotRegularFile(errno.EINVAL, f"{kind} (a device, FIFO or socket is never read)", str(file))
        if info.st_size > limit:
            raise FileTooLarge(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB", str(file))
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB", str(file))
        return b"".join(chunks)
    finally:
        os.close(fd)
