"""PDF receipts: Thai reads back in order, codes scan, nothing clipped, bytes repeat."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageOps
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from otop_pos.domain.money import Money
from otop_pos.printing.documents.receipt import (
    TAX_INVOICE_TH,
    ReceiptData,
    ReceiptLine,
    build_receipt,
)
from otop_pos.printing.documents.sample_receipt import sample_lines, sample_receipt_data
from otop_pos.printing.engine.document import (
    WIDTH_58MM,
    WIDTH_80MM,
    Barcode128,
    Document,
    ItemLine,
    QRCode,
    Row,
    Rule,
    Size,
    Spacer,
    Text,
)
from otop_pos.printing.engine.pdf import Page, render_pdf, render_pdf_file
from otop_pos.printing.engine.pdf_fonts import register_pdf_fonts
from otop_pos.printing.engine.pdf_wrap import wrap as _wrap

STACKS = "ที่ น้ำ ปั้น ก๋วยเตี๋ยว"
LONG_NAME = "ผ้าไหมมัดหมี่ลายลูกแก้วยาหม่องสมุนไพรน้ำมันเหลืองน้ำพริกเผาชาใบหม่อน" * 2
PAGES: list[Page] = ["roll", "a4"]


@pytest.fixture
def data() -> ReceiptData:
    extra = ReceiptLine(STACKS, 2, Money.parse("45.00"), Money.parse("90.00"))
    return sample_receipt_data(lines=(*sample_lines(), extra))


def _pages(pdf_bytes: bytes) -> list[str]:
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    return [page.get_textpage().get_text_range() for page in pdf]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _assert_in_order(text: str, needles: list[str]) -> None:
    """Each needle occurs, each after the one before (whitespace-insensitive)."""
    text, pos = _flat(text), 0
    for needle in needles:
        found = text.find(_flat(needle), pos)
        assert found >= 0, f"{needle!r} missing (or out of order) after {text[:pos][-60:]!r}"
        pos = found + len(_flat(needle))


def _expected_order(data: ReceiptData) -> list[str]:
    return [
        data.centre_name,
        TAX_INVOICE_TH,
        data.cashier_name,
        *(line.name for line in data.lines),
        "รวมทั้งสิ้น",
        data.total.format(),
        "ขอบคุณที่อุดหนุนสินค้า OTOP",
    ]


def _reading_order(doc: Document) -> list[str]:
    """Every string as a reader meets it: an item's qty comes before its name."""
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, ItemLine):
            out += [b.qty_text, b.name, b.amount_text, b.detail or ""]
        elif isinstance(b, Row):
            out += [b.left, b.right]
        elif isinstance(b, Text | Barcode128):
            out.append(b.text if isinstance(b, Text) else b.data)
    return [t for t in out if t.strip()]


def _image(pdf_bytes: bytes, index: int = 0, scale: float = 3) -> Image.Image:
    return pypdfium2.PdfDocument(pdf_bytes)[index].render(scale=scale).to_pil()


def _ink_box(img: Image.Image) -> tuple[int, int, int, int] | None:
    return ImageOps.invert(img.convert("L")).getbbox()


@pytest.mark.parametrize("page", PAGES)
def test_thai_text_reads_back_in_document_order(data: ReceiptData, page: Page) -> None:
    doc = build_receipt(data)
    text = "\n".join(_pages(render_pdf(doc, page)))
    assert STACKS in text  # shaped marks copy out as typed, not as the glyphs drawn
    assert unicodedata.normalize("NFC", text) == text
    _assert_in_order(text, _expected_order(data))
    _assert_in_order(text, _reading_order(doc))  # every string, in order


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("page", PAGES)
def test_pdftotext_layout_reads_the_same_order(data: ReceiptData, page: Page) -> None:
    pdf = render_pdf(build_receipt(data), page)
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert STACKS in out
    _assert_in_order(out, _expected_order(data))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_qr_and_code128_scan_back(data: ReceiptData, page: str, width: int) -> None:
    receipt = build_receipt(data, width)
    doc = Document((*receipt.blocks, Spacer(20), Barcode128("POS01-68060042")), width)
    found = zxingcpp.read_barcodes(_image(render_pdf(doc, page)))
    got = sorted((r.format.name, r.text) for r in found)
    assert got == [("Code128", "POS01-68060042"), ("QRCode", data.receipt_no)]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("block", [QRCode("POS01-68060042"), Barcode128("POS01-68060042")])
