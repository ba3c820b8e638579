"""The till's HTTP client for sync protocol v1, on the standard library only.

The till must not depend on the server's libraries, so this is http.client
with bounded timeouts. Every request either gets an `Answer` with the
server's status and JSON body, or an `Answer` that says "no answer": a
refused or reset connection, a timeout, a body cut short or not JSON all
mean the same thing to the uploader (try again later), so they are one
outcome here. Nothing here logs the secret, a signature or a code.
"""

from __future__ import annotations

import base64
import http.client
import json
import ssl
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from otop_pos.sync import signing

TIMEOUT_S = 10.0  # connect, and each read of the answer
MAX_ANSWER = 4 << 20  # no honest answer of the protocol comes near this
USER_AGENT = "otop-pos"


class BadServerUrl(ValueError):
    """A server address that is not http(s)://host[:port], or plain http off loopback.

    No path prefix: the signed path is the one the server sees, /v1/...
    """


@dataclass(frozen=True, slots=True)
class Answer:
    """The server's answer, or none: ``status`` 0 and ``problem`` says what happened."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    problem: str = ""

    @property
    def answered(self) -> bool:
        return self.status != 0

    @property
    def error(self) -> str:
        """The protocol's error code ("" on success or without an answer)."""
        code = self.body.get("error", "")
        return code if isinstance(code, str) else ""

    def retry_after(self) -> float | None:
        """Retry-After in seconds (the protocol sends whole seconds), None when absent."""
        raw = self.headers.get("retry-after", "").strip()
        return float(raw) if raw.isdigit() else None


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def check_url(url: str) -> str:
    """The server's base URL without a trailing slash; HTTPS, or HTTP on loopback only."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadServerUrl("the server's address must be https://host[:port]")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise BadServerUrl("plain http is only for a server on this machine; use https")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise BadServerUrl("the server's address is only https://host[:port] (paths are /v1/...)")
    return f"{parts.scheme}://{parts.netloc}"


def _request(url: str, method: str, path: str, body: bytes | None,
             headers: dict[str, str], timeout: float) -> Answer:  # fmt: skip
    parts = urllib.parse.urlsplit(url)
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
    sent = {"Accept": "application/json", "User-Agent": USER_AGENT, **headers}
    if body is not None:
        sent["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        raw = response.read(MAX_ANSWER + 1)
        status = response.status
        answer_headers = {k.lower(): v for k, v in response.getheaders()}
    except (OSError, http.client.HTTPException) as exc:  # refused, reset, timeout, cut short
        return Answer(0, problem=f"{type(exc).__name__}: {exc}"[:200])
    finally:
        conn.close()
    if len(raw) > MAX_ANSWER:
        return Answer(0, problem="the answer is too long")
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Answer(0, problem=f"HTTP {status} without a JSON body")
    if not isinstance(parsed, dict):
        return Answer(0, problem=f"HTTP {status} with a body that is not an object")
    return Answer(status, parsed, answer_headers)


def encode(value: Any) -> bytes:
    """Compact UTF-8 JSON; a list of records is written a record at a time.

    A 500-entry batch is about 800 KB: in one call the JSON encoder would
    hold the interpreter for milliseconds, and a scan on the till's own
    thread would wait behind it. Record by record, the cashier's thread gets
    its turn between them. The bytes are the same either way.
    """
    if isinstance(value, dict):
        lists = [k for k, v in value.items() if isinstance(v, list) and len(v) > 16]
        if lists:
            parts = []
            for k, v in value.items():
                inner = [_dumps(item) for item in v] if k in lists else None
                text = "[" + ",".join(inner) + "]" if inner is not None else _dumps(v)
                parts.append(f"{_dumps(k)}:{text}")
            return ("{" + ",".join(parts) + "}").encode("utf-8")
    return _dumps(value).encode("utf-8")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Client:
    """Signed requests of one enrolled terminal to its server."""

    url: str
    terminal_id: str
    secret: bytes = field(repr=False)
    timeout: float = TIMEOUT_S
    clock: Callable[[], float] = time.time

    @classmethod
    def enrolled(cls, url: str, terminal_id: str, secret_b64: str,
                 timeout: float = TIMEOUT_S) -> Client:  # fmt: skip
        return cls(url, terminal_id, base64.b64decode(secret_b64), timeout)

    def _signed(self, method: str, path: str, body: bytes | None) -> Answer:
        headers = signing.signed_headers(
            self.terminal_id, self.secret, method, path, body or b"", int(self.clock())
        )  # a new nonce every time: a retry is a new request
        return _request(self.url, method, path, body, headers, self.timeout)

    def get(self, path: str) -> Answer:
        return self._signed("GET", path, None)

    def post(self, path: str, value: Any) -> Answer:
        return self._signed("POST", path, encode(value))

    def batches_path(self) -> str:
        return f"/v1/terminals/{urllib.parse.quote(self.terminal_id, safe='')}/batches"

    def checkpoint_path(self) -> str:
        return f"/v1/terminals/{urllib.parse.quote(self.terminal_id, safe='')}/checkpoint"

    def status_path(self) -> str:
        return f"/v1/terminals/{urllib.parse.quote(self.terminal_id, safe='')}/status"


def enrol(url: str, code: str, pos_id: str, chain_id: str, first_entry_hash: str | None,
          client: str = USER_AGENT, timeout: float = TIMEOUT_S) -> Answer:  # fmt: skip
    """POST /v1/enrol: the code is the credential, so nothing is signed."""
    body = {"code": code, "pos_id": pos_id, "chain_id": chain_id,
            "first_entry_hash": first_entry_hash, "client": client}  # fmt: skip
    return _request(check_url(url), "POST", "/v1/enrol", encode(body), {}, timeout)
