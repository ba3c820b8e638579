"""The intake slip (ใบรับสินค้า) and the return slip (ใบคืนสินค้าให้ผู้ผลิต).

They are the paper both sides sign when goods change hands at the back
door: what came in or went back, how many, which lot and expiry, and whether
the centre holds them on consignment or bought them. Each side keeps one,
so a later dispute over stock has a signature to point at. One layout for
the receipt printer, one table on A4.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from otop_pos.domain.catalogue.units import is_measured, qty_shown, totals_text
from otop_pos.domain.consignment.statement import OWNED
from otop_pos.printing.documents.statement import COPY_TH, be_date, be_datetime
from otop_pos.printing.documents.tax_invoice import SIGN_DOTS
from otop_pos.printing.engine.document import (
    WIDTH_80MM,
    Block,
    Document,
    ItemLine,
    Row,
    Rule,
    Spacer,
    Text,
)
from otop_pos.printing.engine.files import write_atomic

if TYPE_CHECKING:  # reportlab loads with the first PDF, not with the roll layout
    from reportlab.platypus import Flowable

    from otop_pos.printing.documents.statement_pdf import A4Sheet

SlipKind = Literal["intake", "return"]

TITLES_TH: dict[str, str] = {"intake": "ใบรับสินค้า", "return": "ใบคืนสินค้าให้ผู้ผลิต"}
# (producer's role, centre's role) on the signature lines
SIGNERS_TH: dict[str, tuple[str, str]] = {
    "intake": ("ผู้ส่งสินค้า", "ผู้รับสินค้า"),
    "return": ("ผู้รับคืน", "ผู้คืน"),
}
OWNERSHIP_TH = {"consigned": "ฝากขาย", "owned": "ซื้อขาด"}
WORDS = {
    "no": "เลขที่",
    "date": "วันที่",
    "producer": "ผู้ผลิต",
    "delivery_note": "เลขที่ใบส่งของ",
    "intake_note": "หมายเหตุ",
    "return_note": "เหตุผลที่คืน",
    "qty_items": "จำนวน  รายการสินค้า",
    "kind": "ประเภท",
    "lot": "ล็อต",
    "expiry": "หมดอายุ",
    "total": "รวม",
    "pieces": "ชิ้น",
    "lines": "รายการ",
}


def ownership_th(ownership: str) -> str:
    return OWNERSHIP_TH.get(ownership, ownership)


@dataclass(frozen=True, slots=True)
class SlipLine:
    sku: str
    name: str
    qty: int
    ownership: str  # 'consigned' | 'owned'
    lot: str = ""
    expiry: str = ""  # ISO date, '' when the goods do not expire
    unit: str = "piece"  # a weighed product's qty is in thousandths of it

    @property
    def qty_text(self) -> str:
        """'12', or '20.500 กก.' for a weighed product."""
        return qty_shown(self.qty, self.unit)


@dataclass(frozen=True)
class StockSlipData:
    """An intake or a return to a producer, as read back from the store."""

    kind: SlipKind
    centre_name: str
    doc_no: str
    occurred_at: str  # UTC ISO
    producer_code: str
    producer_name: str
    lines: tuple[SlipLine, ...]
    delivery_note: str = ""  # the producer's own delivery note (intake)
    note: str = ""  # intake note, or why the goods went back
    staff_name: str = ""  # who received or gave back the goods
    is_copy: bool = False

    def __post_init__(self) -> None:
        if self.kind not in TITLES_TH:
            raise ValueError(f"kind must be 'intake' or 'return', not {self.kind!r}")

    @property
    def total_qty(self) -> int:
        """Pieces (weighed goods are in ``total_text``)."""
        return sum(ln.qty for ln in self.lines if not is_measured(ln.unit))

    @property
    def total_text(self) -> str:
        """'12 ชิ้น + 20.500 กก.': kilograms never add to pieces."""
        return totals_text((ln.qty, ln.unit) for ln in self.lines)


def lot_text(ln: SlipLine) -> str:
    """'ล็อต L24-09  หมดอายุ 31 ธ.ค. 2569', or '' when neither is known."""
    parts = [f"{WORDS['lot']} {ln.lot}"] if ln.lot else []
    if ln.expiry:
        parts.append(f"{WORDS['expiry']} {be_date(ln.expiry)}")
    return "  ".join(parts)


def _title(d: StockSlipData) -> list[Block]:
    out: list[Block] = [
        Text(d.centre_name, "center", "large", bold=True),
        Text(TITLES_TH[d.kind], "center", "xlarge", bold=True),
    ]
    if d.is_copy:
        out.append(Text(COPY_TH, "center", "large", bold=True))
    producer = f"{WORDS['producer']} {d.producer_code} {d.producer_name}"
    return [*out, Rule("="), Text(producer, bold=True)]


def _info(d: StockSlipData) -> list[tuple[str, str]]:
    out = [(WORDS["no"], d.doc_no), (WORDS["date"], be_datetime(d.occurred_at))]
    if d.kind == "intake":
        out.append((WORDS["delivery_note"], d.delivery_note or "-"))
    return out


def _note(d: StockSlipData) -> list[Block]:
    if not d.note.strip():
        return []
    key = "intake_note" if d.kind == "intake" else "return_note"
    return [Text(f"{WORDS[key]}: {d.note.strip()}")]


def _header(d: StockSlipData) -> list[Block]:
    return [*_title(d), *(Row(label, value) for label, value in _info(d)), *_note(d)]


def _total(d: StockSlipData) -> str:
    return f"{WORDS['total']} {len(d.lines):,} {WORDS['lines']}"


def _signatures(d: StockSlipData) -> list[Block]:
    out: list[Block] = [Rule("=")]
    producer_role, centre_role = SIGNERS_TH[d.kind]
    for role, name in ((producer_role, d.producer_name), (centre_role, d.staff_name)):
        out += [Spacer(48), Text(f"{role} {SIGN_DOTS}", "center")]
        if name:
            out.append(Text(f"({name})", "center", "small"))
    return out


def build_stock_slip(data: StockSlipData, width_dots: int = WIDTH_80MM) -> Document:
    """The slip on a roll: header, one item per line (qty, ฝากขาย/ซื้อขาด, lot), signatures."""
    blocks = [*_header(data), Rule("-"), Row(WORDS["qty_items"], WORDS["kind"], size="small")]
    blocks += [
        ItemLine(f"{ln.sku} {ln.name}", ln.qty_text, ownership_th(ln.ownership),
                 lot_text(ln) or None)
        for ln in data.lines
    ]  # fmt: skip
    blocks += [Rule("-"), Row(_total(data), data.total_text, bold=True)]
    return Document(tuple(blocks + _signatures(data)), width_dots)


def _table(sheet: A4Sheet, d: StockSlipData) -> Flowable:
    from otop_pos.printing.documents.statement_pdf import Column

    with_lots = d.kind == "intake"
    columns = [
        Column("ลำดับ", min_mm=10),
        Column("รหัสสินค้า", "left"),
        Column("ชื่อสินค้า", "left", flex=1),
        Column("จำนวน", min_mm=14),
    ]
    if with_lots:
        columns += [Column("ล็อต", "left", min_mm=20), Column("วันหมดอายุ", "left", min_mm=22)]
    columns.append(Column("ประเภท", "left"))
    rows = []
    for i, ln in enumerate(d.lines, 1):
        lots = [ln.lot or "-", be_date(ln.expiry) if ln.expiry else "-"] if with_lots else []
        rows.append([str(i), ln.sku, ln.name, ln.qty_text, *lots, ownership_th(ln.ownership)])
    blanks = ["", ""] if with_lots else []
    total = ["", "", _total(d), d.total_text, *blanks, ""]
    return sheet.table(columns, rows, total)


def stock_slip_pdf_bytes(data: StockSlipData) -> bytes:
    """The slip on A4: the same header, a table of the goods, two signatures side by side."""
    from otop_pos.printing.documents.statement_pdf import A4Sheet

    sheet = A4Sheet()
    flows = [*sheet.blocks(_title(data)), sheet.info(_info(data)), *sheet.blocks(_note(data))]
    flows += [sheet.gap(3), _table(sheet, data)]
    owned = [(ln.qty, ln.unit) for ln in data.lines if ln.ownership == OWNED]
    if owned:
        note = f"ซื้อขาด {totals_text(owned)} เป็นสินค้าของศูนย์ฯ ไม่อยู่ในยอดฝากขายของผู้ผลิต"
        flows += sheet.blocks([Spacer(6), Text(note, size="small")])
    flows.append(sheet.gap(8))
    producer_role, centre_role = SIGNERS_TH[data.kind]
    flows.append(
        sheet.signatures([(producer_role, data.producer_name), (centre_role, data.staff_name)])
    )
    title = f"{TITLES_TH[data.kind]} {data.doc_no}"
    return sheet.render(flows, title, COPY_TH if data.is_copy else None)


def render_stock_slip_pdf(data: StockSlipData, path: str | os.PathLike[str]) -> Path:
    """stock_slip_pdf_bytes() written atomically."""
    return write_atomic(path, stock_slip_pdf_bytes(data))
