"""Enrolment (docs/sync-protocol.md, "Enrolment") on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
from typing import Any

from server_testkit import CHAIN_ID, TERMINAL, Api, build_chain

from otop_pos.db.journal import GENESIS
from otop_server.db import tables


def test_a_code_enrols_once_and_answers_the_protocols_body(
    server: Api, till_entries: list[dict[str, Any]]
) -> None:
    code = server.code()
    assert len(code) == 14 and code.count("-") == 2
    r = server.enrol_raw(code.lower().replace("-", " "), first=till_entries[0]["hash"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["terminal_id"] == TERMINAL
    assert len(base64.b64decode(body["secret"])) == 32
    assert len(base64.b64decode(body["server_key"])) == 32
    assert body["centre"] == {"code": "SSK01", "name": "ศูนย์ OTOP จังหวัดศรีสะเกษ",
                              "province": "33", "district": "3301"}  # fmt: skip
    assert body["acknowledged"] == {"seq": 0, "hash": GENESIS}

    again = server.enrol_raw(code, first=till_entries[0]["hash"])
    assert (again.status_code, again.json()["error"]) == (410, "code_used")
    assert server.count(tables.terminals) == 1


def test_expired_unknown_and_another_pos_ids_codes_are_refused(server: Api) -> None:
    expired = server.code(ttl_s=60)
    server.clock.now += 61
    r = server.enrol_raw(expired)
    assert (r.status_code, r.json()["error"]) == (410, "code_expired")

    r = server.enrol_raw("2222-3333-4444")
    assert (r.status_code, r.json()["error"]) == (404, "unknown_code")

    other = server.code(pos_id="POS02")
    r = server.enrol_raw(other, pos_id="POS01")
    assert (r.status_code, r.json()["error"]) == (409, "pos_id_mismatch")
    assert server.count(tables.terminals) == 0
    # the refusals used nothing up: the right POS ID still enrols with it
    assert server.enrol_raw(other, pos_id="POS02").status_code == 201


def test_five_wrong_codes_from_one_address_answer_429_with_retry_after(server: Api) -> None:
    good = server.code()
    for i in range(5):
        r = server.enrol_raw(f"2222-3333-444{i + 2}" if i % 2 else "not a code")
        assert r.status_code == 404, r.text
    r = server.enrol_raw(good)
    assert r.status_code == 429
    assert r.json()["error"] == "too_many_attempts"
    retry = int(r.headers["Retry-After"])
    assert 590 <= retry <= 601  # the window is ten minutes from the first wrong code
    server.clock.now += retry - 5
    assert server.enrol_raw(good).status_code == 429  # still inside the window
    server.clock.now += 5
    assert server.enrol_raw(good).status_code == 201


def test_reenrolling_the_same_chain_gets_the_acked_seq_and_a_new_secret(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    first = enrolled.upload(till_entries)
    assert first.status_code == 200, first.text
    old_secret = enrolled.secret
    answer = enrolled.enrol(first=till_entries[0]["hash"])
    last = till_entries[-1]
    assert answer["acknowledged"] == {"seq": last["seq"], "hash": last["hash"]}
    assert enrolled.secret != old_secret
    refused = enrolled.get("status", secret=old_secret)
    assert (refused.status_code, refused.json()["error"]) == (401, "bad_signature")
    assert enrolled.get("status").status_code == 200


def test_another_chain_under_the_same_pos_id_is_already_enrolled(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    assert enrolled.upload(till_entries).status_code == 200
    other = build_chain(till_entries[3:], 2, chain_id="T09")
    for chain_id, first in ((CHAIN_ID, other[0]["hash"]), ("T09", till_entries[0]["hash"]),
                            (CHAIN_ID, None)):  # fmt: skip
        r = enrolled.enrol_raw(enrolled.code(), chain_id=chain_id, first=first)
        assert (r.status_code, r.json()["error"]) == (409, "already_enrolled"), (chain_id, first)
    assert enrolled.get("status").status_code == 200  # the enrolled till's secret still works


def test_malformed_enrolment_bodies_are_400_never_500(server: Api) -> None:
    code = server.code()
    for body in (b"", b"[]", b"{", b'{"code": 1.5}', b'{"code":"a","code":"b"}',
                 '{"code":"\ud800"}'.encode(errors="surrogatepass"), b"\xff\xfe",
                 b'{"code":"x","pos_id":"POS01","chain_id":"T\\u0000","first_entry_hash":null}',
                 b"[" * 5000 + b"]" * 5000):  # fmt: skip
        r = server.client.post("/v1/enrol", content=body,
                               headers={"Content-Type": "application/json"})  # fmt: skip
        assert r.status_code == 400, (body[:40], r.status_code, r.text)
    assert server.count(tables.terminals) == 0
    assert server.enrol_raw(code).status_code == 201


def test_before_any_upload_another_first_hash_is_another_chain(
    server: Api, till_entries: list[dict[str, Any]]
) -> None:
    server.enrol(first=till_entries[0]["hash"])
    other = build_chain(till_entries[3:], 1)[0]["hash"]
    r = server.enrol_raw(server.code(), first=other)
    assert (r.status_code, r.json()["error"]) == (409, "already_enrolled")
    assert server.enrol(first=till_entries[0]["hash"])["acknowledged"]["seq"] == 0  # a reinstall

    empty = server.enrol(first=None, pos_id="POS02")  # an empty journal: any first entry follows
    assert server.enrol(first=other, pos_id="POS02")["terminal_id"] == empty["terminal_id"]
