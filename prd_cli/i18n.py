"""Messages in the reader's language, through the standard gettext machinery.

English is the source text. A Chinese locale (LANG=zh_CN.UTF-8, LANGUAGE=zh) reads Simplified;
zh_HK, zh_TW and zh_MO read Traditional (Hong Kong standard). LANG=C and every other locale
read English. Codes in brackets ([unknown-unit]) are never translated, so CI logs stay
greppable. Catalogs live in prd_cli/locale: zh_CN/LC_MESSAGES/prd.po is written by people;
`python -m prd_cli.i18n` compiles it, and derives the Hong Kong catalog, into the .mo files
that ship (a test checks they are current).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "prd"
_TRADITIONAL = ("zh_hk", "zh_tw", "zh_mo", "zh_hant")


def language(environ: Any = None) -> str | None:
    """zh_CN, zh_HK, or None for English, from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, in
    gettext's order."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        first = value.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").lower()
        if not first.startswith("zh"):
            return None  # C, POSIX, en_US, …: English
        return "zh_HK" if first.startswith(_TRADITIONAL) else "zh_CN"
    return None


@cache
def _catalog(lang: str | None) -> Any:
    import gettext

    if lang is None:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` in the reader's language; English when there is no translation."""
    return _catalog(language()).gettext(message)  # type: ignore[no-any-return]


def local(text: str) -> str:
    """Chinese words put into a message (labels, forms one can type) in the reader's script:
    Traditional for a Hong Kong reader, as the message around them; as they are otherwise."""
    if language() != "zh_HK" or text.isascii():
        return text
    from .script import to_hk

    return to_hk(text)


def os_reason(exc: BaseException) -> str:
    """Why the system refused a file, in the reader's language: the C library's words
    (strerror) are English whatever the locale, so for a Chinese reader the common cases have
    their own; an English reader reads the system's words."""
    import errno

    words = {
        errno.ENOENT: N_("no such file or folder"),
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("operation not permitted"),
        errno.EISDIR: N_("it is a folder"),
        errno.ENOTDIR: N_("a part of the path is not a folder"),
        errno.EEXIST: N_("it already exists"),
        errno.ENOSPC: N_("no space left on the disk"),
        errno.EROFS: N_("the file system is read-only"),
        errno.ENAMETOOLONG: N_("the name is too long"),
        errno.ELOOP: N_("too many levels of symbolic links"),
    }
    code = getattr(exc, "errno", None)
    if code in words and language() is not None:
        return _(words[code])
    return str(getattr(exc, "strerror", None) or exc)


def N_(message: str) -> str:
    """Marks a message for the catalogs; it is translated where it is used."""
    return message


# --- catalogs --------------------------------------------------------------------------------


def read_po(text: str) -> dict[str, str]:
    """msgid → msgstr from a .po file (the subset prd writes: no plurals, no contexts)."""
    entries: dict[str, str] = {}
    key: str | None = None
    field = None
    parts: dict[str, list[str]] = {"msgid": [], "msgstr": []}

    def flush() -> None:
        if parts["msgid"] or parts["msgstr"]:
            msgid, msgstr = "".join(parts["msgid"]), "".join(parts["msgstr"])
            if msgstr:
                entries[msgid] = msgstr
        parts["msgid"], parts["msgstr"] = [], []

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            field, line = "msgid", line[6:]
        elif line.startswith("msgstr "):
            field, line = "msgstr", line[7:]
        if field is None or not (line.startswith('"') and line.endswith('"')):
            raise ValueError(f"not a line of a .po file: {line[:60]}")
        parts[field].append(_unquote(line[1:-1]))
        key = field
    del key
    flush()
    return entries


def _unquote(text: str) -> str:
    out = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, nxt))
        else:
            out.append(ch)
    return "".join(out)


def write_mo(entries: dict[str, str]) -> bytes:
    """A GNU .mo file (little-endian, no hash table) of `entries`, as msgfmt writes one."""
    import struct

    items = sorted(entries.items())
    ids = [k.encode("utf-8") for k, _ in items]
    strs = [v.encode("utf-8") for _, v in items]
    n = len(items)
    key_start = 7 * 4 + 16 * n
    offsets_ids, offsets_strs = [], []
    blob_ids = b""
    for k in ids:
        offsets_ids.append((len(k), key_start + len(blob_ids)))
        blob_ids += k + b"\0"
    value_start = key_start + len(blob_ids)
    blob_strs = b""
    for v in strs:
        offsets_strs.append((len(v), value_start + len(blob_strs)))
        blob_strs += v + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    table = b"".join(struct.pack("<2I", *o) for o in offsets_ids) + b"".join(
        struct.pack("<2I", *o) for o in offsets_strs
    )
    return header + table + blob_ids + blob_strs


# The words of a computer's user interface as Hong Kong writes them, for prd's own messages
# only (the document's text keeps its words: script.py). OpenCC's s2hk changes characters,
# not words, so 默认 would read 默認 where Hong Kong software says 預設.
_HK_UI_WORDS = (("文件夾", "資料夾"), ("默認", "預設"), ("運行", "執行"), ("試執行", "試運行"), ("幫助", "說明"))


def _hk_words(text: str) -> str:
    for mainland, hong_kong in _HK_UI_WORDS:
        text = text.replace(mainland, hong_kong)
    return text


def compiled_catalogs() -> dict[Path, bytes]:
    """Every .mo file prd ships, built from zh_CN's .po (Hong Kong's by OpenCC, with 「」)."""
    from .script import to_hk

    po = (LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.po").read_text(encoding="utf-8")
    simplified = read_po(po)
    header = "Content-Type: text/plain; charset=UTF-8\n"
    hk = {k: _hk_words(to_hk(v)) for k, v in simplified.items() if k}
    return {
        LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo": write_mo({**simplified, "": header}),
        LOCALE_DIR / "zh_HK" / "LC_MESSAGES" / f"{DOMAIN}.mo": write_mo({**hk, "": header}),
    }


if __name__ == "__main__":
    for path, data in compiled_catalogs().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(LOCALE_DIR.parent.parent)}")
