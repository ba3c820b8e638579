"""Opening the cash drawer without a sale: approved by a manager, always logged."""

from __future__ import annotations

from datetime import datetime

from otop_pos.db.projections import record
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.approvals import Approval, authorize
from otop_pos.operations.errors import FieldError, OperationError, record_if_bug
from otop_pos.operations.session import Session


def open_drawer(
    session: Session, reason: str, approval: Approval | None = None, now: datetime | None = None
) -> int:
    """Log who opened the drawer and why, then kick it; the log entry comes first."""
    from otop_pos.printing.engine.devices import PrinterError, kick_drawer

    user, manager = authorize(session, Permission.OPEN_DRAWER, approval)
    if not reason.strip():
        raise FieldError("กรุณาใส่เหตุผล", "Please give a reason.", "reason")
    with session.store.transaction():
        entry = record.record(
            session.store,
            session.terminal_id,
            "drawer_open",
            to_iso(now or utc_now()),
            user.id,
            {"reason": reason.strip(), "approved_by": manager.id},
        )
    try:
        kick_drawer(session.settings.printer_uri)
    except (PrinterError, ValueError) as exc:
        record_if_bug(exc, "opening the drawer")
        raise OperationError(
            f"บันทึกแล้ว แต่เปิดลิ้นชักไม่ได้: {exc}", f"Logged, but the drawer did not open: {exc}"
        ) from exc
    return entry.seq
