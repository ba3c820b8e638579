"""The till's request body is written a record at a time, and is byte for byte json.dumps."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from otop_pos.sync.client import encode

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
_value = st.none() | st.booleans() | st.integers() | _text
_record = st.dictionaries(_text, _value, max_size=4)


@given(
    head=st.dictionaries(_text, _value, max_size=3),
    entries=st.lists(_record, max_size=40),
    name=_text,
)
def test_a_body_is_what_json_dumps_writes(head: dict[str, Any], entries: list[Any],
                                          name: str) -> None:  # fmt: skip
    body = {**head, name: entries}
    want = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert encode(body) == want
