"""The printer's test page: what a person setting up a receipt printer needs to see.

Thai with stacked marks (the thing cheap printers' own text modes get
wrong), a ruler for each common width in characters (32 for 58 mm, 42 and
48 for 80 mm) and in dots, so a wrong paper width shows as a cut-off edge,
the QR and barcode the receipts carry, and where it was sent. The drawer is
kicked by the caller, in the same write.

Run ``python -m otop_pos.printing.documents.printer_test_page OUT.png [--58mm]`` to write a PNG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from otop_pos.printing.engine.document import (
    WIDTH_58MM,
    WIDTH_80MM,
    Barcode128,
    Block,
    Document,
    QRCode,
    Row,
    Rule,
    Spacer,
    Text,
)

STACKED_THAI = "กี่ปี่ ผู้ใหญ่ ญี่ปุ่น น้ำ ปั้น ก๋วยเตี๋ยว ฤๅษี ฎีกา"
"""Marks above and below the line: tone over vowel (กี่, ญี่), below (ผู้, ฎ), sara am (น้ำ)."""
RULER_COLUMNS = (32, 42, 48)
QR_DATA = "https://otop.example/test-page"


def ruler(columns: int) -> str:
    """'1234567890' repeated to `columns` characters, its last digit the count's own."""
    return "".join(str((i + 1) % 10) for i in range(columns))


def build_test_page(
    *,
    centre_name: str,
    printer: str,
    when_text: str,
    width_dots: int = WIDTH_80MM,
    lang: str = "th",
) -> Document:
    en = lang == "en"
    mm = 58 if width_dots == WIDTH_58MM else 80
    blocks: list[Block] = [
        Text("Printer test page" if en else "หน้าทดสอบเครื่องพิมพ์", "center", "xlarge", bold=True),
        Text(centre_name, "center"),
        Text(when_text, "center", "small"),
        Rule("="),
        Text(STACKED_THAI, "center", "large"),
        Text(STACKED_THAI, "left"),
        Text(STACKED_THAI, "left", "small", bold=True),
        Row("ซ้าย / left", "ขวา / right"),
        Rule("-"),
        Text(
            f"Paper {mm} mm = {width_dots} dots" if en else f"กระดาษ {mm} มม. = {width_dots} จุด",
            "center",
            "small",
        ),
    ]
    for columns in RULER_COLUMNS:
        blocks += [Text(f"{columns}:", "left", "small"), Text(ruler(columns), "left", "small")]
    blocks += [
        Text(
            "The rules above and below must reach both edges"
            if en
            else "เส้นบนและล่างต้องเต็มความกว้างกระดาษพอดี",
            "center",
            "small",
        ),
        Rule("="),
        Spacer(8),
        QRCode(QR_DATA, size_mm=20),
        Barcode128("TEST-0123456789"),
        Spacer(8),
        Text(f"{'Sent to' if en else 'ส่งไปที่'} {printer}", "center", "small"),
        Text("The cash drawer should open now" if en else "ลิ้นชักเก็บเงินควรเปิดออก", "center"),
        Rule("="),
    ]
    return Document(tuple(blocks), width_dots=width_dots)


def main(argv: list[str] | None = None) -> int:
    from otop_pos.printing.engine.raster import render_pil

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m otop_pos.printing.documents.printer_test_page OUT.png [--58mm]")
        return 2
    width = WIDTH_58MM if "--58mm" in args else WIDTH_80MM
    doc = build_test_page(
        centre_name="ศูนย์ OTOP จังหวัดศรีสะเกษ",
        printer="usb:0416:5011",
        when_text="07/12/2569 11:15",
        width_dots=width,
    )
    render_pil(doc).save(Path(args[0]), format="PNG")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
