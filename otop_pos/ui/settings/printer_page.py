"""The settings screen's printer page: choose the receipt printer, its paper, and try it.

The printers this PC sees are looked for on a worker (USB enumeration can
be slow); a network address, a file or the on-screen preview are the other
choices. "พิมพ์หน้าทดสอบ" sends the test page to what is chosen now, before
it is saved, also on a worker, so a printer that does not answer never
freezes the window; its reason is shown in Thai and the page on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations import printer_setup
from otop_pos.operations.errors import FieldError, OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import BOX_HEIGHT, big_button, mark_box, message_label, say
from otop_pos.ui.widgets.receipt_preview import ReceiptPreview
from otop_pos.ui.widgets.worker import ReportWorker

CHOICES = ("found", "network", "file", "preview")
LISTED = ("usb:", "serial:", "file:/dev/")


class PrinterPage(QWidget):
    """`uri()` and `paper_dots()` are what the settings screen saves."""

    def __init__(self, session: Session, uri: str, paper_dots: int) -> None:
        super().__init__()
        self.session = session
        self.worker: ReportWorker | None = None
        self.saved_uri = uri
        self._build()
        self._set(uri, paper_dots)
        self.look()

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.found = QListWidget()
        self.found.setObjectName("printerList")
        self.found.setAccessibleName(tr("pr_found"))
        self.found.setMinimumHeight(80)
        self.found.setMaximumHeight(130)
        self.found.currentRowChanged.connect(lambda _r: self._pick("found"))
        self.notes = message_label("printerNotes")
        self.notes.setStyleSheet("color: #555;")
        self.refresh = big_button(tr("pr_refresh"), "printerRefresh", self.look)

        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for choice in CHOICES:
            radio = QRadioButton(tr(f"pr_use_{choice}"))
            radio.setObjectName(f"printerUse{choice.capitalize()}")
            self.group.addButton(radio)
            self.radios[choice] = radio
            radio.toggled.connect(lambda _on: self._show_uri())
        self.network = self._box("printerNetwork", tr("pr_network_hint"), "network")
        self.file = self._box("printerFile", tr("pr_file_hint"), "file")
        self.paper = QComboBox()
        self.paper.setObjectName("printerPaper")
        self.paper.setAccessibleName(tr("pr_paper"))
        self.paper.setMinimumHeight(BOX_HEIGHT)
        self.paper.addItem(tr("pr_paper_80"), 576)
        self.paper.addItem(tr("pr_paper_58"), 384)
        self.uri_label = QLabel("")
        self.uri_label.setObjectName("printerUri")
        self.uri_label.setWordWrap(True)
        self.test_button = big_button(tr("pr_test"), "printerTest", self.test_page)
        self.result = message_label("printerResult")
        self.preview = ReceiptPreview()
        self.preview.setObjectName("printerPreview")
        self.preview.setMinimumWidth(260)

        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b>{tr('pr_found')}</b>"), 1)
        head.addWidget(self.refresh)
        grid = QGridLayout()
        grid.addWidget(self.radios["found"], 0, 0, 1, 2)
        grid.addWidget(self.radios["network"], 1, 0)
        grid.addWidget(self.network, 1, 1)
        grid.addWidget(self.radios["file"], 2, 0)
        grid.addWidget(self.file, 2, 1)
        grid.addWidget(self.radios["preview"], 3, 0, 1, 2)
        grid.addWidget(QLabel(tr("pr_paper")), 4, 0)
        grid.addWidget(self.paper, 4, 1)
        grid.setColumnStretch(1, 1)
        left = QVBoxLayout()
        left.addLayout(head)
        left.addWidget(self.found)
        left.addWidget(self.notes)
        left.addLayout(grid)
        left.addWidget(self.uri_label)
        left.addWidget(self.test_button)
        left.addWidget(self.result)
        left.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addWidget(self.preview, 2)

    def _box(self, name: str, hint: str, choice: str) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(name)
        box.setPlaceholderText(hint)
        box.setAccessibleName(hint)
        box.setMinimumHeight(BOX_HEIGHT)
        box.textEdited.connect(lambda _t: self._typed(box, choice))
        return box

    def _typed(self, box: QLineEdit, choice: str) -> None:
        mark_box(box, False)
        self._pick(choice)

    def _set(self, uri: str, paper_dots: int) -> None:
        self.paper.setCurrentIndex(max(self.paper.findData(paper_dots), 0))
        if uri.startswith("tcp:"):
            self.network.setText(uri[4:])
            self._pick("network")
        elif uri.startswith(LISTED):
            self._add_found(uri, f"{uri} {tr('pr_saved_one')}")
            self.found.setCurrentRow(0)
            self._pick("found")
        elif uri.startswith("file:"):
            self.file.setText(uri[5:])
            self._pick("file")
        else:
            self._pick("preview")

    def _add_found(self, uri: str, label: str) -> None:
        for row in range(self.found.count()):
            if self.found.item(row).data(256) == uri:
                return
        item = QListWidgetItem(label)
        item.setData(256, uri)  # Qt.UserRole
        self.found.addItem(item)

    def _pick(self, choice: str) -> None:
        self.radios[choice].setChecked(True)
        self._show_uri()

    def _choice(self) -> str:
        return next((c for c, r in self.radios.items() if r.isChecked()), "preview")

    def _show_uri(self) -> None:
        try:
            text = self.uri()
        except OperationError:
            text = "…"
        self.uri_label.setText(tr("pr_address", uri=text))

    # values ----------------------------------------------------------------
    def uri(self) -> str:
        """The printer address chosen now; FieldError when its box does not hold one."""
        choice = self._choice()
        if choice == "network":
            return printer_setup.network_uri(self.network.text())
        if choice == "file":
            return f"file:{self.file.text().strip()}"
        if choice == "found":
            item = self.found.currentItem()
            if item is None:
                th, en = tr("pr_choose_first"), tr("pr_choose_first")
                raise FieldError(th, en, "printer_uri")
            return str(item.data(256))
        return "preview"

    def paper_dots(self) -> int:
        return int(self.paper.currentData())

    def show_error(self, field: str, text: str) -> None:
        box = {"network_address": self.network, "paper_dots": self.paper}.get(field)
        if box is None:
            box = {"network": self.network, "file": self.file}.get(self._choice(), self.found)
        mark_box(box, True)
        say(self.result, text, error=True)

    # work ------------------------------------------------------------------
    def look(self) -> None:
        """Look for printers on a worker; the list fills when it ends."""
        if self.worker is not None:
            return
        session = self.session
        self._run(lambda _p, _c: printer_setup.find_printers(session), self._found)
        self.refresh.setEnabled(False)
        self.notes.setText(tr("pr_looking"))

    def _found(self, found: Any) -> None:
        self.refresh.setEnabled(True)
        keep = self.found.currentItem()
        kept = keep.data(256) if keep is not None else None
        self.found.blockSignals(True)
        self.found.clear()
        if self.saved_uri.startswith(LISTED):
            self._add_found(self.saved_uri, f"{self.saved_uri} {tr('pr_saved_one')}")
        for p in found.printers:
            self._add_found(p.uri, p.label)
        for row in range(self.found.count()):
            if self.found.item(row).data(256) == kept:
                self.found.setCurrentRow(row)
        self.found.blockSignals(False)
        notes = list(found.notes) or ([] if found.printers else [tr("pr_none_found")])
        self.notes.setText("\n".join(notes))
        self._show_uri()

    def test_page(self) -> None:
        """The test page to the printer chosen now (not yet saved), on a worker."""
        if self.worker is not None:
            return
        for box in (self.network, self.file, self.found, self.paper):
            mark_box(box, False)
        try:
            uri, dots = self.uri(), self.paper_dots()
        except OperationError as exc:
            self.show_error(getattr(exc, "field", ""), user_message(exc, language()))
            return
        session = self.session
        self._run(lambda _p, _c: printer_setup.print_test_page(session, uri, dots), self._tested)
        self.test_button.setEnabled(False)
        say(self.result, tr("pr_testing"))

    def _tested(self, result: Any) -> None:
        self.test_button.setEnabled(True)
        say(self.result, result.message, error=not result.ok)
        if result.image is not None:
            self.preview.show_image(result.image)

    def _run(self, job: Any, done: Any) -> None:
        worker = ReportWorker(job, language())
        worker.finished.connect(lambda result: self._ended(done, result))
        worker.failed.connect(lambda text: self._ended(self._failed, text))
        self.worker = worker
        worker.start()

    def _ended(self, then: Any, value: Any) -> None:
        self.worker = None
        then(value)

    def _failed(self, text: str) -> None:
        self.refresh.setEnabled(True)
        self.test_button.setEnabled(True)
        field = ""
        if "printer_uri" in text or "paper_dots" in text:
            field = "printer_uri"
        self.show_error(field, text)

    def wait(self) -> None:
        """Let a running look or test end (the screen is closing)."""
        if self.worker is not None:
            self.worker.wait()
