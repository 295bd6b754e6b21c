"""Read YAML on purpose: every value a string, nothing implicit, a line for every problem.

PyYAML would silently keep the last of two duplicate keys, expand aliases (a "billion
laughs" bomb in a hostile file), honour tags, and turn 2017-06-30 into a date or `no` into
False. Here libyaml composes nodes with no implicit typing and a small walker builds plain
data from them. Where values stand is not recorded while loading — that would cost more
than the parse — but found again, by composing the file once more, only when a problem
needs a line and column.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.resolver

from .i18n import _, os_reason
from .problems import Problem
from .safefiles import FileTooLarge, NotRegularFile, read_regular_file
from .safetext import BIDI, CONTROL, bidi_characters, control_characters

Loc = tuple[str | int, ...]

HAVE_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


class _PurePlainLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                       yaml.constructor.BaseConstructor, yaml.resolver.BaseResolver):  # fmt: skip
    """The same in pure Python, for machines whose PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.BaseConstructor.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)


_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
PURE_LOADER: type = _PurePlainLoader
LOADER: type = PURE_LOADER
if HAVE_LIBYAML:
    from yaml.cyaml import CParser

    class _CPlainLoader(CParser, yaml.constructor.BaseConstructor, yaml.resolver.BaseResolver):  # type: ignore[misc]
        """libyaml's parser and composer with a resolver that types nothing: every scalar is text."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.BaseConstructor.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)

        # libyaml's composer calls these for every node; with no implicit typing and no
        # path resolvers they reduce to a lookup, and the calls were a third of the parse.
        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            return _DEFAULT_TAGS[kind]

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    LOADER = _CPlainLoader


def slow_loader_notice() -> str:
    """Said once per run when PyYAML has no libyaml, in the reader's language."""
    return "prd: " + _(
        "note: this PyYAML has no libyaml, so YAML is read in pure Python, about ten times slower;"
        " `pip install --force-reinstall --only-binary :all: pyyaml` usually brings it back"
    )


