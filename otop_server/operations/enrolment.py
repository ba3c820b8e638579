"""One-time enrolment codes: made on the server, exchanged once by a till for its secret.

Only a code's SHA-256 is stored, so a copy of the database enrols nobody.
Re-enrolling the same chain (a reinstall) gets a new secret and the server's
acknowledged seq; another chain under the same POS ID is refused.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from otop_pos.db.journal import GENESIS
from otop_pos.sync import signing
from otop_server.db import tables
from otop_server.db.engine import Database
from otop_server.operations.errors import ApiError
from otop_server.operations.timefmt import iso

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12
CODE_TTL_S = 24 * 3600
CENTRE_RE = re.compile(r"[A-Z0-9]{2,16}", re.ASCII)
POS_ID_RE = re.compile(r"[A-Za-z0-9]{1,16}", re.ASCII)
CHAIN_RE = re.compile(r"[A-Za-z0-9_-]{1,32}", re.ASCII)
HASH_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)
WRONG_LIMIT, WRONG_WINDOW_S = 5, 600


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def normalise(code: str) -> str | None:
    """The 12 characters of a code as typed (dashes, spaces, any case), or None."""
    plain = re.sub(r"[\s-]", "", code).upper()
    if len(plain) != CODE_LENGTH or any(c not in ALPHABET for c in plain):
        return None
    return plain


def shown(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def make_code(db: Database, centre: str, pos_id: str, now: float, *, name: str = "",
              province: str = "", district: str = "", ttl_s: int = CODE_TTL_S) -> str:  # fmt: skip
    """A new one-time code for a centre's POS ID, shown in groups of four."""
    if not CENTRE_RE.fullmatch(centre):
        raise ValueError("centre code: 2-16 capital letters or digits, e.g. SSK01")
    if not POS_ID_RE.fullmatch(pos_id):
        raise ValueError("POS ID: 1-16 letters or digits, e.g. POS01")
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    with db.write() as conn:
        _ensure_centre(conn, centre, name, province, district, now)
        conn.execute(
            tables.enrol_codes.insert().values(
                code_hash=code_hash(code),
                centre=centre,
                pos_id=pos_id,
                created_at=iso(now),
                expires_at=int(now) + ttl_s,
            )
        )
    return shown(code)


def _ensure_centre(conn: Connection, code: str, name: str, province: str, district: str,
                   now: float) -> None:  # fmt: skip
    t = tables.centres
    have = conn.execute(select(t.c.code).where(t.c.code == code)).first()
    given = {k: v for k, v in (("name", name), ("province", province), ("district", district)) if v}
    if have is None:
        conn.execute(t.insert().values(code=code, created_at=iso(now), **{
            "name": "", "province": "", "district": "", **given}))  # fmt: skip
    elif given:
        conn.execute(t.update().where(t.c.code == code).values(**given))


@dataclass
class WrongCodes:
    """Wrong codes per client address, so a code cannot be guessed by trying."""

    seen: dict[str, list[float]] = field(default_factory=dict)

    def check(self, address: str, now: float) -> None:
        if len(self.seen) > 10_000:  # many addresses: forget those with nothing recent
            self.seen = {a: ts for a, ts in self.seen.items() if ts[-1] > now - WRONG_WINDOW_S}
        recent = [t for t in self.seen.get(address, []) if t > now - WRONG_WINDOW_S]
        self.seen[address] = recent
        if len(recent) >= WRONG_LIMIT:
            retry = int(recent[0] + WRONG_WINDOW_S - now) + 1
            raise ApiError(429, "too_many_attempts", retry_after=retry)

    def wrong(self, address: str, now: float) -> None:
        self.seen.setdefault(address, []).append(now)


@dataclass(frozen=True, slots=True)
class EnrolRequest:
    code: str
    pos_id: str
    chain_id: str
    first_entry_hash: str | None
    client: str

    @classmethod
    def parse(cls, body: Any) -> EnrolRequest:
        if not isinstance(body, dict):
            raise ApiError(400, "bad_request", "the body must be an object")
        code, pos_id = body.get("code"), body.get("pos_id")
        chain_id, first = body.get("chain_id"), body.get("first_entry_hash")
        client = body.get("client", "")
        if not isinstance(code, str) or len(code) > 40:
            raise ApiError(400, "bad_request", "code must be text", field="code")
        if not isinstance(pos_id, str) or not POS_ID_RE.fullmatch(pos_id):
            raise ApiError(400, "bad_request", "pos_id: 1-16 letters or digits", field="pos_id")
        if not isinstance(chain_id, str) or not CHAIN_RE.fullmatch(chain_id):
            raise ApiError(400, "bad_request", "chain_id: the journal's terminal id",
                           field="chain_id")  # fmt: skip
        if first is not None and not (isinstance(first, str) and HASH_RE.fullmatch(first)):
            raise ApiError(400, "bad_request", "first_entry_hash: 64 hex or null",
                           field="first_entry_hash")  # fmt: skip
        if not isinstance(client, str) or len(client) > 64 or not client.isprintable():
            raise ApiError(400, "bad_request", "client: at most 64 characters", field="client")
        return cls(code, pos_id, chain_id, first, client)


