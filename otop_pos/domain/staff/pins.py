"""PINs and the login lockout policy.

PINs are short, so a fast hash would fall to brute force in seconds if the
database file were copied; scrypt (stdlib, memory-hard) makes every guess
cost ~16 MiB and tens of milliseconds. The stored string names its own
parameters so they can be raised later without breaking old hashes.
The lockout policy is pure: the caller passes the time in.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
PIN_MIN_LEN = 4
PIN_MAX_LEN = 8

_PIN_RE = re.compile(rf"[0-9]{{{PIN_MIN_LEN},{PIN_MAX_LEN}}}", re.ASCII)
_HEX_RE = re.compile(r"[0-9a-f]+", re.ASCII)
# Bounds on parameters read from a stored hash, so a tampered row cannot make
# verification eat gigabytes of memory.
_MAX_N = 2**17
_MAX_R = 16
_MAX_P = 4


COMMON_PINS = frozenset(
    {"1122", "1212", "1313", "2580", "0852", "1004", "2000", "6969", "4545", "5683",
     "112233", "121212", "123123", "159753", "654321", "696969", "131313", "520520", "147258"}
)  # fmt: skip
"""PINs guessed first that the digit rules below do not catch (keypad lines, pairs)."""


class PinError(ValueError):
    """A PIN that does not meet the rules; Thai message, English in ``english``."""

    def __init__(self, thai: str, english: str = "") -> None:
        super().__init__(thai)
        self.english = english or thai


def validate_pin(pin: str, *, allow_trivial: bool = True) -> None:
    """Require 4 to 8 ASCII digits; with ``allow_trivial=False`` also a PIN not easily guessed.

    Setting a staff PIN passes ``allow_trivial=False``; the demo centre and
    logging in with a PIN set before the rule existed do not.
    """
    if not isinstance(pin, str) or not _PIN_RE.fullmatch(pin):
        raise PinError(
            f"รหัส PIN ต้องเป็นตัวเลข {PIN_MIN_LEN} ถึง {PIN_MAX_LEN} หลัก",
            f"A PIN is {PIN_MIN_LEN} to {PIN_MAX_LEN} digits.",
        )
    if allow_trivial:
        return
    reason = trivial_reason(pin)
    if reason:
        raise PinError(*reason)


def trivial_reason(pin: str) -> tuple[str, str] | None:
    """(Thai, English) why ``pin`` is too easy to guess, or None."""
    digits = [int(c) for c in pin]
    if len(set(digits)) == 1:
        return (
            "รหัส PIN ห้ามเป็นเลขซ้ำกันทั้งหมด (เช่น 1111) เพราะเดาง่าย",
            "A PIN of one repeated digit (like 1111) is too easy to guess.",
        )
    steps = {b - a for a, b in pairwise(digits)}
    if steps in ({1}, {-1}):
        return (
            "รหัส PIN ห้ามเป็นเลขเรียงกัน (เช่น 1234 หรือ 4321) เพราะเดาง่าย",
            "A PIN of digits in a row (like 1234 or 4321) is too easy to guess.",
        )
    if pin in COMMON_PINS:
        return (
            "รหัส PIN นี้เป็นรหัสที่คนนิยมใช้ เดาง่าย กรุณาเลือกรหัสอื่น",
            "That PIN is one of the most common ones. Please choose another.",
        )
    return None


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    maxmem = 128 * r * (n + p + 2) + (1 << 20)
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """-> 'scrypt$16384$8$1$<salt hex>$<hash hex>'. ``salt`` is for tests only."""
    validate_pin(pin)
    if salt is None:
        salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if ``pin`` matches ``stored``; a malformed ``stored`` is just False."""
    if not isinstance(pin, str) or not isinstance(stored, str) or not _PIN_RE.fullmatch(pin):
        return False  # no PIN is anything else: a pasted page or a lone surrogate is not hashed
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    _, n_s, r_s, p_s, salt_hex, hash_hex = parts
    if not all(s.isascii() and s.isdigit() and len(s) <= 7 for s in (n_s, r_s, p_s)):
        return False
    n, r, p = int(n_s), int(r_s), int(p_s)
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        return False
    if not (_HEX_RE.fullmatch(salt_hex) and _HEX_RE.fullmatch(hash_hex)):
        return False
    if len(salt_hex) % 2 or len(hash_hex) % 2 or not 16 <= len(hash_hex) <= 128:
        return False
    expected = bytes.fromhex(hash_hex)
    actual = _scrypt(pin, bytes.fromhex(salt_hex), n, r, p, len(expected))
    return hmac.compare_digest(actual, expected)


def _require_aware(dt: datetime) -> None:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("naive datetime refused")


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    """After ``max_attempts`` wrong PINs in a row the user is locked out.

    When the lock starts the failure count goes back to 0: the lock is the
    penalty, and after it the user has ``max_attempts`` fresh tries.
    """

    max_attempts: int = 5
    lock_seconds: int = 60

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.lock_seconds < 1:
            raise ValueError("max_attempts and lock_seconds must be at least 1")

    def after_failure(self, failed_count: int, now: datetime) -> tuple[int, datetime | None]:
        """-> (new failure count, locked-until time or None)."""
        _require_aware(now)
        count = max(failed_count, 0) + 1
        if count >= self.max_attempts:
            return 0, now + timedelta(seconds=self.lock_seconds)
        return count, None

    def locked_after(self, failures: Iterable[datetime], now: datetime) -> datetime | None:
        """The lock in force at ``now`` after these failures (oldest first), or None.

        For a lock kept as a list of stored failures rather than a counter,
        so that a restart cannot forget it: the failures are replayed with
        `after_failure`, and one that came while a lock was running is
        ignored (the caller refused it before checking anything).
        """
        _require_aware(now)
        count, until = 0, None
        for at in failures:
            if until is not None and at < until:
                continue
            count, started = self.after_failure(count, at)
            until = started or until
        return until if self.is_locked(until, now) else None

    @staticmethod
    def is_locked(locked_until: datetime | None, now: datetime) -> bool:
        _require_aware(now)
        return locked_until is not None and now < locked_until

    @staticmethod
    def seconds_left(locked_until: datetime | None, now: datetime) -> int:
        """Whole seconds until the lock ends, rounded up (0 when not locked)."""
        if not LoginPolicy.is_locked(locked_until, now):
            return 0
        assert locked_until is not None
        return math.ceil((locked_until - now).total_seconds())

    @staticmethod
    def lock_message(locked_until: datetime | None, now: datetime) -> str:
        """'ผู้ใช้นี้ถูกล็อก ลองใหม่ในอีก N วินาที' (empty when not locked)."""
        left = LoginPolicy.seconds_left(locked_until, now)
        return f"ผู้ใช้นี้ถูกล็อก ลองใหม่ในอีก {left} วินาที" if left else ""
