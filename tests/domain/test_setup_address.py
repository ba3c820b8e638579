"""Address codes at set-up: each within the one above it, digits only, optional together."""

from __future__ import annotations

import pytest

from otop_pos.domain.setup.address import AddressCodes, AddressError, check_codes


def test_codes_that_fit_together_pass_thai_digits_too() -> None:
    assert check_codes(AddressCodes("๓๓", "3301", "330101", "33000")) == AddressCodes(
        "33", "3301", "330101", "33000"
    )


def test_all_empty_is_a_centre_without_e_tax() -> None:
    assert check_codes(AddressCodes()) == AddressCodes()


@pytest.mark.parametrize(
    ("codes", "field"),
    [
        (AddressCodes("3"), "province_code"),
        (AddressCodes("33", "3401"), "district_code"),
        (AddressCodes("33", "3301", "330201"), "sub_district_code"),
        (AddressCodes("", "3301"), "province_code"),
        (AddressCodes("33", "", "330101"), "district_code"),
        (AddressCodes(postcode="3300"), "postcode"),
        (AddressCodes(postcode="33OOO"), "postcode"),
        (AddressCodes(postcode="3" * 10_000), "postcode"),
    ],
)
def test_a_code_that_does_not_fit_is_named(codes: AddressCodes, field: str) -> None:
    with pytest.raises(AddressError) as refused:
        check_codes(codes)
    assert refused.value.field == field
    assert refused.value.thai and refused.value.english
