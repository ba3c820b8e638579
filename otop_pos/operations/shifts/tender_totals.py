"""What each tender took in a business day (Bangkok calendar day) on this till.

Managers reconcile these against the drawer, the bank app and the
co-payment settlement, which arrives next day as two transfers (the
customers' part and the government's part). ``net`` (taken less customer
refunds paid back by the tender) is what the X and Z reports list per tender;
it is not the drawer: cash excludes the float, cash in and cash out, which
the shift slip's expected cash adds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from otop_pos.db.selling import sales as sales_db
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import day_bounds
from otop_pos.operations.session import Session


@dataclass(frozen=True, slots=True)
class TenderTotal:
    tender: str
    count: int
    amount: Money
    customer_share: Money
    government_share: Money
    over_cap: int
    refunded: Money  # customer refunds paid back by this tender that day

    @property
    def net(self) -> Money:
        """Taken less refunded: the X and Z reports' figure for this tender."""
        return self.amount - self.refunded


def tender_totals(session: Session, day: date) -> list[TenderTotal]:
    """This terminal's tenders on ``day`` (an X report, too, is one terminal's): a report,
    so it needs ``VIEW_REPORTS``."""
    session.require(Permission.VIEW_REPORTS)
    start, end = day_bounds(day)
    return [
        TenderTotal(
            str(r["tender"]),
            int(r["count"]),
            Money(int(r["amount_satang"])),
            Money(int(r["customer_share_satang"])),
            Money(int(r["government_share_satang"])),
            int(r["over_cap"]),
            Money(int(r["refunded_satang"])),
        )
        for r in sales_db.tender_totals(session.store, start, end, session.terminal_id)
    ]
