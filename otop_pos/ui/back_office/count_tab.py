"""Counting the shelves: scan each piece or type what is there, see the differences, post.

The sheet lives in memory while people count (the shop keeps selling); the
count operation re-reads what the system expects when it is posted. A
cashier counts blind by default: the expected figures would tempt anyone to
count towards them. A typed count that is not a number stays in its cell,
marked, and blocks posting until it is fixed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from otop_pos.domain.catalogue.categories import CATEGORIES
from otop_pos.domain.catalogue.units import qty_number, qty_shown
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission, Role
from otop_pos.operations.approvals import Approval
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.operations.stock import counts
from otop_pos.operations.stock.counts import CountLine, CountSheet, Variance
from otop_pos.ui.back_office import stock_fields
from otop_pos.ui.back_office.intake_tab import edit_table, mark_cell, table_item
from otop_pos.ui.staff.approval_dialog import ManagerApprovalDialog, request_approval
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets import forms

COLUMNS = ("sku", "name", "expected", "counted", "diff", "value")
COL = {k: i for i, k in enumerate(COLUMNS)}
HIDDEN_WHEN_BLIND = ("expected", "diff", "value")
SHORT, OVER = QColor("#a40e26"), QColor("#1a7f37")


class CountTab(QWidget):
    posted = Signal(str)  # the SC number
    changed = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("countTab")
        self.session = session
        self.sheet: CountSheet | None = None
        self.row_of: dict[int, int] = {}  # product id -> table row
        self.bad: dict[int, str] = {}  # product id -> the refusal of its typed count
        self.last_count_no = ""
        self.approval_dialog: ManagerApprovalDialog | None = None
        self._filling = False
        self._restart_armed = False
        self._build()
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+S"), self, self.post, context=context)
        self._show_sheet()

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.producer = stock_fields.producer_combo(
            self.session, "countProducer", tr("ct_whole_store")
        )
        self.category = QComboBox()
        self.category.setObjectName("countCategory")
        self.category.setAccessibleName(tr("sk_category"))
        self.category.setMinimumHeight(40)
        self.category.addItem(tr("sk_all_categories"), "")
        for key in CATEGORIES:
            self.category.addItem(tr(f"sk_cat_{key}"), key)
        self.blind = stock_fields.check_box("ct_blind", "countBlind")
        self.blind.setToolTip(tr("ct_blind_tip"))
        self._apply_role()
        self.blind.toggled.connect(lambda _on: self._apply_blind())
        self.start_button = forms.big_button(tr("ct_start"), "countStart", self.start)
        self.scope = QLabel(tr("ct_no_sheet"))
        self.scope.setObjectName("countScopeLabel")
        self.scope.setStyleSheet("font-weight: bold; color: #0b3d91;")
        self.scan_box = stock_fields.line_box("countScan", "ct_scan", "ct_scan_hint")
        self.scan_box.setStyleSheet("font-size: 20px;")
        self.scan_box.returnPressed.connect(lambda: self.scan(self.scan_box.text()))
        self.message = forms.message_label("countMessage")
        self.table = edit_table("countTable", [tr(f"ct_col_{k}") for k in COLUMNS], COL["name"])
        self.table.setAccessibleName(tr("ct_table"))
        self.table.itemChanged.connect(self._edited)
        self.summary = QLabel("")
        self.summary.setObjectName("countSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 18px; font-weight: bold; color: #0b3d91;")
        self.note = stock_fields.line_box("countNote", "ct_note", "ct_note_hint")
        self.post_button = forms.big_button(tr("ct_post"), "countPost", self.post)
        self.post_button.setStyleSheet(forms.OK_STYLE)
        cancel = forms.big_button(tr("ct_cancel"), "countCancel", self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(stock_fields.hrow(QLabel(tr("sk_producer")), (self.producer, 2),
                                 QLabel(tr("sk_category")), self.category, self.blind, None,
                                 self.start_button))  # fmt: skip
        layout.addLayout(stock_fields.hrow((self.scope, 1)))
        layout.addWidget(self.scan_box)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(stock_fields.hrow(QLabel(tr("ct_note")), (self.note, 1), cancel,
                                 self.post_button))  # fmt: skip

    def _apply_role(self) -> None:
        """Blind for a cashier, and locked: a blind count the counter can unblind is not one."""
        user = self.session.user
        cashier = user is None or user.role is not Role.MANAGER
        if cashier:
            self.blind.setChecked(True)
        self.blind.setEnabled(not cashier)

    # the sheet -----------------------------------------------------------------
    def start(self) -> bool:
        """A new sheet for the chosen scope; a sheet with counts asks for a second press."""
        if self.sheet is not None and self._counted() and not self._restart_armed:
            self._restart_armed = True
            forms.say(self.message, tr("ct_restart_confirm"), error=True)
            return False
        forms.mark_box(self.producer, False)
        self._apply_role()  # whoever is logged in now counts
        try:
            sheet = counts.start_count(self.session, stock_fields.picked_code(self.producer) or None,
                                          self.category.currentData() or None)  # fmt: skip
        except OperationError as exc:
            forms.show_refusal(exc, self.message, {"producer": self.producer,
                                                "category": self.category})  # fmt: skip
            return False
        self.sheet, self.bad = sheet, {}
        self._show_sheet()
        forms.say(self.message, tr("ct_started", scope=sheet.scope_th, n=len(sheet.lines)))
        forms.focus_box(self.scan_box)
        return True

    def _counted(self) -> int:
        lines = self.sheet.lines.values() if self.sheet else ()
        return sum(1 for ln in lines if ln.counted is not None)

    def _show_sheet(self) -> None:
        self._restart_armed = False
        self._filling = True
        self.table.setRowCount(0)
        self.row_of = {}
        lines = list(self.sheet.lines.values()) if self.sheet else []
        self.table.setRowCount(len(lines))
        for row, ln in enumerate(lines):
            self.row_of[ln.product_id] = row
            self.table.setItem(row, COL["sku"], table_item(ln.sku, False))
            self.table.setItem(
                row, COL["name"], table_item(stock_fields.named(ln.name_th, ln.unit), False)
            )
            for key in ("expected", "counted", "diff", "value"):
                self.table.setItem(row, COL[key], table_item("", key == "counted", right=True))
        self._filling = False
        for widget in (self.scan_box, self.table, self.note, self.post_button):
            widget.setEnabled(self.sheet is not None)
        self.scope.setText(tr("ct_scope", scope=self.sheet.scope_th) if self.sheet
                           else tr("ct_no_sheet"))  # fmt: skip
        self._apply_blind()

    def _show_line(self, ln: CountLine, variance: Variance | None) -> None:
        """One line's cells; the difference and its value come from the count operation."""
        row = self.row_of[ln.product_id]
        was, self._filling = self._filling, True
        blind = self.blind.isChecked()  # expected figures are not even put in hidden cells
        diff = variance.difference if variance else 0
        unit = ln.unit  # a weighed product's figures in kg, the counted cell as typed
        texts = {"expected": "" if blind else qty_shown(ln.expected, unit, language()),
                 "counted": "" if ln.counted is None else qty_number(ln.counted, unit, False),
                 "diff": "" if ln.counted is None or blind else
                         ("+" if diff > 0 else "") + qty_number(diff, unit) if diff else "0",
                 "value": "" if ln.counted is None or blind else
                          (variance.value if variance else Money(0)).format()}  # fmt: skip
        color = QBrush(SHORT if diff < 0 else OVER if diff else QColor("#24292f"))
        for key, text in texts.items():
            item = self.table.item(row, COL[key])
            item.setText(text)
            if key in ("diff", "value"):
                item.setForeground(color)
        mark_cell(self.table.item(row, COL["counted"]), False)
        self._filling = was

    def _refresh_line(self, ln: CountLine) -> None:
        found = {v.product_id: v for v in counts.variances(self.sheet)} if self.sheet else {}
        self._show_line(ln, found.get(ln.product_id))
        self._update_summary()

    def _apply_blind(self) -> None:
        for key in HIDDEN_WHEN_BLIND:
            self.table.setColumnHidden(COL[key], self.blind.isChecked())
        found = {v.product_id: v for v in counts.variances(self.sheet)} if self.sheet else {}
        for ln in self.sheet.lines.values() if self.sheet else ():
            self._show_line(ln, found.get(ln.product_id))
        self._update_summary()

    def _update_summary(self) -> None:
        if self.sheet is None:
            self.summary.setText("")
            return
        counted = tr("ct_counted", done=self._counted(), n=len(self.sheet.lines))
        if self.blind.isChecked():
            self.summary.setText(counted)
            return
        found = counts.variances(self.sheet)
        total = sum((v.value for v in found), Money(0))
        self.summary.setText(tr("ct_variance", lines=len(found), value=total.format()) + " · "
                             + counted)  # fmt: skip

    # counting --------------------------------------------------------------------
    def scan(self, text: str) -> bool:
        """One more piece of the scanned product; a product outside the sheet is refused."""
        if self.sheet is None or not text.strip():
            return False
        try:
            line = counts.count_scan(self.session, self.sheet, text)
        except OperationError as exc:
            forms.show_refusal(exc, self.message, {"barcode": self.scan_box})
            forms.mark_box(self.scan_box, True)
            forms.focus_box(self.scan_box)
            return False
        self.bad.pop(line.product_id, None)
        self._refresh_line(line)
        row = self.row_of[line.product_id]
        self.table.scrollToItem(self.table.item(row, COL["counted"]))
        self.table.setCurrentCell(row, COL["counted"])
        forms.say(self.message, tr("ct_scanned", sku=line.sku, name=line.name_th, n=line.counted))
        self.scan_box.clear()
        forms.focus_box(self.scan_box)
        return True

    def set_count(self, product_id: int, text: str) -> None:
        """Type a count into the product's cell, as a person would."""
        self.table.item(self.row_of[product_id], COL["counted"]).setText(text)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self.sheet is None or item.column() != COL["counted"]:
            return
        ln = list(self.sheet.lines.values())[item.row()]
        try:
            counts.set_counted(self.sheet, ln.product_id, item.text())
        except OperationError as exc:
            why = user_message(exc, language())
            self.bad[ln.product_id] = why
            mark_cell(item, True, why)
            forms.say(self.message, why, error=True)
            self.table.setCurrentItem(item)
            self.table.setFocus()
            return
        self.bad.pop(ln.product_id, None)
        self._refresh_line(ln)
        forms.say(self.message, "")
        if item.row() + 1 < self.table.rowCount():  # Enter moves down the sheet, like paper
            self.table.setCurrentCell(item.row() + 1, COL["counted"])

    # posting -----------------------------------------------------------------------
    def post(self) -> ManagerApprovalDialog | None:
        """Post the counted lines (Ctrl+S); a cashier's count needs a manager's PIN."""
        if self.sheet is None:
            forms.say(self.message, tr("ct_no_sheet"), error=True)
            return None
        if self.bad:
            pid = next(iter(self.bad))
            item = self.table.item(self.row_of[pid], COL["counted"])
            forms.say(self.message, tr("ct_fix_first", why=self.bad[pid]), error=True)
            self.table.setCurrentItem(item)
            self.table.setFocus()
            return None
        self.approval_dialog = request_approval(self, self.session, Permission.COUNT_STOCK,
                                                self._post)  # fmt: skip
        return self.approval_dialog

    def _post(self, approval: Approval | None) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        try:
            no = counts.post_count(self.session, sheet, self.note.text(), approval)
        except OperationError as exc:
            forms.show_refusal(exc, self.message, {"note": self.note})
            return
        self.last_count_no = no
        found = counts.variances(sheet)
        text = tr("ct_posted", no=no, n=sum(1 for ln in sheet.lines.values()
                                            if ln.counted is not None))  # fmt: skip
        if not self.blind.isChecked():
            total = sum((v.value for v in found), Money(0))
            text += " · " + tr("ct_variance", lines=len(found), value=total.format())
        self.sheet = None
        self.note.clear()
        self._show_sheet()
        forms.say(self.message, text)
        self.posted.emit(no)
        self.changed.emit()

    def cancel(self) -> None:
        """Drop the sheet without posting anything."""
        if self.sheet is None:
            return
        self.sheet, self.bad = None, {}
        self._show_sheet()
        forms.say(self.message, tr("ct_cancelled"))
