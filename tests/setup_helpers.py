"""A new centre's first day, done through operations: its first product, its first cashier."""

from __future__ import annotations

from otop_pos.domain.staff.permissions import Role
from otop_pos.operations import auth
from otop_pos.operations.catalogue.products import save_product
from otop_pos.operations.session import Session
from otop_pos.operations.stock import counts

MANAGER_PIN = "4826"
CASHIER_PIN = "3571"
RICE_BARCODE = "8851234567898"


def first_product(session: Session, on_shelf: int = 20) -> str:
    """Jasmine rice at 120 baht, bought outright (no producer needed), counted onto the shelf."""
    sku = save_product(
        session,
        {
            "sku": "RICE01",
            "name_th": "ข้าวหอมมะลิยโสธร 1 กก.",
            "category": "food",
            "price": "120",
            "ownership": "owned",
            "barcodes": RICE_BARCODE,
        },
        new=True,
    )
    sheet = counts.start_count(session)
    line = counts.count_scan(session, sheet, RICE_BARCODE)
    counts.set_counted(sheet, line.product_id, on_shelf)
    counts.post_count(session, sheet, note="นับสต็อกเปิดศูนย์")
    return sku


def first_cashier(session: Session, name: str = "มาลี แคชเชียร์") -> int:
    return auth.create_user(session, name, Role.CASHIER, CASHIER_PIN)
