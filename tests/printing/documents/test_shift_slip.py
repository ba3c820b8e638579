"""Shift slips: opening float and closing count, blind close, signatures, rendering."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from PIL import ImageOps
from test_document_types import assert_in_reading_order

from otop_pos.domain.money import Money
from otop_pos.printing.documents import shift_slip
from otop_pos.printing.documents.day_report import ReportLine
from otop_pos.printing.documents.shift_slip import (
    CountLine,
    ShiftSlipData,
    TenderCheck,
    build_shift_slip,
)
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM, Document, Row, Text
from otop_pos.printing.engine.pdf import Page, render_pdf
from otop_pos.printing.engine.raster import render_pil


def m(text: str) -> Money:
    return Money.parse(text)


DRAWER = (  # 4,830.75 in the drawer at close
    CountLine("1,000 บาท", 3, m("3000.00")),
    CountLine("500 บาท", 2, m("1000.00")),
    CountLine("100 บาท", 7, m("700.00")),
    CountLine("20 บาท", 4, m("80.00")),
    CountLine("10 บาท (เหรียญ)", 5, m("50.00")),
    CountLine("25 สตางค์", 3, m("0.75")),
)
FLOAT = (
    CountLine("100 บาท", 5, m("500.00")),
    CountLine("20 บาท", 20, m("400.00")),
    CountLine("10 บาท (เหรียญ)", 10, m("100.00")),
)
TENDERS = (
    TenderCheck("เงินสด", m("4880.75"), m("4830.75"), m("-50.00")),
    TenderCheck("พร้อมเพย์", m("1250.00"), m("1250.00"), Money(0)),
    TenderCheck("บัตรเครดิต", m("300.00"), m("320.00"), m("20.00")),
)


def close_data(**changes: object) -> ShiftSlipData:
    """Closing slip for shift 12, 50 baht short in cash; ``changes`` replace any field."""
    data = ShiftSlipData(
        kind="close",
        centre_name="ศูนย์จำหน่ายสินค้า OTOP จังหวัดขอนแก่น",
        pos_id="E051234567890001",
        shift_label="กะที่ 12",
        user_name="สมศรี มีสุข",
        opened_at="22/11/2569 08:00",
        closed_at="22/11/2569 16:02",
        float_amount=m("1000.00"),
        count=DRAWER,
        cash_in=(ReportLine("เพิ่มเงินทอน", m("500.00")),),
        cash_out=(
            ReportLine("จ่ายค่าน้ำแข็ง", m("120.00")),
            ReportLine("นำเงินเข้าตู้เซฟ", m("2000.00")),
        ),
        tenders=TENDERS,
        over_short=m("-30.00"),
        note="ธนบัตร 100 บาท ชำรุด 1 ใบ",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def open_data(**changes: object) -> ShiftSlipData:
    data = close_data(kind="open", closed_at="", count=FLOAT, cash_in=(), cash_out=(), tenders=())
    return dataclasses.replace(data, over_short=None, note="", **changes)  # type: ignore[arg-type]


def _rows(doc: Document) -> list[tuple[str, str]]:
    return [(b.left, b.right) for b in doc.blocks if isinstance(b, Row)]


def test_close_slip_words_and_amounts() -> None:
    doc = build_shift_slip(close_data())
    assert_in_reading_order(
        "\n".join(doc.texts()),
        (
            "ศูนย์จำหน่ายสินค้า OTOP จังหวัดขอนแก่น",
            "POS ID E051234567890001",
            "ปิดกะ",
            "กะที่ 12",
            "สมศรี มีสุข",
            "22/11/2569 08:00",
            "22/11/2569 16:02",
            "เงินทอนตั้งต้น",
            "นับเงินตามชนิดธนบัตรและเหรียญ",
            "นำเงินเข้า",
            "นำเงินออก",
            "ยอดที่ควรมี",
            "นับได้",
            "เกิน/ขาด",
            "หมายเหตุ",
            "ธนบัตร 100 บาท ชำรุด 1 ใบ",
            "พนักงานเก็บเงิน ....",
            "(สมศรี มีสุข)",
            "ผู้จัดการ / ผู้ตรวจนับ ....",
        ),
    )
    title = next(b for b in doc.blocks if isinstance(b, Text) and b.text == "ปิดกะ")
    assert title.size == "xlarge" and title.bold
    rows = _rows(doc)
    for row in (
        ("เงินทอนตั้งต้น", "1,000.00"),
        ("1,000 บาท x 3", "3,000.00"),
        ("25 สตางค์ x 3", "0.75"),
        ("รวมเงินที่นับได้", "4,830.75"),
        ("เพิ่มเงินทอน", "500.00"),
        ("จ่ายค่าน้ำแข็ง", "120.00"),
        ("รวม", "2,120.00"),  # two cash-outs get a total, one cash-in does not
    ):
        assert row in rows, row
    assert rows.count(("รวม", "500.00")) == 0
    checks = rows[rows.index(("ยอดที่ควรมี", "4,880.75")) :]
    assert checks == [
        ("ยอดที่ควรมี", "4,880.75"),
        ("นับได้", "4,830.75"),
        ("เกิน/ขาด", "-50.00"),
        ("ยอดที่ควรมี", "1,250.00"),
        ("นับได้", "1,250.00"),
        ("เกิน/ขาด", "0.00"),
        ("ยอดที่ควรมี", "300.00"),
        ("นับได้", "320.00"),
        ("เกิน/ขาด", "+20.00"),  # over says so with a plus sign
        ("เกิน/ขาด", "-30.00"),
    ]
    assert "เปิดกะ" not in doc.texts()


def test_open_slip_shows_the_float_and_nothing_of_a_close() -> None:
    doc = build_shift_slip(open_data())
    texts = doc.texts()
    assert "เปิดกะ" in texts and "ปิดกะ" not in texts
    rows = _rows(doc)
    assert ("เงินทอนตั้งต้น", "1,000.00") in rows
    assert ("20 บาท x 20", "400.00") in rows and ("รวมเงินที่นับได้", "1,000.00") in rows
    plain = doc.plain_text()
    for word in ("เวลาปิดกะ", "ยอดที่ควรมี", "เกิน/ขาด", "นำเงินเข้า", "นำเงินออก", "หมายเหตุ"):
        assert word not in plain, word
    assert "พนักงานเก็บเงิน" in plain and "ผู้จัดการ" in plain


def test_blind_close_never_shows_what_was_expected() -> None:
    blind = tuple(TenderCheck(t.label, None, t.counted, None) for t in TENDERS)
    doc = build_shift_slip(close_data(tenders=blind, over_short=None))
    plain = doc.plain_text()
    assert "ยอดที่ควรมี" not in plain and "เกิน/ขาด" not in plain
    assert "4,880.75" not in plain and "-50.00" not in plain
    assert ("นับได้", "4,830.75") in _rows(doc)


def test_english_labels_keep_the_thai() -> None:
    texts = build_shift_slip(close_data(lang="en")).texts()
    for label in (
        "ปิดกะ",
        "(Shift closed)",
        "เงินทอนตั้งต้น / Opening float",
        "นับเงินตามชนิดธนบัตรและเหรียญ / Count by note and coin",
        "เกิน/ขาด / Over/short",
    ):
        assert label in texts, label


def test_bad_kind_or_lang_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        close_data(kind="closed")
    with pytest.raises(ValueError, match="lang"):
        close_data(lang="de")


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
@pytest.mark.parametrize("build", [close_data, open_data])
def test_renders_to_an_image(build: Callable[[], ShiftSlipData], width: int, qapp: object) -> None:
    img = render_pil(build_shift_slip(build(), width))
    assert img.mode == "1" and img.width == width and img.height > 400
    box = ImageOps.invert(img.convert("L")).getbbox()
    assert box is not None and box[0] > 0 and box[2] < width


@pytest.mark.parametrize("page", ["roll", "a4"])
def test_pdf_text_has_the_thai_title(page: Page) -> None:
    pdf = pypdfium2.PdfDocument(render_pdf(build_shift_slip(close_data()), page))
    text = "\n".join(p.get_textpage().get_text_range() for p in pdf)
    assert_in_reading_order(text, ("ปิดกะ", "นับเงินตามชนิดธนบัตรและเหรียญ", "4,830.75"))


def test_module_stays_small() -> None:
    assert len(Path(shift_slip.__file__).read_text(encoding="utf-8").splitlines()) < 400
