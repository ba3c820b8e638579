"""The producer edit dialog, the producer PIN dialog, and the form base both forms share.

Boxes are keyed by the operation's own field names, so a FieldError's
``field`` finds the box it is about: the Thai reason appears right under that
box, the box turns red and takes the focus, and what was typed stays. The
operation checks everything; these dialogs only collect text and show refusals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations.catalogue import producers
from otop_pos.operations.errors import FieldError, OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import TEXTS, language, tr
from otop_pos.ui.widgets.forms import (
    BOX_HEIGHT,
    ERROR_TEXT,
    action_row,
    focus_box,
    mark_box,
    message_label,
    say,
    title_label,
)


def text_or(key: str, fallback: str) -> str:
    """The screen text for ``key``, or the operation's own (Thai) text if we have none."""
    return tr(key) if key in TEXTS else fallback


class EditForm(QDialog):
    """A dialog of boxes named ``<prefix>_<field>``, each with an error line under it."""

    def __init__(self, session: Session, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.prefix = prefix
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.message = message_label(f"{prefix}FormMessage")
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

    # building --------------------------------------------------------------
    def _named(self, widget: QWidget, key: str, label: str) -> QWidget:
        widget.setObjectName(f"{self.prefix}_{key}")
        widget.setAccessibleName(label)
        widget.setMinimumHeight(BOX_HEIGHT)
        self.widgets[key] = widget
        return widget

    def line(self, key: str, label: str, hint: str = "") -> QLineEdit:
        box = QLineEdit()
        box.setPlaceholderText(hint)
        box.returnPressed.connect(self.save)  # keyboard-first: Enter saves from any box
        box.textEdited.connect(lambda _t, k=key: self.clear_error(k))
        self._named(box, key, label)
        return box

    def combo(self, key: str, label: str, items: Iterable[tuple[str, str]]) -> QComboBox:
        """A pick list; each item is (shown text, value sent to the operation)."""
        box = QComboBox()
        for text, value in items:
            box.addItem(text, value)
        box.currentIndexChanged.connect(lambda _i, k=key: self.clear_error(k))
        self._named(box, key, label)
        return box

    def check(self, key: str, label: str) -> QCheckBox:
        box = QCheckBox(label)
        self._named(box, key, label)
        return box

    def add_row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        """The box with its (hidden until needed) error line under it."""
        error = QLabel("")
        error.setObjectName(f"{self.prefix}_{key}_error")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_TEXT)
        error.hide()
        self.errors[key] = error
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel("" if isinstance(widget, QCheckBox) else label)
        caption.setBuddy(widget)
        form.addRow(caption, cell)

    def section(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, widget in rows:
            self.add_row(form, key, label, widget)
        return group

    # values ----------------------------------------------------------------
    def values(self) -> dict[str, str]:
        """Every box as the text the operation reads (checkboxes as '1'/'0')."""
        found: dict[str, str] = {}
        for key, w in self.widgets.items():
            if isinstance(w, QLineEdit):
                found[key] = w.text()
            elif isinstance(w, QComboBox):
                found[key] = str(w.currentData() if w.currentData() is not None else "")
            elif isinstance(w, QCheckBox):
                found[key] = "1" if w.isChecked() else "0"
        return found

    def set_values(self, values: Mapping[str, str]) -> None:
        for key, value in values.items():
            w = self.widgets.get(key)
            if isinstance(w, QLineEdit):
                w.setText(value)
            elif isinstance(w, QComboBox):
                i = w.findData(value)
                if i < 0:  # a stored value the list does not offer stays selectable
                    w.addItem(value, value)
                    i = w.count() - 1
                w.setCurrentIndex(i)
            elif isinstance(w, QCheckBox):
                w.setChecked(value == "1")

    # refusals --------------------------------------------------------------
    def clear_error(self, key: str) -> None:
        error = self.errors.get(key)
        if error is not None and error.text():
            error.setText("")
            error.hide()
            mark_box(self.widgets[key], False)

    def clear_errors(self) -> None:
        for key in self.errors:
            self.clear_error(key)
        self.message.setText("")

    def show_refusal(self, exc: OperationError) -> None:
        """The reason beside the box it names (red, focused, text kept), else under the form."""
        text = user_message(exc, language())
        key = getattr(exc, "field", "")
        if key in self.widgets:
            self.errors[key].setText(text)
            self.errors[key].show()
            self._fit()
            mark_box(self.widgets[key], True)
            focus_box(self.widgets[key])
        else:
            say(self.message, text, error=True)

    def _fit(self) -> None:
        """Grow to fit an error line just shown (a shown dialog does not grow by itself)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            need = layout.totalHeightForWidth(self.width())
            if need < 0:
                need = self.sizeHint().height()
            if need > self.height():
                self.resize(self.width(), need)

    def save(self) -> None:  # pragma: no cover - each form has its own
        raise NotImplementedError


class ProducerForm(EditForm):
    """Add a producer (``code=None``) or edit one; saving closes the dialog."""

    saved = Signal(str)  # the producer's code

    def __init__(self, session: Session, code: str | None = None, parent: QWidget | None = None):
        super().__init__(session, "producer", parent)
        self.setObjectName("producerForm")
        self.is_new = code is None
        self.code = code or ""
        title = tr("pd_title_new") if self.is_new else tr("pd_title_edit", code=code)
        self.setWindowTitle(title)
        types = [(text_or(f"pd_type_{k}", th), k) for k, th in producers.TYPES.items()]

        def f(key: str) -> str:
            return tr(f"pd_f_{key}")

        left = self.section(tr("pd_sec_producer"), [
            ("code", f("code"), self.line("code", f("code"), tr("pd_hint_code"))),
            ("name", f("name"), self.line("name", f("name"))),
            ("type", f("type"), self.combo("type", f("type"), types)),
            ("district", f("district"), self.line("district", f("district"))),
            ("province", f("province"), self.line("province", f("province"))),
            ("contact", f("contact"), self.line("contact", f("contact"))),
            ("commission_percent", f("commission_percent"), self.line(
                "commission_percent", f("commission_percent"), tr("pd_hint_commission"))),
            ("active", f("active"), self.check("active", f("active"))),
        ])  # fmt: skip
        right = self.section(tr("pd_sec_payout"), [
            ("reg_no", f("reg_no"), self.line("reg_no", f("reg_no"))),
            ("tax_id", f("tax_id"), self.line("tax_id", f("tax_id"), tr("pd_hint_tax_id"))),
            ("vat_registered", f("vat_registered"),
             self.check("vat_registered", f("vat_registered"))),
            ("bank_name", f("bank_name"), self.line("bank_name", f("bank_name"))),
            ("bank_account", f("bank_account"), self.line("bank_account", f("bank_account"))),
            ("account_name", f("account_name"), self.line("account_name", f("account_name"))),
            ("promptpay_id", f("promptpay_id"),
             self.line("promptpay_id", f("promptpay_id"), tr("pd_hint_promptpay"))),
        ])  # fmt: skip
        columns = QHBoxLayout()
        columns.addWidget(left, 1)
        columns.addWidget(right, 1)
        actions, self.ok_button, self.cancel_button = action_row(
            self, tr("pd_save"), "producerFormOk", self.save
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(title))
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumWidth(980)
        self._load()

    def _load(self) -> None:
        if self.is_new:
            self.set_values({"active": "1", "vat_registered": "0"})
            focus_box(self.widgets["code"])
            return
        try:
            self.set_values(producers.producer_detail(self.session, self.code))
        except OperationError as exc:
            self.show_refusal(exc)
            self.ok_button.setEnabled(False)
            return
        code_box = self.widgets["code"]
        assert isinstance(code_box, QLineEdit)
        code_box.setReadOnly(True)  # the code is the key other records use
        focus_box(self.widgets["name"])

    def save(self) -> None:
        """Save through the operation; a refusal stays in the dialog and writes nothing."""
        self.clear_errors()
        values = self.values()
        try:
            self.code = producers.save_producer(self.session, values, new=self.is_new)
        except OperationError as exc:
            self.show_refusal(exc)
            return
        self.saved.emit(self.code)
        self.accept()


class ProducerPinDialog(EditForm):
    """The producer's self-service PIN, typed twice; it is stored hashed, never shown."""

    pin_set = Signal(str)  # the producer's code

    def __init__(self, session: Session, code: str, name: str = "", parent: QWidget | None = None):
        super().__init__(session, "producerPin", parent)
        self.setObjectName("producerPinDialog")
        self.code = code
        title = tr("pd_pin_title", code=code, name=name)
        self.setWindowTitle(title)
        first = self.line("pin", tr("pd_pin_first"))
        second = self.line("pin_again", tr("pd_pin_second"))
        for box in (first, second):
            box.setEchoMode(QLineEdit.EchoMode.Password)
            box.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            box.setMaxLength(8)
        first.returnPressed.disconnect()
        first.returnPressed.connect(lambda: focus_box(second))
        form = QFormLayout()
        self.add_row(form, "pin", tr("pd_pin_first"), first)
        self.add_row(form, "pin_again", tr("pd_pin_second"), second)
        hint = QLabel(tr("pd_pin_hint"))
        hint.setWordWrap(True)
        actions, self.ok_button, _cancel = action_row(
            self, tr("pd_pin_ok"), "producerPinOk", self.save
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(title))
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumWidth(520)
        focus_box(first)

    def save(self) -> None:
        self.clear_errors()
        values = self.values()
        try:
            if values["pin"] != values["pin_again"]:
                raise FieldError(tr("pd_pin_mismatch"), "The PINs differ.", "pin_again")
            producers.set_producer_pin(self.session, self.code, values["pin"])
        except OperationError as exc:
            self.show_refusal(exc)
            return
        self.pin_set.emit(self.code)
        self.accept()
