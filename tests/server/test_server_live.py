"""Over real HTTP: `otop-pos server run` in a child process on each engine, and a race for one code."""

from __future__ import annotations

import base64
import contextlib
import json
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from server_helpers import running_server, server_cli
from server_testkit import CHAIN_ID, POS_ID, Api, batch, dumps

from otop_pos.sync import checkpoints, signing
from otop_server.db import tables
from otop_server.operations import enrolment


def _call(url: str, method: str, body: bytes | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:  # fmt: skip
    request = urllib.request.Request(url, body, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=20) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def test_a_till_enrols_uploads_and_reads_its_checkpoint_over_http(
    database: str, log_dir: Path, till_entries: list[dict[str, Any]]
) -> None:
    with running_server(database, log_dir) as server:
        code = server.enrol_code(name="ศูนย์ OTOP จังหวัดศรีสะเกษ")
        status, enrolled = _call(f"{server.url}/v1/enrol", "POST", dumps({
            "code": code, "pos_id": POS_ID, "chain_id": CHAIN_ID,
            "first_entry_hash": till_entries[0]["hash"], "client": "otop-pos test"}))  # fmt: skip
        assert status == 201, enrolled
        tid, secret = enrolled["terminal_id"], base64.b64decode(enrolled["secret"])

        def signed(method: str, what: str, body: bytes = b"") -> tuple[int, dict[str, Any]]:
            path = f"/v1/terminals/{tid}/{what}"
            headers = signing.signed_headers(tid, secret, method, path, body, int(time.time()))
            return _call(server.url + path, method, body or None, headers)

        for part in (till_entries[:2], till_entries[1:]):
            status, answer = signed("POST", "batches", dumps(batch(part, tid)))
            assert status == 200, answer
            checkpoints.verify(enrolled["server_key"], checkpoints.Checkpoint.from_dict(
                answer["checkpoint"]))  # fmt: skip
        n = len(till_entries)
        assert answer["acknowledged"] == {"seq": n, "hash": till_entries[-1]["hash"]}
        assert (answer["stored"], answer["already_held"]) == (n - 2, 1)
        status, cp = signed("GET", "checkpoint")
        assert status == 200 and cp["seq"] == n
        checkpoints.verify(enrolled["server_key"], checkpoints.Checkpoint.from_dict(cp))
        status, refused = signed("POST", "batches", b"{" * 10)
        assert (status, refused["error"]) == (400, "bad_json")

    overview = json.loads(server_cli("status", database=database))
    assert [(t["terminal_id"], t["acked_seq"], t["flagged"], t["alerts"]) for t in overview] == [
        ("SSK01-POS01", len(till_entries), 0, 0)
    ]


@pytest.mark.parametrize("codes", [1, 2])
def test_one_pos_id_enrolled_twice_at_once_is_enrolled_once(
    server: Api, monkeypatch: pytest.MonkeyPatch, codes: int
) -> None:
    """Both requests read before either writes: one code is had once; two codes for one POS ID
    (the same chain) make one terminal, the second a re-enrolment, never a 500."""
    made = [server.code() for _ in range(codes)]
    meet = threading.Barrier(2, timeout=1)
    take = enrolment._take_terminal

    def at_the_same_time(*args: Any, **kw: Any) -> tuple[int, str]:
        with contextlib.suppress(threading.BrokenBarrierError):  # the other waits behind
            meet.wait()
        return take(*args, **kw)

    monkeypatch.setattr(enrolment, "_take_terminal", at_the_same_time)
    answers: list[Any] = []

    def redeem(code: str) -> None:
        answers.append(server.enrol_raw(code))

    threads = [threading.Thread(target=redeem, args=(made[i % codes],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    second = (410, "code_used") if codes == 1 else (201, None)
    assert sorted((r.status_code, r.json().get("error")) for r in answers) == sorted(
        [(201, None), second])  # fmt: skip
    assert server.count(tables.terminals) == 1
