"""Payloads of every journal kind drawn from its own declaration, then bent.

For tests that hold a fast check to the declarations' own verdict: a field
dropped, a value of any type put in, an undeclared key added, a text field
given a value outside its choices, the version changed.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from otop_pos.domain.journal import contract
from otop_pos.domain.journal.contract import VERSION_KEY, Field, Kind, Shape

_CHARS = st.characters(exclude_categories=("Cs",))  # text UTF-8 can carry

_ANY = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(_CHARS, max_size=5),
    lambda inner: (
        st.lists(inner, max_size=2)
        | st.dictionaries(st.text(_CHARS, max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)
_PLAIN = {
    "integer": st.integers(0, 10**6),
    "text": st.text(_CHARS, max_size=6),
    "flag": st.booleans() | st.sampled_from([0, 1]),
    "date": st.just("2026-12-07"),
    "time": st.just("2026-12-07T03:01:02.123456+00:00"),
    "object": st.dictionaries(st.text(_CHARS, max_size=3), st.integers(), max_size=2),
    "json": _ANY,
}


def _value(f: Field) -> st.SearchStrategy[Any]:
    if f.type == "record" and f.shape is not None:
        return _record(f.shape)
    if f.type == "list":
        item = _record(f.shape) if f.shape is not None else _PLAIN[f.of]
        return st.lists(item, max_size=2)
    if f.choices:
        return st.sampled_from(f.choices)
    return _PLAIN[f.type]


def _record(shape: Shape) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {f.name: _value(f) for f in shape.fields if f.required},
        optional={f.name: _value(f) | st.none() for f in shape.fields if not f.required},
    )


@st.composite
def bent(draw: st.DrawFn, kind: Kind) -> dict[str, Any]:
    payload = draw(_record(kind.shape))
    payload[VERSION_KEY] = draw(st.sampled_from([kind.version, kind.version, 1, 0, 99, "2"]))
    if draw(st.booleans()):
        payload.pop(VERSION_KEY)
    for _ in range(draw(st.integers(0, 2))):
        target = payload
        if draw(st.booleans()):  # somewhere inside: a record or the first item of a list
            inner = [v for v in payload.values() if isinstance(v, dict)]
            inner += [v[0] for v in payload.values() if isinstance(v, list) and v
                      and isinstance(v[0], dict)]  # fmt: skip
            if inner:
                target = draw(st.sampled_from(inner))
        action = draw(st.sampled_from(["drop", "junk", "extra", "unchosen"]))
        chosen = [k for k in sorted(target) if k in _choices(kind)]
        if action == "unchosen" and chosen:  # a text field given a value outside its choices
            target[draw(st.sampled_from(chosen))] = "not-a-choice"
        elif action == "drop" and target:
            target.pop(draw(st.sampled_from(sorted(target))))
        elif action == "junk" and target:
            target[draw(st.sampled_from(sorted(target)))] = draw(_ANY)
        elif action == "extra":
            target[draw(st.text(_CHARS, min_size=1, max_size=4))] = draw(_ANY)
    return payload


def _choices(kind: Kind) -> set[str]:
    """Names of fields with choices, at the top or one level in."""
    names = set()
    for f in kind.fields:
        names |= {f.name} if f.choices else set()
        if f.shape is not None:
            names |= {g.name for g in f.shape.fields if g.choices}
    return names


def reference(kind: Kind, payload: dict[str, Any]) -> bool:
    if contract.version_of(payload) == kind.version:
        return not contract.problems(kind, payload)
    return not contract.old_problems(kind, payload)
