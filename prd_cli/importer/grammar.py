"""The clause grammar, as data: which words label a role, which verbs assign one, which marks
separate units. `parse_clause` reads one clause (the words inside its brackets, or the fields of
a labelled block) into lead, joint and support units, and says which rule it used.

Every scan here is a plain left-to-right pass or a regular expression without nested or
overlapping quantifiers, so a clause of any length parses in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Labels, as data: a role word and a word for a body (牵头 + 单位, 责任 + 科室 …).
_BODIES = ("单位", "部门", "科室", "处室", "机构", "处（室）", "处(室)")

# A task's cell starts with what to do; a unit's name never does.
TASK_VERBS = (
    "推进", "推动", "提升", "提高", "完成", "开展", "实施", "新建", "建设", "建成", "加快", "加强", "落实", "打造",
    "优化", "促进", "改造", "组织", "举办", "支持", "深化", "做好", "抓好", "积极", "全面", "持续", "进一步", "建立",
    "健全", "完善", "强化", "启动", "制定", "编制", "争取", "力争", "确保", "对", "为", "新增", "扩大", "改善",
)  # fmt: skip
# The last word of a document's title (关于…的实施意见, …工作方案, …任务分解).
TITLE_ENDS = ("方案", "意见", "通知", "办法", "措施", "计划", "要点", "细则", "规划", "分工", "清单", "决定", "分解")


def _labels(*roles: str) -> tuple[str, ...]:
    return tuple(role + body for role in roles for body in _BODIES)


LEAD_LABELS = (*_labels("牵头", "牵头责任", "主责", "主办", "责任牵头", "主要责任"), "牵头", "主办", "主责")
SUPPORT_LABELS = (
    *_labels("配合", "协同责任", "协办", "参与", "协同", "协助", "协作", "配合责任", "配合实施", "参与实施", "协同实施"),
    "配合", "协办", "参与", "协助", "协同",
)  # fmt: skip
# 责任单位 means "responsible": support after a 牵头 label, joint owner without one.
RESPONSIBLE_LABELS = (*_labels("责任", "实施", "落实", "承办"), "部门分工", "责任分工", "分工")
# 主要协作单位 beside 牵头责任单位: the units that help are support, however the label opens.
SUPPORT_LABELS += _labels("主要协作", "主要配合", "参加", "工作协助", "工作配合")  # 工作协助部门：水务局
# 责任主体：县发改局, 第一责任单位：甲: other words a notice uses for the owner and the lead.
RESPONSIBLE_LABELS += ("责任主体", "实施主体", *_labels("主体责任", "具体责任", "具体落实"))
# 相关责任单位 after 牵头责任单位: the others who answer for the task, support beside a lead.
RESPONSIBLE_LABELS += _labels("相关责任", "有关责任", "共同责任")  # 共同责任单位 beside 牵头单位
# 整改责任单位：县市场监督管理局 / 整改时限：…: an inspection's list of what to put right.
RESPONSIBLE_LABELS += _labels("整改责任", "整改")
# 责任街镇 beside 责任部门: the towns and sub-districts that carry a district's task out.
_PLACES = ("街镇", "镇街", "乡镇", "镇（街道）", "镇(街道)", "街道")
RESPONSIBLE_LABELS += tuple(role + place for role in ("责任", "实施", "落实") for place in _PLACES)
LEAD_LABELS += _labels("牵头实施", "第一责任", "总牵头")
DEADLINE_LABELS = ("完成时限", "完成时间", "时间节点", "完成期限", "时限", "整改时限", "整改期限", "办结时限")
# Lines that name a person or an outside body, not a unit of this document.
PERSON_LABELS: tuple[str, ...] = (
    "牵头负责领导", "责任领导", "分管领导", "牵头领导", "责任人", "联系人", "省牵头单位", "省级牵头单位",
    "主要责任人", "第一责任人", "牵头责任人", "具体责任人", "直接责任人",
    "协调人", "督办人", "联系领导", "协调领导", "督办领导", "包抓领导", "包保领导",
)  # fmt: skip
# 责任秘书长：李某, 分管市领导：王某: the officials a city assigns a task to, by title.
PERSON_LABELS += tuple(
    role + title
    for role in ("牵头", "责任", "分管", "协管", "联系", "协调")
    for title in ("秘书长", "副秘书长", "市领导", "县领导", "区领导", "省领导", "副市长", "副县长", "副区长")
)
ALL_LABELS = tuple(
    sorted(LEAD_LABELS + SUPPORT_LABELS + RESPONSIBLE_LABELS + DEADLINE_LABELS + PERSON_LABELS, key=len, reverse=True)
)

# Verbs after a list of units, and the role they give the list.
LEAD_VERBS = (
    "按照职责分工分别牵头负责",
    "按职责分工分别牵头负责",
    "分别牵头负责",
    "分别牵头",
    "牵头负责",
    "牵头抓总",
    "共同牵头",
    "牵头",
    "主办",
    "负总责",  # 甲负总责，乙参与: answers for the whole task
    "作为牵头单位",  # 甲作为牵头单位，乙配合 (not 为牵头单位: 列第一位者为牵头单位 is a convention)
    "为主",  # 以甲为主，乙配合
)  # 甲主办，乙协办
# 按职责分工分别负责 before its shorter endings, or 按职责分工 would stay on the last name.
SUPPORT_VERBS = (
    "按职责分工落实",  # 甲、乙等按职责分工落实: as 按职责分工负责
    "按照职责分工落实",
    "按职责分工分别负责",
    "按照职责分工分别负责",
    "按职责分工负责",
    "按照职责分工负责",
    "按职能分工负责",  # 甲、乙按职能分工负责: as 按职责分工负责
    "按照职能分工负责",
    "按职能负责",
    "按职责负责",
    "共同组织实施",
    "具体负责",  # 甲具体负责，乙配合: the unit that carries the task, as 负责
    "负责实施",
    "组织实施",  # 由甲负责，乙组织实施，丙配合: both answer for it
    "配合",
    "参与",
    "参加",  # 法制办参加: a unit taking part, as 参与
    "协助",
    "协作",  # 乙协作 beside 甲牵头, as 协助
    "负责",
    "抓好落实",
    "具体落实",
    "落实",
    "承办",  # 甲承办，乙协办: the unit that undertakes the task and those that help it
    "协办",
    "加强督促指导",  # 县级人民政府负责，市（州）政府及甲、乙加强督促指导: those who see to it
    "督促指导",
)
JOINT_VERBS = (
    "按职责分工落实", "按照职责分工落实",
    "按职责分工分别负责", "按照职责分工分别负责", "按职责分工负责", "按照职责分工负责", "按职责负责", "按职能分工负责", "按照职能分工负责", "按职能负责", "分别负责", "共同负责", "负责落实", "共同组织实施", "具体负责", "负责实施", "组织实施", "负责", "抓好落实", "落实", "具体承办", "承办", "各负其责",
    "负责起草", "组织起草", "起草",  # 甲、乙起草: a legislative plan names the bodies that draft each bill
    "负责办理", "办理",  # （甲、乙办理）: the units that carry the task out
)  # fmt: skip

COOPERATE_VERBS = ("配合", "参与", "参加", "协助", "协作", "协办", "加强督促指导", "督促指导")

# Marks that separate units; 和/及 only between two names that each end like a unit.
SEPARATORS = "、，,；;/／"
UNIT_ENDINGS: tuple[str, ...] = (
    "局", "委", "办", "厅", "部", "院", "会", "府", "室", "中心", "站", "所", "处", "署", "行", "公司", "集团",
    "镇", "街道", "区", "县", "市", "单位", "部门", "政府", "管委会", "机构", "企业", "组", "队", "社", "馆", "台",
    "银行", "海关", "法院", "检察院", "联", "团", "办事处", "园区", "板块", "党校", "直属库", "）",
)  # fmt: skip
# A bureau's sections (综合科, 污染防治科): 科 alone also ends 本科, 专科, 学科, which are no units.
UNIT_ENDINGS += tuple(
    word + "科"
    for word in (
        "综合", "办公", "财务", "法规", "防治", "监测", "管理", "执法", "业务", "人事", "政工", "宣传", "规划",
        "统计", "审批", "服务", "保卫", "信息", "技术", "安全", "秘书", "计财", "科技", "应急", "督查", "监督", "监管",
    )
)  # fmt: skip
# A county bureau's sections (文化宣传股, 广电事业股): 股 alone also ends 入股, 控股, 持股.
UNIT_ENDINGS += tuple(
    word + "股"
    for word in (
        "综合", "办公", "财务", "法规", "宣传", "事业", "旅游", "人事", "政工", "业务", "规划", "执法",
        "审批", "安全", "计财", "教育", "文化", "监督", "管理", "服务", "信息", "统计", "应急", "秘书",
    )
)  # fmt: skip
CONJUNCTIONS = ("以及", "及", "和", "与")
ETC = (
    "等有关处室（单位）", "等有关处室(单位)", "等有关处室", "等相关处室", "等处室",
    "等有关部门", "等相关部门", "等有关单位", "等相关单位", "等部门单位", "等部门和单位", "等单位部门", "等部门", "等单位", "等",
)  # fmt: skip
_ADMIN_WORDS = {"县", "市", "区", "乡", "镇", "县级市", "市辖区", "旗", "街道", "乡镇", "区政府", "县政府", "市政府"}

_OPEN, _CLOSE = "（(〔[【", "）)〕]】"


@dataclass(frozen=True)
class Clause:
    lead: tuple[str, ...]
    support: tuple[str, ...]
    # Named with no 牵头 label (（甲、乙等按职责分工负责）): jointly responsible owners.
    joint: tuple[str, ...] = ()
    how: str = ""  # the rule that read it, for the reviewer
    notes: tuple[str, ...] = ()  # words in the clause that name no unit (a deadline, 下同 …)

    @property
    def empty(self) -> bool:
        return not (self.lead or self.support or self.joint)


def _depth_scan(text: str, stops: str) -> list[str]:
    """Split on any of `stops` outside brackets."""
    # Most texts hold none of the stops: then brackets cannot matter either.
    for stop in stops:
        if stop in text:
            break
    else:
        return [text]
    parts: list[str] = []
    depth = 0
    start = 0
    # Only brackets and stops change anything: visit those, not every character (validate
    # splits every clause of every document this way).
    for m in _specials(stops).finditer(text):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            i = m.start()
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


@lru_cache(maxsize=32)
def _specials(stops: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(_OPEN + _CLOSE + stops) + "]")


def looks_like_unit(name: str) -> bool:
    return name.endswith(UNIT_ENDINGS) or name.startswith("各")


_looks_like_unit = looks_like_unit


# 高新区党工委和管委会, 各县（市、区）党委和人民政府, 省有关部门和单位: a body named with no place
# of its own is the place's named before it; the two are one name.
_PLACE_BODIES = frozenset(
    ("人民政府", "政府", "管委会", "党委", "党工委", "办事处", "管理委员会", "单位", "部门", "机构")
)


def _split_conjunction(name: str) -> list[str]:
    """市场监管局和税务局 is two units; 人力资源和社会保障局 is one."""
    if len(name) > 60:  # no unit name is this long: prose, left whole (and kept linear)
        return [name]
    for conj in CONJUNCTIONS:
        idx = name.find(conj)
        while idx > 0:
            left, right = name[:idx], name[idx + len(conj) :]
            if (
                right
                and right not in _PLACE_BODIES
                and not _widened_collective(left, right)
                and _looks_like_unit(left)
                and _looks_like_unit(right)
                and len(left) >= 2
                and len(right) >= 2
            ):
                return [*_split_conjunction(left), *_split_conjunction(right)]
            idx = name.find(conj, idx + 1)
    return [name]


def _widened_collective(left: str, right: str) -> bool:
    """各区县及园区, 市有关部门及直属机构: a collective and a short word for more bodies of its
    kind, one class of bodies (各县区政府及有关部门 is two)."""
    return (
        (left.startswith(_COLLECTIVE_OPENERS) or "有关" in left or "相关" in left)
        and len(right) <= 4
        and right[:1] not in "省市县区乡镇"
        and not right.startswith(_COLLECTIVE_OPENERS)
    )


def strip_etc(name: str) -> str:
    name = name.strip()
    if not name.endswith(ETC):  # most names: one look instead of one per word
        return name
    for etc in ETC:
        if name.endswith(etc) and len(name) > len(etc):
            return name[: -len(etc)].strip()
    return name


# Words that open a name for a class of governments (各县、市、区政府, 相关市、县政府).
_COLLECTIVE_OPENERS = ("各", "相关", "有关")


_COUNT_OPENER = re.compile(r"\d{1,3}个")


# The kinds of body that two places can share in one name (人民大垸、荒湖管理区, 城东、城西街道
# 办事处): a place's name that ends like no unit, then one of these, names both bodies at once.
_SHARED_KINDS = ("管理区", "开发区", "街道办事处", "管委会", "人民政府", "办事处", "工业园区", "园区")


def _shared_kind(parts: list[str]) -> list[str]:
    """A bare place before a body of a kind (人民大垸、荒湖管理区) kept with it as one name, as
    the page writes it: split, the place alone would pass for a unit's name."""
    out: list[str] = []
    for part in parts:
        if out and _bare_place(out[-1]) and part.endswith(_SHARED_KINDS) and len(part) <= 16:
            out[-1] = f"{out[-1]}、{part}"
        else:
            out.append(part)
    return out


