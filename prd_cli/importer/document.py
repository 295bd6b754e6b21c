"""A repaired document through the stages in order — header, tables, tokens, outline tree, the
reader (`reader.py`), conventions — then the chapters, measures and items of the draft, each
item saying how it was read, and a last pass (`sweep.py`) so that no line is dropped.

An enumerated line whose descendants own clauses is a heading: the top one a chapter, the
lowest a measure. What no reader placed is kept as a measure's preamble or listed as unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..timephrases import deadlines_in, field_deadline
from ..units import UnitRegistry
from . import conventions as conv
from .body import tokens as body_tokens
from .body import tree
from .finders import field_line
from .finders import spans as find_spans
from .formats import ImportFailure
from .gluedlabel import split_glued
from .grammar import parse_clause
from .grouplead import lend_lead
from .header import _DATE, _IMPLEMENTS, city_of, read_header, year_of
from .headings import header
from .nodes import Item, Line, Node, has_items
from .outline import enumerator, malformed_heading
from .reader import Reader
from .records import records
from .repair import garbled
from .sweep import unaccounted
from .tables import bar_cells, cell_lines, leading_bar_cells, numbered_rows, pipe_cells
from .unitmap import UnitMapper


@dataclass
class ImportResult:
    encoding: str
    document: dict[str, Any] = field(default_factory=dict)
    chapters: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[Line] = field(default_factory=list)
    lost: list[Line] = field(default_factory=list)  # of unplaced: lines no reader placed (sweep.py)
    junk: list[Line] = field(default_factory=list)
    suspicious: list[Line] = field(default_factory=list)
    known_units: list[str] = field(default_factory=list)
    new_units: list[dict[str, Any]] = field(default_factory=list)
    deadlines: int = 0
    notes: dict[str, list[str]] = field(default_factory=dict)  # item id → how it was read
    convention: str = ""

    @property
    def measures(self) -> int:
        return sum(len(c["measures"]) for c in self.chapters)

    @property
    def items(self) -> int:
        return sum(len(m["items"]) for c in self.chapters for m in c["measures"])


# ---------------------------------------------------------------- chapters and measures


def _collect(node: Node, chain: list[Node], out: list[tuple[list[Node], Item]], stray: list[Node]) -> None:
    here = [*chain, node] if node.enum is not None else chain
    if node.own is not None:
        out.append((chain, node.own))
        out += [(chain, item) for item in node.own_more]
    for item in node.items:
        out.append((here, item))
    for child in node.children:
        _collect(child, here, out, stray)
    if node.enum is not None and node.own is None and not node.items and not has_items(node):
        stray.append(node)


def _number(node: Node | None, fallback: int) -> int:
    return node.enum.number if node is not None and node.enum is not None and node.enum.number > 0 else fallback


def build(lines: list[Line], registry: UnitRegistry | None, encoding: str) -> ImportResult:
    result = ImportResult(encoding=encoding)
    lines = split_glued(numbered_rows(cell_lines(bar_cells(leading_bar_cells(lines)))))
    lines, reported = records(lines)
    result.unplaced += reported
    doc, start, preamble = read_header(lines)
    body = lines[start:]
    # The closing: issuer, then the date; anything after it is not part of the document.
    # A date followed by more of the plan signs a cover notice instead (its points numbered
    # 一、二、 like the plan's chapters): the date and issuer are the document's, and the lines
    # go on being read.
    end = len(body)
    signature: int | None = None
    for j in range(len(body) - 1, 0, -1):
        m = _DATE.match(body[j].text)
        if m:
            doc["date"] = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
            doc["issuer"] = body[j - 1].text
            if any(_structural(ln.text) for ln in body[j + 1 :]):
                signature = j
            else:
                result.unplaced += body[j + 1 :]
                end = j - 1
            break
        if len(body) - j > 40:
            break
    if signature is not None:
        result.unplaced += body[signature - 1 : signature + 1]
        body = body[: signature - 1] + body[signature + 1 : end]
    else:
        body = body[:end]
    if "date" not in doc:
        for j, ln in enumerate(preamble):
            m = _DATE.match(ln.text)
            if m and j > 0:
                doc["date"] = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
                doc["issuer"] = preamble[j - 1].text
                break
    if preamble:
        doc["preamble"] = "\n".join(ln.text for ln in preamble)
        doc["implements"] = [{"number": n, "title": t} for t, n in _IMPLEMENTS.findall(doc["preamble"])]
    year = year_of(doc, lines)
    city = city_of(doc.get("issuer", ""), doc.get("title", ""))
    conventions = conv.detect([ln.text for ln in lines])
    if conventions.first_named_leads:
        result.convention = conventions.source
    result.suspicious = [ln for ln in body if garbled(ln.text)]

    for ln in lines:
        bad = malformed_heading(ln.text)
        if bad is not None:
            raise ImportFailure(
                f"line {ln.number}: in a heading, not a Chinese numeral: {bad!r} (write 一 to 九十九): correct it"
            )
    headers: list[Line] = []
    toks = body_tokens(body, result.unplaced, headers)
    root = tree(toks)
    reader = Reader(conventions)
    reader.resolve(root)
    result.unplaced += reader.unplaced
    placed: list[tuple[list[Node], Item]] = []
    stray: list[Node] = []
    _collect(root, [], placed, stray)
    # Enumerated lines among items that own no clause: items whose units the reviewer must add.
    # Parents with a child that is an item: their other children are items the clause missed.
    owning = _owning(root)
    for node in stray:
        cover = _covering(node)
        if cover is not None and not node.children:
            assert cover.heading_clause is not None
            src = cover.heading_clause
            clause = src.clause
            rest = node.enum.rest if node.enum is not None else node.text
            if clause is not None and rest.startswith("牵头") and clause.joint and not clause.lead:
                # 一、市创新办 / 1.牵头做好…: the duty says its unit leads it.
                clause = replace(clause, lead=clause.joint, joint=(), how="the duty opens with 牵头 → lead")
            item = Item(node.text, [node.line.number] if node.line else [], src.clause_text, clause)
            item.how = [f"the clause on the heading {cover.text[:12]}… covers its items", *src.how[1:]]
            node.own = item
            if node.parent is not None:
                owning.add(id(node.parent))
        elif node.parent is not None and id(node.parent) in owning and not node.children:
            item = Item(
                node.text,
                [node.line.number] if node.line else [],
                how=["no responsibility clause found: add the units by hand"],
            )
            node.own = item
    placed = []
    stray = []
    _collect(root, [], placed, stray)
    for chain, item in placed:
        lend_lead(chain, item)
    if not placed:
        # Not one clause in the whole document: degrade to its deepest numbered lines as items
        # with no units, rather than refuse.
        leaves = [nd for nd in stray if not nd.children and nd.line is not None and nd.parent is not None]
        for node in leaves:
            # The heading and the paragraphs under it: a heading alone would drop its text.
            body = [ln for ln in node.body if isinstance(ln, Line)]
            node.own = Item(
                "\n".join([node.text, *(ln.text for ln in body)]),
                ([node.line.number] if node.line else []) + [ln.number for ln in body],
                how=["no responsibility clause found in the whole document: add the units by hand"],
            )
        placed, stray = [], []
        _collect(root, [], placed, stray)
    covered = {id(n) for chain, _ in placed for n in chain}
    for node in stray:
        if node.line is not None and id(node) not in covered:
            result.unplaced.append(node.line)
            result.unplaced += [b for b in node.body if isinstance(b, Line)]

    mapper = UnitMapper(registry, city)
    chapters: list[dict[str, Any]] = []
    measure_nodes: list[Node | None] = []
    chapter_key: Any = object()
    measure_key: Any = object()
    chapter: dict[str, Any] | None = None
    measure: dict[str, Any] | None = None
    for chain, item in placed:
        top = chain[0] if chain else None
        low = chain[-1] if chain else None
        if top is not chapter_key or chapter is None:
            chapter_key = top
            chapter = {
                "number": _number(top, len(chapters) + 1),
                "title": (top.title if top else "") or doc.get("title", "正文") or "正文",
                "measures": [],
            }
            chapters.append(chapter)
            measure_key = object()
        if low is not measure_key or measure is None:
            measure_key = low
            measure = {"number": 0, "title": (low.title if low else "") or chapter["title"], "items": []}
            if low is not None and low.preamble:
                measure["preamble"] = low.preamble
            chapter["measures"].append(measure)
            measure_nodes.append(low if low is not top else None)
        measure["items"].append(item)
    # Measures number as the document numbers them when it numbers them once, in order;
    # otherwise one after another.
    numbers = [_number(n, 0) for n in measure_nodes]
    if not (all(numbers) and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))):
        numbers = list(range(1, len(measure_nodes) + 1))
    k = 0
    for ch in chapters:
        for m in ch["measures"]:
            m["number"] = numbers[k]
            k += 1
            m["items"] = [_item_dict(m, idx, it, mapper, result, year) for idx, it in enumerate(m["items"], 1)]
    # Chapter numbers must be unique for the draft to be usable: renumber on repeats.
    if len({c["number"] for c in chapters}) != len(chapters):
        for idx, ch in enumerate(chapters, 1):
            ch["number"] = idx
    mapper.finish()
    result.known_units = mapper.known
    result.new_units = mapper.new
    result.chapters = chapters
    result.document = doc
    listed = {(ln.number, ln.text) for ln in result.unplaced}
    drafted = (doc, chapters, result.notes, [ln.text for ln in result.unplaced])
    listed |= {(ln.number, ln.text) for ln in headers}
    result.lost = [ln for ln in unaccounted(lines, *drafted) if (ln.number, ln.text) not in listed]
    result.unplaced += result.lost
    # A stray heading's paragraphs reach the list both from its body and from the reader.
    result.unplaced = sorted({(ln.number, ln.text): ln for ln in result.unplaced}.values(), key=lambda ln: ln.number)
    return result


def _structural(text: str) -> bool:
    """A line that belongs to the plan: numbered, labelled, closing with a clause, or the header
    of the task-division table a cover notice is signed above."""
    if "|" in text:
        cells = pipe_cells(text)
        if cells is not None and header(cells) is not None:
            return True
    return enumerator(text) is not None or field_line(text) is not None or bool(find_spans(text, divided=False)[0])


def _owning(root: Node) -> set[int]:
    """ids of the nodes one of whose children is itself an item."""
    out: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if any(c.own is not None for c in node.children):
            out.add(id(node))
        stack.extend(node.children)
    return out


def _covering(node: Node) -> Node | None:
    up = node.parent
    while up is not None:
        if up.heading_clause is not None:
            return up
        up = up.parent
    return None


def _item_dict(
    measure: dict[str, Any], idx: int, item: Item, mapper: UnitMapper, result: ImportResult, year: int | None
) -> dict[str, Any]:
    item_id = f"{measure['number']}.{idx}"
    out: dict[str, Any] = {"id": item_id, "text": item.text or "（无正文）"}
    clause = item.clause
    if item.clause_text:
        # The clause as the source words it — kept only when it reads the same by itself, so
        # prd validate's cross-check holds; otherwise it goes into the notes.
        source = item.clause_text
        if source[:1] not in "（(〔[【":
            source = f"（{source}）" if item.fields else ""
        parsed = item.parsed
        own = parsed[1] if parsed is not None and parsed[0] == source[1:-1] else parse_clause(source[1:-1])
        if (
            source
            and clause is not None
            and (own.lead, own.joint, own.support) == (clause.lead, clause.joint, clause.support)
        ):
            out["clause"] = source if source[:1] == "（" and source[-1:] == "）" else f"（{source[1:-1]}）"
        else:
            item.how.append(f"clause as written: {item.clause_text}")
    if clause is not None:
        for role, names in (("lead", clause.lead), ("joint", clause.joint), ("support", clause.support)):
            if names:
                out[role] = [mapper.map(n) for n in names]
        if clause.empty:
            item.how.append("the clause names no unit: add them by hand")
    drafts = []
    task = item.text.split("\n", 1)[0].split("。", 1)[0].strip() or item.text[:60]
    for value in item.deadline_fields:
        # The field gives the date; the task says what is due.
        dated = field_deadline(value, year)
        drafts += [replace(d, what=task, source=f"完成时限：{value}") for d in dated]
        if not dated:  # 年底前 with no year in the whole document, 持续推进: no date to draft
            item.how.append(f"完成时限：{value}: no date to draft (an ongoing duty, or no year in the document)")
    drafts += deadlines_in(item.text, year)
    if drafts:
        out["deadlines"] = [_draft(d) for d in drafts]
        result.deadlines += len(drafts)
    result.notes[item_id] = item.how
    return out


def _draft(d: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"what": d.what}
    if d.due:
        out["due"] = d.due
    if d.every:
        out["every"] = d.every
    if d.soft:
        out["soft"] = True
    out["source"] = d.source
    out["review"] = True
    return out
