import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from otop_pos.domain.staff.pins import LoginPolicy, PinError, hash_pin, validate_pin, verify_pin

SALT = bytes(range(16))


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("2567")


def test_hash_format(stored: str) -> None:
    algo, n, r, p, salt_hex, hash_hex = stored.split("$")
    assert (algo, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(bytes.fromhex(salt_hex)) == 16
    assert len(bytes.fromhex(hash_hex)) == 32


def test_hash_is_scrypt_of_pin() -> None:
    expected = hashlib.scrypt(b"2567", salt=SALT, n=2**14, r=8, p=1, dklen=32)
    assert hash_pin("2567", salt=SALT) == f"scrypt$16384$8$1${SALT.hex()}${expected.hex()}"


def test_salt_is_random() -> None:
    assert hash_pin("1234") != hash_pin("1234")


def test_verify(stored: str) -> None:
    assert verify_pin("2567", stored)
    assert not verify_pin("2568", stored)
    assert not verify_pin("25670", stored)
    assert not verify_pin("", stored)


def test_verify_reads_parameters_from_the_string() -> None:
    digest = hashlib.scrypt(b"9999", salt=SALT, n=2**10, r=4, p=2, dklen=16)
    old = f"scrypt$1024$4$2${SALT.hex()}${digest.hex()}"
    assert verify_pin("9999", old)
    assert not verify_pin("9998", old)


def _with(stored: str, index: int, value: str) -> str:
    parts = stored.split("$")
    parts[index] = value
    return "$".join(parts)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda s: "",
        lambda s: "plain1234",
        lambda s: s + "$extra",
        lambda s: _with(s, 0, "bcrypt"),
        lambda s: _with(s, 1, "16383"),  # not a power of two
        lambda s: _with(s, 1, str(2**30)),  # would need gigabytes
        lambda s: _with(s, 1, "9" * 5000),
        lambda s: _with(s, 2, "0"),
        lambda s: _with(s, 3, "99"),
        lambda s: _with(s, 4, "zz"),
        lambda s: _with(s, 5, "abc"),
        lambda s: _with(s, 5, ""),
        lambda s: _with(s, 5, "00" * 32),
        lambda s: s.upper(),
    ],
)
def test_malformed_stored_is_false_not_error(stored: str, mutate: object) -> None:
    assert verify_pin("2567", mutate(stored)) is False  # type: ignore[operator]


def test_verify_non_strings() -> None:
    assert verify_pin(2567, "x") is False  # type: ignore[arg-type]
    assert verify_pin("2567", None) is False  # type: ignore[arg-type]


@pytest.mark.parametrize("pin", ["1234", "00000000", "20250", "9876543"])
def test_valid_pins(pin: str) -> None:
    validate_pin(pin)


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", "๑๒๓๔", "12 34", "1234\n", 1234])
def test_invalid_pins(pin: str) -> None:
    with pytest.raises(PinError, match="ตัวเลข 4 ถึง 8 หลัก"):
        validate_pin(pin)
    with pytest.raises(PinError):
        hash_pin(pin)


T0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def test_lockout_after_five_failures() -> None:
    policy = LoginPolicy()
    count, until = 0, None
    for expected in range(1, 5):
        count, until = policy.after_failure(count, T0)
        assert (count, until) == (expected, None)
    count, until = policy.after_failure(count, T0)
    assert count == 0
    assert until == T0 + timedelta(seconds=60)
    assert policy.is_locked(until, T0)
    assert policy.is_locked(until, T0 + timedelta(seconds=59, microseconds=999_999))
    assert not policy.is_locked(until, T0 + timedelta(seconds=60))
    assert not policy.is_locked(None, T0)


def test_custom_policy() -> None:
    policy = LoginPolicy(max_attempts=1, lock_seconds=300)
    assert policy.after_failure(0, T0) == (0, T0 + timedelta(minutes=5))
    with pytest.raises(ValueError):
        LoginPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        LoginPolicy(lock_seconds=0)


def test_lock_message() -> None:
    until = T0 + timedelta(seconds=60)
    assert LoginPolicy.lock_message(until, T0) == "ผู้ใช้นี้ถูกล็อก ลองใหม่ในอีก 60 วินาที"
    later = T0 + timedelta(seconds=30, milliseconds=500)
    assert LoginPolicy.lock_message(until, later) == "ผู้ใช้นี้ถูกล็อก ลองใหม่ในอีก 30 วินาที"
    almost = until - timedelta(milliseconds=1)
    assert LoginPolicy.seconds_left(until, almost) == 1
    assert LoginPolicy.lock_message(until, until) == ""
    assert LoginPolicy.lock_message(None, T0) == ""


def test_policy_refuses_naive_time() -> None:
    with pytest.raises(ValueError):
        LoginPolicy().after_failure(0, datetime(2026, 11, 1))
    with pytest.raises(ValueError):
        LoginPolicy.is_locked(None, datetime(2026, 11, 1))
