"""A manager manages the staff; every change is a journal entry the replay check holds the file to."""

from __future__ import annotations

from pathlib import Path

import pytest
from books_helpers import raw_update
from helpers import CASHIER_PIN, MANAGER_PIN
from shift_helpers import TEA, sell

from otop_pos.db.projections import record, replay_check
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.staff import users as users_db
from otop_pos.domain.staff.permissions import Role
from otop_pos.operations import auth
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.staff import pins, users


def _kinds(session: Session) -> list[str]:
    return [r[0] for r in session.store.query("SELECT kind FROM journal ORDER BY seq")]


def test_a_manager_adds_a_cashier_who_logs_in_with_the_new_pin(manager: Session) -> None:
    uid = users.add_user(manager, "  มานี   มีนา ", Role.CASHIER, "5082")
    entry = manager.store.one("SELECT user_id, payload FROM journal ORDER BY seq DESC LIMIT 1")
    assert entry is not None and entry["user_id"] == 1
    assert "5082" not in entry["payload"] and "scrypt" not in entry["payload"]
    auth.logout(manager)
    assert auth.login(manager, uid, "5082").name == "มานี มีนา"


@pytest.mark.parametrize(("pin", "words"), [("1111", "ซ้ำ"), ("1234", "เรียง"), ("12", "4 ถึง 8")])
def test_a_trivial_pin_is_refused_at_the_pin_box(manager: Session, pin: str, words: str) -> None:
    before = _kinds(manager)
    with pytest.raises(FieldError, match=words) as refused:
        users.add_user(manager, "มานี", Role.CASHIER, pin)
    assert refused.value.field == "pin"
    assert _kinds(manager) == before


def test_names_must_be_given_and_differ(manager: Session) -> None:
    with pytest.raises(FieldError, match="กรุณาใส่ชื่อ") as empty:
        users.add_user(manager, "  ", Role.CASHIER, "5082")
    with pytest.raises(FieldError, match="มีผู้ใช้ชื่อนี้แล้ว") as twice:
        users.add_user(manager, "สมศรี", Role.CASHIER, "5082")
    assert empty.value.field == twice.value.field == "name"


def test_a_cashier_manages_nobody(cashier: Session) -> None:
    for action in (
        lambda: users.add_user(cashier, "มานี", Role.CASHIER, "5082"),
        lambda: users.set_role(cashier, 2, Role.MANAGER),
        lambda: users.set_active(cashier, 1, False),
        lambda: pins.reset_pin(cashier, 1, "5082"),
        lambda: pins.unlock_user(cashier, 1),
        lambda: users.staff(cashier),
    ):
        with pytest.raises(OperationError, match="ไม่มีสิทธิ์จัดการผู้ใช้"):
            action()


def test_a_deactivated_user_cannot_log_in_but_keeps_their_history(manager: Session) -> None:
    auth.login(manager, 2, CASHIER_PIN)
    sale = sell(manager, TEA)
    auth.login(manager, 1, MANAGER_PIN)
    users.set_active(manager, 2, False)
    with pytest.raises(OperationError, match="ปิดการใช้งาน"):
        auth.login(manager, 2, CASHIER_PIN)
    assert [u.id for u in auth.list_users(manager)] == [1]  # not offered at login
    found = sales_db.get_by_receipt(manager.store, sale.receipt_no)
    assert found is not None and found["cashier_name"] == "สมศรี"
    assert [(m.name, m.active) for m in users.staff(manager)] == [
        ("ประเสริฐ", True),
        ("สมศรี", False),
    ]
    users.set_active(manager, 2, True)
    assert auth.login(manager, 2, CASHIER_PIN).id == 2


def test_the_last_active_manager_stays(manager: Session) -> None:
    for action in (lambda: users.set_active(manager, 1, False),
                   lambda: users.set_role(manager, 1, Role.CASHIER)):  # fmt: skip
        with pytest.raises(OperationError, match="ผู้จัดการที่ใช้งานได้อย่างน้อยหนึ่งคน"):
            action()
    users.set_role(manager, 2, Role.MANAGER)  # a second manager first
    users.set_role(manager, 1, Role.CASHIER)
    assert users_db.get(manager.store, 1).role == "cashier"  # type: ignore[union-attr]


def test_rename_reset_change_own_pin_and_unlock(manager: Session) -> None:
    users.rename_user(manager, 2, "สมศรี ใจดี")
    pins.reset_pin(manager, 2, "7391")
    with pytest.raises(OperationError, match="ไม่ถูกต้อง"):
        auth.login(manager, 2, CASHIER_PIN)
    clerk = auth.login(manager, 2, "7391")
    assert clerk.name == "สมศรี ใจดี"
    with pytest.raises(FieldError, match="PIN เดิมไม่ถูกต้อง") as wrong:
        pins.change_own_pin(manager, "0000", "5082")
    assert wrong.value.field == "old_pin"
    with pytest.raises(FieldError, match="เรียง"):
        pins.change_own_pin(manager, "7391", "6789")
    pins.change_own_pin(manager, "7391", "5082")
    assert auth.login(manager, 2, "5082").id == 2
    for _ in range(5):  # wrong PINs lock the user ...
        with pytest.raises(OperationError):
            auth.login(manager, 2, "0000")
    with pytest.raises(OperationError, match="ถูกล็อก"):
        auth.login(manager, 2, "5082")
    auth.login(manager, 1, MANAGER_PIN)
    assert [m.locked for m in users.staff(manager)] == [False, True]
    pins.unlock_user(manager, 2)  # ... until a manager unlocks them
    assert auth.login(manager, 2, "5082").id == 2
    assert _kinds(manager)[-4:] == ["user_changed", "pin_reset", "pin_reset", "user_unlocked"]
    assert replay_check.check(manager.store) is None


def test_a_role_edited_in_the_file_is_named_by_the_replay_check(manager: Session) -> None:
    users.set_role(manager, 2, Role.MANAGER)
    users.set_role(manager, 2, Role.CASHIER)
    assert replay_check.check(manager.store) is None
    raw_update(Path(manager.store.path), "UPDATE users SET role = 'manager' WHERE id = 2")
    found = replay_check.check(manager.store)
    assert found is not None and found.table == "users" and found.columns == ["role"]
    assert "role live 'manager' journal 'cashier'" in found.describe()
    record.rebuild(manager.store)  # a rebuild puts the journal's role back
    assert users_db.get(manager.store, 2).role == "cashier"  # type: ignore[union-attr]
    assert replay_check.check(manager.store) is None


def test_a_user_slipped_into_the_file_is_named(manager: Session) -> None:
    pin_hash = users_db.get(manager.store, 1).pin_hash  # type: ignore[union-attr]
    raw_update(Path(manager.store.path),
               "INSERT INTO users (id, name, role, pin_hash) VALUES (9, 'x', 'manager', ?)",
               (pin_hash,))  # fmt: skip
    found = replay_check.check(manager.store)
    assert found is not None and found.table == "users" and found.key == {"id": 9}
    assert "the journal never wrote it" in found.describe()


def test_a_deactivated_manager_approves_nothing(manager: Session) -> None:
    from otop_pos.domain.staff.permissions import Permission
    from otop_pos.operations import approvals

    users.set_role(manager, 2, Role.MANAGER)
    pins.reset_pin(manager, 2, "7391")
    assert approvals.approve(manager, "7391", Permission.VOID_SALE).manager.id == 2
    users.set_active(manager, 2, False)
    with pytest.raises(FieldError, match="ไม่ใช่ของผู้จัดการ"):
        approvals.approve(manager, "7391", Permission.VOID_SALE)
