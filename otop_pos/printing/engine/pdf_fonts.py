"""Sarabun for reportlab, registered once per process.

Thai in a PDF is only correct when reportlab shapes it with uharfbuzz, which
happens for text inside a Paragraph whose style has ``shaping=1``; plain
``drawString`` does not shape, so PDF code draws Thai through Paragraphs.
"""

from __future__ import annotations

import threading

from otop_pos.printing.engine.fonts import sarabun_path

REGULAR = "Sarabun"
BOLD = "Sarabun-Bold"

_lock = threading.Lock()
_done = False


def register_pdf_fonts() -> tuple[str, str]:
    """Register Sarabun Regular and Bold (and the family) with reportlab; return their names."""
    global _done
    with _lock:
        if not _done:
            from reportlab.lib.fonts import addMapping
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont(REGULAR, str(sarabun_path("Regular"))))
            pdfmetrics.registerFont(TTFont(BOLD, str(sarabun_path("Bold"))))
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _done = True
    return REGULAR, BOLD
