"""A PromptPay payload survives the receipt QR encoder: what is printed scans back exactly."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from otop_pos.domain.money import Money
from otop_pos.domain.thai.promptpay import bill_payment_payload, promptpay_payload, verify_crc
from otop_pos.printing.engine.codes import qr_matrix
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM, Document, QRCode, Spacer
from otop_pos.printing.engine.raster import render_pil

DYNAMIC = promptpay_payload("0801234567", Money.parse("456.25"))
PAYLOADS = [
    DYNAMIC,
    promptpay_payload("0-9940-00165-31-5", Money.parse("9999999.99")),
    promptpay_payload("+66 80 123 4567"),
    bill_payment_payload(
        "010555706234202", "ref1", "ref2", Money.baht(55), "SMLSOFT", "LGN40000151001"
    ),
]


def _matrix_image(data: str, module: int = 6) -> Image.Image:
    """The module matrix as a plain greyscale image, quiet zone included."""
    matrix = qr_matrix(data)
    n = len(matrix)
    img = Image.new("L", (n, n), 255)
    img.putdata([0 if dark else 255 for row in matrix for dark in row])
    return img.resize((n * module, n * module), Image.Resampling.NEAREST)


def _qr_texts(img: Image.Image) -> list[str]:
    return [
        r.text
        for r in zxingcpp.read_barcodes(img.convert("L"))
        if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def test_dynamic_payload_is_the_reference_vector() -> None:
    assert DYNAMIC == (
        "00020101021229370016A000000677010111011300668012345675802TH53037645406456.256304483D"
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_qr_matrix_round_trip(payload: str) -> None:
    texts = _qr_texts(_matrix_image(payload))
    assert texts == [payload]
    assert verify_crc(texts[0])


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_printed_qr_round_trip(width: int) -> None:
    """Through the receipt renderer (1-bit raster, as sent to the printer)."""
    doc = Document((Spacer(16), QRCode(DYNAMIC, size_mm=40.0), Spacer(16)), width)
    assert _qr_texts(render_pil(doc)) == [DYNAMIC]
