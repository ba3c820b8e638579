"""Producer statements and payout vouchers printed from a real settlement.

Everything is made the way a centre makes it (intake, sales, refunds, a
return to the producer, settle, pay) in September and October 2025, and
the printed words and figures are checked on the roll Document, in the
ESC/POS bytes sent to a file printer, and in the text of the A4 PDF.

Worked by hand (P02, October 2568):
  TEA01 85.50 at 15 %: sold 10, refunded 1 -> 769.50, commission 115.43
  HERB01 120.00 at 20 %: sold 2, late refund of a September piece -1
      -> 240.00 - 120.00 = 120.00, commission 24.00
  net 889.50, commission 139.43, this period 750.07
  September: 256.50 + 360.00 = 616.50 - (38.48 + 72.00) = 506.02, paid 400.00
  -> brought forward 106.02, total owed 856.09
P01 sold one silk in September (paid in full) that came back in October:
  -1,500.00, commission back +300.00, this period -1,200.00, owed -1,200.00.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from helpers import CASHIER_PIN
from PIL import Image

from otop_pos.db import print_log
from otop_pos.db.projections import record
from otop_pos.domain.consignment.statement import Statement
from otop_pos.domain.money import Money
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations import auth
from otop_pos.operations.consignment import documents as docs
from otop_pos.operations.consignment import intake, payouts, producer_returns, statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import refunds
from otop_pos.operations.selling.cart import scan
from otop_pos.operations.selling.checkout import complete_cash_sale
from otop_pos.operations.session import Session
from otop_pos.operations.stock import write_offs
from otop_pos.printing.documents.payout_voucher import build_payout_slip
from otop_pos.printing.documents.statement import (
    DRAFT_TH,
    EARLIER_NOTE_TH,
    OWNED_TITLE_TH,
    StatementData,
    build_statement,
)
from otop_pos.printing.documents.statement_pdf import statement_pdf_bytes
from otop_pos.printing.engine.document import Document, QRCode

HERB_NAME = "ยาหม่องสมุนไพรไพลสดผสมขมิ้นชันและตะไคร้หอม สูตรโบราณของกลุ่มแม่บ้าน ขนาด 50 กรัม"
SEP = [date(2025, 9, d) for d in range(1, 31)]
OCT = [date(2025, 10, d) for d in range(1, 32)]


def at(day: date, hour: int = 10) -> datetime:
    """Bangkok wall-clock time on ``day`` (UTC+7)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - timedelta(hours=7)


def pid(session: Session, sku: str) -> int:
    return int(session.store.scalar("SELECT id FROM products WHERE sku = ?", (sku,)))


def sell(session: Session, when: datetime, *codes: str) -> str:
    from otop_pos.domain.selling.cart import Cart

    cart = Cart()
    for code in codes:
        scan(session, cart, code)
    return complete_cash_sale(session, cart, cart.total, when).receipt_no


def add_herbal_balm(session: Session) -> None:
    """A P02 product at its own 20 % rate (P02's default is 15 %), and P02's PromptPay."""
    store, now = session.store, to_iso(at(SEP[0], 8))
    balm = {
        "sku": "HERB01", "name_th": HERB_NAME, "name_en": "Herbal balm", "category": "herbal",
        "stars": 4, "producer_code": "P02", "price_satang": 12000, "vat_applicable": 1,
        "ownership": "consigned", "quick_key": None, "active": 1, "barcodes": [],
        "commission_bp": 2000,
    }  # fmt: skip
    p02 = dict(store.one("SELECT * FROM producers WHERE code = 'P02'"))
    p02 = {k: p02[k] for k in ("code", "name", "type", "commission_bp")} | {
        "promptpay_id": "0812345678", "bank_name": "ธ.ก.ส.", "bank_account": "020-1-23456-7",
        "account_name": "วิสาหกิจชุมชนชาใบหม่อน",
    }  # fmt: skip
    with store.transaction():
        record.record(store, "T01", "producer_upsert", now, 1, {"producers": [p02]})
        record.record(store, "T01", "product_upsert", now, 1, {"products": [balm]})


