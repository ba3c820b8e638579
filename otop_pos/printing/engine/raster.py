"""Render a Document to a 1-bit image for a thermal printer.

Qt shapes the Thai text (HarfBuzz) so tone marks and vowels stack correctly,
which most printers' own Thai text modes get wrong. Layout is measured first,
then painted onto an image of exactly the height needed.
"""

from __future__ import annotations

import math
import os
import sys

from PIL import Image
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)

from otop_pos.printing.engine.codes import Painter, code128_block, qr_block
from otop_pos.printing.engine.document import (
    WIDTH_80MM,
    Barcode128,
    Block,
    Document,
    ItemLine,
    QRCode,
    Row,
    Rule,
    Size,
    Spacer,
    Text,
)
from otop_pos.printing.engine.fonts import register_qt_fonts
from otop_pos.printing.engine.qtcompat import protect_none

protect_none()  # before any QPainter call; see qtcompat

# Pixel sizes on 80 mm paper (203 dpi); ~24 dots matches the printers' own font A.
_PIXEL_SIZE: dict[Size, int] = {"small": 21, "normal": 24, "large": 32, "xlarge": 44}
_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}
# Worst cases for the line box: stacked upper marks, lower vowels, deep ones.
_UPPER_PROBE = "ปิ๋ฟื้ที่น้ำเตี๋ยวฝั่งสิ้นÉ"
_LOWER_PROBE = "กุกูตู้ญูฐูgjy"
_DEEP_PROBE = "ฎุฏูฎูฏุ"
INK_THRESHOLD = 170
"""Grey levels below this print black; above 128 thickens thin strokes a bit."""

_app: QGuiApplication | None = None


def ensure_qt_app() -> QGuiApplication:
    """Return the running QGuiApplication, creating a headless one if none exists."""
    global _app
    app = QGuiApplication.instance()
    if app is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = app = QGuiApplication(["otop-pos-printing"])
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("printing needs a QGuiApplication, not a bare QCoreApplication")
    return app


