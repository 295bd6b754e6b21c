"""Clause finders, by position: at the end of a paragraph in （…）/(…)/〔…〕, closing a sentence
in the middle of a paragraph, or on labelled lines after the task (牵头单位：… 配合单位：…).
Each scan is one pass over the paragraph."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .grammar import (
    DEADLINE_LABELS,
    JOINT_VERBS,
    LEAD_LABELS,
    LEAD_VERBS,
    PERSON_LABELS,
    RESPONSIBLE_LABELS,
    SUPPORT_LABELS,
    SUPPORT_VERBS,
    TASK_VERBS,
    UNIT_ENDINGS,
    _officials,
    label_of,
    looks_like_clause,
    looks_like_unit,
    parse_clause,
    split_units,
    trailing_clause,
)
from .outline import enumerator

_OPEN, _CLOSE = "（(〔[【", "）)〕]】"
_SENTENCE_END = "。；;！？"
_SENTENCE_ENDS = tuple(_SENTENCE_END)
_SENTENCE_END_SPACE = _SENTENCE_END + " "
_BRACKETS = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")


@dataclass
class Span:
    text: str  # the task's words
    clause: str  # the clause as the source writes it, brackets included
    inner: str  # the words inside the brackets
    where: str  # end of paragraph / mid-paragraph
    heading: str = ""  # for a group heading's clause: what it names (see grouplead)


def clause_spans(paragraph: str) -> tuple[list[Span], str]:
    """The clauses that close sentences in `paragraph`, each with the words it covers (the
    sentences since the clause before), and the words after the last clause. One pass over the
    brackets of the paragraph."""
    spans: list[Span] = []
    depth = 0
    open_at = -1
    start = 0
    skip_to = 0
    n = len(paragraph)
    for m in _BRACKETS.finditer(paragraph):
        i = m.start()
        if i < skip_to:
            continue
        if paragraph[i] in _OPEN:
            if depth == 0:
                open_at = i
            depth += 1
            continue
        if depth == 0:
            continue
        depth -= 1
        if depth or i - open_at > 402:
            continue
        j = i + 1
        while j < n and paragraph[j] in _SENTENCE_END_SPACE:
            j += 1
        at_end = j >= n
        if not (
            at_end
            or paragraph[i + 1 : i + 2] in _SENTENCE_ENDS
            or paragraph[open_at - 1 : open_at] in _SENTENCE_ENDS
            or _after_title(paragraph, start, open_at, i)
            or _before_clause(paragraph, i)
            or _after_quote(paragraph, open_at, i)
        ):
            continue
        inner = paragraph[open_at + 1 : i]
        if looks_like_clause(inner) and not _other_name(paragraph[start:open_at], inner):
            text = paragraph[start:open_at].strip()
            where = "end of paragraph" if at_end else "mid-paragraph"
            spans.append(Span(text, paragraph[open_at : i + 1], inner, where))
            while j < n and paragraph[j] in "，, ":  # （甲负责），乙…: the comma goes with the clause
                j += 1
            if j == i + 1 and paragraph[j : j + 1] == "、" and _after_quote(paragraph, open_at, i):
                j += 1  # “甲项目”（乙局）、“丙项目”（丁局）: the list's mark goes with the clause too
            start = skip_to = j
    if depth and open_at > start:
        left_open = _left_open(paragraph, start, open_at)
        if left_open is not None:
            spans.append(left_open)
            start = n
    return spans, paragraph[start:].strip()


_LEFT_OPEN = 60  # （牵头单位：县人力资源和社会保障局 with no ）: a clause's length, not a paragraph's


def _left_open(paragraph: str, start: int, open_at: int) -> Span | None:
    """…补贴。（牵头单位：县人力资源和社会保障局: a page that lost the bracket closing the
    paragraph's labelled clause. Read it when it is short, labelled and last; the draft keeps
    the clause with its bracket closed and says the source left it open."""
    inner = paragraph[open_at + 1 :].strip()
    if not 0 < len(inner) <= _LEFT_OPEN or any(ch in _SENTENCE_END or ch in _OPEN for ch in inner):
        return None
    if paragraph[open_at - 1 : open_at] not in _SENTENCE_ENDS or label_of(inner)[0] is None:
        return None
    if not looks_like_clause(inner):
        return None
    text = paragraph[start:open_at].strip()
    return Span(text, f"（{inner}）", inner, "end of paragraph (its closing bracket missing in the source)")


_QUOTES = '”"」』'


_LIST_GOES_ON = ("、", "，", ",", "等")


def _after_quote(paragraph: str, open_at: int, close_at: int) -> bool:
    """另，“新开工海塘18.4公里”（市水利局）、“公共场所新增AED”（市红十字会）等5个项目…: a report
    lists projects by their quoted names, each with its units in brackets, in one sentence."""
    return paragraph[open_at - 1 : open_at] in _QUOTES and paragraph[close_at + 1 : close_at + 2] in _LIST_GOES_ON


_NEXT_CLAUSE = 300  # how far past a comma the next clause may close its sentence


def _before_clause(paragraph: str, close_at: int) -> bool:
    """…减免政策（甲负责），建设一批众创空间（乙牵头）。: a clause followed by a comma and words that
    a clause of their own closes before the sentence ends: two tasks, each with its units."""
    if paragraph[close_at + 1 : close_at + 2] not in ("，", ","):
        return False
    tail = paragraph[close_at + 2 : close_at + 2 + _NEXT_CLAUSE]
    end = next((k for k, ch in enumerate(tail) if ch in _SENTENCE_END), None)
    if end is None:
        if len(tail) == _NEXT_CLAUSE:
            return False
        end = len(tail)
    words = tail[:end].strip()
    found = trailing_clause(words)
    return found is not None and bool(found[0].strip())


_TITLE = 40  # （十一）推动扶贫进校园: a heading's title is short


def _after_title(paragraph: str, start: int, open_at: int, close_at: int) -> bool:
    """（十一）推动扶贫进校园（牵头处室：甲 责任处室：乙）指导学校…: a labelled bracket right after
    the short title that opens a paragraph is the item's clause though the text runs on."""
    if start or open_at > _TITLE or any(ch in "。；，,;：:" for ch in paragraph[:open_at]):
        return False
    return label_of(paragraph[open_at + 1 : close_at])[0] is not None


