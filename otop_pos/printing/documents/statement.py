"""A producer's consignment statement (ใบแจ้งยอดขายสินค้าฝากขาย) for the receipt printer.

The producer takes it home, so it must read without the centre explaining
it: every movement of every consigned product, how the commission was
worked out, what this period adds to what was already owed, and in words.
A preview that is not settled says so at the top: its figures can still
change. The A4 PDF (statement_pdf.py) reuses the header and summary built
here, so both say the same thing in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from otop_pos.domain.catalogue.units import is_measured, qty_number, unit_text
from otop_pos.domain.consignment.statement import CONSIGNED, OWNED, ProductLine, Statement
from otop_pos.domain.thai.bahttext import baht_text
from otop_pos.domain.thai.thaidate import MONTHS_SHORT_TH, from_iso, to_bangkok
from otop_pos.printing.documents.tax_invoice import SIGN_DOTS
from otop_pos.printing.engine.document import (
    WIDTH_80MM,
    Block,
    Document,
    ItemLine,
    Row,
    Rule,
    Spacer,
    Text,
)

TITLE_TH = "ใบแจ้งยอดขายสินค้าฝากขาย"
DRAFT_TH = "ฉบับร่าง ยังไม่ปิดยอด"
DRAFT_NOTE_TH = "ตัวเลขอาจเปลี่ยนแปลงได้จนกว่าศูนย์ฯ จะปิดยอดงวดนี้"
COPY_TH = "สำเนา"
OWNED_TITLE_TH = "สินค้าที่ศูนย์ฯ ซื้อขาด (ไม่รวมในยอดจ่าย)"
EARLIER_NOTE_TH = "* งวดก่อน: รายการคืนสินค้า/ขายที่เกิดหลังปิดยอดงวดก่อน ยกมารวมในงวดนี้"
PRODUCER_OWES_TH = "ผู้ผลิตคืนเงินให้ศูนย์ฯ"
NBSP = "\u00a0"

WORDS: dict[str, str] = {
    "producer": "ผู้ผลิต",
    "period": "งวด",
    "no": "เลขที่",
    "settled_at": "ปิดยอดเมื่อ",
    "printed_at": "พิมพ์เมื่อ",
    "consigned": "สินค้าฝากขาย",
    "product": "สินค้า",
    "net_baht": "ยอดขายสุทธิ (บาท)",
    "none": "ไม่มีรายการ",
    "net_sales": "ยอดขายสุทธิ",
    "commission": "ค่าคอมมิชชั่น",
    "of": "ของ",
    "payable": "ยอดงวดนี้",
    "opening": "ยอดค้างยกมา",
    "closing": "ยอดค้างจ่ายรวม",
    "closing_owes": "ยอดรวม ผู้ผลิตต้องคืนเงินให้ศูนย์ฯ",
    "total": "รวม",
    "sign_producer": "ผู้ผลิต",
    "sign_manager": "ผู้จัดการศูนย์ฯ",
}

QtyGetter = Callable[[ProductLine], int]


def be_date(iso_date: str) -> str:
    """'2026-10-01' -> '1 ต.ค. 2569': a calendar date with its Buddhist-era year."""
    d = date.fromisoformat(iso_date[:10])
    return f"{d.day} {MONTHS_SHORT_TH[d.month - 1]} {d.year + 543}"


def be_datetime(iso: str) -> str:
    """A stored UTC instant as Bangkok time: '1 พ.ย. 2569 10:00 น.'."""
    local = to_bangkok(from_iso(iso))
    return f"{be_date(local.date().isoformat())} {local:%H:%M} น."


def period_text(st: Statement) -> str:
    return f"{be_date(st.period_from)} – {be_date(st.period_to)}"


def qty(n: int) -> str:
    return f"{n:,}"


def has_earlier(st: Statement) -> bool:
    """Show the 'earlier periods' column only when something was rolled in."""
    return any(ln.earlier or ln.earlier_amount for ln in st.of(CONSIGNED))


def consigned_columns(st: Statement) -> list[tuple[str, QtyGetter]]:
    """The movement columns of the consigned table, in print order.

    A newline in a heading is where a narrow A4 column may break it; on the
    roll it is dropped (see ``label``).
    """
    cols: list[tuple[str, QtyGetter]] = [
        ("รับเข้า", lambda ln: ln.received),
        ("ขาย", lambda ln: ln.sold),
        ("ลูกค้า\nคืน", lambda ln: ln.refunded),
    ]
    if has_earlier(st):
        cols.append(("งวด\nก่อน*", lambda ln: ln.earlier))
    return [
        *cols,
        ("คืน\nผู้ผลิต", lambda ln: ln.returned),
        ("ปรับ\nปรุง", lambda ln: ln.adjusted),
        ("คง\nเหลือ", lambda ln: ln.on_hand),
    ]


OWNED_COLUMNS: list[tuple[str, QtyGetter]] = [
    ("รับเข้า", lambda ln: ln.received),
    ("ขาย\nสุทธิ", lambda ln: ln.net_qty),
    ("คืน\nผู้ผลิต", lambda ln: ln.returned),
    ("ปรับ\nปรุง", lambda ln: ln.adjusted),
    ("คง\nเหลือ", lambda ln: ln.on_hand),
]


def label(heading: str) -> str:
    """A column heading on one line."""
    return heading.replace("\n", "")


def product_label(ln: ProductLine) -> str:
    """'SKU name', and a weighed product's unit: its figures are in that unit."""
    unit = f" [{unit_text(ln.unit)}]" if is_measured(ln.unit) else ""
    return f"{ln.sku} {ln.name}{unit}".strip()


