"""How a journal kind's payload is declared, checked before it is written, and read.

A kind is a typed, versioned record: its fields with their types, units and
the version each appeared in. The chain can never be rewritten, so a
declaration accepts every shape ever written: payloads without a version
("v") are version 1, the shapes written before kinds were declared, and
read with the defaults of the fields they lack. Writing takes only the
current version, checked strictly (types, choices, no unknown field);
reading takes any version, fills defaults and keeps unknown fields out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from functools import cached_property
from typing import Any

VERSION_KEY = "v"
STOCK_QTY = "pieces; thousandths of a measured product's unit (kg, g, l, m)"

ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "absent"})()
"""A default that leaves the field out when an old entry lacks it: its reader decides."""

TYPES = ("integer", "text", "flag", "date", "time", "object", "json", "record", "list")
"""`flag` is true/false (0 or 1 in early entries); `date` YYYY-MM-DD; `time` UTC ISO-8601;
`object` is a JSON object and `json` any JSON value, both laid out where the field's doc
says; `record` is one nested declared record, `list` a list of them (or, without a shape,
of values of the type `of` names)."""


class ContractError(ValueError):
    """A payload that does not match its kind's declaration; nothing is written."""

    def __init__(self, kind: str, problems: Sequence[str]) -> None:
        self.kind = kind
        self.problems = tuple(problems)
        super().__init__(f"{kind}: " + "; ".join(problems))

    @property
    def thai(self) -> str:
        return f"รายการบันทึกชนิด {self.kind} ไม่ตรงกับที่ประกาศไว้: " + "; ".join(self.problems)


@dataclass(frozen=True)
class Field:
    """One field: required unless it has a default; `since` is the version it appeared in."""

    name: str
    type: str
    doc: str
    unit: str = ""
    default: Any = None
    required: bool = True
    nullable: bool = False
    since: int = 1
    choices: tuple[str, ...] = ()
    shape: Shape | None = None  # the fields of a `record` or of each item of a `list`
    of: str = "integer"  # the type of each item of a `list` without a shape

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"{self.name}: unknown type {self.type!r}")


def optional(name: str, type_: str, doc: str, default: Any, **kw: Any) -> Field:
    """A field an entry may leave out; `default` is what a reader sees then."""
    return Field(name, type_, doc, default=default, required=False, **kw)


@dataclass(frozen=True)
class Shape:
    fields: tuple[Field, ...]

    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    def names(self) -> frozenset[str]:
        """Computed once: every sale checks its lines against it."""
        return self._names


@dataclass(frozen=True)
class Kind:
    """A journal kind: its name, current version, fields and what each version changed."""

    name: str
    version: int
    doc: str
    fields: tuple[Field, ...]
    history: tuple[str, ...] = ("1: the first shape",)

    @cached_property
    def shape(self) -> Shape:
        return Shape(self.fields)


def version_of(payload: Mapping[str, Any]) -> int:
    v = payload.get(VERSION_KEY, 1)
    return v if isinstance(v, int) and not isinstance(v, bool) else -1


def problems(kind: Kind, payload: Mapping[str, Any]) -> list[str]:
    """What is wrong with a payload of the kind's current version (empty when it is right)."""
    v = version_of(payload)
    if v != kind.version:
        return [f"version {payload.get(VERSION_KEY)!r}, only {kind.version} is written now"]
    body = {k: value for k, value in payload.items() if k != VERSION_KEY}
    return _shape_problems(kind.shape, body, kind.version, "", strict=True)


def old_problems(kind: Kind, payload: Mapping[str, Any]) -> list[str]:
    """What a reader cannot take from a stored payload of any version (empty when readable)."""
    v = version_of(payload)
    if not 1 <= v <= kind.version:
        return [f"unknown version {payload.get(VERSION_KEY)!r}"]
    body = {k: value for k, value in payload.items() if k != VERSION_KEY}
    return _shape_problems(kind.shape, body, v, "", strict=False)


