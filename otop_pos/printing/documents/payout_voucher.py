"""The payout voucher (ใบสำคัญจ่ายเงินผู้ผลิต): money handed or sent to a producer.

The centre files it as proof of payment, so the producer signs it; it says
how much in figures and words, how it was paid, and what is still owed
after it. For PromptPay it carries the transfer QR, so the manager can pay
from a phone by scanning the slip instead of typing the amount.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from otop_pos.domain.money import Money
from otop_pos.domain.thai.bahttext import baht_text
from otop_pos.printing.documents.statement import COPY_TH, be_datetime
from otop_pos.printing.documents.tax_invoice import SIGN_DOTS
from otop_pos.printing.engine.document import (
    WIDTH_80MM,
    Block,
    Document,
    QRCode,
    Row,
    Rule,
    Spacer,
    Text,
)

TITLE_TH = "ใบสำคัญจ่ายเงินผู้ผลิต"
SCAN_TH = "สแกนเพื่อโอนให้ผู้ผลิต"
METHODS_TH = {"cash": "เงินสด", "transfer": "โอนเข้าบัญชี", "promptpay": "พร้อมเพย์"}
WORDS = {
    "no": "เลขที่",
    "date": "วันที่",
    "payee": "ผู้รับเงิน",
    "method": "วิธีจ่าย",
    "account": "บัญชี",
    "reference": "อ้างอิง",
    "amount": "จำนวนเงิน",
    "remaining": "ยอดค้างจ่ายคงเหลือ",
    "sign_payee": "ผู้รับเงิน",
    "sign_payer": "ผู้จ่ายเงิน",
}


@dataclass(frozen=True)
class PayoutSlipData:
    """A recorded payout and who it went to, ready to print."""

    centre_name: str
    payout_no: str
    paid_at: str  # UTC ISO
    producer_code: str
    producer_name: str
    method: str  # 'cash' | 'transfer' | 'promptpay'
    amount: Money
    remaining: Money
    reference: str = ""
    qr_payload: str = ""  # PromptPay EMV payload, for method 'promptpay'
    account_text: str = ""  # 'ธ.กรุงไทย 123-4-56789-0 ชื่อบัญชี …' for transfers
    paid_by: str = ""
    is_copy: bool = False

    def __post_init__(self) -> None:
        if self.method not in METHODS_TH:
            raise ValueError(f"method must be one of {tuple(METHODS_TH)}, not {self.method!r}")
        if self.amount.satang <= 0:
            raise ValueError("ยอดจ่ายต้องมากกว่าศูนย์")
        if self.method == "promptpay" and not self.qr_payload:
            raise ValueError("การจ่ายด้วยพร้อมเพย์ต้องมี QR สำหรับโอน")


def _header(d: PayoutSlipData) -> list[Block]:
    out: list[Block] = [
        Text(d.centre_name, "center", "large", bold=True),
        Text(TITLE_TH, "center", "large", bold=True),
    ]
    if d.is_copy:
        out.append(Text(COPY_TH, "center", "large", bold=True))
    out += [
        Rule("="),
        Row(WORDS["no"], d.payout_no, bold=True),
        Row(WORDS["date"], be_datetime(d.paid_at)),
        Text(f"{WORDS['payee']} {d.producer_code} {d.producer_name}", bold=True),
        Row(WORDS["method"], METHODS_TH[d.method]),
    ]
    if d.account_text:
        out.append(Text(f"{WORDS['account']} {d.account_text}"))
    if d.reference:
        out.append(Row(WORDS["reference"], d.reference))
    return out


def _money(d: PayoutSlipData) -> list[Block]:
    return [
        Rule("-"),
        Row(WORDS["amount"], d.amount.format(), bold=True, size="xlarge"),
        Text(f"({baht_text(d.amount)})", "right"),
        Row(WORDS["remaining"], d.remaining.format()),
    ]


def _qr(d: PayoutSlipData) -> list[Block]:
    if d.method != "promptpay":
        return []
    return [
        Rule("-"),
        Text(SCAN_TH, "center", bold=True),
        Spacer(8),
        QRCode(d.qr_payload, size_mm=45),
        Text(f"พร้อมเพย์ {d.amount.format()} บาท", "center", "small"),
    ]


def _signatures(d: PayoutSlipData) -> list[Block]:
    out: list[Block] = [Rule("=")]
    for who, name in (("sign_payee", d.producer_name), ("sign_payer", d.paid_by)):
        out += [Spacer(48), Text(f"{WORDS[who]} {SIGN_DOTS}", "center")]
        if name:
            out.append(Text(f"({name})", "center", "small"))
    return out


def build_payout_slip(data: PayoutSlipData, width_dots: int = WIDTH_80MM) -> Document:
    """The voucher: number, payee, method, amount in figures and words, QR, signatures."""
    blocks = _header(data) + _money(data) + _qr(data) + _signatures(data)
    return Document(tuple(blocks), width_dots)


def render_payout_slip_pdf(data: PayoutSlipData, path: str | os.PathLike[str]) -> Path:
    """The voucher as an A4 PDF (the roll layout on a page: it is short), written atomically."""
    from otop_pos.printing.engine.pdf import render_pdf_file

    return render_pdf_file(
        build_payout_slip(data), path, page="a4", title=f"{TITLE_TH} {data.payout_no}",
        stamp=COPY_TH if data.is_copy else None,
    )  # fmt: skip
