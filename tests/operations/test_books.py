"""The till watches its own books (issue 12, point 6), on real files edited behind its back.

At start-up the till checks what came since the point it last verified; before
every Z it checks everything. A problem is logged, named by its first broken
entry, and blocks the Z until a manager acknowledges it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from books_helpers import raw_update
from helpers import CASHIER_PIN, MANAGER_PIN
from shift_helpers import SILK, TEA, sell

from otop_pos.db import books as books_db
from otop_pos.db import journal
from otop_pos.db.projections import record, replay_check
from otop_pos.db.store import open_store
from otop_pos.operations import approvals, auth, books
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close


def restart(session: Session, user: int = 1, pin: str = MANAGER_PIN) -> Session:
    """Close the file and start the till again on it, as the window does."""
    path = session.store.path
    session.store.close()
    again = Session.open(open_store(path))
    auth.login(again, user, pin)
    return again


def test_clean_books_move_the_point_and_let_the_z_close(manager: Session) -> None:
    assert books.check_at_start(manager) is None
    first = books_db.points(manager.store)["T01"]
    assert first == journal.head(manager.store, "T01")
    sell(manager, SILK)
    manager = restart(manager)
    assert books.check_at_start(manager) is None
    assert books_db.points(manager.store)["T01"][0] == first[0] + 1
    z = day_close.close_day(manager)
    assert z.z_no == 1 and books.open_problem(manager) is None


def test_an_edited_sale_is_found_at_start_up_and_blocks_the_z(
    manager: Session, caplog: pytest.LogCaptureFixture
) -> None:
    books.check_at_start(manager)
    sale = sell(manager, SILK, TEA)
    path = Path(manager.store.path)
    manager.store.close()
    raw_update(path, "UPDATE sale_lines SET amount_satang = 100 WHERE line_no = 2")
    manager = restart(manager)
    with caplog.at_level(logging.ERROR, logger="otop_pos.operations.books"):
        found = books.check_at_start(manager)
    assert found is not None and (found.what, found.seq) == ("tables", sale.seq)
    assert f"ลำดับที่ {sale.seq}" in found.thai and "sales" in found.english
    assert f"T01/{sale.seq}" in caplog.text
    assert books.open_problem(manager) == found
    assert books_db.points(manager.store)["T01"][0] < sale.seq  # the point did not move

    with pytest.raises(books.BooksRefused) as refused:
        day_close.close_day(manager)
    assert f"ลำดับที่ {sale.seq}" in str(refused.value)  # the Z names the first broken entry
    assert "table sale_lines row sale_id=1, line_no=2" in refused.value.english
    assert manager.store.scalar("SELECT count(*) FROM z_reports") == 0


def test_a_broken_chain_blocks_the_z_until_a_manager_acknowledges(
    manager: Session, db_path: Path
) -> None:
    sell(manager, SILK)
    tea = sell(manager, TEA)
    manager.store.close()
    raw_update(db_path, "UPDATE journal SET payload = replace(payload, '8550', '8500')"
               " WHERE seq = ?", (tea.seq,))  # fmt: skip
    cashier = restart(manager, 2, CASHIER_PIN)
    found = books.check_at_start(cashier)
    assert found is not None and (found.what, found.seq) == ("chain", tea.seq)
    sell(cashier, SILK)  # the till still sells
    with pytest.raises(OperationError, match="ผู้จัดการอนุมัติ"):
        books.acknowledge(cashier)  # a cashier alone cannot wave it through
    with pytest.raises(books.BooksRefused):
        day_close.close_day(restart(cashier))

    manager = restart(cashier, 2, CASHIER_PIN)
    approval = approvals.approve(manager, MANAGER_PIN, approvals.Permission.CLOSE_DAY)
    assert books.acknowledge(manager, approval).fingerprint == found.fingerprint
    assert books.open_problem(restart(manager)) is None
    manager = restart(manager)
    z = day_close.close_day(manager)  # the same problem, acknowledged: the Z goes on
    assert z.z_no == 1
    (ack,) = [e for e in journal.entries(manager.store, "T01") if e.kind == "books_acknowledged"]
    assert ack.payload["seq"] == tea.seq and ack.payload["approved_by"] == 1
    audit = manager.store.one("SELECT * FROM audit_log WHERE action = 'books_acknowledged'")
    assert audit["asked_by"] == 2 and audit["approved_by"] == 1
    assert json.loads(audit["detail"])["seq"] == tea.seq


def test_a_new_problem_after_an_acknowledgement_blocks_again(manager: Session) -> None:
    sale = sell(manager, SILK)
    manager.store.conn.execute("UPDATE sales SET total_satang = 1 WHERE seq = ?", (sale.seq,))
    with pytest.raises(books.BooksRefused):
        day_close.close_day(manager)
    books.acknowledge(manager)
    other = sell(manager, TEA)
    manager.store.conn.execute("UPDATE sales SET vat_satang = 1 WHERE seq = ?", (other.seq,))
    manager.store.conn.execute("UPDATE sales SET total_satang = 150000 WHERE seq = ?", (sale.seq,))
    with pytest.raises(books.BooksRefused, match=f"ลำดับที่ {other.seq}"):
        day_close.close_day(manager)


def test_start_up_reads_only_new_entries_and_the_z_reads_everything(manager: Session) -> None:
    """An old sale edited after its point is the Z's to find; an old entry re-hashed with the
    rest of the chain changes the hash at the point, which start-up sees at once."""
    old = sell(manager, SILK)
    assert books.check_at_start(manager) is None
    manager.store.conn.execute("UPDATE sales SET rounding_satang = -25 WHERE seq = ?", (old.seq,))
    sell(manager, TEA)
    assert books.check_at_start(manager) is None  # only the new sale was read
    found = books.check_in_full(manager)
    assert found is not None and found.seq == old.seq and "rounding_satang" in found.english

    store = manager.store
    rows = store.query("SELECT * FROM journal ORDER BY seq")
    prev = journal.GENESIS
    for r in rows:  # someone rewrites an old entry and every hash after it
        payload = r["payload"].replace('"reason":"opening"', '"reason":"damaged"')
        digest = journal.entry_hash(prev, "T01", r["seq"], r["kind"], r["occurred_at"],
                                    r["user_id"], payload)  # fmt: skip
        store.conn.execute(
            "UPDATE journal SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (payload, prev, digest, r["seq"]),
        )
        prev = digest
    assert journal.verify(store).ok  # a whole new chain...
    found = books.check_at_start(manager)  # ...but not the one this till verified
    assert found is not None and found.what == "chain" and "verified earlier" in found.english


def test_an_entry_that_breaks_its_declaration_is_named_at_start_up(manager: Session) -> None:
    books.check_at_start(manager)
    store = manager.store
    with store.transaction():  # written around record(), as no till would
        entry = journal.append(store, "T01", "cash_move", "2026-12-01T03:00:00+00:00", 1,
                               {"shift_seq": 1, "direction": "in"})  # fmt: skip
    found = books.check_at_start(manager)
    assert found is not None and (found.what, found.seq) == ("entry", entry.seq)
    assert "amount is missing" in found.english


def test_the_acknowledgement_replays_like_any_entry(manager: Session) -> None:
    sale = sell(manager, SILK)
    manager.store.conn.execute("UPDATE payments SET tender = 'card' WHERE sale_id = 1")
    with pytest.raises(books.BooksRefused):
        day_close.close_day(manager)
    books.acknowledge(manager)
    day_close.close_day(manager)
    manager.store.conn.execute("UPDATE payments SET tender = 'cash' WHERE sale_id = 1")
    assert replay_check.check(manager.store) is None  # the audit row follows from its entry
    record.rebuild(manager.store)
    assert manager.store.scalar("SELECT seq FROM sales") == sale.seq
    assert books.check_in_full(manager) is None and books.open_problem(manager) is None
