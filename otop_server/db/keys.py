"""The server's Ed25519 key, made once and kept in the database it signs for.

Kept beside the entries so a backup of the database is a backup of what can
prove them; the till trusts the public half it got at enrolment.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from otop_server.db import tables
from otop_server.db.engine import Database

_KEY = "checkpoint_key"


def signing_key(db: Database) -> Ed25519PrivateKey:
    t = tables.server_meta
    with db.read() as conn:
        value = conn.execute(select(t.c.value).where(t.c.key == _KEY)).scalar()
    if value is None:
        from cryptography.hazmat.primitives import serialization

        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        with db.write() as conn:
            have = conn.execute(select(t.c.value).where(t.c.key == _KEY)).scalar()
            if have is None:  # another process may have made it first
                conn.execute(t.insert().values(key=_KEY, value=base64.b64encode(raw).decode()))
                return key
            value = have
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(value))
