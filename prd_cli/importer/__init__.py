"""`prd import`: turn a policy document as an office receives it (text, .docx, a saved web page)
into a draft measures file for a person to review.

One module per stage, so a new layout is a new recogniser and a test:

- `formats`: bytes → text (encodings, .docx with its tables, HTML);
- `repair`: pinyin, Traditional script, punctuation, wrap spaces, web junk, mojibake, a shared
  document's numbered pages;
- `header`: 文号, title, addressees, implemented documents, issuer and date;
- `outline`: enumerators and their levels, in the order the document first uses them;
- `body`: the body as tokens, then a tree (`nodes` holds its data);
- `headings`: a task-division table's headings and the field each column gives;
- `tables`: task-division tables, as rows or flattened one cell a line;
- `runon`: a task-division table run into one line with nothing between its cells;
- `finders`: where a clause is (end of paragraph, mid-paragraph, labelled lines);
- `grammar`: the clause grammar as data (labels, verbs, separators);
- `conventions`: document-level rules (the first-named unit leads);
- `unitmap`: names → registered units, and drafts for new ones;
- `reader`: reads the tree into items, each saying how it was read;
- `document`: the stages in order, then the chapters and measures of the draft;
- `sweep`: every source line is in the draft or listed as unplaced, never lost;
- `draft`: the YAML and the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import ImportResult
    from .draft import draft_yaml, import_bytes, import_text, summary
    from .formats import ImportFailure, decode
    from .nodes import Line
    from .repair import clean

__all__ = [
    "ImportFailure",
    "ImportResult",
    "Line",
    "clean",
    "decode",
    "draft_yaml",
    "import_bytes",
    "import_text",
    "summary",
]

# Loaded on first use, so `prd validate` (which reads clauses with `grammar`) does not pay for
# the whole reader.
_HOME = {
    "ImportResult": "document",
    "draft_yaml": "draft",
    "import_bytes": "draft",
    "import_text": "draft",
    "summary": "draft",
    "ImportFailure": "formats",
    "decode": "formats",
    "Line": "nodes",
    "clean": "repair",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        from importlib import import_module

        return getattr(import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(name)
