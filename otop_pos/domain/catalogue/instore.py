"""In-store barcodes and the label sheets they are printed on.

Much OTOP stock (hand-woven silk, chilli paste in reused jars) comes without
a barcode. GS1 leaves EAN-13 prefixes 20-29 to "restricted circulation":
free for a shop's own use, never on goods sold elsewhere. Our codes are
prefix (29 unless the shop picks another), a 10-digit running number and the
check digit, so they can never collide with a manufacturer's 885... code.
We do not embed weights or prices: the quantity is an integer count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from otop_pos.domain.catalogue.barcode import is_valid_ean13, make_ean13

DEFAULT_PREFIX = "29"
INSTORE_PREFIXES = tuple(str(p) for p in range(20, 30))
SEQ_DIGITS = 10
MAX_SEQ = 10**SEQ_DIGITS - 1
A4_MM = (210.0, 297.0)
MAX_COPIES = 999
MAX_CODE128_LEN = 48
_EPS = 0.01  # mm: presets are published to a tenth, so sums may be a hair over

Symbology = Literal["ean13", "code128"]


class InstoreCodeError(ValueError):
    """An in-store code cannot be made; the message is Thai for the manager."""


class LabelError(ValueError):
    """A label or label sheet that cannot be printed; Thai message."""


def check_prefix(prefix: object) -> str:
    """The prefix if it is one of 20-29 (GS1 restricted circulation)."""
    if not isinstance(prefix, str) or prefix not in INSTORE_PREFIXES:
        raise InstoreCodeError(f"คำนำหน้าบาร์โค้ดภายในร้านต้องเป็น 20 ถึง 29 ไม่ใช่ {prefix!r}")
    return prefix


def instore_ean13(seq: int, prefix: str = DEFAULT_PREFIX) -> str:
    """The EAN-13 for running number ``seq`` (1 to 9,999,999,999)."""
    check_prefix(prefix)
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= MAX_SEQ:
        raise InstoreCodeError(f"เลขลำดับบาร์โค้ดต้องอยู่ระหว่าง 1 ถึง {MAX_SEQ:,}")
    return make_ean13(f"{prefix}{seq:0{SEQ_DIGITS}d}")


def is_instore(code: object, prefix: str | None = None) -> bool:
    """True for a valid EAN-13 in the restricted range (or with this prefix)."""
    if not isinstance(code, str) or not is_valid_ean13(code):
        return False
    return code[:2] == prefix if prefix is not None else code[:2] in INSTORE_PREFIXES


def instore_seq(code: str) -> int:
    """The running number inside an in-store code."""
    if not is_instore(code):
        raise InstoreCodeError(f"{code!r} ไม่ใช่บาร์โค้ดภายในร้าน")
    return int(code[2:12])


def next_instore(taken: Iterable[str], prefix: str = DEFAULT_PREFIX) -> str:
    """The code after the highest one in use with ``prefix``, skipping any taken.

    Counting on from the maximum (not filling gaps) means a number that was
    printed once is never given to another product, even if it was deleted.
    """
    check_prefix(prefix)
    used = set(taken)
    seqs = [instore_seq(c) for c in used if is_instore(c, prefix)]
    seq = max(seqs, default=0) + 1
    while seq <= MAX_SEQ:
        code = instore_ean13(seq, prefix)
        if code not in used:
            return code
        seq += 1
    raise InstoreCodeError(f"เลขบาร์โค้ดภายในร้านคำนำหน้า {prefix} ใช้หมดแล้ว เลือกคำนำหน้าอื่น")


@dataclass(frozen=True, slots=True)
class Label:
    """One product label; ``copies`` stickers of it are printed."""

    barcode: str
    symbology: Symbology
    name: str
    price_text: str
    sku: str = ""
    copies: int = 1

    def __post_init__(self) -> None:
        if self.symbology == "ean13":
            if not is_valid_ean13(self.barcode):
                raise LabelError(f"บาร์โค้ด {self.barcode!r} ไม่ใช่ EAN-13 ที่ถูกต้อง")
        elif self.symbology == "code128":
            ok = self.barcode.isascii() and self.barcode.isprintable()
            if not self.barcode or not ok or len(self.barcode) > MAX_CODE128_LEN:
                raise LabelError(f"รหัส Code 128 ต้องเป็นอักษรอังกฤษหรือตัวเลข 1-{MAX_CODE128_LEN} ตัว")
        else:
            raise LabelError(f"ไม่รู้จักชนิดบาร์โค้ด {self.symbology!r}")
        copies = self.copies
        if not isinstance(copies, int) or isinstance(copies, bool) or not 1 <= copies <= MAX_COPIES:
            raise LabelError(f"จำนวนดวงต้องอยู่ระหว่าง 1 ถึง {MAX_COPIES}")


def each_copy(labels: Iterable[Label]) -> list[Label]:
    """Every sticker to print, in order: a label with copies=3 appears 3 times."""
    return [label for label in labels for _ in range(label.copies)]


@dataclass(frozen=True, slots=True)
class LabelGrid:
    """A sheet of equal labels on A4, in millimetres, filled row by row."""

    columns: int
    rows: int
    label_w: float
    label_h: float
    top: float
    left: float
    h_gap: float = 0.0
    v_gap: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        for count in (self.columns, self.rows):
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise LabelError("จำนวนแถวและคอลัมน์ของสติกเกอร์ต้องเป็นจำนวนเต็มตั้งแต่ 1")
        if min(self.label_w, self.label_h) <= 0:
            raise LabelError("ขนาดสติกเกอร์ต้องมากกว่า 0 มม.")
        if min(self.top, self.left, self.h_gap, self.v_gap) < 0:
            raise LabelError("ขอบกระดาษและระยะห่างต้องไม่ติดลบ")
        right, bottom = self.extent
        if right > A4_MM[0] + _EPS or bottom > A4_MM[1] + _EPS:
            raise LabelError(
                f"สติกเกอร์ {self.columns}×{self.rows} ดวง ขนาด {self.label_w:g}×{self.label_h:g} มม."
                f" ต้องใช้พื้นที่ {right:.1f}×{bottom:.1f} มม. เกินกระดาษ A4 (210×297 มม.)"
            )

    @property
    def extent(self) -> tuple[float, float]:
        """Right and bottom edge of the last label, in mm from the top-left corner."""
        right = self.left + self.columns * self.label_w + (self.columns - 1) * self.h_gap
        bottom = self.top + self.rows * self.label_h + (self.rows - 1) * self.v_gap
        return right, bottom

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def position(self, slot: int) -> tuple[float, float]:
        """Top-left corner (x, y from the top edge) in mm of slot 0..per_sheet-1."""
        if not 0 <= slot < self.per_sheet:
            raise LabelError(f"ตำแหน่งสติกเกอร์ต้องอยู่ระหว่าง 1 ถึง {self.per_sheet}")
        row, col = divmod(slot, self.columns)
        return (
            self.left + col * (self.label_w + self.h_gap),
            self.top + row * (self.label_h + self.v_gap),
        )

    def check_start(self, start_at: int) -> int:
        """``start_at`` stickers of the first sheet are already used (0 = a new sheet)."""
        if not isinstance(start_at, int) or not 0 <= start_at < self.per_sheet:
            raise LabelError(f"เริ่มพิมพ์ได้ที่ดวงที่ 1 ถึง {self.per_sheet} ของแผ่นนี้")
        return start_at

    def pages_for(self, count: int, start_at: int = 0) -> int:
        """Sheets needed for ``count`` stickers after skipping ``start_at``."""
        if count <= 0:
            return 0
        return -(-(self.check_start(start_at) + count) // self.per_sheet)


# Common A4 sticker sheets sold in Thailand (sizes as printed on the packs;
# the same as Avery/Zweckform codes in brackets, which Thai brands copy).
PRESETS: dict[str, LabelGrid] = {
    "a4-24": LabelGrid(3, 8, 70.0, 37.0, 0.5, 0.0, name="A4 24 ดวง 70×37 มม. (3474)"),
    "a4-21": LabelGrid(
        3, 7, 63.5, 38.1, 15.15, 7.25, 2.5, 0.0, name="A4 21 ดวง 63.5×38.1 มม. (L7160)"
    ),
    "a4-40": LabelGrid(4, 10, 48.5, 25.4, 21.5, 8.0, name="A4 40 ดวง 48.5×25.4 มม. (3657)"),
    "a4-65": LabelGrid(
        5, 13, 38.1, 21.2, 10.7, 4.75, 2.5, 0.0, name="A4 65 ดวง 38.1×21.2 มม. (L7651)"
    ),
}


def preset(key: str) -> LabelGrid:
    """A preset sheet by key ('a4-24', 'a4-21', 'a4-40', 'a4-65')."""
    try:
        return PRESETS[key]
    except KeyError:
        raise LabelError(f"ไม่มีแบบกระดาษสติกเกอร์ {key!r}") from None