def qty_of(ln: ProductLine, n: int) -> str:
    """A movement figure: pieces '1,234', a weighed product's kilograms '20.500'."""
    return qty_number(n, ln.unit)


@dataclass(frozen=True)
class StatementData:
    """A statement and what the paper adds to it (who prints, when, which copy)."""

    centre_name: str
    statement: Statement
    printed_at: str = ""  # already B.E., e.g. '5 พ.ย. 2569 10:00 น.'
    manager_name: str = ""
    is_copy: bool = False

    @property
    def is_draft(self) -> bool:
        return not self.statement.settlement_no


@dataclass(frozen=True, slots=True)
class SummaryLine:
    label: str
    amount: str
    strong: bool = False


def summary_lines(st: Statement) -> list[SummaryLine]:
    """The money under the table: net, commission per rate, this period, balances.

    Commission is a deduction (printed with a minus); a negative period
    (refunds outweigh sales) says who pays whom, not only a minus sign.
    """
    out = [SummaryLine(WORDS["net_sales"], st.net_sales.format())]
    for r in st.rates:
        label = f"{WORDS['commission']} {r.percent_text} {WORDS['of']} {r.net.format()}"
        out.append(SummaryLine(label, (-r.commission).format()))
    payable = WORDS["payable"]
    if st.payable.is_negative:
        payable += f" ({PRODUCER_OWES_TH})"
    out.append(SummaryLine(payable, st.payable.format(), True))
    out.append(SummaryLine(WORDS["opening"], st.opening_balance.format()))
    return out


def closing_line(st: Statement) -> SummaryLine:
    label = WORDS["closing_owes"] if st.closing_balance.is_negative else WORDS["closing"]
    return SummaryLine(label, st.closing_balance.format(), True)


def closing_words(st: Statement) -> str:
    """'(สองพันสี่ร้อยบาทถ้วน)'; a negative balance reads 'ลบ…'."""
    return f"({baht_text(st.closing_balance)})"


def closing_note(st: Statement) -> str:
    """Spelled out when the balance is negative: a bare minus is easy to miss."""
    if not st.closing_balance.is_negative:
        return ""
    owed = abs(st.closing_balance).format()
    return f"ยอดติดลบ หมายถึง ผู้ผลิตต้องคืนเงินให้ศูนย์ฯ {owed} บาท หรือหักจากยอดขายงวดถัดไป"


