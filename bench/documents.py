"""Benchmark 6 and 7: a receipt to ESC/POS bytes, and a full tax invoice to an A4 PDF.

Receipt: `build_receipt` + Qt raster (Sarabun, wrapping, QR) + 1-bit
conversion + python-escpos encoding, against a floor that paints the same
strings one per line with a bare QPainter into an image of the same size and
encodes it the same way (no layout, no QR). Tax invoice: `build_tax_invoice`
+ `render_pdf(page="a4")` with shaped Thai, against reportlab `drawString`
of the same strings (unshaped, no layout) for scale. Best-of medians, one
process, alternating product and floor.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

from bench.common import Row, median

ROUNDS = 40


def _alternate(product: Callable[[], object], floor: Callable[[], object]) -> tuple[float, float]:
    product(), floor()  # warm caches: fonts, glyphs, imports
    p, f = [], []
    for _ in range(ROUNDS):
        for fn, out in ((product, p), (floor, f)):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return median(p) * 1000, median(f) * 1000


def _invoice_data() -> Any:
    from otop_pos.domain.money import sum_money
    from otop_pos.domain.thai.bahttext import baht_text
    from otop_pos.domain.vat import split_vat_inclusive
    from otop_pos.printing.documents.sample_receipt import sample_lines
    from otop_pos.printing.documents.tax_invoice import InvoiceParty, TaxInvoiceData

    lines = sample_lines()[:5]
    total = sum_money(ln.amount for ln in lines)
    vat = split_vat_inclusive(total)
    return TaxInvoiceData(
        seller=InvoiceParty("ศูนย์จำหน่ายสินค้า OTOP จังหวัดศรีสะเกษ",
                            "1 ถนนเทพา ตำบลเมืองใต้ อำเภอเมือง จังหวัดศรีสะเกษ 33000",
                            "0994000165315", "สำนักงานใหญ่"),
        buyer=InvoiceParty("บริษัท ผ้าไหมไทย จำกัด", "99 ถนนขุขันธ์ อำเภอเมือง จังหวัดศรีสะเกษ",
                           "0994000165315", "สาขาที่ 00001"),
        invoice_no="POS01-TI-69110001", date_text="21 พฤศจิกายน 2569", lines=lines,
        total=total, vat_base=vat.base, vat=vat.vat, amount_words=baht_text(total),
        replaces_no="POS01-69110042", replaces_date_text="20 พฤศจิกายน 2569", pos_id="POS01",
    )  # fmt: skip


def run() -> tuple[list[Row], dict[str, Any]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QImage, QPainter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from otop_pos.printing.documents.receipt import build_receipt
    from otop_pos.printing.documents.sample_receipt import sample_receipt_data
    from otop_pos.printing.documents.tax_invoice import build_tax_invoice
    from otop_pos.printing.engine.devices import encode_escpos
    from otop_pos.printing.engine.fonts import register_qt_fonts
    from otop_pos.printing.engine.pdf import render_pdf
    from otop_pos.printing.engine.pdf_fonts import register_pdf_fonts
    from otop_pos.printing.engine.raster import ensure_qt_app, render, to_pil

    ensure_qt_app()
    family = register_qt_fonts()
    data = sample_receipt_data()
    size = render(build_receipt(data)).size()
    texts = build_receipt(data).texts()

    def receipt() -> bytes:
        return encode_escpos(render(build_receipt(data)))

    def bare_qt() -> bytes:
        img = QImage(size, QImage.Format.Format_Grayscale8)
        img.fill(Qt.GlobalColor.white)
        painter = QPainter(img)
        painter.setFont(QFont(family, 16))
        for i, text in enumerate(texts):
            painter.drawText(8, 30 + i * 34, text)
        painter.end()
        mono = img.convertToFormat(QImage.Format.Format_Mono)
        return encode_escpos(to_pil(mono))

    r_ms, r_floor = _alternate(receipt, bare_qt)

    invoice = _invoice_data()
    regular, _bold = register_pdf_fonts()
    inv_texts = build_tax_invoice(invoice).texts()

    def invoice_pdf() -> bytes:
        return render_pdf(build_tax_invoice(invoice), "a4")

    def bare_pdf() -> bytes:
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=A4, invariant=1)
        c.setFont(regular, 11)
        for i, text in enumerate(inv_texts):
            c.drawString(50, 800 - (i % 60) * 13, text)
        c.showPage()
        c.save()
        return buf.getvalue()

    p_ms, p_floor = _alternate(invoice_pdf, bare_pdf)
    rows = [
        Row("receipt render + ESC/POS encode", r_ms, r_floor, "ms", "ratio", 1.3),
        Row("tax invoice A4 PDF", p_ms, p_floor, "ms", "max", 40),
    ]
    return rows, {"receipt_px": [size.width(), size.height()], "receipt_strings": len(texts)}
