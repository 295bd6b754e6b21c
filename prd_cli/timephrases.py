"""Find time-bound commitments in policy text and draft deadlines from them.

A draft is a suggestion: it quotes its source sentence and is marked for review. Plan
titles in 《…》 such as 《中欧班列建设发展规划（2016-2020年）》 name plans and set no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A title stops at the next 《 too: an unclosed 《 must not be rescanned to the end of the
# text from every later 《 (quadratic on a clause of repeated 《).
_TITLE = re.compile(r"《[^《》]*》")
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")

# Most specific first; each alternative is a named group the drafter understands.
_PHRASE = re.compile(
    r"(?P<fixed>每年(?P<m1>\d{1,2})月底和(?P<m2>\d{1,2})月底前?)"
    r"|(?P<twice>每年(?:[^。；，]{0,30}?)两次|每半年)"
    r"|(?P<quarterly>每季度?)"
    r"|(?P<monthly>每月)"
    r"|(?P<window>(?P<w1>\d{4})\s*[-—–~至到]\s*(?P<w2>\d{4})年)"
    r"|(?P<half>(?P<hy>\d{4})年(?P<hw>上|下)半年)"
    r"|(?P<month>(?P<my>\d{4})年(?P<mm>\d{1,2})月(?:底)?前?)"
    r"|(?P<year>(?P<yy>\d{4})年(?:底前|内|底)?)"
    r"|(?P<yearend>年底前)"
)


@dataclass(frozen=True)
class DraftDeadline:
    what: str
    source: str
    soft: bool
    due: str | None = None
    every: str | None = None


def _blank_titles(text: str) -> str:
    # Keep positions: replace each 《…》 with spaces of the same length.
    return _TITLE.sub(lambda m: " " * len(m.group(0)), text)


def _month_end_day(month: int) -> str:
    return f"{month:02d}-{31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28}"


def find_deadlines(text: str, year: int) -> list[DraftDeadline]:
    """Drafts for every dated or recurring phrase outside plan titles; `year` fills 年底前."""
    masked = _blank_titles(text)
    drafts: list[DraftDeadline] = []
    for sentence in _SENTENCE.finditer(masked):
        source = text[sentence.start() : sentence.end()].rstrip("。；！？")
        soft = "争取" in source
        for m in _PHRASE.finditer(sentence.group(0)):
            due = every = None
            if m["fixed"]:
                every = ",".join(sorted({_month_end_day(int(m["m1"])), _month_end_day(int(m["m2"]))}))
            elif m["twice"]:
                every = "twice-yearly"
            elif m["quarterly"]:
                every = "quarterly"
            elif m["monthly"]:
                every = "monthly"
            elif m["window"]:
                due = f"{m['w1']}..{m['w2']}"
            elif m["half"]:
                due = f"{m['hy']}H{1 if m['hw'] == '上' else 2}"
            elif m["month"]:
                month = int(m["mm"])
                if not 1 <= month <= 12:
                    continue
                due = f"{m['my']}-{month:02d}"
            elif m["year"]:
                due = m["yy"]
            elif m["yearend"]:
                due = str(year)
            quoted = source.strip()
            if len(quoted) > _LONGEST_SOURCE:
                # A sentence with no stop for thousands of characters: the words around the
                # phrase, as written, or every phrase in it would copy it whole (quadratic).
                at = sentence.start() + m.start()
                end = min(sentence.end(), at + len(m.group(0)) + _AROUND)
                quoted = text[max(sentence.start(), at - _AROUND) : end].rstrip("。；！？").strip()
            drafts.append(DraftDeadline(what=quoted, source=quoted, soft=soft, due=due, every=every))
    return drafts


_LONGEST_SOURCE = 300  # a long sentence's deadline quotes this much of it at most
_AROUND = 60


_FIELD_MONTH = re.compile(r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:底|末|中旬|上旬|下旬)?(?:前|以前)?$")
_FIELD_YEAR = ("全年", "年内", "年底前", "年底", "年末", "全年推进", "年底前完成")
_FIELD_ONGOING = ("长期坚持", "持续推进", "长期推进", "持续开展", "长期", "持续")


def field_deadline(text: str, year: int | None) -> list[DraftDeadline]:
    """Drafts from a deadline field or column (完成时限：2022年10月底前, 全年, 6月底前); a month or
    全年 without a year takes the document's `year`. 长期坚持 and the like set no date."""
    value = text.strip().rstrip("。；;")
    if not value or value.startswith(_FIELD_ONGOING):
        return []
    source = value
    if value in _FIELD_YEAR and year:
        return [DraftDeadline(what=source, source=source, soft=False, due=str(year))]
    m = _FIELD_MONTH.match(value)
    if m:
        y = int(m["y"]) if m["y"] else year
        month = int(m["m"])
        if y and 1 <= month <= 12:
            return [DraftDeadline(what=source, source=source, soft=False, due=f"{y}-{month:02d}")]
    return deadlines_in(value, year)


def deadlines_in(text: str, year: int | None) -> list[DraftDeadline]:
    """The deadlines `text` names, a month or 年底 with no year taking `year`. With no year known
    anywhere (None), only those that name their own: 年底前 alone has no date to draft."""
    found = find_deadlines(text, year or _NO_YEAR)
    if year is None:
        found = [d for d in found if not (d.due or "").startswith(str(_NO_YEAR)) or str(_NO_YEAR) in text]
    return found


_NO_YEAR = 2000  # a stand-in year, dropped again before any draft keeps it
