"""The back office: producers, products, intake, stock, counts and settlement.

Each tab is its own module, imported the first time it is shown: a till
that never opens a tab never pays for it. The screen only lays the tabs out.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations.session import Session
from otop_pos.ui.i18n import tr

# (text key, module, class): each class is built as Class(session)
TABS = (
    ("bo_tab_settlement", "otop_pos.ui.settlement_tab", "SettlementTab"),
    ("bo_tab_intake", "otop_pos.ui.intake_tab", "IntakeTab"),
    ("bo_tab_stock", "otop_pos.ui.stock_tab", "StockTab"),
    ("bo_tab_count", "otop_pos.ui.count_tab", "CountTab"),
    ("bo_tab_producers", "otop_pos.ui.producers_tab", "ProducersTab"),
    ("bo_tab_products", "otop_pos.ui.products_tab", "ProductsTab"),
)


class BackOffice(QWidget):
    back_requested = Signal()
    producer_view_requested = Signal(str)  # a producer code, picked by the manager

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("backOffice")
        self.session = session
        back = QPushButton(tr("bo_back"))
        back.setObjectName("backOfficeBack")
        back.clicked.connect(self.back_requested.emit)
        title = QLabel(tr("bo_title"))
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(title)
        top.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("backOfficeTabs")
        self._pages: dict[int, QWidget] = {}
        for key, _module, _cls in TABS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, tr(key))
        self.tabs.currentChanged.connect(self._ensure)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Escape"), self, self.back_requested.emit, context=context)
        self._ensure(0)

    def _ensure(self, index: int) -> QWidget:
        """Build the tab's page on first view."""
        if index not in self._pages:
            _key, module, cls = TABS[index]
            page = getattr(importlib.import_module(module), cls)(self.session)
            holder = self.tabs.widget(index)
            holder.layout().addWidget(page)
            self._pages[index] = page
            request = getattr(page, "producer_view_requested", None)
            if request is not None:
                request.connect(self.producer_view_requested.emit)
        return self._pages[index]

    def page(self, module: str) -> QWidget:
        """The tab built from `module` (built now if needed), for navigation and tests."""
        index = next(i for i, t in enumerate(TABS) if t[1].endswith(module))
        self.tabs.setCurrentIndex(index)
        return self._ensure(index)