_ROLE_WORDS = ("牵头", "负责", "配合", "参与", "协助", "会同", "落实", "：", ":")


def _other_name(before: str, inner: str) -> bool:
    """A short line naming a unit with its other name in brackets (今年省农业农村厅（乡村振兴局）,
    a page's lead-in): the bracket names the same body, not an owner of a task. A task names
    what to do; these words only end like a unit."""
    before = before.strip()
    return (
        0 < len(before) <= 24
        and before.endswith(UNIT_ENDINGS)
        and not before.startswith(TASK_VERBS)  # 建设区域医疗中心（市卫健委）is a task
        and not any(ch in "。，；、,;（）()〔〕" or ch.isdigit() for ch in before)
        and "、" not in inner
        and not any(word in inner for word in _ROLE_WORDS)
    )


def standalone_clause(paragraph: str) -> str | None:
    """The inner words when the whole paragraph is one clause: bracketed, or a sentence of its
    own after the task that only names units (由市财政局、农业局负责落实。)."""
    text = paragraph.strip().rstrip("。")
    if len(text) < 3:
        return None
    if text[0] not in _OPEN:
        return _unbracketed_alone(text)
    if text[-1] not in _CLOSE:
        return None
    split = trailing_clause(text)
    if split is not None and not split[0].strip():
        return split[1]
    return None


@dataclass
class Field:
    label: str
    value: str
    kind: str  # clause / deadline / person


def field_line(paragraph: str) -> Field | None:
    """A labelled line (牵头单位：…, 完成时限：…, 牵头负责领导：…)."""
    head = paragraph[:16]
    if "：" not in head and ":" not in head:
        return None  # a bare 责任单位 is a table's column heading, not a field
    label, rest = label_of(paragraph)
    if label is None:
        return None
    rest = rest.rstrip("。")
    if label in DEADLINE_LABELS:
        return Field(label, rest, "deadline")
    if label in PERSON_LABELS:
        # 责任领导：吴某；责任单位：甲；配合单位：乙: the leader first, the units after a semicolon.
        for m in _SEMICOLON.finditer(rest):
            after_label, after = label_of(rest[m.end() :])
            if after_label is not None and after_label not in PERSON_LABELS and after_label not in DEADLINE_LABELS:
                return Field(after_label, after, "clause")
        return Field(label, rest, "person")
    return Field(label, rest, "clause")


_SEMICOLON = re.compile("[；;]")


def inline_clause(paragraph: str) -> Span | None:
    """The State Council's unbracketed 由甲会同乙等部门负责落实 closing a paragraph: the task is
    the paragraph, the clause its last clause from 由."""
    text = paragraph.rstrip().rstrip("。；;")
    at = max(text.rfind("，由"), text.rfind("。由"))
    start = at + 1 if at >= 0 else (0 if text.startswith("由") else _after_subject(text))
    if start < 0 or len(text) - start > 300:
        return None
    inner = text[start:]
    if "会同" not in inner and not inner.endswith(("负责", "负责落实", "牵头")):
        # 加强市场监管，由甲牵头，乙配合: any verb of the grammar, when every part is units.
        if not inner.endswith(_ALONE_ENDINGS) or _unbracketed_alone(inner) is None:
            return None
    if not looks_like_clause(inner):
        return None
    return Span(paragraph.strip(), inner, inner, "end of paragraph, unbracketed")


