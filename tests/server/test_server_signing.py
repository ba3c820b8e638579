"""Signed requests (docs/sync-protocol.md, "Authentication") against the server, both engines."""

from __future__ import annotations

from typing import Any

import pytest
from server_testkit import Api

from otop_pos.sync import signing
from otop_server.db import tables


def _refused(r: Any, status: int, code: str) -> dict[str, Any]:
    assert (r.status_code, r.json().get("error")) == (status, code), r.text
    body: dict[str, Any] = r.json()
    assert body["message_th"] and body["message_en"]
    return body


@pytest.mark.parametrize("header", [signing.H_TERMINAL, signing.H_TIMESTAMP, signing.H_NONCE,
                                    signing.H_SIGNATURE])  # fmt: skip
def test_a_missing_or_malformed_header_is_bad_auth_header(
    enrolled: Api, till_entries: list[dict[str, Any]], header: str
) -> None:
    path = f"/v1/terminals/{enrolled.terminal_id}/batches"
    good = signing.signed_headers(enrolled.terminal_id, enrolled.secret, "GET", path, b"",
                                  int(enrolled.clock()))  # fmt: skip
    missing = {k: v for k, v in good.items() if k != header}
    bad = {signing.H_TERMINAL: "", signing.H_TIMESTAMP: "12.5", signing.H_NONCE: "AB" * 16,
           signing.H_SIGNATURE: "v2=" + "0" * 64}[header]  # fmt: skip
    for headers in (missing, {**good, header: bad}):
        r = enrolled.client.get(f"/v1/terminals/{enrolled.terminal_id}/status", headers=headers)
        _refused(r, 401, "bad_auth_header")
    before = enrolled.held()
    r = enrolled.client.post(path, json={}, headers=missing)
    _refused(r, 401, "bad_auth_header")
    assert enrolled.held() == before


def test_a_wrong_secret_or_an_unknown_terminal_is_refused(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    _refused(enrolled.upload(till_entries, secret=b"x" * 32), 401, "bad_signature")
    _refused(enrolled.get("checkpoint", secret=b"x" * 32), 401, "bad_signature")
    enrolled.terminal_id = "SSK01-POS99"
    _refused(enrolled.get("status"), 401, "unknown_terminal")
    _refused(enrolled.upload(till_entries), 401, "unknown_terminal")
    assert enrolled.held() == []


@pytest.mark.parametrize("offset", [-301, 301, 10_000_000])
def test_a_timestamp_outside_300_s_is_stale_with_the_servers_time(
    enrolled: Api, till_entries: list[dict[str, Any]], offset: int
) -> None:
    now = enrolled.clock()
    body = _refused(enrolled.upload(till_entries, at=now + offset), 401, "stale_request")
    assert body["server_time"] == int(now)
    _refused(enrolled.get("status", at=now + offset), 401, "stale_request")
    assert enrolled.held() == []
    # 300 s either way is still inside the window
    assert enrolled.get("status", at=now - 300).status_code == 200
    assert enrolled.upload(till_entries, at=now + 300).status_code == 200


def test_a_replayed_nonce_is_refused_also_by_a_restarted_server(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    nonce = signing.new_nonce()
    assert enrolled.upload(till_entries[:2], nonce=nonce).status_code == 200
    before = enrolled.held()
    _refused(enrolled.upload(till_entries, nonce=nonce), 401, "nonce_reused")
    _refused(enrolled.get("status", nonce=nonce), 401, "nonce_reused")
    assert enrolled.held() == before

    # a refused batch's nonce is used all the same
    gap = signing.new_nonce()
    _refused(enrolled.upload(till_entries[3:], nonce=gap), 409, "gap")
    _refused(enrolled.upload(till_entries[2:], nonce=gap), 401, "nonce_reused")

    restarted = Api(enrolled.database, enrolled.clock)
    try:
        restarted.terminal_id, restarted.secret = enrolled.terminal_id, enrolled.secret
        _refused(restarted.upload(till_entries, nonce=nonce), 401, "nonce_reused")
        _refused(restarted.upload(till_entries[2:], nonce=gap), 401, "nonce_reused")
        assert restarted.held() == before
        assert restarted.upload(till_entries[2:]).status_code == 200
    finally:
        restarted.close()


def test_nonces_are_forgotten_only_after_600_s(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    assert enrolled.upload(till_entries[:1]).status_code == 200
    enrolled.clock.now += 61
    assert enrolled.upload(till_entries[1:2]).status_code == 200  # tidies, forgets nothing yet
    assert enrolled.count(tables.nonces) == 2
    enrolled.clock.now += 600
    assert enrolled.upload(till_entries[2:3]).status_code == 200
    assert enrolled.count(tables.nonces) == 2  # the first is gone, the second not yet


def test_a_header_naming_another_terminal_than_the_path_is_terminal_mismatch(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    path = f"/v1/terminals/{enrolled.terminal_id}"
    for what in ("status", "checkpoint"):
        r = enrolled.signed("GET", f"{path}/{what}", terminal="SSK01-POS02")
        _refused(r, 400, "terminal_mismatch")
    r = enrolled.signed("POST", f"{path}/batches", b"{}", terminal="SSK01-POS02")
    _refused(r, 400, "terminal_mismatch")
    from server_testkit import batch, dumps

    body = dumps(batch(till_entries, terminal_id="SSK01-POS02"))
    _refused(enrolled.upload_body(body), 400, "terminal_mismatch")
    assert enrolled.held() == []


def test_status_and_checkpoint_answer_what_is_held(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    r = enrolled.get("checkpoint")
    assert r.status_code == 200, r.text
    cp = enrolled.verified(r.json())
    assert (cp.terminal_id, cp.seq, cp.hash) == (enrolled.terminal_id, 0, "0" * 64)

    assert enrolled.upload(till_entries).status_code == 200
    enrolled.clock.now = 1_796_612_400  # 2026-12-07 03:00:00 UTC
    cp = enrolled.verified(enrolled.get("checkpoint").json())
    last = till_entries[-1]
    assert (cp.seq, cp.hash, cp.at) == (last["seq"], last["hash"], "2026-12-07T03:00:00+00:00")
    status = enrolled.get("status").json()
    assert status == {"acknowledged": {"seq": last["seq"], "hash": last["hash"]}, "flagged": 0,
                      "alerts": [], "server_time": "2026-12-07T03:00:00+00:00"}  # fmt: skip