def title_blocks(d: StatementData) -> list[Block]:
    """Centre, title, the draft or copy mark, and whose statement it is."""
    st = d.statement
    out: list[Block] = [
        Text(d.centre_name, "center", "large", bold=True),
        Text(TITLE_TH, "center", "large", bold=True),
        Rule("="),
    ]
    if d.is_draft:
        out += [
            Text(DRAFT_TH, "center", "xlarge", bold=True),
            Text(DRAFT_NOTE_TH, "center", "small"),
        ]
    elif d.is_copy:
        out.append(Text(COPY_TH, "center", "xlarge", bold=True))
    return [*out, Text(f"{WORDS['producer']} {st.producer_code} {st.producer_name}", bold=True)]


def info_rows(d: StatementData) -> list[tuple[str, str]]:
    """Period, settlement number and time (none on a draft), when printed."""
    st = d.statement
    out = [(WORDS["period"], period_text(st))]
    if not d.is_draft:
        out.append((WORDS["no"], st.settlement_no))
        if st.settled_at:
            out.append((WORDS["settled_at"], be_datetime(st.settled_at)))
    if d.printed_at:
        out.append((WORDS["printed_at"], d.printed_at))
    return out


def header_blocks(d: StatementData) -> list[Block]:
    return [*title_blocks(d), *(Row(label, value) for label, value in info_rows(d))]


def movement_text(ln: ProductLine, cols: list[tuple[str, QtyGetter]]) -> str:
    """'รับเข้า 10  ขาย 3 …': no break between a label and its number on the roll."""
    return "  ".join(f"{label(head)}{NBSP}{qty_of(ln, get(ln))}" for head, get in cols)


def _consigned(st: Statement) -> list[Block]:
    lines = st.of(CONSIGNED)
    out: list[Block] = [Rule("-"), Text(WORDS["consigned"], bold=True)]
    if not lines:
        return [*out, Text(WORDS["none"], size="small")]
    cols = consigned_columns(st)
    out.append(Row(WORDS["product"], label(WORDS["net_baht"]), size="small"))
    out += [
        ItemLine(product_label(ln), "", ln.net.format(), movement_text(ln, cols)) for ln in lines
    ]
    if has_earlier(st):
        out.append(Text(EARLIER_NOTE_TH, size="small"))
    return out


def _summary(st: Statement) -> list[Block]:
    out: list[Block] = [Rule("-")]
    out += [Row(s.label, s.amount, bold=s.strong) for s in summary_lines(st)]
    close = closing_line(st)
    out += [Rule("="), Row(close.label, close.amount, bold=True, size="large")]
    out.append(Text(closing_words(st), "right"))
    if note := closing_note(st):
        out.append(Text(note, size="small"))
    return out


def _owned(st: Statement) -> list[Block]:
    lines = st.of(OWNED)
    if not lines:
        return []
    out: list[Block] = [Rule("-"), Text(OWNED_TITLE_TH, bold=True)]
    return out + [
        ItemLine(product_label(ln), "", "", movement_text(ln, OWNED_COLUMNS)) for ln in lines
    ]


def signature_blocks(d: StatementData) -> list[Block]:
    out: list[Block] = [Rule("=")]
    for who, name in (
        ("sign_producer", d.statement.producer_name),
        ("sign_manager", d.manager_name),
    ):
        out += [Spacer(48), Text(f"{WORDS[who]} {SIGN_DOTS}", "center")]
        if name:
            out.append(Text(f"({name})", "center", "small"))
    return out


def build_statement(data: StatementData, width_dots: int = WIDTH_80MM) -> Document:
    """The statement on a roll: header, consigned goods, money, owned goods, signatures."""
    st = data.statement
    blocks = header_blocks(data) + _consigned(st) + _summary(st) + _owned(st)
    return Document(tuple(blocks + signature_blocks(data)), width_dots)
