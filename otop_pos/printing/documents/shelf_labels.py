"""Shelf-edge labels: the card on the shelf under the goods, on plain A4.

Larger than a barcode sticker and read from a step away, so the price is the
biggest thing on it; the Thai name, the producer and the OTOP stars tell a
visitor whose work it is (the point of an OTOP centre). Ten cards per A4
sheet with dashed cut lines, since shops print them on plain paper. Every
Thai string is a shaped Paragraph (reportlab's drawString does not shape),
and every part is sized from the card, so nothing spills onto the next one.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from otop_pos.domain.catalogue.barcode import is_valid_ean13
from otop_pos.domain.catalogue.instore import Label, LabelError, LabelGrid
from otop_pos.printing.documents.barcode_labels import _barcode
from otop_pos.printing.engine.pdf import _ABOVE, _BELOW, AUTHOR, _fix_private_codes, _Para, _style
from otop_pos.printing.engine.pdf_fonts import register_pdf_fonts
from otop_pos.printing.engine.pdf_wrap import _may_break, wrap

GRID = LabelGrid(2, 5, 100.0, 55.0, 11.0, 5.0, name="A4 10 ใบ 100×55 มม.")
NAME_PT = (10.0, 17.0)
PRICE_PT = (16.0, 40.0)
_GREY = Color(0.35, 0.35, 0.35)
_GOLD = Color(0.80, 0.58, 0.05)
_ELLIPSIS = "…"


@dataclass(frozen=True)
class ShelfLabel:
    """What one card shows; `barcode` may be '' (the card then shows no symbol)."""

    name_th: str
    price_text: str
    sku: str
    name_en: str = ""
    producer: str = ""
    stars: int | None = None
    barcode: str = ""


def _fit(text: str, font: str, width: float, lines: int, pts: tuple[float, float]) -> list[str]:
    """`text` in at most `lines` lines at the largest size that fits, cut with '…' if need be."""
    pt = pts[1]
    while pt > pts[0] and len(wrap(text, font, pt, width)) > lines:
        pt -= 0.5
    wrapped = wrap(text, font, pt, width)
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[: lines - 1]
    last = wrapped[lines - 1]
    room = width - stringWidth(_ELLIPSIS, font, pt) - 0.3 * pt
    while len(last) > 1 and stringWidth(last, font, pt) > room:
        cut = len(last) - 1
        while cut > 1 and not _may_break(last, cut):  # never between a letter and its marks
            cut -= 1
        last = last[:cut]
    return [*kept, last.rstrip() + _ELLIPSIS]


def _size(lines: list[str], font: str, width: float, pts: tuple[float, float]) -> float:
    """The size `_fit` chose: the largest at which every line fits `width`."""
    pt = pts[1]
    while pt > pts[0] and any(stringWidth(ln, font, pt) > width for ln in lines):
        pt -= 0.5
    return pt


def _star(canv: Canvas, cx: float, cy: float, r: float, filled: bool) -> None:
    path = canv.beginPath()
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        path.moveTo(x, y) if i == 0 else path.lineTo(x, y)
    path.close()
    canv.setStrokeColor(_GOLD)
    canv.setFillColor(_GOLD)
    canv.setLineWidth(0.6)
    canv.drawPath(path, stroke=1, fill=1 if filled else 0)
    canv.setFillColor(black)


class _Card:
    def __init__(self) -> None:
        self.regular, self.bold = register_pdf_fonts()
        for name in (self.regular, self.bold):
            _fix_private_codes(name)
        self.w, self.h = GRID.label_w * mm, GRID.label_h * mm
        self.pad = 3.5 * mm
        self.inner_w = self.w - 2 * self.pad

    def _para(self, canv: Canvas, text: str, font: str, pt: float, x: float, top: float,
              width: float, color: Color = black, align: str = "left") -> float:  # fmt: skip
        """Draw one shaped paragraph with its top at `top`; its height."""
        para = _Para(text, _style(font, pt, align, color), width, wrap(text, font, pt, width))
        para.drawOn(canv, x, top - para.h - para.shift)
        return float(para.h)

    def draw(self, canv: Canvas, card: ShelfLabel, x: float, top: float) -> None:
        left, y = x + self.pad, top - self.pad
        bottom = top - self.h + self.pad
        lines = _fit(card.name_th, self.bold, self.inner_w, 2, NAME_PT)
        pt = _size(lines, self.bold, self.inner_w, NAME_PT)
        para = _Para(" ".join(lines), _style(self.bold, pt), self.inner_w, lines)
        para.drawOn(canv, left, y - para.h - para.shift)
        y -= para.h
        small = 8.5
        if card.name_en:
            en = _fit(card.name_en, self.regular, self.inner_w, 1, (small, small))
            y -= self._para(canv, en[0], self.regular, small, left, y, self.inner_w, _GREY)
        y -= 0.8 * mm
        star_r = 1.9 * mm
        stars_w = 5 * 2.2 * star_r if card.stars else 0.0
        if card.producer:
            room = self.inner_w - stars_w - (10 * mm if stars_w else 0)
            who = _fit(card.producer, self.regular, room, 1, (small, small))[0]
            self._para(canv, who, self.regular, small, left, y, room)
        if card.stars:
            cy = y - (_ABOVE + _BELOW) * small / 2
            canv.setFont(self.bold, 7)
            canv.setFillColor(_GOLD)
            otop_x = left + self.inner_w - stars_w - 0.8 * mm
            canv.drawRightString(otop_x, cy - 2.4, "OTOP")
            for i in range(5):
                cx = left + self.inner_w - stars_w + (i + 0.5) * 2.2 * star_r
                _star(canv, cx, cy, star_r, i < card.stars)
        self._bottom(canv, card, left, bottom, y - (_ABOVE + _BELOW) * small - 1 * mm)

    def _bottom(self, canv: Canvas, card: ShelfLabel, left: float, bottom: float,
                top: float) -> None:  # fmt: skip
        """Barcode on the left, the price as large as the rest of the card allows."""
        band = max(8 * mm, top - bottom)
        code_w = 0.0
        if card.barcode:
            symbology = "ean13" if is_valid_ean13(card.barcode) else "code128"
            label = Label(card.barcode, symbology, card.name_th, card.price_text, card.sku)
            code = _barcode(label, min(38 * mm, 0.42 * self.inner_w), min(band, 15 * mm),
                            self.regular)  # fmt: skip
            renderPDF.draw(code, canv, left, bottom)
            code_w = code.width + 3 * mm
        room = self.inner_w - code_w
        pt = min(PRICE_PT[1], room / max(1.0, stringWidth(card.price_text, self.bold, 1)))
        pt = min(pt, band / (_ABOVE + _BELOW) * 1.25)
        canv.setFont(self.bold, pt)
        canv.drawRightString(left + self.inner_w, bottom + 0.6 * mm, card.price_text)
        if card.sku:
            canv.setFont(self.regular, 6.5)
            canv.setFillColor(_GREY)
            sku_y = bottom + 0.6 * mm + 0.8 * pt
            canv.drawRightString(left + self.inner_w, sku_y, card.sku)
            canv.setFillColor(black)


def shelf_label_pdf(cards: Sequence[ShelfLabel], title: str = "ป้ายราคาหน้าชั้น") -> bytes:
    """A4 pages of shelf cards, row by row, each inside a dashed cut line."""
    if not cards:
        raise LabelError("ไม่มีป้ายราคาให้พิมพ์")
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, lang="th")
    canv.setTitle(title)
    canv.setAuthor(AUTHOR)
    canv.setCreator(AUTHOR)
    drawer = _Card()
    for i, card in enumerate(cards):
        slot = i % GRID.per_sheet
        if slot == 0 and i:
            canv.showPage()
        x_mm, y_mm = GRID.position(slot)
        x, top = x_mm * mm, A4[1] - y_mm * mm
        canv.setLineWidth(0.3)
        canv.setStrokeColor(_GREY)
        canv.setDash(2, 2)
        canv.rect(x, top - drawer.h, drawer.w, drawer.h)
        canv.setDash()
        drawer.draw(canv, card, x, top)
    canv.showPage()
    canv.save()
    return buf.getvalue()
