"""The back office: producers, products, intake, stock, counts and settlement.

Each tab is its own module, imported the first time it is shown: a till
that never opens a tab never pays for it. The screen only lays the tabs out.
"""

from __future__ import annotations

from collections.abc import Callable

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
from otop_pos.ui.texts.i18n import tr


def _settlement(session: Session) -> QWidget:
    from otop_pos.ui.back_office.settlement_tab import SettlementTab

    return SettlementTab(session)


def _intake(session: Session) -> QWidget:
    from otop_pos.ui.back_office.intake_tab import IntakeTab

    return IntakeTab(session)


def _stock(session: Session) -> QWidget:
    from otop_pos.ui.back_office.stock_tab import StockTab

    return StockTab(session)


def _count(session: Session) -> QWidget:
    from otop_pos.ui.back_office.count_tab import CountTab

    return CountTab(session)


def _producers(session: Session) -> QWidget:
    from otop_pos.ui.back_office.producers_tab import ProducersTab

    return ProducersTab(session)


def _products(session: Session) -> QWidget:
    from otop_pos.ui.back_office.products_tab import ProductsTab

    return ProductsTab(session)


# (text key, name, builder): each page is built by builder(session) on first view
TABS: tuple[tuple[str, str, Callable[[Session], QWidget]], ...] = (
    ("bo_tab_settlement", "settlement", _settlement),
    ("bo_tab_intake", "intake", _intake),
    ("bo_tab_stock", "stock", _stock),
    ("bo_tab_count", "count", _count),
    ("bo_tab_producers", "producers", _producers),
    ("bo_tab_products", "products", _products),
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
        for key, _name, _build in TABS:
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
            _key, _name, build = TABS[index]
            page = build(self.session)
            holder = self.tabs.widget(index)
            holder.layout().addWidget(page)
            self._pages[index] = page
            request = getattr(page, "producer_view_requested", None)
            if request is not None:
                request.connect(self.producer_view_requested.emit)
        return self._pages[index]

    def page(self, name: str) -> QWidget:
        """The tab called `name` (built now if needed), for navigation and tests."""
        index = next(i for i, t in enumerate(TABS) if t[1] == name)
        self.tabs.setCurrentIndex(index)
        return self._ensure(index)