_SUBJECTS = ("此项活动", "此项工作", "该项工作", "该项目", "此项任务", "该项任务", "此项目")


def _after_subject(text: str) -> int:
    """此项活动由甲、乙共同组织实施: where 由 stands after a subject that names the task above."""
    for subject in _SUBJECTS:
        at = text.find(subject + "由", 0, 80)
        if at >= 0:
            return at + len(subject)
    return -1


_ALONE_ENDINGS = (*LEAD_VERBS, *JOINT_VERBS, *SUPPORT_VERBS, "组织实施", "实施", "推进")


_KINDS = re.compile(r"[^，,；;：:。]{2,60}?等部门")


def _unbracketed_alone(text: str) -> str | None:
    """由甲、乙负责落实 or 甲牵头，乙配合 standing alone: a clause when each of its parts is unit
    names closed by a verb of the grammar, so 由市财政局研究制定补贴办法 (a task) is not taken
    for one."""
    if len(text) > 200 or "。" in text or not text.endswith(_ALONE_ENDINGS):
        return None
    if not looks_like_clause(text):
        return None
    clause = parse_clause(text)
    names = [*clause.lead, *clause.joint, *clause.support]
    if not names or clause.notes or "without a role" in clause.how:
        return None
    # Ends like a unit, not only opens like one: 各地各部门要认真贯彻落实 is an exhortation. Kinds of
    # department named bare before the 部门 they share (教育、卫生、城管等部门配合) count as units.
    kinds = {n for piece in _KINDS.findall(text) for n in split_units(piece) if 2 <= len(n) <= 6}
    named = [n for n in names if n not in kinds]
    if named and not _all_units(named, shortest=1):
        return None
    return text


_UNIT_LABELS = sorted({*LEAD_LABELS, *SUPPORT_LABELS, *RESPONSIBLE_LABELS}, key=len, reverse=True)
# 学前教育促进，牵头单位：市教体局。: a label after a comma, its units up to the sentence's end;
# 新建学校3所。牵头单位：县教育局；配合单位：县财政局。: or after the task's sentence.
_INLINE_LABEL = re.compile("[，,。；;](?=(?:" + "|".join(re.escape(label) for label in _UNIT_LABELS) + ")[：:])")


def labelled_sentence(paragraph: str) -> tuple[Span, str] | None:
    """A task's first sentence closed by a labelled clause after a comma (学前教育促进，牵头单位：
    市教体局。其中，…): the words before it are the task, the sentences after it are what
    follows the clause (progress, remarks), not owners. The first such comma is taken, and
    only when the clause runs no further than 200 characters to its sentence's end."""
    m = _INLINE_LABEL.search(paragraph)
    if m is None or not paragraph[: m.start()].strip():
        return None
    end = paragraph.find("。", m.end())
    end = len(paragraph) if end < 0 else end
    inner = paragraph[m.end() : end].strip().rstrip("；;")
    if end - m.end() > 200 or not looks_like_clause(inner):
        return None
    mark = paragraph[m.start()]
    task = paragraph[: m.start() + (1 if mark == "。" else 0)].strip()
    where = "end of a sentence, after a comma" if mark in "，," else "end of the task, a labelled sentence"
    return Span(task, inner, inner, where), paragraph[end + 1 :].strip()


# …（依据区人代会目标设置），责任单位为区经信局；: a label and 为, its units closing the paragraph.
_LABEL_IS = re.compile(
    "[，,；;。](" + "|".join(re.escape(label) for label in _UNIT_LABELS) + ")为([^，,。；;：:（(）)]{2,60})[。；;]?$"
)


def labelled_is(paragraph: str) -> Span | None:
    """A paragraph closed by 责任单位为X (or 牵头单位为X): the words before are the task."""
    m = _LABEL_IS.search(paragraph.rstrip())
    if m is None or not paragraph[: m.start()].strip():
        return None
    inner = f"{m[1]}：{m[2].strip()}"
    if not looks_like_clause(inner) or not _all_units(split_units(m[2]), shortest=1):
        return None
    return Span(paragraph[: m.start()].strip(), m[0].strip("，,；; "), inner, "end of the paragraph, 责任单位为…")


Found = tuple[list[Span], str]  # the clauses a finder placed, and the words after the last
_NOTHING: Found = ([], "")


