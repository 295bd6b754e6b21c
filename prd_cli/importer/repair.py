"""The repair pass, before any structure is read: injected pinyin, Traditional script, ASCII
punctuation, wrap spaces, web junk, and lines a wrong decoding garbled."""

from __future__ import annotations

import re
import unicodedata

from ..numerals import parse_chinese_number
from ..textclean import fullwidth_punctuation, strip_pinyin, to_simplified
from .columns import split_columns
from .finders import field_line
from .grammar import ALL_LABELS, DEADLINE_LABELS, TITLE_ENDS, looks_like_clause, looks_like_unit, split_units
from .nodes import Line
from .outline import enumerator
from .spaced import rewrite
from .tables import is_row_number

_JUNK = re.compile(
    r"^!\[.*\]\(.*\)$|二维码|关注我们|https?://|www\.|^【?字体[:：]?|^当前位置|^发布时间[:：]|打印本页"
    r"|^>>|浏览次数|阅读次数|点击量|^分享到|^【打印】|^分享[:：]?$"
    r"|^>\s*[^>]{1,12}(?:>\s*[^>]{1,12}){1,6}$",  # a breadcrumb's rest on its own line: > 政务公开 > 工作报告
    re.IGNORECASE,
)
# A document-sharing site's watermark stamped into the text, even mid-word (【牵秘书之家—全网资源
# 每日更新www.mishuzj.com头单位：…): a site's name, a dash, a slogan and its address.
_WATERMARK = re.compile(
    r"[\u4e00-\u9fff]{2}(?:之家|文库|范文网)[—–-]{1,2}[\u4e00-\u9fff]{0,16}(?:https?://)?www\.[A-Za-z0-9-]{1,40}(?:\.[A-Za-z]{2,4}){1,2}"
)
# A reposting site's filler stamped between words (稳定和扩大传统消费■◆◆◆★★、…(责任单位■★■■★◆:…):
# runs of shapes, and a lone square or diamond; a lone ★ is a table's lead mark and stays.
_SHAPES = re.compile(r"[■◆★☆▲●◇□]{2,}|[■◆]")
# Mojibake a scrape leaves when GBK bytes were read as something else: enclosed CJK
# characters, replacement characters, a ？ glued to other punctuation.
_GARBLED = re.compile(r"[\u3200-\u32ff\ufffd]|？[；，。]")
_PAGE_MARK = re.compile(r"第\s?\d{1,4}\s?页\s?[，,/／]?\s?共\s?\d{1,4}\s?页")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


def is_cjk_heavy(text: str) -> bool:
    # Spaces inside Chinese text are scrape noise; in Latin text they are words' edges.
    cjk = len(_NOT_CJK.sub("", text))
    return cjk * 2 >= len(text.strip()) > 0


def _script(raw: str, keep_script: bool) -> str:
    line = strip_pinyin(raw).strip()
    return line if keep_script else to_simplified(line)


# 牵头单位：县教育局 县财政局: a space between a name that ends like a unit and one that opens
# like one separates two units; dropped as wrap noise, it would glue them into one name.
_UNIT_SPACE = re.compile(r"(?:(?<=[局委办厅府室院站所处馆部台队])|(?<=中心))[ \t\u3000\u00a0]+(?=[省市县区镇乡各])")


# 【责任单位】市发改委 / 〖牵头单位〗: a label set in lenticular brackets instead of before a colon.
_BOXED_LABEL = re.compile("[【〖](" + "|".join(re.escape(label) for label in ALL_LABELS) + ")[】〗][：:]?")


def _mend(line: str) -> str:
    if is_cjk_heavy(line):
        line = _SPACES.sub("", _UNIT_SPACE.sub("、", line) if " " in line or "\u3000" in line else line)
    else:
        line = _SPACES.sub(" ", line)
    line = fullwidth_punctuation(line)
    return _BOXED_LABEL.sub(r"\1：", line) if "【" in line or "〖" in line else line