class _Layout:
    """Turns blocks into (height, painter) pairs for one paper width."""

    def __init__(self, width: int) -> None:
        self.width = width
        # 58 mm printers use the same dot size, so shrink only a little there.
        self.scale = min(1.0, max(0.8, width / WIDTH_80MM))
        self.margin = round(4 * self.scale)
        self.inner = width - 2 * self.margin
        self.gap = round(14 * self.scale)
        self.pad = max(2, round(3 * self.scale))
        self.family = register_qt_fonts()
        self._fonts: dict[tuple[Size, bool], QFont] = {}
        self._metrics: dict[str, tuple[float, float, float]] = {}
        self.tail = 0.0

    def font(self, size: Size, bold: bool) -> QFont:
        key = (size, bold)
        if key not in self._fonts:
            f = QFont(self.family)
            f.setPixelSize(round(_PIXEL_SIZE[size] * self.scale))
            f.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            # Full hinting squashes stacked Thai marks at small sizes.
            f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = f
        return self._fonts[key]

    def line_metrics(self, font: QFont) -> tuple[float, float, float]:
        """(top offset, step, tail) of text lines with room for stacked Thai marks.

        Sarabun's ascent/descent do not cover a tone mark over an upper vowel
        (ปิ๋) nor a lower vowel (กุ), so we measure such stacks. The rare deep
        ones (ฎุ ฏู, almost never used) only get room at the bottom of the
        receipt (``tail``): reserving it on every line would waste paper.
        """
        key = font.key()
        if key not in self._metrics:
            fm = QFontMetricsF(font)
            above = max(fm.ascent(), -fm.tightBoundingRect(_UPPER_PROBE).top())
            below = max(fm.descent(), fm.tightBoundingRect(_LOWER_PROBE).bottom())
            deep = fm.tightBoundingRect(_DEEP_PROBE).bottom()
            step = math.ceil(above + below + max(fm.leading(), 0.0)) + self.pad
            offset = above - fm.ascent() + self.pad / 2
            tail = math.ceil(max(0.0, deep - below))
            self._metrics[key] = (offset, step, tail)
            self.tail = max(self.tail, tail)
        return self._metrics[key]

    def text(self, text: str, font: QFont, width: float, align: str) -> tuple[QTextLayout, float]:
        """Wrap text (Thai at word boundaries, else anywhere) so nothing is cut off."""
        layout = QTextLayout(text, font)
        option = QTextOption(_ALIGN[align])
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        offset, step, _tail = self.line_metrics(font)
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y + offset))
            y += step
        layout.endLayout()
        return layout, max(y, step)

    # blocks ----------------------------------------------------------------
    def place(self, block: Block) -> tuple[float, Painter]:
        if isinstance(block, Text):
            f = self.font(block.size, block.bold)
            lay, h = self.text(block.text, f, self.inner, block.align)
            return h, lambda p, y: lay.draw(p, QPointF(self.margin, y))
        if isinstance(block, Row):
            return self._columns(
                "", block.left, block.right, None, self.font(block.size, block.bold)
            )
        if isinstance(block, ItemLine):
            return self._columns(
                block.qty_text,
                block.name,
                block.amount_text,
                block.detail,
                self.font("normal", False),
            )
        if isinstance(block, Rule):
            return self._rule(block.char)
        if isinstance(block, Spacer):
            return float(block.dots), lambda p, y: None
        if isinstance(block, QRCode):
            return qr_block(block.data, block.size_mm, self.width, self.inner)
        if isinstance(block, Barcode128):
            return self._barcode(block.data)
        raise TypeError(f"unknown block {block!r}")

    def _columns(
        self, qty: str, name: str, right: str, detail: str | None, font: QFont
    ) -> tuple[float, Painter]:
        """[qty] name (wraps) ... right; the right text sits on the first line."""
        fm = QFontMetricsF(font)
        qty_w = max(fm.horizontalAdvance("99"), fm.horizontalAdvance(qty)) + 1 if qty else 0.0
        name_x = qty_w + (self.gap / 2 if qty else 0.0)
        right_w = math.ceil(fm.horizontalAdvance(right)) + 1
        name_w = self.inner - name_x - right_w - self.gap
        right_below = name_w < self.inner * 0.35  # very long amount: own line
        if right_below:
            name_w = self.inner - name_x
        qty_lay, _ = self.text(qty, font, qty_w, "right")
        name_lay, h = self.text(name, font, name_w, "left")
        right_lay, right_h = self.text(right, font, self.inner, "right")
        right_dy = h if right_below else 0.0
        h = max(h, right_dy + right_h)
        det_lay, det_h, det_dy = None, 0.0, h
        if detail:
            det_lay, det_h = self.text(
                detail, self.font("small", False), self.inner - name_x, "left"
            )
        total = h + det_h

        def paint(p: QPainter, y: float) -> None:
            x = self.margin
            if qty:
                qty_lay.draw(p, QPointF(x, y))
            name_lay.draw(p, QPointF(x + name_x, y))
            right_lay.draw(p, QPointF(x, y + right_dy))
            if det_lay is not None:
                det_lay.draw(p, QPointF(x + name_x, y + det_dy))

        return total, paint

    def _rule(self, char: str) -> tuple[float, Painter]:
        thick = max(1, round(2 * self.scale))
        space = round(8 * self.scale)
        height = 2 * space + (thick * 3 if char == "=" else thick)

        def paint(p: QPainter, y: float) -> None:
            top = y + space
            if char == "=":
                p.fillRect(QRectF(self.margin, top, self.inner, thick), Qt.GlobalColor.black)
                p.fillRect(
                    QRectF(self.margin, top + 2 * thick, self.inner, thick), Qt.GlobalColor.black
                )
                return
            dash, step = 8, 12
            x = float(self.margin)
            while x < self.margin + self.inner:
                w = min(dash, self.margin + self.inner - x)
                p.fillRect(QRectF(x, top, w, thick), Qt.GlobalColor.black)
                x += step

        return float(height), paint

    def _barcode(self, data: str) -> tuple[float, Painter]:
        bar_h, bars = code128_block(data, self.width, self.inner, round(64 * self.scale))
        lay, text_h = self.text(data, self.font("small", False), self.inner, "center")

        def paint(p: QPainter, y: float) -> None:
            bars(p, y)
            lay.draw(p, QPointF(self.margin, y + bar_h))

        return bar_h + text_h, paint


def render(doc: Document) -> QImage:
    """Paint the document at doc.width_dots wide and return a 1-bit QImage."""
    ensure_qt_app()
    lay = _Layout(doc.width_dots)
    placed = [lay.place(b) for b in doc.blocks]
    top, bottom = 8, 8 + lay.tail
    height = max(1, math.ceil(top + sum(h for h, _ in placed) + bottom))
    img = QImage(doc.width_dots, height, QImage.Format.Format_Grayscale8)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setPen(QPen(Qt.GlobalColor.black))
        y = float(top)
        for h, paint in placed:
            paint(painter, y)
            y += h
    finally:
        painter.end()
    return _to_mono(img, INK_THRESHOLD)


def _gray_to_pil(img: QImage) -> Image.Image:
    gray = img.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())[: stride * h]
    return Image.frombuffer("L", (w, h), data, "raw", "L", stride, 1)


def _to_mono(gray: QImage, threshold: int) -> QImage:
    """Plain threshold, no dithering: dithered text edges print fuzzy on a thermal head.

    Levels are snapped to 0/255 in place first, so Qt's fixed threshold (128)
    then applies ours.
    """
    table = bytes(0 if v < threshold else 255 for v in range(256))
    size = gray.sizeInBytes()
    bits = gray.bits()
    bits[:size] = bytes(bits[:size]).translate(table)
    del bits
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.MonoOnly
    return gray.convertToFormat(QImage.Format.Format_Mono, flags)


def to_pil(img: QImage) -> Image.Image:
    """Convert a rendered QImage to a PIL image in mode '1' (what escpos expects)."""
    return _gray_to_pil(img).convert("1", dither=Image.Dither.NONE)


def render_pil(doc: Document) -> Image.Image:
    """render() then to_pil(): the form printers and the UI preview use."""
    return to_pil(render(doc))
