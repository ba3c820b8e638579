"""Closing the till's window folds the WAL into the database file."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MANAGER_PIN
from pytestqt.qtbot import QtBot
from shift_helpers import TEA, sell
from till_helpers import _open

from otop_pos.db.store import Store
from otop_pos.operations import auth

pytestmark = pytest.mark.gui


def test_closing_the_window_checkpoints_the_wal(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    wal = Path(f"{store.path}-wal")
    auth.login(window.session, 1, MANAGER_PIN)
    sell(window.session, TEA)
    assert wal.stat().st_size > 0, "the sale is in the WAL while the till runs"
    window.close()
    assert wal.stat().st_size == 0
    assert store.scalar("SELECT count(*) FROM sales") == 1