@lru_cache(maxsize=256)
def spans(paragraph: str, divided: bool = True) -> Found:
    """The clauses in a paragraph: those its brackets close, else what the first of `_FINDERS`
    that reads it places (see there). `divided`: the paragraph may be a division of work in
    prose, parts each opening 甲负责… (under a heading; a cover notice's paragraph says who
    checks the work)."""
    found = clause_spans(paragraph)
    if found[0]:
        return found
    for applies, find in _FINDERS:
        if applies(paragraph, divided):
            placed = find(paragraph)
            if placed[0]:
                return placed
    return found


def _just(span: Span | None) -> Found:
    return ([span], "") if span is not None else _NOTHING


def _labelled(paragraph: str) -> Found:
    found = labelled_sentence(paragraph)
    return ([found[0]], found[1]) if found is not None else _NOTHING


def _opening(paragraph: str) -> Found:
    opening = opening_clause(paragraph)
    if opening is None or opening[1] not in "，," or not opening[2]:
        return _NOTHING
    return [Span(paragraph.strip(), opening[0], opening[0], "opening the paragraph, before the task")], ""


_PART = re.compile(r"[^；;。]+[；;。]*")


def subject_spans(paragraph: str) -> tuple[list[Span], str]:
    """（二）明确分工。市发改委负责提出全市节能规划；市规划局、市建设局负责建筑节能；…: parts of
    a paragraph each opening with its units and 负责 (or 牵头负责), a division of work in prose.
    Each such part is an item, the parts after it that name no units going with it; the words
    before the first are the rest. Only where two parts or more open so: one is a sentence."""
    pieces = [m.group() for m in _PART.finditer(paragraph)]
    parts: list[str] = []
    named: dict[int, str] = {}
    for piece in pieces:
        # 县环保局。负责对全县…: the unit's name a sentence of its own, its duties the next.
        unit = parts[-1].rsplit("：", 1)[-1] if parts else ""
        if piece.startswith("负责") and len(unit) <= 30 and units_line(unit) is not None:
            head = parts[-1][: len(parts[-1]) - len(unit)]
            if head:  # 各组成单位及其职责如下：县环保局。: the lead-in stays before the first
                parts[-1] = head
                parts.append(unit)
            parts[-1] += piece
            named[len(parts) - 1] = unit.strip().rstrip("。；;") + "负责"
        else:
            parts.append(piece)
    spans: list[Span] = []
    before: list[str] = []
    for k, part in enumerate(parts):
        clause = named.get(k) or subject_clause(part.strip())
        where = "opening a part of the paragraph, units as its subject"
        if clause is None and (clause := _must_clause(part.strip())) is not None:
            where = "opening a part of the paragraph, units as the subject of 要, read as 负责"
        if clause is None:
            if spans:
                spans[-1].text += part
            else:
                before.append(part)
            continue
        spans.append(Span(part.strip(), clause, clause, where))
    if len(spans) < 2:
        return [], ""
    return spans, "".join(before).strip()


# 县发改局负责的“严格落实…” / 县自然资源局、县水利局牵头的“紧盯…”: a report citing tasks by
# their words in quotes, each after the units that own it.
_OWNED_QUOTE = re.compile(r"(负责|牵头)的“([^“”]{4,300})”")
_OWNER_REACH = 80  # the units before 负责的: a list, never a paragraph
_CONNECTIVES = ("如", "其中", "例如", "比如", "另外", "另", "由")


def quoted_owned(paragraph: str) -> tuple[list[Span], str]:
    """The tasks a 督查 report cites in quotes after their units (…，如县发改局负责的“…”。),
    each an item with those units responsible; the report's other words are the rest."""
    spans: list[Span] = []
    rest: list[str] = []
    last = 0
    for m in _OWNED_QUOTE.finditer(paragraph):
        head = paragraph[max(last, m.start() - _OWNER_REACH) : m.start()]
        cut = max(head.rfind(ch) for ch in "，,；;。：:！？（(")
        units = head[cut + 1 :].strip()
        for word in _CONNECTIVES:
            if units.startswith(word) and len(units) > len(word) + 2:
                units = units[len(word) :]
                break
        names = split_units(units)
        if not names or not all(looks_like_unit(n) for n in names):
            continue
        clause = f"{units}{m[1]}"
        rest.append(paragraph[last : m.start() - len(units)])
        spans.append(Span(m[2].strip(), clause, clause, "head of a task a report quotes"))
        last = m.end()
    if not spans:
        return [], ""
    rest.append(paragraph[last:])
    return spans, "".join(rest).strip()


_LEADING_PIECES = 3  # 由甲牵头，乙配合，丙参与: a few parts, each units and a verb


