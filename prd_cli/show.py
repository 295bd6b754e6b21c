"""One item or measure in full, as text for people or JSON for programs."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from .checks import close_items, unknown_item_message
from .dataset import Dataset, ItemRef
from .deadlines import item_dues
from .i18n import _
from .models import STATUS_LABELS
from .numerals import chinese_number
from .periods import period_words
from .queries import due_row, item_row
from .roles import role_of
from .sheets import deadline_zh


def find(ds: Dataset, ref: str) -> list[ItemRef] | None:
    """An item (6.1, KEY/6.1) or a measure (6, KEY/6); a bare id must be unambiguous."""
    ref = ref.strip()
    found = ds.find_item(ref)
    if found is not None:
        return [found]
    key, _slash, number = ref.rpartition("/")
    if number.isdigit():
        refs = [r for r in ds.items if r.measure.number == int(number) and (r.doc.key == key if key else True)]
        if refs and len({r.doc.key for r in refs}) == 1:
            return refs
    return None


def not_found_message(ds: Dataset, ref: str) -> str:
    """Why `find` found nothing: an id several documents share, or one no document has."""
    ref = ref.strip()
    if "/" not in ref and ref.isdigit():
        keys = list(dict.fromkeys(r.doc.key for r in ds.items if r.measure.number == int(ref)))
        if len(keys) > 1:
            choices = "、".join(f"{k}/{ref}" for k in keys)
            return _("measure {ref} is in more than one document: write one of {choices}").format(
                ref=ref, choices=choices
            )
    if ds.ambiguous(ref):
        return unknown_item_message(ds, ref)
    close = close_items(ds, ref)
    tail = _(" (did you mean {names}?)").format(names="、".join(close)) if close else ""
    return _('no item or measure "{ref}"{tail}: write an item id such as 6.1 or a measure number such as 6').format(
        ref=ref, tail=tail
    )


def _current_dues(ds: Dataset, ref: ItemRef, as_of: date):  # type: ignore[no-untyped-def]
    """Each dated deadline, and each recurring duty's occurrences in the half year of `as_of`."""
    from .periods import half_year_of

    h = half_year_of(as_of)
    dated = [d for d in item_dues(ref, date(1900, 1, 1), date(2999, 12, 31), windows=True) if not d.recurring]
    recurring = [d for d in item_dues(ref, h.start, h.end) if d.recurring]
    return [due_row(ds, d, as_of) for d in (*dated, *recurring)]


def _task_state(ds: Dataset, ref: ItemRef, as_of: date) -> tuple[str, str, str]:
    """The task's state in the half year of `as_of`, by the report's rule: (code, label, period)."""
    from .periods import half_year_of
    from .tasks import records_before, records_in, task_row

    h = half_year_of(as_of)
    earlier = records_before(ds, h).get(ref.qid, {})
    row = task_row(ds, ref, records_in(ds, h, as_of).get(ref.qid, {}), h, as_of, earlier=earlier)
    return row.state, row.state_label, h.text


def _role_label(ds: Dataset, qid: str, unit: str) -> str:
    who = role_of(ds.registry, ds.by_qid[qid].item, unit)
    return who.label if who is not None else "无职责"


def _records(ds: Dataset, qid: str) -> list[dict[str, Any]]:
    out = [
        {
            "period": str(e.period),
            "date": e.record.date.isoformat(),
            "unit": ds.registry.resolve(e.record.unit) or e.record.unit,
            # 配合 marks a contribution: only a lead's or joint owner's record decides a milestone.
            "role_label": _role_label(ds, qid, ds.registry.resolve(e.record.unit) or e.record.unit),
            "status": e.record.status,
            "status_label": STATUS_LABELS[e.record.status],
            "occurrence": e.record.occurrence.isoformat() if e.record.occurrence else "",
            "deadline": e.record.deadline,
            "note": e.record.note,
            "problems": e.record.problems,
            "next_steps": e.record.next_steps,
        }
        for e in ds.progress_by_item.get(qid, ())
    ]
    return sorted(out, key=lambda x: x["date"])


def render_text(ds: Dataset, refs: list[ItemRef], as_of: date) -> str:
    first = refs[0]
    lines = [
        f"{first.doc.number}《{first.doc.title}》",
        f"{chinese_number(first.chapter.number)}、{first.chapter.title}",
        f"（{chinese_number(first.measure.number)}）{first.measure.title}",
    ]
    if len(refs) > 1 and first.measure.preamble:
        lines += ["", first.measure.preamble]
    for ref in refs:
        item = ref.item
        lines += ["", f"[{item.id}] {item.text}"]
        if item.clause:
            lines.append(f"  原文条款：{item.clause}")
        if item.joint:
            lines.append(f"  共同负责单位：{'、'.join(item.joint)}")
        else:
            lines.append(f"  牵头单位：{'、'.join(item.lead) or '（无）'}")
        lines.append(f"  配合单位：{'、'.join(item.support) or '（无）'}")
        for collective in (*item.lead, *item.joint, *item.support):
            members = ds.registry.members.get(collective)
            if members:
                lines.append(f"    {collective}：{'、'.join(members)}")
        if item.deadlines:
            lines.append("  时限：")
            # Numbered, since a progress record says which deadline it reports on by number.
            for n, dl in enumerate(item.deadlines, 1):
                lines.append(f"    {n}. {deadline_zh(dl)}  {dl.what}")  # 每月, as the document says it
                lines.append(f"       原文：{dl.source}")
            for row in _current_dues(ds, ref, as_of):
                # In words, as people read it: （2018年上半年）, not （2018H1）.
                occ = f"（{period_words(row.occurrence)}）" if row.occurrence else ""
                lines.append(f"    · [{row.deadline}] {row.due}{occ} {row.what}：{row.status_label}")
        _code, label, half = _task_state(ds, ref, as_of)
        lines.append(f"  本期状态（{period_words(half)}）：{label}")  # as the report states the task
        records = _records(ds, ref.qid)
        if records:
            lines.append("  进展：")
            for r in records:
                occ = f"（{r['occurrence']}）" if r["occurrence"] else ""
                occ = f"（时限{r['deadline']}）{occ}" if r["deadline"] else occ
                lines.append(
                    f"    - {r['date']} {r['unit']}（{r['role_label']}） {r['status_label']}{occ}：{r['note']}"
                )
                if r["problems"]:
                    lines.append(f"      存在问题：{r['problems']}")
                if r["next_steps"]:
                    lines.append(f"      下一步计划：{r['next_steps']}")
        else:
            lines.append("  进展：未报送")  # as the report says it: nothing reported is shown, not left out
    lines.append(f"\n（状态按 {as_of.isoformat()} 计）")
    return "\n".join(lines) + "\n"


def render_json(ds: Dataset, refs: list[ItemRef], as_of: date) -> str:
    out = []
    for ref in refs:
        row = asdict(item_row(ref))
        row["clause"] = ref.item.clause
        row["preamble"] = ref.measure.preamble
        row["due"] = [asdict(r) for r in _current_dues(ds, ref, as_of)]
        row["progress"] = _records(ds, ref.qid)
        row["state"], row["state_label"], row["state_period"] = _task_state(ds, ref, as_of)
        out.append(row)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
