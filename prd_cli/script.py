"""Output in the reader's script: Simplified for Dongguan, Traditional (Hong Kong) for partners.

Everything that prints Traditional goes through `to_hk`, so tables, exports and the report
agree: OpenCC's Hong Kong standard, the document's own words as Hong Kong officials write
them, and 「」 quotation marks. The report takes `script_context` for its HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# OpenCC's Hong Kong variants that the Hong Kong government does not use for the words of
# this document: its Traditional text of the Greater Bay Area plan writes 城市群 and 高峰,
# and its pages write 住戶 and 光纖到戶.
_HK_OFFICIAL = str.maketrans({"羣": "群", "峯": "峰", "户": "戶"})
# Words OpenCC converts character by character and gets wrong, checked against the
# document's text (tests/test_script.py): the 干 of 干流 is 幹; Hong Kong writes 簽注 for
# travel endorsements and 矽谷 for Silicon Valley.
_HK_WORDS = (("干支流", "幹支流"), ("干流", "幹流"), ("簽註", "簽注"), ("硅谷", "矽谷"))
# Hong Kong writes corner brackets: “…” → 「…」 and, inside them, ‘…’ → 『…』.
_HK_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})

SCRIPTS = ("hans", "hant")

_CONTEXT: dict[str, dict[str, str]] = {
    "hans": {
        "script": "hans",
        "lang": "zh-CN",
        "font_stack": '"PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif',
        "quote_open": "“",
        "quote_close": "”",
    },
    "hant": {
        "script": "hant",
        "lang": "zh-Hant-HK",
        # Hong Kong glyph shapes first; Taiwan's before the mainland's as a fallback.
        "font_stack": '"PingFang HK", "Noto Sans CJK HK", "Source Han Sans HC", "Microsoft JhengHei",'
        ' "PingFang TC", "Noto Sans CJK TC", sans-serif',
        "quote_open": "「",
        "quote_close": "」",
    },
}


def to_hk(text: str) -> str:
    """Simplified text as a Hong Kong reader expects it: script, vocabulary and quotation marks."""
    from .textclean import to_traditional

    converted = to_traditional(text).translate(_HK_OFFICIAL).translate(_HK_QUOTES)
    for wrong, right in _HK_WORDS:
        if wrong in converted:
            converted = converted.replace(wrong, right)
    return converted


def converter(script: str) -> Callable[[str], str] | None:
    """The conversion for `script` (hans or hant); None when the text stays as it is."""
    return to_hk if script == "hant" else None


def script_context(script: str) -> dict[str, Any]:
    """What an HTML page needs to know about its script: lang attribute, fonts, quotation marks."""
    if script not in _CONTEXT:
        raise ValueError(f"unknown script {script!r}: use hans or hant")
    return dict(_CONTEXT[script])


def convert_export(fmt: str, payload: bytes, convert: Callable[[str], str]) -> bytes:
    """An export's bytes with every piece of text converted: csv and ics as text (ics refolded
    to its 75-octet lines), xlsx cell by cell and sheet by sheet."""
    if fmt == "csv":
        return convert(payload.decode("utf-8-sig")).encode("utf-8-sig")
    if fmt == "ics":
        return _convert_ics(payload, convert)
    if fmt == "xlsx":
        return _convert_xlsx(payload, convert)
    raise ValueError(f"unknown export format {fmt}")


def _convert_ics(payload: bytes, convert: Callable[[str], str]) -> bytes:
    text = payload.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")  # RFC 5545 unfolding
    lines = [_fold_ics(convert(line)) for line in text.split("\r\n")]
    return "\r\n".join(lines).encode("utf-8")


def _fold_ics(line: str) -> str:
    """Fold at 75 octets, never inside a character (RFC 5545 §3.1)."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += ch
        size += n
    parts.append(current)
    return "\r\n ".join(parts)


def _convert_xlsx(payload: bytes, convert: Callable[[str], str]) -> bytes:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(payload))
    for sheet in book.worksheets:
        sheet.title = convert(sheet.title)
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    c.value = convert(c.value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
