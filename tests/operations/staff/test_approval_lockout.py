"""Wrong manager PINs at approvals leave a trace, and their lock-out survives a restart."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from books_helpers import raw_update
from helpers import CASHIER_PIN, MANAGER_PIN

from otop_pos.db.projections import replay_check
from otop_pos.db.store import open_store
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import approvals, auth, startup
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session
from otop_pos.operations.staff import users

OLD_CENTRE = Path(__file__).parents[2] / "db" / "schema5_centre.sqlite.gz"


def test_five_wrong_pins_lock_approvals_across_a_restart(cashier: Session) -> None:
    now = utc_now()
    for i in range(5):
        with pytest.raises(FieldError, match="ไม่ใช่ของผู้จัดการ"):
            approvals.approve(cashier, "0000", Permission.VOID_SALE, now + timedelta(seconds=i))
    with pytest.raises(FieldError, match="กรุณารอ"):  # even the right PIN waits
        approvals.approve(cashier, MANAGER_PIN, Permission.VOID_SALE, now + timedelta(seconds=6))
    path = Path(cashier.store.path)
    cashier.store.close()

    store = open_store(path)  # the till closed and started again
    try:
        again = Session.open(store)
        auth.login(again, 2, CASHIER_PIN)
        with pytest.raises(FieldError, match="กรุณารอ"):
            approvals.approve(again, MANAGER_PIN, Permission.VOID_SALE, now + timedelta(seconds=7))
        later = now + timedelta(seconds=65)
        assert approvals.approve(again, MANAGER_PIN, Permission.VOID_SALE, later).manager.id == 1

        auth.login(again, 1, MANAGER_PIN)
        log = approvals.audit_entries(again, bangkok_date(now), bangkok_date(later))
        refused = [e for e in log if e.action == "ใส่รหัสผู้จัดการผิด"]
        assert len(refused) == 5
        assert {e.asked_by for e in refused} == {"สมศรี"}
        assert all("ยกเลิกบิลขาย" in e.detail for e in refused) and "locked=1" in refused[-1].detail
        assert all("0000" not in e.detail for e in log)
        assert replay_check.check(store) is None
    finally:
        store.close()


def test_a_right_pin_between_wrong_ones_starts_the_count_again(cashier: Session) -> None:
    now = utc_now()
    for i in range(4):
        with pytest.raises(FieldError):
            approvals.approve(cashier, "0000", Permission.REFUND, now + timedelta(seconds=i))
    approvals.approve(cashier, MANAGER_PIN, Permission.REFUND, now + timedelta(seconds=5))
    with pytest.raises(FieldError, match="ไม่ใช่ของผู้จัดการ"):
        approvals.approve(cashier, "0000", Permission.REFUND, now + timedelta(seconds=6))
    assert approvals.approvals_locked_until(cashier, now + timedelta(seconds=7)) is None


def test_an_old_centre_records_its_users_once_and_then_holds_them(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with gzip.open(OLD_CENTRE) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    store = open_store(path)
    try:
        session = Session.open(store)
        startup.check_books(session)  # the first start records the users there are
        recorded = store.query("SELECT payload FROM journal WHERE kind = 'user_added'")
        assert len(recorded) == store.scalar("SELECT count(*) FROM users") > 0
        assert all(json.loads(r[0])["existing"] is True for r in recorded)
        startup.check_books(session)  # and only once
        assert store.scalar("SELECT count(*) FROM journal WHERE kind = 'user_added'") == len(
            recorded
        )
        assert users.record_existing_users(session) == 0
        assert replay_check.check(store) is None
        raw_update(path, "UPDATE users SET role = 'manager' WHERE role = 'cashier'")
        found = replay_check.check(store)
        assert found is not None and found.table == "users" and found.columns == ["role"]
    finally:
        store.close()
