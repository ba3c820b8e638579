"""Lay out the slip printed when a shift opens (the float) or closes (the count).

The slip is the paper trail of who handed over how much cash: the cashier and
the manager both sign it. On a blind close the cashier's copy shows only what
was counted, never what the till expected, so ``expected`` may be None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from otop_pos.domain.money import Money, sum_money
from otop_pos.printing.documents.day_report import ReportLine
from otop_pos.printing.documents.receipt import Lang
from otop_pos.printing.documents.tax_invoice import SIGN_DOTS
from otop_pos.printing.engine.document import WIDTH_80MM, Block, Document, Row, Rule, Spacer, Text

SlipKind = Literal["open", "close"]

TITLES_TH: dict[str, str] = {"open": "เปิดกะ", "close": "ปิดกะ"}
_TITLES_EN = {"open": "Shift opened", "close": "Shift closed"}

_WORDS: dict[str, tuple[str, str]] = {
    "pos_id": ("POS ID", ""),
    "user": ("พนักงาน", "Cashier"),
    "opened_at": ("เวลาเปิดกะ", "Opened"),
    "closed_at": ("เวลาปิดกะ", "Closed"),
    "float": ("เงินทอนตั้งต้น", "Opening float"),
    "count": ("นับเงินตามชนิดธนบัตรและเหรียญ", "Count by note and coin"),
    "count_total": ("รวมเงินที่นับได้", "Total counted"),
    "cash_in": ("นำเงินเข้า", "Cash in"),
    "cash_out": ("นำเงินออก", "Cash out"),
    "total": ("รวม", "Total"),
    "tenders": ("ตรวจยอดตามประเภทการชำระเงิน", "Check by payment type"),
    "expected": ("ยอดที่ควรมี", "Expected"),
    "counted": ("นับได้", "Counted"),
    "over_short": ("เกิน/ขาด", "Over/short"),
    "note": ("หมายเหตุ", "Note"),
    "sign_cashier": ("พนักงานเก็บเงิน", "Cashier"),
    "sign_manager": ("ผู้จัดการ / ผู้ตรวจนับ", "Manager"),
}


def _labels(lang: Lang) -> dict[str, str]:
    return {k: f"{th} / {en}" if lang == "en" and en else th for k, (th, en) in _WORDS.items()}


@dataclass(frozen=True, slots=True)
class CountLine:
    """One denomination in the drawer: '1,000 บาท' x pieces = amount."""

    label: str
    pieces: int
    amount: Money


@dataclass(frozen=True, slots=True)
class TenderCheck:
    """Expected against counted for one tender; expected is None on a blind close."""

    label: str
    expected: Money | None
    counted: Money
    difference: Money | None


@dataclass(frozen=True, slots=True)
class ShiftSlipData:
    """Everything on a shift slip, already computed and formatted."""

    kind: SlipKind
    centre_name: str
    pos_id: str
    shift_label: str  # 'กะที่ 12'
    user_name: str
    opened_at: str
    closed_at: str  # '' when kind == 'open'
    float_amount: Money
    count: tuple[CountLine, ...]  # the float on open, the drawer on close
    cash_in: tuple[ReportLine, ...] = ()  # label = reason
    cash_out: tuple[ReportLine, ...] = ()
    tenders: tuple[TenderCheck, ...] = ()
    over_short: Money | None = None
    note: str = ""
    lang: Lang = "th"

    def __post_init__(self) -> None:
        if self.kind not in TITLES_TH:
            raise ValueError(f"kind must be 'open' or 'close', not {self.kind!r}")
        if self.lang not in ("th", "en"):
            raise ValueError(f"lang must be 'th' or 'en', not {self.lang!r}")


def signed(amount: Money) -> str:
    """'+20.00' over, '-20.00' short, '0.00' exact: the sign is the point of the line."""
    return f"+{amount.format()}" if amount.satang > 0 else amount.format()


def _header(d: ShiftSlipData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [Text(d.centre_name, "center", "large", bold=True)]
    if d.pos_id:
        out.append(Text(f"{lab['pos_id']} {d.pos_id}", "center", "small"))
    out += [Rule("="), Text(TITLES_TH[d.kind], "center", "xlarge", bold=True)]
    if d.lang == "en":
        out.append(Text(f"({_TITLES_EN[d.kind]})", "center", "small"))
    out += [
        Text(d.shift_label, "center", "large", bold=True),
        Rule("-"),
        Row(lab["user"], d.user_name),
        Row(lab["opened_at"], d.opened_at),
    ]
    if d.kind == "close" and d.closed_at:
        out.append(Row(lab["closed_at"], d.closed_at))
    return [*out, Row(lab["float"], d.float_amount.format(), bold=True)]


def _count(d: ShiftSlipData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [Rule("-"), Text(lab["count"], bold=True)]
    out += [Row(f"{c.label} x {c.pieces:,}", c.amount.format()) for c in d.count]
    total = sum_money(c.amount for c in d.count)
    return [*out, Row(lab["count_total"], total.format(), bold=True)]


def _moves(title: str, lines: tuple[ReportLine, ...], lab: dict[str, str]) -> list[Block]:
    if not lines:
        return []
    out: list[Block] = [Rule("-"), Text(title, bold=True)]
    out += [Row(ln.label, ln.amount.format()) for ln in lines]
    if len(lines) > 1:
        out.append(Row(lab["total"], sum_money(ln.amount for ln in lines).format(), bold=True))
    return out


def _tenders(d: ShiftSlipData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = []
    if d.tenders:
        out += [Rule("-"), Text(lab["tenders"], bold=True)]
    for t in d.tenders:
        out.append(Text(t.label))
        if t.expected is not None:
            out.append(Row(lab["expected"], t.expected.format(), size="small"))
        out.append(Row(lab["counted"], t.counted.format(), size="small"))
        if t.difference is not None:
            out.append(Row(lab["over_short"], signed(t.difference), size="small"))
    if d.over_short is not None:
        out += [Rule("-"), Row(lab["over_short"], signed(d.over_short), bold=True, size="large")]
    return out


def _footer(d: ShiftSlipData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = []
    if d.note.strip():
        out += [Rule("-"), Text(lab["note"], bold=True)]
        out += [Text(s.strip()) for s in d.note.splitlines() if s.strip()]
    out += [Rule("=")]
    for who, name in (("sign_cashier", d.user_name), ("sign_manager", "")):
        out += [Spacer(48), Text(f"{lab[who]} {SIGN_DOTS}", "center")]
        if name:
            out.append(Text(f"({name})", "center", "small"))
    return out


def build_shift_slip(data: ShiftSlipData, width_dots: int = WIDTH_80MM) -> Document:
    """The opening-float or closing slip, ending with two signature lines."""
    lab = _labels(data.lang)
    blocks = _header(data, lab) + _count(data, lab)
    blocks += _moves(lab["cash_in"], data.cash_in, lab)
    blocks += _moves(lab["cash_out"], data.cash_out, lab)
    blocks += _tenders(data, lab) + _footer(data, lab)
    return Document(tuple(blocks), width_dots)
