"""Does a laid-out full tax invoice carry every field s.86/4 asks for?

The check finds each field again in ``Document.plain_text()`` with the same
helpers that laid it out (tax_invoice.py), so it cannot drift from the wording;
an invoice is checked before anything is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from otop_pos.printing.documents.receipt import amount_text, shown_qty
from otop_pos.printing.documents.tax_invoice import (
    TITLE_TH,
    TaxInvoiceData,
    _address_lines,
    _buyer_address,
    _date,
    _has_run,
    _labels,
    _tax_id_line,
    _vat_apart,
)
from otop_pos.printing.engine.document import Document

Part = Literal["head", "buyer", "all"]
Runs = Callable[[TaxInvoiceData, dict[str, str]], list[tuple[str, ...]]]


@dataclass(frozen=True, slots=True)
class Where:
    """Runs of whole lines of ``Document.plain_text()`` that must each appear, unbroken.

    ``part``: 'head' is before the buyer heading (seller, number, date),
    'buyer' from it on, 'all' anywhere. Seller and buyer share words such
    as 'สำนักงานใหญ่', so each is only looked for on its own side.
    """

    part: Part
    runs: Runs


def _buyer_tax_id(d: TaxInvoiceData, lab: dict[str, str]) -> list[tuple[str, ...]]:
    return [(_tax_id_line(d.buyer, lab),)] if d.buyer.tax_id else []


def _buyer_branch(d: TaxInvoiceData, lab: dict[str, str]) -> list[tuple[str, ...]]:
    """Notification 197: a buyer with a tax ID also gets head office or branch."""
    has = d.buyer.tax_id and d.buyer.branch
    return [(_tax_id_line(d.buyer, lab), d.buyer.branch)] if has else []


def _line_values(d: TaxInvoiceData, lab: dict[str, str]) -> list[tuple[str, ...]]:
    return [(ln.name, shown_qty(ln), amount_text(ln, bool(d.exempt))) for ln in d.lines]


SECTION_86_4_FIELDS: tuple[tuple[str, Where], ...] = (
    ("คำว่า ใบกำกับภาษี", Where("head", lambda d, lab: [(TITLE_TH,)])),
    ("ชื่อผู้ขาย", Where("head", lambda d, lab: [(d.seller.name,)])),
    ("ที่อยู่ผู้ขาย", Where("head", lambda d, lab: [tuple(_address_lines(d.seller))])),
    ("เลขประจำตัวผู้เสียภาษีผู้ขาย", Where("head", lambda d, lab: [(_tax_id_line(d.seller, lab),)])),
    ("สำนักงานใหญ่/สาขาผู้ขาย", Where("head", lambda d, lab: [(d.seller.branch,)])),
    ("ชื่อผู้ซื้อ", Where("buyer", lambda d, lab: [(f"{lab['name']} {d.buyer.name}",)])),
    ("ที่อยู่ผู้ซื้อ", Where("buyer", lambda d, lab: [tuple(_buyer_address(d, lab))])),
    ("เลขประจำตัวผู้เสียภาษีผู้ซื้อ", Where("buyer", _buyer_tax_id)),
    ("สำนักงานใหญ่/สาขาผู้ซื้อ", Where("buyer", _buyer_branch)),
    ("เลขที่ใบกำกับภาษี", Where("head", lambda d, lab: [(lab["no"], d.invoice_no)])),
    ("ชื่อสินค้า", Where("all", lambda d, lab: [(ln.name,) for ln in d.lines])),
    ("จำนวนสินค้า", Where("all", lambda d, lab: [(ln.name, shown_qty(ln)) for ln in d.lines])),
    ("มูลค่าสินค้าแต่ละรายการ", Where("all", _line_values)),
    ("ภาษีมูลค่าเพิ่มแยกจากมูลค่าสินค้า", Where("all", _vat_apart)),
    ("วันที่ออกใบกำกับภาษี", Where("head", lambda d, lab: [(lab["date"], _date(d.date_text))])),
)
"""s.86/4 items 1-7 (reference section 1), each with where to find it."""


def tax_invoice_fields_present(doc: Document, data: TaxInvoiceData) -> list[str]:
    """Names of the s.86/4 fields of ``data`` that ``doc`` lacks; [] means complete."""
    lab = _labels(data.lang)
    lines = doc.plain_text().split("\n")
    cut = lines.index(lab["buyer"]) if lab["buyer"] in lines else len(lines)
    parts = {"head": lines[:cut], "buyer": lines[cut:], "all": lines}
    return [
        name
        for name, where in SECTION_86_4_FIELDS
        if not all(_has_run(parts[where.part], run) for run in where.runs(data, lab))
    ]
