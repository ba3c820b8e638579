"""The bundled Sarabun font (OFL, from the fontpkg-sarabun wheel).

Receipts and PDFs must look the same on every till, so we never fall back to
whatever Thai font the operating system happens to have.
"""

from __future__ import annotations

import threading
from pathlib import Path

from otop_pos.printing.engine.qtcompat import protect_none

FAMILY = "Sarabun"
QT_WEIGHTS = ("Regular", "Bold", "SemiBold")

_lock = threading.Lock()
_qt_family: str | None = None


def fonts_dir() -> Path:
    """Folder holding the Sarabun TTFs inside the installed wheel."""
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.ROOT) / "files"


def sarabun_path(weight: str = "Regular") -> Path:
    """Path of one Sarabun TTF, e.g. ``sarabun_path('Bold')`` (used by reportlab)."""
    if not weight or not weight.replace("Italic", "").isalpha():
        raise ValueError(f"unknown Sarabun weight: {weight!r}")
    path = fonts_dir() / f"Sarabun-{weight}.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"Sarabun weight {weight!r} is not bundled: {path}")
    return path


def register_qt_fonts() -> str:
    """Add Sarabun Regular/Bold/SemiBold to Qt once and return the family name.

    Needs a QGuiApplication: Qt's font database does not exist without one.
    """
    global _qt_family
    protect_none()  # the UI calls this first; see qtcompat
    with _lock:
        if _qt_family is not None:
            return _qt_family
        from PySide6.QtGui import QFontDatabase, QGuiApplication

        if QGuiApplication.instance() is None:
            raise RuntimeError("register_qt_fonts() needs a QGuiApplication")
        family = FAMILY
        for weight in QT_WEIGHTS:
            font_id = QFontDatabase.addApplicationFont(str(sarabun_path(weight)))
            if font_id < 0:
                raise RuntimeError(f"Qt could not load Sarabun-{weight}.ttf")
            if weight == "Regular":
                family = QFontDatabase.applicationFontFamilies(font_id)[0]
        _qt_family = family
        return family
