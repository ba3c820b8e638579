"""Counting a drawer by denomination: Thai notes and coins, in satang.

A count is typed box by box at the till; a bad box (text, a negative number,
a fraction of a note) is refused with a message naming that denomination, so
the manager fixes one box rather than the whole count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from otop_pos.domain.money import Money

DENOMINATIONS: tuple[int, ...] = (
    100_000,
    50_000,
    10_000,
    5_000,
    2_000,
    1_000,
    500,
    200,
    100,
    50,
    25,
)
"""1000, 500, 100, 50, 20 baht notes; 10, 5, 2, 1 baht, 50 and 25 satang coins."""

MAX_PIECES = 100_000
MAX_TYPED = 9  # digits in a box; a longer number is refused before int() reads it


class CountError(ValueError):
    """A denomination's box is wrong; ``field`` is that denomination in satang."""

    def __init__(self, thai: str, english: str, field: int) -> None:
        super().__init__(thai)
        self.english = english
        self.field = field


def denomination_label(satang: int, lang: str = "th") -> str:
    """'1,000 บาท' or '50 สตางค์' (the name on the count sheet)."""
    if satang >= 100:
        baht = f"{satang // 100:,}"
        return f"{baht} บาท" if lang != "en" else f"{baht} baht"
    return f"{satang} สตางค์" if lang != "en" else f"{satang} satang"


@dataclass(frozen=True)
class CashCount:
    """Pieces per denomination; the total is derived, never typed."""

    pieces: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        for denom, n in self.pieces:
            if denom not in DENOMINATIONS:
                raise CountError(
                    f"ไม่มีธนบัตรหรือเหรียญราคา {denom} สตางค์",
                    f"There is no {denom}-satang note or coin.",
                    denom,
                )
            if not 0 <= n <= MAX_PIECES:
                raise CountError(
                    f"จำนวน {denomination_label(denom)} ต้องเป็น 0 ถึง {MAX_PIECES:,}",
                    f"The count of {denomination_label(denom, 'en')} must be 0 to {MAX_PIECES:,}.",
                    denom,
                )

    @classmethod
    def of(cls, pieces: Mapping[int, int]) -> CashCount:
        return cls(tuple((d, int(pieces[d])) for d in DENOMINATIONS if pieces.get(d)))

    @classmethod
    def parse(cls, boxes: Mapping[int, str]) -> CashCount:
        """From the typed boxes: blank is zero; anything but a whole number is refused."""
        pieces: dict[int, int] = {}
        for denom in DENOMINATIONS:
            text = boxes.get(denom, "").strip().replace(",", "")
            if not text:
                continue
            if text.startswith("-"):
                raise CountError(
                    f"จำนวน {denomination_label(denom)} ติดลบไม่ได้",
                    f"The count of {denomination_label(denom, 'en')} cannot be negative.",
                    denom,
                )
            if len(text) > MAX_TYPED or not text.isdigit() or not text.isascii():
                raise CountError(
                    f"จำนวน {denomination_label(denom)} ต้องเป็นตัวเลขจำนวนเต็ม: {text}",
                    f"The count of {denomination_label(denom, 'en')} must be a whole number: {text}",
                    denom,
                )
            pieces[denom] = int(text)
        return cls.of(pieces)

    @property
    def total(self) -> Money:
        return Money(sum(d * n for d, n in self.pieces))

    def as_dict(self) -> dict[str, int]:
        """For the journal: JSON keys are strings."""
        return {str(d): n for d, n in self.pieces}

    @classmethod
    def from_dict(cls, data: Mapping[str, int]) -> CashCount:
        return cls.of({int(k): int(v) for k, v in data.items()})