def test_codes_are_centred(page: Page, block: QRCode | Barcode128) -> None:
    img = _image(render_pdf(Document((block,), WIDTH_58MM), page))
    box = _ink_box(img)
    assert box is not None
    assert (box[0] + box[2]) / 2 == pytest.approx(img.width / 2, abs=3)
    if isinstance(block, QRCode):  # about size_mm wide, quiet zone included
        modules = 21 + 4 * 2
        assert box[2] - box[0] == pytest.approx(22 * mm * 3 * 21 / modules, rel=0.05)


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_roll_page_is_paper_wide_and_as_tall_as_the_content(width: int) -> None:
    pdf = pypdfium2.PdfDocument(render_pdf(Document((Text("ชา"),), width)))
    w, h = pdf[0].get_size()
    assert w == pytest.approx(width / 8 * mm, abs=0.01)  # 72 mm / 48 mm
    assert 8 * mm < h < 20 * mm  # margins plus one line, not a fixed sheet
    assert len(pdf) == 1


def test_a4_is_a4_portrait(data: ReceiptData) -> None:
    pdf = pypdfium2.PdfDocument(render_pdf(build_receipt(data), "a4"))
    assert pdf[0].get_size() == pytest.approx(A4, abs=0.01)


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_long_thai_name_wraps_inside_the_page(width: int) -> None:
    short = render_pdf(Document((ItemLine("ชาใบหม่อน", "1", "120.00"),), width))
    pdf_bytes = render_pdf(Document((ItemLine(LONG_NAME, "1", "120.00"), Rule("=")), width))
    page = pypdfium2.PdfDocument(pdf_bytes)[0]
    w, h = page.get_size()
    assert h > pypdfium2.PdfDocument(short)[0].get_size()[1] + 4 * 9  # several more lines
    text = page.get_textpage()
    boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    assert LONG_NAME in text.get_text_range()
    margin = 4 * mm - 1
    for left, bottom, right, top in boxes:
        assert margin <= left and right <= w - margin and bottom >= 0 and top <= h
    img = _image(pdf_bytes)
    box = _ink_box(img)
    assert box is not None
    px = img.width / w  # pixels per point
    assert box[0] >= margin * px and box[2] <= (w - margin) * px  # no ink in the side margins
    assert box[1] > 2 * px and box[3] < img.height - 2 * px  # nor cut at top or bottom


def test_amounts_are_flush_right(data: ReceiptData) -> None:
    doc = build_receipt(data)
    page = pypdfium2.PdfDocument(render_pdf(doc))[0]
    w, _h = page.get_size()
    tp = page.get_textpage()
    text, pos = tp.get_text_range(), 0
    amounts = [
        b.right if isinstance(b, Row) else b.amount_text
        for b in doc.blocks
        if isinstance(b, Row | ItemLine)
    ]
    assert len(amounts) > 10
    for amount in amounts:
        if amount.isascii():  # Thai right cells read back as /ActualText, not glyph boxes
            pos = text.index(amount, pos) + len(amount)
            assert tp.get_charbox(pos - 1)[2] == pytest.approx(w - 4 * mm, abs=1.5), amount


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("size", ["small", "normal", "large", "xlarge"])
def test_stacked_marks_stay_inside_their_line(size: Size, bold: bool) -> None:
    """Tone marks over upper vowels and lower vowels keep to their own line band."""
    lower = Text("กู้ ญู ตู้ สุ่ม ฐู", size=size, bold=bold)
    upper = Text("ปิ๋ว ฟื้น ที่ น้ำ ปั้น", size=size, bold=bold)
    blank = Text("", size=size, bold=bold)
    pdf_bytes = render_pdf(Document((lower, blank)))
    height = pypdfium2.PdfDocument(pdf_bytes)[0].get_size()[1]
    first = _image(pdf_bytes, scale=4)
    second = _image(render_pdf(Document((blank, upper))), scale=4)
    border = (4 * mm + (height - 8 * mm) / 2) * 4  # between the two lines, in pixels
    box1, box2 = _ink_box(first), _ink_box(second)
    assert box1 is not None and box2 is not None
    assert box1[1] > 4 * mm * 4 and box1[3] < border, "lower vowels leave their line"
    assert border < box2[1] and box2[3] < first.height - 4 * mm * 4, "marks leave their line"
    deep = _image(render_pdf(Document((Text("ฎุ ฏู ฐู"),))), scale=4)
    box = _ink_box(deep)
    assert box is not None and box[3] < deep.height - 4  # the rare deep ones: bottom margin


