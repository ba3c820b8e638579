"""A chaos proxy on loopback between a till and the provincial server.

Each request it carries may be dropped, answered 5xx, delayed, sent twice,
replayed later (so it reaches the server after newer requests: reordering),
cut short on the way in, or have its response lost or cut short on the way
back, by a seeded random choice, so a failing run can be repeated. It only
ever connects to the upstream loopback port it was given and counts what it
did, so a test can show every fault happened.
"""

from __future__ import annotations

import http.client
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = (
    "drop_request",  # never forwarded; the connection closes with no answer
    "drop_response",  # forwarded and stored upstream; the answer is lost
    "server_error",  # answered 503 (or 500) without forwarding
    "delay",  # forwarded after a pause
    "duplicate",  # forwarded twice at once; the till gets one of the answers
    "replay_later",  # forwarded, and a copy forwarded again after a later request
    "truncate_request",  # upstream gets part of the body, then the connection closes
    "truncate_response",  # the till gets part of the answer, then the connection closes
)


@dataclass
class Chaos:
    """How often each fault happens (0..1 of all requests) and the seed."""

    rate: float = 0.5
    seed: int = 1
    faults: tuple[str, ...] = FAULTS
    max_delay_s: float = 0.3
    done: Counter[str] = field(default_factory=Counter)
    _held: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def pick(self) -> str | None:
        with self._lock:
            if self._random.random() >= self.rate:
                return None
            return self._random.choice(self.faults)

    def delay(self) -> float:
        with self._lock:
            return self._random.uniform(0.01, self.max_delay_s)

    def coin(self) -> bool:
        with self._lock:
            return self._random.random() < 0.5


class ChaosProxy:
    """A threaded HTTP proxy from 127.0.0.1:port to 127.0.0.1:upstream_port."""

    def __init__(self, upstream_port: int, chaos: Chaos) -> None:
        self.upstream_port = upstream_port
        self.chaos = chaos
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return None

            def do_GET(self) -> None:
                proxy._carry(self)

            def do_POST(self) -> None:
                proxy._carry(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ChaosProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    # -- one request ---------------------------------------------------------

    def _carry(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host", "connection")}
        request = (h.command, h.path, headers, body)
        fault = self.chaos.pick()
        if fault is not None:
            self.chaos.done[fault] += 1
        h.close_connection = True
        if fault == "drop_request":
            return
        if fault == "server_error":
            self._answer(h, 503 if self.chaos.coin() else 500, b'{"error":"chaos"}')
            return
        if fault == "truncate_request":
            self._send_part(request)
            return
        if fault == "delay":
            time.sleep(self.chaos.delay())
        if fault == "duplicate":
            twin = threading.Thread(target=self._forward_quietly, args=(request,))
            twin.start()
        answer = self._forward(request)
        if fault == "duplicate":
            twin.join(30)
        self._release_held()
        if fault == "replay_later":
            with self.chaos._lock:
                self.chaos._held.append(request)
        if answer is None:
            return
        status, reply = answer
        if fault == "drop_response":
            return
        if fault == "truncate_response":
            self._answer(h, status, reply, cut=max(1, len(reply) // 2))
            return
        self._answer(h, status, reply)

    def _forward(self, request: tuple[str, str, dict[str, str], bytes]) -> tuple[int, bytes] | None:
        method, path, headers, body = request
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=30)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            r = conn.getresponse()
            return r.status, r.read()
        except OSError:
            return None
        finally:
            conn.close()

    def _forward_quietly(self, request: tuple[str, str, dict[str, str], bytes]) -> None:
        self._forward(request)

    def _release_held(self) -> None:
        with self.chaos._lock:
            held, self.chaos._held[:] = list(self.chaos._held), []
        for request in held:
            self._forward(request)

    def _send_part(self, request: tuple[str, str, dict[str, str], bytes]) -> None:
        method, path, headers, body = request
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        raw = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body[: len(body) // 2]
        try:
            with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5) as s:
                s.sendall(raw)
        except OSError:
            pass

    @staticmethod
    def _answer(
        h: BaseHTTPRequestHandler, status: int, body: bytes, cut: int | None = None
    ) -> None:
        try:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body if cut is None else body[:cut])
            h.wfile.flush()
        except OSError:
            pass
