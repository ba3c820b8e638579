"""A printer-independent receipt document.

Receipts are laid out once as plain data (what to say, in which emphasis) and
rendered later for a given paper width; tests can read the words without
rendering pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Align = Literal["left", "center", "right"]
Size = Literal["small", "normal", "large", "xlarge"]
RuleChar = Literal["-", "="]

WIDTH_80MM = 576
"""Printable dots on 80 mm paper at 203 dpi."""
WIDTH_58MM = 384
"""Printable dots on 58 mm paper at 203 dpi."""


def _check(value: object, allowed: object, what: str) -> None:
    if value not in get_args(allowed):
        raise ValueError(f"{what} must be one of {get_args(allowed)}, not {value!r}")


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph; wraps at the paper width (Thai at word boundaries)."""

    text: str
    align: Align = "left"
    size: Size = "normal"
    bold: bool = False

    def __post_init__(self) -> None:
        _check(self.align, Align, "align")
        _check(self.size, Size, "size")


@dataclass(frozen=True, slots=True)
class Row:
    """Label on the left, amount flush right; a long label wraps, never overlaps."""

    left: str
    right: str
    bold: bool = False
    size: Size = "normal"

    def __post_init__(self) -> None:
        _check(self.size, Size, "size")


@dataclass(frozen=True, slots=True)
class ItemLine:
    """One sold product: qty column, wrapping name, amount; optional detail below."""

    name: str
    qty_text: str
    amount_text: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line: '-' dashed, '=' double."""

    char: RuleChar = "-"

    def __post_init__(self) -> None:
        _check(self.char, RuleChar, "char")


@dataclass(frozen=True, slots=True)
class Spacer:
    """Blank vertical space in printer dots."""

    dots: int = 12

    def __post_init__(self) -> None:
        if self.dots < 0:
            raise ValueError("Spacer dots must not be negative")


@dataclass(frozen=True, slots=True)
class QRCode:
    """A centred QR code about size_mm wide (8 dots per mm at 203 dpi)."""

    data: str
    size_mm: float = 22.0

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("QRCode needs data")
        if self.size_mm <= 0:
            raise ValueError("QRCode size_mm must be positive")


@dataclass(frozen=True, slots=True)
class Barcode128:
    """A centred Code 128 barcode with its text underneath."""

    data: str

    def __post_init__(self) -> None:
        if not self.data or not self.data.isascii():
            raise ValueError("Barcode128 needs non-empty ASCII data")


Block = Text | Row | ItemLine | Rule | Spacer | QRCode | Barcode128


@dataclass(frozen=True, slots=True)
class Document:
    """Blocks top to bottom, for paper width_dots wide (576 = 80 mm, 384 = 58 mm)."""

    blocks: tuple[Block, ...]
    width_dots: int = WIDTH_80MM

    def __post_init__(self) -> None:
        if self.width_dots < 200:
            raise ValueError("width_dots is too narrow for a receipt")

    def texts(self) -> list[str]:
        """Every human-readable string, in order (for tests and search)."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Text):
                out.append(b.text)
            elif isinstance(b, Row):
                out += [b.left, b.right]
            elif isinstance(b, ItemLine):
                out += [b.name, b.qty_text, b.amount_text]
                if b.detail:
                    out.append(b.detail)
            elif isinstance(b, Barcode128):
                out.append(b.data)
        return out

    def plain_text(self) -> str:
        """All words joined by newlines, handy for 'contains' assertions."""
        return "\n".join(self.texts())
