"""Weighed goods in the back office: intake, counts, write-offs, returns, statements, reports.

Garlic is kept in grams and shown in kilograms everywhere; its figures
never add into a count of pieces.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pypdfium2
import pytest
from weighed_helpers import add_garlic

from otop_pos.db.consignment import statement_sums
from otop_pos.db.stock import levels
from otop_pos.domain.consignment.statement import ProductLine, Statement
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.stock.quantities import StockInputError, parse_count, parse_qty
from otop_pos.domain.thai.thaidate import bangkok_date, day_bounds, utc_now
from otop_pos.operations.consignment import documents, producer_returns, statements
from otop_pos.operations.consignment.intake import IntakeLine, receive_goods
from otop_pos.operations.errors import FieldError
from otop_pos.operations.reports import sales_report
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session
from otop_pos.operations.stock import counts, on_hand, write_offs
from otop_pos.printing.documents.statement import build_statement
from otop_pos.printing.documents.statement_pdf import statement_pdf_bytes
from otop_pos.printing.documents.stock_slips import build_stock_slip, stock_slip_pdf_bytes


@pytest.fixture
def garlic(manager: Session) -> int:
    return add_garlic(manager)  # 40 kg of P01's garlic


def pdf_text(data: bytes) -> str:
    return "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(data))


def test_typed_stock_quantities_of_a_weighed_product() -> None:
    assert parse_qty("12.5", unit="kg") == 12_500
    assert parse_qty("๑๒.๕ กก.", unit="kg") == 12_500
    assert parse_count("0", unit="kg") == 0 and parse_count("39.1", unit="kg") == 39_100
    for bad, says in (("-1", "ติดลบ"), ("0.0005", "ละเอียดเกินไป"), ("100001", "ไม่เกิน")):
        with pytest.raises(StockInputError, match=says):
            parse_count(bad, unit="kg")
    with pytest.raises(StockInputError, match="จำนวนต้องเป็นตัวเลขจำนวนเต็ม"):
        parse_qty("1.5")  # pieces refuse decimals as before


def test_intake_of_kilograms_and_its_slip(manager: Session, garlic: int) -> None:
    tea = int(manager.store.scalar("SELECT id FROM products WHERE sku = 'SILK01'"))
    result = receive_goods(manager, "P01", [IntakeLine(garlic, 12_500), IntakeLine(tea, 3)], "DN-7")
    assert result.qty == 3 and result.total_text() == "3 ชิ้น + 12.500 กก."
    assert levels.on_hand(manager.store, garlic) == 52_500
    slip = documents.intake_slip_data(manager, result.intake_no)
    roll = build_stock_slip(slip).plain_text()
    assert "12.500 กก." in roll and "3 ชิ้น + 12.500 กก." in roll
    assert "12.500 กก." in pdf_text(stock_slip_pdf_bytes(slip))
    with pytest.raises(FieldError, match=re.escape("ไม่เกิน 100,000.000 กก.")):
        receive_goods(manager, "P01", [IntakeLine(garlic, 100_000_001)])


def test_count_by_weight(manager: Session, garlic: int) -> None:
    sheet = counts.start_count(manager, "P01")
    with pytest.raises(FieldError, match="ขายตามน้ำหนัก"):
        counts.count_scan(manager, sheet, "QK07")  # one scan is not one gram
    assert counts.count_scan(manager, sheet, "12.5*QK07").counted == 12_500  # weighed, then scanned
    assert counts.count_scan(manager, sheet, "0.5*QK07").counted == 13_000
    with pytest.raises(FieldError, match="ขายเป็นชิ้น ใส่จำนวนเต็ม"):
        counts.count_scan(manager, sheet, "1.5*8850000000014")  # silk is counted in pieces
    counts.set_counted(sheet, garlic, "39.1")
    [variance] = [v for v in counts.variances(sheet) if v.product_id == garlic]
    assert (variance.difference, variance.value, variance.unit) == (-900, Money(-11700), "kg")
    counts.post_count(manager, sheet)
    assert levels.on_hand(manager.store, garlic) == 39_100


def test_write_off_and_return_in_kilograms(manager: Session, garlic: int) -> None:
    write_offs.adjust_stock(manager, "damaged", [(garlic, 500)], "ขึ้นรา")
    with pytest.raises(FieldError, match=re.escape("มีอยู่ 39.500 กก. นำออก 40.000 กก.ไม่ได้")):
        write_offs.adjust_stock(manager, "damaged", [(garlic, 40_000)], "")
    back = producer_returns.return_to_producer(manager, "P01", [(garlic, 2_000)], "ขายไม่ออก")
    assert back.total_text() == "2.000 กก." and back.qty == 0
    assert (
        "2.000 กก."
        in build_stock_slip(documents.return_slip_data(manager, back.return_no)).plain_text()
    )
    row = next(r for r in on_hand.stock_on_hand(manager) if r.sku == "QK07")
    assert (row.on_hand_text, row.value) == ("37.500 กก.", Money.parse("4875.00"))
    totals = next(p for p in on_hand.producer_stock(manager, "P01"))
    assert totals.consigned_qty == 50  # the silk's pieces only; the garlic's value is in
    assert totals.consigned_value == Money.parse("75000.00") + Money.parse("4875.00")


def test_the_producer_statement_shows_kilograms(manager: Session, garlic: int) -> None:
    cart = Cart()
    selling.scan(manager, cart, "0.45*QK07")
    selling.scan(manager, cart, "8850000000014")  # a silk, by the piece
    checkout.complete_cash_sale(manager, cart, Money.baht(2000))
    today = bangkok_date(utc_now())
    found = statements.statements(
        manager.store, statements.producers_for(manager.store, ["P01"]), today, today
    )
    st = next(iter(found.values()))
    line = next(ln for ln in st.lines if ln.sku == "QK07")
    assert (line.unit, line.sold, line.sales, line.on_hand) == ("kg", 450, Money(5850), 39_550)
    assert st.total().unit == "piece" and st.total().sold == 1  # grams never add to pieces
    assert st.total().sales == Money(5850 + 150000)
    data = documents.statement_data(manager, st)
    roll = build_statement(data).plain_text()
    assert "QK07 กระเทียมศรีสะเกษ ชั่งขาย (กิโลกรัม) [กก.]" in roll and "0.450" in roll
    assert "[กก.]" in pdf_text(statement_pdf_bytes(data))
    frozen = Statement.from_dict(st.as_dict())
    assert frozen == st and frozen.lines == st.lines
    old = {k: v for k, v in line.as_dict().items() if k != "unit"}  # frozen before schema 7
    assert ProductLine.from_dict(old).unit == "piece"
    day = day_bounds(today)
    daily = statement_sums.daily_sales(manager.store, 1, day[0], day[1])
    assert [(q, a) for _d, _o, q, a in daily] == [(2, 5850 + 150000)]  # a bag and a silk


def test_reports_count_a_weighed_line_as_one_item(manager: Session, garlic: int) -> None:
    cart = Cart()
    selling.scan(manager, cart, "0.45*QK07")
    selling.scan(manager, cart, "2*8850000000021")
    checkout.complete_cash_sale(manager, cart, Money.baht(300))
    today = bangkok_date(utc_now())
    figures, _days = sales_report.sales_report(manager, today - timedelta(days=1), today)
    assert figures.gross == Money.parse("229.50")  # 58.50 + 2 x 85.50, not 450 x 130.00
    food = next(r for r in figures.categories if r.key == "food")
    assert (food.count, food.amount) == (1, Money(5850))
