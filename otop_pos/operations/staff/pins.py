"""Setting PINs: a manager resets anyone's, a user changes their own; unlocking a user.

The journal says who set whose PIN (`pin_reset`), never the PIN or its
hash, which is written beside the entry in the same transaction. A wrong
old PIN counts as a wrong PIN at login, so this is no side door for guessing.
"""

from __future__ import annotations

import logging
from datetime import datetime

from otop_pos.db.projections import record
from otop_pos.db.staff import users as users_db
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.staff.pins import hash_pin, verify_pin
from otop_pos.domain.thai.thaidate import from_iso, to_iso, utc_now
from otop_pos.operations.auth import POLICY
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.staff.users import checked_pin

log = logging.getLogger(__name__)  # user ids only, never a PIN


def _set_pin(
    session: Session, user_id: int, pin_hash: str, by: int, own: bool, now: datetime | None
) -> None:
    with session.store.transaction():
        record.record(session.store, session.terminal_id, "pin_reset", to_iso(now or utc_now()),
                      by, {"user_id": user_id, "own": own})  # fmt: skip
        users_db.set_pin_hash(session.store, user_id, pin_hash)


def reset_pin(session: Session, user_id: int, pin: str, now: datetime | None = None) -> None:
    """A manager gives a user a new PIN (a forgotten one); it also lifts a lock-out."""
    by = session.require(Permission.MANAGE_USERS)
    if users_db.get(session.store, user_id) is None:
        raise OperationError("ไม่พบผู้ใช้นี้", "Unknown user.")
    pin_hash = hash_pin(checked_pin(pin))
    _set_pin(session, user_id, pin_hash, by.id, False, now)
    log.info("PIN reset: user %s by manager %s", user_id, by.id)


def change_own_pin(
    session: Session, old_pin: str, new_pin: str, now: datetime | None = None
) -> None:
    """The logged-in user sets a new PIN, proving the old one first."""
    if session.user is None:
        raise OperationError("กรุณาเข้าสู่ระบบก่อน", "Please log in first.")
    now = now or utc_now()
    row = users_db.get(session.store, session.user.id)
    if row is None or not row.active:
        raise OperationError("ไม่พบผู้ใช้นี้", "Unknown user.")
    locked_until = from_iso(row.locked_until) if row.locked_until else None
    if POLICY.is_locked(locked_until, now):
        seconds = POLICY.seconds_left(locked_until, now)
        raise FieldError(POLICY.lock_message(locked_until, now),
                         f"This user is locked. Try again in {seconds} s.", "old_pin")  # fmt: skip
    if not verify_pin(old_pin, row.pin_hash):
        failed, until = POLICY.after_failure(row.failed_attempts, now)
        users_db.set_lock_state(session.store, row.id, failed, to_iso(until) if until else None)
        log.warning("own PIN change: wrong old PIN for user %s", row.id)
        raise FieldError("รหัส PIN เดิมไม่ถูกต้อง", "The current PIN is wrong.", "old_pin")
    if new_pin == old_pin:
        raise FieldError(
            "รหัส PIN ใหม่ต้องไม่ซ้ำกับรหัสเดิม", "The new PIN must differ from the old one.", "pin"
        )
    pin_hash = hash_pin(checked_pin(new_pin))
    _set_pin(session, row.id, pin_hash, row.id, True, now)
    log.info("PIN changed by user %s", row.id)


def unlock_user(session: Session, user_id: int, now: datetime | None = None) -> None:
    """A manager lets a user locked by wrong PINs try again now."""
    by = session.require(Permission.MANAGE_USERS)
    if users_db.get(session.store, user_id) is None:
        raise OperationError("ไม่พบผู้ใช้นี้", "Unknown user.")
    with session.store.transaction():
        record.record(session.store, session.terminal_id, "user_unlocked",
                      to_iso(now or utc_now()), by.id, {"user_id": user_id})  # fmt: skip
        users_db.set_lock_state(session.store, user_id, 0, None)
    log.info("user %s unlocked by manager %s", user_id, by.id)
