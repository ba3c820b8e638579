"""Label sheets (PDF on A4) and single labels on ESC/POS: they read back and scan."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageOps

from otop_pos.domain.catalogue.instore import (
    PRESETS,
    Label,
    LabelError,
    LabelGrid,
    instore_ean13,
    preset,
)
from otop_pos.printing.documents.barcode_labels import label_document, label_sheet_pdf, print_labels
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM, Barcode128

NAMES = ["น้ำพริกปลาย่าง", "ผ้าไหมมัดหมี่", "ก๋วยเตี๋ยว", "ชาใบหม่อนอบแห้ง 50 กรัม", "ที่ ปั้น ฟื้น"]
LONG = "ผ้าไหมมัดหมี่ลายลูกแก้วยาหม่องสมุนไพรน้ำมันเหลืองน้ำพริกเผาชาใบหม่อนทอมือบ้านหนองบัว" * 2
SCALE = 4  # pdfium pixels per PDF point
MM = 72 / 25.4


def _labels(n: int, start: int = 1) -> list[Label]:
    return [
        Label(instore_ean13(start + i), "ean13", NAMES[i % len(NAMES)], "฿1,290.00", f"S{i:03d}")
        for i in range(n)
    ]


def _render(pdf: bytes) -> list[tuple[str, Image.Image]]:
    doc = pypdfium2.PdfDocument(pdf)
    return [(p.get_textpage().get_text_range(), p.render(scale=SCALE).to_pil()) for p in doc]


def _codes(img: Image.Image) -> dict[str, tuple[float, float]]:
    """Decoded text -> centre of the symbol in mm from the top-left corner."""
    found = {}
    for b in zxingcpp.read_barcodes(img):
        pts = [b.position.top_left, b.position.top_right, b.position.bottom_left]
        pts.append(b.position.bottom_right)
        cx, cy = sum(p.x for p in pts) / 4, sum(p.y for p in pts) / 4
        found[b.text] = (cx / SCALE / MM, cy / SCALE / MM)
    return found


def _inked(img: Image.Image, box_mm: tuple[float, float, float, float]) -> bool:
    """Any dark pixel inside (left, top, right, bottom) in mm?"""
    left, top, right, bottom = (round(v * MM * SCALE) for v in box_mm)
    box = (left, top, right, bottom)
    if right <= left or bottom <= top:
        return False
    dark = ImageOps.invert(img.crop(box).convert("L")).point(lambda v: 255 if v > 96 else 0)
    return dark.getbbox() is not None


def test_30_labels_on_3x8_make_2_pages_that_read_back_and_scan() -> None:
    labels = _labels(30)
    pages = _render(label_sheet_pdf(labels, preset("a4-24")))
    assert len(pages) == 2
    text = re.sub(r"\s+", " ", pages[0][0])
    for name in NAMES:
        assert name in text
    assert "฿1,290.00" in text and "S000" in text
    expected = [lb.barcode for lb in labels]
    assert set(_codes(pages[0][1])) == set(expected[:24])
    assert set(_codes(pages[1][1])) == set(expected[24:])
    assert "S029" in pages[1][0] and "S023" not in pages[1][0]


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_nothing_is_drawn_outside_a_sticker_and_every_code_is_on_its_own(key: str) -> None:
    """Ink only inside sticker rectangles, 1 mm clear of every edge, each code centred
    in its own sticker: long names do not spill, barcodes are not clipped."""
    grid = preset(key)
    labels = [*_labels(grid.per_sheet - 3), Label("TEA-01/A", "code128", LONG, "฿99,999.00")]
    labels.append(Label(instore_ean13(900), "ean13", LONG, "฿1,290.00", "LONG-SKU-0123456789"))
    (text, img), *_ = _render(label_sheet_pdf(labels, grid, start_at=1))
    assert "…" in text  # the long name was cut to two lines
    assert not _inked(img, (0, 0, 210, grid.top - 0.3))
    codes = _codes(img)
    assert set(codes) == {lb.barcode for lb in labels}
    for slot in range(grid.per_sheet):
        x, y = grid.position(slot)
        r, b = x + grid.label_w, y + grid.label_h
        assert not _inked(img, (x, y, r, y + 1)) and not _inked(img, (x, b - 1, r, b))
        assert not _inked(img, (x, y, x + 1, b)) and not _inked(img, (r - 1, y, r, b))
        assert _inked(img, (x + 1, y + 1, r - 1, b - 1)) == (slot >= 1)
        if slot >= 1:
            cx, cy = codes[labels[slot - 1].barcode]
            assert x < cx < r and y < cy < b
    if grid.h_gap:
        x, y = grid.position(0)
        assert not _inked(img, (x + grid.label_w + 0.1, y, x + grid.label_w + grid.h_gap, 297))


def test_start_at_skips_used_stickers_and_spills_onto_a_new_sheet() -> None:
    grid = preset("a4-24")
    labels = [*_labels(2), Label("SILK01", "code128", "ผ้าไหม", "฿1,500.00", copies=3)]
    pages = _render(label_sheet_pdf(labels, grid, start_at=20))
    assert len(pages) == 2
    first, second = _codes(pages[0][1]), _codes(pages[1][1])
    assert set(first) == {instore_ean13(1), instore_ean13(2), "SILK01"}
    assert set(second) == {"SILK01"}  # one copy went over, zxing reports each text once
    x, y = grid.position(20)
    cx, cy = first[instore_ean13(1)]
    assert x < cx < x + grid.label_w and y < cy < y + grid.label_h
    assert not _inked(pages[0][1], (0, 0, 210, y - 0.5))  # slots 0-19 left alone
    assert _inked(pages[1][1], (1, 1, 69, 36)) and not _inked(pages[1][1], (71, 38, 210, 297))


def test_same_labels_same_bytes() -> None:
    labels = _labels(5)
    assert label_sheet_pdf(labels, preset("a4-65")) == label_sheet_pdf(labels, preset("a4-65"))


def test_grid_larger_than_a4_is_refused_in_thai() -> None:
    with pytest.raises(LabelError, match="เกินกระดาษ A4"):
        LabelGrid(3, 8, 70.0, 38.0, top=0.0, left=0.0)


@pytest.mark.parametrize("start_at", [-1, 24, 100])
def test_start_outside_the_sheet_is_refused(start_at: int) -> None:
    with pytest.raises(LabelError, match="ดวงที่"):
        label_sheet_pdf(_labels(1), preset("a4-24"), start_at)


def test_stickers_too_small_for_a_scannable_code_are_refused() -> None:
    with pytest.raises(LabelError, match="เล็กเกินไป"):
        label_sheet_pdf(_labels(1), LabelGrid(7, 20, 25.0, 12.0, top=5.0, left=5.0))


def test_a_price_with_thai_marks_stays_in_its_band() -> None:
    grid = preset("a4-65")
    label = Label(instore_ean13(3), "ean13", "ก๋วยเตี๋ยว", "ราคาพิเศษ 1,290 บาท", "S1")
    (text, img), *_ = _render(label_sheet_pdf([label], grid))
    assert "ราคาพิเศษ 1,290 บาท" in text and set(_codes(img)) == {label.barcode}
    assert not _inked(img, (0, grid.top + grid.label_h - 1, 210, 297))


def test_no_labels_is_refused() -> None:
    with pytest.raises(LabelError, match="ไม่มีฉลาก"):
        label_sheet_pdf([], preset("a4-24"))


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("width", [WIDTH_58MM, WIDTH_80MM])
def test_escpos_label_is_code128_of_the_registered_digits(width: int) -> None:
    from otop_pos.printing.engine.raster import render_pil

    label = Label(instore_ean13(7), "ean13", "น้ำพริกปลาย่าง", "฿65.00", "JAR01")
    doc = label_document(label, width)
    assert doc.width_dots == width
    assert [b for b in doc.blocks if isinstance(b, Barcode128)] == [Barcode128(label.barcode)]
    assert doc.texts()[:2] == ["น้ำพริกปลาย่าง", "฿65.00"] and "JAR01" in doc.texts()
    img = render_pil(doc)
    assert img.width == width
    assert [b.text for b in zxingcpp.read_barcodes(img.convert("L"))] == [label.barcode]


@pytest.mark.usefixtures("qapp")
def test_print_labels_sends_a_raster_and_a_cut_per_sticker(tmp_path: Path) -> None:
    out = tmp_path / "printer.bin"
    labels = [*_labels(1), Label("SILK01", "code128", "ผ้าไหมมัดหมี่", "฿1,500.00", copies=2)]
    outcomes = print_labels(f"file:{out}", labels, WIDTH_58MM)
    data = out.read_bytes()
    assert len(outcomes) == 3 and sum(o.bytes_sent for o in outcomes) == len(data)
    assert data.count(b"\x1dv0") == 3  # GS v 0: one raster image per sticker
    assert data.count(b"\x1dV") == 3  # GS V: a cut after each
    assert data.rindex(b"\x1dV") > data.rindex(b"\x1dv0")
    scanned = [b.text for o in outcomes for b in zxingcpp.read_barcodes(o.image.convert("L"))]
    assert scanned == [instore_ean13(1), "SILK01", "SILK01"]