def leading_spans(paragraph: str) -> tuple[list[Span], str]:
    """由甲牵头，乙负责，加快…。由丙、丁分别负责…。: sentences each opening with its units, the
    task after them, as a summary of a division or a plan in prose writes them, often after a
    few words that set the scene (在…方面，分工方案明确，由…). Each such sentence is an item, the
    sentences after it and before the next one going with it; the words before the first are
    returned as the rest. Nothing when no sentence opens so."""
    sentences = [m.group() for m in _SENTENCE.finditer(paragraph)]
    return _each_opening(sentences, _leading_clause, "opening the sentence, before the task", least=1)


def _each_opening(
    parts: list[str], clause_of: Callable[[str], str | None], where: str, least: int, strip: bool = False
) -> Found:
    """Parts of a paragraph each an item where `clause_of` reads a clause opening it, the parts
    after it that open with none going with it; the words before the first are the rest.
    Nothing when fewer than `least` parts open so."""
    spans: list[Span] = []
    before: list[str] = []
    for part in parts:
        clause = clause_of(part)
        if clause is None:
            if spans:
                spans[-1].text += part
            else:
                before.append(part)
            continue
        spans.append(Span(part.strip() if strip else part, clause, clause, where))
    if len(spans) < least:
        return _NOTHING
    return spans, "".join(before).strip()


_SENTENCE = re.compile(r"[^。！？]+[。！？]*")
# 校园周边环境整治主要由县公安局牵头，…: a task's name, then who does it (主要 or not).
_TITLED_PART = re.compile(r"([^，,。；;：:（）()由]{2,30}?)(?:主要|统一|具体)?由")


def titled_parts(paragraph: str) -> Found:
    """校园内部安全整治主要由教育局牵头，公安、消防部门配合，对…；食品卫生监管主要由…牵头，…: parts
    of a paragraph, each a task's name, then 由 its units, then what is done. Each part is an
    item; the words before the first are the rest. Only where two parts or more read so."""
    parts = [m.group() for m in _PART.finditer(paragraph)]
    return _each_opening(parts, _titled_part_clause, "a task's name, then 由 its units", least=2, strip=True)


def _titled_part_clause(part: str) -> str | None:
    text = part.strip()
    m = _TITLED_PART.match(text)
    return _units_then_task(text[m.end() - 1 :]) if m is not None else None


def _leading_clause(sentence: str) -> str | None:
    """The clause a sentence opens with (由甲牵头，乙负责 or 由甲、乙分别负责), after at most a few
    words before a comma, when the task follows it."""
    e = enumerator(sentence)
    opening = len(sentence) - len(e.rest) if e is not None else 0  # 2、由甲牵头，…
    for m in re.finditer("由", sentence[:_OPENING]):
        at = m.start()
        if at and sentence[at - 1] not in "，," and at != opening:
            continue
        clause = _units_then_task(sentence[at:])
        if clause is not None:
            return clause + _duties_after(sentence[at + len(clause) :])
    return None


def _duties_after(rest: str) -> str:
    """由甲牵头，全面负责…；乙负责协调…；丙负责策划…: the units each later part of the sentence
    opens with, before 负责 and their duty, as more of the clause (helpers of the lead)."""
    parts = [p for p in re.split("[；;]", rest)[1 : _LEADING_PIECES + 1] if p.strip()]
    named = [subject_clause(p.strip()) for p in parts]
    return "".join(f"，{c}" for c in named if c is not None)


def _units_then_task(text: str) -> str | None:
    """由甲牵头，乙负责，<task> or 由甲、乙分别负责<task>: the units' parts, each closed by a verb;
    the last may run straight on into the task."""
    cuts = [k for k, ch in enumerate(text[:_OPENING]) if ch in "，,；;。"][:_LEADING_PIECES]
    start, end = 0, -1
    for k in [*cuts, len(text)]:
        if k < len(text) and _ends_with_verb(text[start:k]) and _unbracketed_alone(text[:k]) is not None:
            end, start = k, k + 1
            if text[k] in "。；;":
                break
            continue
        run = _verb_then_task(text[:k], start)
        if run is not None:
            return run
        break
    if end < 0 or not text[end + 1 :].strip("。 "):
        return None
    return text[:end]


_RUN_ON_VERBS = ("分别负责", "共同负责", "牵头负责", "负责")


def _verb_then_task(text: str, start: int) -> str | None:
    """由甲、乙分别负责中药材…的强化工作: the last part's verb with the task straight after it."""
    piece = text[start:]
    for verb in _RUN_ON_VERBS:
        at = piece.find(verb)
        if at > 0:
            end = start + at + len(verb)
            if len(text) - end >= 4 and _unbracketed_alone(text[:end]) is not None:
                return text[:end]
            return None
    return None


