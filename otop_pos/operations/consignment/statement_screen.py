"""What the settlement screens read: a period's statements, settled or not yet.

A period already settled shows its frozen statement (with its number), not a
new calculation: after settling, the manager sees exactly what was locked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from otop_pos.db.consignment import accounts as settle_db
from otop_pos.domain.consignment.statement import Statement
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.consignment import statements
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session


def preview(
    session: Session,
    period_from: date,
    period_to: date,
    codes: Sequence[str] | None = None,
) -> list[Statement]:
    """Each producer's statement for the period: frozen if settled for it, else as of now."""
    session.require(Permission.VIEW_REPORTS)
    if period_from > period_to:
        raise FieldError(
            "วันเริ่มงวดต้องไม่อยู่หลังวันสิ้นงวด",
            "The period must start on or before its last day.",
            "period_from",
        )
    store = session.store
    producers = statements.producers_for(store, codes)
    live = statements.statements(store, producers, period_from, period_to)
    out = []
    for p in producers:
        pid = int(p["id"])
        frozen = _settled_for(session, pid, period_from.isoformat(), period_to.isoformat())
        out.append(frozen or live[pid])
    return out


def _settled_for(session: Session, producer_id: int, start: str, end: str) -> Statement | None:
    for row in settle_db.of_producer(session.store, producer_id):
        if row["period_from"] == start and row["period_to"] == end:
            return statements.settled_statement(session.store, str(row["settlement_no"]))
        if row["period_to"] < start:
            break  # newest first: nothing older can match
    return None


def print_or_save(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a printing function of consignment/documents; refuse in Thai if the printer failed."""
    result = function(*args, **kwargs)
    if getattr(result, "ok", True) is False:
        why = str(getattr(result, "message", "")) or "-"
        raise OperationError(f"พิมพ์ไม่สำเร็จ: {why}", f"Not printed: {why}")
    return result
