"""What people type, made canonical before the core sees it: periods, ids and labelled choices.

One normaliser for every option, so `2017年下半年`, `2017h2` and `２０１７Ｈ２` all mean 2017H2,
`６．１` means 6.1, and `--status 逾期` means overdue. The data keeps its strict syntax: only
what is typed at the command line passes through here. No typer: the command line turns an
InputError into a usage error (exit 2), and other callers can use the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .i18n import N_, _, local
from .periods import Period, PeriodError, parse_period

# Refusals are in the reader's language (i18n.py); the Chinese forms and labels they list are
# what can be typed, so an English reader sees them too.
PERIOD_EXAMPLES = "2017年下半年、2017年第三季度、2017年6月、2017年、2017H2、2017Q3、2017-06、2017..2020"


class InputError(ValueError):
    """Typed input that means nothing, or more than one thing; the message says what to write."""


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation as their ASCII forms; outer spaces dropped."""
    return unicodedata.normalize("NFKC", text).strip()


# --- periods -------------------------------------------------------------------------------

_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN_NUMBER = "[一二三四五六七八九十]{1,3}"
_WINDOW = re.compile(r"\.\.|至|到|~")
_YEAR = re.compile(r"^(\d{4})年?$")
_HALF = re.compile(r"^(\d{4})年?(上|下)半年$")
_QUARTER = re.compile(rf"^(\d{{4}})年?第?([1-4]|{_CN_NUMBER})季度?$")
_MONTH = re.compile(rf"^(\d{{4}})年(\d{{1,2}}|{_CN_NUMBER})月份?$")
_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$")
_CODE = re.compile(r"^(\d{4})[-_/.]?([HQ])(\d)$")
_NUMERIC = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    from .numerals import parse_chinese_number

    return parse_chinese_number(text)


def _ambiguous(year: str, n: int) -> InputError:
    meanings = [f"{year}H{n}（{year}年{'上' if n == 1 else '下'}半年）"] if n <= 2 else []
    meanings.append(f"{year}Q{n}（{year}年第{'一二三四'[n - 1]}季度）")
    meanings.append(f"{year}-{n:02d}（{year}年{n}月）")
    forms = "、".join(meanings)
    return InputError(_('"{text}" is ambiguous: write one of {forms}').format(text=f"{year}-{n}", forms=local(forms)))


def _not_a_period(text: str) -> InputError:
    return InputError(_('"{text}" is not a period: write {forms}').format(text=text, forms=local(PERIOD_EXAMPLES)))


def _one_period(text: str) -> str:
    """One period (no window) in its canonical spelling, or InputError."""
    compact = re.sub(r"\s+", "", text).upper()
    if m := _YEAR.match(compact):
        return m[1]
    if m := _HALF.match(compact):
        return f"{m[1]}H{1 if m[2] == '上' else 2}"
    if m := _QUARTER.match(compact):
        return f"{m[1]}Q{_number(m[2])}"
    if m := _MONTH.match(compact):
        return f"{m[1]}-{_number(m[2]):02d}"
    if m := _DAY.match(compact):
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    if m := _CODE.match(compact):
        return f"{m[1]}{m[2]}{m[3]}"
    if m := _NUMERIC.match(compact):
        if m[3] is None and len(m[2]) == 1 and 1 <= int(m[2]) <= 4:
            raise _ambiguous(m[1], int(m[2]))
        return f"{m[1]}-{int(m[2]):02d}" + (f"-{int(m[3]):02d}" if m[3] else "")
    raise _not_a_period(text)


def normalise_period(text: str) -> str:
    """The canonical spelling (2017H2, 2017Q3, 2017-06, 2017..2020) of a period as typed."""
    folded = fold(text)
    parts = _WINDOW.split(folded)
    if len(parts) > 2:
        raise _not_a_period(text)
    canonical = "..".join(_one_period(p) for p in parts)
    try:
        return parse_period(canonical).text
    except PeriodError as exc:
        raise InputError(str(exc)) from None


def parse_input_period(text: str) -> Period:
    return parse_period(normalise_period(text))


# --- ids -----------------------------------------------------------------------------------


def normalise_id(text: str) -> str:
    """An item or measure id as typed: ６．１, ６。１ and ' 6.1 ' all mean 6.1."""
    return re.sub(r"\s+", "", fold(text).replace("。", "."))


