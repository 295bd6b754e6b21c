"""An index of loaded data: one SQLite database per data folder, invalidated file by file.

With hundreds of documents, parsing the YAML is most of what `prd list` costs, and it is the
same work every run until a file changes. Each data file's parsed content is kept as JSON
(data, not code: unlike a pickle, a cache someone else wrote cannot run anything), under
its path and the sha256 of its bytes (not its mtime, which a copy or a checkout can keep).
On the next run an unchanged file is validated from that JSON instead of parsed again, and
the checks across files are skipped for a set of files that already passed them. For such
a set the index also holds what `prd list --unit` prints, so that question is answered in
SQL at a cost that grows with the answer (answer_by_unit). After an edit that leaves the
data valid, reindex.py takes the edited files alone into the index, checking them against
what it holds of the others (each document's key and item ids), so the index holds the new
set without reading the unchanged files at all.

The database is tied to prd's own source and the Python version: any change to either is a
miss. It lives in a folder only the user can write (mode 0700), checked on every open; a
folder or file owned by someone else, or writable by the group or the world, is not used.
A cache that is missing, unreadable, torn, locked or foreign is a miss, never an error.
Only data that loaded without errors is stored; `prd validate` never reads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    import sqlite3

    from .dataset import Dataset

BUSY_SECONDS = 2.0  # how long to wait for another prd writing the same database, then miss
FORMAT = 10  # bump when the tables change shape in a way the source hash cannot see


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
def code_fingerprint() -> str:
    """prd's own source: a changed model or check must not be answered by old rows."""
    h = hashlib.blake2b(f"{FORMAT}\0{__version__}\0{sys.version}".encode(), digest_size=16)
    here = Path(__file__).parent
    for file in sorted(here.rglob("*.py")):  # the command line's package too
        h.update(file.relative_to(here).as_posix().encode() + b"\0" + file.read_bytes())
    return h.hexdigest()


def _stat_key(st: os.stat_result) -> str:
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


# A file's change time is only trusted to tell it changed once it is this much older than the
# moment its bytes were hashed: the file system's clock ticks coarsely, and two writes in one
# tick leave the same times behind (git's "racy" files).
_SETTLED_NS = 3_000_000_000


def _relative(root: Path) -> Callable[[Path], str]:
    """A file's path relative to `root`, as the tables key it. With thousands of files
    Path.relative_to was most of what checking them cost: a string prefix is cut instead."""
    prefix = "" if str(root) == "." else os.path.join(str(root), "")  # Path(".") / "a" is "a"

    def rel(file: Path) -> str:
        text = str(file)
        if text.startswith(prefix):
            cut = text[len(prefix) :]
            return cut if os.sep == "/" else cut.replace(os.sep, "/")
        return file.relative_to(root).as_posix()

    return rel


def _hashes(files: list[Path], root: Path, known: dict[str, tuple[str, str]]) -> tuple[dict[str, str] | None, bool]:
    """file_hashes, and whether every file was known by its stat (none was read)."""
    out: dict[str, str] = {}
    rel_of = _relative(root)
    all_known = True
    for file in files:
        rel = rel_of(file)
        try:
            seen = known.get(rel)
            if seen is not None and _stat_key(os.stat(file)) == seen[0]:
                out[rel] = seen[1]
                continue
            data = file.read_bytes()
        except OSError:
            return None, False
        all_known = False
        out[rel] = hashlib.sha256(data).hexdigest()
    return out, all_known


def file_hashes(
    files: list[Path], root: Path, known: dict[str, tuple[str, str]] | None = None
) -> dict[str, str] | None:
    """sha256 of each data file's bytes, by its path relative to `root`; None when one cannot be read.

    `known` maps a path to a stat (device, inode, size, modification and change times) and
    the hash its bytes had then: a file with that very stat is not read again. The change time
    (ctime) cannot be set back by anyone but the clock, so an edit that keeps size and mtime
    still reads as changed.
    """
    return _hashes(files, root, known or {})[0]


