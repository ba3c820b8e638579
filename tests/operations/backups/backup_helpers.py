"""Shared by the backup tests: a sale, and every table of a file row by row."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from otop_pos.domain.selling.cart import Cart
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session


def sell(session: Session, scans: tuple[str, ...] = ("8850000000021", "2*8850000000014")) -> str:
    cart = Cart()
    for scan in scans:
        selling.scan(session, cart, scan)
    return checkout.complete_cash_sale(session, cart, cart.total).receipt_no


def every_table(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the FTS index's own tables too), in a stable order."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        conn.close()
