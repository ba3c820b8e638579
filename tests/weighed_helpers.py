"""The demo's loose garlic, sold by the kilogram, for the weighed-goods tests."""

from __future__ import annotations

from otop_pos.db.catalogue import products as catalog
from otop_pos.db.projections import record
from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.session import Session

GARLIC = {
    "sku": "QK07", "name_th": "กระเทียมศรีสะเกษ ชั่งขาย (กิโลกรัม)", "name_en": "Sisaket garlic",
    "category": "food", "stars": None, "producer_code": "P01", "price_satang": 13000,
    "vat_applicable": False, "ownership": "consigned", "quick_key": 7, "active": True,
    "barcodes": [], "unit": "kg", "scale_code": 7,
}  # fmt: skip
WEIGHT_LABEL = make_ean13("200000700450")  # flag 20, item 7, 450 g
PRICE_LABEL = make_ean13("210000705850")  # flag 21, item 7, 58.50 baht


def add_garlic(session: Session, grams: int = 40_000) -> int:
    """Garlic at 130.00 a kilogram from producer P01, with ``grams`` on the shelf."""
    store = session.store
    now = to_iso(utc_now())
    with store.transaction():
        record.record(store, "T01", "product_upsert", now, None, {"products": [GARLIC]})
        pid = catalog.sku_id(store, "QK07")
        assert pid is not None
        items = [{"product_id": pid, "sku": "QK07", "qty": grams}]
        record.record(
            store, "T01", "stock_adjust", now, None, {"reason": "opening", "items": items}
        )
    return pid