_OPENING = 200  # an opening clause names its units in a few words
_OPENING_PIECES = 4


def opening_clause(paragraph: str) -> tuple[str, str, str] | None:
    """由甲负责，乙配合，加快…: units before the task, the sentence opening with 由 and each of its
    first parts (two at least) unit names closed by a verb of the grammar. (the clause, what
    closes it: ，before the task or 。 before the paragraph's next sentences, the words after)."""
    e = enumerator(paragraph)
    body = e.rest if e is not None else paragraph
    if not body.startswith("由"):
        return None
    head = body[:_OPENING]
    cuts = [k for k, ch in enumerate(head) if ch in "，,。；;"][:_OPENING_PIECES]
    start, pieces, units_from = 0, 0, 0
    for k in cuts:
        piece = head[start:k].strip()
        if pieces == 0 and piece and _officials(piece.removeprefix("由")):
            # 由杨某副市长负责，市发改委牵头，相关部门配合，…: the official in charge, then the units.
            pieces, start, units_from = 1, k + 1, k + 1
            continue
        if not piece or not _ends_with_verb(piece) or _unbracketed_alone(piece) is None:
            break
        pieces += 1
        start = k + 1
        if head[k] in "。；;":
            break
    if pieces < 2 or start - 1 <= units_from:
        return None
    clause = head[: start - 1]
    if _unbracketed_alone(head[units_from : start - 1]) is None:
        return None
    return clause, head[start - 1], body[start:].strip()


_TITLED = re.compile(r"([^，,。；;：:（）()]{4,40})[，,](由[^。；;]{3,120}?)[。；;]")


def titled_clause(paragraph: str) -> Span | None:
    """（三）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要继续…: a task's title,
    then the sentence it opens closed by who does it, then what is to be done. The paragraph
    is the item; the clause, the words from 由."""
    e = enumerator(paragraph)
    body = e.rest if e is not None else paragraph
    m = _TITLED.match(body)
    if m is None or _unbracketed_alone(m[2]) is None:
        return None
    return Span(paragraph.strip(), m[2], m[2], "closing the task's title, before what is to be done")


_SUBJECT = 40  # characters of a line its units may take before 负责
_NAME_BEFORE_COMMA = 12  # 交通部门，负责…: one short name only
_DEGREES = ("主要", "统一", "全面", "具体", "重点")
# 甲主要负责… / 县政府统一负责… / 财政部门重点负责…: how much the units answer for, not who.
_DEGREE_VERBS = (*(d + "负责" for d in _DEGREES), "要负责")
_SUBJECT_VERBS = ("牵头负责", "分别负责", *_DEGREE_VERBS, "负责牵头", "负责")
_BEFORE_DUTY = ("牵头", "分别", *_DEGREES)  # 甲牵头负责 / 甲主要负责…: the verb's first half
# 市水务部门作为牵头责任单位，负责… / 农业部门作为农村劳动力转移培训的牵头部门，…
_NAMED_LEAD = re.compile(r"([^，,。；;：:（(]{2,30}?)作为(?:[^，,。；;：:]{1,30}的)?牵头(?:责任)?(?:单位|部门)[，,]")


def subject_clause(text: str) -> str | None:
    """县应急管理局负责尾矿库…的隐患排查治理工作。: a task whose grammatical subject is its units,
    named before 负责 with nothing between (甲、乙负责…). The units and the verb, as a clause,
    when every name before the verb ends like a unit; 县政府研究制定… or 各地要负责… are not."""
    head = text[:_SUBJECT]
    at = head.find("负责")
    named_lead = _NAMED_LEAD.match(head)
    if named_lead is not None and _all_units(split_units(named_lead[1])):
        # 市水务部门作为牵头责任单位，负责…: the unit leads the duties that follow.
        return f"{named_lead[1]}牵头"
    # 交通部门，负责通村公路建设: a short name, a comma, then its duty.
    named = head[: at - 1] if at > 2 and head[at - 1] in "，," and at - 1 <= _NAME_BEFORE_COMMA else head[:at]
    if at < 2 or any(ch in named for ch in "，,。；;：:（("):
        return None
    start = at - 2 if head[:at].endswith(_BEFORE_DUTY) else at - 1 if head[:at].endswith("要") else at
    verb = next(v for v in _SUBJECT_VERBS if text.startswith(v, start))
    rest = text[start + len(verb) :]
    if len(rest) < 4 or rest[:1] in "，,。；;：:":
        return None
    if not _all_units(split_units(text[:start].rstrip("，,"))):
        return None
    return text[:start] + ("负责" if verb in _DEGREE_VERBS else verb)


