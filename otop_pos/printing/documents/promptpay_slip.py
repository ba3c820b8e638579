"""A PromptPay QR printed on a slip, for a customer whose phone cannot scan the screen.

The slip carries the amount in the QR itself (a dynamic payload), so it pays
exactly this bill; it is not a receipt and says so.
"""

from __future__ import annotations

from otop_pos.domain.money import Money
from otop_pos.printing.engine.document import WIDTH_80MM, Document, QRCode, Row, Rule, Spacer, Text


def build_promptpay_slip(
    centre_name: str, amount: Money, payload: str, receipt_hint: str = "",
    width_dots: int = WIDTH_80MM,
) -> Document:  # fmt: skip
    blocks = [
        Text(centre_name, "center", "large", bold=True),
        Text("สแกนจ่ายด้วยพร้อมเพย์ (PromptPay)", "center"),
        Rule("="),
        Row("ยอดชำระ", f"{amount.format()} บาท", bold=True, size="large"),
        Spacer(8),
        QRCode(payload, size_mm=50),
        Spacer(8),
        Text("ไม่ใช่ใบเสร็จรับเงิน", "center", "small"),
    ]
    if receipt_hint:
        blocks.append(Text(receipt_hint, "center", "small"))
    return Document(tuple(blocks), width_dots)