def _shared_ending(parts: list[str]) -> list[str]:
    """公安、交通部门: the kinds of department before the last share its 部门, each a unit
    (公安部门, 交通部门) as a reader takes them; a name of its own (市公安局) keeps its name."""
    stem = strip_etc(parts[-1]).removesuffix("部门")
    if not 2 <= len(stem) <= 6:
        return parts
    out = list(parts)
    for k in range(len(parts) - 2, -1, -1):
        if not _bare_place(parts[k]) or not 2 <= len(parts[k]) <= 4:
            break
        out[k] = f"{parts[k]}部门"
    return out


def _bare_place(name: str) -> bool:
    return (
        2 <= len(name) <= 6
        and all("\u4e00" <= ch <= "\u9fff" for ch in name)
        and not name.endswith(UNIT_ENDINGS)
        and not name.startswith(_COLLECTIVE_OPENERS)
        and not name.endswith(("乡", "等"))
    )


# 区两级食品安全委员会办公室 after 市、: the levels a body is set up at, then the body.
_AT_LEVELS = re.compile("[省市县区乡镇]{1,2}[两三四五]级")
_LEVEL_WORDS = ("省", "市", "县", "区", "乡", "镇", "乡镇")


def _levels(parts: list[str]) -> list[str]:
    """市、区两级食品安全委员会办公室 (省、市、县三级…): one body at each level, one name."""
    out: list[str] = []
    for part in parts:
        if _AT_LEVELS.match(part) and out and out[-1] in _LEVEL_WORDS:
            k = len(out)
            while k > 0 and out[k - 1] in _LEVEL_WORDS:
                k -= 1
            out[k:] = ["、".join([*out[k:], part])]
        else:
            out.append(part)
    return out


