"""What the importer tests share: a text's drafted items, and an item's roles."""

from __future__ import annotations

from prd_cli.importer import import_bytes
from prd_cli.importer.draft import draft_yaml


def items(text: str) -> list[dict]:
    result = import_bytes(text.encode("utf-8"), None, name="x.txt")
    return [i for c in result.chapters for m in c["measures"] for i in m["items"]]


def roles(item: dict) -> tuple[list[str], list[str], list[str]]:
    return item.get("lead", []), item.get("joint", []), item.get("support", [])


def draft(text: str) -> str:
    """The draft file `prd import` writes for the text: items, notes and what was not placed."""
    return draft_yaml(import_bytes(text.encode("utf-8"), None, name="x.txt"), "x.txt")