def redeem(db: Database, body: Any, address: str, now: float, wrong: WrongCodes,
           server_key: str) -> dict[str, Any]:  # fmt: skip
    """Exchange a code for the terminal's id and secret (the protocol's 201 body)."""
    wrong.check(address, now)
    req = EnrolRequest.parse(body)
    plain = normalise(req.code)
    if plain is None:
        wrong.wrong(address, now)
        raise ApiError(404, "unknown_code")
    secret = signing.new_secret()
    with db.write() as conn:
        c = tables.enrol_codes
        row = conn.execute(select(c).where(c.c.code_hash == code_hash(plain))).mappings().first()
        if row is None:
            wrong.wrong(address, now)
            raise ApiError(404, "unknown_code")
        if row["used_at"] is not None:
            raise ApiError(410, "code_used")
        if row["expires_at"] < now:
            raise ApiError(410, "code_expired")
        if row["pos_id"] != req.pos_id:
            raise ApiError(409, "pos_id_mismatch", expected_pos_id=row["pos_id"])
        terminal_id = f"{row['centre']}-{req.pos_id}"
        # Claimed before anything else, and only while unused: two requests that both read
        # the code as unused (PostgreSQL lets them) cannot both have it; the loser waits for
        # the winner's commit and finds it used. A refusal below rolls the claim back.
        claimed = conn.execute(
            c.update()
            .where(c.c.code_hash == row["code_hash"], c.c.used_at.is_(None))
            .values(used_at=iso(now), used_by=terminal_id)
            .returning(c.c.code_hash)
        ).first()
        if claimed is None:
            raise ApiError(410, "code_used")
        acked = _take_terminal(conn, terminal_id, row["centre"], req, secret, now)
        centre = conn.execute(select(tables.centres).where(
            tables.centres.c.code == row["centre"])).mappings().one()  # fmt: skip
    return {
        "terminal_id": terminal_id,
        "secret": base64.b64encode(secret).decode(),
        "centre": {k: centre[k] for k in ("code", "name", "province", "district")},
        "server_key": server_key,
        "acknowledged": {"seq": acked[0], "hash": acked[1]},
    }


def _take_terminal(conn: Connection, terminal_id: str, centre: str, req: EnrolRequest,
                   secret: bytes, now: float) -> tuple[int, str]:  # fmt: skip
    t = tables.terminals
    mine = select(t).where(t.c.terminal_id == terminal_id)
    if conn.dialect.name == "postgresql":
        mine = mine.with_for_update()
    have = conn.execute(mine).mappings().first()
    if have is None:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        made = conn.execute(dialect.insert(t).values(
            terminal_id=terminal_id, centre=centre, pos_id=req.pos_id, chain_id=req.chain_id,
            secret=secret.hex(), first_hash=req.first_entry_hash, acked_seq=0,
            acked_hash=GENESIS, enrolled_at=iso(now), client=req.client,
        ).on_conflict_do_nothing().returning(t.c.terminal_id)).first()  # fmt: skip
        if made is not None:
            return 0, GENESIS
        # another code for this POS ID enrolled it a moment ago: judged as a re-enrolment
        have = conn.execute(mine).mappings().one()
    held_first = have["first_hash"]
    if have["acked_seq"] > 0:
        e = tables.entries
        held_first = conn.execute(select(e.c.hash).where(
            e.c.terminal_id == terminal_id, e.c.seq == 1)).scalar()  # fmt: skip
    # Nothing uploaded yet: the first hash given at enrolment is all the server knows of the
    # chain (none for an empty journal, which any first entry may follow).
    same_chain = have["chain_id"] == req.chain_id and (
        held_first == req.first_entry_hash or (have["acked_seq"] == 0 and held_first is None)
    )
    if not same_chain:
        raise ApiError(409, "already_enrolled", terminal_id=terminal_id)
    conn.execute(t.update().where(t.c.terminal_id == terminal_id).values(
        secret=secret.hex(), first_hash=req.first_entry_hash, client=req.client))  # fmt: skip
    return int(have["acked_seq"]), str(have["acked_hash"])
