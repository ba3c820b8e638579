"""The server's payload check gives the declarations' own verdict, for any payload of any kind.

`payloads.problems` decodes and checks in one msgspec pass and asks the
declarations (otop_pos/domain/journal/contract.py) only for the wording, so
the two must never disagree on whether a payload fits.
"""

from __future__ import annotations

import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st
from payload_strategies import bent, reference

from otop_pos.domain.journal import contract, kinds
from otop_server.operations import payloads


@settings(max_examples=int(os.environ.get("PAYLOAD_EXAMPLES", "1500")))
@given(data=st.data(), name=st.sampled_from(sorted(kinds.ALL)))
def test_the_fast_check_agrees_with_the_declarations(data: st.DataObject, name: str) -> None:
    kind = kinds.ALL[name]
    payload = data.draw(bent(kind))
    found = payloads.problems(name, json.dumps(payload, ensure_ascii=False))
    assert (found == []) == reference(kind, payload), found


def test_what_does_not_fit_is_named() -> None:
    void = kinds.declaration("cart_void")
    good = contract.stamped(void, {"lines": [], "total": 0})
    assert payloads.problems("cart_void", json.dumps(good)) == []
    assert payloads.problems("cart_void", json.dumps({**good, "total": "0"})) == [
        "total is '0', not an integer"
    ]
    old = {"receipt_no": "R1", "pos_id": "POS01", "lines": [], "total": "0", "rounding": 0,
           "vat": 0, "vat_base": 0, "payments": [], "tendered": 0, "change": 0}  # fmt: skip
    assert payloads.problems("sale", json.dumps(old)) == []  # version 1, read as written
    assert payloads.problems("sale", json.dumps({**old, "lines": "x"})) == ["lines is not a list"]
    assert payloads.problems("sale", "[1]") == ["the payload is not an object"]
    assert payloads.problems("sale", "{") == ["the payload is not JSON"]
    assert payloads.problems("no_such", "{}") == ["no kind 'no_such' is declared"]