def normalise_number(text: str) -> int:
    """A chapter or measure number as the document writes it: 6, ６, 六, （六）, 第六章, 二十九."""
    core = re.sub(r"^第|[章条]$|^[(（]|[)）]$|、$", "", re.sub(r"\s+", "", fold(text)))
    core = core.strip("()")
    try:
        return _number(core)
    except ValueError:
        raise InputError(_('"{text}" is not a number: write 6 or 六').format(text=text)) from None


# --- labelled choices ----------------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """An enumerated option: codes, each with its Chinese label first and other words after."""

    what: str  # the refusal, with {text} and {choices}, in English for the catalogs
    labels: dict[str, tuple[str, ...]]

    def resolve(self, text: str) -> str:
        """The code for a code (any case, - or _) or a Chinese word (either script)."""
        key = fold(text).casefold().replace("-", "_")
        for code in self.labels:
            if key == code.casefold():
                return code
        found = self._by_word(key)
        if found is None and not key.isascii():
            from .textclean import to_simplified

            found = self._by_word(to_simplified(key))
        if found is None:
            raise InputError(self.refusal(text))
        return found

    def _by_word(self, key: str) -> str | None:
        for code, words in self.labels.items():
            if key in (w.casefold().replace("-", "_") for w in words):
                return code
        return None

    def refusal(self, text: str) -> str:
        listed = "、".join(f"{code}（{local(words[0])}）" if words else code for code, words in self.labels.items())
        return _(self.what).format(text=text, choices=listed)


_FORMAT = N_('"{text}" is not a format: use one of {choices}')
FORMATS = Choices(
    _FORMAT,
    {"table": ("表格", "表"), "json": (), "csv": (), "md": ("markdown",)},
)
CHECK_FORMATS = Choices(_FORMAT, {"text": ("文本", "文字"), "json": (), "github": ()})
SHOW_FORMATS = Choices(_FORMAT, {"text": ("文本", "文字"), "json": ()})
REPORT_FORMATS = Choices(_FORMAT, {"md": ("markdown",), "html": ("网页",), "docx": ("word", "公文")})
EXPORT_FORMATS = Choices(
    _FORMAT, {"xlsx": ("excel", "台账"), "csv": (), "ics": ("日历",), "sqlite": ("数据库",), "parquet": ()}
)
SCRIPTS = Choices(
    N_('"{text}" is not a script: use one of {choices}'),
    {
        "hans": ("简体", "简", "simplified", "zh_hans", "zh_cn"),
        "hant": ("繁体", "繁", "traditional", "zh_hant", "zh_hk", "zh_mo", "zh_tw", "hk"),
    },
)
ROLES = Choices(
    N_('"{text}" is not a role: use one of {choices}'),
    {
        "any": ("全部", "任意", "所有", "不限"),
        "owner": ("牵头或共同负责", "负责", "责任单位"),
        "lead": ("牵头",),
        "joint": ("共同负责", "共同"),
        "support": ("配合", "协助"),
    },
)
# Progress statuses: what a unit reports (models.STATUS_LABELS, plus everyday words).
STATUSES = Choices(
    N_('"{text}" is not a progress status: use one of {choices}'),
    {
        "not_started": ("未开始", "未启动"),
        "in_progress": ("推进中", "进行中"),
        "done": ("已完成", "完成"),
        "delayed": ("延期", "延迟", "推迟"),
        "cancelled": ("已取消", "取消"),
    },
)
# Deadline states: what prd judges (deadlines.STATE_LABELS, plus everyday words).
STATES = Choices(
    N_('"{text}" is not a deadline state: use one of {choices}'),
    {
        "done": ("已完成", "完成"),
        "cancelled": ("已取消", "取消"),
        "overdue": ("逾期", "已逾期", "超期"),
        "due_soon": ("即将到期", "临期"),
        "in_progress": ("推进中", "进行中"),
        "delayed": ("延期",),
        "not_due": ("未到期",),
    },
)
KINDS = Choices(
    N_('"{text}" is not a kind of unit: use one of {choices}'),
    {
        "department": ("市政府工作部门", "政府部门", "部门"),
        "party": ("党委机构", "党委部门"),
        "mass": ("群团组织", "群团"),
        "town": ("镇街", "镇", "街道", "镇街（园区）"),
        "committee": ("园区管委会", "管委会", "园区"),
        "central": ("驻莞单位",),
        "enterprise": ("国有企业", "国企"),
        "coordination": ("议事协调机构",),
        "collective": ("集合称谓",),
    },
)
SCHEMA_KINDS = Choices(
    N_('"{text}" is not a data file: use one of {choices}'),
    {"measures": ("措施", "任务"), "units": ("单位",), "progress": ("进展",)},
)