def repair_line(raw: str, *, keep_script: bool = False) -> str:
    return _mend(_script(raw, keep_script))


# A scrape that lost its line breaks runs headings and numbered items into one line: break
# before an enumerator that follows the end of a sentence or a clause. Bounded lookarounds only.
_RUN_IN = re.compile(
    r"(?<=[。；;）)])(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}(?:、|[．.](?!\d))))"
)


def _spaced_parts() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in ALL_LABELS)
    # Also at spaces after a sentence's end, and before a short heading and its colon (工作措施:):
    # a page that ran title, measures and division of each task together keeps them apart so.
    # A run of spaces is tried from its first space only: tried from every space of it, a long
    # run that ends in nothing to split at cost the square of its length.
    return re.compile(
        r"(?<![ \t\u3000\u00a0])[ \t\u3000\u00a0]+(?=(?:" + labels + r")[:：]|[（(][一二三四五六七八九十]{1,3}[）)]"
        r"|[一二三四五六七八九十]{1,3}、|\d{1,2}(?:、|[．.](?!\d))|[\u4e00-\u9fff]{2,6}[:：])"
        r"|(?<=[。；;！？])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])"
        # 整改时限:2021年8月13日前 操作间存在鼠粪…: a deadline's value ends the labelled line.
        r"|(?<=日前|底前)[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])"
    )


_SPACED: re.Pattern[str] | None = None


def split_spaced(text: str) -> list[str]:
    """A page that ran a whole plan into one line with spaces for its breaks: break at a space
    before a label (牵头科室：) or an enumerator, before the spaces are dropped as wrap noise."""
    global _SPACED
    if len(text) < 200 or " " not in text and "\u3000" not in text:
        return [text]
    if _SPACED is None:
        _SPACED = _spaced_parts()
    parts = _SPACED.split(text)
    if len(parts) <= 2:
        return [text]
    # (牵头领导:甲 牵头处室:乙 责任处室:丙): labels spaced apart inside one bracket are one clause.
    out: list[str] = []
    for part in parts:
        if out and _open_bracket(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        elif part.strip():
            out.append(part)
    return out


_OPEN_CLAUSE = 80  # a clause's bracket opened this near a part's end may still be open


def _open_bracket(text: str) -> bool:
    """Whether a bracket opened near the end of `text` is still open (one bounded look)."""
    tail = text[-_OPEN_CLAUSE:]
    at = max(tail.rfind("（"), tail.rfind("("))
    return at >= 0 and "）" not in tail[at:] and ")" not in tail[at:]


# 二、工作任务（一）乡镇1.建成区…: a heading's short title run into its first sub-heading or item
# (numbered one), no mark between them. Matched at a line's start only, one bounded piece at a time.
_HEADING_RUN = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)[\u4e00-\u9fff]{1,24}(?=（一）|1[．.、](?!\d))"
)


def heading_runs(text: str) -> list[str]:
    """`text` with each heading run into the first numbered part under it as its own line."""
    pieces: list[str] = []
    at = 0
    while (m := _HEADING_RUN.match(text, at)) is not None:
        pieces.append(text[at : m.end()])
        at = m.end()
    return [*pieces, text[at:]] if pieces else [text]


# …职责分解一、县城区办事处（一）积极…: the first heading run into the title before it, told by
# its own first part right after its short title.
_FIRST_HEADING = re.compile(r"(?<![一二三四五六七八九十第])一、(?=[\u4e00-\u9fff]{2,12}（一）)")
_PAREN_NUMBER = re.compile(r"（([一二三四五六七八九十]{1,3})）")


def _sequence_cuts(text: str) -> list[int]:
    """…实施专项整治工作（一）建筑施工…质监站（二）小街巷…: （一）（二）（三） in order in one long
    line are its lost breaks, whatever comes before them; a （N） out of order is a mention."""
    cuts: list[int] = []
    last = 0
    for m in _PAREN_NUMBER.finditer(text):
        number = parse_chinese_number(m[1])
        if number == 1 or (last and number == last + 1):
            cuts.append(m.start())
            last = number
    return cuts if len(cuts) >= 2 else []


