"""Schema 6: the VAT-exempt part of a sale and of a refund, and each line's VAT flag.

A sale's VAT is 7/107 of its VAT-able lines only (farm produce is exempt),
so a sale keeps its exempt value and each line whether it carried VAT as
sold. Sales recorded before schema 6 were taxed on every line: their lines
read as VAT-able and their exempt value as zero, which is what was charged.
"""

from __future__ import annotations

SCRIPT = """
ALTER TABLE sales ADD COLUMN exempt_satang INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sale_lines ADD COLUMN vatable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE refunds ADD COLUMN exempt_satang INTEGER NOT NULL DEFAULT 0;
"""
