"""The draft measures file and the summary: what was drafted, how each item was read, and what a
person must check."""

from __future__ import annotations

import re
from typing import Any

from ..i18n import _
from ..units import UnitRegistry
from .document import ImportResult, build
from .formats import ImportFailure, read
from .nodes import Line
from .repair import clean


def import_bytes(
    raw: bytes, registry: UnitRegistry | None, *, name: str = "", keep_script: bool = False
) -> ImportResult:
    """Read a document in any supported format (text, .docx, .html)."""
    text, encoding = read(raw, name)
    lines, junk = clean(text)
    if not lines:
        raise ImportFailure("the text is empty")
    result = build(lines, registry, encoding)
    if keep_script:
        _keep_script(result, lines, clean(text, keep_script=True)[0])
        junk = clean(text, keep_script=True)[1]
    if not result.chapters:
        # A draft with nothing in it would only fail validation later, far from the cause.
        raise ImportFailure(
            "found no items: no enumerated tasks (一、 （一） 1. …), responsibility clauses"
            " (（牵头单位：…）, 甲牵头，乙配合, 责任单位：…) or task-division table:"
            " is this the text of a policy document?"
        )
    result.junk = junk
    return result


_KEEP = ("title", "preamble", "text", "clause", "what", "source", "number", "issuer")


