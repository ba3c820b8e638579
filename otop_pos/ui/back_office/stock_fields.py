"""Form pieces the intake, stock and count tabs share: a producer picker, rows, boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from otop_pos.domain.catalogue.units import is_measured, unit_text
from otop_pos.operations.consignment import statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets import forms


# Shared by the intake, stock and count tabs -----------------------------------
def producer_combo(session: Session, name: str, everyone: str = "") -> QComboBox:
    """Producers as 'P01 name'; typing any part of the code or name narrows the list."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(tr("sk_producer"))
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumWidth(340)
    combo.setMinimumHeight(40)
    if everyone:
        combo.addItem(everyone, "")
    try:
        rows = statements.producer_rows(session)
    except OperationError:
        rows = []
    for r in rows:
        text = f"{r['code']} {r['name']}" + ("" if r["active"] else f" ({tr('sk_inactive')})")
        combo.addItem(text, str(r["code"]))
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCurrentIndex(0 if everyone else -1)
    return combo


def picked_code(combo: QComboBox) -> str:
    """The producer code chosen or typed ('' for everyone or nothing)."""
    text = combo.currentText().strip()
    i = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if i >= 0:
        return str(combo.itemData(i) or "")
    return text.split()[0] if text else ""


def set_picked(combo: QComboBox, code: str) -> None:
    for i in range(combo.count()):
        if str(combo.itemData(i) or "").upper() == code.strip().upper():
            combo.setCurrentIndex(i)
            return
    combo.setCurrentIndex(-1)
    combo.setEditText(code)


def hrow(*parts: QWidget | tuple[QWidget, int] | None) -> QHBoxLayout:
    """A row of widgets; (widget, stretch) stretches it, None is a stretch."""
    row = QHBoxLayout()
    for part in parts:
        if part is None:
            row.addStretch(1)
        elif isinstance(part, tuple):
            row.addWidget(*part)
        else:
            row.addWidget(part)
    return row


def line_box(name: str, key: str, hint: str = "") -> QLineEdit:
    """A text box named for tests and screen readers; retyping clears its red mark."""
    box = QLineEdit()
    box.setObjectName(name)
    box.setAccessibleName(tr(key))
    box.setPlaceholderText(tr(hint or key))
    box.setMinimumHeight(44)
    box.textChanged.connect(lambda: forms.mark_box(box, False))
    return box


def check_box(key: str, name: str, checked: bool = False) -> QCheckBox:
    box = QCheckBox(tr(key))
    box.setObjectName(name)
    box.setChecked(checked)
    return box


def named(name: str, unit: str) -> str:
    """A product's name in a stock table; a weighed one says its unit ('… [กก.]')."""
    return f"{name} [{unit_text(unit, language())}]" if is_measured(unit) else name
