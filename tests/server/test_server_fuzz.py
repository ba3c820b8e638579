"""Fuzzing the API on both engines: schemathesis from /v1/openapi.json, and bodies past the signature.

Signed operations are fuzzed twice over: as generated (mostly refused at
the door) and re-signed by a test-only ASGI layer with the enrolled
terminal's secret over the exact bytes received, so the body parser and the
batch checks are reached. Bounded: a fixed number of examples per operation.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from server_testkit import Api, batch, dumps

from otop_pos.sync import signing
from otop_server.db import tables

RESIGN = "x-test-resign"
EXAMPLES = 25
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))  # fmt: skip


def resigning(api: Api) -> Any:
    """The app behind a layer that signs, as the enrolled terminal, requests marked for it."""
    inner = api.app

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        headers = dict(scope.get("headers") or [])
        if scope["type"] != "http" or RESIGN.encode() not in headers:
            await inner(scope, receive, send)
            return
        chunks, more = [], True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        signed = signing.signed_headers(api.terminal_id, api.secret, scope["method"],
                                        scope["path"], body, int(api.clock()))  # fmt: skip
        names = {k.lower().encode() for k in signed} | {RESIGN.encode()}
        kept = [(k, v) for k, v in scope["headers"] if k.lower() not in names]
        kept += [(k.lower().encode(), v.encode()) for k, v in signed.items()]
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await inner({**scope, "headers": kept}, replay, send)

    return app


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]  # fmt: skip


def test_schemathesis_finds_no_5xx_and_every_answer_conforms(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    assert enrolled.upload(till_entries[:2]).status_code == 200
    before = enrolled.held()
    app = resigning(enrolled)
    schema = schemathesis.openapi.from_asgi("/v1/openapi.json", app)
    seen: dict[str, set[int]] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        signed = any(p.name == signing.H_SIGNATURE for p in operation.headers)
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            @FUZZ
            @given(case=strategy, resign=st.booleans() if signed else st.just(False))
            def fuzz(case: Any, resign: bool) -> None:
                if resign:
                    case.path_parameters = {**(case.path_parameters or {}),
                                            "terminal_id": enrolled.terminal_id}  # fmt: skip
                    case.headers = {**(case.headers or {}), RESIGN: "1"}
                response = case.call()
                seen.setdefault(case.operation.label, set()).add(response.status_code)
                case.validate_response(response, checks=CHECKS)

            try:
                fuzz()
            except Unsatisfiable:  # nothing to make invalid (GET /v1/health has no inputs)
                assert mode is schemathesis.GenerationMode.NEGATIVE and not operation.headers
    assert enrolled.held()[: len(before)] == before  # nothing held was ever changed
    assert set(seen) == {"POST /v1/enrol", "POST /v1/terminals/{terminal_id}/batches",
                         "GET /v1/terminals/{terminal_id}/checkpoint",
                         "GET /v1/terminals/{terminal_id}/status", "GET /v1/health"}  # fmt: skip
    assert 400 in seen["POST /v1/terminals/{terminal_id}/batches"]  # the body was reached


def _entry_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                        st.text(max_size=30), st.sampled_from(["0" * 64, "sale", ""]))  # fmt: skip
    return st.recursive(scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(
        st.text(max_size=8), c, max_size=3), max_leaves=8)  # fmt: skip


@st.composite
def bodies(draw: st.DrawFn, valid: list[dict[str, Any]], tid: str) -> bytes:
    """A valid batch, a valid batch with one field made wrong, or arbitrary bytes."""
    how = draw(st.sampled_from(["valid", "one field", "one entry field", "bytes", "json"]))
    good = batch(valid, tid)
    if how == "valid":
        return dumps(good)
    if how == "one field":
        key = draw(st.sampled_from([*good, "extra"]))
        return dumps({**good, key: draw(_entry_values())})
    if how == "one entry field":
        entries = [dict(e) for e in good["entries"]]
        i = draw(st.integers(0, len(entries) - 1))
        key = draw(st.sampled_from([*entries[i], "extra"]))
        entries[i][key] = draw(_entry_values())
        return dumps({**good, "entries": entries})
    if how == "json":
        return json.dumps(draw(_entry_values())).encode()
    return draw(st.binary(max_size=200))


HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80)


def test_arbitrary_bodies_and_headers_past_a_valid_signature_never_500(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    tid = enrolled.terminal_id
    state = {"acked": 0}

    @FUZZ
    @given(body=bodies(till_entries, tid), extra=st.dictionaries(
        st.sampled_from(["content-type", "content-encoding", "x-otop-extra", "accept"]),
        HEADER_TEXT, max_size=2))  # fmt: skip
    def fuzz(body: bytes, extra: dict[str, str]) -> None:
        before = enrolled.held()
        r = enrolled.upload_body(body, headers=extra)
        assert r.status_code < 500, r.text
        assert r.json().get("error") or r.status_code == 200
        valid = body == dumps(batch(till_entries, tid))
        if r.status_code == 200:
            answer = r.json()
            enrolled.verified(answer["checkpoint"])
            n = len(till_entries)
            assert answer["acknowledged"]["seq"] == n and len(enrolled.held()) == n
            assert valid or json.loads(body)["entries"] is not None  # an equivalent batch
            state["acked"] = n
        else:
            assert enrolled.held() == before, (body[:200], r.text)

    fuzz()
    assert enrolled.count(tables.entries) == state["acked"]


def test_arbitrary_auth_header_values_are_401_or_400_never_500(
    enrolled: Api, till_entries: list[dict[str, Any]]
) -> None:
    body = dumps(batch(till_entries, enrolled.terminal_id))

    @FUZZ
    @given(values=st.fixed_dictionaries({}, optional={
        h: HEADER_TEXT | st.sampled_from(["", "v1=" + "0" * 64, "0" * 32, "1796000000"])
        for h in (signing.H_TERMINAL, signing.H_TIMESTAMP, signing.H_NONCE, signing.H_SIGNATURE)
    }))  # fmt: skip
    def fuzz(values: dict[str, str]) -> None:
        r = enrolled.upload_body(body, headers=values)
        if values:
            assert r.status_code in (200, 400, 401), r.text
        assert r.status_code != 500
        if r.status_code != 200:
            assert enrolled.count(tables.entries) in (0, len(till_entries))

    fuzz()
