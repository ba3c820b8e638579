"""Schema 5: what each producer's products sold per month, kept as the lines go in.

A month-end settlement of every producer used to read and sort every line
sold in the month (370,000 in a busy centre); `sale_month_sums` holds those
sums already, per Bangkok calendar month of the sale, producer, product,
ownership and rate. Triggers on `sale_lines` keep it, as `stock_levels` is
kept, so every writer (the till, a rebuild, a bulk load) keeps it true. The
month is read from the first 19 characters of the sale's UTC time: SQLite
rounds fractions to milliseconds, which would move 16:59:59.9996 UTC on a
month's last day into the next month.

`sale_days` keeps the lowest and highest sale id of each Bangkok day, so
the ids of a time span's sales are bounded by reading a few day rows instead
of every entry of the time index in the span (ids follow recording order,
not time, when a till syncs late). A sale deleted (only a rebuild does,
and it clears the table) leaves the bounds wider, never wrong.

`stock_month_sums` sums stock movements per product and month the same way
(a statement's "on hand at the period's end" is today's level minus what
moved since), and
`stock_movements_product` now carries time and quantity, so the part-months
are read product by product from the index alone. The `refunds_entry`
index, a copy of refunds' UNIQUE (terminal_id, seq), goes.
"""

from __future__ import annotations

MONTH_OF = "strftime('%Y-%m', substr(s.occurred_at, 1, 19), '+7 hours')"
DAY_OF = "date(substr(s.occurred_at, 1, 19), '+7 hours')"
MOVED_IN = "strftime('%Y-%m', substr(occurred_at, 1, 19), '+7 hours')"
KEY = "producer_id, month, product_id, ownership, commission_bp"

SCRIPT = f"""
CREATE TABLE sale_month_sums (
    month TEXT NOT NULL,
    producer_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    ownership TEXT NOT NULL,
    commission_bp INTEGER NOT NULL,
    qty INTEGER NOT NULL,
    amount_satang INTEGER NOT NULL,
    PRIMARY KEY ({KEY})
) WITHOUT ROWID;
INSERT INTO sale_month_sums ({KEY}, qty, amount_satang)
    SELECT l.producer_id, {MONTH_OF}, l.product_id, l.ownership, l.commission_bp,
        sum(l.qty), sum(l.amount_satang)
    FROM sale_lines l JOIN sales s ON s.id = l.sale_id
    WHERE l.producer_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
CREATE TRIGGER sale_month_sums_ai AFTER INSERT ON sale_lines
WHEN new.producer_id IS NOT NULL BEGIN
    INSERT INTO sale_month_sums ({KEY}, qty, amount_satang) VALUES (
        new.producer_id, (SELECT {MONTH_OF} FROM sales s WHERE s.id = new.sale_id),
        new.product_id, new.ownership, new.commission_bp,
        new.qty, new.amount_satang)
    ON CONFLICT({KEY}) DO UPDATE SET qty = qty + excluded.qty,
        amount_satang = amount_satang + excluded.amount_satang;
END;
CREATE TRIGGER sale_month_sums_ad AFTER DELETE ON sale_lines
WHEN old.producer_id IS NOT NULL BEGIN
    UPDATE sale_month_sums SET qty = qty - old.qty,
        amount_satang = amount_satang - old.amount_satang
    WHERE month = (SELECT {MONTH_OF} FROM sales s WHERE s.id = old.sale_id)
        AND producer_id = old.producer_id AND product_id = old.product_id
        AND ownership = old.ownership AND commission_bp = old.commission_bp;
END;

CREATE TABLE stock_month_sums (
    month TEXT NOT NULL,
    product_id INTEGER NOT NULL,
    qty INTEGER NOT NULL,
    PRIMARY KEY (product_id, month)
) WITHOUT ROWID;
INSERT INTO stock_month_sums (product_id, month, qty)
    SELECT product_id, {MOVED_IN}, sum(qty) FROM stock_movements GROUP BY 1, 2;
CREATE TRIGGER stock_month_sums_ai AFTER INSERT ON stock_movements BEGIN
    INSERT INTO stock_month_sums (product_id, month, qty)
    VALUES (new.product_id, {MOVED_IN.replace("occurred_at", "new.occurred_at")}, new.qty)
    ON CONFLICT(product_id, month) DO UPDATE SET qty = qty + excluded.qty;
END;
CREATE TRIGGER stock_month_sums_ad AFTER DELETE ON stock_movements BEGIN
    UPDATE stock_month_sums SET qty = qty - old.qty
    WHERE month = {MOVED_IN.replace("occurred_at", "old.occurred_at")}
        AND product_id = old.product_id;
END;

CREATE TABLE sale_days (
    day TEXT PRIMARY KEY,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO sale_days (day, first_id, last_id)
    SELECT {DAY_OF}, min(id), max(id) FROM sales s GROUP BY 1;
CREATE TRIGGER sale_days_ai AFTER INSERT ON sales BEGIN
    INSERT INTO sale_days (day, first_id, last_id)
    VALUES ({DAY_OF.replace("s.occurred_at", "new.occurred_at")}, new.id, new.id)
    ON CONFLICT(day) DO UPDATE SET first_id = min(first_id, excluded.first_id),
        last_id = max(last_id, excluded.last_id);
END;

DROP INDEX stock_movements_product;
CREATE INDEX stock_movements_product ON stock_movements(product_id, occurred_at, qty);
DROP INDEX refunds_entry;
"""
