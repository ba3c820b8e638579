"""entry_hash is sha256(prev_hash + canonical JSON of the whole entry), byte for byte.

The till and the provincial server both compute it (the server for every
entry it is sent), so it is written as string joins; here it is held to the
plain definition over any text, number and payload.
"""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from otop_pos.db.journal import canonical_json, entry_hash

_text = st.text(st.characters(exclude_categories=("Cs",)))  # what UTF-8 can carry
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**15), 10**15) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@given(
    prev=st.text("0123456789abcdef", min_size=64, max_size=64),
    terminal_id=_text,
    seq=st.integers(1, 10**15),
    kind=_text,
    occurred_at=_text,
    user_id=st.none() | st.integers(0, 10**12),
    payload=st.dictionaries(_text, _json, max_size=4),
)
def test_entry_hash_is_the_hash_of_the_canonical_entry(prev: str, terminal_id: str, seq: int,
                                                       kind: str, occurred_at: str,
                                                       user_id: int | None,
                                                       payload: dict[str, object]) -> None:  # fmt: skip
    entry = {"terminal_id": terminal_id, "seq": seq, "kind": kind, "occurred_at": occurred_at,
             "user_id": user_id, "payload": payload}  # fmt: skip
    want = hashlib.sha256((prev + canonical_json(entry)).encode("utf-8")).hexdigest()
    got = entry_hash(prev, terminal_id, seq, kind, occurred_at, user_id, canonical_json(payload))
    assert got == want
