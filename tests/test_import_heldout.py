"""`prd import` on documents held out from its development, whose units were read by hand
before the importer ever saw them. Six were gathered: at the first run 11 of their 28 items
were right, 13 after two rules they showed, and 28 after the rules the other misses showed
(see the README). The three documents those rules were made on (a starred lead in a
flattened table, a table run into one line, a clause as its own sentence) then joined the
tuned corpus; the three left here read 12 of 12, and one of them (05, whose 下同 note gave
one of the earlier rules) was looked at too, so this is no longer a measurement of unseen
layouts. The floor only keeps it from slipping; add new unseen
documents to measure again.

A second set (heldout2/: 16 documents, 41 items, read by hand by someone who had not seen the
importer) read 24 of 41 (59 %) at its first run: 01 4/4, 02 4/4, 03 0/3, 04 0/2, 05 0/1,
06 0/1, 07 0/2, 08 2/2, 09 3/3, 10 0/3, 11 2/2, 12 1/1, 13 1/1, 14 1/3, 15 6/6, 16 0/3
(03, 04, 05 and 10 refused). Rules made on seven of them (03, 04, 05, 06, 10, 14, 16: tables one
cell a line closed by `|`, spaced-out headings, a units line wrapped mid-name, tasks run into
one line with spaces, a label after a comma) brought the set to 39 of 41; those seven then
joined the tuned corpus. The nine left here read 23 of 25, the same as at their first run: 07
is a machine-spun copy (负责 reads 卖力, 发展改革委 reads 生长改造委) and is left unread on
purpose, and it and 02 were looked at while the rules were made, so this set too is no longer
a measurement of unseen layouts.

A third set (heldout3/: 12 documents, 33 items, gathered and read by hand by a third reader
who had not seen the importer, kept aside while the second round of rules was made) is the
measurement of that round: 11 of 33 (33 %) before it and 11 of 33 after it: 01 0/2, 02 0/1
(refused), 03 1/2, 04 2/2, 05 0/7, 06 0/3, 07 7/7, 08 0/2, 09 0/2, 10 0/1, 11 0/3 (refused), 12 1/1.
Rules made on six of them (05: a table flattened with spaces between cells, under a signed cover
notice; 06: a table one cell a line quoting some rows under chapter headings, 主要责任单位 /
协同配合单位; 02: 责任科室 as the owning office; 01: 相关市、县政府 one collective; 10: a | row
whose units cell labels its units; 08: two text columns run together, read column by column)
brought the set to 27 of 33; those six then joined the tuned corpus. The six left here read 11
of 17, as at their first run: 09 (three columns interleaved) and 11 (a whole table on one line,
officials' names among the units) are not read; 03's one miss is the answer keeping the pinyin junk 蓝（lán） in a
unit's name, which the importer strips. None of the six was tuned on, but all were looked at,
so a fourth unseen set is the next measurement.

That fourth set (heldout4/: 12 documents, 22 items, read by hand by a fourth reader who had not
seen the importer, kept aside while the third round of rules was made) read 7 of 22 (32 %)
before that round and 7 of 22 after it: 01 0/2 (refused), 02 1/1, 03 1/1, 04 1/1, 05 0/2
(refused), 06 3/3, 07 0/1, 08 1/1, 09 0/5 (refused), 10 0/1 (refused), 11 0/2 (refused), 12 0/2.
Rules made on seven of them (01: a | table headed 实事项目 whose 责任单位 column sits beside a
配合单位 column; 05: a table one cell a line, rows opened by | 1 |, 考核指标 the task, 实施部门
support; 07: 市直有关部门、单位 one collective; 09: a table one cell a line headed 民生实事; 10: a
| row with more cells than its header, 目标 the task; 11: a project table run into one line with
figures before the units; 12: a labelled bracket after a heading's title, its labels spaced
apart) brought the set to 22 of 22: 01 2/2, 05 2/2, 07 1/1, 09 5/5, 10 1/1, 11 2/2, 12 2/2.
Those seven then joined the tuned corpus; the five left here read 7 of 7, as at their first
run. None of the five was tuned on, but all were looked at, so a fifth unseen set was the next
measurement.

A fifth set (heldout5/: 18 documents, 59 items, read by hand by two readers who had not seen the
importer, kept aside while the fourth round of rules was made) read 29 of 59 (49 %) at its first
run: a01 4/4, a02 4/4, a03 5/5, a04 4/4, a05 0/2, a06 2/2, a07 2/2, a08 0/1, b01 3/3, b02 0/3,
b03 0/5, b04 0/4, b05 0/4, b06 0/3, b07 2/2, b08 0/4, b09 3/3, b10 0/4. b10 comes from a
sample-document site with the town's name masked as `**`, and its readers flagged it as weak.
Rules made on the nine with misses (a05: 第一责任单位为牵头单位 as the first-named-leads note;
a08: an aside 〈含…，下同〉 inside a name; b02: a group heading 一、X牵头工作 naming the lead;
b03, b04: tables one cell a line of projects and of targets; b05: a label run onto its heading;
b06: | rows under a merged group cell; b08: 主要协作单位; b10: ** masking a name, not a star)
brought the set to 59 of 59; those nine then joined the tuned corpus. The nine left here read
29 of 29, as at their first run; none was tuned on, but all were looked at, so a sixth unseen
set was the next measurement.

That sixth set (unseen6/: 18 documents, 54 items, read by two readers who had not seen the
importer, gathered while the fourth and fifth rounds were made and tuned on by neither) read 24
of 54 (44 %) before those rounds and 30 of 54 (56 %) after both: a01 0/5, a02 0/5, a03 2/2,
a04 4/5, a05 3/3, a06 4/4, a07 3/3, a08 4/4, a09 0/1, b01 2/2, b02 3/3, b03 2/5, b04 0/4,
b05 0/3, b06 1/1, b07 1/2, b08 1/1, b09 0/1. Rules made on eight of them (a01: a space-flattened
table whose header closes the cover notice's last paragraph, its task under two headings, a
group row between its rows; a02: 相关责任单位 support beside a lead; b03: a progress cell
80%（…） no unit; b04: a table whose cells' lines sit between bare | lines, a 责任街镇 column;
b07: a heading run into its first part, a line-long labelled clause closed on the next line;
b09: 按职责分工分别负责 closing a units list; a09: a table one cell a line with no 序号 column,
its tasks numbered; b05: a plan run into one line, its （一）（二）（三） in order, a page footer
inline, a units label glued to a leader's title) brought the set to 52 of 54: a01 0/5 → 5/5, a02
0/5 → 5/5, b03 2/5 → 5/5, b04 0/4 → 4/4, b05 0/3 → 2/3, b07 1/2 → 2/2, a09 0/1 → 1/1, b09 0/1 →
1/1, the others as they were (a04's one miss is a second item opening with the same eight
characters, which the score takes first). Those eight then joined the tuned corpus; the ten left
here read 27 of 28, as before the round, and a04 was looked at. Each set is scored and printed per document.

A seventh set (unseen7/: 13 documents, 46 items, read by three readers who had not seen the
importer, gathered while round 6 was made and tuned on by nobody) read 24 of 46 (52 %) both
before and after round 6: a01 3/3, a02 3/3, a03 4/4, a04 4/4, a05 4/4, b01 0/4, b02 0/4,
c01 0/3, c02 3/3, c03 0/4, c04 3/4, c05 0/2, c06 0/4 (its NOTE.md says what the misses are).
Rules made on five of them (b02: a heading that is one unit's name owning the duties under it,
the first heading run into the title; c01: officials in charge named before the units, a clause
before a comma closing its task when the next words close with their own; c03: 负责部门 as a
units column, rows opened and closed by a bar of their own; c05: units before the task, 由X负责，
Y配合，… and 由X承办，Y协办。; c06: a target table one cell a line under a group column, dashed
points kept with the target, a name cut short between units) brought the set to 41 of 46: b02
0/4 → 4/4, c01 0/3 → 3/3, c03 0/4 → 4/4, c05 0/2 → 2/2, c06 0/4 → 4/4, the others as they were
(c04's one miss is a second item opening with the same eight characters; b01, a PDF table glued
into run-on text, is still refused). Those five then joined the tuned corpus; the eight left
here read 24 of 29, as before the round, and b01 and c04 were looked at.

An eighth set (unseen8/: 11 documents, 33 items, districts, counties and bureaus, read by two
readers who had not seen the importer, kept from rounds 6 and 7) read 17 of 33 (52 %) before
round 6 and 20 of 33 (61 %) after it: d01 2/3, d02 4/4, d03 0/2, d04 0/3, d05 0/4, d06 2/2,
e01 0/2, e02 4/4, e03 1/2, e04 3/3, e05 4/4; and 20 of 33 after round 7, the same. An eighth
round was made on four of them (d03: labelled records 项目名称/项目内容/责任单位/进展, the label
alone on its line; d01: 甲和乙分别牵头、丙 inside a units list; e01: 排序第一的为牵头单位 inside
the first clause; e03: a sharing site's watermark stamped mid-word, a bare 责任单位 after a
sentence): d01 2/3 → 3/3, d03 0/2 → 2/2, e01 0/2 → 2/2, e03 1/2 → 2/2, 26 of 33 in all. They stay
in the set, marked as tuned on in its NOTE.md; the seven others read 17 of 24, as before (d04 and
d05 are tables one cell a line with merged cells, not read). With round 8 the scorer picks an item
by the reader's whole task start before its first eight characters, which is what brought
unseen6 a04 and unseen7 c04 (two items opening alike) to their right items: unseen6 28 of 28,
unseen7 25 of 29.

A ninth set (unseen9/: 18 documents, 65 items, provinces and cities (f*) and counties, districts
and sector offices (g*), read by two readers who never saw the importer, gathered after round 8)
read 19 of 65 (29 %) at its first run: f* 15 of 32, g* 4 of 33 (its NOTE.md has each document).
Round 9 was made on it: 61 of 65.

A tenth set (unseen10/: 16 documents, 62 items, provinces (h*) and cities and counties outside
Zhejiang and Jiangsu (i*), read by two readers who never saw the importer, gathered while round 9
was made) read 32 of 62 (52 %) at its first run, after round 9: h* 12 of 26, i* 20 of 36.
Round 10 was made on it: 44 of 62.

An eleventh set (unseen11/: 20 documents, 60 items, Traditional-script copies and the south (j*),
the north and west (k*), read by two readers who never saw the importer, gathered while round 10
was made) read 41 of 60 (68 %) at its first run, after round 10: j* 15 of 19, k* 26 of 41 (37 of
60 before round 9). Round 11 was made on it: 53 of 60.

A twelfth set (unseen12/: 17 documents, 69 items, task divisions of 2007-2018 (l*) and county
inspection and rectification lists (m*), read by two readers who never saw the importer,
gathered while round 11 was made) read 41 of 69 (59 %) at its first run, after round 11: l* 22
of 35, m* 19 of 34; and 41 on the importer before round 9. Round 12 was made on it: 60 of 69.

A thirteenth set (unseen13/: 19 files, 83 items, plans and campaign divisions (n*) and
departments' work points split among their offices (p*), read by two readers who never saw the
importer, gathered while round 12 was made) read 27 of 83 (33 %) at its first run, after round
12: n* 12 of 45, p* 15 of 38; and 27 before round 9. Round 13 was made on it: 45 of 83, and
round 14 (made on it and on unseen8's misses) 71 of 83.

A fourteenth set (unseen14/: 17 files, 58 items, city and county plans and divisions (q*, r*),
provinces of the south and west by place and topic (s*), national documents (t*), read by four
readers who never saw the importer, gathered while round 14 was made) read 42 of 58 (72 %) at its
first run, before round 14, and 43 of 58 both before and after it once a start copied with the
scrape's pinyin finds its item: every item whose units sit in brackets or labelled lines (31 of
31), and 12 of 27 of the national and table layouts (t*). Round 15 was made on it: 51 of 58, and 55 with the run-on units cells of round 16.

A fifteenth set (unseen15/: 20 files, 86 items, county and provincial divisions (u*), national and
city divisions, several in Traditional script (v*), and a Fujian zone's archived pages (w*), read
by three readers who never saw the importer, gathered while round 15 was finished) read 54 of 86
(63 %) at its first run: v* 24 of 30, u* 11 of 23, w* 19 of 33. Round 16 was made on it: 62 of
86.

A sixteenth set (unseen16/: 17 files, 58 items, a county assessment table from a public
repository (x*), inspection notices and rectification lists (y*), provincial and city plans,
several in Traditional script (z*), read by three readers who never saw the importer, gathered
while round 16 was made) read 33 of 58 (57 %) at its first run: z* 24 of 26, y* 9 of 26, x* 0 of
6. Round 17 was made on it: 41 of 58.

A seventeenth set (unseen17/: 20 files, 78 items, work points and key-task arrangements (p*),
national and provincial divisions (q*), city and county divisions and progress tables (r*),
read by three readers who never saw the importer, gathered while round 17 was made) read 48 of
78 (62 %) at its first run: p* 23 of 27, q* 15 of 25, r* 10 of 26. Round 18 was made on it: 58
of 78.

An eighteenth set (unseen18/: 8 files, 37 items, measures opening mid-document (s*) and task
lists of counties, towns and a development zone (t*), read by two readers who never saw the
importer, gathered while round 18 was made) read 20 of 37 (54 %) at its first run. Round 19 was
made on it: 29 of 37, and 35 with the heading of one office's other names that came after.
The PDF repairs made on unseen14 t06 and unseen17 p02 bring those sets to 56 of 58 and 59 of 78; a lead opening a sentence with helpers each
opening a later part, 60.

A nineteenth set (unseen19/: 7 files, 30 items, county lists of 民生实事 and 民生工程, a bureau's
progress table, a report naming projects by their quoted names, read by a reader who never saw
the importer, gathered while the review of round 19 was made) read 22 of 30 (73 %) at its first
run. Round 20 was made on it: 30 of 30.

A twentieth set (unseen20/: 3 files, 20 items, State Council documents kept with their page's
markup in a repository's Markdown files, read by a reader who never saw the importer) read 14 of
20 (70 %) at its first run; reading a text file that holds a page's markup as the page: 20.

A twenty-first set (unseen21/: 10 files, 51 items, pages opening mid-document from law-database
sites, older local plans in prose, a bureau's sections as a table, a legislative plan, read by
two readers who never saw the importer) read 10 of 51 (20 %) at its first runs. Rounds 22 and
23 were made on it: 33 of 51, and 38 once a clause's 由甲负责，乙配合 and 责任单位：甲；配合单位：乙
name no lead, as the held-out readers read them.

A twenty-second set (unseen22/: 16 files, 56 items, pages opening mid-document from law-database
sites, economy and government affairs (g*) and society, environment and safety (h*), read by
two readers who never saw the importer) read 46 of 56 (82 %) at its first runs. Rounds 24 and 25
were made on it: 50 of 56, and 51 with that reading.

A twenty-third set (unseen23/: 15 files, 63 items, pages opening mid-document from law-database
sites, varied regions and clause wordings (e*) and tables and headings rather than brackets
(f*), read by two readers who never saw the importer) read 26 of 63 (41 %) at its first runs.
Rounds 26 and 27 were made on it: 52 of 63; 55 after round 28.

A twenty-fourth set (unseen24/: 15 files, 54 items, plans of 2008–2020 from law-database pages
and mirror sites (c*), tables, labelled lines and units as headings (d*), read by two readers who
never saw the importer) read 32 of 54 (59 %) at its first runs. Round 28 was made on it: 45.

A twenty-fifth set (unseen25/: 10 files, 45 items, city plans (a*) and county divisions of work
in prose (b*), read by two readers who never saw the importer) read 18 of 45 (40 %) at its first
runs. Round 29 was made on it: 25, and 26 with a town named …乡 beside other units.

A twenty-sixth set (unseen26/: 4 files, 15 items, duty paragraphs of older city and county
plans, read by a reader who never saw the importer, gathered as the stop ended) read 2 of 15
(13 %) at its first run; round 30, made on its misses, reads all 15 (duty paragraphs after a
line that introduces them, 作为牵头责任单位, 统一负责, 主要责任单位 alone as joint, the levels
named before a kind of body: 市、县（市、区）公安交警).

Two more sets were gathered and read this way in the next stop and measured at their first run on
the importer after round 30 (commit 95979a7): unseen27/ (23 files, 82 items: duty divisions,
law-database pages of provincial opinions, a Traditional-script mirror, city plans for law-based
administration) read 48 of 82 (59 %); unseen28/ (14 files, 61 items: tables and labelled lines,
prose divisions of older plans) read 15 of 61 (25 %). Rounds 31 and 32, made on their misses,
read 71 and 48. unseen29/ (25 files, 131 items, four readers) read 59 of 131 (45 %) at the first
runs its NOTE.md names; round 33, made on its misses, reads 86. unseen30/ (11 files, 43 items,
three readers) read 16 of 43 (37 %) at its first runs, after round 33, and is held there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from prd_cli.importer import ImportFailure, import_bytes
from prd_cli.textclean import to_simplified

ROOT = Path(__file__).parent / "fixtures" / "import"
# Each held-out set and the fewest items it must keep reading right.
SETS = {
    "heldout": 12,
    "heldout2": 23,
    "heldout3": 11,
    "heldout4": 7,
    "heldout5": 29,
    "unseen6": 28,
    "unseen7": 25,
    "unseen8": 29,
    "unseen9": 61,
    "unseen10": 44,  # h06's reader took 主要责任部门 alone as lead; the brief's rule reads joint
    "unseen11": 55,
    "unseen12": 63,
    "unseen13": 72,
    "unseen14": 56,
    "unseen15": 62,
    "unseen16": 41,
    "unseen17": 60,
    "unseen18": 35,
    "unseen19": 30,
    "unseen20": 20,
    "unseen21": 38,
    "unseen22": 51,
    "unseen23": 55,
    "unseen24": 45,
    "unseen25": 27,
    "unseen26": 15,
    "unseen27": 71,
    "unseen28": 48,
    "unseen29": 86,
    "unseen30": 16,
}


def _plain(text: str) -> str:
    """Text compared without script, spaces, punctuation or a scrape's pinyin (優(yōu)), which
    the importer normalises, so a start copied from the page as it is still finds its item."""
    return re.sub(r"[\W_]+", "", to_simplified(_PINYIN.sub("", text)))


_PINYIN = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}[)）]")


_ENUMERATOR = re.compile(
    r"^\s*(?:\d{1,3}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)


def _unit(name: str) -> str:
    return to_simplified(name).replace("(", "（").replace(")", "）")


def _score(here: Path, doc: dict) -> int:
    try:
        result = import_bytes((here / doc["file"]).read_bytes(), None, name=doc["file"])
    except ImportFailure:
        return 0
    items = [i for c in result.chapters for m in c["measures"] for i in m["items"]]
    right = 0
    for want in doc["items"]:
        found = find_item(items, want["task_starts"])
        if found is None:
            continue
        got = tuple(sorted(_unit(u) for u in found.get(role, [])) for role in ("lead", "joint", "support"))
        expected = tuple(sorted(_unit(u) for u in want.get(role) or []) for role in ("lead", "joint", "support"))
        right += got == expected
    return right


def find_item(items: list[dict], start: str) -> dict | None:
    """The drafted item whose text holds the start a reader copied from the page."""
    # The whole start the reader wrote picks the item; its first eight characters are a
    # fallback for a start the page spells a little differently.
    whole = _plain(start)
    found = [i for i in items if whole in _plain(i["text"])] or [i for i in items if whole[:8] in _plain(i["text"])]
    if not found:  # a start copied with its number (1、推进…), which the importer keeps apart
        bare = _plain(_ENUMERATOR.sub("", start))
        found = [i for i in items if bare and bare in _plain(i["text"])]
    if not found and "|" in start:  # 政策解读 | 对以…: a row copied from its first cell, a group the draft notes
        cell = _plain(start.rsplit("|", 1)[1])
        found = [i for i in items if len(cell) >= 4 and cell in _plain(i["text"])]
    # A start quoted by a heading's summary and opening a paragraph of its own (h02 of unseen29):
    # the reader copied it from where the task starts.
    opening = [i for i in found if any(_plain(line).startswith(whole) for line in i["text"].split("\n"))]
    return (opening or found)[0] if found else None


@pytest.mark.parametrize("name", sorted(SETS))
def test_held_out_agreement(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    here = ROOT / name
    expected = yaml.safe_load((here / "expected.yaml").read_text(encoding="utf-8"))
    rows, right_all, total_all = [], 0, 0
    for doc in expected:
        right = _score(here, doc)
        right_all += right
        total_all += len(doc["items"])
        rows.append(f"{doc['file']:32} {right:3}/{len(doc['items']):<3}")
    rows.append(f"{name + ', all':32} {right_all:3}/{total_all:<3} {right_all / total_all:6.0%}")
    with capsys.disabled():
        print("\n" + "\n".join(rows))
    assert right_all >= SETS[name]
