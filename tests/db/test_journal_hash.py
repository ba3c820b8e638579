"""The entry hash is sha256(prev_hash + canonical JSON of the whole entry).

The journal builds that JSON around the payload's stored canonical text
instead of decoding it; this checks it is the same text for any payload.
"""

from __future__ import annotations

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from otop_pos.db.journal import canonical_json, entry_hash

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(
    st.dictionaries(st.text(), values, max_size=5),
    st.text(min_size=1, max_size=8),
    st.integers(1, 10**9),
    st.text(max_size=12),
    st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_hash_is_over_the_canonical_json_of_the_whole_entry(
    payload: dict[str, object], terminal: str, seq: int, kind: str, user: int | None
) -> None:
    at = "2026-11-21T05:00:00.000000+00:00"
    body = canonical_json(
        {"terminal_id": terminal, "seq": seq, "kind": kind, "occurred_at": at,
         "user_id": user, "payload": payload}
    )  # fmt: skip
    expected = hashlib.sha256(("0" * 64 + body).encode("utf-8")).hexdigest()
    assert entry_hash("0" * 64, terminal, seq, kind, at, user, canonical_json(payload)) == expected
    assert json.loads(body)["payload"] == payload
