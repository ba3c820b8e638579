"""PINs a person sets must not be the first ones a thief tries; the approval lock from stored failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from otop_pos.domain.staff.pins import LoginPolicy, PinError, hash_pin, validate_pin, verify_pin

T0 = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("1111", "ซ้ำ"),
        ("00000000", "ซ้ำ"),
        ("1234", "เรียง"),
        ("4321", "เรียง"),
        ("012345", "เรียง"),
        ("98765", "เรียง"),
        ("56789", "เรียง"),
        ("2580", "นิยม"),
        ("123123", "นิยม"),
    ],
)
def test_trivial_pins_are_refused_with_the_reason_in_thai(pin: str, why: str) -> None:
    with pytest.raises(PinError, match=why) as refused:
        validate_pin(pin, allow_trivial=False)
    assert refused.value.english  # the English UI has its own words
    validate_pin(pin)  # the demo and old PINs still pass the format check


@pytest.mark.parametrize("pin", ["5082", "7391", "1357", "24680", "90817263", "1243"])
def test_ordinary_pins_are_accepted(pin: str) -> None:
    validate_pin(pin, allow_trivial=False)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "๑๒๓๔", ""])
def test_the_format_comes_first(pin: str) -> None:
    with pytest.raises(PinError, match="4 ถึง 8 หลัก"):
        validate_pin(pin, allow_trivial=False)


def test_an_old_trivial_pin_still_logs_in() -> None:
    assert verify_pin("1111", hash_pin("1111", salt=b"0" * 16))


def test_five_stored_failures_lock_and_the_lock_ends() -> None:
    policy = LoginPolicy(max_attempts=5, lock_seconds=60)
    failures = [T0 + timedelta(seconds=i) for i in range(5)]
    assert policy.locked_after(failures[:4], T0 + timedelta(seconds=5)) is None
    until = policy.locked_after(failures, T0 + timedelta(seconds=10))
    assert until == failures[-1] + timedelta(seconds=60)
    assert policy.locked_after(failures, until) is None  # over at the minute
    # after the lock, five fresh tries: four more do not lock again
    later = [until + timedelta(seconds=i) for i in range(1, 5)]
    assert policy.locked_after(failures + later, until + timedelta(seconds=6)) is None
    assert policy.locked_after([*failures, *later, until + timedelta(seconds=5)],
                               until + timedelta(seconds=6)) is not None  # fmt: skip
