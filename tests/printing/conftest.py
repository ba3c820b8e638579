"""Printing tests run headless: Qt paints into images on the offscreen platform."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from otop_pos.printing.documents.receipt import ReceiptData
from otop_pos.printing.documents.sample_receipt import sample_receipt_data


@pytest.fixture
def vat_data() -> ReceiptData:
    return sample_receipt_data(vat_registered=True)


@pytest.fixture
def plain_data() -> ReceiptData:
    return sample_receipt_data(vat_registered=False)