_BODY_CHARS = frozenset("委办局厅室所站队院")
_EACH_BODY = re.compile("各[委办局厅室所站队院](?:、[委办局厅室所站队院])*$")


def _merge_collectives(parts: list[str]) -> list[str]:
    """各县、市、区政府, 相关市、县政府 and 各区、县级市 name one collective though 、 runs through them."""
    out: list[str] = []
    for part in parts:
        # 各县（市）、区人民政府: the bracket qualifies 县, and the collective runs on.
        head = _without_trailing_bracket(out[-1]) if out else ""
        # 各县、区人民政府（管委会）: the bracket after the last part widens it, as after 县.
        bare = _without_trailing_bracket(part)
        if out and _COUNT_OPENER.match(head) and part in _ADMIN_WORDS:
            out[-1] = f"{out[-1]}、{part}"  # 13个街道、镇: one count of bodies of two kinds
        elif (
            out
            and head.startswith(_COLLECTIVE_OPENERS)
            and (
                part in _ADMIN_WORDS
                or bare in _ADMIN_WORDS  # 各开发区、镇（街道）
                or (len(bare) <= 6 and bare[:1] in "县市区乡镇旗" and bare.endswith(("政府", "市")))
                # 各市、县（市、区）教育局: the places, then the body each has
                or (
                    out[-1] in ("各市", "各县", "各区", "各州", "各盟")
                    and bare[:1] in "县市区旗"
                    and len(part) <= 12
                    and part.endswith(UNIT_ENDINGS)
                )
            )
            and (len(head) <= 3 or head.endswith(tuple(_ADMIN_WORDS)))
            and not head.endswith(("政府", "部门", "单位"))
        ):
            out[-1] = f"{out[-1]}、{part}"
        elif out and part in _BODY_CHARS and _EACH_BODY.search(out[-1]):
            # 市政府有相关行政管理职能的各委、办、局: each body of three kinds, one collective.
            out[-1] = f"{out[-1]}、{part}"
        elif out and part in _BARE_BODIES and out[-1].endswith(_BODIES):
            # 市直有关部门、单位: a bare 单位 names no one; it widens the name before it.
            out[-1] = f"{out[-1]}、{part}"
        else:
            out.append(part)
    return out


_BARE_BODIES = ("单位", "部门", "机构")


