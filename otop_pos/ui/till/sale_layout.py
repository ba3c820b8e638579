"""The sale screen's layout: barcode and search on top, the cart, totals and keys on the right;
the provincial server's backlog in the top row beside the cashier's name.

Kept apart from ``sale_screen.py`` so the screen's module holds its actions
only; this function creates the widgets and connects them to those actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from otop_pos.operations.selling import cart
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.till.cart.cart_table import CartTable
from otop_pos.ui.till.sale_widgets import BarcodeInput, button
from otop_pos.ui.till.search_popup import SearchBox
from otop_pos.ui.widgets.receipt_preview import ReceiptPreview
from otop_pos.ui.widgets.sync_status import SyncStatusLabel

if TYPE_CHECKING:
    from otop_pos.ui.till.sale_screen import SaleScreen


def build_sale_layout(screen: SaleScreen) -> None:
    screen.cashier_label = QLabel()
    screen.cashier_label.setObjectName("cashierLabel")
    centre = QLabel(screen.session.settings.centre_name)
    centre.setStyleSheet("font-size: 20px; font-weight: bold;")
    logout = button(tr("logout"), "logoutButton")
    logout.clicked.connect(screen._logout)
    screen.sync_label = SyncStatusLabel(screen.session)  # in the top row: the cart keeps its height
    top = QHBoxLayout()
    top.addWidget(centre)
    top.addStretch(1)
    top.addWidget(screen.sync_label)
    top.addWidget(screen.cashier_label)
    top.addWidget(logout)

    screen.barcode = BarcodeInput()
    screen.barcode.setObjectName("barcodeInput")
    screen.barcode.setAccessibleName(tr("barcode_placeholder"))
    screen.barcode.setPlaceholderText(tr("barcode_placeholder"))
    screen.barcode.returnPressed.connect(screen.scan_entered)
    screen.barcode.navigate.connect(screen._move_selection)
    screen.barcode.delete_line.connect(screen.remove_selected)
    screen.search = SearchBox(lambda q: cart.search(screen.session, q), screen)
    screen.search.picked.connect(screen._add_product)
    screen.search.cancelled.connect(screen.focus_barcode)

    screen.table = CartTable(screen.model)
    screen.table.clicked.connect(lambda _i: screen.focus_barcode())

    screen.preview = ReceiptPreview()
    screen.preview.setFixedWidth(300)
    screen.preview.setVisible(screen.session.settings.printer_uri.startswith("preview"))
    screen.message = QLabel(" ")
    screen.message.setObjectName("messageLabel")
    screen.message.setWordWrap(True)
    screen.not_printed = QLabel()
    screen.not_printed.setObjectName("notPrintedLabel")
    screen.not_printed.setWordWrap(True)
    screen.reprint_button = button(tr("reprint"), "reprintButton")
    screen.reprint_button.clicked.connect(screen.reprint_last)
    printed_row = QHBoxLayout()
    printed_row.addWidget(screen.not_printed, 1)
    printed_row.addWidget(screen.reprint_button)
    screen.not_printed.hide()

    cart_row = QHBoxLayout()
    cart_row.addWidget(screen.table, 1)
    cart_row.addWidget(screen.preview)
    left = QVBoxLayout()
    left.addWidget(screen.barcode)
    left.addWidget(screen.search)
    left.addLayout(cart_row, 1)
    left.addWidget(screen.message)
    left.addLayout(printed_row)

    screen.total_label = QLabel()
    screen.total_label.setObjectName("totalLabel")
    screen.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
    screen.items_label = QLabel()
    screen.items_label.setAlignment(Qt.AlignmentFlag.AlignRight)
    screen.last_change = QLabel(" ")
    screen.last_change.setObjectName("lastChangeLabel")
    screen.last_change.setAlignment(Qt.AlignmentFlag.AlignRight)
    screen.pay_button = button(tr("pay"), "payButton")
    screen.pay_button.setMinimumHeight(64)
    screen.pay_button.clicked.connect(screen.pay)

    actions = QGridLayout()
    for i, (key, name, slot) in enumerate(
        [
            ("qty", "qtyButton", screen.change_qty),
            ("remove", "removeButton", screen.remove_selected),
            ("hold", "holdButton", screen.hold),
            ("resume", "resumeButton", screen.resume),
            ("void", "voidButton", screen.void),
            ("help", "helpButton", screen.show_keys),
            ("menu", "menuButton", screen.open_menu),
        ]
    ):
        b = button(tr(key), name)
        b.clicked.connect(slot)
        actions.addWidget(b, i // 2, i % 2)

    screen.quick_grid = QGridLayout()

    total_caption = QLabel(tr("total"))
    total_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
    right = QVBoxLayout()
    right.addWidget(total_caption)
    right.addWidget(screen.total_label)
    right.addWidget(screen.items_label)
    right.addWidget(screen.last_change)
    right.addWidget(screen.pay_button)
    right.addLayout(actions)
    right.addWidget(QLabel(tr("quick_keys")))
    right.addLayout(screen.quick_grid)
    right.addStretch(1)
    right_box = QWidget()
    right_box.setLayout(right)
    right_box.setFixedWidth(420)

    body = QHBoxLayout()
    body.addLayout(left, 1)
    body.addWidget(right_box)
    layout = QVBoxLayout(screen)
    layout.addLayout(top)
    layout.addLayout(body, 1)
