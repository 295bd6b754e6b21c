"""The work ledger (工作台账): one row per item, as offices keep it in spreadsheets."""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset
from .models import STATUS_LABELS
from .queries import describe_deadline, has_role


@dataclass(frozen=True)
class LedgerRow:
    document: str
    chapter: str
    measure: str
    id: str
    text: str
    lead: list[str]
    support: list[str]
    deadlines: list[str]
    status: str
    reported_on: str
    note: str


def ledger_rows(ds: Dataset, unit: str | None = None) -> list[LedgerRow]:
    """Items in document order with their latest reported status (by date, then file order)."""
    from .numerals import chinese_number

    latest: dict[str, tuple[str, str, str]] = {}
    for entry in sorted(ds.progress, key=lambda e: e.record.date):
        rec = entry.record
        if entry.qid:
            latest[entry.qid] = (STATUS_LABELS[rec.status], rec.date.isoformat(), rec.note)
    rows = []
    for ref in ds.items:
        item = ref.item
        if unit is not None and not has_role(ds, ref, unit):
            continue
        status, on, note = latest.get(ref.qid, ("未报送", "", ""))
        rows.append(
            LedgerRow(
                document=ref.doc.number,
                chapter=f"{chinese_number(ref.chapter.number)}、{ref.chapter.title}",
                measure=f"（{chinese_number(ref.measure.number)}）{ref.measure.title}",
                id=item.id,
                text=item.text,
                lead=list(item.lead),
                support=list(item.support),
                deadlines=[f"{describe_deadline(dl)} {dl.what}" for dl in item.deadlines],
                status=status,
                reported_on=on,
                note=note,
            )
        )
    return rows


LEDGER_HEADERS = {
    "document": "文号",
    "chapter": "章",
    "measure": "措施",
    "id": "编号",
    "text": "工作任务",
    "lead": "牵头单位",
    "support": "配合单位",
    "deadlines": "时限",
    "status": "最新状态",
    "reported_on": "报送日期",
    "note": "进展说明",
}