def _without_trailing_bracket(name: str) -> str:
    """各县（市） → 各县: one look at the end, for the collective test above."""
    if name.endswith(("）", ")")):
        at = max(name.rfind("（"), name.rfind("("))
        if at > 0:
            return name[:at]
    return name


# Words of a note that rides inside a clause (（甲、乙负责，列第一位者为牵头单位，下同）): never a unit.
_NOTE_WORDS = ("下同", "为牵头单位", "为牵头部门", "者为牵头", "为牵头或汇总", "为汇总单位")


def _is_note(piece: str) -> bool:
    return any(word in piece for word in _NOTE_WORDS)


@lru_cache(maxsize=8192)
def _names_in(part: str) -> tuple[str, ...]:
    """The names one piece of a list holds. Pieces are mostly unit names, the same few
    hundred in every clause of every document: each is worked out once."""
    part = part.strip()
    if not part or _is_note(part):
        return ()
    if "会同" in part:
        # 甲会同乙负责 inside a list, with no 由: both answer for the task, as the list does.
        head, _, tail = part.partition("会同")
        if _looks_like_unit(head) and _looks_like_unit(strip_etc(tail)):
            return (*_names_in(head), *_names_in(tail))
    at = part.find("等", 2)
    if 0 < at < len(part) - 1 and _wider(part[at + 1 :]) and _looks_like_unit(part[:at]):
        # 省农业厅等省直有关部门: the unit, then the wider body it stands for, which names others.
        wider = strip_etc(part[at + 1 :])
        if wider and wider not in ETC:
            return (*_split_conjunction(part[:at]), *_split_conjunction(wider))
    return tuple(_split_conjunction(strip_etc(part)))


# What a list's 等 widens to when it names a body of its own (等省直有关部门, 等市直各部门).
_WIDER = ("省直", "市直", "县直", "区直", "省级", "市级", "县级", "区级")
# 等省社会信用体系建设联席会议相关成员单位, 等国务院相关部门: a body's members or departments.
_MEMBERS = re.compile(r".{1,20}(?:相关|有关|各)(?:成员单位|部门|单位)")


def _wider(rest: str) -> bool:
    return rest.startswith(_WIDER) or _MEMBERS.match(rest) is not None


# An aside on what a name covers (各区人民政府〈含开发区管委会，下同〉): part of no unit's name.
_COVERS = re.compile("[（(〈<](?:含|包括)[^（(〈<）)〉>]{0,40}[）)〉>]")


def split_units(text: str) -> list[str]:
    """Units named in a list: split on 、，; (not inside brackets), on 和/及 between two unit
    names, with 等/等部门/等单位 dropped and collectives such as 各县、市、区政府 kept whole."""
    if "含" in text or "包括" in text:
        text = _COVERS.sub("", text)
    split = [name for part in _depth_scan(text, SEPARATORS) for name in _names_in(part)]
    if len(split) > 1:
        split = _shared_kind(split)
        if split[-1].endswith("部门"):
            split = _shared_ending(split)
    if len(split) > 1 and "级" in text:
        split = _levels(split)
    # Only a name that opens with 各, 相关 or 有关 (or a count, 13个) can take the names after it in.
    if any(
        name.startswith(_COLLECTIVE_OPENERS) or _COUNT_OPENER.match(name) or _EACH_BODY.search(name)
        for name in split[:-1]
    ):
        split = _merge_collectives(split)
    if len(split) > 1 and any(name in _LEVEL_WORDS for name in split[:-1]):
        split = _shared_levels(split)
    return [name for name in map(strip_etc, split) if name]


def _shared_levels(parts: list[str]) -> list[str]:
    """市、县（市、区）公安交警: the levels a body stands at, named before it; a level alone is
    no unit, so it stays with the name after it."""
    out: list[str] = []
    for part in parts:
        if out and out[-1].split("、")[-1] in _LEVEL_WORDS and part[:1] in "省市县区乡镇":
            out[-1] = f"{out[-1]}、{part}"
        else:
            out.append(part)
    return out


def _strip_label(text: str, labels: tuple[str, ...]) -> tuple[str | None, str]:
    """(label, rest) when `text` is `label：rest`; one look at the first few characters."""
    text = text.strip()
    head = text[:12]
    colon = head.find("：")
    if colon < 0:
        colon = head.find(":")
    if colon < 0:
        return (text, "") if text in labels else (None, text)
    label = head[:colon].strip()
    if label in labels:
        return label, text[colon + 1 :].strip()
    return None, text


def label_of(line: str) -> tuple[str | None, str]:
    """(the label, the rest) when `line` starts with a known label and a colon."""
    return _strip_label(line, ALL_LABELS)


def _ends_with(text: str, verbs: tuple[str, ...]) -> str | None:
    if not text.endswith(verbs):
        return None
    for verb in verbs:
        if text.endswith(verb) and len(text) > len(verb):
            return verb
    return None


# 年内持续推进, 2022年底前, 长期坚持: words in a clause that give a time, not a unit.
_TIME = re.compile(r"\d{4}年|年底|年内|月底|季度|持续推进|长期坚持|长期推进|全年|前完成|逐步推进")


_TIME_NAME = re.compile(r"(?:\d{4}年|\d{1,2}月|年底|年内|全年|长期|持续推进)")

# Verbs that also end some units' short names (市经协办): verbs only after a unit's name.
_NAME_VERBS = ("承办", "协办", "主办")
_AFTER_VERB = ("组织实施", "实施", "落实", "推进", "抓好落实")
_VERBS = LEAD_VERBS + JOINT_VERBS + SUPPORT_VERBS
_TASK_NOUNS = ("项目", "工程", "工作", "任务", "事项", "活动")
_MAX_SUBJECT = 24


