"""Uploading batches (docs/sync-protocol.md, "Uploading a batch", "Truncation") on both engines."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from server_testkit import Api, batch, build_chain, dumps, rehash

from otop_server.db import tables


def _refused(api: Api, r: Any, status: int, code: str, before: list[Any]) -> dict[str, Any]:
    """The refusal expected, and the entries table exactly as it was."""
    assert (r.status_code, r.json().get("error")) == (status, code), r.text
    assert api.held() == before
    body: dict[str, Any] = r.json()
    return body


def _ok(api: Api, r: Any, seq: int, stored: int, held: int = 0) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert (body["acknowledged"]["seq"], body["stored"], body["already_held"]) == (
        seq,
        stored,
        held,
    )
    cp = api.verified(body["checkpoint"])
    assert (cp.terminal_id, cp.seq, cp.hash) == (api.terminal_id, seq, body["acknowledged"]["hash"])
    return body


def test_a_real_tills_journal_is_stored_byte_for_byte(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    n = len(till_entries)  # the centre's users, its catalogue and two sales
    body = _ok(enrolled, enrolled.upload(till_entries), n, n)
    assert body["flagged"] == [] and body["acknowledged"]["hash"] == till_entries[-1]["hash"]
    rows = enrolled.held()
    fields = ("seq", "kind", "occurred_at", "user_id", "payload", "prev_hash", "hash")
    assert [dict(zip(fields, r[1:8], strict=True)) for r in rows] == till_entries
    assert {r[0] for r in rows} == {enrolled.terminal_id}


def test_batches_of_1_to_n_the_same_batch_twice_and_an_overlap(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    chain = build_chain(till_entries, 40)
    _ok(enrolled, enrolled.upload(chain[:1]), 1, 1)
    first = _ok(enrolled, enrolled.upload(chain[1:10]), 10, 9)
    again = _ok(enrolled, enrolled.upload(chain[1:10]), 10, 0, 9)
    assert again["acknowledged"] == first["acknowledged"]
    _ok(enrolled, enrolled.upload(chain[5:40]), 40, 30, 5)
    _ok(enrolled, enrolled.upload(chain[39:], head=(45, "ab" * 32)), 40, 0, 1)
    assert len(enrolled.held()) == 40


def test_a_gap_answers_the_expected_seq(enrolled: Api, till_entries: list[dict[str, Any]]) -> None:
    chain = build_chain(till_entries, 8)
    _ok(enrolled, enrolled.upload(chain[:2]), 2, 2)
    before = enrolled.held()
    body = _refused(enrolled, enrolled.upload(chain[3:]), 409, "gap", before)
    assert body["expected_seq"] == 3
    _ok(enrolled, enrolled.upload(chain[2:]), 8, 6)


def test_a_fork_is_refused_alerted_and_the_held_entry_kept(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    chain = build_chain(till_entries, 6)
    _ok(enrolled, enrolled.upload(chain), 6, 6)
    before = enrolled.held()
    forked = [dict(e) for e in chain[2:]]
    forked[1]["payload"] = forked[1]["payload"].replace('"reason":"opening"', '"reason":"found"')
    if forked[1]["payload"] == chain[3]["payload"]:
        forked[1]["occurred_at"] = "2026-12-07T09:00:00+00:00"
    forked = forked[:1] + rehash(forked[1:], prev=forked[0]["hash"])
    body = _refused(enrolled, enrolled.upload(forked), 409, "fork", before)
    assert (body["seq"], body["held_hash"], body["sent_hash"]) == (4, chain[3]["hash"],
                                                                   forked[1]["hash"])  # fmt: skip
    # a new entry that does not follow the held chain is a fork too
    following = build_chain(till_entries, 1, start=7, prev="cd" * 32)
    body = _refused(enrolled, enrolled.upload(following), 409, "fork", before)
    assert body["seq"] == 6 and body["held_hash"] == chain[5]["hash"]
    alerts = enrolled.alerts()
    assert [(a["kind"], a["seq"]) for a in alerts] == [("fork", 4), ("fork", 6)]
    assert json.loads(alerts[0]["detail"])["sent_hash"] == forked[1]["hash"]
    status = enrolled.get("status").json()
    assert [(a["kind"], a["seq"]) for a in status["alerts"]] == [("fork", 6), ("fork", 4)]


@pytest.mark.parametrize("how", ["edited payload", "wrong prev_hash", "wrong hash"])
def test_a_broken_chain_is_422_and_nothing_of_the_batch_is_stored(
    enrolled: Api, till_entries: list[dict[str, Any]], how: str
) -> None:
    chain = build_chain(till_entries, 8)
    _ok(enrolled, enrolled.upload(chain[:2]), 2, 2)
    before = enrolled.held()
    sent = [dict(e) for e in chain[2:]]
    if how == "edited payload":  # the hash is left as the till had it
        sent[3]["payload"] = sent[3]["payload"].replace("1", "2", 1)
        assert sent[3]["payload"] != chain[5]["payload"]
    elif how == "wrong prev_hash":
        sent[3]["prev_hash"] = "ef" * 32
    else:
        sent[3]["hash"] = "ef" * 32
    body = _refused(enrolled, enrolled.upload(sent), 422, "broken_chain", before)
    assert body["seq"] == 6 and body["reason"]
    assert [(a["kind"], a["seq"]) for a in enrolled.alerts()] == [("broken_chain", 6)]
    _ok(enrolled, enrolled.upload(chain[2:]), 8, 6)


def test_a_till_behind_the_server_gets_the_checkpoint_and_an_alert(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    _ok(enrolled, enrolled.upload(till_entries), len(till_entries), len(till_entries))
    before = enrolled.held()
    r = enrolled.upload(till_entries[:3])  # a till restored from an old backup: head is seq 3
    body = _refused(enrolled, r, 409, "behind", before)
    cp = enrolled.verified(body["checkpoint"])
    assert (cp.seq, cp.hash) == (len(till_entries), till_entries[-1]["hash"])
    assert body["held_seq"] == len(till_entries)
    alerts = enrolled.alerts()
    assert [(a["kind"], a["seq"]) for a in alerts] == [("behind", len(till_entries))]
    assert json.loads(alerts[0]["detail"]) == {"head_seq": 3}


def test_a_payload_failing_its_declaration_is_stored_flagged_and_the_chain_goes_on(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    sale = next(e for e in till_entries if e["kind"] == "sale")
    odd = [
        {**sale, "payload": '{"v":2,"total":"lots"}'},
        {**sale, "kind": "mystery", "payload": "{}"},
        {**sale, "payload": "[1,2]"},
        {**sale, "payload": "not json"},
        {**sale, "payload": "[" * 3000 + "]" * 3000},
        {**sale, "payload": '{"v":99}'},
        sale,
    ]
    chain = rehash([dict(e, seq=i + 1) for i, e in enumerate(odd)])
    body = _ok(enrolled, enrolled.upload(chain), 7, 7)
    assert [f["seq"] for f in body["flagged"]] == [1, 2, 3, 4, 5, 6]
    assert all(f["problems"] and all(isinstance(p, str) for p in f["problems"])
               for f in body["flagged"])  # fmt: skip
    assert "mystery" in body["flagged"][1]["problems"][0]
    rows = enrolled.held()
    assert [r[9] is not None for r in rows] == [True] * 6 + [False]
    assert enrolled.get("status").json()["flagged"] == 6
    _ok(enrolled, enrolled.upload(build_chain(till_entries, 1, start=8, prev=chain[-1]["hash"])),
        8, 1)  # fmt: skip


def _valid_body(enrolled: Api, till_entries: list[dict[str, Any]]) -> str:
    return dumps(batch(till_entries, enrolled.terminal_id)).decode()


HOSTILE: dict[str, Any] = {
    "float seq": lambda b: b.replace('"seq":1,', '"seq":1.0,', 1),
    "float user_id": lambda b: b.replace('"user_id":2', '"user_id":2.5', 1),
    "exponent": lambda b: b.replace('"seq":1,', '"seq":1e0,', 1),
    "NaN": lambda b: b.replace('"user_id":2', '"user_id":NaN', 1),
    "duplicate key": lambda b: b.replace('"seq":1,', '"seq":1,"seq":1,', 1),
    "NUL in payload": lambda b: b.replace('"payload":"{', '"payload":"\\u0000{', 1),
    "NUL in kind": lambda b: b.replace('"kind":"sale"', '"kind":"sa\\u0000le"', 1),
    "lone surrogate": lambda b: b.replace('"payload":"{', '"payload":"\\ud800{', 1),
    "raw surrogate": lambda b: b.replace('"kind":"sale"', '"kind":"\udfff"', 1),
    "not UTF-8": lambda b: b.replace('"kind":"sale"', '"kind":"\udc80"', 1),  # a byte 0x80
    "deep nesting": lambda b: b[:-1] + ',"x":' + "[" * 100_000 + "]" * 100_000 + "}",
    "deep object": lambda b: '{"a":' * 50_000 + "1" + "}" * 50_000,
    "not an object": lambda b: f"[{b}]",
    "truncated": lambda b: b[:-2],
    "empty": lambda b: "",
    "null": lambda b: "null",
    "extra field": lambda b: b[:-1] + ',"extra":1}',
    "seq 0": lambda b: b.replace('"seq":1,', '"seq":0,', 1),
    "bool seq": lambda b: b.replace('"seq":1,', '"seq":true,', 1),
    "huge seq": lambda b: b.replace('"from_seq":1,', '"from_seq":' + "9" * 5000 + ",", 1),
    "head missing hash": lambda b: re.sub(
        r'"head":\{"seq":(\d+),', r'"head":{"seq":\1,"x":1,', b, count=1
    ),
    "string seq": lambda b: b.replace('"seq":1,', '"seq":"1",', 1),
    "upper-case hash": lambda b: b.replace('"hash":"', '"hash":"A', 1)[:-1],
    "kind too long": lambda b: b.replace('"kind":"sale"', '"kind":"' + "ข" * 65 + '"', 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bodies_are_refused_with_4xx_and_nothing_stored(
    enrolled: Api, till_entries: list[dict[str, Any]], name: str
) -> None:
    text = HOSTILE[name](_valid_body(enrolled, till_entries))
    raw = text.encode("utf-8", "surrogateescape" if name == "not UTF-8" else "surrogatepass")
    before = enrolled.held()
    r = enrolled.upload_body(raw)
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert r.json()["error"] in {"bad_json", "bad_batch", "broken_chain"}
    assert enrolled.held() == before == []
    assert enrolled.count(tables.terminals) == 1


def test_bodies_over_1_mib_and_batches_over_500_entries_are_refused(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    big = dict(till_entries[0], payload='{"x":"' + "a" * (1 << 20) + '"}')
    r = enrolled.upload(rehash([big]))
    assert (r.status_code, r.json()["error"]) == (413, "too_large")
    r = enrolled.client.post(f"/v1/terminals/{enrolled.terminal_id}/batches",
                             content=iter([b"{" + b" " * (1 << 20)]))  # chunked, no length  # fmt: skip
    assert (r.status_code, r.json()["error"]) == (413, "too_large")
    chain = build_chain(till_entries, 501)
    r = enrolled.upload(chain)
    assert (r.status_code, r.json()["error"]) == (400, "bad_batch")
    assert enrolled.held() == []
    _ok(enrolled, enrolled.upload(chain[:500]), 500, 500)
