"""The producers' kiosk door: their code and PIN, by touch or keyboard.

The operation counts wrong PINs and locks the producer after five; this
screen only shows what it says. The PIN box is cleared after every try, so
the next person at the kiosk never finds one typed in.
"""

from __future__ import annotations

import string

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations.consignment import producer_view
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.forms import BAD_BOX, OK_STYLE, focus_box, refusal_text, say

KEY_STYLE = "font-size: 30px; font-weight: bold; min-height: 72px; min-width: 96px;"
LETTER_STYLE = "font-size: 22px; font-weight: bold; min-height: 60px; min-width: 60px;"
FIELD_STYLE = "font-size: 34px; padding: 8px; min-height: 64px;"


def mark(box: QLineEdit, bad: bool) -> None:
    """Red when a refusal is about this box, keeping the kiosk's big type."""
    box.setStyleSheet(FIELD_STYLE + (BAD_BOX if bad else ""))


def _key(text: str, name: str, style: str = KEY_STYLE) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAccessibleName(text)
    b.setAutoDefault(False)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box
    b.setStyleSheet(style)
    return b


class ProducerLogin(QWidget):
    opened = Signal(object)  # the ProducerAccess
    cancelled = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("producerLogin")
        self.session = session
        self.code = self._field("producerCode", tr("pv_code"))
        self.code.setMaxLength(20)
        self.pin = self._field("producerPin", tr("pv_pin"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.code.returnPressed.connect(lambda: self.go(self.pin))
        self.pin.returnPressed.connect(self.submit)
        self.target = self.code
        self.message = QLabel(tr("pv_login_hint"))
        self.message.setObjectName("producerLoginMessage")
        self.message.setAccessibleName(tr("pv_login_title"))
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 22px;")
        self._build()
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Escape"), self, self.cancel, context=context)

    def _field(self, name: str, caption: str) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(name)
        box.setAccessibleName(caption)
        box.setPlaceholderText(caption)
        box.setStyleSheet(FIELD_STYLE)
        box.installEventFilter(self)
        return box

    def _build(self) -> None:
        title = QLabel(tr("pv_login_title"))
        title.setStyleSheet("font-size: 36px; font-weight: bold; color: #0b3d91;")
        fields = QGridLayout()
        for row, (key, box) in enumerate((("pv_code", self.code), ("pv_pin", self.pin))):
            caption = QLabel(tr(key))
            caption.setStyleSheet("font-size: 26px;")
            fields.addWidget(caption, row, 0)
            fields.addWidget(box, row, 1)
        self.pads = QStackedWidget()
        self.pads.setObjectName("producerKeypads")
        self.pads.addWidget(self._digits())
        self.pads.addWidget(self._letters())
        back = _key(
            tr("pv_back"),
            "producerLoginBack",
            "font-size: 24px; min-height: 72px; min-width: 160px;",
        )
        back.clicked.connect(lambda _=False: self.cancel())
        ok = _key(tr("pv_ok"), "producerLoginOk", KEY_STYLE + OK_STYLE)
        ok.clicked.connect(lambda _=False: self.enter())
        actions = QHBoxLayout()
        actions.addWidget(back)
        actions.addWidget(ok, 1)
        form = QVBoxLayout()
        form.addWidget(title)
        form.addLayout(fields)
        form.addWidget(self.message)
        form.addStretch(1)
        form.addLayout(actions)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.setSpacing(40)
        layout.addLayout(form, 3)
        layout.addWidget(self.pads, 2)

    def _digits(self) -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._typing(digit, f"keypad_{digit}"), i // 3, i % 3)
        clear = _key(tr("pv_clear"), "keypad_clear")
        clear.clicked.connect(lambda _=False: self.target.clear())
        grid.addWidget(clear, 3, 0)
        grid.addWidget(self._typing("0", "keypad_0"), 3, 1)
        erase = _key("⌫", "keypad_back")
        erase.setAccessibleName(tr("pv_erase"))
        erase.clicked.connect(lambda _=False: self.target.backspace())
        grid.addWidget(erase, 3, 2)
        letters = _key("ABC", "keypad_letters")
        letters.clicked.connect(lambda _=False: self.pads.setCurrentIndex(1))
        grid.addWidget(letters, 4, 0, 1, 3)
        return pad

    def _letters(self) -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        for i, letter in enumerate(string.ascii_uppercase):
            grid.addWidget(self._typing(letter, f"keypad_{letter}", LETTER_STYLE), i // 5, i % 5)
        digits = _key("123", "keypad_digits", LETTER_STYLE)
        digits.clicked.connect(lambda _=False: self.pads.setCurrentIndex(0))
        grid.addWidget(digits, 5, 1, 1, 4)
        return pad

    def _typing(self, text: str, name: str, style: str = KEY_STYLE) -> QPushButton:
        b = _key(text, name, style)
        b.clicked.connect(lambda _=False: self.press(text))
        return b

    # input ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keypad types into whichever box was touched last."""
        if event.type() == QEvent.Type.FocusIn and watched in (self.code, self.pin):
            self.target = self.pin if watched is self.pin else self.code
            self.pads.setCurrentIndex(0 if watched is self.pin else self.pads.currentIndex())
        return super().eventFilter(watched, event)

    def go(self, box: QLineEdit) -> None:
        """Focus a box and point the keypad at it (a window not yet active gets no FocusIn)."""
        self.target = box
        if box is self.pin:
            self.pads.setCurrentIndex(0)
        focus_box(box)

    def press(self, text: str) -> None:
        self.target.insert(text)
        self.target.setFocus()

    def enter(self) -> None:
        """The on-screen OK: from the code on to the PIN, from the PIN log in."""
        if self.target is self.code and not self.pin.text():
            self.go(self.pin)
        else:
            self.submit()

    def reset(self) -> None:
        self.code.clear()
        self.pin.clear()
        for box in (self.code, self.pin):
            mark(box, False)
        self.message.setText(tr("pv_login_hint"))
        self.message.setStyleSheet("font-size: 22px;")
        self.pads.setCurrentIndex(0)
        self.go(self.code)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.go(self.code)

    def cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def submit(self) -> None:
        code = self.code.text().strip().upper()
        try:
            access = producer_view.producer_login(self.session.store, code, self.pin.text())
        except Exception as exc:  # a wrong PIN, an unknown code, a lock
            self.pin.clear()
            say(self.message, refusal_text(exc), error=True)
            self.message.setStyleSheet(self.message.styleSheet() + "font-size: 22px;")
            mark(self.pin if code else self.code, True)
            self.go(self.pin if code else self.code)
            return
        self.reset()
        self.opened.emit(access)