def _keep_script(result: ImportResult, simplified: list[Line], original: list[Line]) -> None:
    """Structure is read in Simplified script; the draft quotes the source in its own script.
    Each quoted string is found in the Simplified text and replaced by the same span of the
    original, line by line where conversion kept the length (unit names stay canonical)."""
    by_number = {ln.number: ln.text for ln in original}
    s_parts, o_parts = [], []
    for ln in simplified:
        orig = by_number.get(ln.number, ln.text)
        s_parts.append(ln.text)
        o_parts.append(orig if len(orig) == len(ln.text) else ln.text)
    s_text, o_text = "\n".join(s_parts), "\n".join(o_parts)

    def restore(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: restore(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [restore(v, key) for v in value]
        if isinstance(value, str) and key in _KEEP and value:
            at = s_text.find(value)
            return o_text[at : at + len(value)] if at >= 0 else value
        return value

    result.document = restore(result.document)
    result.chapters = restore(result.chapters)
    result.unplaced = [Line(ln.number, by_number.get(ln.number, ln.text)) for ln in result.unplaced]


def import_text(raw: bytes, registry: UnitRegistry | None, *, keep_script: bool = False) -> ImportResult:
    return import_bytes(raw, registry, keep_script=keep_script)


def _key(number: str) -> str:
    m = re.search(r"[〔\[［](\d{4})[〕\]］](\d+)号", number)
    return f"doc-{m[1]}-{m[2]}" if m else "doc"


_ITEM_LINE = re.compile(r"^(\s*)- id: '?(\d+\.\d+)'?$")


def _dump(data: Any) -> str:
    """yamlwrite.dump's output, written by libyaml's emitter when PyYAML has it: a 10 MB
    document's draft then takes a second instead of several."""
    import yaml

    from .. import yamlwrite

    if not getattr(yaml, "__with_libyaml__", False):
        return yamlwrite.dump(data)

    class _CDumper(yaml.CSafeDumper):
        pass

    _CDumper.add_representer(
        yamlwrite._Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
    )
    out = yaml.dump(
        yamlwrite._flow_names(data), Dumper=_CDumper, allow_unicode=True, width=10**6, sort_keys=False, indent=2
    )
    return str(out)


def draft_yaml(result: ImportResult, source: str) -> str:
    """The draft measures file: what was drafted and what a person must check, at the top; how
    each item was read, in a comment above it."""
    dump = _dump

    doc = dict(result.document)
    document = {"key": _key(doc.get("number", "")), **doc}
    order = ["key", "number", "title", "issuer", "date", "addressees", "implements", "preamble"]
    document = {k: document[k] for k in order if k in document and document[k] not in (None, [], "")}
    head = [
        f"# Draft made by `prd import` from {source} ({result.encoding}).",
        "# A person must check, before this file is used:",
        "#  - every item's text and clause against the source, and the lead/joint/support split",
        "#    (the comment above each item says which clause and which convention gave it);",
        "#  - every deadline marked `review: true` (its period, `what`, `soft`), then delete the",
        "#    `review` line: prd validate refuses drafts until then;",
        "#  - document.key (a short id of your choosing) and any line listed at the end as unplaced.",
    ]
    missing = [k for k in ("number", "title", "issuer", "date") if not doc.get(k)]
    if missing:
        head.append(
            f"# Not found in the source (a copy cut short?), fill them in: document.{', document.'.join(missing)}."
        )
    if result.convention:
        head.append(f"# Convention found: the first-named unit leads ({result.convention[:60]}).")
    else:
        head.append("# No convention found: units named without a 牵头 label are joint owners.")
    if result.suspicious:
        head.append("# Lines that look garbled in the source (mojibake) and need the official text:")
        head += [f"#  - line {ln.number}: {ln.text[:60]}" for ln in result.suspicious]
    chapters = [
        {
            **c,
            "measures": [{k: m[k] for k in ("number", "title", "preamble", "items") if k in m} for m in c["measures"]],
        }
        for c in result.chapters
    ]
    body_lines = []
    for line in dump({"document": document, "chapters": chapters}).splitlines():
        m = _ITEM_LINE.match(line)
        if m and result.notes.get(m[2]):
            indent = m[1]
            body_lines += [f"{indent}# read: {note}" for note in result.notes[m[2]]]
        body_lines.append(line)
    tail: list[str] = []
    if result.new_units:
        tail.append("# Units not in units.yaml: confirm these draft entries and add them there.")
        tail += ["# " + line for line in dump({"units": result.new_units}).splitlines()]
    if result.unplaced:
        tail.append("# Lines that could not be placed (kept here so nothing is lost):")
        tail += [f"# UNPLACED line {ln.number}: {ln.text}" for ln in result.unplaced]
    if result.junk:
        tail.append("# Web junk removed:")
        tail += [f"# JUNK line {ln.number}: {ln.text}" for ln in result.junk]
    return "\n".join(head) + "\n" + "\n".join(body_lines) + "\n" + ("\n".join(tail) + "\n" if tail else "")


def summary(result: ImportResult) -> str:
    doc = result.document
    new_units = f" ({'、'.join(u['name'] for u in result.new_units)})" if result.new_units else ""
    lines = [
        _("encoding: {encoding}").format(encoding=result.encoding),
        _("document: {number} {date}").format(
            number=doc.get("number", _("(no 文号 found)")), date=doc.get("date", _("(no date found)"))
        ),
        _("chapters: {chapters}, measures: {measures}, items: {items}").format(
            chapters=len(result.chapters), measures=result.measures, items=result.items
        ),
        _("units: {known} known, {new} new").format(known=len(result.known_units), new=len(result.new_units))
        + new_units,
        _("deadlines drafted: {count} (each marked review: true)").format(count=result.deadlines),
        _("lines not placed: {unplaced}; web junk removed: {junk}; garbled lines: {garbled}").format(
            unplaced=len(result.unplaced), junk=len(result.junk), garbled=len(result.suspicious)
        ),
    ]
    if result.convention:
        lines.append(_("convention: the first-named unit leads ({text})").format(text=result.convention[:40]))
    unowned = [
        i for i, notes in result.notes.items() if any("no responsibility" in n or "names no unit" in n for n in notes)
    ]
    if unowned:
        shown = ", ".join(unowned[:_SHOWN])
        if len(unowned) > _SHOWN:
            shown += " " + _("… and {count} more").format(count=len(unowned) - _SHOWN)
        lines.append(_("items with no units found: {items}").format(items=shown))
    for found, words in (
        (result.unplaced, _("unplaced line {n}: {text}")),
        (result.suspicious, _("garbled line {n}: {text}")),
    ):
        lines += ["  " + words.format(n=ln.number, text=ln.text[:50]) for ln in found[:_SHOWN]]
        if len(found) > _SHOWN:
            lines.append(
                "  " + _("… and {count} more, all listed at the end of the draft").format(count=len(found) - _SHOWN)
            )
    return "\n".join(lines) + "\n"


# A summary is read on a terminal: a few of each, the draft keeps them all.
_SHOWN = 20


def to_plain(result: ImportResult) -> dict[str, Any]:
    """The draft as data (for tests and tools)."""
    return {"document": result.document, "chapters": result.chapters}
