"""Signed requests of sync protocol v1: HMAC-SHA256 over method, path, time, nonce, body.

One module for both ends, so the till and the server cannot disagree on a
byte of the canonical request (docs/sync-protocol.md, "Authentication").
The server's replay guard is here too: a nonce is refused for as long as a
request carrying it could still be inside the time window.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

WINDOW_S = 300  # a request's timestamp may be this far from the server's clock
NONCE_KEEP_S = 2 * WINDOW_S
SECRET_BYTES = 32
SCHEME = "v1="

H_TERMINAL = "X-Otop-Terminal"
H_TIMESTAMP = "X-Otop-Timestamp"
H_NONCE = "X-Otop-Nonce"
H_SIGNATURE = "X-Otop-Signature"

_NONCE_RE = re.compile(r"[0-9a-f]{32}", re.ASCII)
_DIGITS_RE = re.compile(r"[0-9]{1,12}", re.ASCII)
_HEX64_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)
_PATH_RE = re.compile(r"/v1/[A-Za-z0-9/_.-]{1,200}", re.ASCII)


class AuthError(ValueError):
    """A request that is not let in; ``code`` is the protocol's error code."""

    def __init__(self, code: str, english: str) -> None:
        super().__init__(english)
        self.code = code


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def new_nonce() -> str:
    return secrets.token_hex(16)


def canonical_request(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """The five lines that are signed (no trailing newline)."""
    body_hash = hashlib.sha256(body).hexdigest()
    return "\n".join((method.upper(), path, timestamp, nonce, body_hash)).encode("ascii")


def signature(secret: bytes, method: str, path: str, timestamp: str, nonce: str,
              body: bytes) -> str:  # fmt: skip
    digest = hmac.new(secret, canonical_request(method, path, timestamp, nonce, body), "sha256")
    return SCHEME + digest.hexdigest()


def signed_headers(terminal_id: str, secret: bytes, method: str, path: str, body: bytes,
                   now: int, nonce: str | None = None) -> dict[str, str]:  # fmt: skip
    """What the till sends with every request after enrolment."""
    stamp, once = str(int(now)), nonce or new_nonce()
    return {
        H_TERMINAL: terminal_id,
        H_TIMESTAMP: stamp,
        H_NONCE: once,
        H_SIGNATURE: signature(secret, method, path, stamp, once, body),
    }


@dataclass(frozen=True, slots=True)
class Signed:
    """The authentication headers of a request, checked for form only."""

    terminal_id: str
    timestamp: str  # as sent: the canonical request signs the header's own text
    nonce: str
    signature: str

    @property
    def seconds(self) -> int:
        return int(self.timestamp)


def read_headers(headers: Mapping[str, str]) -> Signed:
    """The four headers, or ``bad_auth_header`` (header names are matched case-blind)."""
    lower = {k.lower(): v for k, v in headers.items()}
    values = [lower.get(h.lower(), "") for h in (H_TERMINAL, H_TIMESTAMP, H_NONCE, H_SIGNATURE)]
    terminal, stamp, nonce, sig = values
    if not (0 < len(terminal) <= 64 and terminal.isascii() and terminal.isprintable()):
        raise AuthError("bad_auth_header", f"{H_TERMINAL} is missing or malformed")
    if not _DIGITS_RE.fullmatch(stamp):
        raise AuthError("bad_auth_header", f"{H_TIMESTAMP} must be Unix seconds")
    if not _NONCE_RE.fullmatch(nonce):
        raise AuthError("bad_auth_header", f"{H_NONCE} must be 32 lowercase hex characters")
    if not (sig.startswith(SCHEME) and _HEX64_RE.fullmatch(sig[len(SCHEME) :])):
        raise AuthError("bad_auth_header", f"{H_SIGNATURE} must be v1= and 64 hex characters")
    return Signed(terminal, stamp, nonce, sig)


@dataclass
class NonceGuard:
    """Nonces seen per terminal, forgotten once no request carrying them can be fresh."""

    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def admit(self, terminal_id: str, nonce: str, now: int) -> None:
        for key in [k for k, at in self.seen.items() if at < now - NONCE_KEEP_S]:
            del self.seen[key]
        if (terminal_id, nonce) in self.seen:
            raise AuthError("nonce_reused", "this nonce was already used")
        self.seen[(terminal_id, nonce)] = now


def verify(signed: Signed, secret: bytes, method: str, path: str, body: bytes, now: int,
           guard: NonceGuard | None) -> None:  # fmt: skip
    """The server's checks, in the protocol's order; raises ``AuthError`` naming the first.

    ``guard=None`` leaves replay refusal to the caller (the server keeps its
    nonces in its database, so every worker and a restart see them).
    """
    if abs(now - signed.seconds) > WINDOW_S:
        raise AuthError("stale_request", f"timestamp {signed.timestamp} is not within 300 s")
    if not _PATH_RE.fullmatch(path):
        raise AuthError("bad_auth_header", "the path is not a v1 path")
    want = signature(secret, method, path, signed.timestamp, signed.nonce, body)
    if not hmac.compare_digest(want, signed.signature):
        raise AuthError("bad_signature", "the signature does not match")
    if guard is not None:
        guard.admit(signed.terminal_id, signed.nonce, now)
