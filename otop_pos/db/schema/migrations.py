"""Numbered schema migrations, tracked in PRAGMA user_version.

A database written by a newer release is refused rather than guessed at:
an older program could otherwise corrupt tables it does not understand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from otop_pos.db.schema import (
    v4_consignment,
    v5_month_sums,
    v6_vat_exempt,
    v7_measured_units,
    v8_sync_state,
)

if TYPE_CHECKING:
    from otop_pos.db.store import Store


class TooNewError(RuntimeError):
    """The file comes from a newer OTOP POS."""


def _run_script(store: Store, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT mid-migration."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            store.conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL in migration: {pending[:60]!r}")


def _m001_foundation(store: Store) -> None:
    _run_script(
        store,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
            pin_hash TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE producers (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('community_enterprise', 'single_owner', 'sme')),
            district TEXT NOT NULL DEFAULT '',
            province TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            commission_bp INTEGER NOT NULL DEFAULT 0
                CHECK (commission_bp BETWEEN 0 AND 10000),
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL UNIQUE,
            name_th TEXT NOT NULL,
            name_en TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL CHECK (category IN
                ('food', 'drink', 'textile', 'household', 'herbal')),
            stars INTEGER CHECK (stars IS NULL OR stars BETWEEN 1 AND 5),
            producer_id INTEGER REFERENCES producers(id),
            price_satang INTEGER NOT NULL CHECK (price_satang >= 0),
            vat_applicable INTEGER NOT NULL DEFAULT 1,
            ownership TEXT NOT NULL DEFAULT 'consigned'
                CHECK (ownership IN ('consigned', 'owned')),
            quick_key INTEGER UNIQUE,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE barcodes (
            barcode TEXT PRIMARY KEY,
            product_id INTEGER NOT NULL REFERENCES products(id)
        ) WITHOUT ROWID;
        CREATE INDEX barcodes_product ON barcodes(product_id);
        CREATE INDEX products_producer ON products(producer_id);
        CREATE INDEX products_name_th ON products(name_th);
        CREATE INDEX products_name_en ON products(name_en COLLATE NOCASE);

        CREATE TABLE journal (
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            user_id INTEGER,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (terminal_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE doc_counters (
            terminal_id TEXT NOT NULL,
            series TEXT NOT NULL,
            period TEXT NOT NULL,
            last_no INTEGER NOT NULL,
            PRIMARY KEY (terminal_id, series, period)
        ) WITHOUT ROWID;

        CREATE TABLE sales (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            receipt_no TEXT NOT NULL UNIQUE,
            occurred_at TEXT NOT NULL,
            cashier_id INTEGER REFERENCES users(id),
            total_satang INTEGER NOT NULL,
            vat_satang INTEGER NOT NULL,
            rounding_satang INTEGER NOT NULL DEFAULT 0,
            tendered_satang INTEGER NOT NULL,
            change_satang INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'completed',
            UNIQUE (terminal_id, seq),
            FOREIGN KEY (terminal_id, seq) REFERENCES journal(terminal_id, seq)
        );
        CREATE INDEX sales_occurred ON sales(occurred_at);
        CREATE TABLE sale_lines (
            sale_id INTEGER NOT NULL REFERENCES sales(id),
            line_no INTEGER NOT NULL,
            product_id INTEGER NOT NULL REFERENCES products(id),
            name_th TEXT NOT NULL,
            qty INTEGER NOT NULL,
            unit_price_satang INTEGER NOT NULL,
            discount_satang INTEGER NOT NULL,
            amount_satang INTEGER NOT NULL,
            PRIMARY KEY (sale_id, line_no)
        ) WITHOUT ROWID;
        CREATE INDEX sale_lines_product ON sale_lines(product_id);
        CREATE TABLE payments (
            sale_id INTEGER NOT NULL REFERENCES sales(id),
            line_no INTEGER NOT NULL,
            tender TEXT NOT NULL,
            amount_satang INTEGER NOT NULL,
            reference TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (sale_id, line_no)
        ) WITHOUT ROWID;

        CREATE TABLE stock_movements (
            id INTEGER PRIMARY KEY,
            product_id INTEGER NOT NULL REFERENCES products(id),
            qty INTEGER NOT NULL,
            reason TEXT NOT NULL,
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            occurred_at TEXT NOT NULL
        );
        CREATE INDEX stock_movements_product ON stock_movements(product_id);
        CREATE INDEX stock_movements_entry ON stock_movements(terminal_id, seq);

        CREATE TABLE print_log (
            id INTEGER PRIMARY KEY,
            doc_no TEXT NOT NULL,
            printed_at TEXT NOT NULL,
            user_id INTEGER,
            is_copy INTEGER NOT NULL,
            ok INTEGER NOT NULL,
            error TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX print_log_doc ON print_log(doc_no);

        CREATE TABLE held_sales (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            held_at TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            cart TEXT NOT NULL
        );

        CREATE VIRTUAL TABLE product_search USING fts5(
            name_th, name_en, sku, producer_name, tokenize = 'trigram'
        );
        CREATE TRIGGER products_ai AFTER INSERT ON products BEGIN
            INSERT INTO product_search(rowid, name_th, name_en, sku, producer_name)
            VALUES (new.id, new.name_th, new.name_en, new.sku,
                    coalesce((SELECT name FROM producers WHERE id = new.producer_id), ''));
        END;
        CREATE TRIGGER products_au AFTER UPDATE OF name_th, name_en, sku, producer_id
        ON products BEGIN
            UPDATE product_search SET name_th = new.name_th, name_en = new.name_en,
                sku = new.sku,
                producer_name = coalesce(
                    (SELECT name FROM producers WHERE id = new.producer_id), '')
            WHERE rowid = new.id;
        END;
        CREATE TRIGGER producers_au AFTER UPDATE OF name ON producers BEGIN
            UPDATE product_search SET producer_name = new.name
            WHERE rowid IN (SELECT id FROM products WHERE producer_id = new.id);
        END;
        """,
    )


