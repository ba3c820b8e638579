"""QR and Code 128 symbols painted as solid modules inside the raster image.

We paint the modules ourselves (rather than let the printer draw them) so the
codes come out identically on every printer model. The module patterns come
from qrcode and python-barcode, both python-escpos dependencies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

Painter = Callable[[QPainter, float], None]
"""Paints a placed block with its top at the given y."""

DOTS_PER_MM = 8.0  # 203 dpi


def qr_matrix(data: str, border: int = 4) -> list[list[bool]]:
    """Rows of dark (True) / light modules, including the quiet-zone border."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(border=border, error_correction=ERROR_CORRECT_M)
    qr.add_data(data)
    qr.make(fit=True)
    return [[bool(cell) for cell in row] for row in qr.get_matrix()]


def code128_modules(data: str) -> str:
    """Bar pattern as '1' (bar) / '0' (space) modules, without quiet zones.

    python-barcode picks code sets B/C itself, which keeps digit runs short.
    """
    from barcode.codex import Code128

    return "".join(Code128(data).build())


def dark_runs(cells: Iterable[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark cells: one rectangle per run."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, dark in enumerate([*cells, False]):
        if dark and start is None:
            start = i
        elif not dark and start is not None:
            runs.append((start, i - start))
            start = None
    return runs


def qr_block(data: str, size_mm: float, width: int, inner: int) -> tuple[float, Painter]:
    """A QR code centred on the paper, about size_mm wide but never wider than inner."""
    matrix = qr_matrix(data)
    n = len(matrix)
    module = max(2, int(min(size_mm * DOTS_PER_MM, inner) // n))
    left = (width - module * n) // 2
    rows = [dark_runs(row) for row in matrix]

    def paint(p: QPainter, y: float) -> None:
        top = round(y)
        for r, runs in enumerate(rows):
            for start, length in runs:
                x, row_y = left + start * module, top + r * module
                p.fillRect(x, row_y, length * module, module, Qt.GlobalColor.black)

    return float(module * n), paint


def code128_block(data: str, width: int, inner: int, bar_height: int) -> tuple[float, Painter]:
    """Code 128 bars centred on the paper with a 10-module quiet zone each side."""
    bars = code128_modules(data)
    module = max(1, min(3, inner // (len(bars) + 20)))
    left = (width - module * len(bars)) // 2
    runs = dark_runs(bit == "1" for bit in bars)

    def paint(p: QPainter, y: float) -> None:
        top = round(y)
        for start, length in runs:
            p.fillRect(
                left + start * module, top, length * module, bar_height, Qt.GlobalColor.black
            )

    return float(bar_height), paint