def settled_stats(files: list[Path], root: Path, hashes: dict[str, str], hashed_at: int) -> dict[str, tuple[str, str]]:
    """The stats that may stand for these hashes from now on: of files whose last change was
    settled before their bytes were hashed at `hashed_at` (time.time_ns())."""
    out: dict[str, tuple[str, str]] = {}
    rel_of = _relative(root)
    for file in files:
        rel = rel_of(file)
        try:
            st = os.stat(file)
        except OSError:
            continue
        if rel in hashes and max(st.st_ctime_ns, st.st_mtime_ns) < hashed_at - _SETTLED_NS:
            out[rel] = (_stat_key(st), hashes[rel])
    return out


def set_key(hashes: dict[str, str]) -> str:
    """One key for a whole set of files: which paths, with which content."""
    h = hashlib.blake2b(digest_size=20)
    for path, digest in sorted(hashes.items()):
        h.update(path.encode() + b"\0" + digest.encode() + b"\n")
    return h.hexdigest()


class Unsafe(Exception):
    """The cache folder or file is not the user's alone."""


def _owned_privately(path: Path, *, folder: bool) -> None:
    """Refuse what is not ours alone: a symlink, another owner, group or world write access."""
    st = os.lstat(path)
    kind_ok = stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)
    if not kind_ok:
        raise Unsafe(f"{path} is not a {'folder' if folder else 'regular file'}")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise Unsafe(f"{path} belongs to another user")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise Unsafe(f"{path} can be written by other users")


def slot(root: Path) -> Path:
    """One database per data folder, whatever the working directory."""
    where = str(root.resolve()).encode()
    return cache_dir() / f"{hashlib.blake2b(where, digest_size=12).hexdigest()}.sqlite"


