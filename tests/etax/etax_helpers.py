"""Shared data for the e-Tax tests: parties, lines, throwaway certificates."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from otop_pos.domain.money import Money
from otop_pos.domain.vat import split_vat_inclusive
from otop_pos.etax.model import Line
from otop_pos.etax.party import Party

BKK = ZoneInfo("Asia/Bangkok")
SELLER_TAX_ID = "0994000165315"
BUYER_TAX_ID = "0105555021215"
PERSON_ID = "1234567890121"
ISSUED = dt.datetime(2025, 3, 1, 10, 30, tzinfo=BKK)


def thai_seller(**overrides: Any) -> Party:
    """A seller with the structured address the schematron asks for."""
    fields: dict[str, Any] = {
        "name": "ร้านค้าชุมชน",
        "tax_id": SELLER_TAX_ID,
        "postcode": "50200",
        "building_number": "1",
        "sub_district_code": "500101",
        "district_code": "5001",
        "province_code": "50",
    }
    fields.update(overrides)
    return Party(**fields)


LINES = (
    Line(1, "ผ้าไหมมัดหมี่", 2, 26800, 53600),
    Line(2, "น้ำพริกตาแดง", 3, 4500, 13500),
    Line(3, "ข้าวกล้องหอมมะลิ 1 กก.", 1, 9000, 9000, vat_applicable=False, unit_code="KGM"),
)


def vat_figures(lines: tuple[Line, ...]) -> dict[str, int]:
    """total / base / VAT the way the till computes them (domain/vat.py)."""
    split = split_vat_inclusive(Money(sum(x.net_satang for x in lines if x.vat_applicable)))
    return {
        "total_satang": sum(x.net_satang for x in lines),
        "vat_base_satang": split.base.satang,
        "vat_satang": split.vat.satang,
    }


def make_cert(key: Any, days_from: int, days_to: int, cn: str = "ทดสอบ e-Tax") -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "วิสาหกิจชุมชนกลุ่มทอผ้าบ้านนา"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days_from))
        .not_valid_after(now + dt.timedelta(days=days_to))
        .sign(key, hashes.SHA256())
    )


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)
