"""The selling kinds: sale, cart_void, tax_invoice, sale_void, refund."""

from __future__ import annotations

from otop_pos.domain.journal.contract import ABSENT, Field, Kind, Shape, optional

SATANG = "satang"
OWNERSHIP = ("consigned", "owned")
UNITS = ("piece", "kg", "g", "l", "m")
QTY = "pieces; thousandths of the unit when the unit is measured (kg, g, l, m)"

APPROVAL = Shape(
    (
        Field(
            "action", "text", "what the manager approved", choices=("discount", "price_override")
        ),
        Field("approved_by", "integer", "the approving manager", unit="user id"),
        Field("list_price", "integer", "the catalogue price the line started from", SATANG),
    )
)

LINE = (
    Field("product_id", "integer", "the product sold", unit="product id"),
    optional("sku", "text", "the product's SKU as sold", ""),
    Field("name_th", "text", "the product's Thai name as printed"),
    Field("qty", "integer", "how many", unit=QTY),
    Field("unit_price", "integer", "the price of one unit as sold, VAT included", SATANG),
    Field("discount", "integer", "the line's discount", SATANG),
    Field("amount", "integer", "what the line costs: qty x unit price less discount", SATANG),
    optional("approval", "record", "a discount or price a manager approved", None,
             shape=APPROVAL),
    optional("vatable", "flag", "the line carried VAT as sold (false: VAT-exempt goods)", True),
    optional("unit", "text", "the unit qty counts (weighed goods are measured)", "piece",
             choices=UNITS),
)  # fmt: skip

SALE_LINE = Shape(
    (
        *LINE,
        Field("producer_code", "text", "the producer credited, as sold (null: none)",
              nullable=True, since=2, default=ABSENT),
        Field("ownership", "text", "consigned or owned, as sold", choices=OWNERSHIP, since=2,
              default=ABSENT),
        Field("commission_bp", "integer", "the commission rate as sold",
              unit="basis points (1/100 %)", since=2, default=ABSENT),
    )
)  # fmt: skip

PAYMENT = Shape(
    (
        Field("tender", "text", "how it was paid",
              choices=("cash", "promptpay", "card", "transfer", "copay")),
        Field("amount", "integer", "what this tender covered (cash: rounded, change kept out)",
              SATANG),
        optional("reference", "text", "slip or transfer reference", ""),
        optional("approval_code", "text", "a card's approval code", ""),
        optional("card_last4", "text", "a card's last four digits", ""),
        optional("scheme", "text", "a co-payment scheme's name", ""),
        optional("customer_share", "integer", "a co-payment's customer part", 0, unit=SATANG),
        optional("government_share", "integer", "a co-payment's government part", 0,
                 unit=SATANG),
        optional("over_cap", "flag", "the government part went over the daily cap", False),
        optional("confirmed_by", "integer", "who saw the money arrive (PromptPay, transfer)",
                 None, unit="user id"),
    )
)  # fmt: skip

SHIFT_SEQ = "the open shift, by the seq of its shift_open entry (null: none open)"

SALE = Kind(
    "sale",
    2,
    "A completed sale: its number, lines, VAT, tenders and change.",
    (
        Field("receipt_no", "text", "the receipt number, e.g. POS01-69110001"),
        Field("pos_id", "text", "the till's POS ID on the receipt"),
        Field("lines", "list", "the lines sold", shape=SALE_LINE),
        Field("total", "integer", "the goods' value, VAT included, before cash rounding", SATANG),
        Field("rounding", "integer", "the cash rounding (negative: in the customer's favour)",
              SATANG),
        Field("vat", "integer", "the VAT inside the VAT-able lines (0 when not registered)",
              SATANG),
        Field("vat_base", "integer", "the VAT-able value less its VAT", SATANG),
        optional("exempt", "integer", "the VAT-exempt lines' value", 0, unit=SATANG),
        Field("payments", "list", "the tenders", shape=PAYMENT),
        Field("tendered", "integer", "the cash handed over", SATANG),
        Field("change", "integer", "the change given", SATANG),
        Field("shift_seq", "integer", SHIFT_SEQ, unit="seq", nullable=True, since=2),
    ),
    (
        "1: before the kinds were declared; tender details (ae8a38f), line approvals and "
        "shift_seq (ddf1cce) and the lines' producer_code, ownership and commission_bp "
        "(schema 4) came in one by one, so each may be absent",
        "2: the first declared shape; every line stamped with producer, ownership and rate",
    ),
)  # fmt: skip

