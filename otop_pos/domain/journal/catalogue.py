"""The catalogue kinds: producer_upsert, product_upsert, barcode_assign."""

from __future__ import annotations

from otop_pos.domain.journal.contract import Field, Kind, Shape, optional

CATEGORIES = ("food", "drink", "textile", "household", "herbal")
PRODUCER_TYPES = ("community_enterprise", "single_owner", "sme")
BP = "basis points (1/100 %)"
UNITS = ("piece", "kg", "g", "l", "m")

PRODUCER = Shape(
    (
        Field("code", "text", "the producer's code, its name in every other entry"),
        Field("name", "text", "the producer's name"),
        Field("type", "text", "community enterprise, single owner or SME", choices=PRODUCER_TYPES),
        optional("district", "text", "the district (amphoe)", ""),
        optional("province", "text", "the province", ""),
        optional("contact", "text", "phone or contact person", ""),
        optional("commission_bp", "integer", "the centre's commission on consigned goods", 0,
                 unit=BP),
        optional("active", "flag", "still delivering", True),
        optional("reg_no", "text", "community enterprise registration number", ""),
        optional("tax_id", "text", "13-digit tax ID", ""),
        optional("bank_name", "text", "bank for payouts", ""),
        optional("bank_account", "text", "account number for payouts", ""),
        optional("account_name", "text", "account holder", ""),
        optional("promptpay_id", "text", "PromptPay ID for payouts", ""),
        optional("vat_registered", "flag", "the producer is VAT registered", False),
    )
)  # fmt: skip

PRODUCER_UPSERT = Kind(
    "producer_upsert",
    1,
    "Producers added or changed, whole (a batch from a file or one from the form).",
    (Field("producers", "list", "each producer as it now is", shape=PRODUCER),),
    ("1: the payout details (reg_no to vat_registered) came with schema 4; absent before",),
)

PRODUCT = Shape(
    (
        Field("sku", "text", "the product's SKU, its key"),
        Field("name_th", "text", "Thai name"),
        Field("name_en", "text", "English name"),
        Field("category", "text", "the OTOP category", choices=CATEGORIES),
        Field("stars", "integer", "OTOP stars 1-5", nullable=True),
        Field("producer_code", "text", "who makes it (null: nobody)", nullable=True),
        Field("price_satang", "integer", "the shelf price, VAT included", "satang"),
        Field("vat_applicable", "flag", "VAT is charged on it (false: exempt goods)"),
        Field("ownership", "text", "consigned or bought outright", choices=("consigned", "owned")),
        Field("quick_key", "integer", "its quick key on the sale screen", nullable=True),
        Field("active", "flag", "on sale"),
        optional("barcodes", "list", "every barcode it carries", [], of="text"),
        optional("commission_bp", "integer", "its own commission rate (null: the producer's)",
                 None, unit=BP, nullable=True),
        optional("min_stock", "integer", "reorder level", 0,
                 unit="pieces, or thousandths of a measured unit"),
        optional("unit", "text", "sold by the piece or measured (kg, g, l, m)", "piece",
                 choices=UNITS),
        optional("scale_code", "integer", "the item code its scale labels carry", None,
                 nullable=True),
    )
)  # fmt: skip

PRODUCT_UPSERT = Kind(
    "product_upsert",
    1,
    "Products added or changed, whole: a price change adds a price-history row.",
    (Field("products", "list", "each product as it now is", shape=PRODUCT),),
    (
        "1: commission_bp and min_stock came with schema 4, unit and scale_code with schema 7;"
        " absent before",
    ),
)

BARCODE_ASSIGN = Kind(
    "barcode_assign",
    1,
    "An in-store EAN-13 (prefix 20-29) printed for a product.",
    (
        Field("product_id", "integer", "the product", unit="product id"),
        Field("barcode", "text", "the code"),
    ),
)

KINDS = (PRODUCER_UPSERT, PRODUCT_UPSERT, BARCODE_ASSIGN)
