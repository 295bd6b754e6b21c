"""Input formats: bytes of text in any of the encodings offices meet, .docx files (tables
included) and saved web pages. Each becomes plain text, one paragraph a line; a table row
becomes one line with its cells separated by ` | `, which the table reader understands."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser


class ImportFailure(Exception):
    """The input cannot be read at all (the message says why)."""


CELL = " | "


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), UTF-16, GB18030/GBK."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            # A UTF-16 mark before an odd number of bytes or a lone surrogate: a file cut
            # short or not text at all, which no guess at another encoding would read.
            raise ImportFailure(
                "the text starts as UTF-16 but is cut short or damaged: save it again as UTF-8"
            ) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed(raw)
    if mixed is not None:
        return mixed, "UTF-8 with some lines in GB18030/GBK"
    try:
        return raw.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        raise ImportFailure("the text is not UTF-8, UTF-16 or GB18030/GBK: save it as UTF-8 and try again") from None


def _mixed(raw: bytes) -> str | None:
    """A file pasted together from UTF-8 and GBK sources: each line in its own encoding, when
    some non-ASCII lines are UTF-8 and some are not (decoding it all as GBK would garble the
    UTF-8 lines)."""
    lines = raw.split(b"\n")
    utf8 = other = 0
    decoded: list[str] = []
    for line in lines:
        try:
            text = line.decode("utf-8")
            if not line.isascii():
                utf8 += 1
        except UnicodeDecodeError:
            try:
                text = line.decode("gb18030")
            except UnicodeDecodeError:
                return None
            other += 1
        decoded.append(text)
    return "\n".join(decoded) if utf8 and other else None


def sniff(raw: bytes, name: str = "") -> str:
    """'docx', 'html' or 'text', from the name and the first bytes."""
    lower = name.lower()
    if raw.startswith(b"PK\x03\x04"):
        if lower.endswith(".docx"):
            return "docx"
        try:  # standard input has no name: look inside the zip
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    head = raw[:2000].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    if len(_BLOCK_TAG.findall(raw[:_SNIFF].lower())) >= _TAGS:
        # A page's markup kept in a text file (a blog's copy, a CMS export: <p cms-style=…>,
        # <div>): read as the page, not as text with tags in every line.
        return "html"
    return "text"


_SNIFF = 8000
_TAGS = 4  # a text may quote a tag or two; a page's markup opens and closes every paragraph
_BLOCK_TAG = re.compile(rb"</?(?:p|div|br|table|tr|td|li|font|span)(?=[\s>/])")


def read(raw: bytes, name: str = "") -> tuple[str, str]:
    """(text, description of the format and encoding)."""
    kind = sniff(raw, name)
    if kind == "docx":
        return docx_text(raw), ".docx"
    text, encoding = decode(raw)
    if kind == "html":
        return html_text(text), f"HTML, {encoding}"
    return text, encoding


def docx_text(raw: bytes) -> str:
    try:
        import docx  # python-docx
        from docx.document import Document as DocumentType
    except ImportError:  # pragma: no cover - a core dependency
        raise ImportFailure("reading .docx needs python-docx: pip install python-docx") from None
    try:
        document: DocumentType = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ImportFailure(
            f"not a readable .docx file ({type(exc).__name__}: {exc}); save it again from Word"
        ) from None
    lines: list[str] = []
    # Paragraphs and tables in document order.
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    if cell._tc is previous:  # a merged cell repeats
                        continue
                    previous = cell._tc
                    cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                lines.append(CELL.join(cells) + CELL.rstrip())
    return "\n".join(lines)


class _HTMLText(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr", "table", "title"}
    _SKIP = {"script", "style", "noscript", "head"}
    _IN_CELL = {"p", "div", "br", "li"}  # breaks that stay inside a table cell

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.cells: list[str] | None = None
        self.in_cell = False
        self.skip = 0

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        self.current = []
        if text:
            if self.cells is not None:
                self.cells.append(text)
            else:
                self.lines.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag == "tr":
            self._flush()
            self.cells = []
            self.in_cell = False
        elif tag in ("td", "th"):
            self._flush()
            self.in_cell = True
        elif tag in self._IN_CELL and self.in_cell and self.cells is not None:
            # 区本级<br>任务数, <p> inside a cell: one cell over two lines, as .docx joins them.
            self.current.append(" ")
        elif tag in self._BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            text = "".join(self.current).strip()
            self.current = []
            self.in_cell = False
            if self.cells is not None:
                self.cells.append(text)
        elif self.in_cell and self.cells is not None and tag in self._IN_CELL:
            self.current.append(" ")
        elif tag == "tr":
            self._flush()
            if self.cells is not None and any(self.cells):
                self.lines.append(CELL.join(self.cells) + CELL.rstrip())
            self.cells = None
        elif tag in self._BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data.replace("\n", ""))


def html_text(text: str) -> str:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    parser._flush()
    return "\n".join(parser.lines)