def _units_verb(text: str) -> tuple[list[str], str | None]:
    """A list of units and the verb that closes it (甲、乙负责 → [甲, 乙], 负责; 由甲牵头实施 →
    [甲], 牵头)."""
    text = text.strip()
    if text.startswith("由") and len(text) > 3:
        text = text[1:]
    elif text.startswith("以") and text.endswith("为主") and len(text) > 5:
        text = text[1:]  # 以甲为主: 甲 leads
    elif 0 < (at := text.find("由", 2, _MAX_SUBJECT)) and text[:at].endswith(_TASK_NOUNS):
        text = text[at + 1 :]  # 竹屿湖二期项目由甲负责实施: the task named, then its units
    k = _duty_at(text)
    if k is not None:
        # 甲、乙等部门负责制定方案并组织实施: the units end at 负责; what follows is the task.
        # 甲负责牵头实施: 甲 leads.
        text = text[:k] + text[k + 2 :] if text.startswith("牵头", k + 2) else text[: k + 2]
    if text.endswith(_AFTER_VERB):  # one look for most texts, which end in none of them
        for tail in _AFTER_VERB:
            if text.endswith(tail) and _ends_with(text[: -len(tail)], _VERBS):
                text = text[: -len(tail)]
                break
    verb = _ends_with(text, _VERBS)
    body = text[: -len(verb)] if verb else text
    units = split_units(body)
    if verb in _NAME_VERBS and not (units and looks_like_unit(units[-1])):
        return split_units(text), None  # 市经协办 (经济协作办公室): the name's end, not a verb
    return units, verb


_HANDLE = ("办理", "研究办理", "共同办理")


def _when_alone(piece: str) -> bool:
    """A part of a clause that only says when (2023年底前完成, 持续推进), naming no unit."""
    piece = piece.strip()
    return bool(_TIME.search(piece)) and not _looks_like_unit(strip_etc(piece)) and _ends_with(piece, _VERBS) is None


def _duty_at(text: str) -> int | None:
    """Where 负责 closes the units of `text` when the task follows it (甲、乙负责制定方案并组织
    实施), not more units (甲负责，乙配合) nor nothing."""
    k = text.find("负责", 2)
    if k < 0 or k + 2 >= len(text) or _ends_with(text, _VERBS) == "负责":
        return None
    before = split_units(text[:k])
    if not before or not all(looks_like_unit(u) for u in before):
        return None
    if not text.startswith("牵头", k + 2) and _looks_like_units_after(text[k + 2 :]):
        return None
    return k


def _looks_like_units_after(text: str) -> bool:
    """Whether the words after a 负责 name units (负责，乙配合 / 负责、乙参与), not a task."""
    text = text.lstrip("，,、；; ")
    units, verb = split_units(text), _ends_with(text, _VERBS)
    body = split_units(text[: -len(verb)]) if verb else units
    return bool(body) and all(looks_like_unit(u) for u in body)


_WITH_VERB = re.compile("研究提出|负责|牵头|组织|共同")


def _helps(field: str) -> tuple[list[str], list[str]] | None:
    """(甲, 乙) of 甲配合乙抓好落实: units, 配合, units, and a verb or nothing."""
    at = field.find("配合", 2)
    if at < 0 or at + 4 > len(field):
        return None
    helpers, (helped, verb) = split_units(field[:at]), _units_verb(field[at + 2 :])
    if verb is not None and verb not in JOINT_VERBS:
        return None
    if not helpers or not helped or not all(_looks_like_unit(u) for u in (*helpers, *helped)):
        return None
    return helpers, helped


def _lead_with(inner: str) -> tuple[str, str] | None:
    """甲 and 乙 of 由甲会同乙…负责 (what `^由(.+?)会同(.+?)(?:研究提出|负责|…)` matches).

    Found with str.find and one search rather than that expression, which retries every
    later 会同 against the rest of the text: quadratic on a clause of repeated 甲会同.
    """
    line = inner.split("\n", 1)[0]  # `.` never crossed a line
    if not line.startswith("由"):
        return None
    at = line.find("会同", 2)
    if at < 0:
        return None
    # A later 会同 could only find a verb this search finds too: the first is the match.
    verb = _WITH_VERB.search(line, at + 3)
    return (line[1:at], line[at + 2 : verb.start()]) if verb else None


@lru_cache(maxsize=4096)
def parse_clause(inner: str) -> Clause:
    """Units as the clause names them (see `_parse_clause`); the common form
    牵头单位：甲、乙；丙、丁等按职责分工负责 is read by a shortcut that gives the same Clause."""
    inner = _uncited(inner)
    plain = _plain_clause(inner)
    return plain if plain is not None else _parse_clause(inner)


# （皖发〔2022〕9号，省财政厅、各市政府负责）: a policy list's bracket gives the document a measure
# comes from before the units; the citation names no unit.
_CITED = re.compile(r"^(?:[\u4e00-\u9fff]{1,10}[〔\[［(（]?)?\d{4}[〕\]］)）]?\d{0,4}号[，,；;]")
_CITED_LONGEST = 24


def _uncited(inner: str) -> str:
    return _CITED.sub("", inner, count=1) if "号" in inner[:_CITED_LONGEST] else inner


# What can make the general reading differ from a plain split of 牵头单位：甲、乙；丙等按职责分工负责:
# other separators, labels, sentences or asides anywhere in it.
_NOT_PLAIN = re.compile("[：:。，,;/／含]|包括")
_PLAIN_LABEL = "牵头单位："
_PLAIN_VERB = "按职责分工负责"
_PLAIN_HOW = ("牵头单位 → lead", "牵头单位 → lead; …按职责分工负责 after a lead → support")


