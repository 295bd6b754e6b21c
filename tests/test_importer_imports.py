"""The importer's modules import one way: no module imports one that imports it back, at the top
of a file or inside a function (a function-level import only hides a loop, it does not end it)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "prd_cli" / "importer"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:  # from . import conventions
                names.update(alias.name for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {name: _imports(path) & modules.keys() for name, path in modules.items()}


def test_no_module_of_the_importer_is_in_an_import_loop() -> None:
    graph = _graph()

    def reaches(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(graph[name])
        return seen

    loops = sorted(name for name in graph if name in reaches(name))
    assert loops == []


def test_the_line_type_lives_below_repair_and_tables() -> None:
    graph = _graph()
    assert "nodes" in graph["repair"] and "nodes" in graph["tables"]
    assert "repair" not in graph["tables"]