# 水务部门要加强技术指导…。财政部门要搞好资金调配…: a named unit, then 要 and its duty.
_MUST = re.compile(r"([^，,。；;：:（(“”]{2,24}?)[，,]?要(?!求)")


def run_subject_clause(text: str) -> str | None:
    """subject_clause, or units and 要 (区委农办要结合…): a line of a run of such lines, where
    the run shows it for a division of work."""
    return subject_clause(text) or _must_clause(text)


def _must_clause(part: str) -> str | None:
    """A part of a division of work in prose whose subject is its units and whose verb is 要
    (what they must do): the units and 负责. Not 各级政府要…, 国务院各部门要… or 各地要…, which
    exhort every body, and only beside other parts read so (subject_spans asks for two)."""
    m = _MUST.match(part)
    if m is None:
        return None
    names = split_units(m[1])
    # 民政、财政、监察等部门要…: kinds of department, named bare before the 部门 they share.
    kinds = m[1].endswith("等部门") and len(names) > 1 and all(2 <= len(n) <= 6 for n in names)
    if not (kinds or _all_units(names)) or any(n.startswith(("有关", "相关")) or "各" in n for n in names):
        return None
    if m[1].startswith(("要", "也")) or "配合" in part[: m.end() + 4]:
        return None  # …等部门要配合民政部门: the units help the one they name, a reading of its own
    return f"{m[1]}负责"


_UNITS_LINE = 120  # a cell of units' names, never a paragraph


def units_line(text: str) -> str | None:
    """市经信局、市财政局等,各县、市、区政府,咸宁高新区管委会: a line that is nothing but units'
    names, as a table copied without its header leaves a task's units cell under the task. The
    names as a clause (…负责: no label, so jointly responsible)."""
    text = text.strip().rstrip("。;；")
    if not 2 < len(text) <= _UNITS_LINE or any(ch in text for ch in "。；;：:") or text.startswith(TASK_VERBS):
        return None
    names = split_units(text)
    if not names or not _all_units(names):
        return None
    return f"{text}负责"


# The words an inspection puts before what is to be done about a problem it lists.
_REQUIREMENT = re.compile(r"^(?:整改要求|整改措施|整改意见|处理意见|工作要求|落实措施)[：:]")
_ASSIGNED = 60  # characters between 由 and 负责: a few units and who they are
_ASSIGNED_VERBS = ("负责", "督促", "牵头")


def assigned_clause(paragraph: str) -> str | None:
    """整改要求：由包片单位县气象局负责清除。: the units a requirement line names before 负责 (and
    what they are to the place, 包片单位, set aside), as a clause."""
    if _REQUIREMENT.match(paragraph) is None:
        return None
    at = paragraph.find("由")
    # 由县住建局督促商户更换: the unit that sees to it answers for it, as 负责 says.
    ends = [k for k in (paragraph.find(verb, at + 1, at + _ASSIGNED + 3) for verb in _ASSIGNED_VERBS) if k > 0]
    end = min(ends) if at >= 0 and ends else -1
    if at < 0 or end < 0 or end - at > _ASSIGNED:
        return None
    names = paragraph[at + 1 : end]
    role = names.find("单位")  # 陈家坝沿线包片单位县职教中心、…: the units after the role they play
    if 0 <= role < 12 and names[role + 2 : role + 3] in ("县", "市", "区", "镇", "乡", "街", "省"):
        names = names[role + 2 :]
    if not _all_units(split_units(names)):
        return None
    return f"{names}牵头" if paragraph.startswith("牵头", end) else f"{names}负责"


_DUTY_UNIT = 20  # a unit's name before its duties: short
_DUTY_OPENERS = ("负责", "牵头", "协助", "配合")
_LAST_BRACKET = re.compile(r"[（(][^（()）]{1,10}[）)]$")


