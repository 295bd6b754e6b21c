"""Read YAML on purpose: every value a string, every value with its line, nothing implicit.

PyYAML would silently keep the last of two duplicate keys, expand aliases (a "billion
laughs" bomb in a hostile file), honour tags, and turn 2017-06-30 into a date or `no` into
False. Here the C parser composes nodes and a small walker builds plain data from them,
recording where each value stands so later errors can point at it.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Loc = tuple[str | int, ...]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAVE_LIBYAML = _LOADER is not yaml.SafeLoader
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class SourceMap:
    """Where each value of one file stands, keyed by its path in the data."""

    path: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The place of `loc`, or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: Loc, code: str, message: str, level: str = "error", *, key: bool = False) -> Problem:
        line, col = self.locate(loc, key=key)
        return Problem(self.path, line, col, level, code, message)  # type: ignore[arg-type]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    def __init__(self, smap: SourceMap, loader: type = _LOADER) -> None:
        self.smap = smap
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def _error(self, node: yaml.Node, code: str, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.smap.path, line, col, "error", code, message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        # The composer hands back the very same node for an alias: a second visit is one.
        # Its marks are the anchor's, so the alias is placed at the key that holds it.
        if id(node) in self.seen:
            line, col = self.smap.locate(loc, key=True)
            self.smap.values[loc] = (line, col)
            self.problems.append(
                Problem(
                    self.smap.path,
                    line,
                    col,
                    "error",
                    "yaml-alias",
                    "aliases (*name) are not allowed: write the value out in full",
                )
            )
            return None
        self.seen.add(id(node))
        self.smap.values[loc] = _mark(node)
        if node.tag not in _ALLOWED_TAGS:
            self._error(node, "yaml-tag", f"tag {node.tag!r} is not allowed: remove it, values are plain text")
            return None
        if isinstance(node, yaml.ScalarNode):
            # Plain style is None from the pure-Python parser and "" from libyaml.
            if not node.style and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        result: dict[str, Any] = {}
        first: dict[str, tuple[int, int]] = {}
        for knode, vnode in node.value:
            if knode.tag == _CORE + "merge":
                self._error(knode, "yaml-merge", "merge keys (<<) are not allowed: write the fields out")
                continue
            if not isinstance(knode, yaml.ScalarNode):
                self._error(knode, "yaml-key", "a key must be plain text")
                continue
            key = knode.value
            if key in first:
                line = first[key][0]
                self._error(knode, "duplicate-key", f'duplicate key "{key}" (first at line {line}): keep one')
                continue
            first[key] = _mark(knode)
            self.smap.keys[loc + (key,)] = _mark(knode)
            result[key] = self.build(vnode, (*loc, key))
        return result


def parse_yaml(text: str, path: str, loader: type = _LOADER) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse YAML text into plain data (str, list, dict, None) with a map of where values are."""
    smap = SourceMap(path)
    enabled = gc.isenabled()
    gc.disable()  # Many small objects and no cycles: collection passes only cost time here.
    try:
        try:
            root = yaml.compose(text, Loader=loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = exc.problem or str(exc)
            if exc.context:
                what = f"{exc.context}, {what}"
            return None, smap, [Problem(path, line, col, "error", "yaml-syntax", f"YAML syntax: {what}")]
        except yaml.YAMLError as exc:
            return None, smap, [Problem(path, 1, 1, "error", "yaml-syntax", f"YAML syntax: {exc}")]
        if root is None:
            return None, smap, [Problem(path, 1, 1, "error", "empty-file", "the file holds no data")]
        walker = _Walker(smap)
        data = walker.build(root, ())
        return data, smap, walker.problems
    finally:
        if enabled:
            gc.enable()


def read_text(file: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a data file as UTF-8 (a BOM is fine), or say clearly why it cannot be read."""
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display, 1, 1, "error", "missing-file", "file not found")]
    except OSError as exc:
        return None, [Problem(display, 1, 1, "error", "unreadable", f"cannot read the file: {exc.strerror}")]
    if not raw.strip():
        return None, [Problem(display, 1, 1, "error", "empty-file", "the file is empty")]
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(display, 1, 1, "error", "binary-file", "this is a binary file, not YAML text")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save it as UTF-8"
        try:
            raw.decode("gb18030")
            hint = "it looks like GBK/GB18030; convert it with `iconv -f GB18030 -t UTF-8`"
        except UnicodeDecodeError:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                hint = "it looks like UTF-16; save it as UTF-8"
        return None, [Problem(display, line, col, "error", "encoding", f"not UTF-8 text: {hint}")]
