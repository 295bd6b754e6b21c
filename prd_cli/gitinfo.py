"""The git commit a data folder is at, read from the repository's files: no git is run.

`git status` in a received repository runs whatever its `.git/config` names as
`core.fsmonitor`, its clean filters and its hooks. Reading HEAD, the refs, packed-refs
and the index needs none of that. Uncommitted edits are marked only when that can be told
from the index alone; otherwise the mark is left out rather than guessed.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from pathlib import Path

from .safefiles import read_regular_file

_SHA1 = re.compile(r"^[0-9a-f]{40}$")
_LIMIT = 64 * 1024 * 1024  # an index of a very large repository; beyond it, no mark


def find_git_dir(start: Path) -> tuple[Path, Path] | None:
    """(git dir, top of the work tree) for the repository holding `start`, if any."""
    here = start.resolve()
    for folder in (here, *here.parents):
        dotgit = folder / ".git"
        if dotgit.is_dir():
            return dotgit, folder
        if dotgit.is_file():  # a worktree or submodule: "gitdir: <path>"
            try:
                text = read_regular_file(dotgit, 4096).decode("utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if not text.startswith("gitdir:"):
                return None
            gitdir = Path(text.removeprefix("gitdir:").strip())
            return (gitdir if gitdir.is_absolute() else folder / gitdir).resolve(), folder
    return None


def _text(file: Path) -> str | None:
    try:
        return read_regular_file(file, 1024 * 1024).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _common_dir(gitdir: Path) -> Path:
    common = _text(gitdir / "commondir")
    if common is None:
        return gitdir
    path = Path(common.strip())
    return (path if path.is_absolute() else gitdir / path).resolve()


def _resolve_ref(gitdir: Path, common: Path, ref: str) -> str | None:
    for _ in range(5):  # a chain of symbolic refs, never a loop
        if not ref.startswith("refs/") or ".." in ref.split("/"):
            return None
        found = None
        for base in (gitdir, common):
            text = _text(base / ref)
            if text is not None:
                found = text.strip()
                break
        if found is None:
            packed = _text(common / "packed-refs") or ""
            for line in packed.splitlines():
                sha, _, name = line.partition(" ")
                if name == ref and _SHA1.match(sha):
                    return sha
            return None
        if found.startswith("ref:"):
            ref = found.removeprefix("ref:").strip()
            continue
        return found if _SHA1.match(found) else None
    return None


def head_commit(root: Path) -> tuple[str, Path, Path] | None:
    """The full commit id HEAD names, with the git dir and work tree top; None when unknown."""
    found = find_git_dir(root)
    if found is None:
        return None
    gitdir, top = found
    head = _text(gitdir / "HEAD")
    if head is None:
        return None
    head = head.strip()
    common = _common_dir(gitdir)
    sha = _resolve_ref(gitdir, common, head.removeprefix("ref:").strip()) if head.startswith("ref:") else head
    if sha is None or not _SHA1.match(sha):
        return None
    return sha, gitdir, top


def _index_entries(gitdir: Path) -> dict[str, tuple[int, int, bytes]] | None:
    """path -> (mtime seconds, size, blob id) from the index (versions 2 to 4), or None."""
    try:
        data = read_regular_file(gitdir / "index", _LIMIT)
    except FileNotFoundError:
        return {}
    except OSError:
        return None
    if len(data) < 12 or data[:4] != b"DIRC":
        return None
    version, count = struct.unpack(">II", data[4:12])
    if version not in (2, 3, 4):
        return None
    entries: dict[str, tuple[int, int, bytes]] = {}
    pos = 12
    previous = b""
    try:
        for _ in range(count):
            start = pos
            mtime = struct.unpack(">I", data[pos + 8 : pos + 12])[0]
            size = struct.unpack(">I", data[pos + 36 : pos + 40])[0]
            sha = data[pos + 40 : pos + 60]
            flags = struct.unpack(">H", data[pos + 60 : pos + 62])[0]
            pos += 62
            if flags & 0x4000 and version >= 3:
                pos += 2
            if version == 4:
                strip = 0
                while True:  # the offset-encoded count of bytes to drop from the previous path
                    byte = data[pos]
                    pos += 1
                    strip = (strip << 7) | (byte & 0x7F)
                    if not byte & 0x80:
                        break
                    strip += 1
                end = data.index(b"\0", pos)
                path = previous[: len(previous) - strip] + data[pos:end]
                pos = end + 1
            else:
                end = data.index(b"\0", pos)
                path = data[pos:end]
                pos = start + ((end - start) // 8 + 1) * 8
            previous = path
            if (flags >> 12) & 3:  # a merge in progress: stages other than 0
                return None
            entries[path.decode("utf-8", "surrogateescape")] = (mtime, size, sha)
    except (struct.error, ValueError, IndexError):
        return None
    return entries


def _filters_possible(gitdir: Path, common: Path, top: Path, root: Path) -> bool:
    """Whether git could store the files differently from their bytes (filters, eol)."""
    config = (_text(common / "config") or "") + (_text(gitdir / "config.worktree") or "")
    if re.search(r"objectformat|autocrlf|\[filter", config, re.IGNORECASE):
        return True
    here = root.resolve()
    folders = [here / "documents", here / "progress", here, *(p for p in here.parents if p.is_relative_to(top))]
    return (common / "info" / "attributes").exists() or any((f / ".gitattributes").exists() for f in folders)


def has_uncommitted_edits(root: Path, files: list[Path], gitdir: Path, top: Path) -> bool | None:
    """True when a data file differs from the index or is not in it, False when all match,
    None when that cannot be told safely (filters, a merge, an index prd cannot read).
    Edits already staged but not committed are not seen: that needs the object store."""
    common = _common_dir(gitdir)
    if _filters_possible(gitdir, common, top, root):
        return None
    entries = _index_entries(gitdir)
    if entries is None:
        return None
    try:
        prefix = root.resolve().relative_to(top).as_posix()
    except ValueError:
        return None
    prefix = "" if prefix == "." else prefix + "/"
    names = set()
    for file in files:
        rel = prefix + file.resolve().relative_to(root.resolve()).as_posix()
        names.add(rel)
        entry = entries.get(rel)
        if entry is None:
            return True  # not tracked: the data holds something no commit has
        try:
            data = read_regular_file(file)
        except OSError:
            return None
        blob = hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).digest()
        if blob != entry[2]:
            return True
    data_like = re.compile(
        re.escape(prefix) + r"(units\.yaml|measures\.yaml|documents/[^/]*\.yaml|progress/[^/]*\.yaml)$"
    )
    # A tracked data file that is gone is an edit too.
    return any(data_like.match(path) and path not in names for path in entries)


def data_commit(root: Path, files: list[Path]) -> str | None:
    """12 characters of the commit, marked when the data has uncommitted edits."""
    found = head_commit(root)
    if found is None:
        return None
    sha, gitdir, top = found
    existing = [f for f in files if os.path.lexists(f)]
    dirty = has_uncommitted_edits(root, existing, gitdir, top)
    return sha[:12] + ("（含未提交的修改）" if dirty else "")