@lru_cache(maxsize=8192)
def _plain_name(name: str) -> int:
    """Whether a unit's name reads as itself wherever it stands in a plain clause: it holds no
    separator, label or aside, its brackets close, and it neither opens nor ends with a word
    the grammar acts on (由, a verb, 等, a lead's mark, a star, a time). 0 when not, 2 when it
    opens like a collective (各, 相关), which may take the next name in; else 1."""
    if not name or name != name.strip() or "、" in name or "；" in name or _NOT_PLAIN.search(name):
        return 0
    depth = 0
    for ch in name:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return 0
    plain = (
        depth == 0
        and not name.startswith("由")
        and name[:1] not in _STARS
        and not name.endswith(_VERBS + _AFTER_VERB + ETC + _LEAD_MARKS)
        and _TIME.search(name) is None
        and _TIME_NAME.match(name) is None
        and _names_in(name) == (name,)
        and _duty_at(name) is None  # 甲负责制定…: the units end at 负责
    )
    return 0 if not plain else 2 if name.startswith(_COLLECTIVE_OPENERS) else 1


def _plain_list(text: str, *, tail: bool) -> list[str] | None:
    """The names of 甲、乙、丙 when each is plain (with `tail`, the last may end with 等 or
    等单位); None when the general reading is needed."""
    pieces = text.split("、")
    if tail:
        last = pieces[-1]
        found = _names_in(last)
        if len(found) != 1 or not last.startswith(found[0]):
            return None
        pieces[-1] = found[0]
    kinds = list(map(_plain_name, pieces))
    if 0 in kinds:
        return None
    # A collective's opener (各, 相关) before another name may take the next name in, as there.
    if 2 in kinds and kinds.index(2) < len(kinds) - 1:
        return _merge_collectives(pieces)
    return pieces


def _plain_clause(inner: str) -> Clause | None:
    """牵头单位：甲、乙 or 牵头单位：甲、乙；丙、丁等按职责分工负责 with plain names, as the general
    reading gives it (tests/test_clause_shortcut.py compares the two)."""
    # Each name is checked on its own (_plain_name): no separator, label, aside or time can
    # stand between them, nor in what 等 and the verb add.
    if not inner.startswith(_PLAIN_LABEL):
        return None
    parts = inner[len(_PLAIN_LABEL) :].split("；")
    if len(parts) > 2:
        return None
    lead = _plain_list(parts[0], tail=False)
    if lead is None:
        return None
    if len(set(lead)) != len(lead):
        lead = _unique(lead)
    if len(parts) == 1:
        return Clause(tuple(lead), (), (), _PLAIN_HOW[0])
    rest = parts[1]
    if not rest.endswith(_PLAIN_VERB) or len(rest) == len(_PLAIN_VERB):
        return None
    support = _plain_list(rest[: -len(_PLAIN_VERB)], tail=True)
    if support is None:
        return None
    return Clause(tuple(lead), tuple(u for u in _unique(support) if u not in lead), (), _PLAIN_HOW[1])


