"""Turn the raw text of a policy document into a draft measures file for a person to review.

The mechanical part only: decode, clean the scrape, find the header, chapters, measures and
items, split responsibility clauses, map units, draft deadlines. Whatever cannot be placed is
kept as a comment in the draft and listed in the summary, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .clauses import parse_clause, split_units, trailing_clause
from .numerals import parse_chinese_number
from .textclean import fullwidth_punctuation, strip_pinyin, to_simplified
from .timephrases import find_deadlines
from .units import UnitRegistry

_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号")
_CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_MEASURE = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_IMPLEMENTS = re.compile(r"《([^》]+)》（([^（）]*〔\d{4}〕\d+号)）")
_JUNK = re.compile(r"^!\[.*\]\(.*\)$|二维码|关注我们|https?://|www\.", re.IGNORECASE)
# Mojibake a scrape leaves when GBK bytes were read as something else: enclosed CJK
# characters, replacement characters, a ？ glued to other punctuation.
_GARBLED = re.compile(r"[\u3200-\u32ff\ufffd]|？[；，。]")


class ImportFailure(Exception):
    """The input cannot be read at all (the message says why)."""


@dataclass
class Line:
    number: int
    text: str


@dataclass
class ImportResult:
    encoding: str
    document: dict[str, Any] = field(default_factory=dict)
    chapters: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[Line] = field(default_factory=list)
    junk: list[Line] = field(default_factory=list)
    suspicious: list[Line] = field(default_factory=list)
    known_units: list[str] = field(default_factory=list)
    new_units: list[dict[str, str]] = field(default_factory=list)
    deadlines: int = 0

    @property
    def measures(self) -> int:
        return sum(len(c["measures"]) for c in self.chapters)

    @property
    def items(self) -> int:
        return sum(len(m["items"]) for c in self.chapters for m in c["measures"])


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), UTF-16, GB18030/GBK."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        raise ImportFailure("the text is not UTF-8, UTF-16 or GB18030/GBK: save it as UTF-8 and try again") from None


def clean(text: str, *, keep_script: bool = False) -> tuple[list[Line], list[Line]]:
    """Lines with pinyin, stray spaces and ASCII punctuation mended; web junk set apart."""
    lines, junk = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = strip_pinyin(raw).strip()
        if not line:
            continue
        if not keep_script:
            line = to_simplified(line)
        if _JUNK.search(line) or _JUNK.search(to_simplified(line)):
            junk.append(Line(number, line))
            continue
        if _is_cjk_heavy(line):
            line = re.sub(r"[\s\u3000]+", "", line)
        lines.append(Line(number, fullwidth_punctuation(line)))
    return lines, junk


def _is_cjk_heavy(text: str) -> bool:
    # Spaces inside Chinese text are scrape noise; in Latin text they are words' edges.
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return cjk * 2 >= len(text.strip()) > 0


def _guess_kind(name: str) -> str:
    if name.startswith("各") or "各成员单位" in name:
        return "collective"
    if name.startswith(("市委", "中共")) or name.endswith("市委"):
        return "party"
    if name in ("团市委", "市总工会", "市妇联", "市工商联", "市科协", "市残联") or name.endswith(("联合会", "工会")):
        return "mass"
    if name.endswith(("镇", "街道")):
        return "town"
    if name.endswith("管委会"):
        return "committee"
    if any(k in name for k in ("海关", "检验检疫", "海事局", "边防", "出入境")):
        return "central"
    if name.endswith(("公司", "供电局")) or "集团" in name:
        return "enterprise"
    if any(k in name for k in ("小组办公室", "指挥部", "联席会议")):
        return "coordination"
    return "department"


def _full_name(name: str, city: str) -> str:
    if name.startswith("市委"):
        return f"中共{city}{name}"
    if name.startswith("市"):
        return city + name[1:]
    if name.endswith(("镇", "街道")):
        return f"{city}{name}"
    return name


def parse(lines: list[Line], registry: UnitRegistry | None, encoding: str) -> ImportResult:
    result = ImportResult(encoding=encoding)
    doc: dict[str, Any] = {}
    i = 0
    # Header: a web page title line "文号《title》", the 文号, the title over one or more
    # lines, then the addressees ending in ：.
    title_parts: list[str] = []
    while i < len(lines) and not _CHAPTER.match(lines[i].text) and not _MEASURE.match(lines[i].text):
        text = lines[i].text
        number = _NUMBER.search(text)
        if number and "number" not in doc:
            doc["number"] = number.group(0)
        if text.endswith("："):
            doc["addressees"] = split_units(text[:-1])
            i += 1
            break
        if number and (text == number.group(0) or "《" in text):
            i += 1
            continue
        title_parts.append(text)
        i += 1
    if title_parts:
        doc["title"] = "".join(title_parts)
    preamble: list[str] = []
    while i < len(lines) and not _CHAPTER.match(lines[i].text) and not _MEASURE.match(lines[i].text):
        preamble.append(lines[i].text)
        i += 1
    if preamble:
        doc["preamble"] = "\n".join(preamble)
        doc["implements"] = [{"number": n, "title": t} for t, n in _IMPLEMENTS.findall(doc["preamble"])]
    # The closing: issuer, then the date; anything after it is not part of the document.
    end = len(lines)
    for j in range(len(lines) - 1, i, -1):
        m = _DATE.match(lines[j].text)
        if m:
            doc["date"] = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
            doc["issuer"] = lines[j - 1].text
            result.unplaced += lines[j + 1 :]
            end = j - 1
            break
    year = int(doc.get("date", "2000")[:4])
    city = _city(doc.get("issuer", ""))
    chapter: dict[str, Any] | None = None
    measure: dict[str, Any] | None = None
    for line in lines[i:end]:
        text = line.text
        if m := _CHAPTER.match(text):
            chapter = {"number": parse_chinese_number(m[1]), "title": m[2], "measures": []}
            result.chapters.append(chapter)
            measure = None
            continue
        if m := _MEASURE.match(text):
            if chapter is None:
                chapter = {"number": 1, "title": "正文", "measures": []}
                result.chapters.append(chapter)
            measure = {"number": parse_chinese_number(m[1]), "title": m[2], "items": []}
            chapter["measures"].append(measure)
            continue
        if measure is None:
            result.unplaced.append(line)
            continue
        if _GARBLED.search(text):
            result.suspicious.append(line)
        split = trailing_clause(text)
        if split is None:
            if not measure["items"] and "preamble" not in measure:
                measure["preamble"] = text
            else:
                result.unplaced.append(line)
            continue
        body, inner = split
        clause = parse_clause(inner)
        item: dict[str, Any] = {
            "id": f"{measure['number']}.{len(measure['items']) + 1}",
            "text": body,
            "clause": f"（{inner}）",
        }
        for role, names in (("lead", clause.lead), ("joint", clause.joint), ("support", clause.support)):
            if names:
                item[role] = [_map_unit(n, registry, result, city) for n in names]
        drafts = find_deadlines(body, year)
        if drafts:
            item["deadlines"] = [_draft(d) for d in drafts]
            result.deadlines += len(drafts)
        measure["items"].append(item)
    result.document = doc
    return result


def _city(issuer: str) -> str:
    m = re.match(r"^(.+?市)", issuer)
    return m.group(1) if m else ""


def _map_unit(name: str, registry: UnitRegistry | None, result: ImportResult, city: str) -> str:
    canonical = registry.resolve(name) if registry is not None else None
    if canonical is not None:
        if canonical not in result.known_units:
            result.known_units.append(canonical)
        return canonical
    if all(u["name"] != name for u in result.new_units):
        result.new_units.append({"name": name, "full_name": _full_name(name, city), "kind": _guess_kind(name)})
    return name


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


def import_text(raw: bytes, registry: UnitRegistry | None, *, keep_script: bool = False) -> ImportResult:
    text, encoding = decode(raw)
    lines, junk = clean(text, keep_script=keep_script)
    if not lines:
        raise ImportFailure("the text is empty")
    result = parse(lines, registry, encoding)
    if not result.chapters:
        # A draft with nothing in it would only fail validation later, far from the cause.
        raise ImportFailure(
            "found no chapters (一、…), measures (（一）…) or responsibility clauses"
            " (（牵头单位：…）): is this the text of a policy document?"
        )
    result.junk = junk
    return result


def _key(number: str) -> str:
    m = re.search(r"〔(\d{4})〕(\d+)号", number)
    return f"doc-{m[1]}-{m[2]}" if m else "doc"


def draft_yaml(result: ImportResult, source: str) -> str:
    """The draft measures file: what was drafted and what a person must check, at the top."""
    from .yamlwrite import dump

    doc = dict(result.document)
    document = {"key": _key(doc.get("number", "")), **doc}
    order = ["key", "number", "title", "issuer", "date", "addressees", "implements", "preamble"]
    document = {k: document[k] for k in order if k in document and document[k] not in (None, [], "")}
    head = [
        f"# Draft made by `prd import` from {source} ({result.encoding}).",
        "# A person must check, before this file is used:",
        "#  - every item's text and clause against the source, and the lead/support split;",
        "#  - every deadline marked `review: true` (its period, `what`, `soft`), then delete the",
        "#    `review` line: prd validate refuses drafts until then;",
        "#  - document.key (a short id of your choosing) and any line listed at the end as unplaced.",
    ]
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
    body = dump({"document": document, "chapters": chapters})
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
    return "\n".join(head) + "\n" + body + ("\n".join(tail) + "\n" if tail else "")


def summary(result: ImportResult) -> str:
    lines = [
        f"encoding: {result.encoding}",
        f"document: {result.document.get('number', '(no 文号 found)')} {result.document.get('date', '(no date found)')}",
        f"chapters: {len(result.chapters)}, measures: {result.measures}, items: {result.items}",
        f"units: {len(result.known_units)} known, {len(result.new_units)} new"
        + (f" ({'、'.join(u['name'] for u in result.new_units)})" if result.new_units else ""),
        f"deadlines drafted: {result.deadlines} (each marked review: true)",
        f"lines not placed: {len(result.unplaced)}; web junk removed: {len(result.junk)}; garbled lines: {len(result.suspicious)}",
    ]
    lines += [f"  unplaced line {ln.number}: {ln.text[:50]}" for ln in result.unplaced]
    lines += [f"  garbled line {ln.number}: {ln.text[:50]}" for ln in result.suspicious]
    return "\n".join(lines) + "\n"
