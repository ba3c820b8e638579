"""After a full disk is freed, the same till sells again and checkpoints, with no restart.

A real filesystem fills up (a 2 MB tmpfs and a filler file), a sale is
refused, the filler goes, and the very same Session sells again: its store
then folds the WAL that grew up to the failure into the database and
truncates it, so the space comes back and the file is whole by itself.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from durability_checks import check_store
from helpers import CASHIER_PIN, make_centre

from otop_pos.db import journal
from otop_pos.db.store import StoreError, open_store
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to mount a tmpfs"
)


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


def _cart(session: Session, lines: int) -> Cart:
    cart = Cart()
    for i in range(lines):
        selling.scan(session, cart, f"{i % 7 + 1}*8850000000014" if i % 2 else "8850000000021")
    return cart


def test_the_same_session_sells_and_checkpoints_once_space_is_freed(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "small", "2m") as mnt:
        db = mnt / "centre.sqlite"
        wal = Path(f"{db}-wal")
        store = open_store(db)
        try:
            session = make_centre(store)
            auth.login(session, 2, CASHIER_PIN)
            cart = _cart(session, 100)
            filler = mnt / "filler"
            with filler.open("wb", buffering=0) as f, contextlib.suppress(OSError):
                while True:
                    f.write(b"\0" * 4096)
            with pytest.raises(StoreError) as err:
                checkout.complete_cash_sale(session, cart, cart.total)
            assert err.value.kind == "full" and not cart.is_empty
            grown = wal.stat().st_size
            assert grown > 0

            filler.unlink()  # the manager frees space; nobody restarts the till
            first = checkout.complete_cash_sale(session, cart, cart.total)
            assert first.receipt_no.endswith("0001")
            assert wal.stat().st_size == 0, "the WAL was checkpointed and truncated"
            assert not store.was_full
            second = checkout.complete_cash_sale(session, small := _cart(session, 2), small.total)
            assert second.receipt_no.endswith("0002")
            check_store(store)
            assert journal.verify(store).ok
        finally:
            store.close()
