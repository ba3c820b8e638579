"""A manager adds, renames, deactivates and reactivates users and sets their roles.

Every change is a journal entry (`domain/journal/staff.py`) projected into
the users table, so a role edited in the file shows in the replay check.
A deactivated user cannot log in but keeps their name on old sales, reports
and the audit log. The last active manager cannot be deactivated or made a
cashier: nobody would be left to manage the till.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from otop_pos.db.projections import record
from otop_pos.db.staff import users as users_db
from otop_pos.domain.staff.permissions import Permission, Role
from otop_pos.domain.staff.pins import LoginPolicy, PinError, hash_pin, validate_pin
from otop_pos.domain.thai.thaidate import from_iso, to_iso, utc_now
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

NAME_MAX = 60


@dataclass(frozen=True)
class StaffMember:
    """A row of the staff screen."""

    id: int
    name: str
    role: Role
    active: bool
    locked_seconds: int  # 0 when the user may try a PIN now

    @property
    def locked(self) -> bool:
        return self.locked_seconds > 0


def staff(session: Session, now: datetime | None = None) -> list[StaffMember]:
    """Every user, active first; deactivated ones too, so they can be reactivated."""
    session.require(Permission.MANAGE_USERS)
    now = now or utc_now()
    return [
        StaffMember(
            r.id,
            r.name,
            Role(r.role),
            r.active,
            LoginPolicy.seconds_left(from_iso(r.locked_until) if r.locked_until else None, now),
        )
        for r in users_db.list_all(session.store)
    ]


def checked_pin(pin: str, field: str = "pin", *, allow_trivial: bool = False) -> str:
    """A PIN fit to be set, or a refusal at ``field`` saying why (too short, 1111, 1234)."""
    try:
        validate_pin(pin, allow_trivial=allow_trivial)
    except PinError as exc:
        raise FieldError(str(exc), exc.english, field) from exc
    return pin


def _checked_name(session: Session, name: str, user_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise FieldError("กรุณาใส่ชื่อผู้ใช้", "Please enter a name.", "name")
    if len(name) > NAME_MAX:
        raise FieldError(
            f"ชื่อยาวเกิน {NAME_MAX} ตัวอักษร", f"A name is at most {NAME_MAX} characters.", "name"
        )
    for row in users_db.list_all(session.store):
        if row.id != user_id and row.name == name:
            raise FieldError(
                "มีผู้ใช้ชื่อนี้แล้ว ตั้งชื่อให้ต่างกันเพื่อไม่ให้เลือกผิดตอนเข้าสู่ระบบ",
                "A user already has this name; names must differ so nobody picks the wrong one.",
                "name",
            )
    return name


def add_user(
    session: Session,
    name: str,
    role: Role,
    pin: str,
    *,
    allow_trivial: bool = False,
    now: datetime | None = None,
) -> int:
    """A new user with a PIN; the first user of a new centre is added without a login.

    ``allow_trivial`` lets a PIN like 1111 through: for test centres only.
    """
    by = None
    if users_db.list_active(session.store):
        by = session.require(Permission.MANAGE_USERS).id
    name = _checked_name(session, name)
    pin_hash = hash_pin(checked_pin(pin, allow_trivial=allow_trivial))
    when = to_iso(now or utc_now())
    return users_db.add(session.store, session.terminal_id, when, by, name, Role(role).value,
                        pin_hash)  # fmt: skip


def _target(session: Session, user_id: int) -> users_db.UserRow:
    row = users_db.get(session.store, user_id)
    if row is None:
        raise OperationError("ไม่พบผู้ใช้นี้", "Unknown user.")
    return row


def _change(
    session: Session,
    user_id: int,
    change: str,
    now: datetime | None,
    *,
    name: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> None:
    by = session.require(Permission.MANAGE_USERS)
    row = _target(session, user_id)
    new_role = Role(role or row.role)
    new_active = row.active if active is None else active
    if (
        row.active
        and row.role == Role.MANAGER.value
        and not (new_active and new_role is Role.MANAGER)
    ):
        others = [u for u in users_db.list_active(session.store)
                  if u.role == Role.MANAGER.value and u.id != row.id]  # fmt: skip
        if not others:
            raise OperationError(
                "ต้องมีผู้จัดการที่ใช้งานได้อย่างน้อยหนึ่งคน เพิ่มผู้จัดการคนอื่นก่อน",
                "The till needs at least one active manager. Add another manager first.",
            )
    payload = {
        "user_id": row.id,
        "name": row.name if name is None else name,
        "role": new_role.value,
        "active": new_active,
        "change": change,
    }
    with session.store.transaction():
        record.record(session.store, session.terminal_id, "user_changed",
                      to_iso(now or utc_now()), by.id, payload)  # fmt: skip


def rename_user(session: Session, user_id: int, name: str, now: datetime | None = None) -> None:
    session.require(Permission.MANAGE_USERS)
    _change(session, user_id, "rename", now, name=_checked_name(session, name, user_id))


def set_role(session: Session, user_id: int, role: Role, now: datetime | None = None) -> None:
    _change(session, user_id, "role", now, role=Role(role))


def set_active(session: Session, user_id: int, active: bool, now: datetime | None = None) -> None:
    """Deactivate (cannot log in, history kept) or reactivate a user."""
    _change(session, user_id, "reactivate" if active else "deactivate", now, active=active)


def record_existing_users(session: Session, now: datetime | None = None) -> int:
    """Once, on a centre from before users were journalled: an entry for every user.

    Only when this terminal's journal has no user entry at all, so a user
    slipped into the file later is never adopted: from then on the replay
    check names any user the journal did not add. -> how many were recorded.
    """
    store = session.store
    rows = users_db.list_all(store)
    if not rows or users_db.recorded_ids(store, session.terminal_id):
        return 0
    when = to_iso(now or utc_now())
    with store.transaction():
        for r in sorted(rows, key=lambda r: r.id):
            payload = {"user_id": r.id, "name": r.name, "role": r.role, "active": r.active,
                       "existing": True}  # fmt: skip
            record.record(store, session.terminal_id, "user_added", when, None, payload)
    return len(rows)
