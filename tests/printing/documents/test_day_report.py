"""X, Z and day reports: the words and amounts printed, copies, VAT, and rendering."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdfium2
import pytest
from PIL import ImageOps
from test_document_types import assert_in_reading_order

from otop_pos.domain.money import Money
from otop_pos.printing.documents import day_report
from otop_pos.printing.documents.day_report import (
    DayReportData,
    ReportKind,
    ReportLine,
    ShiftLine,
    build_day_report,
)
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM, Document, Row, Text
from otop_pos.printing.engine.pdf import Page, render_pdf
from otop_pos.printing.engine.raster import render_pil


def m(text: str) -> Money:
    return Money.parse(text)


TITLES = {
    "X": "รายงาน X (ยอดขายระหว่างวัน)",
    "Z": "รายงาน Z ปิดยอดประจำวัน",
    "DAY": "รายงานยอดขายประจำวัน",
}
# gross 15,230.00 - 230.00 - 350.00 - 120.00 = net 14,530.00 (VAT 950.56 of it);
# tenders add up to net + rounding (-0.75).
TENDERS = (
    ReportLine("เงินสด", m("9830.00"), 40),
    ReportLine("พร้อมเพย์", m("4200.00"), 15),
    ReportLine("บัตรเครดิต", m("499.25"), 2),
)
CATEGORIES = (
    ReportLine("ผ้าไหม", m("8500.00"), 12),
    ReportLine("อาหารแปรรูป น้ำพริก", m("3530.00"), 60),
    ReportLine("ของที่ระลึก", m("2500.00"), 25),
)
PRODUCERS = (
    ReportLine("กลุ่มทอผ้าไหมบ้านเขวา", m("8500.00")),
    ReportLine("วิสาหกิจชุมชนน้ำพริกแม่บุญมี", m("3530.00")),
    ReportLine("กลุ่มเครื่องปั้นดินเผาด่านเกวียน", m("2500.00")),
)
CASHIERS = (ReportLine("สมศรี มีสุข", m("9000.00"), 35), ReportLine("สมหญิง ใจดี", m("5530.00"), 22))
SHIFTS = (
    ShiftLine("กะ 1 สมศรี 08:00-16:00", m("7000.00"), m("7020.00"), m("20.00")),
    ShiftLine("กะ 2 สมหญิง 16:00-18:05", m("4830.00"), m("4780.00"), m("-50.00")),
)


def report_data(kind: ReportKind = "Z", **changes: object) -> DayReportData:
    """A busy day at a VAT-registered centre; ``changes`` replace any field."""
    z = kind == "Z"
    data = DayReportData(
        kind=kind,
        centre_name="ศูนย์จำหน่ายสินค้า OTOP จังหวัดขอนแก่น",
        branch="สำนักงานใหญ่",
        tax_id="0994000165315",
        pos_id="E051234567890001",
        printed_at="22/11/2569 18:05",
        period_text="22/11/2569 08:00 - 18:05",
        z_no=1 if z else None,
        first_receipt="POS01-69110001",
        last_receipt="POS01-69110057",
        sales_count=57,
        gross=m("15230.00"),
        discounts=m("230.00"),
        voids=m("350.00"),
        voids_count=2,
        refunds=m("120.00"),
        refunds_count=1,
        net=m("14530.00"),
        vat_base=m("13579.44"),
        vat=m("950.56"),
        rounding=m("-0.75"),
        tenders=TENDERS,
        categories=CATEGORIES,
        producers=PRODUCERS,
        cashiers=CASHIERS,
        shifts=SHIFTS if z else (),
        grand_total_before=m("1234567.00") if z else None,
        grand_total_after=m("1249097.00") if z else None,
        closed_by="สมชาย ผู้จัดการ" if z else "",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _rows(doc: Document) -> list[tuple[str, str]]:
    return [(b.left, b.right) for b in doc.blocks if isinstance(b, Row)]


def test_z_report_words_and_amounts_in_order() -> None:
    doc = build_day_report(report_data("Z"))
    assert doc.width_dots == WIDTH_80MM
    assert_in_reading_order(
        "\n".join(doc.texts()),
        (
            "ศูนย์จำหน่ายสินค้า OTOP จังหวัดขอนแก่น",
            "สำนักงานใหญ่",
            "เลขประจำตัวผู้เสียภาษี 0-9940-00165-31-5",
            "POS ID E051234567890001",
            "รายงาน Z ปิดยอดประจำวัน",
            "Z เลขที่ 0001",
            "22/11/2569 08:00 - 18:05",
            "พิมพ์เมื่อ",
            "22/11/2569 18:05",
            "ใบเสร็จ POS01-69110001 ถึง POS01-69110057",
            "จำนวนบิลขาย",
            "57",
            "ยอดขายรวม",
            "ยอดขายสุทธิ",
            "แยกตามประเภทการชำระเงิน",
            "เงินสด (40)",
            "แยกตามหมวดสินค้า",
            "ผ้าไหม (12)",
            "แยกตามผู้ผลิต",
            "กลุ่มทอผ้าไหมบ้านเขวา",
            "แยกตามพนักงานขาย",
            "สมศรี มีสุข (35)",
            "กะ 1 สมศรี 08:00-16:00",
            "กะ 2 สมหญิง 16:00-18:05",
            "ยอดสะสม (ไม่ตั้งศูนย์)",
            "ผู้ปิดยอด",
            "สมชาย ผู้จัดการ",
            "ลงชื่อ ....",
        ),
    )
    rows = _rows(doc)
    for row in (
        ("ยอดขายรวม", "15,230.00"),
        ("ส่วนลด", "-230.00"),  # deductions print with a minus sign
        ("ยกเลิกบิล (2)", "-350.00"),
        ("คืนสินค้า (1)", "-120.00"),
        ("ยอดขายสุทธิ", "14,530.00"),
        ("มูลค่าสินค้า", "13,579.44"),
        ("ภาษีมูลค่าเพิ่ม 7%", "950.56"),
        ("ปัดเศษ", "-0.75"),
        ("เงินสด (40)", "9,830.00"),
        ("พร้อมเพย์ (15)", "4,200.00"),
        ("บัตรเครดิต (2)", "499.25"),
        ("อาหารแปรรูป น้ำพริก (60)", "3,530.00"),
        ("วิสาหกิจชุมชนน้ำพริกแม่บุญมี", "3,530.00"),  # no count: no brackets
        ("สมหญิง ใจดี (22)", "5,530.00"),
        ("ก่อนปิดยอด", "1,234,567.00"),
        ("หลังปิดยอด", "1,249,097.00"),
    ):
        assert row in rows, row
    net = next(b for b in doc.blocks if isinstance(b, Row) and b.left == "ยอดขายสุทธิ")
    assert net.bold


def test_shift_over_and_short() -> None:
    rows = _rows(build_day_report(report_data("Z")))
    shift_rows = rows[rows.index(("ยอดที่ควรมี", "7,000.00")) :]
    assert shift_rows[:6] == [
        ("ยอดที่ควรมี", "7,000.00"),
        ("นับได้", "7,020.00"),
        ("เกิน", "20.00"),
        ("ยอดที่ควรมี", "4,830.00"),
        ("นับได้", "4,780.00"),
        ("ขาด", "-50.00"),
    ]
    even = ShiftLine("กะ 3", m("100.00"), m("100.00"), Money(0))
    rows = _rows(build_day_report(report_data("Z", shifts=(even,))))
    assert ("เกิน/ขาด", "0.00") in rows


def test_x_has_no_z_number_and_z_has_one() -> None:
    x = build_day_report(report_data("X")).plain_text()
    assert TITLES["X"] in x and "Z เลขที่" not in x and TITLES["Z"] not in x
    assert "ยอดสะสม" not in x  # no grand total given for an X
    z = build_day_report(report_data("Z", z_no=42)).texts()
    assert "Z เลขที่ 0042" in z and TITLES["Z"] in z
    day = build_day_report(report_data("DAY")).plain_text()
    assert TITLES["DAY"] in day and "Z เลขที่" not in day
    with pytest.raises(ValueError, match="เลขที่ Z"):
        report_data("Z", z_no=None)
    with pytest.raises(ValueError, match="ต้องไม่มีเลขที่ Z"):
        report_data("X", z_no=3)
    with pytest.raises(ValueError, match="kind"):
        report_data("Y")


def test_copy_says_copy_prominently() -> None:
    assert "สำเนา" not in build_day_report(report_data("Z")).plain_text()
    doc = build_day_report(report_data("Z", is_copy=True))
    mark = next(b for b in doc.blocks if isinstance(b, Text) and b.text == "สำเนา")
    assert mark.size == "xlarge" and mark.bold
    en = build_day_report(report_data("X", is_copy=True, lang="en"))
    assert "สำเนา / Copy" in en.texts()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_non_vat_centre_prints_no_vat_line(lang: str) -> None:
    vat_doc = build_day_report(report_data("Z", lang=lang))
    assert "ภาษีมูลค่าเพิ่ม" in vat_doc.plain_text()
    data = report_data("Z", lang=lang, vat_registered=False, tax_id="", pos_id="")
    plain = build_day_report(data).plain_text()
    for word in ("ภาษีมูลค่าเพิ่ม", "VAT", "มูลค่าสินค้า", "13,579.44", "950.56"):
        assert word not in plain, word
    assert "14,530.00" in plain  # the net is still there


def test_english_labels_keep_the_thai() -> None:
    doc = build_day_report(report_data("Z", lang="en"))
    texts = doc.texts()
    assert TITLES["Z"] in texts and "(Z report, end of day)" in texts
    rows = _rows(doc)
    assert ("ยอดขายสุทธิ / Net sales", "14,530.00") in rows
    assert ("ยกเลิกบิล / Voids (2)", "-350.00") in rows
    assert "ยอดสะสม (ไม่ตั้งศูนย์) / Grand total (never reset)" in texts
    with pytest.raises(ValueError, match="lang"):
        report_data("X", lang="fr")


def test_quiet_day_says_so_instead_of_leaving_gaps() -> None:
    data = report_data(
        "X",
        first_receipt=None,
        last_receipt=None,
        sales_count=0,
        tenders=(),
        categories=(),
        producers=(),
        cashiers=(),
    )
    texts = build_day_report(data).texts()
    assert "ไม่มีใบเสร็จ" in texts
    assert texts.count("ไม่มีรายการ") == 4
    assert "แยกตามผู้ผลิต" in texts


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_renders_to_an_image(width: int, qapp: object) -> None:
    img = render_pil(build_day_report(report_data("Z", is_copy=True), width))
    assert img.mode == "1" and img.width == width and img.height > 1000
    box = ImageOps.invert(img.convert("L")).getbbox()
    assert box is not None and box[0] > 0 and box[2] < width  # nothing cut at the sides


@pytest.mark.parametrize("page", ["roll", "a4"])
@pytest.mark.parametrize("kind", ["X", "Z"])
def test_pdf_text_has_the_thai_title(kind: ReportKind, page: Page) -> None:
    pdf = pypdfium2.PdfDocument(render_pdf(build_day_report(report_data(kind)), page))
    text = "\n".join(p.get_textpage().get_text_range() for p in pdf)
    assert TITLES[kind] in text
    assert "14,530.00" in text and "แยกตามประเภทการชำระเงิน" in text
    assert ("Z เลขที่ 0001" in text) == (kind == "Z")


def test_module_stays_small() -> None:
    assert len(Path(day_report.__file__).read_text(encoding="utf-8").splitlines()) < 400
