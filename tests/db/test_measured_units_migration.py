"""A schema-5 centre upgrades to measured units: every old product a piece, its stock as it was."""

from __future__ import annotations

from pathlib import Path

from otop_pos.db.catalogue import products
from otop_pos.db.schema import migrations, v7_measured_units
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.stock import levels
from otop_pos.db.store import open_store
from otop_pos.domain.catalogue.units import Unit


def _schema_5_centre(path: Path) -> None:
    """A file as the release before measured units left it: two products, stock, one sale."""
    store = open_store(path, migrate=False)
    with store.transaction():
        for step in migrations.MIGRATIONS[:5]:
            step(store)
        store.conn.execute("PRAGMA user_version = 5")
        run = store.conn.execute
        run("INSERT INTO producers (id, code, name, type) VALUES (1, 'P07', 'กลุ่มกระเทียม', 'sme')")
        run(
            "INSERT INTO products (id, sku, name_th, category, producer_id, price_satang)"
            " VALUES (1, 'QK07', 'กระเทียมศรีสะเกษ ชั่งขาย (กิโลกรัม)', 'food', 1, 13000),"
            " (2, 'TEA01', 'ชาใบหม่อน', 'drink', 1, 8550)"
        )
        run("INSERT INTO barcodes (barcode, product_id) VALUES ('8850000000021', 2)")
        run(
            "INSERT INTO journal (terminal_id, seq, kind, occurred_at, payload, prev_hash, hash)"
            " VALUES ('T01', 1, 'sale', '2026-01-05T03:00:00+00:00', '{}', '', '')"
        )
        run(
            "INSERT INTO sales (id, terminal_id, seq, receipt_no, occurred_at, total_satang,"
            " vat_satang, tendered_satang, change_satang) VALUES"
            " (1, 'T01', 1, 'POS01-69010001', '2026-01-05T03:00:00+00:00', 13000, 0, 13000, 0)"
        )
        run(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, name_th, qty,"
            " unit_price_satang, discount_satang, amount_satang, producer_id)"
            " VALUES (1, 1, 1, 'กระเทียมศรีสะเกษ ชั่งขาย (กิโลกรัม)', 1, 13000, 0, 13000, 1)"
        )
        run(
            "INSERT INTO stock_movements (product_id, qty, reason, terminal_id, seq, occurred_at)"
            " VALUES (1, 40, 'opening', 'T01', 1, '2026-01-01T00:00:00+00:00'),"
            " (2, 50, 'opening', 'T01', 1, '2026-01-01T00:00:00+00:00'),"
            " (1, -1, 'sale', 'T01', 1, '2026-01-05T03:00:00+00:00')"
        )
    store.close()


def test_old_products_become_pieces_and_keep_their_stock(tmp_path: Path) -> None:
    path = tmp_path / "centre.sqlite"
    _schema_5_centre(path)
    store = open_store(path)  # migrates
    try:
        assert migrations.current_version(store) == migrations.LATEST >= 7
        assert levels.on_hand_all(store) == {1: 39, 2: 50}  # pieces, untouched
        garlic = products.by_id(store, 1)
        tea = products.by_barcode(store, "8850000000021")
        assert garlic is not None and garlic.unit is Unit.PIECE
        assert tea is not None and tea.unit is Unit.PIECE
        assert products.measured_skus(store) == set()
        assert products.scale_code_owners(store) == {}
        stored = products.product_payloads(store, ["QK07"])["QK07"]
        assert "unit" not in stored and "scale_code" not in stored  # a piece's payload as before
        sale = sales_db.get_by_receipt(store, "POS01-69010001")
        assert sale is not None and [ln["unit"] for ln in sale["lines"]] == ["piece"]
        assert products.moved_skus(store, ["QK07", "TEA01"]) == {"QK07", "TEA01"}
        v7_measured_units.apply(store)  # a second run finds every column there
        assert migrations.current_version(store) == migrations.LATEST
    finally:
        store.close()


def test_a_new_file_refuses_an_unknown_unit(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite")
    try:
        with store.transaction():
            store.conn.execute(
                "INSERT INTO products (sku, name_th, category, price_satang, unit)"
                " VALUES ('X', 'x', 'food', 1, 'kg')"
            )
        try:
            with store.transaction():
                store.conn.execute(
                    "INSERT INTO products (sku, name_th, category, price_satang, unit)"
                    " VALUES ('Y', 'y', 'food', 1, 'stone')"
                )
        except Exception as exc:  # the CHECK constraint, as a StoreError or IntegrityError
            assert "CHECK" in str(exc) or "constraint" in str(exc).lower()
        else:
            raise AssertionError("a unit outside piece/kg/g/l/m was stored")
    finally:
        store.close()
