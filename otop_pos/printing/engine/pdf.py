"""Render a Document to PDF with reportlab: one roll-width page, or A4 pages.

Same blocks and layout rules as the thermal raster (raster.py) but vector
text, for e-mailing, archiving and office printers. No Qt here, so reports
and workers can use it without a GUI. Thai needs care in three places:

* shaping: reportlab shapes (uharfbuzz) only text in a Paragraph whose style
  has ``shaping=1``, so every string, the stamp too, is a Paragraph;
* reading back: shaped marks are substituted glyphs without Unicode of their
  own (ที่ would copy as ที), so each Thai paragraph carries /ActualText;
* wrapping: reportlab breaks only at spaces and splits a long word anywhere,
  even between a consonant and its vowel, so _wrap breaks the lines itself.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from otop_pos.printing.engine import document as d
from otop_pos.printing.engine.files import write_atomic
from otop_pos.printing.engine.pdf_fonts import register_pdf_fonts
from otop_pos.printing.engine.pdf_wrap import wrap as _wrap

Page = Literal["roll", "a4"]
AUTHOR = "OTOP POS"
_NORMAL_PT: dict[Page, float] = {"roll": 9.0, "a4": 11.0}
_SCALE: dict[d.Size, float] = {"small": 21 / 24, "normal": 1.0, "large": 32 / 24, "xlarge": 44 / 24}
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
# Sarabun's ink in em (measured with uharfbuzz, Bold): a tone mark over an upper
# vowel (ฟื้) reaches 1.28 above the baseline, lower vowels (กู) 0.35 below; more
# than the font's ascent (1.068). The rare deep ones (ฎุ) use the bottom margin.
_ABOVE, _BELOW = 1.31, 0.39  # with a hair to spare, as raster pads its lines
_ROLL_MARGIN, _A4_MARGIN = 4 * mm, 18 * mm
_primed: set[str] = set()
_prime_lock = threading.Lock()


def _fix_private_codes(font_name: str) -> None:
    """Number all glyphs that lack Unicode now, in glyph order, for repeatable bytes.

    reportlab gives such a glyph (ที่'s raised tone mark) a private-use code
    when shaping first meets it, so the bytes would depend on what this
    process happened to draw before.
    """
    with _prime_lock:
        if font_name not in _primed:
            font = getFont(font_name)
            with contextlib.suppress(AttributeError, ValueError):  # not shapable: no codes
                hb = font.hbFont()
                for gid in range(font.hbFace.glyph_count):
                    if gid not in font.face.glyphToChar:
                        font.hbAddPrivate(hb.glyph_to_string(gid), gid, hb.get_glyph_h_advance(gid))
            _primed.add(font_name)


def _first_baseline(font: str, pt: float) -> float:
    """How far below its top reportlab sets a paragraph's first baseline."""
    return pt if rl_config.paraFontSizeHeightOffset else getFont(font).face.ascent / 1000 * pt


def _style(font: str, pt: float, align: str = "left", color: Color = black) -> ParagraphStyle:
    leading = (_ABOVE + _BELOW) * pt
    return ParagraphStyle(
        f"{font}-{pt}-{align}",
        fontName=font,
        fontSize=pt,
        leading=leading,
        alignment=_ALIGN[align],
        textColor=color,
        shaping=1,
    )


class _Para(Paragraph):
    """A shaped, pre-wrapped paragraph that records what it says (/ActualText)."""

    def __init__(
        self, text: str, style: ParagraphStyle, width: float, lines: list[str] | None = None
    ) -> None:
        self.lines = _wrap(text, style.fontName, style.fontSize, width) if lines is None else lines
        super().__init__("<br/>".join(map(escape, self.lines)) or "\u00a0", style)
        self.actual = text
        self.w, self.h = self.wrap(width, 1e9)
        self.shift = _ABOVE * style.fontSize - _first_baseline(style.fontName, style.fontSize)

    def draw(self) -> None:
        thai = not self.actual.isascii()  # ASCII is not reshaped: its glyphs say it
        if thai:
            utf16 = ("\ufeff" + self.actual).encode("utf-16-be").hex().upper()
            self.canv.addLiteral(f"/Span <</ActualText <{utf16}>>> BDC")
        super().draw()
        if thai:
            self.canv.addLiteral("EMC")


class _Cells(Flowable):
    """Paragraphs at fixed spots (x, top) in a band as tall as its tallest column."""

    def __init__(self, *cells: tuple[float, float, _Para]) -> None:
        super().__init__()
        self.cells = cells
        self.height = max(top + p.h for _x, top, p in cells)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """A lone paragraph (a Text block) taller than the page splits between lines."""
        x, _top, p = self.cells[0]
        n = int(ah // p.style.leading)
        if len(self.cells) > 1 or not 0 < n < len(p.lines):
            return []
        parts = (p.lines[:n], p.lines[n:])
        return [_Cells((x, 0, _Para(" ".join(ls), p.style, p.width, ls))) for ls in parts]

    def draw(self) -> None:
        for x, top, p in self.cells:  # in reading order: extraction follows it
            p.drawOn(self.canv, x, self.height - top - p.h - p.shift)


class _Rule(Flowable):
    """'-' dashed, '=' double; the same millimetres as the thermal print."""

    def __init__(self, char: str, width: float) -> None:
        super().__init__()
        self.char, self.width, self.t = char, width, 0.25 * mm
        self.height = 2 * mm + self.t * (3 if char == "=" else 1)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, t, y = self.canv, self.t, self.height - 1 * mm - self.t / 2
        c.saveState()
        c.setLineWidth(t)
        c.setDash([1 * mm, 0.5 * mm] if self.char == "-" else [])
        for dy in (0, 2 * t) if self.char == "=" else (0,):
            c.line(0, y - dy, self.width, y - dy)
        c.restoreState()


class _QR(Flowable):
    """A QR code drawn as filled squares (error correction M, 4-module quiet zone).

    Not reportlab's QrCodeWidget: its Drawing sets Helvetica, a font that is
    never embedded, and PDF/A (e-Tax) requires every font embedded.
    """

    def __init__(self, data: str, side: float) -> None:
        super().__init__()
        import qrcode
        from qrcode.constants import ERROR_CORRECT_M

        qr = qrcode.QRCode(border=4, error_correction=ERROR_CORRECT_M)
        qr.add_data(data)
        qr.make(fit=True)
        self.matrix = qr.get_matrix()
        self.width = self.height = side
        self.hAlign = "CENTER"

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, n = self.canv, len(self.matrix)
        cell = self.width / n
        c.saveState()
        c.setFillColor(black)
        for r, row in enumerate(self.matrix):
            for col, dark in enumerate(row):
                if dark:
                    c.rect(col * cell, (n - 1 - r) * cell, cell, cell, stroke=0, fill=1)
        c.restoreState()


class _Layout:
    """Blocks to flowables for one text width and base font size."""

    def __init__(self, page: Page, width_dots: int, inner: float) -> None:
        self.regular, self.bold = register_pdf_fonts()
        for name in (self.regular, self.bold):
            _fix_private_codes(name)
        scale = 1.0 if page == "a4" else min(1.0, max(0.8, width_dots / d.WIDTH_80MM))
        self.normal, self.inner = _NORMAL_PT[page] * scale, inner
        self.gap = 0.6 * self.normal
        self._styles: dict[tuple[str, float, str], ParagraphStyle] = {}

    def pt(self, size: d.Size) -> float:
        return round(self.normal * _SCALE[size] * 2) / 2

    def para(
        self,
        text: str,
        width: float,
        size: d.Size = "normal",
        bold: bool = False,
        align: str = "left",
    ) -> _Para:
        key = (self.bold if bold else self.regular, self.pt(size), align)
        if key not in self._styles:
            self._styles[key] = _style(*key)
        return _Para(text, self._styles[key], width)

    def flowables(self, b: d.Block) -> list[Flowable]:
        if isinstance(b, d.Text):
            return [_Cells((0, 0, self.para(b.text, self.inner, b.size, b.bold, b.align)))]
        if isinstance(b, d.Row):
            return [self._columns("", b.left, b.right, None, b.size, b.bold)]
        if isinstance(b, d.ItemLine):
            return [self._columns(b.qty_text, b.name, b.amount_text, b.detail)]
        if isinstance(b, d.Rule):
            return [_Rule(b.char, self.inner)]
        if isinstance(b, d.Spacer):
            return [Spacer(self.inner, b.dots / 8 * mm)]
        if isinstance(b, d.QRCode):
            side = min(b.size_mm * mm, self.inner)  # includes the 4-module quiet zone
            return [_QR(b.data, side)]
        if isinstance(b, d.Barcode128):
            modules = Code128(b.data, barWidth=1, quiet=0).wrap(0, 0)[0]
            bar = min(0.33 * mm, self.inner / (modules + 20))  # + 10-module quiet zones
            code = Code128(b.data, barWidth=bar, barHeight=8 * mm, lquiet=10 * bar, rquiet=10 * bar)
            code.hAlign = "CENTER"
            text = self.para(b.data, self.inner, "small", align="center")
            return [code, _Cells((0, 0, text))]
        raise TypeError(f"unknown block {b!r}")

    def _columns(
        self,
        qty: str,
        name: str,
        right: str,
        detail: str | None,
        size: d.Size = "normal",
        bold: bool = False,
    ) -> _Cells:
        """[qty] name (wraps) ... right, as in raster: amount on line 1, or below if huge."""
        font, pt = (self.bold if bold else self.regular), self.pt(size)
        qty_w = max(stringWidth("99", font, pt), stringWidth(qty, font, pt)) + 1 if qty else 0.0
        name_x = qty_w + self.gap / 2 if qty else 0.0
        name_w = self.inner - name_x - stringWidth(right, font, pt) - 1 - self.gap
        below = name_w < self.inner * 0.35
        name_p = self.para(name, self.inner - name_x if below else name_w, size, bold)
        right_top = name_p.h if below else 0.0
        right_p = self.para(right, self.inner, size, bold, "right")
        cells = [(name_x, 0.0, name_p), (0.0, right_top, right_p)]
        if qty:
            cells.insert(0, (0.0, 0.0, self.para(qty, qty_w, size, bold, "right")))
        if detail:
            top = max(name_p.h, right_top + right_p.h)
            cells.append((name_x, top, self.para(detail, self.inner - name_x, "small")))
        return _Cells(*cells)


def _draw_stamp(canv: Canvas, lay: _Layout, text: str, w: float, h: float) -> None:
    """Big light-grey text at 45° across the page, under the content."""
    k = stringWidth(text, lay.bold, 1)
    pt = min(120.0, 0.85 * min(w, h) / ((k + _ABOVE + _BELOW) * math.sin(math.pi / 4)))
    p = _Para(text, _style(lay.bold, pt, "center", Color(0.8, 0.8, 0.8)), (k + 1) * pt)
    canv.saveState()
    canv.translate(w / 2, h / 2)
    canv.rotate(45)
    p.drawOn(canv, -p.w / 2, -p.h / 2 - p.shift)
    canv.restoreState()


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each footer can say 'หน้า i/n'."""

    def __init__(self, *args: Any, footer: Callable[[Canvas, int, int], None], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for i, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self._footer(self, i, len(self._pages))
            super().showPage()
        super().save()


def _roll(doc: d.Document, title: str, stamp: str | None) -> bytes:
    width = doc.width_dots / 8 * mm
    lay = _Layout("roll", doc.width_dots, width - 2 * _ROLL_MARGIN)
    flows = [f for b in doc.blocks for f in lay.flowables(b)]
    sizes = [f.wrap(lay.inner, 1e9) for f in flows]
    height = 2 * _ROLL_MARGIN + sum(h for _w, h in sizes)
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1, lang="th")
    canv.setTitle(title)
    canv.setSubject("")
    canv.setAuthor(AUTHOR)
    canv.setCreator(AUTHOR)
    if stamp:
        _draw_stamp(canv, lay, stamp, width, height)
    y = height - _ROLL_MARGIN
    for f, (w, h) in zip(flows, sizes, strict=True):
        y -= h
        centred = getattr(f, "hAlign", "LEFT") == "CENTER"
        f.drawOn(canv, _ROLL_MARGIN + ((lay.inner - w) / 2 if centred else 0), y)
    canv.showPage()
    canv.save()
    return buf.getvalue()


def _a4(doc: d.Document, title: str, stamp: str | None) -> bytes:
    page_w, page_h = A4
    lay = _Layout("a4", doc.width_dots, page_w - 2 * _A4_MARGIN)

    def on_page(canv: Canvas, _doc: object) -> None:
        if stamp:
            _draw_stamp(canv, lay, stamp, page_w, page_h)

    def footer(canv: Canvas, i: int, n: int) -> None:
        # a continuation page names its document (a 60-line invoice's page 2 has no header)
        text = f"{title} · หน้า {i}/{n}" if title and n > 1 else f"หน้า {i}/{n}"
        p = lay.para(text, lay.inner, "small", align="center")
        _Cells((0, 0, p)).drawOn(canv, _A4_MARGIN, (_A4_MARGIN - p.h) / 2)

    buf = io.BytesIO()
    frame = Frame(_A4_MARGIN, _A4_MARGIN, lay.inner, page_h - 2 * _A4_MARGIN, 0, 0, 0, 0)
    BaseDocTemplate(
        buf,
        pagesize=A4,
        pageTemplates=[PageTemplate("receipt", [frame], onPage=on_page)],
        title=title,
        author=AUTHOR,
        creator=AUTHOR,
        subject="",
        invariant=1,
        pageCompression=1,
        lang="th",
    ).build(
        [f for b in doc.blocks for f in lay.flowables(b)] or [Spacer(0, 0)],  # >= 1 page
        canvasmaker=functools.partial(_NumberedCanvas, footer=footer),
    )
    return buf.getvalue()


def render_pdf(
    doc: d.Document, page: Page = "roll", title: str = "", stamp: str | None = None
) -> bytes:
    """PDF bytes of doc: one roll-width page exactly as tall as the receipt, or A4 pages.

    The same Document always gives the same bytes (invariant mode, fixed glyph
    codes), so a reprint can be compared with the archived copy.
    """
    if page not in ("roll", "a4"):
        raise ValueError(f"page must be 'roll' or 'a4', not {page!r}")
    return (_roll if page == "roll" else _a4)(doc, title, stamp)


def render_pdf_file(
    doc: d.Document,
    path: str | os.PathLike[str],
    *,
    page: Page = "roll",
    title: str = "",
    stamp: str | None = None,
) -> Path:
    """render_pdf() into path atomically: readers never see half a file."""
    return write_atomic(path, render_pdf(doc, page, title, stamp))
