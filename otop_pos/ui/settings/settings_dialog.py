"""The manager's settings screen: everything the first-run wizard asked, and the rest.

Grouped on tabs, each a scroll area so it fits a 1024x768 screen. Save
sends only what was changed, all together, to `centre_settings.update`,
which checks every value and saves all or nothing with its audit entry; a
refusal is shown under the box it is about, on its tab, in Thai, and what
was typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.money import Money
from otop_pos.operations import centre_settings
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.settings.printer_page import PrinterPage
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import (
    BOX_HEIGHT,
    ERROR_TEXT,
    OK_STYLE,
    big_button,
    focus_box,
    mark_box,
    message_label,
    refusal_text,
    say,
    title_label,
)


@dataclass(frozen=True)
class Spec:
    key: str  # as centre_settings.update takes it
    kind: str = "text"  # text | lines | flag | choice | baht | number | folder | file
    choices: tuple[str, ...] = ()


TABS: tuple[tuple[str, tuple[Spec, ...]], ...] = (
    ("centre", (
        Spec("centre_name"), Spec("centre_name_en"), Spec("tax_id"), Spec("branch"),
        Spec("vat_registered", "flag"), Spec("pos_id"), Spec("terminal_id"),
        Spec("invoice_prefix"), Spec("lang", "choice", ("th", "en")),
    )),
    ("address", (
        Spec("address", "lines"), Spec("building_number"), Spec("street"),
        Spec("province_code", "number"), Spec("district_code", "number"),
        Spec("sub_district_code", "number"), Spec("postcode", "number"),
    )),
    ("receipt", (
        Spec("receipt_header", "lines"), Spec("receipt_footer", "lines"),
        Spec("cash_rounding", "choice", ("none", "quarter", "baht")),
        Spec("documents_dir", "folder"), Spec("etax_p12_path", "file"), Spec("scale_labels"),
        Spec("backup_dir2", "folder"),
    )),
    ("selling", (
        Spec("discount_limit_percent", "number"), Spec("confirm_line", "baht"),
        Spec("require_shift", "flag"), Spec("blind_close", "flag"), Spec("promptpay_id"),
        Spec("copay_scheme"), Spec("copay_percent", "number"), Spec("copay_cap", "baht"),
        Spec("copay_odd_satang", "choice", ("customer", "government")),
    )),
)  # fmt: skip
CHOICE_TEXT = {"lang": "st_lang_", "cash_rounding": "st_round_", "copay_odd_satang": "st_odd_"}
PRINTER_FIELDS = ("printer_uri", "paper_dots", "network_address")


def stored_text(settings: Any, spec: Spec) -> str:
    """What the box shows for a setting: baht for the amounts kept in satang."""
    name = centre_settings.RENAMED.get(spec.key, spec.key)
    value = getattr(settings, name)
    if spec.kind == "baht":
        return Money(int(value)).format()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class SettingsDialog(QDialog):
    saved = Signal(object)  # the new CentreSettings

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("st_title"))
        self.boxes: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.reads: dict[str, Callable[[], str]] = {}
        self.tab_of: dict[str, int] = {}
        self.scrolls: list[QScrollArea] = []
        self._build()
        self._fit_screen()

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        settings = self.session.settings
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        for name, specs in TABS:
            form_page = QWidget()
            form = QFormLayout(form_page)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            for spec in specs:
                self._row(form, spec, stored_text(settings, spec))
                self.tab_of[spec.key] = len(self.scrolls)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form_page)
            self.scrolls.append(scroll)
            self.tabs.addTab(scroll, tr(f"st_tab_{name}"))
        self.printer = PrinterPage(self.session, settings.printer_uri, settings.paper_dots)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.printer)
        self.scrolls.append(scroll)
        self.tabs.addTab(scroll, tr("st_tab_printer"))
        for key in PRINTER_FIELDS:
            self.tab_of[key] = len(self.scrolls) - 1
        self.initial = self.values()

        self.message = message_label("settingsMessage")
        close = big_button(tr("st_close"), "settingsClose", self.reject)
        self.save_button = big_button(tr("st_save"), "settingsSave", self.save)
        self.save_button.setStyleSheet(OK_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(close)
        buttons.addWidget(self.message, 2)
        buttons.addWidget(self.save_button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(tr("st_title")))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def _row(self, form: QFormLayout, spec: Spec, text: str) -> None:
        label = tr(f"st_{spec.key}")
        box: QWidget
        if spec.kind == "flag":
            check = QCheckBox(label)
            check.setChecked(text == "1")
            check.toggled.connect(lambda _on: self._clear(spec.key))
            box, read = check, (lambda: "1" if check.isChecked() else "0")
            label = ""
        elif spec.kind == "choice":
            combo = QComboBox()
            for value in spec.choices:
                combo.addItem(tr(f"{CHOICE_TEXT[spec.key]}{value}"), value)
            combo.setCurrentIndex(max(combo.findData(text), 0))
            combo.currentIndexChanged.connect(lambda _i: self._clear(spec.key))
            box, read = combo, (lambda: str(combo.currentData()))
        elif spec.kind == "lines":
            lines = QPlainTextEdit(text)
            lines.setFixedHeight(BOX_HEIGHT * 2)
            lines.setTabChangesFocus(True)
            lines.textChanged.connect(lambda: self._clear(spec.key))
            box, read = lines, lines.toPlainText
        else:
            line = QLineEdit(text)
            line.setMinimumHeight(BOX_HEIGHT)
            line.textEdited.connect(lambda _t: self._clear(spec.key))
            if spec.kind in ("baht", "number"):
                line.setMaximumWidth(220)
            box, read = line, line.text
        box.setObjectName(f"setting_{spec.key}")
        box.setAccessibleName(tr(f"st_{spec.key}"))
        box.setMinimumHeight(BOX_HEIGHT * 2 if spec.kind == "lines" else BOX_HEIGHT)
        box.setSizePolicy(box.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        error = QLabel("")
        error.setObjectName(f"settingError_{spec.key}")
        error.setStyleSheet(ERROR_TEXT)
        error.setWordWrap(True)
        error.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if spec.kind in ("folder", "file") and isinstance(box, QLineEdit):
            row = QHBoxLayout()
            row.addWidget(box, 1)
            line_box = box
            row.addWidget(big_button(tr("st_browse"), f"settingBrowse_{spec.key}",
                                     lambda: self._browse(spec, line_box)))  # fmt: skip
            column.addLayout(row)
        else:
            column.addWidget(box)
        column.addWidget(error)
        holder = QWidget()
        holder.setLayout(column)
        form.addRow(label, holder)
        self.boxes[spec.key], self.errors[spec.key], self.reads[spec.key] = box, error, read

    def _browse(self, spec: Spec, box: QLineEdit) -> None:
        """Pick a folder or the certificate file; what is picked lands in the box to save."""
        from PySide6.QtWidgets import QFileDialog

        start = box.text().strip()
        if spec.kind == "folder":
            path = QFileDialog.getExistingDirectory(self, tr(f"st_{spec.key}"), start)
        else:
            path, _ = QFileDialog.getOpenFileName(
                self, tr(f"st_{spec.key}"), start, "PKCS#12 (*.p12 *.pfx)"
            )
        if path:
            box.setText(path)
            self._clear(spec.key)

    def _fit_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1000, 720
        if room is not None:
            width, height = min(width, room.width() - 20), min(height, room.height() - 40)
        self.resize(width, height)

    # values ----------------------------------------------------------------
    def values(self) -> dict[str, str]:
        """Every setting's text as typed (the printer's address as it reads now)."""
        out = {key: read() for key, read in self.reads.items()}
        try:
            out["printer_uri"] = self.printer.uri()
        except OperationError:
            out["printer_uri"] = "?"  # refused again, at its box, when saved
        out["paper_dots"] = str(self.printer.paper_dots())
        return out

    def changed(self) -> dict[str, str]:
        now = self.values()
        if now["printer_uri"] == "?":
            now["printer_uri"] = self.printer.uri()  # raises its FieldError
        return {k: v for k, v in now.items() if v != self.initial.get(k)}

    def _clear(self, key: str) -> None:
        if key in self.errors:
            self.errors[key].hide()
            mark_box(self.boxes[key], False)

    # saving ----------------------------------------------------------------
    def save(self) -> None:
        for key in self.errors:
            self._clear(key)
        try:
            changes = self.changed()
            if not changes:
                say(self.message, tr("st_nothing"))
                return
            new = centre_settings.update(self.session, changes)
        except OperationError as exc:
            self.show_refusal(getattr(exc, "field", ""), user_message(exc, language()))
            return
        except Exception as exc:  # a bug or the disk: one sentence, nothing half-saved
            say(self.message, refusal_text(exc, "saving settings"), error=True)
            return
        self.initial = self.values()
        self.printer.saved_uri = new.printer_uri
        say(self.message, tr("st_saved", n=len(changes)))
        self.saved.emit(new)

    def show_refusal(self, field: str, text: str) -> None:
        """The message under its box, on its tab, the box red and focused."""
        say(self.message, tr("st_refused") if field else text, error=True)
        if field in PRINTER_FIELDS:
            self.tabs.setCurrentIndex(self.tab_of[field])
            self.printer.show_error(field, text)
            return
        box, error = self.boxes.get(field), self.errors.get(field)
        if box is None or error is None:
            say(self.message, text, error=True)
            return
        self.tabs.setCurrentIndex(self.tab_of[field])
        error.setText(text)
        error.show()
        mark_box(box, True)
        self.scrolls[self.tab_of[field]].ensureWidgetVisible(box)
        focus_box(box)

    def done(self, result: int) -> None:
        self.printer.wait()
        super().done(result)


def open_settings(session: Session, parent: QWidget) -> SettingsDialog:
    dialog = SettingsDialog(session, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
