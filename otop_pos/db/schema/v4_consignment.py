"""Schema 4: producers' payout details, intake, counts, returns, settlement.

Sale lines now carry the producer, ownership and commission rate in force
when they were sold, so a statement never changes when a product later moves
producer or rate. `stock_levels` is a cache of the movement sums kept by a
trigger: on hand stays the sum of movements, only without re-adding millions
of rows for every question.
"""

from __future__ import annotations

SCRIPT = """
ALTER TABLE producers ADD COLUMN reg_no TEXT NOT NULL DEFAULT '';
ALTER TABLE producers ADD COLUMN tax_id TEXT NOT NULL DEFAULT '';
ALTER TABLE producers ADD COLUMN bank_name TEXT NOT NULL DEFAULT '';
ALTER TABLE producers ADD COLUMN bank_account TEXT NOT NULL DEFAULT '';
ALTER TABLE producers ADD COLUMN account_name TEXT NOT NULL DEFAULT '';
ALTER TABLE producers ADD COLUMN promptpay_id TEXT NOT NULL DEFAULT '';
ALTER TABLE producers ADD COLUMN vat_registered INTEGER NOT NULL DEFAULT 0;
CREATE TABLE producer_pins (
    producer_id INTEGER PRIMARY KEY REFERENCES producers(id),
    pin_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);

ALTER TABLE products ADD COLUMN commission_bp INTEGER
    CHECK (commission_bp IS NULL OR commission_bp BETWEEN 0 AND 10000);
ALTER TABLE products ADD COLUMN min_stock INTEGER NOT NULL DEFAULT 0;
CREATE TABLE price_history (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    old_price_satang INTEGER,
    new_price_satang INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by INTEGER,
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX price_history_product ON price_history(product_id, changed_at);

ALTER TABLE sale_lines ADD COLUMN producer_id INTEGER;
ALTER TABLE sale_lines ADD COLUMN ownership TEXT NOT NULL DEFAULT 'consigned';
ALTER TABLE sale_lines ADD COLUMN commission_bp INTEGER NOT NULL DEFAULT 0;
UPDATE sale_lines SET
    producer_id = (SELECT producer_id FROM products p WHERE p.id = sale_lines.product_id),
    ownership = (SELECT ownership FROM products p WHERE p.id = sale_lines.product_id),
    commission_bp = coalesce(
        (SELECT coalesce(p.commission_bp, r.commission_bp) FROM products p
         LEFT JOIN producers r ON r.id = p.producer_id WHERE p.id = sale_lines.product_id), 0);
-- covering: a producer's statement and their sales by day read only this index
CREATE INDEX sale_lines_producer ON sale_lines(
    producer_id, sale_id, product_id, ownership, commission_bp, qty, amount_satang);
CREATE INDEX sale_voids_voided ON sale_voids(voided_at);
CREATE INDEX refunds_entry ON refunds(terminal_id, seq);

ALTER TABLE stock_movements ADD COLUMN doc_no TEXT NOT NULL DEFAULT '';
ALTER TABLE stock_movements ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX stock_movements_time ON stock_movements(occurred_at);
CREATE INDEX stock_movements_reason ON stock_movements(reason, occurred_at);
CREATE TABLE stock_levels (
    product_id INTEGER PRIMARY KEY REFERENCES products(id),
    qty INTEGER NOT NULL
);
INSERT INTO stock_levels (product_id, qty)
    SELECT product_id, sum(qty) FROM stock_movements GROUP BY product_id;
CREATE TRIGGER stock_levels_ai AFTER INSERT ON stock_movements BEGIN
    INSERT INTO stock_levels (product_id, qty) VALUES (new.product_id, new.qty)
    ON CONFLICT(product_id) DO UPDATE SET qty = qty + excluded.qty;
END;
CREATE TRIGGER stock_levels_ad AFTER DELETE ON stock_movements BEGIN
    UPDATE stock_levels SET qty = qty - old.qty WHERE product_id = old.product_id;
END;

CREATE TABLE intakes (
    id INTEGER PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    intake_no TEXT NOT NULL UNIQUE,
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    delivery_note TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL,
    received_by INTEGER REFERENCES users(id),
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (terminal_id, seq)
);
CREATE INDEX intakes_producer ON intakes(producer_id, received_at);
CREATE TABLE intake_lines (
    intake_id INTEGER NOT NULL REFERENCES intakes(id),
    line_no INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    qty INTEGER NOT NULL CHECK (qty > 0),
    ownership TEXT NOT NULL CHECK (ownership IN ('consigned', 'owned')),
    unit_cost_satang INTEGER,
    lot TEXT NOT NULL DEFAULT '',
    expiry TEXT,
    PRIMARY KEY (intake_id, line_no)
) WITHOUT ROWID;
CREATE INDEX intake_lines_product ON intake_lines(product_id);
CREATE INDEX intake_lines_expiry ON intake_lines(expiry) WHERE expiry IS NOT NULL;

CREATE TABLE producer_returns (
    id INTEGER PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    return_no TEXT NOT NULL UNIQUE,
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    returned_at TEXT NOT NULL,
    returned_by INTEGER REFERENCES users(id),
    reason TEXT NOT NULL DEFAULT '',
    UNIQUE (terminal_id, seq)
);
CREATE INDEX producer_returns_producer ON producer_returns(producer_id, returned_at);
CREATE TABLE producer_return_lines (
    return_id INTEGER NOT NULL REFERENCES producer_returns(id),
    line_no INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    qty INTEGER NOT NULL CHECK (qty > 0),
    ownership TEXT NOT NULL,
    PRIMARY KEY (return_id, line_no)
) WITHOUT ROWID;

CREATE TABLE stock_counts (
    id INTEGER PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    count_no TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    posted_by INTEGER REFERENCES users(id),
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (terminal_id, seq)
);
CREATE TABLE stock_count_lines (
    count_id INTEGER NOT NULL REFERENCES stock_counts(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    expected INTEGER NOT NULL,
    counted INTEGER NOT NULL CHECK (counted >= 0),
    PRIMARY KEY (count_id, product_id)
) WITHOUT ROWID;

CREATE TABLE settlements (
    id INTEGER PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    settlement_no TEXT NOT NULL UNIQUE,
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    covers TEXT NOT NULL,
    figures TEXT NOT NULL,
    payable_satang INTEGER NOT NULL,
    settled_at TEXT NOT NULL,
    settled_by INTEGER REFERENCES users(id),
    UNIQUE (terminal_id, seq),
    CHECK (period_from <= period_to)
);
CREATE INDEX settlements_producer ON settlements(producer_id, period_to);
CREATE TABLE payouts (
    id INTEGER PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    payout_no TEXT NOT NULL UNIQUE,
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    paid_at TEXT NOT NULL,
    paid_by INTEGER REFERENCES users(id),
    method TEXT NOT NULL CHECK (method IN ('cash', 'transfer', 'promptpay')),
    amount_satang INTEGER NOT NULL CHECK (amount_satang > 0),
    reference TEXT NOT NULL DEFAULT '',
    UNIQUE (terminal_id, seq)
);
CREATE INDEX payouts_producer ON payouts(producer_id, paid_at);
"""
