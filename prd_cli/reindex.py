"""The index kept up to date file by file, and loads answered through it.

After an edit, only the files whose bytes changed are parsed and validated; the checks
across files then run on what the index knows of the others (their keys and item ids),
not on models rebuilt from every file, and the index takes the edited files' rows in
place of their old ones. So the first `prd list --unit` after a one-document edit costs
one document's parse more than the next one, at any number of documents.

Only an edit that leaves the data valid goes this way. Whatever would need the whole
data to say what is wrong (a problem in the edited file, a key used twice, a progress
record on an item no longer there), or whatever the index cannot vouch for (units.yaml
changed, which every document's checks depend on; files changing meanwhile; no index or
a foreign one), leaves the index as it was, and the load reads every file and reports
every problem, located, as without a cache. `prd validate` never comes here.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .paths import data_files, safe_to_hash

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Iterator

    from .dataset import Dataset, DocumentData, ProgressPart
    from .loading import LoadResult

_CHUNK = 500  # SQLite's limit on parameters is 999 in old builds


def refresh(root: Path) -> str | None:
    """The index's key for the data folder's files as they are now, once it holds them as
    passed every check; None when it does not, and only a full load can tell."""
    return _refresh(root)[0]


def _refresh(root: Path) -> tuple[str | None, bool]:
    """refresh, and whether the index took an edit just now."""
    import sqlite3

    if cache.disabled_by_env() or not safe_to_hash(root):
        return None, False
    files = data_files(root)
    index = cache.Index.open(root, create=False)
    if index is None:
        return None, False
    try:
        known = index.known_stats()
        hashed_at = time.time_ns()
        hashes = cache.file_hashes(files, root, known)
        if hashes is None:
            return None, False
        key = cache.set_key(hashes)
        took = not index.is_checked(key)
        if took and not _update(index.conn, root, files, hashes, known, key):
            return None, False
        settled = cache.settled_stats(files, root, hashes, hashed_at)
        if settled != known:
            index.remember_stats(settled)
        return key, took
    except sqlite3.Error:
        return None, False
    finally:
        index.close()


def answer_by_unit(
    root: Path, unit: str, roles: tuple[str, ...] | None, doc: str | None, day: str | None = None
) -> tuple[list[tuple[dict[str, Any], str, str]], list[tuple[str, str]]] | None:
    """cache.answer_by_unit, with the index first brought up to date when a file changed.

    Tried first as it is: when nothing changed (the common case) that is all, and no model
    is imported. Asked again only when the index has just taken an edit."""
    answer = cache.answer_by_unit(root, data_files(root), unit, roles, doc, day)
    if answer is None and _refresh(root)[1]:
        answer = cache.answer_by_unit(root, data_files(root), unit, roles, doc, day)
    return answer


def json_by_unit(root: Path, unit: str, roles: tuple[str, ...] | None, doc: str | None) -> Iterator[bytes] | None:
    """cache.json_by_unit, with the index first brought up to date when a file changed."""
    lines = cache.json_by_unit(root, data_files(root), unit, roles, doc)
    if lines is None and _refresh(root)[1]:
        lines = cache.json_by_unit(root, data_files(root), unit, roles, doc)
    return lines


def unit_table(root: Path, kind: str | None) -> list[dict[str, Any]] | None:
    """cache.unit_table, with the index first brought up to date when a file changed."""
    rows = cache.unit_table(root, data_files(root), kind)
    if rows is None and _refresh(root)[1]:
        rows = cache.unit_table(root, data_files(root), kind)
    return rows


def partial_dataset(
    root: Path, choose: Callable[[sqlite3.Connection], cache.Choice]
) -> tuple[Dataset, list[tuple[str, str]]] | None:
    """Some documents alone, as a Dataset, from the index: those `choose(connection)` picks,
    with the units and every progress record, validated from their stored JSON; and every
    document's key and 文号 in order. None when the index cannot answer.

    The data passed every check as a whole, so each record names one item of one document:
    it resolves to the same item here, when its document is among these, as in the whole."""
    from .dataset import Dataset, DocumentData, ProgressEntry
    from .loading import _from_body, _progress_part, _Stale
    from .models import MeasuresFile, ProgressFile, UnitsFile
    from .units import UnitRegistry

    found = cache.partial(root, data_files(root), choose)
    if found is None and _refresh(root)[1]:
        found = cache.partial(root, data_files(root), choose)
    if found is None:
        return None
    try:
        units = _from_body(root / "units.yaml", UnitsFile, found.units).model
        docs = []
        for path, body, places in found.documents:
            if places is None:
                model = _from_body(root / path, MeasuresFile, body).model
            else:
                model = _with_items(root / path, body, set(places))
            docs.append(DocumentData(model.document, model.chapters, path))
        entries = []
        for path, body in found.progress:
            part = _progress_part(_from_body(root / path, ProgressFile, body), root / path)
            if part is None:
                return None
            entries += [ProgressEntry(rec, part.period, path, i) for i, rec in part.records]
    except _Stale:
        return None
    return Dataset(root, docs, UnitRegistry(units.units), entries), found.docs


def _with_items(file: Path, body: str, places: set[int]) -> Any:
    """A document's stored JSON validated with only the items at these places (counted in
    document order, as the index numbers them), and the measures and chapters they are in:
    validating a document's every item for the few an answer needs was most of its cost."""
    import json

    from pydantic import ValidationError

    from .loading import _Stale
    from .models import MeasuresFile, validate

    try:
        raw = json.loads(body)
        place = -1
        chapters = []
        for chapter in raw["chapters"]:
            measures = []
            for measure in chapter["measures"]:
                items = []
                for item in measure["items"]:
                    place += 1
                    if place in places:
                        items.append(item)
                if items:
                    measures.append({**measure, "items": items})
            if measures:
                chapters.append({**chapter, "measures": measures})
        return validate(MeasuresFile, {**raw, "chapters": chapters})
    except (ValueError, KeyError, TypeError, ValidationError) as exc:  # JSONDecodeError is a ValueError
        raise _Stale(str(file)) from exc