def duty_clause(text: str) -> tuple[str, str] | None:
    """区委宣传部：制订宣传工作方案…, 14.市卫生局：负责医院周边…: a unit's name and a colon, then
    its duties; (the clause, the duties) when what stands before the colon is one unit's
    name or a few, not a label of the grammar (牵头单位：) nor a heading (工作目标：)."""
    e = enumerator(text)
    body = e.rest if e is not None else text
    colon = next((k for k, ch in enumerate(body[: _DUTY_UNIT + 1]) if ch in "：:。"), -1)
    if colon < 2 or not body[colon + 1 :].strip():
        return None
    # （二十一）市公安局。负责… / （五）财政部门。按照…: the unit's name a sentence of its own,
    # its duty the next (3.打造云服务平台。鼓励… is a task's title and its first sentence).
    stop = body[colon] == "。"
    if stop and not body.startswith(_DUTY_OPENERS, colon + 1) and not (e and body[:colon].endswith("部门")):
        return None
    # 1.民政部门职责。负责…: the unit's name and the word for what follows.
    said = body[:colon].strip()
    name = said.removesuffix("职责").removesuffix("的")
    core = _LAST_BRACKET.sub("", name)  # 各村（社区）: the bodies, then what else they cover
    if label_of(body)[0] is not None or any(ch in core for ch in "，,。；;（(《表"):
        return None  # 牵头单位：…, or 附件…情况表 单位：万元, a table's note on its figures
    if (
        not stop
        and name == said
        and name.endswith(("单位", "部门", "机构", "机关"))
        and not name.startswith(("各", "有关", "相关", "市直", "县直", "区直", "省直"))
    ):
        return None  # 发布机构：…, 发文机关：…: a page's metadata, not a unit and its duties
    if not _all_units(split_units(core), shortest=2, longest=_DUTY_UNIT):
        return None
    duties = body[colon + 1 :].strip()
    # 省建设厅：牵头组织、部署划定工作。: the unit leads the duty it opens with.
    return f"{name}{'牵头' if duties.startswith('牵头') else '负责'}", duties


def _all_units(names: list[str], shortest: int = 3, longest: int = 30) -> bool:
    """Some names, each ending like a unit and of a unit's length: what the finders that read
    units from prose (no label, no bracket) ask before they take the words for owners. A town
    named …乡 counts beside others (亭子镇、浙水乡负责…), never alone: 乡 ends many other words."""
    towns = [n for n in names if n.endswith("乡") and not n.endswith(_NOT_TOWNS)]
    return (
        bool(names)
        and len(towns) < len(names)
        and all((n.endswith(UNIT_ENDINGS) or n in towns) and shortest <= len(n) <= longest for n in names)
    )


_NOT_TOWNS = ("城乡", "家乡", "下乡", "老乡", "返乡", "故乡", "回乡", "异乡", "他乡", "梦乡")


def _ends_with_verb(piece: str) -> bool:
    return piece.endswith((*LEAD_VERBS, *JOINT_VERBS, *SUPPORT_VERBS))


_LAST_SENTENCE = 200


def last_sentence_clause(paragraph: str) -> Span | None:
    """新建学校3所。县教育局牵头，县财政局配合。: a paragraph's last sentence that only names units
    and their roles, unbracketed, is the clause of the sentences before it."""
    text = paragraph.rstrip().rstrip("。；;")
    # After a 。 only: a sub-item's clause after its ；covers that sub-item, not the paragraph.
    at = text.rfind("。", max(0, len(text) - _LAST_SENTENCE))
    if at < 0 or not text[:at].strip():
        return None
    tail = text[at + 1 :].strip()
    # （市经信委牵头落实 cut off at the page's end is a bracket's start, not a sentence.
    opened = sum(tail.count(ch) for ch in _OPEN)
    if not tail or opened != sum(tail.count(ch) for ch in _CLOSE) or _unbracketed_alone(tail) is None:
        return None
    # 二是新建医院，县卫健委负责: a task ran into the units, which ends like one (医院).
    if any(enumerator(p) or p.startswith(TASK_VERBS) for p in split_units(tail)):
        return None
    return Span(paragraph[: at + 1].strip(), tail, tail, "end of paragraph, a sentence of units")


# The finders `spans` tries, in order, on a paragraph no bracket of which closes a clause, each
# behind a guard that is one cheap look at the paragraph: the State Council's clause inline, a
# labelled sentence, a clause closing the last sentence, 责任单位为…, a task's title closed by who
# does it, units opening the paragraph, sentences opening 由甲牵头…, parts each a task's name then
# 由 its units, tasks a report quotes after their owners, and a division of work in prose (only
# where `divided`). The first to place a clause wins; a new layout is a new finder here and a test.
_FINDERS: tuple[tuple[Callable[[str, bool], bool], Callable[[str], Found]], ...] = (
    (lambda p, d: True, lambda p: _just(inline_clause(p))),
    (lambda p, d: "：" in p or ":" in p, _labelled),
    (lambda p, d: True, lambda p: _just(last_sentence_clause(p))),
    (lambda p, d: "为" in p, lambda p: _just(labelled_is(p))),
    (lambda p, d: True, lambda p: _just(titled_clause(p))),
    (lambda p, d: True, _opening),
    # 整改要求：由…负责 is assigned_clause's, read under the problem it answers.
    (lambda p, d: "由" in p and _REQUIREMENT.match(p) is None, leading_spans),
    (lambda p, d: "由" in p and ("；" in p or ";" in p), titled_parts),
    (lambda p, d: "的“" in p, quoted_owned),
    (lambda p, d: d and ("负责" in p or "要" in p), subject_spans),
)