def unwrap(text: str) -> list[str]:
    """`text` as lines, a long line split where numbered parts run into each other."""
    if len(text) < 300:
        return [text]
    cuts = sorted(
        {
            *(m.start() for m in _RUN_IN.finditer(text)),
            *_sequence_cuts(text),
            *(m.start() for m in _FIRST_HEADING.finditer(text)),
        }
    )
    if len(cuts) < 2:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


_PAGE_END = tuple("。；;！？!?：:”’）)】〕")


def _page_marker(text: str, n: int) -> int:
    """The length of the page number `n、` that opens `text`, or 0."""
    mark = f"{n}、"
    return len(mark) if text.startswith(mark) else 0


def join_pages(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A document-sharing page shows a file as pages of text, each opening with its number (1、
    2、 3、) and cut wherever the page ended, often inside a word or a bracket: such a run is one
    text. A run counts when every page but the last is long and ends mid-sentence, so numbered
    items (each a sentence, or closing with its clause) are never joined."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(rows):
        j = k
        while (
            j < len(rows)
            and _page_marker(rows[j][1], j - k + 1)
            and (j == k or (len(rows[j - 1][1]) >= 150 and not rows[j - 1][1].endswith(_PAGE_END)))
        ):
            j += 1
        if j - k >= 2 and len(rows[k][1]) >= 150 and not rows[k][1].endswith(_PAGE_END):
            text = "".join(rows[m][1][_page_marker(rows[m][1], m - k + 1) :] for m in range(k, j))
            out.append((rows[k][0], text))
            k = j
        else:
            out.append(rows[k])
            k += 1
    return out


_FOOTER = re.compile(r"[-—–－]{1,2} ?\d{1,3} ?[-—–－]{1,2} +(?=\S)")
# A news page's summary cut with an ellipsis: [^.…]{1,300} keeps the match short and single-pass.
_TEASER = re.compile(r"^\s*(?:核心提示|内容提要|内容摘要|导读|摘要)[：:][^.…]{1,300}(?:\.{3,}|…{1,2})")


def clean(text: str, *, keep_script: bool = False) -> tuple[list[Line], list[Line]]:
    """Lines with pinyin, stray spaces and ASCII punctuation mended; web junk set apart."""
    lines, junk = [], []
    kept: list[tuple[int, str]] = []
    for number, raw in split_columns(list(enumerate(text.splitlines(), 1))):
        if not raw.strip():
            continue
        if raw.lstrip().startswith("# source:"):  # the corpus's record of where a copy came from
            junk.append(Line(number, raw.strip()))
            continue
        line = _script(raw, keep_script)
        if "www." in line:
            line = _WATERMARK.sub("", line)
        if "■" in line or "◆" in line:
            line = _SHAPES.sub("", line)
        if "页" in line:
            bare = _PAGE_MARK.sub("", line).strip()
            if not bare:  # 第 1 页共 5 页 alone: a page's footer
                junk.append(Line(number, line))
                continue
            line = bare  # …环境卫生。第 1 页共 5 页牵头领导：…: a footer a run-on copy kept inline
        if len(line) < 200 and (_JUNK.search(line) or (keep_script and _JUNK.search(to_simplified(line)))):
            junk.append(Line(number, line))
            continue
        footer = _FOOTER.match(line) if line[:1] in "-—–－" else None
        if footer is not None:
            # - 2 - 工作汇报，…: a PDF page's number run into the first line of the next page.
            junk.append(Line(number, footer.group(0).strip()))
            line = line[footer.end() :]
        teaser = _TEASER.match(line)
        if teaser is not None:
            # 核心提示：…抽查发现：甲（西湖居委... then the body: a news page's summary of its
            # own first lines, cut mid-bracket, before the body on the same line.
            junk.append(Line(number, teaser.group(0)))
            line = line[teaser.end() :].strip()
            if not line:
                continue
        kept.append((number, line))
    for number, line in join_pages(rewrite(kept)):
        # A table row (cells between |) is one row however long its cells: a progress cell
        # numbering its points (1.… 2.…) is not a run of items to break apart.
        row = line.count("|") >= 3
        for piece in [line] if row else split_spaced(line):
            mended = _mend(piece)
            for part in ([mended] if row else unwrap(mended)) if mended else []:
                lines += [Line(number, piece) for piece in ([part] if row else heading_runs(part))]
    return lone_labels(close_brackets(rewrap(lines))), junk


_OPEN_TAIL = 24  # an open clause at a line's end is short: （牵头单位：
_CLOSE_HEAD = 60  # and the next line closes it soon: 市文旅局）


_OPEN_LINE = 120
_ROLE_HINTS = ("负责", "牵头", "配合", "参与", "协助", "分工", "单位", "部门")


def close_brackets(lines: list[Line]) -> list[Line]:
    """A clause a page wrapped mid-bracket (…环境。（牵头单位： / 市文旅局）): the next line goes
    on the line whose bracket it closes, so the clause is read with its task."""
    out: list[Line] = []
    joined = False  # a line joined once is not joined again: no chain of joins, kept linear
    for line in lines:
        if out and not joined:
            prev = out[-1].text
            at = prev.rfind("（", max(0, len(prev) - _OPEN_TAIL))
            if at < 0 and prev.startswith("（") and field_line(prev[1:]) is not None:
                at = 0  # （实施主体：甲、乙、丙。 a labelled clause a line long, closed on the next
            if at < 0 and prev.startswith("（") and len(prev) <= _OPEN_LINE and any(w in prev for w in _ROLE_HINTS):
                at = 0  # （中央宣传部、公安部按职责分工 / 负责）: a PDF wrapped a clause a line long
            head = line.text[:_CLOSE_HEAD]
            if at >= 0 and "）" not in prev[at:] and "）" in head and "（" not in head[: head.find("）")]:
                close = head.find("）") + 1
                rest = line.text[close:]
                if rest and enumerator(rest) is not None:
                    # ）2.主要街道…: the bracket goes back to its clause, the next item stays its own line.
                    out[-1] = Line(out[-1].number, prev + line.text[:close])
                    out.append(Line(line.number, rest))
                    joined = False
                    continue
                out[-1] = Line(out[-1].number, prev + line.text)
                joined = True
                continue
            if _leading_clause(line.text) and enumerator(prev) is None and field_line(prev) is None:
                # …面积。 / （市国土房管局牵头）主要污染物…: the clause a page wrapped onto the
                # next line closes the sentence before it, and the line goes on with the next.
                out[-1] = Line(out[-1].number, prev + line.text)
                joined = True
                continue
        out.append(line)
        joined = False
    return out


def _leading_clause(text: str) -> bool:
    """A line that opens with a bracketed clause and goes on after it with more text."""
    if text[:1] not in "（(":
        return False
    depth = 0
    for close, ch in enumerate(text[:_CLOSE_HEAD]):
        depth += (ch in "（(") - (ch in "）)")
        if depth == 0:
            return bool(text[close + 1 :].strip()) and looks_like_clause(text[1:close])
    return False


def lone_labels(lines: list[Line]) -> list[Line]:
    """责任单位： on a line of its own, its units on the next (a form copied field by field):
    the two are one labelled line. A bare 责任单位 without its colon is a table's column
    heading unless prose stands before it and units after it."""
    out: list[Line] = []
    k, n = 0, len(lines)
    while k < n:
        line = lines[k]
        text = line.text.strip()
        bare = text.rstrip("：:").strip()
        if k + 1 < n and len(bare) <= _LONGEST and bare in ALL_LABELS and bare not in DEADLINE_LABELS:
            value = lines[k + 1].text.strip()
            colon = bare != text
            if (
                value
                and len(value) <= 200
                and enumerator(value) is None
                and field_line(value) is None
                and (colon or (out and _prose(out[-1].text) and _units_only(value)))
            ):
                out.append(Line(line.number, f"{bare}：{value}"))
                k += 2
                continue
        out.append(line)
        k += 1
    return out


_LONGEST = max(map(len, ALL_LABELS))


def _prose(text: str) -> bool:
    """A sentence, as no table's column heading is."""
    return len(text) > 20 or text.endswith(("。", "；", "！"))


def _units_only(text: str) -> bool:
    names = split_units(text.rstrip("。"))
    return bool(names) and all(looks_like_unit(u) and len(u) <= 30 for u in names)


_WRAP_ENDS = tuple("。；;！？!?：:”’）)】〕")


# A page's width as it prints: a Chinese character (and “ ” set among them) takes two columns,
# a digit or a Latin letter one, so a line holding 2023 is as wide as its neighbours with two
# characters fewer.
_SLACK = 2  # columns either side of the page's width: one character
_MIN_WRAPPED = 7  # lines that wide: a flipbook's single page has a dozen


# …任务分解表: a table's title, never wrapped prose, however wide.
_TABLE_TITLE_ENDS = ("分解表", "一览表", "任务表", "清单表", "汇总表", "统计表", "进度表", "安排表", "责任表", "台账")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def rewrap(lines: list[Line]) -> list[Line]:
    """A copy from a PDF breaks every line at the page's width, mid-word: when most long lines
    are one width (give or take a character), a line of that width that ends mid-sentence goes
    on in the next, unless the next opens a heading, an item or a labelled line."""
    sizes: dict[int, int] = {}
    widths = [_width(line.text) for line in lines]
    for line, w in zip(lines, widths, strict=True):
        # Labelled lines (整改时限：2021年8月13日前, one after each task) are not wrapped prose:
        # alike in width, they would pass for a page's.
        if len(line.text) >= 15 and field_line(line.text) is None:
            sizes[w] = sizes.get(w, 0) + 1
    if not sizes:
        return lines

    def around(w: int, slack: int = _SLACK) -> int:
        return sum(sizes.get(w + d, 0) for d in range(-slack, slack + 1))

    width = max(sizes, key=around)
    near = around(width)
    if near < _MIN_WRAPPED or near * 2 < sum(sizes.values()) or width > 120:
        return lines
    # A typeset page's lines differ by up to three characters (punctuation set half width, a
    # run of digits): when many lines lie just outside the width found, the page is such a
    # one, and a line that far off is wrapped too. Lines all of one width (a list of tasks of
    # one length) make no such page, and a shorter line below them is no wrapped one.
    reach = _SLACK + 4 if around(width, _SLACK + 4) * 5 >= near * 6 else _SLACK + 2
    groups: list[tuple[int, list[str]]] = []  # joined at the end: linear however many lines go on
    joining = False
    for line, w in zip(lines, widths, strict=True):
        text = line.text
        # A bare number (68) after a heading as wide as the page is a table's next row.
        if joining and enumerator(text) is None and field_line(text) is None and not is_row_number(text):
            groups[-1][1].append(text)
        else:
            groups.append((line.number, [text]))
        # A title (…任务分解方案) that happens to be as wide stands alone.
        joining = (
            abs(w - width) <= reach
            and not text.endswith(_WRAP_ENDS)
            and not text.endswith(TITLE_ENDS)
            and not text.endswith(_TABLE_TITLE_ENDS)
            and field_line(text) is None
        )
    if len(groups) == len(lines):
        return lines
    return [Line(number, "".join(parts)) for number, parts in groups]


def garbled(text: str) -> bool:
    return _GARBLED.search(text) is not None