def load_cached(root: Path, *, use_cache: bool = True) -> LoadResult:
    """loading.load_cached, once the index has taken what changed file by file (refresh):
    then unchanged and edited files alike are read from the index, and no check runs again."""
    from .loading import load_cached as load

    if use_cache:
        refresh(root)
    return load(root, use_cache=use_cache)


class _Refused(Exception):
    """The edit cannot be taken file by file: the index stays as it was."""


def _update(
    c: sqlite3.Connection,
    root: Path,
    files: list[Path],
    hashes: dict[str, str],
    known: dict[str, tuple[str, str]],
    key: str,
) -> bool:
    """Bring the index from the set of files it holds checked to `hashes`, parsing only the
    files that changed; False, with the index untouched, when that cannot be done."""
    import contextlib
    import sqlite3

    from .loading import _Stale

    # One write transaction throughout: what the index held when the edit was worked out is
    # what it holds when the edit is written, whatever another prd does meanwhile.
    c.execute("BEGIN IMMEDIATE")
    try:
        _take(c, root, hashes)
        # A file edited while it was read would be kept under its old content's hash, and a
        # file added or removed meanwhile would make another set than the one written.
        if data_files(root) != files or cache.file_hashes(files, root, known) != hashes:
            raise _Refused
        c.execute("DELETE FROM checked")
        c.execute("INSERT INTO checked VALUES (?)", (key,))
        c.execute("COMMIT")
        return True
    except (_Refused, _Stale, sqlite3.Error, ValueError):
        with contextlib.suppress(sqlite3.Error):
            c.execute("ROLLBACK")
        return False


def _is_document(path: str) -> bool:
    return path == "measures.yaml" or path.startswith("documents/")


