"""The weight of a product sold by weight or measure: typed, or tapped on the keypad.

Opened when such a product is scanned or picked without a quantity (and by
F4 on its line). The cashier types kilograms with a decimal point (0.450)
or switches to grams (450); '450 g' or '0.45 กก.' work in either mode. The
amount the weight makes shows as it is typed, so a 45 kg slip is seen
before Enter; the operation reads the text again when the line is added.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.catalogue.units import (
    MAX_TYPED,
    SMALL_EN,
    SMALL_TH,
    QuantityError,
    amount_for,
    parse_quantity,
    qty_number,
    qty_text,
    unit_of,
    unit_text,
)
from otop_pos.domain.selling.cart import ProductRef
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import action_row, mark_box, message_label, say, title_label

KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "⌫")
STYLE = """
QLineEdit#weightInput { font-size: 36px; padding: 8px; }
QPushButton { font-size: 24px; }
QPushButton:checked { background: #1f6feb; color: white; font-weight: bold; }
"""
_KEY_NAMES = {".": "Dot", "⌫": "Back"}


class WeightDialog(QDialog):
    """Ask one product's weight; ``text`` and ``small`` (grams mode) once accepted."""

    def __init__(self, product: ProductRef, parent: QWidget, qty: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one dialog per weighing
        self.setWindowTitle(tr("weigh_title"))
        self.setStyleSheet(STYLE)  # by name: mark_box() replaces the box's own style sheet
        self.product = product
        self.unit = unit_of(product.unit)
        lang = language()
        name = product.name_en if lang == "en" and product.name_en else product.name_th
        per = unit_text(self.unit, lang)
        price = QLabel(tr("weigh_price", price=product.unit_price.format(), unit=per))
        price.setObjectName("weightPrice")
        price.setStyleSheet("font-size: 20px;")

        self.input = QLineEdit()
        self.input.setObjectName("weightInput")
        self.input.setAccessibleName(tr("weigh_title"))
        self.input.setMaxLength(MAX_TYPED)  # the parser refuses longer text before reading it
        self.input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.input.setPlaceholderText("0.000")
        self.input.setMinimumHeight(72)
        if qty is not None:
            self.input.setText(qty_number(qty, self.unit, grouping=False))
        self.input.textChanged.connect(lambda _t: self._preview())
        self.input.returnPressed.connect(self.try_accept)

        small = (SMALL_EN if lang == "en" else SMALL_TH)[self.unit]
        self.big_button = self._mode(per, "weightUnitBig")
        self.small_button = self._mode(small, "weightUnitSmall")
        self.big_button.setChecked(True)
        modes = QButtonGroup(self)
        modes.setExclusive(True)
        for b in (self.big_button, self.small_button):
            modes.addButton(b)
            b.toggled.connect(lambda _on: self._preview())
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.input, 1)
        mode_row.addWidget(self.big_button)
        mode_row.addWidget(self.small_button)

        self.amount = QLabel(" ")
        self.amount.setObjectName("weightAmount")
        self.amount.setStyleSheet("font-size: 24px; font-weight: bold; color: #0b3d91;")
        self.message = message_label("weightMessage")
        hint = QLabel(tr("weigh_hint", small=small))
        hint.setWordWrap(True)

        keypad = QGridLayout()
        for i, key in enumerate(KEYS):
            keypad.addWidget(self._key(key), i // 3, i % 3)
        clear = self._button(tr("weigh_clear"), "weightKeyClear", self.input.clear)
        keypad.addWidget(clear, len(KEYS) // 3, 0, 1, 3)
        actions, self.ok_button, _cancel = action_row(
            self, tr("weigh_ok"), "weightOk", self.try_accept
        )

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(name))
        layout.addWidget(price)
        layout.addLayout(mode_row)
        layout.addWidget(self.amount)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addLayout(keypad)
        layout.addLayout(actions)
        self.setMinimumWidth(520)
        self._preview()
        self.input.setFocus()
        self.input.selectAll()

    # the parts -------------------------------------------------------------
    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the box keeps the keyboard
        button.setMinimumHeight(60)
        button.clicked.connect(lambda _=False: slot())  # type: ignore[operator]
        return button

    def _key(self, key: str) -> QPushButton:
        def press() -> None:
            if key == "⌫":
                self.input.backspace()
            else:
                self.input.insert(key)

        return self._button(key, f"weightKey{_KEY_NAMES.get(key, key)}", press)

    def _mode(self, text: str, name: str) -> QPushButton:
        button = self._button(text, name, lambda: None)
        button.setCheckable(True)
        button.setMinimumWidth(96)
        return button

    # reading ---------------------------------------------------------------
    @property
    def small(self) -> bool:
        """Grams mode: a bare number is thousandths of the unit."""
        return self.small_button.isChecked()

    def text(self) -> str:
        return self.input.text()

    def _read(self) -> int:
        return parse_quantity(self.text(), self.unit, field="weight", small=self.small)

    def _preview(self) -> None:
        """The line's amount as it would be added, or nothing while the text is no weight."""
        mark_box(self.input, False)
        self.message.setText("")
        try:
            qty = self._read()
        except QuantityError:
            self.amount.setText(" ")
            return
        amount = amount_for(self.product.unit_price, qty, self.unit)
        self.amount.setText(
            tr(
                "weigh_amount",
                qty=qty_text(qty, self.unit, language()),
                price=self.product.unit_price.format(),
                amount=amount.format(),
            )
        )

    def try_accept(self) -> None:
        """Accept a readable weight; otherwise say why beside the box and keep the text."""
        try:
            self._read()
        except QuantityError as exc:
            say(self.message, exc.message(language()), error=True)
            mark_box(self.input, True)
            self.input.setFocus()
            return
        self.accept()
