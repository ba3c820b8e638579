"""A realistic sample sale, shared by tests, benchmarks and docs/receipt-sample.png.

The names include stacked Thai marks (ที่ น้ำ ปั้น ก๋วยเตี๋ยว) because those are
what thermal printers and careless renderers get wrong.

Run ``python -m otop_pos.printing.documents.sample_receipt OUT.png [--58mm]`` to write a PNG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from otop_pos.domain.money import Money, sum_money
from otop_pos.printing.documents.receipt import Lang, ReceiptData, ReceiptLine

_ITEMS: tuple[tuple[str, int, str, str], ...] = (
    # name, qty, unit price, line discount
    ("ผ้าไหมมัดหมี่ลายลูกแก้ว ทอมือ บ้านเขวา จังหวัดชัยภูมิ", 1, "1,850.00", "0"),
    ("น้ำพริกเผา", 2, "65.00", "0"),
    ("ชาใบหม่อน", 1, "120.00", "0"),
    ("ก๋วยเตี๋ยวเรือกึ่งสำเร็จรูป", 4, "35.00", "0"),
    ("ยาหม่องสมุนไพรน้ำมันเหลือง", 3, "45.20", "10.00"),
    ("แจกันดินเผาปั้นมือ ที่ระลึก ด่านเกวียน", 1, "280.00", "0"),
)


def _vat_inclusive(total: Money) -> tuple[Money, Money]:
    """(base, vat) at 7/107, half-up; a private stand-in for domain.vat."""
    vat = (total.satang * 7 * 2 + 107) // (2 * 107)
    return Money(total.satang - vat), Money(vat)


def sample_lines() -> tuple[ReceiptLine, ...]:
    out = []
    for name, qty, unit, disc in _ITEMS:
        price, discount = Money.parse(unit), Money.parse(disc)
        out.append(ReceiptLine(name, qty, price, price * qty - discount, discount))
    return tuple(out)


def sample_receipt_data(
    *,
    vat_registered: bool = True,
    lang: Lang = "th",
    is_copy: bool = False,
    lines: tuple[ReceiptLine, ...] | None = None,
    receipt_no: str = "POS01-68060042",
) -> ReceiptData:
    """A paid cash sale at a VAT-registered (or not) OTOP centre."""
    lines = sample_lines() if lines is None else lines
    gross = sum_money(line.amount for line in lines)
    rounding = Money(-(gross.satang % 25))  # down to the nearest 25 satang coin
    total = gross + rounding
    base, vat = _vat_inclusive(total) if vat_registered else (None, None)
    cash = Money.baht((total.satang // 100_000 + 1) * 1000)
    return ReceiptData(
        centre_name="ศูนย์จำหน่ายสินค้า OTOP จังหวัดขอนแก่น",
        branch="สำนักงานใหญ่" if vat_registered else "",
        address="99 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง จังหวัดขอนแก่น 40000",
        tax_id="0994000165315" if vat_registered else "",
        vat_registered=vat_registered,
        pos_id="E051234567890001" if vat_registered else "",
        receipt_no=receipt_no,
        date_text="15/06/2568 14:32",
        cashier_name="สมหญิง ใจดี",
        lines=lines,
        total=total,
        vat_base=base,
        vat=vat,
        tenders=(("เงินสด" if lang == "th" else "Cash", total),),
        cash_tendered=cash,
        change=cash - total,
        rounding=rounding,
        is_copy=is_copy,
        footer="",
        lang=lang,
    )


def main(argv: list[str] | None = None) -> int:
    """Write the sample receipt as a PNG (needs no printer)."""
    from otop_pos.printing.documents.receipt import build_receipt
    from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM
    from otop_pos.printing.engine.raster import render_pil

    args = sys.argv[1:] if argv is None else argv
    out = Path(next((a for a in args if not a.startswith("--")), "receipt-sample.png"))
    width = WIDTH_58MM if "--58mm" in args else WIDTH_80MM
    render_pil(build_receipt(sample_receipt_data(), width)).save(out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
