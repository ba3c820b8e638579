"""Every table of the server, one MetaData for SQLite and PostgreSQL alike.

Entries are only ever inserted: a fork, a rollback or a bad batch becomes an
alert beside them, never an update. Times are UTC ISO-8601 text (as in the
till's journal), so both engines compare them the same way.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

server_meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

centres = Table(
    "centres",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name", Text, nullable=False, default=""),
    Column("province", String(8), nullable=False, default=""),
    Column("district", String(8), nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),  # sha256 of the code: a read file gives none
    Column("centre", String(16), nullable=False),
    Column("pos_id", String(16), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", BigInteger, nullable=False),  # Unix seconds
    Column("used_at", String(40)),
    Column("used_by", String(64)),
)

terminals = Table(
    "terminals",
    metadata,
    Column("terminal_id", String(64), primary_key=True),
    Column("centre", String(16), nullable=False),
    Column("pos_id", String(16), nullable=False),
    Column("chain_id", String(64), nullable=False),  # the till's own journal terminal_id, hashed
    Column("secret", String(64), nullable=False),  # hex; the HMAC key must be readable here
    Column("first_hash", String(64)),
    Column("acked_seq", BigInteger, nullable=False, default=0),
    Column("acked_hash", String(64), nullable=False),
    Column("enrolled_at", String(40), nullable=False),
    Column("last_contact_at", String(40)),
    Column("client", String(64), nullable=False, default=""),
)

entries = Table(
    "entries",
    metadata,
    Column("terminal_id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("occurred_at", String(64), nullable=False),
    Column("user_id", BigInteger),
    Column("payload", Text, nullable=False),  # the till's stored text, byte for byte
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("problems", Text),  # JSON list when the payload failed its declaration: flagged
    PrimaryKeyConstraint("terminal_id", "seq"),
)
Index("entries_flagged", entries.c.terminal_id, entries.c.problems)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("terminal_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # fork, behind, broken_chain
    Column("seq", BigInteger, nullable=False),
    Column("detail", Text, nullable=False),
    Column("at", String(40), nullable=False),
)
Index("alerts_terminal", alerts.c.terminal_id, alerts.c.id)

nonces = Table(
    "nonces",
    metadata,
    Column("terminal_id", String(64), nullable=False),
    Column("nonce", String(32), nullable=False),
    Column("at", BigInteger, nullable=False),
    PrimaryKeyConstraint("terminal_id", "nonce"),
)
Index("nonces_at", nonces.c.at)

# The figures (db/figures.py): sums the dashboard reads, kept per terminal so
# two tills never write the same row, and rebuilt from the entries at will.

FIGURE_TOTALS = ("sales_count", "gross", "discounts", "voids", "voids_count", "refunds",
                 "refunds_count", "vat", "exempt", "rounding")  # fmt: skip

fig_days = Table(
    "fig_days",
    metadata,
    Column("centre", String(16), nullable=False),
    Column("day", String(10), nullable=False),  # Bangkok calendar day, YYYY-MM-DD
    Column("terminal_id", String(64), nullable=False),
    *(Column(name, BigInteger, nullable=False, default=0) for name in FIGURE_TOTALS),
    Column("first_at", String(64)),  # the earliest sale's occurred_at and receipt
    Column("first_receipt", Text),
    Column("last_at", String(64)),
    Column("last_receipt", Text),
    PrimaryKeyConstraint("centre", "day", "terminal_id"),
)

fig_sums = Table(
    "fig_sums",
    metadata,
    Column("centre", String(16), nullable=False),
    Column("day", String(10), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("dimension", String(16), nullable=False),  # tender, category, producer, district
    Column("key", Text, nullable=False),  # as the till wrote it, whatever its length
    Column("count", BigInteger, nullable=False, default=0),
    Column("amount", BigInteger, nullable=False, default=0),
    Column("members", BigInteger, nullable=False, default=0),  # rows summed: shown while > 0
    PrimaryKeyConstraint("centre", "day", "terminal_id", "dimension", "key"),
)

fig_products = Table(
    "fig_products",
    metadata,
    Column("terminal_id", String(64), nullable=False),
    Column("sku", Text, nullable=False),
    Column("product_id", BigInteger),  # the till's own id, learnt from sale lines naming both
    Column("category", Text, nullable=False),
    Column("producer_code", Text),
    PrimaryKeyConstraint("terminal_id", "sku"),
)
Index("fig_products_id", fig_products.c.terminal_id, fig_products.c.product_id)

fig_producers = Table(
    "fig_producers",
    metadata,
    Column("terminal_id", String(64), nullable=False),
    Column("code", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("district", Text, nullable=False),
    Column("updated_at", String(64), nullable=False),  # the upsert's occurred_at
    PrimaryKeyConstraint("terminal_id", "code"),
)

fig_sales = Table(
    "fig_sales",
    metadata,
    Column("terminal_id", String(64), nullable=False),
    Column("receipt_no", Text, nullable=False),
    Column("day", String(10), nullable=False),
    Column("voided", Integer, nullable=False, default=0),
    Column("body", Text, nullable=False),  # JSON: what the sale added, to take back out
    PrimaryKeyConstraint("terminal_id", "receipt_no"),
)

fig_progress = Table(
    "fig_progress",
    metadata,
    Column("terminal_id", String(64), primary_key=True),
    Column("seq", BigInteger, nullable=False),  # every entry up to here is in the figures
)
