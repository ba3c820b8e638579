"""The checks shared by the catalogue files and the edit forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.files import checks
from otop_pos.files.checks import CheckError


@pytest.mark.parametrize(
    ("typed", "bp"),
    [("15", 1500), ("12.5", 1250), (" 12.5 % ", 1250), ("0", 0), ("100", 10000),
     ("๑๒.๕", 1250), ("", None), ("0.01", 1)],
)  # fmt: skip
def test_commission_accepted(typed: str, bp: int | None) -> None:
    assert checks.commission_bp(typed) == bp


@pytest.mark.parametrize("typed", ["101", "-1", "abc", "100.01", "nan", "inf", "1e3"])
def test_commission_refused_with_the_range_message(typed: str) -> None:
    with pytest.raises(CheckError) as err:
        checks.commission_bp(typed)
    assert "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%" in err.value.thai


def test_commission_with_three_decimals_is_refused() -> None:
    with pytest.raises(CheckError, match="ทศนิยม"):
        checks.commission_bp("12.345")


@given(st.integers(0, 10000))
def test_percent_text_reads_back(bp: int) -> None:
    assert checks.commission_bp(checks.percent_text(bp)) == bp


def test_ids_and_accounts_are_normalised() -> None:
    assert checks.tax_id(" 0-9940-00158-37-8 ") == "0994000158378"
    assert checks.tax_id("") == "" and checks.promptpay_id(" ") == ""
    assert checks.promptpay_id("+66812345678") == "081-234-5678"
    assert checks.promptpay_id("0994000158378") == "0-9940-00158-37-8"
    assert checks.bank_account("020 1 23456 7") == "020123456 7".replace(" ", "")
    assert checks.bank_account("๐๒๐-๑-๒๓๔๕๖-๗") == "020-1-23456-7"
    assert checks.min_stock("1,200") == 1200 and checks.min_stock("") == 0
    for bad in ("-1", "1.5", "x", "10000000"):
        with pytest.raises(CheckError):
            checks.min_stock(bad)
    for bad in ("020-1-2345A-7", "-123", "123-", "1" * 31):
        with pytest.raises(CheckError, match="เลขที่บัญชี"):
            checks.bank_account(bad)
