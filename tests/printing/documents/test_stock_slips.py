"""Intake and return slips from real intakes and returns: roll, printer bytes and A4 PDF."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from helpers import CASHIER_PIN
from test_statement import HERB_NAME, SEP, add_herbal_balm, at, pdf_text, pid, printer_session

from otop_pos.db import print_log
from otop_pos.db.projections import record
from otop_pos.domain.money import Money
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations import auth
from otop_pos.operations.consignment import documents as docs
from otop_pos.operations.consignment import intake, producer_returns, statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.printing.documents.statement import build_statement
from otop_pos.printing.documents.stock_slips import (
    SlipLine,
    StockSlipData,
    build_stock_slip,
    stock_slip_pdf_bytes,
)
from otop_pos.printing.engine.document import WIDTH_58MM, Document, ItemLine


@pytest.fixture
def delivery(manager: Session) -> tuple[Session, str]:
    """P02 delivers tea and balm on consignment and iced tea the centre buys outright."""
    add_herbal_balm(manager)
    tea, balm, glass = pid(manager, "TEA01"), pid(manager, "HERB01"), pid(manager, "TEAGLASS")
    done = intake.receive_goods(
        manager,
        "P02",
        [
            intake.IntakeLine(tea, 40, "T2508", date(2026, 8, 31)),
            intake.IntakeLine(balm, 30, "H2509-A", date(2027, 3, 31)),
            intake.IntakeLine(glass, 60, unit_cost=Money(1200)),
        ],
        delivery_note="DN-0915",
        now=at(SEP[0]),
    )
    return manager, done.intake_no


def _items(doc: Document) -> dict[str, ItemLine]:
    return {b.name: b for b in doc.blocks if isinstance(b, ItemLine)}


def test_intake_slip_on_the_roll(delivery) -> None:
    session, intake_no = delivery
    doc = build_stock_slip(docs.intake_slip_data(session, intake_no))
    text = doc.plain_text()
    for needed in (
        "ใบรับสินค้า",
        intake_no,
        "1 ก.ย. 2568 10:00 น.",
        "ผู้ผลิต P02 วิสาหกิจชุมชนชาใบหม่อน",
        "เลขที่ใบส่งของ",
        "DN-0915",
        "รวม 3 รายการ",
        "130 ชิ้น",
        "ผู้ส่งสินค้า ....",
        "ผู้รับสินค้า ....",
        "(ประเสริฐ)",
    ):
        assert needed in text, needed
    items = _items(doc)
    tea = items["TEA01 ชาใบหม่อนอบแห้ง 50 กรัม"]
    assert (tea.qty_text, tea.amount_text) == ("40", "ฝากขาย")
    assert tea.detail == "ล็อต T2508  หมดอายุ 31 ส.ค. 2569"
    balm = items[f"HERB01 {HERB_NAME}"]
    assert balm.detail == "ล็อต H2509-A  หมดอายุ 31 มี.ค. 2570"
    glass = items["TEAGLASS ชาใบหม่อนเย็น (แก้ว)"]
    assert (glass.qty_text, glass.amount_text, glass.detail) == ("60", "ซื้อขาด", None)
    assert text.index("ผู้ส่งสินค้า") < text.index("ผู้รับสินค้า")


def test_intake_slip_printed_then_copied_and_as_pdf(delivery, tmp_path: Path) -> None:
    session, intake_no = delivery
    printer = tmp_path / "printer.bin"
    session = printer_session(session, f"file:{printer}")
    first = docs.print_intake_slip(session, intake_no.lower())  # typed in lower case
    assert first.ok and not first.is_copy and first.receipt_no == intake_no
    raw = printer.read_bytes()
    assert raw.startswith(b"\x1b@") and b"\x1dv0" in raw and b"\x1dV" in raw[-32:]
    second = docs.print_intake_slip(session, intake_no)
    assert second.ok and second.is_copy  # the producer's copy
    saved = docs.intake_slip_pdf(session, intake_no, tmp_path)
    assert saved.is_copy and saved.path.name == f"{intake_no}-copy.pdf"
    text = pdf_text(saved.path)
    flat = re.sub(r"\s+", " ", text)
    for needed in ("ใบรับสินค้า", intake_no, "P02 วิสาหกิจชุมชนชาใบหม่อน", "DN-0915",
                   "1 ก.ย. 2568 10:00 น.", "ผู้ส่งสินค้า", "ผู้รับสินค้า", "สำเนา",
                   "วันหมดอายุ"):  # fmt: skip
        assert needed in flat, needed
    # one table row per line: no, SKU, name, qty, lot, expiry (B.E.), kind
    assert re.search(r"1\s+TEA01\s+ชาใบหม่อนอบแห้ง 50 กรัม\s+40\s+T2508\s+31 ส\.ค\. 2569\s+ฝากขาย",
                     text)  # fmt: skip
    assert re.search(r"2\s+HERB01\s+ยาหม่อง.*\s30\s+H2509-A\s+31 มี\.ค\. 2570\s+ฝากขาย", text)
    assert re.search(r"3\s+TEAGLASS\s+ชาใบหม่อนเย็น \(แก้ว\)\s+60\s+-\s+-\s+ซื้อขาด", text)
    assert re.search(r"รวม 3 รายการ\s+130", text)


def test_return_slip(delivery, tmp_path: Path) -> None:
    session, _intake_no = delivery
    tea, balm = pid(session, "TEA01"), pid(session, "HERB01")
    back = producer_returns.return_to_producer(
        session, "P02", [(tea, 5), (balm, 2)], "ใกล้หมดอายุ ผู้ผลิตรับไปเปลี่ยน", at(SEP[20])
    )
    doc = build_stock_slip(docs.return_slip_data(session, back.return_no))
    text = doc.plain_text()
    for needed in ("ใบคืนสินค้าให้ผู้ผลิต", back.return_no, "21 ก.ย. 2568 10:00 น.",
                   "เหตุผลที่คืน: ใกล้หมดอายุ ผู้ผลิตรับไปเปลี่ยน", "รวม 2 รายการ", "7 ชิ้น",
                   "ผู้รับคืน ....", "ผู้คืน ...."):  # fmt: skip
        assert needed in text, needed
    assert "ใบส่งของ" not in text  # no delivery note on a return
    assert _items(doc)["TEA01 ชาใบหม่อนอบแห้ง 50 กรัม"].qty_text == "5"
    saved = docs.return_slip_pdf(session, back.return_no, tmp_path / "rt.pdf")
    assert not saved.is_copy and print_log.original_printed(session.store, back.return_no)
    pdf = pdf_text(saved.path)
    assert re.search(r"1\s+TEA01\s+ชาใบหม่อนอบแห้ง 50 กรัม\s+5\s+ฝากขาย", pdf)
    assert "ผู้รับคืน" in pdf and "ผู้คืน" in pdf and "ล็อต" not in pdf


def test_slip_written_directly_by_projection_prints_too(manager: Session) -> None:
    """An intake synced from another till (no lot, no note, no user here) still prints."""
    tea = pid(manager, "TEA01")
    with manager.store.transaction():
        record.record(manager.store, "T02", "goods_received", to_iso(at(SEP[3])), None, {
            "intake_no": "POS02-RC-68090001", "producer_code": "P02",
            "lines": [{"product_id": tea, "qty": 12, "ownership": "consigned"}],
        })  # fmt: skip
    text = build_stock_slip(docs.intake_slip_data(manager, "POS02-RC-68090001")).plain_text()
    assert "12 ชิ้น" in text and "เลขที่ใบส่งของ\n-" in text and "หมดอายุ" not in text


def test_unknown_numbers_are_refused_in_thai(manager: Session, tmp_path: Path) -> None:
    with pytest.raises(OperationError, match="ไม่พบใบรับสินค้าเลขที่ POS01-RC-99999999"):
        docs.print_intake_slip(manager, "pos01-rc-99999999")
    with pytest.raises(OperationError, match="ไม่พบใบรับสินค้า"):
        docs.intake_slip_pdf(manager, "NOPE", tmp_path)
    with pytest.raises(OperationError, match="ไม่พบใบคืนสินค้าให้ผู้ผลิตเลขที่ NOPE"):
        docs.print_return_slip(manager, "nope")
    with pytest.raises(OperationError, match="ไม่พบใบคืนสินค้าให้ผู้ผลิต"):
        docs.return_slip_pdf(manager, "NOPE", tmp_path)
    assert manager.store.scalar("SELECT count(*) FROM print_log") == 0
    assert not list(tmp_path.glob("*.pdf"))


def test_cashier_may_not_print_them(delivery, tmp_path: Path) -> None:
    session, intake_no = delivery
    cashier = Session(session.store, session.settings)
    auth.login(cashier, 2, CASHIER_PIN)
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์รับสินค้าเข้า"):
        docs.print_intake_slip(cashier, intake_no)


def test_printer_failure_comes_back_as_a_result(delivery, tmp_path: Path) -> None:
    session, intake_no = delivery
    session = printer_session(session, f"file:{tmp_path / 'gone' / 'printer.bin'}")
    result = docs.print_intake_slip(session, intake_no)
    assert not result.ok and "เขียนไฟล์ไม่ได้" in result.message
    row = session.store.one("SELECT ok, error FROM print_log WHERE doc_no = ?", (intake_no,))
    assert row is not None and not row["ok"] and "เขียนไฟล์ไม่ได้" in row["error"]


def test_many_lines_continue_on_a_second_a4_page_with_the_heading() -> None:
    lines = tuple(
        SlipLine(
            f"SKU{i:03d}",
            f"สินค้าทดสอบลำดับที่ {i} " + HERB_NAME,
            1 + i % 9,
            "consigned" if i % 3 else "owned",
            f"L{i}",
            "2026-12-31",
        )
        for i in range(1, 61)
    )
    data = StockSlipData("intake", "ศูนย์ OTOP", "POS01-RC-68090099", to_iso(at(SEP[1])),
                         "P02", "วิสาหกิจชุมชนชาใบหม่อน", lines, "DN-1")  # fmt: skip
    pdf = stock_slip_pdf_bytes(data)
    import pypdfium2

    pages = [p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf)]
    assert len(pages) >= 2
    assert all("ชื่อสินค้า" in p and "วันหมดอายุ" in p for p in pages)  # heading repeated
    assert "SKU060" in pages[-1] and "รวม 60 รายการ" in pages[-1]
    assert "ผู้รับสินค้า" in pages[-1] and f"หน้า {len(pages)}/{len(pages)}" in pages[-1]
    copy = stock_slip_pdf_bytes(replace(data, is_copy=True))
    assert "สำเนา" in pypdfium2.PdfDocument(copy)[0].get_textpage().get_text_range()


def test_58mm_paper_keeps_every_word(delivery) -> None:
    """A narrow roll wraps more but drops nothing; the statement lays out there too."""
    session, intake_no = delivery
    from otop_pos.printing.engine.raster import render_pil

    narrow = build_stock_slip(docs.intake_slip_data(session, intake_no), WIDTH_58MM)
    assert (
        narrow.plain_text()
        == build_stock_slip(docs.intake_slip_data(session, intake_no)).plain_text()
    )
    assert render_pil(narrow).width == WIDTH_58MM
    producers = statements.producers_for(session.store, ["P02"])
    st = next(iter(statements.statements(session.store, producers, SEP[0], SEP[29]).values()))
    image = render_pil(build_statement(docs.statement_data(session, st), WIDTH_58MM))
    assert image.width == WIDTH_58MM and image.height > 800