_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "seq", "map")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_ScalarNode = yaml.ScalarNode
# Deeper than any prd file needs, far below Python's recursion limit.
MAX_DEPTH = 64
_intern = sys.intern
_SequenceNode = yaml.SequenceNode


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class SourceMap:
    """Where the values of one file stand, looked up on demand from its text."""

    path: str
    text: str | None = None
    loader: type = LOADER
    file: Path | None = None  # when set, the text is read again only if a location is asked for
    _root: Any = field(default=None, repr=False)
    _extra: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)

    def _node_root(self) -> Any:
        if self._root is None and self.text is None and self.file is not None:
            try:
                self.text = read_regular_file(self.file).decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self.file = None
        if self._root is None and self.text is not None:
            try:
                self._root = yaml.compose(self.text, Loader=self.loader)
            except yaml.YAMLError:
                pass
            self.text = self.file = None
        return self._root

    def _walk(self, loc: Loc) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """Marks of the deepest node along `loc` and, when `loc` names a key, of that key."""
        node = self._node_root()
        if node is None:
            return None, None
        best = _mark(node)
        key_mark = None
        for part in loc:
            key_mark = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                found = None
                for k, v in node.value:
                    if isinstance(k, _ScalarNode) and k.value == part:
                        found = (k, v)  # the first, as the walker keeps the first of duplicates
                        break
                if found is None:
                    return best, None
                key_mark, node = _mark(found[0]), found[1]
            elif isinstance(node, _SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return best, None
            best = _mark(node)
        return best, key_mark

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The place of `loc`, or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        if loc in self._extra:
            return self._extra[loc]
        value, key_mark = self._walk(loc)
        if key and key_mark is not None:
            return key_mark
        return value or (1, 1)

    def problem(self, loc: Loc, code: str, message: str, level: str = "error", *, key: bool = False) -> Problem:
        line, col = self.locate(loc, key=key)
        return Problem(self.path, line, col, level, code, message)  # type: ignore[arg-type]


class _Walker:
    def __init__(self, smap: SourceMap, aliases: bool = True) -> None:
        self.smap = smap
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        # A text without `*` holds no alias: then no node can come twice, and none is remembered.
        self.aliases = aliases

    def _error(self, mark: tuple[int, int], code: str, message: str) -> None:
        self.problems.append(Problem(self.smap.path, mark[0], mark[1], "error", code, message))

    def _quoted(self, node: Any, text: str) -> str:
        r"""A "quoted" scalar, the only place escapes let in what raw text cannot hold: control
        characters ("\e", refused and dropped) and bidirectional overrides written as escapes
        ("\u202e"; the raw ones are found in the text by `_bidi_problems`)."""
        if BIDI.search(text):
            self._error(_mark(node), "bidi-character", _bidi_message(text))
        if CONTROL.search(text):
            self._error(
                _mark(node),
                "control-character",
                _("control characters ({chars}) are not allowed: remove them").format(
                    chars=", ".join(control_characters(text))
                ),
            )
            return CONTROL.sub("", text)
        return text

    def build(self, node: Any, key_mark: tuple[int, int] | None = None, loc: Loc = ()) -> Any:
        seen = self.seen
        if len(loc) >= MAX_DEPTH:
            # No prd file nests more than a dozen levels; a deep one is an attack or an accident,
            # and recursing into it would end in a RecursionError instead of a located problem.
            self._error(
                _mark(node), "yaml-depth", _("nested more than {n} levels deep: flatten it").format(n=MAX_DEPTH)
            )
            return None
        # The composer hands back the very same node for an alias: a second visit is one.
        # Its marks are the anchor's, so the alias is placed at the key that holds it.
        aliases = self.aliases
        if aliases:
            if id(node) in seen:
                mark = key_mark or _mark(node)
                self.smap._extra[loc] = mark
                self._error(mark, "yaml-alias", _("aliases (*name) are not allowed: write the value out in full"))
                return None
            seen.add(id(node))
        tag = node.tag
        if tag not in _ALLOWED_TAGS:
            self._error(
                _mark(node),
                "yaml-tag",
                _("tag {tag} is not allowed: remove it, values are plain text").format(tag=repr(tag)),
            )
            return None
        if node.__class__ is _ScalarNode:
            value = node.value
            if node.style == '"':
                return self._quoted(node, value)
            # Plain style is None from the pure-Python parser and "" from libyaml.
            return None if not node.style and value in _NULLS else value
        if node.__class__ is _SequenceNode:
            out_list = []
            for i, child in enumerate(node.value):
                if (
                    child.__class__ is _ScalarNode
                    and child.tag == _STR
                    and child.style != '"'
                    and (not aliases or id(child) not in seen)
                ):
                    if aliases:
                        seen.add(id(child))
                    value = child.value
                    # Lists hold unit names, repeated thousands of times: keep one copy of each.
                    out_list.append(
                        None if not child.style and value in _NULLS else _intern(value) if len(value) < 40 else value
                    )
                else:
                    out_list.append(self.build(child, None, (*loc, i)))
            return out_list
        result: dict[str, Any] = {}
        for knode, vnode in node.value:
            if knode.__class__ is not _ScalarNode or knode.tag != _STR:
                self._error(_mark(knode), "yaml-key", _("a key must be plain text"))
                continue
            key = self._quoted(knode, knode.value) if knode.style == '"' else knode.value
            if key == "<<" and not knode.style:
                self._error(_mark(knode), "yaml-merge", _("merge keys (<<) are not allowed: write the fields out"))
                continue
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                self._error(
                    _mark(knode),
                    "duplicate-key",
                    _('duplicate key "{key}" (first at line {line}): keep one').format(key=key, line=_mark(first)[0]),
                )
                continue
            if (
                vnode.__class__ is _ScalarNode
                and vnode.tag == _STR
                and vnode.style != '"'
                and (not aliases or id(vnode) not in seen)
            ):
                if aliases:
                    seen.add(id(vnode))
                value = vnode.value
                result[key] = None if not vnode.style and value in _NULLS else value
            else:
                result[key] = self.build(vnode, _mark(knode), (*loc, key))
        return result


def parse_yaml(
    text: str, path: str, loader: type = LOADER, file: Path | None = None
) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse YAML text into plain data (str, list, dict, None) and a map to find values by.

    With `file`, the map keeps the file's name instead of its text, to read again on demand.
    """
    smap = SourceMap(path, None if file is not None else text, loader, file)
    enabled = gc.isenabled()
    gc.disable()  # Many small objects and no cycles: collection passes only cost time here.
    try:
        try:
            root = yaml.compose(text, Loader=loader)
        except RecursionError:
            # The pure-Python composer recurses per level (libyaml stops at 1000 with a mark).
            smap.text = smap.file = None
            return (
                None,
                smap,
                [Problem(path, 1, 1, "error", "yaml-depth", _("YAML nested too deep to read: flatten it"))],
            )
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = exc.problem or str(exc)
            if exc.context:
                what = f"{exc.context}, {what}"
            smap.text = smap.file = None
            return (
                None,
                smap,
                [Problem(path, line, col, "error", "yaml-syntax", _("YAML syntax: {what}").format(what=what))],
            )
        except yaml.YAMLError as exc:
            smap.text = smap.file = None
            return None, smap, [Problem(path, 1, 1, "error", "yaml-syntax", _("YAML syntax: {what}").format(what=exc))]
        if root is None:
            return None, smap, [Problem(path, 1, 1, "error", "empty-file", _("the file holds no data"))]
        walker = _Walker(smap, aliases="*" in text)
        data = walker.build(root)
        if BIDI.search(text) is None:
            return data, smap, walker.problems
        raw = _bidi_problems(text, path)
        lines = {p.line for p in raw}
        # A raw override inside a "quoted" value is found twice: keep the one from the text.
        rest = [p for p in walker.problems if p.code != "bidi-character" or p.line not in lines]
        return data, smap, raw + rest
    finally:
        if enabled:
            gc.enable()


def _bidi_message(text: str) -> str:
    return _("bidirectional control characters ({chars}) reorder how the text shows: remove them").format(
        chars=", ".join(bidi_characters(text))
    )


def _bidi_problems(text: str, path: str) -> list[Problem]:
    """Bidirectional overrides typed as they are: YAML lets them in raw, and in a diff on GitHub
    or in a terminal they reorder what a reviewer sees ("Trojan Source"), in comments too.
    One problem a line, so a pasted run does not flood the output."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        found = BIDI.search(line)
        if found is not None:
            problems.append(
                Problem(
                    path,
                    number,
                    found.start() + 1,
                    "error",
                    "bidi-character",
                    _bidi_message(line),
                )
            )
    return problems


def read_text(file: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a data file as UTF-8 (a BOM is fine), or say clearly why it cannot be read."""
    try:
        raw = read_regular_file(file)
    except FileNotFoundError:
        return None, [Problem(display, 1, 1, "error", "missing-file", _("file not found"))]
    except OSError as exc:
        # A device or FIFO, a file past the size bound, or one the system will not read.
        code = (
            "not-regular-file"
            if isinstance(exc, NotRegularFile)
            else "file-too-large"
            if isinstance(exc, FileTooLarge)
            else "unreadable"
        )
        reason = _("cannot read the file: {reason}").format(reason=os_reason(exc))
        return None, [Problem(display, 1, 1, "error", code, reason)]
    if not raw.strip():
        return None, [Problem(display, 1, 1, "error", "empty-file", _("the file is empty"))]
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(display, 1, 1, "error", "binary-file", _("this is a binary file, not YAML text"))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = _("save it as UTF-8")
        try:
            raw.decode("gb18030")
            hint = _("it looks like GBK/GB18030; convert it with `iconv -f GB18030 -t UTF-8`")
        except UnicodeDecodeError:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                hint = _("it looks like UTF-16; save it as UTF-8")
        return None, [Problem(display, line, col, "error", "encoding", _("not UTF-8 text: {hint}").format(hint=hint))]


def raw_entries(raw: Any, path: tuple[str, ...]) -> list[tuple[Loc, Any]]:
    """The raw entries under `path` (e.g. chapters[*].measures[*].items[*]) with their
    locations: for files that failed their schema, whose parts are still checked."""
    found: list[tuple[Loc, Any]] = [((), raw)]
    for key in path:
        deeper: list[tuple[Loc, Any]] = []
        for loc, node in found:
            children = node.get(key) if isinstance(node, dict) else None
            if isinstance(children, list):
                deeper += [((*loc, key, i), child) for i, child in enumerate(children)]
        found = deeper
    return found
