"""The outline's tree read into items: each node's own line, the paragraphs, labelled lines and
table rows under it, and the clause each finder places, read under the document's conventions.

An enumerated line that owns a clause (its own, or labelled lines after it) is an item; a
paragraph with a clause in the body of a heading is an item too (the shipped document's
layout); one clause after a group of sub-items covers them all; labelled lines after the last of
a group numbered from 1 cover the group. What no clause claims is a heading's preamble or
unplaced. `document` then builds the chapters and measures from what this reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import conventions as conv
from .body import task_heading
from .finders import (
    Field,
    assigned_clause,
    duty_clause,
    field_line,
    opening_clause,
    run_subject_clause,
    standalone_clause,
    subject_clause,
    units_line,
)
from .finders import spans as find_spans
from .grammar import parse_clause
from .grouplead import DUTIES, LEAD, OTHER_NAMES, TASKS, group_lead
from .nodes import FieldLine, Item, Line, Node, has_items
from .tables import Row, deadline_cell

_OWN_LINE = "a clause on its own line"
# Enumerators that number tasks (not chapters or their parts): a name over its one paragraph.
_TASK_STYLES = ("1.", "1、", "1．")


def _subject_run(body: list[Any]) -> set[int]:
    """Lines that each open with their units and 负责 or 要 (市水务局负责…), two or more in a
    row: a division of work a line a unit. Only where such a run opens the body (a page opening
    mid-document shows it before its first heading), follows a line that introduces it
    (具体要求是： / 各成员单位职责如下：) or goes on after a line that interrupts it. One such
    line alone, or lines after a notice's own words, are the notice's."""
    found: set[int] = set()
    run: list[Line] = []
    may_open = True
    for tok in [*body, None]:
        if isinstance(tok, Line) and (run or may_open) and run_subject_clause(tok.text) is not None:
            run.append(tok)
            continue
        if len(run) >= 2:
            found |= {id(line) for line in run}
        run = []
        # A line the run's units do not open (邢台军分区根据…请求，协调…) interrupts the division;
        # the lines after it go on with it.
        may_open = bool(found) or (isinstance(tok, Line) and tok.text.rstrip().endswith(("：", ":")))
    return found


class Reader:
    def __init__(self, conventions: conv.Conventions) -> None:
        self.conventions = conventions
        self.unplaced: list[Line] = []

    def resolve(self, node: Node) -> None:
        for child in node.children:
            self.resolve(child)
        self._restarted_groups(node)
        self._body(node)
        self._group_clause(node)

    def _restarted_groups(self, node: Node) -> None:
        """1.… 2.… then 整改责任单位：甲, and 1.… again: an inspection numbers each place's
        problems from 1 and names who puts them right once, after the last. The labelled lines
        cover the problems of their group that name none; only where the numbering restarts,
        since a list numbered through is a list of tasks each with its own clause or none."""
        runs: list[list[Node]] = []
        style = ""
        for child in node.children:
            if child.enum is None or child.line is None:
                return
            # A page opening mid-document (2.… 3.… 牵头部门：甲 then （四）…): the run before the
            # first heading of a higher style is the rest of a group whose heading was lost.
            if child.enum.number == 1 or not runs or child.enum.style != style:
                runs.append([])
            style = child.enum.style
            runs[-1].append(child)
        if len(runs) < 2:
            return
        for run in runs:
            last = run[-1].own
            if last is None or not last.how or last.how[0] != "labelled lines after the task" or last.clause is None:
                continue
            for child in run[:-1]:
                if child.own is not None or child.items or child.children or child.line is None:
                    continue
                item = Item(child.text, [child.line.number], last.clause_text, last.clause, fields=last.fields)
                item.how = ["the labelled lines after its group's last problem", *last.how[1:]]
                item.deadline_fields = list(last.deadline_fields)
                child.own = item

    def _body(self, node: Node) -> None:
        pending: list[Line] = []
        heading_free = node.enum is not None  # the heading line may still become the item
        if node.enum is not None:
            spans, rest = find_spans(node.text)
            paragraphs = not node.children and any(isinstance(b, Line) for b in node.body)
            grouped = group_lead(node.text) if node.children or paragraphs else None
            if spans and grouped is not None and grouped.heading != OTHER_NAMES:
                grouped = None  # the heading's own clause reads first
            elif spans and grouped is not None:
                spans, rest = [], ""  # （一）综合办公室（监察室、财务室）: one office's names, no clause
            if grouped is not None and not node.children and grouped.heading not in (LEAD, TASKS, DUTIES):
                grouped = None  # over paragraphs, only a heading saying 牵头 or 负责, or a unit's name alone
            if grouped is not None:
                # 一、县示范区管委会牵头工作（8项）: the unit leads the items under it that name none.
                node.heading_clause = self._span_item(grouped, [node.line.number] if node.line else [])
                heading_free = False
            elif (
                spans
                and len(spans) == 1
                and not rest
                and node.children
                and len(spans[0].text) <= 60
                and "。" not in spans[0].text
                and not any(has_items(c) for c in node.children)
            ):
                # A clause on a heading whose sub-items name none: it covers them all.
                number = [node.line.number] if node.line else []
                node.heading_clause = self._span_item(spans[0], number)
                heading_free = False
            elif spans:
                number = [node.line.number] if node.line else []
                first, *more = [self._span_item(span, number) for span in spans]
                node.own, node.own_more = first, more
                heading_free = False
                due = field_line(rest) if rest else None
                if due is not None and due.kind == "deadline":
                    (more or [first])[-1].deadline_fields.append(due.value)  # …。完成时限：2023年底。
                elif rest:
                    pending.append(Line(node.line.number if node.line else 0, rest))
        fields: list[FieldLine] = []

        def flush_fields() -> None:
            nonlocal heading_free, pending
            if not fields:
                return
            group = list(fields)
            fields.clear()
            clause_fields = [f for f in group if f.field.kind == "clause"]
            if not clause_fields and (node.items or node.own) and not pending:
                # 完成时限 or a leader's name after an item that has its clause already.
                last = node.items[-1] if node.items else node.own
                assert last is not None
                for f in group:
                    if f.field.kind == "deadline":
                        last.deadline_fields.append(f.field.value)
                    else:
                        last.how.append(f"not a unit: {f.field.label}：{f.field.value}")
                return
            texts: list[Line] = []
            if heading_free and node.line is not None:
                texts.append(node.line)
            texts += pending
            pending = []
            if not texts:
                if node.items:
                    # A second labelled block after an item read already: kept for the reviewer.
                    node.items[-1].fields += group
                    node.items[-1].how += [f"labelled line not read: {f.field.label}：{f.field.value}" for f in group]
                else:
                    self.unplaced += [f.line for f in group]
                return
            item = self._field_item(texts, group)
            if heading_free and node.line is not None:
                node.own = item
                heading_free = False
            else:
                node.items.append(item)

        subjects = _subject_run(node.body)
        for tok in node.body:
            if isinstance(tok, FieldLine):
                fields.append(tok)
                continue
            flush_fields()
            if isinstance(tok, Row):
                self._row(node, tok)
                continue
            line: Line = tok
            opening = opening_clause(line.text) if heading_free and not pending and node.line is not None else None
            if opening is not None and opening[1] == "。" and node.line is not None:
                # 一、治理… / 由甲承办，乙协办。治理目标：…: the heading's first sentence names its
                # units; the heading is the task, the sentences after are its preamble.
                item = self._clause_item([node.line], opening[0], opening[0], "a clause opening the first paragraph")
                node.own, heading_free = item, False
                if opening[2]:
                    pending.append(Line(line.number, opening[2]))
                continue
            if id(line) in subjects:
                # 市水务局负责… / 市统计局负责… a line each (one ending …的落实 is no clause on its own line).
                self._settle(node, pending)
                pending = []
                clause = run_subject_clause(line.text)
                assert clause is not None
                how = "units as the subject, a line each"
                if subject_clause(line.text) is None:
                    how += " (of 要, read as 负责)"
                node.items.append(self._clause_item([line], clause, clause, how))
                continue
            inner = standalone_clause(line.text)
            if inner is not None:
                take_heading = heading_free and node.line is not None and (not pending or task_heading(node))
                texts = ([node.line] if take_heading and node.line is not None else []) + pending
                pending = []
                if not texts:
                    self.unplaced.append(line)
                    continue
                item = self._clause_item(texts, line.text.strip().rstrip("。"), inner, _OWN_LINE)
                if texts[0] is node.line:
                    node.own = item
                    heading_free = False
                else:
                    node.items.append(item)
                continue
            spans, rest = find_spans(line.text, divided=node.enum is not None)
            if spans:
                made = [self._span_item(span, [line.number]) for span in spans]
                if heading_free and task_heading(node):
                    # 1.加强监测。 then paragraphs, the last closing with the clause: one task.
                    assert node.line is not None
                    first = made[0]
                    first.text = "\n".join([node.text, *(p.text for p in pending), first.text])
                    first.lines = [node.line.number, *(p.number for p in pending), *first.lines]
                    node.own, heading_free, pending = first, False, []
                    node.own_more += made[1:]
                elif node.own is not None:
                    self._settle(node, pending)
                    pending = []
                    node.own_more += made
                else:
                    self._settle(node, pending)
                    pending = []
                    node.items += made
                due = field_line(rest) if rest else None
                if due is not None and due.kind == "deadline":
                    made[-1].deadline_fields.append(due.value)  # …。完成时限：2023年底。 after the clause
                elif rest:
                    pending.append(Line(line.number, rest))
                continue
            duty = duty_clause(line.text) if not fields else None
            if duty is not None:
                # 其职责分工为： / 区委宣传部：制订宣传工作方案… / 商委：…: one unit's duties a line.
                self._settle(node, pending)
                pending = []
                node.items.append(self._clause_item([line], duty[0], duty[0], "a unit's name, then its duties"))
                continue
            pending.append(line)
        if heading_free and not fields and node.own is None and not node.items and not node.children:
            own = self._unlabelled_owner(node, pending)
            if own is not None:
                node.own, heading_free, pending = own, False, []
        flush_fields()
        cover = node.heading_clause
        if cover is not None and pending and not node.items and not node.children:
            # （一）省监察厅牵头的工作 / 加强行政监察工作，…: the tasks under a group heading are
            # paragraphs, not numbered: each is the heading's unit's to lead.
            for line in pending:
                item = Item(line.text, [line.number], cover.clause_text, cover.clause)
                item.how = [
                    f"the group heading {node.text[:16]}… names who leads the paragraph under it",
                    *cover.how[1:],
                ]
                node.items.append(item)
            pending = []
        if (
            heading_free
            and node.own is None
            and len(node.items) == 1
            and not node.children
            and node.enum is not None
            and node.line is not None
            and node.enum.style in _TASK_STYLES
            and not pending
        ):
            # 1、在兰州设立综合配套改革试验区事宜 / 由某副市长负责，市发改委牵头，…尽快完成…: a
            # numbered task's name over the one paragraph that says who does it and how.
            item = node.items.pop()
            item.text = f"{node.text}\n{item.text}"
            item.lines = [node.line.number, *item.lines]
            node.own = item
        self._settle(node, pending)

    def _unlabelled_owner(self, node: Node, pending: list[Line]) -> Item | None:
        """A numbered line no clause or label claimed, whose own words name who does it: an
        inspection's 整改要求：由甲负责… under a problem, 14.市卫生局：负责… (a unit, then its
        duties), or 1.县应急管理局负责… (the units as the subject, on the line or opening its first
        paragraph). The first that reads wins."""
        if node.line is None:
            return None
        rest = node.enum.rest if node.enum is not None else node.text
        readers: list[tuple[Callable[[], str | None], str]] = [
            (
                lambda: assigned_clause(pending[0].text) if pending else None,
                "units named in the requirement: 由甲负责…",
            ),
            (lambda: (duty_clause(node.text) or (None,))[0], "a unit's name, then its duties"),
            (lambda: subject_clause(rest), "units named as the subject: 甲负责…"),
            (
                lambda: subject_clause(pending[0].text) if pending else None,
                "units named as the subject of its first paragraph: 甲负责…",
            ),
        ]
        for read, how in readers:
            clause = read()
            if clause is not None:
                return self._clause_item([node.line, *pending], clause, clause, how)
        return self._units_below(node, pending)

    def _units_below(self, node: Node, pending: list[Line]) -> Item | None:
        """2.纳入…补贴。 / 市经信局、市财政局等，各县、市、区政府 / 2020年12月: a table copied without
        its header, each task's units cell (and its deadline cell) on the lines below it."""
        assert node.line is not None
        at = next((k for k, line in enumerate(pending) if units_line(line.text)), None)
        if at is None or at > 1:
            return None
        after = pending[at + 1 :]
        if len(after) > 1 or not all(deadline_cell(line.text) for line in after):
            return None  # more text after the units: not the cell under a task
        words = pending[at].text.strip()
        clause = units_line(words)
        assert clause is not None
        item = self._clause_item([node.line, *pending[:at]], words, clause, "a line of units' names under the task")
        item.deadline_fields += [line.text.strip() for line in after]
        return item

    def _settle(self, node: Node, pending: list[Line]) -> None:
        """Paragraphs no clause claimed: a heading's first paragraph before its items is its
        preamble; the rest are unplaced."""
        for line in pending:
            if not node.items and node.own is None and node.preamble is None and node.enum is not None:
                node.preamble = line.text
            else:
                self.unplaced.append(line)
        pending.clear()

    def _group_clause(self, node: Node) -> None:
        """One clause after a group of sub-items covers them all: （1）…（4） then （责任单位：…）
        under 1. makes 1. the item, its sub-items part of its text."""
        # One sub-item's clause is its own; and a group read so already is an item, which the
        # heading above it must not read again as a group (its sub-items' text would be lost).
        if node.own is not None or node.items or len(node.children) < 2:
            return
        last = node.children[-1]
        others = node.children[:-1]
        if last.own is None or last.items or any(c.own or c.items or c.children for c in others) or last.children:
            return
        if not last.own.how or last.own.how[0] != _OWN_LINE:
            return
        texts = (
            [node.text]
            + [c.text for c in node.children]
            + [
                ln.text
                for c in node.children
                for ln in c.body
                if isinstance(ln, Line) and ln.text != last.own.clause_text
            ]
        )
        item = last.own
        item.lines = sorted(
            {node.line.number if node.line else 0, *item.lines}
            | {c.line.number for c in node.children if c.line}
            | {ln.number for c in node.children for ln in c.body if isinstance(ln, Line)}
        )
        item.text = "\n".join(t for t in texts if t)
        item.how[0] = "a clause on its own line after the sub-items, covering them all"
        node.own = item
        node.children = []

    def _row(self, node: Node, row: Row) -> None:
        texts = [Line(row.line.number if row.line else 0, row.task)]
        group = [
            FieldLine(Field(label, value, "deadline" if label == "完成时限" else "clause"), row.line or Line(0, ""))
            for label, value in row.fields
        ]
        item = self._field_item(texts, group, table=True)
        if row.notes:
            item.how.append("row notes: " + "；".join(row.notes))
        node.items.append(item)

    def _read(self, words: str, item: Item) -> None:
        clause = parse_clause(words)
        item.parsed = (words, clause)
        read, changed = conv.apply(clause, self.conventions)
        item.clause = read
        if clause.how:
            item.how.append(clause.how)
        if changed:
            item.how.append(changed)
        if clause.notes:
            item.how.append("not units: " + "；".join(clause.notes))

    def _span_item(self, span: Any, lines: list[int]) -> Item:
        inner, note = conv.strip_convention(span.inner)
        item = Item(span.text, lines, span.clause, None, how=[f"clause at the {span.where}"])
        if note:
            item.how.append(f"convention note {note}")
        self._read(inner, item)
        return item

    def _clause_item(self, texts: list[Line], clause_text: str, inner: str, where: str) -> Item:
        inner, note = conv.strip_convention(inner)
        item = Item("\n".join(t.text for t in texts), [t.number for t in texts], clause_text, None, how=[where])
        self._read(inner, item)
        return item

    def _field_item(self, texts: list[Line], group: list[FieldLine], table: bool = False) -> Item:
        clause_fields = [f for f in group if f.field.kind == "clause"]
        words = []
        for f in clause_fields:
            value, note = conv.strip_convention(f.field.value)
            words.append(f"{f.field.label}：{value}")
        item = Item(
            "\n".join(t.text for t in texts),
            [t.number for t in texts],
            "；".join(f"{f.field.label}：{f.field.value}" for f in clause_fields) or None,
            None,
            fields=group,
            how=["table columns" if table else "labelled lines after the task"],
        )
        for f in group:
            if f.field.kind == "person":
                item.how.append(f"not a unit: {f.field.label}：{f.field.value}")
            elif f.field.kind == "deadline":
                item.deadline_fields.append(f.field.value)
        if words:
            self._read("；".join(words), item)
        else:
            item.how.append("no responsibility named")
        return item
