"""The consignment kinds: goods_received, producer_return, settlement, payout."""

from __future__ import annotations

from otop_pos.domain.journal.contract import STOCK_QTY, Field, Kind, Shape, optional

OWNERSHIP = ("consigned", "owned")

INTAKE_LINE = Shape(
    (
        Field("product_id", "integer", "the product", unit="product id"),
        optional("sku", "text", "its SKU", ""),
        optional("name_th", "text", "its Thai name", ""),
        Field("qty", "integer", "how many came in", unit=STOCK_QTY),
        Field("ownership", "text", "consigned or bought outright", choices=OWNERSHIP),
        optional("unit_cost", "integer", "what the centre paid for one (owned goods)", None,
                 unit="satang", nullable=True),
        optional("lot", "text", "the producer's lot", ""),
        optional("expiry", "date", "best before", None, nullable=True),
    )
)  # fmt: skip

GOODS_RECEIVED = Kind(
    "goods_received",
    1,
    "A delivery received against the producer's delivery note.",
    (
        Field("intake_no", "text", "the intake's number (RC series)"),
        Field("producer_code", "text", "who delivered"),
        optional("delivery_note", "text", "the producer's delivery note number", ""),
        optional("note", "text", "a note", ""),
        Field("lines", "list", "the goods", shape=INTAKE_LINE),
    ),
)

RETURN_LINE = Shape(
    (
        Field("product_id", "integer", "the product", unit="product id"),
        optional("sku", "text", "its SKU", ""),
        optional("name_th", "text", "its Thai name", ""),
        Field("qty", "integer", "how many went back", unit=STOCK_QTY),
        Field("ownership", "text", "consigned or bought outright", choices=OWNERSHIP),
    )
)

PRODUCER_RETURN = Kind(
    "producer_return",
    1,
    "Goods handed back to their producer.",
    (
        Field("return_no", "text", "the return's number (RT series)"),
        Field("producer_code", "text", "who took them"),
        optional("reason", "text", "why", ""),
        Field("lines", "list", "the goods", shape=RETURN_LINE),
    ),
)

SETTLEMENT = Kind(
    "settlement",
    1,
    "A producer's period settled: the statement frozen as it was.",
    (
        Field("settlement_no", "text", "the settlement's number (ST series)"),
        Field("producer_code", "text", "whose"),
        Field("period_from", "date", "the period's first Bangkok day"),
        Field("period_to", "date", "the period's last Bangkok day"),
        Field("covers", "object", "the journal it read: terminal -> last seq"),
        Field("statement", "object", "the statement (domain/consignment/statement.py), satang"),
    ),
)

PAYOUT = Kind(
    "payout",
    1,
    "Money paid to a producer against settled statements.",
    (
        Field("payout_no", "text", "the payout's number (PY series)"),
        Field("producer_code", "text", "who was paid"),
        Field("method", "text", "how", choices=("cash", "transfer", "promptpay")),
        Field("amount", "integer", "how much", "satang"),
        optional("reference", "text", "the transfer's reference", ""),
    ),
)

KINDS = (GOODS_RECEIVED, PRODUCER_RETURN, SETTLEMENT, PAYOUT)
