"""Fixtures for e-Tax: a VAT-registered OTOP group, a company buyer, throwaway certificates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from etax_helpers import BUYER_TAX_ID, ISSUED, LINES, SELLER_TAX_ID, make_cert, vat_figures

from otop_pos.etax.model import EtaxDocument
from otop_pos.etax.party import Party


@pytest.fixture
def seller() -> Party:
    return Party(
        name="วิสาหกิจชุมชนกลุ่มทอผ้าบ้านนา",
        tax_id=SELLER_TAX_ID,
        branch="00000",
        address_lines=("หมู่ 1 ตำบลศรีภูมิ", "อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่"),
        postcode="50200",
        building_number="99/1",
        street="ถนนราชดำเนิน",
        sub_district_code="500101",
        district_code="5001",
        province_code="50",
    )


@pytest.fixture
def buyer() -> Party:
    return Party(
        name="บริษัท ผู้ซื้อ จำกัด",
        tax_id=BUYER_TAX_ID,
        branch="00001",
        address_lines=("1 ถนนสุขุมวิท แขวงคลองเตย",),
        postcode="10110",
    )


@pytest.fixture
def make_doc(seller: Party, buyer: Party) -> Callable[..., EtaxDocument]:
    def make(type_code: str = "T03", **overrides: Any) -> EtaxDocument:
        lines = overrides.pop("lines", LINES)
        fields: dict[str, Any] = {
            "type_code": type_code,
            "number": "INV-2568-000123",
            "issued_at": ISSUED,
            "seller": seller,
            "buyer": buyer,
            "lines": lines,
            **vat_figures(lines),
        }
        fields.update(overrides)
        return EtaxDocument(**fields)

    return make


@pytest.fixture
def make_p12(tmp_path: Path) -> Callable[..., tuple[Path, x509.Certificate]]:
    """Write a throwaway self-signed PKCS#12; returns (path, certificate)."""

    def make(
        password: bytes = b"rahat-1234",
        days_from: int = -1,
        days_to: int = 365,
        kind: str = "rsa",
        name: str = "centre.p12",
    ) -> tuple[Path, x509.Certificate]:
        key: Any = (
            rsa.generate_private_key(public_exponent=65537, key_size=2048)
            if kind == "rsa"
            else ec.generate_private_key(ec.SECP256R1())
        )
        cert = make_cert(key, days_from, days_to)
        blob = pkcs12.serialize_key_and_certificates(
            b"centre", key, cert, None, serialization.BestAvailableEncryption(password)
        )
        path = tmp_path / name
        path.write_bytes(blob)
        return path, cert

    return make
