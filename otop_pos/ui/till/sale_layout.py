"""The sale screen's layout: barcode and search on top, the cart with its keys under it, the
total, pay and quick keys on the right; the provincial server's backlog in the top row beside
the cashier's name. It fits a 1024x768 screen with a title bar and a task bar: the right
column, the tallest, is kept under 600 pixels by putting the cart's keys under the cart.

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
from otop_pos.ui.widgets.money_label import MoneyLabel
from otop_pos.ui.widgets.receipt_preview import ReceiptPreview
from otop_pos.ui.widgets.sync_status import SyncStatusLabel

if TYPE_CHECKING:
    from otop_pos.ui.till.sale_screen import SaleScreen

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RIGHT_WIDTH = 420
PREVIEW_MIN_SCREEN = 1200
"""Below this width the on-screen receipt gives its room to the cart."""


def preview_width(screen_width: int) -> int:
    """The on-screen receipt's width: 0 (hidden) on a narrow screen, wider on a wide one."""
    if screen_width < PREVIEW_MIN_SCREEN:
        return 0
    return 300 if screen_width >= 1600 else 240


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
    screen.preview.setFixedWidth(preview_width(1600))
    screen.preview_wanted = screen.session.settings.printer_uri.startswith("preview")
    screen.preview.setVisible(screen.preview_wanted)
    screen.message = QLabel(" ")
    screen.message.setObjectName("messageLabel")
    screen.message.setWordWrap(True)
    screen.not_printed = QLabel()
    screen.not_printed.setObjectName("notPrintedLabel")
    screen.not_printed.setWordWrap(True)
    screen.not_printed.hide()

    cart_row = QHBoxLayout()
    cart_row.addWidget(screen.table, 1)
    cart_row.addWidget(screen.preview)
    left = QVBoxLayout()
    left.addWidget(screen.barcode)
    left.addWidget(screen.search)
    left.addLayout(cart_row, 1)
    left.addWidget(screen.message)
    left.addWidget(screen.not_printed)
    left.addLayout(_action_keys(screen))

    screen.quick_grid = QGridLayout()
    right = QVBoxLayout()
    right.addLayout(_totals(screen))
    right.addWidget(screen.pay_button)
    quick_caption = QLabel(tr("quick_keys"))
    quick_caption.setObjectName("quickKeysCaption")
    right.addWidget(quick_caption)
    right.addLayout(screen.quick_grid)
    right.addStretch(1)
    right_box = QWidget()
    right_box.setObjectName("saleRightColumn")
    right_box.setLayout(right)
    right_box.setFixedWidth(RIGHT_WIDTH)

    body = QHBoxLayout()
    body.addLayout(left, 1)
    body.addWidget(right_box)
    layout = QVBoxLayout(screen)
    layout.addLayout(top)
    layout.addLayout(body, 1)


def _totals(screen: SaleScreen) -> QVBoxLayout:
    """The caption and item count, the total under them, the last sale's change under that."""
    screen.total_label = MoneyLabel("totalLabel")
    screen.total_label.setAlignment(RIGHT)
    screen.items_label = QLabel()
    screen.items_label.setObjectName("itemsLabel")
    screen.items_label.setAlignment(RIGHT)
    screen.last_change = MoneyLabel("lastChangeLabel")
    screen.last_change.setText(" ")
    screen.last_change.setAlignment(RIGHT)
    screen.pay_button = button(tr("pay"), "payButton")
    screen.pay_button.setMinimumHeight(60)
    screen.pay_button.clicked.connect(screen.pay)
    captions = QHBoxLayout()
    captions.addWidget(QLabel(tr("total")))
    captions.addWidget(screen.items_label, 1)
    column = QVBoxLayout()
    column.addLayout(captions)
    column.addWidget(screen.total_label)
    column.addWidget(screen.last_change)
    return column


def _action_keys(screen: SaleScreen) -> QGridLayout:
    """The cart's keys under the cart, four to a row, so the right column stays short."""
    actions = QGridLayout()
    screen.action_buttons = {}
    for i, (key, name, slot) in enumerate(
        [
            ("qty", "qtyButton", screen.change_qty),
            ("remove", "removeButton", screen.remove_selected),
            ("hold", "holdButton", screen.hold),
            ("resume", "resumeButton", screen.resume),
            ("void", "voidButton", screen.void),
            ("reprint", "reprintButton", screen.reprint_last),
            ("help", "helpButton", screen.show_keys),
            ("menu", "menuButton", screen.open_menu),
        ]
    ):
        b = button(tr(key), name)
        b.clicked.connect(slot)
        actions.addWidget(b, i // 4, i % 4)
        screen.action_buttons[name] = b
    screen.hold_button = screen.action_buttons["holdButton"]
    screen.reprint_button = screen.action_buttons["reprintButton"]
    return actions
