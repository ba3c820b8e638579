"""What each tender took in a business day (Bangkok calendar day).

Managers reconcile these against the drawer, the bank app and the
co-payment settlement, which arrives next day as two transfers (the
customers' part and the government's part).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from otop_pos.db.selling import sales as sales_db
from otop_pos.domain.money import Money
from otop_pos.domain.thai.thaidate import BANGKOK, to_iso
from otop_pos.operations.session import Session

TENDER_NAMES = {
    "th": {
        "cash": "เงินสด",
        "promptpay": "พร้อมเพย์",
        "card": "บัตร",
        "transfer": "โอนเงิน",
        "copay": "โครงการรัฐร่วมจ่าย",
    },
    "en": {
        "cash": "Cash",
        "promptpay": "PromptPay",
        "card": "Card",
        "transfer": "Bank transfer",
        "copay": "Co-payment",
    },
}


def tender_name(kind: str, lang: str = "th") -> str:
    return TENDER_NAMES["en" if lang == "en" else "th"].get(kind, kind)


@dataclass(frozen=True, slots=True)
class TenderTotal:
    tender: str
    count: int
    amount: Money
    customer_share: Money
    government_share: Money
    over_cap: int


def day_bounds(day: date) -> tuple[str, str]:
    """The UTC ISO range of one Bangkok calendar day."""
    start = datetime.combine(day, time(0), BANGKOK)
    return to_iso(start), to_iso(start + timedelta(days=1))


def tender_totals(session: Session, day: date) -> list[TenderTotal]:
    start, end = day_bounds(day)
    return [
        TenderTotal(
            str(r["tender"]),
            int(r["count"]),
            Money(int(r["amount_satang"])),
            Money(int(r["customer_share_satang"])),
            Money(int(r["government_share_satang"])),
            int(r["over_cap"]),
        )
        for r in sales_db.tender_totals(session.store, start, end)
    ]
