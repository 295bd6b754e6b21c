"""Where --output may write, and how: atomically to a file, straight through to a device.

`-o report.md` replaces the file whole (a reader never sees half). `-o /dev/stdout` or
`-o /dev/null` writes into the device or pipe: replacing it with a regular file, as an
atomic rename would, breaks the machine when prd runs as root. A symbolic link to a
regular file is never written through (in a shared folder it may point at someone's
files), and YAML that exists is data: it is overwritten only when asked (`--force`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .i18n import _


class OutputRefused(Exception):
    """--output names something prd will not write: the message says why and what to do."""


_DATA_SUFFIXES = (".yaml", ".yml")


def write_output(output: Path, payload: bytes, *, force: bool = False, keep: bool = False) -> None:
    """Write `payload` to `output`; OutputRefused or OSError when it cannot or must not.

    With `keep`, any existing file is data (a 填报表 may have come back filled under its name)."""
    from .atomic import write_atomically

    if check_output(output, force=force, keep=keep) == "through":
        _write_through(output, payload)
    else:
        write_atomically(output, payload)


def check_output(output: Path, *, force: bool = False, keep: bool = False) -> str:
    """How `output` would be written ("atomic": a new or replaced file; "through": a terminal,
    pipe or /dev/null), or OutputRefused: what write_output decides, asked before the work that
    makes the payload (a long import should not end in a refusal it could have begun with)."""
    try:
        link = os.lstat(output)
    except FileNotFoundError:
        return "atomic"
    try:
        target = os.stat(output)
    except FileNotFoundError:
        raise OutputRefused(
            _("{file} is a symbolic link to nothing: remove it or choose another file").format(file=output)
        ) from None
    if stat.S_ISCHR(target.st_mode) or stat.S_ISFIFO(target.st_mode):
        return "through"
    if stat.S_ISDIR(target.st_mode):
        raise OutputRefused(_("{file} is a folder: name a file in it").format(file=output))
    if not stat.S_ISREG(target.st_mode):
        raise OutputRefused(
            _("{file} is not a regular file: prd writes files, terminals, pipes and /dev/null").format(file=output)
        )
    if stat.S_ISLNK(link.st_mode):
        raise OutputRefused(
            _("{file} is a symbolic link: prd does not write through one; write to {target}").format(
                file=output, target=os.path.realpath(output)
            )
        )
    if (keep or output.suffix.lower() in _DATA_SUFFIXES) and not force:
        raise OutputRefused(
            _("{file} exists and holds data: pass --force to replace it, or choose a new file").format(file=output)
        )
    return "atomic"


def refuse_existing(paths: list[Path]) -> None:
    """OutputRefused naming every path that exists: checked before writing any of them."""
    taken = [p for p in paths if os.path.lexists(p)]
    if taken:
        raise OutputRefused(
            _(
                "{count} file(s) exist and may hold returns ({files}): pass --force to replace them, or choose another folder"
            ).format(count=len(taken), files="、".join(p.name for p in taken[:3]) + ("…" if len(taken) > 3 else ""))
        )


def _write_through(output: Path, payload: bytes) -> None:
    """Into a terminal, pipe or /dev/null as they are: never created, truncated or replaced."""
    fd = os.open(output, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
