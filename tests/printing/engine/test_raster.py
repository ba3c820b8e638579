"""Rendering to 1-bit images: sizes, wrapping, marks not clipped, codes scannable."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageOps

from otop_pos.domain.money import Money
from otop_pos.printing.documents.receipt import ReceiptData, ReceiptLine, build_receipt
from otop_pos.printing.documents.sample_receipt import main as sample_main
from otop_pos.printing.engine import fonts
from otop_pos.printing.engine.document import (
    WIDTH_58MM,
    WIDTH_80MM,
    Barcode128,
    Document,
    ItemLine,
    QRCode,
    Row,
    Rule,
    Spacer,
    Text,
)
from otop_pos.printing.engine.raster import render, render_pil, to_pil

pytestmark = pytest.mark.usefixtures("qapp")

COMMON_STACKS = "ที่ น้ำ ปั้น ก๋วยเตี๋ยว ปิ๋ว ตู้ กุ้ง สุ่ม ญู สิ้น"
STACKED = COMMON_STACKS + " ฎุ ฏู"  # deep ones: room kept only at the bottom


def _ink_box(img: Image.Image) -> tuple[int, int, int, int] | None:
    """Bounding box of black pixels."""
    return ImageOps.invert(img.convert("L")).getbbox()


def test_fonts_are_bundled_sarabun(qapp: object) -> None:
    assert fonts.sarabun_path().name == "Sarabun-Regular.ttf"
    assert fonts.sarabun_path("Bold").is_file()
    with pytest.raises(FileNotFoundError):
        fonts.sarabun_path("Heavy")
    with pytest.raises(ValueError):
        fonts.sarabun_path("../x")
    assert fonts.register_qt_fonts() == "Sarabun"
    assert fonts.register_qt_fonts() == "Sarabun"  # idempotent


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_receipt_image_width_and_mode(vat_data: ReceiptData, width: int) -> None:
    img = render(build_receipt(vat_data, width))
    assert img.width() == width
    pil = to_pil(img)
    assert pil.mode == "1" and pil.size == (width, img.height())
    assert _ink_box(pil) is not None


def test_height_grows_with_lines(vat_data: ReceiptData) -> None:
    one = dataclasses.replace(vat_data, lines=vat_data.lines[:1])
    assert render(build_receipt(vat_data)).height() > render(build_receipt(one)).height()


def test_long_thai_name_wraps_instead_of_clipping() -> None:
    short = ItemLine("ชาใบหม่อน", "1", "120.00")
    long_name = "ผ้าไหมมัดหมี่ลายลูกแก้วยาหม่องสมุนไพรน้ำมันเหลืองน้ำพริกเผาชาใบหม่อน" * 2
    long = ItemLine(long_name, "1", "120.00")
    h_short = render(Document((short,))).height()
    img = render_pil(Document((long,)))
    assert img.height > 2 * h_short
    box = _ink_box(img)
    assert box is not None and box[2] < img.width  # nothing runs off the right edge


def test_unbreakable_text_wraps_anywhere() -> None:
    img = render_pil(Document((Text("x" * 200),), WIDTH_58MM))
    assert img.height > 3 * render_pil(Document((Text("x"),), WIDTH_58MM)).height / 2


@pytest.mark.parametrize("size", ["small", "normal", "large", "xlarge"])
def test_stacked_marks_stay_inside_the_line(size: str) -> None:
    doc = Document((Text(STACKED, size=size), Text(STACKED, size=size, bold=True)))
    img = render_pil(doc)
    box = _ink_box(img)
    assert box is not None
    _left, top, _right, bottom = box
    assert top >= 4 and bottom <= img.height - 4  # room above upper marks, below lower vowels


def test_lines_do_not_touch_each_other() -> None:
    """Two lines full of stacked marks leave a blank pixel row between them."""
    text = Text(COMMON_STACKS)
    ink = ImageOps.invert(render_pil(Document((text, text))).convert("L"))
    inked = [y for y in range(ink.height) if ink.crop((0, y, ink.width, y + 1)).getbbox()]
    gaps = [b - a for a, b in itertools.pairwise(inked) if b - a > 1]
    assert gaps, "the two text lines merged into one ink band"


def test_qr_on_receipt_decodes_to_receipt_number(vat_data: ReceiptData) -> None:
    img = render_pil(build_receipt(vat_data)).convert("L")
    found = zxingcpp.read_barcodes(img)
    assert vat_data.receipt_no in [
        r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def test_qr_fits_58mm_paper(vat_data: ReceiptData) -> None:
    img = render_pil(build_receipt(vat_data, WIDTH_58MM)).convert("L")
    assert vat_data.receipt_no in [r.text for r in zxingcpp.read_barcodes(img)]


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_code128_decodes(width: int) -> None:
    doc = Document((Spacer(20), Barcode128("POS01-68060042"), Spacer(20)), width)
    img = render_pil(doc).convert("L")
    texts = [
        r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.Code128
    ]
    assert texts == ["POS01-68060042"]


def test_every_block_kind_renders() -> None:
    doc = Document(
        (
            Text("หัว", "center", "xlarge", bold=True),
            Text("", "right"),
            Row("ยอดรวม", "1,000,000.00", bold=True, size="large"),
            Row("ก", "x" * 80),  # amount wider than the paper: goes below
            Rule("="),
            Rule("-"),
            ItemLine("สินค้า", "1000", "10.00", detail="1000 x 0.01"),
            QRCode("hello", size_mm=100),  # clamped to the paper width
        ),
        WIDTH_58MM,
    )
    img = render_pil(doc)
    assert img.width == WIDTH_58MM


def test_sample_png_command_writes_a_receipt(tmp_path: Path) -> None:
    out = tmp_path / "r.png"
    assert sample_main([str(out), "--58mm"]) == 0
    with Image.open(out) as img:
        assert img.size[0] == WIDTH_58MM and img.mode == "1"


def test_big_receipt_renders(vat_data: ReceiptData) -> None:
    line = ReceiptLine("ก๋วยเตี๋ยวเรือกึ่งสำเร็จรูป", 2, Money(3500), Money(7000), Money(0))
    data = dataclasses.replace(vat_data, lines=(line,) * 120)
    img = render_pil(build_receipt(data))
    assert img.height > 120 * 40


def test_qt_calls_do_not_leak_none() -> None:
    """PySide6 6.12.0 drops a reference to None per void call; on CPython 3.11 the
    process would abort ('deallocating None') without qtcompat's guard."""
    import sys

    from otop_pos.printing.engine import qtcompat

    doc = Document((Rule("-"),) * 40 + (QRCode("x" * 50),))
    for _ in range(30):  # tens of thousands of void Qt calls
        render(doc)
    if qtcompat.none_is_mortal():
        assert sys.getrefcount(None) > 1 << 39


def test_dark_runs() -> None:
    from otop_pos.printing.engine.codes import dark_runs

    assert dark_runs([]) == []
    assert dark_runs([True, True, False, True]) == [(0, 2), (3, 1)]
    assert dark_runs([False, False]) == []


def test_render_creates_its_own_qt_app_when_needed() -> None:
    """A background job or CLI may print before any QApplication exists."""
    import os
    import subprocess
    import sys

    code = (
        "from otop_pos.printing.engine.raster import render_pil\n"
        "from otop_pos.printing.engine.document import Document, Text\n"
        "print(render_pil(Document((Text('ที่ น้ำ'),))).size)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("(576, ")


def test_render_off_the_gui_thread(vat_data: ReceiptData) -> None:
    """Operations print from a worker thread so the till never freezes."""
    import threading

    sizes: list[tuple[int, int]] = []
    worker = threading.Thread(target=lambda: sizes.append(render_pil(build_receipt(vat_data)).size))
    worker.start()
    worker.join(30)
    assert sizes and sizes[0] == render_pil(build_receipt(vat_data)).size
