"""Sync protocol v1 request signing (docs/sync-protocol.md, "Authentication")."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.sync import signing
from otop_pos.sync.signing import AuthError, NonceGuard, read_headers, signed_headers, verify

SECRET = bytes(range(32))
PATH = "/v1/terminals/SSK01-POS01/batches"
BODY = b'{"terminal_id":"SSK01-POS01","from_seq":1,"to_seq":1,"entries":[]}'
NOW = 1_796_000_000
NONCE = "0123456789abcdef0123456789abcdef"


def _headers(**over: object) -> dict[str, str]:
    h = signed_headers("SSK01-POS01", SECRET, "POST", PATH, BODY, NOW, NONCE)
    return h | {k: str(v) for k, v in over.items()}


def test_the_canonical_request_is_the_five_lines_the_page_names() -> None:
    body_hash = hashlib.sha256(BODY).hexdigest()
    want = f"POST\n{PATH}\n{NOW}\n{NONCE}\n{body_hash}".encode()
    assert signing.canonical_request("post", PATH, str(NOW), NONCE, BODY) == want
    expected = "v1=" + hmac.new(SECRET, want, hashlib.sha256).hexdigest()
    assert _headers()["X-Otop-Signature"] == expected  # a vector any client can check


def test_a_signed_request_is_let_in_once() -> None:
    guard = NonceGuard()
    signed = read_headers({k.lower(): v for k, v in _headers().items()})  # names case-blind
    verify(signed, SECRET, "POST", PATH, BODY, NOW + 5, guard)
    with pytest.raises(AuthError) as again:
        verify(signed, SECRET, "POST", PATH, BODY, NOW + 6, guard)
    assert again.value.code == "nonce_reused"


@pytest.mark.parametrize(
    ("method", "path", "body", "secret", "code"),
    [
        ("PUT", PATH, BODY, SECRET, "bad_signature"),
        ("POST", PATH + "x", BODY, SECRET, "bad_signature"),
        ("POST", PATH, BODY + b" ", SECRET, "bad_signature"),
        ("POST", PATH, BODY, bytes(32), "bad_signature"),
        ("POST", "/v2/terminals/x", BODY, SECRET, "bad_auth_header"),
    ],
)
def test_anything_changed_is_refused(
    method: str, path: str, body: bytes, secret: bytes, code: str
) -> None:
    with pytest.raises(AuthError) as refused:
        verify(read_headers(_headers()), secret, method, path, body, NOW, NonceGuard())
    assert refused.value.code == code


def test_the_time_window_is_300_seconds_either_way() -> None:
    for now in (NOW - 300, NOW + 300):
        verify(read_headers(_headers()), SECRET, "POST", PATH, BODY, now, NonceGuard())
    for now in (NOW - 301, NOW + 301):
        with pytest.raises(AuthError) as refused:
            verify(read_headers(_headers()), SECRET, "POST", PATH, BODY, now, NonceGuard())
        assert refused.value.code == "stale_request"


def test_a_nonce_is_remembered_for_the_whole_window_and_then_forgotten() -> None:
    guard = NonceGuard()
    guard.admit("T", NONCE, NOW)
    with pytest.raises(AuthError):
        guard.admit("T", NONCE, NOW + signing.NONCE_KEEP_S)
    guard.admit("U", NONCE, NOW)  # per terminal
    guard.admit("T", NONCE, NOW + signing.NONCE_KEEP_S + 1)
    assert len(guard.seen) <= 2


@pytest.mark.parametrize(
    "over",
    [
        {"X-Otop-Timestamp": "12.5"},
        {"X-Otop-Timestamp": ""},
        {"X-Otop-Nonce": NONCE.upper()},
        {"X-Otop-Nonce": NONCE[:-1]},
        {"X-Otop-Signature": "v2=" + "0" * 64},
        {"X-Otop-Signature": "v1=" + "0" * 63},
        {"X-Otop-Terminal": ""},
        {"X-Otop-Terminal": "ศูนย์"},
    ],
)
def test_malformed_headers_are_refused_before_any_work(over: dict[str, str]) -> None:
    with pytest.raises(AuthError) as refused:
        read_headers(_headers(**over))
    assert refused.value.code == "bad_auth_header"


@given(st.binary(max_size=300), st.integers(0, len(BODY) - 1), st.integers(1, 255))
def test_any_changed_byte_of_the_body_breaks_the_signature(
    extra: bytes, at: int, flip: int
) -> None:
    changed = bytearray(BODY + extra)
    changed[at] ^= flip
    with pytest.raises(AuthError):
        verify(read_headers(_headers()), SECRET, "POST", PATH, bytes(changed), NOW, NonceGuard())


@given(st.dictionaries(st.text(max_size=30), st.text(max_size=200), max_size=6))
def test_any_headers_are_a_signed_request_or_an_auth_error(headers: dict[str, str]) -> None:
    try:
        signed = read_headers(headers)
    except AuthError as exc:
        assert exc.code == "bad_auth_header"
        return
    with pytest.raises(AuthError):
        verify(signed, SECRET, "POST", PATH, BODY, NOW, NonceGuard())
