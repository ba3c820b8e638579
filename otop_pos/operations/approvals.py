"""Manager approval: a manager's PIN typed at the till, or a manager logged in.

Voids, refunds, discounts over the limit, price overrides and opening the
drawer without a sale need it. Operations take an ``Approval`` and call
``authorize``; a cashier calling them without one is refused there, whatever
the UI does. Who asked and who approved goes into the journal entry and,
through its projection, the audit log.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from otop_pos.db.projections import record
from otop_pos.db.staff import audit_log
from otop_pos.db.staff import users as users_db
from otop_pos.domain.staff.permissions import ACTION_TH, Permission, Role, can
from otop_pos.domain.staff.pins import LoginPolicy, verify_pin
from otop_pos.domain.thai.thaidate import day_bounds, format_numeric, from_iso, to_iso, utc_now
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session, User

POLICY = LoginPolicy(max_attempts=5, lock_seconds=60)
REMEMBER = timedelta(hours=1)
"""Wrong approval PINs older than this no longer count towards a lock-out."""

log = logging.getLogger(__name__)  # user ids and permissions only, never a PIN


@dataclass(frozen=True)
class Approval:
    """A manager said yes to one permission, for one action."""

    manager: User
    permission: Permission


def approve(
    session: Session, pin: str, permission: Permission, now: datetime | None = None
) -> Approval:
    """Find the manager whose PIN this is; five wrong PINs lock approvals for 60 s.

    Every wrong PIN is an `approval_refused` entry (who asked, for what, never
    the PIN) in the journal and the audit log, and the lock is computed from
    those stored rows, so closing and restarting the till does not lift it.
    """
    now = now or utc_now()
    locked_until = approvals_locked_until(session, now)
    if locked_until is not None:
        left = LoginPolicy.seconds_left(locked_until, now)
        raise FieldError(
            f"ใส่รหัสผู้จัดการผิดหลายครั้ง กรุณารอ {left} วินาที",
            f"Too many wrong manager PINs. Wait {left} s.",
            "pin",
        )
    for row in users_db.list_active(session.store):
        if row.role == Role.MANAGER.value and verify_pin(pin, row.pin_hash):
            session.approvals_granted_at = now
            log.info("approval: manager %s for %s", row.id, permission.value)
            return Approval(User(row.id, row.name, Role.MANAGER), permission)
    asker = session.user.id if session.user else None
    log.warning("approval refused: not a manager's PIN (asked by user %s for %s)", asker,
                permission.value)  # fmt: skip
    failures = [*_refusals(session, now), now]
    locks = POLICY.locked_after(failures, now) is not None
    with session.store.transaction():
        record.record(session.store, session.terminal_id, "approval_refused", to_iso(now), asker,
                      {"permission": permission.value, "locked": locks})  # fmt: skip
    if locks:
        log.warning("approvals locked for %s s after %s wrong PINs", POLICY.lock_seconds,
                    POLICY.max_attempts)  # fmt: skip
    raise FieldError("รหัส PIN นี้ไม่ใช่ของผู้จัดการ", "That PIN is not a manager's PIN.", "pin")


def _refusals(session: Session, now: datetime) -> list[datetime]:
    """This terminal's wrong approval PINs since the last approval given, within the hour."""
    since = now - REMEMBER
    granted = [session.approvals_granted_at]
    last = audit_log.last_approval(session.store, session.terminal_id, to_iso(since))
    if last is not None:
        granted.append(from_iso(last))
    since = max([since, *(g for g in granted if g is not None)])
    return [from_iso(t) for t in audit_log.approval_refusals(session.store, session.terminal_id,
                                                             to_iso(since))]  # fmt: skip


def approvals_locked_until(session: Session, now: datetime | None = None) -> datetime | None:
    """When approvals at this terminal may be tried again, or None when they may now."""
    now = now or utc_now()
    return POLICY.locked_after(_refusals(session, now), now)


def authorize(
    session: Session, permission: Permission, approval: Approval | None
) -> tuple[User, User]:
    """(asked by, approved by) for an action, or a refusal naming the action in Thai."""
    if session.user is None:
        raise OperationError("กรุณาเข้าสู่ระบบก่อน", "Please log in first.")
    user = session.user
    if can(user.role, permission):
        return user, user
    if (
        approval is not None
        and approval.permission is permission
        and can(approval.manager.role, permission)
    ):
        return user, approval.manager
    action = ACTION_TH.get(permission, permission.value)
    raise OperationError(
        f"{action} ต้องให้ผู้จัดการอนุมัติ", f"A manager must approve this ({permission.value})."
    )


