"""Fixtures the screens' tests share."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """Stands in for the sale screen: the dialogs' parent."""
    widget = QWidget()
    widget.resize(1200, 800)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