# files: each data file's parsed content as JSON (as it validated), by its path relative to
# the data folder and the sha256 of its bytes. stats: a file's stat when its bytes had that
# hash, so that a file not touched since is not read again (see file_hashes). checked: the
# set of files that passed the checks across files, by set_key. The other tables answer
# `prd list --unit` for that set alone (see answer_by_unit): the documents in order, every
# spelling of a unit's name, each item's row as `prd list -f json` prints it (UTF-8), and
# each unit's role in each item as roles.role_of gives it, by the item's document and place
# in it (its index holds the role too, so an answer reads nothing of the table). A row depends
# only on its own document file and units.yaml, so after an edit only the edited documents'
# rows are worked out again (every row, when units.yaml changed). ids: each document's item
# ids, so that reindex.py resolves a progress record's item without loading every document.
# Rows by document are indexed: an edit deletes one document's rows, not a scan of all.
# unit_list: `prd units`' rows without their counts, in units.yaml's order; role_counts: how
# many items each unit answers for in each role (item_units counted), kept up to date as
# documents' rows come and go, so that `prd units` reads a row per unit. spans: each item with
# deadlines, by its place, with the first and last day any of them can fall due or be open
# (9999-12-31: a duty with no end), so that `prd deadlines` parses only the documents that
# have something in its period; measure_nums: the measures of each document, for `prd show 6`.
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE checked (key TEXT PRIMARY KEY);
CREATE TABLE stats (path TEXT PRIMARY KEY, stat TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE docs (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL, number TEXT NOT NULL
);
CREATE TABLE spellings (spelling TEXT PRIMARY KEY, unit TEXT NOT NULL);
CREATE TABLE items (doc_id INTEGER NOT NULL, pos INTEGER NOT NULL, row BLOB NOT NULL, PRIMARY KEY (doc_id, pos));
CREATE TABLE item_units (unit TEXT NOT NULL, doc_id INTEGER NOT NULL, pos INTEGER NOT NULL, role TEXT NOT NULL, via TEXT);
CREATE INDEX item_units_by_unit ON item_units (unit, doc_id, pos, role, via);
CREATE INDEX item_units_by_doc ON item_units (doc_id);
CREATE TABLE nexts (qid TEXT PRIMARY KEY, day TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE ids (doc_id INTEGER NOT NULL, item TEXT NOT NULL);
CREATE INDEX ids_by_item ON ids (item);
CREATE INDEX ids_by_doc ON ids (doc_id);
CREATE TABLE unit_list (
    seq INTEGER PRIMARY KEY, name TEXT NOT NULL, full_name TEXT NOT NULL, kind TEXT NOT NULL,
    kind_label TEXT NOT NULL, aliases TEXT NOT NULL
);
CREATE TABLE role_counts (unit TEXT NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (unit, role));
CREATE TABLE spans (doc_id INTEGER NOT NULL, pos INTEGER NOT NULL, lo TEXT NOT NULL, hi TEXT NOT NULL);
CREATE INDEX spans_by_doc ON spans (doc_id);
CREATE TABLE measure_nums (doc_id INTEGER NOT NULL, number INTEGER NOT NULL);
CREATE INDEX measure_nums_by_number ON measure_nums (number);
CREATE INDEX measure_nums_by_doc ON measure_nums (doc_id)
"""


class Index:
    """An open cache database, or nothing: every failure below is a miss."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @classmethod
    def open(cls, root: Path, *, create: bool) -> Index | None:
        import sqlite3

        where = slot(root)
        try:
            folder = where.parent
            if create and not folder.exists():
                folder.mkdir(parents=True, mode=0o700)
            _owned_privately(folder, folder=True)
            if not where.exists():
                if not create:
                    return None
                os.close(os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
            _owned_privately(where, folder=False)
            conn = sqlite3.connect(where, timeout=BUSY_SECONDS, isolation_level=None)
        except Unsafe as exc:
            _warn_once(f"prd: not using the cache: {exc}; fix its permissions or set PRD_CACHE_DIR")
            return None
        except (OSError, sqlite3.Error):
            return None
        index = cls(conn)
        try:
            if index._fresh():
                return index
            if not create:
                conn.close()
                return None
            index._reset()
            return index
        except sqlite3.Error as exc:
            conn.close()
            # Torn or not a database at all: start again when writing, else a miss. A database
            # another prd holds locked (OperationalError) is only a miss this time.
            if create and not isinstance(exc, sqlite3.OperationalError):
                with contextlib.suppress(OSError):
                    where.unlink()
            return None

    def _fresh(self) -> bool:
        """Is this database from this very prd? (A file that is no database raises here.)"""
        tables = {name for (name,) in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not set(TABLES) <= tables:
            return False
        rows = dict(self.conn.execute("SELECT name, value FROM meta").fetchall())
        return rows.get("code") == code_fingerprint()

    def _reset(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            c.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                c.execute(statement)
        c.execute("INSERT INTO meta VALUES ('code', ?), ('prd', ?)", (code_fingerprint(), __version__))
        c.execute("COMMIT")

    def bodies(self, hashes: dict[str, str]) -> dict[str, str]:
        """The stored JSON of every file whose content is still the same."""
        import sqlite3

        try:
            rows = self.conn.execute("SELECT path, sha256, body FROM files").fetchall()
        except sqlite3.Error:
            return {}
        return {path: body for path, digest, body in rows if hashes.get(path) == digest}

    def known_stats(self) -> dict[str, tuple[str, str]]:
        import sqlite3

        try:
            return {p: (st, h) for p, st, h in self.conn.execute("SELECT path, stat, sha256 FROM stats")}
        except sqlite3.Error:
            return {}

    def remember_stats(self, stats: dict[str, tuple[str, str]]) -> None:
        """Keep these stats (and no others) for the next run's file_hashes."""
        import sqlite3

        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            c.execute("DELETE FROM stats")
            c.executemany("INSERT INTO stats VALUES (?, ?, ?)", [(p, st, h) for p, (st, h) in stats.items()])
            c.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                c.execute("ROLLBACK")

    def is_checked(self, key: str) -> bool:
        import sqlite3

        try:
            return self.conn.execute("SELECT 1 FROM checked WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def store(self, hashes: dict[str, str], bodies: dict[str, str], key: str, dataset: Dataset) -> None:
        """Keep these files' content and note that their set passed the checks; forget other files.

        `bodies` holds the JSON of the files parsed this run. The answers of documents whose
        content is what the index already held are kept (they depend on nothing else unless
        units.yaml changed); the others are worked out again. What the index holds is read
        inside the write transaction, so another prd storing meanwhile cannot mix in.
        """
        import sqlite3

        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            held = dict(c.execute("SELECT path, sha256 FROM files").fetchall())
            changed = {path for path, digest in hashes.items() if held.get(path) != digest}
            ids = dict(c.execute("SELECT path, id FROM docs").fetchall())
            everything = "units.yaml" in changed or not ids
            if everything:
                ids = {}
                for table in PER_DOCUMENT:
                    c.execute(f"DELETE FROM {table}")
                c.execute("DELETE FROM role_counts")
            else:
                # Documents edited or gone: their rows go; the edited ones' come back below.
                stale = [ids.pop(path) for path in list(ids) if path in changed or path not in hashes]
                forget_documents(c, stale)
            # A document keeps its id while its file is unchanged; others take new ones.
            for data in dataset.docs:
                if data.path not in ids:
                    ids[data.path] = max(ids.values(), default=-1) + 1
            answers = _answer_rows(dataset, ids, None if everything else changed)
            answers["ids"] = id_rows(dataset, ids, None if everything else changed)
            # A file parsed without a body to keep must not pass for its old content next time.
            c.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in changed if p not in bodies])
            for table, rows in answers.items():
                if table in WHOLE:
                    c.execute(f"DELETE FROM {table}")
                if rows:
                    c.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
            count_roles(c, answers["item_units"], 1)
            c.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?)",
                [(path, hashes[path], body) for path, body in bodies.items() if path in hashes],
            )
            c.execute("CREATE TEMP TABLE IF NOT EXISTS keep (path TEXT PRIMARY KEY)")
            c.execute("DELETE FROM keep")
            c.executemany("INSERT INTO keep VALUES (?)", [(p,) for p in hashes])
            c.execute("DELETE FROM files WHERE path NOT IN (SELECT path FROM keep)")
            c.execute("DELETE FROM checked")
            c.execute("INSERT INTO checked VALUES (?)", (key,))
            # A next milestone depends on every file (progress included): any change forgets them.
            c.execute("DELETE FROM nexts")
            c.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                c.execute("ROLLBACK")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


# The tables whose rows belong to one document each, by its docs.id: an edited document's go.
PER_DOCUMENT = ("items", "item_units", "ids", "spans", "measure_nums")
# The tables written whole each time (from units.yaml, or small).
WHOLE = ("docs", "spellings", "unit_list")
TABLES = ("meta", "files", "checked", "stats", "nexts", "role_counts", *WHOLE, *PER_DOCUMENT)
_CHUNK = 500  # SQLite's limit on parameters is 999 in old builds


def count_roles(c: sqlite3.Connection, rows: list[tuple[Any, ...]], sign: int) -> None:
    """Add (sign 1) or take away (-1) these item_units rows' counts in role_counts."""
    from collections import Counter

    counts = Counter((unit, role) for unit, _doc, _pos, role, _via in rows)
    c.executemany(
        "INSERT INTO role_counts VALUES (?, ?, ?) ON CONFLICT (unit, role) DO UPDATE SET n = n + excluded.n",
        [(unit, role, sign * n) for (unit, role), n in counts.items()],
    )


def forget_documents(c: sqlite3.Connection, stale: list[int]) -> None:
    """Delete these documents' rows, their items' counts taken out of role_counts first."""
    for at in range(0, len(stale), _CHUNK):
        chunk = stale[at : at + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = c.execute(f"SELECT unit, doc_id, pos, role, via FROM item_units WHERE doc_id IN ({marks})", chunk)
        count_roles(c, rows.fetchall(), -1)
        for table in PER_DOCUMENT:
            c.execute(f"DELETE FROM {table} WHERE doc_id IN ({marks})", chunk)


def id_rows(ds: Dataset, ids: dict[str, int], only: set[str] | None = None) -> list[tuple[Any, ...]]:
    """Each item id with its document's number in `ids` (of the documents in `only`, when given)."""
    return [
        (ids[d.path], item.id)
        for d in ds.docs
        if only is None or d.path in only
        for chapter in d.chapters
        for measure in chapter.measures
        for item in measure.items
    ]


def _answer_rows(ds: Dataset, ids: dict[str, int], only: set[str] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """What answer_by_unit reads, worked out by the very functions `prd list --unit` calls:
    for every document, or for the documents whose file is in `only` (docs and spellings are
    small and always whole). `ids` numbers the documents by file."""
    from .models import KIND_LABELS
    from .queries import item_row
    from .render import encode_row
    from .roles import role_of
    from .units import unit_key

    out: dict[str, list[tuple[Any, ...]]] = {"docs": [], "spellings": [], "items": [], "item_units": []}
    out["unit_list"] = [
        (seq, u.name, u.full_name, u.kind, KIND_LABELS[u.kind], _compact(list(u.aliases)))
        for seq, u in enumerate(ds.registry.units)
    ]
    out["spans"] = []
    out["measure_nums"] = [
        (ids[d.path], number)
        for d in ds.docs
        if only is None or d.path in only
        for number in dict.fromkeys(m.number for chapter in d.chapters for m in chapter.measures)
    ]
    out["docs"] = [(ids[d.path], d.path, i, d.document.key, d.document.number) for i, d in enumerate(ds.docs)]
    spellings: dict[str, str] = {}
    for u in ds.registry.units:
        for spelling in (u.full_name, *u.aliases, u.name):
            spellings[unit_key(spelling)] = u.name  # as UnitRegistry builds its lookup: later wins
    for u in ds.registry.units:
        spellings[u.name] = u.name  # a canonical name is itself, first
    out["spellings"] = list(spellings.items())
    members = ds.registry.members
    path_of = {d.document.key: d.path for d in ds.docs}
    places: dict[str, int] = {}
    for ref in ds.items:
        path = path_of[ref.doc.key]
        pos = places[path] = places.get(path, -1) + 1
        if only is not None and path not in only:
            continue
        row = dict(vars(item_row(ref)))  # flat: a shallow copy is enough (asdict's deep one was 60%)
        del row["role"], row["role_label"]
        # As `prd list -f json` writes it, so that json_by_unit writes it as it is.
        out["items"].append((ids[path], pos, encode_row(row).encode()))
        item = ref.item
        named = [*item.lead, *item.joint, *item.support]
        # role_of answers for exactly these: a unit named, or a member of a collective named.
        candidates = dict.fromkeys([*named, *(m for n in named for m in members.get(n, ()))])
        for unit in candidates:
            found = role_of(ds.registry, item, unit)
            if found is not None:
                out["item_units"].append((unit, ids[path], pos, found.role, found.via))
        span = _span(ref)
        if span is not None:
            out["spans"].append((ids[path], pos, *span))
    return out


def _compact(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _span(ref: Any) -> tuple[str, str] | None:
    """The first and last day any of the item's deadlines falls due or is open, as
    deadlines.item_dues can find them (with windows); None when it has none."""
    from .deadlines import recurrence_start

    days: list[tuple[str, str]] = []
    for dl in ref.item.deadlines:
        if dl.due is not None:
            days.append((dl.due.start.isoformat(), dl.due.end.isoformat()))
        elif dl.every is not None:
            end = dl.until.end.isoformat() if dl.until is not None else "9999-12-31"
            days.append((recurrence_start(dl, ref.doc.date).isoformat(), end))
    if not days:
        return None
    return min(lo for lo, _ in days), max(hi for _, hi in days)


def answer_by_unit(
    root: Path,
    files: list[Path],
    text: str,
    roles: tuple[str, ...] | None,
    doc: str | None,
    day: str | None = None,
) -> tuple[list[tuple[dict[str, Any], str, str]], list[tuple[str, str]]] | None:
    """`prd list --unit TEXT` from the index, when every file is as stored and passed the checks.

    Returns each item's row with the unit's role and its label, in document order (only
    `roles` when given; only document `doc` when given), and the documents' keys and numbers;
    None when the index cannot answer (a spelling it does not know, a changed file, no
    index), and the data itself must be read. With `day`, each row also carries its next
    milestone as of that day under "next", and the index answers only when it holds every
    row's (remember_nexts keeps them once the data has worked them out).
    """
    import json

    from .roles import Responsibility

    def rows(c: sqlite3.Connection, unit: str, found: list[tuple[bytes, str, str | None]]) -> list[Any] | None:
        labels: dict[tuple[str, str | None], str] = {}
        answer = []
        for row, role, via in found:
            label = labels.get((role, via))
            if label is None:
                label = labels[role, via] = Responsibility(unit, role, via).label
            answer.append((json.loads(row), role, label))
        if day is not None and not _with_nexts(c, day, answer):
            return None
        return answer

    return _answer(root, files, text, roles, doc, rows)


def json_by_unit(
    root: Path, files: list[Path], text: str, roles: tuple[str, ...] | None, doc: str | None
) -> Iterator[bytes] | None:
    """answer_by_unit's rows as `prd list -f json` writes them, one a line (render.write_json_lines),
    without turning them into objects and back: each is the row as stored, in UTF-8, with
    the unit's role and label put in before its closing brace. The rows are made as they
    are written, so that a large answer is not held twice; making them cannot fail."""
    from .render import encode_row
    from .roles import Responsibility

    def rows(c: sqlite3.Connection, unit: str, found: list[tuple[bytes, str, str | None]]) -> Iterator[bytes]:
        # An object's encoding ends in "}": the role's two fields, the last of a row, go before it.
        tails = {
            (role, via): encode_row({"role": role, "role_label": Responsibility(unit, role, via).label})[1:].encode()
            for role, via in {(role, via) for _, role, via in found}
        }
        return (row[:-1] + b", " + tails[role, via] for row, role, via in found)

    answer = _answer(root, files, text, roles, doc, rows)
    return None if answer is None else answer[0]


def _with_nexts(c: sqlite3.Connection, day: str, answer: list[tuple[dict[str, Any], str, str]]) -> bool:
    """Give each row its next milestone as of `day`; False when the index lacks one."""
    # Only the answer's own tasks: the cost grows with the answer, not with every
    # unit's listings kept that day.
    qids = [f"{row['doc']}/{row['id']}" for row, _, _ in answer]
    nexts: dict[str, str] = {}
    for at in range(0, len(qids), 500):
        chunk = qids[at : at + 500]
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT qid, text FROM nexts WHERE day = ? AND qid IN ({marks})"
        nexts.update(c.execute(query, (day, *chunk)).fetchall())
    for row, _, _ in answer:
        found_next = nexts.get(f"{row['doc']}/{row['id']}")
        if found_next is None:
            return False
        row["next"] = found_next
    return True


def _answer(
    root: Path,
    files: list[Path],
    text: str,
    roles: tuple[str, ...] | None,
    doc: str | None,
    shape: Callable[[sqlite3.Connection, str, list[tuple[bytes, str, str | None]]], Any],
) -> tuple[Any, list[tuple[str, str]]] | None:
    """The stored rows of unit TEXT (as answer_by_unit says), made into the answer by
    `shape(connection, unit, [(row, role, via)])` inside the same snapshot; None when the
    index cannot answer or `shape` returns None."""
    from .units import unit_key

    def work(c: sqlite3.Connection) -> tuple[Any, list[tuple[str, str]]] | None:
        found = (
            c.execute("SELECT unit FROM spellings WHERE spelling = ?", (text,)).fetchone()
            or c.execute("SELECT unit FROM spellings WHERE spelling = ?", (unit_key(text),)).fetchone()
        )
        if found is None:
            return None
        numbered = c.execute("SELECT id, doc, number FROM docs ORDER BY seq").fetchall()
        if doc is not None:
            numbered = [d for d in numbered if d[1] == doc]
            if not numbered:
                return None
        ids = [d[0] for d in numbered]
        # Documents numbered in their order (as a whole build numbers them): the index's own
        # order is the answer's, and the rows come out unsorted. Sorting 50 MB of rows by the
        # documents' order was a third of what the largest answers cost.
        in_order = all(a < b for a, b in zip(ids, ids[1:], strict=False))
        query = "SELECT i.row, u.role, u.via FROM item_units AS u JOIN items AS i USING (doc_id, pos)"
        if not in_order:
            query += " JOIN docs AS d ON d.id = u.doc_id"
        query += " WHERE u.unit = ?"
        params: list[Any] = [found[0]]
        if roles is not None:
            query += f" AND u.role IN ({', '.join('?' * len(roles))})"
            params += roles
        if doc is not None:
            query += " AND u.doc_id = ?"
            params.append(ids[0])
        query += " ORDER BY u.doc_id, u.pos" if in_order else " ORDER BY d.seq, u.pos"
        answer = shape(c, found[0], c.execute(query, params).fetchall())
        if answer is None:
            return None
        return answer, [(key, number) for _, key, number in numbered]

    return _read(root, files, work)


def _read(root: Path, files: list[Path], work: Callable[[sqlite3.Connection], Any]) -> Any:
    """`work(connection)` inside one snapshot of the index, when every file is as stored and
    their set passed the checks; None when the index cannot answer or `work` returns None."""
    import sqlite3

    index = Index.open(root, create=False)
    if index is None:
        return None
    try:
        known = index.known_stats()
        hashed_at = time.time_ns()
        hashes, all_known = _hashes(files, root, known)
        if hashes is None:
            return None
        c = index.conn
        c.execute("BEGIN")  # one snapshot: another prd storing a new set cannot mix into this answer
        if c.execute("SELECT 1 FROM checked WHERE key = ?", (set_key(hashes),)).fetchone() is None:
            return None
        answer = work(c)
        if answer is None:
            return None
        c.execute("COMMIT")
        # Every file known by a stat already kept (so settled): the stats stand as they are,
        # and stating every file a second time would change nothing.
        if not (all_known and known.keys() == hashes.keys()):
            settled = settled_stats(files, root, hashes, hashed_at)
            if settled != known:
                index.remember_stats(settled)
        return answer
    except (sqlite3.Error, ValueError):
        return None
    finally:
        index.close()


def unit_table(root: Path, files: list[Path], kind: str | None) -> list[dict[str, Any]] | None:
    """`prd units` from the index: queries.unit_rows' rows as dicts in UnitRow's field order
    (only units of `kind` when given), one stored row per unit; None when it cannot answer."""
    import json

    def work(c: sqlite3.Connection) -> list[dict[str, Any]]:
        counts = {(unit, role): n for unit, role, n in c.execute("SELECT unit, role, n FROM role_counts")}
        query = "SELECT name, full_name, kind, kind_label, aliases FROM unit_list"
        found = c.execute(
            query + (" WHERE kind = ?" if kind is not None else "") + " ORDER BY seq",
            (kind,) if kind is not None else (),
        )
        return [
            {
                "name": name,
                "full_name": full_name,
                "kind": k,
                "kind_label": label,
                "aliases": json.loads(aliases),
                "lead_items": counts.get((name, "lead"), 0),
                "joint_items": counts.get((name, "joint"), 0),
                "support_items": counts.get((name, "support"), 0),
            }
            for name, full_name, k, label, aliases in found
        ]

    return _read(root, files, work)


class Partial:
    """What a load of some documents alone needs: units.yaml's and those documents' stored
    JSON (in the data's order, each with the places of the items wanted, None for all), every
    progress file's, and every document's key and 文号."""

    def __init__(
        self,
        units: str,
        documents: list[tuple[str, str, list[int] | None]],
        progress: list[tuple[str, str]],
        docs: list[tuple[str, str]],
    ):
        self.units, self.documents, self.progress, self.docs = units, documents, progress, docs


Choice = list[int] | dict[int, list[int]] | None  # documents by docs.id, or items by document and place


def partial(root: Path, files: list[Path], choose: Callable[[sqlite3.Connection], Choice]) -> Partial | None:
    """The stored content of the documents `choose(connection)` picks (by docs.id, whole, or
    mapped to the places of the items wanted), read in the same snapshot; None when the index
    cannot answer or `choose` returns None."""
    rel = _relative(root)

    def work(c: sqlite3.Connection) -> Partial | None:
        ids = choose(c)
        if ids is None:
            return None
        wanted: dict[int, list[int] | None] = dict(ids) if isinstance(ids, dict) else dict.fromkeys(ids)
        documents = []
        numbered = c.execute("SELECT id, path, doc, number FROM docs ORDER BY seq").fetchall()
        for ident, path, _doc, _number in numbered:
            if ident in wanted:
                documents.append((path, _body(c, path), wanted[ident]))
        progress = [(path, _body(c, path)) for path in map(rel, files) if path.startswith("progress/")]
        return Partial(_body(c, "units.yaml"), documents, progress, [(key, number) for _, _, key, number in numbered])

    return _read(root, files, work)


def shown_documents(c: sqlite3.Connection, text: str) -> list[int] | None:
    """The document `prd show TEXT` shows, as show.find finds it: an item (KEY/6.1, or a bare
    6.1 only one document has), else a measure (6, KEY/6) only one document has; None when
    none is found so (the whole data then says why)."""
    text = text.strip()
    if "/" in text:
        key, _slash, item = text.partition("/")
        query = "SELECT i.doc_id FROM ids AS i JOIN docs AS d ON d.id = i.doc_id WHERE i.item = ? AND d.doc = ?"
        found = [ident for (ident,) in c.execute(query, (item, key))]
    else:
        found = [ident for (ident,) in c.execute("SELECT doc_id FROM ids WHERE item = ?", (text,))]
    if len(found) == 1:
        return found
    key, _slash, number = text.rpartition("/")
    if not number.isdigit():
        return None
    query = "SELECT DISTINCT m.doc_id FROM measure_nums AS m JOIN docs AS d ON d.id = m.doc_id WHERE m.number = ?"
    found = [
        ident
        for (ident,) in c.execute(
            query + (" AND d.doc = ?" if key else ""), (int(number), key) if key else (int(number),)
        )
    ]
    return found if len(found) == 1 else None


def due_documents(
    c: sqlite3.Connection, lo: str, hi: str, unit: str | None, roles: tuple[str, ...] | None, doc: str | None
) -> dict[int, list[int]]:
    """The items of documents whose deadlines can fall due or be open in [lo, hi] (ISO
    days), of which `unit` (when given) is in one of `roles` (when given); only document
    `doc`'s (its key) when given: by document, their places. A superset of what `prd
    deadlines` needs, never less."""
    query = "SELECT s.doc_id, s.pos FROM spans AS s"
    params: list[Any] = []
    if unit is not None:
        query += " JOIN item_units AS u ON u.doc_id = s.doc_id AND u.pos = s.pos AND u.unit = ?"
        params.append(unit)
        if roles is not None:
            query += f" AND u.role IN ({', '.join('?' * len(roles))})"
            params += roles
    if doc is not None:
        query += " JOIN docs AS d ON d.id = s.doc_id AND d.doc = ?"
        params.append(doc)
    query += " WHERE s.lo <= ? AND s.hi >= ?"
    params += [hi, lo]
    found: dict[int, list[int]] = {}
    for ident, pos in c.execute(query, params):
        found.setdefault(ident, []).append(pos)
    return found


def _body(c: sqlite3.Connection, path: str) -> str:
    found = c.execute("SELECT body FROM files WHERE path = ?", (path,)).fetchone()
    if found is None:
        raise ValueError(path)  # a miss (see _read)
    return str(found[0])


def remember_nexts(root: Path, key: str, day: str, nexts: dict[str, str]) -> None:
    """Keep items' next milestones as of `day` (by KEY/ID), worked out from the data whose
    set of files is `key`; nothing is kept when the index has since moved to another set."""
    import sqlite3

    index = Index.open(root, create=False)
    if index is None:
        return
    c = index.conn
    try:
        c.execute("BEGIN IMMEDIATE")
        if c.execute("SELECT 1 FROM checked WHERE key = ?", (key,)).fetchone() is None:
            c.execute("ROLLBACK")
            return
        c.execute("DELETE FROM nexts WHERE day != ?", (day,))
        c.executemany("INSERT OR REPLACE INTO nexts VALUES (?, ?, ?)", [(q, day, t) for q, t in nexts.items()])
        c.execute("COMMIT")
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            c.execute("ROLLBACK")
    finally:
        index.close()


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        sys.stderr.write(message + "\n")