def test_wrap_splits_long_thai_words_only_between_clusters() -> None:
    font, _bold = register_pdf_fonts()
    for width in (40.0, 55.0, 90.0):
        lines = _wrap(LONG_NAME + " " + STACKS, font, 9, width)
        assert len(lines) > 3
        assert " ".join(lines).replace(" ", "") == (LONG_NAME + STACKS).replace(" ", "")
        for line in lines:
            assert unicodedata.category(line[0]) not in ("Mn", "Mc") and line[0] not in "ะาำ"
            assert line[-1] not in "เแโใไ"
    assert _wrap("น้ำพริก เผา", font, 9, 500) == ["น้ำพริก เผา"]
    assert _wrap("", font, 9, 100) == [""]


@pytest.mark.parametrize("page", PAGES)
def test_same_document_same_bytes(data: ReceiptData, page: Page) -> None:
    doc = build_receipt(data)
    first = render_pdf(doc, page, title="ใบเสร็จ")
    render_pdf(Document((Text("ฎุ ฏู ฐู ปิ๋ ฟื้ " * 3, bold=True),)), page)
    assert render_pdf(doc, page, title="ใบเสร็จ") == first
    assert render_pdf(doc, page, title="อื่น") != first


def test_bytes_do_not_depend_on_what_the_process_drew_before() -> None:
    """Shaped glyphs get private codes on first sight; a fresh process must agree."""
    code = (
        "import sys\n"
        "from otop_pos.printing.engine.pdf import render_pdf\n"
        "from otop_pos.printing.engine.document import Document, Text\n"
        "from otop_pos.printing.documents.receipt import build_receipt\n"
        "from otop_pos.printing.documents.sample_receipt import sample_receipt_data\n"
        "render_pdf(Document((Text('ปั้น ฟื้ ปิ๋ ฎุ ฐู ญู', bold=True),)))\n"
        "sys.stdout.buffer.write(render_pdf(build_receipt(sample_receipt_data()), 'a4'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == render_pdf(build_receipt(sample_receipt_data()), "a4")


@pytest.mark.parametrize("page", PAGES)
def test_stamp_is_drawn_and_readable(data: ReceiptData, page: Page) -> None:
    doc = build_receipt(data)
    assert "สำเนา" not in "".join(_pages(render_pdf(doc, page)))
    plain = _image(render_pdf(doc, page))
    stamped_pdf = render_pdf(doc, page, stamp="สำเนา")
    assert all("สำเนา" in text for text in _pages(stamped_pdf))
    # a large area of the stamp's flat light grey (80 % white) appears
    grey = sum(_image(stamped_pdf).convert("L").histogram()[200:209])
    assert grey > 5 * sum(plain.convert("L").histogram()[200:209]) + 5000


def test_a4_flows_onto_numbered_pages(data: ReceiptData) -> None:
    lines = tuple(ReceiptLine(f"สินค้า {i} ที่ระลึก", 1, Money(100), Money(100)) for i in range(80))
    long = build_receipt(sample_receipt_data(lines=lines))
    pages = _pages(render_pdf(long, "a4", stamp="สำเนา"))
    n = len(pages)
    assert n >= 2
    for i, text in enumerate(pages, 1):
        assert f"หน้า {i}/{n}" in text and "สำเนา" in text
    assert "สินค้า 0 ที่ระลึก" in pages[0] and "สินค้า 79 ที่ระลึก" in pages[-1]
    _assert_in_order("\n".join(pages), [f"สินค้า {i} ที่ระลึก" for i in range(80)])
    assert len(_pages(render_pdf(build_receipt(data), "a4"))) == 1


def test_a4_splits_a_text_taller_than_a_page() -> None:
    words = [f"คำที่{i}" for i in range(1500)]
    pages = _pages(render_pdf(Document((Text(" ".join(words)), Text("จบ"))), "a4"))
    assert len(pages) >= 2
    _assert_in_order("\n".join(pages), [*words[::50], words[-1], "จบ"])


@pytest.mark.parametrize("page", PAGES)
def test_metadata_and_compression(data: ReceiptData, page: Page) -> None:
    pdf_bytes = render_pdf(build_receipt(data), page, title="ใบเสร็จ POS01")
    meta = pypdfium2.PdfDocument(pdf_bytes).get_metadata_dict()
    assert meta["Title"] == "ใบเสร็จ POS01"
    assert meta["Author"] == "OTOP POS" and meta["Creator"] == "OTOP POS"
    assert b"/FlateDecode" in pdf_bytes and b"ActualText" not in pdf_bytes  # streams packed


def test_markup_characters_are_text() -> None:
    doc = Document((Text("ราคา <b>พิเศษ</b> & ลด 5%"), Row("A&B <x>", "1 < 2")))
    text = _flat(_pages(render_pdf(doc))[0])
    assert "ราคา <b>พิเศษ</b> & ลด 5%" in text and "A&B <x>" in text and "1 < 2" in text


def test_every_block_kind_renders_on_both_pages() -> None:
    blocks = (
        Text("ใหญ่มาก", "center", "xlarge", True),
        Text("", size="small"),
        Row("ยาว " * 30, "99,999,999,999,999,999,999.00", bold=True, size="large"),
        ItemLine("ชา", "120", "1.00", "120 x 0.01"),
        Rule("-"),
        Rule("="),
        Spacer(0),
        QRCode("x" * 300, 40),
        Barcode128("1234567890"),
    )
    for width in (WIDTH_80MM, WIDTH_58MM):
        for page in PAGES:
            assert render_pdf(Document(blocks, width), page).startswith(b"%PDF-")
    for page in PAGES:  # an empty document is still a valid one-page PDF
        assert len(_pages(render_pdf(Document(()), page))) == 1
    with pytest.raises(ValueError):
        render_pdf(Document(blocks), "letter")  # type: ignore[arg-type]


def test_render_pdf_file_is_atomic(
    data: ReceiptData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = build_receipt(data)
    target = tmp_path / "r.pdf"
    assert render_pdf_file(doc, target, page="a4", stamp="สำเนา") == target
    assert target.read_bytes() == render_pdf(doc, "a4", stamp="สำเนา")
    assert os.listdir(tmp_path) == ["r.pdf"]

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        render_pdf_file(doc, target)  # roll this time: would differ
    assert os.listdir(tmp_path) == ["r.pdf"]  # no temp file left behind
    assert target.read_bytes() == render_pdf(doc, "a4", stamp="สำเนา")  # old file intact


def test_pdf_module_does_not_need_qt() -> None:
    code = (
        "import sys\n"
        "from otop_pos.printing.engine.pdf import render_pdf\n"
        "from otop_pos.printing.engine.document import Document, Text\n"
        "render_pdf(Document((Text('ที่ น้ำ'),)), 'a4')\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
