"""Bangkok calendar months over UTC ISO times: which months a time span holds whole.

The month sums (`sale_month_sums`, `stock_month_sums`) answer for whole
months; the part-months at a span's edges are read row by row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from otop_pos.domain.thai.thaidate import BANGKOK, from_iso, to_iso

Months = tuple[str | None, str | None]  # ('YYYY-MM' first or None, stop or None), stop exclusive


def month_start(year: int, month: int) -> str:
    return to_iso(datetime(year, month, 1, tzinfo=BANGKOK))


def whole_months(a: str | None, b: str | None) -> tuple[Months | None, list[tuple[str, str]]]:
    """The months wholly inside [a, b) (None: without that bound), and the part-months left.

    What is left is at most the part of a month before the first whole one
    and the part after the last.
    """
    stop = stop_iso = first = first_iso = None
    if b is not None:
        end = from_iso(b).astimezone(BANGKOK)
        stop, stop_iso = f"{end.year:04d}-{end.month:02d}", month_start(end.year, end.month)
    if a is not None:
        begin = from_iso(a).astimezone(BANGKOK)
        y, m = begin.year, begin.month
        if month_start(y, m) != a:  # starts inside a month: that month is an edge
            y, m = y + m // 12, m % 12 + 1
        first, first_iso = f"{y:04d}-{m:02d}", month_start(y, m)
    if a is not None and b is not None and first_iso and stop_iso and first_iso >= stop_iso:
        return None, [(a, b)] if a < b else []  # no whole month: the span is one edge
    edges = []
    if a is not None and first_iso is not None and a < first_iso:
        edges.append((a, first_iso))
    if b is not None and stop_iso is not None and stop_iso < b:
        edges.append((stop_iso, b))
    return (first, stop), edges


def month_range(alias: str, months: Months, params: list[Any]) -> str:
    """SQL for `alias.month` inside `months`, its parameters appended."""
    parts = ["1"]
    for op, value in ((">=", months[0]), ("<", months[1])):
        if value is not None:
            parts.append(f"{alias}.month {op} ?")
            params.append(value)
    return " AND ".join(parts)
