"""PromptPay QR payloads (Thai QR Payment, EMVCo merchant-presented mode).

Customers pay by scanning the QR, so the payload must be byte-exact: a banking
app rejects a QR whose CRC or layout is off. A payload proves nothing about
payment: the POS records a QR tender only once someone confirms the money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from otop_pos.domain.money import Money
from otop_pos.domain.thai.taxid import MAX_TYPED, clean_number, format_tax_id, is_valid_tax_id

PROMPTPAY_AID = "A000000677010111"
BILL_PAYMENT_AID = "A000000677010112"
CURRENCY_THB = "764"
COUNTRY_TH = "TH"
MAX_AMOUNT = Money(999_999_999)  # 9,999,999.99 baht
_CRC_TAG = "6304"
_DIGITS_RE = re.compile(r"[0-9]+", re.ASCII)
_PRINTABLE_RE = re.compile(r"[ -~]+", re.ASCII)


class PromptPayError(ValueError):
    """A PromptPay ID, amount or payload that cannot be used; ``str()`` is Thai."""

    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.english = english or message


class PromptPayKind(Enum):
    """Who receives the money; the value is the sub-tag inside tag 29."""

    MOBILE = "01"
    NATIONAL_ID = "02"
    EWALLET = "03"


_VALUE_LENGTH = {PromptPayKind.MOBILE: 13, PromptPayKind.NATIONAL_ID: 13, PromptPayKind.EWALLET: 15}


@dataclass(frozen=True, slots=True)
class PromptPayTarget:
    """A checked PromptPay ID; ``value`` goes into tag 29 as is (mobile: '0066' + 9 digits)."""

    kind: PromptPayKind
    value: str

    def __post_init__(self) -> None:
        kind, value = self.kind, self.value
        if not (
            _digits(value, _VALUE_LENGTH[kind])
            and (kind is not PromptPayKind.MOBILE or value.startswith("0066"))
            and (kind is not PromptPayKind.NATIONAL_ID or is_valid_tax_id(value))
        ):
            raise PromptPayError("พร้อมเพย์ไม่ถูกต้อง", f"bad PromptPay {self.kind.name}")

    @property
    def display(self) -> str:
        """For the screen: '080-123-4567', '0-9940-00165-31-5' or the e-wallet ID."""
        if self.kind is PromptPayKind.MOBILE:
            local = "0" + self.value[4:]
            return f"{local[:3]}-{local[3:6]}-{local[6:]}"
        if self.kind is PromptPayKind.NATIONAL_ID:
            return format_tax_id(self.value)
        return self.value


def _digits(text: str, length: int) -> bool:
    return len(text) == length and _DIGITS_RE.fullmatch(text) is not None


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
        crc &= 0xFFFF
    return crc


def parse_promptpay_id(text: str) -> PromptPayTarget:
    """A mobile (0801234567, 080-123-4567, +66 80 123 4567), 13-digit ID or e-wallet ID."""
    raw = clean_number(text) if isinstance(text, str) and len(text) <= MAX_TYPED else ""
    if raw.startswith("+66") and _digits(raw[3:], 9):
        return PromptPayTarget(PromptPayKind.MOBILE, "0066" + raw[3:])
    if _digits(raw, 10) and raw.startswith("0"):
        return PromptPayTarget(PromptPayKind.MOBILE, "0066" + raw[1:])
    if _digits(raw, 13):
        if not is_valid_tax_id(raw):
            raise PromptPayError(
                "เลขประจำตัวสำหรับพร้อมเพย์ไม่ถูกต้อง (หลักตรวจสอบผิด)",
                f"invalid PromptPay ID (wrong check digit): {raw}",
            )
        return PromptPayTarget(PromptPayKind.NATIONAL_ID, raw)
    if _digits(raw, 15):
        return PromptPayTarget(PromptPayKind.EWALLET, raw)
    raise PromptPayError(
        "พร้อมเพย์ต้องเป็นเบอร์มือถือ 10 หลัก หรือเลขประจำตัว 13 หลัก (หรือ e-Wallet 15 หลัก)",
        f"PromptPay needs a 10-digit mobile, a 13-digit ID or a 15-digit e-wallet ID: {raw!r}",
    )


def _tlv(tag: str, value: str | None) -> str:
    """One field; None leaves it out. Values are validated to fit two length digits."""
    return "" if value is None else f"{tag}{len(value):02d}{value}"


def _amount(amount: Money) -> str:
    if not isinstance(amount, Money) or not Money(1) <= amount <= MAX_AMOUNT:
        raise PromptPayError(
            "ยอดเงินใน QR ต้องมากกว่า 0 และไม่เกิน 9,999,999.99 บาท",
            f"the QR amount must be above 0 and at most 9,999,999.99: {amount}",
        )
    return amount.format(grouping=False)


def _with_crc(body: str, amount: Money | None) -> str:
    """Tags 00 and 01 (static/dynamic) before ``body``; tag 63 with the CRC after it."""
    body = _tlv("00", "01") + _tlv("01", "11" if amount is None else "12") + body + _CRC_TAG
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def promptpay_payload(target: PromptPayTarget | str, amount: Money | None = None) -> str:
    """The text to encode in the QR: static without an amount, dynamic with one.

    Tag 58 comes before 53 and 54, as in the reference vectors.
    """
    if not isinstance(target, PromptPayTarget):
        target = parse_promptpay_id(target)
    merchant = _tlv("00", PROMPTPAY_AID) + _tlv(target.kind.value, target.value)
    body = _tlv("29", merchant) + _tlv("58", COUNTRY_TH) + _tlv("53", CURRENCY_THB)
    return _with_crc(body + _tlv("54", None if amount is None else _amount(amount)), amount)


def _ascii(value: str | None, max_len: int, what: str) -> str | None:
    if not value:
        return None
    if not (isinstance(value, str) and _PRINTABLE_RE.fullmatch(value) and len(value) <= max_len):
        raise PromptPayError(
            f"{what} ต้องเป็นอักษรอังกฤษหรือตัวเลข ไม่เกิน {max_len} ตัว",
            f"{what}: up to {max_len} printable ASCII characters: {value!r}",
        )
    return value


def bill_payment_payload(
    biller_id: str,
    ref1: str,
    ref2: str | None,
    amount: Money | None,
    merchant_name: str,
    terminal_label: str | None = None,
) -> str:
    """A bill payment QR (tag 30): biller ID (tax ID + 2-digit suffix) and references.

    Layout and amount form copy the reference vector, which writes a whole
    amount without decimals ('55'); EMVCo allows both forms.
    """
    biller = clean_number(biller_id) if isinstance(biller_id, str) else ""
    if not _digits(biller, 15):
        raise PromptPayError("Biller ID ต้องเป็นตัวเลข 15 หลัก", f"biller ID: 15 digits: {biller_id!r}")
    if not ref1 or not merchant_name:
        raise PromptPayError("ต้องมี Ref1 และชื่อร้าน", "ref1 and the merchant name are required")
    bill = _tlv("00", BILL_PAYMENT_AID) + _tlv("01", biller) + _tlv("02", _ascii(ref1, 20, "Ref1"))
    bill += _tlv("03", _ascii(ref2, 20, "Ref2"))
    label = _ascii(terminal_label, 25, "Terminal")
    body = _tlv("30", bill) + _tlv("53", CURRENCY_THB)
    body += _tlv("54", None if amount is None else _amount(amount).removesuffix(".00"))
    body += _tlv("58", COUNTRY_TH) + _tlv("59", _ascii(merchant_name, 25, "ชื่อร้าน"))
    return _with_crc(body + _tlv("62", None if label is None else _tlv("07", label)), amount)


def parse_emv(payload: str) -> dict[str, str]:
    """Top-level tag -> value; also reads a template's value (e.g. tag 29)."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(payload):
        tag, length = payload[i : i + 2], payload[i + 2 : i + 4]
        if not (_digits(tag, 2) and _digits(length, 2)) or i + 4 + int(length) > len(payload):
            raise PromptPayError("ข้อมูล QR ไม่ถูกต้อง", f"malformed EMV data at offset {i}")
        if tag in fields:
            raise PromptPayError("ข้อมูล QR ไม่ถูกต้อง", f"tag {tag} appears twice")
        fields[tag] = payload[i + 4 : i + 4 + int(length)]
        i += 4 + int(length)
    return fields


def verify_crc(payload: str) -> bool:
    """True when the payload ends in tag 63 whose upper-case CRC matches."""
    if len(payload) < 8 or payload[-8:-4] != _CRC_TAG or not payload.isascii():
        return False
    return payload[-4:] == f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}"