ACTION_NAMES = {
    "th": {
        "void_sale": "ยกเลิกบิลขาย",
        "refund": "คืนสินค้า/คืนเงิน",
        "open_drawer": "เปิดลิ้นชักโดยไม่มีการขาย",
        "discount": "ส่วนลดเกินเกณฑ์",
        "price_override": "แก้ราคาขาย",
        "cash_in": "นำเงินเข้าลิ้นชัก",
        "cash_out": "นำเงินออกจากลิ้นชัก",
        "shift_over_short": "เงินขาด/เกินเมื่อปิดกะ",
        "stock_adjust": "ปรับสต็อก (ชำรุด/หมดอายุ/ตัวอย่าง/สูญหาย)",
        "stock_count": "บันทึกผลตรวจนับสต็อก",
        "producer_payout": "จ่ายเงินผู้ผลิต",
        "books_acknowledged": "รับทราบข้อมูลไม่ตรงกับบันทึกรายการ",
        "settings_changed": "เปลี่ยนการตั้งค่า",
        "approval_refused": "ใส่รหัสผู้จัดการผิด",
        "user_added": "เพิ่มผู้ใช้",
        "user_rename": "เปลี่ยนชื่อผู้ใช้",
        "user_role": "เปลี่ยนตำแหน่งผู้ใช้",
        "user_deactivate": "ปิดการใช้งานผู้ใช้",
        "user_reactivate": "เปิดการใช้งานผู้ใช้อีกครั้ง",
        "pin_reset": "ตั้งรหัส PIN ใหม่ให้ผู้ใช้",
        "pin_changed": "ผู้ใช้เปลี่ยนรหัส PIN ของตนเอง",
        "user_unlocked": "ปลดล็อกผู้ใช้",
    },
    "en": {
        "void_sale": "Void sale",
        "refund": "Refund / return",
        "open_drawer": "Drawer opened without a sale",
        "discount": "Discount over the limit",
        "price_override": "Price override",
        "cash_in": "Cash in",
        "cash_out": "Cash out",
        "shift_over_short": "Shift over/short",
        "stock_adjust": "Stock write-off (damaged/expired/sample/lost)",
        "stock_count": "Stock count posted",
        "producer_payout": "Producer paid",
        "books_acknowledged": "Books problem acknowledged",
        "settings_changed": "Settings changed",
        "approval_refused": "Wrong manager PIN",
        "user_added": "User added",
        "user_rename": "User renamed",
        "user_role": "User's role changed",
        "user_deactivate": "User deactivated",
        "user_reactivate": "User reactivated",
        "pin_reset": "PIN reset by a manager",
        "pin_changed": "User changed own PIN",
        "user_unlocked": "User unlocked",
    },
}


@dataclass(frozen=True)
class AuditEntry:
    when: str  # Bangkok, B.E.
    action: str
    asked_by: str
    approved_by: str
    detail: str
    seq: int


def _detail_text(detail: dict[str, object], lang: str = "th") -> str:
    changes = detail.get("changes")
    if isinstance(changes, list):  # settings_changed: "key: old → new" per setting
        return "; ".join(f"{c['key']}: {c['old'] or '-'} → {c['new'] or '-'}" for c in changes)
    parts = []
    for key in sorted(detail):
        value = detail[key]
        if value in (None, ""):
            continue
        if key in ("amount", "total", "over_short", "unit_price", "discount", "list_price"):
            value = f"{int(value) / 100:,.2f}"  # type: ignore[call-overload]
        if key == "permission" and lang == "th" and value in set(Permission):
            value = ACTION_TH.get(Permission(str(value)), value)  # what the wrong PIN was for
        parts.append(f"{key}={value}")
    return ", ".join(parts)


def audit_entries(session: Session, start: date, end: date) -> list[AuditEntry]:
    """The audit log for Bangkok dates [start, end], oldest first (managers only)."""
    session.require(Permission.VIEW_AUDIT)
    lang = "en" if session.lang == "en" else "th"
    first, _ = day_bounds(start)
    _, last = day_bounds(end)
    return [
        AuditEntry(
            format_numeric(from_iso(r["occurred_at"])),
            ACTION_NAMES[lang].get(r["action"], r["action"]),
            r["asked_by_name"] or "",
            r["approved_by_name"] or "",
            _detail_text(json.loads(r["detail"]), lang),
            int(r["seq"]),
        )
        for r in audit_log.audit_log(session.store, first, last)
    ]