def check(kind: Kind, payload: Mapping[str, Any]) -> None:
    found = problems(kind, payload)
    if found:
        raise ContractError(kind.name, found)


def stamped(kind: Kind, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload as it is written: the current version named, then checked."""
    out = {VERSION_KEY: kind.version, **payload}
    check(kind, out)
    return out


def filled(kind: Kind, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A payload ``stamped`` has just checked, with every declared field: no second check."""
    return {VERSION_KEY: kind.version, **_filled(kind.shape, payload)}


def read(kind: Kind, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A stored payload of any version with every declared field (defaults for the missing)."""
    found = old_problems(kind, payload)
    if found:
        raise ContractError(kind.name, found)
    return {VERSION_KEY: version_of(payload), **_filled(kind.shape, payload)}


def _filled(shape: Shape, payload: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in shape.fields:
        if f.name in payload:
            value = payload[f.name]
            if f.shape is not None and f.type == "list" and isinstance(value, list):
                value = [_filled(f.shape, item) for item in value]
            elif f.shape is not None and f.type == "record" and isinstance(value, Mapping):
                value = _filled(f.shape, value)
            out[f.name] = value
        elif f.default is not ABSENT:
            out[f.name] = copy(f.default)  # a list default is the reader's own
    return out


def _shape_problems(
    shape: Shape, body: Mapping[str, Any], version: int, where: str, *, strict: bool
) -> list[str]:
    found: list[str] = []
    for f in shape.fields:
        if f.name not in body:
            if f.required and f.since <= version:
                found.append(f"{where}{f.name} is missing")
            continue
        value = body[f.name]
        if not strict and f.type not in ("record", "list") and value is not None:
            continue  # the common case of an old entry's plain field, without a call
        found += _value_problems(f, value, version, f"{where}{f.name}", strict=strict)
    if strict and not shape.names().issuperset(body):
        found += [f"{where}{k} is not declared" for k in sorted(set(body) - shape.names())]
    return found


def _value_problems(f: Field, value: Any, version: int, name: str, *, strict: bool) -> list[str]:
    if value is None:
        return [] if f.nullable or not strict else [f"{name} may not be empty (null)"]
    if not strict and f.type not in ("record", "list"):
        return []  # an old entry is read as it was written; only its structure must hold
    if f.type == "list":
        if not isinstance(value, list):
            return [f"{name} is not a list"]
        if f.shape is None:
            item = Field(f.name, f.of, f.doc)
            return [f"{name}[{i}] {w}" for i, v in enumerate(value) if (w := _wrong_type(item, v))]
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                out.append(f"{name}[{i}] is not a record")
            else:
                out += _shape_problems(f.shape, item, version, f"{name}[{i}].", strict=strict)
        return out
    if f.type == "record":
        if not isinstance(value, Mapping) or f.shape is None:
            return [f"{name} is not a record"]
        return _shape_problems(f.shape, value, version, f"{name}.", strict=strict)
    wrong = _wrong_type(f, value)
    if wrong:
        return [f"{name} {wrong}"]
    if f.choices and value not in f.choices:
        return [f"{name} is {value!r}, not one of {', '.join(f.choices)}"]
    return []


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _wrong_type(f: Field, value: Any) -> str:
    if f.type == "integer":
        return "" if _is_int(value) else f"is {value!r}, not an integer"
    if f.type == "flag":
        return "" if isinstance(value, bool) or value in (0, 1) else f"is {value!r}, not a flag"
    if f.type == "object":
        return "" if isinstance(value, Mapping) else "is not an object"
    if f.type == "json":
        return ""
    if not isinstance(value, str):
        return f"is {value!r}, not text"
    if f.type == "date" and not (len(value) == 10 and value[4] == value[7] == "-"):
        return f"is {value!r}, not a date (YYYY-MM-DD)"
    if f.type == "time" and not (len(value) >= 19 and value[10] == "T"):
        return f"is {value!r}, not a time (ISO-8601)"
    return ""
