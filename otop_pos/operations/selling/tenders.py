"""What the payment dialog needs from the centre's settings: QR payloads and co-payment splits.

The PromptPay QR carries the exact amount, so the customer's bank app cannot
pay a different one; the cashier still confirms the money arrived before the
tender counts (a QR shown is not a QR paid).
"""

from __future__ import annotations

from dataclasses import dataclass

from otop_pos.domain.money import Money
from otop_pos.domain.selling.cash import CashRounding
from otop_pos.domain.selling.tenders import CopaySplit, PaymentError, copay_split
from otop_pos.domain.thai.promptpay import PromptPayError, parse_promptpay_id, promptpay_payload
from otop_pos.operations.errors import OperationError, record_if_bug
from otop_pos.operations.selling.checkout import TenderRefused, cash_rounding
from otop_pos.operations.session import Session


@dataclass(frozen=True, slots=True)
class PaymentSetup:
    """The centre's payment settings, read once when the dialog opens."""

    rounding: CashRounding
    copay_scheme: str
    copay_cap: Money


def payment_setup(session: Session) -> PaymentSetup:
    s = session.settings
    return PaymentSetup(cash_rounding(session), s.copay_scheme, s.copay_cap)


def promptpay_qr(session: Session, amount: Money) -> str:
    """The dynamic PromptPay payload for ``amount`` to the centre's PromptPay ID."""
    pp_id = session.settings.promptpay_id
    if not pp_id:
        raise OperationError(
            "ยังไม่ได้ตั้งค่าพร้อมเพย์ของศูนย์ (เบอร์มือถือหรือเลขประจำตัวผู้เสียภาษี)",
            "The centre's PromptPay ID is not set up.",
        )
    try:
        return promptpay_payload(parse_promptpay_id(pp_id), amount)
    except PromptPayError as exc:
        raise TenderRefused(str(exc), exc.english, "amount") from exc


def split_copay(session: Session, amount: Money) -> CopaySplit:
    """The usual split of a co-payment: the government's percent, up to the daily cap."""
    s = session.settings
    try:
        return copay_split(amount, s.copay_cap, s.copay_percent, s.copay_odd_satang)
    except PaymentError as exc:
        raise TenderRefused(str(exc), exc.english, exc.field) from exc


def check_promptpay_id(text: str) -> str:
    """Normalise a PromptPay ID typed in the settings, or refuse it in Thai."""
    try:
        return parse_promptpay_id(text).display
    except PromptPayError as exc:
        raise TenderRefused(str(exc), exc.english, "promptpay_id") from exc


def print_promptpay_slip(session: Session, amount: Money) -> bool:
    """Print the QR for ``amount`` on the receipt printer; False when the printer failed."""
    from otop_pos.printing.documents.promptpay_slip import build_promptpay_slip
    from otop_pos.printing.engine.devices import PrinterError, parse_printer_uri, print_document

    payload = promptpay_qr(session, amount)
    doc = build_promptpay_slip(session.settings.centre_name, amount, payload,
                               width_dots=session.settings.paper_dots)  # fmt: skip
    try:
        print_document(parse_printer_uri(session.settings.printer_uri), doc, cut=True)
    except (PrinterError, ValueError) as exc:
        record_if_bug(exc, "printing a PromptPay slip")
        return False
    return True
