"""Write the sample receipt as PDF (roll and A4) and PNGs of every page, to look at.

    .venv/bin/python tools/pdf_preview.py [OUT_DIR] [--58mm] [--stamp สำเนา] [--dpi 150]

OUT_DIR defaults to var/pdf: receipt-roll.pdf, receipt-a4.pdf and a PNG per
page (receipt-roll.png, receipt-a4.png, or receipt-a4-2.png ... when long).
PNGs come from pypdfium2 (a test dependency), so no poppler is needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pypdfium2

from otop_pos.printing.documents.receipt import build_receipt
from otop_pos.printing.documents.sample_receipt import sample_receipt_data
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM
from otop_pos.printing.engine.pdf import Page, render_pdf_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("var/pdf"))
    parser.add_argument("--58mm", dest="narrow", action="store_true", help="58 mm paper")
    parser.add_argument("--stamp", help="diagonal stamp text, e.g. สำเนา")
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    data = sample_receipt_data()
    doc = build_receipt(data, WIDTH_58MM if args.narrow else WIDTH_80MM)
    pages: tuple[Page, ...] = ("roll", "a4")
    for page in pages:
        pdf_path = render_pdf_file(
            doc,
            args.out / f"receipt-{page}.pdf",
            page=page,
            title=f"ใบเสร็จ {data.receipt_no}",
            stamp=args.stamp,
        )
        print(pdf_path)
        pdf = pypdfium2.PdfDocument(pdf_path)
        try:
            for i, pdf_page in enumerate(pdf, 1):
                suffix = "" if i == 1 else f"-{i}"
                png = args.out / f"receipt-{page}{suffix}.png"
                pdf_page.render(scale=args.dpi / 72).to_pil().save(png)
                print(png)
        finally:
            pdf.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