CART_VOID = Kind(
    "cart_void",
    1,
    "A cart abandoned before payment, for the audit trail only.",
    (
        Field("lines", "list", "the lines on the cart", shape=Shape(LINE)),
        Field("total", "integer", "the cart's total", SATANG),
    ),
)

BUYER = Shape(
    (
        Field("name", "text", "the buyer's name"),
        Field("address", "text", "the buyer's address"),
        Field("tax_id", "text", "the buyer's 13-digit tax ID ('' for a person without one)"),
        Field("branch", "text", "the buyer's branch code, 00000 for head office"),
        Field("postcode", "text", "the buyer's postcode"),
        Field("is_person", "flag", "a person rather than a company"),
    )
)

TAX_INVOICE = Kind(
    "tax_invoice",
    1,
    "A full tax invoice issued for an earlier sale.",
    (
        Field("invoice_no", "text", "the invoice number in its own series"),
        Field("receipt_no", "text", "the sale it is for"),
        Field("buyer", "record", "who it is made out to", shape=BUYER),
    ),
)

VOID_LINE = Shape(
    (
        Field("product_id", "integer", "a product of the sale", unit="product id"),
        Field("qty", "integer", "how many go back to stock", unit=QTY),
    )
)

SALE_VOID = Kind(
    "sale_void",
    1,
    "A whole sale cancelled before its Z: money back, goods back to stock.",
    (
        Field("receipt_no", "text", "the sale voided"),
        Field("total", "integer", "the sale's total", SATANG),
        Field("reason", "text", "why"),
        Field("approved_by", "integer", "the approving manager", unit="user id"),
        optional("shift_seq", "integer", SHIFT_SEQ, None, unit="seq", nullable=True),
        Field("lines", "list", "the goods restocked", shape=VOID_LINE),
    ),
)

REFUND_LINE = Shape(
    (
        Field("sale_line_no", "integer", "the sale's line, from 1"),
        Field("product_id", "integer", "the product returned", unit="product id"),
        Field("qty", "integer", "how many", unit=QTY),
        Field("amount", "integer", "the money back for them", SATANG),
        Field("disposition", "text", "back on the shelf or written off",
              choices=("restock", "damaged")),
        optional("vatable", "flag", "the sale line carried VAT", True),
    )
)  # fmt: skip

REFUND = Kind(
    "refund",
    1,
    "Goods a customer brings back against a receipt, with a credit note for a full invoice.",
    (
        Field("refund_no", "text", "the refund's number (RF series)"),
        Field("receipt_no", "text", "the sale they came from"),
        Field("invoice_no", "text", "the sale's full tax invoice, if any", nullable=True),
        Field("credit_note_no", "text", "the credit note issued, if any (CN series)",
              nullable=True),
        Field("tender", "text", "how the money went back",
              choices=("cash", "promptpay", "card", "transfer", "copay")),
        Field("total", "integer", "the money back", SATANG),
        Field("vat", "integer", "the VAT inside it", SATANG),
        optional("exempt", "integer", "the VAT-exempt part of it", 0, unit=SATANG),
        Field("reason", "text", "why"),
        Field("approved_by", "integer", "the approving manager", unit="user id"),
        optional("shift_seq", "integer", SHIFT_SEQ, None, unit="seq", nullable=True),
        Field("lines", "list", "what came back", shape=REFUND_LINE),
    ),
)  # fmt: skip

KINDS = (SALE, CART_VOID, TAX_INVOICE, SALE_VOID, REFUND)
