"""The chaos proxy does to requests what it says, so the sync chaos tests prove something."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from chaos_proxy import FAULTS, Chaos, ChaosProxy


class _Upstream:
    """A loopback server that records the bodies it received in full."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.cut: list[int] = []
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return None

            def do_POST(self) -> None:
                want = int(self.headers["Content-Length"])
                got = self.rfile.read(want)
                if len(got) < want:
                    upstream.cut.append(len(got))
                    return
                upstream.bodies.append(got)
                reply = b'{"ok": "' + got + b'"}'
                self.send_response(200)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    u = _Upstream()
    yield u
    u.server.shutdown()
    u.server.server_close()


def _post(port: int, body: bytes) -> tuple[int, bytes] | str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/v1/x", body=body)
        r = conn.getresponse()
        return r.status, r.read()
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__
    finally:
        conn.close()


def _only(fault: str) -> Chaos:
    return Chaos(rate=1.0, faults=(fault,), max_delay_s=0.05)


def test_no_fault_carries_the_request_and_answer(upstream: _Upstream) -> None:
    with ChaosProxy(upstream.port, Chaos(rate=0.0)) as proxy:
        assert _post(proxy.port, b"abc") == (200, b'{"ok": "abc"}')
    assert upstream.bodies == [b"abc"]


def test_drop_request_never_reaches_upstream(upstream: _Upstream) -> None:
    with ChaosProxy(upstream.port, _only("drop_request")) as proxy:
        assert isinstance(_post(proxy.port, b"abc"), str)
    assert upstream.bodies == []


def test_drop_response_reaches_upstream_but_no_answer_returns(upstream: _Upstream) -> None:
    with ChaosProxy(upstream.port, _only("drop_response")) as proxy:
        assert isinstance(_post(proxy.port, b"abc"), str)
    assert upstream.bodies == [b"abc"]


def test_duplicate_reaches_upstream_twice(upstream: _Upstream) -> None:
    with ChaosProxy(upstream.port, _only("duplicate")) as proxy:
        assert _post(proxy.port, b"abc") == (200, b'{"ok": "abc"}')
    assert upstream.bodies == [b"abc", b"abc"]


def test_replay_later_sends_the_old_request_after_a_newer_one(upstream: _Upstream) -> None:
    chaos = _only("replay_later")
    with ChaosProxy(upstream.port, chaos) as proxy:
        _post(proxy.port, b"old")
        chaos.rate = 0.0
        _post(proxy.port, b"new")
    assert upstream.bodies == [b"old", b"new", b"old"]


def test_truncated_request_reaches_upstream_cut(upstream: _Upstream) -> None:
    with ChaosProxy(upstream.port, _only("truncate_request")) as proxy:
        assert isinstance(_post(proxy.port, b"abcdefgh"), str)
    assert upstream.bodies == []


def test_truncated_response_is_cut(upstream: _Upstream) -> None:
    with ChaosProxy(upstream.port, _only("truncate_response")) as proxy:
        assert isinstance(_post(proxy.port, b"abcdefgh"), str)
    assert upstream.bodies == [b"abcdefgh"]


def test_server_error_answers_5xx_without_forwarding(upstream: _Upstream) -> None:
    with ChaosProxy(upstream.port, _only("server_error")) as proxy:
        answer = _post(proxy.port, b"abc")
    assert isinstance(answer, tuple) and answer[0] in (500, 503)
    assert upstream.bodies == []


def test_a_seeded_run_uses_every_fault_and_repeats() -> None:
    picks = [Chaos(rate=0.5, seed=7) for _ in range(2)]
    runs = [[c.pick() for _ in range(400)] for c in picks]
    assert runs[0] == runs[1]
    assert set(runs[0]) == {None, *FAULTS}
