"""The look of the till: the bundled Sarabun font (never system fonts) and big targets."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from otop_pos.printing.engine.fonts import register_qt_fonts

STYLE = """
QWidget { font-family: "Sarabun"; font-size: 16px; }
QLineEdit { padding: 6px; border: 2px solid #9aa5b1; border-radius: 6px; background: white; }
QLineEdit:focus { border-color: #1f6feb; }
QLineEdit#barcodeInput { font-size: 24px; }
QPushButton { padding: 8px 12px; border-radius: 6px; background: #e8edf2; border: 1px solid #b8c2cc; }
QPushButton:focus { border: 2px solid #1f6feb; }
QPushButton#payButton { background: #1a7f37; color: white; font-size: 22px; font-weight: bold; }
QPushButton[class="quickKey"] { background: #fff4d6; min-height: 52px; font-size: 14px; padding: 2px; }
QLabel#totalLabel { font-size: 56px; font-weight: bold; color: #0b3d91; }
QLabel#changeLabel, QLabel#lastChangeLabel { font-size: 40px; font-weight: bold; color: #1a7f37; }
QLabel#messageLabel[level="error"] { background: #ffe1e1; color: #a40e26; padding: 6px; border-radius: 6px; }
QLabel#messageLabel[level="info"] { background: #e6f4ea; color: #1a5d2b; padding: 6px; border-radius: 6px; }
QLabel#notPrintedLabel { background: #fff0c2; color: #7a4b00; padding: 6px; font-weight: bold; }
QTableView { font-size: 18px; gridline-color: #d0d7de; }
QListWidget::item { padding: 6px; }
QHeaderView::section { font-weight: bold; padding: 4px; }
"""


def apply_theme(app: QApplication) -> None:
    family = register_qt_fonts()
    font = QFont(family)
    font.setPixelSize(16)
    app.setFont(font)
    app.setStyleSheet(STYLE)
