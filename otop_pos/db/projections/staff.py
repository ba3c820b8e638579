"""Projections of the staff kinds: the users' name, role and active flag, and their audit rows.

The users table stays the terminal's own (it holds the PIN hashes, which
never enter the journal), but its name, role and active columns follow the
entries: a user's entry writes them, a rebuild writes them again, and the
replay check compares them (`replay_check.USER_COLUMNS`). The PIN hash is
written by the operation beside the entry, in the same transaction.
"""

from __future__ import annotations

from otop_pos.db import journal
from otop_pos.db.projections.audit import audit
from otop_pos.db.store import Store


def _upsert(store: Store, user_id: int, name: str, role: str, active: bool) -> None:
    store.conn.execute(
        "INSERT INTO users (id, name, role, pin_hash, active) VALUES (?, ?, ?, '', ?)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,"
        " active = excluded.active",
        (user_id, name, role, int(active)),
    )


def user_added(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    _upsert(store, p["user_id"], p["name"], p["role"], p["active"])
    detail = {"user_id": p["user_id"], "name": p["name"], "role": p["role"]}
    if p["existing"]:
        detail["existing"] = 1
    audit(store, entry, "user_added", None, detail)


def user_changed(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    _upsert(store, p["user_id"], p["name"], p["role"], p["active"])
    detail = {"user_id": p["user_id"], "name": p["name"], "role": p["role"],
              "active": int(p["active"])}  # fmt: skip
    audit(store, entry, f"user_{p['change']}", None, detail)


def pin_reset(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    audit(store, entry, "pin_changed" if p["own"] else "pin_reset", None, {"user_id": p["user_id"]})


def user_unlocked(store: Store, entry: journal.Entry) -> None:
    audit(store, entry, "user_unlocked", None, {"user_id": entry.payload["user_id"]})


def approval_refused(store: Store, entry: journal.Entry) -> None:
    """Who asked (the entry's user) and for what; the lock-out reads these rows back."""
    p = entry.payload
    detail: dict[str, object] = {"permission": p["permission"]}
    if p["locked"]:
        detail["locked"] = 1
    audit(store, entry, "approval_refused", None, detail)
