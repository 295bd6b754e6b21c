"""The outline as the reader builds it: enumerated lines with what sits under them, and the
items read from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .finders import Field
from .grammar import Clause
from .outline import Enumerator


@dataclass
class Line:
    """One line of the document as repaired: its number in the source and its text."""

    number: int
    text: str


@dataclass(eq=False)  # identity: a node is itself, whatever its contents
class Node:
    enum: Enumerator | None
    line: Line | None
    level: int
    parent: Node | None = None
    body: list[Any] = field(default_factory=list)  # Line (paragraph) | Field-with-line | Row
    children: list[Node] = field(default_factory=list)
    # Filled while resolving:
    items: list[Item] = field(default_factory=list)  # items read from this node's body
    own: Item | None = None  # the node itself is an item
    own_more: list[Item] = field(default_factory=list)  # more clauses closing sentences of its line
    heading_clause: Item | None = None  # 一、扩大有效投资（由县发改局牵头实施）: covers the items under it
    preamble: str | None = None

    @property
    def title(self) -> str:
        if self.heading_clause is not None and self.enum is not None:
            return self.enum.rest.removesuffix(self.heading_clause.clause_text or "").strip()
        return self.enum.rest if self.enum else ""

    @property
    def text(self) -> str:
        return self.line.text if self.line else ""


@dataclass
class FieldLine:
    field: Field
    line: Line


@dataclass(eq=False)
class Item:
    text: str
    lines: list[int]
    clause_text: str | None = None
    clause: Clause | None = None
    fields: list[FieldLine] = field(default_factory=list)
    how: list[str] = field(default_factory=list)
    deadline_fields: list[str] = field(default_factory=list)
    node: Node | None = None  # the heading it sits under
    # The words the clause was read from and what they read as, before any convention: the
    # draft's cross-check of the clause as written reuses it instead of reading it again.
    parsed: tuple[str, Clause] | None = None


def has_items(node: Node) -> bool:
    """Whether the node or any node under it is or holds an item."""
    return bool(node.own or node.items or any(has_items(c) for c in node.children))