def _m002_tenders_and_tax_invoices(store: Store) -> None:
    """Every tender's details, remembered buyers and full tax invoices."""
    _run_script(
        store,
        """
        ALTER TABLE payments ADD COLUMN approval_code TEXT NOT NULL DEFAULT '';
        ALTER TABLE payments ADD COLUMN card_last4 TEXT NOT NULL DEFAULT '';
        ALTER TABLE payments ADD COLUMN scheme TEXT NOT NULL DEFAULT '';
        ALTER TABLE payments ADD COLUMN customer_share_satang INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE payments ADD COLUMN government_share_satang INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE payments ADD COLUMN over_cap INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE payments ADD COLUMN confirmed_by INTEGER;
        CREATE INDEX payments_tender ON payments(tender);

        CREATE TABLE buyers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            tax_id TEXT NOT NULL DEFAULT '',
            branch TEXT NOT NULL DEFAULT '00000',
            address TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            is_person INTEGER NOT NULL DEFAULT 0,
            last_used TEXT NOT NULL,
            UNIQUE (tax_id, branch, name)
        );
        CREATE INDEX buyers_name ON buyers(name);

        CREATE TABLE tax_invoices (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            invoice_no TEXT NOT NULL UNIQUE,
            sale_id INTEGER NOT NULL UNIQUE REFERENCES sales(id),
            issued_at TEXT NOT NULL,
            issued_by INTEGER REFERENCES users(id),
            buyer_name TEXT NOT NULL,
            buyer_tax_id TEXT NOT NULL,
            buyer_branch TEXT NOT NULL,
            buyer_address TEXT NOT NULL,
            buyer_postcode TEXT NOT NULL,
            buyer_is_person INTEGER NOT NULL,
            UNIQUE (terminal_id, seq),
            FOREIGN KEY (terminal_id, seq) REFERENCES journal(terminal_id, seq)
        );
        """,
    )


