"""A sale stays with the producer, ownership and rate stamped on its lines, through a rebuild.

The story from issue 12: sell a product for producer P01, hand the product
to P02 with a new rate and ownership, rebuild the read tables from the
journal. The old sale must still be P01's, at the old rate, as its entry says.
"""

from __future__ import annotations

from shift_helpers import SILK, sell

from otop_pos.db.projections import record
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations.catalogue import products
from otop_pos.operations.consignment import statements
from otop_pos.operations.session import Session


def _lines(manager: Session) -> list[tuple[object, ...]]:
    return [
        tuple(r)
        for r in manager.store.query(
            "SELECT s.receipt_no, r.code, l.ownership, l.commission_bp"
            " FROM sale_lines l JOIN sales s ON s.id = l.sale_id"
            " LEFT JOIN producers r ON r.id = l.producer_id ORDER BY s.id, l.line_no"
        )
    ]


def test_a_moved_product_leaves_its_old_sales_with_the_old_producer(manager: Session) -> None:
    first = sell(manager, SILK)
    products.save_product(
        manager,
        {"sku": "SILK01", "producer_code": "P02", "commission_percent": "5", "ownership": "owned"},
    )
    later = sell(manager, SILK)
    stamped = [
        (first.receipt_no, "P01", "consigned", 2000),
        (later.receipt_no, "P02", "owned", 500),
    ]
    assert _lines(manager) == stamped
    sums = "SELECT * FROM sale_month_sums ORDER BY producer_id, month, product_id, ownership"
    before = [tuple(r) for r in manager.store.query(sums)]

    record.rebuild(manager.store)

    assert _lines(manager) == stamped
    assert [tuple(r) for r in manager.store.query(sums)] == before
    today = bangkok_date(utc_now())
    store = manager.store
    found = statements.statements(store, statements.producers_for(store, None), today, today)
    by_code = {s.producer_code: s for s in found.values()}
    assert by_code["P01"].total().sales.satang == 150_000  # consigned, at 20 %
    assert by_code["P01"].commission.satang == 30_000
    assert by_code["P02"].total("owned").sales.satang == 150_000
