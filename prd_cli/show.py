"""One item or measure in full, as text for people or JSON for programs."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from .dataset import Dataset, ItemRef
from .deadlines import item_dues
from .models import STATUS_LABELS
from .numerals import chinese_number
from .queries import describe_deadline, due_row, item_row


def find(ds: Dataset, ref: str) -> list[ItemRef] | None:
    ref = ref.strip()
    if ref in ds.by_id:
        return [ds.by_id[ref]]
    if ref.isdigit():
        refs = [r for r in ds.items if r.measure.number == int(ref)]
        return refs or None
    return None


def _current_dues(ds: Dataset, ref: ItemRef, as_of: date):  # type: ignore[no-untyped-def]
    """Each dated deadline, and each recurring duty's occurrences in the half year of `as_of`."""
    from .periods import half_year_of

    h = half_year_of(as_of)
    dated = item_dues(ref, ds.document.date, date(1900, 1, 1), date(2999, 12, 31), windows=True)
    dated = [d for d in dated if not d.recurring]
    recurring = [d for d in item_dues(ref, ds.document.date, h.start, h.end) if d.recurring]
    return [due_row(ds, d, as_of) for d in (*dated, *recurring)]


def _records(ds: Dataset, item_id: str) -> list[dict[str, str]]:
    out = []
    for e in ds.progress:
        if e.record.item == item_id:
            r = e.record
            out.append(
                {
                    "period": str(e.period),
                    "date": r.date.isoformat(),
                    "unit": ds.registry.resolve(r.unit) or r.unit,
                    "status": r.status,
                    "status_label": STATUS_LABELS[r.status],
                    "occurrence": r.occurrence.isoformat() if r.occurrence else "",
                    "note": r.note,
                }
            )
    return sorted(out, key=lambda x: x["date"])


def render_text(ds: Dataset, refs: list[ItemRef], as_of: date) -> str:
    first = refs[0]
    lines = [
        f"{ds.document.number}《{ds.document.title}》",
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
        lines.append(f"  牵头单位：{'、'.join(item.lead) or '（无）'}")
        lines.append(f"  配合单位：{'、'.join(item.support) or '（无）'}")
        if item.deadlines:
            lines.append("  时限：")
            for dl in item.deadlines:
                lines.append(f"    - {describe_deadline(dl)}  {dl.what}")
                lines.append(f"      原文：{dl.source}")
            for row in _current_dues(ds, ref, as_of):
                occ = f"（{row.occurrence}）" if row.occurrence else ""
                lines.append(f"    · {row.due}{occ} {row.what}：{row.status_label}")
        records = _records(ds, item.id)
        if records:
            lines.append("  进展：")
            for r in records:
                occ = f"（{r['occurrence']}）" if r["occurrence"] else ""
                lines.append(f"    - {r['date']} {r['unit']} {r['status_label']}{occ}：{r['note']}")
    lines.append(f"\n（状态按 {as_of.isoformat()} 计）")
    return "\n".join(lines) + "\n"


def render_json(ds: Dataset, refs: list[ItemRef], as_of: date) -> str:
    out = []
    for ref in refs:
        row = asdict(item_row(ref))
        row["clause"] = ref.item.clause
        row["preamble"] = ref.measure.preamble
        row["due"] = [asdict(r) for r in _current_dues(ds, ref, as_of)]
        row["progress"] = _records(ds, ref.id)
        out.append(row)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
