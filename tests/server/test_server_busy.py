"""The server's speed changes keep their word: a busy 503 still carries Retry-After, strict JSON still refuses a key twice."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from starlette.testclient import TestClient

from otop_server.operations.errors import ApiError
from otop_server.operations.wire import read_json
from otop_server.web import app as web


def test_a_batch_that_finds_no_slot_in_time_is_read_then_answered_503_with_retry_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "ADMIT_WAIT_S", 0.2)
    app = web.create_app(str(tmp_path / "server.sqlite"))
    server = app.state.server
    server.slots = asyncio.Semaphore(0)  # every slot taken, none freed
    with TestClient(app) as client:
        r = client.post("/v1/terminals/SSK01-POS01/batches", content=b"x" * 900_000)
    assert r.status_code == 503
    assert r.headers["retry-after"] == "1"
    assert r.json()["error"] == "unavailable"
    assert server.waiting == 0


def test_retry_after_is_what_the_line_takes_and_stays_within_a_minute() -> None:
    assert web.retry_after(0, 0.03) == 1
    assert web.retry_after(400, 0.03) == 12  # 400 batches ahead at 30 ms each
    assert web.retry_after(10_000, 0.03) == 60


def test_strict_json_still_refuses_a_key_twice_at_any_depth() -> None:
    assert read_json(b'{"a": {"b": 1, "c": [1, {"d": 2}]}}') == {"a": {"b": 1, "c": [1, {"d": 2}]}}
    for body in (b'{"a": 1, "a": 2}', b'{"x": {"b": 1, "b": 1}}', b'[{"k": 1, "k": 1}]'):
        with pytest.raises(ApiError) as refused:
            read_json(body)
        assert refused.value.code == "bad_json"
        assert "twice" in str(refused.value.fields.get("message", refused.value))