def two_months(session: Session) -> dict[str, object]:
    """September settled and partly paid, October's business, October settled."""
    add_herbal_balm(session)
    tea, balm, glass = pid(session, "TEA01"), pid(session, "HERB01"), pid(session, "TEAGLASS")
    received = intake.receive_goods(
        session,
        "P02",
        [
            intake.IntakeLine(tea, 40, "T2508", date(2026, 8, 31)),
            intake.IntakeLine(balm, 30, "H2509-A", date(2027, 3, 31)),
            intake.IntakeLine(glass, 60, unit_cost=Money(1200)),
        ],
        delivery_note="DN-0915",
        note="ส่งของรอบต้นเดือน",
        now=at(SEP[0]),
    )
    sell(session, at(SEP[9]), "3*TEA01", "2*HERB01")
    september_balm = sell(session, at(SEP[11]), "HERB01")
    silk = sell(session, at(SEP[4]), "SILK01")
    sep = statements.settle(session, SEP[0], SEP[29], now=at(OCT[0], 9))
    payouts.pay(session, "P02", Money(40000), "cash", now=at(OCT[1]))
    payouts.pay(session, "P01", Money(120000), "transfer", "TR-001", now=at(OCT[1]))
    sell(session, at(OCT[2]), "4*TEA01", "2*TEAGLASS")
    october = sell(session, at(OCT[7]), "6*TEA01", "2*HERB01", "3*TEAGLASS")
    refunds.refund(session, october, [refunds.ReturnItem(1, 1)], "ชำรุด", now=at(OCT[14]))
    refunds.refund(session, september_balm, [refunds.ReturnItem(1, 1)], "แพ้", now=at(OCT[19]))
    refunds.refund(session, silk, [refunds.ReturnItem(1, 1)], "สีตก", now=at(OCT[11]))
    back = producer_returns.return_to_producer(session, "P02", [(tea, 2)], "ใกล้หมดอายุ", at(OCT[24]))
    write_offs.adjust_stock(session, "damaged", [(balm, 1)], "ฝาแตก", now=at(OCT[25]))
    oct_ = statements.settle(session, OCT[0], OCT[30], now=at(date(2025, 11, 1), 9))
    books: dict[str, object] = {s.producer_code: s for s in oct_.settled}
    books["sep"] = {s.producer_code: s for s in sep.settled}
    return books | {"intake_no": received.intake_no, "return_no": back.return_no}


@pytest.fixture
def centre_books(manager: Session) -> tuple[Session, dict[str, object]]:
    return manager, two_months(manager)


def printer_session(session: Session, uri: str) -> Session:
    return Session(session.store, replace(session.settings, printer_uri=uri), session.user)


def texts(doc: Document) -> str:
    """Plain text with the roll's no-break spaces as ordinary spaces."""
    return doc.plain_text().replace("\u00a0", " ")


