"""Logging in by PIN, with a lock-out after repeated wrong PINs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from otop_pos.db.staff import users as users_db
from otop_pos.domain.staff.permissions import Role
from otop_pos.domain.staff.pins import LoginPolicy, verify_pin
from otop_pos.domain.thai.thaidate import from_iso, to_iso, utc_now
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session, User
from otop_pos.operations.staff.users import add_user

POLICY = LoginPolicy(max_attempts=5, lock_seconds=60)

log = logging.getLogger(__name__)  # user ids only: never a PIN, never a name


def list_users(session: Session) -> list[User]:
    return [User(u.id, u.name, Role(u.role)) for u in users_db.list_active(session.store)]


def login(
    session: Session,
    user_id: int,
    pin: str,
    now: datetime | None = None,
    while_checking: Callable[[], None] | None = None,
) -> User:
    """Check the PIN; five wrong tries lock that user for 60 seconds.

    The PIN check is deliberately slow (scrypt). It runs in a worker thread,
    where it releases the GIL, while ``while_checking`` runs on this thread:
    the till builds its sale screen in that time instead of waiting.
    """
    now = now or utc_now()
    row = users_db.get(session.store, user_id)
    if row is None:
        log.warning("login refused: no user %s", user_id)
        raise OperationError("ไม่พบผู้ใช้นี้", "Unknown user.")
    if not row.active:
        log.warning("login refused: user %s is deactivated", user_id)
        raise OperationError(
            "ผู้ใช้นี้ถูกปิดการใช้งานแล้ว กรุณาติดต่อผู้จัดการ",
            "This user has been deactivated. Please ask a manager.",
        )
    locked_until = from_iso(row.locked_until) if row.locked_until else None
    if POLICY.is_locked(locked_until, now):
        seconds = POLICY.seconds_left(locked_until, now)
        log.warning("login refused: user %s is locked for %s s", user_id, seconds)
        raise OperationError(
            POLICY.lock_message(locked_until, now),
            f"This user is locked. Try again in {seconds} s.",
        )
    if while_checking is None:
        matches = verify_pin(pin, row.pin_hash)
    else:
        matches = _verify_while(pin, row.pin_hash, while_checking)
    if not matches:
        failed, until = POLICY.after_failure(row.failed_attempts, now)
        users_db.set_lock_state(session.store, user_id, failed, to_iso(until) if until else None)
        log.warning("login failed: wrong PIN for user %s (%s in a row)", user_id, failed)
        if until is not None:
            log.warning("user %s locked for %s s", user_id, POLICY.lock_seconds)
            raise OperationError(
                POLICY.lock_message(until, now),
                f"Wrong PIN. This user is locked for {POLICY.lock_seconds} s.",
            )
        left = POLICY.max_attempts - failed
        raise OperationError(
            f"รหัส PIN ไม่ถูกต้อง (เหลืออีก {left} ครั้ง)", f"Wrong PIN ({left} tries left)."
        )
    if row.failed_attempts or row.locked_until:
        users_db.set_lock_state(session.store, user_id, 0, None)
    user = User(row.id, row.name, Role(row.role))
    session.user = user
    log.info("login: user %s (%s)", user.id, user.role.value)
    return user


def _verify_while(pin: str, pin_hash: str, work: Callable[[], None]) -> bool:
    result: list[bool] = []
    check = threading.Thread(target=lambda: result.append(verify_pin(pin, pin_hash)))
    check.start()
    try:
        work()
    finally:
        check.join()
    return bool(result) and result[0]  # an exception in the check counts as a wrong PIN


def logout(session: Session) -> None:
    if session.user is not None:
        log.info("logout: user %s", session.user.id)
    session.user = None


def create_user(
    session: Session, name: str, role: Role, pin: str, *, allow_trivial: bool = False
) -> int:
    """Add a user; the first user of a new centre is created without a login.

    The same as `operations/staff/users.add_user` (kept for its callers):
    a journal entry, the PIN refused when trivial unless ``allow_trivial``.
    """
    return add_user(session, name, role, pin, allow_trivial=allow_trivial)
