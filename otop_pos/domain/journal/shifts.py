"""The shift kinds: shift_open, cash_move, shift_close, z_close, drawer_open, books_acknowledged."""

from __future__ import annotations

from otop_pos.domain.journal.contract import Field, Kind, optional

SATANG = "satang"
BY_TENDER = "object: tender -> satang"
BY_DENOMINATION = "object: note or coin in satang (as text) -> pieces"

SHIFT_OPEN = Kind(
    "shift_open",
    1,
    "A shift opened with its counted float; later entries name the shift by this seq.",
    (
        Field("float", "integer", "the float counted into the drawer", SATANG),
        Field("float_count", "object", f"the float by note and coin ({BY_DENOMINATION})"),
        optional("blind", "flag", "the cashier closes without seeing the expected amounts", False),
    ),
)

CASH_MOVE = Kind(
    "cash_move",
    1,
    "Cash put into or taken out of the drawer during a shift.",
    (
        Field("shift_seq", "integer", "the shift, by the seq of its shift_open", unit="seq"),
        Field("direction", "text", "in or out", choices=("in", "out")),
        Field("amount", "integer", "how much", SATANG),
        Field("reason", "text", "why"),
    ),
)

SHIFT_CLOSE = Kind(
    "shift_close",
    1,
    "A shift counted out: expected against counted, per tender.",
    (
        Field("shift_seq", "integer", "the shift, by the seq of its shift_open", unit="seq"),
        Field("expected", "object", f"what each tender should hold ({BY_TENDER})"),
        Field("counted", "object", f"what was counted ({BY_TENDER})"),
        Field("cash_count", "object", f"the drawer by note and coin ({BY_DENOMINATION})"),
        Field("over_short", "integer", "counted less expected, all tenders", SATANG),
        optional("note", "text", "the explanation of a difference", ""),
    ),
)

Z_CLOSE = Kind(
    "z_close",
    1,
    "The business day closed: the Z's number, its seq range and its figures, kept for reprints.",
    (
        Field("z_no", "integer", "the Z's number on this terminal, from 1"),
        Field("from_seq", "integer", "the first seq it covers", unit="seq"),
        Field("to_seq", "integer", "the last seq it covers", unit="seq"),
        Field("period_start", "time", "the first entry's time (null: none)", nullable=True),
        Field("figures", "object", "the report's figures (domain/shifts/day_figures.py)"),
        optional("shifts", "json", "each shift as [label, expected cash, counted cash] in satang",
                 []),
        Field("grand_total_before", "integer", "the running grand total before it", SATANG),
        Field("grand_total", "integer", "the running grand total after it", SATANG),
    ),
)  # fmt: skip

DRAWER_OPEN = Kind(
    "drawer_open",
    1,
    "The drawer opened without a sale, with who approved it.",
    (
        Field("reason", "text", "why"),
        Field("approved_by", "integer", "the approving manager", unit="user id"),
    ),
)

BOOKS_ACKNOWLEDGED = Kind(
    "books_acknowledged",
    1,
    "A manager saw that the books do not check out (chain or tables) and let the Z go on.",
    (
        Field("problem", "text", "the first problem found, as the log names it"),
        Field("terminal_id", "text", "the terminal of the first broken entry", nullable=True),
        Field("seq", "integer", "the first broken entry (null: none named)", unit="seq",
              nullable=True),
        Field("approved_by", "integer", "the manager who acknowledged it", unit="user id"),
    ),
)  # fmt: skip

KINDS = (SHIFT_OPEN, CASH_MOVE, SHIFT_CLOSE, Z_CLOSE, DRAWER_OPEN, BOOKS_ACKNOWLEDGED)
