"""Normalise scraped Chinese policy text: pinyin annotations, script and punctuation."""

from __future__ import annotations

import re
from functools import lru_cache

# Scrapers inject the reading after a character: 關(guān). Pinyin is lower-case Latin with
# tone marks; real parentheses in policy text hold Chinese, digits or upper-case codes.
_PINYIN = re.compile(r"\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})\)")

# ASCII punctuation a scrape leaves behind, and its official full-width form. "." and "-"
# are left alone: they belong to PM2.5, GB3838-2002 and 2016-2020.
_FULLWIDTH = {",": "，", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH)
_COLON = re.compile(r"(?<![A-Za-z0-9]):|:(?![A-Za-z0-9/])")


def strip_pinyin(text: str) -> str:
    return _PINYIN.sub("", text)


def fullwidth_punctuation(text: str) -> str:
    """Turn ASCII punctuation into the full-width forms official documents use."""
    text = text.translate(_FULLWIDTH_TABLE)
    return _COLON.sub("：", text) if ":" in text else text


@lru_cache(maxsize=2)
def _converter(config: str):  # type: ignore[no-untyped-def]
    # Imported lazily: only commands that meet Traditional text pay for it.
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    # tw2s rather than t2s: it yields the mainland 着力 where t2s keeps 著力.
    return str(_converter("tw2s").convert(text))


def to_traditional(text: str) -> str:
    """Hong Kong standard, for partners in Hong Kong and Macau."""
    return str(_converter("s2hk").convert(text))


def normalise(text: str) -> str:
    """Pinyin stripped, Simplified script, full-width punctuation."""
    return fullwidth_punctuation(to_simplified(strip_pinyin(text)))
