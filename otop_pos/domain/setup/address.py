"""A centre's address as the Revenue Department's codes: province, district, sub-district, postcode.

e-Tax documents carry the seller's address as TISI 1099 codes (33 / 3301 /
330101), each part of the one before, and a five-digit postcode. They are
typed once at set-up from a form, so a district that does not belong to its
province is caught here rather than on the first invoice a buyer sends back.
Every part is optional (a centre without e-Tax leaves them empty), but what
is given must fit together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DIGITS = re.compile(r"[0-9]*", re.ASCII)
MAX_TYPED = 12


class AddressError(ValueError):
    """A code that cannot be used; Thai for the manager, English beside it, and the field."""

    def __init__(self, thai: str, english: str, field: str) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english
        self.field = field


@dataclass(frozen=True)
class AddressCodes:
    province_code: str = ""
    district_code: str = ""
    sub_district_code: str = ""
    postcode: str = ""


_PARTS = (
    # field, digits, Thai name, English name, the field it must start with
    ("province_code", 2, "รหัสจังหวัด", "province code", ""),
    ("district_code", 4, "รหัสอำเภอ", "district code", "province_code"),
    ("sub_district_code", 6, "รหัสตำบล", "sub-district code", "district_code"),
    ("postcode", 5, "รหัสไปรษณีย์", "postcode", ""),
)


def _digits(text: str, field: str, length: int, thai: str, english: str) -> str:
    cleaned = text.strip().translate(_THAI_DIGITS)[: MAX_TYPED + 1]
    if _DIGITS.fullmatch(cleaned) is None or (cleaned and len(cleaned) != length):
        raise AddressError(
            f"{thai}ต้องเป็นตัวเลข {length} หลัก", f"The {english} must be {length} digits.", field
        )
    return cleaned


def check_codes(codes: AddressCodes) -> AddressCodes:
    """The codes as ASCII digits, each within the one before; `AddressError` names the bad one."""
    checked: dict[str, str] = {}
    for field, length, thai, english, parent in _PARTS:
        value = _digits(getattr(codes, field), field, length, thai, english)
        above = checked.get(parent, "")
        if value and parent and not above:
            raise AddressError(
                f"กรอก{thai}แล้ว ต้องกรอกรหัสที่อยู่ระดับบนด้วย",
                f"A {english} needs the code above it too.",
                parent,
            )
        if value and above and not value.startswith(above):
            raise AddressError(
                f"{thai} {value} ไม่อยู่ใน {above}",
                f"The {english} {value} does not belong to {above}.",
                field,
            )
        checked[field] = value
    return AddressCodes(**checked)
