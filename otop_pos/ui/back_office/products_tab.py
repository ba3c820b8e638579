"""The manager's product catalogue in the back office: find, add, edit, files, labels.

The list is read through operations only: the stock read gives every product
on sale (and any withdrawn one still holding stock), and each product's own
form texts give its commission override and barcodes, so the search box also
finds a product by a scanned barcode. Saving, importing and label printing
all go through their operations; the table is re-read after each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QTableView,
    QWidget,
)

from otop_pos.domain.catalogue.units import unit_text
from otop_pos.operations.catalogue import (
    barcode_labels,
    file_export,
    file_import,
    products,
    shelf_labels,
)
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.catalogue_files import CatalogueFiles
from otop_pos.ui.back_office.producer_form import text_or
from otop_pos.ui.back_office.producers_tab import (
    greyed,
    lay_out_register,
    searchable_table,
    tab_button,
)
from otop_pos.ui.back_office.product_form import ProductForm
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import refusal_text, say
from otop_pos.ui.widgets.tables import cells, refit

COLUMNS = ("sku", "name", "category", "producer", "price", "commission", "min", "ownership",
           "active")  # fmt: skip
FIND = len(COLUMNS)  # a hidden column: English name and barcodes, for the search box
RIGHT = (4, 5, 6)
PRODUCER = 3
LABEL_SHEET = "a4-24"


@dataclass(frozen=True)
class ProductLine:
    """One product as the table shows it (texts from the product's edit form)."""

    product_id: int
    sku: str
    name_th: str
    name_en: str
    category: str
    producer: str  # 'P01 name', or '' for the centre's own goods
    price: str
    commission: str  # '' = the producer's rate
    min_stock: str
    ownership: str
    active: bool
    barcodes: str

    def cells(self) -> list[str]:
        return [
            self.sku, self.name_th, text_or(f"pd_cat_{self.category}", self.category),
            self.producer, self.price, self.commission or tr("pr_by_producer"), self.min_stock,
            tr("pr_consigned") if self.ownership == "consigned" else tr("pr_owned"),
            tr("pr_active") if self.active else tr("pr_inactive"),
            f"{self.name_en} {self.barcodes}",
        ]  # fmt: skip


def _per(form: dict[str, str]) -> str:
    """'/กก.' after a measured product's price; nothing for a piece."""
    return "" if form["unit"] == "piece" else f"/{unit_text(form['unit'], language())}"


def product_lines(session: Session) -> list[ProductLine]:
    """Every product, withdrawn ones too, with its form texts (a weighed one's per kg)."""
    return [
        ProductLine(
            int(form["product_id"]), form["sku"], form["name_th"], form["name_en"],
            form["category"], f"{form['producer_code']} {form['producer_name']}".strip(),
            form["price"] + _per(form), form["commission_percent"],
            form["min_stock"] + _per(form).replace("/", " "), form["ownership"],
            form["active"] == "1", form["barcodes"],
        )
        for form in products.product_list(session)
    ]  # fmt: skip


class ProductsTab(CatalogueFiles, QWidget):
    changed = Signal()  # after any product was saved or imported
    IMPORTER = file_import.import_products
    EXPORTER = file_export.export_products
    EXPORT_NAME = "products.xlsx"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("productsTab")
        self.session = session
        self.lines: list[ProductLine] = []
        self.form: ProductForm | None = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        headers = [tr(f"pr_p_col_{c}") for c in COLUMNS] + [""]
        self.search, self.table, self.model, self.proxy = searchable_table(
            "productTable", headers, stretch=1
        )
        self.table.setColumnHidden(FIND, True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PRODUCER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(PRODUCER, 280)  # long group names are cut; the tooltip has all
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setAccessibleName(tr("bo_tab_products"))
        self.search.setObjectName("productSearch")
        self.search.setAccessibleName(tr("pr_p_search"))
        self.search.setPlaceholderText(tr("pr_p_search"))
        self.search.returnPressed.connect(self._to_table)
        self.search.textChanged.connect(lambda _t: self._count())
        self.table.activated.connect(lambda _i: self.edit_selected())  # Enter, double-click
        buttons = (("pr_p_add", "productAdd", self.add_product),
                   ("pr_edit", "productEdit", self.edit_selected),
                   ("pr_p_labels", "productPriceLabels", self.ask_price_labels),
                   ("pr_p_shelf", "productShelfLabels", self.ask_shelf_labels),
                   ("pr_import", "productImport", self.ask_import),
                   ("pr_export", "productExport", self.ask_export))  # fmt: skip
        self.buttons = {name: tab_button(key, name, slot) for key, name, slot in buttons}
        self.message, self.count_label = lay_out_register(
            self, self.search, self.buttons.values(), self.table, "product", self.add_product
        )

    # reading -----------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Re-read the catalogue; keep (or move to) the product ``select``."""
        keep = [select] if select else self.selected_skus()
        try:
            self.lines = product_lines(self.session)
        except OperationError as exc:
            say(self.message, user_message(exc, language()), error=True)
            self.lines = []
        self.model.setRowCount(0)
        for line in self.lines:
            items = greyed(cells(line.cells(), numeric_from=99), line.active)
            items[1].setToolTip(f"{line.name_th}\n{line.name_en}".strip())
            items[PRODUCER].setToolTip(line.producer)
            for col in RIGHT:
                items[col].setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            self.model.appendRow(items)
        refit(self.table)
        for sku in keep:
            self.select_sku(sku, add=sku != keep[0])
        self._count()

    def _count(self) -> None:
        self.count_label.setText(
            tr("pr_p_count", shown=self.proxy.rowCount(), total=len(self.lines))
        )

    def table_rows(self) -> list[list[str]]:
        """What the table shows, row by row (the visible columns), for checks and tests."""
        return [[self.proxy.index(r, c).data() for c in range(len(COLUMNS))]
                for r in range(self.proxy.rowCount())]  # fmt: skip

    def selected_skus(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data() for r in rows]

    def selected_sku(self) -> str | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return str(self.proxy.index(index.row(), 0).data())
        skus = self.selected_skus()
        return skus[0] if skus else None

    def index_of(self, sku: str) -> QModelIndex:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data() == sku:
                return self.proxy.index(r, 0)
        return QModelIndex()

    def select_sku(self, sku: str, add: bool = False) -> bool:
        """Select ``sku``'s row (``add`` keeps the rows already selected)."""
        index = self.index_of(sku)
        if not index.isValid() and self.search.text():
            self.search.clear()
            index = self.index_of(sku)
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag
        mode = (flags.Select if add else flags.ClearAndSelect) | flags.Rows
        self.table.selectionModel().setCurrentIndex(index, mode)
        self.table.scrollTo(index)
        return True

    def _to_table(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            if not self.selected_skus():
                self.select_sku(self.proxy.index(0, 0).data())

    def _need(self) -> list[str]:
        skus = self.selected_skus()
        if not skus:
            say(self.message, tr("pr_p_pick_first"), error=True)
        return skus

    # editing -----------------------------------------------------------------
    def add_product(self) -> ProductForm:
        return self._open_form(None)

    def edit_selected(self) -> ProductForm | None:
        sku = self.selected_sku() if self._need() else None
        return None if sku is None else self._open_form(sku)

    def _open_form(self, sku: str | None) -> ProductForm:
        self.form = ProductForm(self.session, sku, self)
        self.form.saved.connect(self._saved)
        self.form.open()
        return self.form

    def _saved(self, sku: str) -> None:
        self.refresh(select=sku)
        say(self.message, tr("pr_p_saved", sku=sku))
        self.changed.emit()

    # labels ------------------------------------------------------------------
    def _ask_pdf(self, title_key: str, name: str) -> Path | None:
        if not self._need():
            return None
        folder = Path(self.session.settings.documents_dir or Path.home())
        path, _f = QFileDialog.getSaveFileName(
            self, tr(title_key), str(folder / name), "PDF (*.pdf)"
        )
        return Path(path) if path else None

    def ask_price_labels(self) -> None:
        path = self._ask_pdf("pr_p_labels_title", "price-labels.pdf")
        if path is not None:
            self.price_labels_to(path)

    def price_labels_to(self, path: str | Path) -> Path | None:
        """A4 sticker sheets with one price label per selected product; None if refused."""
        from otop_pos.domain.catalogue.instore import preset
        from otop_pos.printing.documents.barcode_labels import label_sheet_pdf
        from otop_pos.printing.engine.files import write_atomic

        skus = self._need()
        if not skus:
            return None
        ids = {line.sku: line.product_id for line in self.lines}
        target = Path(path)
        try:
            made = barcode_labels.labels_for(self.session, [(ids[s], 1) for s in skus], language())
            write_atomic(target, label_sheet_pdf(made, preset(LABEL_SHEET)))
        except Exception as exc:  # a refusal, a label that cannot be drawn, a full disk
            say(self.message, refusal_text(exc), error=True)
            return None
        say(self.message, tr("pr_p_labels_saved", count=len(skus), path=str(target)))
        self.refresh()  # a product without a barcode has just been given one
        return target

    def ask_shelf_labels(self) -> None:
        path = self._ask_pdf("pr_p_shelf_title", "shelf-labels.pdf")
        if path is not None:
            self.shelf_labels_to(path)

    def shelf_labels_to(self, path: str | Path) -> Path | None:
        """Shelf labels for the selected products, when this build has the operation."""
        skus = self._need()
        if not skus:
            return None
        target = Path(path)
        try:
            shelf_labels.shelf_labels_pdf(self.session, skus, target)
        except Exception as exc:
            say(self.message, refusal_text(exc), error=True)
            return None
        say(self.message, tr("pr_p_labels_saved", count=len(skus), path=str(target)))
        return target