def _take(c: sqlite3.Connection, root: Path, hashes: dict[str, str]) -> None:
    """Parse and check the files whose bytes are not as the index holds them, check them with
    the others as the index knows them, and write their rows in place of the old ones."""
    from .checks import check_document, check_progress
    from .dataset import Dataset, DocumentData
    from .loading import _from_body, _progress_part, load_model
    from .models import MeasuresFile, ProgressFile, UnitsFile
    from .problems import has_errors
    from .units import UnitRegistry

    if len(c.execute("SELECT key FROM checked").fetchall()) != 1:
        raise _Refused  # no set of files passed the checks yet: the first load builds the index
    held: dict[str, str] = dict(c.execute("SELECT path, sha256 FROM files").fetchall())
    if held.get("units.yaml") != hashes.get("units.yaml"):
        raise _Refused  # every document's own checks depend on the units: a full load

    def body(path: str) -> str:
        found = c.execute("SELECT body FROM files WHERE path = ?", (path,)).fetchone()
        if found is None:
            raise _Refused
        return str(found[0])

    changed = [p for p in hashes if held.get(p) != hashes[p]]
    removed = [p for p in held if p not in hashes]
    units = _from_body(root / "units.yaml", UnitsFile, body("units.yaml"))
    registry = UnitRegistry(units.model.units)
    kept: dict[str, str] = {}  # the JSON of each file parsed here, as the index keeps it

    # The edited documents: parsed, and given every check a document makes on its own.
    edited: dict[str, DocumentData] = {}
    for path in changed:
        if not _is_document(path):
            continue
        parsed = load_model(root / path, MeasuresFile, keep_body=True)
        if parsed.model is None or parsed.body is None or has_errors(parsed.problems):
            raise _Refused
        data = DocumentData(parsed.model.document, parsed.model.chapters, path)
        if Path(path).stem not in ("measures", data.document.key):
            raise _Refused  # file-key: the full load says so
        if has_errors(check_document(data, registry, parsed.smap)):
            raise _Refused
        edited[path] = data
        kept[path] = parsed.body

    # Across documents: keys unique, from the index's rows for the others.
    rows = {
        path: (ident, doc, number) for ident, path, doc, number in c.execute("SELECT id, path, doc, number FROM docs")
    }
    documents = [p for p in hashes if _is_document(p)]
    if any(p not in edited and p not in rows for p in documents):
        raise _Refused
    keys = [edited[p].document.key if p in edited else rows[p][1] for p in documents]
    if len(set(keys)) != len(keys):
        raise _Refused  # duplicate-key

    # Progress: an edited file's records, and every record once a document changed, are
    # checked against the documents they name, and only those are read from the index.
    documents_changed = bool(edited) or any(_is_document(p) for p in removed)
    parts: list[ProgressPart] = []
    for path in hashes:
        if not path.startswith("progress/") or not (documents_changed or path in changed):
            continue
        if path in changed:
            parsed = load_model(root / path, ProgressFile, keep_body=True)
            if parsed.model is None or parsed.body is None or has_errors(parsed.problems):
                raise _Refused
            kept[path] = parsed.body
        else:
            parsed = _from_body(root / path, ProgressFile, body(path))
        part = _progress_part(parsed, root / path)
        if part is None:
            raise _Refused
        parts.append(part)
    if parts:
        named = _documents_named(c, {rec.item.strip() for part in parts for _, rec in part.records}, edited, removed)
        needed = []
        for path in documents:
            if path in edited:
                needed.append(edited[path])
            elif path in named:
                model = _from_body(root / path, MeasuresFile, body(path)).model
                needed.append(DocumentData(model.document, model.chapters, path))
        # Every record's item is in these documents, and in no other: it is found as in the whole.
        ds = Dataset(root, needed, registry)
        for part in parts:
            if has_errors(check_progress(ds, part.period, part.records, part.smap, part.file)):
                raise _Refused

    # Valid: the edited documents' rows replace their old ones.
    old = {path: ident for path, (ident, _doc, _number) in rows.items()}
    stale = [old[p] for p in (*edited, *removed) if p in old]
    cache.forget_documents(c, stale)
    ids = {p: old[p] for p in documents if p not in edited}
    fresh = max(old.values(), default=-1) + 1
    for offset, path in enumerate(edited):
        ids[path] = fresh + offset
    mine = Dataset(root, list(edited.values()), registry)
    answers = cache._answer_rows(mine, ids, set(edited))
    answers["ids"] = cache.id_rows(mine, ids, set(edited))
    for table, table_rows in answers.items():
        # units.yaml is as the index holds it (else refused above): so is the list of units.
        if table not in cache.WHOLE and table_rows:
            c.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(table_rows[0]))})", table_rows)
    cache.count_roles(c, answers["item_units"], 1)
    c.execute("DELETE FROM docs")
    c.executemany(
        "INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
        [
            (ids[p], p, seq, *((edited[p].document.key, edited[p].document.number) if p in edited else rows[p][1:]))
            for seq, p in enumerate(documents)
        ],
    )
    c.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", [(p, hashes[p], b) for p, b in kept.items()])
    c.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in removed])
    # A next milestone depends on its item and the records on it: a progress edit may touch
    # any, a document edit only its own items'.
    if any(p.startswith("progress/") for p in (*changed, *removed)):
        c.execute("DELETE FROM nexts")
    else:
        gone = {rows[p][1] for p in (*edited, *removed) if p in rows} | {d.document.key for d in edited.values()}
        for doc in gone:
            c.execute("DELETE FROM nexts WHERE qid >= ? AND qid < ?", (doc + "/", doc + "0"))


def _documents_named(
    c: sqlite3.Connection, texts: set[str], edited: dict[str, DocumentData], removed: list[str]
) -> set[str]:
    """The paths of the documents these items (KEY/ID or a bare ID) are in, as
    Dataset.find_item finds them; refused when one is in none, or a bare id in several."""
    gone = {*edited, *removed}
    wanted = sorted({t.partition("/")[2] if "/" in t else t for t in texts})
    owners: dict[str, list[tuple[str, str]]] = {}
    for at in range(0, len(wanted), _CHUNK):
        chunk = wanted[at : at + _CHUNK]
        query = (
            "SELECT i.item, d.path, d.doc FROM ids AS i JOIN docs AS d ON d.id = i.doc_id"
            f" WHERE i.item IN ({', '.join('?' * len(chunk))})"
        )
        for item, path, doc in c.execute(query, chunk):
            if path not in gone:
                owners.setdefault(item, []).append((path, doc))
    for path, data in edited.items():
        for chapter in data.chapters:
            for measure in chapter.measures:
                for item in measure.items:
                    owners.setdefault(item.id, []).append((path, data.document.key))
    named = set()
    for text in texts:
        if "/" in text:
            doc, _slash, item = text.partition("/")
            found = [path for path, key in owners.get(item, []) if key == doc]
        else:
            found = [path for path, _key in owners.get(text, [])]
        if len(found) != 1:
            raise _Refused  # unknown-item, or a bare id in more than one document
        named.add(found[0])
    return named
