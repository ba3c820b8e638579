"""The store's pragmas and its sqlite-utils view, on a real file."""

from __future__ import annotations

from otop_pos.db.schema.migrations import LATEST
from otop_pos.db.store import Store


def test_pragmas_for_durability(store: Store) -> None:
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA user_version") == LATEST


def test_sqlite_utils_sees_the_schema(store: Store) -> None:
    names = set(store.db.table_names())
    assert {"journal", "sales", "sale_lines", "payments", "stock_movements"} <= names
    assert store.db["journal"].pks == ["terminal_id", "seq"]