def pdf_text(path: Path) -> str:
    """What a reader copies out of the PDF, by poppler (as a person's viewer would)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True, timeout=60)  # fmt: skip
    return out.stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_scenario_figures_match_the_hand_sums(centre_books) -> None:
    _session, books = centre_books
    p02 = books["P02"]
    assert isinstance(p02, Statement)
    assert [r.percent_text for r in p02.rates] == ["15%", "20%"]
    assert p02.net_sales == Money(88950) and p02.commission == Money(13943)
    assert p02.payable == Money(75007)
    assert p02.opening_balance == Money(10602) and p02.closing_balance == Money(85609)
    p01 = books["P01"]
    assert isinstance(p01, Statement)
    assert p01.payable == Money(-120000) and p01.closing_balance == Money(-120000)


def test_settled_statement_on_the_roll(centre_books) -> None:
    session, books = centre_books
    st = books["P02"]
    assert isinstance(st, Statement)
    doc = build_statement(docs.statement_data(session, st))
    text = texts(doc)
    for needed in (
        "ศูนย์ OTOP จังหวัดศรีสะเกษ",
        "ใบแจ้งยอดขายสินค้าฝากขาย",
        "ผู้ผลิต P02 วิสาหกิจชุมชนชาใบหม่อน",
        "1 ต.ค. 2568 – 31 ต.ค. 2568",
        st.settlement_no,
        "1 พ.ย. 2568 09:00 น.",
        "TEA01 ชาใบหม่อนอบแห้ง 50 กรัม",
        "รับเข้า 0  ขาย 10  ลูกค้าคืน 1  งวดก่อน* 0  คืนผู้ผลิต 2  ปรับปรุง 0  คงเหลือ 26",
        f"HERB01 {HERB_NAME}",
        "รับเข้า 0  ขาย 2  ลูกค้าคืน 0  งวดก่อน* -1  คืนผู้ผลิต 0  ปรับปรุง -1  คงเหลือ 25",
        EARLIER_NOTE_TH,
        OWNED_TITLE_TH,
        "TEAGLASS ชาใบหม่อนเย็น (แก้ว)",
        "รับเข้า 0  ขายสุทธิ 5  คืนผู้ผลิต 0  ปรับปรุง 0  คงเหลือ 55",
        "(แปดร้อยห้าสิบหกบาทเก้าสตางค์)",
        "ประเสริฐ",
    ):
        assert needed in text, needed
    assert DRAFT_TH not in text and "สำเนา" not in text
    rows = [(b.left, b.right) for b in doc.blocks if hasattr(b, "left")]
    for row in (
        ("ยอดขายสุทธิ", "889.50"),
        ("ค่าคอมมิชชั่น 15% ของ 769.50", "-115.43"),
        ("ค่าคอมมิชชั่น 20% ของ 120.00", "-24.00"),
        ("ยอดงวดนี้", "750.07"),
        ("ยอดค้างยกมา", "106.02"),
        ("ยอดค้างจ่ายรวม", "856.09"),
    ):
        assert row in rows, row
    items = {b.name: b.amount_text for b in doc.blocks if hasattr(b, "amount_text")}
    assert items["TEA01 ชาใบหม่อนอบแห้ง 50 กรัม"] == "769.50"
    assert items[f"HERB01 {HERB_NAME}"] == "120.00"
    # owned goods come after the money and never carry an amount
    assert text.index(OWNED_TITLE_TH) > text.index("ยอดค้างจ่ายรวม")
    assert items["TEAGLASS ชาใบหม่อนเย็น (แก้ว)"] == ""
    assert text.index("ผู้ผลิต ....") < text.index("ผู้จัดการศูนย์ฯ ....")


def test_no_earlier_column_when_nothing_rolled_in(centre_books) -> None:
    session, books = centre_books
    sep = books["sep"]["P02"]  # type: ignore[index]
    text = texts(build_statement(docs.statement_data(session, sep)))
    assert "งวดก่อน" not in text and EARLIER_NOTE_TH not in text
    assert "รับเข้า 40  ขาย 3  ลูกค้าคืน 0  คืนผู้ผลิต 0" in text


def test_negative_period_reads_as_the_producer_paying_back(centre_books) -> None:
    session, books = centre_books
    st = books["P01"]
    assert isinstance(st, Statement)
    doc = build_statement(docs.statement_data(session, st))
    rows = [(b.left, b.right) for b in doc.blocks if hasattr(b, "left")]
    assert ("ค่าคอมมิชชั่น 20% ของ -1,500.00", "300.00") in rows
    assert ("ยอดงวดนี้ (ผู้ผลิตคืนเงินให้ศูนย์ฯ)", "-1,200.00") in rows
    assert ("ยอดรวม ผู้ผลิตต้องคืนเงินให้ศูนย์ฯ", "-1,200.00") in rows
    text = texts(doc)
    assert "(ลบหนึ่งพันสองร้อยบาทถ้วน)" in text
    assert "ผู้ผลิตต้องคืนเงินให้ศูนย์ฯ 1,200.00 บาท" in text
    assert "งวดก่อน* -1" in text


def test_draft_says_so_and_is_never_an_original(centre_books, tmp_path: Path) -> None:
    session, _books = centre_books
    session = printer_session(session, f"file:{tmp_path / 'printer.bin'}")
    producers = statements.producers_for(session.store, ["P02"])
    draft = statements.statements(session.store, producers, date(2025, 11, 1), date(2025, 11, 30))
    st = next(iter(draft.values()))
    assert not st.settlement_no
    first = docs.print_statement(session, st)
    again = docs.print_statement(session, st)
    assert first.ok and again.ok and not first.is_copy and not again.is_copy
    assert not print_log.original_printed(session.store, docs.statement_doc_no(st))
    text = texts(build_statement(docs.statement_data(session, st)))
    assert DRAFT_TH in text and "ยอดค้างจ่ายรวม" in text
    saved = docs.statement_pdf(session, st, tmp_path)
    assert not saved.is_copy
    pdf = squash(pdf_text(saved.path))
    assert DRAFT_TH in pdf and "1 พ.ย. 2568 – 30 พ.ย. 2568" in pdf


def test_print_sends_raster_bytes_and_a_reprint_is_a_copy(centre_books, tmp_path: Path) -> None:
    session, books = centre_books
    printer = tmp_path / "printer.bin"
    session = printer_session(session, f"file:{printer}")
    st = books["P02"]
    assert isinstance(st, Statement)
    first = docs.print_statement(session, st)
    size = printer.stat().st_size
    assert first.ok and not first.is_copy and size > 20_000
    raw = printer.read_bytes()
    assert raw.startswith(b"\x1b@") and b"\x1dv0" in raw  # init, then a raster image
    assert b"\x1dV" in raw[-32:]  # and the cut
    again = docs.print_statement(session, st)
    assert again.ok and again.is_copy and printer.stat().st_size > 2 * size - 1000
    copy = build_statement(docs.statement_data(session, st, is_copy=True))
    assert "สำเนา" in copy.plain_text()
    p01 = books["P01"]
    assert isinstance(p01, Statement)
    asked = docs.print_statement(session, p01, copy=True)  # the centre's file copy first
    assert asked.ok and asked.is_copy
    assert not print_log.original_printed(session.store, p01.settlement_no)


def test_printer_failure_is_a_thai_message_not_an_exception(centre_books, tmp_path) -> None:
    session, books = centre_books
    session = printer_session(session, f"file:{tmp_path / 'no' / 'such' / 'dir' / 'p.bin'}")
    result = docs.print_statement(session, books["P02"])  # type: ignore[arg-type]
    assert not result.ok and "เขียนไฟล์ไม่ได้" in result.message
    assert not print_log.original_printed(session.store, result.receipt_no)


def test_statement_pdf_carries_the_same_figures(centre_books, tmp_path: Path) -> None:
    session, books = centre_books
    st = books["P02"]
    assert isinstance(st, Statement)
    saved = docs.statement_pdf(session, st, tmp_path / "out" / "p02.pdf")
    assert saved.path == tmp_path / "out" / "p02.pdf" and not saved.is_copy
    text = pdf_text(saved.path)
    flat = squash(text)
    for needed in (
        "ใบแจ้งยอดขายสินค้าฝากขาย",
        "P02 วิสาหกิจชุมชนชาใบหม่อน",
        "1 ต.ค. 2568 – 31 ต.ค. 2568",
        st.settlement_no,
        "ค่าคอมมิชชั่น 15% ของ 769.50 -115.43",
        "ค่าคอมมิชชั่น 20% ของ 120.00 -24.00",
        "ยอดงวดนี้ 750.07",
        "ยอดค้างยกมา 106.02",
        "ยอดค้างจ่ายรวม 856.09",
        "(แปดร้อยห้าสิบหกบาทเก้าสตางค์)",
        OWNED_TITLE_TH,
        "รายการคืนสินค้า/ขายที่เกิดหลังปิดยอดงวดก่อน",
        "ผู้ผลิต",
        "ผู้จัดการศูนย์ฯ",
    ):
        assert needed in flat, needed
    # one table row per product: received, sold, refunded, earlier, returned, adjusted, left, net
    assert re.search(r"TEA01 ชาใบหม่อนอบแห้ง 50 กรัม\s+0\s+10\s+1\s+0\s+2\s+0\s+26\s+769\.50", text)
    assert re.search(r"HERB01 ยาหม่อง.*\s0\s+2\s+0\s+-1\s+0\s+-1\s+25\s+120\.00", text)
    assert re.search(r"รวม\s+0\s+12\s+1\s+-1\s+2\s+-1\s+51\s+889\.50", text)
    assert re.search(r"TEAGLASS ชาใบหม่อนเย็น \(แก้ว\)\s+0\s+5\s+0\s+0\s+55", text)
    # the long name wraps inside its cell: every word of it is there, in order
    assert "ขมิ้นชันและตะไคร้หอม" in flat and "ขนาด 50 กรัม" in flat
    # a second output of a settled statement is the centre's copy
    again = docs.statement_pdf(session, st, tmp_path)
    assert again.is_copy and again.path.name == f"{st.settlement_no}-copy.pdf"
    assert "สำเนา" in pdf_text(again.path)


def _boxes(pdf: bytes, needle: str) -> list[tuple[float, float, float, float]]:
    page = pypdfium2.PdfDocument(pdf)[0]
    tp = page.get_textpage()
    found, search = [], tp.search(needle, match_case=True)
    while (hit := search.get_next()) is not None:
        start, count = hit
        lefts = [tp.get_charbox(i) for i in range(start, start + count)]
        found.append((min(b[0] for b in lefts), min(b[1] for b in lefts),
                      max(b[2] for b in lefts), max(b[3] for b in lefts)))  # fmt: skip
    return found


def test_pdf_numbers_right_aligned_and_nothing_past_the_margin(centre_books) -> None:
    _session, books = centre_books
    st = books["P02"]
    assert isinstance(st, Statement)
    long = replace(st, lines=tuple(replace(ln, name=ln.name + " " + HERB_NAME) for ln in st.lines))
    pdf = statement_pdf_bytes(StatementData("ศูนย์ OTOP", long, "5 พ.ย. 2568 10:00 น."))
    nets = [b for amount in ("769.50", "120.00", "889.50") for b in _boxes(pdf, amount)]
    table_nets = [b for b in nets if b[2] > 500]  # the net column, not the commission lines
    rights = {round(b[2], 0) for b in table_nets}
    assert len(table_nets) >= 3 and len(rights) == 1, table_nets
    page = pypdfium2.PdfDocument(pdf)[0]
    width = page.get_width()
    tp = page.get_textpage()
    right_edge = max(tp.get_charbox(i)[2] for i in range(tp.count_chars()))
    assert right_edge <= width - 18 * 72 / 25.4 + 1  # inside the 18 mm margin


def test_only_a_manager_prints_statements(centre_books) -> None:
    session, books = centre_books
    nobody = Session(session.store, session.settings, None)
    with pytest.raises(OperationError, match="กรุณาเข้าสู่ระบบ"):
        docs.print_statement(nobody, books["P02"])  # type: ignore[arg-type]
    cashier = Session(session.store, session.settings)
    auth.login(cashier, 2, CASHIER_PIN)
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์"):
        docs.statement_pdf(cashier, books["P02"], Path("unused.pdf"))  # type: ignore[arg-type]


def test_promptpay_voucher_carries_a_qr_that_pays_the_producer(centre_books, tmp_path) -> None:
    session, _books = centre_books
    png = tmp_path / "voucher.png"
    session = printer_session(session, f"preview:{png}")
    payout = payouts.pay(session, "P02", Money(85609), "promptpay", "งวด ต.ค. 68",
                            now=at(date(2025, 11, 2)))  # fmt: skip
    assert payout.qr_payload and payout.remaining == Money(0)
    result = docs.print_payout_slip(session, payout)
    assert result.ok and png.exists()
    found = zxingcpp.read_barcodes(Image.open(png).convert("L"))
    assert [r.text for r in found] == [payout.qr_payload]
    assert "54" + "06856.09" in payout.qr_payload  # tag 54: the amount, 6 characters
    if shutil.which("zbarimg") is not None:  # a second, independent reader
        zbar = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        assert zbar.stdout.strip() == payout.qr_payload
    text = build_payout_slip(docs.payout_slip_data(session, payout)).plain_text()
    for needed in ("ใบสำคัญจ่ายเงินผู้ผลิต", payout.payout_no, "P02 วิสาหกิจชุมชนชาใบหม่อน",
                   "พร้อมเพย์", "856.09", "(แปดร้อยห้าสิบหกบาทเก้าสตางค์)", "งวด ต.ค. 68",
                   "ยอดค้างจ่ายคงเหลือ", "สแกนเพื่อโอนให้ผู้ผลิต", "ผู้รับเงิน ....",
                   "2 พ.ย. 2568 10:00 น."):  # fmt: skip
        assert needed in text, needed


def test_cash_and_transfer_vouchers_have_no_qr(centre_books, tmp_path: Path) -> None:
    session, _books = centre_books
    payout = payouts.pay(session, "P02", Money(50000), "transfer", "KTB-778899",
                            now=at(date(2025, 11, 2)))  # fmt: skip
    doc = build_payout_slip(docs.payout_slip_data(session, payout))
    text = doc.plain_text()
    assert "โอนเข้าบัญชี" in text and "ธ.ก.ส. 020-1-23456-7" in text and "KTB-778899" in text
    assert "356.09" in text and not any(isinstance(b, QRCode) for b in doc.blocks)
    saved = docs.payout_slip_pdf(session, payout, tmp_path)
    flat = squash(pdf_text(saved.path))
    assert "ใบสำคัญจ่ายเงินผู้ผลิต" in flat and "500.00" in flat and "(ห้าร้อยบาทถ้วน)" in flat
