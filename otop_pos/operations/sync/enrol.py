"""Enrolling this till with the provincial server: a one-time code for its id, secret and key.

The code is the credential (the province makes one per centre and POS ID,
for one use within a day), so whoever holds it may enrol; the till sends
its POS ID, its journal's chain id and the hash of its first entry, and
keeps what it gets back in `sync_state`, never in the journal. The code
and the secret are never logged. Enrolling again (a reinstall, a new
secret after a refusal) replaces the old enrolment whole, which also
clears a permanent stop.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import time
from datetime import UTC, datetime
from typing import Any

from otop_pos.db import journal
from otop_pos.db import settings as settings_db
from otop_pos.db.sync import state as state_db
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.startup import VERSION
from otop_pos.operations.sync.status import SyncStatus, sync_status
from otop_pos.sync import client, messages

log = logging.getLogger(__name__)

_HASH = re.compile(r"[0-9a-f]{64}", re.ASCII)
_TERMINAL = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)


def _key(value: Any, size: int) -> str | None:
    """Base64 text of exactly ``size`` bytes, or None."""
    if not isinstance(value, str):
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return value if len(raw) == size else None


def _refused(code: str, fields: dict[str, Any] | None = None,
             server: dict[str, Any] | None = None) -> OperationError:  # fmt: skip
    th, en = messages.text(code, fields, server)
    return OperationError(th, en)


def enrol_till(session: Session, url: str, code: str) -> SyncStatus:
    """Exchange ``code`` at the server at ``url`` for this till's enrolment; its status after.

    A manager's act (it decides where the centre's books go). Raises
    OperationError (Thai and English) when the server refuses or does not
    answer; nothing is stored then.
    """
    session.require(Permission.MANAGE_SETTINGS)
    store = session.store
    try:
        base = client.check_url(url)
    except client.BadServerUrl as exc:
        th, en = messages.text("bad_url")
        raise FieldError(th, f"{en} ({exc})", "url") from exc
    settings = settings_db.load(store)
    chain = settings.terminal_id
    first = journal.hash_at(store, chain, 1)
    answer = client.enrol(base, code.strip(), settings.pos_id, chain, first,
                          client=f"otop-pos {VERSION}")  # fmt: skip
    if not answer.answered:
        log.warning("enrolment at %s: no answer (%s)", base, answer.problem)
        raise _refused("enrol_no_answer")
    body = answer.body
    if answer.status != 201:
        log.warning("enrolment at %s refused: HTTP %d %s", base, answer.status, answer.error)
        fields = {"pos_id": settings.pos_id, **body}
        if answer.status == 429 and "retry_after" not in fields:
            fields["retry_after"] = answer.headers.get("retry-after", "?")
        raise _refused(answer.error or "bad_answer", {**fields, "status": answer.status}, body)
    terminal_id, acked = body.get("terminal_id"), body.get("acknowledged")
    secret, server_key = _key(body.get("secret"), 32), _key(body.get("server_key"), 32)
    acked_seq = acked.get("seq") if isinstance(acked, dict) else None
    acked_hash = acked.get("hash") if isinstance(acked, dict) else None
    raw_centre = body.get("centre")
    centre: dict[str, Any] = raw_centre if isinstance(raw_centre, dict) else {}
    if not (isinstance(terminal_id, str) and _TERMINAL.fullmatch(terminal_id) and secret
            and server_key and isinstance(acked_seq, int) and not isinstance(acked_seq, bool)
            and acked_seq >= 0 and isinstance(acked_hash, str)
            and _HASH.fullmatch(acked_hash)):  # fmt: skip
        log.warning("enrolment at %s: the answer is not the protocol's", base)
        raise _refused("bad_answer")
    at = to_iso(datetime.fromtimestamp(time.time(), UTC))
    generation = state_db.save_enrolment(
        store, server_url=base, terminal_id=terminal_id, chain_id=chain, secret=secret,
        server_key=server_key, centre=centre, acked_seq=acked_seq, acked_hash=acked_hash, at=at,
    )  # fmt: skip
    log.info("enrolled with %s as %s (chain %s, acknowledged seq %d)", base, terminal_id, chain,
             acked_seq)  # fmt: skip
    if journal.hash_at(store, chain, acked_seq) != acked_hash:  # re-enrolled on an older copy
        th, en = messages.text("behind", {"seq": acked_seq})
        state_db.set_state(store, generation, "stopped", at, "behind", th, en)
    return sync_status(store)
