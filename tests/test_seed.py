"""The shipped data must say what the source document says, item by item."""

from __future__ import annotations

import re

import pytest

from prd_cli.clauses import parse_clause
from prd_cli.loading import load
from prd_cli.textclean import normalise

from .conftest import DATA, SEED

# The scrape garbled one passage (GBK bytes read as something else); the official text
# reads 广深港客专虎门站.
SEED_CORRECTIONS = {"客？；㈤T站": "客专虎门站"}


@pytest.fixture(scope="module")
def source() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed document is not beside the repository ({SEED})")
    text = normalise(SEED.read_text(encoding="utf-8"))
    for wrong, right in SEED_CORRECTIONS.items():
        text = text.replace(wrong, right)
    return text


@pytest.fixture(scope="module")
def ds():
    result = load(DATA)
    assert result.ok, result.problems
    return result.dataset


def _paragraphs(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if line.strip()]


def test_structure_counts(ds) -> None:
    (doc,) = ds.docs
    assert len(doc.chapters) == 9
    assert [m.number for c in doc.chapters for m in c.measures] == list(range(1, 30))
    assert len(ds.items) == 37
    assert [r.id for r in ds.items if r.measure.number in (7, 25)] == ["7.1", "7.2", "7.3", "25.1", "25.2", "25.3"]
    assert ds.find_item("7.1").measure.preamble.startswith("加强与泛珠合作各方交通基础设施互联互通")


def test_document_header(ds, source) -> None:
    doc = ds.docs[0].document
    assert doc.number == "东府办〔2017〕136号"
    assert doc.title in source.replace("\n", "")
    assert str(doc.date) == "2017-11-08" and "2017年11月8日" in source
    assert [r.number for r in doc.implements] == ["国发〔2016〕18号", "粤府〔2017〕8号"]
    assert doc.preamble in _paragraphs(source)


def test_every_item_is_a_whole_paragraph_of_the_source(ds, source) -> None:
    paragraphs = set(_paragraphs(source))
    for ref in ds.items:
        assert ref.item.text + ref.item.clause in paragraphs, ref.id


def test_titles_match_the_source(ds, source) -> None:
    paragraphs = _paragraphs(source)
    from prd_cli.numerals import chinese_number

    for chapter in ds.docs[0].chapters:
        assert f"{chinese_number(chapter.number)}、{chapter.title}" in paragraphs
        for m in chapter.measures:
            assert f"（{chinese_number(m.number)}）{m.title}" in paragraphs


def test_every_clause_names_exactly_the_items_units(ds) -> None:
    for ref in ds.items:
        clause = parse_clause(ref.item.clause[1:-1])
        assert [ds.registry.resolve(u) for u in clause.lead] == ref.item.lead, ref.id
        assert [ds.registry.resolve(u) for u in clause.support] == ref.item.support, ref.id


def test_no_item_is_missed(ds, source) -> None:
    clauses = [p for p in _paragraphs(source) if re.search(r"（[^（）]*(牵头单位|按职责分工负责)", p)]
    assert len(clauses) == len(ds.items) == 37


def test_deadline_sources_are_quoted_from_their_item(ds) -> None:
    for ref in ds.items:
        for dl in ref.item.deadlines:
            assert dl.source in ref.item.text, (ref.id, dl.source)


def test_every_time_phrase_is_encoded(ds) -> None:
    """Each explicit date or frequency in an item's text has a deadline that quotes it."""
    phrase = re.compile(r"20\d\d年(上半年|内)?|每月|每年|年度")
    plan_title = re.compile(r"《[^》]*》")
    for ref in ds.items:
        text = plan_title.sub("", ref.item.text)  # plan titles such as 《…（2016-2020年）》 set no date
        for m in phrase.finditer(text):
            quoted = any(m.group(0) in dl.source for dl in ref.item.deadlines)
            assert quoted, f"{ref.id}: {m.group(0)} has no deadline"