def _m003_shifts_returns_and_day_close(store: Store) -> None:
    """Shifts and cash movements, voids, refunds and credit notes, Z reports, the audit log."""
    _run_script(
        store,
        """
        CREATE TABLE shifts (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            open_seq INTEGER NOT NULL,
            opened_at TEXT NOT NULL,
            opened_by INTEGER REFERENCES users(id),
            float_satang INTEGER NOT NULL CHECK (float_satang >= 0),
            float_count TEXT NOT NULL,
            blind INTEGER NOT NULL DEFAULT 0,
            close_seq INTEGER,
            closed_at TEXT,
            closed_by INTEGER REFERENCES users(id),
            expected TEXT,
            counted TEXT,
            cash_count TEXT,
            over_short_satang INTEGER,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (terminal_id, open_seq)
        );
        CREATE UNIQUE INDEX shifts_one_open ON shifts(terminal_id) WHERE close_seq IS NULL;
        CREATE TABLE cash_moves (
            id INTEGER PRIMARY KEY,
            shift_id INTEGER NOT NULL REFERENCES shifts(id),
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            occurred_at TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id),
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            amount_satang INTEGER NOT NULL CHECK (amount_satang > 0),
            reason TEXT NOT NULL,
            UNIQUE (terminal_id, seq)
        );
        CREATE INDEX cash_moves_shift ON cash_moves(shift_id);
        ALTER TABLE sales ADD COLUMN shift_id INTEGER REFERENCES shifts(id);
        CREATE INDEX sales_shift ON sales(shift_id);
        CREATE INDEX sales_cashier ON sales(cashier_id);
        CREATE TABLE sale_voids (
            sale_id INTEGER PRIMARY KEY REFERENCES sales(id),
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            voided_at TEXT NOT NULL,
            voided_by INTEGER REFERENCES users(id),
            approved_by INTEGER REFERENCES users(id),
            shift_id INTEGER REFERENCES shifts(id),
            reason TEXT NOT NULL,
            UNIQUE (terminal_id, seq)
        );
        CREATE TABLE refunds (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            refund_no TEXT NOT NULL UNIQUE,
            sale_id INTEGER NOT NULL REFERENCES sales(id),
            occurred_at TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id),
            approved_by INTEGER REFERENCES users(id),
            shift_id INTEGER REFERENCES shifts(id),
            tender TEXT NOT NULL,
            total_satang INTEGER NOT NULL CHECK (total_satang > 0),
            vat_satang INTEGER NOT NULL,
            reason TEXT NOT NULL,
            credit_note_no TEXT UNIQUE,
            UNIQUE (terminal_id, seq)
        );
        CREATE INDEX refunds_sale ON refunds(sale_id);
        CREATE INDEX refunds_occurred ON refunds(occurred_at);
        CREATE TABLE refund_lines (
            refund_id INTEGER NOT NULL REFERENCES refunds(id),
            line_no INTEGER NOT NULL,
            sale_line_no INTEGER NOT NULL,
            product_id INTEGER NOT NULL REFERENCES products(id),
            qty INTEGER NOT NULL CHECK (qty > 0),
            amount_satang INTEGER NOT NULL,
            disposition TEXT NOT NULL CHECK (disposition IN ('restock', 'damaged')),
            PRIMARY KEY (refund_id, line_no)
        ) WITHOUT ROWID;
        CREATE TABLE z_reports (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            z_no INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            closed_at TEXT NOT NULL,
            closed_by INTEGER REFERENCES users(id),
            from_seq INTEGER NOT NULL,
            to_seq INTEGER NOT NULL,
            figures TEXT NOT NULL,
            grand_total_satang INTEGER NOT NULL,
            UNIQUE (terminal_id, z_no),
            UNIQUE (terminal_id, seq),
            CHECK (from_seq <= to_seq)
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            occurred_at TEXT NOT NULL,
            action TEXT NOT NULL,
            asked_by INTEGER REFERENCES users(id),
            approved_by INTEGER REFERENCES users(id),
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_log_time ON audit_log(occurred_at);
        """,
    )


def _m004_consignment(store: Store) -> None:
    _run_script(store, v4_consignment.SCRIPT)


def _m005_month_sums(store: Store) -> None:
    _run_script(store, v5_month_sums.SCRIPT)


def _m006_vat_exempt(store: Store) -> None:
    _run_script(store, v6_vat_exempt.SCRIPT)


def _m007_measured_units(store: Store) -> None:
    v7_measured_units.apply(store)


def _m008_sync_state(store: Store) -> None:
    _run_script(store, v8_sync_state.SCRIPT)


MIGRATIONS: list[Callable[[Store], None]] = [
    _m001_foundation,
    _m002_tenders_and_tax_invoices,
    _m003_shifts_returns_and_day_close,
    _m004_consignment,
    _m005_month_sums,
    _m006_vat_exempt,
    _m007_measured_units,
    _m008_sync_state,
]
LATEST = len(MIGRATIONS)


def current_version(store: Store) -> int:
    return int(store.scalar("PRAGMA user_version"))


def check_version(store: Store) -> None:
    found = current_version(store)
    if found > LATEST:
        raise TooNewError(
            f"ฐานข้อมูลนี้มาจาก OTOP POS รุ่นใหม่กว่า (schema {found} > {LATEST}) "
            "กรุณาอัปเดตโปรแกรมก่อนเปิดไฟล์นี้"
        )


def needs_backup(store: Store) -> bool:
    """A centre's file that is about to be migrated: it is copied first (`open_store`)."""
    if not 0 < current_version(store) < LATEST:
        return False
    if not store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'settings'"):
        return False
    return bool(store.scalar("SELECT count(*) FROM settings WHERE key = 'centre_name'"))


def migrate(store: Store) -> int:
    """Apply pending migrations inside the caller's transaction."""
    check_version(store)
    version = current_version(store)
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        step(store)
        store.conn.execute(f"PRAGMA user_version = {number}")
    return current_version(store)
