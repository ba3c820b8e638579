"""The manager's producer register in the back office: find, add, edit, PIN, files.

Every change goes through the producer operations, which journal it; the
table is re-read afterwards rather than patched, so it always shows what was
stored. Import is all-or-nothing: a refused file names its bad rows here and
leaves the register as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations.catalogue import file_export, file_import, producers
from otop_pos.operations.catalogue.producers import ProducerListRow
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.catalogue_files import CatalogueFiles
from otop_pos.ui.back_office.producer_form import ProducerForm, ProducerPinDialog, text_or
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import message_label, say
from otop_pos.ui.widgets.tables import cells, refit, report_table

COLUMNS = ("code", "name", "type", "place", "commission", "vat", "payout", "products", "pin",
           "active")  # fmt: skip
INACTIVE = QColor("#8c959f")


# Shared with the products tab -----------------------------------------------
def tab_button(key: str, name: str, slot: Callable[[], object]) -> QPushButton:
    b = QPushButton(tr(key))
    b.setObjectName(name)
    b.setAccessibleName(tr(key))
    b.setAutoDefault(False)
    b.setMinimumHeight(44)
    b.clicked.connect(lambda _=False: slot())
    return b


def lay_out_register(
    tab: QWidget,
    search: QLineEdit,
    buttons: Iterable[QPushButton],
    table: QTableView,
    prefix: str,
    add: Callable[[], object],
) -> tuple[QLabel, QLabel]:
    """Search and buttons on top, the message, the table, the count; Ctrl+F and Ctrl+N.

    Returns the message and count labels (`{prefix}Message`, `{prefix}Count`).
    """
    top = QHBoxLayout()
    top.addWidget(search, 1)
    for b in buttons:
        top.addWidget(b)
    message, count = message_label(f"{prefix}Message"), message_label(f"{prefix}Count")
    layout = QVBoxLayout(tab)
    layout.addLayout(top)
    layout.addWidget(message)
    layout.addWidget(table, 1)
    layout.addWidget(count)
    context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    QShortcut(QKeySequence("Ctrl+F"), tab, search.setFocus, context=context)
    QShortcut(QKeySequence("Ctrl+N"), tab, add, context=context)
    return message, count


def searchable_table(
    name: str, headers: list[str], stretch: int
) -> tuple[QLineEdit, QTableView, QStandardItemModel, QSortFilterProxyModel]:
    """A read-only table with a box that keeps only the rows containing what is typed."""
    view, model = report_table(name, headers, stretch)
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)  # any column
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    search = QLineEdit()
    search.setClearButtonEnabled(True)
    search.setMinimumHeight(40)
    search.textChanged.connect(proxy.setFilterFixedString)
    return search, view, model, proxy


def greyed(items: list[QStandardItem], active: bool) -> list[QStandardItem]:
    if not active:
        for item in items:
            item.setForeground(QBrush(INACTIVE))
    return items


def yes_no(flag: bool) -> str:
    return tr("pr_yes") if flag else tr("pr_no")


# The tab ----------------------------------------------------------------------
def producer_row(p: ProducerListRow) -> list[str]:
    place = " / ".join(x for x in (p.district, p.province) if x)
    return [
        p.code, p.name, text_or(f"pr_type_{p.type}", p.type_th), place, p.commission_percent,
        yes_no(p.vat_registered), tr("pr_has") if p.has_payout_details else tr("pr_missing"),
        f"{p.products:,}", tr("pr_has") if p.has_pin else tr("pr_missing"),
        tr("pr_active") if p.active else tr("pr_inactive"),
    ]  # fmt: skip


class ProducersTab(CatalogueFiles, QWidget):
    producer_view_requested = Signal(str)  # the selected producer's code
    changed = Signal()  # after any producer was saved, imported or (de)activated
    IMPORTER = file_import.import_producers
    EXPORTER = file_export.export_producers
    EXPORT_NAME = "producers.xlsx"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("producersTab")
        self.session = session
        self.rows: list[ProducerListRow] = []
        self.form: ProducerForm | None = None
        self.pin_dialog: ProducerPinDialog | None = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        headers = [tr(f"pr_col_{c}") for c in COLUMNS]
        self.search, self.table, self.model, self.proxy = searchable_table(
            "producerTable", headers, stretch=1
        )
        self.table.setAccessibleName(tr("bo_tab_producers"))
        self.search.setObjectName("producerSearch")
        self.search.setAccessibleName(tr("pr_search"))
        self.search.setPlaceholderText(tr("pr_search"))
        self.search.returnPressed.connect(self._to_table)
        self.search.textChanged.connect(lambda _t: self._count())
        self.table.activated.connect(lambda _i: self.edit_selected())  # Enter, double-click
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        buttons = (("pr_add", "producerAdd", self.add_producer),
                   ("pr_edit", "producerEdit", self.edit_selected),
                   ("pr_pin", "producerPin", self.set_pin_selected),
                   ("pr_toggle", "producerToggleActive", self.toggle_active),
                   ("pr_view", "producerOpenView", self.open_producer_view),
                   ("pr_import", "producerImport", self.ask_import),
                   ("pr_export", "producerExport", self.ask_export))  # fmt: skip
        self.buttons = {name: tab_button(key, name, slot) for key, name, slot in buttons}
        self.message, self.count_label = lay_out_register(
            self, self.search, self.buttons.values(), self.table, "producer", self.add_producer
        )

    # reading -----------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Re-read the register; keep (or move to) the producer ``select``."""
        keep = select or self.selected_code()
        try:
            self.rows = producers.producer_list(self.session)
        except OperationError as exc:
            say(self.message, user_message(exc, language()), error=True)
            self.rows = []
        self.model.setRowCount(0)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for p in self.rows:
            items = greyed(cells(producer_row(p), numeric_from=99), p.active)
            items[1].setToolTip(p.name)  # a long group name is cut in its column
            items[2].setToolTip(text_or(f"pd_type_{p.type}", p.type_th))
            for col in (4, 7):  # commission and product count read as numbers
                items[col].setTextAlignment(right)
            self.model.appendRow(items)
        refit(self.table)
        if keep:
            self.select_code(keep)
        self._count()

    def _count(self) -> None:
        self.count_label.setText(tr("pr_count", shown=self.proxy.rowCount(), total=len(self.rows)))

    def selected_code(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        source = self.proxy.mapToSource(index)
        return self.model.item(source.row(), 0).text()

    def selected(self) -> ProducerListRow | None:
        code = self.selected_code()
        return next((p for p in self.rows if p.code == code), None)

    def select_code(self, code: str) -> bool:
        """Select the row of ``code`` (clearing the search if it hides it)."""
        for attempt in range(2):
            for r in range(self.proxy.rowCount()):
                index = self.proxy.index(r, 0)
                if index.data() == code:
                    self.table.selectRow(r)
                    self.table.setCurrentIndex(index)
                    self.table.scrollTo(index)
                    return True
            if attempt == 0 and self.search.text():
                self.search.clear()
        return False

    def _to_table(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            if self.selected_code() is None:
                self.table.selectRow(0)
                self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _need(self) -> ProducerListRow | None:
        p = self.selected()
        if p is None:
            say(self.message, tr("pr_pick_first"), error=True)
        return p

    # actions -----------------------------------------------------------------
    def add_producer(self) -> ProducerForm:
        return self._open_form(None)

    def edit_selected(self) -> ProducerForm | None:
        p = self._need()
        return None if p is None else self._open_form(p.code)

    def _open_form(self, code: str | None) -> ProducerForm:
        self.form = ProducerForm(self.session, code, self)
        self.form.saved.connect(self._saved)
        self.form.open()
        return self.form

    def _saved(self, code: str) -> None:
        self.refresh(select=code)
        say(self.message, tr("pr_saved", code=code))
        self.changed.emit()

    def set_pin_selected(self) -> ProducerPinDialog | None:
        p = self._need()
        if p is None:
            return None
        self.pin_dialog = ProducerPinDialog(self.session, p.code, p.name, self)
        self.pin_dialog.pin_set.connect(self._pin_set)
        self.pin_dialog.open()
        return self.pin_dialog

    def _pin_set(self, code: str) -> None:
        self.refresh(select=code)
        say(self.message, tr("pr_pin_set", code=code))

    def toggle_active(self) -> None:
        """Deactivate the selected producer, or bring an inactive one back."""
        p = self._need()
        if p is None:
            return
        try:
            if p.active:
                producers.deactivate_producer(self.session, p.code)
            else:
                producers.reactivate_producer(self.session, p.code)
        except OperationError as exc:
            say(self.message, user_message(exc, language()), error=True)
            return
        self.refresh(select=p.code)
        say(self.message, tr("pr_deactivated" if p.active else "pr_reactivated", code=p.code))
        self.changed.emit()

    def open_producer_view(self) -> None:
        p = self._need()
        if p is not None:
            self.producer_view_requested.emit(p.code)

    def index_of(self, code: str) -> QModelIndex:
        """The table cell of ``code`` (for tests that double-click a row)."""
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data() == code:
                return self.proxy.index(r, 0)
        return QModelIndex()
