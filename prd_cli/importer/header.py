"""The document's header and closing: 文号, title, addressees, the documents it implements,
issuer and date, as a cover notice or a scraped page gives them."""

from __future__ import annotations

import re
from typing import Any

from .finders import duty_clause, field_line, run_subject_clause, spans
from .grammar import TITLE_ENDS, split_units
from .headings import header
from .nodes import Line
from .outline import enumerator
from .runon import header_in
from .tables import flat_header_at, pipe_cells

_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}\s?[〔\[［]\d{4}[〕\]］]\s?\d+号")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
# [^《》]: an unclosed 《 is not rescanned to the end from every later 《 (quadratic).
_IMPLEMENTS = re.compile(r"《([^《》]+)》（([^（）]*〔\d{4}〕\d+号)）")
_YEAR = re.compile(r"(20\d\d)年")
# Enumerator styles that open the body of a document (一是 and ① never do).
_OPENERS = ("一、", "（一）", "1.", "1、", "1．", "第一章", "（1）")


def _is_opener(text: str) -> bool:
    e = enumerator(text)
    return e is not None and e.style in _OPENERS


def _table_header_cells(text: str) -> list[str] | None:
    cells = pipe_cells(text)
    return header(cells) if cells else None


def read_header(lines: list[Line]) -> tuple[dict[str, Any], int, list[Line]]:
    """The document's number, title, addressees and preamble; where the body starts."""
    doc: dict[str, Any] = {}
    n = len(lines)

    def starts_body(k: int) -> bool:
        text = lines[k].text
        if _is_opener(text) or _table_header_cells(text) is not None or flat_header_at(lines, k) is not None:
            return True
        if "序号" in text and header_in(text) is not None:  # a table run into one line
            return True
        # 市水务局负责… / 市规划和建设局负责… opening the text: a page that opens mid-document, in
        # a division of work a line a unit, before any title.
        if k + 1 < n and run_subject_clause(text) is not None and run_subject_clause(lines[k + 1].text) is not None:
            return True
        # 农业综合服务中心：负责… / 财政所：负责…: the same, each unit's name before a colon.
        if k + 1 < n and duty_clause(text) is not None and duty_clause(lines[k + 1].text) is not None:
            return True
        # No headings at all: the first paragraph with a clause starts a flat list of items.
        f = field_line(text)
        return (f is not None and f.kind == "clause") or bool(spans(text, divided=False)[0])

    i = 0
    title: list[Line] = []
    cited: list[Line] = []  # a line naming a document by its number: never the title, kept
    addressed = False
    while i < n and not starts_body(i):
        text = lines[i].text
        number = _NUMBER.search(text) if len(text) < 300 else None
        if number and "number" not in doc:
            doc["number"] = number.group(0).replace(" ", "")
        if text.endswith("：") and len(text) < 200 and _addressed(text):
            doc["addressees"] = _split_addressees(text[:-1])
            addressed = True
            i += 1
            break
        i += 1
        if number and (text == number.group(0) or "《" in text):
            if len(text) > 80 or text.endswith("。"):  # a sentence citing it, not 文号《标题》
                cited.append(lines[i - 1])
            continue
        title.append(lines[i - 1])
    preamble: list[Line] = []
    if not addressed:
        # No addressee line: the title is the first line that reads like one, the rest preamble.
        pick = next((ln for ln in title if _title_like(ln.text)), title[0] if title else None)
        preamble = [ln for ln in title if ln is not pick]
        title = [pick] if pick is not None else []
    elif len(title) > 1:
        # A scraped page puts a lead paragraph or "文件原文如下：" above the title: a title line is
        # short and does not end a sentence.
        kept = [ln for ln in title if len(ln.text) <= 80 and not ln.text.endswith(("。", "：", "！"))] or title[-1:]
        preamble = [ln for ln in title if ln not in kept]  # kept in the preamble, never dropped
        title = kept
    if title:
        doc["title"] = "".join(ln.text for ln in title)
    preamble = sorted([*preamble, *cited], key=lambda ln: ln.number)
    while i < n and not starts_body(i):
        preamble.append(lines[i])
        i += 1
    if i < n and preamble and preamble[-1] is lines[i - 1] and _task_of_label(lines[i - 1].text, lines[i].text):
        i -= 1  # 城镇新增就业110万人以上 / 部门分工：…: a labelled line's task is the line above it
        preamble.pop()
    if "title" not in doc:
        for ln in preamble:
            if len(ln.text) <= 60 and ln.text.endswith(TITLE_ENDS):
                doc["title"] = ln.text
                break
    if "number" not in doc:
        for ln in preamble:
            number = _NUMBER.search(ln.text) if len(ln.text) < 60 else None
            if number:
                doc["number"] = number.group(0).replace(" ", "")
                break
    return doc, i, preamble


def _task_of_label(above: str, text: str) -> bool:
    """Whether `above` is the task of the labelled line `text` that opens the body: a short
    statement, not a heading of the document (…如下：) nor a sentence of a notice."""
    f = field_line(text)
    if f is None or f.kind != "clause" or _is_opener(text):
        return False
    return len(above) <= 80 and not above.endswith(("：", ":", "。", "？", "！", "~")) and field_line(above) is None


_ADDRESSEE_ENDS = (
    "单位",
    "部门",
    "政府",
    "机构",
    "管委会",
    "办事处",
    "委员会",
    "直属机构",
    "各委",
    "各局",
    "学校",
    "企业",
    "院校",
)


def _title_like(text: str) -> bool:
    return (
        len(text) <= 80
        and not text.endswith(("。", "："))
        and ("关于" in text or text.endswith(TITLE_ENDS) or text.rstrip("）)").endswith("年"))
    )


def _addressed(text: str) -> bool:
    """An addressee line lists bodies (各镇人民政府，市府直属各单位：), unlike 文件原文如下："""
    body = text[:-1]
    return body.startswith("各") or "、" in body or "，" in body or body.endswith(_ADDRESSEE_ENDS)


def _take_until(lines: list[Line], i: int, stop: Any) -> list[Line]:
    out = []
    while i < len(lines) and not stop(i):
        out.append(lines[i])
        i += 1
    return out


def _split_addressees(text: str) -> list[str]:
    return split_units(text)


def year_of(doc: dict[str, Any], lines: list[Line]) -> int | None:
    if "date" in doc:
        return int(doc["date"][:4])
    for text in [doc.get("title", ""), doc.get("number", "")] + [ln.text for ln in lines[:10]]:
        m = _YEAR.search(text) if len(text) < 400 else None
        if m:
            return int(m[1])
    m = re.search(r"〔(\d{4})〕", doc.get("number", ""))
    return int(m[1]) if m else None


def city_of(issuer: str, title: str) -> str:
    for text in (issuer, title):
        m = re.match(r"^(.{1,6}?市)", text)
        if m:
            return m.group(1)
    return ""
