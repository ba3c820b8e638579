"""Document numbers: one running series per POS ID, restarting each month.

Format ``<POS ID>-<YYMM><n>`` with a Buddhist-era year and the Bangkok
month, e.g. ``POS01-69110001`` (vendor practice for Revenue Department
approved POS). The counter itself lives in the database, inside the
journal transaction; this module only formats and parses.
"""

from __future__ import annotations

import re
from datetime import datetime

from otop_pos.domain.thai.thaidate import BE_OFFSET, to_bangkok

_POS_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}", re.ASCII)
_PERIOD_RE = re.compile(r"[0-9]{2}(0[1-9]|1[0-2])", re.ASCII)
_DOC_RE = re.compile(
    r"(?P<pos>[A-Za-z0-9][A-Za-z0-9_-]{0,31})-(?P<period>[0-9]{4})(?P<n>[0-9]{4,12})",
    re.ASCII,
)
MIN_WIDTH = 4
MAX_N = 10**12 - 1


def period_of(dt: datetime) -> str:
    """'YYMM' of the Bangkok local date, BE year: November 2026 -> '6911'."""
    local = to_bangkok(dt)
    return f"{(local.year + BE_OFFSET) % 100:02d}{local.month:02d}"


def format_doc_number(pos_id: str, period: str, n: int) -> str:
    """'POS01', '6911', 1 -> 'POS01-69110001' (wider when n > 9999)."""
    if not isinstance(pos_id, str) or not _POS_ID_RE.fullmatch(pos_id):
        raise ValueError(f"invalid POS ID: {pos_id!r}")
    if not isinstance(period, str) or not _PERIOD_RE.fullmatch(period):
        raise ValueError(f"invalid period (YYMM): {period!r}")
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_N:
        raise ValueError(f"document number must be a positive integer: {n!r}")
    return f"{pos_id}-{period}{n:0{MIN_WIDTH}d}"


def parse_doc_number(text: str) -> tuple[str, str, int]:
    """Inverse of ``format_doc_number``: -> (pos_id, period, n).

    Only the canonical form is accepted (no extra leading zeros, a real
    month), so every number has exactly one spelling.
    """
    m = _DOC_RE.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"not a document number: {text!r}")
    pos_id, period, digits = m.group("pos", "period", "n")
    n = int(digits)
    if not _PERIOD_RE.fullmatch(period) or n < 1:
        raise ValueError(f"not a document number: {text!r}")
    if format_doc_number(pos_id, period, n) != text:
        raise ValueError(f"not a canonical document number: {text!r}")
    return pos_id, period, n
