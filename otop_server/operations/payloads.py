"""Each entry's payload checked against its kind's declaration at the speed of the wire.

The declarations (otop_pos/domain/journal/) become msgspec types once, so a
payload is decoded and checked in one pass in C: the current version as the
till checks it before writing (types, choices, nothing undeclared), an older
one by what a reader can take. Only a payload that does not fit is read again
by the declarations' own checks, for their wording. The two must give the same
verdict: tests/server/test_server_payloads.py holds them to it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import msgspec

from otop_pos.domain.journal import contract, kinds
from otop_pos.domain.journal.contract import VERSION_KEY, Field, Kind, Shape

_DATE = Annotated[str, msgspec.Meta(pattern=r"\A(?s:.{4}-.{2}-.{2})\Z")]
_TIME = Annotated[str, msgspec.Meta(pattern=r"\A(?s:.{10}T.{8})")]
_FLAG = bool | Literal[0, 1]
_SOMETHING = bool | int | float | str | list | dict  # any JSON value but null
_PLAIN: dict[str, Any] = {"integer": int, "text": str, "flag": _FLAG, "date": _DATE,
                          "time": _TIME, "object": dict, "json": Any}  # fmt: skip
_types: dict[tuple[str, int], Any] = {}


def _plain(type_: str, choices: tuple[str, ...]) -> Any:
    return Literal[choices] if choices else _PLAIN[type_]


def _field(f: Field, version: int, strict: bool, path: str) -> Any:
    if f.type == "list":
        item = _plain(f.of, ()) if f.shape is None else _struct(f.shape, version, strict, path)
        t: Any = list[item]  # type: ignore[valid-type]
    elif f.type == "record":
        t = _struct(f.shape, version, strict, path) if f.shape is not None else dict
    else:
        t = _plain(f.type, f.choices) if strict else Any  # an old entry's values as written
    if t is Any:  # null is refused where the current version does not allow it
        return _SOMETHING if strict and not f.nullable else Any
    return t | None if f.nullable or not strict else t


def _struct(shape: Shape, version: int, strict: bool, path: str) -> Any:
    fields: list[Any] = []
    for f in shape.fields:
        t = _field(f, version, strict, f"{path}_{f.name}")
        fields.append((f.name, t) if f.required and f.since <= version else
                      (f.name, t, msgspec.UNSET))  # fmt: skip
    fields.sort(key=len)  # msgspec wants the fields without a default first
    return msgspec.defstruct(path, fields, forbid_unknown_fields=strict)


def payload_type(kind: Kind, version: int) -> Any:
    """The msgspec type a payload of this kind and version must decode into."""
    key = (kind.name, version)
    if key not in _types:
        t = _struct(kind.shape, version, version == kind.version, kind.name)
        if version == kind.version:  # the version named in the payload, as the till stamps it
            v: Any = Literal[version]  # type: ignore[valid-type]
            # a kind still at version 1 was also written before versions were named
            extra = [(VERSION_KEY, v, msgspec.UNSET) if version == 1 else (VERSION_KEY, v)]
            both = sorted([*extra, *_fields_of(t)], key=len)
            t = msgspec.defstruct(kind.name, both, forbid_unknown_fields=True)
        _types[key] = t
    return _types[key]


def _fields_of(struct: Any) -> list[Any]:
    info = msgspec.structs.fields(struct)
    return [(f.name, f.type) if f.required else (f.name, f.type, msgspec.UNSET) for f in info]


def problems(kind_name: str, payload: str) -> list[str]:
    """Why a payload does not fit its kind's declaration; empty when it does."""
    try:
        kind = kinds.declaration(kind_name)
    except contract.ContractError:
        return [f"no kind {kind_name!r} is declared"]
    try:
        msgspec.json.decode(payload, type=payload_type(kind, kind.version))
        return []  # the common case: the current version, as written
    except msgspec.DecodeError:
        pass
    try:
        value = json.loads(payload)
    except (ValueError, RecursionError):
        return ["the payload is not JSON"]
    if not isinstance(value, dict):
        return ["the payload is not an object"]
    v = contract.version_of(value)
    if v == kind.version:
        return contract.problems(kind, value) or ["the payload does not fit its declaration"]
    if not 1 <= v <= kind.version:
        return contract.old_problems(kind, value)
    try:
        msgspec.json.decode(payload, type=payload_type(kind, v))
        return []
    except msgspec.DecodeError:
        return contract.old_problems(kind, value) or ["the payload does not fit its declaration"]
