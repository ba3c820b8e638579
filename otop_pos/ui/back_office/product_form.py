"""The product edit dialog, with the product's price history under the form.

Saving keeps the dialog open: the manager sees the new price land in the
history at once (the projection writes a history row whenever the price
differs), and can correct it without hunting for the product again. The
price is typed as text and read by the operation, never a float spin box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from otop_pos.domain.catalogue.units import NAME_EN, NAME_TH, Unit, unit_text
from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en, from_iso
from otop_pos.operations.catalogue import producers, products
from otop_pos.operations.catalogue.products import PriceChange
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.producer_form import EditForm, text_or
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import action_row, focus_box, say, title_label
from otop_pos.ui.widgets.tables import cells, refit, report_table

HISTORY = ("when", "old", "new", "by")


def history_row(change: PriceChange) -> list[str]:
    """Date in the Buddhist era (Thai screen), old price or '(first price)', new, by whom."""
    when = from_iso(change.changed_at)
    shown = format_numeric_en(when) if language() == "en" else format_numeric(when)
    old = change.old.format() if change.old is not None else tr("pd_h_first")
    return [shown, old, change.new.format(), change.changed_by or tr("pd_h_file")]


class ProductForm(EditForm):
    """Add a product (``sku=None``) or edit one; Save stores it and stays open."""

    saved = Signal(str)  # the product's SKU

    def __init__(self, session: Session, sku: str | None = None, parent: QWidget | None = None):
        super().__init__(session, "product", parent)
        self.setObjectName("productForm")
        self.is_new = sku is None
        self.sku = sku or ""
        self.product_id: int | None = None
        self.history: list[PriceChange] = []
        self.rates: dict[str, str] = {}  # producer code -> its commission %, for the hint
        self.title = title_label("")
        self._build()
        self._load()

    def _producer_items(self) -> list[tuple[str, str]]:
        items = [(tr("pd_p_no_producer"), "")]
        try:
            listed = producers.producer_list(self.session)
        except OperationError:
            return items  # the stored code still shows (set_values adds it)
        for p in listed:
            self.rates[p.code] = p.commission_percent
            mark = "" if p.active else f" ({tr('pr_inactive')})"
            items.append((f"{p.code} {p.name}{mark}", p.code))
        return items

    def _build(self) -> None:
        def f(key: str) -> str:
            return tr(f"pd_pf_{key}")

        categories = [(text_or(f"pd_cat_{k}", th), k) for k, th in products.CATEGORIES.items()]
        stars = [(tr("pd_p_no_stars"), ""), *((tr("pd_p_stars", n=n), str(n)) for n in range(1, 6))]
        owner = [(tr("pr_consigned"), "consigned"), (tr("pr_owned"), "owned")]
        names = NAME_EN if language() == "en" else NAME_TH
        units = [(f"{names[u]} ({unit_text(u, language())})", u.value) for u in Unit]
        producer = self.combo("producer_code", f("producer_code"), self._producer_items())
        producer.currentIndexChanged.connect(lambda _i: self._commission_hint())
        left = self.section(tr("pd_p_sec_product"), [
            ("sku", f("sku"), self.line("sku", f("sku"))),
            ("name_th", f("name_th"), self.line("name_th", f("name_th"))),
            ("name_en", f("name_en"), self.line("name_en", f("name_en"))),
            ("category", f("category"), self.combo("category", f("category"), categories)),
            ("stars", f("stars"), self.combo("stars", f("stars"), stars)),
            ("producer_code", f("producer_code"), producer),
            ("barcodes", f("barcodes"),
             self.line("barcodes", f("barcodes"), tr("pd_p_hint_barcodes"))),
        ])  # fmt: skip
        right = self.section(tr("pd_p_sec_sale"), [
            ("unit", f("unit"), self.combo("unit", f("unit"), units)),
            ("price", f("price"), self.line("price", f("price"), tr("pd_p_hint_price"))),
            ("commission_percent", f("commission_percent"),
             self.line("commission_percent", f("commission_percent"))),
            ("min_stock", f("min_stock"),
             self.line("min_stock", f("min_stock"), tr("pd_p_hint_min_stock"))),
            ("ownership", f("ownership"), self.combo("ownership", f("ownership"), owner)),
            ("quick_key", f("quick_key"), self.line("quick_key", f("quick_key"))),
            ("scale_code", f("scale_code"),
             self.line("scale_code", f("scale_code"), tr("pd_p_hint_scale_code"))),
            ("vat", f("vat"), self.check("vat", f("vat"))),
            ("active", f("active"), self.check("active", f("active"))),
        ])  # fmt: skip
        columns = QHBoxLayout()
        columns.addWidget(left, 3)
        columns.addWidget(right, 2)

        self.history_table, self.history_model = report_table(
            "priceHistory", [tr(f"pd_h_{c}") for c in HISTORY], stretch=3
        )
        self.history_table.setMinimumHeight(150)
        self.history_table.setAccessibleName(tr("pd_history"))
        heading = QLabel(tr("pd_history"))
        heading.setObjectName("priceHistoryTitle")
        heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.history_empty = QLabel(tr("pd_h_none"))
        self.history_empty.setObjectName("priceHistoryEmpty")

        actions, self.ok_button, self.close_button = action_row(
            self, tr("pd_save"), "productFormOk", self.save
        )
        self.close_button.setText(tr("close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        layout.addWidget(heading)
        layout.addWidget(self.history_empty)
        layout.addWidget(self.history_table, 1)
        self.setMinimumWidth(1000)

    # loading ---------------------------------------------------------------
    def _set_mode(self) -> None:
        text = tr("pd_p_title_new") if self.is_new else tr("pd_p_title_edit", sku=self.sku)
        self.setWindowTitle(text)
        self.title.setText(text)
        sku_box = self.widgets["sku"]
        assert isinstance(sku_box, QLineEdit)
        sku_box.setReadOnly(not self.is_new)  # the SKU is the key sales and stock refer to

    def _load(self) -> None:
        self._set_mode()
        if self.is_new:
            self.set_values({"vat": "1", "active": "1", "ownership": "consigned", "unit": "piece"})
            self._commission_hint()
            self.load_history()
            focus_box(self.widgets["sku"])
            return
        try:
            detail = products.product_detail(self.session, self.sku)
        except OperationError as exc:
            self.show_refusal(exc)
            self.ok_button.setEnabled(False)
            return
        self.product_id = int(detail["product_id"])
        self.set_values(detail)
        self._commission_hint()
        self.load_history()
        focus_box(self.widgets["price"])

    def _commission_hint(self) -> None:
        box, producer = self.widgets["commission_percent"], self.widgets["producer_code"]
        assert isinstance(box, QLineEdit) and isinstance(producer, QComboBox)
        rate = self.rates.get(str(producer.currentData() or ""))
        box.setPlaceholderText(tr("pd_p_hint_commission", rate=f"{rate}%" if rate else "0%"))

    def load_history(self) -> None:
        """Re-read the price history (newest first) into the table under the form."""
        self.history = []
        if self.product_id is not None:
            try:
                self.history = products.price_history(self.session, self.product_id)
            except OperationError as exc:
                say(self.message, user_message(exc, language()), error=True)
        self.history_model.setRowCount(0)
        for change in self.history:
            items = cells(history_row(change), numeric_from=1)
            items[3].setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.history_model.appendRow(items)
        self.history_empty.setVisible(not self.history)
        refit(self.history_table)

    # saving ----------------------------------------------------------------
    def save(self) -> None:
        """Save through the operation; on success show the stored values and the new history."""
        self.clear_errors()
        values = self.values()
        try:
            self.sku = products.save_product(self.session, values, new=self.is_new)
        except OperationError as exc:
            self.show_refusal(exc)
            return
        self.is_new = False
        self._load()  # what was stored, normalised (e.g. "1,290.00"), and its history
        say(self.message, tr("pd_p_saved", sku=self.sku))
        self.saved.emit(self.sku)
