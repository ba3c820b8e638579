"""The stock kinds: stock_count, stock_adjust."""

from __future__ import annotations

from otop_pos.domain.journal.contract import ABSENT, STOCK_QTY, Field, Kind, Shape, optional

COUNT_LINE = Shape(
    (
        Field("product_id", "integer", "the product counted", unit="product id"),
        optional("sku", "text", "its SKU", ""),
        Field("expected", "integer", "on hand by the books when posted", unit=STOCK_QTY),
        Field("counted", "integer", "on the shelf", unit=STOCK_QTY),
    )
)

STOCK_COUNT = Kind(
    "stock_count",
    1,
    "A count posted: every line's difference becomes a movement.",
    (
        Field("count_no", "text", "the count's number (SC series)"),
        Field("scope", "object", "what was counted: {producer: code or null, category: or null}"),
        optional("note", "text", "a note", ""),
        optional("approved_by", "integer", "the approving manager", None, unit="user id"),
        optional("started_at", "time", "when counting began", None),
        Field("lines", "list", "the products counted", shape=COUNT_LINE),
    ),
)

ADJUST_ITEM = Shape(
    (
        Field("product_id", "integer", "the product", unit="product id"),
        optional("sku", "text", "its SKU", ""),
        Field("qty", "integer", "the change: positive in, negative out", unit=STOCK_QTY),
    )
)

STOCK_ADJUST = Kind(
    "stock_adjust",
    1,
    "Opening stock, or goods written off (damaged, expired, sample, lost).",
    (
        Field("reason", "text", "why; also the movements' reason",
              choices=("opening", "damaged", "expired", "sample", "lost")),
        Field("items", "list", "the products", shape=ADJUST_ITEM),
        optional("note", "text", "a note (required for lost goods)", ""),
        optional("adjust_no", "text", "the write-off's number (AJ series); none for opening", ""),
        optional("approved_by", "integer", "the approving manager; absent for opening stock",
                 ABSENT, unit="user id"),
    ),
)  # fmt: skip

KINDS = (STOCK_COUNT, STOCK_ADJUST)
