"""Every journal kind by name, and the reference that docs/journal.md carries.

`stamped` is what a writer's payload becomes before it is appended (the
current version named, every field checked); `read` is what a projection
takes from a stored payload of any version. The reference is rendered from
the declarations, so the page and the code cannot drift apart (a test
compares them).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from otop_pos.domain.journal import catalogue, consignment, selling, settings, shifts, staff, stock
from otop_pos.domain.journal.contract import (
    ABSENT,
    ContractError,
    Field,
    Kind,
    filled,
    read,
    stamped,
)

ALL: dict[str, Kind] = {
    k.name: k
    for k in (
        *catalogue.KINDS,
        *selling.KINDS,
        *shifts.KINDS,
        *stock.KINDS,
        *consignment.KINDS,
        *settings.KINDS,
        *staff.KINDS,
    )
}
GROUPS = (
    ("Catalogue", catalogue.KINDS),
    ("Selling", selling.KINDS),
    ("Shifts and the day", shifts.KINDS),
    ("Stock", stock.KINDS),
    ("Consignment", consignment.KINDS),
    ("Settings", settings.KINDS),
    ("Staff", staff.KINDS),
)


def declaration(kind: str) -> Kind:
    try:
        return ALL[kind]
    except KeyError:
        raise ContractError(kind, ["no such kind is declared"]) from None


def to_write(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload to append: its current version stamped; a mismatch is refused."""
    return stamped(declaration(kind), payload)


def written(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """What a reader sees of a payload ``to_write`` has just checked (defaults filled)."""
    return filled(declaration(kind), payload)


def to_read(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A stored payload of any version, with every declared field its reader needs."""
    return read(declaration(kind), payload)


def reference() -> str:
    """The kinds' reference in Markdown: each kind, its version and its fields."""
    out: list[str] = []
    for title, kinds in GROUPS:
        out += [f"## {title}", ""]
        for kind in kinds:
            out += [f"### `{kind.name}` (version {kind.version})", "", kind.doc, ""]
            out += ["| field | type | unit | required | doc |", "|---|---|---|---|---|"]
            out += list(_rows(kind.fields, ""))
            out += ["", "Versions:", ""]
            out += [f"- {h}" for h in kind.history]
            out.append("")
    return "\n".join(out)


def _rows(fields: tuple[Field, ...], prefix: str) -> Iterator[str]:
    for f in fields:
        name = f"`{prefix}{f.name}`"
        kind = f.type if f.type != "list" or f.shape else f"list of {f.of}"
        if f.choices:
            kind += ": " + ", ".join(f.choices)
        if f.nullable:
            kind += " or null"
        if f.required:
            needed = "yes" if f.since == 1 else f"from version {f.since}"
        elif f.default is ABSENT:
            needed = "no"
        else:
            needed = f"no (default {_json(f.default)})"
        yield f"| {name} | {kind} | {f.unit} | {needed} | {f.doc} |"
        if f.shape is not None:
            inner = f"{prefix}{f.name}[]." if f.type == "list" else f"{prefix}{f.name}."
            yield from _rows(f.shape.fields, inner)


def _json(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