def _parse_clause(inner: str) -> Clause:
    """Units as the clause names them: lead after a 牵头 label or before 牵头, support after
    配合/协同 labels or before 配合/参与/协助 (or 负责 once a lead is named), and joint when no
    unit is labelled lead (every named unit then owns the task).

    A clause that lists its leads and then says they are 按职责分工负责 without a semicolon
    (measure 28 of the seed) names leads only: the same unit is never both.
    """
    inner = inner.strip().rstrip("。；;，,")
    notes: list[str] = []
    # 责任单位：甲、乙按职责分工负责。具体任务均涉及…，下同。 — the first sentence names the units.
    sentences = [s.strip() for s in _depth_scan(inner, "。") if s.strip()]
    if len(sentences) > 1:
        # 责任部门：甲。配合部门：乙: a sentence that opens with a label goes on naming units.
        named = [sentences[0]]
        for sentence in sentences[1:]:
            label = label_of(sentence)[0]
            if label is not None and label not in PERSON_LABELS and label not in DEADLINE_LABELS and not notes:
                named.append(sentence)
            else:
                notes.append(sentence)
        inner = "；".join(named)
    # 牵头单位：甲责任单位：乙 — a wrap or a lost space between two labelled parts.
    inner = _split_inner_labels(inner) if "：" in inner or ":" in inner else inner
    pair = _lead_with(inner)
    if pair:  # the State Council's 由甲会同乙等部门负责落实; 由甲牵头，会同乙等单位负责落实
        leads = pair[0].rstrip("，, ").removesuffix("牵头").rstrip("，, ")
        return Clause(
            tuple(split_units(leads)), tuple(split_units(pair[1])), (), "由…会同… → lead, support", tuple(notes)
        )
    parts = [p.strip() for p in _depth_scan(inner, "；;") if p.strip()]
    # One part may be 牵头单位：甲，配合单位：乙 or 甲牵头，乙配合: a field ends at a verb, and a
    # label starts a new one; commas between plain names stay inside the field.
    fields: list[str] = []
    verbs = _VERBS
    for part in parts:
        current: list[str] = []
        for piece in (p for q in _depth_scan(part, "，,") for p in _after_lead_verb(q)):
            if current and (label_of(piece)[0] is not None or _when_alone(piece)):
                # 牵头单位：… after 甲、乙; 甲、乙，2023年底前完成: a new field.
                fields.append("，".join(current))
                current = []
            current.append(piece)
            if _ends_with(piece.strip(), verbs) or _duty_at(piece.strip()) is not None:
                fields.append("，".join(current))
                current = []
        if current:
            fields.append("，".join(current))
    lead: list[str] = []
    support: list[str] = []
    joint: list[str] = []
    how: list[str] = []
    labelled_lead = False
    main_only: bool | None = None  # every lead label was 主要责任单位
    for field in fields:
        field = field.strip()
        if not field:
            continue
        label, rest = _strip_label(field, ALL_LABELS)
        if label in PERSON_LABELS or label in DEADLINE_LABELS:
            notes.append(field)
            continue
        if label is not None and _TIME.search(rest) and not split_units(rest)[0:1]:
            notes.append(field)
            continue
        if label in LEAD_LABELS:
            units, verb = _units_verb(rest)
            lead += units
            labelled_lead = True
            how.append(f"{label} → lead")
            main_only = main_only is not False and label.startswith("主要责任")
            continue
        if label in SUPPORT_LABELS:
            support += _units_verb(rest)[0]
            how.append(f"{label} → support")
            continue
        if label in RESPONSIBLE_LABELS:
            units, verb = _units_verb(rest)
            if verb and "分别牵头" in verb:
                lead += units
                how.append(f"{label}…分别牵头 → lead")
            elif verb == "牵头":
                lead += units
                how.append(f"{label}…牵头 → lead")
            elif verb in COOPERATE_VERBS:
                # 责任单位：甲、乙配合落实: the cell says its units help, lead or not.
                support += units
                how.append(f"{label}…{verb} → support")
            elif lead or labelled_lead:
                support += units
                how.append(f"{label} after a lead → support")
            else:
                # 责任单位：甲；配合单位：乙 names no lead either: 甲 answers for the task, 乙 helps
                # (as every held-out reader reads it; a table's 责任单位 | 配合单位 columns lead).
                joint += units
                how.append(f"{label} without a lead → joint")
            continue
        # No label: the verb at the end says the role.
        if field.startswith("会") and field.endswith(_HANDLE) and len(field) > 5:
            # 由甲牵头，会乙、丙等办理: Guangdong's 会办, the units the lead handles it with.
            support += split_units(field[1 : -len(next(h for h in _HANDLE if field.endswith(h)))])
            how.append("会…办理 → support")
            continue
        if _officials(field):  # 分管副省长、协管副秘书长负责: the leaders in charge, not units
            notes.append(field)
            continue
        if _TIME.search(field) and not _looks_like_unit(strip_etc(field)) and not _ends_with(field, LEAD_VERBS):
            verb = _ends_with(field, JOINT_VERBS + SUPPORT_VERBS)
            if verb is None:
                notes.append(field)
                continue
        helped = _helps(field)
        if helped is not None:
            # 省文化厅配合省委宣传部抓好落实: the unit named after 配合 answers for the task.
            support += helped[0]
            joint += helped[1]
            how.append("甲配合乙… → 乙 joint, 甲 support")
            continue
        units, verb = _units_verb(field)
        if verb in LEAD_VERBS:
            lead += units
            how.append(f"…{verb} → lead")
        elif verb in COOPERATE_VERBS:
            support += units  # 甲负责，乙配合: 配合 is support with or without a lead
            how.append(f"…{verb} → support")
        elif lead and verb is not None:
            if labelled_lead and verb in ("按职责分工负责", "按照职责分工负责") and not support and field is fields[0]:
                lead += units
            else:
                support += units
                how.append(f"…{verb} after a lead → support")
        elif verb is not None:
            joint += units
            how.append(f"…{verb} without a lead → joint")
        else:
            joint += units
            how.append("units named without a role → joint")
    if inner.startswith("由") and joint and support and not lead and not labelled_lead and "承办" in inner:
        # 由甲承办，乙协办: the unit that undertakes the task leads those that help it, as 主办
        # does. (由甲负责，乙配合 names no lead: 甲 answers for it, 乙 helps.)
        lead, joint = joint, []
        how.append("由…承办，…协办 → lead, support")
    if main_only and not support and not joint:
        # 主要责任单位：甲、乙 alone: the units that answer for the task, none of them its lead
        # (beside 协同配合单位 it is the lead, as a table's column beside another is).
        joint, lead, labelled_lead = lead, [], False
        how = [h for h in how if not h.endswith("→ lead")] + ["主要责任单位 alone → joint"]
    if labelled_lead and not support and joint:
        # 牵头单位：甲；乙按职责分工负责 — read above as joint only when no lead came first.
        support, joint = joint, []
    if lead and joint:
        support, joint = support + joint, []
    # 市卫健委（牵头）、市医保局: a unit marked as lead among the others.
    # ★区财政局: a star before the name marks it as well as one after.
    starred = {u: u[1:] + u[0] for u in lead + joint + support if u[:1] in _STARS and len(u) > 1 and not _masked(u)}
    if starred:
        lead, joint, support = ([starred.get(u, u) for u in names] for names in (lead, joint, support))
    marked = [u for u in lead + joint + support if u.endswith(_LEAD_MARKS) and not _masked(u[-2:])]
    if marked:
        lead = [u for u in lead if u not in marked] + marked
        support = [u for u in support + joint if u not in marked]
        joint = []
        lead = [
            u[: -len(next(m for m in _LEAD_MARKS if u.endswith(m)))] if u.endswith(_LEAD_MARKS) else u for u in lead
        ]
        mark = next(m for m in _LEAD_MARKS if marked[0].endswith(m))
        how = [h for h in how if not h.endswith("→ joint")]
        how.append(f"{mark} marking a unit → lead, the others support")
    # 县教育局、县财政局，2023年底前: a deadline among the units (a 责任单位及完成时限 cell).
    times = [u for u in lead + joint + support if _TIME_NAME.match(u)]
    if times:
        notes += times
        lead, joint, support = ([u for u in names if u not in times] for names in (lead, joint, support))
    lead = _unique(lead)
    support = [u for u in _unique(support) if u not in lead]
    joint = [u for u in _unique(joint) if u not in lead and u not in support]
    return Clause(tuple(lead), tuple(support), tuple(joint), "; ".join(dict.fromkeys(how)), tuple(notes))


# 甲和乙分别牵头、丙: a lead verb closes its units' list though only 、 follows it.
_LEAD_THEN = re.compile("(?:分别牵头|共同牵头|牵头负责|牵头)、")


def _after_lead_verb(piece: str) -> list[str]:
    """`piece` cut after each lead verb that a 、 follows (甲牵头、乙 → 甲牵头 | 乙)."""
    if "牵头、" not in piece and "牵头负责、" not in piece:
        return [piece]
    out: list[str] = []
    last = 0
    for m in _LEAD_THEN.finditer(piece):
        out.append(piece[last : m.end() - 1])
        last = m.end()
    out.append(piece[last:])
    return out


