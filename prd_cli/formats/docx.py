"""The half-year report as a Word document in the layout of GB/T 9704 (党政机关公文格式).

Built with python-docx from the same `Report` the md and html templates lay out; every number
and row comes from prd_cli/report.py. Fonts are named in each run's East Asian slot
(w:rFonts w:eastAsia), which is the one Word and WPS read for Chinese text, and the font table
names a fallback (w:altName) for the fonts a machine may lack: 方正小标宋简体 → 宋体,
仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.text.paragraph import Paragraph

from ..numerals import chinese_number
from ..queries import DueRow
from ..report import Report, TaskView, progress_text, row_ref, share

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters in the body, as offices set them
# Where a machine lacks the font, Word and WPS take the altName from the font table.
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体"}
# The _GB2312 fonts hold only GB 2312's Simplified characters: Traditional text (zh-HK) would
# fall back character by character, so it is set in the full 仿宋 and 楷体 (GBK) instead.
TRADITIONAL = {BODY_FONT: "仿宋", HEADING2_FONT: "楷体"}

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(10.5)  # 五号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
NOTE_SIZE = Pt(14)
# 22 lines of 28.95 pt fill the 225 mm type area exactly: GB/T 9704's 22 lines a page.
LINE = Twips(579)
TEXT_WIDTH_MM = 210 - 28 - 26  # 156 mm between the margins

# All that XML 1.0 cannot hold (validate refuses it at the door; this is the second line).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CHAPTER_NUMBER = re.compile(r"([一二三四五六七八九十百零]+)、")


# Traditional (Hong Kong): the GB fonts lack most Traditional characters, so Word would set
# them in whatever font it finds, in mainland glyph shapes. Each 公文 font has a Traditional
# counterpart that Windows in Hong Kong ships (細明體_HKSCS has the Hong Kong glyph standard),
# and the text is marked zh-HK, so a fallback font also chooses Hong Kong shapes.
HANT_FONTS = {
    TITLE_FONT: "MingLiU_HKSCS",
    BODY_FONT: "MingLiU_HKSCS",
    TABLE_FONT: "MingLiU_HKSCS",
    HEADING1_FONT: "Microsoft JhengHei",
    HEADING2_FONT: "DFKai-SB",
    "仿宋": "MingLiU_HKSCS",
    "楷体": "DFKai-SB",
}
HANT_FALLBACKS = {"MingLiU_HKSCS": "細明體_HKSCS", "DFKai-SB": "標楷體", "Microsoft JhengHei": "微軟正黑體"}


def render_docx(report: Report, convert: Callable[[str], str] | None = None, *, script: str = "hans") -> bytes:
    """The report as the bytes of a .docx; `convert` rewrites every text (e.g. into Traditional),
    and `script` hant sets it in Traditional fonts, marked as Hong Kong Chinese."""
    payload = _Writer(report, convert, "zh-HK" if script == "hant" else "zh-CN").build()
    return _in_traditional_fonts(payload) if script == "hant" else payload


def _one_entry_per_font(xml: str) -> str:
    """Three GB fonts become one Traditional font: the font table lists it once."""
    seen: set[str] = set()

    def keep(m: re.Match[str]) -> str:
        if m[1] in seen:
            return ""
        seen.add(m[1])
        return m[0]

    return re.sub(r'<w:font [^>]*?w:name="([^"]+)"[^>]*>.*?</w:font>', keep, xml, flags=re.S)


def _in_traditional_fonts(payload: bytes) -> bytes:
    """The document with every font named in a w: attribute (run fonts, styles, footers, the
    font table and its fallbacks) swapped for its Traditional counterpart, and zh-HK as the
    East Asian language. Text never sits in an attribute, so no text changes."""
    import zipfile

    fonts = re.compile(r'(w:(?:eastAsia|ascii|hAnsi|cs|name|val)=")(' + "|".join(map(re.escape, HANT_FONTS)) + ')"')
    source = zipfile.ZipFile(io.BytesIO(payload))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                xml = fonts.sub(lambda m: f'{m[1]}{HANT_FONTS[m[2]]}"', data.decode("utf-8"))
                xml = xml.replace('w:eastAsia="zh-CN"', 'w:eastAsia="zh-HK"')
                if info.filename == "word/fontTable.xml":
                    for name, alt in HANT_FALLBACKS.items():
                        xml = xml.replace(f'<w:altName w:val="{name}"/>', f'<w:altName w:val="{alt}"/>')
                    xml = xml.replace('<w:charset w:val="86"/>', '<w:charset w:val="88"/>')  # Big5
                    xml = _one_entry_per_font(xml)
                data = xml.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


class _Writer:
    def __init__(self, report: Report, convert: Callable[[str], str] | None, lang: str) -> None:
        self.r = report
        self.convert = convert
        self.lang = lang
        fonts = TRADITIONAL if lang == "zh-HK" else {}
        self.body = fonts.get(BODY_FONT, BODY_FONT)
        self.kai = fonts.get(HEADING2_FONT, HEADING2_FONT)
        self.doc = new_document()

    # -- text -----------------------------------------------------------------------------

    def t(self, text: str) -> str:
        text = _CONTROL.sub("", text)
        return self.convert(text) if self.convert else text

    def run(self, par: Paragraph, text: str, font: str, size: Pt, bold: bool = False) -> None:
        run = par.add_run(self.t(text))
        _set_font(run._r.get_or_add_rPr(), font, size)
        if bold:
            run.bold = True

    def par(
        self,
        text: str = "",
        *,
        font: str | None = None,
        size: Pt = BODY_SIZE,
        style: str | None = None,
        align: WD_ALIGN_PARAGRAPH | None = None,
        indent: bool = True,
        bold_lead: str = "",
    ) -> Paragraph:
        """A body paragraph: first line indented two characters, on the 28.95 pt grid."""
        font = font or self.body
        p = self.doc.add_paragraph(style=style)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * size.pt)
        if bold_lead:
            self.run(p, bold_lead, font, size, bold=True)
        if text:
            self.run(p, text, font, size)
        return p

    def heading1(self, text: str) -> None:
        self.par(text, font=HEADING1_FONT, style="Heading 1")

    def heading2(self, text: str) -> None:
        self.par(text, font=self.kai, style="Heading 2")

    def ref(self, row: DueRow) -> str:
        return row_ref(row, self.r)

    def task_ref(self, view: TaskView) -> str:
        return view.task.qid if len(self.r.documents) > 1 else view.task.id

    # -- tables ---------------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[str],
        widths_mm: Sequence[float],
        rows: Sequence[Sequence[str]],
        center: Sequence[int] = (),
    ) -> None:
        """A grid whose header row repeats on every page and whose rows never split; the
        columns in `center` (counts, ids, states) are centred."""
        assert len(headers) == len(widths_mm) and abs(sum(widths_mm) - TEXT_WIDTH_MM) < 1
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        # 1 mm either side of a cell rather than Word's 1.9 mm: room for one more character.
        margins = parse_xml(
            f'<w:tblCellMar xmlns:w="{_W}"><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
            "</w:tblCellMar>"
        )
        table._tbl.tblPr.find(qn("w:tblLayout")).addnext(margins)  # the schema's order: Word is strict
        for col, width in zip(table.columns, widths_mm, strict=True):
            col.width = Mm(width)
        for i, (row, values) in enumerate(zip(table.rows, [headers, *rows], strict=True)):
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(parse_xml(f'<w:cantSplit xmlns:w="{_W}"/>'))
            if i == 0:
                tr_pr.append(parse_xml(f'<w:tblHeader xmlns:w="{_W}"/>'))
            for j, (cell, width, value) in enumerate(zip(row.cells, widths_mm, values, strict=True)):
                cell.width = Mm(width)
                p = cell.paragraphs[0]
                fmt = p.paragraph_format
                fmt.first_line_indent = Pt(0)
                fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
                fmt.space_before = fmt.space_after = Pt(1)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                if i == 0 or j in center:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if i == 0:
                    self.run(p, value, HEADING1_FONT, TABLE_SIZE)
                else:
                    self.run(p, value, TABLE_FONT, TABLE_SIZE)
        # A table straight after another would merge with it in Word; an empty line parts them.
        self.par("", indent=False)

    # -- the document ---------------------------------------------------------------------

    def build(self) -> bytes:
        self.setup()
        self.front()
        self.overview()
        self.tasks()
        self.milestones()
        self.units()
        self.closing()
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()

    def setup(self) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        # GB/T 9704 puts the page number's 一字线 7 mm below the type area: a 4号 line's middle
        # sits 3.2 mm above its foot, and the foot sits footer_distance above the page's edge.
        section.header_distance, section.footer_distance = Mm(15), Mm(25)

        _style_defaults(doc, self.body, self.lang)
        for name, font, size in (
            ("Normal", self.body, BODY_SIZE),
            ("Heading 1", HEADING1_FONT, BODY_SIZE),
            ("Heading 2", self.kai, BODY_SIZE),
            ("Title", TITLE_FONT, TITLE_SIZE),
        ):
            style = doc.styles[name]
            rpr = style.element.get_or_add_rPr()
            _set_font(rpr, font, size)
            style.font.bold = False
            style.font.italic = False
            for tag in ("w:color", "w:u", "w:caps", "w:spacing", "w:kern"):
                for el in rpr.findall(qn(tag)):
                    rpr.remove(el)
            fmt = style.paragraph_format
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = LINE
            ppr = style.element.get_or_add_pPr()
            for el in ppr.findall(qn("w:pBdr")):  # the Title style's rule underneath
                ppr.remove(el)
        doc.styles["Title"].paragraph_format.line_spacing = Pt(36)
        _add_fallbacks(doc)

        # Page numbers: 4号 宋体 — 1 —, odd pages on the right and even on the left, each one
        # character in from the edge.
        doc.settings.odd_and_even_pages_header_footer = True
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            p = footer.paragraphs[0]
            p.alignment = align
            fmt = p.paragraph_format
            fmt.first_line_indent = Pt(0)
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                fmt.right_indent = PAGE_NUMBER_SIZE
            else:
                fmt.left_indent = PAGE_NUMBER_SIZE
            _page_number(p)

        core = doc.core_properties
        core.title = self.t(self.r.title)
        core.author = core.last_modified_by = "prd"
        stamp = datetime(self.r.generated.year, self.r.generated.month, self.r.generated.day, tzinfo=timezone.utc)
        core.created = core.modified = stamp
        core.revision = 1

    def front(self) -> None:
        r = self.r
        title = self.doc.add_paragraph(style="Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The document number on one line and 落实情况汇总（…） on the next, never split mid-phrase.
        head, sep, tail = r.title.partition(" 落实情况汇总")
        self.run(title, f"{head}\n{sep.strip()}{tail}" if sep else r.title, TITLE_FONT, TITLE_SIZE)
        self.par("", indent=False)
        for d in r.documents:
            self.par(f"{d.number}《{d.title}》", font=self.kai, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        # One line each: together they wrapped inside the date.
        for line in (
            f"报告期：{_day(r.period.start)}至{_span_end(r.period.start, r.period.end)}",
            f"统计截至：{_day(r.as_of)}",
        ):
            self.par(line, font=self.kai, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        if r.unit:
            self.par(f"单位：{r.unit}", font=self.kai, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        self.par("", indent=False)
        self.par(r.opening)

    def overview(self) -> None:
        o = self.r.overview
        self.heading1("一、总体情况")
        self.heading2("（一）工作任务")
        t = o.tasks
        self.par(f"共{t.total}项工作任务，本期已报送进展{t.reported}项（{t.reported_share}）。各状态任务数如下：")
        rows = [[c.label, str(c.count), share(c.count, t.total)] for c in t.states]
        rows.append(["合计", str(t.total), share(t.total, t.total)])
        self.table(["本期状态", "任务数（项）", "占比"], [60, 48, 48], rows, center=(1, 2))
        if len(self.r.by_chapter) > 1:
            self.par("分章节情况如下：")
            labels = [c.label for c in t.states]
            rows = [
                [c.label, str(c.total), *(str(s.count) for s in c.states), c.reported_share]
                for c in [*self.r.by_chapter, t]
            ]
            rest = (TEXT_WIDTH_MM - 46 - 12 - 16) / len(labels)
            widths = [46, 12, *([rest] * len(labels)), 16]
            self.table(["章节", "任务", *labels, "报送率"], widths, rows, center=range(1, len(widths)))

        self.heading2("（二）时间节点")
        if o.milestones:
            self.par(f"本期到期节点{o.milestones}项，其中未报送进展{o.milestones_not_reported}项。各状态节点数如下：")
        else:
            self.par("本期没有到期节点。")
        rows = [[f"本期到期：{c.label}", str(c.count)] for c in o.milestone_states if c.count]
        rows += [["本期到期合计", str(o.milestones)], ["往期逾期未完成", str(o.overdue_earlier)]]
        rows.append(["跨期推进", str(o.ongoing)])
        self.table(["节点", "数量（项）"], [100, 56], rows, center=(1,))

        self.heading2("（三）报送情况")
        if self.r.unit:
            self.par(f"本单位本期{'已报送' if o.units_reported else '未报送'}进展。")
        else:
            self.par(f"应报送单位{o.units_owing}个，已报送{o.units_reported}个，未报送{len(o.not_reported_units)}个。")
        if o.not_reported_units:
            self.par("、".join(o.not_reported_units) + "。", bold_lead="未报送单位：")

    def tasks(self) -> None:
        self.heading1("二、各项任务落实情况")
        if not self.r.chapters:
            self.par("没有涉及的工作任务。")
        for chapter in self.r.chapters:
            # The document's own chapter numbers, as the second level of this report: （一）.
            self.heading2(_CHAPTER_NUMBER.sub(r"（\1）", chapter.label, count=1))
            for measure in chapter.measures:
                first = measure.tasks[0].task
                self.par(bold_lead=f"{first.measure}. {first.measure_title}")
                for view in measure.tasks:
                    self.task(view)

    def task(self, view: TaskView) -> None:
        t = view.task
        self.par(t.text, bold_lead=f"{self.task_ref(view)}　")
        owners = []
        for label, units in (("牵头单位", t.lead), ("共同负责单位", t.joint), ("配合单位", t.support)):
            if units:
                owners.append(f"{label}：{'、'.join(units)}")
        self.par(("；".join(owners) or "责任单位：未明确") + f"。本期状态：{t.state_label}。")
        if t.records:
            rows = [
                [
                    f"{u.unit}（{u.role_label}）",
                    "\n".join(x for x in (u.about, u.status_label, u.date) if x),
                    u.note or "—",
                    u.problems or "—",
                    u.next_steps or "—",
                ]
                for u in t.records
            ]
            self.table(["单位", "状态", "进展", "存在问题", "下一步计划"], [32, 22, 40, 31, 31], rows, center=(1,))
        if t.owners_missing:
            self.par("、".join(t.owners_missing) + "。", bold_lead="本期未报送：")
        for m in view.milestones:
            self.par(f"{_what(m)}，{_when(m, self.r.period.end)}，{_state_and_progress(m)}。", bold_lead="节点：")

    def milestones(self) -> None:
        self.heading1("三、时间节点")
        headers = ["编号", "节点事项", "截止日期", "牵头单位", "状态", "报送情况"]
        widths = [13, 43, 26, 26, 18, 30]
        for number, title, rows, empty in (
            (1, "本期到期节点", self.r.due, "本期没有到期节点。"),
            (2, "往期逾期未完成节点", self.r.overdue, "没有往期逾期未完成的节点。"),
            (3, "跨期推进节点", self.r.ongoing, "没有跨期推进的节点。"),
        ):
            self.heading2(f"（{chinese_number(number)}）{title}")
            if not rows:
                self.par(empty)
                continue
            self.table(
                headers,
                widths,
                center=(0, 2, 4),
                rows=[
                    [
                        self.ref(m),
                        _what(m),
                        _when_short(m, self.r.period.end),
                        "、".join(m.lead or m.joint),
                        m.status_label,
                        progress_text(m),
                    ]
                    for m in rows
                ],
            )

    def units(self) -> None:
        self.heading1("四、分单位情况")
        if not self.r.units:
            self.par("本期没有涉及的单位。")
        for n, u in enumerate(self.r.units, 1):
            self.heading2(f"（{chinese_number(n)}）{u.name}")
            roles = [
                f"{label}{_ids(items)}"
                for label, items in (("牵头", u.lead), ("共同负责", u.joint), ("配合", u.support))
                if items
            ]
            self.par("；".join(roles) + "。", bold_lead="承担任务：")
            if u.reported:
                done = _ids(
                    [
                        f"{v.item}{v.about and ' ' + v.about + ' '}{v.status_label}（{_iso_day(v.date)}）"
                        for v in u.reported
                    ],
                    "；",
                )
                self.par(f"{done}。", bold_lead=f"本期已报送（{len(u.reported)}项）：")
            if u.not_reported:
                self.par(f"{_ids(u.not_reported)}。", bold_lead=f"本期未报送（{len(u.not_reported)}项）：")
            if u.owed:
                owed = _ids(
                    [f"{self.ref(m)} {_what(m)}（{_when(m, self.r.period.end)}，{m.status_label}）" for m in u.owed],
                    "；",
                )
                self.par(owed + "。", bold_lead="尚未完成的节点：")

    def closing(self) -> None:
        r = self.r
        version = f"数据版本 {r.commit}" if r.commit else "数据不在 git 仓库中，无版本号"
        self.par("", indent=False)
        self.par(
            f"注：本报告由 prd 根据任务、报送记录和时间节点生成，各项数字均由数据计算得出；{version}；生成日期{_day(r.generated)}。",
            size=NOTE_SIZE,
        )


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _set_font(rpr, font: str, size: Pt) -> None:  # type: ignore[no-untyped-def]
    """Name `font` for East Asian text (and Times New Roman for digits), dropping theme fonts,
    which would otherwise win over the names."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f'<w:rFonts xmlns:w="{_W}"/>')
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):  # asciiTheme … cstheme
            del fonts.attrib[attr]
    latin = LATIN_FONT
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:cs"), latin)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = parse_xml(f'<{tag} xmlns:w="{_W}"/>')
            rpr.append(el)
        el.set(qn("w:val"), str(int(size.pt * 2)))


