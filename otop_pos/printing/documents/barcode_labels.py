"""Product labels: A4 sticker sheets (PDF) and single labels on the ESC/POS printer.

The sheet reuses the receipt PDF's Thai handling (pdf.py, pdf_wrap.py): names
are shaped Paragraphs broken between clusters, never inside one. Each sticker is laid
out top-down (name, price, barcode) inside its own rectangle, and every part
is sized from the rectangle, so nothing is drawn outside it: a cut-off
barcode or a name spilling onto the next product's sticker is worse than a
smaller font.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget
from reportlab.graphics.barcode.widgets import BarcodeCode128
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from otop_pos.domain.catalogue.instore import Label, LabelError, LabelGrid, each_copy
from otop_pos.printing.engine import document as d
from otop_pos.printing.engine.pdf import _ABOVE, _BELOW, AUTHOR, _fix_private_codes, _Para, _style
from otop_pos.printing.engine.pdf_fonts import register_pdf_fonts
from otop_pos.printing.engine.pdf_wrap import wrap as _wrap

if TYPE_CHECKING:
    from otop_pos.printing.engine.devices import PrinterSpec, PrintOutcome

NAME_PT = (5.0, 11.0)  # smallest and largest name size on a sticker
PRICE_PT = (7.0, 20.0)
MAX_MODULE = 0.40 * mm  # 120 % of the EAN nominal 0.33 mm; larger only wastes room
MIN_MODULE = 0.25 * mm  # 75 %: below the 80 % GS1 minimum only a little, still scans
_GREY = Color(0.35, 0.35, 0.35)
_ELLIPSIS = "…"


def _marks(text: str) -> bool:
    """Combining marks need shaping (a Paragraph); plain text can be drawn directly."""
    return any(unicodedata.category(c) == "Mn" for c in text)


def _two_lines(name: str, font: str, width: float, band: float) -> tuple[str, float]:
    """The name (cut with '…' if need be) and the largest size that fits in 2 lines."""
    pt = NAME_PT[1]
    while pt > NAME_PT[0]:
        lines = len(_wrap(name, font, pt, width))
        if lines <= 2 and lines * (_ABOVE + _BELOW) * pt <= band:
            return name, pt
        pt -= 0.5
    pt = NAME_PT[0]
    wrapped = _wrap(name, font, pt, width)
    if len(wrapped) <= 2:
        return name, pt
    first = wrapped[0]
    rest = name[len(first) :].lstrip()
    tail = _wrap(rest, font, pt, width - stringWidth(_ELLIPSIS, font, pt) - 0.5 * pt)[0]
    sep = " " if name[len(first) : len(first) + 1].isspace() else ""  # a word cut in two
    cut = f"{first}{sep}{tail}{_ELLIPSIS}"
    return (cut if len(_wrap(cut, font, pt, width)) <= 2 else f"{first} {tail}{_ELLIPSIS}"), pt


def _barcode(label: Label, width: float, height: float, font: str) -> Drawing:
    """The symbol with its digits, as wide as fits (up to MAX_MODULE) and exactly ``height``."""
    if label.symbology == "ean13":
        bw = min(MAX_MODULE, width / 113)  # 95 modules + the widget's 9-module quiet zones
        widget = Ean13BarcodeWidget(label.barcode[:12], barWidth=bw, fontName=font)
        widget.fontSize = 10 * bw
        widget.barHeight = height
        x0, y0, x1, y1 = widget.getBounds()
    else:
        probe = BarcodeCode128(value=label.barcode, barWidth=1, quiet=0, humanReadable=0)
        modules = probe.getBounds()[2]
        bw = min(MAX_MODULE, width / (modules + 20))
        widget = BarcodeCode128(
            value=label.barcode, barWidth=bw, lquiet=10 * bw, rquiet=10 * bw, humanReadable=1
        )
        widget.fontName, widget.fontSize = font, min(8.0, max(5.0, 8 * bw))
        widget.barHeight = 1.0
        x0, y0, x1, y1 = widget.getBounds()
        widget.barHeight = height - (y1 - y0 - 1.0)  # text below + bars = height
        widget.y = -y0
        x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(x1 - x0, y1 - y0)
    drawing.add(widget)
    return drawing


class _Sticker:
    """Sizes for one sticker size, worked out once per sheet."""

    def __init__(self, grid: LabelGrid) -> None:
        self.regular, self.bold = register_pdf_fonts()
        for name in (self.regular, self.bold):
            _fix_private_codes(name)
        self.w, self.h = grid.label_w * mm, grid.label_h * mm
        self.pad = min(2.5 * mm, max(1.2 * mm, 0.07 * min(self.w, self.h)))
        self.inner_w, inner_h = self.w - 2 * self.pad, self.h - 2 * self.pad
        self.bar_h = min(16 * mm, max(6 * mm, 0.40 * inner_h))
        self.price_pt = min(PRICE_PT[1], max(PRICE_PT[0], 0.17 * inner_h))
        self.gap = 0.03 * inner_h
        self.name_band = inner_h - self.bar_h - self.price_pt * 1.1 - 2 * self.gap
        if self.name_band < 2 * (_ABOVE + _BELOW) * NAME_PT[0] or self.inner_w < 113 * MIN_MODULE:
            raise LabelError(
                f"สติกเกอร์ {grid.label_w:g}×{grid.label_h:g} มม. เล็กเกินไป"
                " พิมพ์ชื่อ ราคา และบาร์โค้ดให้อ่านและสแกนได้ไม่พอ"
            )

    def draw(self, canv: Canvas, label: Label, x: float, top: float) -> None:
        """Draw the sticker whose top-left corner is at (x, top) in PDF points."""
        left, y = x + self.pad, top - self.pad
        name, pt = _two_lines(label.name, self.regular, self.inner_w, self.name_band)
        para = _Para(name, _style(self.regular, pt), self.inner_w)
        middle = max(0.0, self.name_band - para.h) / 2  # centred in its band
        para.drawOn(canv, left, y - middle - para.h - para.shift)
        y -= self.name_band + self.gap
        self._price(canv, label, left, y)
        bottom = top - self.h + self.pad
        code = _barcode(label, self.inner_w, self.bar_h, self.regular)
        renderPDF.draw(code, canv, left + (self.inner_w - code.width) / 2, bottom)

    def _price(self, canv: Canvas, label: Label, left: float, y: float) -> None:
        """Price large on the left; the SKU small on the right when there is room."""
        sku_pt = max(5.0, 0.45 * self.price_pt)
        show = label.sku.isascii() and label.sku != label.barcode  # not twice on one sticker
        sku_w = stringWidth(label.sku, self.regular, sku_pt) if show else 0.0
        room = self.inner_w - (sku_w + 0.5 * self.price_pt if sku_w else 0.0)
        pt = min(self.price_pt, room / max(1.0, stringWidth(label.price_text, self.bold, 1)))
        if pt < PRICE_PT[0] and sku_w:  # a long SKU must not shrink the price: drop it
            sku_w, room = 0.0, self.inner_w
            pt = min(self.price_pt, room / max(1.0, stringWidth(label.price_text, self.bold, 1)))
        baseline = y - 0.9 * self.price_pt
        if _marks(label.price_text):  # a shaped line is taller: keep it in the band
            pt = min(pt, 1.1 * self.price_pt / (_ABOVE + _BELOW))
            para = _Para(label.price_text, _style(self.bold, pt), room)
            para.drawOn(canv, left, y - para.h - para.shift)
        else:
            canv.setFont(self.bold, pt)
            canv.drawString(left, baseline, label.price_text)
        if sku_w:
            canv.setFillColor(_GREY)
            canv.setFont(self.regular, sku_pt)
            canv.drawRightString(left + self.inner_w, baseline, label.sku)
            canv.setFillColor(Color(0, 0, 0))


def label_sheet_pdf(
    labels: Sequence[Label],
    grid: LabelGrid,
    start_at: int = 0,
    *,
    outline: bool = False,
    title: str = "ฉลากบาร์โค้ด",
) -> bytes:
    """A4 pages of stickers: every copy of every label, row by row.

    ``start_at`` skips that many stickers on the first sheet (already peeled
    off a partly used one). ``outline`` draws each sticker's edge, for a
    test print on plain paper held against a sheet.
    """
    start_at = grid.check_start(start_at)
    stickers = each_copy(labels)
    if not stickers:
        raise LabelError("ไม่มีฉลากให้พิมพ์")
    page_h = A4[1]
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, lang="th")
    canv.setTitle(title)
    canv.setAuthor(AUTHOR)
    canv.setCreator(AUTHOR)
    sticker = _Sticker(grid)
    for i, label in enumerate(stickers, start=start_at):
        slot = i % grid.per_sheet
        if slot == 0 and i > start_at:
            canv.showPage()
        x_mm, y_mm = grid.position(slot)
        x, top = x_mm * mm, page_h - y_mm * mm
        if outline:
            canv.setLineWidth(0.2)
            canv.setStrokeColor(_GREY)
            canv.roundRect(x, top - sticker.h, sticker.w, sticker.h, 1.5 * mm)
        sticker.draw(canv, label, x, top)
    canv.showPage()
    canv.save()
    return buf.getvalue()


def label_document(label: Label, width_dots: int) -> d.Document:
    """One label for the ESC/POS printer, which has no EAN-13 block: bars are Code 128.

    An EAN-13 label is printed as Code 128 of the same 13 digits. That is
    acceptable only because the text is exactly the registered barcode:
    scanners send the digits whatever the symbology, so the till finds the
    product. (Scanners read Code 128 out of the box; check one that was set
    to EAN only.)
    """
    blocks: list[d.Block] = [
        d.Text(label.name, align="center", size="large", bold=True),
        d.Text(label.price_text, align="center", size="xlarge", bold=True),
        d.Barcode128(label.barcode),
    ]
    if label.sku and label.sku != label.barcode:
        blocks.append(d.Text(label.sku, align="center", size="small"))
    return d.Document(tuple(blocks), width_dots)


def print_labels(
    spec: PrinterSpec | str, labels: Sequence[Label], width_dots: int
) -> list[PrintOutcome]:
    """Print every copy of every label, cutting after each; stops at the first failure."""
    from otop_pos.printing.engine.devices import print_document

    return [
        print_document(spec, label_document(label, width_dots), cut=True)
        for label in each_copy(labels)
    ]