# Officials' titles: a clause may name the leaders in charge before the units (分管副省长负责).
_OFFICIAL_TITLES = ("省长", "市长", "县长", "区长", "州长", "镇长", "乡长", "秘书长", "书记", "主席")


def _officials(field: str) -> bool:
    """Whether every name `field` lists is an official's title (分管副省长、协管副秘书长负责)."""
    units = _units_verb(field)[0]
    return bool(units) and all(u.endswith(_OFFICIAL_TITLES) for u in units)


def _masked(name: str) -> bool:
    """**镇各社区: a sample document's masked place name, two stars or more, not a lead's mark."""
    return name[:2] in ("**", "＊＊", "★★")


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


# Words that make a bracket an aside, not a list of units: （以下简称平台）, （含民办）.
_NOT_NAMES: tuple[str, ...] = (
    "简称", "以下", "含", "包括", "即", "详见", "见附件", "试行", "暂行", "草案", "号", "年", "第",
)  # fmt: skip
# （探索设立…示范区，推动…升格为国家级高新区）: what the task does, in words that end like a
# place but say an action no unit's name holds.
_NOT_NAMES += ("设立", "推动", "创建为", "申报", "升格", "打造", "争取")  # not 创建办

# A unit marked as the lead among those named: 市卫健委（牵头）, or a table's 区财政局* (a
# star, often explained as 带*的为牵头单位).
_STARS = ("*", "＊", "★", "▲")  # ▲发改局: a table's lead among its units, as ★ is
LEAD_STARS = "".join(_STARS)  # for str.strip and membership, here and in the run-on reader
_LEAD_MARKS = ("（牵头）", "(牵头)", "〔牵头〕", "【牵头】", "[牵头]", "（牵头单位）", "（牵头部门）", *_STARS)
_LABEL_SET = frozenset(ALL_LABELS)
_LONGEST_LABEL = max(len(label) for label in ALL_LABELS)


_COLON = re.compile("[：:]")


def _split_inner_labels(text: str) -> str:
    """牵头单位：甲责任单位：乙 → 牵头单位：甲；责任单位：乙. For each colon, the longest label
    ending just before it; a separator goes in front of it unless one is there already."""
    out: list[str] = []
    last = 0
    # Only the colons matter: visit those, not every character.
    for m in _COLON.finditer(text, 1):
        i = m.start()
        for size in range(min(_LONGEST_LABEL, i), 0, -1):
            start = i - size
            if text[start:i] in _LABEL_SET:
                if start > last and text[start - 1] not in "；;，, （(":
                    out.append(text[last:start])
                    out.append("；")
                    last = start
                break
    out.append(text[last:])
    return "".join(out)


# A parenthesised clause must say who: a label, or a verb that assigns a role.
_HINT_WORDS = ("牵头", "负责", "配合", "参与", "参加", "协助", "协作", "组织实施", "会同", "起草", "办理")
_CLAUSE_HINT = re.compile("|".join(re.escape(w) for w in (*ALL_LABELS, *_HINT_WORDS)))


def looks_like_clause(inner: str) -> bool:
    """Whether the words inside a bracket assign responsibility (not 含, 试行, a plan's years …)."""
    inner = inner.strip()
    if not inner or len(inner) > 400:
        return False
    inner = _uncited(inner)
    if "下同" in inner and "。" in inner:
        # （甲、乙。排名第一的为牵头单位，下同）: the units, then the document's note on them.
        head, _, tail = inner.partition("。")
        if "牵头" in tail or "主办" in tail:
            inner = head
    if not _CLAUSE_HINT.search(inner):
        # （市发改局、市财政局）: units alone, read by the document's convention or as joint;
        # （市发改局、市财政局，2023年底前完成）: and when, which the clause keeps as a note.
        names = split_units(inner) if len(inner) <= 200 else []
        while len(names) > 1 and _TIME.search(names[-1]) and not _looks_like_unit(names[-1]):
            names = names[:-1]
        return bool(names) and all(
            _looks_like_unit(n.strip(LEAD_STARS)) and 2 < len(n) <= 30 and not any(w in n for w in _NOT_NAMES)
            for n in names
        )
    label, _ = label_of(inner)
    if label is not None and label not in PERSON_LABELS:
        return True
    if label in PERSON_LABELS:
        # （责任领导：杜新国；牵头单位：区发改局）, （责任秘书长：李某，责任单位：市政府办公室）: the
        # person goes first, a labelled unit after
        # (with or without a separator: 牵头领导：刘东牵头处室：基教处).
        for part in _depth_scan(_split_inner_labels(inner), "；;，,"):
            other, rest = label_of(part)
            if other is not None and other not in PERSON_LABELS and other not in DEADLINE_LABELS and rest:
                return True
    first = _depth_scan(inner, "。")[0]
    parts = [p for p in _depth_scan(first, "，,；;") if p.strip()]
    # The verb must close a part that names units: 负责审批 in prose is not a clause.
    return any(_ends_with(p.strip(), LEAD_VERBS + JOINT_VERBS + SUPPORT_VERBS) for p in parts) or inner.startswith("由")


def trailing_clause(paragraph: str) -> tuple[str, str] | None:
    """Split a paragraph into (text, clause) when it ends with a bracketed clause."""
    paragraph = paragraph.rstrip().rstrip("。")
    if not paragraph.endswith(tuple(_CLOSE)):
        return None
    start = matching_open(paragraph, len(paragraph) - 1)
    if start is None:
        return None
    inner = paragraph[start + 1 : -1]
    if looks_like_clause(inner):
        return paragraph[:start], inner
    return None


def matching_open(text: str, close: int) -> int | None:
    """The index of the bracket that `text[close]` closes, scanning back once."""
    depth = 0
    for i in range(close, -1, -1):
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None