def _style_defaults(doc, font: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Document defaults: Chinese text (in `lang`) in the body font, not the theme's."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_font(rpr, font, BODY_SIZE)
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = parse_xml(f'<w:lang xmlns:w="{_W}"/>')
        rpr.append(el)
    el.set(qn("w:eastAsia"), lang)


def _add_fallbacks(doc) -> None:  # type: ignore[no-untyped-def]
    """Name each 公文 font in the font table with the font to use where it is missing."""
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, alt in FALLBACKS.items():
        root.append(
            parse_xml(
                f'<w:font xmlns:w="{_W}" w:name="{name}"><w:altName w:val="{alt}"/>'
                '<w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(p: Paragraph) -> None:
    """— PAGE — as a field, so Word, WPS and LibreOffice number the pages themselves."""

    def piece(xml: str) -> None:
        p._p.append(
            parse_xml(
                f'<w:r xmlns:w="{_W}"><w:rPr><w:rFonts w:ascii="{PAGE_NUMBER_FONT}" w:hAnsi="{PAGE_NUMBER_FONT}" '
                f'w:eastAsia="{PAGE_NUMBER_FONT}" w:hint="eastAsia"/><w:sz w:val="{int(PAGE_NUMBER_SIZE.pt * 2)}"/>'
                f"</w:rPr>{xml}</w:r>"
            )
        )

    piece('<w:t xml:space="preserve">— </w:t>')
    piece('<w:fldChar w:fldCharType="begin"/>')
    piece('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
    piece('<w:fldChar w:fldCharType="separate"/>')
    piece("<w:t>1</w:t>")
    piece('<w:fldChar w:fldCharType="end"/>')
    piece('<w:t xml:space="preserve"> —</w:t>')


def _ids(items: Sequence[str], sep: str = "、") -> str:
    """A list of task ids (1.1、1.2、…) that may wrap after each separator. LibreOffice finds no
    line break between 、 and a digit, so a long list ran past the margin and broke inside an id
    (29 | .1); a zero-width space after each separator is the break Word and WPS make anyway."""
    return f"{sep}\u200b".join(items)


def _state_and_progress(m: DueRow) -> str:
    """逾期；未报送 or 已完成：验收会议已召开, never 已完成；已完成：… when the report names the
    same state the milestone is in."""
    progress = progress_text(m)
    if progress == m.status_label or progress.startswith(f"{m.status_label}："):
        return progress
    return f"{m.status_label}；{progress}"


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _span_end(start: date, end: date) -> str:
    """The end of a span, without its year when the span starts in the same year."""
    return f"{end.month}月{end.day}日" if end.year == start.year else _day(end)


def _iso_day(text: str) -> str:
    return _day(date.fromisoformat(text))


def _what(m: DueRow) -> str:
    return f"{m.what}（{m.occurrence}）" if m.recurring and m.occurrence else m.what


def _when(m: DueRow, period_end: date) -> str:
    due = _iso_day(m.due)
    if m.window_start and date.fromisoformat(m.due) > period_end:
        due = f"{_iso_day(m.window_start)}至{due}"
    return ("争取" if m.soft else "") + due


def _when_short(m: DueRow, period_end: date) -> str:
    """The same in a table's narrow date column: 2017-12-31, with 争取 on a line of its own."""
    due = m.due
    if m.window_start and date.fromisoformat(m.due) > period_end:
        due = f"{m.window_start}至\n{due}"
    return due + ("\n（争取）" if m.soft else "")
