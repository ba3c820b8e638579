"""Seller and buyer, with the address the ETDA schematron asks for.

A seller's Thai address must be *structured* (house number and the TISI 1099
codes of province, district and sub-district: TIV-SellerTradeParty-007..012);
a buyer's may be structured or free lines plus a postcode (TIV-BuyerTradeParty-007/008).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from otop_pos.etax.checks import EtaxError, digits, set_field, tax_id_ok, text

HEAD_OFFICE = "00000"


@dataclass(frozen=True, slots=True)
class Party:
    """Seller or buyer as the tax document names them (s.86/4 items 2 and 3).

    ``province_code``/``district_code``/``sub_district_code`` are the TISI
    1099 codes the ETDA schema uses for CountrySubDivisionID/CityName/
    CitySubDivisionName, e.g. 50 / 5001 / 500101 for Si Phum, Mueang Chiang Mai.
    """

    name: str
    tax_id: str = ""
    branch: str = HEAD_OFFICE
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    country: str = "TH"
    is_person: bool = False
    building_number: str = ""
    street: str = ""
    sub_district_code: str = ""
    district_code: str = ""
    province_code: str = ""

    def __post_init__(self) -> None:
        set_field(self, "name", text(self.name, "ชื่อ", "party name"))
        if self.tax_id and not tax_id_ok(self.tax_id):
            raise EtaxError(
                "เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและหลักตรวจสอบถูกต้อง)",
                f"invalid tax ID: {self.tax_id!r}",
            )
        if not digits(self.branch, 5):
            raise EtaxError("รหัสสาขาต้องเป็นตัวเลข 5 หลัก", f"branch must be 5 digits: {self.branch!r}")
        lines = tuple(self.address_lines)
        if len(lines) > 5:
            raise EtaxError("ที่อยู่ยาวเกิน 5 บรรทัด", "at most 5 address lines")
        set_field(self, "address_lines", tuple(text(x, "ที่อยู่", "address line") for x in lines))
        if self.postcode and not digits(self.postcode, 5):
            raise EtaxError("รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก", f"bad postcode: {self.postcode!r}")
        if not (isinstance(self.country, str) and re.fullmatch(r"[A-Z]{2}", self.country)):
            raise EtaxError("รหัสประเทศไม่ถูกต้อง", f"country must be ISO alpha-2: {self.country!r}")
        if not isinstance(self.is_person, bool):
            raise EtaxError("ประเภทบุคคลไม่ถูกต้อง", "is_person must be a bool")
        for name in ("building_number", "street"):
            if getattr(self, name):
                set_field(self, name, text(getattr(self, name), "ที่อยู่", name, 70))
        self._check_codes()

    def _check_codes(self) -> None:
        codes = (self.province_code, self.district_code, self.sub_district_code)
        if not any(codes):
            return
        province, district, sub = codes
        if not (digits(province, 2) and digits(district, 4) and digits(sub, 6)):
            raise EtaxError(
                "รหัสจังหวัด/อำเภอ/ตำบลต้องเป็นตัวเลข 2/4/6 หลัก (มาตรฐาน มอก. 1099)",
                "province/district/sub-district codes must be 2/4/6 digits",
            )
        if not (district.startswith(province) and sub.startswith(district)):
            raise EtaxError(
                "รหัสตำบลและอำเภอไม่อยู่ในจังหวัดเดียวกัน",
                "sub-district code must extend the district code, which extends the province code",
            )

    @property
    def structured(self) -> bool:
        """House number and all three area codes: what a Thai seller must give."""
        return bool(self.building_number and self.province_code)

    @property
    def has_address(self) -> bool:
        """Lines or a structured address, plus a postcode in Thailand."""
        located = bool(self.address_lines) or self.structured
        return located and (self.country != "TH" or bool(self.postcode))
